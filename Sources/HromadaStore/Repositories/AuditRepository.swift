import Foundation
import HromadaDomain
import SQLKit

public struct AuditRepository: Sendable {
    package let db: any SQLDatabase
    package let dialect: DatabaseDialect

    public func append(_ entry: AuditEntry) async throws {
        try await append(HashedAuditEntry(entry))
    }

    public func append(_ hashed: HashedAuditEntry) async throws {
        try await append(contentsOf: [hashed])
    }

    /// Many entries in a few multi-row statements, in order (a mixed pool's
    /// ballots): one statement per entry was most of a large pool's write.
    public func append(contentsOf entries: [HashedAuditEntry]) async throws {
        let rows = 400
        for start in stride(from: 0, to: entries.count, by: rows) {
            let values: [SQLQueryString] = entries[start..<min(start + rows, entries.count)].map { hashed in
                let entry = hashed.entry
                return """
                    (\(bind: entry.id.rawValue), \(bind: entry.municipalityID?.rawValue), \(bind: entry.actor), \(bind: entry.action),
                     \(bind: entry.subject), \(bind: entry.details), \(bind: entry.occurredAt.epochSeconds), \(bind: hashed.contentHash))
                    """
            }
            let statement: SQLQueryString = """
                INSERT INTO audit_entries (id, municipality_id, actor, action, subject, details, occurred_at, content_hash)
                VALUES \(values.joined(separator: ", "))
                """
            try await db.raw(statement).run()
        }
    }

    private static let entryColumns = "id, municipality_id, actor, action, subject, details, occurred_at"

    public func unsealed(limit: Int) async throws -> [AuditEntry] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.entryColumns) FROM audit_entries WHERE block_height IS NULL ORDER BY seq LIMIT \(bind: limit)
            """).all().map(Self.decodeEntry)
    }

    public func entries(inBlock height: Int64) async throws -> [AuditEntry] {
        try await db.raw("SELECT \(unsafeRaw: Self.entryColumns) FROM audit_entries WHERE block_height = \(bind: height)")
            .all().map(Self.decodeEntry)
    }

    /// The newest entries, leaving out those of the actions named (see `AuditAction.withheldFromPublicList`).
    public func recentEntries(in municipality: MunicipalityID?, limit: Int, excluding actions: Set<String> = []) async throws -> [AuditEntry] {
        // A never-used action name keeps `NOT IN` well-formed when nothing is excluded.
        let excluded: [any Encodable & Sendable] = actions.isEmpty ? [""] : actions.sorted()
        if let municipality {
            return try await db.raw("""
                SELECT \(unsafeRaw: Self.entryColumns) FROM audit_entries
                WHERE municipality_id = \(bind: municipality.rawValue) AND action NOT IN (\(binds: excluded))
                ORDER BY seq DESC LIMIT \(bind: limit)
                """).all().map(Self.decodeEntry)
        }
        return try await db.raw("""
            SELECT \(unsafeRaw: Self.entryColumns) FROM audit_entries WHERE action NOT IN (\(binds: excluded)) ORDER BY seq DESC LIMIT \(bind: limit)
            """).all().map(Self.decodeEntry)
    }

    /// The newest entry's sequence number in each city, nil where there is
    /// none: every change a module makes is audited in its transaction, so a
    /// reader that remembers these knows which cities changed since it last
    /// looked (the open-data catalogue). One index lookup per city.
    public func latestSequences() async throws -> [MunicipalityID: Int64?] {
        let rows = try await db.raw("""
            SELECT m.id AS id, (SELECT MAX(a.seq) FROM audit_entries a WHERE a.municipality_id = m.id) AS seq FROM municipalities m
            """).all()
        var latest: [MunicipalityID: Int64?] = [:]
        for row in rows { latest[MunicipalityID(rawValue: try row.string("id"))] = try row.optionalInt("seq") }
        return latest
    }

    /// Entries waiting to be sealed, and when the oldest of them was written
    /// (for `/metrics`: a sealer that has stopped shows as a growing age).
    public func unsealedBacklog() async throws -> (entries: Int64, oldest: Date?) {
        let row = try await db.raw("""
            SELECT COUNT(*) AS n, MIN(occurred_at) AS oldest FROM audit_entries WHERE block_height IS NULL
            """).first()
        return (try row?.int("n") ?? 0, try row?.optionalDate("oldest"))
    }

    public func unsealedCount() async throws -> Int64 {
        try await db.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE block_height IS NULL").first()?.int("n") ?? 0
    }

    /// Only one sealer may chain at a time, across all instances.
    /// SQLite has one writer already; PostgreSQL takes a transaction-scoped
    /// advisory lock and the loser skips this round.
    public func trySealerLock() async throws -> Bool {
        switch dialect {
        case .sqlite: return true
        case .postgres:
            // Keyed by schema: each schema is its own deployment (tests run many side by side).
            return try await db.raw("SELECT pg_try_advisory_xact_lock(hashtext(current_schema()), 2) AS locked").first()?
                .decode(column: "locked", as: Bool.self) ?? false
        }
    }

    public func latestBlock() async throws -> AuditBlock? {
        try await db.raw("""
            SELECT height, previous_hash, sealed_at, entry_hashes, hash, signature FROM audit_blocks ORDER BY height DESC LIMIT 1
            """).first().map(Self.decodeBlock)
    }

    public func blocks(fromHeight height: Int64, limit: Int) async throws -> [AuditBlock] {
        try await db.raw("""
            SELECT height, previous_hash, sealed_at, entry_hashes, hash, signature FROM audit_blocks
            WHERE height >= \(bind: height) ORDER BY height LIMIT \(bind: limit)
            """).all().map(Self.decodeBlock)
    }

    /// Stores the block and marks its entries sealed in it.
    public func insert(_ block: AuditBlock, sealing entries: [AuditEntryID]) async throws {
        try await db.raw("""
            INSERT INTO audit_blocks (height, previous_hash, sealed_at, entry_hashes, hash, signature)
            VALUES (\(bind: block.height), \(bind: block.previousHash), \(bind: block.sealedAt.epochSeconds),
                    \(bind: block.entryHashes.joined(separator: "\n")), \(bind: block.hash), \(bind: block.signature))
            """).run()
        for chunk in stride(from: 0, to: entries.count, by: 500) {
            let ids = SQLList(entries[chunk..<min(chunk + 500, entries.count)].map { SQLBind($0.rawValue) })
            try await db.raw("UPDATE audit_entries SET block_height = \(bind: block.height) WHERE id IN (\(ids))").run()
        }
    }

    static func decodeEntry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            id: .init(rawValue: try row.string("id")),
            municipalityID: try row.optionalString("municipality_id").map(MunicipalityID.init(rawValue:)),
            actor: try row.string("actor"), action: try row.string("action"), subject: try row.string("subject"),
            details: try row.string("details"), occurredAt: try row.date("occurred_at"))
    }

    static func decodeBlock(_ row: any SQLRow) throws -> AuditBlock {
        let hashes = try row.string("entry_hashes")
        return AuditBlock(
            height: try row.int("height"), previousHash: try row.string("previous_hash"), sealedAt: try row.date("sealed_at"),
            entryHashes: hashes.isEmpty ? [] : hashes.split(separator: "\n").map(String.init),
            hash: try row.string("hash"), signature: try row.string("signature"))
    }
}
