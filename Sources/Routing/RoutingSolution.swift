/// Routes through a problem's clients: each route a list of client nodes
/// (1…`clientCount`) in visiting order, from the depot and back to it.
public struct RoutingSolution: Sendable, Equatable {
    public let routes: [[Int]]

    public init(routes: [[Int]]) {
        self.routes = routes.filter { !$0.isEmpty }
    }

    /// The total distance: each route from the depot through its clients and back.
    public func cost(in problem: RoutingProblem) -> Int {
        routes.reduce(0) { $0 + Self.length(of: $1, in: problem) }
    }

    public static func length(of route: [Int], in problem: RoutingProblem) -> Int {
        var previous = 0, total = 0
        for node in route {
            total += problem.distances[previous, node]
            previous = node
        }
        return total + problem.distances[previous, 0]
    }

    /// What makes it infeasible, in words; empty when it is feasible: every
    /// client visited exactly once, no route over the capacity, at most
    /// `vehicles` routes when a fleet is given.
    public func violations(in problem: RoutingProblem, vehicles: Int? = nil) -> [String] {
        var found: [String] = []
        var visits = [Int](repeating: 0, count: problem.nodeCount)
        for (index, route) in routes.enumerated() {
            var load = 0
            for node in route {
                guard problem.clients.contains(node), problem.clientCount > 0 else {
                    found.append("route \(index + 1) visits \(node), which is not a client")
                    continue
                }
                visits[node] += 1
                load += problem.demand[node]
            }
            if load > problem.capacity { found.append("route \(index + 1) carries \(load), over the capacity \(problem.capacity)") }
        }
        for node in problem.clients where problem.clientCount > 0 && visits[node] != 1 {
            found.append("client \(problem.fileIDs[node]) is visited \(visits[node]) times")
        }
        if let vehicles, routes.count > vehicles { found.append("\(routes.count) routes for \(vehicles) vehicles") }
        return found
    }

    /// The routes with the file's node ids.
    public func fileRoutes(in problem: RoutingProblem) -> [[Int]] {
        routes.map { $0.map { problem.fileIDs[$0] } }
    }
}
