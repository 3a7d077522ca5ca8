import BudgetRules
import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// `/api/v1/{city}/budgets…` (docs/interfaces.md): editions, projects, ballots, results and the Pabulib export.
struct BudgetAPIController {
    let services: AppServices

    func add(to router: Router<AppRequestContext>) {
        let budgets = router.group("api/v1/:city/budgets")
        budgets.get(use: list)
        budgets.post(use: create)
        budgets.put(":edition/rules", use: changeRules)
        budgets.post(":edition/projects", use: submit)
        budgets.get(":edition", use: show)
        budgets.get(":edition/projects", use: projects)
        budgets.get(":edition/projects.geojson", use: projectPoints)
        budgets.get(":edition/projects/:project", use: project)
        budgets.post(":edition/ballots", use: vote)
        budgets.get(":edition/results", use: results)
        budgets.get(":edition/export.pb", use: export)
        budgets.get(":edition/open-data/:file", use: openData)
    }

    struct EditionBody: Encodable {
        struct Category: Encodable {
            let id: String
            let name: String
            let fund: Int64
            let minCost: Int64
            let maxCost: Int64
            let maxPicks: Int?
            let minPicks: Int?
        }
        let id: String
        let title: String
        let phase: String
        let fund: Int64
        let ballotRule: String
        let maxPicks: Int?
        let minPicks: Int?
        let minimumSharePercent: Int?
        let points: Int?
        let winnerRule: String
        let receipts: Bool
        let minimumAge: Int
        let votingOpens: Date
        let votingCloses: Date
        let categories: [Category]
        /// Pairs of project ids never both funded (staff decisions, public).
        let incompatible: [[String]]
    }

    func body(_ edition: BudgetEdition, language: Language) -> EditionBody {
        var maxPicks: Int?, minPicks: Int?, share: Int?, points: Int?
        switch edition.ballotRule {
        case .approval(let most, let least): (maxPicks, minPicks) = (most, least)
        case .knapsack(let percent): share = percent
        case .cumulative(let total, _): points = total
        case .chooseOne: break
        }
        return EditionBody(
            id: edition.id.rawValue, title: edition.title.text(language.rawValue), phase: edition.phase(at: services.clock.now()).rawValue,
            fund: edition.fund.kopiyky, ballotRule: edition.ballotRule.kind, maxPicks: maxPicks, minPicks: minPicks,
            minimumSharePercent: share, points: points, winnerRule: edition.winnerRule.rawValue, receipts: edition.receiptsEnabled,
            minimumAge: edition.eligibility.minimumAge, votingOpens: edition.schedule.votingOpen,
            votingCloses: edition.schedule.votingClose,
            categories: edition.categories.map {
                .init(
                    id: $0.id.rawValue, name: $0.name.text(language.rawValue), fund: $0.fund.kopiyky, minCost: $0.minCost.kopiyky,
                    maxCost: $0.maxCost.kopiyky, maxPicks: $0.maxPicks, minPicks: $0.minPicks)
            },
            incompatible: edition.incompatibilities.map { [$0.first.rawValue, $0.second.rawValue] })
    }

