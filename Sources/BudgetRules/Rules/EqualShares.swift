import BigInt
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Method of Equal Shares on approval ballots, with cost utilities
/// (pabutools `Cost_Sat`) or cardinality utilities (`Cardinality_Sat`),
/// exactly as pabutools' `method_of_equal_shares` decides.
///
/// Money is scaled by the number of voters so every starting budget and
/// cost is an integer. Budgets are tracked in floating point to rank and
/// prune quickly; whenever a comparison is closer than a relative 1e-9 (a
/// tie or a near-tie), it is decided again with exact rationals rebuilt from
/// the payment history. Ties between equally affordable projects go to the
/// lexicographically smallest project id (pabutools' default).
struct EqualShares {
    /// What a voter gains from a funded project they approve.
    enum Satisfaction: Sendable {
        /// Its cost (`Cost_Sat`): the next project is the cheapest per hryvnia of it.
        case cost
        /// One (`Cardinality_Sat`): the next project is the cheapest per supporter.
        case cardinality
    }

    let election: PreparedElection
    let satisfaction: Satisfaction
    /// Projects MES may buy: approved by someone and not free.
    let eligible: [Int]
    /// Approved free projects, which pabutools selects up front.
    let free: [Int]

    init(_ election: PreparedElection, satisfaction: Satisfaction = .cost) {
        self.election = election
        self.satisfaction = satisfaction
        var eligible: [Int] = []
        var free: [Int] = []
        for project in 0..<election.ids.count where election.approvals[project] > 0 {
            if election.costs[project] > 0 { eligible.append(project) } else { free.append(project) }
        }
        self.eligible = eligible
        self.free = free
    }

    /// The divisor that turns a project's price per rich supporter (in units
    /// scaled by the number of voters) into its affordability ρ, the quantity
    /// MES minimises: the scaled cost for cost utilities, 1 for cardinality.
    func satisfactionWeight(_ project: Int) -> Int64 {
        switch satisfaction {
        case .cost: election.costs[project] * election.voterCount
        case .cardinality: 1
        }
    }

    /// One payment round: the project bought, who paid all they had (poor),
    /// and how many voters paid the common price (rich). The rich are the
    /// project's supporters whose budget had not run out by the end of the
    /// round (`Run.zeroSince` later than it), so they are not stored.
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
        var rounds: [Round] = []
        var prices: [Rational?] = []
        /// Reused buffers, so evaluating a project allocates nothing.
        var scratch: [(budget: Double, weight: Double)] = []
        var marked: [Bool]

