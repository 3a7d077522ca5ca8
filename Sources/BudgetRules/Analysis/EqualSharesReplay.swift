import BigInt

/// Replays a run of the Method of Equal Shares (cost satisfaction) whose
/// purchases are already known, following every voter's budget.
///
/// `Tally.run(.mes, …)` says which projects MES buys and in what order; the
/// replay recomputes, for each purchase, the price the supporters pay (the
/// level π at which Σ min(budget, π) over the supporters equals the cost)
/// and what every voter has left after it. It is what the
/// effect-of-each-project analysis reads.
///
/// Money is scaled by the number of voters n, so each voter starts with the
/// integer `budget` and a project costs cost · n. The replay itself takes no
/// decision (paying min(budget, π) is continuous in the budgets), so it runs
/// in floating point; the analyses that round or compare a result ask
/// `ExactEqualSharesReplay` whenever the floating-point answer is too close to call.
struct EqualSharesReplay {
    struct Purchase {
        let project: Int
        /// What each supporter who could afford it paid (scaled).
        let price: Double
        /// Per supporting group, in the order of `supporters[project]`: what one of its voters paid.
        let paid: [Double]
    }

    let groups: ApprovalGroups
    /// Per group: what each of its voters has left (scaled).
    private(set) var budgets: [Double]

    init(_ groups: ApprovalGroups) {
        self.groups = groups
        budgets = [Double](repeating: Double(groups.budget), count: groups.groupCount)
    }

    /// The supporters of `project` buy it. Nil when they cannot afford it,
    /// which would mean the replay and the rule disagree.
    mutating func buy(_ project: Int) -> Purchase? {
        let supporters = groups.supporters[project]
        let cost = Double(groups.costs[project]) * Double(groups.voterCount)
        let ascending = supporters.indices.sorted { budgets[Int(supporters[$0])] < budgets[Int(supporters[$1])] }
        var contribution = 0.0
        var count = Double(groups.approvals[project])
        var price: Double?
        for i in ascending {
            let g = Int(supporters[i])
            guard count > 0 else { break }
            let level = (cost - contribution) / count
            if budgets[g] >= level {
                price = level
                break
            }
            contribution += budgets[g] * Double(groups.multiplicity[g])
            count -= Double(groups.multiplicity[g])
        }
        // Rounding can leave the last supporters a hair short of a cost they cover exactly.
        if price == nil, contribution >= cost * (1 - 1e-9) { price = ascending.last.map { budgets[Int(supporters[$0])] } }
        guard let price else { return nil }
        var paid = [Double](repeating: 0, count: supporters.count)
        for (i, group) in supporters.enumerated() {
            let g = Int(group)
            paid[i] = min(budgets[g], price)
            budgets[g] = max(0, budgets[g] - price)
        }
        return Purchase(project: project, price: price, paid: paid)
    }

    /// Σ over the supporters of `project` of multiplicity × min(budget, cap) (no cap: the whole budget).
    func holdings(of project: Int, cappedAt cap: Double?) -> Double {
        var total = 0.0
        for g in groups.supporters[project] {
            let value = budgets[Int(g)]
            total += Double(groups.multiplicity[Int(g)]) * (cap.map { min(value, $0) } ?? value)
        }
        return total
    }
}

/// The same replay in exact rationals, asked only when a floating-point
/// answer is too close to call. Voters who paid the same prices have the same
/// budget, so each distinct budget is kept once (a "budget class") and every
/// group points at its class: a purchase costs exact arithmetic per class,
/// not per voter.
struct ExactEqualSharesReplay {

    private struct Key: Hashable {
        let numerator: BigInt
        let denominator: BigInt
        init(_ value: Rational) {
            numerator = value.numerator
            denominator = value.denominator
        }
    }

    let groups: ApprovalGroups
    private(set) var values: [Rational] = []
    private var known: [Key: Int32] = [:]
    /// Per group, its budget class.
    private(set) var classOf: [Int32]

    init(_ groups: ApprovalGroups) {
        self.groups = groups
        classOf = [Int32](repeating: 0, count: groups.groupCount)
        let start = intern(Rational(BigInt(groups.budget)))
        for g in classOf.indices { classOf[g] = start }
    }

    func scaledCost(_ project: Int) -> BigInt { BigInt(groups.costs[project]) * BigInt(groups.voterCount) }

    private mutating func intern(_ value: Rational) -> Int32 {
        let key = Key(value)
        if let index = known[key] { return index }
        let index = Int32(values.count)
        values.append(value)
        known[key] = index
        return index
    }

    /// The supporters of `project` buy it; returns the price each supporter
    /// who could afford it paid, or nil when they cannot afford it.
    mutating func buy(_ project: Int) -> Rational? {
        let cost = Rational(scaledCost(project))
        var weight: [Int32: Int64] = [:]
        for g in groups.supporters[project] { weight[classOf[Int(g)], default: 0] += groups.multiplicity[Int(g)] }
        let ascending = weight.keys.sorted { values[Int($0)] < values[Int($1)] }
        var contribution = Rational.zero
        var count = weight.values.reduce(0, +)
        var price: Rational?
        for c in ascending {
            guard count > 0 else { break }
            let level = (cost - contribution) / BigInt(count)
            if !(values[Int(c)] < level) {
                price = level
                break
            }
            contribution = contribution + values[Int(c)] * BigInt(weight[c] ?? 0)
            count -= weight[c] ?? 0
        }
        guard let price else { return nil }
        var next: [Int32: Int32] = [:]
        for c in ascending {
            let value = values[Int(c)]
            next[c] = value < price ? intern(.zero) : intern(value - price)
        }
        for g in groups.supporters[project] { classOf[Int(g)] = next[classOf[Int(g)]] ?? classOf[Int(g)] }
        return price
    }

    /// Σ over the supporters of `project` of multiplicity × min(budget, cap) (no cap: the whole budget).
    func holdings(of project: Int, cappedAt cap: Rational?) -> Rational {
        var weight: [Int32: Int64] = [:]
        for g in groups.supporters[project] { weight[classOf[Int(g)], default: 0] += groups.multiplicity[Int(g)] }
        var total = Rational.zero
        for (c, w) in weight {
            var value = values[Int(c)]
            if let cap, cap < value { value = cap }
            total = total + value * BigInt(w)
        }
        return total
    }
}
