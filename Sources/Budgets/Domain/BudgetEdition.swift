import Foundation
import HromadaDomain

public struct BudgetEditionID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct BudgetCategoryID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// One run of a city's participatory budget, e.g. «Бюджет громадських ініціатив 2027».
public struct BudgetEdition: Hashable, Codable, Sendable {
    public var id: BudgetEditionID
    public var municipalityID: MunicipalityID
    public var title: LocalizedText
    public var schedule: BudgetSchedule
    public var eligibility: BudgetEligibility
    public var ballotRule: BallotRule
    public var winnerRule: WinnerRule
    /// Whether a voter may keep a receipt code to find their anonymous ballot
    /// in the export later. Off gives receipt-free voting.
    public var receiptsEnabled: Bool
    /// Whether a voter may ask for the receipt by email (it is on screen either way).
    public var receiptByEmailAllowed: Bool
    public var categories: [BudgetCategory]
    /// Pairs of projects never both funded (e.g. two plans for the same
    /// square). Optional in storage so older definitions still read.
    public var incompatible: [IncompatiblePair]?
    /// Paper ballots count only once two different clerks typed the same
    /// ballot (double entry). On for every new edition, so one clerk alone
    /// cannot stuff the box; optional in storage, and off when absent, as
    /// editions stored before it was a setting ran without it.
    public var paperDoubleEntry: Bool?
    /// How many paper ballots one clerk may type in ten minutes; absent: 120.
    public var paperEntriesPerClerk: Int?

    public init(
        id: BudgetEditionID = .random(), municipalityID: MunicipalityID, title: LocalizedText, schedule: BudgetSchedule,
        eligibility: BudgetEligibility = .init(), ballotRule: BallotRule, winnerRule: WinnerRule = .greedy,
        receiptsEnabled: Bool = true, receiptByEmailAllowed: Bool = false, categories: [BudgetCategory]
    ) {
        self.id = id
        self.municipalityID = municipalityID
        self.title = title
        self.schedule = schedule
        self.eligibility = eligibility
        self.ballotRule = ballotRule
        self.winnerRule = winnerRule
        self.receiptsEnabled = receiptsEnabled
        self.receiptByEmailAllowed = receiptByEmailAllowed
        self.categories = categories
        paperDoubleEntry = true
    }

    /// The edition's total fund: the sum of its categories' funds.
    public var fund: Money { categories.reduce(Money(kopiyky: 0)) { $0 + $1.fund } }

    public func phase(at instant: Date) -> BudgetPhase { schedule.phase(at: instant) }

    /// Drafts are the budget staff's work in progress; everything else is public.
    public func isVisible(to principal: Principal?, at instant: Date) -> Bool {
        phase(at: instant) != .draft || principal?.may(.manageBudget, in: municipalityID) == true
    }

    /// Results are public from the results phase on (no running tallies leak);
    /// budget staff may preview them while counting.
    public func resultsVisible(to principal: Principal?, at instant: Date) -> Bool {
        let phase = phase(at: instant)
        return phase >= .results || (phase == .counting && principal?.may(.manageBudget, in: municipalityID) == true)
    }

    public func category(_ id: BudgetCategoryID) -> BudgetCategory? { categories.first { $0.id == id } }

    /// The per-clerk limit on typing paper ballots: a clerk types one from a
    /// voter in front of them, a few a minute at most; a script, far more.
    public var paperEntryRule: RateLimitRule {
        RateLimitRule(name: "paper-clerk", limit: paperEntriesPerClerk ?? 120, window: 600)
    }

    /// Changes the rules of the count. Refused once voting has opened: a rule
    /// changed mid-vote lets some voters over-vote (CONSUL's bug).
    public func changingRules(ballot: BallotRule, winner: WinnerRule, categories: [BudgetCategory], at instant: Date)
        throws(BudgetError) -> BudgetEdition
    {
        guard schedule.phase(at: instant) < .voting else { throw .rulesFrozen }
        if winner != .greedy, !incompatibilities.isEmpty { throw .incompatibilityNeedsGreedy }
        var changed = self
        changed.ballotRule = ballot
        changed.winnerRule = winner
        changed.categories = categories
        try changed.validate()
        return changed
    }

