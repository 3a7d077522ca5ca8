import Testing
@testable import Routing

/// What collection rounds add to the classic problem: optional clients with
/// prizes, service times with a shift, several vehicle types.
@Suite struct ExtensionTests {
    // MARK: The problem and its solutions

    @Test func aProblemRefusesNumbersOutsideItsRangesAndListsOfTheWrongLength() throws {
        let distances = try DistanceMatrix.euclidean([(0, 0), (3, 4), (6, 8)])
        func make(fleet: [VehicleType] = [VehicleType(capacity: 10)], service: [Int]? = nil, prizes: [Int]? = nil, required: [Bool]? = nil) throws(RoutingProblemError) {
            _ = try RoutingProblem(fleet: fleet, demands: [0, 4, 5], distances: distances, serviceTimes: service, prizes: prizes, required: required)
        }
        #expect(throws: RoutingProblemError.fleet) { try make(fleet: []) }
        #expect(throws: RoutingProblemError.vehicleCount(type: 1, 0)) { try make(fleet: [VehicleType(capacity: 10), VehicleType(capacity: 5, count: 0)]) }
        #expect(throws: RoutingProblemError.maxDuration(type: 0, -1)) { try make(fleet: [VehicleType(capacity: 10, maxDuration: -1)]) }
        #expect(throws: RoutingProblemError.demand(node: 2, 5)) { try make(fleet: [VehicleType(capacity: 4)]) }
        #expect(throws: RoutingProblemError.serviceTime(node: 1, -3)) { try make(service: [0, -3, 0]) }
        #expect(throws: RoutingProblemError.prize(node: 2, RoutingProblem.maxQuantity + 1)) {
            try make(prizes: [0, 0, RoutingProblem.maxQuantity + 1], required: [true, true, false])
        }
        #expect(throws: RoutingProblemError.perNode(3)) { try make(prizes: [0, 1]) }
        // A required client's prize is earned by every solution: it counts for nothing.
        let problem = try RoutingProblem(fleet: [VehicleType(capacity: 10)], demands: [0, 4, 5], distances: distances, prizes: [0, 7, 9], required: [true, true, false])
        #expect(problem.prize == [0, 0, 9] && problem.hasOptionalClients && !problem.limitsDuration)
    }

    @Test func violationsNameALongRouteAnOverusedTypeAndAMissingRequiredClientButNotALeftOutOptionalOne() throws {
        let distances = try DistanceMatrix.euclidean([(0, 0), (30, 40), (0, 10), (60, 80)])
        let problem = try RoutingProblem(
            fleet: [VehicleType(capacity: 10, count: 1, maxDuration: 110), VehicleType(capacity: 5)], demands: [0, 2, 2, 2],
            distances: distances, serviceTimes: [0, 5, 5, 5], prizes: [0, 0, 0, 50], required: [true, true, true, false])
        #expect(RoutingSolution(routes: [[2, 1]], vehicleTypes: [0]).violations(in: problem) == ["route 1 takes 112, longer than the shift 110"])
        #expect(RoutingSolution(routes: [[2, 1]], vehicleTypes: [1]).violations(in: problem).isEmpty, "type 2 has no shift")
        #expect(RoutingSolution(routes: [[1], [2]], vehicleTypes: [0, 0]).violations(in: problem) == ["2 routes for the 1 vehicles of type 1"])
        #expect(RoutingSolution(routes: [[2]], vehicleTypes: [0]).violations(in: problem) == ["client 2 is visited 0 times"])
        let leftOut = RoutingSolution(routes: [[1], [2]], vehicleTypes: [1, 0])
        #expect(leftOut.cost(in: problem) == 100 + 20 + 50 && leftOut.distance(in: problem) == 120)
    }

    @Test func fleetAssignmentPutsTheHeaviestRoutesOnTheLargestVehiclesWithinTheirNumbers() throws {
        let distances = try DistanceMatrix.euclidean([(0, 0), (1, 0), (2, 0), (3, 0), (4, 0)])
        let problem = try RoutingProblem(
            fleet: [VehicleType(capacity: 5, count: 2), VehicleType(capacity: 9, count: 1)], demands: [0, 2, 8, 4, 5], distances: distances)
        #expect(Fleet.assign([[1], [2], [3], [4]], in: problem) == [1, 1, 0, 0], "past the fleet, the largest type")
        #expect(Fleet.assign([[1], [2, 3]], in: problem) == [0, 1])
        #expect(Fleet.limit(problem, nil) == 3 && Fleet.limit(problem, 2) == 2)
    }

    // MARK: The local search

    /// After the search with every client a neighbour of every other, no
    /// single move of the kinds it makes (those of the classic problem, and
    /// leaving out or taking in an optional client) lowers the penalised
    /// cost, with service times counted against the shift.
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func noMoveOrOptionalClientInOrOutImprovesWhatTheLocalSearchLeaves(_ seed: UInt64) throws {
        let problem = try Small.rich(clients: 9, seed: seed, optional: true, shift: true)
        var search = LocalSearch(problem: problem, neighbours: GeneticSearch.neighbours(of: problem, count: problem.clientCount))
        search.penalty = 10
        search.durationPenalty = 3
        let tour = Small.shuffled(problem.clients, seed: seed)
        let start = Split.routes(of: tour, in: problem, penalty: 10, durationPenalty: 3)
        let result = search.improve(start, types: start.map { _ in 0 }, order: Array(problem.clients)).routes
        let visited = result.flatMap { $0 }
        #expect(Set(visited).count == visited.count && problem.clients.allSatisfy { !problem.isRequired[$0] || visited.contains($0) })
        let cost = Small.penalised(result, problem, penalty: 10, durationPenalty: 3)
        #expect(cost <= Small.penalised(start, problem, penalty: 10, durationPenalty: 3))
        var neighbours = SolverTests.moves(of: result)
        let padded = result + [[]]
        for r in result.indices {
            for i in result[r].indices where !problem.isRequired[result[r][i]] {
                var without = result
                without[r].remove(at: i)
                neighbours.append(("leave out", without))
            }
        }
        for client in problem.clients where !visited.contains(client) {
            for s in padded.indices {
                for k in 0...padded[s].count {
                    var with = padded
                    with[s].insert(client, at: k)
                    neighbours.append(("take in", with))
                }
            }
        }
        for (kind, neighbour) in neighbours {
            #expect(Small.penalised(neighbour, problem, penalty: 10, durationPenalty: 3) >= cost - 1e-6, "\(kind) improves \(result) to \(neighbour)")
        }
    }

    @Test func twoRoutesOnTheWrongVehiclesChangeVehicles() throws {
        let distances = try DistanceMatrix.euclidean([(0, 0), (10, 0), (-10, 0), (0, 10)])
        let problem = try RoutingProblem(
            fleet: [VehicleType(capacity: 4, count: 1), VehicleType(capacity: 9, count: 1)], demands: [0, 8, 1, 2], distances: distances)
        var search = LocalSearch(problem: problem, neighbours: GeneticSearch.neighbours(of: problem, count: 3))
        search.penalty = 100
        let found = search.improve([[1], [2, 3]], types: [0, 1], order: [1, 2, 3])
        let solution = RoutingSolution(routes: found.routes, vehicleTypes: found.types)
        #expect(solution.violations(in: problem).isEmpty, "\(found)")
        #expect(found.types[found.routes.firstIndex(of: [1]) ?? 0] == 1)
    }

    // MARK: The search against brute force

    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func withOptionalClientsTheSearchCollectsThePrizesWorthTheirDetour(_ seed: UInt64) throws {
        try expectOptimum(Small.rich(clients: 7, seed: seed &+ 300, optional: true), seed: seed)
    }

    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func withServiceTimesAndAShiftTheSearchFindsTheBestRoutesWithinIt(_ seed: UInt64) throws {
        try expectOptimum(Small.rich(clients: 7, seed: seed &+ 400, shift: true), seed: seed)
    }

    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func withSeveralVehicleTypesTheSearchFindsTheBestUseOfTheFleet(_ seed: UInt64) throws {
        try expectOptimum(Small.rich(clients: 7, seed: seed &+ 500, types: true), seed: seed)
    }

    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func allTogetherTheSearchStillFindsTheOptimum(_ seed: UInt64) throws {
        try expectOptimum(Small.rich(clients: 6, seed: seed &+ 600, optional: true, shift: true, types: true), seed: seed)
    }

    private func expectOptimum(_ problem: RoutingProblem, seed: UInt64) {
        let optimum = Small.optimum(of: problem)
        let solution = RoutingSolver.solve(problem, limit: .individuals(200), seed: seed)
        if optimum == Int.max {
            #expect(!solution.violations(in: problem).isEmpty, "no feasible routes exist")
        } else {
            #expect(solution.violations(in: problem).isEmpty)
            #expect(solution.cost(in: problem) == optimum, "\(solution)")
        }
    }

    @Test func theFallbackLeavesOutEveryOptionalClientAndUsesTheFleetsTypes() throws {
        let problem = try Small.rich(clients: 12, seed: 7, optional: true, types: true)
        let fallback = RoutingSolver.fallback(problem)
        #expect(fallback.routes.flatMap { $0 }.allSatisfy { problem.isRequired[$0] })
        #expect(fallback.violations(in: problem).isEmpty)
    }
}
