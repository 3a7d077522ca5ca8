import Foundation
import HromadaDomain
import Auctions
import Budgets
import HromadaModules
import HromadaWeb
import Petitions
import HromadaStore
import HromadaTestSupport
import SQLKit
import Testing

/// Migrates `store` exactly as `hromada serve` does before it listens (and
/// `hromada migrate` does), returning the versions it applied now. The one
/// line to change when the migration entry point moves.
private func migrateAsServeDoes(_ store: Store) async throws -> [String] {
    try await Migrator(backend: store.backend, logger: TestDatabase.logger, modules: ModuleRegistry.standard.migrations).migrate()
}

/// A database made by the code before the migrations moved into per-module
/// folders (commit 42828c0, every migration 0001…0012 applied; the demo,
/// trimmed) must upgrade with the current code without a migration running
/// again, going missing, or any row changing. The fixtures are dumps that
/// `scripts/make-upgrade-fixture` wrote; never regenerate them with the code
/// under test, or this proves nothing.
@Suite struct UpgradeTests {
    @Test func sqliteDatabaseFromBeforeTheMoveUpgradesUntouched() async throws {
        try await Self.upgradesUntouched(.sqlite)
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil))
    func postgresDatabaseFromBeforeTheMoveUpgradesUntouched() async throws {
        try await Self.upgradesUntouched(.postgres)
    }

    @Test func sqliteMigratingTwiceChangesNothing() async throws {
        try await Self.migratingTwiceChangesNothing(.sqlite)
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil))
    func postgresMigratingTwiceChangesNothing() async throws {
        try await Self.migratingTwiceChangesNothing(.postgres)
    }

    @Test(arguments: TestDatabase.available)
    func propertyDocumentsMoveIntoAttachmentsWhole(_ database: TestDatabase) async throws {
        try await Self.withFixture(database) { store in
            let bytes = Array("%PDF-1.7\n".utf8) + (0..<256).map { UInt8($0) }
            let (object, city, account) = try await store.read { tx in
                let row = try #require(try await tx.db.raw("SELECT id, municipality_id FROM property_objects ORDER BY id").first())
                let account = try #require(try await tx.db.raw("SELECT id FROM accounts ORDER BY id").first())
                return (try row.string("id"), try row.string("municipality_id"), try account.string("id"))
            }
            try await store.write { tx in
                try await tx.db.raw("""
                    INSERT INTO property_documents (id, municipality_id, object_id, position, title, media_type, byte_count, sha256, uploaded_by, uploaded_at, bytes)
                    VALUES ('doc-1', \(bind: city), \(bind: object), 1, 'Технічний паспорт', 'application/pdf', \(bind: bytes.count),
                            \(bind: String(repeating: "c", count: 64)), \(bind: account), 1796197982, \(bind: Data(bytes)))
                    """).run()
            }
            _ = try await migrateAsServeDoes(store)
            let owner = UploadOwner(kind: .propertyObject, id: object), cityID = MunicipalityID(rawValue: city)
            let moved = try await store.read { try await $0.attachments.attachments(of: owner, in: cityID) }
            #expect(moved.map(\.title) == ["Технічний паспорт"] && moved.first?.id.rawValue == "doc-1" && moved.first?.uploadedBy.rawValue == account)
            #expect(try await store.read { try await $0.attachments.bytes(of: AttachmentID(rawValue: "doc-1"), in: cityID) } == bytes)
        }
    }

    // MARK: The checks

    /// What the fixture holds, for telling a fixture that did not load whole
    /// from one that did.
    static let fixtureVersions = (1...12).map { String(format: "%04d", $0) }
    /// What came after 0012: the platform's own scheduler_leases (0013,
    /// which 0007 used to make, so a no-op on such a database) and the
    /// oblasts' staff (0014, a new table, empty), readiness probes (0015, the same),
    /// the provider of a login in flight (0016, a column of oidc_logins),
    /// and the open-data catalogue's records (0017, two new tables, empty,
    /// and 0018, the datasets' parts, one more).
    static let laterVersions = ["0013", "0014", "0015", "0016", "0017", "0018", "0019", "0020", "0021", "0022", "0023", "0024", "0025", "0026", "0027", "0028", "0029", "0030", "0031", "0032", "0033", "0034", "0035", "0036", "0037"]
    /// Tables a later migration adds: an upgrade may add these, empty, and nothing else.
    static let laterTables: Set<String> = ["oblast_role_grants", "readiness_probes", "open_data_datasets", "open_data_refreshes", "open_data_parts",
        "invest_sites", "invest_indicators", "invest_indicator_values", "invest_enquiries", "invest_programmes", "attachments",
        "strategy_documents", "strategy_nodes", "strategy_indicators", "strategy_links", "strategy_entries", "strategy_reports", "strategy_oblast_reports",
        "waste_sites", "waste_facilities", "waste_sensors", "waste_containers", "waste_trucks", "waste_readings", "waste_dead_letters",
        "waste_webhook_secrets", "waste_reading_hours", "waste_upkeep", "waste_alerts",
        "waste_plans", "waste_plan_routes", "waste_plan_stops", "photo_variants", "search_documents", "search_index_state",
        "follows", "follow_events", "follow_event_targets", "digest_lines", "follow_schedule",
        "comments", "comment_flags",
        "business_calls", "business_applications", "business_applicant_private", "business_application_documents", "business_conflicts", "business_scores",
        "business_agreements", "business_payouts", "business_reports", "business_organisations", "business_memberships", "business_posts",
        "business_events", "business_registrations", "brands", "visit_places", "visit_routes", "visit_campaigns",
        "visit_cert_checklists", "visit_certifications", "visit_certificates", "visit_cert_slots", "visit_cert_ratings", "visit_cert_reports"]
    /// SQLite only: the city search's full-text index and its shadow tables.
    static let sqliteFullTextTables: Set<String> = ["search_index", "search_index_data", "search_index_idx", "search_index_docsize", "search_index_config"]
    /// PostgreSQL only: what the city search matches, apart from what it shows (0032).
    static let postgresSearchTables: Set<String> = ["search_terms"]
    static let fullTextInternals: Set<String> = ["search_index_data", "search_index_config"]
    /// Tables a later migration drops once their rows are moved: the register's
    /// PDFs into the platform's attachments (0023). Empty in the fixture; the
    /// move itself is `propertyDocumentsMoveIntoAttachmentsWhole`.
    static let laterDroppedTables: Set<String> = ["property_documents"]
    /// Tables a later migration gives a column: their schema may change, their rows may not.
    static let laterAlteredTables: Set<String> = ["oidc_logins", "accounts", "outbox", "petition_signatures"]
    static let vinnytsia = MunicipalityID(rawValue: "vinnytsia")

    static func upgradesUntouched(_ database: TestDatabase) async throws {
        try await withFixture(database) { store in
            let before = try await Self.snapshot(store)
            #expect(before.migrations.map(\.version) == Self.fixtureVersions, "the fixture did not load whole")
            #expect(before.tables["petitions"]?.count == 35 && before.tables["budget_projects"]?.count == 45 && before.tables["lots"]?.count == 9)

            // Only what came after 0012 (`laterVersions`).
            let applied = try await migrateAsServeDoes(store)
            #expect(applied == Self.laterVersions, "a database already at 0012 had migrations applied again")

            let after = try await Self.snapshot(store)
            #expect(Array(after.migrations.prefix(before.migrations.count)) == before.migrations, "schema_migrations changed")
            #expect(after.migrations.map(\.version) == Self.fixtureVersions + Self.laterVersions)
            // schema_migrations is checked above: it gained the later migrations' rows.
            Self.expectSame(
                before, after, besides: ["schema_migrations"],
                added: Self.laterTables.union(database == .sqlite ? Self.sqliteFullTextTables : Self.postgresSearchTables), altered: Self.laterAlteredTables, dropped: Self.laterDroppedTables)
            try await Self.expectTheAppReadsIt(store, auditChain: after.auditChain)

            // A migration lost in the move would go unnoticed above (the old
            // database has it already) but shows in a new database.
            let fresh = try await Self.freshlyMigrated(database)
            // Versions only: what a migration is named is not what decides whether it runs.
            #expect(fresh.migrations.map(\.version) == after.migrations.map(\.version), "a new database records other migrations than the upgraded one")
            let missing = Set(after.schema).subtracting(fresh.schema), extra = Set(fresh.schema).subtracting(after.schema)
            #expect(missing.isEmpty, "a new database lacks \(missing.sorted())")
            #expect(extra.isEmpty, "a new database has besides \(extra.sorted())")
        }
    }

    /// A snapshot of a new, empty database migrated as `serve` migrates one.
    static func freshlyMigrated(_ database: TestDatabase) async throws -> Snapshot {
        let (location, cleanup) = try await database.makeLocation()
        do {
            let store = try await Store.open(location, logger: TestDatabase.logger)
            let snapshot = try await store.withClosing {
                _ = try await migrateAsServeDoes(store)
                return try await Self.snapshot(store)
            }
            await cleanup()
            return snapshot
        } catch {
            await cleanup()
            throw error
        }
    }

    static func migratingTwiceChangesNothing(_ database: TestDatabase) async throws {
        try await withFixture(database) { store in
            _ = try await migrateAsServeDoes(store)
            let once = try await Self.snapshot(store)
            let applied = try await migrateAsServeDoes(store)
            #expect(applied == [])
            let twice = try await Self.snapshot(store)
            #expect(twice.migrations == once.migrations)
            Self.expectSame(once, twice)
        }
    }

    /// Every table still there with the same rows, and the same schema;
    /// besides the tables `added`, which must be new and empty, and the
    /// schema of the tables `altered` (a column added; the rows still compared,
    /// each allowed the added columns' values after its own),
    /// and the tables `dropped`, which must have been empty and are gone.
    static func expectSame(
        _ before: Snapshot, _ after: Snapshot, besides: Set<String> = [], added: Set<String> = [], altered: Set<String> = [],
        dropped: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let kept = before.tables.keys.filter { !dropped.contains($0) }
        #expect(after.tables.keys.sorted() == (kept + added).sorted(), "tables appeared or went", sourceLocation: sourceLocation)
        for table in dropped.sorted() {
            #expect(before.tables[table] == [] && after.tables[table] == nil, "\(table) was not empty, or is still there", sourceLocation: sourceLocation)
        }
        // An empty SQLite full-text index still keeps its settings and structure rows.
        for table in added.subtracting(fullTextInternals).sorted() {
            #expect(before.tables[table] == nil && after.tables[table] == [], "\(table) is not new and empty", sourceLocation: sourceLocation)
        }
        for (table, rows) in before.tables.sorted(by: { $0.key < $1.key }) where !besides.contains(table) && !dropped.contains(table) {
            let now = after.tables[table] ?? []
            #expect(now.count == rows.count, "\(table): \(rows.count) rows before migrating, \(now.count) after", sourceLocation: sourceLocation)
            // An altered table's rows may gain the added columns' values at their end (a default), nothing else.
            let kept = altered.contains(table) && now.count == rows.count
                ? zip(rows, now).map { old, new in
                    // SQLite's rows read `'a'|'b'`, PostgreSQL's `(a,b)`.
                    new.hasPrefix(old + "|") || (old.hasSuffix(")") && new.hasPrefix(old.dropLast() + ",")) ? old : new
                } : now
            if kept != rows {
                Issue.record("\(table): rows changed; \(firstDifference(rows, kept))", sourceLocation: sourceLocation)
            }
        }
        // The added tables' own columns, indexes and constraints are what the
        // schema may gain; nothing of the tables that were there may change.
        // Tables named in `besides` are checked by the caller (schema_migrations
        // gained its checksum column with issue 15).
        let changing = added.union(altered).union(besides)
        let gained = Set(after.schema).subtracting(before.schema).filter { item in !changing.contains { item.contains($0) } }
        let removed = Set(before.schema).subtracting(after.schema).filter { item in !altered.union(besides).union(dropped).contains { item.contains($0) } }
        #expect(gained.isEmpty, "schema gained \(gained.sorted())", sourceLocation: sourceLocation)
        #expect(removed.isEmpty, "schema lost \(removed.sorted())", sourceLocation: sourceLocation)
        #expect(after.auditChain.last == before.auditChain.last, "the audit chain's head moved", sourceLocation: sourceLocation)
    }

    /// The first row that differs in two sorted row lists, for the failure message.
    static func firstDifference(_ before: [String], _ after: [String]) -> String {
        for (old, new) in zip(before, after) where old != new { return "before \(old), after \(new)" }
        return before.count > after.count ? "gone: \(before[after.count])" : "added: \(after[before.count])"
    }

    /// The repositories still read the old rows: values the demo seeds, and
    /// every audit entry hashing to the hash stored when it was written.
    static func expectTheAppReadsIt(_ store: Store, auditChain: [String]) async throws {
        let city = vinnytsia
        let petitions = try await store.read { try await $0.petitions.petitions(in: city, states: PetitionState.allCases, limit: 100) }
        #expect(petitions.first { $0.number == 1 }?.petition.title == "Зберегти сквер на вулиці Пирогова від забудови")
        // The full-text index (an FTS5 table on SQLite) came through too.
        let found = try await store.read {
            try await $0.petitions.petitions(in: city, states: PetitionState.allCases, search: PetitionSearch("сквер Пирогова"))
        }
        #expect(found.contains { $0.number == 1 })

        let lot = try await store.read { try await $0.auctions.lots(in: city) }.first { $0.number == 1 }
        #expect(lot?.lot.title == "Нежитлове приміщення на першому поверсі, вул. Соборна, 64")
        #expect(lot?.lot.value == Money(kopiyky: 1_840_000))

        let editions = try await store.read { try await $0.budgets.editions(in: city) }
        #expect(editions.count == 3)
        let edition = try #require(editions.first { $0.title.en == "Civic Initiatives Budget 2025" })
        let project = try await store.read { try await $0.budgets.projects(of: edition.id, in: city) }.first { $0.number == 1 }
        #expect(project?.title == "Сучасний спортивний майданчик на Вишеньці")
        #expect(project?.cost == Money(kopiyky: 93_120_000))

        // The fixture has no sealed blocks yet: every entry is unsealed.
        let entries = try await store.read { try await $0.audit.unsealed(limit: 1000) }
        #expect(!auditChain.isEmpty)
        #expect(entries.map(\.contentHash) == auditChain, "audit entries no longer hash to what was stored")
    }

    // MARK: Loading a fixture

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/Upgrade")

    /// Runs `body` on a fresh database (its own file, or its own schema on
    /// the shared server, as every test's) holding the dialect's fixture.
    static func withFixture(_ database: TestDatabase, _ body: @Sendable (Store) async throws -> Void) async throws {
        let (location, cleanup) = try await database.makeLocation()
        do {
            let loader = try await Store.open(location, logger: TestDatabase.logger)
            try await loader.withClosing {
                try await Self.load(Self.fixtures.appendingPathComponent("\(database.rawValue).sql"), into: loader)
            }
            // Opened anew, as `serve` would open a restored database: the
            // SQLite dump writes the FTS table's row into sqlite_schema
            // directly, which connections opened before do not see.
            let store = try await Store.open(location, logger: TestDatabase.logger)
            try await store.withClosing { try await body(store) }
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    struct LoadFailure: Error, CustomStringConvertible {
        let statement: String
        let error: any Error
        var description: String { "loading the fixture failed at \(statement.prefix(300)): \(error)" }
    }

    /// Runs the dump's statements in one transaction.
    static func load(_ file: URL, into store: Store) async throws {
        let dump = statements(in: try String(contentsOf: file, encoding: .utf8))
        let dialect = store.dialect
        try await store.backend.write { db in
            if dialect == .sqlite {
                // The dump's `PRAGMA foreign_keys=OFF` does nothing inside a
                // transaction, and every write is one: check at commit instead,
                // since the dump inserts tables in creation order, not parents first.
                try await db.raw("PRAGMA defer_foreign_keys = ON").run()
            }
            for statement in dump where !Self.isTransactionControl(statement) {
                do {
                    try await db.raw(SQLQueryString(statement)).run()
                } catch {
                    throw LoadFailure(statement: statement, error: error)
                }
            }
        }
    }

    /// sqlite3's `.dump` wraps itself in BEGIN TRANSACTION … COMMIT; the
    /// store's write is the transaction here.
    static func isTransactionControl(_ statement: String) -> Bool {
        ["BEGIN TRANSACTION;", "BEGIN;", "COMMIT;"].contains(statement.uppercased())
    }

    /// The statements of a dump, in order: each ends at a `;` outside quotes
    /// ('…', "…", $tag$…$tag$) and comments, except that a CREATE TRIGGER
    /// runs on to the `END;` closing its body. Neither driver runs more than
    /// one statement per call. Text values may span lines (pg_dump writes
    /// them as they are), so this reads characters, not lines. Comments and
    /// blank space between statements are dropped.
    static func statements(in dump: String) -> [String] {
        let bytes = Array(dump.utf8)
        let count = bytes.count
        var statements: [String] = []
        var start: Int?
        var index = 0
        func at(_ offset: Int) -> UInt8? { index + offset < count ? bytes[index + offset] : nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isLetter(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "_") || (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        func isWord(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-"), at(1) == UInt8(ascii: "-") {
                while index < count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            }
            if byte == UInt8(ascii: "/"), at(1) == UInt8(ascii: "*") {
                index += 2
                while index < count, !(bytes[index] == UInt8(ascii: "*") && at(1) == UInt8(ascii: "/")) { index += 1 }
                index += 2
                continue
            }
            guard let first = start else {
                let isSpace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
                if !isSpace { start = index } else { index += 1 }
                continue
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // A doubled quote inside is the quote itself: closing and reopening reads alike.
                index += 1
                while index < count, bytes[index] != byte { index += 1 }
                index += 1
            case UInt8(ascii: "$") where index == 0 || !isWord(bytes[index - 1]):
                // $$ or $tag$ (a tag does not start with a digit: $1 is a parameter).
                var end = index + 1
                if end < count, isLetter(bytes[end]) {
                    while end < count, isWord(bytes[end]) { end += 1 }
                }
                guard end < count, bytes[end] == UInt8(ascii: "$") else {
                    index += 1
                    continue
                }
                let tag = bytes[index...end]
                index = end + 1
                while index < count, !bytes[index...].starts(with: tag) { index += 1 }
                index += tag.count
            case UInt8(ascii: ";"):
                index += 1
                let text = String(decoding: bytes[first..<index], as: UTF8.self)
                if isInsideTrigger(text) { continue }
                statements.append(text)
                start = nil
            default:
                index += 1
            }
        }
        if let start {
            let rest = String(decoding: bytes[start...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !rest.isEmpty { statements.append(rest) }
        }
        return statements
    }

    /// A CREATE TRIGGER whose body has not reached its END yet.
    static func isInsideTrigger(_ text: String) -> Bool {
        let upper = text.uppercased()
        guard upper.hasPrefix("CREATE TRIGGER") || upper.hasPrefix("CREATE TEMP TRIGGER") else { return false }
        let body = upper.dropLast().trimmingCharacters(in: .whitespacesAndNewlines)
        return !(body.hasSuffix(" END") || body.hasSuffix("\nEND") || body.hasSuffix("\tEND"))
    }

    // MARK: Snapshots

    struct AppliedMigration: Equatable, Sendable {
        let version: String
        let name: String
        let appliedAt: Int64
    }

    /// Everything an upgrade must leave alone.
    struct Snapshot: Equatable, Sendable {
        var migrations: [AppliedMigration]
        /// Tables, columns, indexes, constraints and triggers, one a line,
        /// without the schema's name (each test has a schema of its own).
        var schema: [String]
        /// Every table's rows as text (each column quoted), sorted.
        var tables: [String: [String]]
        /// Audit entries' stored content hashes in chain order; the last is the head.
        var auditChain: [String]
    }

    static func snapshot(_ store: Store) async throws -> Snapshot {
        let dialect = store.dialect
        return try await store.backend.read { db in
            let migrations = try await db.raw("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").all().map {
                AppliedMigration(
                    version: try $0.decode(column: "version", as: String.self), name: try $0.decode(column: "name", as: String.self),
                    appliedAt: try $0.decode(column: "applied_at", as: Int64.self))
            }
            let schemaQuery: SQLQueryString
            let tablesQuery: SQLQueryString
            switch dialect {
            case .sqlite:
                schemaQuery = "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') AS item FROM sqlite_schema"
                tablesQuery = "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
            case .postgres:
                schemaQuery = """
                    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '') AS item
                    FROM information_schema.columns WHERE table_schema = current_schema()
                    UNION ALL SELECT 'index ' || indexname || ' ' || replace(indexdef, current_schema() || '.', '') FROM pg_indexes WHERE schemaname = current_schema()
                    UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                    FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
                    UNION ALL SELECT 'trigger ' || tgrelid::regclass::text || ' ' || tgname FROM pg_trigger
                    WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace)
                    """
                tablesQuery = """
                    SELECT table_name AS name FROM information_schema.tables
                    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
                    """
            }
            let schema = try await db.raw(schemaQuery).all().map { try $0.decode(column: "item", as: String.self) }.sorted()
            var tables: [String: [String]] = [:]
            for name in try await db.raw(tablesQuery).all().map({ try $0.decode(column: "name", as: String.self) }) {
                tables[name] = try await Self.rows(of: name, in: db, dialect: dialect)
            }
            let auditChain = try await db.raw("SELECT content_hash FROM audit_entries ORDER BY seq").all().map {
                try $0.decode(column: "content_hash", as: String.self)
            }
            return Snapshot(migrations: migrations, schema: schema, tables: tables, auditChain: auditChain)
        }
    }

    /// A table's rows as text, sorted: compared whole, they show any value
    /// a migration changed, not only rows gone or added.
    static func rows(of table: String, in db: any SQLDatabase, dialect: DatabaseDialect) async throws -> [String] {
        let query: SQLQueryString
        switch dialect {
        case .sqlite:
            let columns = try await db.raw("SELECT name FROM pragma_table_info(\(bind: table))").all().map {
                try $0.decode(column: "name", as: String.self)
            }
            // quote() renders any value, blobs included, as SQL text.
            let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            query = "SELECT \(unsafeRaw: row) AS row FROM \(ident: table)"
        case .postgres:
            query = "SELECT t::text AS row FROM \(ident: table) AS t"
        }
        return try await db.raw(query).all().map { try $0.decode(column: "row", as: String.self) }.sorted()
    }
}
