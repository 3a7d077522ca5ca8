import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// A running auction as everyone sees it at one instant, English or Dutch,
/// so the API, the live socket and the lot page unpack the engines' stages
/// in one place.
public struct LiveView: Sendable {
    public enum Kind: String, Sendable {
        case scheduled, pause, turn, finished
        case tenantMatch = "tenant_match"
        /// Dutch: the price falls step by step until a bidder accepts it.
        case falling
        case sealedBids = "sealed_bids"
        case bestBid = "best_bid"
    }

    /// What a bidder may do now.
    public enum Action: Equatable, Sendable {
        /// English: raise to at least this, or pass.
        case raise(minimum: Money)
        /// The tenant's pre-emptive right: match this amount, or pass.
        case match(Money)
        /// Dutch: take the lot at the price now on offer.
        case accept(price: Money)
        /// Dutch: one sealed bid of at least this.
        case seal(minimum: Money)
        /// Dutch: the winner's best bid, at least the highest sealed one.
        case best(minimum: Money)
    }

    public let kind: Kind
    /// When the stage ends by the clock (for `finished`, when it finished).
    public let until: Date
    public let round: Int?
    /// Who must act now; nil when any participant may (Dutch falling price, sealed bids) or nobody.
    public let actor: AuctionBidderID?
    /// The least the actor may bid: the raise, the amount to match, the sealed or best bid's floor.
    public let minimum: Money?
    /// Dutch: the price on offer while it falls, then the accepted one.
    public let price: Money?
    /// Prices by participant, best first once over. Sealed bids stay out until the end.
    public let standings: [(bidder: AuctionBidderID, amount: Money)]
    let sealedBy: Set<AuctionBidderID>
    let participants: Set<AuctionBidderID>

    public var isOver: Bool { kind == .finished }

    /// This bidder's possible move now, if any.
    public func action(for bidder: AuctionBidderID) -> Action? {
        guard participants.contains(bidder) else { return nil }
        switch kind {
        case .turn: return actor == bidder ? minimum.map { .raise(minimum: $0) } : nil
        case .tenantMatch: return actor == bidder ? minimum.map { .match($0) } : nil
        case .falling: return price.map { .accept(price: $0) }
        case .sealedBids: return actor != bidder && !sealedBy.contains(bidder) ? minimum.map { .seal(minimum: $0) } : nil
        case .bestBid: return actor == bidder ? minimum.map { .best(minimum: $0) } : nil
        case .scheduled, .pause, .finished: return nil
        }
    }
}

extension AuctionService.LiveAuction {
    public func view(at now: Date) -> LiveView {
        if let dutch { return Self.view(of: dutch, at: now) }
        let participants = Set(auction.participants.map(\.bidder))
        // Before the start the standings would be the closed bids: nobody sees those yet.
        let standings = now < auction.startsAt ? [] : auction.standings(at: now).map { (bidder: $0.bidder, amount: $0.amount) }
        func view(_ kind: LiveView.Kind, _ until: Date, round: Int? = nil, actor: AuctionBidderID? = nil, minimum: Money? = nil) -> LiveView {
            LiveView(kind: kind, until: until, round: round, actor: actor, minimum: minimum, price: nil, standings: standings, sealedBy: [], participants: participants)
        }
        switch auction.stage(at: now) {
        case .scheduled(let startsAt): return view(.scheduled, startsAt)
        case .pause(let until): return view(.pause, until)
        case .turn(let turn): return view(.turn, turn.deadline, round: turn.key.round, actor: turn.bidder, minimum: turn.minimumRaise)
        case .tenantMatch(let tenant, let toMatch, let until): return view(.tenantMatch, until, actor: tenant, minimum: toMatch)
        case .finished(let at, _): return view(.finished, at)
        }
    }

    static func view(of dutch: DutchAuction, at now: Date) -> LiveView {
        let participants = Set(dutch.participants)
        // Before the end only the accepted Dutch price is public; sealed bids are sealed.
        let accepted = dutch.acceptance.flatMap { $0.at <= now ? [(bidder: $0.bidder, amount: $0.amount)] : nil } ?? []
        let sealedBy = Set(dutch.sealed.filter { $0.at <= now }.map(\.bidder))
        func view(_ kind: LiveView.Kind, _ until: Date, actor: AuctionBidderID? = nil, minimum: Money? = nil, price: Money? = nil,
                  standings: [(bidder: AuctionBidderID, amount: Money)]? = nil) -> LiveView {
            LiveView(kind: kind, until: until, round: nil, actor: actor, minimum: minimum, price: price, standings: standings ?? accepted,
                     sealedBy: sealedBy, participants: participants)
        }
        switch dutch.stage(at: now) {
        case .scheduled(let startsAt): return view(.scheduled, startsAt)
        case .pause(let until): return view(.pause, until)
        case .falling(_, let price, let until): return view(.falling, until, minimum: price, price: price)
        case .sealedBids(let winner, let dutchPrice, let until):
            return view(.sealedBids, until, actor: winner, minimum: dutchPrice + Money(kopiyky: 1), price: dutchPrice)
        case .bestBid(let winner, let toMatch, let until): return view(.bestBid, until, actor: winner, minimum: toMatch, price: dutch.acceptance?.amount)
        case .finished(let at, let ranking): return view(.finished, at, standings: ranking.map { (bidder: $0.bidder, amount: $0.amount) })
        }
    }
}
