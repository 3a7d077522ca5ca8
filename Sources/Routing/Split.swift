/// Cuts a giant tour (every client once, in order) into routes at the best
/// places (Prins 2004; Vidal 2016): the shortest path over the tour's
/// positions where an arc i→j is the route of clients i+1…j, priced at its
/// length plus `penalty` per unit of load over the capacity. Routes that
/// would carry more than twice the capacity are not considered.
enum Split {
    static func routes(of tour: [Int], in problem: RoutingProblem, penalty: Double) -> [[Int]] {
        let n = tour.count
        guard n > 0 else { return [] }
        let d = problem.distances, capacity = problem.capacity, demand = problem.demand
        var best = [Double](repeating: .infinity, count: n + 1)
        var cut = [Int](repeating: 0, count: n + 1)
        best[0] = 0
        for i in 0..<n where best[i] < .infinity {
            var load = 0, length = 0
            for j in i..<n {
                let node = tour[j]
                load += demand[node]
                length += j == i ? d[0, node] : d[tour[j - 1], node]
                let over = load > capacity ? Double(load - capacity) * penalty : 0
                let cost = best[i] + Double(length + d[node, 0]) + over
                if cost < best[j + 1] {
                    best[j + 1] = cost
                    cut[j + 1] = i
                }
                if load > 2 * capacity { break }
            }
        }
        var routes: [[Int]] = []
        var end = n
        while end > 0 {
            let start = cut[end]
            routes.append(Array(tour[start..<end]))
            end = start
        }
        return routes.reversed()
    }
}
