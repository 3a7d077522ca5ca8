import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The city's calls for staff (`/{city}/admin/business/calls`): every call,
/// drafts too, with the way to each one's applications and fund; and the
/// call's editor (`business.programmes`): a new call, or the next version
/// of one, every problem said beside its field with what was typed kept,
/// published with the same form's second button.
struct CallEditorPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var editor: CallEditor { CallEditor(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/business/calls", use: list)
        router.get(":city/admin/business/calls/new", use: blank)
        router.post(":city/admin/business/calls", use: create)
        router.get(":city/admin/business/calls/:call/edit", use: edit)
        router.post(":city/admin/business/calls/:call/edit", use: update)
    }

    static func listURL(_ city: Municipality) -> String { "/\(city.slug.rawValue)/admin/business/calls" }

    /// Who works on calls: the list is theirs; only `business.programmes` edits.
    static let staffCapabilities: Set<Capability> = [.businessProgrammes, .businessReview, .businessScore]

    // MARK: The list

    struct Row {
        let title: String
        let phase: String
        let dates: String
        let fund: String
        let editURL: String?
        let reviewURL: String
        let fundURL: String?
    }

    struct ListPage {
        let rows: [Row]
        let empty: Bool
        let newURL: String?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let principal = context.principal else { throw AppError.notSignedIn }
        guard Self.staffCapabilities.contains(where: { principal.may($0, in: city.id) }) else { throw AppError.notFound }
        let edits = principal.may(.businessProgrammes, in: city.id)
        let cityID = city.id, now = services.clock.now(), language = context.language
        let calls = try await services.store.read { try await $0.supportCalls.calls(in: cityID, includingDrafts: true) }
        let base = Self.listURL(city)
        let page = ListPage(
            rows: calls.map { stored in
                let call = stored.call
                return Row(
                    title: call.title.localized(language), phase: html.t("business.phase.\(call.phase(at: now).rawValue)", context),
                    dates: html.t("business.call.dates", context, ["opens": DateText.kyiv(call.opensAt), "closes": DateText.kyiv(call.closesAt)]),
                    fund: BusinessPages.money(call.fund, html, context), editURL: edits ? "\(base)/\(call.id.rawValue)/edit" : nil,
                    reviewURL: "\(base)/\(call.id.rawValue)", fundURL: edits ? FundPages.url(city, call.id) : nil)
            },
            empty: calls.isEmpty, newURL: edits ? "\(base)/new" : nil)
        return try await html.render("business-calls", page: page, titleKey: "business.editor.list_title",
            titleArguments: ["city": city.name.localized(context.language)], request: request, context: context, city: city)
    }

    // MARK: The editor

