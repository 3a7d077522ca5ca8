import Foundation
import HromadaDomain

/// The third auction of the small-privatization cycle ("за методом
/// покрокового зниження стартової ціни та подальшого подання цінових
/// пропозицій"): after a pause the price falls by 1 % of the start value per
/// step, for up to 99 steps, and the first bidder to accept becomes the Dutch
/// winner at that price. Then the others may each enter one sealed bid above
/// it, and then the Dutch winner may match or beat the best of them. The
/// highest price wins; the Dutch winner keeps the lot on a match; of equal
/// sealed bids the earlier wins. Nobody accepting makes it unsuccessful.
///
/// Like the English auction, its state is replayed from what was entered and
/// the clock, so a restart changes nothing.
public struct DutchAuction: Hashable, Codable, Sendable {
    public struct Timings: Hashable, Codable, Sendable {
        public var pause: TimeInterval
        /// How long each price holds.
        public var step: TimeInterval
        public var sealedBids: TimeInterval
        public var bestBid: TimeInterval

        public init(pause: TimeInterval, step: TimeInterval, sealedBids: TimeInterval, bestBid: TimeInterval) {
            self.pause = pause
            self.step = step
            self.sealedBids = sealedBids
            self.bestBid = bestBid
        }

        public static let statutory = Timings(pause: 300, step: 60, sealedBids: 1_200, bestBid: 1_200)
        public static let demo = Timings(pause: 10, step: 1, sealedBids: 15, bestBid: 10)
    }

    /// The auction replayed from its stored entries, which share the English
    /// auction's move store: one key per phase decides races there. The
    /// acceptance is (0, 0), so of two bidders accepting the same price one
    /// is kept; a sealed bid is (1, the bidder's place among the participants),
    /// one each; the best bid is (2, 0).
    public init(startValue: Money, startsAt: Date, timings: Timings, participants: [AuctionBidderID], moves: [EnglishAuction.RecordedMove]) {
        self.init(startValue: startValue, startsAt: startsAt, timings: timings, participants: participants)
        for recorded in moves {
            guard case .raise(let amount) = recorded.move else { continue }
            let entry = Entry(bidder: recorded.bidder, amount: amount, at: recorded.at)
            switch recorded.turn.round {
            case 0: acceptance = entry
            case 1: sealed.append(entry)
            default: best = entry
            }
        }
    }

    /// Where an entry of this phase by this bidder is stored (see the initialiser).
    public func key(for phase: Phase, by bidder: AuctionBidderID) -> EnglishAuction.TurnKey {
        switch phase {
        case .acceptance: EnglishAuction.TurnKey(round: 0, position: 0)
        case .sealed: EnglishAuction.TurnKey(round: 1, position: participants.firstIndex(of: bidder) ?? participants.count)
        case .best: EnglishAuction.TurnKey(round: 2, position: 0)
        }
    }

    public enum Phase: Sendable { case acceptance, sealed, best }

    /// What a bidder's entry now would be: accepting the falling price, a
    /// sealed bid, or the Dutch winner's best bid. The amount is the price
    /// for an acceptance (the bidder names none).
    public func entering(_ amount: Money?, by bidder: AuctionBidderID, at instant: Date) throws(AuctionRefusal) -> (DutchAuction, RecordedEntry) {
        switch stage(at: instant) {
        case .falling:
            // Only accepting takes the falling price: an amount sent now was meant for a later stage.
            guard amount == nil else { throw .notYourTurn }
            let next = try accepting(by: bidder, at: instant)
            guard let entry = next.acceptance else { throw .notYourTurn }
            return (next, RecordedEntry(entry: entry, key: key(for: .acceptance, by: bidder)))
        case .sealedBids:
            guard let amount else { throw .belowMinimalStep(minimum: minimumEntry(at: instant) ?? startValue) }
            let next = try sealing(amount, by: bidder, at: instant)
            guard let entry = next.sealed.last else { throw .notYourTurn }
            return (next, RecordedEntry(entry: entry, key: key(for: .sealed, by: bidder)))
        case .bestBid:
            guard let amount else { throw .belowMinimalStep(minimum: minimumEntry(at: instant) ?? startValue) }
            let next = try bestBidding(amount, by: bidder, at: instant)
            guard let entry = next.best else { throw .notYourTurn }
            return (next, RecordedEntry(entry: entry, key: key(for: .best, by: bidder)))
        case .scheduled: throw .notStarted
        case .pause: throw .notYourTurn
        case .finished: throw .finished
        }
    }

