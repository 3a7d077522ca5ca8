import Foundation
import HromadaDomain

/// Prozorro's lot statuses, by their own names (docs/interfaces.md keeps them dotted).
public enum LotStatus: String, Codable, Sendable, CaseIterable {
    case activeTendering = "active.tendering"
    case activeAuction = "active.auction"
    case activeQualification = "active.qualification"
    case activeAwarded = "active.awarded"
    case unsuccessful
    case complete
    case cancelled
}

/// The procedures a lot can be offered by.
public enum AuctionProcedure: String, Codable, Sendable, CaseIterable {
    /// Lease by English auction (Law 157-IX, CMU Resolution 483).
    case leaseEnglish = "lease_english"
    /// Lease where the current tenant may match the best bid at the end.
    case leasePreemptive = "lease_preemptive"
    /// Small privatization, first auction: English at the full price.
    case privatizationEnglish = "privatization_english"
    /// Second: English with the start price reduced by 50 %.
    case privatizationReduced = "privatization_reduced"
    /// Third: Dutch, then sealed bids, then the best bid.
    case privatizationDutch = "privatization_dutch"
    case landLease = "land_lease"

    public var isDutch: Bool { self == .privatizationDutch }

    /// The start price this procedure runs at, from the lot's full value: the
    /// second privatization auction halves it, and the Dutch third starts
    /// from that same reduced price.
    public func startValue(from value: Money) -> Money {
        self == .privatizationReduced || self == .privatizationDutch ? Money(kopiyky: (value.kopiyky + 1) / 2) : value
    }

    /// The small-privatization cycle: after an unsuccessful English auction
    /// at the full price comes one at half the price, and then the Dutch one.
    public var nextInPrivatizationCycle: AuctionProcedure? {
        switch self {
        case .privatizationEnglish: .privatizationReduced
        case .privatizationReduced: .privatizationDutch
        case .leaseEnglish, .leasePreemptive, .privatizationDutch, .landLease: nil
        }
    }
}

/// Why the organiser may not make a qualification step; nothing changes.
public enum QualificationRefusal: Error, Equatable, Sendable {
    /// The award is not the one waiting for a decision.
    case notPending
    case reasonRequired
    /// No award is active: a contract needs a qualified winner.
    case noActiveAward
}

/// After the auction: the bidders' awards, best first. The first is
/// `pending` while the organiser checks the winner (paid guarantee, papers);
/// the others wait in `pending.waiting`. Disqualifying the winner, or the
/// winner refusing, moves the next one up; with nobody left the lot is
/// unsuccessful. An active award and a signed contract complete the lot.
public struct AwardChain: Hashable, Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        case pending
        case pendingWaiting = "pending.waiting"
        case active
        case unsuccessful
    }

    public struct Award: Hashable, Codable, Sendable {
        public let bidder: AuctionBidderID
        public let amount: Money
        public var status: Status
        /// Why the award was not granted (disqualified, refused), with the protocol's words.
        public var reason: String?
        public var decidedAt: Date?

        public init(bidder: AuctionBidderID, amount: Money, status: Status, reason: String? = nil, decidedAt: Date? = nil) {
            self.bidder = bidder
            self.amount = amount
            self.status = status
            self.reason = reason
            self.decidedAt = decidedAt
        }
    }

    public private(set) var awards: [Award]
    public private(set) var contractSignedAt: Date?

    /// The ranking the auction ended with, best first.
    public init(ranking: [(bidder: AuctionBidderID, amount: Money)]) {
        awards = ranking.enumerated().map { index, entry in
            Award(bidder: entry.bidder, amount: entry.amount, status: index == 0 ? .pending : .pendingWaiting)
        }
    }

    /// A chain decided elsewhere (a Prozorro.Sale result), taken as it is;
    /// `ProzorroExchange` checks it before it gets here.
    public init(awards: [Award], contractSignedAt: Date?) {
        self.awards = awards
        self.contractSignedAt = contractSignedAt
    }

    /// The lot's status as the awards put it.
    public var lotStatus: LotStatus {
        if contractSignedAt != nil { return .complete }
        if awards.contains(where: { $0.status == .active }) { return .activeAwarded }
        if awards.contains(where: { $0.status == .pending }) { return .activeQualification }
        return .unsuccessful
    }

    public var pending: Award? { awards.first { $0.status == .pending } }

    /// The organiser qualifies the pending winner.
    public func activating(_ bidder: AuctionBidderID, at instant: Date) throws(QualificationRefusal) -> AwardChain {
        guard let index = awards.firstIndex(where: { $0.bidder == bidder && $0.status == .pending }) else { throw .notPending }
        var next = self
        next.awards[index].status = .active
        next.awards[index].decidedAt = instant
        return next
    }

    /// The pending winner is disqualified or refuses (or an active winner
    /// refuses to sign): the next waiting bidder moves up.
    public func disqualifying(_ bidder: AuctionBidderID, reason: String, at instant: Date) throws(QualificationRefusal) -> AwardChain {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw .reasonRequired }
        guard contractSignedAt == nil,
              let index = awards.firstIndex(where: { $0.bidder == bidder && ($0.status == .pending || $0.status == .active) })
        else { throw .notPending }
        var next = self
        next.awards[index].status = .unsuccessful
        next.awards[index].reason = why
        next.awards[index].decidedAt = instant
        if let waiting = next.awards.firstIndex(where: { $0.status == .pendingWaiting }) { next.awards[waiting].status = .pending }
        return next
    }

    public func signingContract(at instant: Date) throws(QualificationRefusal) -> AwardChain {
        guard contractSignedAt == nil, awards.contains(where: { $0.status == .active }) else { throw .noActiveAward }
        var next = self
        next.contractSignedAt = instant
        return next
    }
}
