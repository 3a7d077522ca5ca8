import Foundation
import HromadaDomain
import SQLKit

public struct OutboxMessage: Hashable, Sendable {
    public var id: OutboxMessageID
    public var municipalityID: MunicipalityID?
    public var recipient: String
    public var subject: String
    public var body: String
    public var createdAt: Date
    public var sentAt: Date?
    public var attempts: Int64
    public var lastError: String?
    /// The keyed digest of the single-use link in the body, if it carries
    /// one: using the link deletes the letter (issue 13).
    public var linkDigest: String?
    /// The one-click unsubscribe link of a letter about followed things
    /// (`List-Unsubscribe`, RFC 8058), if it is one.
    public var listUnsubscribe: String?

    public init(
        id: OutboxMessageID = .random(), municipalityID: MunicipalityID?, recipient: String, subject: String, body: String,
        createdAt: Date
    ) {
        self.id = id
        self.municipalityID = municipalityID
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
        self.sentAt = nil
        self.attempts = 0
        self.lastError = nil
        self.linkDigest = nil
        self.listUnsubscribe = nil
    }
}

/// Mail is written to the outbox in the transaction that causes it, and a
/// deliverer sends it afterwards: no mail for a change that rolled back, and
/// no lost mail when the SMTP server is down.
public struct OutboxRepository: Sendable {
    package let db: any SQLDatabase
    package let dialect: DatabaseDialect
    /// Failed attempts after which a letter is given up (about 17 hours of
    /// doubling waits); a letter refused for good counts as given up at once.
    public static let attemptsBeforeGivingUp: Int64 = 10

    public func enqueue(_ message: OutboxMessage) async throws {
        try await db.raw("""
            INSERT INTO outbox (id, municipality_id, recipient, subject, body, created_at, next_attempt_at, link_digest, list_unsubscribe)
            VALUES (\(bind: message.id.rawValue), \(bind: message.municipalityID?.rawValue), \(bind: message.recipient),
                    \(bind: message.subject), \(bind: message.body), \(bind: message.createdAt.epochSeconds),
                    \(bind: message.createdAt.epochSeconds), \(bind: message.linkDigest), \(bind: message.listUnsubscribe))
            """).run()
    }

    private static let columns = "id, municipality_id, recipient, subject, body, created_at, sent_at, attempts, last_error, list_unsubscribe"