    /// The edition in this city, or 404 (another city's edition is unknown here).
    func edition(_ context: AppRequestContext) async throws -> (Municipality, BudgetEdition) {
        let city = try await CityLookup(store: services.store).require(context)
        let id = BudgetEditionID(rawValue: try context.parameters.require("edition"))
        guard let edition = try await services.store.read({ try await $0.budgets.edition(id, in: city.id) }) else {
            throw AppError.notFound
        }
        return (city, edition)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let editions = try await services.store.read { try await $0.budgets.editions(in: city.id) }
        // Drafts are the staff's work in progress.
        let now = services.clock.now()
        let visible = editions.filter { $0.isVisible(to: context.principal, at: now) }
        return try JSONResponse.encode(APIController.ListBody(items: visible.map { body($0, language: context.language) }, next: nil))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, edition) = try await edition(context)
        guard edition.isVisible(to: context.principal, at: services.clock.now()) else { throw AppError.notFound }
        return try JSONResponse.encode(body(edition, language: context.language))
    }

    struct ProjectBody: Encodable {
        struct Review: Encodable {
            let feasible: Bool
            let reason: String
            let revisedCost: Int64?
            let decidedAt: Date
        }
        let id: String
        let number: Int
        let category: String
        let title: String
        let summary: String
        let district: String?
        let address: String?
        let latitude: Double?
        let longitude: Double?
        let cost: Int64
        let status: String
        let review: Review?
        let photos: [Photo]

        struct Photo: Encodable {
            let url: String
            let mediaType: String
            let caption: String
            let width: Int
            let height: Int
        }
    }

    static func body(_ project: BudgetProject, photos: [Photo] = [], city: Municipality) -> ProjectBody {
        ProjectBody(
            id: project.id.rawValue, number: project.number, category: project.categoryID.rawValue, title: project.title,
            summary: project.summary, district: project.district, address: project.address, latitude: project.latitude,
            longitude: project.longitude, cost: project.cost.kopiyky, status: project.status.rawValue,
            review: project.review.map { .init(feasible: $0.feasible, reason: $0.reason, revisedCost: $0.revisedCost?.kopiyky, decidedAt: $0.decidedAt) },
            photos: photos.map {
                .init(url: "/\(city.slug.rawValue)/budgets/\(project.editionID.rawValue)/photos/\($0.id.rawValue)", mediaType: $0.format.mediaType,
                      caption: $0.caption, width: $0.width, height: $0.height)
            })
    }

    /// The edition in this city that the reader may see: a draft is its staff's alone.
    func visibleEdition(_ context: AppRequestContext) async throws -> (Municipality, BudgetEdition) {
        let (city, edition) = try await edition(context)
        guard edition.isVisible(to: context.principal, at: services.clock.now()) else { throw AppError.notFound }
        return (city, edition)
    }

    @Sendable func projects(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, edition) = try await visibleEdition(context)
        let (projects, photos) = try await services.store.read { tx in
            let projects = try await tx.budgets.projects(of: edition.id, in: city.id)
            return (projects, try await tx.photos.photos(of: .budgetProject, ids: projects.map(\.id.rawValue), in: city.id))
        }
        let visible = projects.filter { $0.status != .withdrawn }
        return try JSONResponse.encode(APIController.ListBody(
            items: visible.map { Self.body($0, photos: photos[$0.id.rawValue] ?? [], city: city) }, next: nil))
    }

    /// One project with its photos; a withdrawn one is known only to its authors and the city's reviewers.
    @Sendable func project(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, edition) = try await visibleEdition(context)
        let id = BudgetProjectID(rawValue: try context.parameters.require("project"))
        let found = try await services.store.read { tx -> (BudgetProject, [Photo], [AccountID])? in
            guard let project = try await tx.budgets.project(id, in: city.id), project.editionID == edition.id else { return nil }
            let photos = try await tx.photos.photos(of: .budgetProject, ids: [id.rawValue], in: city.id)[id.rawValue] ?? []
            return (project, photos, try await tx.budgets.coauthors(of: id, in: city.id))
        }
        guard let (project, photos, coauthors) = found, project.mayBeRead(by: context.principal, coauthors: coauthors, municipality: city.id) else {
            throw AppError.notFound
        }
        return try JSONResponse.encode(Self.body(project, photos: photos, city: city))
    }

    /// The edition's projects that have a place, as GeoJSON points for the edition's map.
    @Sendable func projectPoints(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, edition) = try await visibleEdition(context)
        let projects = try await services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }
        return try MapPoint.response(Self.points(projects, city: city, edition: edition))
    }

    /// The listed projects with a place, each linking to its page.
    static func points(_ projects: [BudgetProject], city: Municipality, edition: BudgetEdition) -> [MapPoint] {
        projects.filter { $0.status != .withdrawn }.compactMap { project in
            guard let latitude = project.latitude, let longitude = project.longitude else { return nil }
            return MapPoint(
                id: project.id.rawValue, longitude: longitude, latitude: latitude, title: "№ \(project.number). \(project.title)",
                url: "/\(city.slug.rawValue)/budgets/\(edition.id.rawValue)/projects/\(project.id.rawValue)", label: project.address ?? "")
        }
    }

    /// A new edition: these fields and, in the same JSON object, the rules (`RulesRequest`).
    struct EditionRequest: Decodable {
        struct Text: Decodable {
            let uk: String
            let en: String?
        }
        struct Category: Decodable {
            let id: String?
            let name: Text
            let fund: Kopiyky
            let minCost: Kopiyky
            let maxCost: Kopiyky
            let maxPicks: WholeNumber<InputRange.Picks>?
            let minPicks: WholeNumber<InputRange.Picks>?

            var rules: EditionRules.Category {
                .init(
                    id: id, nameUK: name.uk, nameEN: name.en ?? "", fund: fund.money, minCost: minCost.money, maxCost: maxCost.money,
                    maxPicks: maxPicks?.value, minPicks: minPicks?.value)
            }
        }
        let title: Text
        let receipts: Bool?
        let receiptByEmail: Bool?
        let minimumAge: WholeNumber<InputRange.Age>?
        let paperForWorkersAndStudents: Bool?
        /// On unless turned off: one clerk alone must not be able to fill the box.
        let paperDoubleEntry: Bool?
        let paperEntriesPerClerk: Int?
        let proposalsOpen: Date?
        let reviewOpen: Date
        let votingOpen: Date
        let votingClose: Date
        let announce: Bool?
    }

    /// Two views of one JSON object: an edition's own fields and its rules side by side.
    struct Both<First: Decodable, Second: Decodable>: Decodable {
        let first: First
        let second: Second

        init(from decoder: any Decoder) throws {
            first = try First(from: decoder)
            second = try Second(from: decoder)
        }
    }

    /// The counting rules alone, for `PUT …/rules`; refused with 409 once voting has opened.
    struct RulesRequest: Decodable {
        let ballotRule: String
        let maxPicks: WholeNumber<InputRange.Picks>?
        let minPicks: WholeNumber<InputRange.Picks>?
        let minimumSharePercent: WholeNumber<InputRange.Percent>?
        let points: WholeNumber<InputRange.Points>?
        let maxPointsPerProject: WholeNumber<InputRange.Points>?
        let winnerRule: String?
        let categories: [EditionRequest.Category]

        var rules: EditionRules {
            EditionRules(
                ballotRule: ballotRule, maxPicks: maxPicks?.value, minPicks: minPicks?.value, minimumSharePercent: minimumSharePercent?.value,
                points: points?.value, maxPointsPerProject: maxPointsPerProject?.value, winnerRule: winnerRule, categories: categories.map(\.rules))
        }
    }

    @Sendable func changeRules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, edition) = try await edition(context)
        guard context.account != nil else { throw AppError.notSignedIn }
        let input = try await APIController.decode(RulesRequest.self, request, context)
        let changed = try await services.budgetAdmin.changeRules(input.rules, edition: edition.id, city: city, by: context.principal)
        return try JSONResponse.encode(body(changed, language: context.language))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard context.account != nil else { throw AppError.notSignedIn }
        guard context.principal?.may(.manageBudget, in: city.id) == true else { throw AppError.notFound }
        let both = try await APIController.decode(Both<EditionRequest, RulesRequest>.self, request, context)
        let input = both.first
        let setup = EditionSetup(
            titleUK: input.title.uk, titleEN: input.title.en ?? "", proposalsOpen: input.proposalsOpen, reviewOpen: input.reviewOpen,
            votingOpen: input.votingOpen, votingClose: input.votingClose, minimumAge: input.minimumAge?.value ?? city.settings.budgetMinimumAge,
            paperForWorkersAndStudents: input.paperForWorkersAndStudents ?? false, receipts: input.receipts ?? true,
            receiptByEmail: input.receiptByEmail ?? false, paperDoubleEntry: input.paperDoubleEntry ?? true,
            paperEntriesPerClerk: input.paperEntriesPerClerk, announce: input.announce == true, rules: both.second.rules)
        let configured = try setup.edition(in: city.id, at: services.clock.now())
        let created = try await services.budgetAdmin.create(configured, city: city, by: context.principal)
        return try JSONResponse.encode(body(created, language: context.language), status: .created)
    }

    struct ProjectRequest: Decodable {
        struct Item: Decodable {
            let label: String
            let amount: Kopiyky
        }
        let category: String
        let title: String
        let summary: String
        let district: String?
        let address: String?
        let costItems: [Item]
        /// Degrees (WGS 84), both or neither; within the city's territory, checked by the domain.
        let longitude: Double?
        let latitude: Double?
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw AppError.notSignedIn }
        let (city, edition) = try await edition(context)
        let input = try await APIController.decode(ProjectRequest.self, request, context)
        let proposal = ProjectProposal(
            categoryID: BudgetCategoryID(rawValue: input.category), title: input.title, summary: input.summary, district: input.district ?? "",
            address: input.address ?? "", costItems: input.costItems.map { .init(label: $0.label, amount: $0.amount.money) },
            longitude: input.longitude, latitude: input.latitude)
        let project = try await services.budgetAdmin.propose(proposal, edition: edition.id, city: city, by: account.id)
        return try JSONResponse.encode(Self.body(project, city: city), status: .created)
    }

    struct BallotRequest: Decodable {
        let projects: [String]
        let points: [WholeNumber<InputRange.Points>]?
    }

    struct BallotResponse: Encodable {
        let receipt: String?
    }

    @Sendable func vote(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw AppError.notSignedIn }
        let city = try await CityLookup(store: services.store).require(context)
        let input = try await APIController.decode(BallotRequest.self, request, context)
        let content = BallotContent(projects: input.projects.map(BudgetProjectID.init(rawValue:)), points: input.points?.map(\.value))
        // The edition is read once, by the vote itself, with the voter's
        // residency and the projects (an unknown edition is a 404 there): a
        // read of its own here was a fourth read transaction per ballot.
        let confirmation = try await services.budgetVoting.castOnline(
            content, in: BudgetEditionID(rawValue: try context.parameters.require("edition")), city: city.id, by: account.id,
            clientAddress: context.clientAddress)
        return try JSONResponse.encode(BallotResponse(receipt: confirmation.receipt), status: .created)
    }

    struct ResultsBody: Encodable {
        struct Category: Encodable {
            let id: String
            let name: String
            let fund: Int64
            let spent: Int64
            let voters: Int
            let selected: [String]
            let projects: [Item]
        }
        struct Item: Encodable {
            let id: String
            let number: Int
            let title: String
            let cost: Int64
            let score: Int64
            let funded: Bool
        }
        let rule: String
        let categories: [Category]
    }

    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, edition) = try await edition(context)
        guard edition.resultsVisible(to: context.principal, at: services.clock.now()) else {
            throw AppError.conflict(code: "results_not_published")
        }
        var rule: WinnerRule?
        if let name = request.uri.queryParameters.get("rule") {
            guard let known = WinnerRule(rawValue: name) else { throw AppError.invalid(code: "unknown_rule", field: "rule") }
            rule = known
        }
        let projects = try await services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }
        let outcomes = try await services.budgetResults.count(edition: edition, city: city, projects: projects, rule: rule).outcomes
        return try JSONResponse.encode(
            ResultsBody(
                rule: (rule ?? edition.winnerRule).rawValue,
                categories: outcomes.map { outcome in
                    .init(
                        id: outcome.category.id.rawValue, name: outcome.category.name.text(context.language.rawValue),
                        fund: outcome.category.fund.kopiyky, spent: outcome.spent.kopiyky, voters: outcome.voters,
                        selected: outcome.projects.filter(\.funded).map(\.project.id.rawValue).sorted(),
                        projects: outcome.projects.map {
                            .init(
                                id: $0.project.id.rawValue, number: $0.project.number, title: $0.project.title,
                                cost: $0.project.cost.kopiyky, score: $0.score, funded: $0.funded)
                        })
                }))
    }

    /// Open data (CMU Resolution 835): projects with votes and outcome, and the
    /// anonymous ballots, as CSV (UTF-8, comma-separated, header row) or JSON.
    /// Like the Pabulib export, available from the results phase on. The
    /// rows of the module's declared datasets for this edition (`BudgetOpenData`).
    @Sendable func openData(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, edition) = try await edition(context)
        guard edition.phase(at: services.clock.now()) >= .results else { throw AppError.conflict(code: "results_not_published") }
        let file = try context.parameters.require("file")
        // The edition's parts of the declared datasets, written as their rows come (a city-wide edition's ballots are many).
        let services = services
        let sources = [BudgetOpenData.projectsDataset, BudgetOpenData.ballotsDataset].map { dataset in
            (dataset.slug, OpenDataFile.Source(fields: dataset.partFields) { batch in
                try await BudgetOpenData.part(of: edition, dataset: dataset.slug, services: services, city: city).stream(batch)
            })
        }
        return try OpenDataFile.download(
            file, prefix: "\(city.slug.rawValue)-\(edition.id.rawValue)", sources: Dictionary(sources, uniquingKeysWith: { first, _ in first }))
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, edition) = try await edition(context)
        guard edition.phase(at: services.clock.now()) >= .results else { throw AppError.conflict(code: "results_not_published") }
        var category: BudgetCategory?
        if let id = request.uri.queryParameters.get("category") {
            guard let found = edition.category(BudgetCategoryID(rawValue: id)) else { throw AppError.notFound }
            category = found
        }
        let box = services.ballotBox
        let (projects, ballots) = try await services.store.read { tx in
            (try await tx.budgets.projects(of: edition.id, in: city.id), try await box.everyBallot(of: edition.id, in: tx))
        }
        let election = BudgetResults.election(edition: edition, city: city, projects: projects, ballots: ballots, category: category)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(city.slug.rawValue)-\(edition.id.rawValue).pb\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: PabulibWriter.write(election))))
    }
}