    public var incompatibilities: [IncompatiblePair] { incompatible ?? [] }

    /// Marks two projects of one category as never both funded. Part of the
    /// rules, so frozen once voting opens; only greedy counting defines it.
    public func markingIncompatible(_ first: BudgetProject, _ second: BudgetProject, at instant: Date) throws(BudgetError) -> BudgetEdition {
        guard phase(at: instant) < .voting else { throw .rulesFrozen }
        guard winnerRule == .greedy else { throw .incompatibilityNeedsGreedy }
        guard first.id != second.id, first.editionID == id, second.editionID == id, first.categoryID == second.categoryID else {
            throw .incompatiblePairInvalid
        }
        let pair = IncompatiblePair(first.id, second.id)
        var changed = self
        if !incompatibilities.contains(pair) { changed.incompatible = incompatibilities + [pair] }
        return changed
    }

    /// A city's budget has a handful of categories (districts, themes); a hundred is generous.
    public static let maximumCategories = 100
    /// A cumulative ballot's points: a hundred or so in practice.
    public static let maximumPoints = 1_000_000
    /// No ballot lists more projects than this.
    public static let maximumPicks = 10_000

    /// Limits of picks that can be met: neither negative nor absurd, the minimum not above the maximum.
    static func pickLimits(_ max: Int?, _ min: Int?) -> Bool {
        let range = 0...maximumPicks
        if let max, !range.contains(max) { return false }
        if let min, !range.contains(min) { return false }
        if let max, let min, min > max { return false }
        return true
    }

    /// An edition that can run: categories with a fund and a sensible cost range, limits that can be met.
    public func validate() throws(BudgetError) {
        guard !categories.isEmpty else { throw .noCategories }
        guard categories.count <= Self.maximumCategories else { throw .tooManyCategories }
        for category in categories {
            guard category.fund.kopiyky > 0 else { throw .categoryWithoutFund(category.id) }
            // Each fund within the ceiling, and at most 100 of them: the edition's total stays exact.
            guard category.fund <= .ceiling, category.minCost.kopiyky >= 0, category.minCost <= category.maxCost, category.maxCost <= category.fund else {
                throw .categoryCostRange(category.id)
            }
            guard Self.pickLimits(category.maxPicks, category.minPicks) else { throw .pickLimits }
        }
        if case .approval(let max, let min) = ballotRule, !Self.pickLimits(max, min) { throw .pickLimits }
        if case .knapsack(let share) = ballotRule, !(0...100).contains(share) { throw .minimumShare }
        if case .cumulative(let points, let perProject) = ballotRule,
           !(1...Self.maximumPoints).contains(points) || !(1...Self.maximumPoints).contains(perProject ?? 1) {
            throw .pointLimits
        }
        guard eligibility.minimumAge >= 14, eligibility.minimumAge <= 35 else { throw .minimumAge }
        if let limit = paperEntriesPerClerk, !(1...10_000).contains(limit) { throw .paperEntryLimit }
        try schedule.validate()
    }
}

/// Two projects that must not both be funded; stored in id order.
public struct IncompatiblePair: Hashable, Codable, Sendable {
    public let first: BudgetProjectID
    public let second: BudgetProjectID

    public init(_ a: BudgetProjectID, _ b: BudgetProjectID) {
        (first, second) = a.rawValue < b.rawValue ? (a, b) : (b, a)
    }
}

/// Text in both interface languages.
public struct LocalizedText: Hashable, Codable, Sendable {
    public var uk: String
    public var en: String
    public init(uk: String, en: String) {
        self.uk = uk
        self.en = en
    }
    public func text(_ language: String) -> String { language == "en" && !en.isEmpty ? en : uk }
}

