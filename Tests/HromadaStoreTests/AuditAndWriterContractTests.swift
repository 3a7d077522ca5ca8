import Crypto
import Foundation
import HromadaDomain
import HromadaTestSupport
import SQLKit
import SQLiteKit
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct AuditContractTests {
    let key = Curve25519.Signing.PrivateKey()

    func append(_ store: Store, _ count: Int) async throws {
        try await store.write { tx in
            for i in 0..<count {
                try await tx.audit.append(AuditEntry(municipalityID: .init(rawValue: "vinnytsia"), actor: "p-\(i)", action: "test.action", subject: "s", occurredAt: t0))
            }
        }
    }

    func sealer(_ store: Store) -> AuditSealer {
        AuditSealer(store: store, key: key, clock: ManualClock(t0), logger: TestDatabase.logger, maximumEntries: 4)
    }

    @Test(arguments: TestDatabase.available)
    func theUnsealedBacklogCountsWhatWaitsAndDatesTheOldest(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            #expect(try await store.read { try await $0.audit.unsealedBacklog() } == (0, nil))
            try await append(store, 3)
            try await store.write {
                try await $0.audit.append(AuditEntry(
                    municipalityID: nil, actor: "p", action: "test.action", subject: "s", occurredAt: t0.addingTimeInterval(120)))
            }
            #expect(try await store.read { try await $0.audit.unsealedBacklog() } == (4, t0))
            _ = try await sealer(store).sealPending()
            #expect(try await store.read { try await $0.audit.unsealedBacklog() } == (0, nil))
        }
    }

    @Test(arguments: TestDatabase.available)
    func sealedChainVerifiesAndCoversEveryEntry(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await append(store, 10)
            let blocks = try await sealer(store).sealPending()
            #expect(blocks.map(\.height) == [1, 2, 3])
            try await append(store, 1)
            _ = try await sealer(store).sealPending()
            let report = try await AuditChainCheck(store: store, publicKey: key.publicKey).run().get()
            #expect(report.blocks == 4)
            #expect(report.entries == 11)
            #expect(report.unsealed == 0)
        }
    }

    /// Many entries in multi-row statements: in order, hashed as one at a
    /// time would be, and the chain over them verifies (issue 25).
    @Test(arguments: TestDatabase.available)
    func entriesAppendedTogetherKeepTheirOrderAndTheirHashes(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let entries = (0..<901).map { i in
                AuditEntry(municipalityID: i % 2 == 0 ? .init(rawValue: "vinnytsia") : nil, actor: "p-\(i)", action: "test.action",
                           subject: "s-\(i)", details: #"{"n":"\#(i)"}"#, occurredAt: t0.addingTimeInterval(Double(i)))
            }
            try await store.write { try await $0.audit.append(contentsOf: entries.map(HashedAuditEntry.init)) }
            let stored = try await store.read { try await $0.audit.unsealed(limit: 2_000) }
            #expect(stored == entries)
            let hashes = try await store.read { tx in
                try await tx.db.raw("SELECT content_hash FROM audit_entries ORDER BY seq").all().map { try $0.decode(column: "content_hash", as: String.self) }
            }
            #expect(hashes == entries.map(\.contentHash))
            _ = try await sealer(store).sealPending()
            #expect(try await AuditChainCheck(store: store, publicKey: key.publicKey).run().get().entries == 901)
        }
    }

    @Test(arguments: TestDatabase.available)
    func recentEntriesLeaveOutTheActionsWithheld(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await store.write { tx in
                for action in ["auction.bid_entered", "petition.signed", "auction.payment_recorded", "petition.signed"] {
                    try await tx.audit.append(AuditEntry(municipalityID: .init(rawValue: "vinnytsia"), actor: "p", action: action, subject: "s", occurredAt: t0))
                }
            }
            let all = try await store.read { try await $0.audit.recentEntries(in: nil, limit: 10) }
            #expect(all.count == 4)
            let shown = try await store.read {
                try await $0.audit.recentEntries(in: .init(rawValue: "vinnytsia"), limit: 10, excluding: ["auction.bid_entered", "auction.payment_recorded"])
            }
            #expect(shown.map(\.action) == ["petition.signed", "petition.signed"])
            let everywhere = try await store.read { try await $0.audit.recentEntries(in: nil, limit: 10, excluding: ["petition.signed"]) }
            #expect(everywhere.count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func tamperingWithAStoredEntryBreaksVerification(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await append(store, 3)
            _ = try await sealer(store).sealPending()
            try await store.write { try await $0.db.raw("UPDATE audit_entries SET action = 'vote.deleted' WHERE actor = 'p-1'").run() }
            let result = try await AuditChainCheck(store: store, publicKey: key.publicKey).run()
            guard case .failure(.entryAltered(_, let height)) = result else {
                Issue.record("expected entryAltered, got \(result)")
                return
            }
            #expect(height == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func tamperingWithAStoredBlockBreaksVerification(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await append(store, 8)
            _ = try await sealer(store).sealPending()
            try await store.write { try await $0.db.raw("UPDATE audit_blocks SET sealed_at = sealed_at + 1 WHERE height = 1").run() }
            let result = try await AuditChainCheck(store: store, publicKey: key.publicKey).run()
            #expect(result == .failure(.blockHashMismatch(height: 1)))
        }
    }

    @Test(arguments: TestDatabase.available)
    func deletingASealedEntryBreaksVerification(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await append(store, 3)
            _ = try await sealer(store).sealPending()
            try await store.write { try await $0.db.raw("DELETE FROM audit_entries WHERE actor = 'p-2'").run() }
            let result = try await AuditChainCheck(store: store, publicKey: key.publicKey).run()
            guard case .failure(.entryMissing(let height, _)) = result else {
                Issue.record("expected entryMissing, got \(result)")
                return
            }
            #expect(height == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func concurrentSealersNeverForkTheChain(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await append(store, 40)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try await sealer(store).sealPending() } }
                try await group.waitForAll()
            }
            let report = try await AuditChainCheck(store: store, publicKey: key.publicKey).run().get()
            #expect(report.entries == 40)
            #expect(report.unsealed == 0)
        }
    }
}

