/// The aggregation rules, named as in docs/interfaces.md.
public enum Rule: String, Sendable, CaseIterable {
    case greedy
    case greedyNoSkip = "greedy-no-skip"
    case greedyThreshold = "greedy-threshold"
    case mes
    case mesAdd1 = "mes-add1"
    case mesAdd1u = "mes-add1u"
    case phragmen
    /// MES with cardinality utilities (pabutools `Cardinality_Sat`): every
    /// funded project counts the same to its supporters, whatever it costs.
    case mesCardinality = "mes-cardinality"
    /// MES, then greedy by votes for what is left (pabutools'
    /// `completion_by_rule_combination`, both with `Cost_Sat`).
    case mesThenGreedy = "mes-then-greedy"
    /// The most approval-weighted money that fits the budget (pabutools'
    /// `max_additive_utilitarian_welfare` with `Cost_Sat`), solved exactly.
    case maxWelfare = "max-welfare"
    /// Poznań 2023 (META rule `greedy-custom`): greedy without skipping, plus
    /// the first project that did not fit when 80 % of its cost is left.
    case greedyReserve80 = "greedy-reserve-80"

    /// `declared` reads META `rule`: `equalshares/add1` means mes-add1, greedy names mean themselves.
    public static func declared(by election: Election) throws(RuleError) -> Rule {
        guard let text = election.declaredRule?.trimmingCharacters() else { throw .noDeclaredRule }
        switch text {
        case "equalshares/add1", "equalshares/add1-comparison": return .mesAdd1
        case "equalshares": return .mes
        case "phragmen": return .phragmen
        case "greedy-custom" where (election.metaValue("comment") ?? "").contains("80%"): return .greedyReserve80
        default:
            if let rule = Rule(rawValue: text) { return rule }
            throw .noDeclaredRule
        }
    }

    public static func named(_ name: String, for election: Election) throws(RuleError) -> Rule {
        if name == "declared" { return try declared(by: election) }
        guard let rule = Rule(rawValue: name) else { throw .unknownRule(name) }
        return rule
    }

    /// Whether the rule can read these ballots. MES with cost utilities needs
    /// only which projects a voter supports, so ranked ballots count as
    /// approval of the projects ranked (as pabutools' `Cost_Sat` reads them);
    /// points would be ignored, so cumulative and scoring ballots are refused.
    /// Phragmén is defined for approval ballots only (pabutools refuses others).
    func accepts(_ type: VoteType) -> Bool {
        switch self {
        case .mes, .mesAdd1, .mesAdd1u, .mesCardinality, .mesThenGreedy, .maxWelfare: type.isApprovalLike || type == .ordinal
        case .phragmen: type.isApprovalLike
        default: true
        }
    }
}

/// What a rule funds.
public struct Outcome: Sendable, Equatable {
    public var rule: Rule
    /// Project ids in selection order.
    public var selectedInOrder: [String]
    /// Project ids sorted as strings (docs/interfaces.md).
    public var selected: [String] { selectedInOrder.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) } }
    public var cost: Amount
    public var budget: Amount
}

public enum Tally {
    /// `mutuallyExclusive` lists pairs of project ids never both funded; only
    /// `greedy` and `greedy-no-skip` take them (other rules are not defined with them).
    public static func run(_ rule: Rule, on election: Election, mutuallyExclusive: [(String, String)] = []) throws(RuleError) -> Outcome {
        if !rule.accepts(election.voteType) {
            throw .unsupportedVoteType(rule: rule.rawValue, voteType: election.voteType)
        }
        if !mutuallyExclusive.isEmpty, rule != .greedy, rule != .greedyNoSkip { throw .exclusionUnsupported(rule: rule.rawValue) }
        let prepared = try PreparedElection(election)
        var exclusive: [Int: Set<Int>] = [:]
        let index = Dictionary(prepared.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for (a, b) in mutuallyExclusive {
            guard let i = index[a], let j = index[b], i != j else { continue }
            exclusive[i, default: []].insert(j)
            exclusive[j, default: []].insert(i)
        }
        let chosen: [Int]
        switch rule {
        case .greedy: chosen = Greedy(election: prepared).run(skip: true, exclusive: exclusive)
        case .greedyNoSkip: chosen = Greedy(election: prepared).run(skip: false, exclusive: exclusive)
        case .greedyThreshold:
            guard let text = election.metaValue("min_project_score_threshold"),
                  let threshold = Amount(parsing: Substring(text.trimmingCharacters())),
                  let value = Int64(exactly: threshold.units(atScale: prepared.usesPoints ? prepared.scale : 0))
            else { throw .missingThreshold }
            chosen = Greedy(election: prepared).run(skip: true, threshold: value)
        case .mes: chosen = EqualShares(prepared).run(increment: 0)
        case .mesAdd1: chosen = EqualShares(prepared).add1()
        case .mesAdd1u: chosen = Greedy(election: prepared).utilitarianCompletion(from: EqualShares(prepared).add1())
        case .phragmen: chosen = Phragmen(election: prepared).run()
        case .mesCardinality: chosen = EqualShares(prepared, satisfaction: .cardinality).run(increment: 0)
        case .mesThenGreedy: chosen = Greedy(election: prepared).utilitarianCompletion(from: EqualShares(prepared).run(increment: 0))
        case .maxWelfare: chosen = MaxWelfare(election: prepared).run()
        case .greedyReserve80: chosen = Greedy(election: prepared).runWithReserve(percent: 80).selected
        }
        let cost = chosen.reduce(Amount.zero) { $0 + election.projects[$1].cost }
        return Outcome(rule: rule, selectedInOrder: chosen.map { prepared.ids[$0] }, cost: cost, budget: election.budget)
    }
}

extension Tally {
    /// Each project's score: approvals, or the sum of points on cumulative and scoring ballots.
    public static func scores(of election: Election) throws(RuleError) -> [String: Amount] {
        let prepared = try PreparedElection(election)
        let scale = prepared.usesPoints ? prepared.scale : 0
        let scores = prepared.scores
        return Dictionary(uniqueKeysWithValues: prepared.ids.enumerated().map { ($1, Amount(units: .init(scores[$0]), scale: scale)) })
    }
}
