import BigInt

/// What each project did to the MES outcome, after pabutools' MES analytics
/// (`pabutools.analysis.mesanalytics`), with cost satisfaction.
///
/// **Effective support** (`calculate_effective_support`). MES is run with
/// the project left out (`skipped_project`), and after every purchase the
/// project's supporters are asked how much of its cost they would cover at
/// that purchase's price level ρ (price per unit of cost): each gives
/// min(what they have left, ρ · cost of the project); when MES stops, each
/// gives all they have left. The effective support is the best of these, as
/// a whole percentage of the cost, rounded down; a funded project gets at
/// least 100. Below 100: even at the most favourable moment its supporters
/// could not have paid for it at the going price.
///
/// Leaving a project out here means running `Tally.run(.mes, …)` on the
/// election with the project taken out of the projects and the ballots,
/// voters kept (so each still starts with budget / n). That is pabutools'
/// `skipped_project` run: it removes the project from the candidates only,
/// and a project that is never a candidate changes no budget and no
/// choice. A project MES does not fund is never bought, so leaving it out
/// changes nothing: one run serves all unfunded projects, and only the
/// funded ones need a run each. The supporters' holdings are then followed
/// by `EqualSharesReplay` in floating point; a percentage within 1e-7 of a
/// whole number, or a holding within 1e-9 of a cost, is decided again on
/// `ExactEqualSharesReplay`, so the whole percentages are exact.
///
/// Where pabutools 1.2.3 raises an error instead of answering, this says:
/// a project nobody voted for has effective support 0 (100 if the outcome
/// funds it), and a project costing nothing has none (nil).
///
/// **What an unfunded project lost to** (`calculate_project_loss`, whose
/// idea this follows; pabutools 1.2.3's own function fails on the last round
/// of every run, and the round at which it records a project depends on the
/// order Python iterates a set in, which changes from run to run). For each
/// project MES does not fund: what its supporters held at the start, what
/// they paid for each project MES bought while this one was still
/// affordable, and what they held when it stopped being affordable (less
/// than its cost). The amounts are in currency, to floating-point precision;
/// when a project stops being affordable is decided exactly.
struct ProjectEffects {
    struct Loss: Sendable, Equatable {
        var project: Int
        var amount: Double
    }

    struct Effect: Sendable, Equatable {
        var effectiveSupport: Int?
        var fundedByMES: Bool
        /// For projects MES does not fund.
        var supportersStarted: Double?
        var supportersLeft: Double?
        var lostTo: [Loss]
    }

    let election: Election
    let groups: ApprovalGroups
    /// Project id → index in `groups`.
    let index: [String: Int]
    /// Tests set this to take every decision in exact arithmetic, to check the floating-point shortcut.
    var exactOnly = false

