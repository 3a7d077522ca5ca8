import Foundation
import HromadaDomain
import SQLKit

/// Comments on the things of a city (`comments`) and who flagged which
/// (`comment_flags`). Every query is of one city. The rules a race could
/// slip past are checked in SQL too: an edit only by the author within the
/// window, one flag per person per comment.
public struct CommentRepository: Sendable {
    package let db: any SQLDatabase

    /// A comment with its author's name as pages show it.
    public struct Listed: Hashable, Sendable {
        public let comment: Comment
        public let authorName: String
    }

    private static let columns = """
        c.id, c.municipality_id, c.subject_kind, c.subject_id, c.parent_id, c.author_id, c.body, c.created_at, c.edited_at,
        c.hidden_reason, c.hidden_by, c.hidden_at, c.flag_count, a.full_name
        """

    public func add(_ comment: Comment) async throws {
        try await db.raw("""
            INSERT INTO comments (id, municipality_id, subject_kind, subject_id, parent_id, author_id, body, created_at, edited_at, flag_count)
            VALUES (\(bind: comment.id.rawValue), \(bind: comment.municipalityID.rawValue), \(bind: comment.subject.kind), \(bind: comment.subject.id),
                    \(bind: comment.parentID?.rawValue), \(bind: comment.authorID.rawValue), \(bind: comment.body), \(bind: comment.createdAt.epochSeconds),
                    NULL, 0)
            """).run()
    }

