import Foundation
import HromadaDomain
import HromadaStore

/// What residents may follow: a project, an edition, a petition, a lot, a
/// strategy (issue 21). Their owners answer for them as link targets, so a
/// thing the public may not see cannot be followed, and a city that
/// switches a module off has nothing of it to follow.
public enum Followable {
    public static let kinds: Set<LinkKind> = [.budgetProject, .budgetEdition, .petition, .auctionLot, .strategy, .businessCall]
}

/// What happens to a module's things by the calendar rather than by a
/// write: the budget's phases that open on their dates, an auction's start.
/// The platform asks for the events between the last look and now, in
/// every city that runs the module, and records them (`FollowEvent.scheduled`,
/// so two servers looking at once record each event once).
public struct FollowSchedule: Sendable {
    public let events: @Sendable (_ city: Municipality, _ after: Date, _ upTo: Date, _ services: AppServices) async throws -> [FollowEvent]

    public init(events: @escaping @Sendable (_ city: Municipality, _ after: Date, _ upTo: Date, _ services: AppServices) async throws -> [FollowEvent]) {
        self.events = events
    }
}