    init(election: Election, groups: ApprovalGroups) {
        self.election = election
        self.groups = groups
        index = Dictionary(groups.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func compute() throws(RuleError) -> [Effect] {
        let mes = try Tally.run(.mes, on: election).selectedInOrder.compactMap { index[$0] }
        let fundedByMES = Set(mes)
        var effects = (0..<groups.projectCount).map { project in
            Effect(effectiveSupport: nil, fundedByMES: fundedByMES.contains(project), supportersStarted: nil, supportersLeft: nil, lostTo: [])
        }
        let tracked = (0..<groups.projectCount).filter { !fundedByMES.contains($0) && groups.costs[$0] > 0 && groups.approvals[$0] > 0 }
        // The run without any one unfunded project is the MES run itself.
        let main = follow(purchases: mes, supports: tracked, losses: tracked)
        for project in tracked {
            effects[project].effectiveSupport = main.support[project]
            effects[project].supportersStarted = groups.money(Double(groups.approvals[project]) * Double(groups.budget) / Double(groups.voterCount))
            effects[project].supportersLeft = main.left[project].map { groups.money($0 / Double(groups.voterCount)) }
            effects[project].lostTo = (main.lost[project] ?? [:]).sorted { $0.key < $1.key }
                .map { Loss(project: $0.key, amount: groups.money($0.value / Double(groups.voterCount))) }
        }
        for project in 0..<groups.projectCount where fundedByMES.contains(project) && groups.costs[project] > 0 {
            let order = try Tally.run(.mes, on: without(project)).selectedInOrder.compactMap { index[$0] }
            effects[project].effectiveSupport = follow(purchases: order, supports: [project], losses: []).support[project]
        }
        for project in 0..<groups.projectCount where groups.approvals[project] == 0 && groups.costs[project] > 0 {
            effects[project].effectiveSupport = 0
        }
        return effects
    }

    /// The election with one project taken out of the projects and the ballots.
    func without(_ project: Int) -> Election {
        let id = groups.ids[project]
        var reduced = election
        reduced.projects.removeAll { $0.id == id }
        reduced.votes = election.votes.map { vote in
            let projects = vote.projects
            guard projects.contains(id) else { return vote }
            var changed = vote
            changed.projects = projects.filter { $0 != id }
            if let points = vote.points, points.count == projects.count {
                changed.points = zip(projects, points).filter { $0.0 != id }.map(\.1)
            }
            return changed
        }
        return reduced
    }

    struct Followed {
        var support: [Int: Int] = [:]
        /// Scaled money (× n): per project, what its supporters paid for each purchase while it was affordable.
        var lost: [Int: [Int: Double]] = [:]
        var left: [Int: Double] = [:]
    }

    /// Replays the purchases; records effective supports for `supports` and losses for `losses`.
    func follow(purchases: [Int], supports: [Int], losses: [Int]) -> Followed {
        let bought = purchases.filter { groups.costs[$0] > 0 }
        var replay = EqualSharesReplay(groups)
        var exact = ExactFollower(groups: groups, purchases: bought)
        var result = Followed()
        var best = [Int: Int]()
        var affordable = Set(losses.filter { isAffordable($0, replay, &exact, round: 0) })
        for project in losses where !affordable.contains(project) { result.left[project] = replay.holdings(of: project, cappedAt: nil) }
        var losing = [Int32: [Int]]()
        for project in affordable {
            for g in groups.supporters[project] { losing[g, default: []].append(project) }
        }
        for (round, project) in bought.enumerated() {
            guard let purchase = replay.buy(project) else { break }
            // What the supporters of each still-affordable project paid this round.
            if !affordable.isEmpty {
                for (i, g) in groups.supporters[project].enumerated() {
                    guard let projects = losing[g] else { continue }
                    let paid = Double(groups.multiplicity[Int(g)]) * purchase.paid[i]
                    for other in projects where affordable.contains(other) {
                        result.lost[other, default: [:]][project, default: 0] += paid
                    }
                }
                for other in affordable where !isAffordable(other, replay, &exact, round: round + 1) {
                    affordable.remove(other)
                    result.left[other] = replay.holdings(of: other, cappedAt: nil)
                }
            }
            for other in supports {
                // ρ · cost(other): this purchase's price per unit of cost, applied to the other project.
                let ratio = Double(groups.costs[other]) / Double(groups.costs[project])
                let level = percentage(other, replay, &exact, round: round + 1, cap: (purchase.price * ratio, project))
                best[other] = max(best[other] ?? 0, level)
            }
        }
        for project in affordable { result.left[project] = replay.holdings(of: project, cappedAt: nil) }
        for project in supports {
            best[project] = max(best[project] ?? 0, percentage(project, replay, &exact, round: bought.count, cap: nil))
            result.support[project] = best[project]
        }
        return result
    }

    /// Whether the supporters together still hold the project's cost; exact when close.
    func isAffordable(_ project: Int, _ replay: EqualSharesReplay, _ exact: inout ExactFollower, round: Int) -> Bool {
        let cost = Double(groups.costs[project]) * Double(groups.voterCount)
        let approximate = replay.holdings(of: project, cappedAt: nil)
        if !exactOnly, abs(approximate - cost) > 1e-9 * cost { return approximate > cost }
        guard let state = exact.state(after: round) else { return approximate > cost }
        return !(state.holdings(of: project, cappedAt: nil) < Rational(state.scaledCost(project)))
    }

    /// ⌊100 · covered / cost⌋, where each supporter covers min(budget, cap); `cap` is the
    /// floating-point cap and the project whose price it scales. Exact when within 1e-7 of a whole number.
    func percentage(_ project: Int, _ replay: EqualSharesReplay, _ exact: inout ExactFollower, round: Int, cap: (Double, Int)?) -> Int {
        let cost = Double(groups.costs[project]) * Double(groups.voterCount)
        let value = 100 * replay.holdings(of: project, cappedAt: cap?.0) / cost
        if !exactOnly, abs(value - value.rounded()) > 1e-7, value < 1e15 { return Int(value.rounded(.down)) }
        guard let state = exact.state(after: round) else { return Int(min(value, 1e15).rounded(.down)) }
        var exactCap: Rational?
        if let (_, priced) = cap, round > 0 {
            exactCap = exact.prices[round - 1] * BigInt(groups.costs[project]) / BigInt(groups.costs[priced])
        }
        let covered = state.holdings(of: project, cappedAt: exactCap)
        let quotient = covered.numerator * 100 / (covered.denominator * state.scaledCost(project))
        return Int(exactly: quotient) ?? Int.max
    }
}

/// The exact replay, built only when a floating-point answer is too close
/// to call, and then brought forward to the round asked about.
struct ExactFollower {
    let groups: ApprovalGroups
    let purchases: [Int]
    private var replay: ExactEqualSharesReplay?
    private(set) var prices: [Rational] = []
    private var failed = false

    init(groups: ApprovalGroups, purchases: [Int]) {
        self.groups = groups
        self.purchases = purchases
    }

    /// The exact budgets after the first `round` purchases; nil if the purchases cannot be replayed.
    mutating func state(after round: Int) -> ExactEqualSharesReplay? {
        // Rounds are asked about in order; the replay cannot go back.
        if failed || prices.count > round { return nil }
        // Taken out while it moves forward, so its arrays are not copied.
        var current = replay ?? ExactEqualSharesReplay(groups)
        replay = nil
        while prices.count < round {
            guard let price = current.buy(purchases[prices.count]) else {
                failed = true
                return nil
            }
            prices.append(price)
        }
        replay = current
        return current
    }
}