@Suite struct WriterContractTests {
    @Test(arguments: TestDatabase.available)
    func concurrentWritesAllCommitWithoutLockErrors(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<300 {
                    group.addTask { try await store.write { try await $0.platformSettings.set("key-\(i)", "\(i)") } }
                }
                try await group.waitForAll()
            }
            let count = try await store.read { try await $0.db.raw("SELECT COUNT(*) AS n FROM platform_settings").first()?.decode(column: "n", as: Int.self) }
            #expect(count == 300)
        }
    }

    @Test(arguments: TestDatabase.available)
    func failingWriteRollsBackOnlyItselfNotItsBatch(_ database: TestDatabase) async throws {
        struct Refused: Error {}
        try await database.withStore { store in
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        do {
                            try await store.write { tx in
                                try await tx.platformSettings.set("k-\(i)", "v")
                                if i % 5 == 0 { throw Refused() }
                            }
                            return true
                        } catch is Refused {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 40)
            let count = try await store.read { try await $0.db.raw("SELECT COUNT(*) AS n FROM platform_settings").first()?.decode(column: "n", as: Int.self) }
            #expect(count == 40)
        }
    }

    @Test func acknowledgedWriteIsOnDiskForANewConnection() async throws {
        let (location, cleanup) = try await TestDatabase.sqlite.makeLocation()
        let store = try await Store.open(location, logger: TestDatabase.logger)
        try await Migrator(backend: store.backend, logger: TestDatabase.logger, modules: TestDatabase.migrations).migrate()
        try await store.write { try await $0.platformSettings.set("durable", "yes") }
        await store.backend.shutdown()
        let reopened = try await Store.open(location, logger: TestDatabase.logger)
        #expect(try await reopened.read { try await $0.platformSettings.value("durable") } == "yes")
        let mode = try await reopened.read { try await $0.db.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self) }
        #expect(mode == "wal")
        await reopened.backend.shutdown()
        await cleanup()
    }
}

