import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The organiser's side of a lot in the API, as on the organiser's page: who
/// registered and what they paid (never the closed amounts), and recording
/// the payments that admit a bidder to the auction.
struct AuctionOrganiserAPI {
    let services: AppServices

    func add(to router: Router<AppRequestContext>) {
        let bidders = router.group("api/v1/:city/auctions/:lot/bidders")
        bidders.get(use: list)
        bidders.post(":bidder/payments", use: payments)
        router.post("api/v1/:city/auctions/:lot/next", use: next)
    }

    struct BidderBody: Encodable {
        let id: String
        let name: String
        let legalEntityCode: String?
        let guaranteeReference: String?
        let feeReference: String?
        let admitted: Bool

        init(_ bidder: LotBidder) {
            id = bidder.id.rawValue
            name = bidder.name
            legalEntityCode = bidder.legalEntityCode
            guaranteeReference = bidder.guaranteeReference
            feeReference = bidder.feeReference
            admitted = bidder.isAdmitted
        }
    }

    /// The city's lot, for one of its organisers; anyone else gets the 404 a stranger gets.
    func organisersLot(_ context: AppRequestContext) async throws -> (Municipality, Lot) {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.manageAuctions, context.principal, in: city.id)
        let (lot, _) = try await services.auctions.lot(LotID(rawValue: try context.parameters.require("lot")), in: city.id)
        return (city, lot)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, lot) = try await organisersLot(context)
        let id = lot.id
        let bidders = try await services.store.read { try await $0.auctions.bidders(of: id) }
        return try JSONResponse.encode(APIController.ListBody(items: bidders.map(BidderBody.init), next: nil))
    }

    struct PaymentsRequest: Decodable {
        let guarantee: String?
        let fee: String?
    }

    @Sendable func payments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, lot) = try await organisersLot(context)
        let input = try await APIController.decode(PaymentsRequest.self, request, context)
        let bidder = AuctionBidderID(rawValue: try context.parameters.require("bidder"))
        try await services.auctions.recordPayments(lot.id, bidder: bidder, guarantee: input.guarantee, fee: input.fee, city: city, by: context.principal)
        let id = lot.id
        guard let stored = try await services.store.read({ try await $0.auctions.bidders(of: id) }).first(where: { $0.id == bidder }) else {
            throw AppError.notFound
        }
        return try JSONResponse.encode(BidderBody(stored))
    }

    struct NextRequest: Decodable {
        let tenderPeriod: AuctionAPIController.InputPeriod
        let auctionPeriod: AuctionAPIController.InputPeriod
    }

    /// After an unsuccessful privatization auction: the next one of the cycle (201 with the new lot).
    @Sendable func next(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, lot) = try await organisersLot(context)
        let input = try await APIController.decode(NextRequest.self, request, context)
        let (tenderEnd, auctionStart) = try AuctionAPIController.dates(tender: input.tenderPeriod, auction: input.auctionPeriod)
        let (next, number) = try await services.auctions.continueCycle(
            lot.id, tenderPeriodEnd: tenderEnd, auctionStart: auctionStart, city: city, by: context.principal)
        return try JSONResponse.encode(try await AuctionAPIController(services: services).body(next, number: number, city: city), status: .created)
    }
}
