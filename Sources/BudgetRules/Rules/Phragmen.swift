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
struct Phragmen {
    let election: PreparedElection

    func run() -> [Int] {
        let groups = election.groupCount
        var load = [Double](repeating: 0, count: groups)
        // Each group's exact load is the max-load of the round that last set it.
        var loadRound = [Int](repeating: -1, count: groups)
        var roundLoads: [Rational] = []
        // Σ multiplicity × load over each project's supporters.
        var loadSum = [Double](repeating: 0, count: election.ids.count)
        var remaining = Array(0..<election.ids.count)
        var selected: [Int] = []
        var spent: Int64 = 0

        func floatLoad(_ p: Int) -> Double {
            guard election.approvals[p] > 0 else { return .infinity }
            return (Double(election.costs[p]) + loadSum[p]) / Double(election.approvals[p])
        }
        func exactLoad(_ p: Int) -> Rational? {
            guard election.approvals[p] > 0 else { return nil }
            var counts: [Int: Int64] = [:]
            for g in election.supporters[p] where loadRound[Int(g)] >= 0 {
                counts[loadRound[Int(g)], default: 0] += election.multiplicity[Int(g)]
            }
            var sum = Rational(election.costs[p])
            for (round, count) in counts { sum = sum + roundLoads[round] * BigInt(count) }
            return sum / BigInt(election.approvals[p])
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
                let exact = tied.compactMap { p in exactLoad(p).map { (p, $0) } }
                if let minimum = exact.map(\.1).min() {
                    tied = exact.filter { $0.1 == minimum }.map(\.0)
                    exactBest = minimum
                }
            }
            if tied.contains(where: { spent + election.costs[$0] > election.budget }) { break }
            guard let project = tied.min(by: { election.precedes($0, $1) }) else { break }
            remaining.removeAll { $0 == project }
            selected.append(project)
            spent += election.costs[project]
            if election.approvals[project] > 0 {
                let newLoad = exactBest ?? exactLoad(project) ?? .zero
                roundLoads.append(newLoad)
                let value = Double(newLoad.numerator) / Double(newLoad.denominator)
                for g in election.supporters[project] {
                    let group = Int(g)
                    let change = (value - load[group]) * election.weight[group]
                    for q in election.ballotProjects[election.ballotStart[group]..<election.ballotStart[group + 1]] {
                        loadSum[Int(q)] += change
                    }
                    load[group] = value
                    loadRound[group] = roundLoads.count - 1
                }
            }
        }
        return selected
    }
}
