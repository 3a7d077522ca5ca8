import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The property register, lots, their bidders and the live auctions' moves.
public struct AuctionRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect
    /// Its things' places in the city's search, written with the things.
    var searchIndex: SearchIndexRepository { .init(db: db, dialect: dialect) }

    /// The PostgreSQL channel that tells every instance a live auction changed (the payload is the lot's id).
    public static let liveChannel = "hromada_auction_live"

    /// Tells the other instances, when this transaction commits, that the
    /// lot's live state changed. SQLite has one instance, which knows already.
    public func announceLive(_ lot: LotID) async throws {
        guard dialect == .postgres else { return }
        try await db.raw("SELECT pg_notify(\(bind: Self.liveChannel), \(bind: lot.rawValue))").run()
    }

    private static let objects = KeptValues<PropertyObject>(capacity: 1024)
    private static let lots = KeptValues<Lot>(capacity: 1024)

    // MARK: The register

    public func insert(_ object: PropertyObject, at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO property_objects (id, municipality_id, kind, definition, created_at)
            VALUES (\(bind: object.id.rawValue), \(bind: object.municipalityID.rawValue), \(bind: object.kind.rawValue),
                    \(bind: try JSONColumn.text(object)), \(bind: instant.epochSeconds))
            """).run()
        try await searchIndex.put(object.searchDocument(at: instant), in: object.municipalityID)
    }

    public func object(_ id: PropertyObjectID, in municipality: MunicipalityID) async throws -> PropertyObject? {
        try await db.raw("""
            SELECT definition FROM property_objects WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            """).first().map(Self.decodeObject)
    }

    /// The city's register, oldest first.
    public func objects(in municipality: MunicipalityID) async throws -> [PropertyObject] {
        try await db.raw("""
            SELECT definition FROM property_objects WHERE municipality_id = \(bind: municipality.rawValue) ORDER BY created_at, id
            """).all().map(Self.decodeObject)
    }

    static func decodeObject(_ row: any SQLRow) throws -> PropertyObject {
        try objects.value(of: try row.string("definition")) { try JSONColumn.value(PropertyObject.self, $0) }
    }

    // MARK: Lots

    /// A lot with the next number in its city ("лот № 7"); returns the number.
    @discardableResult
    public func insert(_ lot: Lot, at instant: Date) async throws -> Int {
        let city = lot.municipalityID.rawValue
        let row = try await db.raw("""
            INSERT INTO lots (id, municipality_id, object_id, number, status, definition, auction_start, created_at)
            SELECT \(bind: lot.id.rawValue), \(bind: city), \(bind: lot.objectID.rawValue),
                   (SELECT COALESCE(MAX(number), 0) + 1 FROM lots WHERE municipality_id = \(bind: city)),
                   \(bind: lot.status.rawValue), \(bind: try JSONColumn.text(lot)), \(bind: lot.auctionStart.epochSeconds),
                   \(bind: instant.epochSeconds)
            RETURNING number
            """).first()
        try await searchIndex.put(lot.searchDocument, in: lot.municipalityID)
        return Int(try row?.int("number") ?? 0)
    }

    /// Writes the domain's new version if the lot is still in `status`; returns whether it was written.
    @discardableResult
    /// Every change of a lot also reaches the live watchers on other instances (`announceLive`).
    public func update(_ lot: Lot, from status: LotStatus) async throws -> Bool {
        let updated = try await db.raw("""
            UPDATE lots SET status = \(bind: lot.status.rawValue), definition = \(bind: try JSONColumn.text(lot)),
                   auction_start = \(bind: lot.auctionStart.epochSeconds)
            WHERE id = \(bind: lot.id.rawValue) AND municipality_id = \(bind: lot.municipalityID.rawValue) AND status = \(bind: status.rawValue)
            RETURNING id
            """).first() != nil
        if updated {
            try await searchIndex.put(lot.searchDocument, in: lot.municipalityID)
            try await announceLive(lot.id)
        }
        return updated
    }

    public func lot(_ id: LotID, in municipality: MunicipalityID) async throws -> (lot: Lot, number: Int)? {
        try await db.raw("""
            SELECT definition, number FROM lots WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            """).first().map { (try Self.decodeLot($0), Int(try $0.int("number"))) }
    }

    /// The city's lots in these statuses, soonest auction first.
    public func lots(in municipality: MunicipalityID, statuses: [LotStatus] = LotStatus.allCases) async throws -> [(lot: Lot, number: Int)] {
        guard !statuses.isEmpty else { return [] }
        return try await db.raw("""
            SELECT definition, number FROM lots
            WHERE municipality_id = \(bind: municipality.rawValue) AND status IN (\(binds: statuses.map(\.rawValue)))
            ORDER BY auction_start, number
            """).all().map { (try Self.decodeLot($0), Int(try $0.int("number"))) }
    }

    /// The city's newest lots with when each was announced, newest first: the feed's news.
    public func announcedLots(in municipality: MunicipalityID, limit: Int) async throws -> [(lot: Lot, number: Int, announcedAt: Date)] {
        try await db.raw("""
            SELECT definition, number, created_at FROM lots
            WHERE municipality_id = \(bind: municipality.rawValue) AND status <> \(bind: LotStatus.cancelled.rawValue)
            ORDER BY created_at DESC, number DESC LIMIT \(bind: max(0, limit))
            """).all().map { (try Self.decodeLot($0), Int(try $0.int("number")), try $0.date("created_at")) }
    }

    static func decodeLot(_ row: any SQLRow) throws -> Lot {
        try lots.value(of: try row.string("definition")) { try JSONColumn.value(Lot.self, $0) }
    }

    // MARK: Bidders

    private static let bidderColumns = "bidder_id, lot_id, account_id, name, legal_entity_code, amount, submitted_at_ms, guarantee_reference, fee_reference"

    /// Enters or changes the account's closed bid on the lot (one bidder per
    /// account); returns the bidder as stored, whose id stays the same.
    @discardableResult
    public func register(_ bidder: LotBidder) async throws -> LotBidder {
        let row = try await db.raw("""
            INSERT INTO lot_bidders (\(unsafeRaw: Self.bidderColumns))
            VALUES (\(bind: bidder.id.rawValue), \(bind: bidder.lotID.rawValue), \(bind: bidder.accountID.rawValue), \(bind: bidder.name),
                    \(bind: bidder.legalEntityCode), \(bind: bidder.amount.kopiyky), \(bind: Self.milliseconds(bidder.submittedAt)),
                    \(bind: bidder.guaranteeReference), \(bind: bidder.feeReference))
            ON CONFLICT (lot_id, account_id) DO UPDATE SET amount = excluded.amount, submitted_at_ms = excluded.submitted_at_ms,
                   name = excluded.name, legal_entity_code = excluded.legal_entity_code
            RETURNING \(unsafeRaw: Self.bidderColumns)
            """).first()
        guard let row else { throw StoreError.unexpectedResult("lot_bidders upsert returned nothing") }
        return try Self.decodeBidder(row)
    }

    /// The organiser records the guarantee and fee payments, by their references.
    public func recordPayments(of bidder: AuctionBidderID, on lot: LotID, guarantee: String?, fee: String?) async throws -> Bool {
        try await db.raw("""
            UPDATE lot_bidders SET guarantee_reference = \(bind: guarantee), fee_reference = \(bind: fee)
            WHERE lot_id = \(bind: lot.rawValue) AND bidder_id = \(bind: bidder.rawValue)
            RETURNING bidder_id
            """).first() != nil
    }

    public func bidders(of lot: LotID) async throws -> [LotBidder] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.bidderColumns) FROM lot_bidders WHERE lot_id = \(bind: lot.rawValue) ORDER BY submitted_at_ms, bidder_id
            """).all().map(Self.decodeBidder)
    }

    static func decodeBidder(_ row: any SQLRow) throws -> LotBidder {
        LotBidder(
            id: AuctionBidderID(rawValue: try row.string("bidder_id")), lotID: LotID(rawValue: try row.string("lot_id")),
            accountID: AccountID(rawValue: try row.string("account_id")), name: try row.string("name"),
            legalEntityCode: try row.optionalString("legal_entity_code"), amount: Money(kopiyky: try row.int("amount")),
            submittedAt: Self.date(milliseconds: try row.int("submitted_at_ms")), guaranteeReference: try row.optionalString("guarantee_reference"),
            feeReference: try row.optionalString("fee_reference"))
    }

    // MARK: Moves

    /// Keeps the move unless its turn already has one: of two bids racing
    /// for the same turn exactly one is stored. Returns whether this one was.
    public func record(_ move: EnglishAuction.RecordedMove, on lot: LotID) async throws -> Bool {
        let (kind, amount): (String, Int64?) = switch move.move {
        case .raise(let to): ("raise", to.kopiyky)
        case .pass: ("pass", nil)
        case .match: ("match", nil)
        }
        return try await db.raw("""
            INSERT INTO auction_moves (lot_id, round, position, bidder_id, move, amount, made_at_ms)
            VALUES (\(bind: lot.rawValue), \(bind: move.turn.round), \(bind: move.turn.position), \(bind: move.bidder.rawValue), \(bind: kind),
                    \(bind: amount), \(bind: Self.milliseconds(move.at)))
            ON CONFLICT DO NOTHING
            RETURNING round
            """).first() != nil
    }

    public func moves(of lot: LotID) async throws -> [EnglishAuction.RecordedMove] {
        try await db.raw("""
            SELECT round, position, bidder_id, move, amount, made_at_ms FROM auction_moves WHERE lot_id = \(bind: lot.rawValue)
            ORDER BY round, position
            """).all().map { row in
            let move: EnglishAuction.Move
            switch try row.string("move") {
            case "raise": move = .raise(to: Money(kopiyky: try row.int("amount")))
            case "match": move = .match
            default: move = .pass
            }
            return EnglishAuction.RecordedMove(
                bidder: AuctionBidderID(rawValue: try row.string("bidder_id")), move: move, at: Self.date(milliseconds: try row.int("made_at_ms")),
                turn: .init(round: Int(try row.int("round")), position: Int(try row.int("position"))))
        }
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000).rounded()) }
    static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1_000) }
}
