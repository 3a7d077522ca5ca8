import Foundation
import HromadaDomain
import SQLKit

/// Who follows what, the events that reach them, and the daily readers'
/// lines waiting for the morning (issue 21). Modules record events through
/// `record(_:)` in the transaction of the change itself, so no letter tells
/// of a change that rolled back.
public struct FollowRepository: Sendable {
    package let db: any SQLDatabase
    package let dialect: DatabaseDialect

    // MARK: Following

    /// Follows the thing; false when already followed, or when the person
    /// follows as many things as anyone may (`FollowRules.mostFollowsPerAccount`).
    /// The limit is counted in the insert itself.
    @discardableResult
    public func follow(_ target: FollowTarget, in city: MunicipalityID, by account: AccountID, at instant: Date) async throws -> Bool {
        let row = try await db.raw("""
            INSERT INTO follows (account_id, municipality_id, kind, target_id, created_at)
            SELECT \(bind: account.rawValue), \(bind: city.rawValue), \(bind: target.kind), \(bind: target.id), \(bind: instant.epochSeconds)
            WHERE (SELECT COUNT(*) FROM follows WHERE account_id = \(bind: account.rawValue)) < \(bind: FollowRules.mostFollowsPerAccount)
            ON CONFLICT (account_id, municipality_id, kind, target_id) DO NOTHING
            RETURNING account_id
            """).first()
        return row != nil
    }

    /// Stops following; false when the person did not follow it.
    @discardableResult
    public func unfollow(_ target: FollowTarget, in city: MunicipalityID, by account: AccountID) async throws -> Bool {
        try await db.raw("""
            DELETE FROM follows
            WHERE account_id = \(bind: account.rawValue) AND municipality_id = \(bind: city.rawValue)
              AND kind = \(bind: target.kind) AND target_id = \(bind: target.id)
            RETURNING account_id
            """).first() != nil
    }

    public func isFollowing(_ target: FollowTarget, in city: MunicipalityID, by account: AccountID) async throws -> Bool {
        try await db.raw("""
            SELECT 1 AS one FROM follows
            WHERE account_id = \(bind: account.rawValue) AND municipality_id = \(bind: city.rawValue)
              AND kind = \(bind: target.kind) AND target_id = \(bind: target.id)
            """).first() != nil
    }

    /// How many people follow the thing.
    public func followers(of target: FollowTarget, in city: MunicipalityID) async throws -> Int {
        Int(try await db.raw("""
            SELECT COUNT(*) AS n FROM follows
            WHERE municipality_id = \(bind: city.rawValue) AND kind = \(bind: target.kind) AND target_id = \(bind: target.id)
            """).first()?.int("n") ?? 0)
    }

    public struct Followed: Hashable, Sendable {
        public let city: MunicipalityID
        public let target: FollowTarget
        public let since: Date
    }

    /// What the person follows, newest first.
    public func follows(of account: AccountID) async throws -> [Followed] {
        try await db.raw("""
            SELECT municipality_id, kind, target_id, created_at FROM follows
            WHERE account_id = \(bind: account.rawValue)
            ORDER BY created_at DESC, kind, target_id
            """).all().map { row in
            Followed(
                city: MunicipalityID(rawValue: try row.string("municipality_id")),
                target: FollowTarget(kind: try row.string("kind"), id: try row.string("target_id")), since: try row.date("created_at"))
        }
    }

    // MARK: The person's choice

    public func mail(of account: AccountID) async throws -> NotificationMail {
        let text = try await db.raw("SELECT notification_mail FROM accounts WHERE id = \(bind: account.rawValue)").first()?.string("notification_mail")
        return text.flatMap(NotificationMail.init(rawValue:)) ?? .immediate
    }

    /// Sets how the person hears of what they follow; choosing no mail drops
    /// the lines waiting for their digest too.
    public func setMail(_ choice: NotificationMail, of account: AccountID) async throws {
        try await db.raw("UPDATE accounts SET notification_mail = \(bind: choice.rawValue) WHERE id = \(bind: account.rawValue)").run()
        if choice != .daily {
            try await db.raw("DELETE FROM digest_lines WHERE account_id = \(bind: account.rawValue)").run()
        }
    }

    // MARK: Events

    /// Records an event; an event already recorded (a scheduled one another
    /// server noticed first) is left as it is. Returns whether it was new.
    @discardableResult
    public func record(_ event: FollowEvent) async throws -> Bool {
        let inserted = try await db.raw("""
            INSERT INTO follow_events (id, municipality_id, what, detail, about_kind, about_id, occurred_at)
            VALUES (\(bind: event.id), \(bind: event.municipalityID.rawValue), \(bind: event.what), \(bind: event.detail),
                    \(bind: event.about.kind), \(bind: event.about.id), \(bind: event.occurredAt.epochSeconds))
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """).first() != nil
        guard inserted else { return false }
        for target in event.reaches {
            try await db.raw("""
                INSERT INTO follow_event_targets (event_id, kind, target_id) VALUES (\(bind: event.id), \(bind: target.kind), \(bind: target.id))
                ON CONFLICT DO NOTHING
                """).run()
        }
        return true
    }

