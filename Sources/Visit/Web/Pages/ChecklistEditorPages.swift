import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The standard's checklist as its staff revise it (`visit.certify`):
/// `/{city}/admin/visit/certification/checklist` shows the current version's
/// criteria as rows (section, title and guidance in both languages, weight,
/// whether required) with empty rows to add more, and the two thresholds.
/// Saving publishes the next version; assessments already made keep the
/// version they used. A criterion keeps its id from version to version, so
/// a revised wording is still the same criterion; a row whose titles are
/// emptied is left out of the new version.
struct ChecklistEditorPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/visit/certification/checklist", use: show)
        router.post(":city/admin/visit/certification/checklist", use: publish)
    }

    static func url(_ city: Municipality) -> String { "\(CertificationDeskPages.url(city))/checklist" }

    /// Titles and guidance: long enough to say something, short enough for a phone's checklist.
    static let titleLength = 3...300
    static let guidanceLength = 0...1_000
    /// Empty rows offered after the criteria, to add more.
    static let spareRows = 3

    private func staff(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try CertificationService.requireCapability(.visitCertify, context.principal, in: city.id))
    }

    static func form(of checklist: HospitalityChecklist?) -> FormData {
        var fields: [String: [String]] = [
            "certified": [String((checklist?.certifiedThreshold ?? 700) / 10)], "distinction": [String((checklist?.distinctionThreshold ?? 900) / 10)],
        ]
        for (index, criterion) in (checklist?.criteria ?? []).enumerated() {
            fields["id_\(index)"] = [criterion.id]
            fields["section_\(index)"] = [criterion.section.rawValue]
            fields["titleUk_\(index)"] = [criterion.title.uk]
            fields["titleEn_\(index)"] = [criterion.title.en]
            fields["guidanceUk_\(index)"] = [criterion.guidance.uk]
            fields["guidanceEn_\(index)"] = [criterion.guidance.en]
            fields["weight_\(index)"] = [String(criterion.weight)]
            if criterion.required { fields["required_\(index)"] = ["1"] }
        }
        return FormData(fields: fields)
    }

    /// The rows a form holds: every row up to the last with anything typed in it, within the checklist's limit.
    static func rows(_ form: FormData) -> Int {
        let last = (0..<HospitalityChecklist.criteriaLimit).last { index in
            ["id", "titleUk", "titleEn"].contains { !form["\($0)_\(index)"].isEmpty }
        }
        return last.map { $0 + 1 } ?? 0
    }

    /// The next version from the form, or the problems by field (`errors.<code>`).
    static func read(_ form: FormData, version: Int) -> (HospitalityChecklist?, [String: String]) {
        var problems: [String: String] = [:]
        var criteria: [StandardCriterion] = []
        var ids = Set<String>()
        // The ids the form keeps: a new criterion's id is none of them, whichever row comes first.
        let kept = Set((0..<rows(form)).map { form["id_\($0)"] })
        for index in 0..<rows(form) {
            let title = LocalizedName(
                uk: form["titleUk_\(index)"].trimmingCharacters(in: .whitespacesAndNewlines), en: form["titleEn_\(index)"].trimmingCharacters(in: .whitespacesAndNewlines))
            // A row with both titles empty is no criterion: left out (a new row not filled in, an old one removed).
            if title.uk.isEmpty, title.en.isEmpty { continue }
            let guidance = LocalizedName(
                uk: form["guidanceUk_\(index)"].trimmingCharacters(in: .whitespacesAndNewlines),
                en: form["guidanceEn_\(index)"].trimmingCharacters(in: .whitespacesAndNewlines))
            if !titleLength.contains(title.uk.count) { problems["titleUk_\(index)"] = "visit_cert_checklist_title" }
            if !titleLength.contains(title.en.count) { problems["titleEn_\(index)"] = "visit_cert_checklist_title" }
            if !guidanceLength.contains(guidance.uk.count) { problems["guidanceUk_\(index)"] = "visit_cert_checklist_guidance" }
            if !guidanceLength.contains(guidance.en.count) { problems["guidanceEn_\(index)"] = "visit_cert_checklist_guidance" }
            let section = StandardSection(rawValue: form["section_\(index)"])
            if section == nil { problems["section_\(index)"] = "visit_cert_checklist_section" }
            let weight = FormNumber.whole(form["weight_\(index)"].trimmingCharacters(in: .whitespaces))
            if weight.map(StandardCriterion.weights.contains) != true { problems["weight_\(index)"] = "visit_cert_checklist_weight" }
            // A kept criterion keeps its id; a new one gets the next free `c<n>`.
            var id = String(form["id_\(index)"].prefix(StandardCriterion.idLength.upperBound))
            if id.isEmpty || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) || ids.contains(id) {
                id = (1...).lazy.map { "c\($0)" }.first { !ids.contains($0) && !kept.contains($0) } ?? "c\(index)"
            }
            ids.insert(id)
            if let section, let weight {
                criteria.append(StandardCriterion(
                    id: id, section: section, title: title, guidance: guidance, weight: weight, required: !form["required_\(index)"].isEmpty))
            }
        }
        if criteria.isEmpty, problems.isEmpty { problems["criteria"] = "visit_cert_checklist_empty" }
        let certified = FormNumber.whole(form["certified"].trimmingCharacters(in: .whitespaces))
        let distinction = FormNumber.whole(form["distinction"].trimmingCharacters(in: .whitespaces))
        guard let certified, let distinction, (1...99).contains(certified), (2...100).contains(distinction), certified < distinction else {
            problems["certified"] = "visit_cert_checklist_thresholds"
            return (nil, problems)
        }
        let checklist = HospitalityChecklist(version: version, criteria: criteria, certifiedThreshold: certified * 10, distinctionThreshold: distinction * 10)
        if problems.isEmpty, checklist.problem != nil { problems["criteria"] = "visit_cert_checklist_empty" }
        return (problems.isEmpty ? checklist : nil, problems)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let cityID = city.id
        let current = try await services.store.read { try await $0.certification.currentChecklist(in: cityID) }
        return try await render(request, context, city: city, current: current, form: Self.form(of: current))
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        let cityID = city.id, form = context.form ?? FormData()
        let current = try await services.store.read { try await $0.certification.currentChecklist(in: cityID) }
        let version = (current?.version ?? 0) + 1
        let (checklist, problems) = Self.read(form, version: version)
        guard let checklist, problems.isEmpty else {
            return try await render(request, context, city: city, current: current, form: form, problems: problems)
        }
        let audit = services.audit, now = services.clock.now()
        // Two staff publishing from the same version: the second finds the version taken and is told so.
        let published = try await services.store.write { tx -> Bool in
            guard try await tx.certification.publish(checklist, in: cityID, at: now) else { return false }
            try await audit.record(
                tx, action: AuditAction.visitCertChecklistPublished, actor: staff.accountID, municipality: cityID, subject: String(version),
                details: ["version": String(version), "criteria": String(checklist.criteria.count)])
            return true
        }
        guard published else {
            return try await render(request, context, city: city, current: current, form: form, problems: ["criteria": "visit_cert_checklist_changed"])
        }
        return HTML.redirect(Self.url(city) + "?saved=1")
    }

    struct Row {
        let index: Int
        let number: Int
        let id: String
        let fields: [FormField]
    }

    struct Page {
        let version: String
        let saved: Bool
        let alert: String?
        let criteriaError: String?
        let thresholds: [FormField]
        let rows: [Row]
        let action: String
        let deskURL: String
        let standardURL: String
    }

    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, current: HospitalityChecklist?, form: FormData,
        problems: [String: String] = [:]
    ) async throws -> Response {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { html.t(key, context, arguments) }
        func error(_ name: String) -> String? { problems[name].map { t("errors.\($0)") } }
        func field(_ name: String, _ label: String, rows: Int? = nil, maxlength: Int? = nil, inputmode: String? = nil) -> FormField {
            FormField(name: name, label: t("visit.cert.checklist.\(label)"), value: form[name], error: error(name), inputmode: inputmode, maxlength: maxlength, rows: rows)
        }
        let count = min(HospitalityChecklist.criteriaLimit, Self.rows(form) + Self.spareRows)
        let rows = (0..<count).map { index in
            let section = form["section_\(index)"]
            return Row(
                index: index, number: index + 1, id: form["id_\(index)"],
                fields: [
                    FormField(
                        name: "section_\(index)", label: t("visit.cert.checklist.section"), value: section, error: error("section_\(index)"),
                        options: [SelectOption(value: "", label: t("visit.editor.choose"), selected: section.isEmpty)]
                            + StandardSection.allCases.map { SelectOption(value: $0.rawValue, label: t("visit.cert.section.\($0.rawValue)"), selected: $0.rawValue == section) }),
                    field("titleUk_\(index)", "title_uk", maxlength: Self.titleLength.upperBound),
                    field("titleEn_\(index)", "title_en", maxlength: Self.titleLength.upperBound),
                    field("guidanceUk_\(index)", "guidance_uk", rows: 2, maxlength: Self.guidanceLength.upperBound),
                    field("guidanceEn_\(index)", "guidance_en", rows: 2, maxlength: Self.guidanceLength.upperBound),
                    field("weight_\(index)", "weight", maxlength: 2, inputmode: "numeric"),
                    FormField(name: "required_\(index)", label: t("visit.cert.checklist.required"), value: "1", checked: !form["required_\(index)"].isEmpty),
                ])
        }
        let page = Page(
            version: current.map { t("visit.cert.checklist.current", ["version": String($0.version)]) } ?? t("visit.cert.checklist.none"),
            saved: request.uri.queryParameters.get("saved") == "1" && problems.isEmpty, alert: problems.isEmpty ? nil : t("visit.editor.problems"),
            criteriaError: error("criteria"),
            thresholds: [
                FormField(name: "certified", label: t("visit.cert.checklist.certified"), value: form["certified"], error: error("certified"), inputmode: "numeric", maxlength: 3),
                FormField(name: "distinction", label: t("visit.cert.checklist.distinction"), value: form["distinction"], inputmode: "numeric", maxlength: 3),
            ],
            rows: rows, action: Self.url(city), deskURL: CertificationDeskPages.url(city), standardURL: "\(GuidePages.url(city))/standard")
        return try await html.render(
            "visit-cert-checklist", page: page, titleKey: "visit.cert.checklist.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city, status: problems.isEmpty ? .ok : .unprocessableContent)
    }
}
