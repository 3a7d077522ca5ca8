import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// An edition's open datasets (CMU Resolution 835: participatory-budget
/// projects and votes): one row per project with its votes and outcome, and
/// one row per anonymous ballot (its choices, receipt, channel and age group:
/// no day, which a participation's day would pair with a quiet day's ballot).
/// Money is in hryvnias with a dot.
///
/// The platform serves one dataset of each over every edition whose results
/// are out (`/api/v1/{city}/open-data/budgets/{projects,ballots}.csv|json`,
/// each row naming its edition); an edition's own files
/// (`/api/v1/{city}/budgets/{edition}/open-data/{file}`, from results on)
/// are its parts of the same declarations (`OpenDataPart`, also at
/// `/api/v1/{city}/open-data/budgets/{projects,ballots}/{edition}`), the
/// ballots without the edition column they never had, streamed like the
/// whole. Ballots of an edition still counting are never read.
struct BudgetOpenData {
    let edition: BudgetEdition
    let city: Municipality
    let projects: [BudgetProject]
    let ballots: [AnonymousBallot]
    let funded: Set<BudgetProjectID>

    static let datasets: [OpenDataset] = [projectsDataset, ballotsDataset, editionsDataset, deliveryDataset]

    /// Every announced edition (drafts are the council's business): its
    /// phase and dates, fund and categories. No count of anything: a vote in
    /// progress shows here only as its phase.
    static let editionsDataset = OpenDataset(
        "editions", strings: "open_data.budgets.editions", mandatoryItem: "participatory_budget", frequency: .irregular,
        fields: [
            OpenDataField("editionId", .text), OpenDataField("title", .text), OpenDataField("titleEn", .text), OpenDataField("municipality", .text),
            OpenDataField("phase", .text), OpenDataField("fund", .decimal, unit: "UAH"), OpenDataField("categories", .text, isList: true),
            OpenDataField("proposalsOpen", .datetime), OpenDataField("reviewOpen", .datetime), OpenDataField("votingOpen", .datetime),
            OpenDataField("votingClose", .datetime), OpenDataField("resultsPublishedAt", .datetime), OpenDataField("deliveryStartedAt", .datetime),
            OpenDataField("finishedAt", .datetime),
        ]
    ) { services, city in
        let cityID = city.id, now = services.clock.now()
        return try await services.store.read { try await $0.budgets.editions(in: cityID) }.reversed()
            .filter { $0.phase(at: now) != .draft }
            .map { edition -> OpenDataRow in
                let schedule = edition.schedule
                return [
                    .text(edition.id.rawValue), .text(edition.title.uk), .text(edition.title.en), .text(city.name.uk),
                    .text(edition.phase(at: now).rawValue), .hryvnias(edition.fund),
                    .list(edition.categories.map { OpenDataValue.text($0.name.uk) }), .optional(schedule.proposalsOpen), .datetime(schedule.reviewOpen),
                    .datetime(schedule.votingOpen), .datetime(schedule.votingClose), .optional(schedule.resultsPublishedAt),
                    .optional(schedule.deliveryStartedAt), .optional(schedule.finishedAt),
                ]
            }
    }

    static let projectsDataset = OpenDataset(
        "projects", strings: "open_data.budgets.projects", mandatoryItem: "participatory_budget", frequency: .perEdition,
        fields: [
            OpenDataField("editionId", .text), OpenDataField("editionTitle", .text), OpenDataField("municipality", .text),
            OpenDataField("projectId", .text), OpenDataField("projectNumber", .integer), OpenDataField("projectName", .text),
            OpenDataField("category", .text), OpenDataField("district", .text), OpenDataField("address", .text),
            OpenDataField("latitude", .decimal, unit: "degree"), OpenDataField("longitude", .decimal, unit: "degree"),
            OpenDataField("cost", .decimal, unit: "UAH"), OpenDataField("status", .text), OpenDataField("votes", .integer),
            OpenDataField("funded", .boolean),
        ], isPublished: BudgetOpenData.anyResults, parts: BudgetOpenData.projectParts, query: BudgetOpenData.projectRows)

