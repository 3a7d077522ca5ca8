/// Improves a set of routes by moves between a client and its nearest
/// neighbours (granular search, Toth and Vigo 2003): relocating a client or
/// a pair of clients (either way round), swapping two clients, a pair for
/// a client or a pair for a pair between two routes, reversing a
/// stretch of one route (2-opt), and exchanging the tails of two routes
/// (2-opt*, both ways); SWAP* between routes that come near each other;
/// leaving out an optional client or taking one in
/// where its prize pays for the detour; and, with several vehicle types,
/// exchanging the vehicles of two routes. Load over a vehicle's capacity
/// and time over its shift are allowed at a price per unit (`penalty`,
/// `durationPenalty`), so the search can pass through infeasible
/// solutions; the genetic search tunes the prices.
///
/// Every move is taken as soon as it lowers the penalised cost, until no
/// move does. Distances and durations are taken as symmetric (reversing a
/// stretch keeps its length).
struct LocalSearch {
    let problem: RoutingProblem
    let neighbours: [[Int]]
    var penalty = 1.0
    var durationPenalty = 1.0
    /// No move opens a route past this many (the fleet, or fewer when asked).
    let vehicles: Int?

    /// Route slots, some empty; each run by the vehicle type `typeOf` gives.
    private(set) var routes: [[Int]] = []
    private var typeOf: [Int] = []
    private var capacityOf: [Int] = []
    /// The route's vehicle's shift; Int.max when it has none.
    private var shiftOf: [Int] = []
    private var load: [Int] = []
    /// Travel and service time of each route, kept only when some shift limits it.
    private var time: [Int] = []
    /// A client's route; -1 for an optional client left out.
    private var routeOf: [Int]
    private var position: [Int]
    /// A client's route's load up to and including it.
    private var prefixLoad: [Int]
    /// A client's route's time from the depot to the end of its service.
    private var prefixTime: [Int]
    /// Counts route changes; `changedAt` is each route's last.
    private var changes = 0
    private var changedAt: [Int] = []
    /// By route, when SWAP* last tried it with its neighbours (-1: never).
    private var swapStarTestedAt: [Int] = []
    /// By route, the sector around the depot its clients lie in (with coordinates).
    private var sector: [Sector] = []
    /// By vehicle type, a route that was empty when last looked at.
    private var emptyOfType: [Int]
    /// Each client's neighbours in its route (0: the depot), kept by `refresh`.
    private var previous: [Int]
    private var next: [Int]
    private let demand: [Int]
    private let d: DistanceMatrix
    private let t: DistanceMatrix
    private let service: [Int]
    private let timed: Bool
    private let severalTypes: Bool
    /// A move must gain at least this much: sums of integer distances and
    /// of penalties are compared, and rounding must not make the search cycle.
    private let epsilon = 1e-6

    init(problem: RoutingProblem, neighbours: [[Int]], vehicles: Int? = nil) {
        self.problem = problem
        self.neighbours = neighbours
        self.vehicles = Fleet.limit(problem, vehicles)
        demand = problem.demand
        d = problem.distances
        t = problem.durations
        service = problem.serviceTime
        timed = problem.limitsDuration
        severalTypes = problem.fleet.count > 1
        routeOf = [Int](repeating: -1, count: problem.nodeCount)
        position = routeOf
        prefixLoad = routeOf
        prefixTime = routeOf
        previous = routeOf
        next = routeOf
        emptyOfType = [Int](repeating: 0, count: problem.fleet.count)
    }

