/// Improves a set of routes by moves between a client and its nearest
/// neighbours (granular search, Toth and Vigo 2003): relocating a client or
/// a pair of clients (either way round), swapping two clients, reversing a
/// stretch of one route (2-opt), and exchanging the tails of two routes
/// (2-opt*, both ways). Load over the capacity is allowed at a price per
/// unit (`penalty`), so the search can pass through infeasible solutions;
/// the genetic search tunes the price.
///
/// Every move is taken as soon as it lowers the penalised cost, until no
/// move does. Distances are taken as symmetric (reversing a stretch keeps
/// its length).
struct LocalSearch {
    let problem: RoutingProblem
    let neighbours: [[Int]]
    var penalty = 1.0
    /// The fleet: no move opens a route past this many.
    let vehicles: Int?

    private(set) var routes: [[Int]] = []
    private var load: [Int] = []
    private var routeOf: [Int]
    private var position: [Int]
    /// A client's route's load up to and including it.
    private var prefixLoad: [Int]
    /// Counts route changes; `changedAt` is each route's last.
    private var changes = 0
    private var changedAt: [Int] = []
    /// A route that was empty when last looked at.
    private var emptyRoute = 0
    /// Each client's neighbours in its route (0: the depot), kept by `refresh`.
    private var previous: [Int]
    private var next: [Int]
    private let capacity: Int
    private let demand: [Int]
    private let d: DistanceMatrix
    /// A move must gain at least this much: sums of integer distances and
    /// of penalties are compared, and rounding must not make the search cycle.
    private let epsilon = 1e-6

    init(problem: RoutingProblem, neighbours: [[Int]], vehicles: Int? = nil) {
        self.problem = problem
        self.neighbours = neighbours
        self.vehicles = vehicles
        capacity = problem.capacity
        demand = problem.demand
        d = problem.distances
        routeOf = [Int](repeating: 0, count: problem.nodeCount)
        position = routeOf
        prefixLoad = routeOf
        previous = routeOf
        next = routeOf
    }

    /// Improves `start` as far as the moves go, trying the clients in
    /// `order`; or until `timeUp` (asked every 32 clients) says to stop, with
    /// what it has by then.
    mutating func improve(_ start: [[Int]], order: [Int], timeUp: () -> Bool = { false }) -> [[Int]] {
        routes = start.filter { !$0.isEmpty }
        load = [Int](repeating: 0, count: routes.count)
        changedAt = [Int](repeating: 0, count: routes.count)
        changes = 0
        for index in routes.indices { refresh(index) }
        // When each client's neighbourhood was last tested (-1: never). A pair
        // whose two routes are unchanged since then would give the same
        // deltas again, and is skipped (as HGS does).
        var testedAt = [Int](repeating: -1, count: problem.nodeCount)
        var improved = true
        search: while improved {
            improved = false
            for (count, u) in order.enumerated() {
                if count % 32 == 31, timeUp() { break search }
                let since = testedAt[u]
                testedAt[u] = changes
                for v in neighbours[u] where since < 0 || max(changedAt[routeOf[u]], changedAt[routeOf[v]]) > since {
                    if tryMoves(u, v) { improved = true }
                }
                if since < 0 || changedAt[routeOf[u]] > since, tryOwnRoute(u) { improved = true }
            }
        }
        return routes.filter { !$0.isEmpty }
    }

    // MARK: State

    private mutating func refresh(_ route: Int) {
        changes += 1
        changedAt[route] = changes
        var total = 0, last = 0
        for (index, node) in routes[route].enumerated() {
            routeOf[node] = route
            position[node] = index
            total += demand[node]
            prefixLoad[node] = total
            previous[node] = last
            if last != 0 { next[last] = node }
            last = node
        }
        if last != 0 { next[last] = 0 }
        load[route] = total
    }

    @inline(__always) private func excess(_ value: Int) -> Double {
        value > capacity ? Double(value - capacity) * penalty : 0
    }

    @inline(__always) private func before(_ u: Int) -> Int { previous[u] }

    @inline(__always) private func after(_ u: Int) -> Int { next[u] }

    // MARK: Moves

    private mutating func tryMoves(_ u: Int, _ v: Int) -> Bool {
        if relocate(u, into: routeOf[v], at: position[v] + 1, between: v, and: next[v]) { return true }
        if relocate(u, into: routeOf[v], at: position[v], between: previous[v], and: v) { return true }
        if relocatePair(u, into: routeOf[v], at: position[v] + 1, between: v, and: next[v]) { return true }
        if swap(u, v) { return true }
        if routeOf[u] == routeOf[v] { return twoOpt(u, v) }
        return twoOptStar(u, v)
    }

    /// A route of its own, if that is cheaper (mostly when its route is over
    /// the capacity, or passes near the depot) and the fleet has a vehicle for it.
    private mutating func tryOwnRoute(_ u: Int) -> Bool {
        guard routes[routeOf[u]].count > 1 else { return false }
        if let vehicles, routes.reduce(0, { $0 + ($1.isEmpty ? 0 : 1) }) >= vehicles { return false }
        // The last empty route seen is usually still empty: look for another only when it is not.
        if emptyRoute >= routes.count || !routes[emptyRoute].isEmpty {
            if let found = routes.firstIndex(where: { $0.isEmpty }) {
                emptyRoute = found
            } else {
                routes.append([])
                load.append(0)
                changedAt.append(changes)
                emptyRoute = routes.count - 1
            }
        }
        let empty = emptyRoute
        return relocate(u, into: empty, at: 0, between: 0, and: 0)
    }

