import Foundation
import Testing
@testable import Routing

@Suite struct CVRPLIBTests {
    static let small = """
        NAME : tiny-n4
        COMMENT : four nodes
        TYPE : CVRP
        DIMENSION : 4
        EDGE_WEIGHT_TYPE : EUC_2D
        CAPACITY : 10
        NODE_COORD_SECTION
         1 0 0
         2 3 4
         3 0 5
         4 -6 8.5
        DEMAND_SECTION
        1 0
        2 4
        3 6
        4 10
        DEPOT_SECTION
         1
         -1
        EOF
        """

    @Test func aCVRPLIBFileIsReadWithTheDepotFirstAndDistancesRoundedPerEdge() throws {
        let problem = try CVRPLIB.read(Self.small)
        #expect(problem.name == "tiny-n4" && problem.capacity == 10 && problem.clientCount == 3)
        #expect(problem.demand == [0, 4, 6, 10])
        #expect(problem.distances[0, 1] == 5 && problem.distances[1, 0] == 5)
        // √(36 + 72.25) = 10.40… → 10; √(9 + 20.25) = 5.408… → 5.
        #expect(problem.distances[0, 3] == 10 && problem.distances[2, 3] == 7 && problem.distances[1, 2] == 3)
        #expect(problem.fileIDs == [1, 2, 3, 4])
    }

    @Test func aDepotThatIsNotTheFirstNodeComesFirstAndKeepsItsFileID() throws {
        let text = Self.small.replacingOccurrences(of: "DEPOT_SECTION\n 1\n", with: "DEPOT_SECTION\n 3\n")
            .replacingOccurrences(of: "1 0\n2 4\n3 6", with: "1 6\n2 4\n3 0")
        let problem = try CVRPLIB.read(text)
        #expect(problem.fileIDs == [3, 1, 2, 4] && problem.demand == [0, 6, 4, 10])
        let solution = RoutingSolution(routes: [[1, 2], [3]])
        #expect(solution.fileRoutes(in: problem) == [[1, 2], [4]])
    }

    @Test(arguments: [
        ("DIMENSION : 4", "DIMENSION : 99999999999999999999", 4, "DIMENSION"),
        ("CAPACITY : 10", "CAPACITY : -1", 6, "CAPACITY"),
        ("EDGE_WEIGHT_TYPE : EUC_2D", "EDGE_WEIGHT_TYPE : EXPLICIT", 5, "EUC_2D"),
        ("TYPE : CVRP", "TYPE : TSP", 3, "CVRP"),
        (" 2 3 4\n", " 2 3 nan\n", 9, "coordinates"),
        (" 2 3 4\n", " 2 3 1e400\n", 9, "coordinates"),
        (" 2 3 4\n", " 2 3\n", 9, "«id x y»"),
        (" 2 3 4\n", " 9 3 4\n", 9, "1…4"),
        (" 2 3 4\n", " 3 3 4\n", 10, "twice"),
        ("2 4\n", "2 11\n", 14, "more than the capacity"),
        ("2 4\n", "2 -4\n", 14, "demand"),
        ("1 0\n", "1 5\n", 13, "depot's demand"),
        ("COMMENT : four nodes", "SERVICE_TIME : 10", 2, "not a keyword"),
        (" -1\n", " 2\n", 19, "only one depot"),
    ] as [(String, String, Int, String)])
    func aMalformedFileIsRefusedNamingTheLine(_ change: (from: String, to: String, line: Int, words: String)) throws {
        let text = Self.small.replacingOccurrences(of: change.from, with: change.to)
        #expect(text != Self.small)
        do {
            _ = try CVRPLIB.read(text)
            Issue.record("read \(change.to)")
        } catch {
            #expect(error.line == change.line, "\(error)")
            #expect(error.description.contains(change.words), "\(error)")
            #expect(error.description.hasPrefix("line \(change.line): "))
        }
    }

    @Test func windowsLineEndsReadTheSameAndKeepTheLineNumbers() throws {
        let windows = Self.small.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try CVRPLIB.read(windows).distances[0, 3] == 10)
        #expect(throws: CVRPLIB.ReadError(line: 6, message: "CAPACITY must be a whole number in 1…1000000000")) {
            try CVRPLIB.read(windows.replacingOccurrences(of: "CAPACITY : 10", with: "CAPACITY : 0"))
        }
    }

    @Test func aFileMissingASectionSaysWhich() {
        let text = Self.small.replacingOccurrences(of: "DEMAND_SECTION\n1 0\n2 4\n3 6\n4 10\n", with: "")
        #expect(throws: CVRPLIB.ReadError(line: 0, message: "DEMAND_SECTION gives 0 of the 4 nodes")) { try CVRPLIB.read(text) }
        #expect(throws: CVRPLIB.ReadError.self) { try CVRPLIB.read("") }
        #expect(throws: CVRPLIB.ReadError.self) { try CVRPLIB.read("\u{0}\u{FFFF}garbage") }
    }

    @Test(.enabled(if: SharedInstances.isPresent, "../shared/data/cvrp is not here"))
    func everySharedInstanceIsReadWithTheCapacityAndDemandItsBestKnownSolutionStates() throws {
        let known = SharedInstances.known
        let files = SharedInstances.files
        #expect(files.count > 100)
        for file in files {
            let problem = try SharedInstances.problem(file)
            let name = String(file.split(separator: "/").last?.dropLast(4) ?? "")
            let facts = try #require(known[name], "\(name) in bks.json")
            #expect(problem.capacity == facts.capacity && problem.totalDemand == facts.total_demand, "\(file)")
        }
    }
}
