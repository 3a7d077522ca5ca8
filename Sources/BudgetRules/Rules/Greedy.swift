/// The greedy family: fund projects by score, highest first.
struct Greedy {
    let election: PreparedElection

    /// Projects by descending score, ties by id (pabutools' lexicographic rule).
    func ranking(_ scores: [Int64]) -> [Int] {
        (0..<election.ids.count).sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : election.precedes($0, $1)
        }
    }

    /// `skip`: pass over projects that do not fit (CONSUL); otherwise stop at the first.
    /// Projects without a single vote (or under `threshold`) are never funded.
    /// `exclusive` pairs are never both funded: the lower-ranked one is passed
    /// over (CONSUL's incompatible investments).
    func run(skip: Bool, threshold: Int64 = 1, exclusive: [Int: Set<Int>] = [:]) -> [Int] {
        let scores = election.scores
        var remaining = election.budget
        var selected: [Int] = []
        var excluded = Set<Int>()
        for project in ranking(scores) where scores[project] >= max(1, threshold) {
            if excluded.contains(project) { continue }
            if election.costs[project] <= remaining {
                selected.append(project)
                remaining -= election.costs[project]
                excluded.formUnion(exclusive[project] ?? [])
            } else if !skip {
                break
            }
        }
        return selected
    }

    /// Poznań's documented rule: fund by score until a project does not fit;
    /// if what is left covers at least `reserveShare`% of that project, fund it
    /// as well from the city's reserve, and stop.
    func runWithReserve(percent reserveShare: Int64) -> (selected: [Int], fromReserve: Int?) {
        let scores = election.scores
        var remaining = election.budget
        var selected: [Int] = []
        for project in ranking(scores) where scores[project] >= 1 {
            if election.costs[project] <= remaining {
                selected.append(project)
                remaining -= election.costs[project]
            } else {
                if remaining * 100 >= election.costs[project] * reserveShare {
                    selected.append(project)
                    return (selected, project)
                }
                break
            }
        }
        return (selected, nil)
    }

    /// pabutools' `greedy_utilitarian_welfare` with `Cost_Sat`, continuing an
    /// allocation: by approvals (free approved projects first, unapproved
    /// last but still funded if they fit), ties by id.
    func utilitarianCompletion(from initial: [Int]) -> [Int] {
        let chosen = Set(initial)
        var remaining = election.budget - election.totalCost(initial)
        func density(_ p: Int) -> Double {
            guard election.approvals[p] > 0 else { return 0 }
            return election.costs[p] > 0 ? Double(election.approvals[p]) : .infinity
        }
        let order = (0..<election.ids.count).filter { !chosen.contains($0) }.sorted {
            let a = density($0), b = density($1)
            return a != b ? a > b : election.precedes($0, $1)
        }
        var selected = initial
        for project in order where election.costs[project] <= remaining {
            selected.append(project)
            remaining -= election.costs[project]
        }
        return selected
    }
}
