/// Priceability of a fixed outcome W, as pabutools decides it with
/// `priceable(instance, profile, budget_allocation=W).validate()` and its
/// defaults (`exhaustive=True`, `stable=False`).
///
/// pabutools builds one mixed-integer program per call, with a payment
/// variable for every voter and project. With W fixed, it asks for a voter
/// budget b and payments p(i, c) ≥ 0 such that
///   C0a  cost(W) ≤ budget;
///   C0b  every project c outside W satisfies cost(W) + cost(c) ≥ budget + 1
///        (exhaustive, one currency unit of slack; also asked of projects
///        inside W with 10·budget added, which holds unless the budget is
///        under a tenth of a unit);
///        n · b ≥ budget (the voters hold at least the budget);
///   C1   nobody pays for a project they did not approve;
///   C2   nobody pays more than b in all;
///   C3   each project in W is paid exactly its cost; a project outside W is
///        paid nothing, and (pabutools uses 10·budget as "infinity") its cost
///        must not exceed 10·budget;
///   C5   for every project c, the money its supporters have left,
///        Σ_{i approves c} (b − Σ_d p(i, d)), is at most cost(c) — plus
///        10·budget when c is in W.
/// The answer is whether CBC finds this system feasible.
///
/// Here the constants are checked exactly first. The rest is a linear
/// system, made small in three steps:
///   1. Voters with identical ballots can share one payment vector: the
///      constraints are linear and the same for all of them, so averaging
///      their vectors keeps every constraint. One variable per distinct
///      ballot then says how much of b that group spends.
///   2. Dividing by b (t = 1/b, so τ = t · budget / n lies in (0, 1]) makes
///      spending a share σ(g) ∈ [0, 1] of b, and C5 becomes
///      Σ_{g ∋ c} m(g) · σ(g) + (n · cost′(c) / budget) · τ ≥ N(c),
///      with N(c) c's supporters, m(g) the group's size and cost′ the cost
///      with the 10·budget added for funded projects.
///   3. Which funded project each group pays is a transportation problem:
///      groups whose funded approved projects are F spend X_F, and project c
///      must receive (n · cost(c) / budget) · τ. By Gale's theorem that
///      works exactly when the totals agree and, for every set S of funded
///      projects, the groups whose F lies inside S spend no more than S
///      costs. These cuts are added only when needed: a maximum flow on
///      the current solution either routes all spending (done) or its
///      minimum cut names the set S whose cut is broken most.
/// What remains has one row per project, one per cut and one variable per
/// distinct ballot that approves a funded project, solved by
/// `LinearFeasibility` (floating point, tolerance 1e-9 on scaled rows:
/// tighter than CBC's 1e-7).
enum Priceability {
    enum Verdict: Sendable, Equatable {
        /// A price system exists; `voterBudget` is the b found, in currency units.
        case priceable(voterBudget: Double)
        /// C0a: the outcome costs more than the budget.
        case overBudget
        /// C0b: this project is not funded, yet it would still fit.
        case notExhaustive(project: Int)
        /// Outside what pabutools' model can express (its 10·budget bounds):
        /// an unfunded project costing over ten budgets, or a budget under a
        /// tenth of a currency unit.
        case outsideModel(project: Int)
        /// A funded project with a positive cost that nobody voted for: no one may pay for it.
        case unpaid(project: Int)
        /// The constants hold but no voter budget and payments do.
        case noPriceSystem
        /// The simplex could not finish for rounding reasons; no guess is made.
        case undecided

    }

