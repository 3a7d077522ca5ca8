import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The city admin's forms for a new edition and for an edition's counting
/// rules. The rules form refuses changes once voting has opened, and says so.
struct BudgetEditionPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var pages: BudgetPages { BudgetPages(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/admin/budgets/new", use: newForm)
        router.post("/{city}/admin/budgets/new", use: create)
        router.get("/{city}/admin/budgets/{edition}/rules", use: rulesForm)
        router.post("/{city}/admin/budgets/{edition}/rules", use: changeRules)
    }

    private func admin(_ context: AppRequestContext, _ city: Municipality) throws {
        guard let principal = context.principal else { throw AppError.notSignedIn }
        guard principal.may(.manageBudget, in: city.id) else { throw AppError.notFound }
    }

    // MARK: New edition

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        try admin(context, city)
        // A Vinnytsia-shaped start: two categories, 2 + 2 picks, phases a month
        // apart, each starting at 09:00 and voting ending at 21:00 Kyiv time.
        let now = services.clock.now(), day: TimeInterval = 86_400
        func on(_ days: Double, at time: String) -> String { String(DateText.kyivInput(now.addingTimeInterval(days * day)).prefix(11)) + time }
        let form = FormData(fields: [
            "proposalsOpen": [on(1, at: "09:00")], "reviewOpen": [on(31, at: "09:00")], "votingOpen": [on(61, at: "09:00")],
            "votingClose": [on(75, at: "21:00")],
            "minimumAge": [String(city.settings.budgetMinimumAge)], "receipts": ["on"], "paperDoubleEntry": ["on"], "paperEntriesPerClerk": ["120"], "announce": ["on"], "ballotRule": ["approval"], "winnerRule": ["greedy"],
            "catNameUk": ["Великі проєкти", "Малі проєкти"], "catNameEn": ["Large projects", "Small projects"],
            "catFund": ["3000000", "1000000"], "catMin": ["500001", "50000"], "catMax": ["1500000", "500000"], "catMaxPicks": ["2", "2"],
            "catId": ["", ""],
        ])
        return try await render(request, context, city: city, edition: nil, form: form, error: nil)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        try admin(context, city)
        let form = context.form ?? FormData()
        let created: BudgetEdition
        do {
            let setup = try Self.setup(form, city: city)
            created = try await services.budgetAdmin.create(
                try setup.edition(in: city.id, at: services.clock.now()), city: city, by: context.principal)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, edition: nil, form: form, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/budgets/\(created.id.rawValue)?done=created")
    }

    // MARK: Rules

