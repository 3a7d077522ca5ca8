/// Solves a capacitated vehicle routing problem with the hybrid genetic
/// search (`GeneticSearch`), until a deadline or a number of iterations.
public enum RoutingSolver {
    public enum Limit: Sendable {
        /// Search until this instant of the continuous clock.
        case deadline(ContinuousClock.Instant)
        /// Exactly this many new individuals: the same result for the same seed on any machine.
        case individuals(Int)
    }

    /// The best feasible solution found; when the limit ends the search
    /// before any (a deadline shorter than one local search), the routes of
    /// `fallback`.
    public static func solve(_ problem: RoutingProblem, limit: Limit, seed: UInt64 = 1) -> RoutingSolution {
        var search = GeneticSearch(problem: problem, seed: seed)
        let found = switch limit {
        case .deadline(let deadline): search.run(deadline: deadline)
        case .individuals(let count): search.run(individuals: count)
        }
        return found ?? fallback(problem)
    }

    /// Always feasible, found in O(n²): the nearest-neighbour tour from the
    /// depot, cut by `Split` at a price of overload above any total distance
    /// (at most 3,000 clients × 2 × 10⁹ < 10¹⁵), so no route is over the capacity.
    public static func fallback(_ problem: RoutingProblem) -> RoutingSolution {
        var left = Array(problem.clients), tour: [Int] = [], at = 0
        tour.reserveCapacity(left.count)
        while !left.isEmpty {
            var nearest = 0
            for index in 1..<left.count where problem.distances[at, left[index]] < problem.distances[at, left[nearest]] { nearest = index }
            at = left[nearest]
            tour.append(at)
            left.swapAt(nearest, left.count - 1)
            left.removeLast()
        }
        return RoutingSolution(routes: Split.routes(of: tour, in: problem, penalty: 1e15))
    }
}
