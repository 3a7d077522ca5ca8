import Foundation
import HromadaDomain

public struct CertificationID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct CertificateID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct AssessmentSlotID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// Every rule of the standard a step can break; the web layer says each in the reader's language.
public enum CertificationProblem: Error, Equatable, Sendable {
    case unknownCriterion(String)
    case requiredNotApplicable(String)
    case noteTooLong(String)
    case tooManyPhotos(String)
    case unanswered([String])
    case wrongChecklistVersion
    /// The step is not one the certification's state allows.
    case notNow(CertificationState)
    case slotInThePast
    case notYourAssessment
    case assessmentFailed
    case reasonLength
    case noCertificate
}

/// Where a place stands in the certification cycle.
public enum CertificationState: String, CaseIterable, Codable, Sendable {
    case applied
    case selfAssessed = "self_assessed"
    case booked
    /// Assessed and passing: the certification staff decide.
    case assessed
    /// Assessed and failing (a required criterion not met, or below the threshold); may be assessed again.
    case notCertified = "not_certified"
    case certified
    case expired
    case withdrawn
}

/// An assessment booked on a slot the staff offered: when, and who assesses.
public struct AssessmentBooking: Sendable, Equatable, Codable {
    public let slot: AssessmentSlotID
    public let startsAt: Date
    public let assessor: AccountID

    public init(slot: AssessmentSlotID, startsAt: Date, assessor: AccountID) {
        self.slot = slot
        self.startsAt = startsAt
        self.assessor = assessor
    }
}

/// A submitted assessment, kept for ever: the sheet, its outcome, who and when.
public struct AssessmentRound: Sendable, Equatable, Codable {
    public let number: Int
    public let sheet: AssessmentSheet
    public let outcome: AssessmentOutcome
    public let assessor: AccountID
    public let submittedAt: Date
}

/// Why a certified place is to be assessed again.
public enum ReassessmentReason: String, Codable, Sendable {
    /// The certification staff ordered it.
    case ordered
    /// Visitors' complaints or ratings made the pattern (`ComplaintPattern`).
    case complaints
}

/// A place's way through the standard, from its application to its
/// certificate and after: the one state machine of the cycle. Each step is
/// a method that changes it or throws; pages never set its state.
public struct Certification: Sendable, Equatable, Codable {
    public let id: CertificationID
    public let city: MunicipalityID
    public let place: PlaceID
    public let applicant: AccountID
    public let appliedAt: Date
    public private(set) var state: CertificationState
    /// The checklist version of the round under way.
    public private(set) var checklistVersion: Int
    public private(set) var selfAssessment: AssessmentSheet?
    public private(set) var booking: AssessmentBooking?
    /// The assessor's sheet as saved section by section.
    public private(set) var draft: AssessmentSheet?
    public private(set) var rounds: [AssessmentRound]
    /// The certificate in force, if any (expired and withdrawn ones are not).
    public private(set) var certificate: CertificateID?
    public private(set) var reassessment: ReassessmentReason?
    /// When visitors' complaints made the pattern; cleared by a new certificate.
    public private(set) var flaggedAt: Date?
    public private(set) var withdrawnReason: String?
    /// The applicant's phone for the assessor's visit: never published.
    public var contactPhone: String

    /// A certificate is valid two years from the decision.
    public static let validityYears = 2
    public static let reasonLength = 5...500

    public init(id: CertificationID, city: MunicipalityID, place: PlaceID, applicant: AccountID, checklistVersion: Int, contactPhone: String = "", at instant: Date) {
        self.id = id
        self.city = city
        self.place = place
        self.applicant = applicant
        self.appliedAt = instant
        self.state = .applied
        self.checklistVersion = checklistVersion
        self.rounds = []
        self.contactPhone = contactPhone
    }