    static let ballotsDataset = OpenDataset(
        "ballots", strings: "open_data.budgets.ballots", mandatoryItem: "participatory_budget", frequency: .perEdition,
        fields: [
            OpenDataField("editionId", .text), OpenDataField("receipt", .text), OpenDataField("projects", .text, isList: true),
            OpenDataField("points", .integer, isList: true), OpenDataField("channel", .text), OpenDataField("ageGroup", .text),
        ], isPublished: BudgetOpenData.anyResults, stream: BudgetOpenData.streamBallots, version: BudgetOpenData.ballotsVersion,
        parts: BudgetOpenData.ballotParts, partsDrop: ["editionId"]
    ) { services, city in try await BudgetOpenData.published(services, city).flatMap(\.ballotRows) }

    /// How the funded projects are being delivered: every dated update the
    /// city posted (status and spending to date, in total), oldest first.
    /// Who posted it is the council's business, not the dataset's.
    static let deliveryDataset = OpenDataset(
        "delivery", strings: "open_data.budgets.delivery", mandatoryItem: "participatory_budget", frequency: .continuous,
        fields: [
            OpenDataField("editionId", .text), OpenDataField("projectId", .text), OpenDataField("projectNumber", .integer),
            OpenDataField("projectName", .text), OpenDataField("updateId", .text), OpenDataField("status", .text),
            OpenDataField("spent", .decimal, unit: "UAH"), OpenDataField("cost", .decimal, unit: "UAH"), OpenDataField("note", .text),
            OpenDataField("postedAt", .datetime),
        ], isPublished: BudgetOpenData.anyResults
    ) { services, city in
        let cityID = city.id
        var rows: [OpenDataRow] = []
        for edition in try await publishedEditions(services, city) {
            let id = edition.id
            let (projects, updates) = try await services.store.read { tx in
                (try await tx.budgets.projects(of: id, in: cityID), try await tx.budgets.deliveryUpdates(of: id, in: cityID))
            }
            let byID = Dictionary(projects.map { ($0.id, $0) }) { first, _ in first }
            for update in updates.reversed() {
                guard let project = byID[update.projectID] else { continue }
                rows.append([
                    .text(id.rawValue), .text(project.id.rawValue), .int(project.number), .text(project.title), .text(update.id),
                    .text(update.status.rawValue), .hryvnias(update.spent), .hryvnias(project.cost), .optional(update.note.isEmpty ? nil : update.note),
                    .datetime(update.postedAt),
                ])
            }
        }
        return rows
    }

    /// Ballots read a page at a time: a city-wide edition has hundreds of
    /// thousands, and the file and its digest are written as they come.
    static let ballotPage = 5000

    /// The ballots dataset in pages, edition by edition (oldest first), each
    /// edition's in id order, as `everyBallot` orders them.
    @Sendable static func streamBallots(_ services: AppServices, _ city: Municipality, _ batch: ([OpenDataRow]) async throws -> Void) async throws {
        for edition in try await publishedEditions(services, city) {
            try await ballotPages(of: edition, services: services, city: city) { page in try await batch(page.map { ballotRow($0, edition: edition) }) }
        }
    }

    /// Each published edition's ballots as a part of their own (its id the
    /// key), without the edition column: "the anonymous ballots of an edition".
    @Sendable static func ballotParts(_ services: AppServices, _ city: Municipality) async throws -> [OpenDataPart] {
        try await publishedEditions(services, city).map { part(of: $0, dataset: ballotsDataset.slug, services: services, city: city) }
    }

    /// Each published edition's projects as a part of their own.
    @Sendable static func projectParts(_ services: AppServices, _ city: Municipality) async throws -> [OpenDataPart] {
        try await publishedEditions(services, city).map { part(of: $0, dataset: projectsDataset.slug, services: services, city: city) }
    }

