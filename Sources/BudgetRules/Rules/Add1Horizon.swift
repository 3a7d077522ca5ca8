/// How far MES-Add1 may raise the voters' starting budget before a run's
/// decisions could change, so that Add1 runs MES only where the outcome can
/// differ instead of once per currency unit.
///
/// Let t be the increment (currency units added to every voter's start).
/// While each round buys the same project and splits its supporters into
/// the same "pay all they have" and "pay the price" groups, every budget is
/// an affine function of t: it starts at budget/n + t, a round's price is
/// (cost − what the poor pay) / (number who pay it), and both are affine
/// when the split is fixed. So every budget has a slope, tracked here.
///
/// A run's outcome is the same for all t in [t₀, t₀ + Δ) when in every round:
/// - the winner's split does not change: no supporter's budget crosses the
///   winner's price (each crossing is an affine equation);
/// - no other remaining project becomes at least as affordable as the winner.
///   A project's affordability ρ(t) is convex in t (its price is the water
///   level of supporters' budgets that are affine in t, the lower edge of a
///   convex set), so it lies above its tangent at t₀: where the tangent of
///   ρ_p − ρ_winner stays positive, so does the difference;
/// - no project found unaffordable becomes affordable (its supporters' money
///   is affine in t and only falls in later rounds).
/// Δ is the nearest of these events; it is computed in floating point and
/// shrunk by a safety margin, and any comparison within the run's own
/// tie tolerance sets Δ to 0, so the next increment is run exactly.
final class Add1Horizon {
    let engine: EqualShares
    /// d budget / dt per voter group, in the run's units (scaled by n).
    private var slope: [Double]
    /// Projects found unaffordable in this run (they stay so in later rounds).
    private var unaffordable: [Bool]
    /// The nearest event, in increments from the run's own.
    private(set) var delta = Double.infinity
    /// The winner's price and the slope of its affordability in this round.
    private var winnerSupporterBudgets: [Double] = []
    private var winnerPriceSlope = 0.0
    private var items: [(budget: Double, weight: Double, slope: Double)] = []

    /// Relative tolerance under which two floating-point quantities count as
    /// possibly equal: the same as the run's own switch to exact arithmetic.
    static let tie = 1e-9

    init(engine: EqualShares) {
        self.engine = engine
        let election = engine.election
        // A voter's scaled start budget is budget + t·unit·n.
        let unitSlope = Double(pow10Int(election.scale)) * Double(election.voterCount)
        slope = [Double](repeating: unitSlope, count: election.groupCount)
        unaffordable = [Bool](repeating: false, count: election.ids.count)
    }

    private func event(at distance: Double) {
        if distance < delta { delta = max(0, distance) }
    }

    /// The round's winner is chosen; budgets are still as before payment.
    func beforePayment(winner: Int, price: Double, remaining: [Int], run: EqualShares.Run) {
        let election = engine.election
        let supporters = election.supporters[winner]
        // The winner's split, and when any supporter's budget meets its price.
        var poorSlope = 0.0
        var richCount = 0.0
        for group in supporters {
            let g = Int(group)
            let b = run.budget[g]
            if b < price {
                poorSlope += slope[g] * election.weight[g]
            } else {
                richCount += election.weight[g]
            }
            if abs(b - price) <= Self.tie * price { event(at: 0) }
        }
        // The price falls as the poor grow richer: dπ/dt = −Σ poor slopes / rich count.
        let priceSlope = richCount > 0 ? -poorSlope / richCount : 0
        winnerPriceSlope = priceSlope
        for group in supporters {
            let g = Int(group)
            let b = run.budget[g]
            // A poor budget rises (slope ≥ 0) towards a falling price; a rich one moves away.
            let gap = price - b
            let closing = slope[g] - priceSlope
            if gap > 0, closing > 0 { event(at: safe(gap, closing, scale: price)) }
        }
        let winnerWeight = Double(engine.satisfactionWeight(winner))
        let rho = price / winnerWeight
        let rhoSlope = priceSlope / winnerWeight
        for project in remaining where project != winner && !unaffordable[project] {
            guard let (otherPrice, otherSlope) = evaluate(project, run: run) else { continue }
            let weight = Double(engine.satisfactionWeight(project))
            let gap = otherPrice / weight - rho
            // Non-negative means never: a convex function rising from a positive value stays positive.
            let closing = rhoSlope - otherSlope / weight
            let magnitude = otherPrice / weight + rho
            if gap <= Self.tie * magnitude { event(at: 0); continue }
            let safeClosing = closing + Self.tie * (abs(rhoSlope) + abs(otherSlope / weight))
            if safeClosing > 0 { event(at: safe(gap, safeClosing, scale: magnitude)) }
        }
    }

