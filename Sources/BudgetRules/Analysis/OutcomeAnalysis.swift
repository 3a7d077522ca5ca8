/// The analyses researchers run with pabutools on a participatory-budget
/// outcome, for approval-like ballots: how satisfaction is spread, whether
/// cohesive groups got their share (EJR up to one project), whether the
/// outcome can be explained by prices (priceability), and what each project
/// did to the Method of Equal Shares' outcome.
///
/// Every number is defined as pabutools 1.2.3 computes it with cost
/// satisfaction (`Cost_Sat`: a voter's satisfaction is the total cost of
/// the funded projects they voted for); docs/domain.md says what each means.
/// Ranked ballots count as approval of the ranked projects, as MES reads them.
public enum OutcomeAnalysis {
    /// Which analyses to run; the project effects need one MES run per project MES funds.
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let satisfaction = Parts(rawValue: 1)
        public static let ejr = Parts(rawValue: 2)
        public static let priceability = Parts(rawValue: 4)
        public static let effects = Parts(rawValue: 8)
        public static let all: Parts = [.satisfaction, .ejr, .priceability, .effects]
    }

    public struct Report: Sendable, Equatable {
        /// The outcome's project ids, sorted as strings.
        public var selected: [String]
        public var voters: Int64
        /// pabutools `avg_satisfaction` with `Cost_Sat`, in currency units.
        public var averageCostSatisfaction: Double?
        /// pabutools `gini_coefficient_of_satisfaction` with `Cost_Sat` (0…1).
        public var giniCostSatisfaction: Double?
        /// pabutools `percent_non_empty_handed`, as a fraction (0…1).
        public var percentNonEmptyHanded: Double?
        /// pabutools `is_EJR_one_approval` with `Cost_Sat`.
        public var ejrUpToOne: Bool?
        /// When EJR up to one fails: a set of projects and how many voters
        /// approve all of it, could pay for it with their share, and are
        /// unsatisfied even with one more of its projects.
        public var ejrViolation: EJRViolation?
        public var priceability: PriceabilityVerdict?
        /// Per project in file order; nil when not asked for.
        public var projects: [ProjectEffect]?
        /// Seconds each analysis took.
        public var seconds: [String: Double]

        /// pabutools `priceable(…, budget_allocation=W).validate()`; nil when not decided.
        public var priceable: Bool? { priceability?.isPriceable }
    }

    public struct EJRViolation: Sendable, Equatable {
        public var projects: [String]
        public var voters: Int64
    }

    public enum PriceabilityVerdict: Sendable, Equatable {
        /// A price system exists; `voterBudget` is the voters' budget b found, in currency units.
        case priceable(voterBudget: Double)
        /// The outcome costs more than the budget.
        case overBudget
        /// pabutools asks for an exhaustive outcome: this unfunded project would still fit.
        case notExhaustive(project: String)
        /// Beyond the bounds of pabutools' model (10 × budget stands for
        /// infinity there): an unfunded project dearer than ten budgets, or a
        /// budget under a tenth of a currency unit.
        case outsideModel(project: String)
        /// A funded project with a cost that nobody voted for, so nobody may pay for it.
        case unpaid(project: String)
        /// No voter budget and payments satisfy the conditions.
        case noPriceSystem
        /// Rounding kept the linear solver from deciding (never seen on real files); no guess is made.
        case undecided

        public var isPriceable: Bool? {
            switch self {
            case .priceable: true
            case .undecided: nil
            default: false
            }
        }
    }

    public struct ProjectEffect: Sendable, Equatable {
        public struct Loss: Sendable, Equatable {
            public var project: String
            /// Currency units the supporters paid for that project.
            public var amount: Double
        }

        public var project: String
        public var cost: Amount
        /// In the outcome analysed.
        public var selected: Bool
        public var fundedByMES: Bool
        /// pabutools' effective support, a whole percentage; nil for a project costing nothing.
        public var effectiveSupport: Int?
        /// For a project MES does not fund: what its supporters held at the
        /// start, what they held when it stopped being affordable, and what
        /// they paid in between for each project MES bought.
        public var supportersStarted: Double?
        public var supportersLeft: Double?
        public var lostTo: [Loss]
    }

    public static func analyse(_ election: Election, selected: [String], parts: Parts = .all) throws(AnalysisError) -> Report {
        guard election.voteType.isApprovalLike || election.voteType == .ordinal else { throw .unsupportedVoteType(election.voteType) }
        let prepared: PreparedElection
        do {
            prepared = try PreparedElection(election)
        } catch {
            throw .rule(error)
        }
        // Satisfactions and sums of costs are kept in Int64, and a sum of costs times the
        // number of voters in Int128: check here that they fit, whatever the rules check.
        let allCosts = prepared.costs.reduce(Int128(0)) { $0 + Int128($1) }
        guard allCosts * Int128(max(prepared.voterCount, 1)) <= Int128(Int64.max) else { throw .rule(.tooLarge) }
        let index = Dictionary(prepared.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var funded = [Bool](repeating: false, count: prepared.ids.count)
        for id in selected {
            guard let project = index[id] else { throw .unknownProject(id) }
            funded[project] = true
        }
        let groups = ApprovalGroups(prepared, funded: funded)
        let chosen = prepared.ids.indices.filter { funded[$0] }.map { prepared.ids[$0] }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        var report = Report(selected: chosen, voters: groups.voterCount, seconds: [:])
        let clock = ContinuousClock()
        func timed<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
            let start = clock.now
            let result = try body()
            let elapsed = (clock.now - start).components
            report.seconds[name] = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            return result
        }
        let satisfaction = groups.costSatisfaction
        if parts.contains(.satisfaction) {
            let measures = timed("satisfaction") { SatisfactionMeasures(groups) }
            report.averageCostSatisfaction = measures.averageCostSatisfaction
            report.giniCostSatisfaction = measures.giniCostSatisfaction
            report.percentNonEmptyHanded = measures.percentNonEmptyHanded
        }
        if parts.contains(.ejr) {
            let violation = timed("ejrUpToOne") { EJRUpToOne(groups, satisfaction: satisfaction).firstViolation() }
            report.ejrUpToOne = violation == nil
            report.ejrViolation = violation.map { EJRViolation(projects: $0.projects.map { groups.ids[$0] }, voters: $0.voters) }
        }
        if parts.contains(.priceability) {
            report.priceability = timed("priceability") { PriceabilityVerdict(Priceability.check(groups), ids: groups.ids) }
        }
        if parts.contains(.effects) {
            let effects = try timed("effects") { () throws(AnalysisError) in
                do throws(RuleError) {
                    return try ProjectEffects(election: election, groups: groups).compute()
                } catch {
                    throw .rule(error)
                }
            }
            report.projects = election.projects.indices.map { project in
                let effect = effects[project]
                var support = effect.effectiveSupport
                // pabutools: a funded project's effective support is at least 100.
                if funded[project], let value = support { support = max(value, 100) }
                return ProjectEffect(
                    project: groups.ids[project], cost: election.projects[project].cost, selected: funded[project],
                    fundedByMES: effect.fundedByMES, effectiveSupport: support, supportersStarted: effect.supportersStarted,
                    supportersLeft: effect.supportersLeft,
                    lostTo: effect.lostTo.map { ProjectEffect.Loss(project: groups.ids[$0.project], amount: $0.amount) })
            }
        }
        return report
    }
}

extension OutcomeAnalysis.PriceabilityVerdict {
    init(_ verdict: Priceability.Verdict, ids: [String]) {
        switch verdict {
        case .priceable(let b): self = .priceable(voterBudget: b)
        case .overBudget: self = .overBudget
        case .notExhaustive(let p): self = .notExhaustive(project: ids[p])
        case .outsideModel(let p): self = .outsideModel(project: ids[p])
        case .unpaid(let p): self = .unpaid(project: ids[p])
        case .noPriceSystem: self = .noPriceSystem
        case .undecided: self = .undecided
        }
    }
}

public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedVoteType(VoteType)
    case unknownProject(String)
    case rule(RuleError)

    public var description: String {
        switch self {
        case .unsupportedVoteType(let type):
            "the analyses read approval-like ballots (approval, choose-1, or ranked read as approval); this file has \(type.rawValue) ballots, "
                + "whose points cost satisfaction would ignore"
        case .unknownProject(let id): "the outcome names project '\(id)', which the file does not have"
        case .rule(let error): error.description
        }
    }
}
