import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The standard as the public sees it: `/{city}/visit/standard` (the
/// current checklist by section, the levels, and the register of certified
/// places with their map), a certificate's verification page (what the
/// door's QR code opens: valid, expired, withdrawn, shown unmistakably, with
/// the forms to rate or report), and the printable certificate with that QR code.
struct CertificationPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: CertificationService { CertificationService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/visit/standard", use: standard)
        router.get(":city/visit/standard/certificates/:certificate", use: verify)
        router.get(":city/visit/standard/certificates/:certificate/print", use: printable)
        router.post(":city/visit/standard/certificates/:certificate/rate", use: rate)
        router.post(":city/visit/standard/certificates/:certificate/report", use: report)
        CertificationApplicantPages(services: services).add(to: router)
        CertificationAssessorPages(services: services).add(to: router)
        CertificationDeskPages(services: services).add(to: router)
        ChecklistEditorPages(services: services).add(to: router)
        CertificationOpenData.add(to: router, services: services)
    }

    static func url(_ city: Municipality, _ id: CertificateID? = nil) -> String {
        "/\(city.slug.rawValue)/visit/standard" + (id.map { "/certificates/\($0.rawValue)" } ?? "")
    }

    // MARK: The standard and its register

    struct Criterion {
        let title: String
        let guidance: String
        let weight: String
        let required: Bool
    }

    struct Section {
        let title: String
        let criteria: [Criterion]
    }

    struct Entry {
        let place: String
        let address: String
        let level: String
        let distinction: Bool
        let validUntil: String
        let url: String
    }

    struct StandardPage {
        let version: String
        let levels: String
        let sections: [Section]
        let register: [Entry]
        let empty: Bool
        let map: MapView?
        let applyURL: String
        let mine: [Mine]
        let openDataURL: String
    }

    struct Mine {
        let place: String
        let state: String
        let url: String
    }

    /// The register's rows: each place's certificate in force, the newest first.
    static func inForce(_ certificates: [Certificate], at now: Date) -> [Certificate] {
        var seen = Set<CertificationID>()
        return certificates.filter { $0.status(at: now) == .valid && seen.insert($0.certification).inserted }
    }

    @Sendable func standard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let cityID = city.id
        // A city that has not adopted the standard says so: its visitors follow the guide's link here too.
        guard let checklist = try await services.store.read({ try await $0.certification.currentChecklist(in: cityID) }) else {
            struct NotAdopted { let guideURL: String }
            return try await html.render(
                "visit-cert-none", page: NotAdopted(guideURL: GuidePages.url(city)), titleKey: "visit.cert.title",
                titleArguments: ["city": city.name.localized(context.language)], request: request, context: context, city: city)
        }
        let now = services.clock.now(), account = context.account?.id
        let (certificates, places, mine) = try await services.store.read { tx in
            let certificates = Self.inForce(try await tx.certification.certificates(in: cityID), at: now)
            let mine = try await account.asyncFlatMap { try await tx.certification.certifications(of: $0, in: cityID) } ?? []
            let places = try await tx.visitGuide.places(certificates.map(\.place) + mine.map(\.certification.place), in: cityID)
            return (certificates, places, mine)
        }
        let forms = CertificationForms(html: html, context: context)
        let language = context.language
        let register = certificates.compactMap { certificate -> Entry? in
            guard let place = places[certificate.place] else { return nil }
            return Entry(
                place: place.name.localized(language), address: place.address.localized(language), level: forms.levelName(certificate.level),
                distinction: certificate.level == .certifiedWithDistinction, validUntil: CertificationForms.day(certificate.validUntil),
                url: Self.url(city, certificate.id))
        }
        let points = certificates.compactMap { certificate -> MapPoint? in
            guard let place = places[certificate.place] else { return nil }
            return MapPoint(
                id: certificate.id.rawValue, longitude: place.location.longitude, latitude: place.location.latitude, title: place.name.localized(language),
                url: Self.url(city, certificate.id), label: forms.levelName(certificate.level))
        }
        let page = StandardPage(
            version: forms.t("version", ["version": String(checklist.version)]),
            levels: forms.t("levels_rule", [
                "certified": AssessmentScore(met: checklist.certifiedThreshold, applicable: 1000).percent(decimalComma: language == .uk),
                "distinction": AssessmentScore(met: checklist.distinctionThreshold, applicable: 1000).percent(decimalComma: language == .uk),
            ]),
            sections: checklist.sections.map { section in
                Section(title: forms.sectionTitle(section), criteria: checklist.criteria(in: section).map {
                    Criterion(title: $0.title.localized(language), guidance: $0.guidance.localized(language),
                              weight: forms.t("weight", ["weight": String($0.weight)]), required: $0.required)
                })
            },
            register: register, empty: register.isEmpty, map: try Self.map(points, label: forms.t("map"), services: services),
            applyURL: account == nil ? "/login?next=\(HTML.nextParameter(Self.url(city) + "/apply"))" : Self.url(city) + "/apply",
            mine: mine.map {
                Mine(place: places[$0.certification.place]?.name.localized(language) ?? $0.certification.place.rawValue,
                     state: forms.t("state.\($0.certification.state.rawValue)"), url: CertificationApplicantPages.url(city, $0.certification.id))
            },
            openDataURL: "/api/v1/\(city.slug.rawValue)/open-data/visit/certificates.csv")
        return try await html.render(
            "visit-cert-standard", page: page, titleKey: "visit.cert.title", titleArguments: ["city": city.name.localized(language)],
            request: request, context: context, city: city)
    }

    /// The points drawn from the page itself (no request of their own); nil when there are none.
    static func map(_ points: [MapPoint], label: String, services: AppServices) throws -> MapView? {
        guard let centre = MapPoint.centre(of: points) else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        struct Geometry: Encodable { let type = "Point"; let coordinates: [Double] }
        struct Properties: Encodable { let title: String; let url: String; let label: String }
        struct Feature: Encodable { let type = "Feature"; let geometry: Geometry; let properties: Properties }
        struct Collection: Encodable { let type = "FeatureCollection"; let features: [Feature] }
        let shape = String(decoding: try encoder.encode(Collection(features: points.map {
            Feature(geometry: Geometry(coordinates: [$0.longitude, $0.latitude]), properties: Properties(title: $0.title, url: $0.url, label: $0.label))
        })), as: UTF8.self)
        return MapView(services: services, label: label, centre: centre, shape: shape)
    }

    // MARK: Verification

    struct VerifyPage {
        let status: String
        let statusText: String
        let statusDetail: String
        let place: String
        let address: String
        let level: String
        let validFrom: String
        let validUntil: String
        let version: String
        let score: String
        let withdrawnReason: String?
        let replacementURL: String?
        let rating: String?
        let valid: Bool
        let loginURL: String?
        let rateAction: String?
        let rateFields: [FormField]
        let reportAction: String?
        let reportFields: [FormField]
        let error: String?
        let done: String?
        let printURL: String
        let registerURL: String
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let certificate = try await service.certificate(CertificateID(rawValue: try context.parameters.require("certificate")), in: city.id)
        let done = request.uri.queryParameters.get("done").flatMap { ["rated", "reported"].contains($0) ? $0 : nil }
        return try await render(request, context, city: city, certificate: certificate, done: done)
    }

    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, certificate: Certificate, typed: FormData? = nil, error: AppError? = nil,
        about: String? = nil, done: String? = nil
    ) async throws -> Response {
        let cityID = city.id, now = services.clock.now()
        let (place, totals) = try await services.store.read { tx in
            (try await tx.visitGuide.place(certificate.place, in: cityID), try await tx.certification.ratingTotals(of: certificate.certification))
        }
        let forms = CertificationForms(html: html, context: context), language = context.language
        let status = certificate.status(at: now)
        let base = Self.url(city, certificate.id)
        let signedIn = context.account != nil, valid = status == .valid
        let problem = FormProblem(error, html: html, context: context)
        let rateProblem = about == "rate" ? problem : nil, reportProblem = about == "report" ? problem : nil
        let stars = typed.map { $0["stars"] } ?? ""
        let rateFields = [
            FormField(
                name: "stars", label: forms.t("stars_label"), value: stars, error: rateProblem.message(for: "stars"), required: true,
                options: [SelectOption(value: "", label: forms.t("stars_choose"), selected: stars.isEmpty)]
                    + VisitorRating.range.reversed().map { SelectOption(value: String($0), label: forms.t("stars.\($0)"), selected: stars == String($0)) }),
        ]
        let reportFields = [
            FormField(
                name: "report", label: forms.t("report_label"), value: about == "report" ? typed?["report"] ?? "" : "",
                error: reportProblem.message(for: "report"), hint: forms.t("report_hint"), required: true,
                minlength: VisitorReportText.length.lowerBound, maxlength: VisitorReportText.length.upperBound, rows: 4),
        ]
        let mean = totals.count == 0 ? nil : forms.t("rating", ["mean": Self.mean(totals, language), "count": String(totals.count)])
        let page = VerifyPage(
            status: status.rawValue, statusText: forms.t("status.\(status.rawValue)"),
            statusDetail: forms.t("status_detail.\(status.rawValue)", ["until": CertificationForms.day(certificate.validUntil)]),
            place: place?.name.localized(language) ?? certificate.place.rawValue, address: place?.address.localized(language) ?? "",
            level: forms.levelName(certificate.level), validFrom: CertificationForms.day(certificate.issuedAt),
            validUntil: CertificationForms.day(certificate.validUntil), version: String(certificate.checklistVersion),
            score: certificate.score.percent(decimalComma: language == .uk) + " %",
            withdrawnReason: status == .withdrawn ? certificate.withdrawnReason : nil,
            replacementURL: certificate.replacedBy.map { Self.url(city, $0) }, rating: mean, valid: valid,
            loginURL: valid && !signedIn ? "/login?next=\(HTML.nextParameter(base))" : nil,
            rateAction: valid && signedIn ? base + "/rate" : nil, rateFields: rateFields,
            reportAction: valid && signedIn ? base + "/report" : nil, reportFields: reportFields,
            error: problem.alert(unlessShownBy: about == "rate" ? rateFields : about == "report" ? reportFields : []),
            done: done.map { forms.t("done.\($0)") }, printURL: base + "/print", registerURL: Self.url(city))
        var response = try await html.render(
            "visit-cert-verify", page: page, titleKey: "visit.cert.verify_title", titleArguments: ["place": page.place], request: request,
            context: context, city: city, status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
        // What the door's QR code opens must say the truth now, never a cached yesterday.
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    /// The mean rating with one decimal, rounded half up: `4,3`.
    static func mean(_ totals: (count: Int, sum: Int), _ language: Language) -> String {
        let tenths = (totals.sum * 20 + totals.count) / (2 * totals.count)
        return "\(tenths / 10)\(language == .uk ? "," : ".")\(tenths % 10)"
    }

    private func visitorStep(
        _ request: Request, _ context: AppRequestContext, about: String,
        _ body: (CertificationService, Municipality, CertificateID, AccountID, FormData) async throws -> Void
    ) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = CertificateID(rawValue: try context.parameters.require("certificate"))
        let certificate = try await service.certificate(id, in: city.id)
        guard let account = context.account else { return HTML.redirect("/login?next=\(HTML.nextParameter(Self.url(city, id)))") }
        let form = context.form ?? FormData()
        do {
            try await body(service, city, id, account.id, form)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, certificate: certificate, typed: form, error: error, about: about)
        }
        return HTML.redirect(Self.url(city, id) + (about == "rate" ? "?done=rated" : "?done=reported"))
    }

    @Sendable func rate(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await visitorStep(request, context, about: "rate") { service, city, id, account, form in
            try await service.rate(id, stars: form["stars"], city: city, by: account)
        }
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await visitorStep(request, context, about: "report") { service, city, id, account, form in
            try await service.report(id, text: form["report"], city: city, by: account)
        }
    }

    // MARK: The printable certificate

    struct CertificatePage {
        let standard: String
        let place: String
        let address: String
        let level: String
        let validFrom: String
        let validUntil: String
        let status: String
        let statusText: String
        let valid: Bool
        let qr: String?
        let verifyURL: String
        let verifyPath: String
    }

    @Sendable func printable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let certificate = try await service.certificate(CertificateID(rawValue: try context.parameters.require("certificate")), in: city.id)
        let place = try await services.store.read { [cityID = city.id] tx in try await tx.visitGuide.place(certificate.place, in: cityID) }
        let forms = CertificationForms(html: html, context: context), language = context.language
        let status = certificate.status(at: services.clock.now())
        let address = service.verificationURL(certificate.id, city: city)
        let page = CertificatePage(
            standard: forms.t("standard_name", ["city": city.name.localized(language)]), place: place?.name.localized(language) ?? certificate.place.rawValue,
            address: place?.address.localized(language) ?? "", level: forms.levelName(certificate.level),
            validFrom: CertificationForms.day(certificate.issuedAt), validUntil: CertificationForms.day(certificate.validUntil),
            status: status.rawValue, statusText: forms.t("status.\(status.rawValue)"), valid: status == .valid,
            qr: QRCode(text: address, correction: .medium)?.svg(label: forms.t("qr_label")), verifyURL: address, verifyPath: Self.url(city, certificate.id))
        return try await html.render(
            "visit-cert-certificate", page: page, titleKey: "visit.cert.certificate_title", titleArguments: ["place": page.place], request: request,
            context: context, city: city)
    }
}
