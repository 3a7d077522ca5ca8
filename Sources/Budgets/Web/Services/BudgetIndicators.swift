import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The participatory budget's yearly figures, worked out from its own
/// records for a strategy to follow and the results report to show
/// (`ComputedIndicator`). Years are Kyiv's (`KyivYear`).
enum BudgetIndicators {
    static let all = [ballots, turnout, projectsDelivered]

    static let ballots = ComputedIndicator(
        key: "budgets.ballots", nameKey: "budgets.indicators.ballots", meaningKey: "budgets.indicators.ballots_meaning", unit: .count,
        direction: .higher
    ) { city, year, services in
        try await ballotsCast(in: city, year: year, services: services).map(Double.init)
    }

    static let turnout = ComputedIndicator(
        key: "budgets.turnout", nameKey: "budgets.indicators.turnout", meaningKey: "budgets.indicators.turnout_meaning", unit: .percent,
        direction: .higher
    ) { city, year, services in
        // A city with no population on record has no turnout, not an infinite one.
        guard city.population > 0, let cast = try await ballotsCast(in: city, year: year, services: services) else { return nil }
        return Double(cast) / Double(city.population) * 100
    }

    static let projectsDelivered = ComputedIndicator(
        key: "budgets.projects_delivered", nameKey: "budgets.indicators.projects_delivered",
        meaningKey: "budgets.indicators.projects_delivered_meaning", unit: .count, direction: .higher
    ) { city, year, services in
        try await delivered(in: city, year: year, services: services).map(Double.init)
    }

    /// Ballots cast in the city's editions whose voting closed in `year`
    /// (online and paper); nil when no edition's voting closed then. An
    /// edition still voting has not closed, whatever its planned date.
    static func ballotsCast(in city: Municipality, year: Int, services: AppServices) async throws -> Int64? {
        guard let span = KyivYear(year) else { return nil }
        let now = services.clock.now(), cityID = city.id
        return try await services.store.read { tx -> Int64? in
            let closed = try await tx.budgets.editions(in: cityID).filter { edition in
                let schedule = edition.schedule
                return schedule.announcedAt != nil && schedule.votingClose <= now && span.contains(schedule.votingClose)
            }
            guard !closed.isEmpty else { return nil }
            return try await tx.budgets.participationCount(in: closed.map(\.id), of: cityID)
        }
    }

    /// Winning projects whose delivery was completed in `year`
    /// (`DeliveryRecord.completedAt`); nil when the city owed no winning
    /// project at any time in the year, so there was nothing to deliver.
    static func delivered(in city: Municipality, year: Int, services: AppServices) async throws -> Int? {
        guard let span = KyivYear(year), span.start <= services.clock.now() else { return nil }
        let cityID = city.id
        let (editions, funded, updates) = try await services.store.read { tx in
            (try await tx.budgets.editions(in: cityID), try await tx.budgets.fundedProjects(in: cityID), try await tx.budgets.deliveryUpdates(in: cityID))
        }
        var owed = 0, done = 0
        for edition in editions {
            for project in funded[edition.id] ?? [] {
                let record = DeliveryRecord(newestFirst: updates[project] ?? [])
                guard record.wasOwed(in: span, edition: edition) else { continue }
                owed += 1
                if record.wasDelivered(in: span) { done += 1 }
            }
        }
        return owed == 0 ? nil : done
    }
}
