import BigInt

/// Why each project was or was not funded by MES, in the voters' currency:
/// who paid how much for every funded project, and for every unfunded one
/// the share per supporter it would have needed against what they had left
/// (what equalshares.net shows voters). Amounts here are for people to
/// read; every decision was taken exactly.
public struct EqualSharesExplanation: Sendable {
    public struct Payment: Sendable, Equatable {
        /// Currency units each of these voters paid.
        public var amount: Double
        public var voters: Int64
    }

    public struct Funded: Sendable {
        public var project: String
        public var round: Int
        public var cost: Amount
        /// What each supporter who could afford it paid.
        public var pricePerVoter: Double
        /// Payments grouped by amount: the equal price, and the smaller
        /// amounts of supporters who gave all they had left.
        public var payments: [Payment]
    }

    public struct Unfunded: Sendable {
        public var project: String
        public var cost: Amount
        public var supporters: Int64
        /// The equal share per supporter the project would have needed.
        public var neededPerVoter: Double
        /// What its supporters had left, together, when MES stopped.
        public var supportersHadLeft: Double
    }

    public var rule: Rule
    /// Each voter's starting budget in currency units (Add1 raises it).
    public var budgetPerVoter: Double
    public var funded: [Funded]
    public var unfunded: [Unfunded]
}

extension Tally {
    public static func explainEqualShares(_ rule: Rule, on election: Election) throws(RuleError) -> EqualSharesExplanation {
        guard rule == .mes || rule == .mesAdd1 else { throw .unknownRule("\(rule.rawValue) (explanations exist for mes and mes-add1)") }
        if !rule.accepts(election.voteType) { throw .unsupportedVoteType(rule: rule.rawValue, voteType: election.voteType) }
        let prepared = try PreparedElection(election)
        let engine = EqualShares(prepared)
        let increment = rule == .mesAdd1 ? engine.add1Increment() : 0
        let n = Double(prepared.voterCount)
        let unit = Double(pow10Int(prepared.scale))
        let money = { (scaled: Double) in scaled / n / unit }
        var funded: [EqualSharesExplanation.Funded] = []
        var budgets = [Double](repeating: 0, count: prepared.groupCount)
        let start = Double(prepared.budget + increment * pow10Int(prepared.scale) * prepared.voterCount)
        for g in budgets.indices { budgets[g] = start }
        _ = engine.run(increment: increment) { round, price in
            let priceValue = Double(price.numerator) / Double(price.denominator)
            var partial: [Double: Int64] = [:]
            let poor = Set(round.poor)
            for group in prepared.supporters[round.project] {
                let g = Int(group)
                let m = prepared.multiplicity[g]
                if poor.contains(group) {
                    partial[money(budgets[g]), default: 0] += m
                    budgets[g] = 0
                } else if budgets[g] > 0 {
                    budgets[g] = max(0, budgets[g] - priceValue)
                }
            }
            var payments = [EqualSharesExplanation.Payment(amount: money(priceValue), voters: round.richCount)]
            payments += partial.filter { $0.key > 0 }.sorted { $0.key > $1.key }.map { .init(amount: $0.key, voters: $0.value) }
            funded.append(.init(
                project: prepared.ids[round.project], round: funded.count + 1, cost: election.projects[round.project].cost,
                pricePerVoter: money(priceValue), payments: payments))
        }
        let fundedIDs = Set(funded.map(\.project))
        let freeIDs = Set(engine.free.map { prepared.ids[$0] })
        let unfunded = prepared.ids.indices.filter { !fundedIDs.contains(prepared.ids[$0]) && !freeIDs.contains(prepared.ids[$0]) }.map { p in
            let supporters = prepared.approvals[p]
            let left = prepared.supporters[p].reduce(0.0) { $0 + budgets[Int($1)] * prepared.weight[Int($1)] }
            return EqualSharesExplanation.Unfunded(
                project: prepared.ids[p], cost: election.projects[p].cost, supporters: supporters,
                neededPerVoter: supporters > 0 ? Double(prepared.costs[p]) / unit / Double(supporters) : .infinity,
                supportersHadLeft: money(left))
        }
        return EqualSharesExplanation(rule: rule, budgetPerVoter: money(start), funded: funded, unfunded: unfunded)
    }
}
