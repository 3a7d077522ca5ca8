import Foundation
import HromadaDomain

/// How a call supports the winners.
public enum SupportInstrument: String, Sendable, CaseIterable, Codable {
    case grant
    /// Part of the price of equipment bought, paid back.
    case equipmentCompensation = "equipment_compensation"
    /// Part of the interest on a business loan, paid back.
    case loanInterestCompensation = "loan_interest_compensation"
    /// Free consulting (legal, accounting, marketing), paid by the city.
    case consulting
    /// A place in the city's business incubator.
    case incubator
}

/// Who may apply: the kinds and sizes allowed, the sectors (empty: any),
/// and what every applicant must be and declare.
public struct EligibilityRules: Sendable, Equatable, Codable {
    public var kinds: Set<ApplicantKind>
    public var sizes: Set<SizeCategory>
    /// Divisions, groups or classes of КВЕД; empty allows every activity.
    public var sectors: [KVEDCode]
    public var mustBeRegisteredInHromada: Bool
    public var mustDeclareNoTaxDebt: Bool

    public init(
        kinds: Set<ApplicantKind>, sizes: Set<SizeCategory>, sectors: [KVEDCode] = [], mustBeRegisteredInHromada: Bool = true,
        mustDeclareNoTaxDebt: Bool = true
    ) {
        self.kinds = kinds
        self.sizes = sizes
        self.sectors = sectors
        self.mustBeRegisteredInHromada = mustBeRegisteredInHromada
        self.mustDeclareNoTaxDebt = mustDeclareNoTaxDebt
    }
}

/// What the committee scores, with its weight in the total (the weights of
/// a call add up to 100, so a total is out of 100 points).
public struct ScoringCriterion: Sendable, Equatable, Codable {
    /// Short and stable (`jobs`): scores are kept by it.
    public let id: String
    public var title: LocalizedName
    public var weight: Int

    public init(id: String, title: LocalizedName, weight: Int) {
        self.id = id
        self.title = title
        self.weight = weight
    }
}

/// A document every application must attach (a business plan, a price quote).
public struct RequiredDocument: Sendable, Equatable, Codable {
    public let id: String
    public var title: LocalizedName

    public init(id: String, title: LocalizedName) {
        self.id = id
        self.title = title
    }
}

/// A call of a city's SME-support programme: what it gives, how much in
/// all and to one applicant, when applications are taken, who may apply,
/// how they are scored, what they attach, and when recipients report.
public struct SupportCall: Sendable, Equatable, Codable {
    public let id: SupportCallID
    public let city: MunicipalityID
    /// The programme it serves: the strategy module's document (a `strategy` link id), if the city keeps one.
    public var programme: String?
    public var title: LocalizedName
    public var description: LocalizedName
    public var instrument: SupportInstrument
    public var fund: Money
    public var maximumPerApplicant: Money
    public var opensAt: Date
    /// Applications are taken until this instant (the end of the last day, Kyiv time).
    public var closesAt: Date
    /// Working days an applicant has to fix an application returned to them.
    public var fixWorkingDays: Int
    public var eligibility: EligibilityRules
    public var criteria: [ScoringCriterion]
    /// Every criterion is scored from 0 to this.
    public var scale: Int
    /// The least total (of 100) that may be funded.
    public var minimumTotal: Int
    public var documents: [RequiredDocument]
    /// Months after the agreement at which a recipient reports results.
    public var reportMonths: [Int]
    /// Nil while staff prepare it: nobody else sees it.
    public var publishedAt: Date?
    /// When the list of winners was published.
    public var decidedAt: Date?

    public init(
        id: SupportCallID, city: MunicipalityID, programme: String? = nil, title: LocalizedName, description: LocalizedName,
        instrument: SupportInstrument, fund: Money, maximumPerApplicant: Money, opensAt: Date, closesAt: Date, fixWorkingDays: Int = 5,
        eligibility: EligibilityRules, criteria: [ScoringCriterion], scale: Int = 10, minimumTotal: Int = 50, documents: [RequiredDocument],
        reportMonths: [Int] = [6, 12], publishedAt: Date? = nil, decidedAt: Date? = nil
    ) {
        self.id = id
        self.city = city
        self.programme = programme
        self.title = title
        self.description = description
        self.instrument = instrument
        self.fund = fund
        self.maximumPerApplicant = maximumPerApplicant
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.fixWorkingDays = fixWorkingDays
        self.eligibility = eligibility
        self.criteria = criteria
        self.scale = scale
        self.minimumTotal = minimumTotal
        self.documents = documents
        self.reportMonths = reportMonths
        self.publishedAt = publishedAt
        self.decidedAt = decidedAt
    }

    /// Where a call stands at an instant.
    public enum Phase: String, Sendable, CaseIterable, Codable {
        /// Being prepared: staff only.
        case draft
        /// Published, not yet taking applications.
        case announced
        case open
        /// Closed to applications: checked, scored, decided.
        case review
        /// The list is published: agreements, payouts, reports.
        case decided
    }

    public func phase(at instant: Date) -> Phase {
        guard publishedAt != nil else { return .draft }
        if decidedAt != nil { return .decided }
        if instant < opensAt { return .announced }
        return instant < closesAt ? .open : .review
    }

    public static let titleLength = 3...200
    public static let descriptionLength = 0...20_000
    public static let fixDayRange = 1...30
    public static let criteriaCount = 1...20
    public static let weightRange = 1...100
    public static let scaleRange = 1...100
    public static let totalRange = 0...100
    public static let documentCount = 0...20
    public static let reportMonthRange = 1...60
    public static let reportCount = 0...6
    /// The weights of a call add up to this.
    public static let weightTotal = 100