    /// The applicant's own checklist, whole, on the current version: from a
    /// new application, or again after a failure, expiry or withdrawal (re-applying).
    public mutating func selfAssess(_ sheet: AssessmentSheet, on checklist: HospitalityChecklist) throws(CertificationProblem) {
        guard [.applied, .selfAssessed, .notCertified, .expired, .withdrawn].contains(state) else { throw .notNow(state) }
        _ = try checklist.evaluate(sheet)
        selfAssessment = sheet
        checklistVersion = checklist.version
        booking = nil
        draft = nil
        state = .selfAssessed
    }

    /// Whether an assessment may be booked now: after the self-assessment, after a failure, or a certified place ordered to be assessed again.
    public var maybeBooked: Bool {
        switch state {
        case .selfAssessed, .notCertified: true
        case .certified: reassessment != nil
        default: false
        }
    }

    /// Books an offered slot; the assessor will fill the current checklist version.
    public mutating func book(_ booking: AssessmentBooking, checklist: HospitalityChecklist, at instant: Date) throws(CertificationProblem) {
        guard maybeBooked else { throw .notNow(state) }
        guard booking.startsAt > instant else { throw .slotInThePast }
        self.booking = booking
        checklistVersion = checklist.version
        draft = AssessmentSheet(checklistVersion: checklist.version)
        state = .booked
    }

    /// The assessor saves what they marked in one section; only the booked assessor may.
    public mutating func saveSection(
        _ section: StandardSection, _ answers: [String: CriterionAnswer], on checklist: HospitalityChecklist, by assessor: AccountID
    ) throws(CertificationProblem) {
        guard state == .booked, var sheet = draft else { throw .notNow(state) }
        guard booking?.assessor == assessor else { throw .notYourAssessment }
        for id in answers.keys.sorted() where checklist.criterion(id)?.section != section { throw .unknownCriterion(id) }
        try sheet.record(answers, on: checklist)
        draft = sheet
    }

    /// Adds a photo taken on site to a criterion's evidence in the draft.
    public mutating func attachPhoto(_ photo: String, to criterion: String, on checklist: HospitalityChecklist, by assessor: AccountID) throws(CertificationProblem) {
        guard state == .booked, var sheet = draft else { throw .notNow(state) }
        guard booking?.assessor == assessor else { throw .notYourAssessment }
        guard checklist.criterion(criterion) != nil else { throw .unknownCriterion(criterion) }
        var answer = sheet.answers[criterion] ?? CriterionAnswer(mark: .notMet)
        answer.photos.append(photo)
        try sheet.record([criterion: answer], on: checklist)
        draft = sheet
    }

    /// What a submitted assessment did.
    public struct Submitted: Sendable, Equatable {
        public let round: AssessmentRound
        /// The certificate in force that a failed re-assessment ends (withdrawn with the reason "failed re-assessment").
        public let endsCertificate: CertificateID?
    }

    /// The assessor submits the whole sheet: passing, it waits for the staff's
    /// decision; failing (a required criterion not met, or a low score), no
    /// certificate, and a certificate still in force ends.
    public mutating func submitAssessment(on checklist: HospitalityChecklist, by assessor: AccountID, at instant: Date) throws(CertificationProblem) -> Submitted {
        guard state == .booked, let sheet = draft else { throw .notNow(state) }
        guard booking?.assessor == assessor else { throw .notYourAssessment }
        let outcome = try checklist.evaluate(sheet)
        let round = AssessmentRound(number: rounds.count + 1, sheet: sheet, outcome: outcome, assessor: assessor, submittedAt: instant)
        rounds.append(round)
        draft = nil
        var ended: CertificateID?
        if outcome.level.passes {
            state = .assessed
        } else {
            state = .notCertified
            ended = certificate
            certificate = nil
            reassessment = nil
        }
        return Submitted(round: round, endsCertificate: ended)
    }

    /// The last submitted round, if any.
    public var lastRound: AssessmentRound? { rounds.last }

