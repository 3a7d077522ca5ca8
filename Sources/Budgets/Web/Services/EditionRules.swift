import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The counting rules of an edition as an admin states them, in the API's
/// JSON or the staff form, before the domain checks them: the ballot rule
/// and its limits, the winner rule, and the categories with their funds.
public struct EditionRules: Sendable, Equatable {
    public struct Category: Sendable, Equatable {
        /// An existing category's id; nil for a new one.
        public var id: String?
        public var nameUK: String
        public var nameEN: String
        public var fund: Money
        public var minCost: Money
        public var maxCost: Money
        public var maxPicks: Int?
        public var minPicks: Int?
    }

    public var ballotRule: String
    public var maxPicks: Int?
    public var minPicks: Int?
    public var minimumSharePercent: Int?
    public var points: Int?
    public var maxPointsPerProject: Int?
    public var winnerRule: String?
    public var categories: [Category]

    /// The names the API and the form use for each ballot rule.
    public static let ballotRuleNames = ["approval", "knapsack", "choose-1", "cumulative"]

    /// The domain's rules; categories keep their ids so the projects filed
    /// under them stay there. A category that has projects cannot be dropped.
    public func resolved(keeping existing: [BudgetCategory] = []) throws(AppError) -> (BallotRule, WinnerRule, [BudgetCategory]) {
        let ballot: BallotRule
        switch ballotRule {
        case "approval": ballot = .approval(maxPicks: maxPicks, minPicks: minPicks)
        case "knapsack": ballot = .knapsack(minimumSharePercent: minimumSharePercent ?? 0)
        case "choose-1": ballot = .chooseOne
        case "cumulative":
            guard let points else { throw .invalid(code: "edition_ballot_rule_invalid", field: "points") }
            ballot = .cumulative(points: points, maxPerProject: maxPointsPerProject)
        default: throw .invalid(code: "edition_ballot_rule_invalid", field: "ballotRule")
        }
        guard let winner = WinnerRule(rawValue: winnerRule ?? "greedy"), WinnerRule.official.contains(winner) else {
            throw .invalid(code: "unknown_rule", field: "winnerRule")
        }
        var resolved: [BudgetCategory] = []
        for category in categories {
            let name = category.nameUK.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...100).contains(name.count) else { throw .invalid(code: "edition_category_invalid", field: "categories") }
            let id = category.id.map(BudgetCategoryID.init(rawValue:))
            if let id, !existing.contains(where: { $0.id == id }) { throw .invalid(code: "edition_category_invalid", field: "categories") }
            resolved.append(BudgetCategory(
                id: id ?? .random(), name: .init(uk: name, en: category.nameEN.trimmingCharacters(in: .whitespacesAndNewlines)),
                fund: category.fund, minCost: category.minCost, maxCost: category.maxCost, maxPicks: category.maxPicks, minPicks: category.minPicks))
        }
        let kept = Set(resolved.map(\.id))
        guard existing.allSatisfy({ kept.contains($0.id) }) else { throw .conflict(code: "category_in_use") }
        return (ballot, winner, resolved)
    }

    /// The rules an edition has now, as the form shows them.
    public init(_ edition: BudgetEdition) {
        switch edition.ballotRule {
        case .approval(let max, let min): (ballotRule, maxPicks, minPicks) = ("approval", max, min)
        case .knapsack(let share): (ballotRule, minimumSharePercent) = ("knapsack", share)
        case .chooseOne: ballotRule = "choose-1"
        case .cumulative(let total, let perProject): (ballotRule, points, maxPointsPerProject) = ("cumulative", total, perProject)
        }
        winnerRule = edition.winnerRule.rawValue
        categories = edition.categories.map {
            Category(
                id: $0.id.rawValue, nameUK: $0.name.uk, nameEN: $0.name.en, fund: $0.fund, minCost: $0.minCost, maxCost: $0.maxCost,
                maxPicks: $0.maxPicks, minPicks: $0.minPicks)
        }
    }

    public init(
        ballotRule: String, maxPicks: Int? = nil, minPicks: Int? = nil, minimumSharePercent: Int? = nil, points: Int? = nil,
        maxPointsPerProject: Int? = nil, winnerRule: String? = nil, categories: [Category]
    ) {
        self.ballotRule = ballotRule
        self.maxPicks = maxPicks
        self.minPicks = minPicks
        self.minimumSharePercent = minimumSharePercent
        self.points = points
        self.maxPointsPerProject = maxPointsPerProject
        self.winnerRule = winnerRule
        self.categories = categories
    }
}

/// Everything an admin states to open a new edition: its title, dates,
/// who may vote and how receipts work, and its counting rules.
public struct EditionSetup: Sendable {
    public var titleUK: String
    public var titleEN: String
    public var proposalsOpen: Date?
    public var reviewOpen: Date
    public var votingOpen: Date
    public var votingClose: Date
    public var minimumAge: Int
    public var paperForWorkersAndStudents: Bool
    public var receipts: Bool
    public var receiptByEmail: Bool
    public var paperDoubleEntry: Bool
    /// Paper ballots one clerk may type in ten minutes; nil for the default (120).
    public var paperEntriesPerClerk: Int? = nil
    /// Published at once, rather than kept as a draft only staff see.
    public var announce: Bool
    public var rules: EditionRules

    /// The edition, not yet checked by the domain (`BudgetAdmin.create` does).
    public func edition(in city: MunicipalityID, at now: Date) throws(AppError) -> BudgetEdition {
        let title = titleUK.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...200).contains(title.count) else { throw .invalid(code: "title_length", field: "title") }
        let (ballot, winner, categories) = try rules.resolved()
        var edition = BudgetEdition(
            municipalityID: city, title: .init(uk: title, en: titleEN.trimmingCharacters(in: .whitespacesAndNewlines)),
            schedule: BudgetSchedule(
                announcedAt: announce ? now : nil, proposalsOpen: proposalsOpen, reviewOpen: reviewOpen, votingOpen: votingOpen,
                votingClose: votingClose),
            eligibility: .init(minimumAge: minimumAge, paperForWorkersAndStudents: paperForWorkersAndStudents),
            ballotRule: ballot, winnerRule: winner, receiptsEnabled: receipts, receiptByEmailAllowed: receiptByEmail, categories: categories)
        edition.paperDoubleEntry = paperDoubleEntry
        edition.paperEntriesPerClerk = paperEntriesPerClerk
        return edition
    }
}
