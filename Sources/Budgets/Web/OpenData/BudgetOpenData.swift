import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// An edition's open datasets (CMU Resolution 835: participatory-budget
/// projects and votes): one row per project with its votes and outcome, and
/// one row per anonymous ballot (its choices, receipt, channel and age group:
/// no day, which a participation's day would pair with a quiet day's ballot).
/// Money is in hryvnias with a dot.
struct BudgetOpenData {
    let edition: BudgetEdition
    let city: Municipality
    let projects: [BudgetProject]
    let ballots: [AnonymousBallot]
    let funded: Set<BudgetProjectID>

    struct ProjectRow: Encodable {
        let editionId: String
        let editionTitle: String
        let municipality: String
        let projectId: String
        let projectNumber: Int
        let projectName: String
        let category: String
        let district: String
        let address: String
        let latitude: Double?
        let longitude: Double?
        let cost: String
        let status: String
        let votes: Int64
        let funded: Bool
    }

    struct BallotRow: Encodable {
        let receipt: String
        let projects: [String]
        let points: [Int]?
        let channel: String
        let ageGroup: String
    }

    var projectRows: [ProjectRow] {
        var votes: [BudgetProjectID: Int64] = [:]
        for ballot in ballots {
            for (index, id) in ballot.content.projects.enumerated() {
                votes[id, default: 0] += Int64(ballot.content.points?[index] ?? 1)
            }
        }
        return projects.filter { $0.status != .withdrawn }.map { project in
            ProjectRow(
                editionId: edition.id.rawValue, editionTitle: edition.title.uk, municipality: city.name.uk, projectId: project.id.rawValue,
                projectNumber: project.number, projectName: project.title, category: edition.category(project.categoryID)?.name.uk ?? "",
                district: project.district ?? "", address: project.address ?? "", latitude: project.latitude, longitude: project.longitude,
                cost: OpenDataFile.hryvnias(project.cost), status: project.status.rawValue, votes: votes[project.id] ?? 0, funded: funded.contains(project.id))
        }
    }

    var ballotRows: [BallotRow] {
        ballots.map {
            BallotRow(
                receipt: $0.receipt, projects: $0.content.projects.map(\.rawValue), points: $0.content.points, channel: $0.channel.rawValue,
                ageGroup: $0.ageGroup.rawValue)
        }
    }

    func projectsCSV() -> String {
        OpenDataFile.csv(
            header: ["editionId", "editionTitle", "municipality", "projectId", "projectNumber", "projectName", "category", "district", "address",
                     "latitude", "longitude", "cost", "status", "votes", "funded"],
            rows: projectRows.map { row in
                [
                    row.editionId, row.editionTitle, row.municipality, row.projectId, String(row.projectNumber), row.projectName, row.category,
                    row.district, row.address, row.latitude.map { String($0) } ?? "", row.longitude.map { String($0) } ?? "", row.cost, row.status,
                    String(row.votes), row.funded ? "true" : "false",
                ]
            })
    }

    func ballotsCSV() -> String {
        OpenDataFile.csv(
            header: ["receipt", "projects", "points", "channel", "ageGroup"],
            rows: ballotRows.map { row in
                [
                    row.receipt, row.projects.joined(separator: " "), row.points.map { $0.map(String.init).joined(separator: " ") } ?? "", row.channel,
                    row.ageGroup,
                ]
            })
    }

    func projectsJSON() throws -> String { try OpenDataFile.json(projectRows) }
    func ballotsJSON() throws -> String { try OpenDataFile.json(ballotRows) }
}
