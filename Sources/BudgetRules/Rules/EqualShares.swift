import BigInt

/// The Method of Equal Shares with cost utilities (pabutools `Cost_Sat`) on
/// approval ballots, exactly as pabutools' `method_of_equal_shares` decides.
///
/// Money is scaled by the number of voters so every starting budget and
/// cost is an integer. Budgets are tracked in floating point to rank and
/// prune quickly; whenever a comparison is closer than a relative 1e-9 (a
/// tie or a near-tie), it is decided again with exact rationals rebuilt from
/// the payment history. Ties between equally affordable projects go to the
/// lexicographically smallest project id (pabutools' default).
struct EqualShares {
    let election: PreparedElection
    /// Projects MES may buy: approved by someone and not free.
    let eligible: [Int]
    /// Approved free projects, which pabutools selects up front.
    let free: [Int]

    init(_ election: PreparedElection) {
        self.election = election
        var eligible: [Int] = []
        var free: [Int] = []
        for project in 0..<election.ids.count where election.approvals[project] > 0 {
            if election.costs[project] > 0 { eligible.append(project) } else { free.append(project) }
        }
        self.eligible = eligible
        self.free = free
    }

    /// One payment round: the project bought, who paid all they had (poor),
    /// and how many voters paid the common price (rich).
    struct Round {
        let project: Int
        let poor: [Int32]
        let richCount: Int64
    }

    /// A record of one run, enough to rebuild any budget exactly.
    final class Run {
        let startBudget: Int64
        var budget: [Double]
        var zeroSince: [Int32]
        var paid: [[Int32]]
        var rounds: [Round] = []
        var prices: [Rational?] = []

        init(groups: Int, startBudget: Int64) {
            self.startBudget = startBudget
            budget = [Double](repeating: Double(startBudget), count: groups)
            zeroSince = [Int32](repeating: Int32.max, count: groups)
            paid = [[Int32]](repeating: [], count: groups)
        }
    }

    /// MES with each voter starting at `budget / n + increment` currency units.
    func run(increment: Int64, trace: ((Round, Rational) -> Void)? = nil) -> [Int] {
        let n = election.voterCount
        guard n > 0 else { return free }
        let unit = pow10Int(election.scale)
        // Scaled by n: a voter's start budget is budget + increment·unit·n.
        let start = election.budget + increment * unit * n
        let run = Run(groups: election.ballots.count, startBudget: start)
        var remaining = Set(eligible)
        var lowerBound = [Double](repeating: 0, count: election.ids.count)
        for project in eligible {
            lowerBound[project] = Double(election.costs[project] * n) / Double(election.approvals[project]) / Double(election.costs[project] * n)
        }
        var selected = free
        while !remaining.isEmpty {
            var order = remaining.sorted { lowerBound[$0] < lowerBound[$1] }
            var best = Double.infinity
            var candidates: [(project: Int, rho: Double, evaluation: Evaluation)] = []
            var index = 0
            while index < order.count {
                let project = order[index]
                index += 1
                if lowerBound[project] > best * (1 + 1e-9) { break }
                guard let evaluation = evaluate(project, run: run) else {
                    remaining.remove(project)
                    continue
                }
                let rho = evaluation.price / Double(election.costs[project] * n)
                lowerBound[project] = rho
                if rho < best { best = rho }
                candidates.append((project, rho, evaluation))
            }
            order.removeAll()
            candidates.removeAll { $0.rho > best * (1 + 1e-9) }
            guard !candidates.isEmpty else { break }
            var winner = candidates[0]
            if candidates.count > 1 {
                // A tie or a near-tie: decide with exact affordabilities.
                var bestExact: Rational?
                for candidate in candidates {
                    let exact = exactEvaluation(candidate.project, run: run)
                    guard let price = exact?.price else { continue }
                    let rho = price / BigInt(election.costs[candidate.project] * n)
                    if let current = bestExact {
                        if rho < current || (rho == current && election.precedes(candidate.project, winner.project)) {
                            bestExact = rho
                            winner = candidate
                            winner.evaluation = exact?.evaluation ?? candidate.evaluation
                        }
                    } else {
                        bestExact = rho
                        winner = candidate
                        winner.evaluation = exact?.evaluation ?? candidate.evaluation
                    }
                }
            }
            let project = winner.project
            remaining.remove(project)
            selected.append(project)
            pay(project, winner.evaluation, run: run)
            if let trace { trace(run.rounds[run.rounds.count - 1], exactPrice(run.rounds.count - 1, run: run)) }
        }
        return selected
    }

    /// Who pays all they have (ascending budgets below the price) and the price.
    struct Evaluation {
        var price: Double
        var poor: [Int32]
        var richCount: Int64
    }

