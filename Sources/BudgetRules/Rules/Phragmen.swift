import BigInt

/// Sequential Phragmén, as pabutools' `sequential_phragmen`: voters earn
/// virtual money continuously; the first project whose supporters can
/// afford it is bought, and the rule stops as soon as the next project to
/// buy would exceed the budget. Loads are tracked in floating point and
/// re-decided exactly on near-ties.
///
/// Each project keeps the sum of its supporters' loads, updated only for
/// the projects on the ballots of those whose load a purchase changed, so a
/// round costs what that purchase touched rather than every approval again.
/// A round's exact load (a fraction whose denominator grows round by round)
/// is computed only when a near-tie needs it, from what each round recorded.
struct Phragmen {
    let election: PreparedElection

    func run() -> [Int] {
        let groups = election.groupCount
        var load = [Double](repeating: 0, count: groups)
        // The round that last set each group's load (-1: none yet).
        var loadRound = [Int](repeating: -1, count: groups)
        // Per round: the project bought and, over its supporters, how many
        // voters carried the load of each earlier round (-1: none) into it.
        var history: [(project: Int, carried: [(round: Int, voters: Int64)])] = []
        var exactRoundLoads: [Rational?] = []
        // Σ multiplicity × load over each project's supporters.
        var loadSum = [Double](repeating: 0, count: election.ids.count)
        var remaining = Array(0..<election.ids.count)
        var selected: [Int] = []
        var spent: Int64 = 0

        func floatLoad(_ p: Int) -> Double {
            guard election.approvals[p] > 0 else { return .infinity }
            return (Double(election.costs[p]) + loadSum[p]) / Double(election.approvals[p])
        }
        func carried(_ p: Int) -> [(round: Int, voters: Int64)] {
            var counts: [Int: Int64] = [:]
            for g in election.supporters[p] { counts[loadRound[Int(g)], default: 0] += election.multiplicity[Int(g)] }
            return counts.map { (round: $0.key, voters: $0.value) }
        }
        /// (cost + Σ voters × their exact load) / approvals, for a project now or a round past.
        func exact(cost: Int64, approvals: Int64, carried: [(round: Int, voters: Int64)]) -> Rational {
            var sum = Rational(cost)
            for (round, voters) in carried where round >= 0 { sum = sum + exactRoundLoad(round) * BigInt(voters) }
            return sum / BigInt(approvals)
        }
        func exactRoundLoad(_ round: Int) -> Rational {
            if let known = exactRoundLoads[round] { return known }
            let record = history[round]
            let value = exact(cost: election.costs[record.project], approvals: election.approvals[record.project], carried: record.carried)
            exactRoundLoads[round] = value
            return value
        }
        func exactLoad(_ p: Int) -> Rational? {
            guard election.approvals[p] > 0 else { return nil }
            return exact(cost: election.costs[p], approvals: election.approvals[p], carried: carried(p))
        }

        var tied: [Int] = []
        while !remaining.isEmpty {
            var best = Double.infinity
            for p in remaining { best = min(best, floatLoad(p)) }
            tied.removeAll(keepingCapacity: true)
            for p in remaining {
                let value = floatLoad(p)
                if best.isInfinite ? value.isInfinite : value <= best * (1 + 1e-9) { tied.append(p) }
            }
            var exactBest: Rational?
            if tied.count > 1, !best.isInfinite {
                let exactLoads = tied.compactMap { p in exactLoad(p).map { (p, $0) } }
                if let minimum = exactLoads.map(\.1).min() {
                    tied = exactLoads.filter { $0.1 == minimum }.map(\.0)
                    exactBest = minimum
                }
            }
            if tied.contains(where: { spent + election.costs[$0] > election.budget }) { break }
            guard let project = tied.min(by: { election.precedes($0, $1) }) else { break }
            remaining.removeAll { $0 == project }
            selected.append(project)
            spent += election.costs[project]
            if election.approvals[project] > 0 {
                history.append((project, carried(project)))
                exactRoundLoads.append(exactBest)
                let value = exactBest.map { Double($0.numerator) / Double($0.denominator) } ?? floatLoad(project)
                for g in election.supporters[project] {
                    let group = Int(g)
                    let change = (value - load[group]) * election.weight[group]
                    for q in election.ballotProjects[election.ballotStart[group]..<election.ballotStart[group + 1]] {
                        loadSum[Int(q)] += change
                    }
                    load[group] = value
                    loadRound[group] = history.count - 1
                }
            }
        }
        return selected
    }
}
