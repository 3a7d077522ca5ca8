import Foundation
import Testing
@testable import Routing

@Suite struct SolverTests {
    // MARK: Split

    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func splitCutsATourWhereTryingEveryCutFindsTheCheapestFeasibleRoutes(_ seed: UInt64) throws {
        let problem = try Small.problem(clients: 10, capacity: 20, seed: seed)
        let tour = Small.shuffled(problem.clients, seed: seed &* 7)
        let routes = Split.routes(of: tour, in: problem, penalty: 1e9)
        #expect(routes.flatMap { $0 } == tour, "the tour's order, cut")
        #expect(RoutingSolution(routes: routes).violations(in: problem).isEmpty)
        #expect(RoutingSolution(routes: routes).cost(in: problem) == Small.bestCut(tour, problem))
    }

    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func splitWithAFleetCutsIntoNoMoreRoutesThanVehiclesAtTheLeastCost(_ seed: UInt64) throws {
        let problem = try Small.problem(clients: 10, capacity: 20, seed: seed &+ 40)
        let tour = Small.shuffled(problem.clients, seed: seed)
        let free = Split.routes(of: tour, in: problem, penalty: 1e9)
        let fleet = (problem.totalDemand + problem.capacity - 1) / problem.capacity
        for vehicles in fleet...(fleet + 2) {
            let routes = Split.routes(of: tour, in: problem, penalty: 1e9, vehicles: vehicles)
            #expect(routes.count <= vehicles && routes.flatMap { $0 } == tour)
            let best = Small.bestCut(tour, problem, vehicles: vehicles)
            if best == Int.max {
                // No feasible cut of this order in so few routes: the least overload, then.
                #expect(!RoutingSolution(routes: routes).violations(in: problem, vehicles: vehicles).isEmpty)
            } else {
                #expect(RoutingSolution(routes: routes).cost(in: problem) == best, "\(vehicles) vehicles")
            }
        }
        #expect(Split.routes(of: tour, in: problem, penalty: 1e9, vehicles: free.count) == free)
    }

    // MARK: The local search's moves

    /// After the search with every client a neighbour of every other, no
    /// single move of a kind it makes can lower the penalised cost: each is
    /// tried here by brute force on the routes it returns.
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func noRelocationSwapPairSwapSwapStarReversalOrTailExchangeImprovesWhatTheLocalSearchLeaves(_ seed: UInt64) throws {
        let problem = try Small.problem(clients: 9, capacity: 15, seed: seed)
        var search = LocalSearch(problem: problem, neighbours: GeneticSearch.neighbours(of: problem, count: problem.clientCount))
        search.penalty = 10
        let tour = Small.shuffled(problem.clients, seed: seed)
        let start = Split.routes(of: tour, in: problem, penalty: 10)
        let result = search.improve(start, types: start.map { _ in 0 }, order: Array(problem.clients)).routes
        #expect(Set(result.flatMap { $0 }) == Set(problem.clients) && result.flatMap { $0 }.count == problem.clientCount)
        let cost = Small.penalised(result, problem, penalty: 10)
        #expect(cost <= Small.penalised(start, problem, penalty: 10))
        for (kind, neighbour) in Self.moves(of: result, swapStar: true) {
            // SWAP* takes insertions to cost at least nothing and skips pairs that cannot gain else;
            // distances rounded per edge break the triangle inequality by up to 1 each way.
            let slack = kind == "swap*" ? 2 + 1e-6 : 1e-6
            #expect(Small.penalised(neighbour, problem, penalty: 10) >= cost - slack, "\(kind) improves \(result) to \(neighbour)")
        }
    }

