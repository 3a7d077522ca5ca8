/// Extended justified representation up to one project, with cost
/// satisfaction: pabutools' `is_EJR_one_approval(…, Cost_Sat, W)`.
///
/// pabutools' definition: W fails when some nonempty set T of projects and
/// some nonempty group S of voters exist such that
///   • every voter in S approves every project of T,
///   • S is large enough to pay for T from its share of the budget:
///     |S| · budget ≥ n · cost(T) (pabutools' `is_large_enough`), and
///   • every voter i in S is unsatisfied even when given one more project:
///     sat_i(W) + max { cost(p) : p ∈ T, p ∉ W } < cost(T), where sat_i(W)
///     is the total cost of the funded projects i approves (the maximum is
///     0 when all of T is funded), and cost(T) is i's satisfaction from T.
///
/// pabutools tries every group of voters against every set of projects,
/// which only ends on toy elections. For a fixed T, the condition on each
/// voter of S does not depend on who else is in S, so the voters who may be
/// in S are exactly U(T) = { i approving all of T : sat_i(W) + m(T) < cost(T) },
/// and a suitable S exists if and only if U(T) itself is large enough
/// (then S = U(T) works; any S is a subset of U(T), and shrinking a group
/// only makes it less large). So W fails if and only if some T has
/// |U(T)| · budget ≥ n · cost(T) with U(T) nonempty, and that is what is
/// searched for, over project sets only, depth first.
///
/// Pruning, all exact:
///   • Going down the tree only adds projects, so the voters approving all
///     of T only shrink and cost(T) only grows: once the voters who could
///     still be unsatisfied cannot pay for T, nothing below T can fail.
///   • cost(T) − m(T) never decreases as projects are added (adding an
///     unfunded p raises the cost by cost(p) and the maximum by at most
///     cost(p)), and it is at most cost(T). A failing T′ below T has
///     cost(T′) ≤ |U(T′)| · budget / n, so a voter with satisfaction at
///     least |P| · budget / n, P being the voters still in play, can never
///     be unsatisfied below T and is dropped; dropping shrinks P, which
///     lowers the bound again, until nothing changes.
/// The first failing T found is returned; there is no time limit, and the
/// answer is the same as pabutools' brute force.
struct EJRUpToOne {
    struct Violation: Sendable, Equatable {
        /// The project set T, as project indices.
        var projects: [Int]
        /// How many voters approve all of T and stay unsatisfied, |U(T)|.
        var voters: Int64
    }

    let groups: ApprovalGroups
    let satisfaction: [Int64]
    private let order: [Int]
    private let words: Int
    /// Per group, a bit per project: whether the group approves it.
    private let approves: [UInt64]
    private let n: Int128
    private let budget: Int128

    init(_ groups: ApprovalGroups, satisfaction: [Int64]) {
        self.groups = groups
        self.satisfaction = satisfaction
        // Expensive projects first: their prefixes fail the size test soonest.
        order = (0..<groups.projectCount).filter { groups.approvals[$0] > 0 }
            .sorted { groups.costs[$0] != groups.costs[$1] ? groups.costs[$0] > groups.costs[$1] : $0 < $1 }
        words = (groups.projectCount + 63) / 64
        var approves = [UInt64](repeating: 0, count: groups.groupCount * max(words, 1))
        for (group, ballot) in groups.ballots.enumerated() {
            for project in ballot { approves[group * words + Int(project) / 64] |= 1 << UInt64(Int(project) % 64) }
        }
        self.approves = approves
        n = Int128(groups.voterCount)
        budget = Int128(groups.budget)
    }

    /// The first violation found, or nil when W satisfies EJR up to one project.
    /// Costs are summed in Int128: `PreparedElection` keeps every cost sum
    /// within Int64, so every product of two of them fits.
    func firstViolation() -> Violation? {
        // With no voters or no budget, no group is large enough for a set of
        // positive cost, and nobody can be unsatisfied by a set costing 0.
        guard n > 0, budget > 0 else { return nil }
        let everyone = (0..<groups.groupCount).map { Int32($0) }
        var path: [Int] = []
        return search(from: 0, cost: 0, maxUnfunded: 0, hasUnfunded: false, inPlay: everyone, path: &path)
    }

    private func weight(_ inPlay: [Int32]) -> Int128 {
        inPlay.reduce(Int128(0)) { $0 + Int128(groups.multiplicity[Int($1)]) }
    }

    private func approves(_ group: Int32, _ project: Int) -> Bool {
        approves[Int(group) * words + project / 64] & (1 << UInt64(project % 64)) != 0
    }

    /// Tries every extension of the current set T (in `path`) by projects at
    /// positions ≥ `start` of `order`. `inPlay` holds the groups approving all
    /// of T that may still be unsatisfied somewhere below T.
    private func search(from start: Int, cost: Int128, maxUnfunded: Int128, hasUnfunded: Bool, inPlay: [Int32], path: inout [Int]) -> Violation? {
        let available = weight(inPlay) * budget
        for position in start..<order.count {
            let project = order[position]
            let projectCost = Int128(groups.costs[project])
            let setCost = cost + projectCost
            // Even if all of inPlay approved the project, could they pay for T ∪ {project}?
            if available < n * setCost { continue }
            var approving = inPlay.filter { approves($0, project) }
            if weight(approving) * budget < n * setCost { continue }
            let unfunded = !groups.funded[project]
            let setMax = unfunded ? max(maxUnfunded, projectCost) : maxUnfunded
            let setHasUnfunded = hasUnfunded || unfunded
            path.append(project)
            // A set of funded projects only satisfies everyone who approves it.
            if setHasUnfunded {
                let threshold = setCost - setMax
                let unsatisfied = approving.reduce(Int128(0)) {
                    Int128(satisfaction[Int($1)]) < threshold ? $0 + Int128(groups.multiplicity[Int($1)]) : $0
                }
                if unsatisfied > 0, unsatisfied * budget >= n * setCost {
                    return Violation(projects: path, voters: Int64(unsatisfied))
                }
            }
            // Keep only voters who could be unsatisfied by a failing set below: satisfaction < |P| · budget / n.
            while true {
                let bound = weight(approving) * budget
                let kept = approving.filter { n * Int128(satisfaction[Int($0)]) < bound }
                if kept.count == approving.count { break }
                approving = kept
            }
            if position + 1 < order.count, !approving.isEmpty, weight(approving) * budget >= n * setCost,
               let found = search(from: position + 1, cost: setCost, maxUnfunded: setMax, hasUnfunded: setHasUnfunded, inPlay: approving, path: &path) {
                return found
            }
            path.removeLast()
        }
        return nil
    }
}