    static func check(_ groups: ApprovalGroups) -> Verdict {
        let unit = Int128(pow10Int(groups.scale))
        let budget = Int128(groups.budget)
        let costs = groups.costs.map { Int128($0) }
        let fundedCost = costs.indices.reduce(Int128(0)) { groups.funded[$1] ? $0 + costs[$1] : $0 }
        if fundedCost > budget { return .overBudget }
        for c in costs.indices {
            if groups.funded[c] {
                if fundedCost + costs[c] + 10 * budget < budget + unit { return .outsideModel(project: c) }
            } else if fundedCost + costs[c] < budget + unit {
                return .notExhaustive(project: c)
            }
        }
        for c in costs.indices where !groups.funded[c] && costs[c] > 10 * budget { return .outsideModel(project: c) }
        for c in costs.indices where groups.funded[c] && costs[c] > 0 && groups.approvals[c] == 0 { return .unpaid(project: c) }
        let n = groups.voterCount
        if budget <= 0 { return .priceable(voterBudget: 0) }  // b = 0 then satisfies every row
        if n == 0 { return .noPriceSystem }  // nobody can hold a positive budget
        var search = PriceSystemSearch(groups)
        return search.run()
    }
}

/// The linear part of priceability: groups' spending shares and the
/// scaled inverse budget τ, with Hall cuts added as the flow check finds them.
private struct PriceSystemSearch {
    let groups: ApprovalGroups
    /// Funded projects with a positive cost: the only ones anybody pays.
    let paid: [Int]
    /// Groups that approve one of them, and for each its funded set F.
    let paying: [Int]
    let fundedSets: [[Int32]]
    /// n / budget: turns a cost into τ's coefficient.
    let k: Double
    var system = LinearFeasibility()
    var cuts: Set<[Int32]> = []

    init(_ groups: ApprovalGroups) {
        self.groups = groups
        paid = (0..<groups.projectCount).filter { groups.funded[$0] && groups.costs[$0] > 0 }
        var paying: [Int] = []
        var fundedSets: [[Int32]] = []
        for (group, ballot) in groups.ballots.enumerated() {
            let set = ballot.filter { groups.funded[Int($0)] && groups.costs[Int($0)] > 0 }
            if !set.isEmpty {
                paying.append(group)
                fundedSets.append(set)
            }
        }
        self.paying = paying
        self.fundedSets = fundedSets
        k = Double(groups.voterCount) / Double(groups.budget)
    }

    /// Column 0 is τ; column 1 + i is the spending share of paying group i.
    mutating func run() -> Priceability.Verdict {
        if groups.approvals.allSatisfy({ $0 == 0 }) {
            // No supporters anywhere: nothing to pay (unpaid projects were refused) and no leftover rule binds.
            return .priceable(voterBudget: groups.money(Double(groups.budget)) / Double(groups.voterCount))
        }
        _ = system.addColumn(upper: 1)
        for _ in paying { _ = system.addColumn(upper: 1) }
        let paidCost = paid.reduce(0.0) { $0 + Double(groups.costs[$1]) }
        system.addRow(.equal, 0, [(0, -k * paidCost)] + paying.indices.map { (1 + $0, Double(groups.multiplicity[paying[$0]])) })
        // C5, one row per project somebody supports.
        var rowOf = [Int](repeating: -1, count: groups.projectCount)
        for c in 0..<groups.projectCount where groups.approvals[c] > 0 {
            rowOf[c] = system.rows.count
            let extra = groups.funded[c] ? 10 * Double(groups.budget) : 0
            system.addRow(.atLeast, Double(groups.approvals[c]), [(0, k * (Double(groups.costs[c]) + extra))])
        }
        for (i, group) in paying.enumerated() {
            for c in groups.ballots[group] where rowOf[Int(c)] >= 0 {
                system.columns[1 + i].append((rowOf[Int(c)], Double(groups.multiplicity[group])))
            }
        }
        // Each funded project alone, and all but it, to start from.
        if paid.count > 1 {
            for c in paid {
                addCut([Int32(c)])
                addCut(paid.filter { $0 != c }.map { Int32($0) })
            }
        }
        // Every group spending all it has is a good start: most do in the end.
        var simplex = Simplex(system, startAtUpper: Set(1...max(1, paying.count)))
        while true {
            switch simplex.run() {
            case .infeasible: return .noPriceSystem
            case .undecided: return .undecided
            case .feasible(let x):
                // The phase-one sum was within tolerance; no single row may be further off either.
                guard system.worstViolation(x) <= 10 * LinearFeasibility.tolerance else { return .undecided }
                guard let set = brokenCut(x) else {
                    let tau = max(x[0], .leastNonzeroMagnitude)
                    return .priceable(voterBudget: groups.money(Double(groups.budget)) / (Double(groups.voterCount) * tau))
                }
                // A cut already present but found broken again means rounding is deciding: say so.
                if cuts.contains(set) { return .undecided }
                // The new cut goes on from the current basis rather than starting over.
                if let entries = addCut(set) { simplex.addRow(.atMost, 0, entries) }
            }
        }
    }

