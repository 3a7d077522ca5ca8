import BudgetRules
import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Synchronization

/// Outcomes and exports of an edition, computed with BudgetRules one
/// category at a time: each category is its own election with its own fund.
public struct BudgetResults: Sendable {
    let services: AppServices

    /// One category's outcome.
    public struct CategoryOutcome: Sendable, Equatable {
        public var category: BudgetCategory
        public var rule: String
        /// Every project on the ballot with its score, funded or not, by score.
        public var projects: [ProjectResult]
        public var voters: Int
        public var spent: Money
        /// The category as the rule saw it, for explanations.
        let election: Election
    }

    public struct ProjectResult: Sendable, Equatable {
        public var project: BudgetProject
        /// Approvals, or points on cumulative ballots.
        public var score: Int64
        public var funded: Bool
    }

    /// An edition counted under one rule, with the turnout the results page shows beside it.
    public struct EditionCount: Sendable {
        /// One per category, in the edition's order.
        public var outcomes: [CategoryOutcome]
        public var ballots: Int
        public var byChannel: [BallotChannel: Int]
        public var byAge: [AgeGroup: Int]
        /// For each outcome, why it came out so and how it measures: only when asked for (the results page).
        public var details: [OutcomeDetails]?
    }

    public struct OutcomeDetails: Sendable {
        public var explanation: EqualSharesExplanation?
        public var analysis: OutcomeAnalysis.Report?
    }

    /// The edition's count under `rule` (its own by default), with `details`
    /// when asked: every ballot, mixed and still sealed, read in one
    /// transaction; or the count kept from an earlier read of the same
    /// ballots, edition, projects and city (`KeptCounts`).
    public func count(
        edition: BudgetEdition, city: Municipality, projects: [BudgetProject], rule: WinnerRule? = nil, detailed: Bool = false
    ) async throws -> EditionCount {
        let rule = rule ?? edition.winnerRule
        let key = KeptCounts.Key(edition: edition.id, rule: rule), kept = services.moduleState(KeptCounts.self)
        enum Read: Sendable {
            case kept(EditionCount, KeptCounts.Source)
            case ballots(BallotSetStamp?, [AnonymousBallot])
        }
        let box = services.ballotBox
        let read = try await services.store.read { tx -> Read in
            let stamp = try await tx.budgets.ballotSetStamp(of: edition.id)
            if let stamp, let kept {
                let source = KeptCounts.Source(stamp: stamp, edition: edition, projects: projects, city: city)
                if let count = kept.count(for: key, from: source) { return .kept(count, source) }
            }
            return .ballots(stamp, try await box.everyBallot(of: edition.id, in: tx))
        }
        var count: EditionCount
        let source: KeptCounts.Source?
        switch read {
        case .kept(let known, let from):
            guard detailed, known.details == nil else { return known }
            (count, source) = (known, from)
        case .ballots(let stamp, let ballots):
            count = EditionCount(
                outcomes: try compute(edition: edition, city: city, projects: projects, ballots: ballots, rule: rule),
                ballots: ballots.count, byChannel: [:], byAge: [:])
            for ballot in ballots {
                count.byChannel[ballot.channel, default: 0] += 1
                count.byAge[ballot.ageGroup, default: 0] += 1
            }
            source = stamp.map { KeptCounts.Source(stamp: $0, edition: edition, projects: projects, city: city) }
        }
        if detailed {
            count.details = count.outcomes.map { OutcomeDetails(explanation: explain($0, rule: rule), analysis: analyse($0)) }
        }
        if let source, let kept { kept.keep(count, for: key, from: source) }
        return count
    }

