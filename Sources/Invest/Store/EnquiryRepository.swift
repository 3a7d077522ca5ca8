import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// Investors' enquiries: the document, and the columns the managers'
/// queue and the on-time figures read (migration 0020).
public struct EnquiryRepository: Sendable {
    let db: any SQLDatabase

    private static let documents = KeptValues<Enquiry>(capacity: 1024)

    static func decode(_ row: any SQLRow) throws -> Enquiry {
        try documents.value(of: try row.string("definition")) { try JSONColumn.value(Enquiry.self, $0) }
    }

    public func insert(_ enquiry: Enquiry, keyDigest: String) async throws {
        try await db.raw("""
            INSERT INTO invest_enquiries (id, municipality_id, state, key_digest, next_due, received_at, first_answer_due, first_answered_at,
                                          version, definition)
            VALUES (\(bind: enquiry.id.rawValue), \(bind: enquiry.city.rawValue), \(bind: enquiry.state.rawValue), \(bind: keyDigest),
                    \(bind: enquiry.nextDue?.epochSeconds), \(bind: enquiry.receivedAt.epochSeconds), \(bind: enquiry.firstAnswerDue?.epochSeconds),
                    \(bind: enquiry.firstAnsweredAt?.epochSeconds), \(bind: enquiry.steps.count), \(bind: try JSONColumn.text(enquiry)))
            """).run()
    }

    /// Writes the enquiry's next version if it is still at the version it
    /// was changed from (`previous` steps); false when someone came first.
    @discardableResult
    public func update(_ enquiry: Enquiry, fromVersion previous: Int) async throws -> Bool {
        try await db.raw("""
            UPDATE invest_enquiries SET state = \(bind: enquiry.state.rawValue), next_due = \(bind: enquiry.nextDue?.epochSeconds),
                   first_answer_due = \(bind: enquiry.firstAnswerDue?.epochSeconds), first_answered_at = \(bind: enquiry.firstAnsweredAt?.epochSeconds),
                   version = \(bind: enquiry.steps.count), definition = \(bind: try JSONColumn.text(enquiry))
            WHERE id = \(bind: enquiry.id.rawValue) AND municipality_id = \(bind: enquiry.city.rawValue) AND version = \(bind: previous)
            RETURNING id
            """).first() != nil
    }

    /// The enquiry and its private link's digest.
    public func enquiry(_ id: EnquiryID, in city: MunicipalityID) async throws -> (enquiry: Enquiry, keyDigest: String)? {
        guard let row = try await db.raw("""
            SELECT definition, key_digest FROM invest_enquiries WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first()
        else { return nil }
        return (try Self.decode(row), try row.string("key_digest"))
    }

    /// The managers' queue: confirmed enquiries still open, what is owed
    /// soonest first (so the overdue lead), then the newest of those owed nothing.
    public func queue(in city: MunicipalityID, closed: Bool = false, limit: Int = 200) async throws -> [Enquiry] {
        let states: [EnquiryState] = closed ? [.closed] : [.received, .assigned, .answered, .shortlisted]
        return try await db.raw("""
            SELECT definition FROM invest_enquiries
            WHERE municipality_id = \(bind: city.rawValue) AND state IN (\(binds: states.map(\.rawValue)))
            ORDER BY next_due IS NULL, next_due, received_at DESC, id LIMIT \(bind: limit)
            """).all().map(Self.decode)
    }

    /// Removes enquiries whose senders never confirmed their address, sent before `cutoff`: personal data kept no longer than needed.
    public func deleteUnconfirmed(sentBefore cutoff: Date) async throws {
        try await db.raw("""
            DELETE FROM invest_enquiries WHERE state = \(bind: EnquiryState.awaitingConfirmation.rawValue) AND received_at < \(bind: cutoff.epochSeconds)
            """).run()
    }

    /// How a city keeps its promise of a first answer: of the confirmed
    /// enquiries whose first answer was due by `now` or given, how many were answered in time.
    public struct Timeliness: Sendable, Equatable {
        public let counted: Int
        public let onTime: Int
        public let open: Int
        public let overdue: Int
    }

    /// `counted` and `on_time` of first answers, the one rule both the
    /// queue's figures and the yearly figure use: an enquiry counts once it
    /// is answered or its first answer is due by `now`, and is on time when
    /// answered by its due instant.
    static func firstAnswerSums(at now: Date) -> SQLQueryString {
        """
        SUM(CASE WHEN first_answered_at IS NOT NULL OR first_answer_due <= \(bind: now.epochSeconds) THEN 1 ELSE 0 END) AS counted,
        SUM(CASE WHEN first_answered_at IS NOT NULL AND first_answered_at <= first_answer_due THEN 1 ELSE 0 END) AS on_time
        """
    }

    public func timeliness(in cities: [MunicipalityID], at now: Date) async throws -> [MunicipalityID: Timeliness] {
        guard !cities.isEmpty else { return [:] }
        let seconds = now.epochSeconds
        let rows = try await db.raw("""
            SELECT municipality_id, \(Self.firstAnswerSums(at: now)),
                   SUM(CASE WHEN state <> \(bind: EnquiryState.closed.rawValue) THEN 1 ELSE 0 END) AS open,
                   SUM(CASE WHEN next_due IS NOT NULL AND next_due <= \(bind: seconds) THEN 1 ELSE 0 END) AS overdue
            FROM invest_enquiries
            WHERE municipality_id IN (\(binds: cities.map(\.rawValue))) AND state <> \(bind: EnquiryState.awaitingConfirmation.rawValue)
            GROUP BY municipality_id
            """).all()
        var result: [MunicipalityID: Timeliness] = [:]
        for row in rows {
            result[MunicipalityID(rawValue: try row.string("municipality_id"))] = Timeliness(
                counted: Int(try row.optionalInt("counted") ?? 0), onTime: Int(try row.optionalInt("on_time") ?? 0),
                open: Int(try row.optionalInt("open") ?? 0), overdue: Int(try row.optionalInt("overdue") ?? 0))
        }
        return result
    }
}