    /// `u` moved to stand before index `k` of route `s` (indices before the
    /// move), between `a` and `b` there (0: the depot).
    private mutating func relocate(_ u: Int, into s: Int, at k: Int, between a: Int, and b: Int) -> Bool {
        let r = routeOf[u], i = position[u]
        if r == s, k == i || k == i + 1 { return false }
        let pu = before(u), su = after(u)
        var delta = Double(d[pu, su] - d[pu, u] - d[u, su] + d[a, u] + d[u, b] - d[a, b])
        if r != s {
            let q = demand[u]
            delta += excess(load[r] - q) + excess(load[s] + q) - excess(load[r]) - excess(load[s])
        }
        guard delta < -epsilon else { return false }
        routes[r].remove(at: i)
        routes[s].insert(u, at: r == s && k > i ? k - 1 : k)
        refresh(r)
        if s != r { refresh(s) }
        return true
    }

    /// `u` and the client after it moved together before index `k` of
    /// route `s`, between `a` and `b`, as they are or reversed.
    private mutating func relocatePair(_ u: Int, into s: Int, at k: Int, between a: Int, and b: Int) -> Bool {
        let x = after(u)
        guard x != 0 else { return false }
        let r = routeOf[u], i = position[u]
        if r == s, (i...(i + 2)).contains(k) { return false }
        let pu = before(u), sx = after(x)
        let removal = d[pu, sx] - d[pu, u] - d[x, sx] - d[a, b]
        let straight = removal + d[a, u] + d[x, b], reversed = removal + d[a, x] + d[u, b]
        var delta = Double(min(straight, reversed))
        if r != s {
            let q = demand[u] + demand[x]
            delta += excess(load[r] - q) + excess(load[s] + q) - excess(load[r]) - excess(load[s])
        }
        guard delta < -epsilon else { return false }
        routes[r].removeSubrange(i...(i + 1))
        routes[s].insert(contentsOf: straight <= reversed ? [u, x] : [x, u], at: r == s && k > i ? k - 2 : k)
        refresh(r)
        if s != r { refresh(s) }
        return true
    }

    private mutating func swap(_ u: Int, _ v: Int) -> Bool {
        let r = routeOf[u], s = routeOf[v]
        if r == s, position[v] + 1 == position[u] { return swap(v, u) }
        let pu = before(u), su = after(u), pv = before(v), sv = after(v)
        var delta: Double
        if su == v {
            delta = Double(d[pu, v] + d[v, u] + d[u, sv] - d[pu, u] - d[u, v] - d[v, sv])
        } else {
            delta = Double(d[pu, v] + d[v, su] + d[pv, u] + d[u, sv] - d[pu, u] - d[u, su] - d[pv, v] - d[v, sv])
        }
        if r != s {
            let change = demand[v] - demand[u]
            delta += excess(load[r] + change) + excess(load[s] - change) - excess(load[r]) - excess(load[s])
        }
        guard delta < -epsilon else { return false }
        let i = position[u], j = position[v]
        routes[r][i] = v
        routes[s][j] = u
        refresh(r)
        if s != r { refresh(s) }
        return true
    }

    /// Within one route: the stretch after the first of `u`, `v` up to the
    /// second reversed, or the stretch from the first up to before the second.
    private mutating func twoOpt(_ u: Int, _ v: Int) -> Bool {
        let r = routeOf[u]
        let (first, second) = position[u] < position[v] ? (u, v) : (v, u)
        let i = position[first], j = position[second]
        let sf = after(first), ss = after(second)
        if j > i + 1, d[first, second] + d[sf, ss] - d[first, sf] - d[second, ss] < 0 {
            routes[r][(i + 1)...j].reverse()
            refresh(r)
            return true
        }
        let pf = before(first), ps = before(second)
        if j > i + 1, d[pf, ps] + d[first, second] - d[pf, first] - d[ps, second] < 0 {
            routes[r][i...(j - 1)].reverse()
            refresh(r)
            return true
        }
        return false
    }

    /// Two routes cut after `u` and after `v`: each keeps its start and takes
    /// the other's end, or takes the other's start reversed.
    private mutating func twoOptStar(_ u: Int, _ v: Int) -> Bool {
        let r = routeOf[u], s = routeOf[v]
        let su = after(u), sv = after(v)
        let headU = prefixLoad[u], headV = prefixLoad[v], tailU = load[r] - headU, tailV = load[s] - headV
        let now = excess(load[r]) + excess(load[s])
        let crossed = Double(d[u, sv] + d[v, su] - d[u, su] - d[v, sv]) + excess(headU + tailV) + excess(headV + tailU) - now
        let reversed = Double(d[u, v] + d[su, sv] - d[u, su] - d[v, sv]) + excess(headU + headV) + excess(tailU + tailV) - now
        guard min(crossed, reversed) < -epsilon else { return false }
        let i = position[u], j = position[v]
        let endU = Array(routes[r][(i + 1)...]), endV = Array(routes[s][(j + 1)...])
        if crossed <= reversed {
            routes[r] = Array(routes[r][...i]) + endV
            routes[s] = Array(routes[s][...j]) + endU
        } else {
            let startV = Array(routes[s][...j])
            routes[r] = Array(routes[r][...i]) + startV.reversed()
            routes[s] = endU.reversed() + endV
        }
        refresh(r)
        refresh(s)
        return true
    }
}