    public func comment(_ id: CommentID, in city: MunicipalityID) async throws -> Listed? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM comments c JOIN accounts a ON a.id = c.author_id
            WHERE c.id = \(bind: id.rawValue) AND c.municipality_id = \(bind: city.rawValue)
            """).first().map(Self.listed)
    }

    /// The author's new text, if the comment is theirs, not hidden and written
    /// at or after `since` (the edit window's start): false otherwise, and nothing changes.
    public func edit(_ id: CommentID, in city: MunicipalityID, by author: AccountID, body: String, at now: Date, writtenSince since: Date) async throws -> Bool {
        try await db.raw("""
            UPDATE comments SET body = \(bind: body), edited_at = \(bind: now.epochSeconds)
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue) AND author_id = \(bind: author.rawValue)
              AND hidden_at IS NULL AND created_at >= \(bind: since.epochSeconds)
            RETURNING id
            """).first() != nil
    }

    /// One person's flag: true when it is new (the count goes up by one),
    /// false when they had flagged it already or it is hidden or elsewhere.
    /// Of any number of identical flags at once, exactly one inserts.
    public func flag(_ id: CommentID, in city: MunicipalityID, by account: AccountID, at now: Date) async throws -> Bool {
        let inserted = try await db.raw("""
            INSERT INTO comment_flags (comment_id, account_id, flagged_at)
            SELECT id, \(bind: account.rawValue), \(bind: now.epochSeconds) FROM comments
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue) AND hidden_at IS NULL
            ON CONFLICT DO NOTHING
            RETURNING comment_id
            """).first() != nil
        guard inserted else { return false }
        try await db.raw("UPDATE comments SET flag_count = flag_count + 1 WHERE id = \(bind: id.rawValue)").run()
        return true
    }

    /// Whether this person has flagged these comments, of those given.
    public func flagged(by account: AccountID, among ids: [CommentID]) async throws -> Set<CommentID> {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.raw("""
            SELECT comment_id FROM comment_flags
            WHERE account_id = \(bind: account.rawValue) AND comment_id IN (\(binds: ids.map(\.rawValue)))
            """).all()
        return Set(try rows.map { CommentID(rawValue: try $0.string("comment_id")) })
    }

    /// Hides a comment that is not hidden: false when it is, or is not the city's.
    public func hide(_ id: CommentID, in city: MunicipalityID, reason: String, by moderator: AccountID, at now: Date) async throws -> Bool {
        try await db.raw("""
            UPDATE comments SET hidden_reason = \(bind: reason), hidden_by = \(bind: moderator.rawValue), hidden_at = \(bind: now.epochSeconds)
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue) AND hidden_at IS NULL
            RETURNING id
            """).first() != nil
    }

    /// Shows a hidden comment again. The flags on it are judged, so they go:
    /// the comment leaves the desk's queue until someone flags it anew.
    public func unhide(_ id: CommentID, in city: MunicipalityID) async throws -> Bool {
        let shown = try await db.raw("""
            UPDATE comments SET hidden_reason = NULL, hidden_by = NULL, hidden_at = NULL, flag_count = 0
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue) AND hidden_at IS NOT NULL
            RETURNING id
            """).first() != nil
        if shown { try await db.raw("DELETE FROM comment_flags WHERE comment_id = \(bind: id.rawValue)").run() }
        return shown
    }

    /// A thing's comments in reading order: top-level ones oldest first,
    /// each followed by its replies oldest first. At most `limit` top-level ones.
    public func thread(of subject: CommentSubject, in city: MunicipalityID, limit: Int = 500) async throws -> [Listed] {
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM comments c JOIN accounts a ON a.id = c.author_id
            WHERE c.municipality_id = \(bind: city.rawValue) AND c.subject_kind = \(bind: subject.kind) AND c.subject_id = \(bind: subject.id)
            ORDER BY c.created_at, c.id
            """).all()
        let all = try rows.map(Self.listed)
        let replies = Dictionary(grouping: all.filter { !$0.comment.isTopLevel }, by: { $0.comment.parentID })
        return all.filter(\.comment.isTopLevel).prefix(max(0, limit)).flatMap { [$0] + (replies[$0.comment.id] ?? []) }
    }

    /// The city's moderation desk: flagged comments not yet hidden first
    /// (the most flagged first), then every other comment, newest first.
    public func queue(in city: MunicipalityID, limit: Int) async throws -> [Listed] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM comments c JOIN accounts a ON a.id = c.author_id
            WHERE c.municipality_id = \(bind: city.rawValue)
            ORDER BY CASE WHEN c.flag_count > 0 AND c.hidden_at IS NULL THEN 0 ELSE 1 END,
                     CASE WHEN c.hidden_at IS NULL THEN c.flag_count ELSE 0 END DESC, c.created_at DESC, c.id
            LIMIT \(bind: max(0, limit))
            """).all().map(Self.listed)
    }

    /// How many comments the public sees (not hidden) on each of the things `ids` of `kind`; things with none left out.
    public func counts(kind: String, ids: [String], in city: MunicipalityID) async throws -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        var counts: [String: Int] = [:]
        for row in try await db.raw("""
            SELECT subject_id, COUNT(*) AS n FROM comments
            WHERE municipality_id = \(bind: city.rawValue) AND subject_kind = \(bind: kind) AND subject_id IN (\(binds: ids)) AND hidden_at IS NULL
            GROUP BY subject_id
            """).all() {
            counts[try row.string("subject_id")] = Int(try row.int("n"))
        }
        return counts
    }

    private static func listed(_ row: any SQLRow) throws -> Listed {
        let hidden: Comment.Hiding? = try row.optionalDate("hidden_at").flatMap { at in
            guard let reason = try row.optionalString("hidden_reason"), let by = try row.optionalString("hidden_by") else { return nil }
            return Comment.Hiding(reason: reason, by: AccountID(rawValue: by), at: at)
        }
        let comment = Comment(
            id: CommentID(rawValue: try row.string("id")), municipalityID: MunicipalityID(rawValue: try row.string("municipality_id")),
            subject: CommentSubject(kind: try row.string("subject_kind"), id: try row.string("subject_id")),
            parentID: try row.optionalString("parent_id").map(CommentID.init(rawValue:)), authorID: AccountID(rawValue: try row.string("author_id")),
            body: try row.string("body"), createdAt: try row.date("created_at"), editedAt: try row.optionalDate("edited_at"), hidden: hidden,
            flagCount: Int(try row.int("flag_count")))
        return Listed(comment: comment, authorName: try row.string("full_name"))
    }
}