    /// The winner was paid for: rich supporters' budgets now fall with its price.
    func afterPayment(_ round: EqualShares.Round) {
        for group in round.rich { slope[Int(group)] -= winnerPriceSlope }
        for group in round.poor { slope[Int(group)] = 0 }
    }

    /// No remaining project is affordable: each becomes so once its
    /// supporters' money reaches its cost.
    func runEnded(remaining: [Int], run: EqualShares.Run) {
        for project in remaining where !unaffordable[project] { _ = evaluate(project, run: run) }
    }

    /// A project's price per rich supporter and its slope, or nil when its
    /// supporters cannot afford it (then the event of their affording it is noted).
    private func evaluate(_ project: Int, run: EqualShares.Run) -> (price: Double, slope: Double)? {
        let election = engine.election
        let cost = Double(election.costs[project] * election.voterCount)
        let supporters = election.supporters[project]
        var total = 0.0
        var totalSlope = 0.0
        var lowest = Double.infinity
        for group in supporters {
            let g = Int(group)
            let b = run.budget[g]
            total += b * election.weight[g]
            totalSlope += slope[g] * election.weight[g]
            if b < lowest { lowest = b }
        }
        if total < cost * (1 + Self.tie) {
            unaffordable[project] = true
            if total >= cost * (1 - Self.tie) {
                event(at: 0)
            } else if totalSlope > 0 {
                event(at: safe(cost - total, totalSlope, scale: cost))
            }
            return nil
        }
        let equalShare = cost / Double(election.approvals[project])
        // Nobody short of an equal share: the price is that share, whatever t.
        if lowest >= equalShare { return (equalShare, 0) }
        items.removeAll(keepingCapacity: true)
        for group in supporters {
            let g = Int(group)
            items.append((run.budget[g], election.weight[g], slope[g]))
        }
        items.sort { $0.budget < $1.budget }
        var contribution = 0.0
        var poorSlope = 0.0
        var count = Double(election.approvals[project])
        for item in items {
            let price = (cost - contribution) / count
            if price <= item.budget { return (price, -poorSlope / count) }
            contribution += item.budget * item.weight
            poorSlope += item.slope * item.weight
            count -= item.weight
        }
        // Affordable only by everyone paying all they have: on the edge.
        event(at: 0)
        return nil
    }

    /// gap / closing speed, shrunk so that floating-point error can only make
    /// the step shorter: a gap within the tie tolerance is no step at all.
    private func safe(_ gap: Double, _ closing: Double, scale: Double) -> Double {
        if gap <= Self.tie * abs(scale) { return 0 }
        return gap / closing * (1 - 1e-6)
    }
}

extension EqualShares {
    /// MES-Add1 (pabutools' `voter_budget_increment=1`): raise every voter's
    /// budget by one currency unit while the outcome stays within the budget
    /// and is not exhaustive. Each run says how many units it may be raised
    /// before anything could change (`Add1Horizon`), and the increments in
    /// between are skipped: their outcome is the run's, which went on.
    func add1Search() -> (outcome: [Int], increment: Int64) {
        let unit = pow10Int(election.scale)
        // From here on every voter alone can pay for any project, so the
        // outcome is every eligible project: the search ends by then.
        let totalCost = eligible.reduce(Int64(0)) { $0 + election.costs[$1] }
        let last = totalCost / unit + 1
        var increment: Int64 = 0
        var previous = free
        var previousIncrement: Int64 = 0
        while true {
            let horizon = Add1Horizon(engine: self)
            let outcome = run(increment: increment, horizon: horizon)
            if election.totalCost(outcome) > election.budget {
                return increment == 0 ? (free, 0) : (previous, previousIncrement)
            }
            if election.isExhaustive(outcome, among: eligible) || increment >= last { return (outcome, increment) }
            let step = horizon.delta.rounded(.up)
            let next = step.isFinite && step > 1 ? increment + Int64(min(step, Double(last - increment))) : increment + 1
            previous = outcome
            // The increments skipped had this outcome too; the last of them is the one before `next`.
            previousIncrement = next - 1
            increment = next
        }
    }
}