    public func due(at instant: Date, limit: Int) async throws -> [OutboxMessage] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM outbox
            WHERE sent_at IS NULL AND next_attempt_at <= \(bind: instant.epochSeconds) AND attempts < \(bind: Self.attemptsBeforeGivingUp)
            ORDER BY created_at LIMIT \(bind: limit)
            """).all().map(Self.decode)
    }

    /// Takes due messages for delivery: each is leased for `lease` seconds, so
    /// another instance polling at the same moment does not send it too.
    /// On PostgreSQL concurrent claimers skip each other's locked rows and
    /// take other due messages; SQLite has a single writer already.
    public func claimDue(at instant: Date, limit: Int, lease: Int64 = 300) async throws -> [OutboxMessage] {
        let now = instant.epochSeconds
        let locking = dialect.rowLock("FOR UPDATE SKIP LOCKED")
        return try await db.raw("""
            UPDATE outbox SET next_attempt_at = \(bind: now + lease)
            WHERE id IN (
                SELECT id FROM outbox
                WHERE sent_at IS NULL AND next_attempt_at <= \(bind: now) AND attempts < \(bind: Self.attemptsBeforeGivingUp)
                ORDER BY created_at LIMIT \(bind: limit) \(unsafeRaw: locking))
              AND sent_at IS NULL AND next_attempt_at <= \(bind: now)
            RETURNING \(unsafeRaw: Self.columns)
            """).all().map(Self.decode)
    }

    /// What `/metrics` reports of the outbox: letters still to be sent (and
    /// when the oldest was written), and letters given up on and still kept.
    public func backlog() async throws -> (pending: Int64, oldestPending: Date?, abandoned: Int64) {
        let row = try await db.raw("""
            SELECT COUNT(*) FILTER (WHERE attempts < \(bind: Self.attemptsBeforeGivingUp)) AS pending,
                   MIN(CASE WHEN attempts < \(bind: Self.attemptsBeforeGivingUp) THEN created_at END) AS oldest,
                   COUNT(*) FILTER (WHERE attempts >= \(bind: Self.attemptsBeforeGivingUp)) AS abandoned
            FROM outbox WHERE sent_at IS NULL
            """).first()
        return (try row?.int("pending") ?? 0, try row?.optionalDate("oldest"), try row?.int("abandoned") ?? 0)
    }

    public func recent(limit: Int) async throws -> [OutboxMessage] {
        try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM outbox ORDER BY created_at DESC, id LIMIT \(bind: limit)")
            .all().map(Self.decode)
    }

    public func find(id: OutboxMessageID) async throws -> OutboxMessage? {
        try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM outbox WHERE id = \(bind: id.rawValue)").first().map(Self.decode)
    }

    public func markSent(_ id: OutboxMessageID, at instant: Date) async throws {
        try await db.raw("""
            UPDATE outbox SET sent_at = \(bind: instant.epochSeconds), attempts = attempts + 1, last_error = NULL
            WHERE id = \(bind: id.rawValue)
            """).run()
    }

    /// Backs off exponentially: 1, 2, 4 … minutes.
    public func markFailed(_ id: OutboxMessageID, attempts: Int64, error: String, at instant: Date) async throws {
        let delay = Int64(60) << min(attempts, 10)
        try await db.raw("""
            UPDATE outbox SET attempts = attempts + 1, last_error = \(bind: error),
                next_attempt_at = \(bind: instant.epochSeconds + delay)
            WHERE id = \(bind: id.rawValue)
            """).run()
    }

    /// Gives up on a letter the mail server refused for good: it is not
    /// tried again, and goes with the other abandoned mail at the retention.
    public func markRefused(_ id: OutboxMessageID, error: String) async throws {
        try await db.raw("""
            UPDATE outbox SET attempts = \(bind: Self.attemptsBeforeGivingUp), last_error = \(bind: error)
            WHERE id = \(bind: id.rawValue)
            """).run()
    }

    /// Deletes the letters that carried these links, sent or not: a used
    /// link is no longer kept anywhere (issue 13).
    public func deleteLetters(carrying digests: [String]) async throws {
        guard !digests.isEmpty else { return }
        let list: [SQLQueryString] = digests.map { "\(bind: $0)" }
        try await db.raw("DELETE FROM outbox WHERE link_digest IN (\(list.joined(separator: ", ")))").run()
    }

    /// Deletes letters delivered before `deliveredBefore`, and letters given
    /// up on (ten failed attempts, or refused for good) written before `abandonedBefore`: the
    /// outbox is a queue, not an archive of links and ballot receipts.
    /// Returns how many went.
    @discardableResult
    public func purge(deliveredBefore: Date, abandonedBefore: Date) async throws -> Int {
        try await db.raw("""
            DELETE FROM outbox
            WHERE (sent_at IS NOT NULL AND sent_at < \(bind: deliveredBefore.epochSeconds))
               OR (sent_at IS NULL AND attempts >= \(bind: Self.attemptsBeforeGivingUp) AND created_at < \(bind: abandonedBefore.epochSeconds))
            RETURNING id
            """).all().count
    }

    package static func decode(_ row: any SQLRow) throws -> OutboxMessage {
        var message = OutboxMessage(
            id: .init(rawValue: try row.string("id")),
            municipalityID: try row.optionalString("municipality_id").map(MunicipalityID.init(rawValue:)),
            recipient: try row.string("recipient"), subject: try row.string("subject"), body: try row.string("body"),
            createdAt: try row.date("created_at"))
        message.sentAt = try row.optionalDate("sent_at")
        message.attempts = try row.int("attempts")
        message.lastError = try row.optionalString("last_error")
        message.listUnsubscribe = try row.optionalString("list_unsubscribe")
        return message
    }
}
