import BudgetRules
import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The public participatory-budget pages under `/{city}/budgets`: editions,
/// projects, the ballot (choose → review → cast), and results.
struct BudgetPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    typealias M = BudgetPageModels

    func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/budgets", use: list)
        router.get("/{city}/budgets/{edition}", use: edition)
        router.get("/{city}/budgets/{edition}/vote", use: ballot)
        router.post("/{city}/budgets/{edition}/vote/review", use: review)
        router.post("/{city}/budgets/{edition}/vote/change", use: change)
        router.post("/{city}/budgets/{edition}/vote", use: cast)
        router.get("/{city}/budgets/{edition}/results", use: results)
        router.get("/{city}/budgets/{edition}/projects/{project}", use: project)
    }

    // MARK: Shared

    struct Loaded {
        let city: Municipality
        let cities: [Municipality]
        let edition: BudgetEdition
        let projects: [BudgetProject]
        /// Pictures of each project's place, by project id.
        let photos: [String: [Photo]]
        let coauthors: [BudgetProjectID: [AccountID]]
    }

    /// The city, the edition (404 when it is another city's or a draft the reader may not see) and its projects.
    func load(_ context: AppRequestContext) async throws -> Loaded {
        let slug = try context.parameters.require("city")
        let id = BudgetEditionID(rawValue: try context.parameters.require("edition"))
        typealias Found = (BudgetEdition, [BudgetProject], [String: [Photo]], [BudgetProjectID: [AccountID]])
        let (cities, found) = try await services.store.read { tx -> ([Municipality], Found?) in
            let cities = try await tx.municipalities.all()
            guard let city = cities.first(where: { $0.slug.rawValue == slug }),
                  let edition = try await tx.budgets.edition(id, in: city.id) else { return (cities, nil) }
            let projects = try await tx.budgets.projects(of: id, in: city.id)
            let photos = try await tx.photos.photos(of: .budgetProject, ids: projects.map(\.id.rawValue), in: city.id)
            return (cities, (edition, projects, photos, try await tx.budgets.coauthors(inEdition: id, in: city.id)))
        }
        guard let city = cities.first(where: { $0.slug.rawValue == slug }), let (edition, projects, photos, coauthors) = found else {
            throw AppError.notFound
        }
        guard edition.isVisible(to: context.principal, at: services.clock.now()) else { throw AppError.notFound }
        return Loaded(city: city, cities: cities, edition: edition, projects: projects, photos: photos, coauthors: coauthors)
    }

    func base(_ loaded: Loaded) -> String { "/\(loaded.city.slug.rawValue)/budgets/\(loaded.edition.id.rawValue)" }

    func money(_ money: Money, _ context: AppRequestContext) -> String {
        money.formatted(currency: html.t("budgets.currency", context))
    }

    func phaseLabel(_ edition: BudgetEdition, _ context: AppRequestContext) -> String {
        html.t("budgets.phase.\(edition.phase(at: services.clock.now()).rawValue)", context)
    }

    func ruleText(_ edition: BudgetEdition, _ context: AppRequestContext) -> String {
        switch edition.ballotRule {
        case .approval(let maxPicks, _):
            let perCategory = edition.categories.compactMap { category in
                category.maxPicks.map {
                    html.t("budgets.rule.category_limit", context, ["category": category.name.text(context.language.rawValue), "max": String($0)])
                }
            }
            if !perCategory.isEmpty {
                return html.t("budgets.rule.approval_per_category", context, ["limits": perCategory.joined(separator: ", ")])
            }
            return maxPicks.map { html.t("budgets.rule.approval", context, ["max": String($0)]) } ?? html.t("budgets.rule.approval_any", context)
        case .knapsack(let share): return html.t("budgets.rule.knapsack", context, ["share": String(share)])
        case .chooseOne: return html.t("budgets.rule.choose_one", context)
        case .cumulative(let points, _): return html.t("budgets.rule.cumulative", context, ["points": String(points)])
        }
    }

    func item(
        _ project: BudgetProject, checked: Set<BudgetProjectID> = [], in loaded: Loaded? = nil, referrers: Referrers? = nil,
        _ context: AppRequestContext
    ) -> M.ProjectItem {
        var relations: [String] = []
        if let loaded {
            let number = { (id: BudgetProjectID) in loaded.projects.first { $0.id == id }.map { String($0.number) } ?? "?" }
            if let target = project.mergedInto { relations.append(html.t("budgets.merged_into", context, ["number": number(target)])) }
            let others = loaded.edition.incompatibilities.compactMap { pair -> String? in
                pair.first == project.id ? number(pair.second) : pair.second == project.id ? number(pair.first) : nil
            }
            if !others.isEmpty { relations.append(html.t("budgets.incompatible_with", context, ["numbers": others.joined(separator: ", ")])) }
        }
        let staff = loaded.map { context.principal?.may(.reviewBudgetProject, in: $0.city.id) == true } ?? false
        let coauthors = loaded?.coauthors[project.id] ?? []
        let mayChangePhotos = loaded.flatMap { loaded in
            context.principal.map {
                (try? project.checkPhotosMayChange(
                    by: $0, coauthors: coauthors, municipality: loaded.city.id, edition: loaded.edition, at: services.clock.now())) != nil
            }
        } ?? false
        let photos = loaded.map { photoItems($0.photos[project.id.rawValue] ?? [], in: $0) } ?? []
        return M.ProjectItem(
            photos: photos, hasPhotos: !photos.isEmpty,
            photosURL: loaded.flatMap { mayChangePhotos || staff ? "\(base($0))/projects/\(project.id.rawValue)/photos" : nil },
            id: project.id.rawValue, url: loaded.map { "\(base($0))/projects/\(project.id.rawValue)" } ?? "", number: project.number, title: project.title, summary: project.summary,
            cost: money(project.cost, context), costKopiyky: project.cost.kopiyky, district: project.district ?? "",
            address: project.address ?? "", status: html.t("budgets.status.\(project.status.rawValue)", context),
            feasible: project.status == .feasible, infeasible: project.status == .infeasible, reason: project.review?.reason ?? "",
            checked: checked.contains(project.id), relations: relations.joined(separator: " "),
            editURL: loaded.flatMap { loaded in
                guard let account = context.account?.id, (try? project.checkAuthorMayChange(account, coauthors: coauthors)) != nil,
                      loaded.edition.phase(at: services.clock.now()) == .proposals
                else { return nil }
                return "\(base(loaded))/projects/\(project.id.rawValue)/edit"
            }, referrers: referrers)
    }

    func photoItems(_ photos: [Photo], in loaded: Loaded) -> [M.PhotoItem] {
        photos.map { M.PhotoItem(url: "\(base(loaded))/photos/\($0.id.rawValue)", caption: $0.caption, width: $0.width, height: $0.height) }
    }

    func groups(
        _ loaded: Loaded, projects: [BudgetProject], checked: Set<BudgetProjectID> = [], referrers: [BudgetProjectID: Referrers] = [:],
        _ context: AppRequestContext
    ) -> [M.CategoryGroup] {
        loaded.edition.categories.map { category in
            let members = projects.filter { $0.categoryID == category.id }
            return M.CategoryGroup(
                id: category.id.rawValue, name: category.name.text(context.language.rawValue), fund: money(category.fund, context),
                fundKopiyky: category.fund.kopiyky,
                range: html.t("budgets.cost_range", context, ["min": money(category.minCost, context), "max": money(category.maxCost, context)]),
                limit: category.maxPicks.map { html.t("budgets.pick_limit", context, ["max": String($0)]) } ?? "",
                maxPicks: category.maxPicks ?? 0, projects: members.map { item($0, checked: checked, in: loaded, referrers: referrers[$0.id], context) },
                empty: members.isEmpty)
        }
    }

    // MARK: Pages

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let editions = try await services.store.read { try await $0.budgets.editions(in: city.id) }
        let now = services.clock.now()
        let items = editions.filter { $0.isVisible(to: context.principal, at: now) }.map { edition in
            M.EditionItem(
                url: "/\(city.slug.rawValue)/budgets/\(edition.id.rawValue)", title: edition.title.text(context.language.rawValue),
                phase: phaseLabel(edition, context), fund: money(edition.fund, context),
                voting: "\(DateText.kyiv(edition.schedule.votingOpen)) — \(DateText.kyiv(edition.schedule.votingClose))")
        }
        let page = M.List(cityName: city.name.localized(context.language), editions: items, empty: items.isEmpty)
        return try await html.render(
            "budgets", page: page, titleKey: "budgets.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city)
    }

    @Sendable func edition(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(context)
        let edition = loaded.edition
        let now = services.clock.now()
        let query = request.uri.queryParameters
        let category = query.get("category").flatMap { $0.isEmpty ? nil : $0 }
        let district = query.get("district").flatMap { $0.isEmpty ? nil : $0 }
        let visible = loaded.projects.filter { $0.status != .withdrawn }
        let shown = visible.filter {
            (category == nil || $0.categoryID.rawValue == category) && (district == nil || $0.district == district)
        }
        let (verified, voted) = try await voterState(loaded, context)
        let districts = Set(visible.compactMap(\.district)).sorted()
        var dates: [M.Option] = []
        if let proposals = edition.schedule.proposalsOpen {
            dates.append(.init(value: DateText.kyiv(proposals), label: html.t("budgets.dates.proposals", context), selected: false))
        }
        dates.append(.init(value: DateText.kyiv(edition.schedule.reviewOpen), label: html.t("budgets.dates.review", context), selected: false))
        dates.append(.init(value: DateText.kyiv(edition.schedule.votingOpen), label: html.t("budgets.dates.voting_opens", context), selected: false))
        dates.append(.init(value: DateText.kyiv(edition.schedule.votingClose), label: html.t("budgets.dates.voting_closes", context), selected: false))
        let phase = edition.phase(at: now)
        let delivery = try await deliveryItems(loaded, context)
        let referrers = try await projectReferrers(shown, city: loaded.city, context)
        let staff = context.principal?.may(.reviewBudgetProject, in: loaded.city.id) == true
        let all = M.Option(value: "", label: html.t("budgets.all", context), selected: false)
        var page = M.Edition(
            title: edition.title.text(context.language.rawValue), phase: phaseLabel(edition, context), fund: money(edition.fund, context),
            dates: dates, rule: ruleText(edition, context),
            groups: groups(loaded, projects: shown, referrers: referrers, context).filter { category == nil || $0.id == category },
            filters: [
                FormField(
                    name: "category", label: html.t("budgets.filter_category", context), value: category ?? "",
                    options: [all] + edition.categories.map {
                        M.Option(value: $0.id.rawValue, label: $0.name.text(context.language.rawValue), selected: $0.id.rawValue == category)
                    }),
                FormField(
                    name: "district", label: html.t("budgets.filter_district", context), value: district ?? "",
                    options: [all] + districts.map { M.Option(value: $0, label: $0, selected: $0 == district) }),
            ],
            voteURL: base(loaded) + "/vote", resultsURL: base(loaded) + "/results", isVoting: phase == .voting,
            hasResults: phase >= .results, signedIn: context.isSignedIn, verified: verified,
            loginURL: "/login?next=\(base(loaded))/vote", verifyURL: "/\(loaded.city.slug.rawValue)/verify", voted: voted,
            filterURL: base(loaded), isProposals: phase == .proposals, proposeURL: base(loaded) + "/propose",
            proposed: query.get("proposed") != nil,
            staffURL: staff ? "/\(loaded.city.slug.rawValue)/admin/budgets/\(edition.id.rawValue)" : nil, delivery: delivery,
            hasDelivery: !delivery.isEmpty, map: projectsMap(loaded, context))
        if edition.isVisible(to: nil, at: services.clock.now()) {
            page.follow = try await FollowButton.make(.budgetEdition, id: edition.id.rawValue, in: loaded.city, path: base(loaded), context: context, services: services)
        }
        return try await html.render(
            "budget", page: page, titleKey: "budgets.edition_title", titleArguments: ["title": page.title], request: request,
            context: context, city: loaded.city, cities: loaded.cities)
    }

    /// The edition's projects on the platform's map, when any has a place; the list below has them all.
    func projectsMap(_ loaded: Loaded, _ context: AppRequestContext) -> MapView? {
        let points = BudgetAPIController.points(loaded.projects, city: loaded.city, edition: loaded.edition)
        guard let centre = MapPoint.centre(of: points) else { return nil }
        return MapView(
            services: services, label: html.t("budgets.projects_map_label", context), centre: centre,
            source: "/api/v1/\(loaded.city.slug.rawValue)/budgets/\(loaded.edition.id.rawValue)/projects.geojson")
    }

    /// An explanation's amounts are in hryvnias (the Pabulib unit), as floating point for reading.
    func hryvnias(_ value: Double, _ context: AppRequestContext) -> String {
        money(Money(kopiyky: Int64(exactly: (value * 100).rounded()) ?? 0), context)
    }

    func numbered(_ id: String, _ projects: [BudgetProject]) -> (Int, String) {
        projects.first { $0.id.rawValue == id }.map { ($0.number, $0.title) } ?? (0, id)
    }

    /// "412 voters paid 129,18 грн each; 52 gave all they had left: 80,10 грн" — per funded project, in the order bought.
    func explainFunded(_ why: EqualSharesExplanation?, _ projects: [BudgetProject], _ context: AppRequestContext) -> [M.ExplanationLine] {
        guard let why else { return [] }
        return why.funded.map { item in
            let (number, title) = numbered(item.project, projects)
            let parts = item.payments.enumerated().map { index, payment in
                html.t(index == 0 ? "budgets.why.paid_equal" : "budgets.why.paid_rest", context, [
                    "voters": NumberFormat.grouped(payment.voters), "amount": hryvnias(payment.amount, context),
                ])
            }
            return M.ExplanationLine(number: number, title: title, text: parts.joined(separator: "; "))
        }
    }

    func explainUnfunded(_ why: EqualSharesExplanation?, _ projects: [BudgetProject], _ context: AppRequestContext) -> [M.ExplanationLine] {
        guard let why else { return [] }
        return why.unfunded.filter { $0.supporters > 0 }.map { item in
            let (number, title) = numbered(item.project, projects)
            return M.ExplanationLine(number: number, title: title, text: html.t("budgets.why.unfunded", context, [
                "supporters": NumberFormat.grouped(item.supporters), "needed": hryvnias(item.neededPerVoter, context),
                "left": hryvnias(item.supportersHadLeft, context),
            ]))
        }
    }

    /// The analyses as label–value lines: satisfaction, its spread, EJR up to one, priceability.
    func analysisMeasures(_ report: OutcomeAnalysis.Report?, _ projects: [BudgetProject], _ context: AppRequestContext) -> [M.Option] {
        guard let report else { return [] }
        var lines: [M.Option] = []
        func line(_ key: String, _ value: String) { lines.append(.init(value: value, label: html.t("budgets.analysis.\(key)", context), selected: false)) }
        if let average = report.averageCostSatisfaction { line("average", hryvnias(average, context)) }
        if let share = report.percentNonEmptyHanded {
            line("non_empty", html.t("budgets.analysis.percent", context, ["percent": NumberFormat.decimal(share * 100, digits: 1, decimalComma: context.language == .uk)]))
        }
        if let gini = report.giniCostSatisfaction { line("gini", NumberFormat.decimal(gini, digits: 2, decimalComma: context.language == .uk)) }
        if let ejr = report.ejrUpToOne {
            if ejr {
                line("ejr", html.t("budgets.analysis.yes", context))
            } else if let violation = report.ejrViolation {
                let named = violation.projects.map { id in "№ \(numbered(id, projects).0)" }.joined(separator: ", ")
                line("ejr", html.t("budgets.analysis.ejr_no", context, ["voters": NumberFormat.grouped(violation.voters), "projects": named]))
            }
        }
        if let verdict = report.priceability {
            let text: String = switch verdict {
            case .priceable: html.t("budgets.analysis.yes", context)
            case .notExhaustive(let project): html.t("budgets.analysis.not_exhaustive", context, ["project": "№ \(numbered(project, projects).0)"])
            case .overBudget, .outsideModel, .unpaid, .noPriceSystem: html.t("budgets.analysis.no", context)
            case .undecided: html.t("budgets.analysis.undecided", context)
            }
            line("priceable", text)
        }
        return lines
    }

    /// Each project's effective support: the share of its cost its supporters could cover at the price MES was paying (100 % or more: funded).
    func analysisEffects(_ report: OutcomeAnalysis.Report?, _ projects: [BudgetProject], _ context: AppRequestContext) -> [M.ExplanationLine] {
        guard let effects = report?.projects else { return [] }
        return effects.compactMap { effect in
            guard let support = effect.effectiveSupport else { return nil }
            let (number, title) = numbered(effect.project, projects)
            return M.ExplanationLine(number: number, title: title, text: html.t(
                effect.fundedByMES ? "budgets.analysis.support_funded" : "budgets.analysis.support_unfunded", context,
                ["percent": NumberFormat.grouped(Int64(support))]))
        }.sorted { $0.number < $1.number }
    }

    /// Projects the utilitarian completion added after MES stopped (mes-add1u).
    func completedBeyondMES(_ why: EqualSharesExplanation?, _ outcome: BudgetResults.CategoryOutcome, _ context: AppRequestContext) -> [M.ExplanationLine] {
        guard let why else { return [] }
        let bought = Set(why.funded.map(\.project))
        return outcome.projects.filter { $0.funded && !bought.contains($0.project.id.rawValue) }.map {
            M.ExplanationLine(number: $0.project.number, title: $0.project.title, text: html.t("budgets.why.completed", context))
        }
    }

    /// What of the city's other modules points at each project shown (a
    /// strategy's measures), asked once for them all; no query at all when
    /// none of the city's modules says what its things point at.
    func projectReferrers(_ projects: [BudgetProject], city: Municipality, _ context: AppRequestContext) async throws -> [BudgetProjectID: Referrers] {
        let found = try await Referrers.of(.budgetProject, ids: projects.map(\.id.rawValue), in: city, context, services: services)
        return Dictionary(uniqueKeysWithValues: found.map { (BudgetProjectID(rawValue: $0.key), $0.value) })
    }

    /// The public delivery overview: each funded project's latest update.
    func deliveryItems(_ loaded: Loaded, _ context: AppRequestContext) async throws -> [M.DeliveryItem] {
        guard loaded.edition.phase(at: services.clock.now()) >= .results else { return [] }
        let city = loaded.city.id, edition = loaded.edition.id
        let ids = loaded.projects.map(\.id.rawValue)
        let (results, updates, photos) = try await services.store.read { tx in
            (try await tx.budgets.publishedResults(of: edition), try await tx.budgets.deliveryUpdates(of: edition, in: city),
             try await tx.photos.photos(of: .budgetDelivery, ids: ids, in: city))
        }
        let funded = Set(results.values.flatMap { $0 })
        return loaded.projects.filter { funded.contains($0.id) }.map { project in
            let latest = updates.first { $0.projectID == project.id }
            let pictures = photoItems(photos[project.id.rawValue] ?? [], in: loaded)
            return M.DeliveryItem(
                photos: pictures, hasPhotos: !pictures.isEmpty,
                number: project.number, title: project.title,
                status: html.t("budget_admin.delivery_status.\((latest?.status ?? .planned).rawValue)", context),
                spent: money(latest?.spent ?? Money(kopiyky: 0), context), cost: money(project.cost, context), note: latest?.note ?? "",
                date: latest.map { DateText.kyiv($0.postedAt) } ?? "")
        }
    }

    /// How many paper ballots each clerk typed, for budget staff: a clerk
    /// typing far more than the others is worth a look. Counted per clerk
    /// only, never per voter or ballot.
    func clerkCounts(_ loaded: Loaded, _ context: AppRequestContext) async throws -> [M.Option] {
        guard context.principal?.may(.manageBudget, in: loaded.city.id) == true else { return [] }
        let edition = loaded.edition.id
        return try await services.store.read { tx in
            var rows: [M.Option] = []
            for (clerk, entries) in try await tx.budgets.clerkEntryCounts(in: edition) {
                let name = try await tx.accounts.find(id: clerk)?.fullName ?? clerk.rawValue
                rows.append(.init(value: NumberFormat.grouped(entries), label: name, selected: false))
            }
            return rows
        }
    }

    /// Whether the reader is a verified resident here, and whether they have voted in this edition.
    func voterState(_ loaded: Loaded, _ context: AppRequestContext) async throws -> (verified: Bool, voted: Bool) {
        guard let account = context.account?.id else { return (false, false) }
        let city = loaded.city.id, edition = loaded.edition.id
        return try await services.store.read { tx in
            guard let verification = try await tx.residency.find(account: account, in: city) else { return (false, false) }
            return (true, try await tx.budgets.participation(in: edition, identity: verification.identityHash) != nil)
        }
    }

    @Sendable func ballot(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(context)
        guard context.isSignedIn else { return HTML.redirect("/login?next=\(base(loaded))/vote") }
        return try await renderBallot(loaded, picked: [], error: nil, request: request, context: context)
    }

    /// Back from the review to the ballot with the picks still ticked. A POST
    /// (with its CSRF token), so the choices never appear in a URL.
    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(context)
        guard context.isSignedIn else { throw AppError.notSignedIn }
        return try await renderBallot(loaded, picked: Set(picks(context)), error: nil, request: request, context: context)
    }

    func renderBallot(
        _ loaded: Loaded, picked: Set<BudgetProjectID>, error: AppError?, request: Request, context: AppRequestContext
    ) async throws -> Response {
        let edition = loaded.edition
        var totalLimit = 0
        if case .approval(let maxPicks, _) = edition.ballotRule { totalLimit = maxPicks ?? 0 }
        var knapsack = false
        if case .knapsack = edition.ballotRule { knapsack = true }
        let page = M.Ballot(
            title: edition.title.text(context.language.rawValue), rule: ruleText(edition, context), action: base(loaded) + "/vote/review",
            groups: groups(loaded, projects: loaded.projects.filter(\.isOnBallot), checked: picked, context),
            error: error.map { html.t($0.messageKey, context) }, totalLimit: totalLimit, knapsack: knapsack)
        return try await html.render(
            "ballot", page: page, titleKey: "budgets.ballot_title", titleArguments: ["title": page.title], request: request,
            context: context, city: loaded.city, cities: loaded.cities, status: error?.status ?? .ok)
    }

    func picks(_ context: AppRequestContext) -> [BudgetProjectID] {
        (context.form ?? FormData()).all("project").filter { !$0.isEmpty }.map(BudgetProjectID.init(rawValue:))
    }

    /// Checks the ballot before it is cast, so the voter sees exactly what they are about to submit.
    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(context)
        guard context.isSignedIn else { throw AppError.notSignedIn }
        let chosen = picks(context)
        do {
            try BudgetVoting.check(BallotContent(projects: chosen), edition: loaded.edition, projects: loaded.projects)
        } catch let error as AppError {
            return try await renderBallot(loaded, picked: Set(chosen), error: error, request: request, context: context)
        }
        let byID = Dictionary(uniqueKeysWithValues: loaded.projects.map { ($0.id, $0) })
        let projects = chosen.compactMap { byID[$0] }
        let total = projects.reduce(Money(kopiyky: 0)) { $0 + $1.cost }
        let page = M.Review(
            title: loaded.edition.title.text(context.language.rawValue), picks: projects.map { item($0, context) },
            ids: chosen.map { .init(value: $0.rawValue, label: "", selected: true) }, castAction: base(loaded) + "/vote",
            changeAction: base(loaded) + "/vote/change", offerEmail: loaded.edition.receiptsEnabled && loaded.edition.receiptByEmailAllowed,
            emailReceipt: FormField(
                name: "emailReceipt", label: html.t("budgets.email_receipt", context), value: "yes",
                hint: html.t("budgets.email_receipt_hint", context), checked: false),
            total: money(total, context))
        return try await html.render(
            "ballot-review", page: page, titleKey: "budgets.review_title", request: request, context: context, city: loaded.city,
            cities: loaded.cities)
    }

    @Sendable func cast(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(context)
        guard let account = context.account else { throw AppError.notSignedIn }
        let chosen = picks(context)
        let confirmation: BudgetVoting.Confirmation
        do {
            confirmation = try await services.budgetVoting.castOnline(
                BallotContent(projects: chosen), in: loaded.edition.id, city: loaded.city.id, by: account.id,
                clientAddress: context.clientAddress)
        } catch let error as AppError where error.status == .unprocessableContent {
            return try await renderBallot(loaded, picked: Set(chosen), error: error, request: request, context: context)
        }
        var emailed = false
        if let receipt = confirmation.receipt, loaded.edition.receiptByEmailAllowed, (context.form ?? FormData())["emailReceipt"] == "yes" {
            try await services.budgetVoting.emailReceipt(receipt, edition: loaded.edition, city: loaded.city, to: account, language: context.language)
            emailed = true
        }
        let page = M.Confirmation(
            title: loaded.edition.title.text(context.language.rawValue), receipt: confirmation.receipt, editionURL: base(loaded),
            emailed: emailed)
        return try await html.render(
            "ballot-cast", page: page, titleKey: "budgets.cast_title", request: request, context: context, city: loaded.city,
            cities: loaded.cities, status: .created)
    }

    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(context)
        guard loaded.edition.resultsVisible(to: context.principal, at: services.clock.now()) else {
            throw AppError.conflict(code: "results_not_published")
        }
        let editionID = loaded.edition.id
        // Any rule can be shown for comparison; the edition's own is the official result.
        var rule = loaded.edition.winnerRule
        if let name = request.uri.queryParameters.get("rule") {
            guard let known = WinnerRule(rawValue: name) else { throw AppError.invalid(code: "unknown_rule", field: "rule") }
            rule = known
        }
        // While counting, staff preview the results: ballots still sealed count too.
        let count = try await services.budgetResults.count(
            edition: loaded.edition, city: loaded.city, projects: loaded.projects, rule: rule, detailed: true)
        let api = "/api/v1/\(loaded.city.slug.rawValue)/budgets/\(editionID.rawValue)/export.pb"
        let votes = html.t("budgets.votes_unit", context)
        let groups = count.outcomes.enumerated().map { index, outcome in
            let why = count.details?[index].explanation
            let analysis = count.details?[index].analysis
            let measures = analysisMeasures(analysis, loaded.projects, context)
            let effects = analysisEffects(analysis, loaded.projects, context)
            return M.ResultGroup(
                explained: why != nil,
                startBudget: why.map { why in
                    let base = outcome.voters > 0 ? Double(outcome.category.fund.kopiyky) / 100 / Double(outcome.voters) : 0
                    guard rule == .mesAdd1u, why.budgetPerVoter > base + 0.005 else {
                        return html.t("budgets.why.start", context, ["amount": hryvnias(why.budgetPerVoter, context)])
                    }
                    return html.t("budgets.why.start_add1", context, ["amount": hryvnias(why.budgetPerVoter, context), "base": hryvnias(base, context)])
                } ?? "",
                fundedWhy: explainFunded(why, loaded.projects, context), unfundedWhy: explainUnfunded(why, loaded.projects, context),
                completed: completedBeyondMES(why, outcome, context),
                measures: measures, effects: effects, hasEffects: !effects.isEmpty, analysed: !measures.isEmpty,
                name: outcome.category.name.text(context.language.rawValue), fund: money(outcome.category.fund, context),
                spent: money(outcome.spent, context), voters: NumberFormat.grouped(Int64(outcome.voters)),
                chart: SVGBarChart(
                    bars: outcome.projects.map {
                        .init(label: "\($0.project.number). \($0.project.title)", value: $0.score, valueText: "\(NumberFormat.grouped($0.score)) \(votes)", highlighted: $0.funded)
                    },
                    title: html.t("budgets.chart_title", context, ["category": outcome.category.name.text(context.language.rawValue)])).render(),
                projects: outcome.projects.map {
                    .init(number: $0.project.number, title: $0.project.title, cost: money($0.project.cost, context),
                          score: NumberFormat.grouped($0.score), funded: $0.funded)
                },
                exportURL: api + "?category=\(outcome.category.id.rawValue)")
        }
        let channels = BallotChannel.allCases.map { channel in
            let cast = Int64(count.byChannel[channel] ?? 0)
            return SVGBarChart.Bar(label: html.t("budgets.channel.\(channel.rawValue)", context), value: cast,
                                   valueText: NumberFormat.grouped(cast), highlighted: channel == .online)
        }
        let ages = AgeGroup.allCases.compactMap { group -> SVGBarChart.Bar? in
            let cast = Int64(count.byAge[group] ?? 0)
            guard cast > 0 || group != .unknown else { return nil }
            return .init(label: html.t("budgets.age.\(group == .unknown ? "unknown" : group.rawValue)", context), value: cast,
                         valueText: NumberFormat.grouped(cast), highlighted: false)
        }
        let resultsURL = base(loaded) + "/results"
        let clerks = try await clerkCounts(loaded, context)
        let page = M.Results(
            title: loaded.edition.title.text(context.language.rawValue), rule: html.t("budgets.winner.\(rule.rawValue)", context),
            comparing: rule != loaded.edition.winnerRule, officialURL: resultsURL,
            ruleLinks: WinnerRule.allCases.filter { $0 != rule }.map {
                .init(value: $0 == loaded.edition.winnerRule ? resultsURL : resultsURL + "?rule=\($0.rawValue)",
                      label: html.t("budgets.winner.\($0.rawValue)", context), selected: $0 == loaded.edition.winnerRule)
            },
            ballots: NumberFormat.grouped(Int64(count.ballots)), groups: groups,
            channelChart: SVGBarChart(bars: channels, title: html.t("budgets.turnout_channel", context)).render(),
            ageChart: SVGBarChart(bars: ages, title: html.t("budgets.turnout_age", context)).render(), exportURL: api,
            openDataURL: "/api/v1/\(loaded.city.slug.rawValue)/budgets/\(editionID.rawValue)/open-data/",
            editionURL: base(loaded), clerks: clerks, hasClerks: !clerks.isEmpty)
        return try await html.render(
            "budget-results", page: page, titleKey: "budgets.results_title", titleArguments: ["title": page.title], request: request,
            context: context, city: loaded.city, cities: loaded.cities)
    }
}
