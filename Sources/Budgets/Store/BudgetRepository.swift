import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// Editions, projects and the secret ballot of the participatory budget.
/// Definitions are stored as JSON documents: they are read and written whole,
/// and the domain decides every change to them.
public struct BudgetRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect
    /// Its things' places in the city's search, written with the things.
    var searchIndex: SearchIndexRepository { .init(db: db, dialect: dialect) }

    private static let editionDocuments = KeptValues<BudgetEdition>(capacity: 512)
    private static let projectDocuments = KeptValues<BudgetProject>(capacity: 4096)

    static func edition(from text: String) throws -> BudgetEdition {
        try editionDocuments.value(of: text) { try JSONColumn.value(BudgetEdition.self, $0) }
    }

    static func project(from text: String) throws -> BudgetProject {
        try projectDocuments.value(of: text) { try JSONColumn.value(BudgetProject.self, $0) }
    }

    // MARK: Editions

    public func insert(_ edition: BudgetEdition, at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO budget_editions (id, municipality_id, definition, created_at)
            VALUES (\(bind: edition.id.rawValue), \(bind: edition.municipalityID.rawValue), \(bind: try JSONColumn.text(edition)),
                    \(bind: instant.epochSeconds))
            """).run()
    }

    public func update(_ edition: BudgetEdition) async throws {
        try await db.raw("""
            UPDATE budget_editions SET definition = \(bind: try JSONColumn.text(edition))
            WHERE id = \(bind: edition.id.rawValue) AND municipality_id = \(bind: edition.municipalityID.rawValue)
            """).run()
        // Its projects' results name it; unchanged ones are not written again.
        for project in try await projects(of: edition.id, in: edition.municipalityID) {
            try await searchIndex.put(
                project.searchDocument(edition: edition.title), as: BudgetProject.searchKind, id: project.id.rawValue, in: edition.municipalityID)
        }
    }

    /// Whether the stored edition is still `read`, what the caller decided
    /// from. On PostgreSQL the row stays locked until the transaction ends
    /// (`forUpdate`: against every other writer; else only against changes),
    /// so nothing changes it before this transaction's own writes; SQLite has
    /// one writer. Compares decoded values, so a row an older release wrote
    /// compares equal to what it decodes to.
    public func isStill(_ read: BudgetEdition, forUpdate: Bool = false) async throws -> Bool {
        let locking = dialect.rowLock(forUpdate ? "FOR UPDATE" : "FOR SHARE")
        return try await db.raw("""
            SELECT definition FROM budget_editions
            WHERE id = \(bind: read.id.rawValue) AND municipality_id = \(bind: read.municipalityID.rawValue) \(unsafeRaw: locking)
            """).first().map { try Self.edition(from: try $0.string("definition")) } == read
    }

    /// Stores `edition` only if the stored one is still `read`; false, and nothing written, otherwise.
    public func update(_ edition: BudgetEdition, ifStill read: BudgetEdition) async throws -> Bool {
        guard try await isStill(read, forUpdate: true) else { return false }
        try await update(edition)
        return true
    }

    public func edition(_ id: BudgetEditionID, in municipality: MunicipalityID) async throws -> BudgetEdition? {
        try await db.raw("""
            SELECT definition FROM budget_editions
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            """).first().map { try Self.edition(from: try $0.string("definition")) }
    }

    /// For system jobs that span cities (the ballot audit mixer).
    public func edition(_ id: BudgetEditionID) async throws -> BudgetEdition? {
        try await db.raw("SELECT definition FROM budget_editions WHERE id = \(bind: id.rawValue)")
            .first().map { try Self.edition(from: try $0.string("definition")) }
    }

    /// Newest first.
    public func editions(in municipality: MunicipalityID) async throws -> [BudgetEdition] {
        try await db.raw("""
            SELECT definition FROM budget_editions WHERE municipality_id = \(bind: municipality.rawValue)
            ORDER BY created_at DESC, id
            """).all().map { try Self.edition(from: try $0.string("definition")) }
    }

    // MARK: Projects

    /// The project's place in the city's search, with its edition's title.
    private func indexForSearch(_ project: BudgetProject, in municipality: MunicipalityID) async throws {
        let edition = try await edition(project.editionID, in: municipality)
        try await searchIndex.put(project.searchDocument(edition: edition?.title), as: BudgetProject.searchKind, id: project.id.rawValue, in: municipality)
    }

    public func insert(_ project: BudgetProject, in municipality: MunicipalityID) async throws {
        try await db.raw("""
            INSERT INTO budget_projects (id, municipality_id, edition_id, number, category_id, status, author_id, definition, submitted_at)
            VALUES (\(bind: project.id.rawValue), \(bind: municipality.rawValue), \(bind: project.editionID.rawValue),
                    \(bind: project.number), \(bind: project.categoryID.rawValue), \(bind: project.status.rawValue),
                    \(bind: project.authorID.rawValue), \(bind: try JSONColumn.text(project)), \(bind: project.submittedAt.epochSeconds))
            """).run()
        try await indexForSearch(project, in: municipality)
    }

    public func update(_ project: BudgetProject, in municipality: MunicipalityID) async throws {
        try await db.raw("""
            UPDATE budget_projects SET status = \(bind: project.status.rawValue), category_id = \(bind: project.categoryID.rawValue),
                definition = \(bind: try JSONColumn.text(project))
            WHERE id = \(bind: project.id.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            """).run()
        try await indexForSearch(project, in: municipality)
    }

    /// Stores `project` only if the stored one is still `read` (locked as `isStill` locks an edition).
    public func update(_ project: BudgetProject, in municipality: MunicipalityID, ifStill read: BudgetProject) async throws -> Bool {
        let locking = dialect.rowLock("FOR UPDATE")
        let current = try await db.raw("""
            SELECT definition FROM budget_projects
            WHERE id = \(bind: read.id.rawValue) AND municipality_id = \(bind: municipality.rawValue) \(unsafeRaw: locking)
            """).first().map { try Self.project(from: try $0.string("definition")) }
        guard current == read else { return false }
        try await update(project, in: municipality)
        return true
    }

    public func project(_ id: BudgetProjectID, in municipality: MunicipalityID) async throws -> BudgetProject? {
        try await db.raw("""
            SELECT definition FROM budget_projects WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            """).first().map { try Self.project(from: try $0.string("definition")) }
    }

    /// By number, the order of the paper ballot.
    public func projects(of edition: BudgetEditionID, in municipality: MunicipalityID) async throws -> [BudgetProject] {
        try await db.raw("""
            SELECT definition FROM budget_projects
            WHERE edition_id = \(bind: edition.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            ORDER BY number
            """).all().map { try Self.project(from: try $0.string("definition")) }
    }

    // MARK: Co-authors

    /// In the order they were named.
    public func coauthors(of project: BudgetProjectID, in municipality: MunicipalityID) async throws -> [AccountID] {
        try await db.raw("""
            SELECT account_id FROM budget_coauthors
            WHERE project_id = \(bind: project.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            ORDER BY added_at, account_id
            """).all().map { AccountID(rawValue: try $0.string("account_id")) }
    }

    /// Every project's co-authors in an edition, for pages that list them all.
    public func coauthors(inEdition edition: BudgetEditionID, in municipality: MunicipalityID) async throws -> [BudgetProjectID: [AccountID]] {
        let rows = try await db.raw("""
            SELECT c.project_id, c.account_id FROM budget_coauthors c JOIN budget_projects p ON p.id = c.project_id
            WHERE p.edition_id = \(bind: edition.rawValue) AND c.municipality_id = \(bind: municipality.rawValue)
            ORDER BY c.added_at, c.account_id
            """).all()
        var found: [BudgetProjectID: [AccountID]] = [:]
        for row in rows {
            found[BudgetProjectID(rawValue: try row.string("project_id")), default: []].append(AccountID(rawValue: try row.string("account_id")))
        }
        return found
    }

    /// Whether they were not a co-author yet.
    public func addCoauthor(
        _ account: AccountID, to project: BudgetProjectID, in municipality: MunicipalityID, at instant: Date
    ) async throws -> Bool {
        try await db.raw("""
            INSERT INTO budget_coauthors (project_id, account_id, municipality_id, added_at)
            VALUES (\(bind: project.rawValue), \(bind: account.rawValue), \(bind: municipality.rawValue), \(bind: instant.epochSeconds))
            ON CONFLICT (project_id, account_id) DO NOTHING RETURNING account_id
            """).first() != nil
    }

    /// Whether they were a co-author.
    public func removeCoauthor(_ account: AccountID, from project: BudgetProjectID, in municipality: MunicipalityID) async throws -> Bool {
        try await db.raw("""
            DELETE FROM budget_coauthors
            WHERE project_id = \(bind: project.rawValue) AND account_id = \(bind: account.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            RETURNING account_id
            """).first() != nil
    }

    public func nextProjectNumber(in edition: BudgetEditionID) async throws -> Int {
        Int(try await db.raw("SELECT COALESCE(MAX(number), 0) + 1 AS next FROM budget_projects WHERE edition_id = \(bind: edition.rawValue)")
            .first()?.int("next") ?? 1)
    }

    // MARK: Paper double entry

    public struct PendingPaperEntry: Sendable, Equatable {
        public var id: String
        public var check: String
        public var enteredBy: AccountID
        public var mismatch: Bool
    }

    public func pendingPaperEntry(in edition: BudgetEditionID, identity: IdentityHash) async throws -> PendingPaperEntry? {
        try await db.raw("""
            SELECT id, content_hash, entered_by, mismatch FROM budget_paper_entries
            WHERE edition_id = \(bind: edition.rawValue) AND identity_hash = \(bind: identity.rawValue)
            """).first().map {
                PendingPaperEntry(
                    id: try $0.string("id"), check: try $0.string("content_hash"), enteredBy: .init(rawValue: try $0.string("entered_by")),
                    mismatch: try $0.int("mismatch") != 0)
            }
    }

    /// The first clerk's entry; false when another is already waiting for this person.
    public func insertPendingPaperEntry(
        in edition: BudgetEditionID, identity: IdentityHash, check: String, by clerk: AccountID, at instant: Date
    ) async throws -> Bool {
        try await db.raw("""
            INSERT INTO budget_paper_entries (id, edition_id, identity_hash, content_hash, entered_by, entered_at)
            VALUES (\(bind: RandomToken.base32(byteCount: 16)), \(bind: edition.rawValue), \(bind: identity.rawValue), \(bind: check),
                    \(bind: clerk.rawValue), \(bind: instant.epochSeconds))
            ON CONFLICT DO NOTHING
            RETURNING id
            """).first() != nil
    }

    public func markPaperMismatch(_ id: String) async throws {
        try await db.raw("UPDATE budget_paper_entries SET mismatch = 1 WHERE id = \(bind: id)").run()
    }

    /// Removes a pending entry (matched, or discarded by staff after a mismatch).
    public func deletePaperEntry(_ id: String, in edition: BudgetEditionID) async throws {
        try await db.raw("DELETE FROM budget_paper_entries WHERE id = \(bind: id) AND edition_id = \(bind: edition.rawValue)").run()
    }

    /// Waiting entries and how many of them were contradicted by a second clerk.
    public func paperEntryCounts(in edition: BudgetEditionID) async throws -> (pending: Int64, mismatched: Int64) {
        let row = try await db.raw("""
            SELECT COUNT(*) AS n, COALESCE(SUM(mismatch), 0) AS m FROM budget_paper_entries WHERE edition_id = \(bind: edition.rawValue)
            """).first()
        return (try row?.int("n") ?? 0, try row?.int("m") ?? 0)
    }

    public func mismatchedPaperEntries(in edition: BudgetEditionID) async throws -> [(id: String, enteredAt: Date)] {
        try await db.raw("""
            SELECT id, entered_at FROM budget_paper_entries WHERE edition_id = \(bind: edition.rawValue) AND mismatch = 1 ORDER BY entered_at
            """).all().map { (try $0.string("id"), try $0.date("entered_at")) }
    }

    // MARK: Results and delivery

    /// The published outcome of one category: the funded project ids in order.
    public func saveResult(edition: BudgetEditionID, category: BudgetCategoryID, funded: [BudgetProjectID], at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO budget_results (edition_id, category_id, outcome, computed_at)
            VALUES (\(bind: edition.rawValue), \(bind: category.rawValue), \(bind: try JSONColumn.text(funded)), \(bind: instant.epochSeconds))
            """).run()
    }

    public func publishedResults(of edition: BudgetEditionID) async throws -> [BudgetCategoryID: [BudgetProjectID]] {
        var results: [BudgetCategoryID: [BudgetProjectID]] = [:]
        for row in try await db.raw("SELECT category_id, outcome FROM budget_results WHERE edition_id = \(bind: edition.rawValue)").all() {
            results[BudgetCategoryID(rawValue: try row.string("category_id"))] = try JSONColumn.value([BudgetProjectID].self, try row.string("outcome"))
        }
        return results
    }

    public func insert(_ update: DeliveryUpdate) async throws {
        try await db.raw("""
            INSERT INTO budget_delivery_updates (id, project_id, status, spent, note, posted_by, posted_at)
            VALUES (\(bind: update.id), \(bind: update.projectID.rawValue), \(bind: update.status.rawValue), \(bind: update.spent.kopiyky),
                    \(bind: update.note), \(bind: update.postedBy.rawValue), \(bind: update.postedAt.epochSeconds))
            """).run()
    }

    /// Newest first, for every project of the edition in this city.
    public func deliveryUpdates(of edition: BudgetEditionID, in municipality: MunicipalityID) async throws -> [DeliveryUpdate] {
        try await db.raw("""
            SELECT u.id, u.project_id, u.status, u.spent, u.note, u.posted_by, u.posted_at
            FROM budget_delivery_updates u JOIN budget_projects p ON p.id = u.project_id
            WHERE p.edition_id = \(bind: edition.rawValue) AND p.municipality_id = \(bind: municipality.rawValue)
            ORDER BY u.posted_at DESC, u.id
            """).all().map(Self.deliveryUpdate)
    }

    /// A row of `budget_delivery_updates` (`u.id, u.project_id, u.status, u.spent, u.note, u.posted_by, u.posted_at`).
    static func deliveryUpdate(_ row: any SQLRow) throws -> DeliveryUpdate {
        DeliveryUpdate(
            id: try row.string("id"), projectID: .init(rawValue: try row.string("project_id")),
            status: DeliveryUpdate.Status(rawValue: try row.string("status")) ?? .planned, spent: Money(kopiyky: try row.int("spent")),
            note: try row.string("note"), postedBy: .init(rawValue: try row.string("posted_by")), postedAt: try row.date("posted_at"))
    }

    // MARK: The secret ballot

    /// Records that this person took part; false when they already had (on
    /// any channel, under any account). The primary key decides races.
    public func recordParticipation(
        in edition: BudgetEditionID, identity: IdentityHash, channel: BallotChannel, day: CalendarDate
    ) async throws -> Bool {
        try await db.raw("""
            INSERT INTO budget_participations (edition_id, identity_hash, channel, day)
            VALUES (\(bind: edition.rawValue), \(bind: identity.rawValue), \(bind: channel.rawValue), \(bind: day.description))
            ON CONFLICT DO NOTHING
            RETURNING channel
            """).first() != nil
    }

    /// How this person took part, if they did.
    public func participation(in edition: BudgetEditionID, identity: IdentityHash) async throws -> BallotChannel? {
        try await db.raw("""
            SELECT channel FROM budget_participations
            WHERE edition_id = \(bind: edition.rawValue) AND identity_hash = \(bind: identity.rawValue)
            """).first().flatMap { BallotChannel(rawValue: try $0.string("channel")) }
    }

    public func participationCount(in edition: BudgetEditionID) async throws -> Int64 {
        try await db.raw("SELECT COUNT(*) AS n FROM budget_participations WHERE edition_id = \(bind: edition.rawValue)")
            .first()?.int("n") ?? 0
    }

    /// A ballot stored unsealed: ballots loaded in bulk as they are shelved, and tests.
    /// A vote's ballot goes into the box sealed (`insertSealed`). `budget_ballots.day`
    /// is the Kyiv day the row is written (a pool's day), never the day the ballot was cast.
    public func insert(_ ballot: AnonymousBallot, storedOn day: CalendarDate, audited: Bool = false) async throws {
        try await db.raw("""
            INSERT INTO budget_ballots (id, edition_id, receipt, content, channel, age_group, day, audited)
            VALUES (\(bind: ballot.id.rawValue), \(bind: ballot.editionID.rawValue), \(bind: ballot.receipt),
                    \(bind: try JSONColumn.text(ballot.content)), \(bind: ballot.channel.rawValue), \(bind: ballot.ageGroup.rawValue),
                    \(bind: day.description), \(bind: audited ? 1 : 0))
            """).run()
    }

    /// Many participations and ballots at once, for imports and the demo:
    /// multi-row inserts in chunks well under both databases' parameter limits.
    /// They must be unrelated sets, or this would store their pairing by position.
    /// The ballots carry `day`, the day they are loaded, whatever the participations' days.
    public func insertBulk(participations: [(identity: IdentityHash, channel: BallotChannel, day: CalendarDate)], in edition: BudgetEditionID,
                           ballots: [AnonymousBallot], storedOn day: CalendarDate) async throws {
        for chunk in stride(from: 0, to: participations.count, by: 500).map({ participations[$0..<min($0 + 500, participations.count)] }) {
            var insert = db.insert(into: "budget_participations").columns("edition_id", "identity_hash", "channel", "day")
            for row in chunk {
                insert = insert.values(SQLBind(edition.rawValue), SQLBind(row.identity.rawValue), SQLBind(row.channel.rawValue), SQLBind(row.day.description))
            }
            try await insert.run()
        }
        // Sorted by id, so even the physical order carries nothing of the input's.
        let sorted = ballots.sorted { $0.id.rawValue < $1.id.rawValue }
        for chunk in stride(from: 0, to: sorted.count, by: 500).map({ sorted[$0..<min($0 + 500, sorted.count)] }) {
            var insert = db.insert(into: "budget_ballots").columns("id", "edition_id", "receipt", "content", "channel", "age_group", "day", "audited")
            for ballot in chunk {
                insert = insert.values(
                    SQLBind(ballot.id.rawValue), SQLBind(ballot.editionID.rawValue), SQLBind(ballot.receipt), SQLBind(try JSONColumn.text(ballot.content)),
                    SQLBind(ballot.channel.rawValue), SQLBind(ballot.ageGroup.rawValue), SQLBind(day.description), SQLBind(0))
            }
            try await insert.run()
        }
    }

    private static let ballotColumns = "id, edition_id, receipt, content, channel, age_group"

    /// In id order, which is random: the order says nothing about who voted when.
    public func ballots(of edition: BudgetEditionID) async throws -> [AnonymousBallot] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.ballotColumns) FROM budget_ballots WHERE edition_id = \(bind: edition.rawValue) ORDER BY id
            """).all().map(Self.decodeBallot)
    }

    /// The edition's ballots after `id` (from the first when nil), in id order, at most `limit`: a page of the open-data file.
    ///
    /// `edition_id || ''` keeps both databases off the (edition, receipt)
    /// index, which would sort every ballot of the edition for each page;
    /// the primary key walks from `id` in order and stops after `limit`.
    public func ballots(of edition: BudgetEditionID, after id: String?, limit: Int) async throws -> [AnonymousBallot] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.ballotColumns) FROM budget_ballots
            WHERE edition_id || '' = \(bind: edition.rawValue) AND id > \(bind: id ?? "") ORDER BY id LIMIT \(bind: limit)
            """).all().map(Self.decodeBallot)
    }

    public func ballot(receipt: String, in edition: BudgetEditionID) async throws -> AnonymousBallot? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.ballotColumns) FROM budget_ballots
            WHERE edition_id = \(bind: edition.rawValue) AND receipt = \(bind: receipt)
            """).first().map(Self.decodeBallot)
    }

    public func ballotCount(in edition: BudgetEditionID) async throws -> Int64 {
        try await db.raw("SELECT COUNT(*) AS n FROM budget_ballots WHERE edition_id = \(bind: edition.rawValue)").first()?.int("n") ?? 0
    }

    /// What tells one state of an edition's ballots from another without
    /// reading them: how many are counted, their least and greatest receipt,
    /// and whether any still wait sealed in the box. Ballots are only ever
    /// added (a pool leaving the box, paper batches) or put back unchanged
    /// (`shelve`), so two states with the same stamp hold the same ballots.
    /// A feature that removes or edits a ballot must change what this reads.
    /// Both parts come from the (edition, receipt) index.
    public func ballotSetStamp(of edition: BudgetEditionID) async throws -> BallotSetStamp? {
        guard let row = try await db.raw("""
            SELECT COUNT(*) AS n, MIN(receipt) AS first, MAX(receipt) AS last,
                   CASE WHEN EXISTS (SELECT 1 FROM budget_ballot_box WHERE edition_id = \(bind: edition.rawValue)) THEN 1 ELSE 0 END AS sealed
            FROM budget_ballots WHERE edition_id = \(bind: edition.rawValue)
            """).first() else { return nil }
        return BallotSetStamp(
            counted: try row.int("n"), firstReceipt: try row.optionalString("first"), lastReceipt: try row.optionalString("last"),
            anySealed: try row.int("sealed") != 0)
    }

    /// Editions with ballots not yet in the audit chain, and how many each has.
    public func unauditedBallotCounts() async throws -> [(edition: BudgetEditionID, count: Int64)] {
        try await db.raw("""
            SELECT edition_id, COUNT(*) AS n FROM budget_ballots WHERE audited = 0 GROUP BY edition_id
            """).all().map { (BudgetEditionID(rawValue: try $0.string("edition_id")), try $0.int("n")) }
    }

    public func unauditedBallots(of edition: BudgetEditionID, limit: Int) async throws -> [AnonymousBallot] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.ballotColumns) FROM budget_ballots
            WHERE audited = 0 AND edition_id = \(bind: edition.rawValue) ORDER BY id LIMIT \(bind: limit)
            """).all().map(Self.decodeBallot)
    }

    /// One mixer at a time across instances: SQLite has one writer already;
    /// PostgreSQL takes a transaction-scoped advisory lock, keyed by schema.
    public func tryMixerLock() async throws -> Bool {
        switch dialect {
        case .sqlite: return true
        case .postgres:
            return try await db.raw("SELECT pg_try_advisory_xact_lock(hashtext(current_schema()), 3) AS locked").first()?
                .decode(column: "locked", as: Bool.self) ?? false
        }
    }

    /// Puts a pool of ballots back in random-id order, marked audited. On
    /// PostgreSQL a table's physical order (and so `SELECT *` and pg_dump)
    /// follows insertion, which would let a dump of participations and
    /// ballots be paired row by row. Rewritten as a pool, a ballot's place
    /// says only which pool it was in. (SQLite keeps them in key order anyway.)
    /// `day` is the pool's.
    public func shelve(_ ballots: [AnonymousBallot], storedOn day: CalendarDate) async throws {
        guard !ballots.isEmpty else { return }
        try await db.delete(from: "budget_ballots").where("id", .in, ballots.map(\.id.rawValue)).run()
        for ballot in ballots.sorted(by: { $0.id.rawValue < $1.id.rawValue }) {
            try await insert(ballot, storedOn: day, audited: true)
        }
    }

    /// A ballot's stored content: the compact form read directly, anything else by the JSON decoder.
    static func content(_ text: String) throws -> BallotContent {
        try BallotContent(storedCompact: text) ?? JSONColumn.value(BallotContent.self, text)
    }

    static func decodeBallot(_ row: any SQLRow) throws -> AnonymousBallot {
        AnonymousBallot(
            id: .init(rawValue: try row.string("id")), editionID: .init(rawValue: try row.string("edition_id")),
            receipt: try row.string("receipt"), content: try content(try row.string("content")),
            channel: BallotChannel(rawValue: try row.string("channel")) ?? .online,
            ageGroup: AgeGroup(rawValue: try row.string("age_group")) ?? .unknown)
    }
}