    /// The Pabulib election of one category, or of the whole edition when
    /// `category` is nil. Voters are those who picked something in it; their
    /// ids are the receipt codes, and the file carries age group and channel.
    static func election(
        edition: BudgetEdition, city: Municipality, projects: [BudgetProject], ballots: [AnonymousBallot], category: BudgetCategory?
    ) -> Election {
        let listed = projects.filter { $0.isOnBallot && (category == nil || $0.categoryID == category?.id) }
        let included = Set(listed.map(\.id))
        let fund = category?.fund ?? edition.fund
        let cumulative: Bool
        if case .cumulative = edition.ballotRule { cumulative = true } else { cumulative = false }
        let voteType: VoteType = cumulative ? .cumulative : {
            if case .chooseOne = edition.ballotRule, category != nil { return .chooseOne }
            return .approval
        }()
        var votes: [Vote] = []
        var score: [BudgetProjectID: Int64] = [:]
        for ballot in ballots {
            var picks: [String] = []
            var points: [Amount] = []
            for (index, id) in ballot.content.projects.enumerated() where included.contains(id) {
                picks.append(id.rawValue)
                let value = ballot.content.points.map { Int64($0[index]) } ?? 1
                points.append(Amount(minorUnits: value, scale: 0))
                score[id, default: 0] += value
            }
            guard !picks.isEmpty else { continue }
            var row = ["", "", ballot.ageGroup.rawValue, ballot.channel.rawValue]
            if cumulative { row.insert("", at: 2) }
            votes.append(Vote(voterID: ballot.receipt, projects: picks, points: cumulative ? points : nil, row: row))
        }
        let hryvnias = { (money: Money) in Amount(minorUnits: money.kopiyky, scale: 2) }
        let pabulibProjects = listed.map { project in
            Project(
                id: project.id.rawValue, cost: hryvnias(project.cost),
                fields: [
                    "project_id": project.id.rawValue, "cost": hryvnias(project.cost).description,
                    "votes": String(score[project.id] ?? 0), "name": project.title, "number": String(project.number),
                    "category": edition.category(project.categoryID)?.name.uk ?? "",
                ])
        }
        var meta: [(key: String, value: String)] = [
            ("description", edition.title.uk + (category.map { " — " + $0.name.uk } ?? "")),
            ("country", "Ukraine"), ("unit", city.name.uk), ("instance", edition.id.rawValue),
            ("num_projects", String(listed.count)), ("num_votes", String(votes.count)),
            ("budget", hryvnias(fund).description), ("vote_type", voteType.rawValue), ("rule", edition.winnerRule.rawValue),
            ("currency", "UAH"), ("language", "uk"),
        ]
        if case .approval(let maxPicks, let minPicks) = edition.ballotRule {
            if let limit = category?.maxPicks ?? maxPicks { meta.append(("max_length", String(limit))) }
            if let minimum = category?.minPicks ?? minPicks { meta.append(("min_length", String(minimum))) }
        }
        if case .cumulative(let total, let perProject) = edition.ballotRule {
            meta.append(("max_sum_points", String(total)))
            if let perProject { meta.append(("max_points", String(perProject))) }
        }
        return Election(
            meta: meta, projectColumns: ["project_id", "cost", "votes", "name", "number", "category"], projects: pabulibProjects,
            voteColumns: cumulative ? ["voter_id", "vote", "points", "age_group", "channel"] : ["voter_id", "vote", "age_group", "channel"],
            votes: votes, budget: hryvnias(fund), voteType: voteType)
    }

    /// For the Method of Equal Shares: why each project of a category was or
    /// was not funded (nil for greedy rules, whose reason is the vote count).
    public func explain(_ outcome: CategoryOutcome, rule: WinnerRule) -> EqualSharesExplanation? {
        let mesRule: Rule
        switch rule {
        case .mes: mesRule = .mes
        case .mesAdd1u: mesRule = .mesAdd1
        case .greedy, .phragmen, .mesCardinality, .mesThenGreedy, .maxWelfare: return nil
        }
        guard !outcome.election.votes.isEmpty else { return nil }
        return try? Tally.explainEqualShares(mesRule, on: outcome.election)
    }