@Suite struct SQLiteBindTests {
    /// The fast path binds every plain value exactly as SQLiteKit's encoder would.
    @Test func plainValuesBindAsSQLiteKitWouldBindThem() throws {
        let values: [any Encodable & Sendable] = [
            "Вінниця", "", Int64(-42), 7, true, false, 2.5, Optional<String>.none, Optional<Int64>.some(3), Optional<String>.some("x"),
            Data([0, 1, 255]),
        ]
        for value in values {
            #expect(try SQLiteHandleDatabase.data(value) == SQLiteDataEncoder().encode(value), "\(value)")
        }
    }

    /// A statement whose plan SQLite ties to a bound value (a budget's
    /// projects, as the vote reads them) is prepared once, not once per run,
    /// while its values stay the same; a new value is planned for afresh.
    @Test func aStatementRunAgainWithTheSameValuesIsNotPreparedAgain() throws {
        let handle = try SQLiteHandle.open(path: ":memory:")
        defer { handle.close() }
        try handle.execute("""
            CREATE TABLE projects (id TEXT PRIMARY KEY, city TEXT NOT NULL, edition TEXT NOT NULL, number INTEGER NOT NULL,
                                   status TEXT NOT NULL, definition TEXT NOT NULL, UNIQUE (edition, number))
            """, []) { _ in }
        try handle.execute("CREATE INDEX projects_by_status ON projects (edition, status)", []) { _ in }
        for number in 1...3 {
            try handle.execute("INSERT INTO projects VALUES (?1, 'vinnytsia', 'e1', ?2, 'feasible', ?3)",
                               [.text("p\(number)"), .integer(number), .text("{}")]) { _ in }
        }
        let sql = "SELECT id FROM projects WHERE edition = ?1 AND city = ?2 ORDER BY number"
        func ids(_ edition: String) throws -> [String] {
            var found: [String] = []
            try handle.execute(sql, [.text(edition), .text("vinnytsia")]) { row in found.append(try row.decode(column: "id", as: String.self)) }
            return found
        }
        for _ in 1...5 { #expect(try ids("e1") == ["p1", "p2", "p3"]) }
        #expect(handle.repreparations(of: sql) == 0)
        #expect(try ids("e2") == [])
        #expect(try ids("e1") == ["p1", "p2", "p3"])
        #expect((handle.repreparations(of: sql) ?? 0) <= 2)
    }

    /// Values left bound from an earlier run are compared byte for byte:
    /// two spellings of "é" that Swift's `==` holds equal are stored as given.
    @Test func eachRunBindsTheBytesItWasGiven() throws {
        let handle = try SQLiteHandle.open(path: ":memory:")
        defer { handle.close() }
        try handle.execute("CREATE TABLE names (name TEXT NOT NULL)", []) { _ in }
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        for name in [composed, decomposed, composed] {
            try handle.execute("INSERT INTO names (name) VALUES (?1)", [.text(name)]) { _ in }
        }
        var stored: [String] = []
        try handle.execute("SELECT hex(name) AS bytes FROM names ORDER BY rowid", []) { row in stored.append(try row.decode(column: "bytes", as: String.self)) }
        #expect(stored == ["636166C3A9", "63616665CC81", "636166C3A9"])
    }

    /// A run that gives fewer values than the statement has parameters
    /// leaves the rest NULL, whatever an earlier run bound to them.
    @Test func parametersARunDoesNotGiveAreNull() throws {
        let handle = try SQLiteHandle.open(path: ":memory:")
        defer { handle.close() }
        func pair(_ binds: [SQLiteData]) throws -> [String] {
            var found: [String] = []
            try handle.execute("SELECT quote(?1) AS a, quote(?2) AS b", binds) { row in
                found = [try row.decode(column: "a", as: String.self), try row.decode(column: "b", as: String.self)]
            }
            return found
        }
        #expect(try pair([.integer(1), .text("x")]) == ["1", "'x'"])
        #expect(try pair([.integer(2)]) == ["2", "NULL"])
        #expect(try pair([.float(2.5), .null]) == ["2.5", "NULL"])
        #expect(try pair([.float(3.5), .blob(ByteBuffer(bytes: [0xAB]))]) == ["3.5", "X'AB'"])
    }
}