    /// Improves `start` (routes run by vehicles of `types`) as far as the
    /// moves go, trying the clients in `order`; or until `timeUp` (asked
    /// every 32 clients) says to stop, with what it has by then.
    mutating func improve(_ start: [[Int]], types: [Int], order: [Int], timeUp: () -> Bool = { false }) -> (routes: [[Int]], types: [Int]) {
        load(start, types: types)
        // When each client's neighbourhood was last tested (-1: never). A pair
        // whose two routes are unchanged since then would give the same
        // deltas again, and is skipped (as HGS does).
        var testedAt = [Int](repeating: -1, count: problem.nodeCount)
        swapStarTestedAt = [Int](repeating: -1, count: routes.count)
        var improved = true
        search: while improved {
            improved = false
            for (count, u) in order.enumerated() {
                if count % 32 == 31, timeUp() { break search }
                if routeOf[u] < 0 {
                    if takeIn(u) { improved = true }
                    continue
                }
                if !problem.isRequired[u], leaveOut(u) {
                    improved = true
                    continue
                }
                let since = testedAt[u]
                testedAt[u] = changes
                for v in neighbours[u] where routeOf[v] >= 0 && (since < 0 || max(changedAt[routeOf[u]], changedAt[routeOf[v]]) > since) {
                    if tryMoves(u, v) { improved = true }
                }
                if since < 0 || changedAt[routeOf[u]] > since, tryOwnRoute(u) { improved = true }
            }
            if swapStars(timeUp: timeUp) { improved = true }
            if severalTypes, exchangeVehicles() { improved = true }
        }
        let kept = routes.indices.filter { !routes[$0].isEmpty }
        return (kept.map { routes[$0] }, kept.map { typeOf[$0] })
    }

    /// The first two routes after one SWAP* between them (or as they were): for tests of the move alone.
    mutating func swapStarOnce(_ start: [[Int]]) -> [[Int]] {
        load(start, types: start.map { _ in 0 })
        _ = swapStar(0, 1)
        return [routes[0], routes[1]]
    }

    private mutating func load(_ start: [[Int]], types: [Int]) {
        routes = []
        typeOf = []
        capacityOf = []
        shiftOf = []
        load = []
        time = []
        changedAt = []
        changes = 0
        for client in problem.clients { routeOf[client] = -1 }
        for (route, type) in zip(start, types) where !route.isEmpty { addRoute(route, type: type) }
        // Every vehicle of a type with a number is a slot from the start; the others open as needed.
        var used = [Int](repeating: 0, count: problem.fleet.count)
        for type in typeOf { used[type] += 1 }
        for (type, vehicle) in problem.fleet.enumerated() {
            for _ in used[type]..<max(used[type], vehicle.count ?? 0) { addRoute([], type: type) }
        }
    }

    // MARK: State

    private mutating func addRoute(_ clients: [Int], type: Int) {
        routes.append(clients)
        typeOf.append(type)
        capacityOf.append(problem.fleet[type].capacity)
        shiftOf.append(problem.fleet[type].maxDuration ?? Int.max)
        load.append(0)
        time.append(0)
        changedAt.append(changes)
        swapStarTestedAt.append(-1)
        sector.append(Sector())
        refresh(routes.count - 1)
    }

    private mutating func refresh(_ route: Int) {
        changes += 1
        changedAt[route] = changes
        var total = 0, last = 0, elapsed = 0
        for (index, node) in routes[route].enumerated() {
            routeOf[node] = route
            position[node] = index
            total += demand[node]
            prefixLoad[node] = total
            if timed {
                elapsed += t[last, node] + service[node]
                prefixTime[node] = elapsed
            }
            previous[node] = last
            if last != 0 { next[last] = node }
            last = node
        }
        if last != 0 { next[last] = 0 }
        load[route] = total
        if let angle = problem.angle {
            var covered = Sector()
            for node in routes[route] { covered.extend(to: angle[node]) }
            sector[route] = covered
        }
        if timed { time[route] = elapsed + t[last, 0] }
    }

    @inline(__always) private func excess(_ value: Int, _ route: Int) -> Double {
        value > capacityOf[route] ? Double(value - capacityOf[route]) * penalty : 0
    }

    @inline(__always) private func late(_ value: Int, _ route: Int) -> Double {
        timed && value > shiftOf[route] ? Double(value - shiftOf[route]) * durationPenalty : 0
    }

    /// What the price of route `r`'s overload changes by when its load changes by `change`.
    @inline(__always) private func loadChange(_ r: Int, _ change: Int) -> Double {
        excess(load[r] + change, r) - excess(load[r], r)
    }

