import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The auction paths of docs/interfaces.md under `/api/v1/{city}/auctions`
/// (lots, by Prozorro's field names), and the property register under
/// `/api/v1/{city}/property`.
struct AuctionAPIController {
    let services: AppServices

    func add(to router: Router<AppRequestContext>) {
        let auctions = router.group("api/v1/:city/auctions")
        auctions.get(use: list)
        auctions.post(use: create)
        auctions.get(":lot", use: show)
        auctions.post(":lot/bids", use: bid)
        addExchange(to: auctions)
        let property = router.group("api/v1/:city/property")
        property.get(use: register)
        property.post(use: recordObject)
        router.get("api/v1/:city/property.geojson", use: propertyPoints)
    }

    struct Amount: Codable {
        let amount: Int64
        var currency: String? = "UAH"
    }

    struct LotBody: Encodable {
        struct Period: Encodable {
            var startDate: Date?
            var endDate: Date?
        }
        struct Step: Encodable {
            let amount: Int64
            let percent: Double?
        }
        struct Stage: Encodable {
            /// `scheduled`, `pause`, `turn`, `tenant_match` or `finished`; a Dutch auction's `falling`, `sealed_bids` and `best_bid`.
            let kind: String
            let until: Date?
            let round: Int?
            /// "Учасник N" whose turn it is.
            let participant: Int?
            let minimumRaise: Int64?
            /// Dutch: the price on offer while it falls, then the accepted price.
            let price: Int64?
        }
        struct Standing: Encodable {
            let participant: Int
            let amount: Int64
            /// Names only once the auction is over.
            let name: String?
        }
        struct Award: Encodable {
            let participant: Int
            let name: String
            let amount: Int64
            let status: String
            let reason: String?
        }
        let id: String
        let auctionId: String
        let number: Int
        let title: String
        let status: String
        let procedure: String
        let objectId: String
        let value: Amount
        let minimalStep: Step
        let guarantee: Amount
        let registrationFee: Amount
        let tenderPeriod: Period
        let auctionPeriod: Period
        /// How many registered: only from the bidding deadline on. Before it,
        /// the count would tell a bidder how many rivals to outbid (the open
        /// data hides it too).
        let bidders: Int?
        let stage: Stage?
        let standings: [Standing]?
        let awards: [Award]?
    }

    /// What anyone may see of a lot now: before the auction nobody sees the
    /// closed bids, the organiser included; during it, the prices by
    /// participant number; after it, names and the awards.
    func body(_ lot: Lot, number: Int, city: Municipality) async throws -> LotBody {
        let live = try await services.auctions.live(lot), now = services.clock.now()
        let numbers = live.numbers, names = live.names
        let bidders = lot.biddersArePublic(at: now) ? live.bidders.count : nil
        var stage: LotBody.Stage?
        var standings: [LotBody.Standing]?
        // A cancelled lot never ran: its closed bids stay sealed.
        if lot.status != .cancelled, lot.status != .activeTendering || now >= lot.tenderPeriodEnd {
            let view = live.view(at: now)
            stage = .init(
                kind: view.kind.rawValue, until: view.until, round: view.round, participant: view.actor.flatMap { numbers[$0] },
                minimumRaise: view.minimum?.kopiyky, price: view.price?.kopiyky)
            standings = view.standings.map {
                .init(participant: numbers[$0.bidder] ?? 0, amount: $0.amount.kopiyky, name: view.isOver ? names[$0.bidder] : nil)
            }
        }
        let percent: Double? = if case .percent(let basisPoints) = lot.minimalStep { Double(basisPoints) / 100 } else { nil }
        return LotBody(
            id: lot.id.rawValue, auctionId: LotReference.auctionId(city: city.slug.rawValue, number: number), number: number, title: lot.title,
            status: lot.status.rawValue, procedure: lot.procedure.rawValue, objectId: lot.objectID.rawValue, value: .init(amount: lot.value.kopiyky),
            minimalStep: .init(amount: lot.minimalStep.amount(of: lot.startValue).kopiyky, percent: percent), guarantee: .init(amount: lot.guarantee.kopiyky),
            registrationFee: .init(amount: lot.registrationFee.kopiyky), tenderPeriod: .init(endDate: lot.tenderPeriodEnd),
            auctionPeriod: .init(startDate: lot.auctionStart), bidders: bidders, stage: stage, standings: standings,
            awards: lot.awards?.awards.map {
                .init(participant: numbers[$0.bidder] ?? 0, name: names[$0.bidder] ?? "", amount: $0.amount.kopiyky, status: $0.status.rawValue, reason: $0.reason)
            })
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        var statuses = LotStatus.allCases
        if let wanted = request.uri.queryParameters.get("status") {
            guard let status = LotStatus(rawValue: wanted) else { throw AppError.invalid(code: "lot_status_unknown", field: "status") }
            statuses = [status]
        }
        let cityID = city.id, chosen = statuses
        var items: [LotBody] = []
        for (lot, number) in try await services.store.read({ try await $0.auctions.lots(in: cityID, statuses: chosen) }) {
            items.append(try await body(lot, number: number, city: city))
        }
        return try JSONResponse.encode(APIController.ListBody(items: items, next: nil))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let (lot, number) = try await services.auctions.lot(LotID(rawValue: try context.parameters.require("lot")), in: city.id)
        return try JSONResponse.encode(try await body(lot, number: number, city: city))
    }

