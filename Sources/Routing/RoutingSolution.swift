/// Routes through a problem's clients: each route a list of client nodes
/// (1…`clientCount`) in visiting order, from the depot and back to it, run
/// by a vehicle of the type at the same index of `vehicleTypes`.
public struct RoutingSolution: Sendable, Equatable {
    public let routes: [[Int]]
    /// By route: an index into the problem's fleet.
    public let vehicleTypes: [Int]

    /// Empty routes are left out; `vehicleTypes` defaults to the first type for every route.
    public init(routes: [[Int]], vehicleTypes: [Int]? = nil) {
        let types = vehicleTypes ?? [Int](repeating: 0, count: routes.count)
        let kept = routes.indices.filter { !routes[$0].isEmpty }
        self.routes = kept.map { routes[$0] }
        self.vehicleTypes = kept.map { $0 < types.count ? types[$0] : 0 }
    }

    /// What the search minimises: the distance, plus the prizes of the optional clients left out.
    public func cost(in problem: RoutingProblem) -> Int {
        distance(in: problem) + uncollectedPrizes(in: problem)
    }

    /// The total distance: each route from the depot through its clients and back.
    public func distance(in problem: RoutingProblem) -> Int {
        routes.reduce(0) { $0 + Self.length(of: $1, in: problem) }
    }

    public func uncollectedPrizes(in problem: RoutingProblem) -> Int {
        var visited = [Bool](repeating: false, count: problem.nodeCount)
        for route in routes { for node in route where problem.clients.contains(node) { visited[node] = true } }
        return problem.clients.reduce(0) { $0 + (visited[$1] ? 0 : problem.prize[$1]) }
    }

    public static func length(of route: [Int], in problem: RoutingProblem) -> Int {
        var previous = 0, total = 0
        for node in route {
            total += problem.distances[previous, node]
            previous = node
        }
        return total + problem.distances[previous, 0]
    }

    /// Travel time from the depot through the clients and back, with the time spent at each.
    public static func duration(of route: [Int], in problem: RoutingProblem) -> Int {
        var previous = 0, total = 0
        for node in route {
            total += problem.durations[previous, node] + problem.serviceTime[node]
            previous = node
        }
        return total + problem.durations[previous, 0]
    }

    /// What makes it infeasible, in words; empty when it is feasible: every
    /// required client visited exactly once and no optional one twice, no
    /// route over its vehicle's capacity or longest duration, no more routes
    /// of a type than it has vehicles, and at most `vehicles` routes in all
    /// when that is given.
    public func violations(in problem: RoutingProblem, vehicles: Int? = nil) -> [String] {
        var found: [String] = []
        var visits = [Int](repeating: 0, count: problem.nodeCount)
        var used = [Int](repeating: 0, count: problem.fleet.count)
        for (index, route) in routes.enumerated() {
            guard problem.fleet.indices.contains(vehicleTypes[index]) else {
                found.append("route \(index + 1) has vehicle type \(vehicleTypes[index] + 1), which the fleet does not have")
                continue
            }
            let type = problem.fleet[vehicleTypes[index]]
            used[vehicleTypes[index]] += 1
            var load = 0
            for node in route {
                guard problem.clients.contains(node) else {
                    found.append("route \(index + 1) visits \(node), which is not a client")
                    continue
                }
                visits[node] += 1
                load += problem.demand[node]
            }
            if load > type.capacity { found.append("route \(index + 1) carries \(load), over the capacity \(type.capacity)") }
            if let limit = type.maxDuration, route.allSatisfy(problem.clients.contains) {
                let duration = Self.duration(of: route, in: problem)
                if duration > limit { found.append("route \(index + 1) takes \(duration), longer than the shift \(limit)") }
            }
        }
        for node in problem.clients where visits[node] > 1 || (visits[node] == 0 && problem.isRequired[node]) {
            found.append("client \(problem.fileIDs[node]) is visited \(visits[node]) times")
        }
        for (type, count) in used.enumerated() {
            if let available = problem.fleet[type].count, count > available {
                found.append("\(count) routes for the \(available) vehicles of type \(type + 1)")
            }
        }
        if let vehicles, routes.count > vehicles { found.append("\(routes.count) routes for \(vehicles) vehicles") }
        return found
    }

    /// The routes with the file's node ids.
    public func fileRoutes(in problem: RoutingProblem) -> [[Int]] {
        routes.map { $0.map { problem.fileIDs[$0] } }
    }
}
