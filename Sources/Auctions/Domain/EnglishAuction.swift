import Foundation
import HromadaDomain

public struct AuctionBidderID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// How long each part of a live auction lasts. The law's are the defaults;
/// the demo runs the same rules in seconds.
public struct AuctionTimings: Hashable, Codable, Sendable {
    /// Between the announced start and the first turn.
    public var pause: TimeInterval
    /// One bidder's turn.
    public var turn: TimeInterval
    public var rounds: Int

    public init(pause: TimeInterval, turn: TimeInterval, rounds: Int) {
        self.pause = pause
        self.turn = turn
        self.rounds = rounds
    }

    /// CMU Resolution 483 (lease) and the small-privatization procedure: a
    /// 5-minute pause, then 3 rounds of 3-minute turns.
    public static let statutory = AuctionTimings(pause: 300, turn: 180, rounds: 3)
    /// The demo: two bidders' auction in under two minutes, with turns long
    /// enough for a person to type a bid.
    public static let demo = AuctionTimings(pause: 10, turn: 15, rounds: 3)

    /// The organiser's own durations: at least a second each, at most an hour's
    /// pause and half-hour turns, 1 to 10 rounds.
    public static func chosen(pause: TimeInterval, turn: TimeInterval, rounds: Int) throws(PropertyError) -> AuctionTimings {
        guard (1...3600).contains(pause), (1...1800).contains(turn), (1...10).contains(rounds) else { throw .timingsInvalid }
        return AuctionTimings(pause: pause, turn: turn, rounds: rounds)
    }
}

/// `minimalStep`: an amount, or a share of the start value (in basis points, 1 % = 100).
public enum MinimalStep: Hashable, Codable, Sendable {
    case amount(Money)
    case percent(basisPoints: Int)

    /// The step in money; a share is rounded up to the kopiyka, so it is never below what the lot announced.
    public func amount(of start: Money) -> Money {
        switch self {
        case .amount(let money): money
        case .percent(let basisPoints): start.scaled(by: Int64(basisPoints), over: 10_000, roundingUp: true)
        }
    }
}

/// Why a bid in the live auction is refused; nothing changes.
public enum AuctionRefusal: Error, Equatable, Sendable {
    case notStarted
    case finished
    /// Someone else's turn, or the pause.
    case notYourTurn
    /// Below the bidder's current bid plus the minimal step.
    case belowMinimalStep(minimum: Money)
    case notAParticipant
    /// One sealed bid per bidder.
    case alreadyBid
}

/// The live English auction (CMU Resolution 483, Resolution 432 items 60–67):
/// after a pause, three rounds; in each, every bidder in turn, from the
/// lowest current bid to the highest (on equal bids the later submission
/// first), raises by at least the minimal step or passes, and a pass keeps
/// the bid. A turn ends when its bidder acts or its time runs out, which
/// counts as a pass. The highest bid wins; of equal bids, the one whose
/// amount was reached earlier.
///
/// The auction is its closed bids and the moves made, nothing else: where it
/// stands at any instant is replayed from them and the clock. So a server
/// that restarts picks up at the right round and turn, and a turn that ran
/// out while it was down is a pass, with no state to repair.
public struct EnglishAuction: Hashable, Codable, Sendable {
    public struct Participant: Hashable, Codable, Sendable {
        public let bidder: AuctionBidderID
        /// The closed bid entered before the deadline (at least the start value).
        public let initialBid: Money
        /// When that bid was last submitted: it orders equal bids.
        public let submittedAt: Date

        public init(bidder: AuctionBidderID, initialBid: Money, submittedAt: Date) {
            self.bidder = bidder
            self.initialBid = initialBid
            self.submittedAt = submittedAt
        }
    }

    public enum Move: Hashable, Codable, Sendable {
        case raise(to: Money)
        case pass
        /// The current tenant takes the lease at the best bid (pre-emptive right).
        case match

    }

    public struct RecordedMove: Hashable, Codable, Sendable {
        public let bidder: AuctionBidderID
        public let move: Move
        public let at: Date
        /// The turn it was made in: the store keeps one move per turn, which
        /// decides two bids racing for the same turn.
        public let turn: TurnKey