    public struct RecordedEntry: Sendable {
        public let entry: Entry
        public let key: EnglishAuction.TurnKey

        public var move: EnglishAuction.RecordedMove {
            EnglishAuction.RecordedMove(bidder: entry.bidder, move: .raise(to: entry.amount), at: entry.at, turn: key)
        }
    }

    /// The least a sealed or best bid may be now; nil outside those stages.
    public func minimumEntry(at instant: Date) -> Money? {
        switch stage(at: instant) {
        case .sealedBids(_, let dutchPrice, _): dutchPrice + Money(kopiyky: 1)
        case .bestBid(_, let toMatch, _): toMatch
        default: nil
        }
    }

    /// Steps of 1 % from the start value: 100 % at step 0 down to 1 % at step 99.
    public static let steps = 99

    public struct Entry: Hashable, Codable, Sendable {
        public let bidder: AuctionBidderID
        public let amount: Money
        public let at: Date
    }

    public enum Stage: Hashable, Sendable {
        case scheduled(startsAt: Date)
        case pause(until: Date)
        /// The price now, and when it falls next.
        case falling(step: Int, price: Money, until: Date)
        case sealedBids(dutchWinner: AuctionBidderID, dutchPrice: Money, until: Date)
        case bestBid(dutchWinner: AuctionBidderID, toMatch: Money, until: Date)
        /// Over: best first; empty when nobody accepted a price (unsuccessful).
        case finished(at: Date, ranking: [Entry])
    }

    public let startValue: Money
    public let startsAt: Date
    public let timings: Timings
    public let participants: [AuctionBidderID]
    public private(set) var acceptance: Entry?
    public private(set) var sealed: [Entry]
    public private(set) var best: Entry?

    public init(startValue: Money, startsAt: Date, timings: Timings, participants: [AuctionBidderID]) {
        self.startValue = startValue
        self.startsAt = startsAt
        self.timings = timings
        self.participants = participants
        self.sealed = []
    }

    /// The price at a step: the start value less 1 % of it per step, in whole kopiyky.
    public func price(atStep step: Int) -> Money {
        startValue - startValue.scaled(by: Int64(min(max(step, 0), Self.steps)), over: 100)
    }

