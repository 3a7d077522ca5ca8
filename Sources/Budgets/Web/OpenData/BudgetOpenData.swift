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
/// are its rows of the same declarations, the ballots without the edition
/// column they never had. Ballots of an edition still counting are never read.
struct BudgetOpenData {
    let edition: BudgetEdition
    let city: Municipality
    let projects: [BudgetProject]
    let ballots: [AnonymousBallot]
    let funded: Set<BudgetProjectID>

    static let datasets: [OpenDataset] = [projectsDataset, ballotsDataset]

    static let projectsDataset = OpenDataset(
        "projects", strings: "open_data.budgets.projects", mandatoryItem: "participatory_budget", frequency: .perEdition,
        fields: [
            OpenDataField("editionId", .text), OpenDataField("editionTitle", .text), OpenDataField("municipality", .text),
            OpenDataField("projectId", .text), OpenDataField("projectNumber", .integer), OpenDataField("projectName", .text),
            OpenDataField("category", .text), OpenDataField("district", .text), OpenDataField("address", .text),
            OpenDataField("latitude", .decimal, unit: "degree"), OpenDataField("longitude", .decimal, unit: "degree"),
            OpenDataField("cost", .decimal, unit: "UAH"), OpenDataField("status", .text), OpenDataField("votes", .integer),
            OpenDataField("funded", .boolean),
        ], isPublished: BudgetOpenData.anyResults
    ) { services, city in try await BudgetOpenData.published(services, city).flatMap(\.projectRows) }

    static let ballotsDataset = OpenDataset(
        "ballots", strings: "open_data.budgets.ballots", mandatoryItem: "participatory_budget", frequency: .perEdition,
        fields: [
            OpenDataField("editionId", .text), OpenDataField("receipt", .text), OpenDataField("projects", .text, isList: true),
            OpenDataField("points", .integer, isList: true), OpenDataField("channel", .text), OpenDataField("ageGroup", .text),
        ], isPublished: BudgetOpenData.anyResults
    ) { services, city in try await BudgetOpenData.published(services, city).flatMap(\.ballotRows) }

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

    /// The edition's own `projects` and `ballots` files: the datasets' rows
    /// of this edition, the ballots without their edition column.
    var tables: [String: () async throws -> OpenDataTable] {
        [
            "projects": { try OpenDataTable(fields: Self.projectsDataset.fields, rows: projectRows) },
            "ballots": { try OpenDataTable(fields: Self.ballotsDataset.fields, rows: ballotRows).dropping(["editionId"]) },
        ]
    }

    var projectRows: [OpenDataRow] {
        var votes: [BudgetProjectID: Int64] = [:]
        for ballot in ballots {
            for (index, id) in ballot.content.projects.enumerated() {
                votes[id, default: 0] += Int64(ballot.content.points?[index] ?? 1)
            }
        }
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
    var ballotRows: [OpenDataRow] {
        ballots.map { ballot -> OpenDataRow in
            [
                .text(edition.id.rawValue), .text(ballot.receipt), .list(ballot.content.projects.map { OpenDataValue.text($0.rawValue) }),
                ballot.content.points.map { points in OpenDataValue.list(points.map(OpenDataValue.int)) } ?? OpenDataValue.null, .text(ballot.channel.rawValue), .text(ballot.ageGroup.rawValue),
            ]
        }
    }
}
