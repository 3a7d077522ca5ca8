/// A hybrid genetic search for the CVRP, after Vidal's HGS (2012, 2022),
/// written from the papers: individuals are giant tours cut into routes by
/// `Split` and improved by `LocalSearch`; two subpopulations (feasible and
/// not) keep at most `mu + lambda` each and drop the worst by a fitness that
/// ranks both cost and distance to the others (broken pairs), so the
/// population stays diverse; parents are picked by binary tournament and
/// crossed by order crossover; the prices of overload and of overtime are
/// each tuned towards a fifth of new individuals keeping within that limit,
/// and half the infeasible ones are repaired at ten times the prices.
/// Optional clients come and go: a giant tour holds those visited, the
/// local search takes them in and leaves them out. Deterministic for a seed and a number of
/// iterations; with a deadline, as far as the time allows.
struct GeneticSearch {
    struct Parameters: Sendable {
        var mu = 25
        var lambda = 40
        var elite = 4
        var closest = 5
        var granularity = 20
        var targetFeasible = 0.2
        /// Iterations without a better solution before the population starts again.
        var restartAfter = 20_000
    }

    let problem: RoutingProblem
    let parameters: Parameters
    /// At most this many routes; nil: as many as needed.
    let vehicles: Int?
    private var random: RandomSource
    private var search: LocalSearch
    private var feasible = Subpopulation()
    private var infeasible = Subpopulation()
    private(set) var best: Individual?
    private var recentWithinCapacity: [Bool] = []
    private var recentWithinShift: [Bool] = []
    private var serial = 0
    /// New individuals made so far (the repaired twin of one not counted).
    private var made = 0

    init(problem: RoutingProblem, seed: UInt64, vehicles: Int? = nil, parameters: Parameters = Parameters()) {
        self.problem = problem
        self.parameters = parameters
        self.vehicles = vehicles
        random = RandomSource(seed: seed)
        search = LocalSearch(problem: problem, neighbours: Self.neighbours(of: problem, count: parameters.granularity), vehicles: vehicles)
        let maxDistance = (0..<problem.nodeCount).reduce(0) { max($0, problem.distances[0, $1]) }
        let maxDemand = max(1, problem.demand.max() ?? 1)
        search.penalty = min(1_000, max(0.1, Double(maxDistance) / Double(maxDemand)))
        search.durationPenalty = 1
    }

    /// Each client's nearest clients.
    static func neighbours(of problem: RoutingProblem, count: Int) -> [[Int]] {
        guard problem.clientCount > 0 else { return [[]] }
        var result: [[Int]] = [[]]
        var others = Array(problem.clients)
        for u in problem.clients {
            let row = (0..<problem.nodeCount).map { problem.distances[u, $0] }
            others.sort { row[$0] != row[$1] ? row[$0] < row[$1] : $0 < $1 }
            result.append(Array(others.lazy.filter { $0 != u }.prefix(count)))
        }
        return result
    }

    /// Runs until `deadline`, or until `individuals` new ones were made,
    /// and gives the best feasible solution found (nil if none was).
    mutating func run(deadline: ContinuousClock.Instant? = nil, individuals: Int? = nil) -> RoutingSolution? {
        let clock = ContinuousClock()
        let timeUp = { deadline.map { clock.now >= $0 } ?? false }
        let limit = individuals ?? .max
        var iterationsWithoutBetter = 0
        populate(limit: limit, timeUp: timeUp)
        var iteration = 0
        while made < limit, !timeUp() {
            iteration += 1
            let (first, second) = pickParents()
            let child = crossover(first.tour, second.tour)
            let bestBefore = best?.cost
            educate(child, timeUp: timeUp)
            iterationsWithoutBetter = best?.cost != bestBefore ? 0 : iterationsWithoutBetter + 1
            if iteration % 100 == 0 { adjustPenalty() }
            if iterationsWithoutBetter >= parameters.restartAfter {
                feasible = Subpopulation()
                infeasible = Subpopulation()
                iterationsWithoutBetter = 0
                populate(limit: limit, timeUp: timeUp)
            }
        }
        return best.map { RoutingSolution(routes: $0.routes, vehicleTypes: $0.types) }
    }