    /// An amount as a request gives it: integer kopiyky, within `Money.ceiling`.
    struct InputAmount: Decodable {
        let amount: Kopiyky
        var money: Money { amount.money }
    }

    struct CreateRequest: Decodable {
        struct Step: Decodable {
            let amount: Kopiyky?
            let percent: DecimalNumber<InputRange.PercentOfPrice>?
        }
        let title: String
        let objectId: String
        let procedure: String
        let value: InputAmount
        let minimalStep: Step
        let guarantee: InputAmount
        let registrationFee: InputAmount
        let tenderPeriod: InputPeriod
        let auctionPeriod: InputPeriod
        /// The auction's durations in seconds; without them, the law's (the demo's in demo mode).
        let timings: Timings?
        /// `lease_preemptive`: the current tenant's account email.
        let tenantEmail: String?
    }

    /// `tenderPeriod` and `auctionPeriod` as a request gives them.
    struct InputPeriod: Decodable {
        let startDate: Date?
        let endDate: Date?
    }

    /// The bidding deadline and the auction's start a new lot needs, or which one is missing.
    static func dates(tender: InputPeriod, auction: InputPeriod) throws -> (tenderEnd: Date, auctionStart: Date) {
        guard let tenderEnd = tender.endDate else { throw AppError.invalid(code: "lot_tender_period_invalid", field: "tenderPeriod") }
        guard let auctionStart = auction.startDate else { throw AppError.invalid(code: "lot_auction_start_invalid", field: "auctionPeriod") }
        return (tenderEnd, auctionStart)
    }

    struct Timings: Decodable {
        let pauseSeconds: DecimalNumber<InputRange.Seconds>
        let turnSeconds: DecimalNumber<InputRange.Seconds>
        let rounds: WholeNumber<InputRange.Rounds>
    }

