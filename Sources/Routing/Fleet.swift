/// How routes meet the fleet: how many there may be, and which type of
/// vehicle runs each.
enum Fleet {
    /// At most this many routes: the fleet's size, or `vehicles` when that is
    /// smaller; nil when neither limits them.
    static func limit(_ problem: RoutingProblem, _ vehicles: Int?) -> Int? {
        switch (problem.fleetSize, vehicles) {
        case let (size?, asked?): min(size, asked)
        case let (size, asked): size ?? asked
        }
    }

    /// A type for each route: the heaviest routes on the largest vehicles,
    /// no type used more often than it has vehicles. Routes past the whole
    /// fleet (which `Split` avoids when it can) go to the largest type.
    static func assign(_ routes: [[Int]], in problem: RoutingProblem) -> [Int] {
        guard problem.fleet.count > 1 else { return [Int](repeating: 0, count: routes.count) }
        let loads = routes.map { $0.reduce(0) { $0 + problem.demand[$1] } }
        let byLoad = routes.indices.sorted { loads[$0] != loads[$1] ? loads[$0] > loads[$1] : $0 < $1 }
        let bySize = problem.fleet.indices.sorted { problem.fleet[$0].capacity != problem.fleet[$1].capacity
            ? problem.fleet[$0].capacity > problem.fleet[$1].capacity : $0 < $1 }
        var types = [Int](repeating: bySize[0], count: routes.count)
        var left = problem.fleet.map { $0.count ?? Int.max }
        var next = 0
        for route in byLoad {
            while next < bySize.count, left[bySize[next]] == 0 { next += 1 }
            guard next < bySize.count else { break }
            types[route] = bySize[next]
            left[bySize[next]] -= 1
        }
        return types
    }
}