    // MARK: The population

    private mutating func populate(limit: Int, timeUp: () -> Bool) {
        for _ in 0..<(4 * parameters.mu) {
            if made >= limit || timeUp() { return }
            educate(randomTour(), timeUp: timeUp)
        }
    }

    /// Every required client and about half the optional ones, in random order.
    private mutating func randomTour() -> [Int] {
        var tour = problem.hasOptionalClients
            ? problem.clients.filter { problem.isRequired[$0] || random.next(below: 2) == 0 } : Array(problem.clients)
        random.shuffle(&tour)
        return tour
    }

    private func split(_ tour: [Int]) -> (routes: [[Int]], types: [Int]) {
        let routes = Split.routes(of: tour, in: problem, penalty: search.penalty, durationPenalty: search.durationPenalty, vehicles: vehicles)
        return (routes, Fleet.assign(routes, in: problem))
    }

    /// Split, local search, and into the population; half the infeasible ones repaired too.
    private mutating func educate(_ tour: [Int], timeUp: () -> Bool) {
        made += 1
        var order = Array(problem.clients)
        random.shuffle(&order)
        let start = split(tour)
        let individual = make(search.improve(start.routes, types: start.types, order: order, timeUp: timeUp))
        recentWithinCapacity.append(individual.overload == 0)
        recentWithinShift.append(individual.overtime == 0)
        insert(individual)
        if !individual.isFeasible, random.next(below: 2) == 0 {
            let prices = (search.penalty, search.durationPenalty)
            search.penalty = prices.0 * 10
            search.durationPenalty = prices.1 * 10
            let repaired = make(search.improve(individual.routes, types: individual.types, order: order, timeUp: timeUp))
            (search.penalty, search.durationPenalty) = prices
            if repaired.isFeasible { insert(repaired) }
        }
    }

    private mutating func make(_ found: (routes: [[Int]], types: [Int])) -> Individual {
        serial += 1
        return Individual(id: serial, routes: found.routes, types: found.types, problem: problem, penalty: search.penalty, durationPenalty: search.durationPenalty)
    }

    private mutating func insert(_ individual: Individual) {
        if individual.isFeasible {
            if best.map({ individual.cost < $0.cost }) ?? true { best = individual }
            feasible.add(individual, parameters: parameters, clientCount: problem.clientCount)
        } else {
            infeasible.add(individual, parameters: parameters, clientCount: problem.clientCount)
        }
    }

    /// Each price towards `targetFeasible` of the last hundred new
    /// individuals keeping within its limit.
    private mutating func adjustPenalty() {
        search.penalty = adjusted(search.penalty, by: &recentWithinCapacity)
        if problem.limitsDuration { search.durationPenalty = adjusted(search.durationPenalty, by: &recentWithinShift) }
        // The infeasible keep their places by the old prices until they are replaced.
    }

    private func adjusted(_ price: Double, by recent: inout [Bool]) -> Double {
        let share = Double(recent.filter { $0 }.count) / Double(max(1, recent.count))
        recent.removeAll(keepingCapacity: true)
        if share < parameters.targetFeasible - 0.05 { return min(100_000, price * 1.2) }
        if share > parameters.targetFeasible + 0.05 { return max(0.1, price * 0.85) }
        return price
    }

    /// Two parents, each by binary tournament on biased fitness, worked out
    /// once for both (nothing changes the population between the picks).
    private mutating func pickParents() -> (Individual, Individual) {
        let pool = feasible.members + infeasible.members
        guard !pool.isEmpty else {
            let first = make(split(randomTour()))
            return (first, make(split(randomTour())))
        }
        let fitness = feasible.fitness(parameters: parameters) + infeasible.fitness(parameters: parameters)
        func tournament() -> Individual {
            let a = random.next(below: pool.count), b = random.next(below: pool.count)
            return fitness[a] <= fitness[b] ? pool[a] : pool[b]
        }
        let first = tournament()
        return (first, tournament())
    }


