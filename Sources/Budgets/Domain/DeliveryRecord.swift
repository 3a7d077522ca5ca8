import Foundation
import HromadaDomain

/// Where a funded project's delivery stands, read from its dated updates:
/// what the yearly "projects delivered" figure and the project's link to
/// other modules say of it.
public struct DeliveryRecord: Sendable, Equatable {
    /// The newest update, if any: what the project's page shows as its status.
    public let latest: DeliveryUpdate?
    /// When the project was delivered: the first `done` of the run of
    /// `done` updates its record ends with. Nil while its newest update says
    /// anything else, so a `done` later corrected back to work in progress
    /// was no delivery, and a further `done` note (the final spending)
    /// does not move the day it was delivered.
    public let completedAt: Date?

    /// From the project's updates, newest first (as the repository reads them).
    public init(newestFirst updates: [DeliveryUpdate]) {
        latest = updates.first
        var completed: Date?
        for update in updates {
            guard update.status == .done else { break }
            completed = update.postedAt
        }
        completedAt = completed
    }

    /// Dropped for good: its newest update cancels it.
    public var isCancelled: Bool { latest?.status == .cancelled }

    /// Whether the city still owed the project at some time in `year`:
    /// its edition's results were out before the year ended, it was not
    /// delivered or cancelled before the year began, and its edition was not
    /// closed before then either (delivering a project after its edition is
    /// closed is still counted in the year it happens).
    public func wasOwed(in year: KyivYear, edition: BudgetEdition) -> Bool {
        guard let results = edition.schedule.resultsPublishedAt, results < year.end else { return false }
        if let completedAt { return completedAt >= year.start }
        if isCancelled, let cancelled = latest?.postedAt, cancelled < year.start { return false }
        if let finished = edition.schedule.finishedAt, finished < year.start { return false }
        return true
    }

    /// Whether it was delivered in `year`.
    public func wasDelivered(in year: KyivYear) -> Bool { completedAt.map(year.contains) ?? false }
}
