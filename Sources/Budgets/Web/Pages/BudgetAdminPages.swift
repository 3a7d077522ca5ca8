import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// Staff pages of the participatory budget, under `/{city}/admin/budgets`,
/// and the resident's proposal form. Staff of another city get a 404.
struct BudgetAdminPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var pages: BudgetPages { BudgetPages(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/admin/budgets", use: list)
        router.get("/{city}/admin/budgets/{edition}", use: desk)
        router.post("/{city}/admin/budgets/{edition}/phase", use: phase)
        router.post("/{city}/admin/budgets/{edition}/projects/{project}/review", use: review)
        router.post("/{city}/admin/budgets/{edition}/projects/{project}/delivery", use: delivery)
        router.post("/{city}/admin/budgets/{edition}/projects/{project}/relate", use: relate)
        router.get("/{city}/admin/budgets/{edition}/paper", use: paperForm)
        router.post("/{city}/admin/budgets/{edition}/paper", use: paper)
        router.post("/{city}/admin/budgets/{edition}/paper/{entry}/discard", use: discardPaper)
        router.get("/{city}/budgets/{edition}/propose", use: proposeForm)
        router.post("/{city}/budgets/{edition}/propose", use: propose)
        router.get("/{city}/budgets/{edition}/projects/{project}/edit", use: editForm)
        router.post("/{city}/budgets/{edition}/projects/{project}/edit", use: edit)
        router.post("/{city}/budgets/{edition}/projects/{project}/coauthors", use: addCoauthor)
        router.post("/{city}/budgets/{edition}/projects/{project}/coauthors/{account}/remove", use: removeCoauthor)
    }

    func staff(_ context: AppRequestContext, _ city: Municipality) throws {
        guard let principal = context.principal else { throw AppError.notSignedIn }
        // The desk opens to anyone with one of the budget's capabilities; each action checks its own.
        guard [Capability.reviewBudgetProject, .enterPaperBallot, .manageBudget].contains(where: { principal.may($0, in: city.id) }) else {
            throw AppError.notFound
        }
    }

    struct ListPage {
        let editions: [BudgetPageModels.EditionItem]
        /// For admins, who may open a new edition.
        let newURL: String?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        try staff(context, city)
        let editions = try await services.store.read { try await $0.budgets.editions(in: city.id) }
        let items = editions.map {
            BudgetPageModels.EditionItem(
                url: "/\(city.slug.rawValue)/admin/budgets/\($0.id.rawValue)", title: $0.title.text(context.language.rawValue),
                phase: pages.phaseLabel($0, context), fund: pages.money($0.fund, context),
                voting: "\(DateText.kyiv($0.schedule.votingOpen)) — \(DateText.kyiv($0.schedule.votingClose))")
        }
        let newURL = context.principal?.may(.manageBudget, in: city.id) == true ? "/\(city.slug.rawValue)/admin/budgets/new" : nil
        return try await html.render("budgets-admin", page: ListPage(editions: items, newURL: newURL), titleKey: "budget_admin.title", request: request, context: context, city: city)
    }

    struct DeskPage {
        struct Action {
            let value: String
            let label: String
        }
        /// The forms of a project's row, one of which a refusal reopens.
        enum Form {
            case review, relate, delivery
        }
        struct Row {
            let project: BudgetPageModels.ProjectItem
            let reviewURL: String
            let deliveryURL: String
            let reviewable: Bool
            let funded: Bool
            let delivery: String
            let relateURL: String
            let relatable: Bool
            /// The review form: the decision's radio buttons (as refused), then reason and revised cost.
            let reviewOpen: Bool
            let feasibleChecked: Bool
            let infeasibleChecked: Bool
            let decisionError: String?
            let reviewFields: [FormField]
            /// The relation form: its radio buttons, then the other project.
            let relateOpen: Bool
            let incompatibleChecked: Bool
            let mergeChecked: Bool
            let relationError: String?
            let relateFields: [FormField]
            /// The delivery form: state, money spent, note.
            let deliveryOpen: Bool
            let deliveryFields: [FormField]
        }
        /// A row's form that was refused: what was typed stays, the problem beside its field.
        struct Refused {
            let project: BudgetProjectID
            let form: Form
            let values: FormData
            let problem: FormProblem?
        }
        let title: String
        let phase: String
        let phaseURL: String
        let actions: [Action]
        let hasActions: Bool
        let rows: [Row]
        let paperURL: String
        let canEnterPaper: Bool
        let canReview: Bool
        let showDelivery: Bool
        let publicURL: String
        /// For admins: the counting rules, editable until voting opens.
        let rulesURL: String?
        let message: String?
        let error: String?
    }