    /// Order crossover (OX): a stretch of the first parent's tour kept in
    /// place, the rest in the order the second parent visits them. When the
    /// parents visit different optional clients, the child visits the
    /// stretch's and the second parent's, the stretch first.
    private mutating func crossover(_ first: [Int], _ second: [Int]) -> [Int] {
        guard first.count == second.count else { return crossoverOfUnequal(first, second) }
        let n = first.count
        guard n > 2 else { return first }
        let start = random.next(below: n)
        var end = random.next(below: n)
        while end == start { end = random.next(below: n) }
        var child = [Int](repeating: 0, count: n)
        var taken = [Bool](repeating: false, count: problem.nodeCount)
        var index = start
        while true {
            child[index] = first[index]
            taken[first[index]] = true
            if index == end { break }
            index = (index + 1) % n
        }
        var write = (end + 1) % n
        var placed = (end - start + n) % n + 1
        for offset in 1...n {
            let node = second[(end + offset) % n]
            guard !taken[node] else { continue }
            guard placed < n else { return crossoverOfUnequal(first, second) }
            child[write] = node
            write = (write + 1) % n
            placed += 1
        }
        // Tours of one length may still visit different optional clients.
        return placed == n ? child : crossoverOfUnequal(first, second)
    }

    private mutating func crossoverOfUnequal(_ first: [Int], _ second: [Int]) -> [Int] {
        guard !first.isEmpty else { return second }
        let start = random.next(below: first.count)
        let end = start + random.next(below: first.count - start)
        var child = Array(first[start...end])
        var taken = [Bool](repeating: false, count: problem.nodeCount)
        for node in child { taken[node] = true }
        let from = second.isEmpty ? 0 : end % second.count
        for offset in 0..<second.count {
            let node = second[(from + offset) % second.count]
            if !taken[node] { child.append(node) }
        }
        return child
    }
}

/// A solution as the genetic search keeps it.
struct Individual {
    let id: Int
    let routes: [[Int]]
    /// By route, the vehicle type that runs it.
    let types: [Int]
    let tour: [Int]
    /// Distance and uncollected prizes.
    let cost: Int
    /// Load over the capacities and time over the shifts, summed over the routes.
    let overload: Int
    let overtime: Int
    let penalisedCost: Double
    /// Each client's successor and predecessor (0: the depot), for the broken-pairs distance.
    let successor: [Int]
    let predecessor: [Int]

    var isFeasible: Bool { overload == 0 && overtime == 0 }

    init(id: Int, routes: [[Int]], types: [Int], problem: RoutingProblem, penalty: Double, durationPenalty: Double) {
        self.id = id
        self.routes = routes
        self.types = types
        tour = routes.flatMap { $0 }
        var successor = [Int](repeating: 0, count: problem.nodeCount), predecessor = successor
        var overload = 0, overtime = 0
        for (route, type) in zip(routes, types) {
            var load = 0
            for (index, node) in route.enumerated() {
                load += problem.demand[node]
                predecessor[node] = index == 0 ? 0 : route[index - 1]
                successor[node] = index + 1 == route.count ? 0 : route[index + 1]
            }
            overload += max(0, load - problem.fleet[type].capacity)
            if let shift = problem.fleet[type].maxDuration { overtime += max(0, RoutingSolution.duration(of: route, in: problem) - shift) }
        }
        self.successor = successor
        self.predecessor = predecessor
        self.overload = overload
        self.overtime = overtime
        cost = RoutingSolution(routes: routes, vehicleTypes: types).cost(in: problem)
        penalisedCost = Double(cost) + Double(overload) * penalty + Double(overtime) * durationPenalty
    }

    /// The share of clients whose neighbours differ (Prins's broken pairs, as HGS counts them).
    func distance(to other: Individual, clientCount: Int) -> Double {
        var differ = 0
        for node in 1..<successor.count {
            if successor[node] != other.successor[node] && successor[node] != other.predecessor[node] {
                differ += 1
            } else if predecessor[node] == 0 && other.predecessor[node] != 0 && other.successor[node] != 0 {
                differ += 1
            }
        }
        return Double(differ) / Double(max(1, clientCount))
    }
}