    /// Events not yet dispatched, oldest first, with whom each reaches (one query for all of them).
    public func pending(limit: Int) async throws -> [FollowEvent] {
        let rows = try await db.raw("""
            SELECT id, municipality_id, what, detail, about_kind, about_id, occurred_at FROM follow_events
            WHERE dispatched_at IS NULL ORDER BY occurred_at, id LIMIT \(bind: limit)
            """).all()
        guard !rows.isEmpty else { return [] }
        let ids: [SQLQueryString] = try rows.map { "\(bind: try $0.string("id"))" }
        var reaching: [String: [FollowTarget]] = [:]
        for row in try await db.raw("""
            SELECT event_id, kind, target_id FROM follow_event_targets WHERE event_id IN (\(ids.joined(separator: ", "))) ORDER BY event_id, kind, target_id
            """).all() {
            reaching[try row.string("event_id"), default: []].append(FollowTarget(kind: try row.string("kind"), id: try row.string("target_id")))
        }
        return try rows.map { row in
            let id = try row.string("id")
            return FollowEvent(
                id: id, in: MunicipalityID(rawValue: try row.string("municipality_id")), what: try row.string("what"),
                detail: try row.optionalString("detail"), about: FollowTarget(kind: try row.string("about_kind"), id: try row.string("about_id")),
                alsoReaching: reaching[id] ?? [], at: try row.date("occurred_at"))
        }
    }

    /// A person an event reaches, with what their letter needs.
    public struct Reader: Hashable, Sendable {
        public let account: AccountID
        public let email: EmailAddress
        public let name: String
        public let language: Language
        public let mail: NotificationMail
    }

    /// Everyone who follows any thing the event reaches, once each, who
    /// wants mail and whose address is confirmed.
    public func readers(of event: FollowEvent) async throws -> [Reader] {
        try await db.raw("""
            SELECT DISTINCT a.id, a.email, a.full_name, a.language, a.notification_mail
            FROM follow_event_targets t
            JOIN follows f ON f.municipality_id = \(bind: event.municipalityID.rawValue) AND f.kind = t.kind AND f.target_id = t.target_id
            JOIN accounts a ON a.id = f.account_id
            WHERE t.event_id = \(bind: event.id) AND a.notification_mail <> 'none' AND a.email_confirmed_at IS NOT NULL
            ORDER BY a.id
            """).all().compactMap { row in
            guard let mail = NotificationMail(rawValue: try row.string("notification_mail")) else { return nil }
            return Reader(
                account: AccountID(rawValue: try row.string("id")), email: EmailAddress(rawValue: try row.string("email")), name: try row.string("full_name"),
                language: Language(rawValue: try row.string("language")) ?? .uk, mail: mail)
        }
    }

    /// Marks the event dispatched; false when another server did first (its
    /// letters are then already in the outbox, and these must not be).
    public func markDispatched(_ id: String, at instant: Date) async throws -> Bool {
        try await db.raw("""
            UPDATE follow_events SET dispatched_at = \(bind: instant.epochSeconds) WHERE id = \(bind: id) AND dispatched_at IS NULL RETURNING id
            """).first() != nil
    }

    /// Deletes dispatched events older than `before`: they are a queue, not a history.
    @discardableResult
    public func purgeDispatched(before: Date) async throws -> Int {
        try await db.raw("""
            DELETE FROM follow_events WHERE dispatched_at IS NOT NULL AND dispatched_at < \(bind: before.epochSeconds) RETURNING id
            """).all().count
    }

    // MARK: The daily digest

    public func addDigestLine(_ line: String, for account: AccountID, event: String, at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO digest_lines (account_id, event_id, line, created_at)
            VALUES (\(bind: account.rawValue), \(bind: event), \(bind: line), \(bind: instant.epochSeconds))
            ON CONFLICT DO NOTHING
            """).run()
    }

    /// People with lines written before `moment`, at most `limit` of them.
    public func digestsDue(before moment: Date, limit: Int) async throws -> [AccountID] {
        try await db.raw("""
            SELECT DISTINCT account_id FROM digest_lines WHERE created_at < \(bind: moment.epochSeconds) ORDER BY account_id LIMIT \(bind: limit)
            """).all().map { AccountID(rawValue: try $0.string("account_id")) }
    }

    /// Takes the person's lines written before `moment`, oldest first: the
    /// delete is the claim, so two servers never send one digest twice.
    public func takeDigest(of account: AccountID, before moment: Date) async throws -> [(line: String, at: Date)] {
        try await db.raw("""
            DELETE FROM digest_lines WHERE account_id = \(bind: account.rawValue) AND created_at < \(bind: moment.epochSeconds)
            RETURNING line, created_at, event_id
            """).all().map { (line: try $0.string("line"), at: try $0.date("created_at"), event: try $0.string("event_id")) }
            .sorted { ($0.at, $0.event) < ($1.at, $1.event) }.map { ($0.line, $0.at) }
    }

    // MARK: The calendar's events

    /// Until when the calendar was looked at (nil: never; the first look starts now, not in the past).
    public func scheduleLookedUntil() async throws -> Date? {
        try await db.raw("SELECT looked_until FROM follow_schedule WHERE id = 'calendar'").first()?.date("looked_until")
    }

    /// Moves the mark forward, never back; false when another server moved it past `from` first.
    public func moveSchedule(from previous: Date?, to instant: Date) async throws -> Bool {
        if let previous {
            return try await db.raw("""
                UPDATE follow_schedule SET looked_until = \(bind: instant.epochSeconds)
                WHERE id = 'calendar' AND looked_until = \(bind: previous.epochSeconds) RETURNING id
                """).first() != nil
        }
        return try await db.raw("""
            INSERT INTO follow_schedule (id, looked_until) VALUES ('calendar', \(bind: instant.epochSeconds)) ON CONFLICT (id) DO NOTHING RETURNING id
            """).first() != nil
    }
}
