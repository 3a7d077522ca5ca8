import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The assessor's pages (`visit.assess`), made for a phone on site: the
/// assessments booked, and one assessment's checklist by section, each
/// section its own form saved on the server as a draft (a poor connection
/// loses at most the section being typed; `visit-assessment.js` keeps even
/// that in the browser until it is saved), photos taken on site beside
/// their criterion, and the submission that computes the level.
struct CertificationAssessorPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: CertificationService { CertificationService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/visit/assessments", use: list)
        router.get(":city/admin/visit/assessments/:assessment", use: page)
        router.post(":city/admin/visit/assessments/:assessment/sections/:section", use: saveSection)
        router.post(UploadRoute.visitAssessmentPhotos.routerPath, use: uploadPhoto)
        router.post(":city/admin/visit/assessments/:assessment/submit", use: submit)
    }

    static func url(_ city: Municipality, _ id: CertificationID? = nil) -> String {
        "/\(city.slug.rawValue)/admin/visit/assessments" + (id.map { "/\($0.rawValue)" } ?? "")
    }

    private func staff(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try CertificationService.requireCapability(.visitAssess, context.principal, in: city.id))
    }

    // MARK: The list

    struct Row {
        let place: String
        let when: String
        let state: String
        let url: String
        let mine: Bool
    }

    struct ListPage {
        let rows: [Row]
        let empty: Bool
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, principal) = try await staff(context)
        let cityID = city.id
        let (booked, places) = try await services.store.read { tx in
            let booked = try await tx.certification.certifications(in: cityID, states: [.booked])
            return (booked, try await tx.visitGuide.places(booked.map(\.certification.place), in: cityID))
        }
        let forms = CertificationForms(html: html, context: context)
        let rows = booked.sorted { ($0.certification.booking?.startsAt ?? .distantPast) < ($1.certification.booking?.startsAt ?? .distantPast) }.map { stored in
            let certification = stored.certification
            return Row(
                place: places[certification.place]?.name.localized(context.language) ?? certification.place.rawValue,
                when: certification.booking.map { DateText.kyiv($0.startsAt) } ?? "", state: forms.t("state.\(certification.state.rawValue)"),
                url: Self.url(city, certification.id), mine: certification.booking?.assessor == principal.accountID)
        }
        return try await html.render(
            "visit-cert-assessments", page: ListPage(rows: rows, empty: rows.isEmpty), titleKey: "visit.cert.assess.list_title", request: request,
            context: context, city: city)
    }

    // MARK: An assessment

    struct AssessmentPage {
        let place: String
        let address: String
        let when: String
        let version: String
        let mine: Bool
        let sections: [CertificationForms.Section]
        let photoAction: String
        let photoFields: [FormField]
        let submitAction: String
        let error: String?
        let saved: String?
        let outcome: String?
        let deskURL: String
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, principal) = try await staff(context)
        let stored = try await service.certification(CertificationID(rawValue: try context.parameters.require("assessment")), in: city.id)
        let saved = request.uri.queryParameters.get("saved").flatMap { StandardSection(rawValue: $0) }
        return try await render(request, context, city: city, principal: principal, stored: stored, saved: saved)
    }

    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, principal: Principal, stored: CertificationRepository.Stored,
        typed: FormData? = nil, error: AppError? = nil, about: StandardSection? = nil, photo: Bool = false, saved: StandardSection? = nil
    ) async throws -> Response {
        let certification = stored.certification, cityID = city.id
        let checklist = try await service.checklist(version: certification.checklistVersion, in: city.id)
        let place = try await services.store.read { try await $0.visitGuide.place(certification.place, in: cityID) }
        let forms = CertificationForms(html: html, context: context), language = context.language
        let problem = FormProblem(error, html: html, context: context)
        let base = Self.url(city, certification.id), evidence = CertificationApplicantPages.url(city, certification.id)
        let booked = certification.state == .booked
        let mine = booked && certification.booking?.assessor == principal.accountID
        // Only the section sent keeps what was typed; the others show the saved draft.
        var sections = forms.sections(
            checklist, sheet: certification.draft, typed: nil, problem: nil, action: mine ? { base + "/sections/\($0.rawValue)" } : nil,
            storagePrefix: "visit-assessment-\(certification.id.rawValue)", photoURL: { "\(evidence)/photos/\($0)" })
        if let about, let index = sections.firstIndex(where: { $0.key == about.rawValue }) {
            let typedSections = forms.sections(
                checklist, sheet: certification.draft, typed: typed, problem: problem, action: { base + "/sections/\($0.rawValue)" },
                storagePrefix: "visit-assessment-\(certification.id.rawValue)", photoURL: { "\(evidence)/photos/\($0)" })
            if let replacement = typedSections.first(where: { $0.key == about.rawValue }) { sections[index] = replacement }
        }
        let chosen = photo ? typed?["criterion"] ?? "" : ""
        let uploads = UploadForms(html: html, context: context)
        let photoFields = [
            FormField(
                name: "criterion", label: forms.t("assess.photo_criterion"), value: chosen, error: photo ? problem.message(for: "criterion") : nil,
                required: true,
                options: [SelectOption(value: "", label: forms.t("assess.photo_choose"), selected: chosen.isEmpty)]
                    + checklist.criteria.map { SelectOption(value: $0.id, label: "\(forms.sectionTitle($0.section)): \($0.title.localized(language))", selected: chosen == $0.id) }),
        ] + uploads.photoFields(form: typed ?? FormData(), problem: photo ? problem : nil, about: photo ? "photo" : nil)
        let last = certification.lastRound
        let outcome = !booked ? last.map { forms.t("assess.outcome", ["level": forms.levelName($0.outcome.level), "score": $0.outcome.score.percent(decimalComma: language == .uk)]) } : nil
        let shownBy = sections.flatMap { $0.criteria.flatMap(\.fields) } + photoFields
        let page = AssessmentPage(
            place: place?.name.localized(language) ?? certification.place.rawValue, address: place?.address.localized(language) ?? "",
            when: certification.booking.map { DateText.kyiv($0.startsAt) } ?? "", version: forms.t("version", ["version": String(checklist.version)]),
            mine: mine, sections: sections, photoAction: base + "/photos", photoFields: photoFields, submitAction: base + "/submit",
            error: problem.alert(unlessShownBy: shownBy), saved: saved.map { forms.t("assess.saved", ["section": forms.sectionTitle($0)]) },
            outcome: outcome, deskURL: Self.url(city))
        return try await html.render(
            "visit-cert-assessment", page: page, titleKey: "visit.cert.assess.title", titleArguments: ["place": page.place], request: request,
            context: context, city: city, status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }

    private func step(
        _ request: Request, _ context: AppRequestContext, section: StandardSection? = nil, photo: Bool = false,
        _ body: (Municipality, Principal, CertificationRepository.Stored, FormData) async throws -> String
    ) async throws -> Response {
        let (city, principal) = try await staff(context)
        let id = CertificationID(rawValue: try context.parameters.require("assessment"))
        let stored = try await service.certification(id, in: city.id)
        let form = context.form ?? FormData()
        do {
            return HTML.redirect(try await body(city, principal, stored, form))
        } catch let error as AppError where error.belongsOnTheForm {
            if case .forbidden = error { throw error }
            let fresh = try await service.certification(id, in: city.id)
            return try await render(request, context, city: city, principal: principal, stored: fresh, typed: form, error: error, about: section, photo: photo)
        }
    }

    @Sendable func saveSection(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let section = StandardSection(rawValue: try context.parameters.require("section")) else { throw AppError.notFound }
        return try await step(request, context, section: section) { city, principal, stored, form in
            try await service.saveSection(stored.certification.id, section: section, answers: try CertificationForms.answers(form), city: city, by: principal.accountID)
            return Self.url(city, stored.certification.id) + "?saved=\(section.rawValue)#section-\(section.rawValue)"
        }
    }

    @Sendable func uploadPhoto(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context, photo: true) { city, principal, stored, form in
            guard !form["criterion"].isEmpty else { throw AppError.invalid(code: "visit_cert_photo_criterion", field: "criterion") }
            try await service.addPhoto(
                stored.certification.id, file: form.file("photo"), criterion: form["criterion"], caption: form["caption"], city: city, by: principal.accountID)
            return Self.url(city, stored.certification.id) + "#photos"
        }
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { city, principal, stored, _ in
            _ = try await service.submit(stored.certification.id, city: city, by: principal.accountID)
            return Self.url(city, stored.certification.id)
        }
    }
}