    /// Float evaluation; falls back to exact arithmetic when a comparison is close.
    func evaluate(_ project: Int, run: Run) -> Evaluation? {
        let n = election.voterCount
        let cost = Double(election.costs[project] * n)
        let tolerance = cost * 1e-9
        var supporters = election.supporters[project].map { (group: $0, budget: run.budget[Int($0)]) }
        var total = 0.0
        for supporter in supporters { total += supporter.budget * Double(election.multiplicity[Int(supporter.group)]) }
        if total < cost - tolerance { return nil }
        if abs(total - cost) <= tolerance { return exactEvaluation(project, run: run)?.evaluation }
        supporters.sort { $0.budget < $1.budget }
        var contribution = 0.0
        var count = election.approvals[project]
        var poor: [Int32] = []
        for supporter in supporters {
            let price = (cost - contribution) / Double(count)
            if abs(price - supporter.budget) <= tolerance { return exactEvaluation(project, run: run)?.evaluation }
            if price <= supporter.budget {
                return Evaluation(price: price, poor: poor, richCount: count)
            }
            let m = election.multiplicity[Int(supporter.group)]
            contribution += supporter.budget * Double(m)
            count -= m
            poor.append(supporter.group)
        }
        return nil
    }

    /// The same evaluation in exact rationals.
    func exactEvaluation(_ project: Int, run: Run) -> (evaluation: Evaluation, price: Rational)? {
        let n = election.voterCount
        let round = run.rounds.count
        let cost = Rational(election.costs[project] * n)
        var supporters = election.supporters[project].map { (group: $0, budget: exactBudget(Int($0), before: round, run: run)) }
        var total = Rational.zero
        for supporter in supporters { total = total + supporter.budget * BigInt(election.multiplicity[Int(supporter.group)]) }
        if total < cost { return nil }
        supporters.sort { $0.budget < $1.budget }
        var contribution = Rational.zero
        var count = election.approvals[project]
        var poor: [Int32] = []
        for supporter in supporters {
            let price = (cost - contribution) / BigInt(count)
            if !(supporter.budget < price) {
                return (Evaluation(price: Double(price.numerator) / Double(price.denominator), poor: poor, richCount: count), price)
            }
            let m = election.multiplicity[Int(supporter.group)]
            contribution = contribution + supporter.budget * BigInt(m)
            count -= m
            poor.append(supporter.group)
        }
        return nil
    }

    func pay(_ project: Int, _ evaluation: Evaluation, run: Run) {
        let round = Int32(run.rounds.count)
        let poor = Set(evaluation.poor)
        for group in election.supporters[project] {
            let g = Int(group)
            if poor.contains(group) {
                run.budget[g] = 0
                if run.zeroSince[g] == Int32.max { run.zeroSince[g] = round }
            } else if run.zeroSince[g] == Int32.max {
                run.budget[g] = max(0, run.budget[g] - evaluation.price)
                run.paid[g].append(round)
            }
        }
        run.rounds.append(Round(project: project, poor: evaluation.poor.filter { run.zeroSince[Int($0)] == round }, richCount: evaluation.richCount))
        run.prices.append(nil)
    }

    /// A voter group's exact budget before `round`.
    func exactBudget(_ group: Int, before round: Int, run: Run) -> Rational {
        if Int(run.zeroSince[group]) < round { return .zero }
        var budget = Rational(run.startBudget)
        for paid in run.paid[group] where Int(paid) < round {
            budget = budget - exactPrice(Int(paid), run: run)
        }
        return budget
    }

    /// The exact price the rich supporters paid in a round, rebuilt on demand.
    func exactPrice(_ round: Int, run: Run) -> Rational {
        if let known = run.prices[round] { return known }
        let record = run.rounds[round]
        let n = election.voterCount
        var contribution = Rational.zero
        for group in record.poor {
            contribution = contribution + exactBudget(Int(group), before: round, run: run) * BigInt(election.multiplicity[Int(group)])
        }
        let price = (Rational(election.costs[record.project] * n) - contribution) / BigInt(record.richCount)
        run.prices[round] = price
        return price
    }

    /// MES-Add1: raise every voter's budget by one currency unit while the
    /// outcome stays feasible and is not yet exhaustive (pabutools'
    /// `voter_budget_increment=1`).
    func add1() -> [Int] {
        var previous = free
        var increment: Int64 = 0
        while true {
            let outcome = run(increment: increment)
            if election.totalCost(outcome) > election.budget { return previous }
            if election.isExhaustive(outcome, among: eligible) { return outcome }
            previous = outcome
            increment += 1
        }
    }
}

func pow10Int(_ n: Int) -> Int64 {
    var value: Int64 = 1
    for _ in 0..<n { value *= 10 }
    return value
}