    /// SWAP* alone on two random routes finds the best exchange of two
    /// clients each put anywhere in the other route (or one moved alone), as
    /// trying every one shows, up to the rounding its pruning allows.
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func swapStarFindsTheBestExchangeOfTwoClientsEachPutAnywhereInTheOtherRoute(_ seed: UInt64) throws {
        let problem = try Small.problem(clients: 12, capacity: 200, seed: seed &+ 900)
        let tour = Small.shuffled(problem.clients, seed: seed)
        let start = [Array(tour[..<6]), Array(tour[6...])]
        var search = LocalSearch(problem: problem, neighbours: GeneticSearch.neighbours(of: problem, count: problem.clientCount))
        let after = search.swapStarOnce(start)
        let length = { (routes: [[Int]]) in RoutingSolution(routes: routes).cost(in: problem) }
        var best = length(start)
        for (kind, neighbour) in Self.moves(of: start, swapStar: true) where kind == "swap*" { best = min(best, length(neighbour)) }
        // One client alone into the other route, anywhere.
        for (from, to) in [(0, 1), (1, 0)] {
            for i in start[from].indices {
                for k in 0...start[to].count {
                    var moved = start
                    moved[to].insert(moved[from].remove(at: i), at: k)
                    best = min(best, length(moved))
                }
            }
        }
        #expect(Set(after.flatMap { $0 }) == Set(problem.clients))
        #expect(length(after) <= best + 2, "\(length(after)) against the best \(best)")
        if best < length(start) - 2 { #expect(length(after) < length(start), "an exchange that gains is made") }
    }

    /// Every relocation (into any place, a new route included), swap, pair
    /// for a client or for a pair between routes, reversal within a route,
    /// exchange of two routes' ends (straight or reversed), and when asked
    /// every SWAP* (two clients of two routes exchanged, each put anywhere
    /// in the other route) of a solution.
    static func moves(of routes: [[Int]], swapStar: Bool = false) -> [(String, [[Int]])] {
        var found: [(String, [[Int]])] = []
        for r in routes.indices where swapStar {
            for s in routes.indices where s > r {
                for i in routes[r].indices {
                    for j in routes[s].indices {
                        var left = routes
                        let u = left[r].remove(at: i), v = left[s].remove(at: j)
                        for k in 0...left[s].count {
                            for l in 0...left[r].count {
                                var moved = left
                                moved[s].insert(u, at: k)
                                moved[r].insert(v, at: l)
                                found.append(("swap*", moved))
                            }
                        }
                    }
                }
            }
        }
        let padded = routes + [[]]
        for r in routes.indices {
            for i in routes[r].indices {
                var without = padded
                let node = without[r].remove(at: i)
                for s in without.indices {
                    for k in 0...without[s].count {
                        var moved = without
                        moved[s].insert(node, at: k)
                        found.append(("relocate", moved))
                    }
                }
                for s in routes.indices {
                    for j in routes[s].indices where (s, j) != (r, i) {
                        var swapped = routes
                        swapped[r][i] = routes[s][j]
                        swapped[s][j] = routes[r][i]
                        found.append(("swap", swapped))
                    }
                }
                for s in routes.indices where s != r && i + 1 < routes[r].count {
                    for j in routes[s].indices {
                        var pairForOne = routes
                        pairForOne[r].replaceSubrange(i...(i + 1), with: [routes[s][j]])
                        pairForOne[s].replaceSubrange(j...j, with: routes[r][i...(i + 1)])
                        found.append(("pair for one", pairForOne))
                        guard j + 1 < routes[s].count else { continue }
                        var pairForPair = routes
                        pairForPair[r].replaceSubrange(i...(i + 1), with: routes[s][j...(j + 1)])
                        pairForPair[s].replaceSubrange(j...(j + 1), with: routes[r][i...(i + 1)])
                        found.append(("pair for pair", pairForPair))
                    }
                }
            }
            for a in routes[r].indices {
                for b in routes[r].indices where b > a {
                    var reversed = routes
                    reversed[r][a...b].reverse()
                    found.append(("2-opt", reversed))
                }
            }
            for s in routes.indices where s > r {
                for i in routes[r].indices {
                    for j in routes[s].indices {
                        let headR = Array(routes[r][...i]), tailR = Array(routes[r][(i + 1)...])
                        let headS = Array(routes[s][...j]), tailS = Array(routes[s][(j + 1)...])
                        var crossed = routes
                        crossed[r] = headR + tailS
                        crossed[s] = headS + tailR
                        found.append(("2-opt*", crossed))
                        var turned = routes
                        turned[r] = headR + headS.reversed()
                        turned[s] = tailR.reversed() + tailS
                        found.append(("2-opt* reversed", turned))
                    }
                }
            }
        }
        return found
    }

    // MARK: The search

    @Test(arguments: 1...5 as ClosedRange<UInt64>)
    func theSearchFindsTheOptimumThatBruteForceProvesOnSmallInstances(_ seed: UInt64) throws {
        let problem = try Small.problem(clients: 7, capacity: 14, seed: seed &+ 100)
        let optimum = Small.optimum(problem)
        let solution = RoutingSolver.solve(problem, limit: .individuals(150), seed: seed)
        #expect(solution.violations(in: problem).isEmpty)
        #expect(solution.cost(in: problem) == optimum)
    }

    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func withAFleetTheSearchFindsTheBestRoutesThatFitIt(_ seed: UInt64) throws {
        let problem = try Small.problem(clients: 7, capacity: 14, seed: seed &+ 200)
        let vehicles = (problem.totalDemand + problem.capacity - 1) / problem.capacity
        let optimum = Small.optimum(problem, vehicles: vehicles)
        let solution = RoutingSolver.solve(problem, limit: .individuals(150), seed: seed, vehicles: vehicles)
        if optimum == Int.max {
            #expect(!solution.violations(in: problem, vehicles: vehicles).isEmpty, "no feasible routes exist")
        } else {
            #expect(solution.violations(in: problem, vehicles: vehicles).isEmpty)
            #expect(solution.cost(in: problem) == optimum)
        }
    }

    @Test func theSameSeedAndNumberOfIndividualsGiveTheSameRoutes() throws {
        let problem = try Small.problem(clients: 40, capacity: 30, seed: 9)
        let first = RoutingSolver.solve(problem, limit: .individuals(150), seed: 5)
        #expect(first == RoutingSolver.solve(problem, limit: .individuals(150), seed: 5))
        #expect(first.violations(in: problem).isEmpty)
    }

    @Test func searchesOnBothCoresGiveTheBestOfTheSearchesTheirSeedsMake() async throws {
        let problem = try Small.problem(clients: 40, capacity: 30, seed: 11)
        let together = await RoutingSolver.solve(problem, limit: .individuals(120), seed: 3, workers: 2)
        let apart = [3, 4].map { RoutingSolver.solve(problem, limit: .individuals(120), seed: UInt64($0)) }
        #expect(together.cost(in: problem) == apart.map { $0.cost(in: problem) }.min())
        #expect(together == apart.min { $0.cost(in: problem) < $1.cost(in: problem) })
        #expect(together == (await RoutingSolver.solve(problem, limit: .individuals(120), seed: 3, workers: 2)))
    }

    @Test func theFallbackIsFeasibleEvenWithNoTimeAtAll() throws {
        let problem = try Small.problem(clients: 30, capacity: 12, seed: 3)
        #expect(RoutingSolver.fallback(problem).violations(in: problem).isEmpty)
        let none = RoutingSolver.solve(problem, limit: .individuals(0))
        #expect(none.violations(in: problem).isEmpty)
    }

    @Test(.enabled(if: SharedInstances.isPresent, "../shared/data/cvrp is not here"))
    func aSmallSharedInstanceIsSolvedWithinTwoPercentOfItsBestKnownCost() throws {
        let problem = try SharedInstances.problem("A/A-n32-k5.vrp")
        let solution = RoutingSolver.solve(problem, limit: .individuals(400), seed: 1)
        #expect(solution.violations(in: problem).isEmpty)
        let best = try #require(SharedInstances.known["A-n32-k5"]).best_known_cost
        #expect(solution.cost(in: problem) >= best)
        #expect(Double(solution.cost(in: problem)) <= Double(best) * 1.02, "\(solution.cost(in: problem)) against \(best)")
    }
}