/// One of the two subpopulations: its members by penalised cost, and for
/// each the others' distances to it, nearest first (kept sorted as members
/// come and go, so a member's closeness to the rest is read, not sorted, at
/// every pick of parents).
struct Subpopulation {
    private(set) var members: [Individual] = []
    private var nearest: [Int: [(distance: Double, id: Int)]] = [:]
    /// `fitness` as last worked out; nil once the members change.
    private var fitnessKept: [Double]?

    mutating func add(_ individual: Individual, parameters: GeneticSearch.Parameters, clientCount: Int) {
        var own: [(distance: Double, id: Int)] = []
        own.reserveCapacity(members.count)
        for member in members {
            let distance = individual.distance(to: member, clientCount: clientCount)
            own.append((distance, member.id))
            Self.insert((distance, individual.id), into: &nearest[member.id, default: []])
        }
        own.sort(by: Self.isNearer)
        nearest[individual.id] = own
        let place = members.firstIndex { $0.penalisedCost > individual.penalisedCost } ?? members.count
        members.insert(individual, at: place)
        fitnessKept = nil
        if members.count > parameters.mu + parameters.lambda {
            while members.count > parameters.mu { removeWorst(parameters: parameters) }
        }
    }

    /// The order of each member's list: nearer first, ties by id.
    private static func isNearer(_ a: (distance: Double, id: Int), _ b: (distance: Double, id: Int)) -> Bool {
        a.distance != b.distance ? a.distance < b.distance : a.id < b.id
    }

    private static func insert(_ entry: (distance: Double, id: Int), into list: inout [(distance: Double, id: Int)]) {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if isNearer(list[middle], entry) { low = middle + 1 } else { high = middle }
        }
        list.insert(entry, at: low)
    }

    /// Lower is better: the rank by cost, and by closeness to the others weighted by how many are not elite.
    mutating func fitness(parameters: GeneticSearch.Parameters) -> [Double] {
        if let fitnessKept { return fitnessKept }
        let count = members.count
        guard count > 1 else { return [Double](repeating: 0, count: count) }
        let diversity = members.map { averageDistance(of: $0.id, closest: parameters.closest) }
        let byDiversity = diversity.indices.sorted { diversity[$0] > diversity[$1] }
        var diversityRank = [Int](repeating: 0, count: count)
        for (rank, index) in byDiversity.enumerated() { diversityRank[index] = rank }
        let scale = Double(count - 1), eliteWeight = 1 - Double(parameters.elite) / Double(count)
        let fitness = (0..<count).map { Double($0) / scale + eliteWeight * Double(diversityRank[$0]) / scale }
        fitnessKept = fitness
        return fitness
    }

    private func averageDistance(of id: Int, closest: Int) -> Double {
        let list = nearest[id] ?? []
        let count = min(closest, list.count)
        guard count > 0 else { return 0 }
        return list[..<count].reduce(0) { $0 + $1.distance } / Double(count)
    }

    /// A clone first (distance 0 to another), else the worst by fitness.
    private mutating func removeWorst(parameters: GeneticSearch.Parameters) {
        let fitness = fitness(parameters: parameters)
        var worst = 1, worstIsClone = false
        for index in 1..<members.count {
            let isClone = (nearest[members[index].id]?.first?.distance ?? 1) < 1e-9
            if (isClone && !worstIsClone) || (isClone == worstIsClone && fitness[index] > fitness[worst]) {
                worst = index
                worstIsClone = isClone
            }
        }
        let id = members.remove(at: worst).id
        fitnessKept = nil
        nearest[id] = nil
        for member in members { nearest[member.id]?.removeAll { $0.id == id } }
    }
}

/// xoshiro256** seeded by SplitMix64: small, fast, and the same everywhere.
struct RandomSource {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// Uniform in 0..<bound (bound > 0), by Lemire's multiply-shift.
    mutating func next(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    mutating func shuffle(_ values: inout [Int]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, next(below: i + 1))
        }
    }
}
