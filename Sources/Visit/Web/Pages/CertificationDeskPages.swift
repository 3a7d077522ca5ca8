import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The certification staff's desk (`visit.certify`): applications by
/// state, the complaints' flags, certificates expiring within 90 days, the
/// slots offered and booked with the form to offer one; and a
/// certification's page with its rounds, certificates and reports, where
/// the certificate is issued from a passing assessment, withdrawn with a
/// reason, or a re-assessment ordered.
struct CertificationDeskPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: CertificationService { CertificationService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/visit/certification", use: desk)
        router.post(":city/admin/visit/certification/slots", use: offerSlot)
        router.get(":city/admin/visit/certification/:certification", use: page)
        router.post(":city/admin/visit/certification/:certification/issue", use: issue)
        router.post(":city/admin/visit/certification/:certification/withdraw", use: withdraw)
        router.post(":city/admin/visit/certification/:certification/reassess", use: reassess)
        router.post(":city/admin/visit/certification/:certification/reports/:report", use: decideReport)
    }

    /// The desk for the certification staff, the assessments for assessors.
    static let staffLinks = [
        StaffLink(titleKey: "visit.cert.desk.staff_link", path: "admin/visit/certification", for: [.visitCertify]),
        StaffLink(titleKey: "visit.cert.assess.staff_link", path: "admin/visit/assessments", for: [.visitAssess]),
    ]

    static func url(_ city: Municipality, _ id: CertificationID? = nil) -> String {
        "/\(city.slug.rawValue)/admin/visit/certification" + (id.map { "/\($0.rawValue)" } ?? "")
    }

    private func staff(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try CertificationService.requireCapability(.visitCertify, context.principal, in: city.id))
    }

    // MARK: The desk

    struct Row {
        let place: String
        let state: String
        let detail: String
        let url: String
        let flagged: Bool
    }

    struct Group {
        let title: String
        let rows: [Row]
    }

    struct SlotRow {
        let when: String
        let assessor: String
        let place: String
    }

    struct DeskPage {
        let flagged: [Row]
        let hasFlagged: Bool
        let expiring: [Row]
        let hasExpiring: Bool
        let groups: [Group]
        let slots: [SlotRow]
        let hasSlots: Bool
        let slotAction: String
        let slotFields: [FormField]
        let error: String?
        let registerURL: String
        let assessmentsURL: String
    }

    @Sendable func desk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await renderDesk(request, context, city: city, typed: FormData(), error: nil)
    }

    @Sendable func offerSlot(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, principal) = try await staff(context)
        let form = context.form ?? FormData()
        do {
            try await service.offerSlot(startsAt: form["startsAt"], assessor: form["assessor"], city: city, by: principal.accountID)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderDesk(request, context, city: city, typed: form, error: error)
        }
        return HTML.redirect(Self.url(city) + "#slots")
    }

    private func renderDesk(_ request: Request, _ context: AppRequestContext, city: Municipality, typed: FormData, error: AppError?) async throws -> Response {
        let cityID = city.id, now = services.clock.now()
        let (all, certificates, slots, places, names) = try await services.store.read { tx in
            let all = try await tx.certification.certifications(in: cityID)
            let certificates = try await tx.certification.certificates(in: cityID)
            let slots = try await tx.certification.slots(in: cityID, from: now)
            let places = try await tx.visitGuide.places(all.map(\.certification.place), in: cityID)
            var names: [AccountID: String] = [:]
            for assessor in Set(slots.map(\.assessor)) { names[assessor] = try await tx.accounts.find(id: assessor)?.fullName }
            return (all, certificates, slots, places, names)
        }
        let forms = CertificationForms(html: html, context: context), language = context.language
        func placeName(_ certification: Certification) -> String { places[certification.place]?.name.localized(language) ?? certification.place.rawValue }
        func row(_ certification: Certification, detail: String = "") -> Row {
            Row(place: placeName(certification), state: forms.t("state.\(certification.state.rawValue)"), detail: detail, url: Self.url(city, certification.id),
                flagged: certification.flaggedAt != nil)
        }
        let byID = Dictionary(all.map { ($0.certification.id, $0.certification) }, uniquingKeysWith: { first, _ in first })
        let soon = now.addingTimeInterval(90 * 86_400)
        let expiring = CertificationPages.inForce(certificates, at: now).filter { $0.validUntil <= soon }.sorted { $0.validUntil < $1.validUntil }
            .compactMap { certificate in byID[certificate.certification].map { row($0, detail: forms.t("desk.until", ["until": CertificationForms.day(certificate.validUntil)])) } }
        let groups = CertificationState.allCases.compactMap { state -> Group? in
            let rows = all.filter { $0.certification.state == state }.map { stored in
                row(stored.certification, detail: stored.certification.booking.map { forms.t("booked_for", ["when": DateText.kyiv($0.startsAt)]) } ?? "")
            }
            return rows.isEmpty ? nil : Group(title: forms.t("state.\(state.rawValue)"), rows: rows)
        }
        let problem = FormProblem(error, html: html, context: context)
        let slotFields = [
            FormField(name: "startsAt", label: forms.t("desk.slot_when"), value: typed["startsAt"], error: problem.message(for: "startsAt"),
                      type: "datetime-local", required: true),
            FormField(name: "assessor", label: forms.t("desk.slot_assessor"), value: typed["assessor"], error: problem.message(for: "assessor"),
                      hint: forms.t("desk.slot_assessor_hint"), type: "email", autocomplete: "off", required: true, maxlength: 254),
        ]
        let page = DeskPage(
            flagged: all.filter { $0.certification.flaggedAt != nil }.map { row($0.certification, detail: forms.t("desk.flag")) },
            hasFlagged: all.contains { $0.certification.flaggedAt != nil }, expiring: expiring, hasExpiring: !expiring.isEmpty, groups: groups,
            slots: slots.map { slot in
                SlotRow(when: DateText.kyiv(slot.startsAt), assessor: names[slot.assessor] ?? "",
                        place: slot.certification.flatMap { byID[$0] }.map(placeName) ?? forms.t("desk.slot_free"))
            },
            hasSlots: !slots.isEmpty, slotAction: Self.url(city) + "/slots", slotFields: slotFields, error: problem.alert(unlessShownBy: slotFields),
            registerURL: CertificationPages.url(city), assessmentsURL: CertificationAssessorPages.url(city))
        return try await html.render(
            "visit-cert-desk", page: page, titleKey: "visit.cert.desk.title", request: request, context: context, city: city,
            status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }

    // MARK: A certification

    struct CertificateRow {
        let level: String
        let status: String
        let validUntil: String
        let url: String
        let printURL: String
    }

    struct Report {
        let when: String
        let body: String
        let state: String
        let action: String
        let open: Bool
    }

    struct CasePage {
        let place: String
        let address: String
        let applicant: String
        let phone: String
        let state: String
        let flagged: String?
        let reassessment: String?
        let booking: String?
        let rounds: [CertificationForms.Round]
        let hasRounds: Bool
        let certificates: [CertificateRow]
        let hasCertificates: Bool
        let reports: [Report]
        let hasReports: Bool
        let rating: String?
        let evidenceURL: String
        let assessmentURL: String?
        let issueAction: String?
        let withdrawAction: String?
        let withdrawFields: [FormField]
        let reassessAction: String?
        let error: String?
        let deskURL: String
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let stored = try await service.certification(CertificationID(rawValue: try context.parameters.require("certification")), in: city.id)
        return try await renderCase(request, context, city: city, stored: stored)
    }

    private func renderCase(
        _ request: Request, _ context: AppRequestContext, city: Municipality, stored: CertificationRepository.Stored, typed: FormData? = nil, error: AppError? = nil
    ) async throws -> Response {
        let certification = stored.certification, cityID = city.id, now = services.clock.now()
        let (place, applicant, certificates, reports, totals, assessors) = try await services.store.read { tx in
            var assessors: [AccountID: String] = [:]
            for round in certification.rounds { assessors[round.assessor] = try await tx.accounts.find(id: round.assessor)?.fullName }
            return (
                try await tx.visitGuide.place(certification.place, in: cityID), try await tx.accounts.find(id: certification.applicant),
                try await tx.certification.certificates(of: certification.id), try await tx.certification.reports(of: certification.id),
                try await tx.certification.ratingTotals(of: certification.id), assessors
            )
        }
        var checklists: [Int: HospitalityChecklist] = [:]
        for version in Set(certification.rounds.map(\.sheet.checklistVersion)) {
            checklists[version] = try await service.checklist(version: version, in: city.id)
        }
        let forms = CertificationForms(html: html, context: context), language = context.language
        let problem = FormProblem(error, html: html, context: context)
        let base = Self.url(city, certification.id)
        let withdrawFields = [
            FormField(name: "reason", label: forms.t("desk.reason"), value: typed?["reason"] ?? "", error: problem.message(for: "reason"),
                      hint: forms.t("desk.reason_hint"), required: true, minlength: Certification.reasonLength.lowerBound,
                      maxlength: Certification.reasonLength.upperBound, rows: 3),
        ]
        let page = CasePage(
            place: place?.name.localized(language) ?? certification.place.rawValue, address: place?.address.localized(language) ?? "",
            applicant: applicant?.fullName ?? "", phone: certification.contactPhone, state: forms.t("state.\(certification.state.rawValue)"),
            flagged: certification.flaggedAt.map { forms.t("desk.flagged_at", ["when": DateText.kyiv($0)]) },
            reassessment: certification.reassessment.map { forms.t("desk.reassessment.\($0.rawValue)") },
            booking: certification.booking.map { forms.t("booked_for", ["when": DateText.kyiv($0.startsAt)]) },
            rounds: forms.rounds(certification, title: { version, id in checklists[version]?.criterion(id)?.title.localized(language) ?? id },
                                 assessors: assessors),
            hasRounds: !certification.rounds.isEmpty,
            certificates: certificates.map {
                CertificateRow(level: forms.levelName($0.level), status: forms.t("status.\($0.status(at: now).rawValue)"),
                               validUntil: CertificationForms.day($0.validUntil), url: CertificationPages.url(city, $0.id),
                               printURL: CertificationPages.url(city, $0.id) + "/print")
            },
            hasCertificates: !certificates.isEmpty,
            reports: reports.map {
                Report(when: DateText.kyiv($0.createdAt), body: $0.body, state: forms.t("report_state.\($0.state.rawValue)"),
                       action: "\(base)/reports/\($0.id)", open: $0.state == .open)
            },
            hasReports: !reports.isEmpty,
            rating: totals.count == 0 ? nil : forms.t("rating", ["mean": CertificationPages.mean(totals, language), "count": String(totals.count)]),
            evidenceURL: CertificationApplicantPages.url(city, certification.id),
            assessmentURL: certification.state == .booked || !certification.rounds.isEmpty ? CertificationAssessorPages.url(city, certification.id) : nil,
            issueAction: certification.state == .assessed ? base + "/issue" : nil,
            withdrawAction: certification.certificate != nil ? base + "/withdraw" : nil, withdrawFields: withdrawFields,
            reassessAction: certification.state == .certified && certification.reassessment == nil ? base + "/reassess" : nil,
            error: problem.alert(unlessShownBy: withdrawFields), deskURL: Self.url(city))
        return try await html.render(
            "visit-cert-case", page: page, titleKey: "visit.cert.desk.case_title", titleArguments: ["place": page.place], request: request,
            context: context, city: city, status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }

    private func step(
        _ request: Request, _ context: AppRequestContext, _ body: (Municipality, Principal, CertificationRepository.Stored, FormData) async throws -> Void
    ) async throws -> Response {
        let (city, principal) = try await staff(context)
        let id = CertificationID(rawValue: try context.parameters.require("certification"))
        let stored = try await service.certification(id, in: city.id)
        let form = context.form ?? FormData()
        do {
            try await body(city, principal, stored, form)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderCase(request, context, city: city, stored: try await service.certification(id, in: city.id), typed: form, error: error)
        }
        return HTML.redirect(Self.url(city, id))
    }

    @Sendable func issue(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { city, principal, stored, _ in _ = try await service.issue(stored.certification.id, city: city, by: principal.accountID) }
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { city, principal, stored, form in
            try await service.withdraw(stored.certification.id, reason: form["reason"], city: city, by: principal.accountID)
        }
    }

    @Sendable func reassess(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { city, principal, stored, _ in
            try await service.orderReassessment(stored.certification.id, city: city, by: principal.accountID)
        }
    }

    @Sendable func decideReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { city, principal, stored, form in
            try await service.decideReport(
                stored.certification.id, report: try context.parameters.require("report"), decision: form["decision"], city: city, by: principal.accountID)
        }
    }
}