    @Sendable func desk(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderDesk(request, context, message: request.uri.queryParameters.get("done").map { html.t("budget_admin.done.\($0)", context) }, error: nil)
    }

    func renderDesk(
        _ request: Request, _ context: AppRequestContext, message: String?, error: AppError?, form refusedForm: DeskPage.Form? = nil
    ) async throws -> Response {
        let loaded = try await pages.load(context)
        try staff(context, loaded.city)
        let city = loaded.city, edition = loaded.edition
        let now = services.clock.now(), phase = edition.phase(at: now)
        let (results, updates) = try await services.store.read { tx in
            (try await tx.budgets.publishedResults(of: edition.id), try await tx.budgets.deliveryUpdates(of: edition.id, in: city.id))
        }
        let funded = Set(results.values.flatMap { $0 })
        let next: [BudgetAdmin.Transition] = switch phase {
        case .draft: edition.schedule.announcedAt == nil ? [.announce] : [.openReview]
        case .proposals: [.openReview]
        case .review: [.openVoting]
        case .voting: [.closeVoting]
        case .counting: [.publishResults]
        case .results: [.startDelivery, .finish]
        case .delivery: [.finish]
        case .finished: []
        }
        let manage = context.principal?.may(.manageBudget, in: city.id) == true
        let base = "/\(city.slug.rawValue)/admin/budgets/\(edition.id.rawValue)"
        let problem = FormProblem(error, html: html, context: context)
        let refused = refusedForm.flatMap { form in
            context.parameters.get("project").map {
                DeskPage.Refused(project: BudgetProjectID(rawValue: $0), form: form, values: context.form ?? FormData(), problem: problem)
            }
        }
        let rows = loaded.projects.map { project in
            let latest = updates.first { $0.projectID == project.id }
            let id = project.id.rawValue
            /// What was typed into this row's `form` when it was the one refused, and the problem beside its field.
            func refusal(_ form: DeskPage.Form) -> DeskPage.Refused? { refused.flatMap { $0.project == project.id && $0.form == form ? $0 : nil } }
            let review = refusal(.review), relate = refusal(.relate), deliver = refusal(.delivery)
            let status = deliver.map { $0.values["status"] } ?? latest?.status.rawValue
            let other = relate?.values["other"]
            return DeskPage.Row(
                project: pages.item(project, in: loaded, context), reviewURL: "\(base)/projects/\(project.id.rawValue)/review",
                deliveryURL: "\(base)/projects/\(project.id.rawValue)/delivery",
                reviewable: (phase == .review || phase == .proposals) && project.status != .withdrawn && project.status != .merged,
                funded: funded.contains(project.id),
                delivery: latest.map {
                    "\(html.t("budget_admin.delivery_status.\($0.status.rawValue)", context)) · \(pages.money($0.spent, context)) · \(DateText.kyiv($0.postedAt))"
                } ?? "",
                relateURL: "\(base)/projects/\(project.id.rawValue)/relate",
                relatable: phase < .voting && project.status != .merged && project.status != .withdrawn,
                reviewOpen: review != nil, feasibleChecked: review?.values["decision"] == "feasible",
                infeasibleChecked: review?.values["decision"] == "infeasible", decisionError: review?.problem.message(for: "decision"),
                reviewFields: [
                    FormField(
                        name: "reason", id: "r-\(id)", label: html.t("budget_admin.reason", context), value: review?.values["reason"] ?? "",
                        error: review?.problem.message(for: "reason"), hint: html.t("budget_admin.reason_hint", context), maxlength: 2000, rows: 3),
                    FormField(
                        name: "revisedCost", id: "c-\(id)", label: html.t("budget_admin.revised_cost", context),
                        value: review?.values["revisedCost"] ?? "", error: review?.problem.message(for: "revisedCost"),
                        hint: html.t("budget_admin.revised_cost_hint", context), inputmode: "decimal", autocomplete: "off"),
                ],
                relateOpen: relate != nil, incompatibleChecked: relate?.values["relation"] == "incompatible",
                mergeChecked: relate?.values["relation"] == "merge", relationError: relate?.problem.message(for: "relation"),
                relateFields: [
                    FormField(
                        name: "other", id: "o-\(id)", label: html.t("budget_admin.other_project", context), value: other ?? "",
                        error: relate?.problem.message(for: "other"),
                        options: loaded.projects
                            .filter { $0.id != project.id && $0.categoryID == project.categoryID && $0.status != .merged && $0.status != .withdrawn }
                            .map { .init(value: $0.id.rawValue, label: "№ \($0.number). \($0.title)", selected: $0.id.rawValue == other) }),
                ],
                deliveryOpen: deliver != nil,
                deliveryFields: [
                    FormField(
                        name: "status", id: "s-\(id)", label: html.t("budget_admin.delivery_status_label", context), value: status ?? "",
                        error: deliver?.problem.message(for: "status"),
                        options: DeliveryUpdate.Status.allCases.map {
                            .init(value: $0.rawValue, label: html.t("budget_admin.delivery_status.\($0.rawValue)", context), selected: $0.rawValue == status)
                        }),
                    FormField(
                        name: "spent", id: "sp-\(id)", label: html.t("budget_admin.spent", context), value: deliver?.values["spent"] ?? "",
                        error: deliver?.problem.message(for: "spent"), inputmode: "decimal", autocomplete: "off"),
                    FormField(
                        name: "note", id: "n-\(id)", label: html.t("budget_admin.note", context), value: deliver?.values["note"] ?? "",
                        error: deliver?.problem.message(for: "note"), maxlength: 4000, rows: 3),
                ])
        }
        // The problem is told once: beside the refused row's field when it names one, else above the list.
        let shownInRow = rows.contains { row in
            row.decisionError != nil || row.relationError != nil
                || (row.reviewFields + row.relateFields + row.deliveryFields).contains { $0.fieldError != nil }
        }
        let page = DeskPage(
            title: edition.title.text(context.language.rawValue), phase: pages.phaseLabel(edition, context), phaseURL: "\(base)/phase",
            actions: manage ? next.map { .init(value: $0.rawValue, label: html.t("budget_admin.transition.\($0.rawValue)", context)) } : [],
            hasActions: manage && !next.isEmpty, rows: rows, paperURL: "\(base)/paper",
            canEnterPaper: (phase == .voting || phase == .counting) && context.principal?.may(.enterPaperBallot, in: city.id) == true,
            canReview: context.principal?.may(.reviewBudgetProject, in: city.id) == true, showDelivery: manage && phase >= .results,
            publicURL: pages.base(loaded), rulesURL: manage ? "\(base)/rules" : nil, message: message,
            error: shownInRow ? nil : problem?.message)
        return try await html.render(
            "budget-admin", page: page, titleKey: "budget_admin.desk_title", titleArguments: ["title": page.title], request: request,
            context: context, city: city, cities: loaded.cities, status: error?.status ?? .ok)
    }

