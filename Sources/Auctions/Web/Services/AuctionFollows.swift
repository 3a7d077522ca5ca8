import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// What a lot's followers hear of (issue 21): its auction starting, and
/// every status after (the result, the winner's qualification, the contract),
/// recorded in the transaction that moves the lot.
enum AuctionFollows {
    static func moved(_ lot: Lot, in city: MunicipalityID, at instant: Date) -> FollowEvent {
        FollowEvent(
            in: city, what: lot.status == .activeAuction ? "auctions.follow.started" : "auctions.follow.status",
            detail: "auctions.status.\(lot.status.rawValue.replacingOccurrences(of: ".", with: "_"))", about: FollowTarget(.auctionLot, id: lot.id.rawValue), at: instant)
    }
}
