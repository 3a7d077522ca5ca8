import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// E-petitions and their signatures.
///
/// Signing never touches the petition's row (the UK service's 2019 lesson:
/// per-signature `+1` on the petition blocked its readers). A signature is
/// one insert, keyed by the signer's identity so a second one is refused by
/// the database itself, plus one increment of one of 16 counter rows. The
/// exact count is their sum; the count pages show is copied to the petition
/// by a background job at most a second or two behind.
public struct PetitionRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect
    /// A petition's place in the city's search, written with the petition.
    var searchIndex: SearchIndexRepository { .init(db: db, dialect: dialect) }

    /// Counter rows per petition on PostgreSQL: enough that concurrent
    /// signers rarely queue on one. SQLite, with its one writer, keeps one
    /// (shard 0; migration 0007 folded older ones into it).
    public static let counterShards = 16

    /// A petition as stored, with what lives beside the document.
    public struct Stored: Sendable, Equatable {
        public let petition: Petition
        /// The petition's number in its city, as people cite it ("петиція № 42").
        public let number: Int
        /// The displayed count (may lag the exact one by a second or two).
        public let signatureCount: Int
        public let takenBy: AccountID?
        public let takenAt: Date?
    }

    private static let documents = KeptValues<Petition>(capacity: 2048)
    private static let columns = "id, number, definition, signature_count, taken_by, taken_at"

    static func decode(_ row: any SQLRow) throws -> Stored {
        Stored(
            petition: try documents.value(of: try row.string("definition")) { try JSONColumn.value(Petition.self, $0) },
            number: Int(try row.int("number")), signatureCount: Int(try row.int("signature_count")),
            takenBy: try row.optionalString("taken_by").map(AccountID.init(rawValue:)), takenAt: try row.optionalDate("taken_at"))
    }

    // MARK: Petitions

    /// Stores a new petition with the next number in its city; returns that number.
    @discardableResult
    public func insert(_ petition: Petition) async throws -> Int {
        let city = petition.municipalityID.rawValue
        let row = try await db.raw("""
            INSERT INTO petitions (id, municipality_id, number, state, author_id, category, definition, created_at, deadline, search_text)
            SELECT \(bind: petition.id.rawValue), \(bind: city),
                   (SELECT COALESCE(MAX(number), 0) + 1 FROM petitions WHERE municipality_id = \(bind: city)),
                   \(bind: petition.state.rawValue), \(bind: petition.authorID.rawValue), \(bind: petition.category),
                   \(bind: try JSONColumn.text(petition)), \(bind: petition.createdAt.epochSeconds), \(bind: petition.deadline?.epochSeconds),
                   \(bind: Self.searchText(petition))
            RETURNING number
            """).first()
        try await indexForSearch(petition)
        return Int(try row?.int("number") ?? 0)
    }

    /// Writes the domain's new version of the petition (state, deadlines,
    /// answer), with the displayed count made exact (every state change goes
    /// through here, so the count a transition shows is never a lagging one), if it is still in the state the change was decided from:
    /// of two changes racing (a signer and the scheduler, two instances),
    /// one wins and the other learns it lost. Returns whether it was written.
    @discardableResult
    public func update(_ petition: Petition, from state: PetitionState) async throws -> Bool {
        let written = try await db.raw("""
            UPDATE petitions SET state = \(bind: petition.state.rawValue), category = \(bind: petition.category),
                   definition = \(bind: try JSONColumn.text(petition)), deadline = \(bind: petition.deadline?.epochSeconds),
                   signature_count = (\(unsafeRaw: Self.exactSum)), search_text = \(bind: Self.searchText(petition))
            WHERE id = \(bind: petition.id.rawValue) AND municipality_id = \(bind: petition.municipalityID.rawValue)
              AND state = \(bind: state.rawValue)
            RETURNING id
            """).first() != nil
        if written {
            try await indexForSearch(petition)
        }
        return written
    }

    /// The petition's place in the city's search: there while public, gone otherwise.
    private func indexForSearch(_ petition: Petition) async throws {
        try await searchIndex.put(petition.searchDocument, as: Petition.searchKind, id: petition.id.rawValue, in: petition.municipalityID)
    }

    /// What the full-text index holds of a petition.
    static func searchText(_ petition: Petition) -> String { petition.title + "\n" + petition.text }

    /// The condition "search_text matches" in this database's full-text dialect.
    private func matching(_ search: PetitionSearch, all: Bool) -> SQLQueryString {
        switch dialect {
        case .sqlite:
            "petitions.rowid IN (SELECT rowid FROM petition_search WHERE petition_search MATCH \(bind: search.fts5(all: all)))"
        case .postgres:
            "to_tsvector('simple', petitions.search_text) @@ to_tsquery('simple', \(bind: search.tsquery(all: all)))"
        }
    }

    /// Petitions of the city sharing at least two of this one's words, most
    /// shared first: what a moderator checks for duplicates before publishing.
    public func similar(to petition: Petition, states: [PetitionState], limit: Int = 5) async throws -> [Stored] {
        let search = PetitionSearch(petition.title + " " + petition.text)
        guard !search.isEmpty, !states.isEmpty else { return [] }
        let rank: SQLQueryString
        switch dialect {
        case .sqlite:
            // bm25 is smaller for better matches.
            rank = "(SELECT bm25(petition_search) FROM petition_search WHERE petition_search MATCH \(bind: search.fts5(all: false)) AND rowid = petitions.rowid)"
        case .postgres:
            rank = "-ts_rank(to_tsvector('simple', petitions.search_text), to_tsquery('simple', \(bind: search.tsquery(all: false))))"
        }
        let candidates = try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM petitions
            WHERE municipality_id = \(bind: petition.municipalityID.rawValue) AND id <> \(bind: petition.id.rawValue)
              AND state IN (\(binds: states.map(\.rawValue))) AND \(matching(search, all: false))
            ORDER BY \(rank), created_at DESC LIMIT \(bind: limit * 4)
            """).all().map(Self.decode)
        // The index's rank favours rare words; what makes a duplicate is how
        // many of this petition's words it shares, so that decides first.
        let ranked = candidates.enumerated().map { (index, stored) in
            (stored, shared: search.shared(with: PetitionSearch(stored.petition.title + " " + stored.petition.text, limit: 40)), index)
        }
        // One shared word ("вулиця", "школа") is chance, not a duplicate.
        return ranked.filter { $0.shared >= 2 }.sorted { ($0.shared, -$0.2) > ($1.shared, -$1.2) }.prefix(limit).map(\.0)
    }

    public func petition(_ id: PetitionID, in municipality: MunicipalityID) async throws -> Stored? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM petitions WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            """).first().map(Self.decode)
    }

    public enum Order: String, Sendable, CaseIterable {
        case signatures, newest
        case closingSoon = "closing_soon"
    }

    /// A page of a city's petitions in the given states, optionally of one
    /// category, one author, or containing every searched word.
    public func petitions(
        in municipality: MunicipalityID, states: [PetitionState], category: String? = nil, search: PetitionSearch? = nil, author: AccountID? = nil,
        order: Order = .newest, limit: Int = 50, offset: Int = 0
    ) async throws -> [Stored] {
        guard !states.isEmpty else { return [] }
        var query = db.select().column(SQLRaw(Self.columns)).from("petitions")
            .where("municipality_id", .equal, municipality.rawValue)
            .where("state", .in, states.map(\.rawValue))
        if let category { query = query.where("category", .equal, category) }
        if let author { query = query.where("author_id", .equal, author.rawValue) }
        if let search, !search.isEmpty { query = query.where(matching(search, all: true)) }
        switch order {
        case .signatures: query = query.orderBy("signature_count", .descending).orderBy("created_at", .descending)
        case .newest: query = query.orderBy("created_at", .descending)
        case .closingSoon: query = query.orderBy(SQLRaw("CASE WHEN deadline IS NULL THEN 1 ELSE 0 END")).orderBy("deadline").orderBy("created_at", .descending)
        }
        return try await query.orderBy("id").limit(limit).offset(offset).all().map(Self.decode)
    }

    /// Every city's petitions the scheduler must look at: collecting, in moderation or under consideration.
    public func active() async throws -> [Stored] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM petitions
            WHERE state IN ('collecting_supporters', 'moderation', 'open', 'under_consideration')
            ORDER BY created_at, id
            """).all().map(Self.decode)
    }

    /// A moderator takes a petition from the queue. It stays theirs until they
    /// decide or their hold is older than `staleBefore`; returns whether it is theirs now.
    public func take(_ id: PetitionID, in municipality: MunicipalityID, by moderator: AccountID, at instant: Date, staleBefore: Date) async throws -> Bool {
        try await db.raw("""
            UPDATE petitions SET taken_by = \(bind: moderator.rawValue), taken_at = \(bind: instant.epochSeconds)
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)
              AND (taken_by IS NULL OR taken_by = \(bind: moderator.rawValue) OR taken_at < \(bind: staleBefore.epochSeconds))
            RETURNING id
            """).first() != nil
    }

    // MARK: Signatures

    public struct NewSignature: Sendable {
        public var petitionID: PetitionID
        /// `SignerRules.Identity.key`: the residency HMAC or the normalised email.
        public var identityKey: String
        public var accountID: AccountID
        public var signerName: String
        public var signedAt: Date
        public var clientAddress: String
        public var emailDomain: String
        /// False while an email signer has not confirmed; such signatures do not count yet.
        public var confirmed: Bool
        public var notifyOnAnswer: Bool
        /// The digest of the token mailed to an unconfirmed signer.
        public var confirmationDigest: String?

        public init(
            petitionID: PetitionID, identityKey: String, accountID: AccountID, signerName: String, signedAt: Date, clientAddress: String,
            emailDomain: String, confirmed: Bool, notifyOnAnswer: Bool, confirmationDigest: String? = nil
        ) {
            self.petitionID = petitionID
            self.identityKey = identityKey
            self.accountID = accountID
            self.signerName = signerName
            self.signedAt = signedAt
            self.clientAddress = clientAddress
            self.emailDomain = emailDomain
            self.confirmed = confirmed
            self.notifyOnAnswer = notifyOnAnswer
            self.confirmationDigest = confirmationDigest
        }
    }

    /// Stores the signature unless this identity already signed; a counted
    /// one also bumps a counter. Returns nil for a second signature, else the
    /// exact count after it (unchanged for an unconfirmed one).
    public func sign(_ signature: NewSignature) async throws -> Int? {
        let inserted = try await db.raw("""
            INSERT INTO petition_signatures (petition_id, identity_key, account_id, signer_name, signed_at, client_address, email_domain,
                                             confirmed, notify_on_answer, confirmation_digest)
            VALUES (\(bind: signature.petitionID.rawValue), \(bind: signature.identityKey), \(bind: signature.accountID.rawValue),
                    \(bind: signature.signerName), \(bind: signature.signedAt.epochSeconds), \(bind: signature.clientAddress),
                    \(bind: signature.emailDomain), \(bind: signature.confirmed ? 1 : 0), \(bind: signature.notifyOnAnswer ? 1 : 0),
                    \(bind: signature.confirmationDigest))
            ON CONFLICT DO NOTHING
            RETURNING petition_id
            """).first() != nil
        guard inserted else { return nil }
        guard signature.confirmed else { return try await exactCount(of: signature.petitionID) }
        return try await add(1, to: signature.petitionID)
    }

    /// The unconfirmed signature a mailed token belongs to.
    public func pendingSignature(_ petition: PetitionID, digest: String) async throws -> (identityKey: String, accountID: AccountID)? {
        try await db.raw("""
            SELECT identity_key, account_id FROM petition_signatures
            WHERE petition_id = \(bind: petition.rawValue) AND confirmation_digest = \(bind: digest) AND confirmed = 0 AND invalidated_at IS NULL
            """).first().map { (try $0.string("identity_key"), AccountID(rawValue: try $0.string("account_id"))) }
    }

    /// Counts an email signer once they follow the mailed link (the token's
    /// digest), once; returns the exact count, or nil if there was nothing to confirm.
    public func confirm(_ petition: PetitionID, digest: String) async throws -> Int? {
        let confirmed = try await db.raw("""
            UPDATE petition_signatures SET confirmed = 1, confirmation_digest = NULL
            WHERE petition_id = \(bind: petition.rawValue) AND confirmation_digest = \(bind: digest) AND confirmed = 0 AND invalidated_at IS NULL
            RETURNING petition_id
            """).first() != nil
        guard confirmed else { return nil }
        return try await add(1, to: petition)
    }

    /// Adds to the count; returns the exact count after it. SQLite has one
    /// writer, so one counter row suffices and the upsert returns the count
    /// itself; PostgreSQL spreads concurrent signers over the shards and sums.
    @discardableResult
    private func add(_ amount: Int, to petition: PetitionID) async throws -> Int {
        let shard = dialect == .sqlite ? 0 : Int.random(in: 0..<Self.counterShards)
        let row = try await db.raw("""
            INSERT INTO petition_counters (petition_id, shard, count) VALUES (\(bind: petition.rawValue), \(bind: shard), \(bind: amount))
            ON CONFLICT (petition_id, shard) DO UPDATE SET count = petition_counters.count + \(bind: amount)
            RETURNING count
            """).first()
        switch dialect {
        case .sqlite: return Int(try row?.int("count") ?? 0)
        case .postgres: return try await exactCount(of: petition)
        }
    }

    /// Valid, confirmed signatures now: the sum of the counters.
    public func exactCount(of petition: PetitionID) async throws -> Int {
        // PostgreSQL sums BIGINT into NUMERIC: cast back.
        Int(try await db.raw("SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) AS n FROM petition_counters WHERE petition_id = \(bind: petition.rawValue)")
            .first()?.int("n") ?? 0)
    }

    /// Whether this identity has signed (valid or not): nil if not, else
    /// whether the signature is confirmed (an email signer's waits for the link).
    public func signatureConfirmed(_ petition: PetitionID, identityKey: String) async throws -> Bool? {
        try await db.raw("""
            SELECT confirmed FROM petition_signatures WHERE petition_id = \(bind: petition.rawValue) AND identity_key = \(bind: identityKey)
            """).first().map { try $0.int("confirmed") == 1 }
    }

    /// The public list: names and dates of valid signatures, oldest first (in signing order within a second), as the law requires; nothing else.
    public func signers(of petition: PetitionID, limit: Int, offset: Int) async throws -> [(name: String, signedAt: Date)] {
        try await db.raw("""
            SELECT signer_name, signed_at FROM petition_signatures
            WHERE petition_id = \(bind: petition.rawValue) AND confirmed = 1 AND invalidated_at IS NULL
            ORDER BY signed_at, seq LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map { (try $0.string("signer_name"), try $0.date("signed_at")) }
    }

    public struct PublicSignature: Sendable {
        public let petitionID: PetitionID
        public let petitionNumber: Int
        public let name: String
        public let signedAt: Date
    }

    /// Every valid signature under the city's public petitions, by petition
    /// number and then as signed: the open-data list (names and dates only).
    public func publicSignatures(in municipality: MunicipalityID) async throws -> [PublicSignature] {
        try await db.raw("""
            SELECT p.id, p.number, s.signer_name, s.signed_at FROM petitions p
            JOIN petition_signatures s ON s.petition_id = p.id
            WHERE p.municipality_id = \(bind: municipality.rawValue) AND p.state IN (\(binds: PetitionState.publicStates.map(\.rawValue)))
              AND s.confirmed = 1 AND s.invalidated_at IS NULL
            ORDER BY p.number, s.signed_at, s.seq
            """).all().map {
            PublicSignature(
                petitionID: PetitionID(rawValue: try $0.string("id")), petitionNumber: Int(try $0.int("number")), name: try $0.string("signer_name"),
                signedAt: try $0.date("signed_at"))
        }
    }

    /// The categories the city's public petitions use, for the list's filter.
    public func categories(in municipality: MunicipalityID) async throws -> [String] {
        try await db.raw("""
            SELECT DISTINCT category FROM petitions
            WHERE municipality_id = \(bind: municipality.rawValue) AND state IN (\(binds: PetitionState.publicStates.map(\.rawValue)))
            ORDER BY category
            """).all().map { try $0.string("category") }
    }

    /// Signers who asked to hear the council's answer (valid, counted signatures only).
    public func answerSubscribers(of petition: PetitionID) async throws -> [AccountID] {
        try await db.raw("""
            SELECT account_id FROM petition_signatures
            WHERE petition_id = \(bind: petition.rawValue) AND notify_on_answer = 1 AND confirmed = 1 AND invalidated_at IS NULL
            ORDER BY signed_at
            """).all().map { AccountID(rawValue: try $0.string("account_id")) }
    }

    // MARK: Trending addresses

    public struct Alert: Sendable, Equatable {
        public let municipalityID: MunicipalityID
        public let clientAddress: String
        public let hourStart: Date
        public let signatures: Int
        public let raisedAt: Date

        public init(municipalityID: MunicipalityID, clientAddress: String, hourStart: Date, signatures: Int, raisedAt: Date) {
            self.municipalityID = municipalityID
            self.clientAddress = clientAddress
            self.hourStart = hourStart
            self.signatures = signatures
            self.raisedAt = raisedAt
        }
    }

    /// Signatures per city and client address since `since`, under petitions still collecting, where there are more than `over`.
    public func busyAddresses(since: Date, over: Int) async throws -> [(MunicipalityID, String, Int)] {
        try await db.raw("""
            SELECT p.municipality_id, s.client_address, COUNT(*) AS n FROM petition_signatures s JOIN petitions p ON p.id = s.petition_id
            WHERE s.signed_at >= \(bind: since.epochSeconds) AND p.state IN ('collecting_supporters', 'open', 'under_consideration')
            GROUP BY p.municipality_id, s.client_address HAVING COUNT(*) > \(bind: over)
            """).all().map { (MunicipalityID(rawValue: try $0.string("municipality_id")), try $0.string("client_address"), Int(try $0.int("n"))) }
    }

    /// Records an alert unless this address was already raised in this hour; returns whether it is new.
    public func raise(_ alert: Alert) async throws -> Bool {
        try await db.raw("""
            INSERT INTO petition_alerts (municipality_id, client_address, hour_start, signatures, raised_at)
            VALUES (\(bind: alert.municipalityID.rawValue), \(bind: alert.clientAddress), \(bind: alert.hourStart.epochSeconds),
                    \(bind: alert.signatures), \(bind: alert.raisedAt.epochSeconds))
            ON CONFLICT DO NOTHING
            RETURNING hour_start
            """).first() != nil
    }

    public func alerts(in municipality: MunicipalityID, since: Date) async throws -> [Alert] {
        try await db.raw("""
            SELECT municipality_id, client_address, hour_start, signatures, raised_at FROM petition_alerts
            WHERE municipality_id = \(bind: municipality.rawValue) AND raised_at >= \(bind: since.epochSeconds)
            ORDER BY raised_at DESC, client_address LIMIT 50
            """).all().map {
            Alert(
                municipalityID: MunicipalityID(rawValue: try $0.string("municipality_id")), clientAddress: try $0.string("client_address"),
                hourStart: try $0.date("hour_start"), signatures: Int(try $0.int("signatures")), raisedAt: try $0.date("raised_at"))
        }
    }

    /// What a moderator's bulk invalidation selects; empty fields match anything.
    public struct Selection: Sendable {
        public var clientAddress: String?
        public var emailDomain: String?
        public var from: Date?
        public var until: Date?

        public init(clientAddress: String? = nil, emailDomain: String? = nil, from: Date? = nil, until: Date? = nil) {
            self.clientAddress = clientAddress
            self.emailDomain = emailDomain
            self.from = from
            self.until = until
        }

        public var isEmpty: Bool { clientAddress == nil && emailDomain == nil && from == nil && until == nil }
    }

    /// Marks the selected valid signatures invalid with a reason and takes
    /// the counted ones off the count; returns how many were invalidated.
    public func invalidate(_ petition: PetitionID, _ selection: Selection, reason: String, at instant: Date) async throws -> Int {
        guard !selection.isEmpty else { return 0 }
        var conditions: [SQLQueryString] = ["petition_id = \(bind: petition.rawValue)", "invalidated_at IS NULL"]
        if let address = selection.clientAddress { conditions.append("client_address = \(bind: address)") }
        if let domain = selection.emailDomain { conditions.append("email_domain = \(bind: domain.lowercased())") }
        if let from = selection.from { conditions.append("signed_at >= \(bind: from.epochSeconds)") }
        if let until = selection.until { conditions.append("signed_at < \(bind: until.epochSeconds)") }
        let rows = try await db.raw("""
            UPDATE petition_signatures SET invalidated_at = \(bind: instant.epochSeconds), invalidation_reason = \(bind: reason)
            WHERE \(conditions.joined(separator: " AND "))
            RETURNING confirmed
            """).all()
        let counted = try rows.filter { try $0.int("confirmed") == 1 }.count
        if counted > 0 { try await add(-counted, to: petition) }
        return rows.count
    }

    /// The valid signatures counted one by one, and what the counters say,
    /// from one snapshot (run it in a read to check without holding the writer).
    public func tally(_ petition: PetitionID) async throws -> (counted: Int, counters: Int) {
        let counted = Int(try await db.raw("""
            SELECT COUNT(*) AS n FROM petition_signatures
            WHERE petition_id = \(bind: petition.rawValue) AND confirmed = 1 AND invalidated_at IS NULL
            """).first()?.int("n") ?? 0)
        return (counted, try await exactCount(of: petition))
    }

    /// Counts the valid signatures one by one and sets the counters to that
    /// count if they disagree. Returns (counted, what the counters said).
    public func recount(_ petition: PetitionID) async throws -> (counted: Int, counters: Int) {
        let (counted, counters) = try await tally(petition)
        if counted != counters {
            try await db.raw("DELETE FROM petition_counters WHERE petition_id = \(bind: petition.rawValue)").run()
            try await db.raw("""
                INSERT INTO petition_counters (petition_id, shard, count) VALUES (\(bind: petition.rawValue), 0, \(bind: counted))
                """).run()
        }
        return (counted, counters)
    }

    /// Copies the exact counts of petitions in these states (by default the
    /// collecting ones) to the displayed ones.
    public func refreshDisplayedCounts(in states: [PetitionState] = [.open, .underConsideration]) async throws {
        try await db.update("petitions")
            .set("signature_count", to: SQLRaw("(\(Self.exactSum))"))
            .where("state", .in, states.map(\.rawValue))
            .run()
    }

    /// The exact count of the petition row in hand, for use inside an UPDATE of `petitions`.
    private static let exactSum = "SELECT COALESCE(SUM(c.count), 0) FROM petition_counters c WHERE c.petition_id = petitions.id"
}