        public init(bidder: AuctionBidderID, move: Move, at: Date, turn: TurnKey) {
            self.bidder = bidder
            self.move = move
            self.at = at
            self.turn = turn
        }
    }

    /// A turn's place in the auction: round 1…, and position in the round's order from 0.
    public struct TurnKey: Hashable, Codable, Sendable, Comparable {
        public let round: Int
        public let position: Int

        public init(round: Int, position: Int) {
            self.round = round
            self.position = position
        }

        public static func < (lhs: TurnKey, rhs: TurnKey) -> Bool { (lhs.round, lhs.position) < (rhs.round, rhs.position) }
    }

    /// A bidder's bid as it stands, and since when.
    public struct Standing: Hashable, Sendable {
        public let bidder: AuctionBidderID
        public let amount: Money
        public let reachedAt: Date
    }

    public struct Turn: Hashable, Sendable {
        public let key: TurnKey
        public let bidder: AuctionBidderID
        public let startedAt: Date
        public let deadline: Date
        /// The least this bidder may raise to.
        public let minimumRaise: Money
    }

    public enum Stage: Hashable, Sendable {
        case scheduled(startsAt: Date)
        case pause(until: Date)
        case turn(Turn)
        /// After the rounds, the current tenant may match the best bid (lease with a pre-emptive right).
        case tenantMatch(tenant: AuctionBidderID, toMatch: Money, until: Date)
        /// Over: bids ranked best first (empty when nobody bid).
        case finished(at: Date, ranking: [Standing])
    }

    public let startValue: Money
    public let minimalStep: Money
    public let startsAt: Date
    public let timings: AuctionTimings
    public let participants: [Participant]
    /// The current tenant with a pre-emptive right, if the lease has one.
    public let tenant: AuctionBidderID?
    public private(set) var moves: [RecordedMove]

    public init(
        startValue: Money, minimalStep: MinimalStep, startsAt: Date, timings: AuctionTimings, participants: [Participant],
        tenant: AuctionBidderID? = nil, moves: [RecordedMove] = []
    ) {
        self.startValue = startValue
        self.minimalStep = minimalStep.amount(of: startValue)
        self.startsAt = startsAt
        self.timings = timings
        self.participants = participants
        self.tenant = tenant.flatMap { tenant in participants.contains { $0.bidder == tenant } ? tenant : nil }
        // As stored: the replay takes each turn's move by its turn, in order.
        self.moves = moves.sorted { $0.turn < $1.turn }
    }

    /// Where the auction stands at `instant`, and the bids as they stand then.
    public func stage(at instant: Date) -> Stage {
        replay(until: instant).stage
    }

    public func standings(at instant: Date) -> [Standing] {
        Self.ranked(replay(until: instant).standings)
    }

    /// "Учасник N" until the results: numbered by the first round's order,
    /// which the bids alone decide, so the number says nothing of who it is.
    public var participantNumbers: [AuctionBidderID: Int] {
        let initial = participants.map { Standing(bidder: $0.bidder, amount: $0.initialBid, reachedAt: $0.submittedAt) }
        return Dictionary(uniqueKeysWithValues: Self.turnOrder(initial).enumerated().map { ($1.bidder, $0 + 1) })
    }

    /// The auction with this bidder's move, if it is their turn and the move is allowed.
    public func placing(_ move: Move, by bidder: AuctionBidderID, at instant: Date) throws(AuctionRefusal) -> EnglishAuction {
        guard participants.contains(where: { $0.bidder == bidder }) else { throw .notAParticipant }
        switch stage(at: instant) {
        case .scheduled: throw .notStarted
        case .pause: throw .notYourTurn
        case .finished: throw .finished
        case .turn(let turn):
            guard turn.bidder == bidder, move != .match else { throw .notYourTurn }
            if case .raise(let amount) = move, amount < turn.minimumRaise { throw .belowMinimalStep(minimum: turn.minimumRaise) }
            var next = self
            next.moves.append(RecordedMove(bidder: bidder, move: move, at: instant, turn: turn.key))
            return next
        case .tenantMatch(let tenant, _, _):
            guard bidder == tenant, move == .match || move == .pass else { throw .notYourTurn }
            var next = self
            next.moves.append(RecordedMove(bidder: bidder, move: move, at: instant, turn: matchTurn))
            return next
        }
    }

