import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// A city's support calls (migration 0033): each call's document, the
/// columns its lists sort on, and its fund's two sums, which only the
/// statements that sign an agreement or record a payout move, and only
/// within the fund.
public struct SupportCallRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect

    /// A call as stored, with what its fund has committed and paid.
    public struct StoredCall: Sendable, Equatable {
        public let call: SupportCall
        public let position: FundPosition
    }

    private static let columns = "definition, fund, committed, paid"

    static func decode(_ row: any SQLRow) throws -> StoredCall {
        let call = try JSONColumn.value(SupportCall.self, try row.string("definition"))
        return StoredCall(
            call: call,
            position: FundPosition(fund: Money(kopiyky: try row.int("fund")), committed: Money(kopiyky: try row.int("committed")), paid: Money(kopiyky: try row.int("paid"))))
    }

    /// Saves a call (a new one, or its next version). A fund below what it
    /// has already committed is refused: false, and nothing written.
    @discardableResult
    public func save(_ call: SupportCall, at instant: Date) async throws -> Bool {
        let saved = try await db.raw("""
            INSERT INTO business_calls (id, municipality_id, published_at, opens_at, closes_at, decided_at, fund, definition, created_at, updated_at)
            VALUES (\(bind: call.id.rawValue), \(bind: call.city.rawValue), \(bind: call.publishedAt?.epochSeconds), \(bind: call.opensAt.epochSeconds),
                    \(bind: call.closesAt.epochSeconds), \(bind: call.decidedAt?.epochSeconds), \(bind: call.fund.kopiyky), \(bind: try JSONColumn.text(call)),
                    \(bind: instant.epochSeconds), \(bind: instant.epochSeconds))
            ON CONFLICT (id) DO UPDATE SET published_at = excluded.published_at, opens_at = excluded.opens_at, closes_at = excluded.closes_at,
                decided_at = excluded.decided_at, fund = excluded.fund, definition = excluded.definition, updated_at = excluded.updated_at
            WHERE business_calls.municipality_id = excluded.municipality_id AND business_calls.committed <= excluded.fund
            RETURNING id
            """).first() != nil
        if saved { try await SearchIndexRepository(db: db, dialect: dialect).put(call.searchDocument, as: BusinessSearch.call, id: call.id.rawValue, in: call.city) }
        return saved
    }

    public func call(_ id: SupportCallID, in city: MunicipalityID, forUpdate: Bool = false) async throws -> StoredCall? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM business_calls WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            \(unsafeRaw: dialect.rowLock(forUpdate ? "FOR UPDATE" : ""))
            """).first().map(Self.decode)
    }

    /// A city's calls, the latest opening first: the published ones, or every one for staff.
    public func calls(in city: MunicipalityID, includingDrafts: Bool = false, limit: Int = 200) async throws -> [StoredCall] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM business_calls
            WHERE municipality_id = \(bind: city.rawValue) \(unsafeRaw: includingDrafts ? "" : "AND published_at IS NOT NULL")
            ORDER BY opens_at DESC, id LIMIT \(bind: limit)
            """).all().map(Self.decode)
    }

    // MARK: The fund

    /// An agreement with an awarded application's applicant.
    public struct Agreement: Sendable, Equatable {
        public let id: String
        public let callID: SupportCallID
        public let applicationID: SupportApplicationID
        public let amount: Money
        public let paid: Money
        public let reference: String
        public let signedAt: Date
    }

    public enum FundRefusal: Error, Equatable, Sendable {
        /// More than the fund has left (to commit, or to pay).
        case beyondFund
        /// More than agreed with the recipient.
        case beyondAgreement
        /// The application has an agreement already.
        case alreadyAgreed
        case noSuchAgreement
    }

    /// Signs an agreement for `amount`, committing it from the call's fund
    /// in the same statement that checks the fund holds it, and schedules
    /// the recipient's reports. Thrown refusals leave nothing written when
    /// the caller's transaction ends with them.
    public func signAgreement(
        id: String, call: SupportCall, application: SupportApplicationID, amount: Money, reference: String, at instant: Date
    ) async throws -> Agreement {
        guard try await db.raw("""
            UPDATE business_calls SET committed = committed + \(bind: amount.kopiyky)
            WHERE id = \(bind: call.id.rawValue) AND municipality_id = \(bind: call.city.rawValue) AND committed + \(bind: amount.kopiyky) <= fund
            RETURNING id
            """).first() != nil
        else { throw FundRefusal.beyondFund }
        guard try await db.raw("""
            INSERT INTO business_agreements (id, call_id, application_id, amount, reference, signed_at)
            VALUES (\(bind: id), \(bind: call.id.rawValue), \(bind: application.rawValue), \(bind: amount.kopiyky), \(bind: reference), \(bind: instant.epochSeconds))
            ON CONFLICT (application_id) DO NOTHING RETURNING id
            """).first() != nil
        else { throw FundRefusal.alreadyAgreed }
        for due in ReportSchedule.dueDates(signedAt: instant, months: call.reportMonths) {
            try await db.raw("INSERT INTO business_reports (agreement_id, due_at) VALUES (\(bind: id), \(bind: due.epochSeconds))").run()
        }
        return Agreement(id: id, callID: call.id, applicationID: application, amount: amount, paid: .zero, reference: reference, signedAt: instant)
    }

    /// Records a payout under an agreement: the agreement's and the call's
    /// paid sums move in statements that check them, so of any number of
    /// payouts at once exactly those the agreement and the fund hold pass.
    public func recordPayout(
        id: String, agreement: String, in city: MunicipalityID, amount: Money, reference: String, by account: AccountID, at instant: Date
    ) async throws {
        guard amount > .zero else { throw FundRefusal.beyondAgreement }
        guard let row = try await db.raw("""
            UPDATE business_agreements SET paid = paid + \(bind: amount.kopiyky)
            WHERE id = \(bind: agreement) AND paid + \(bind: amount.kopiyky) <= amount
              AND call_id IN (SELECT id FROM business_calls WHERE municipality_id = \(bind: city.rawValue))
            RETURNING call_id
            """).first()
        else {
            let exists = try await db.raw("""
                SELECT 1 AS one FROM business_agreements a JOIN business_calls c ON c.id = a.call_id
                WHERE a.id = \(bind: agreement) AND c.municipality_id = \(bind: city.rawValue)
                """).first() != nil
            throw exists ? FundRefusal.beyondAgreement : FundRefusal.noSuchAgreement
        }
        let callID = try row.string("call_id")
        guard try await db.raw("""
            UPDATE business_calls SET paid = paid + \(bind: amount.kopiyky) WHERE id = \(bind: callID) AND paid + \(bind: amount.kopiyky) <= fund RETURNING id
            """).first() != nil
        else { throw FundRefusal.beyondFund }
        try await db.raw("""
            INSERT INTO business_payouts (id, agreement_id, call_id, amount, reference, paid_at, recorded_by)
            VALUES (\(bind: id), \(bind: agreement), \(bind: callID), \(bind: amount.kopiyky), \(bind: reference), \(bind: instant.epochSeconds), \(bind: account.rawValue))
            """).run()
    }

    public func agreements(of call: SupportCallID) async throws -> [Agreement] {
        try await db.raw("""
            SELECT id, call_id, application_id, amount, paid, reference, signed_at FROM business_agreements
            WHERE call_id = \(bind: call.rawValue) ORDER BY signed_at, id
            """).all().map(Self.decodeAgreement)
    }

    /// The agreement signed for an application, if there is one.
    public func agreement(for application: SupportApplicationID) async throws -> Agreement? {
        try await db.raw("""
            SELECT id, call_id, application_id, amount, paid, reference, signed_at FROM business_agreements
            WHERE application_id = \(bind: application.rawValue)
            """).first().map(Self.decodeAgreement)
    }

    /// An agreement by its id.
    public func agreement(_ id: String) async throws -> Agreement? {
        try await db.raw("""
            SELECT id, call_id, application_id, amount, paid, reference, signed_at FROM business_agreements WHERE id = \(bind: id)
            """).first().map(Self.decodeAgreement)
    }

    static func decodeAgreement(_ row: any SQLRow) throws -> Agreement {
        Agreement(
            id: try row.string("id"), callID: SupportCallID(rawValue: try row.string("call_id")),
            applicationID: SupportApplicationID(rawValue: try row.string("application_id")), amount: Money(kopiyky: try row.int("amount")),
            paid: Money(kopiyky: try row.int("paid")), reference: try row.string("reference"), signedAt: try row.date("signed_at"))
    }

    // MARK: Reports

    /// A report due from a recipient, filed or not.
    public struct DueReport: Sendable, Equatable {
        public let agreementID: String
        public let due: Date
        public let filedAt: Date?
        public let report: ResultReport?
    }

    public func reports(of agreement: String) async throws -> [DueReport] {
        try await db.raw("""
            SELECT agreement_id, due_at, filed_at, jobs_created, turnover, investment, note FROM business_reports
            WHERE agreement_id = \(bind: agreement) ORDER BY due_at
            """).all().map(Self.decodeReport)
    }

    /// The reports due under every agreement of a call, by agreement.
    public func reports(ofCall call: SupportCallID) async throws -> [String: [DueReport]] {
        let rows = try await db.raw("""
            SELECT r.agreement_id, r.due_at, r.filed_at, r.jobs_created, r.turnover, r.investment, r.note FROM business_reports r
            JOIN business_agreements a ON a.id = r.agreement_id WHERE a.call_id = \(bind: call.rawValue) ORDER BY r.agreement_id, r.due_at
            """).all()
        return Dictionary(grouping: try rows.map(Self.decodeReport), by: \.agreementID)
    }

    /// Files the report due at `due`; false when there is no such report or it is filed already.
    @discardableResult
    public func file(_ report: ResultReport, agreement: String, due: Date, at instant: Date) async throws -> Bool {
        try await db.raw("""
            UPDATE business_reports SET filed_at = \(bind: instant.epochSeconds), jobs_created = \(bind: report.jobsCreated),
                   turnover = \(bind: report.turnover.kopiyky), investment = \(bind: report.investment.kopiyky), note = \(bind: report.note)
            WHERE agreement_id = \(bind: agreement) AND due_at = \(bind: due.epochSeconds) AND filed_at IS NULL
            RETURNING agreement_id
            """).first() != nil
    }

    /// Unfiled reports to remind of now (due within the week, or overdue)
    /// not reminded since `remindedBefore`, each claimed by marking it.
    public func claimReminders(at instant: Date, remindedBefore: Date, limit: Int = 100) async throws -> [DueReport] {
        let horizon = instant.addingTimeInterval(Double(ReportSchedule.reminderDays) * 86_400)
        return try await db.raw("""
            UPDATE business_reports SET reminded_at = \(bind: instant.epochSeconds)
            WHERE (agreement_id, due_at) IN (
                SELECT agreement_id, due_at FROM business_reports
                WHERE filed_at IS NULL AND due_at <= \(bind: horizon.epochSeconds)
                  AND (reminded_at IS NULL OR reminded_at < \(bind: remindedBefore.epochSeconds))
                ORDER BY due_at LIMIT \(bind: limit))
            RETURNING agreement_id, due_at, filed_at, jobs_created, turnover, investment, note
            """).all().map(Self.decodeReport)
    }

    static func decodeReport(_ row: any SQLRow) throws -> DueReport {
        let filed = try row.optionalDate("filed_at")
        let report: ResultReport? = try filed.map { _ in
            ResultReport(
                jobsCreated: Int(try row.optionalInt("jobs_created") ?? 0), turnover: Money(kopiyky: try row.optionalInt("turnover") ?? 0),
                investment: Money(kopiyky: try row.optionalInt("investment") ?? 0), note: try row.optionalString("note") ?? "")
        }
        return DueReport(agreementID: try row.string("agreement_id"), due: try row.date("due_at"), filedAt: filed, report: report)
    }

    /// A year's figures of a city's calls, for the strategy's computed indicators.
    public struct YearFigures: Sendable, Equatable {
        /// Jobs created, by the reports filed in the year, and how many reports those were.
        public let jobs: Int64
        public let reports: Int
        /// What was paid in the year, and to how many recipients.
        public let paid: Money
        public let recipients: Int
    }

    /// The results reported and the support paid in a city from `start` until `end`.
    public func yearFigures(in city: MunicipalityID, from start: Date, until end: Date) async throws -> YearFigures {
        let reported = try await db.raw("""
            SELECT CAST(COALESCE(SUM(r.jobs_created), 0) AS BIGINT) AS total, COUNT(*) AS reports FROM business_reports r
            JOIN business_agreements a ON a.id = r.agreement_id JOIN business_calls c ON c.id = a.call_id
            WHERE c.municipality_id = \(bind: city.rawValue) AND r.filed_at >= \(bind: start.epochSeconds) AND r.filed_at < \(bind: end.epochSeconds)
            """).first()
        let paid = try await db.raw("""
            SELECT CAST(COALESCE(SUM(p.amount), 0) AS BIGINT) AS total, COUNT(DISTINCT p.agreement_id) AS recipients FROM business_payouts p
            JOIN business_calls c ON c.id = p.call_id
            WHERE c.municipality_id = \(bind: city.rawValue) AND p.paid_at >= \(bind: start.epochSeconds) AND p.paid_at < \(bind: end.epochSeconds)
            """).first()
        return YearFigures(
            jobs: try reported?.int("total") ?? 0, reports: Int(try reported?.int("reports") ?? 0),
            paid: Money(kopiyky: try paid?.int("total") ?? 0), recipients: Int(try paid?.int("recipients") ?? 0))
    }
}