        init(groups: Int, startBudget: Int64) {
            self.startBudget = startBudget
            budget = [Double](repeating: Double(startBudget), count: groups)
            zeroSince = [Int32](repeating: Int32.max, count: groups)
            marked = [Bool](repeating: false, count: groups)
        }
    }

    /// MES with each voter starting at `budget / n + increment` currency units.
    func run(increment: Int64, trace: ((Round, Rational) -> Void)? = nil) -> [Int] {
        let n = election.voterCount
        guard n > 0 else { return free }
        let unit = pow10Int(election.scale)
        // Scaled by n: a voter's start budget is budget + increment·unit·n.
        let start = election.budget + increment * unit * n
        let run = Run(groups: election.groupCount, startBudget: start)
        var remaining = eligible
        var dropped = [Bool](repeating: false, count: election.ids.count)
        // Affordability (price per unit of cost) starts at 1/approvals when
        // everyone can pay an equal share, and only rises from round to round.
        var lowerBound = [Double](repeating: 0, count: election.ids.count)
        for project in eligible {
            lowerBound[project] = Double(election.costs[project] * n) / Double(election.approvals[project]) / Double(satisfactionWeight(project))
        }
        var selected = free
        var candidates: [(project: Int, rho: Double, evaluation: Evaluation)] = []
        while !remaining.isEmpty {
            Self.sort(&remaining, by: lowerBound)
            var best = Double.infinity
            candidates.removeAll(keepingCapacity: true)
            for project in remaining {
                if lowerBound[project] > best * (1 + 1e-9) { break }
                let weight = Double(satisfactionWeight(project))
                // A price above this cannot be within the tie tolerance of the best.
                let cutoff = best * (1 + 1e-9) * weight
                switch evaluate(project, run: run, from: lowerBound[project] * weight, cutoff: cutoff) {
                case .unaffordable:
                    dropped[project] = true
                case .above(let price):
                    lowerBound[project] = price / weight
                case .price(let evaluation):
                    let rho = evaluation.price / weight
                    lowerBound[project] = rho
                    if rho < best { best = rho }
                    candidates.append((project, rho, evaluation))
                }
            }
            candidates.removeAll { $0.rho > best * (1 + 1e-9) }
            guard !candidates.isEmpty else { break }
            var winner = candidates[0]
            if candidates.count > 1 {
                // A tie or a near-tie: decide with exact affordabilities.
                var bestExact: Rational?
                for candidate in candidates {
                    let exact = exactEvaluation(candidate.project, run: run)
                    guard let price = exact?.price else { continue }
                    let rho = price / BigInt(satisfactionWeight(candidate.project))
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
            dropped[project] = true
            remaining.removeAll { dropped[$0] }
            selected.append(project)
            pay(project, winner.evaluation, run: run)
            if let trace { trace(run.rounds[run.rounds.count - 1], exactPrice(run.rounds.count - 1, run: run)) }
        }
        return selected
    }

    /// The price each rich supporter pays. `exactPoor` lists who pays all they
    /// have when the split was decided exactly; otherwise it is `budget < price`.
    struct Evaluation {
        var price: Double
        var exactPoor: [Int32]?
    }

    /// What evaluating a project found.
    enum Found {
        /// Its supporters cannot pay for it: out of this run for good.
        case unaffordable
        /// Its price is at least this, above the cutoff: it cannot win this round.
        case above(Double)
        case price(Evaluation)
    }

    /// Float evaluation: the water level π solving Σ m·min(b, π) = cost.
    /// From a price known not to exceed it (`start`), a pass takes the
    /// supporters below the level as paying all they have and sets the level
    /// to what the others must then pay. The level only rises; it is final
    /// when no supporter counted as paying the full price has less than it,
    /// which the pass sees from the smallest such budget, so one pass usually
    /// suffices. Every level on the way is a lower bound, so the evaluation
    /// stops as soon as one exceeds `cutoff`. Falls back to exact arithmetic
    /// when any budget, or the total, is within the tolerance of deciding
    /// differently.
    func evaluate(_ project: Int, run: Run, from start: Double, cutoff: Double) -> Found {
        let n = election.voterCount
        let cost = Double(election.costs[project] * n)
        let tolerance = cost * 1e-9
        let supporters = election.supporters[project]
        let equalShare = cost / Double(election.approvals[project])
        var level = max(start, equalShare)
        var first = true
        while true {
            var total = 0.0, poorSum = 0.0, richCount = 0.0
            var highestPoor = -Double.infinity, lowestRich = Double.infinity
            run.budget.withUnsafeBufferPointer { budget in
                election.weight.withUnsafeBufferPointer { weight in
                    // Branch-free: whether a budget is below the level is unpredictable.
                    for group in supporters {
                        let b = budget[Int(group)]
                        let m = weight[Int(group)]
                        let paid = b * m
                        let poor = b < level
                        total += paid
                        poorSum += poor ? paid : 0
                        richCount += poor ? 0 : m
                        let poorCandidate = poor ? b : -Double.infinity
                        let richCandidate = poor ? Double.infinity : b
                        highestPoor = poorCandidate > highestPoor ? poorCandidate : highestPoor
                        lowestRich = richCandidate < lowestRich ? richCandidate : lowestRich
                    }
                }
            }
            if first {
                if total < cost - tolerance { return .unaffordable }
                if abs(total - cost) <= tolerance { return exact(project, run: run) }
                first = false
            }
            guard richCount > 0 else { return exact(project, run: run) }
            let next = max(level, (cost - poorSum) / richCount)
            if next > cutoff { return .above(next) }
            if lowestRich >= next {
                // Final: everyone counted rich can pay it. A budget within the
                // tolerance of the price could fall either way: decide exactly.
                if next - highestPoor <= tolerance || lowestRich - next <= tolerance { return exact(project, run: run) }
                return .price(Evaluation(price: next, exactPoor: nil))
            }
            level = next
        }
    }

    private func exact(_ project: Int, run: Run) -> Found {
        guard let found = exactEvaluation(project, run: run) else { return .unaffordable }
        return .price(found.evaluation)
    }

    /// Insertion sort by lower bound: between rounds only the few projects
    /// evaluated move, so the list is nearly sorted already.
    static func sort(_ projects: inout [Int], by key: [Double]) {
        key.withUnsafeBufferPointer { key in
            projects.withUnsafeMutableBufferPointer { list in
                guard list.count > 1 else { return }
                for i in 1..<list.count {
                    let item = list[i]
                    let value = key[item]
                    var j = i
                    while j > 0, key[list[j - 1]] > value {
                        list[j] = list[j - 1]
                        j -= 1
                    }
                    list[j] = item
                }
            }
        }
    }

    /// The same evaluation in exact rationals. A budget is the start budget
    /// minus the prices of the rounds its voters paid in, so a sum of many
    /// budgets is computed from per-round head counts: O(rounds) exact steps,
    /// not O(voters).
    func exactEvaluation(_ project: Int, run: Run) -> (evaluation: Evaluation, price: Rational)? {
        let n = election.voterCount
        let round = run.rounds.count
        let cost = Rational(election.costs[project] * n)
        let live = election.supporters[project].filter { Int(run.zeroSince[Int($0)]) >= round }
        if exactSum(live, before: round, run: run) < cost { return nil }
        // Only budgets near the float price need exact values to order them.
        let guess = evaluateFloatPrice(project, run: run)
        let tolerance = Double(election.costs[project] * n) * 1e-6
        var poor: [Int32] = election.supporters[project].filter { Int(run.zeroSince[Int($0)]) < round }
        var near: [(group: Int32, budget: Rational)] = []
        var count = Int64(0)
        for group in live {
            let b = run.budget[Int(group)]
            if let guess, b < guess - tolerance {
                poor.append(group)
            } else if let guess, b > guess + tolerance {
                count += election.multiplicity[Int(group)]
            } else {
                near.append((group, exactBudget(Int(group), before: round, run: run)))
            }
        }
        near.sort { $0.budget < $1.budget }
        var contribution = exactSum(poor.filter { Int(run.zeroSince[Int($0)]) >= round }, before: round, run: run)
        count += near.reduce(0) { $0 + election.multiplicity[Int($1.group)] }
        for supporter in near {
            let price = (cost - contribution) / BigInt(count)
            if !(supporter.budget < price) { break }
            let m = election.multiplicity[Int(supporter.group)]
            contribution = contribution + supporter.budget * BigInt(m)
            count -= m
            poor.append(supporter.group)
        }
        guard count > 0 else { return nil }
        let price = (cost - contribution) / BigInt(count)
        return (Evaluation(price: Double(price.numerator) / Double(price.denominator), exactPoor: poor), price)
    }

    /// The float water level alone, to sort out which budgets are near it.
    func evaluateFloatPrice(_ project: Int, run: Run) -> Double? {
        let cost = Double(election.costs[project] * election.voterCount)
        var items = election.supporters[project].map { (run.budget[Int($0)], election.weight[Int($0)]) }
        items.sort { $0.0 < $1.0 }
        var contribution = 0.0
        var count = Double(election.approvals[project])
        for (budget, weight) in items {
            let price = (cost - contribution) / count
            if price <= budget { return price }
            contribution += budget * weight
            count -= weight
        }
        return nil
    }

    /// Σ multiplicity × exact budget before `round`, for groups not yet at zero.
    func exactSum(_ groups: [Int32], before round: Int, run: Run) -> Rational {
        var heads: Int64 = 0
        for group in groups {
            heads += election.multiplicity[Int(group)]
            run.marked[Int(group)] = true
        }
        var paidCounts = [Int64](repeating: 0, count: round)
        for index in 0..<round {
            for group in election.supporters[run.rounds[index].project]
            where run.marked[Int(group)] && Int(run.zeroSince[Int(group)]) > index {
                paidCounts[index] += election.multiplicity[Int(group)]
            }
        }
        for group in groups { run.marked[Int(group)] = false }
        var sum = Rational(BigInt(run.startBudget) * BigInt(heads))
        for (index, count) in paidCounts.enumerated() where count > 0 {
            sum = sum - exactPrice(index, run: run) * BigInt(count)
        }
        return sum
    }

    func pay(_ project: Int, _ evaluation: Evaluation, run: Run) {
        let round = Int32(run.rounds.count)
        if let exactPoor = evaluation.exactPoor {
            for group in exactPoor { run.marked[Int(group)] = true }
        }
        var poor: [Int32] = []
        var richCount: Int64 = 0
        let price = evaluation.price
        let exact = evaluation.exactPoor != nil
        let supporters = election.supporters[project]
        run.budget.withUnsafeMutableBufferPointer { budget in
            run.zeroSince.withUnsafeMutableBufferPointer { zeroSince in
                for group in supporters {
                    let g = Int(group)
                    let isPoor = exact ? run.marked[g] : budget[g] < price
                    if isPoor {
                        if zeroSince[g] == Int32.max {
                            zeroSince[g] = round
                            poor.append(group)
                        }
                        budget[g] = 0
                    } else {
                        budget[g] = max(0, budget[g] - price)
                        richCount += election.multiplicity[g]
                    }
                }
            }
        }
        if let exactPoor = evaluation.exactPoor {
            for group in exactPoor { run.marked[Int(group)] = false }
        }
        run.rounds.append(Round(project: project, poor: poor, richCount: richCount))
        run.prices.append(nil)
    }

    /// A voter group's exact budget before `round`.
    func exactBudget(_ group: Int, before round: Int, run: Run) -> Rational {
        if Int(run.zeroSince[group]) < round { return .zero }
        return exactSum([Int32(group)], before: round, run: run) / BigInt(election.multiplicity[group])
    }

    /// The exact price the rich supporters paid in a round, rebuilt on demand.
    func exactPrice(_ round: Int, run: Run) -> Rational {
        if let known = run.prices[round] { return known }
        let record = run.rounds[round]
        let n = election.voterCount
        let contribution = exactSum(record.poor, before: round, run: run)
        let price = (Rational(election.costs[record.project] * n) - contribution) / BigInt(record.richCount)
        run.prices[round] = price
        return price
    }

    /// MES-Add1: raise every voter's budget by one currency unit while the
    /// outcome stays feasible and is not yet exhaustive (pabutools'
    /// `voter_budget_increment=1`).
    func add1() -> [Int] { add1Search().outcome }

    /// The increment whose outcome MES-Add1 returns.
    func add1Increment() -> Int64 { add1Search().increment }

    /// Runs for consecutive increments are independent, so every core takes
    /// the next increment nobody has claimed, and all stop once an increment
    /// is known to end the search. Claims go in increasing order, so every
    /// increment below the first terminal one has been run and found to
    /// continue: the answer is exactly the sequential loop's, on any number
    /// of cores.
    private func add1Search() -> (outcome: [Int], increment: Int64) {
        let next = Atomic<Int64>(0)
        let terminal = Atomic<Int64>(.max)
        let outcomes = Mutex([Int64: [Int]]())
        DispatchQueue.concurrentPerform(iterations: Self.workers) { _ in
            while true {
                let increment = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if increment > terminal.load(ordering: .acquiring) { return }
                let outcome = run(increment: increment)
                outcomes.withLock { $0[increment] = outcome }
                if election.totalCost(outcome) > election.budget || election.isExhaustive(outcome, among: eligible) {
                    var seen = terminal.load(ordering: .relaxed)
                    while increment < seen {
                        let (exchanged, current) = terminal.compareExchange(
                            expected: seen, desired: increment, ordering: .acquiringAndReleasing)
                        if exchanged { break }
                        seen = current
                    }
                }
            }
        }
        let last = terminal.load(ordering: .acquiring)
        return outcomes.withLock { found in
            let outcome = found[last] ?? free
            // An infeasible outcome ends the search with the one before it.
            if election.totalCost(outcome) > election.budget {
                return last == 0 ? (free, 0) : (found[last - 1] ?? free, last - 1)
            }
            return (outcome, last)
        }
    }

    static let workers = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

func pow10Int(_ n: Int) -> Int64 {
    var value: Int64 = 1
    for _ in 0..<n { value *= 10 }
    return value
}
