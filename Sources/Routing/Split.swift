/// Cuts a giant tour (every client once, in order) into routes at the best
/// places (Prins 2004; Vidal 2016): the shortest path over the tour's
/// positions where an arc i→j is the route of clients i+1…j, priced at its
/// length plus `penalty` per unit of load over the capacity. Routes that
/// would carry more than twice the capacity are not considered, unless the
/// fleet is too small to do without them. Routes longer than the shift are
/// priced at `durationPenalty` per unit of time over it. With several
/// vehicle types the cut is made for the largest (its capacity and shift);
/// `Fleet.assign` then gives each route a type and the local search moves
/// clients to fit.
///
/// With a fleet of `vehicles`, the cheapest cut into at most that many
/// routes: when the unlimited cut needs more, a shortest path with at most
/// `vehicles` arcs (a layer per route).
enum Split {
    static func routes(
        of tour: [Int], in problem: RoutingProblem, penalty: Double, durationPenalty: Double? = nil, vehicles: Int? = nil
    ) -> [[Int]] {
        guard !tour.isEmpty else { return [] }
        let price = Price(problem: problem, load: penalty, duration: durationPenalty ?? penalty)
        let free = unlimited(tour, problem, price)
        guard let vehicles = Fleet.limit(problem, vehicles), free.count > vehicles else { return free }
        return limited(tour, problem, price, vehicles: max(1, vehicles), loadBound: 2 * problem.capacity)
            ?? limited(tour, problem, price, vehicles: max(1, vehicles), loadBound: nil)
            ?? free
    }

    private struct Price {
        let problem: RoutingProblem
        let load: Double
        let duration: Double
        /// The shift of the largest vehicle; nil when it has none.
        let shift: Int?

        init(problem: RoutingProblem, load: Double, duration: Double) {
            self.problem = problem
            self.load = load
            self.duration = duration
            shift = problem.limitsDuration ? problem.fleet.max { $0.capacity < $1.capacity }?.maxDuration : nil
        }
    }

    /// The price of a route of clients `tour[i..<j]` is extended one client at a time by this.
    private struct Route {
        var load = 0
        var length = 0
        var time = 0

        mutating func extend(to j: Int, from i: Int, _ tour: [Int], _ price: Price) {
            let node = tour[j], problem = price.problem
            load += problem.demand[node]
            let from = j == i ? 0 : tour[j - 1]
            length += problem.distances[from, node]
            if price.shift != nil { time += problem.durations[from, node] + problem.serviceTime[node] }
        }

        func cost(closingAt node: Int, _ price: Price) -> Double {
            let problem = price.problem
            var cost = Double(length + problem.distances[node, 0])
            if load > problem.capacity { cost += Double(load - problem.capacity) * price.load }
            if let shift = price.shift, time + problem.durations[node, 0] > shift {
                cost += Double(time + problem.durations[node, 0] - shift) * price.duration
            }
            return cost
        }
    }

    private static func unlimited(_ tour: [Int], _ problem: RoutingProblem, _ price: Price) -> [[Int]] {
        let n = tour.count
        var best = [Double](repeating: .infinity, count: n + 1)
        var cut = [Int](repeating: 0, count: n + 1)
        best[0] = 0
        for i in 0..<n where best[i] < .infinity {
            var route = Route()
            for j in i..<n {
                route.extend(to: j, from: i, tour, price)
                let cost = best[i] + route.cost(closingAt: tour[j], price)
                if cost < best[j + 1] {
                    best[j + 1] = cost
                    cut[j + 1] = i
                }
                if route.load > 2 * problem.capacity { break }
            }
        }
        return routes(tour, cuts: { cut[$0] }, end: n)
    }

    /// At most `vehicles` routes; nil when no cut within `loadBound` per route reaches the end.
    private static func limited(_ tour: [Int], _ problem: RoutingProblem, _ price: Price, vehicles: Int, loadBound: Int?) -> [[Int]]? {
        let n = tour.count, layers = min(vehicles, n)
        // best[k][j]: the first j clients in exactly k routes.
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: n + 1), count: layers + 1)
        var cut = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: layers + 1)
        best[0][0] = 0
        for k in 0..<layers {
            for i in k..<n where best[k][i] < .infinity {
                var route = Route()
                for j in i..<n {
                    route.extend(to: j, from: i, tour, price)
                    let cost = best[k][i] + route.cost(closingAt: tour[j], price)
                    if cost < best[k + 1][j + 1] {
                        best[k + 1][j + 1] = cost
                        cut[k + 1][j + 1] = i
                    }
                    if let loadBound, route.load > loadBound { break }
                }
            }
        }
        guard let layer = (1...layers).min(by: { best[$0][n] < best[$1][n] }), best[layer][n] < .infinity else { return nil }
        var k = layer
        return routes(tour, cuts: { end in
            defer { k -= 1 }
            return cut[k][end]
        }, end: n)
    }

    private static func routes(_ tour: [Int], cuts: (Int) -> Int, end: Int) -> [[Int]] {
        var routes: [[Int]] = []
        var end = end
        while end > 0 {
            let start = cuts(end)
            routes.append(Array(tour[start..<end]))
            end = start
        }
        return routes.reversed()
    }
}