/// A pot of money within an edition, e.g. small (до 500 000 грн) and large projects.
public struct BudgetCategory: Hashable, Codable, Sendable {
    public var id: BudgetCategoryID
    public var name: LocalizedText
    public var fund: Money
    public var minCost: Money
    public var maxCost: Money
    /// Approval ballots: at most (and at least) this many picks in this category.
    public var maxPicks: Int?
    public var minPicks: Int?

    public init(
        id: BudgetCategoryID = .random(), name: LocalizedText, fund: Money, minCost: Money, maxCost: Money,
        maxPicks: Int? = nil, minPicks: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.fund = fund
        self.minCost = minCost
        self.maxCost = maxCost
        self.maxPicks = maxPicks
        self.minPicks = minPicks
    }
}

/// Who may vote (Vinnytsia's Положення: from 16, residents of the hromada).
public struct BudgetEligibility: Hashable, Codable, Sendable {
    public var minimumAge: Int
    /// People who work or study in the city but live elsewhere may vote on paper.
    public var paperForWorkersAndStudents: Bool

    public init(minimumAge: Int = 16, paperForWorkersAndStudents: Bool = false) {
        self.minimumAge = minimumAge
        self.paperForWorkersAndStudents = paperForWorkersAndStudents
    }
}

/// How a ballot is filled in. One per edition.
public enum BallotRule: Hashable, Codable, Sendable {
    /// Tick projects: at most `maxPicks` overall (and at least `minPicks`);
    /// categories may set their own limits (Vinnytsia: 2 large + 2 small).
    case approval(maxPicks: Int?, minPicks: Int?)
    /// Pick projects whose cost fits each category's fund, spending at least
    /// `minimumSharePercent` of it (Decidim's 70 %).
    case knapsack(minimumSharePercent: Int)
    /// Exactly one project per category.
    case chooseOne
    /// Spread `points` over projects, at most `maxPerProject` on one.
    case cumulative(points: Int, maxPerProject: Int?)

    public var kind: String {
        switch self {
        case .approval: "approval"
        case .knapsack: "knapsack"
        case .chooseOne: "choose-1"
        case .cumulative: "cumulative"
        }
    }
}

/// How winners are computed from the ballots, per category.
public enum WinnerRule: String, Hashable, Codable, Sendable, CaseIterable {
    /// By votes, skipping what no longer fits (the default in Ukrainian cities).
    case greedy
    /// The Method of Equal Shares with Add1 and a utilitarian completion.
    case mesAdd1u = "mes-add1u"
    case mes
    case phragmen
    /// The rules below are shown on the results page for comparison only;
    /// an edition is counted by one of `official`.
    /// MES with cardinality utilities: each funded project counts the same to its supporters.
    case mesCardinality = "mes-cardinality"
    /// MES without Add1, then by votes for what is left.
    case mesThenGreedy = "mes-then-greedy"
    /// The set within the fund that gives the most approval-weighted money.
    case maxWelfare = "max-welfare"

    /// The rules an edition may be counted by.
    public static let official: [WinnerRule] = [.greedy, .mesAdd1u, .mes, .phragmen]
}

/// The ways an edition can be set up wrong.
public enum BudgetError: Error, Equatable, Sendable {
    case rulesFrozen
    case noCategories
    case tooManyCategories
    case categoryWithoutFund(BudgetCategoryID)
    case categoryCostRange(BudgetCategoryID)
    case pickLimits
    case minimumShare
    case pointLimits
    case minimumAge
    case scheduleOrder
    case wrongPhase(BudgetPhase)
    case incompatibilityNeedsGreedy
    case incompatiblePairInvalid
    /// A clerk's limit on paper ballots below one or above 10,000 per ten minutes.
    case paperEntryLimit
}
