import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The ballot box, where sealed ballots wait for the mixer, and the paper
/// clerks' counters (migration 0010).
extension BudgetRepository {
    /// One ballot in the box: a random id and the sealed ballot (`BallotSeal`).
    public struct SealedBallot: Sendable, Equatable {
        public var id: String
        public var sealed: String

        public init(id: String, sealed: String) {
            self.id = id
            self.sealed = sealed
        }
    }

    /// Rows per statement, well under both databases' parameter limits.
    static let chunk = 500

    public func insertSealed(_ ballot: SealedBallot, in edition: BudgetEditionID) async throws {
        try await db.raw("""
            INSERT INTO budget_ballot_box (edition_id, id, sealed) VALUES (\(bind: edition.rawValue), \(bind: ballot.id), \(bind: ballot.sealed))
            """).run()
    }

    /// In id order, which is random.
    public func sealedBallots(of edition: BudgetEditionID) async throws -> [SealedBallot] {
        try await db.raw("SELECT id, sealed FROM budget_ballot_box WHERE edition_id = \(bind: edition.rawValue) ORDER BY id")
            .all().map { SealedBallot(id: try $0.string("id"), sealed: try $0.string("sealed")) }
    }

    /// Editions with ballots in the box, and how many each has.
    public func sealedBallotCounts() async throws -> [(edition: BudgetEditionID, count: Int64)] {
        try await db.raw("SELECT edition_id, COUNT(*) AS n FROM budget_ballot_box GROUP BY edition_id ORDER BY edition_id")
            .all().map { (BudgetEditionID(rawValue: try $0.string("edition_id")), try $0.int("n")) }
    }

    public func sealedBallotCount(in edition: BudgetEditionID) async throws -> Int64 {
        try await db.raw("SELECT COUNT(*) AS n FROM budget_ballot_box WHERE edition_id = \(bind: edition.rawValue)").first()?.int("n") ?? 0
    }

    /// Takes opened ballots out of the box; returns how many of them were still there.
    public func removeSealed(_ ids: [String], from edition: BudgetEditionID) async throws -> Int {
        var removed = 0
        for start in stride(from: 0, to: ids.count, by: Self.chunk) {
            let part = ids[start..<min(start + Self.chunk, ids.count)]
            removed += try await db.raw("""
                DELETE FROM budget_ballot_box WHERE edition_id = \(bind: edition.rawValue) AND id IN (\(binds: Array(part)))
                RETURNING id
                """).all().count
        }
        return removed
    }

    /// Puts a pool of opened ballots into `budget_ballots`, audited, in the
    /// order given (the mixer's shuffle): multi-row inserts, so on PostgreSQL
    /// the pool takes neighbouring places in that order and shares one
    /// transaction id, and its place says only which pool it came in. Each
    /// carries `day`, the Kyiv day the pool was opened, never the day it was cast.
    public func insertMixed(_ ballots: [AnonymousBallot], storedOn day: CalendarDate) async throws {
        try await insertMixed(rows: try ballots.map(MixedRow.init), storedOn: day)
    }

    /// A ballot as `insertMixed` stores it, its content already JSON: made
    /// before the write joins the single writer's queue (issue 25).
    public struct MixedRow: Sendable {
        let id: String
        let editionID: String
        let receipt: String
        let content: String
        let channel: String
        let ageGroup: String

        public init(_ ballot: AnonymousBallot) throws {
            id = ballot.id.rawValue
            editionID = ballot.editionID.rawValue
            receipt = ballot.receipt
            content = try JSONColumn.text(ballot.content)
            channel = ballot.channel.rawValue
            ageGroup = ballot.ageGroup.rawValue
        }
    }

    public func insertMixed(rows: [MixedRow], storedOn day: CalendarDate) async throws {
        let stored = day.description
        for start in stride(from: 0, to: rows.count, by: Self.chunk) {
            // Plain SQL rather than the insert builder: serialising the
            // builder's expression tree was most of a large pool's time.
            let values: [SQLQueryString] = rows[start..<min(start + Self.chunk, rows.count)].map { row in
                "(\(bind: row.id), \(bind: row.editionID), \(bind: row.receipt), \(bind: row.content), \(bind: row.channel), \(bind: row.ageGroup), \(bind: stored), 1)"
            }
            let statement: SQLQueryString = """
                INSERT INTO budget_ballots (id, edition_id, receipt, content, channel, age_group, day, audited) VALUES \(values.joined(separator: ", "))
                """
            try await db.raw(statement).run()
        }
    }

    /// Holds every vote's ballot out of the box until this transaction ends,
    /// while the mixer takes a stratum's last pool or results are published.
    /// On PostgreSQL the lock first waits for the votes in flight, which the
    /// pool then includes; votes held back see the stratum closed when they
    /// go on, and are refused. SQLite's single writer does this by itself.
    /// The mode conflicts with itself, so two such transactions take turns.
    public func lockBallotBox() async throws {
        guard dialect == .postgres else { return }
        try await db.raw("LOCK TABLE budget_ballot_box IN SHARE ROW EXCLUSIVE MODE").run()
    }

    // MARK: Paper clerks

    /// One more paper ballot typed by this clerk in this edition.
    public func countPaperEntry(by clerk: AccountID, in edition: BudgetEditionID) async throws {
        try await db.raw("""
            INSERT INTO budget_paper_clerk_counts (edition_id, clerk_id, entries) VALUES (\(bind: edition.rawValue), \(bind: clerk.rawValue), 1)
            ON CONFLICT (edition_id, clerk_id) DO UPDATE SET entries = budget_paper_clerk_counts.entries + 1
            """).run()
    }

    /// Each clerk's count, most first.
    public func clerkEntryCounts(in edition: BudgetEditionID) async throws -> [(clerk: AccountID, entries: Int64)] {
        try await db.raw("""
            SELECT clerk_id, entries FROM budget_paper_clerk_counts WHERE edition_id = \(bind: edition.rawValue) ORDER BY entries DESC, clerk_id
            """).all().map { (AccountID(rawValue: try $0.string("clerk_id")), try $0.int("entries")) }
    }
}
