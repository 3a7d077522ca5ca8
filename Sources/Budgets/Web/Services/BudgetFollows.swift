import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// What followers of an edition and its projects hear of (issue 21): each
/// phase as it opens (by its date or by an admin's transition, the same
/// event either way), a project's review decision and its delivery updates.
enum BudgetFollows {
    static let phase = "budgets.follow.phase"
    static let reviewDecision = "budgets.follow.review_decision"
    static let deliveryUpdate = "budgets.follow.delivery_update"

    /// The phases the schedule dates, each an event at its date. An edition
    /// comes out of draft when announced: the phase it opens in is its first news.
    static func phaseEvents(_ edition: BudgetEdition, alsoReaching projects: [BudgetProjectID] = []) -> [FollowEvent] {
        let schedule = edition.schedule
        guard schedule.announcedAt != nil else { return [] }
        let dated: [(BudgetPhase, Date?)] = [
            (.proposals, schedule.proposalsOpen), (.review, schedule.reviewOpen), (.voting, schedule.votingOpen),
            (.counting, schedule.votingClose), (.results, schedule.resultsPublishedAt), (.delivery, schedule.deliveryStartedAt),
            (.finished, schedule.finishedAt),
        ]
        return dated.compactMap { phase, date in
            date.map { date in
                FollowEvent.scheduled(
                    in: edition.municipalityID, what: Self.phase, detail: "budgets.phase.\(phase.rawValue)",
                    about: FollowTarget(.budgetEdition, id: edition.id.rawValue),
                    alsoReaching: phase == .results ? projects.map { FollowTarget(.budgetProject, id: $0.rawValue) } : [], at: date)
            }
        }
    }

    /// Phases open on their dates without anyone writing: the platform asks.
    static let schedule = FollowSchedule { city, _, _, services in
        try await services.store.read { try await $0.budgets.editions(in: city.id) }.flatMap { phaseEvents($0) }
    }

    static func reviewed(_ project: BudgetProject, in city: MunicipalityID, at instant: Date) -> FollowEvent {
        FollowEvent(
            in: city, what: reviewDecision, detail: "budgets.status.\(project.status.rawValue)",
            about: FollowTarget(.budgetProject, id: project.id.rawValue), at: instant)
    }

    static func delivered(_ update: DeliveryUpdate, in city: MunicipalityID) -> FollowEvent {
        FollowEvent(
            in: city, what: deliveryUpdate, detail: "budget_admin.delivery_status.\(update.status.rawValue)",
            about: FollowTarget(.budgetProject, id: update.projectID.rawValue), at: update.postedAt)
    }
}
