/// Solves a capacitated vehicle routing problem with the hybrid genetic
/// search (`GeneticSearch`), until a deadline or a number of iterations.
public enum RoutingSolver {
    public enum Limit: Sendable {
        /// Search until this instant of the continuous clock.
        case deadline(ContinuousClock.Instant)
        /// Exactly this many new individuals: the same result for the same seed on any machine.
        case individuals(Int)
    }

    /// The best feasible solution found, in at most `vehicles` routes when a
    /// fleet is given; when the limit ends the search before any (a deadline
    /// shorter than one local search), the routes of `fallback`. With a fleet
    /// too small for the demand, or found too late, these may be over the
    /// capacity: `RoutingSolution.violations` says so.
    public static func solve(_ problem: RoutingProblem, limit: Limit, seed: UInt64 = 1, vehicles: Int? = nil) -> RoutingSolution {
        var search = GeneticSearch(problem: problem, seed: seed, vehicles: vehicles)
        let found = switch limit {
        case .deadline(let deadline): search.run(deadline: deadline)
        case .individuals(let count): search.run(individuals: count)
        }
        return found ?? fallback(problem, vehicles: vehicles)
    }

    /// `workers` searches at once (one per core), from seeds `seed`,
    /// `seed + 1`, …, each with the same limit; the best of their answers:
    /// within the constraints first, then the cheapest, then the lowest
    /// seed, so a number of individuals still gives the same routes.
    public static func solve(
        _ problem: RoutingProblem, limit: Limit, seed: UInt64 = 1, vehicles: Int? = nil, workers: Int
    ) async -> RoutingSolution {
        guard workers > 1 else { return solve(problem, limit: limit, seed: seed, vehicles: vehicles) }
        let answers = await withTaskGroup(of: (Int, RoutingSolution).self) { group in
            for worker in 0..<workers {
                group.addTask { (worker, solve(problem, limit: limit, seed: seed &+ UInt64(worker), vehicles: vehicles)) }
            }
            var answers: [(Int, RoutingSolution)] = []
            for await answer in group { answers.append(answer) }
            return answers
        }
        let ranked = answers.map { worker, solution in
            (solution.violations(in: problem, vehicles: vehicles).isEmpty ? 0 : 1, solution.cost(in: problem), worker, solution)
        }
        return ranked.min { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }?.3 ?? fallback(problem, vehicles: vehicles)
    }

    /// Found in O(n²): the nearest-neighbour tour from the depot through the
    /// required clients, cut by `Split` at a price of overload and overtime
    /// above any total distance (at most 3,000 clients × 2 × 10⁹ < 10¹⁵),
    /// so no route is over a limit unless the fleet is too small to cut it
    /// otherwise.
    public static func fallback(_ problem: RoutingProblem, vehicles: Int? = nil) -> RoutingSolution {
        var left = problem.clients.filter { problem.isRequired[$0] }, tour: [Int] = [], at = 0
        tour.reserveCapacity(left.count)
        while !left.isEmpty {
            var nearest = 0
            for index in 1..<left.count where problem.distances[at, left[index]] < problem.distances[at, left[nearest]] { nearest = index }
            at = left[nearest]
            tour.append(at)
            left.swapAt(nearest, left.count - 1)
            left.removeLast()
        }
        let routes = Split.routes(of: tour, in: problem, penalty: 1e15, vehicles: vehicles)
        return RoutingSolution(routes: routes, vehicleTypes: Fleet.assign(routes, in: problem))
    }
}
