import Foundation
import HromadaDomain

/// What the applicant plans to do with the support.
public struct ProjectPlan: Sendable, Equatable, Codable {
    public var title: String
    public var plan: String
    public var requested: Money
    /// Jobs the project will create, as the applicant promises.
    public var jobsPlanned: Int

    public static let titleLength = 3...200
    public static let planLength = 50...20_000
    public static let jobRange = 0...10_000

    public init(title: String, plan: String, requested: Money, jobsPlanned: Int) {
        self.title = title
        self.plan = plan
        self.requested = requested
        self.jobsPlanned = jobsPlanned
    }
}

/// Why an application cannot go to a call, each naming the field a person fixes.
public enum EligibilityFailure: Hashable, Sendable {
    case kindNotAllowed
    case sizeNotAllowed
    case sectorNotAllowed
    case notInHromada
    case taxDebtNotDeclared
    /// The ЄДРПОУ's check digit, or the РНОКПП's, does not hold.
    case codeInvalid
    case amountNotPositive
    case amountOverMaximum
    /// A required document (its id) is not attached.
    case documentMissing(String)

    /// The form's field it is beside.
    public var field: String {
        switch self {
        case .kindNotAllowed: "kind"
        case .sizeNotAllowed: "size"
        case .sectorNotAllowed: "activity"
        case .notInHromada: "registeredInHromada"
        case .taxDebtNotDeclared: "declaresNoTaxDebt"
        case .codeInvalid: "code"
        case .amountNotPositive, .amountOverMaximum: "requested"
        case .documentMissing(let id): "document-\(id)"
        }
    }

    /// Its locale key under `business.eligibility.`.
    public var key: String {
        switch self {
        case .kindNotAllowed: "kind_not_allowed"
        case .sizeNotAllowed: "size_not_allowed"
        case .sectorNotAllowed: "sector_not_allowed"
        case .notInHromada: "not_in_hromada"
        case .taxDebtNotDeclared: "tax_debt_not_declared"
        case .codeInvalid: "code_invalid"
        case .amountNotPositive: "amount_not_positive"
        case .amountOverMaximum: "amount_over_maximum"
        case .documentMissing: "document_missing"
        }
    }
}

extension SupportCall {
    /// Every rule of the call the applicant, the amount and the documents
    /// fail, in the form's order; empty when the application may be submitted.
    public func eligibilityFailures(of applicant: Applicant, requesting amount: Money, attached: Set<String>) -> [EligibilityFailure] {
        var failures: [EligibilityFailure] = []
        if !eligibility.kinds.contains(applicant.kind) { failures.append(.kindNotAllowed) }
        if !applicant.codeIsValid { failures.append(.codeInvalid) }
        if !eligibility.sizes.contains(applicant.size) { failures.append(.sizeNotAllowed) }
        if !eligibility.sectors.isEmpty, !eligibility.sectors.contains(where: { $0.contains(applicant.activity) }) { failures.append(.sectorNotAllowed) }
        if eligibility.mustBeRegisteredInHromada, !applicant.registeredInHromada { failures.append(.notInHromada) }
        if eligibility.mustDeclareNoTaxDebt, !applicant.declaresNoTaxDebt { failures.append(.taxDebtNotDeclared) }
        if amount <= .zero { failures.append(.amountNotPositive) } else if amount > maximumPerApplicant { failures.append(.amountOverMaximum) }
        for document in documents where !attached.contains(document.id) { failures.append(.documentMissing(document.id)) }
        return failures
    }
}

/// Where an application stands.
public enum ApplicationState: String, Sendable, CaseIterable, Codable {
    /// Being filled in, step by step: only the applicant sees it.
    case draft
    case submitted
    /// Sent back once for fixes, with a deadline.
    case returned
    /// Complete and eligible: with the committee.
    case accepted
    /// Incomplete or ineligible, with the reason; or not fixed in time.
    case rejected
    case withdrawn
    /// On the published list, within the fund.
    case awarded
    /// Scored, but below the minimum or beyond the fund.
    case notAwarded = "not_awarded"

    /// Whether staff see it (everything from its first submission).
    public var isSubmitted: Bool { self != .draft && self != .withdrawn }
}

