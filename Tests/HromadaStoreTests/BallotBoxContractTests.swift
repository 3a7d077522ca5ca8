import Foundation
import HromadaDomain
import HromadaTestSupport
import SQLKit
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// The ballot box and the paper clerks' counters (migration 0010), on both databases.
@Suite struct BallotBoxContractTests {
    let fixture = BudgetContractTests()

    func sealed(_ n: Int) -> BudgetRepository.SealedBallot {
        .init(id: RandomToken.base32(byteCount: 16), sealed: "sealed-\(n)")
    }

    @Test(arguments: TestDatabase.available)
    func sealedBallotsWaitInTheBoxOfTheirEditionAndLeaveItOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (edition, _) = try await fixture.seeded(store)
            let other = fixture.edition(in: fixture.vinnytsia)
            try await store.write { try await $0.budgets.insert(other, at: t0) }
            let ballots = (0..<5).map(sealed)
            try await store.write { tx in
                for ballot in ballots { try await tx.budgets.insertSealed(ballot, in: edition.id) }
                try await tx.budgets.insertSealed(sealed(99), in: other.id)
            }
            #expect(try await store.read { try await $0.budgets.sealedBallots(of: edition.id) } == ballots.sorted { $0.id < $1.id })
            #expect(try await store.read { try await $0.budgets.sealedBallotCount(in: edition.id) } == 5)
            let counts = try await store.read { try await $0.budgets.sealedBallotCounts() }
            #expect(Dictionary(uniqueKeysWithValues: counts.map { ($0.edition, $0.count) }) == [edition.id: 5, other.id: 1])
            let taken = ballots.prefix(3).map(\.id)
            #expect(try await store.write { try await $0.budgets.removeSealed(Array(taken), from: edition.id) } == 3)
            // A second mixer reaching for the same ballots finds them gone.
            #expect(try await store.write { try await $0.budgets.removeSealed(Array(taken), from: edition.id) } == 0)
            // Another edition's ballot is not this edition's to take.
            #expect(try await store.write { try await $0.budgets.removeSealed(try await $0.budgets.sealedBallots(of: other.id).map(\.id), from: edition.id) } == 0)
            #expect(try await store.read { try await $0.budgets.sealedBallotCount(in: edition.id) } == 2)
            #expect(try await store.read { try await $0.budgets.sealedBallotCount(in: other.id) } == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func mixedBallotsAreStoredAuditedOnTheirPoolsDayInTheOrderGiven(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (edition, projects) = try await fixture.seeded(store, projects: 2)
            let pool = (0..<12).map { _ in fixture.ballot(edition, [projects[Int.random(in: 0...1)]]) }
            let poolDay = fixture.poolDay
            try await store.write { try await $0.budgets.insertMixed(pool, storedOn: poolDay) }
            let days = try await store.read { tx in
                try await tx.db.raw("SELECT DISTINCT day FROM budget_ballots").all().map { try $0.decode(column: "day", as: String.self) }
            }
            #expect(days == [poolDay.description])
            #expect(try await store.read { try await $0.budgets.ballotCount(in: edition.id) } == 12)
            #expect(try await store.read { try await $0.budgets.unauditedBallotCounts() }.isEmpty)
            #expect(try await store.read { try await $0.budgets.ballot(receipt: pool[4].receipt, in: edition.id) } == pool[4])
            if database == .postgres {
                // The heap keeps the order the pool was inserted in: the mixer's shuffle.
                let order = try await store.read { tx in
                    try await tx.db.raw("SELECT id FROM budget_ballots ORDER BY ctid").all().map { try $0.decode(column: "id", as: String.self) }
                }
                #expect(order == pool.map(\.id.rawValue))
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBallotSetStampChangesWithEveryCountedBallotAndSaysWhenAnyIsSealed(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (edition, projects) = try await fixture.seeded(store, projects: 2)
            func stamp() async throws -> BallotSetStamp? { try await store.read { try await $0.budgets.ballotSetStamp(of: edition.id) } }
            #expect(try await stamp() == BallotSetStamp(counted: 0, firstReceipt: nil, lastReceipt: nil, anySealed: false))
            try await store.write { try await $0.budgets.insertSealed(sealed(1), in: edition.id) }
            #expect(try await stamp()?.anySealed == true)
            let pool = (0..<4).map { _ in fixture.ballot(edition, [projects[0]]) }
            try await store.write { tx in
                _ = try await tx.budgets.removeSealed(try await tx.budgets.sealedBallots(of: edition.id).map(\.id), from: edition.id)
                try await tx.budgets.insertMixed(pool, storedOn: fixture.poolDay)
            }
            let receipts = pool.map(\.receipt).sorted()
            let four = BallotSetStamp(counted: 4, firstReceipt: receipts.first, lastReceipt: receipts.last, anySealed: false)
            #expect(try await stamp() == four)
            // Put back unchanged, they are the same ballots.
            try await store.write { try await $0.budgets.shelve(pool, storedOn: fixture.poolDay) }
            #expect(try await stamp() == four)
            try await store.write { try await $0.budgets.insert(fixture.ballot(edition, [projects[1]]), storedOn: fixture.poolDay) }
            #expect(try await stamp()?.counted == 5)
            // Another edition's ballots are not in it.
            let other = fixture.edition(in: fixture.vinnytsia)
            try await store.write { try await $0.budgets.insert(other, at: t0) }
            #expect(try await store.read { try await $0.budgets.ballotSetStamp(of: other.id) }?.counted == 0)
        }
    }