    /// Replays the moves against the clock: the only way the auction's state is ever worked out.
    private func replay(until instant: Date) -> (stage: Stage, standings: [Standing]) {
        var standings = participants.map { Standing(bidder: $0.bidder, amount: $0.initialBid, reachedAt: $0.submittedAt) }
        // No auction to hold: nobody bid (unsuccessful), or one bidder (straight to qualification).
        guard participants.count > 1 else { return (.finished(at: startsAt, ranking: Self.ranked(standings)), standings) }
        guard instant >= startsAt else { return (.scheduled(startsAt: startsAt), standings) }
        var clock = startsAt.addingTimeInterval(timings.pause)
        guard instant >= clock else { return (.pause(until: clock), standings) }
        let byTurn = Dictionary(moves.map { ($0.turn, $0) }, uniquingKeysWith: { first, _ in first })
        for round in 1...max(1, timings.rounds) {
            for (position, standing) in Self.turnOrder(standings).enumerated() {
                let key = TurnKey(round: round, position: position)
                let deadline = clock.addingTimeInterval(timings.turn)
                if let made = byTurn[key], made.bidder == standing.bidder, made.at < deadline, made.at <= instant {
                    if case .raise(let amount) = made.move, let index = standings.firstIndex(where: { $0.bidder == standing.bidder }) {
                        standings[index] = Standing(bidder: standing.bidder, amount: amount, reachedAt: made.at)
                    }
                    clock = max(clock, made.at)
                    continue
                }
                if instant < deadline {
                    let turn = Turn(
                        key: key, bidder: standing.bidder, startedAt: clock, deadline: deadline,
                        minimumRaise: current(standing.bidder, in: standings) + minimalStep)
                    return (.turn(turn), standings)
                }
                // The time ran out: a pass.
                clock = deadline
            }
        }
        // The pre-emptive right: a tenant who is not already best may match the best bid.
        if let tenant, let best = Self.ranked(standings).first, best.bidder != tenant {
            let deadline = clock.addingTimeInterval(timings.turn)
            if let made = byTurn[matchTurn], made.bidder == tenant, made.at < deadline, made.at <= instant {
                guard made.move == .match else { return (.finished(at: made.at, ranking: Self.ranked(standings)), standings) }
                let others = Self.ranked(standings.filter { $0.bidder != tenant })
                return (.finished(at: made.at, ranking: [Standing(bidder: tenant, amount: best.amount, reachedAt: made.at)] + others), standings)
            }
            if instant < deadline { return (.tenantMatch(tenant: tenant, toMatch: best.amount, until: deadline), standings) }
            clock = deadline
        }
        return (.finished(at: clock, ranking: Self.ranked(standings)), standings)
    }

    /// The turn after the last round, where the tenant's answer is kept.
    private var matchTurn: TurnKey { TurnKey(round: max(1, timings.rounds) + 1, position: 0) }

    private func current(_ bidder: AuctionBidderID, in standings: [Standing]) -> Money {
        standings.first { $0.bidder == bidder }?.amount ?? startValue
    }

    /// A round's order: lowest bid first; of equal bids, the later one first.
    static func turnOrder(_ standings: [Standing]) -> [Standing] {
        standings.sorted { ($0.amount, $1.reachedAt, $0.bidder.rawValue) < ($1.amount, $0.reachedAt, $1.bidder.rawValue) }
    }

    /// Best first: the highest bid; of equal bids, the one reached earlier.
    static func ranked(_ standings: [Standing]) -> [Standing] {
        standings.sorted { ($1.amount, $0.reachedAt, $0.bidder.rawValue) < ($0.amount, $1.reachedAt, $1.bidder.rawValue) }
    }
}