    /// pabutools' analyses of a category's outcome (satisfaction, EJR up to
    /// one project, priceability, each project's effect on MES); nil where
    /// they are not defined: cumulative ballots, or no ballots at all. They
    /// read the ballots as Pabulib has them, so a pair of mutually exclusive
    /// projects is not known to them (docs/domain.md).
    public func analyse(_ outcome: CategoryOutcome) -> OutcomeAnalysis.Report? {
        guard !outcome.election.votes.isEmpty else { return nil }
        let funded = outcome.projects.filter(\.funded).map(\.project.id.rawValue)
        let key = AnalysisMemo.key(outcome.election, funded)
        if let known = AnalysisMemo.reports.withLock({ $0[key] }) { return known }
        guard let report = try? OutcomeAnalysis.analyse(outcome.election, selected: funded, parts: .all) else { return nil }
        AnalysisMemo.reports.withLock { reports in
            if reports.count >= AnalysisMemo.capacity { reports.removeAll() }
            reports[key] = report
        }
        return report
    }

    /// Computes every category's outcome under `rule` (the edition's own by default).
    public func compute(
        edition: BudgetEdition, city: Municipality, projects: [BudgetProject], ballots: [AnonymousBallot], rule: WinnerRule? = nil
    ) throws -> [CategoryOutcome] {
        let rule = rule ?? edition.winnerRule
        return try edition.categories.map { category in
            let election = Self.election(edition: edition, city: city, projects: projects, ballots: ballots, category: category)
            guard let chosen = Rule(rawValue: rule.rawValue) else { throw AppError.invalid(code: "unknown_rule", field: "rule") }
            let listed = Set(election.projects.map(\.id))
            let exclusive = edition.incompatibilities
                .filter { listed.contains($0.first.rawValue) && listed.contains($0.second.rawValue) }
                .map { ($0.first.rawValue, $0.second.rawValue) }
            let outcome: Outcome
            do {
                outcome = try Tally.run(chosen, on: election, mutuallyExclusive: exclusive)
            } catch {
                throw AppError.invalid(code: "rule_not_applicable", field: "rule")
            }
            let funded = Set(outcome.selectedInOrder)
            let scores = (try? Tally.scores(of: election)) ?? [:]
            let byID = Dictionary(projects.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
            let results = election.projects.compactMap { item -> ProjectResult? in
                guard let project = byID[item.id] else { return nil }
                let score = Int64((scores[item.id] ?? Amount(0)).description) ?? 0
                return ProjectResult(project: project, score: score, funded: funded.contains(item.id))
            }.sorted { ($0.score, $1.project.number) > ($1.score, $0.project.number) }
            let spent = results.filter(\.funded).reduce(Money(kopiyky: 0)) { $0 + $1.project.cost }
            return CategoryOutcome(
                category: category, rule: rule.rawValue, projects: results, voters: election.votes.count, spent: spent, election: election)
        }
    }
}

/// The analyses are the slow part of the results page (about a second for a
/// district of 13 000 ballots, most of it one MES run per funded project) and
/// the same for every reader until a ballot changes, so they are kept by what
/// they were computed from: the projects and costs, the budget, every ballot
/// and the funded set. A changed ballot makes a new key; the old report is
/// never shown again and goes when the memo is cleared at its capacity.
enum AnalysisMemo {
    static let capacity = 256
    static let reports = Mutex<[Int: OutcomeAnalysis.Report]>([:])

    static func key(_ election: Election, _ funded: [String]) -> Int {
        var hasher = Hasher()
        hasher.combine(election.budget.description)
        for project in election.projects {
            hasher.combine(project.id)
            hasher.combine(project.cost.description)
        }
        hasher.combine(election.votes.count)
        for vote in election.votes {
            hasher.combine(vote.projects)
            hasher.combine(vote.points?.map(\.description))
        }
        hasher.combine(funded)
        return hasher.finalize()
    }
}