    /// The staff issue the certificate from a passing assessment: valid two
    /// years from the decision. Returns the certificate; the one it replaces (if any) in `replaced`.
    public mutating func issue(_ id: CertificateID, at instant: Date) throws(CertificationProblem) -> (certificate: Certificate, replaced: CertificateID?) {
        guard state == .assessed, let round = lastRound else { throw .notNow(state) }
        guard round.outcome.level.passes else { throw .assessmentFailed }
        let replaced = certificate
        let issued = Certificate(
            id: id, city: city, certification: self.id, place: place, level: round.outcome.level, score: round.outcome.score,
            checklistVersion: round.sheet.checklistVersion, issuedAt: instant, validUntil: Self.validUntil(from: instant))
        certificate = id
        state = .certified
        reassessment = nil
        flaggedAt = nil
        withdrawnReason = nil
        booking = nil
        return (issued, replaced)
    }

    /// Two calendar years later, in Kyiv time (29 February gives 28 February).
    public static func validUntil(from instant: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? TimeZone(secondsFromGMT: 7200) ?? .current
        return calendar.date(byAdding: .year, value: validityYears, to: instant) ?? instant.addingTimeInterval(Double(validityYears) * 365 * 86_400)
    }

    /// The staff withdraw the certificate in force, saying why (shown on the verification page).
    public mutating func withdraw(reason: String) throws(CertificationProblem) -> CertificateID {
        guard let current = certificate else { throw .noCertificate }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.reasonLength.contains(reason.count) else { throw .reasonLength }
        certificate = nil
        withdrawnReason = reason
        reassessment = nil
        booking = nil
        draft = nil
        state = .withdrawn
        return current
    }

    /// The certificate's date has passed. A place being assessed again keeps its round going.
    public mutating func expire(_ id: CertificateID) {
        guard certificate == id else { return }
        certificate = nil
        if state == .certified { state = .expired }
    }

    /// The staff order a re-assessment of a certified place (or the complaints do).
    public mutating func orderReassessment(_ reason: ReassessmentReason) throws(CertificationProblem) {
        guard state == .certified, certificate != nil else { throw .notNow(state) }
        reassessment = reason
    }

    /// Marks the complaints' pattern once; true when newly flagged.
    public mutating func flag(at instant: Date) -> Bool {
        guard certificate != nil, flaggedAt == nil else { return false }
        flaggedAt = instant
        return true
    }
}

/// A certificate as the door's QR code verifies it.
public struct Certificate: Sendable, Equatable, Codable {
    public let id: CertificateID
    public let city: MunicipalityID
    public let certification: CertificationID
    public let place: PlaceID
    public let level: CertificationLevel
    public let score: AssessmentScore
    public let checklistVersion: Int
    public let issuedAt: Date
    public let validUntil: Date
    public var withdrawnAt: Date?
    public var withdrawnReason: String?
    /// The certificate a later assessment put in its place.
    public var replacedBy: CertificateID?

    public init(
        id: CertificateID, city: MunicipalityID, certification: CertificationID, place: PlaceID, level: CertificationLevel, score: AssessmentScore,
        checklistVersion: Int, issuedAt: Date, validUntil: Date, withdrawnAt: Date? = nil, withdrawnReason: String? = nil, replacedBy: CertificateID? = nil
    ) {
        self.id = id
        self.city = city
        self.certification = certification
        self.place = place
        self.level = level
        self.score = score
        self.checklistVersion = checklistVersion
        self.issuedAt = issuedAt
        self.validUntil = validUntil
        self.withdrawnAt = withdrawnAt
        self.withdrawnReason = withdrawnReason
        self.replacedBy = replacedBy
    }

    public enum Status: String, Sendable, Equatable, CaseIterable {
        case valid, expired, withdrawn, replaced
    }

    /// Withdrawn whenever it was withdrawn, replaced once a newer one is
    /// issued; else expired from its last instant on; else valid.
    public func status(at instant: Date) -> Status {
        if withdrawnAt != nil { return .withdrawn }
        if replacedBy != nil { return .replaced }
        return instant >= validUntil ? .expired : .valid
    }
}
