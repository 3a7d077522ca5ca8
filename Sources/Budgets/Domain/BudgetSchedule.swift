import Foundation
import HromadaDomain

/// The phases of an edition, in order. The phase is never stored: it follows
/// from the schedule's dates and the admin's explicit transitions.
public enum BudgetPhase: String, Codable, Sendable, CaseIterable, Comparable {
    case draft, proposals, review, voting, counting, results, delivery, finished

    public static func < (lhs: BudgetPhase, rhs: BudgetPhase) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .draft: 0
        case .proposals: 1
        case .review: 2
        case .voting: 3
        case .counting: 4
        case .results: 5
        case .delivery: 6
        case .finished: 7
        }
    }
}

/// When each phase begins. Dates drive proposals → review → voting →
/// counting; what follows needs a person: an admin publishes results, opens
/// delivery, and closes the edition.
public struct BudgetSchedule: Hashable, Codable, Sendable {
    /// Set when an admin announces the edition; until then it is a draft.
    public var announcedAt: Date?
    /// Proposals are optional: an edition may take projects from staff only.
    public var proposalsOpen: Date?
    public var reviewOpen: Date
    public var votingOpen: Date
    public var votingClose: Date
    public var resultsPublishedAt: Date?
    /// Delivery is optional: an edition may go from results straight to finished.
    public var deliveryStartedAt: Date?
    public var finishedAt: Date?

    public init(
        announcedAt: Date? = nil, proposalsOpen: Date?, reviewOpen: Date, votingOpen: Date, votingClose: Date,
        resultsPublishedAt: Date? = nil, deliveryStartedAt: Date? = nil, finishedAt: Date? = nil
    ) {
        self.announcedAt = announcedAt
        self.proposalsOpen = proposalsOpen
        self.reviewOpen = reviewOpen
        self.votingOpen = votingOpen
        self.votingClose = votingClose
        self.resultsPublishedAt = resultsPublishedAt
        self.deliveryStartedAt = deliveryStartedAt
        self.finishedAt = finishedAt
    }

    public func phase(at instant: Date) -> BudgetPhase {
        guard announcedAt != nil else { return .draft }
        if finishedAt != nil { return .finished }
        if deliveryStartedAt != nil { return .delivery }
        if resultsPublishedAt != nil { return .results }
        if instant >= votingClose { return .counting }
        if instant >= votingOpen { return .voting }
        if instant >= reviewOpen { return .review }
        if let proposalsOpen, instant >= proposalsOpen { return .proposals }
        return .draft
    }

    public func validate() throws(BudgetError) {
        if let proposalsOpen, proposalsOpen > reviewOpen { throw .scheduleOrder }
        guard reviewOpen <= votingOpen, votingOpen < votingClose else { throw .scheduleOrder }
    }

    /// Draft → announced: the dates start to count.
    public func announcing(at instant: Date) throws(BudgetError) -> BudgetSchedule {
        guard announcedAt == nil else { throw .wrongPhase(phase(at: instant)) }
        try validate()
        var next = self
        next.announcedAt = instant
        return next
    }

    /// Proposals → review now, ahead of the date (or when proposals were skipped).
    public func openingReview(at instant: Date) throws(BudgetError) -> BudgetSchedule {
        let current = phase(at: instant)
        guard announcedAt != nil, current == .proposals || current == .draft else { throw .wrongPhase(current) }
        var next = self
        if let proposals = proposalsOpen, proposals > instant { next.proposalsOpen = instant }
        next.reviewOpen = instant
        if next.votingOpen < instant { next.votingOpen = instant }
        try next.validate()
        return next
    }

    /// Review → voting now. The closing date must still be ahead.
    public func openingVoting(at instant: Date) throws(BudgetError) -> BudgetSchedule {
        let current = phase(at: instant)
        guard current == .review else { throw .wrongPhase(current) }
        var next = self
        next.votingOpen = instant
        try next.validate()
        return next
    }

    /// Voting → counting now, e.g. when the council shortens the vote.
    public func closingVoting(at instant: Date) throws(BudgetError) -> BudgetSchedule {
        let current = phase(at: instant)
        guard current == .voting else { throw .wrongPhase(current) }
        var next = self
        next.votingClose = instant
        return next
    }

    /// Counting → results. Paper ballots must be in by then: nothing is counted after.
    public func publishingResults(at instant: Date) throws(BudgetError) -> BudgetSchedule {
        guard phase(at: instant) == .counting else { throw .wrongPhase(phase(at: instant)) }
        var next = self
        next.resultsPublishedAt = instant
        return next
    }

    public func startingDelivery(at instant: Date) throws(BudgetError) -> BudgetSchedule {
        guard phase(at: instant) == .results else { throw .wrongPhase(phase(at: instant)) }
        var next = self
        next.deliveryStartedAt = instant
        return next
    }

    public func finishing(at instant: Date) throws(BudgetError) -> BudgetSchedule {
        let current = phase(at: instant)
        guard current == .results || current == .delivery else { throw .wrongPhase(current) }
        var next = self
        next.finishedAt = instant
        return next
    }
}