    /// Migration 0012: ballots stored before strata lost the day carried the
    /// day they were cast; they take the migration's day instead.
    @Test(arguments: TestDatabase.available)
    func ballotsStoredWithTheirCastDayLoseItToMigrationTwelve(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (edition, projects) = try await fixture.seeded(store)
            let castDay = fixture.castDay
            let old = (0..<3).map { _ in fixture.ballot(edition, projects) }
            try await store.write { tx in for ballot in old { try await tx.budgets.insert(ballot, storedOn: castDay) } }
            func utcDay() -> String {
                var utc = Calendar(identifier: .gregorian)
                utc.timeZone = TimeZone(identifier: "UTC") ?? .current
                let today = utc.dateComponents([.year, .month, .day], from: Date())
                return String(format: "%04d-%02d-%02d", today.year ?? 0, today.month ?? 0, today.day ?? 0)
            }
            let migration = try #require(try Migrator.migrations(for: store.dialect, modules: TestDatabase.migrations).first { $0.version == "0012" })
            let before = utcDay()
            try await store.write { tx in
                for statement in migration.statements { try await tx.db.raw(SQLQueryString(statement)).run() }
            }
            let after = utcDay()
            let days = try await store.read { tx in
                try await tx.db.raw("SELECT DISTINCT day FROM budget_ballots").all().map { try $0.decode(column: "day", as: String.self) }
            }
            #expect(days.count == 1)
            #expect(days.allSatisfy { $0 == before || $0 == after })
            #expect(!days.contains(castDay.description))
            #expect(try await store.read { try await $0.budgets.ballots(of: edition.id) }.sorted { $0.id.rawValue < $1.id.rawValue }
                == old.sorted { $0.id.rawValue < $1.id.rawValue })
        }
    }

    @Test(arguments: TestDatabase.available)
    func lockingTheBoxTakesALockThatHoldsVotesBack(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            _ = try await fixture.seeded(store)
            let mode = try await store.write { tx -> String? in
                try await tx.budgets.lockBallotBox()
                guard tx.dialect == .postgres else { return nil }
                return try await tx.db.raw("""
                    SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND relation = 'budget_ballot_box'::regclass
                    """).first()?.decode(column: "mode", as: String.self)
            }
            // SQLite's single writer holds every other write back already.
            #expect(mode == (database == .postgres ? "ShareRowExclusiveLock" : nil))
        }
    }

    @Test(arguments: TestDatabase.available)
    func eachClerkHasOneCounterPerEditionAndNothingElse(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (edition, _) = try await fixture.seeded(store)
            let clerks = try await insertAccounts(store, "clerk.one@example.com", "clerk.two@example.com")
            try await store.write { tx in
                for _ in 0..<3 { try await tx.budgets.countPaperEntry(by: clerks[1].id, in: edition.id) }
                try await tx.budgets.countPaperEntry(by: clerks[0].id, in: edition.id)
            }
            let counts = try await store.read { try await $0.budgets.clerkEntryCounts(in: edition.id) }
            #expect(counts.map(\.clerk) == [clerks[1].id, clerks[0].id])
            #expect(counts.map(\.entries) == [3, 1])
            // One row per clerk, with no voter, ballot or time beside the count.
            let rows = try await store.read { try await $0.db.raw("SELECT * FROM budget_paper_clerk_counts").all() }
            #expect(rows.count == 2)
            #expect(Set(rows.first?.allColumns ?? []) == ["edition_id", "clerk_id", "entries"])
        }
    }
}
