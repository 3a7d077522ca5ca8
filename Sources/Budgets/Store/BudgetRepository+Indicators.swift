import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// What the budget's yearly figures read (`BudgetIndicators`): a whole
/// city at once, each query bound to the city, so a year costs a few
/// queries however many editions and projects the city has had.
extension BudgetRepository {
    /// How many took part in these editions of the city, on every channel.
    /// A participation is written in the same transaction as its ballot
    /// (online and paper alike), so this is the number of ballots cast,
    /// counted without opening the ballot box.
    public func participationCount(in editions: [BudgetEditionID], of municipality: MunicipalityID) async throws -> Int64 {
        guard !editions.isEmpty else { return 0 }
        return try await db.raw("""
            SELECT COUNT(*) AS n FROM budget_participations p JOIN budget_editions e ON e.id = p.edition_id
            WHERE e.municipality_id = \(bind: municipality.rawValue) AND p.edition_id IN (\(binds: editions.map(\.rawValue)))
            """).first()?.int("n") ?? 0
    }

    /// The projects each of the city's editions funded, as their results were published.
    public func fundedProjects(in municipality: MunicipalityID) async throws -> [BudgetEditionID: Set<BudgetProjectID>] {
        let rows = try await db.raw("""
            SELECT r.edition_id, r.outcome FROM budget_results r JOIN budget_editions e ON e.id = r.edition_id
            WHERE e.municipality_id = \(bind: municipality.rawValue)
            """).all()
        var funded: [BudgetEditionID: Set<BudgetProjectID>] = [:]
        for row in rows {
            let projects = try JSONColumn.value([BudgetProjectID].self, try row.string("outcome"))
            funded[BudgetEditionID(rawValue: try row.string("edition_id")), default: []].formUnion(projects)
        }
        return funded
    }

    /// Every delivery update of the city's projects, each project's newest
    /// first (the order `deliveryUpdates(of:in:)` gives an edition's).
    public func deliveryUpdates(in municipality: MunicipalityID) async throws -> [BudgetProjectID: [DeliveryUpdate]] {
        let rows = try await db.raw("""
            SELECT u.id, u.project_id, u.status, u.spent, u.note, u.posted_by, u.posted_at
            FROM budget_delivery_updates u JOIN budget_projects p ON p.id = u.project_id
            WHERE p.municipality_id = \(bind: municipality.rawValue)
            ORDER BY u.posted_at DESC, u.id
            """).all()
        var updates: [BudgetProjectID: [DeliveryUpdate]] = [:]
        for row in rows {
            let update = try Self.deliveryUpdate(row)
            updates[update.projectID, default: []].append(update)
        }
        return updates
    }

    /// The city's projects in these editions, newest first, at most `limit`,
    /// leaving out those their authors withdrew (their edition's page does too).
    public func newestProjects(in editions: [BudgetEditionID], of municipality: MunicipalityID, limit: Int) async throws -> [BudgetProject] {
        guard !editions.isEmpty, limit > 0 else { return [] }
        return try await db.raw("""
            SELECT definition FROM budget_projects
            WHERE municipality_id = \(bind: municipality.rawValue) AND edition_id IN (\(binds: editions.map(\.rawValue)))
              AND status <> \(bind: BudgetProject.Status.withdrawn.rawValue)
            ORDER BY submitted_at DESC, id LIMIT \(bind: limit)
            """).all().map { try Self.project(from: try $0.string("definition")) }
    }
}
