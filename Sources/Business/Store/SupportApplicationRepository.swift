import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// Applications to support calls (migration 0033): each application's
/// document and form, its documents, the committee's declared conflicts and
/// score sheets, and its line on the published list.
public struct SupportApplicationRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect

    /// An application as stored.
    public struct Stored: Sendable, Equatable {
        public let application: SupportApplication
        public let form: ApplicationForm
        /// Its steps so far: a change made from another version is not written.
        public let version: Int
        /// Its line on the published list, once there is one.
        public let rank: Int?
        public let verdict: AwardList.Verdict?
        public let totalHundredths: Int64?
    }

    private static let columns = "definition, form, version, rank, verdict, total_hundredths"

    static func decode(_ row: any SQLRow) throws -> Stored {
        Stored(
            application: try JSONColumn.value(SupportApplication.self, try row.string("definition")),
            form: try JSONColumn.value(ApplicationForm.self, try row.string("form")), version: Int(try row.int("version")),
            rank: try row.optionalInt("rank").map { Int($0) }, verdict: try row.optionalString("verdict").flatMap(AwardList.Verdict.init(rawValue:)),
            totalHundredths: try row.optionalInt("total_hundredths"))
    }

    /// Starts a person's draft for a call; nil when they have an application to it already (one per person per call).
    public func start(_ application: SupportApplication, form: ApplicationForm) async throws -> Stored? {
        guard try await db.raw("""
            INSERT INTO business_applications (id, call_id, municipality_id, account_id, state, version, definition, form)
            VALUES (\(bind: application.id.rawValue), \(bind: application.callID.rawValue), \(bind: application.city.rawValue),
                    \(bind: application.account.rawValue), \(bind: application.state.rawValue), 0, \(bind: try JSONColumn.text(application)),
                    \(bind: try JSONColumn.text(form)))
            ON CONFLICT (call_id, account_id) DO NOTHING RETURNING id
            """).first() != nil
        else { return nil }
        return Stored(application: application, form: form, version: 0, rank: nil, verdict: nil, totalHundredths: nil)
    }

    /// Writes the application's next state and form if it is still at
    /// `version`; false when someone (another tab, a colleague) came first.
    @discardableResult
    public func update(_ application: SupportApplication, form: ApplicationForm, fromVersion version: Int) async throws -> Bool {
        try await db.raw("""
            UPDATE business_applications SET state = \(bind: application.state.rawValue), submitted_at = \(bind: application.submittedAt?.epochSeconds),
                   definition = \(bind: try JSONColumn.text(application)), form = \(bind: try JSONColumn.text(form)), version = \(bind: version + 1)
            WHERE id = \(bind: application.id.rawValue) AND municipality_id = \(bind: application.city.rawValue) AND version = \(bind: version)
            RETURNING id
            """).first() != nil
    }

    /// Claims the applicant's code for this application at its submission:
    /// false when another application to the call has it (one application
    /// per applicant, whoever represents them). `key` is the code's keyed
    /// digest; the code itself is only in the private table.
    public func claimApplicant(_ key: String, for application: SupportApplicationID, call: SupportCallID) async throws -> Bool {
        try await dialect.lockUntilCommit("business-applicant:\(call.rawValue):\(key)", on: db)
        guard try await db.raw("""
            SELECT 1 AS taken FROM business_applications
            WHERE call_id = \(bind: call.rawValue) AND applicant_key = \(bind: key) AND id <> \(bind: application.rawValue)
            """).first() == nil
        else { return false }
        try await db.raw("UPDATE business_applications SET applicant_key = \(bind: key) WHERE id = \(bind: application.rawValue)").run()
        return true
    }

    public func application(_ id: SupportApplicationID, in city: MunicipalityID) async throws -> Stored? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM business_applications WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.decode)
    }

    /// An application whatever its city: for work that starts from a row
    /// of the module's own (a report's agreement), never from a request.
    public func application(anyCity id: SupportApplicationID) async throws -> Stored? {
        try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM business_applications WHERE id = \(bind: id.rawValue)").first().map(Self.decode)
    }

    /// A person's application to a call, if they started one.
    public func application(of account: AccountID, to call: SupportCallID) async throws -> Stored? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM business_applications WHERE call_id = \(bind: call.rawValue) AND account_id = \(bind: account.rawValue)
            """).first().map(Self.decode)
    }

    /// Every application a person made in a city, the newest first.
    public func applications(of account: AccountID, in city: MunicipalityID) async throws -> [Stored] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM business_applications
            WHERE account_id = \(bind: account.rawValue) AND municipality_id = \(bind: city.rawValue) ORDER BY id DESC LIMIT 200
            """).all().map(Self.decode)
    }

    /// A call's applications in the given states, the first submitted first.
    public func applications(to call: SupportCallID, states: [ApplicationState]) async throws -> [Stored] {
        guard !states.isEmpty else { return [] }
        return try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM business_applications
            WHERE call_id = \(bind: call.rawValue) AND state IN (\(binds: states.map(\.rawValue)))
            ORDER BY submitted_at IS NULL, submitted_at, id
            """).all().map(Self.decode)
    }

    /// How many of a call's applications are in each state.
    public func counts(of call: SupportCallID) async throws -> [ApplicationState: Int] {
        let rows = try await db.raw("""
            SELECT state, COUNT(*) AS n FROM business_applications WHERE call_id = \(bind: call.rawValue) GROUP BY state
            """).all()
        return Dictionary(uniqueKeysWithValues: try rows.compactMap { row in
            try ApplicationState(rawValue: row.string("state")).map { ($0, Int(try row.int("n"))) }
        })
    }

    // MARK: Personal data and documents

    /// The applicant's code and contacts, apart from everything published.
    public struct Private: Sendable, Equatable {
        public let code: String
        public let email: String
        public let phone: String

        public init(code: String, email: String, phone: String) {
            self.code = code
            self.email = email
            self.phone = phone
        }
    }

    public func putPrivate(_ details: Private, of application: SupportApplicationID) async throws {
        try await db.raw("""
            INSERT INTO business_applicant_private (application_id, code, email, phone)
            VALUES (\(bind: application.rawValue), \(bind: details.code), \(bind: details.email), \(bind: details.phone))
            ON CONFLICT (application_id) DO UPDATE SET code = excluded.code, email = excluded.email, phone = excluded.phone
            """).run()
    }

    public func privateDetails(of application: SupportApplicationID) async throws -> Private? {
        try await db.raw("SELECT code, email, phone FROM business_applicant_private WHERE application_id = \(bind: application.rawValue)")
            .first().map { Private(code: try $0.string("code"), email: try $0.string("email"), phone: try $0.string("phone")) }
    }

    /// Records that an attachment is the application's copy of a required document (a newer one replaces it).
    public func attach(_ attachment: AttachmentID, as document: String, to application: SupportApplicationID) async throws {
        try await db.raw("""
            INSERT INTO business_application_documents (application_id, document_id, attachment_id)
            VALUES (\(bind: application.rawValue), \(bind: document), \(bind: attachment.rawValue))
            ON CONFLICT (application_id, document_id) DO UPDATE SET attachment_id = excluded.attachment_id
            """).run()
    }

    /// The application's documents: required document id → attachment.
    public func documents(of application: SupportApplicationID) async throws -> [String: AttachmentID] {
        let rows = try await db.raw("""
            SELECT document_id, attachment_id FROM business_application_documents WHERE application_id = \(bind: application.rawValue)
            """).all()
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.string("document_id"), AttachmentID(rawValue: try $0.string("attachment_id"))) })
    }

    /// The documents of every application to a call, by application.
    public func documents(ofCall call: SupportCallID) async throws -> [SupportApplicationID: [String: AttachmentID]] {
        let rows = try await db.raw("""
            SELECT d.application_id, d.document_id, d.attachment_id FROM business_application_documents d
            JOIN business_applications a ON a.id = d.application_id WHERE a.call_id = \(bind: call.rawValue)
            """).all()
        var documents: [SupportApplicationID: [String: AttachmentID]] = [:]
        for row in rows {
            documents[SupportApplicationID(rawValue: try row.string("application_id")), default: [:]][try row.string("document_id")] =
                AttachmentID(rawValue: try row.string("attachment_id"))
        }
        return documents
    }

    // MARK: The committee

    /// A member declares a conflict of interest; from then on the
    /// application is hidden from them and their sheet, if any, no longer counts.
    public func declareConflict(_ member: AccountID, on application: SupportApplicationID, at instant: Date) async throws {
        try await lockSheet(of: member, on: application)
        try await db.raw("""
            INSERT INTO business_conflicts (application_id, member_id, declared_at)
            VALUES (\(bind: application.rawValue), \(bind: member.rawValue), \(bind: instant.epochSeconds))
            ON CONFLICT (application_id, member_id) DO NOTHING
            """).run()
        try await db.raw("DELETE FROM business_scores WHERE application_id = \(bind: application.rawValue) AND member_id = \(bind: member.rawValue)").run()
    }

    /// A member's sheet and their conflict on an application are written one at a time, so a conflict declared
    /// while they score never leaves a sheet behind it.
    private func lockSheet(of member: AccountID, on application: SupportApplicationID) async throws {
        try await dialect.lockUntilCommit("business-sheet:\(application.rawValue):\(member.rawValue)", on: db)
    }

    public func hasConflict(_ member: AccountID, on application: SupportApplicationID) async throws -> Bool {
        try await db.raw("""
            SELECT 1 AS declared FROM business_conflicts WHERE application_id = \(bind: application.rawValue) AND member_id = \(bind: member.rawValue)
            """).first() != nil
    }

    /// The members who declared a conflict on an application.
    public func conflicts(on application: SupportApplicationID) async throws -> [AccountID] {
        try await db.raw("SELECT member_id FROM business_conflicts WHERE application_id = \(bind: application.rawValue) ORDER BY declared_at, member_id")
            .all().map { AccountID(rawValue: try $0.string("member_id")) }
    }

    /// Saves a member's sheet (again, until the list is published); false
    /// when they declared a conflict on it, in the same statement.
    @discardableResult
    public func score(_ sheet: ScoreSheet, on application: SupportApplicationID, at instant: Date) async throws -> Bool {
        try await lockSheet(of: sheet.member, on: application)
        return try await db.raw("""
            INSERT INTO business_scores (application_id, member_id, sheet, scored_at)
            SELECT \(bind: application.rawValue), \(bind: sheet.member.rawValue), \(bind: try JSONColumn.text(sheet)), \(bind: instant.epochSeconds)
            WHERE NOT EXISTS (SELECT 1 FROM business_conflicts WHERE application_id = \(bind: application.rawValue) AND member_id = \(bind: sheet.member.rawValue))
            ON CONFLICT (application_id, member_id) DO UPDATE SET sheet = excluded.sheet, scored_at = excluded.scored_at
            RETURNING member_id
            """).first() != nil
    }

    /// Every sheet of an application, by member.
    public func sheets(of application: SupportApplicationID) async throws -> [ScoreSheet] {
        try await db.raw("SELECT sheet FROM business_scores WHERE application_id = \(bind: application.rawValue) ORDER BY member_id")
            .all().map { try JSONColumn.value(ScoreSheet.self, try $0.string("sheet")) }
    }

    /// Every sheet of a call's applications, by application.
    public func sheets(of call: SupportCallID) async throws -> [SupportApplicationID: [ScoreSheet]] {
        let rows = try await db.raw("""
            SELECT s.application_id, s.sheet FROM business_scores s JOIN business_applications a ON a.id = s.application_id
            WHERE a.call_id = \(bind: call.rawValue) ORDER BY s.application_id, s.member_id
            """).all()
        var sheets: [SupportApplicationID: [ScoreSheet]] = [:]
        for row in rows {
            sheets[SupportApplicationID(rawValue: try row.string("application_id")), default: []]
                .append(try JSONColumn.value(ScoreSheet.self, try row.string("sheet")))
        }
        return sheets
    }

    /// The applications with the committee that a member may see: accepted, and no conflict declared by them.
    public func forCommittee(_ member: AccountID, call: SupportCallID) async throws -> [Stored] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM business_applications a
            WHERE a.call_id = \(bind: call.rawValue) AND a.state = \(bind: ApplicationState.accepted.rawValue)
              AND NOT EXISTS (SELECT 1 FROM business_conflicts c WHERE c.application_id = a.id AND c.member_id = \(bind: member.rawValue))
            ORDER BY a.submitted_at, a.id
            """).all().map(Self.decode)
    }

    /// Writes an application's line on the published list.
    public func place(_ line: AwardList.Line) async throws {
        try await db.raw("""
            UPDATE business_applications SET rank = \(bind: line.rank), verdict = \(bind: line.verdict.rawValue),
                   total_hundredths = \(bind: line.candidate.total.hundredths)
            WHERE id = \(bind: line.candidate.id.rawValue)
            """).run()
    }
}
