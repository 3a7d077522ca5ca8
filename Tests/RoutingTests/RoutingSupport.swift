import Foundation
@testable import Routing

/// The CVRPLIB instances in `../shared/data/cvrp`, read-only; tests that
/// need them run whenever the folder is there (CI always has it).
enum SharedInstances {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/cvrp")

    static var isPresent: Bool { FileManager.default.fileExists(atPath: folder.path) }

    /// Every `.vrp` file, as `SET/NAME.vrp`.
    static var files: [String] {
        let sets = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return sets.flatMap { set in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(set).path)) ?? [])
                .filter { $0.hasSuffix(".vrp") }.sorted().map { "\(set)/\($0)" }
        }
    }

    static func problem(_ file: String) throws -> RoutingProblem {
        try CVRPLIB.read(String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self))
    }

    struct Known: Decodable {
        let best_known_cost: Int
        let capacity: Int
        let total_demand: Int
    }

    static var known: [String: Known] {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("bks.json")) else { return [:] }
        return (try? JSONDecoder().decode([String: Known].self, from: data)) ?? [:]
    }
}

/// Small random instances and the brute force that knows their optimum.
enum Small {
    /// Clients on a 100 × 100 grid around a central depot, demands 1…`maxDemand`.
    static func problem(clients: Int, capacity: Int, maxDemand: Int = 9, seed: UInt64) throws -> RoutingProblem {
        var random = RandomSource(seed: seed)
        let points = [(x: 50.0, y: 50.0)] + (0..<clients).map { _ in (x: Double(random.next(below: 101)), y: Double(random.next(below: 101))) }
        let demands = [0] + (0..<clients).map { _ in 1 + random.next(below: maxDemand) }
        return try RoutingProblem(capacity: capacity, demands: demands, distances: try DistanceMatrix.euclidean(points))
    }

    /// The optimum by brute force: every order of the clients, each cut the
    /// best way by `Split` at a prohibitive price of overload (every cut of
    /// every order is some solution, and every solution is some cut of some
    /// order; `Split` itself is checked against every cut).
    static func optimum(_ problem: RoutingProblem, vehicles: Int? = nil) -> Int {
        var best = Int.max
        var order = Array(problem.clients)
        func visit(_ k: Int) {
            if k == order.count {
                let routes = RoutingSolution(routes: Split.routes(of: order, in: problem, penalty: 1e15, vehicles: vehicles))
                if routes.violations(in: problem, vehicles: vehicles).isEmpty { best = min(best, routes.cost(in: problem)) }
                return
            }
            for i in k..<order.count {
                order.swapAt(k, i)
                visit(k + 1)
                order.swapAt(k, i)
            }
        }
        visit(0)
        return best
    }

    /// The cheapest feasible way to cut a tour (into at most `vehicles`
    /// routes), by trying all 2ⁿ⁻¹ cuts; Int.max when none is feasible.
    static func bestCut(_ tour: [Int], _ problem: RoutingProblem, vehicles: Int? = nil) -> Int {
        var best = Int.max
        for mask in 0..<(1 << (tour.count - 1)) {
            var routes: [[Int]] = [[tour[0]]]
            for index in 1..<tour.count {
                if mask & (1 << (index - 1)) != 0 { routes.append([]) }
                routes[routes.count - 1].append(tour[index])
            }
            let solution = RoutingSolution(routes: routes)
            if solution.violations(in: problem, vehicles: vehicles).isEmpty { best = min(best, solution.cost(in: problem)) }
        }
        return best
    }

    /// Load over the capacity, summed over the routes.
    static func overload(_ routes: [[Int]], _ problem: RoutingProblem) -> Int {
        routes.reduce(0) { $0 + max(0, $1.reduce(0) { $0 + problem.demand[$1] } - problem.capacity) }
    }

    static func penalised(_ routes: [[Int]], _ problem: RoutingProblem, penalty: Double) -> Double {
        Double(RoutingSolution(routes: routes).cost(in: problem)) + Double(overload(routes, problem)) * penalty
    }
}