    @Sendable func rulesForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        try admin(context, loaded.city)
        return try await render(request, context, city: loaded.city, edition: loaded.edition, form: Self.form(EditionRules(loaded.edition)), error: nil)
    }

    @Sendable func changeRules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        try admin(context, loaded.city)
        let form = context.form ?? FormData()
        do {
            _ = try await services.budgetAdmin.changeRules(try Self.rules(form), edition: loaded.edition.id, city: loaded.city, by: context.principal)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: loaded.city, edition: loaded.edition, form: form, error: error)
        }
        return HTML.redirect("/\(loaded.city.slug.rawValue)/admin/budgets/\(loaded.edition.id.rawValue)?done=rules")
    }

    // MARK: Form ⇄ rules

    static func setup(_ form: FormData, city: Municipality) throws(AppError) -> EditionSetup {
        func date(_ name: String) throws(AppError) -> Date {
            guard let date = DateText.kyivInput(form[name]) else { throw .invalid(code: "date_invalid", field: name) }
            return date
        }
        return EditionSetup(
            titleUK: form["titleUk"], titleEN: form["titleEn"],
            proposalsOpen: form["proposalsOpen"].isEmpty ? nil : try date("proposalsOpen"), reviewOpen: try date("reviewOpen"),
            votingOpen: try date("votingOpen"), votingClose: try date("votingClose"),
            minimumAge: try number(form, "minimumAge") ?? city.settings.budgetMinimumAge, paperForWorkersAndStudents: !form["paperForWorkers"].isEmpty,
            receipts: !form["receipts"].isEmpty, receiptByEmail: !form["receiptByEmail"].isEmpty, paperDoubleEntry: !form["paperDoubleEntry"].isEmpty,
            paperEntriesPerClerk: try number(form, "paperEntriesPerClerk"), announce: !form["announce"].isEmpty, rules: try rules(form))
    }

    static func number(_ form: FormData, _ name: String) throws(AppError) -> Int? {
        let text = form[name].trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        guard let value = Int(text), (0...1_000_000).contains(value) else { throw .invalid(code: "number_invalid", field: name) }
        return value
    }

    static func rules(_ form: FormData) throws(AppError) -> EditionRules {
        let ids = form.all("catId"), uk = form.all("catNameUk"), en = form.all("catNameEn"), funds = form.all("catFund")
        let mins = form.all("catMin"), maxes = form.all("catMax"), picks = form.all("catMaxPicks")
        func at(_ values: [String], _ index: Int) -> String { index < values.count ? values[index].trimmingCharacters(in: .whitespaces) : "" }
        // A row's unreadable input is named with the row ("catFund.1"), so the form shows the problem on it.
        func money(_ text: String, _ name: String, _ index: Int) throws(AppError) -> Money {
            let field = "\(name).\(index)"
            do {
                guard let money = try FormMoney.parse(text, field: field) else { throw AppError.invalid(code: "amount_invalid", field: field) }
                return money
            } catch let error as AppError {
                throw error
            } catch {
                throw .invalid(code: "amount_invalid", field: field)
            }
        }
        var categories: [EditionRules.Category] = []
        for index in 0..<uk.count where !(at(uk, index).isEmpty && at(ids, index).isEmpty) {
            let maxPicks = at(picks, index)
            guard maxPicks.isEmpty || Int(maxPicks) != nil else { throw .invalid(code: "number_invalid", field: "catMaxPicks.\(index)") }
            categories.append(.init(
                id: at(ids, index).isEmpty ? nil : at(ids, index), nameUK: at(uk, index), nameEN: at(en, index),
                fund: try money(at(funds, index), "catFund", index), minCost: try money(at(mins, index), "catMin", index),
                maxCost: try money(at(maxes, index), "catMax", index), maxPicks: Int(maxPicks), minPicks: nil))
        }
        return EditionRules(
            ballotRule: form["ballotRule"], maxPicks: try number(form, "maxPicks"), minPicks: try number(form, "minPicks"),
            minimumSharePercent: try number(form, "minimumSharePercent"), points: try number(form, "points"),
            maxPointsPerProject: try number(form, "maxPointsPerProject"), winnerRule: form["winnerRule"], categories: categories)
    }

    static func form(_ rules: EditionRules) -> FormData {
        func text(_ value: Int?) -> String { value.map(String.init) ?? "" }
        return FormData(fields: [
            "ballotRule": [rules.ballotRule], "maxPicks": [text(rules.maxPicks)], "minPicks": [text(rules.minPicks)],
            "minimumSharePercent": [text(rules.minimumSharePercent)], "points": [text(rules.points)],
            "maxPointsPerProject": [text(rules.maxPointsPerProject)], "winnerRule": [rules.winnerRule ?? "greedy"],
            "catId": rules.categories.map { $0.id ?? "" }, "catNameUk": rules.categories.map(\.nameUK), "catNameEn": rules.categories.map(\.nameEN),
            "catFund": rules.categories.map { OpenDataFile.hryvnias($0.fund) }, "catMin": rules.categories.map { OpenDataFile.hryvnias($0.minCost) },
            "catMax": rules.categories.map { OpenDataFile.hryvnias($0.maxCost) }, "catMaxPicks": rules.categories.map { text($0.maxPicks) },
        ])
    }

    // MARK: Page

    struct Page {
        /// One category: its stored id (hidden) and its inputs.
        struct Row {
            let index: Int
            let id: String
            let fields: [FormField]
        }
        let heading: String
        let action: String
        let isNew: Bool
        /// Voting has opened: the rules are shown, not offered for change.
        let frozen: Bool
        let frozenNotice: String?
        /// A problem no field shows (the categories as a whole, a phase that moved on).
        let error: String?
        /// The new edition's titles.
        let titles: [FormField]
        let dates: [FormField]
        let voters: [FormField]
        let ballot: [FormField]
        let rows: [Row]
        let backURL: String
    }

    func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, edition: BudgetEdition?, form: FormData, error: AppError?
    ) async throws -> Response {
        let base = "/\(city.slug.rawValue)/admin/budgets"
        let frozen = edition.map { $0.phase(at: services.clock.now()) >= .voting } ?? false
        let problem = FormProblem(error, html: html, context: context)
        func t(_ key: String) -> String { html.t(key, context) }
        func text(_ name: String, _ labelKey: String, required: Bool = false, maxlength: Int? = nil, error: String? = nil) -> FormField {
            FormField(
                name: name, label: t(labelKey), value: form[name], error: error ?? problem.message(for: name), required: required, maxlength: maxlength)
        }
        func date(_ name: String, _ labelKey: String, required: Bool = true) -> FormField {
            FormField(
                name: name, label: t(labelKey), value: form[name], error: problem.message(for: name), type: "datetime-local", required: required)
        }
        func number(_ name: String, _ labelKey: String) -> FormField {
            FormField(name: name, label: t(labelKey), value: form[name], error: problem.message(for: name), inputmode: "numeric")
        }
        func check(_ name: String, _ labelKey: String) -> FormField {
            FormField(name: name, label: t(labelKey), value: "on", error: problem.message(for: name), checked: !form[name].isEmpty)
        }
        // The domain checks the Ukrainian title as "title".
        let titles = edition == nil ? [
            text("titleUk", "budget_admin.form.title_uk", required: true, maxlength: 200, error: problem.message(for: "titleUk") ?? problem.message(for: "title")),
            text("titleEn", "budget_admin.form.title_en", maxlength: 200),
        ] : []
        let dates = edition == nil ? [
            date("proposalsOpen", "budgets.dates.proposals", required: false), date("reviewOpen", "budgets.dates.review"),
            date("votingOpen", "budgets.dates.voting_opens"), date("votingClose", "budgets.dates.voting_closes"),
        ] : []
        let voters = edition == nil ? [
            number("minimumAge", "budget_admin.form.minimum_age"), check("paperForWorkers", "budget_admin.form.paper_for_workers"),
            check("paperDoubleEntry", "budget_admin.form.paper_double_entry"), number("paperEntriesPerClerk", "budget_admin.form.paper_entries_per_clerk"),
            check("receipts", "budget_admin.form.receipts"), check("receiptByEmail", "budget_admin.form.receipt_by_email"),
            check("announce", "budget_admin.form.announce"),
        ] : []
        let ballot = [
            FormField(
                name: "ballotRule", label: t("budget_admin.form.ballot_rule"), value: form["ballotRule"], error: problem.message(for: "ballotRule"),
                options: EditionRules.ballotRuleNames.map {
                    .init(value: $0, label: t("budget_admin.ballot_rule.\($0)"), selected: $0 == form["ballotRule"])
                }),
            number("maxPicks", "budget_admin.form.max_picks"), number("minPicks", "budget_admin.form.min_picks"),
            number("minimumSharePercent", "budget_admin.form.minimum_share"), number("points", "budget_admin.form.points"),
            number("maxPointsPerProject", "budget_admin.form.max_points_per_project"),
            FormField(
                name: "winnerRule", label: t("budget_admin.form.winner_rule"), value: form["winnerRule"], error: problem.message(for: "winnerRule"),
                options: WinnerRule.official.map {
                    .init(value: $0.rawValue, label: t("budgets.winner.\($0.rawValue)"), selected: $0.rawValue == form["winnerRule"])
                }),
        ]
        let ids = form.all("catId"), uk = form.all("catNameUk")
        func at(_ values: [String], _ index: Int) -> String { index < values.count ? values[index] : "" }
        // Room for two more categories than there are, while they can change.
        let rows = (0..<(uk.count + (frozen ? 0 : 2))).map { index in
            func input(_ name: String, _ prefix: String, _ labelKey: String, maxlength: Int? = nil, inputmode: String? = nil) -> FormField {
                FormField(
                    name: name, id: "\(prefix)\(index + 1)", label: t(labelKey), value: at(form.all(name), index),
                    error: problem.message(for: name, row: index), inputmode: inputmode, maxlength: maxlength)
            }
            return Page.Row(index: index + 1, id: at(ids, index), fields: [
                input("catNameUk", "cu", "budget_admin.form.category_name_uk", maxlength: 100),
                input("catNameEn", "ce", "budget_admin.form.category_name_en", maxlength: 100),
                input("catFund", "cf", "budget_admin.form.fund", inputmode: "decimal"),
                input("catMin", "cn", "budget_admin.form.min_cost", inputmode: "decimal"),
                input("catMax", "cx", "budget_admin.form.max_cost", inputmode: "decimal"),
                input("catMaxPicks", "cp", "budget_admin.form.category_max_picks", inputmode: "numeric"),
            ])
        }
        let everyField: [FormField] = titles + dates + voters + ballot + rows.flatMap(\.fields)
        let page = Page(
            heading: edition.map { html.t("budget_admin.rules_heading", context, ["title": $0.title.text(context.language.rawValue)]) }
                ?? t("budget_admin.new_heading"),
            action: edition.map { "\(base)/\($0.id.rawValue)/rules" } ?? "\(base)/new", isNew: edition == nil, frozen: frozen,
            frozenNotice: frozen && error == nil ? t("errors.rules_frozen") : nil,
            error: problem.alert(unlessShownBy: everyField),
            titles: titles, dates: dates, voters: voters, ballot: ballot, rows: rows,
            backURL: edition.map { "\(base)/\($0.id.rawValue)" } ?? base)
        return try await html.render(
            "budget-edition-form", page: page, titleKey: edition == nil ? "budget_admin.new_heading" : "budget_admin.rules_title", request: request,
            context: context, city: city, status: error?.status ?? .ok)
    }
}