    public func stage(at instant: Date) -> Stage {
        guard instant >= startsAt else { return .scheduled(startsAt: startsAt) }
        let falling = startsAt.addingTimeInterval(timings.pause)
        guard instant >= falling else { return .pause(until: falling) }
        guard let acceptance, acceptance.at <= instant else {
            // Compared as a Double first: converting an unbounded quotient to Int would trap.
            let elapsed = instant.timeIntervalSince(falling) / timings.step
            guard elapsed.isFinite, elapsed < Double(Self.steps + 1) else {
                return .finished(at: falling.addingTimeInterval(Double(Self.steps + 1) * timings.step), ranking: [])
            }
            let step = Int(elapsed)
            return .falling(step: step, price: price(atStep: step), until: falling.addingTimeInterval(Double(step + 1) * timings.step))
        }
        let others = participants.filter { $0 != acceptance.bidder }
        let sealedEnd = acceptance.at.addingTimeInterval(timings.sealedBids)
        if others.isEmpty { return .finished(at: acceptance.at, ranking: [acceptance]) }
        if instant < sealedEnd { return .sealedBids(dutchWinner: acceptance.bidder, dutchPrice: acceptance.amount, until: sealedEnd) }
        let entered = sealed.filter { $0.at < sealedEnd }
        guard let highest = Self.ranked(entered).first else { return .finished(at: sealedEnd, ranking: [acceptance]) }
        let bestEnd = sealedEnd.addingTimeInterval(timings.bestBid)
        // A best bid counts only if it reaches the highest sealed bid as finally
        // entered: one checked against a lower "highest" a moment before a late
        // sealed bid was written does not beat it.
        let matched = best.flatMap { $0.at < bestEnd && $0.amount >= highest.amount ? $0 : nil }
        let madeBy = matched.flatMap { $0.at <= instant ? $0 : nil }
        if instant < bestEnd, madeBy == nil {
            return .bestBid(dutchWinner: acceptance.bidder, toMatch: highest.amount, until: bestEnd)
        }
        // A best bid matches or beats every sealed one, so its maker wins;
        // without one, the highest sealed bid does, and the Dutch price comes last.
        let rivals = Self.ranked(entered)
        if let madeBy { return .finished(at: madeBy.at, ranking: [madeBy] + rivals) }
        return .finished(at: bestEnd, ranking: rivals + [acceptance])
    }

    /// The first bidder to accept the falling price becomes the Dutch winner.
    public func accepting(by bidder: AuctionBidderID, at instant: Date) throws(AuctionRefusal) -> DutchAuction {
        guard participants.contains(bidder) else { throw .notAParticipant }
        switch stage(at: instant) {
        case .scheduled: throw .notStarted
        case .pause, .sealedBids, .bestBid: throw .notYourTurn
        case .finished: throw .finished
        case .falling(_, let price, _):
            var next = self
            next.acceptance = Entry(bidder: bidder, amount: price, at: instant)
            return next
        }
    }

    /// One sealed bid per bidder other than the Dutch winner, above the Dutch price.
    public func sealing(_ amount: Money, by bidder: AuctionBidderID, at instant: Date) throws(AuctionRefusal) -> DutchAuction {
        guard participants.contains(bidder) else { throw .notAParticipant }
        switch stage(at: instant) {
        case .scheduled: throw .notStarted
        case .finished: throw .finished
        case .pause, .falling, .bestBid: throw .notYourTurn
        case .sealedBids(let winner, let dutchPrice, _):
            guard bidder != winner else { throw .notYourTurn }
            guard !sealed.contains(where: { $0.bidder == bidder }) else { throw .alreadyBid }
            let least = dutchPrice + Money(kopiyky: 1)
            guard amount >= least else { throw .belowMinimalStep(minimum: least) }
            var next = self
            next.sealed.append(Entry(bidder: bidder, amount: amount, at: instant))
            return next
        }
    }

    /// The Dutch winner's best bid: at least the highest sealed bid (a match keeps the lot).
    public func bestBidding(_ amount: Money, by bidder: AuctionBidderID, at instant: Date) throws(AuctionRefusal) -> DutchAuction {
        guard participants.contains(bidder) else { throw .notAParticipant }
        switch stage(at: instant) {
        case .scheduled: throw .notStarted
        case .finished: throw .finished
        case .pause, .falling, .sealedBids: throw .notYourTurn
        case .bestBid(let winner, let toMatch, _):
            guard bidder == winner else { throw .notYourTurn }
            guard amount >= toMatch else { throw .belowMinimalStep(minimum: toMatch) }
            var next = self
            next.best = Entry(bidder: bidder, amount: amount, at: instant)
            return next
        }
    }

    /// Highest first; of equal amounts, the earlier.
    static func ranked(_ entries: [Entry]) -> [Entry] {
        entries.sorted { ($1.amount, $0.at, $0.bidder.rawValue) < ($0.amount, $1.at, $1.bidder.rawValue) }
    }
}
