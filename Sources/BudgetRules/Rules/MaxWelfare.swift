/// The utilitarian optimum with cost utilities (pabutools'
/// `max_additive_utilitarian_welfare` with `Cost_Sat`): the set of projects
/// within the budget that maximises Σ approvals × cost, a 0-1 knapsack.
///
/// pabutools solves it with a primal-dual branch and bound in Python (or an
/// integer program). Here each project's value per unit of cost is its
/// number of approvals, a whole number, so the Dantzig bound (fill by
/// approvals, the last item fractionally) is exact integer arithmetic.
/// Small capacities (in the greatest common unit of the costs) are solved by
/// dynamic programming over cost, in time bounded by capacity × projects;
/// larger ones by depth-first branch and bound from the greedy solution.
/// Both are exact. Ties between optimal sets may be broken differently from
/// pabutools; the welfare is the same.
struct MaxWelfare {
    let election: PreparedElection

    /// Dynamic programming is used up to this many cells (capacity units × items).
    static let tableLimit = 20_000_000

    func run() -> [Int] {
        // Free approved projects cost nothing and add welfare: pabutools takes them first.
        let free = (0..<election.ids.count).filter { election.costs[$0] == 0 && election.approvals[$0] > 0 }
        let capacity = election.budget
        var items = (0..<election.ids.count).filter {
            election.costs[$0] > 0 && election.approvals[$0] > 0 && election.costs[$0] <= capacity
        }
        // By value per unit of cost, then cheaper first, then id: a deterministic order.
        items.sort {
            let a = election.approvals[$0], b = election.approvals[$1]
            if a != b { return a > b }
            if election.costs[$0] != election.costs[$1] { return election.costs[$0] < election.costs[$1] }
            return election.precedes($0, $1)
        }
        guard !items.isEmpty, capacity > 0 else { return free }
        var unit = capacity
        for item in items { unit = gcd(unit, election.costs[item]) }
        let cells = (capacity / unit).multipliedReportingOverflow(by: Int64(items.count))
        let chosen = !cells.overflow && cells.partialValue <= Self.tableLimit
            ? dynamicProgramme(items, capacity: capacity, unit: unit)
            : branchAndBound(items, capacity: capacity)
        return free + chosen
    }

    private func profit(_ item: Int) -> Int64 { election.approvals[item] * election.costs[item] }

    /// best[c] = the most welfare within c units; a bit table remembers the choices.
    private func dynamicProgramme(_ items: [Int], capacity: Int64, unit: Int64) -> [Int] {
        let width = Int(capacity / unit) + 1
        var best = [Int64](repeating: 0, count: width)
        var took = [[UInt64]](repeating: [], count: items.count)
        for (index, item) in items.enumerated() {
            let weight = Int(election.costs[item] / unit)
            let value = profit(item)
            var bits = [UInt64](repeating: 0, count: (width + 63) / 64)
            if weight < width {
                for c in stride(from: width - 1, through: weight, by: -1) where best[c - weight] + value > best[c] {
                    best[c] = best[c - weight] + value
                    bits[c >> 6] |= 1 << UInt64(c & 63)
                }
            }
            took[index] = bits
        }
        var chosen: [Int] = []
        var c = width - 1
        for index in stride(from: items.count - 1, through: 0, by: -1) where took[index][c >> 6] & (1 << UInt64(c & 63)) != 0 {
            chosen.append(items[index])
            c -= Int(election.costs[items[index]] / unit)
        }
        return chosen.reversed()
    }

    /// Depth-first: take the next item or not, pruning any branch whose
    /// Dantzig bound cannot beat the best set found so far.
    private func branchAndBound(_ items: [Int], capacity: Int64) -> [Int] {
        let weights = items.map { election.costs[$0] }
        let values = items.map(profit)
        let density = items.map { election.approvals[$0] }
        // Prefix sums for the bound: the greedy run from any item by binary search.
        var prefixWeight = [Int64](repeating: 0, count: items.count + 1)
        var prefixValue = [Int64](repeating: 0, count: items.count + 1)
        for i in items.indices {
            prefixWeight[i + 1] = prefixWeight[i] + weights[i]
            prefixValue[i + 1] = prefixValue[i] + values[i]
        }
        func bound(from start: Int, room: Int64) -> Int64 {
            // The last s with prefixWeight[s] − prefixWeight[start] ≤ room.
            var low = start, high = items.count
            while low < high {
                let middle = (low + high + 1) / 2
                if prefixWeight[middle] - prefixWeight[start] <= room { low = middle } else { high = middle - 1 }
            }
            let whole = prefixValue[low] - prefixValue[start]
            guard low < items.count else { return whole }
            return whole + (room - (prefixWeight[low] - prefixWeight[start])) * density[low]
        }
        var taken = [Bool](repeating: false, count: items.count)
        var bestTaken = taken
        var bestValue: Int64 = -1
        func search(_ index: Int, room: Int64, value: Int64) {
            if value > bestValue {
                bestValue = value
                bestTaken = taken
            }
            guard index < items.count, value + bound(from: index, room: room) > bestValue else { return }
            if weights[index] <= room {
                taken[index] = true
                search(index + 1, room: room - weights[index], value: value + values[index])
                taken[index] = false
            }
            search(index + 1, room: room, value: value)
        }
        search(0, room: capacity, value: 0)
        return items.indices.filter { bestTaken[$0] }.map { items[$0] }
    }
}

func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