/// An application to a call and every step it took. Moved only through its
/// methods, which check that the step follows and date it.
public struct SupportApplication: Sendable, Equatable, Codable {
    public let id: SupportApplicationID
    public let callID: SupportCallID
    public let city: MunicipalityID
    /// The verified person who applies, for themselves or as a representative.
    public let account: AccountID
    public private(set) var state: ApplicationState
    public let createdAt: Date
    /// The first submission: ties on the list go to the earlier.
    public private(set) var submittedAt: Date?
    public private(set) var returnedAt: Date?
    /// What staff asked to fix.
    public private(set) var returnNote: String?
    public private(set) var fixDue: Date?
    public private(set) var resubmittedAt: Date?
    public private(set) var decidedAt: Date?
    /// Why it was rejected (staff's words, shown to the applicant).
    public private(set) var rejectionReason: String?

    public init(id: SupportApplicationID, callID: SupportCallID, city: MunicipalityID, account: AccountID, createdAt: Date) {
        self.id = id
        self.callID = callID
        self.city = city
        self.account = account
        self.state = .draft
        self.createdAt = createdAt
    }

    public enum Problem: Error, Equatable, Sendable {
        /// The step does not follow from where the application is.
        case notNow(ApplicationState)
        /// The call does not take applications now.
        case callNotOpen
        /// The deadline for fixes has passed.
        case fixDeadlinePassed
        /// An application goes back for fixes once only.
        case alreadyReturned
        /// Staff must say what to fix, or why it is rejected.
        case noteMissing
    }

    public static let noteLength = 1...5_000

    /// Sends the application, or sends it again after fixes (until their
    /// deadline, even after the call closed).
    public mutating func submit(to call: SupportCall, at instant: Date) throws(Problem) {
        switch state {
        case .draft:
            guard call.phase(at: instant) == .open else { throw .callNotOpen }
            state = .submitted
            submittedAt = instant
        case .returned:
            guard let fixDue, instant < fixDue else { throw .fixDeadlinePassed }
            state = .submitted
            resubmittedAt = instant
        default:
            throw .notNow(state)
        }
    }

    /// Staff send it back once for fixes, with what to fix; the applicant has
    /// the call's working days from today.
    public mutating func returnForFixes(note: String, call: SupportCall, calendar: WorkingCalendar, at instant: Date) throws(Problem) {
        guard state == .submitted else { throw .notNow(state) }
        guard returnedAt == nil else { throw .alreadyReturned }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.noteLength.contains(note.count) else { throw .noteMissing }
        state = .returned
        returnedAt = instant
        returnNote = note
        fixDue = calendar.deadline(workingDays: call.fixWorkingDays, after: instant)
    }

    /// Complete and eligible: to the committee.
    public mutating func accept(at instant: Date) throws(Problem) {
        guard state == .submitted else { throw .notNow(state) }
        state = .accepted
        decidedAt = instant
    }

    /// Incomplete or ineligible (from the desk), or returned and not fixed by the deadline.
    public mutating func reject(reason: String, at instant: Date) throws(Problem) {
        let lapsed = state == .returned && fixDue.map { instant >= $0 } == true
        guard state == .submitted || lapsed else { throw .notNow(state) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.noteLength.contains(reason.count) else { throw .noteMissing }
        state = .rejected
        rejectionReason = reason
        decidedAt = instant
    }

    /// The applicant takes it back before a decision.
    public mutating func withdraw() throws(Problem) {
        guard [.draft, .submitted, .returned].contains(state) else { throw .notNow(state) }
        state = .withdrawn
    }

    /// The published list's verdict on an accepted application.
    public mutating func settle(awarded: Bool, at instant: Date) throws(Problem) {
        guard state == .accepted else { throw .notNow(state) }
        state = awarded ? .awarded : .notAwarded
        decidedAt = instant
    }
}

/// What the city publishes of an applicant once the list is out (public
/// money is public; a sole proprietor is a private person): a recipient
/// by the name they applied under; a legal entity that was scored but not
/// funded by its name; a sole proprietor who was not funded not at all.
/// Rejected and withdrawn applications are published only as counts, and
/// codes and contacts never.
public enum ApplicantPublication {
    public static func name(_ name: String, kind: ApplicantKind?, state: ApplicationState) -> String? {
        switch state {
        case .awarded: name
        case .notAwarded: kind.map { $0.isPerson ? nil : name } ?? nil
        case .draft, .submitted, .returned, .accepted, .rejected, .withdrawn: nil
        }
    }
}