    /// Runs a staff action; success goes back to the desk with a message, a refusal re-renders it with the reason.
    /// `form` is the project row's form that was sent, reopened with what was typed when refused.
    func act(
        _ request: Request, _ context: AppRequestContext, done: String, form: DeskPage.Form? = nil,
        _ body: (BudgetPages.Loaded) async throws -> Void
    ) async throws -> Response {
        let loaded = try await pages.load(context)
        do {
            try await body(loaded)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderDesk(request, context, message: nil, error: error, form: form)
        }
        return HTML.redirect("/\(loaded.city.slug.rawValue)/admin/budgets/\(loaded.edition.id.rawValue)?done=\(done)")
    }

    @Sendable func phase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData()
        guard let transition = BudgetAdmin.Transition(rawValue: form["transition"]) else { throw AppError.badRequest(code: "bad_request") }
        return try await act(request, context, done: transition.rawValue) { loaded in
            try await services.budgetAdmin.transition(transition, edition: loaded.edition.id, city: loaded.city, by: context.principal)
        }
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData()
        let project = BudgetProjectID(rawValue: try context.parameters.require("project"))
        return try await act(request, context, done: "reviewed", form: .review) { loaded in
            guard form["decision"] == "feasible" || form["decision"] == "infeasible" else {
                throw AppError.invalid(code: "review_decision_required", field: "decision")
            }
            try await services.budgetAdmin.review(
                project: project, edition: loaded.edition.id, city: loaded.city, by: context.principal, feasible: form["decision"] == "feasible",
                reason: form["reason"], revisedCost: try FormMoney.parse(form["revisedCost"], field: "revisedCost"))
        }
    }

    @Sendable func relate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData()
        let project = BudgetProjectID(rawValue: try context.parameters.require("project"))
        let merge = form["relation"] == "merge"
        return try await act(request, context, done: merge ? "merged" : "incompatible", form: .relate) { loaded in
            guard form["relation"] == "merge" || form["relation"] == "incompatible" else {
                throw AppError.invalid(code: "relation_required", field: "relation")
            }
            try await services.budgetAdmin.relate(
                project, to: BudgetProjectID(rawValue: form["other"]), merge: merge, edition: loaded.edition.id, city: loaded.city,
                by: context.principal)
        }
    }

    @Sendable func delivery(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData()
        let project = BudgetProjectID(rawValue: try context.parameters.require("project"))
        return try await act(request, context, done: "delivery", form: .delivery) { loaded in
            guard let status = DeliveryUpdate.Status(rawValue: form["status"]) else { throw AppError.invalid(code: "delivery_status_required", field: "status") }
            try await services.budgetAdmin.recordDelivery(
                project: project, edition: loaded.edition.id, city: loaded.city, by: context.principal, status: status,
                spent: try FormMoney.parse(form["spent"], field: "spent") ?? Money(kopiyky: 0), note: form["note"])
        }
    }

    struct PaperPage {
        let title: String
        let action: String
        let groups: [BudgetPageModels.CategoryGroup]
        /// The voter's РНОКПП (never sent back: staff type it again) and the basis of their vote.
        let fields: [FormField]
        /// A problem neither field shows (the ticks, the voter's age, the clerk's limit).
        let error: String?
        let receipt: String?
        let pending: Bool
        let doubleEntry: Bool
        let mismatches: [BudgetPageModels.Option]
        let deskURL: String
    }

    @Sendable func paperForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderPaper(request, context, picked: [], basis: .resident, error: nil, receipt: nil)
    }

    @Sendable func discardPaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        try await services.budgetAdmin.discardPaperEntry(
            try context.parameters.require("entry"), edition: loaded.edition.id, city: loaded.city, by: context.principal)
        return HTML.redirect("/\(loaded.city.slug.rawValue)/admin/budgets/\(loaded.edition.id.rawValue)/paper")
    }

    func renderPaper(
        _ request: Request, _ context: AppRequestContext, picked: Set<BudgetProjectID>, basis: PaperVoterBasis, error: AppError?, receipt: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let loaded = try await pages.load(context)
        guard context.principal?.may(.enterPaperBallot, in: loaded.city.id) == true else {
            throw context.principal == nil ? AppError.notSignedIn : AppError.notFound
        }
        let base = "/\(loaded.city.slug.rawValue)/admin/budgets/\(loaded.edition.id.rawValue)"
        let editionID = loaded.edition.id
        let mismatched = try await services.store.read { try await $0.budgets.mismatchedPaperEntries(in: editionID) }
        let problem = FormProblem(error, html: html, context: context)
        let fields = [
            FormField(
                name: "nationalId", label: html.t("verify.national_id", context), value: "", error: problem.message(for: "nationalId"),
                hint: html.t("budget_admin.paper_nid_hint", context), inputmode: "numeric", required: true, maxlength: 10),
            FormField(
                name: "basis", label: html.t("budget_admin.basis_label", context), value: basis.rawValue, error: problem.message(for: "basis"),
                options: PaperVoterBasis.allCases.map {
                    .init(value: $0.rawValue, label: html.t("budget_admin.basis.\($0.rawValue)", context), selected: $0 == basis)
                }),
        ]
        let page = PaperPage(
            title: loaded.edition.title.text(context.language.rawValue), action: base + "/paper",
            groups: pages.groups(loaded, projects: loaded.projects.filter(\.isOnBallot), checked: picked, context),
            fields: fields, error: problem.alert(unlessShownBy: fields), receipt: receipt, pending: request.uri.queryParameters.get("pending") != nil,
            doubleEntry: loaded.edition.paperDoubleEntry == true,
            mismatches: mismatched.map { .init(value: "\(base)/paper/\($0.id)/discard", label: DateText.kyiv($0.enteredAt), selected: false) },
            deskURL: base)
        return try await html.render(
            "budget-paper", page: page, titleKey: "budget_admin.paper_title", request: request, context: context, city: loaded.city,
            cities: loaded.cities, status: error?.status ?? status)
    }

    @Sendable func paper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        let form = context.form ?? FormData()
        let picks = pages.picks(context)
        let basis = PaperVoterBasis(rawValue: form["basis"]) ?? .resident
        do {
            let outcome = try await services.budgetAdmin.enterPaper(
                BallotContent(projects: picks), edition: loaded.edition.id, city: loaded.city, nationalID: form["nationalId"], basis: basis,
                by: context.principal)
            let paper = "/\(loaded.city.slug.rawValue)/admin/budgets/\(loaded.edition.id.rawValue)/paper"
            switch outcome {
            // Shown on the answer to the POST, never put in a URL: with the
            // open data, a receipt leads to the ballot's choices.
            case .recorded(let receipt):
                return try await renderPaper(request, context, picked: [], basis: .resident, error: nil, receipt: receipt, status: .created)
            case .awaitingSecondEntry: return HTML.redirect(paper + "?pending=1")
            }
        } catch let error as AppError where error.belongsOnTheForm {
            // The form keeps the ticks, never the РНОКПП: staff type it again.
            var response = try await renderPaper(request, context, picked: Set(picks), basis: basis, error: error, receipt: nil)
            if case .rateLimited(let wait) = error { response.headers[.retryAfter] = String(wait) }
            return response
        }
    }

    struct ProposePage {
        /// One line of the cost estimate: what it is and what it costs.
        struct Item {
            let label: FormField
            let amount: FormField
        }
        let title: String
        let action: String
        /// Category, title, summary, district and address, in that order.
        let fields: [FormField]
        let items: [Item]
        /// A problem no field shows (the estimate as a whole, a phase that closed).
        let error: String?
        let editionURL: String
        /// On the edit page only.
        let coauthors: Coauthors?
        /// Latitude and longitude, which a tap on `map` fills.
        /// The project's place: the map a tap fills, latitude and longitude, "find on the map".
        let place: PlaceFieldset
    }

    struct Coauthors {
        struct Person {
            let name: String
            let email: String
            let removeURL: String?
            let isYou: Bool
        }
        let people: [Person]
        let none: Bool
        let addURL: String?
        let limit: String
        /// A refusal of the co-author form that its field does not show, atop that form rather than the page.
        let error: String?
        /// The co-author's email, as typed when refused.
        let email: FormField
    }

    @Sendable func proposeForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        guard context.isSignedIn else { return HTML.redirect("/login?next=\(pages.base(loaded))/propose") }
        return try await renderPropose(loaded, request, context, form: FormData(), error: nil)
    }

    /// The reader's own project (as its author or a co-author).
    func ownProject(_ loaded: BudgetPages.Loaded, _ context: AppRequestContext) throws -> BudgetProject {
        let id = BudgetProjectID(rawValue: try context.parameters.require("project"))
        guard let account = context.account?.id else { throw AppError.notSignedIn }
        guard let project = loaded.projects.first(where: { $0.id == id }),
              project.authorID == account || loaded.coauthors[id]?.contains(account) == true
        else { throw AppError.notFound }
        return project
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        guard context.isSignedIn else { return HTML.redirect("/login?next=\(request.uri.path)") }
        let project = try ownProject(loaded, context)
        return try await renderPropose(loaded, request, context, form: Self.form(of: project), error: nil, action: request.uri.path, project: project)
    }

    static func form(of project: BudgetProject) -> FormData {
        FormData(fields: [
            "category": [project.categoryID.rawValue], "title": [project.title], "summary": [project.summary], "district": [project.district ?? ""],
            "address": [project.address ?? ""], "itemLabel": project.costItems.map(\.label),
            "longitude": [FormPlace.text(project.longitude)], "latitude": [FormPlace.text(project.latitude)],
            "itemAmount": project.costItems.map { OpenDataFile.hryvnias($0.amount) },
        ])
    }

    /// The co-author list of the edit page: the author names and removes them, a co-author may step down.
    func coauthorSection(
        _ loaded: BudgetPages.Loaded, _ project: BudgetProject, _ context: AppRequestContext, error: AppError? = nil
    ) async throws -> Coauthors {
        let ids = loaded.coauthors[project.id] ?? []
        let people = try await services.store.read { tx in
            var found: [Account] = []
            for id in ids { if let account = try await tx.accounts.find(id: id) { found.append(account) } }
            return found
        }
        let reader = context.account?.id
        let base = "\(pages.base(loaded))/projects/\(project.id.rawValue)/coauthors"
        let problem = FormProblem(error, html: html, context: context)
        let email = FormField(
            name: "email", id: "coauthor-email", label: html.t("budgets.coauthors_email", context),
            value: error == nil ? "" : context.form?["email"] ?? "", error: problem.message(for: "email"), type: "email", autocomplete: "off",
            required: true)
        return Coauthors(
            people: people.map { person in
                Coauthors.Person(
                    name: person.fullName, email: person.email.rawValue,
                    removeURL: reader == project.authorID || reader == person.id ? "\(base)/\(person.id.rawValue)/remove" : nil,
                    isYou: reader == person.id)
            },
            none: people.isEmpty, addURL: reader == project.authorID ? base : nil,
            limit: html.t("budgets.coauthors_limit", context, ["max": String(CoauthorRules.maximum)]),
            error: problem.alert(unlessShownBy: [email]), email: email)
    }

    @Sendable func addCoauthor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        let project = try ownProject(loaded, context)
        guard let account = context.account?.id else { throw AppError.notSignedIn }
        let form = context.form ?? FormData()
        let edit = "\(pages.base(loaded))/projects/\(project.id.rawValue)/edit"
        do {
            try await services.budgetAdmin.addCoauthor(email: form["email"], project: project.id, edition: loaded.edition.id, city: loaded.city, by: account)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderEdit(loaded, project, request, context, error: error, action: edit)
        }
        return HTML.redirect(edit + "?coauthors=1")
    }

    @Sendable func removeCoauthor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        let project = try ownProject(loaded, context)
        guard let account = context.account?.id else { throw AppError.notSignedIn }
        let coauthor = AccountID(rawValue: try context.parameters.require("account"))
        let edit = "\(pages.base(loaded))/projects/\(project.id.rawValue)/edit"
        do {
            try await services.budgetAdmin.removeCoauthor(coauthor, project: project.id, edition: loaded.edition.id, city: loaded.city, by: account)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderEdit(loaded, project, request, context, error: error, action: edit)
        }
        // Someone who stepped down has no edit page any more.
        return HTML.redirect(coauthor == account ? pages.base(loaded) : edit + "?coauthors=1")
    }

    /// The edit page as stored, with the co-author form's refusal beside that form.
    func renderEdit(
        _ loaded: BudgetPages.Loaded, _ project: BudgetProject, _ request: Request, _ context: AppRequestContext, error: AppError?, action: String
    ) async throws -> Response {
        try await renderPropose(
            loaded, request, context, form: Self.form(of: project), error: nil, action: action, project: project, coauthorError: error)
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        let project = try ownProject(loaded, context)
        let form = context.form ?? FormData()
        if form["findPlace"] == "1" {
            let (found, note) = try await FormPlace.find(address: "address", in: form, city: loaded.city, context: context, services: services)
            return try await renderPropose(loaded, request, context, form: found, error: nil, action: request.uri.path, project: project, placeNote: note)
        }
        do {
            try await services.budgetAdmin.edit(project.id, with: try Self.proposal(form), edition: loaded.edition.id, city: loaded.city, by: project.authorID)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderPropose(loaded, request, context, form: form, error: error, action: request.uri.path, project: project)
        }
        return HTML.redirect(pages.base(loaded) + "?proposed=1")
    }

    /// The proposal form's fields as a domain proposal; amounts must read as hryvnias.
    static func proposal(_ form: FormData) throws -> ProjectProposal {
        let labels = form.all("itemLabel"), amounts = form.all("itemAmount")
        var items: [BudgetProject.CostItem] = []
        for (index, label) in labels.enumerated() {
            // The row's index, as the domain names a bad item, so the page shows the problem on that row.
            let amount = try FormMoney.parse(index < amounts.count ? amounts[index] : "", field: "costItems.\(index)") ?? Money(kopiyky: 0)
            items.append(.init(label: label.trimmingCharacters(in: .whitespaces), amount: amount))
        }
        let place = try FormPlace.parse(form)
        return ProjectProposal(
            categoryID: BudgetCategoryID(rawValue: form["category"]), title: form["title"], summary: form["summary"],
            district: form["district"], address: form["address"], costItems: items, longitude: place.longitude, latitude: place.latitude)
    }

    func renderPropose(
        _ loaded: BudgetPages.Loaded, _ request: Request, _ context: AppRequestContext, form: FormData, error: AppError?, action: String? = nil,
        project: BudgetProject? = nil, coauthorError: AppError? = nil, placeNote: String? = nil
    ) async throws -> Response {
        var coauthors: Coauthors?
        if let project { coauthors = try await coauthorSection(loaded, project, context, error: coauthorError) }
        let problem = FormProblem(error, html: html, context: context)
        func t(_ key: String) -> String { html.t(key, context) }
        let fields = [
            FormField(
                name: "category", label: t("budgets.filter_category"), value: form["category"], error: problem.message(for: "category"),
                options: loaded.edition.categories.map {
                    .init(value: $0.id.rawValue, label: "\($0.name.text(context.language.rawValue)) (\(pages.money($0.minCost, context)) — \(pages.money($0.maxCost, context)))",
                          selected: $0.id.rawValue == form["category"])
                }),
            FormField(
                name: "title", label: t("budgets.propose_name"), value: form["title"], error: problem.message(for: "title"), required: true,
                maxlength: 200),
            FormField(
                name: "summary", label: t("budgets.propose_summary"), value: form["summary"], error: problem.message(for: "summary"),
                hint: t("budgets.propose_summary_hint"), required: true, maxlength: 5000, rows: 6),
            FormField(name: "district", label: t("budgets.filter_district"), value: form["district"], error: problem.message(for: "district"), maxlength: 100),
            FormField(name: "address", label: t("budgets.propose_address"), value: form["address"], error: problem.message(for: "address"), maxlength: 300),
        ]
        let labels = form.all("itemLabel"), amounts = form.all("itemAmount")
        let items = (0..<max(4, labels.count)).map { index in
            let label = index < labels.count ? labels[index] : "", amount = index < amounts.count ? amounts[index] : ""
            // The domain names a bad row ("costItems.2"): its amount, unless that reads as a fair sum and the label is what is missing.
            let message = problem.message(for: "costItems", row: index)
            let sum: Money? = try? FormMoney.parse(amount, field: "")
            let amountReads = sum.map { $0.kopiyky > 0 && $0 <= .ceiling } ?? false
            let blameLabel = amountReads && label.trimmingCharacters(in: .whitespaces).isEmpty
            return ProposePage.Item(
                label: FormField(
                    name: "itemLabel", id: "l\(index + 1)", label: "\(t("budgets.propose_item")) \(index + 1)", value: label,
                    error: blameLabel ? message : nil, maxlength: 200),
                amount: FormField(
                    name: "itemAmount", id: "a\(index + 1)", label: t("budgets.propose_amount"), value: amount, error: blameLabel ? nil : message,
                    inputmode: "decimal"))
        }
        let place = PlaceFieldset(
            services: services, context: context, city: loaded.city, form: form, problem: problem, legend: t("budgets.propose_place"),
            hint: t("budgets.propose_place_hint"), mapLabel: t("budgets.propose_map_label"), addressField: "address", note: placeNote)
        let page = ProposePage(
            title: loaded.edition.title.text(context.language.rawValue), action: action ?? pages.base(loaded) + "/propose",
            fields: fields, items: items,
            error: problem.alert(unlessShownBy: fields + place.fields + items.flatMap { [$0.label, $0.amount] }),
            editionURL: pages.base(loaded), coauthors: coauthors, place: place)
        return try await html.render(
            "budget-propose", page: page, titleKey: "budgets.propose_title", request: request, context: context, city: loaded.city,
            cities: loaded.cities, status: (error ?? coauthorError)?.status ?? .ok)
    }

    @Sendable func propose(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        guard let account = context.account else { throw AppError.notSignedIn }
        let form = context.form ?? FormData()
        if form["findPlace"] == "1" {
            let (found, note) = try await FormPlace.find(address: "address", in: form, city: loaded.city, context: context, services: services)
            return try await renderPropose(loaded, request, context, form: found, error: nil, placeNote: note)
        }
        do {
            _ = try await services.budgetAdmin.propose(try Self.proposal(form), edition: loaded.edition.id, city: loaded.city, by: account.id)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderPropose(loaded, request, context, form: form, error: error)
        }
        return HTML.redirect(pages.base(loaded) + "?proposed=1")
    }
}