    /// The same for its time over the shift; 0 when no shift is limited.
    @inline(__always) private func timeChange(_ r: Int, _ change: Int) -> Double {
        timed ? late(time[r] + change, r) - late(time[r], r) : 0
    }

    /// A route of `type` that is empty: one kept from before, or a new one when the type has no number.
    private mutating func emptyRoute(ofType type: Int) -> Int? {
        let kept = emptyOfType[type]
        if kept < routes.count, routes[kept].isEmpty, typeOf[kept] == type { return kept }
        if let found = routes.indices.first(where: { routes[$0].isEmpty && typeOf[$0] == type }) {
            emptyOfType[type] = found
            return found
        }
        guard problem.fleet[type].count == nil else { return nil }
        addRoute([], type: type)
        emptyOfType[type] = routes.count - 1
        return routes.count - 1
    }

    private var fleetIsFull: Bool {
        guard let vehicles else { return false }
        return routes.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } >= vehicles
    }

    // MARK: Moves

    private mutating func tryMoves(_ u: Int, _ v: Int) -> Bool {
        if relocate(u, into: routeOf[v], at: position[v] + 1, between: v, and: next[v]) { return true }
        if relocate(u, into: routeOf[v], at: position[v], between: previous[v], and: v) { return true }
        if relocatePair(u, into: routeOf[v], at: position[v] + 1, between: v, and: next[v]) { return true }
        if swap(u, v) { return true }
        if routeOf[u] != routeOf[v] {
            if swapPair(u, with: v) { return true }
            if swapPairs(u, v) { return true }
        }
        if routeOf[u] == routeOf[v] { return twoOpt(u, v) }
        return twoOptStar(u, v)
    }

    /// A route of its own, if that is cheaper (mostly when its route is over
    /// the capacity, or passes near the depot) and the fleet has a vehicle for it.
    private mutating func tryOwnRoute(_ u: Int) -> Bool {
        guard routes[routeOf[u]].count > 1, !fleetIsFull else { return false }
        for type in problem.fleet.indices {
            if let empty = emptyRoute(ofType: type), relocate(u, into: empty, at: 0, between: 0, and: 0) { return true }
        }
        return false
    }

    /// An optional client left out, when its detour costs more than its prize.
    private mutating func leaveOut(_ u: Int) -> Bool {
        let r = routeOf[u], pu = previous[u], su = next[u]
        var delta = Double(d[pu, su] - d[pu, u] - d[u, su] + problem.prize[u]) + loadChange(r, -demand[u])
        if timed { delta += timeChange(r, t[pu, su] - t[pu, u] - t[u, su] - service[u]) }
        guard delta < -epsilon else { return false }
        routes[r].remove(at: position[u])
        routeOf[u] = -1
        refresh(r)
        return true
    }

    /// An optional client taken in at the best place next to one of its
    /// neighbours, or on a route of its own, when its prize pays for the detour.
    private mutating func takeIn(_ u: Int) -> Bool {
        var best: (delta: Double, route: Int, at: Int)?
        func consider(_ s: Int, at k: Int, between a: Int, and b: Int) {
            var delta = Double(d[a, u] + d[u, b] - d[a, b] - problem.prize[u]) + loadChange(s, demand[u])
            if timed { delta += timeChange(s, t[a, u] + t[u, b] - t[a, b] + service[u]) }
            if delta < (best?.delta ?? -epsilon) { best = (delta, s, k) }
        }
        for v in neighbours[u] where routeOf[v] >= 0 {
            consider(routeOf[v], at: position[v] + 1, between: v, and: next[v])
            consider(routeOf[v], at: position[v], between: previous[v], and: v)
        }
        if !fleetIsFull {
            for type in problem.fleet.indices {
                if let empty = emptyRoute(ofType: type) { consider(empty, at: 0, between: 0, and: 0) }
            }
        }
        guard let best else { return false }
        routes[best.route].insert(u, at: best.at)
        refresh(best.route)
        return true
    }

    /// `u` moved to stand before index `k` of route `s` (indices before the
    /// move), between `a` and `b` there (0: the depot).
    private mutating func relocate(_ u: Int, into s: Int, at k: Int, between a: Int, and b: Int) -> Bool {
        let r = routeOf[u], i = position[u]
        if r == s, k == i || k == i + 1 { return false }
        let pu = previous[u], su = next[u]
        var delta = Double(d[pu, su] - d[pu, u] - d[u, su] + d[a, u] + d[u, b] - d[a, b])
        if r != s { delta += loadChange(r, -demand[u]) + loadChange(s, demand[u]) }
        if timed {
            let out = t[pu, su] - t[pu, u] - t[u, su] - service[u], into = t[a, u] + t[u, b] - t[a, b] + service[u]
            delta += r == s ? timeChange(r, out + into) : timeChange(r, out) + timeChange(s, into)
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
        let x = next[u]
        guard x != 0 else { return false }
        let r = routeOf[u], i = position[u]
        if r == s, (i...(i + 2)).contains(k) { return false }
        let pu = previous[u], sx = next[x]
        let removal = d[pu, sx] - d[pu, u] - d[x, sx] - d[a, b]
        let straight = removal + d[a, u] + d[x, b], reversed = removal + d[a, x] + d[u, b]
        var delta = Double(min(straight, reversed))
        if r != s {
            let q = demand[u] + demand[x]
            delta += loadChange(r, -q) + loadChange(s, q)
        }
        if timed {
            let served = t[u, x] + service[u] + service[x]
            let out = t[pu, sx] - t[pu, u] - t[x, sx] - served
            let into = (straight <= reversed ? t[a, u] + t[x, b] : t[a, x] + t[u, b]) - t[a, b] + served
            delta += r == s ? timeChange(r, out + into) : timeChange(r, out) + timeChange(s, into)
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
        let pu = previous[u], su = next[u], pv = previous[v], sv = next[v]
        var delta: Double
        if su == v {
            delta = Double(d[pu, v] + d[v, u] + d[u, sv] - d[pu, u] - d[u, v] - d[v, sv])
            if timed { delta += timeChange(r, t[pu, v] + t[v, u] + t[u, sv] - t[pu, u] - t[u, v] - t[v, sv]) }
        } else {
            delta = Double(d[pu, v] + d[v, su] + d[pv, u] + d[u, sv] - d[pu, u] - d[u, su] - d[pv, v] - d[v, sv])
            if timed {
                let intoR = t[pu, v] + t[v, su] - t[pu, u] - t[u, su] + service[v] - service[u]
                let intoS = t[pv, u] + t[u, sv] - t[pv, v] - t[v, sv] + service[u] - service[v]
                delta += r == s ? timeChange(r, intoR + intoS) : timeChange(r, intoR) + timeChange(s, intoS)
            }
        }
        if r != s {
            let change = demand[v] - demand[u]
            delta += loadChange(r, change) + loadChange(s, -change)
        }
        guard delta < -epsilon else { return false }
        let i = position[u], j = position[v]
        routes[r][i] = v
        routes[s][j] = u
        refresh(r)
        if s != r { refresh(s) }
        return true
    }

    /// Between two routes: `u` and the client after it in place of `v`, and `v` in their place.
    private mutating func swapPair(_ u: Int, with v: Int) -> Bool {
        let x = next[u]
        guard x != 0 else { return false }
        let r = routeOf[u], s = routeOf[v]
        let pu = previous[u], sx = next[x], pv = previous[v], sv = next[v]
        var delta = Double(d[pu, v] + d[v, sx] - d[pu, u] - d[x, sx] + d[pv, u] + d[x, sv] - d[pv, v] - d[v, sv])
        let change = demand[v] - demand[u] - demand[x]
        delta += loadChange(r, change) + loadChange(s, -change)
        if timed {
            let served = service[u] + service[x] - service[v]
            delta += timeChange(r, t[pu, v] + t[v, sx] - t[pu, u] - t[u, x] - t[x, sx] - served)
            delta += timeChange(s, t[pv, u] + t[u, x] + t[x, sv] - t[pv, v] - t[v, sv] + served)
        }
        guard delta < -epsilon else { return false }
        let i = position[u], j = position[v]
        routes[r].replaceSubrange(i...(i + 1), with: [v])
        routes[s].replaceSubrange(j...j, with: [u, x])
        refresh(r)
        refresh(s)
        return true
    }

    /// Between two routes: `u` and the client after it exchanged with `v` and the client after it.
    private mutating func swapPairs(_ u: Int, _ v: Int) -> Bool {
        let x = next[u], y = next[v]
        guard x != 0, y != 0 else { return false }
        let r = routeOf[u], s = routeOf[v]
        let pu = previous[u], sx = next[x], pv = previous[v], sy = next[y]
        var delta = Double(d[pu, v] + d[y, sx] - d[pu, u] - d[x, sx] + d[pv, u] + d[x, sy] - d[pv, v] - d[y, sy])
        let change = demand[v] + demand[y] - demand[u] - demand[x]
        delta += loadChange(r, change) + loadChange(s, -change)
        if timed {
            let inner = t[v, y] - t[u, x] + service[v] + service[y] - service[u] - service[x]
            delta += timeChange(r, t[pu, v] + t[y, sx] - t[pu, u] - t[x, sx] + inner)
            delta += timeChange(s, t[pv, u] + t[x, sy] - t[pv, v] - t[y, sy] - inner)
        }
        guard delta < -epsilon else { return false }
        let i = position[u], j = position[v]
        routes[r].replaceSubrange(i...(i + 1), with: [v, y])
        routes[s].replaceSubrange(j...(j + 1), with: [u, x])
        refresh(r)
        refresh(s)
        return true
    }

    /// Within one route: the stretch after the first of `u`, `v` up to the
    /// second reversed, or the stretch from the first up to before the second.
    private mutating func twoOpt(_ u: Int, _ v: Int) -> Bool {
        let r = routeOf[u]
        let (first, second) = position[u] < position[v] ? (u, v) : (v, u)
        let i = position[first], j = position[second]
        guard j > i + 1 else { return false }
        let sf = next[first], ss = next[second]
        var delta = Double(d[first, second] + d[sf, ss] - d[first, sf] - d[second, ss])
        if timed { delta += timeChange(r, t[first, second] + t[sf, ss] - t[first, sf] - t[second, ss]) }
        if delta < -epsilon {
            routes[r][(i + 1)...j].reverse()
            refresh(r)
            return true
        }
        let pf = previous[first], ps = previous[second]
        delta = Double(d[pf, ps] + d[first, second] - d[pf, first] - d[ps, second])
        if timed { delta += timeChange(r, t[pf, ps] + t[first, second] - t[pf, first] - t[ps, second]) }
        if delta < -epsilon {
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
        let su = next[u], sv = next[v]
        let headU = prefixLoad[u], headV = prefixLoad[v], tailU = load[r] - headU, tailV = load[s] - headV
        let now = excess(load[r], r) + excess(load[s], s)
        var crossed = Double(d[u, sv] + d[v, su] - d[u, su] - d[v, sv]) + excess(headU + tailV, r) + excess(headV + tailU, s) - now
        var reversed = Double(d[u, v] + d[su, sv] - d[u, su] - d[v, sv]) + excess(headU + headV, r) + excess(tailU + tailV, s) - now
        if timed {
            // A head's time is its last client's prefix; a tail's, from after the cut back to the depot.
            let startU = prefixTime[u], startV = prefixTime[v]
            let endU = time[r] - startU - t[u, su], endV = time[s] - startV - t[v, sv]
            let lateNow = late(time[r], r) + late(time[s], s)
            crossed += late(startU + t[u, sv] + endV, r) + late(startV + t[v, su] + endU, s) - lateNow
            reversed += late(startU + t[u, v] + startV, r) + late(endU + t[su, sv] + endV, s) - lateNow
        }
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

    // MARK: SWAP*

    /// SWAP* (Vidal 2022) on every pair of routes whose sectors around the
    /// depot overlap (as HGS picks them), or without coordinates that some
    /// client's neighbour links; unless neither changed since the pair was
    /// last tried.
    private mutating func swapStars(timeUp: () -> Bool) -> Bool {
        var improved = false
        var partner = [Int](repeating: -1, count: routes.count)
        for r in routes.indices where !routes[r].isEmpty {
            if r % 8 == 7, timeUp() { break }
            let since = swapStarTestedAt[r]
            swapStarTestedAt[r] = changes
            var partners: [Int] = []
            if problem.angle != nil {
                partners = ((r + 1)..<max(r + 1, routes.count)).filter { !routes[$0].isEmpty && sector[r].overlaps(sector[$0]) }
            } else {
                for u in routes[r] {
                    for v in neighbours[u] {
                        let s = routeOf[v]
                        guard s > r, partner[s] != r else { continue }
                        partner[s] = r
                        partners.append(s)
                    }
                }
            }
            for s in partners where !routes[r].isEmpty && (since < 0 || max(changedAt[r], changedAt[s]) > since) {
                if swapStar(r, s) { improved = true }
            }
        }
        return improved
    }

    /// The three cheapest places to put a client into a route, each as the
    /// node it would follow (0: the depot at the start).
    private struct ThreeBest {
        var cost = (Int.max, Int.max, Int.max)
        var after = (-1, -1, -1)

        mutating func offer(_ value: Int, after node: Int) {
            if value < cost.0 {
                cost = (value, cost.0, cost.1)
                after = (node, after.0, after.1)
            } else if value < cost.1 {
                cost = (cost.0, value, cost.1)
                after = (after.0, node, after.1)
            } else if value < cost.2 {
                cost.2 = value
                after.2 = node
            }
        }
    }

    // Static, with what they read passed in: called on `self` from the
    // mutating `swapStar`, they had the whole search copied at every call.
    private static func bestPlaces(of clients: [Int], into route: [Int], _ d: DistanceMatrix) -> [ThreeBest] {
        clients.map { u in
            var best = ThreeBest()
            var before = 0
            for node in route {
                best.offer(d[before, u] + d[u, node] - d[before, node], after: before)
                before = node
            }
            best.offer(d[before, u] + d[u, 0] - d[before, 0], after: before)
            return best
        }
    }

    /// The cheapest place for `u` in `v`'s route once `v` has left it: `v`'s
    /// own place, or one of the three best that does not touch `v`.
    private static func cheapestPlace(
        for u: Int, replacing v: Int, _ places: ThreeBest, _ d: DistanceMatrix, previous: [Int], next: [Int]
    ) -> (cost: Int, after: Int) {
        let pv = previous[v], own = d[pv, u] + d[u, next[v]] - d[pv, next[v]]
        // The three are cheapest first: the first that does not touch v is the one.
        let (cost, after) = if places.after.0 != v && places.after.0 != pv {
            (places.cost.0, places.after.0)
        } else if places.after.1 != v && places.after.1 != pv {
            (places.cost.1, places.after.1)
        } else {
            (places.cost.2, places.after.2)
        }
        return after >= 0 && after != v && after != pv && cost < own ? (cost, after) : (own, pv)
    }

    /// `u` of route `r` and `v` of route `s` exchanged, each put where it
    /// fits best in the other route (not necessarily the other's place);
    /// or one of them moved alone to its best place there.
    private mutating func swapStar(_ r: Int, _ s: Int) -> Bool {
        let clientsR = routes[r], clientsS = routes[s]
        let intoS = Self.bestPlaces(of: clientsR, into: clientsS, d), intoR = Self.bestPlaces(of: clientsS, into: clientsR, d)
        // Locals, so that neither the closure nor the static calls below touch `self`.
        let previous = previous, next = next, d = d
        let saving = { (u: Int) in d[previous[u], next[u]] - d[previous[u], u] - d[u, next[u]] }
        let removalR = clientsR.map(saving), removalS = clientsS.map(saving)
        // u (0: none) goes after `afterU` in s, v (0: none) after `afterV` in r.
        var best = (delta: -epsilon, u: 0, afterU: 0, v: 0, afterV: 0)
        for (i, u) in clientsR.enumerated() {
            for (j, v) in clientsS.enumerated() {
                let change = demand[v] - demand[u]
                let bound = Double(removalR[i] + removalS[j]) + loadChange(r, change) + loadChange(s, -change)
                // Insertions cost at least nothing (up to rounding): a pair that cannot gain is not priced.
                guard bound < best.delta else { continue }
                let placeU = Self.cheapestPlace(for: u, replacing: v, intoS[i], d, previous: previous, next: next)
                let placeV = Self.cheapestPlace(for: v, replacing: u, intoR[j], d, previous: previous, next: next)
                let delta = bound + Double(placeU.cost + placeV.cost)
                if delta < best.delta { best = (delta, u, placeU.after, v, placeV.after) }
            }
        }
        for (i, u) in clientsR.enumerated() where intoS[i].cost.0 < Int.max {
            let delta = Double(removalR[i] + intoS[i].cost.0) + loadChange(r, -demand[u]) + loadChange(s, demand[u])
            if delta < best.delta { best = (delta, u, intoS[i].after.0, 0, 0) }
        }
        for (j, v) in clientsS.enumerated() where intoR[j].cost.0 < Int.max {
            let delta = Double(removalS[j] + intoR[j].cost.0) + loadChange(s, -demand[v]) + loadChange(r, demand[v])
            if delta < best.delta { best = (delta, 0, 0, v, intoR[j].after.0) }
        }
        guard best.u != 0 || best.v != 0 else { return false }
        var newR = clientsR, newS = clientsS
        if best.u != 0 { newR.removeAll { $0 == best.u } }
        if best.v != 0 { newS.removeAll { $0 == best.v } }
        if best.u != 0 { newS.insert(best.u, at: best.afterU == 0 ? 0 : (newS.firstIndex(of: best.afterU) ?? newS.count) + 1) }
        if best.v != 0 { newR.insert(best.v, at: best.afterV == 0 ? 0 : (newR.firstIndex(of: best.afterV) ?? newR.count) + 1) }
        if timed {
            // The deltas above leave time out: the move is priced again in full.
            let before = late(time[r], r) + late(time[s], s)
            let after = late(RoutingSolution.duration(of: newR, in: problem), r) + late(RoutingSolution.duration(of: newS, in: problem), s)
            guard best.delta + after - before < -epsilon else { return false }
        }
        routes[r] = newR
        routes[s] = newS
        refresh(r)
        refresh(s)
        return true
    }

    /// With several vehicle types: two routes change vehicles when that
    /// lowers what their overload and overtime cost.
    private mutating func exchangeVehicles() -> Bool {
        var exchanged = false
        for r in routes.indices {
            for s in (r + 1)..<max(r + 1, routes.count) where typeOf[r] != typeOf[s] && !(routes[r].isEmpty && routes[s].isEmpty) {
                let now = excess(load[r], r) + excess(load[s], s) + late(time[r], r) + late(time[s], s)
                let then = excess(load[s], r) + excess(load[r], s) + late(time[s], r) + late(time[r], s)
                guard then < now - epsilon else { continue }
                routes.swapAt(r, s)
                refresh(r)
                refresh(s)
                exchanged = true
            }
        }
        return exchanged
    }
}

/// An arc of directions from the depot, in 1/65,536ths of a turn, from
/// `start` round to `end`; grown one client at a time the shorter way round
/// (as HGS's circle sectors).
struct Sector {
    private var start = 0
    private var end = -1

    private static func turn(_ value: Int) -> Int { value & 0xFFFF }

    func contains(_ angle: Int) -> Bool {
        end >= 0 && Self.turn(angle - start) <= Self.turn(end - start)
    }

    mutating func extend(to angle: Int) {
        if end < 0 {
            (start, end) = (angle, angle)
        } else if !contains(angle) {
            if Self.turn(angle - end) <= Self.turn(start - angle) { end = angle } else { start = angle }
        }
    }

    func overlaps(_ other: Sector) -> Bool {
        end >= 0 && other.end >= 0 && (contains(other.start) || other.contains(start))
    }
}
