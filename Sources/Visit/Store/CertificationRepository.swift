import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The hospitality standard's store (migration 0036): checklist versions,
/// each place's certification kept whole as its document and changed only
/// from the revision it was read at, the certificates, the slots staff
/// offer, and visitors' ratings and reports. Every read names the city.
public struct CertificationRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect

    // MARK: The checklist

    /// Publishes a version; false when the city already has that version (a version never changes).
    public func publish(_ checklist: HospitalityChecklist, in city: MunicipalityID, at instant: Date) async throws -> Bool {
        try await db.raw("""
            INSERT INTO visit_cert_checklists (municipality_id, version, definition, published_at)
            VALUES (\(bind: city.rawValue), \(bind: checklist.version), \(bind: try JSONColumn.text(checklist)), \(bind: instant.epochSeconds))
            ON CONFLICT (municipality_id, version) DO NOTHING RETURNING version
            """).first() != nil
    }

    public func checklist(version: Int, in city: MunicipalityID) async throws -> HospitalityChecklist? {
        try await db.raw("""
            SELECT definition FROM visit_cert_checklists WHERE municipality_id = \(bind: city.rawValue) AND version = \(bind: version)
            """).first().map { try JSONColumn.value(HospitalityChecklist.self, try $0.string("definition")) }
    }

    /// The newest version, the one new rounds are assessed on.
    public func currentChecklist(in city: MunicipalityID) async throws -> HospitalityChecklist? {
        try await db.raw("""
            SELECT definition FROM visit_cert_checklists WHERE municipality_id = \(bind: city.rawValue) ORDER BY version DESC LIMIT 1
            """).first().map { try JSONColumn.value(HospitalityChecklist.self, try $0.string("definition")) }
    }

    // MARK: Certifications

    public struct Stored: Sendable, Equatable {
        public let certification: Certification
        /// Moved by every change; a change is written only from the revision it was decided on.
        public let revision: Int64
    }

    static func stored(_ row: any SQLRow) throws -> Stored {
        Stored(certification: try JSONColumn.value(Certification.self, try row.string("definition")), revision: try row.int("revision"))
    }

    /// Applies for a place: the new certification, or the one the place already has (then `created` is false).
    public func apply(_ certification: Certification, at instant: Date) async throws -> (stored: Stored, created: Bool) {
        let inserted = try await db.raw("""
            INSERT INTO visit_certifications (id, municipality_id, place_id, applicant_id, state, revision, definition, created_at, updated_at)
            VALUES (\(bind: certification.id.rawValue), \(bind: certification.city.rawValue), \(bind: certification.place.rawValue),
                    \(bind: certification.applicant.rawValue), \(bind: certification.state.rawValue), 1, \(bind: try JSONColumn.text(certification)),
                    \(bind: instant.epochSeconds), \(bind: instant.epochSeconds))
            ON CONFLICT (municipality_id, place_id) DO NOTHING RETURNING id
            """).first() != nil
        guard let stored = try await self.certification(place: certification.place, in: certification.city) else { throw StoreError.unexpectedResult("the certification of a place") }
        return (stored, inserted)
    }

    public func certification(_ id: CertificationID, in city: MunicipalityID) async throws -> Stored? {
        try await db.raw("""
            SELECT definition, revision FROM visit_certifications WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.stored)
    }

    public func certification(place: PlaceID, in city: MunicipalityID) async throws -> Stored? {
        try await db.raw("""
            SELECT definition, revision FROM visit_certifications WHERE place_id = \(bind: place.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.stored)
    }

    /// A city's certifications, the latest changed first; of some states only when given.
    public func certifications(in city: MunicipalityID, states: [CertificationState] = [], limit: Int = 1_000) async throws -> [Stored] {
        let codes = (states.isEmpty ? CertificationState.allCases : states).map(\.rawValue)
        return try await db.raw("""
            SELECT definition, revision FROM visit_certifications WHERE municipality_id = \(bind: city.rawValue) AND state IN (\(binds: codes))
            ORDER BY updated_at DESC, id LIMIT \(bind: limit)
            """).all().map(Self.stored)
    }

    /// The certifications a person applied for in a city.
    public func certifications(of applicant: AccountID, in city: MunicipalityID) async throws -> [Stored] {
        try await db.raw("""
            SELECT definition, revision FROM visit_certifications
            WHERE municipality_id = \(bind: city.rawValue) AND applicant_id = \(bind: applicant.rawValue) ORDER BY created_at, id
            """).all().map(Self.stored)
    }

    /// Writes a changed certification if it is still at `revision`; false when another change came first.
    public func update(_ certification: Certification, from revision: Int64, at instant: Date) async throws -> Bool {
        try await db.raw("""
            UPDATE visit_certifications SET state = \(bind: certification.state.rawValue), definition = \(bind: try JSONColumn.text(certification)),
                flagged_at = \(bind: certification.flaggedAt?.epochSeconds), revision = revision + 1, updated_at = \(bind: instant.epochSeconds)
            WHERE id = \(bind: certification.id.rawValue) AND municipality_id = \(bind: certification.city.rawValue) AND revision = \(bind: revision)
            RETURNING id
            """).first() != nil
    }

    // MARK: Certificates

    private static let certificateColumns = """
        id, municipality_id, certification_id, place_id, level, score_met, score_applicable, checklist_version, issued_at, valid_until, \
        withdrawn_at, withdrawn_reason, replaced_by
        """

    static func certificate(_ row: any SQLRow) throws -> Certificate {
        Certificate(
            id: CertificateID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            certification: CertificationID(rawValue: try row.string("certification_id")), place: PlaceID(rawValue: try row.string("place_id")),
            level: CertificationLevel(rawValue: try row.string("level")) ?? .certified,
            score: AssessmentScore(met: Int(try row.int("score_met")), applicable: Int(try row.int("score_applicable"))),
            checklistVersion: Int(try row.int("checklist_version")), issuedAt: try row.date("issued_at"), validUntil: try row.date("valid_until"),
            withdrawnAt: try row.optionalDate("withdrawn_at"), withdrawnReason: try row.optionalString("withdrawn_reason"),
            replacedBy: try row.optionalString("replaced_by").map(CertificateID.init(rawValue:)))
    }

    /// Stores an issued certificate of a round; false when that round already has one (two decisions at once).
    public func insert(_ certificate: Certificate, round: Int) async throws -> Bool {
        try await db.raw("""
            INSERT INTO visit_certificates (id, municipality_id, certification_id, round, place_id, level, score_met, score_applicable,
                checklist_version, issued_at, valid_until)
            VALUES (\(bind: certificate.id.rawValue), \(bind: certificate.city.rawValue), \(bind: certificate.certification.rawValue), \(bind: round),
                    \(bind: certificate.place.rawValue), \(bind: certificate.level.rawValue), \(bind: certificate.score.met),
                    \(bind: certificate.score.applicable), \(bind: certificate.checklistVersion), \(bind: certificate.issuedAt.epochSeconds),
                    \(bind: certificate.validUntil.epochSeconds))
            ON CONFLICT (certification_id, round) DO NOTHING RETURNING id
            """).first() != nil
    }

    public func certificate(_ id: CertificateID, in city: MunicipalityID) async throws -> Certificate? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.certificateColumns) FROM visit_certificates WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.certificate)
    }

    /// Every certificate of a city, the newest first (the register, open data).
    public func certificates(in city: MunicipalityID, limit: Int = 10_000) async throws -> [Certificate] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.certificateColumns) FROM visit_certificates WHERE municipality_id = \(bind: city.rawValue)
            ORDER BY issued_at DESC, id LIMIT \(bind: limit)
            """).all().map(Self.certificate)
    }

    /// Every certificate of one certification, the newest first.
    public func certificates(of certification: CertificationID) async throws -> [Certificate] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.certificateColumns) FROM visit_certificates WHERE certification_id = \(bind: certification.rawValue)
            ORDER BY issued_at DESC, id
            """).all().map(Self.certificate)
    }

    public func withdraw(_ id: CertificateID, reason: String, at instant: Date) async throws {
        try await db.raw("""
            UPDATE visit_certificates SET withdrawn_at = \(bind: instant.epochSeconds), withdrawn_reason = \(bind: reason)
            WHERE id = \(bind: id.rawValue) AND withdrawn_at IS NULL
            """).run()
    }

    public func replace(_ id: CertificateID, by newer: CertificateID) async throws {
        try await db.raw("""
            UPDATE visit_certificates SET replaced_by = \(bind: newer.rawValue) WHERE id = \(bind: id.rawValue) AND replaced_by IS NULL
            """).run()
    }

    /// Certificates whose date has passed and whose expiry is not recorded yet,
    /// each claimed by recording it (two servers never both record one).
    public func claimExpired(at instant: Date, limit: Int = 100) async throws -> [Certificate] {
        try await db.raw("""
            UPDATE visit_certificates SET expired_at = \(bind: instant.epochSeconds)
            WHERE id IN (SELECT id FROM visit_certificates WHERE expired_at IS NULL AND withdrawn_at IS NULL AND replaced_by IS NULL
                         AND valid_until <= \(bind: instant.epochSeconds) ORDER BY valid_until LIMIT \(bind: limit))
            RETURNING \(unsafeRaw: Self.certificateColumns)
            """).all().map(Self.certificate)
    }

    /// Certificates in force due a reminder (`ExpiryReminder`), each claimed
    /// by marking it: first those within 30 days (marking the 90-day one too,
    /// so a late first look sends one letter), then those within 90.
    public func claimReminders(at instant: Date, limit: Int = 100) async throws -> [(certificate: Certificate, days: Int)] {
        let now = instant.epochSeconds
        let within30 = instant.addingTimeInterval(30 * 86_400).epochSeconds, within90 = instant.addingTimeInterval(90 * 86_400).epochSeconds
        let late = try await db.raw("""
            UPDATE visit_certificates SET reminded_30_at = \(bind: now), reminded_90_at = COALESCE(reminded_90_at, \(bind: now))
            WHERE id IN (SELECT id FROM visit_certificates WHERE withdrawn_at IS NULL AND replaced_by IS NULL AND reminded_30_at IS NULL
                         AND valid_until > \(bind: now) AND valid_until <= \(bind: within30) ORDER BY valid_until LIMIT \(bind: limit))
            RETURNING \(unsafeRaw: Self.certificateColumns)
            """).all().map { (certificate: try Self.certificate($0), days: 30) }
        let early = try await db.raw("""
            UPDATE visit_certificates SET reminded_90_at = \(bind: now)
            WHERE id IN (SELECT id FROM visit_certificates WHERE withdrawn_at IS NULL AND replaced_by IS NULL AND reminded_90_at IS NULL
                         AND reminded_30_at IS NULL AND valid_until > \(bind: now) AND valid_until <= \(bind: within90)
                         ORDER BY valid_until LIMIT \(bind: limit))
            RETURNING \(unsafeRaw: Self.certificateColumns)
            """).all().map { (certificate: try Self.certificate($0), days: 90) }
        return late + early
    }

    // MARK: Slots

    public struct Slot: Sendable, Equatable {
        public let id: AssessmentSlotID
        public let city: MunicipalityID
        public let startsAt: Date
        public let assessor: AccountID
        public let certification: CertificationID?
    }

    static func slot(_ row: any SQLRow) throws -> Slot {
        Slot(
            id: AssessmentSlotID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            startsAt: try row.date("starts_at"), assessor: AccountID(rawValue: try row.string("assessor_id")),
            certification: try row.optionalString("certification_id").map(CertificationID.init(rawValue:)))
    }

    public func offer(_ slot: Slot, at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO visit_cert_slots (id, municipality_id, starts_at, assessor_id, created_at)
            VALUES (\(bind: slot.id.rawValue), \(bind: slot.city.rawValue), \(bind: slot.startsAt.epochSeconds), \(bind: slot.assessor.rawValue),
                    \(bind: instant.epochSeconds))
            """).run()
    }

    /// A city's slots from `from` on, the earliest first; free ones only when asked.
    public func slots(in city: MunicipalityID, from: Date, freeOnly: Bool = false, limit: Int = 200) async throws -> [Slot] {
        try await db.raw("""
            SELECT id, municipality_id, starts_at, assessor_id, certification_id FROM visit_cert_slots
            WHERE municipality_id = \(bind: city.rawValue) AND starts_at > \(bind: from.epochSeconds)
            \(unsafeRaw: freeOnly ? "AND certification_id IS NULL" : "") ORDER BY starts_at, id LIMIT \(bind: limit)
            """).all().map(Self.slot)
    }

    /// Takes a free slot for a certification: nil when it is taken, gone, past or another city's.
    public func claim(_ id: AssessmentSlotID, for certification: CertificationID, in city: MunicipalityID, at instant: Date) async throws -> Slot? {
        try await db.raw("""
            UPDATE visit_cert_slots SET certification_id = \(bind: certification.rawValue)
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue) AND certification_id IS NULL
              AND starts_at > \(bind: instant.epochSeconds)
            RETURNING id, municipality_id, starts_at, assessor_id, certification_id
            """).first().map(Self.slot)
    }

    // MARK: Ratings and reports

    /// Rates a place once per `VisitorRating.spacingDays` per person, decided
    /// under a lock on the person and the certification: false when they rated it within the spacing.
    public func rate(_ rating: VisitorRating, of certification: CertificationID, by account: AccountID) async throws -> Bool {
        try await dialect.lockUntilCommit("visit-rating:\(certification.rawValue):\(account.rawValue)", on: db)
        let last = try await db.raw("""
            SELECT MAX(rated_at) AS last FROM visit_cert_ratings
            WHERE certification_id = \(bind: certification.rawValue) AND account_id = \(bind: account.rawValue)
            """).first()?.optionalDate("last")
        guard VisitorRating.mayRate(last: last, at: rating.at) else { return false }
        try await db.raw("""
            INSERT INTO visit_cert_ratings (certification_id, account_id, rated_at, stars)
            VALUES (\(bind: certification.rawValue), \(bind: account.rawValue), \(bind: rating.at.epochSeconds), \(bind: rating.stars))
            ON CONFLICT DO NOTHING
            """).run()
        return true
    }

    public func lastRating(of certification: CertificationID, by account: AccountID) async throws -> Date? {
        try await db.raw("""
            SELECT MAX(rated_at) AS last FROM visit_cert_ratings
            WHERE certification_id = \(bind: certification.rawValue) AND account_id = \(bind: account.rawValue)
            """).first()?.optionalDate("last")
    }

    /// The newest ratings' stars, newest first.
    public func ratings(of certification: CertificationID, limit: Int = ComplaintPattern.ratingsConsidered) async throws -> [Int] {
        try await db.raw("""
            SELECT stars FROM visit_cert_ratings WHERE certification_id = \(bind: certification.rawValue)
            ORDER BY rated_at DESC, account_id LIMIT \(bind: limit)
            """).all().map { Int(try $0.int("stars")) }
    }

    /// How many ratings and their sum, for the place's mean.
    public func ratingTotals(of certification: CertificationID) async throws -> (count: Int, sum: Int) {
        let row = try await db.raw("""
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(stars), 0) AS BIGINT) AS total FROM visit_cert_ratings WHERE certification_id = \(bind: certification.rawValue)
            """).first()
        return (Int(try row?.int("n") ?? 0), Int(try row?.int("total") ?? 0))
    }

    public struct Report: Sendable, Equatable {
        public let id: String
        public let certification: CertificationID
        public let account: AccountID
        public let body: String
        public let state: ReportState
        public let createdAt: Date
    }

    public func report(id: String, of certification: CertificationID, by account: AccountID, body: String, at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO visit_cert_reports (id, certification_id, account_id, body, state, created_at)
            VALUES (\(bind: id), \(bind: certification.rawValue), \(bind: account.rawValue), \(bind: body), \(bind: ReportState.open.rawValue),
                    \(bind: instant.epochSeconds))
            """).run()
    }

    /// A certification's reports, the newest first.
    public func reports(of certification: CertificationID, limit: Int = 200) async throws -> [Report] {
        try await db.raw("""
            SELECT id, certification_id, account_id, body, state, created_at FROM visit_cert_reports
            WHERE certification_id = \(bind: certification.rawValue) ORDER BY created_at DESC, id LIMIT \(bind: limit)
            """).all().map { row in
                Report(
                    id: try row.string("id"), certification: CertificationID(rawValue: try row.string("certification_id")),
                    account: AccountID(rawValue: try row.string("account_id")), body: try row.string("body"),
                    state: ReportState(rawValue: try row.string("state")) ?? .open, createdAt: try row.date("created_at"))
            }
    }

    /// Upholds or dismisses a report of a certification; false when there is no such report.
    public func decideReport(_ id: String, of certification: CertificationID, as state: ReportState, at instant: Date) async throws -> Bool {
        try await db.raw("""
            UPDATE visit_cert_reports SET state = \(bind: state.rawValue), decided_at = \(bind: instant.epochSeconds)
            WHERE id = \(bind: id) AND certification_id = \(bind: certification.rawValue) RETURNING id
            """).first() != nil
    }
}

extension Repositories {
    /// The hospitality standard: its checklist, certifications, certificates, slots, ratings and reports.
    public var certification: CertificationRepository { .init(db: db, dialect: dialect) }
}
