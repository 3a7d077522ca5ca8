import ArgumentParser
import Foundation
import Routing

struct Routes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Vehicle routes: the capacitated vehicle routing solver.", subcommands: [Solve.self])

    struct Solve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Solve a CVRPLIB instance (EUC_2D) and print the routes with the file's node ids, depot left out.")
        @Argument(help: "A CVRPLIB .vrp file.") var file: String
        @Option(help: "Wall-clock seconds for the whole command, 0.2 to 86400.") var seconds: Double
        @Option(help: "Seed of the search: the same seed searches the same way (one search per core, from this seed on).") var seed: UInt64 = 1
        @Option(help: "At most this many vehicles (routes); without it, as many as the search finds best.") var vehicles: Int?
        @Flag(help: "Print one JSON object: {\"cost\": C, \"routes\": [[…], …]}.") var json = false

        /// Kept for printing and leaving: the search stops this long before the time asked for.
        static let reserve = 0.15

        func validate() throws {
            guard seconds.isFinite, (0.2...86_400).contains(seconds) else { throw ValidationError("--seconds must be between 0.2 and 86400.") }
            if let vehicles, !(1...RoutingProblem.maxNodes).contains(vehicles) {
                throw ValidationError("--vehicles must be between 1 and \(RoutingProblem.maxNodes).")
            }
        }

        func run() async throws {
            let clock = ContinuousClock()
            // The process began a little before this; `reserve` covers it and the printing.
            let deadline = clock.now.advanced(by: .milliseconds(Int64((seconds - Self.reserve) * 1_000)))
            let problem = try Self.load(file)
            // One search per core, each from its own seed (seed, seed + 1, …).
            let workers = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
            let solution = await RoutingSolver.solve(problem, limit: .deadline(deadline), seed: seed, vehicles: vehicles, workers: workers)
            if let vehicles, !solution.violations(in: problem, vehicles: vehicles).isEmpty {
                let least = (problem.totalDemand + problem.capacity - 1) / problem.capacity
                throw CommandFailure(
                    least > vehicles
                        ? "\(file): \(vehicles) vehicles cannot carry the demand \(problem.totalDemand) at capacity \(problem.capacity); at least \(least) are needed."
                        : "\(file): no routes for \(vehicles) vehicles within the capacity were found in \(seconds) s; more time or more vehicles may find them.")
            }
            let cost = solution.cost(in: problem), routes = solution.fileRoutes(in: problem)
            if json {
                let list = routes.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }.joined(separator: ", ")
                print("{\"cost\": \(cost), \"routes\": [\(list)]}")
            } else {
                for (index, route) in routes.enumerated() { print("Route #\(index + 1): " + route.map(String.init).joined(separator: " ")) }
                print("Cost \(cost)")
            }
        }

        static func load(_ path: String) throws -> RoutingProblem {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            guard let size else { throw CommandFailure("Cannot read \(path).") }
            guard size <= CVRPLIB.maxBytes else { throw CommandFailure("\(path): \(size) bytes; a CVRPLIB file of up to \(CVRPLIB.maxBytes) is read.") }
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("Cannot read \(path).") }
            do {
                return try CVRPLIB.read(String(decoding: data, as: UTF8.self))
            } catch {
                throw CommandFailure("\(path): \(error)")
            }
        }
    }
}