    /// The organiser announces a lot on an object of the register.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.account != nil else { throw AppError.notSignedIn }
        let city = try await CityLookup(store: services.store).require(context)
        let input = try await APIController.decode(CreateRequest.self, request, context)
        guard let procedure = AuctionProcedure(rawValue: input.procedure) else { throw AppError.invalid(code: "lot_procedure_unknown", field: "procedure") }
        let step: MinimalStep
        switch (input.minimalStep.amount, input.minimalStep.percent) {
        case (let amount?, nil): step = .amount(amount.money)
        // At most 100 %, so the conversion to basis points is exact and in range.
        case (nil, let percent?): step = .percent(basisPoints: Int((percent.value * 100).rounded()))
        default: throw AppError.invalid(code: "lot_minimal_step_invalid", field: "minimalStep")
        }
        let (tenderEnd, auctionStart) = try Self.dates(tender: input.tenderPeriod, auction: input.auctionPeriod)
        let tenant = procedure.needsTenant ? try await services.auctions.tenant(email: input.tenantEmail) : nil
        let (lot, number) = try await services.auctions.announce(PropertyObjectID(rawValue: input.objectId), city: city, by: context.principal) {
            (object, now) throws(PropertyError) in
            let timings = try input.timings.map { timings throws(PropertyError) in
                try AuctionTimings.chosen(pause: timings.pauseSeconds.value, turn: timings.turnSeconds.value, rounds: timings.rounds.value)
            } ?? (services.demoMode ? .demo : .statutory)
            return try Lot.announced(
                title: input.title, object: object, procedure: procedure, value: input.value.money, minimalStep: step,
                guarantee: input.guarantee.money, registrationFee: input.registrationFee.money,
                tenderPeriodEnd: tenderEnd, auctionStart: auctionStart, timings: timings, tenant: tenant, at: now)
        }
        return try JSONResponse.encode(try await body(lot, number: number, city: city), status: .created)
    }

    struct BidRequest: Decodable {
        /// During bidding: the closed bid. In the auction: the raise.
        let amount: Kopiyky?
        let legalEntityCode: String?
        /// In the auction: `raise`, `pass` or `match`.
        let move: String?
    }

    /// A move as the API and the live socket name it: `raise` (the default, with an amount), `pass` or `match`.
    static func move(_ name: String?, amount: Int64?) throws -> EnglishAuction.Move {
        switch name ?? "raise" {
        case "raise":
            guard let amount else { throw AppError.invalid(code: "bid_amount_required", field: "amount") }
            return .raise(to: Money(kopiyky: amount))
        case "pass": return .pass
        // A Dutch auction's acceptance of the falling price is the same move as the tenant's match: take the price named.
        case "match", "accept": return .match
        default: throw AppError.invalid(code: "bid_move_unknown", field: "move")
        }
    }

    /// During bidding, enters or changes the closed bid (201); during the auction, the bidder's move in their turn (200).
    @Sendable func bid(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw AppError.notSignedIn }
        let city = try await CityLookup(store: services.store).require(context)
        let id = LotID(rawValue: try context.parameters.require("lot"))
        let input = try await APIController.decode(BidRequest.self, request, context)
        let (lot, number) = try await services.auctions.lot(id, in: city.id)
        if lot.status == .activeTendering, services.clock.now() < lot.tenderPeriodEnd {
            guard let amount = input.amount else { throw AppError.invalid(code: "bid_amount_required", field: "amount") }
            _ = try await services.auctions.submitBid(id, amount: amount.money, legalEntityCode: input.legalEntityCode, city: city, by: account)
            return try JSONResponse.encode(try await body(lot, number: number, city: city), status: .created)
        }
        _ = try await services.auctions.move(id, try Self.move(input.move, amount: input.amount?.money.kopiyky), city: city, by: account)
        let (current, _) = try await services.auctions.lot(id, in: city.id)
        return try JSONResponse.encode(try await body(current, number: number, city: city))
    }

    /// An object of the register, as the API gives it.
    struct ObjectBody: Encodable {
        var id: String?
        let kind: String
        let title: String
        let address: String
        let area: Double?
        let cadastralNumber: String?
        let latitude: Double?
        let longitude: Double?
        let balanceHolder: String
        let leaseList: String?

        init(_ object: PropertyObject) {
            id = object.id.rawValue
            kind = object.kind.rawValue
            title = object.title
            address = object.address
            area = object.areaM2
            cadastralNumber = object.cadastralNumber
            latitude = object.latitude
            longitude = object.longitude
            balanceHolder = object.balanceHolder
            leaseList = object.leaseList?.rawValue
        }
    }

    /// An object of the register as a request records it.
    struct ObjectInput: Decodable {
        let kind: String
        let title: String
        let address: String
        let area: DecimalNumber<InputRange.SquareMetres>?
        let cadastralNumber: String?
        /// Degrees (WGS 84), both or neither; within the city's territory.
        let latitude: DecimalNumber<InputRange.Latitude>?
        let longitude: DecimalNumber<InputRange.Longitude>?
        let balanceHolder: String
        let leaseList: String?
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let cityID = city.id
        let objects = try await services.store.read { try await $0.auctions.objects(in: cityID) }
        return try JSONResponse.encode(APIController.ListBody(items: objects.map(ObjectBody.init), next: nil))
    }

    @Sendable func recordObject(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.account != nil else { throw AppError.notSignedIn }
        let city = try await CityLookup(store: services.store).require(context)
        let input = try await APIController.decode(ObjectInput.self, request, context)
        guard let kind = PropertyObject.Kind(rawValue: input.kind) else { throw AppError.invalid(code: "property_kind_unknown", field: "kind") }
        var list: PropertyObject.LeaseList?
        if let wanted = input.leaseList {
            guard let known = PropertyObject.LeaseList(rawValue: wanted) else { throw AppError.invalid(code: "lease_list_unknown", field: "leaseList") }
            list = known
        }
        let cityID = city.id, chosen = list, territory = city.settings.placeBounds
        let object = try await services.auctions.record({ () throws(PropertyError) in
            try PropertyObject.recorded(
                kind: kind, title: input.title, address: input.address, areaM2: input.area?.value, cadastralNumber: input.cadastralNumber,
                latitude: input.latitude?.value, longitude: input.longitude?.value, territory: territory, balanceHolder: input.balanceHolder,
                leaseList: chosen, in: cityID)
        }, city: city, by: context.principal)
        return try JSONResponse.encode(ObjectBody(object), status: .created)
    }
}