    /// An edition's part of the ballots or projects dataset (also its own
    /// files at `/api/v1/{city}/budgets/{edition}/open-data/`). The caller
    /// has checked that the edition's results are out.
    static func part(of edition: BudgetEdition, dataset: String, services: AppServices, city: Municipality) -> OpenDataPart {
        OpenDataPart(key: edition.id.rawValue, title: LocalizedName(uk: edition.title.uk, en: edition.title.en)) { batch in
            if dataset == ballotsDataset.slug {
                try await ballotPages(of: edition, services: services, city: city) { page in
                    try await batch(page.map { Array(ballotRow($0, edition: edition).dropFirst()) })
                }
            } else {
                try await batch(try await projectRows(of: edition, services: services, city: city))
            }
        }
    }

    /// The projects dataset, its votes tallied a page of ballots at a time.
    @Sendable static func projectRows(_ services: AppServices, _ city: Municipality) async throws -> [OpenDataRow] {
        var rows: [OpenDataRow] = []
        for edition in try await publishedEditions(services, city) {
            rows += try await projectRows(of: edition, services: services, city: city)
        }
        return rows
    }

    /// An edition's projects with their votes, tallied once per edition and ballot count.
    static func projectRows(of edition: BudgetEdition, services: AppServices, city: Municipality) async throws -> [OpenDataRow] {
        let id = edition.id, cityID = city.id
        let (projects, published) = try await services.store.read { tx in
            (try await tx.budgets.projects(of: id, in: cityID), try await tx.budgets.publishedResults(of: id))
        }
        let size = try await ballotCount(of: edition, services: services)
        let key = "\(id.rawValue):\(size)"
        var votes: [BudgetProjectID: Int64]
        if let known = await tallies.votes(key) {
            votes = known
        } else {
            votes = [:]
            try await ballotPages(of: edition, services: services, city: city) { page in tally(page, into: &votes) }
            await tallies.keep(votes, for: key)
        }
        let data = BudgetOpenData(edition: edition, city: city, projects: projects, ballots: [], funded: Set(published.values.flatMap { $0 }))
        return data.projectRows(votes: votes)
    }

    /// The ballots dataset's fingerprint: each published edition with how
    /// many ballots it holds (counted and still sealed). Once results are out
    /// an edition's ballots no longer change, so a catalogue check does not
    /// read half a million of them again while another edition is voting.
    @Sendable static func ballotsVersion(_ services: AppServices, _ city: Municipality) async throws -> String {
        var parts: [String] = []
        for edition in try await publishedEditions(services, city) {
            // The title too: it names the edition's part of the dataset.
            parts.append("\(edition.id.rawValue):\(try await ballotCount(of: edition, services: services)):\(edition.title.uk)|\(edition.title.en)")
        }
        return parts.joined(separator: ",")
    }

    /// The edition's ballots, counted and still in the box.
    static func ballotCount(of edition: BudgetEdition, services: AppServices) async throws -> Int64 {
        let id = edition.id
        return try await services.store.read { tx in
            let (counted, sealed) = (try await tx.budgets.ballotCount(in: id), try await tx.budgets.sealedBallotCount(in: id))
            return counted &+ sealed
        }
    }

    /// Votes per project of the editions whose results are out, by edition and
    /// ballot count: tallied once per process rather than at every check.
    static let tallies = VoteTallies()

    actor VoteTallies {
        private var kept: [String: [BudgetProjectID: Int64]] = [:]

        func votes(_ key: String) -> [BudgetProjectID: Int64]? { kept[key] }

        func keep(_ votes: [BudgetProjectID: Int64], for key: String) {
            if kept.count >= 256 { kept.removeAll() }
            kept[key] = votes
        }
    }

    /// The city's editions whose results are out, oldest first.
    static func publishedEditions(_ services: AppServices, _ city: Municipality) async throws -> [BudgetEdition] {
        let cityID = city.id, now = services.clock.now()
        return try await services.store.read { try await $0.budgets.editions(in: cityID) }.reversed().filter { $0.phase(at: now) >= .results }
    }

