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

    /// The clients in a random order that the seed fixes.
    static func shuffled(_ clients: ClosedRange<Int>, seed: UInt64) -> [Int] {
        var random = RandomSource(seed: seed)
        var tour = Array(clients)
        random.shuffle(&tour)
        return tour
    }

    /// Load over the capacity, summed over the routes.
    static func overload(_ routes: [[Int]], _ problem: RoutingProblem) -> Int {
        routes.reduce(0) { $0 + max(0, $1.reduce(0) { $0 + problem.demand[$1] } - problem.capacity) }
    }

    /// Time over the shift, summed over the routes (one vehicle type).
    static func overtime(_ routes: [[Int]], _ problem: RoutingProblem) -> Int {
        guard let shift = problem.fleet[0].maxDuration else { return 0 }
        return routes.reduce(0) { $0 + max(0, RoutingSolution.duration(of: $1, in: problem) - shift) }
    }

    /// Distance, uncollected prizes, overload and overtime at their prices (one vehicle type).
    static func penalised(_ routes: [[Int]], _ problem: RoutingProblem, penalty: Double, durationPenalty: Double = 0) -> Double {
        Double(RoutingSolution(routes: routes).cost(in: problem)) + Double(overload(routes, problem)) * penalty
            + Double(overtime(routes, problem)) * durationPenalty
    }

    /// Clients on the same grid with what collection rounds add: every
    /// second client optional with a prize of 10…129 when `optional`;
    /// service times of 5…14 and a shift that binds when `shift`; a fleet of
    /// two small vehicles and one large with a shorter shift when `types`.
    static func rich(clients: Int, seed: UInt64, optional: Bool = false, shift: Bool = false, types: Bool = false) throws -> RoutingProblem {
        var random = RandomSource(seed: seed)
        let points = [(x: 50.0, y: 50.0)] + (0..<clients).map { _ in (x: Double(random.next(below: 101)), y: Double(random.next(below: 101))) }
        let demands = [0] + (0..<clients).map { _ in 1 + random.next(below: 9) }
        let distances = try DistanceMatrix.euclidean(points)
        let service = [0] + (0..<clients).map { _ in shift ? 5 + random.next(below: 10) : 0 }
        let required = [true] + (1...clients).map { !optional || $0 % 2 == 1 }
        let prizes = [0] + (0..<clients).map { _ in 10 + random.next(below: 120) }
        // Long enough for any client alone, short enough that it matters.
        let alone = (1...clients).map { 2 * distances[0, $0] + service[$0] }.max() ?? 0
        let limit = shift ? max(alone, 160) : nil
        let fleet = types
            ? [VehicleType(capacity: 12, count: 2, maxDuration: limit), VehicleType(capacity: 30, count: 1, maxDuration: limit.map { $0 * 3 / 4 }.map { max($0, alone) })]
            : [VehicleType(capacity: 20, maxDuration: limit)]
        return try RoutingProblem(fleet: fleet, demands: demands, distances: distances, serviceTimes: service, prizes: prizes, required: required)
    }

    /// The optimum of any problem here by brute force: each client in turn
    /// left out (if optional), put at every place of every route so far, or
    /// on a new route of every type the fleet still has; the cheapest that
    /// `RoutingSolution.violations` passes. Int.max when none does.
    static func optimum(of problem: RoutingProblem, vehicles: Int? = nil) -> Int {
        var best = Int.max
        var routes: [[Int]] = [], types: [Int] = [], loads: [Int] = []
        func place(_ client: Int) {
            if client > problem.clientCount {
                let solution = RoutingSolution(routes: routes, vehicleTypes: types)
                if solution.violations(in: problem, vehicles: vehicles).isEmpty { best = min(best, solution.cost(in: problem)) }
                return
            }
            if !problem.isRequired[client] { place(client + 1) }
            let demand = problem.demand[client]
            for r in routes.indices where loads[r] + demand <= problem.fleet[types[r]].capacity {
                for k in 0...routes[r].count {
                    routes[r].insert(client, at: k)
                    loads[r] += demand
                    place(client + 1)
                    loads[r] -= demand
                    routes[r].remove(at: k)
                }
            }
            guard routes.count < (vehicles ?? Int.max) else { return }
            for (type, vehicle) in problem.fleet.enumerated() where types.filter({ $0 == type }).count < (vehicle.count ?? Int.max) {
                routes.append([client])
                types.append(type)
                loads.append(demand)
                place(client + 1)
                routes.removeLast()
                types.removeLast()
                loads.removeLast()
            }
        }
        place(1)
        return best
    }
}