    private func staff(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try requireStaff(.businessProgrammes, context.principal, in: city.id))
    }

    private func stored(_ context: AppRequestContext, city: Municipality) async throws -> SupportCall {
        try await SupportService(services: services).call(SupportCallID(rawValue: try context.parameters.require("call")), in: city.id).call
    }

    @Sendable func blank(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await render(request, context, city: city, previous: nil, form: Self.form(of: nil))
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let call = try await stored(context, city: city)
        return try await render(request, context, city: city, previous: call, form: Self.form(of: call))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        return try await save(request, context, city: city, staff: staff, previous: nil)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        return try await save(request, context, city: city, staff: staff, previous: try await stored(context, city: city))
    }

    private func save(_ request: Request, _ context: AppRequestContext, city: Municipality, staff: Principal, previous: SupportCall?) async throws -> Response {
        let form = context.form ?? FormData()
        let programmes = try await BusinessProgrammes.choices(in: city, services: services)
        do {
            let id = previous?.id ?? CallEditor.newID(for: LocalizedName(uk: form["titleUk"], en: form["titleEn"]))
            var call = try CallEditor.read(form, previous: previous, id: id, city: city.id, programmes: Set(programmes.map(\.id)))
            if form["publish"] == "1" && call.publishedAt == nil { call.publishedAt = services.clock.now() }
            try await editor.save(call, isNew: previous == nil, city: city, by: staff.accountID)
        } catch let refused as CallEditor.Refused {
            return try await render(request, context, city: city, previous: previous, form: form, problems: refused.problems, status: .unprocessableContent)
        }
        return HTML.redirect(Self.listURL(city))
    }


    /// A stored call as its form would send it; a new call's defaults.
    static func form(of call: SupportCall?) -> FormData {
        var fields: [String: [String]] = [
            "instrument": [SupportInstrument.grant.rawValue], "fixWorkingDays": ["5"], "scale": ["10"], "minimumTotal": ["50"],
            "reportMonths": ["6, 12"], "mustBeRegisteredInHromada": ["on"], "mustDeclareNoTaxDebt": ["on"],
            "kinds": [ApplicantKind.soleProprietor.rawValue, ApplicantKind.company.rawValue], "sizes": [SizeCategory.micro.rawValue, SizeCategory.small.rawValue],
        ]
        guard let call else { return FormData(fields: fields) }
        func hryvnias(_ money: Money) -> String { money.kopiyky % 100 == 0 ? String(money.kopiyky / 100) : String(format: "%.2f", Double(money.kopiyky) / 100) }
        fields = [
            "titleUk": [call.title.uk], "titleEn": [call.title.en], "descriptionUk": [call.description.uk], "descriptionEn": [call.description.en],
            "programme": [call.programme ?? ""], "instrument": [call.instrument.rawValue], "fund": [hryvnias(call.fund)],
            "maximumPerApplicant": [hryvnias(call.maximumPerApplicant)], "opensAt": [DateText.kyivInput(call.opensAt)],
            "closesAt": [DateText.kyivInput(call.closesAt)], "fixWorkingDays": [String(call.fixWorkingDays)],
            "kinds": call.eligibility.kinds.map(\.rawValue), "sizes": call.eligibility.sizes.map(\.rawValue),
            "sectors": [call.eligibility.sectors.map(\.description).joined(separator: ", ")],
            "mustBeRegisteredInHromada": call.eligibility.mustBeRegisteredInHromada ? ["on"] : [],
            "mustDeclareNoTaxDebt": call.eligibility.mustDeclareNoTaxDebt ? ["on"] : [],
            "criterionId": call.criteria.map(\.id), "criterionUk": call.criteria.map(\.title.uk), "criterionEn": call.criteria.map(\.title.en),
            "criterionWeight": call.criteria.map { String($0.weight) }, "scale": [String(call.scale)], "minimumTotal": [String(call.minimumTotal)],
            "documentId": call.documents.map(\.id), "documentUk": call.documents.map(\.title.uk), "documentEn": call.documents.map(\.title.en),
            "reportMonths": [call.reportMonths.map(String.init).joined(separator: ", ")],
        ]
        return FormData(fields: fields)
    }

    // MARK: Rendering

    struct CriterionRow {
        let id: String
        let fields: [FormField]
    }

    struct Group {
        let legend: String
        let fields: [FormField]
        let error: String?
    }

    struct EditorPage {
        let action: String
        let listURL: String
        let alert: String?
        let lockedNote: String?
        let basics: [FormField]
        let money: [FormField]
        let kinds: Group
        let sizes: Group
        let eligibility: [FormField]
        let criteria: [CriterionRow]
        let criteriaError: String?
        let scoring: [FormField]
        let documents: [CriterionRow]
        let documentsError: String?
        let reports: [FormField]
        let mayPublish: Bool
    }

    /// What to say of a problem beside its field.
    private func message(_ problem: CallProblem, _ context: AppRequestContext) -> String {
        switch problem.reason {
        case .locked: html.t("business.editor.locked", context)
        case .belowCommitted: html.t("business.editor.below_committed", context)
        case .weightsNotHundred: html.t("business.editor.weights_not_hundred", context)
        default: html.t("business.editor.problem.\(problem.field)", context)
        }
    }

    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, previous: SupportCall?, form: FormData, problems: [CallProblem] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var errors: [String: String] = [:]
        for problem in problems where errors[problem.field] == nil { errors[problem.field] = message(problem, context) }
        let t = { (key: String) in html.t(key, context) }
        func field(
            _ name: String, _ label: String, type: String = "text", inputmode: String? = nil, required: Bool = false, maxlength: Int? = nil, rows: Int? = nil,
            hint: String? = nil
        ) -> FormField {
            FormField(
                name: name, label: t(label), value: form[name], error: errors[name], hint: hint.map(t), type: type, inputmode: inputmode, required: required,
                maxlength: maxlength, rows: rows)
        }
        func choice(_ name: String, _ value: String, _ label: String, id: String) -> FormField {
            FormField(name: name, id: id, label: label, value: value, checked: form.all(name).contains(value))
        }
        func check(_ name: String, _ label: String) -> FormField {
            FormField(name: name, label: t(label), value: "on", error: errors[name], checked: form[name] == "on")
        }
        let programmes = try await BusinessProgrammes.choices(in: city, services: services)
        let programmeOptions = [SelectOption(value: "", label: t("business.editor.no_programme"), selected: form["programme"].isEmpty)]
            + programmes.map { SelectOption(value: $0.id, label: $0.title(in: context.language), selected: form["programme"] == $0.id) }
        var basics = [
            field("titleUk", "business.editor.title_uk", required: true, maxlength: SupportCall.titleLength.upperBound),
            field("titleEn", "business.editor.title_en", required: true, maxlength: SupportCall.titleLength.upperBound),
            field("descriptionUk", "business.editor.description_uk", maxlength: SupportCall.descriptionLength.upperBound, rows: 6),
            field("descriptionEn", "business.editor.description_en", maxlength: SupportCall.descriptionLength.upperBound, rows: 6),
            FormField(
                name: "instrument", label: t("business.call.instrument"), value: form["instrument"], error: errors["instrument"], required: true,
                options: SupportInstrument.allCases.map {
                    SelectOption(value: $0.rawValue, label: t("business.instrument.\($0.rawValue)"), selected: form["instrument"] == $0.rawValue)
                }),
        ]
        if !programmes.isEmpty || !form["programme"].isEmpty {
            basics.append(FormField(name: "programme", label: t("business.editor.programme"), value: form["programme"], error: errors["programme"], options: programmeOptions))
        }
        let money = [
            field("fund", "business.call.fund", inputmode: "decimal", required: true, maxlength: 20, hint: "business.editor.hryvnias"),
            field("maximumPerApplicant", "business.call.maximum", inputmode: "decimal", required: true, maxlength: 20),
            field("opensAt", "business.call.opens", type: "datetime-local", required: true),
            field("closesAt", "business.call.closes", type: "datetime-local", required: true),
            field("fixWorkingDays", "business.editor.fix_days", inputmode: "numeric", required: true, maxlength: 2, hint: "business.editor.fix_days_hint"),
        ]
        /// A repeated group's rows (criteria, documents): those the form has, then blank ones, each with its hidden id.
        func rows(_ prefix: String, _ columns: [(name: String, label: String, numeric: Bool, maxlength: Int)]) -> [CriterionRow] {
            let ids = form.all(prefix + "Id"), typed = columns.map { form.all(prefix + $0.name) }
            let count = min(typed.first?.count ?? 0, CallEditor.rowLimit - CallEditor.blankRows)
            return (0..<(count + CallEditor.blankRows)).map { row in
                func value(_ column: [String]) -> String { row < column.count ? column[row] : "" }
                return CriterionRow(id: value(ids), fields: zip(columns, typed).map { column, values in
                    FormField(
                        name: prefix + column.name, id: "\(prefix)\(column.name)-\(row)", label: t(column.label), value: value(values),
                        inputmode: column.numeric ? "numeric" : nil, maxlength: column.maxlength)
                })
            }
        }
        let criteria = rows("criterion", [
            ("Uk", "business.editor.criterion_uk", false, 200), ("En", "business.editor.criterion_en", false, 200), ("Weight", "business.call.weight", true, 3),
        ])
        let documents = rows("document", [("Uk", "business.editor.document_uk", false, 200), ("En", "business.editor.document_en", false, 200)])
        let now = services.clock.now()
        let opened = previous.map { [.open, .review, .decided].contains($0.phase(at: now)) } ?? false
        let page = EditorPage(
            action: previous.map { "\(Self.listURL(city))/\($0.id.rawValue)/edit" } ?? Self.listURL(city), listURL: Self.listURL(city),
            alert: problems.isEmpty ? nil : t("business.editor.problems"), lockedNote: opened ? t("business.editor.locked_note") : nil,
            basics: basics, money: money,
            kinds: Group(
                legend: t("business.call.kinds"),
                fields: ApplicantKind.allCases.map { choice("kinds", $0.rawValue, t("business.applicant_kind.\($0.rawValue)"), id: "kinds-\($0.rawValue)") },
                error: errors["kinds"]),
            sizes: Group(
                legend: t("business.call.sizes"),
                fields: SizeCategory.allCases.map { choice("sizes", $0.rawValue, t("business.size.\($0.rawValue)"), id: "sizes-\($0.rawValue)") },
                error: errors["sizes"]),
            eligibility: [
                field("sectors", "business.call.sectors", maxlength: 1_000, hint: "business.editor.sectors_hint"),
                check("mustBeRegisteredInHromada", "business.call.rule_registered"), check("mustDeclareNoTaxDebt", "business.call.rule_no_tax_debt"),
            ],
            criteria: criteria, criteriaError: errors["criteria"],
            scoring: [
                field("scale", "business.editor.scale", inputmode: "numeric", required: true, maxlength: 3, hint: "business.editor.scale_hint"),
                field("minimumTotal", "business.call.minimum", inputmode: "numeric", required: true, maxlength: 3),
            ],
            documents: documents, documentsError: errors["documents"],
            reports: [field("reportMonths", "business.editor.report_months", maxlength: 40, hint: "business.editor.report_months_hint")],
            mayPublish: previous?.publishedAt == nil)
        let title = previous.map { $0.title.localized(context.language) } ?? t("business.editor.new")
        return try await html.render(
            "business-call-editor", page: page, titleKey: "business.editor.title", titleArguments: ["call": title], request: request, context: context,
            city: city, status: status)
    }
}