    /// What is wrong with a call as staff set it up, each naming its field;
    /// empty when it may be saved.
    public var problems: [CallProblem] {
        var found: [CallProblem] = []
        for field in FieldRules.outside(Self.titleLength, title, field: "title") + FieldRules.outside(Self.descriptionLength, description, field: "description") {
            found.append(CallProblem(field: field, reason: .length))
        }
        if fund <= .zero || !fund.isWithinCeiling { found.append(CallProblem(field: "fund", reason: .outOfRange)) }
        if maximumPerApplicant <= .zero || maximumPerApplicant > fund { found.append(CallProblem(field: "maximumPerApplicant", reason: .outOfRange)) }
        if closesAt <= opensAt { found.append(CallProblem(field: "closesAt", reason: .beforeOpening)) }
        if !Self.fixDayRange.contains(fixWorkingDays) { found.append(CallProblem(field: "fixWorkingDays", reason: .outOfRange)) }
        if eligibility.kinds.isEmpty { found.append(CallProblem(field: "kinds", reason: .missing)) }
        if eligibility.sizes.isEmpty { found.append(CallProblem(field: "sizes", reason: .missing)) }
        if !Self.criteriaCount.contains(criteria.count) || Set(criteria.map(\.id)).count != criteria.count
            || criteria.contains(where: { !Self.weightRange.contains($0.weight) || $0.title.uk.isEmpty || $0.title.en.isEmpty })
        {
            found.append(CallProblem(field: "criteria", reason: .malformed))
        } else if criteria.reduce(0, { $0 + $1.weight }) != Self.weightTotal {
            found.append(CallProblem(field: "criteria", reason: .weightsNotHundred))
        }
        if !Self.scaleRange.contains(scale) { found.append(CallProblem(field: "scale", reason: .outOfRange)) }
        if !Self.totalRange.contains(minimumTotal) { found.append(CallProblem(field: "minimumTotal", reason: .outOfRange)) }
        if !Self.documentCount.contains(documents.count) || Set(documents.map(\.id)).count != documents.count
            || documents.contains(where: { $0.title.uk.isEmpty || $0.title.en.isEmpty })
        {
            found.append(CallProblem(field: "documents", reason: .malformed))
        }
        if !Self.reportCount.contains(reportMonths.count) || reportMonths.contains(where: { !Self.reportMonthRange.contains($0) })
            || Set(reportMonths).count != reportMonths.count
        {
            found.append(CallProblem(field: "reportMonths", reason: .malformed))
        }
        return found
    }
}

extension SupportCall {
    /// What staff may not change in `next`, a new version of this call, at
    /// `instant`: once a call has opened, people apply under its rules, so
    /// who may apply, what is asked, how it is scored and how much one may
    /// get stay as they were; the deadline may only move later while it is
    /// open, and not at all once it has closed. A published call stays
    /// published. The title, the description, the fund (never below what
    /// it has committed: the store checks) and the report months, which
    /// apply to agreements signed after, may change.
    public func lockedChanges(to next: SupportCall, at instant: Date) -> [CallProblem] {
        var found: [CallProblem] = []
        if publishedAt != nil && next.publishedAt == nil { found.append(CallProblem(field: "publishedAt", reason: .locked)) }
        switch phase(at: instant) {
        case .draft, .announced:
            return found
        case .open:
            if next.closesAt < closesAt { found.append(CallProblem(field: "closesAt", reason: .locked)) }
        case .review, .decided:
            if next.closesAt != closesAt { found.append(CallProblem(field: "closesAt", reason: .locked)) }
        }
        let fixed: [(String, Bool)] = [
            ("instrument", next.instrument == instrument), ("maximumPerApplicant", next.maximumPerApplicant == maximumPerApplicant),
            ("opensAt", next.opensAt == opensAt), ("fixWorkingDays", next.fixWorkingDays == fixWorkingDays),
            ("kinds", next.eligibility.kinds == eligibility.kinds), ("sizes", next.eligibility.sizes == eligibility.sizes),
            ("sectors", next.eligibility.sectors == eligibility.sectors),
            ("mustBeRegisteredInHromada", next.eligibility.mustBeRegisteredInHromada == eligibility.mustBeRegisteredInHromada),
            ("mustDeclareNoTaxDebt", next.eligibility.mustDeclareNoTaxDebt == eligibility.mustDeclareNoTaxDebt),
            ("criteria", next.criteria.map { [$0.id, String($0.weight)] } == criteria.map { [$0.id, String($0.weight)] }),
            ("scale", next.scale == scale), ("minimumTotal", next.minimumTotal == minimumTotal),
            ("documents", next.documents.map(\.id) == documents.map(\.id)),
        ]
        return found + fixed.filter { !$0.1 }.map { CallProblem(field: $0.0, reason: .locked) }
    }
}

/// A field of a call's form and why it cannot be saved.
public struct CallProblem: Sendable, Equatable {
    public let field: String
    public let reason: Reason

    public enum Reason: String, Sendable {
        case length, missing, malformed
        case outOfRange = "out_of_range"
        case beforeOpening = "before_opening"
        case weightsNotHundred = "weights_not_hundred"
        /// The call has opened: this may no longer change.
        case locked
        /// A fund below what its agreements have committed.
        case belowCommitted = "below_committed"
    }
}
