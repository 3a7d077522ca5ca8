import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The applicant's pages: applying for a place of the guide, then the
/// application's page (`/{city}/visit/standard/applications/{id}`) with
/// the self-assessment, the evidence (photos through `Photos`, PDFs
/// through `Attachments`), the offered slots to book, and each
/// assessment's outcome. Only the applicant sees it (and staff, on their desk).
struct CertificationApplicantPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: CertificationService { CertificationService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/visit/standard/apply", use: applyForm)
        router.post(":city/visit/standard/apply", use: apply)
        router.get(":city/visit/standard/applications/:application", use: page)
        router.post(":city/visit/standard/applications/:application/self-assessment", use: selfAssess)
        router.post(":city/visit/standard/applications/:application/book", use: book)
        router.post(UploadRoute.visitCertPhotos.routerPath, use: uploadPhoto)
        router.post(UploadRoute.visitCertDocuments.routerPath, use: uploadDocument)
        router.get(":city/visit/standard/applications/:application/photos/:photo", use: photo)
        router.get(":city/visit/standard/applications/:application/documents/:document", use: document)
    }

    static func url(_ city: Municipality, _ id: CertificationID) -> String {
        "/\(city.slug.rawValue)/visit/standard/applications/\(id.rawValue)"
    }

    // MARK: Applying

    struct ApplyPage {
        let action: String
        let fields: [FormField]
        let error: String?
        let noPlaces: Bool
    }

    @Sendable func applyForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard context.account != nil else { return HTML.redirect("/login?next=\(HTML.nextParameter(CertificationPages.url(city) + "/apply"))") }
        return try await renderApply(request, context, city: city, typed: FormData(), error: nil)
    }

    @Sendable func apply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { return HTML.redirect("/login?next=\(HTML.nextParameter(CertificationPages.url(city) + "/apply"))") }
        let form = context.form ?? FormData()
        do {
            let certification = try await service.apply(place: form["place"], phone: form["phone"], city: city, by: account.id)
            return HTML.redirect(Self.url(city, certification.id))
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderApply(request, context, city: city, typed: form, error: error)
        }
    }

    private func renderApply(_ request: Request, _ context: AppRequestContext, city: Municipality, typed: FormData, error: AppError?) async throws -> Response {
        let cityID = city.id
        let places = try await services.store.read { try await $0.visitGuide.places(in: cityID) }
            .sorted { $0.name.localized(context.language) < $1.name.localized(context.language) }
        let forms = CertificationForms(html: html, context: context)
        let problem = FormProblem(error, html: html, context: context)
        let chosen = typed["place"]
        let fields = [
            FormField(
                name: "place", label: forms.t("apply.place"), value: chosen, error: problem.message(for: "place"), hint: forms.t("apply.place_hint"),
                required: true,
                options: [SelectOption(value: "", label: forms.t("apply.place_choose"), selected: chosen.isEmpty)]
                    + places.map { SelectOption(value: $0.id.rawValue, label: $0.name.localized(context.language), selected: chosen == $0.id.rawValue) }),
            FormField(
                name: "phone", label: forms.t("apply.phone"), value: typed["phone"], error: problem.message(for: "phone"), hint: forms.t("apply.phone_hint"),
                type: "tel", autocomplete: "tel", required: true, maxlength: 30),
        ]
        let page = ApplyPage(action: CertificationPages.url(city) + "/apply", fields: fields, error: problem.alert(unlessShownBy: fields), noPlaces: places.isEmpty)
        return try await html.render(
            "visit-cert-apply", page: page, titleKey: "visit.cert.apply.title", request: request, context: context, city: city,
            status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }

    // MARK: The application

    struct Slot {
        let value: String
        let label: String
    }

    struct Item {
        let url: String
        let title: String
    }

    struct ApplicationPage {
        let place: String
        let state: String
        let stateHint: String
        let booking: String?
        let certificateURL: String?
        let rounds: [CertificationForms.Round]
        let hasRounds: Bool
        let selfAssessAction: String?
        let sections: [CertificationForms.Section]
        let bookAction: String?
        let slotField: FormField?
        let noSlots: Bool
        let photosAction: String
        let documentsAction: String
        let photoFields: [FormField]
        let documentFields: [FormField]
        let photos: [Item]
        let documents: [Item]
        let error: String?
        let done: Bool
        let standardURL: String
    }

    private func own(_ context: AppRequestContext) async throws -> (Municipality, Account, CertificationRepository.Stored)? {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { return nil }
        let id = CertificationID(rawValue: try context.parameters.require("application"))
        return (city, account, try await service.own(id, in: city.id, by: account.id))
    }

    private func signIn(_ context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = CertificationID(rawValue: try context.parameters.require("application"))
        return HTML.redirect("/login?next=\(HTML.nextParameter(Self.url(city, id)))")
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (city, _, stored) = try await own(context) else { return try await signIn(context) }
        return try await render(request, context, city: city, stored: stored, done: request.uri.queryParameters.get("done") != nil)
    }

    func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, stored: CertificationRepository.Stored, typed: FormData? = nil,
        error: AppError? = nil, about: String? = nil, done: Bool = false
    ) async throws -> Response {
        let certification = stored.certification, cityID = city.id, now = services.clock.now()
        let checklist = try await service.checklist(in: city.id)
        let (place, slots, photos, documents, certificates) = try await services.store.read { tx in
            (
                try await tx.visitGuide.place(certification.place, in: cityID), try await tx.certification.slots(in: cityID, from: now, freeOnly: true),
                try await tx.photos.photos(of: .visitCertification(certification.id), in: cityID),
                try await tx.attachments.attachments(of: .visitCertification(certification.id), in: cityID),
                try await tx.certification.certificates(of: certification.id)
            )
        }
        let forms = CertificationForms(html: html, context: context), language = context.language
        let problem = FormProblem(error, html: html, context: context)
        let base = Self.url(city, certification.id)
        let mayAssess = [.applied, .selfAssessed, .notCertified, .expired, .withdrawn].contains(certification.state)
        let sections = mayAssess
            ? forms.sections(checklist, sheet: certification.selfAssessment.flatMap { $0.checklistVersion == checklist.version ? $0 : nil },
                             typed: about == "self" ? typed : nil, problem: about == "self" ? problem : nil, storagePrefix: "visit-self-\(certification.id.rawValue)")
            : []
        let slotValue = about == "book" ? typed?["slot"] ?? "" : ""
        let slotField = certification.maybeBooked && !slots.isEmpty ? FormField(
            name: "slot", label: forms.t("book.slot"), value: slotValue, error: about == "book" ? problem.message(for: "slot") : nil, required: true,
            options: [SelectOption(value: "", label: forms.t("book.choose"), selected: slotValue.isEmpty)]
                + slots.map { SelectOption(value: $0.id.rawValue, label: DateText.kyiv($0.startsAt), selected: slotValue == $0.id.rawValue) }) : nil
        let uploads = UploadForms(html: html, context: context)
        let photoFields = uploads.photoFields(form: typed ?? FormData(), problem: problem, about: about == "photo" ? "photo" : nil)
        let documentFields = uploads.documentFields(form: typed ?? FormData(), problem: problem, about: about == "document" ? "document" : nil)
        let current = certificates.first { $0.status(at: now) == .valid }
        var shownBy: [FormField] = sections.flatMap { $0.criteria.flatMap(\.fields) } + photoFields + documentFields
        if let slotField { shownBy.append(slotField) }
        let page = ApplicationPage(
            place: place?.name.localized(language) ?? certification.place.rawValue, state: forms.t("state.\(certification.state.rawValue)"),
            stateHint: forms.t("state_hint.\(certification.state.rawValue)"),
            booking: certification.booking.map { forms.t("booked_for", ["when": DateText.kyiv($0.startsAt)]) },
            certificateURL: current.map { CertificationPages.url(city, $0.id) },
            rounds: forms.rounds(certification) { _, id in checklist.criterion(id)?.title.localized(language) ?? id },
            hasRounds: !certification.rounds.isEmpty, selfAssessAction: mayAssess ? base + "/self-assessment" : nil, sections: sections,
            bookAction: slotField == nil ? nil : base + "/book", slotField: slotField, noSlots: certification.maybeBooked && slots.isEmpty,
            photosAction: base + "/photos", documentsAction: base + "/documents", photoFields: photoFields, documentFields: documentFields,
            photos: photos.map { Item(url: "\(base)/photos/\($0.id.rawValue)", title: $0.caption) },
            documents: documents.map { Item(url: "\(base)/documents/\($0.id.rawValue)", title: $0.title) },
            error: problem.alert(unlessShownBy: shownBy), done: done, standardURL: CertificationPages.url(city))
        return try await html.render(
            "visit-cert-application", page: page, titleKey: "visit.cert.application_title", titleArguments: ["place": page.place], request: request,
            context: context, city: city, status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }

    private func step(
        _ request: Request, _ context: AppRequestContext, about: String,
        _ body: (Municipality, AccountID, CertificationRepository.Stored, FormData) async throws -> Void
    ) async throws -> Response {
        guard let (city, account, stored) = try await own(context) else { return try await signIn(context) }
        let form = context.form ?? FormData()
        do {
            try await body(city, account.id, stored, form)
        } catch let error as AppError where error.belongsOnTheForm {
            let fresh = try await service.own(stored.certification.id, in: city.id, by: account.id)
            return try await render(request, context, city: city, stored: fresh, typed: form, error: error, about: about)
        }
        return HTML.redirect(Self.url(city, stored.certification.id) + "?done=1")
    }

    @Sendable func selfAssess(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context, about: "self") { city, account, stored, form in
            try await service.selfAssess(stored.certification.id, answers: try CertificationForms.answers(form), city: city, by: account)
        }
    }

    @Sendable func book(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context, about: "book") { city, account, stored, form in
            try await service.book(stored.certification.id, slot: form["slot"], city: city, by: account)
        }
    }

    @Sendable func uploadPhoto(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context, about: "photo") { city, account, stored, form in
            _ = try await services.photos.add(form.file("photo"), caption: form["caption"], to: .visitCertification(stored.certification.id), city: city, by: account)
        }
    }

    @Sendable func uploadDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context, about: "document") { city, account, stored, form in
            _ = try await services.attachments.add(
                form.file("document"), title: form["title"], to: .visitCertification(stored.certification.id), city: city, by: account)
        }
    }

    /// The evidence of an application: its applicant's, or staff's who assess or certify in the city.
    private func evidenceOwner(_ context: AppRequestContext) async throws -> (Municipality, UploadOwner) {
        let city = try await CityLookup(store: services.store).require(context)
        let id = CertificationID(rawValue: try context.parameters.require("application"))
        let stored = try await service.certification(id, in: city.id)
        let staff = context.principal.map { $0.may(.visitCertify, in: city.id) || $0.may(.visitAssess, in: city.id) } ?? false
        guard staff || stored.certification.applicant == context.account?.id else { throw AppError.notFound }
        return (city, .visitCertification(id))
    }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, owner) = try await evidenceOwner(context)
        var response = try await services.photos.response(PhotoID(rawValue: try context.parameters.require("photo")), city: city.id, request: request) { $0 == owner }
        response.headers[.cacheControl] = "private, max-age=31536000, immutable"
        return response
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, owner) = try await evidenceOwner(context)
        var response = try await services.attachments.response(AttachmentID(rawValue: try context.parameters.require("document")), of: owner, city: city.id)
        response.headers[.cacheControl] = "private, max-age=31536000, immutable"
        return response
    }
}

extension UploadRoute {
    /// The applicant's evidence: photos and PDFs.
    static let visitCertPhotos = UploadRoute(path: "/{city}/visit/standard/applications/{application}/photos", fileLimit: ImageSanitizer.maximumBytes)
    static let visitCertDocuments = UploadRoute(path: "/{city}/visit/standard/applications/{application}/documents", fileLimit: AttachmentRules.maximumBytes)
    /// The assessor's photos taken on site.
    static let visitAssessmentPhotos = UploadRoute(path: "/{city}/admin/visit/assessments/{assessment}/photos", fileLimit: ImageSanitizer.maximumBytes)
    static let visitCertification = [visitCertPhotos, visitCertDocuments, visitAssessmentPhotos]
}