    /// Σ_{groups with F ⊆ S} m · σ − (n · cost(S) / budget) · τ ≤ 0.
    @discardableResult
    mutating func addCut(_ set: [Int32]) -> [(column: Int, value: Double)]? {
        let sorted = set.sorted()
        guard cuts.insert(sorted).inserted else { return nil }
        let members = Set(sorted)
        let cost = sorted.reduce(0.0) { $0 + Double(groups.costs[Int($1)]) }
        var entries: [(column: Int, value: Double)] = [(0, -k * cost)]
        for (i, set) in fundedSets.enumerated() where set.allSatisfy({ members.contains($0) }) {
            entries.append((1 + i, Double(groups.multiplicity[paying[i]])))
        }
        system.addRow(.atMost, 0, entries)
        return entries
    }

    /// The funded set S whose cut the solution breaks most, by a maximum flow
    /// from groups' spending to projects' costs; nil when all spending routes.
    func brokenCut(_ x: [Double]) -> [Int32]? {
        var classOf: [[Int32]: Int] = [:]
        var supply: [Double] = []
        var members: [[Int32]] = []
        for (i, set) in fundedSets.enumerated() {
            let spent = Double(groups.multiplicity[paying[i]]) * x[1 + i]
            if let known = classOf[set] {
                supply[known] += spent
            } else {
                classOf[set] = supply.count
                supply.append(spent)
                members.append(set)
            }
        }
        let projectNode = Dictionary(uniqueKeysWithValues: paid.enumerated().map { ($1, 1 + supply.count + $0) })
        let sink = 1 + supply.count + paid.count
        let total = supply.reduce(0, +)
        var flow = MaxFlow(nodes: sink + 1, epsilon: 1e-13 * max(1, total))
        for (i, amount) in supply.enumerated() where amount > 0 {
            flow.addEdge(from: 0, to: 1 + i, capacity: amount)
            for c in members[i] { if let node = projectNode[Int(c)] { flow.addEdge(from: 1 + i, to: node, capacity: .infinity) } }
        }
        for c in paid { if let node = projectNode[c] { flow.addEdge(from: node, to: sink, capacity: k * Double(groups.costs[c]) * x[0]) } }
        let routed = flow.run(source: 0, sink: sink)
        let side = flow.reachable(from: 0)
        let set = paid.filter { side[projectNode[$0] ?? sink] }.map { Int32($0) }
        // How far the cut for that set is broken, on the scale of its largest coefficient.
        let cost = set.reduce(0.0) { $0 + k * Double(groups.costs[Int($1)]) * x[0] }
        let scale = max(k * set.reduce(0.0) { $0 + Double(groups.costs[Int($1)]) }, Double(groups.multiplicity.max() ?? 1), 1)
        guard total - routed > LinearFeasibility.tolerance * scale, !set.isEmpty else { return nil }
        let inside = Set(set)
        let spentInside = supply.indices.reduce(0.0) { members[$1].allSatisfy { inside.contains($0) } ? $0 + supply[$1] : $0 }
        return spentInside - cost > LinearFeasibility.tolerance * scale ? set : nil
    }
}