    /// An edition's ballots a page at a time, in id order, the next page read
    /// while this one is written (the database and the formatting each get a
    /// core). An edition whose box still holds sealed ballots (the mixer has
    /// not emptied it yet) is read whole, the way the count reads it.
    static func ballotPages(
        of edition: BudgetEdition, services: AppServices, city: Municipality, _ body: ([AnonymousBallot]) async throws -> Void
    ) async throws {
        let id = edition.id
        if try await services.store.read({ try await $0.budgets.sealedBallotCount(in: id) }) > 0 {
            for whole in try await read([edition], city: city, services: services) { try await body(whole.ballots) }
            return
        }
        func page(after last: String?) -> Task<[AnonymousBallot], any Error> {
            Task { try await services.store.read { try await $0.budgets.ballots(of: id, after: last, limit: ballotPage) } }
        }
        var next = page(after: nil)
        defer { next.cancel() }
        while true {
            let current = try await next.value
            guard let last = current.last else { return }
            next = page(after: last.id.rawValue)
            try await body(current)
        }
    }

    /// Each ballot's points (1 for a project chosen without points) added to its projects.
    static func tally(_ ballots: [AnonymousBallot], into votes: inout [BudgetProjectID: Int64]) {
        for ballot in ballots {
            for (index, id) in ballot.content.projects.enumerated() {
                votes[id, default: 0] += Int64(ballot.content.points?[index] ?? 1)
            }
        }
    }

    /// Whether any edition of the city has its results out: until then the
    /// datasets are not in the catalogue, so nothing about a vote in progress
    /// (not even that a file is empty) moves.
    @Sendable static func anyResults(_ services: AppServices, _ city: Municipality) async throws -> Bool {
        let cityID = city.id, now = services.clock.now()
        return try await services.store.read { try await $0.budgets.editions(in: cityID) }.contains { $0.phase(at: now) >= .results }
    }

    /// The city's editions whose results are out, oldest first, each with its projects, ballots and winners.
    static func published(_ services: AppServices, _ city: Municipality) async throws -> [BudgetOpenData] {
        let cityID = city.id, now = services.clock.now()
        let editions = try await services.store.read { try await $0.budgets.editions(in: cityID) }
        return try await read(editions.reversed().filter { $0.phase(at: now) >= .results }, city: city, services: services)
    }

    /// What the files of these editions are made of, read in one transaction.
    /// The caller has checked that their results are out.
    static func read(_ editions: [BudgetEdition], city: Municipality, services: AppServices) async throws -> [BudgetOpenData] {
        let box = services.ballotBox, cityID = city.id
        return try await services.store.read { tx in
            var read: [BudgetOpenData] = []
            for edition in editions {
                let projects = try await tx.budgets.projects(of: edition.id, in: cityID)
                let ballots = try await box.everyBallot(of: edition.id, in: tx)
                let published = try await tx.budgets.publishedResults(of: edition.id)
                read.append(BudgetOpenData(
                    edition: edition, city: city, projects: projects, ballots: ballots, funded: Set(published.values.flatMap { $0 })))
            }
            return read
        }
    }

    /// The edition's projects but the withdrawn, with their votes and whether they are funded.
    func projectRows(votes: [BudgetProjectID: Int64]) -> [OpenDataRow] {
        return projects.filter { $0.status != .withdrawn }.map { project -> OpenDataRow in
            [
                .text(edition.id.rawValue), .text(edition.title.uk), .text(city.name.uk), .text(project.id.rawValue), .int(project.number),
                .text(project.title), .optional(edition.category(project.categoryID)?.name.uk), .optional(project.district),
                .optional(project.address), .optional(project.latitude), .optional(project.longitude), .hryvnias(project.cost),
                .text(project.status.rawValue), .integer(votes[project.id] ?? 0), .boolean(funded.contains(project.id)),
            ]
        }
    }

    /// Choices, receipt, channel and age group: no day, which a participation's day would pair with a quiet day's ballot.
    var ballotRows: [OpenDataRow] { ballots.map { Self.ballotRow($0, edition: edition) } }

    static func ballotRow(_ ballot: AnonymousBallot, edition: BudgetEdition) -> OpenDataRow {
        [
            .text(edition.id.rawValue), .text(ballot.receipt), .list(ballot.content.projects.map { OpenDataValue.text($0.rawValue) }),
            ballot.content.points.map { points in OpenDataValue.list(points.map(OpenDataValue.int)) } ?? OpenDataValue.null, .text(ballot.channel.rawValue), .text(ballot.ageGroup.rawValue),
        ]
    }
}
