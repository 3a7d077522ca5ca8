/// A capacitated vehicle routing problem: a depot, clients with demands,
/// vehicles of one capacity, integer distances. Node 0 is the depot, nodes
/// 1…`clientCount` the clients; a route starts and ends at the depot.
///
/// Every number is checked where the problem is made, so that no sum the
/// solver forms can overflow: at most `maxNodes` nodes, demands and the
/// capacity up to `maxQuantity`, distances up to `maxDistance`; a route's
/// length or load then stays far inside `Int`.
public struct RoutingProblem: Sendable {
    /// The largest instance accepted: the matrix of 3,001 nodes is 72 MB.
    public static let maxNodes = 3_001
    public static let maxQuantity = 1_000_000_000
    public static let maxDistance = 1_000_000_000

    public let name: String
    public let capacity: Int
    /// By node; the depot's is 0.
    public let demand: [Int]
    public let distances: DistanceMatrix
    /// The id each node had in its file (CVRPLIB numbers from 1), for output.
    public let fileIDs: [Int]

    public var nodeCount: Int { demand.count }
    public var clientCount: Int { demand.count - 1 }
    /// Never empty: a problem has at least one client.
    public var clients: ClosedRange<Int> { 1...clientCount }

    public init(name: String = "", capacity: Int, demands: [Int], distances: DistanceMatrix, fileIDs: [Int]? = nil) throws(RoutingProblemError) {
        guard demands.count >= 2 else { throw .tooFewNodes }
        guard demands.count <= Self.maxNodes else { throw .tooManyNodes(demands.count) }
        guard distances.size == demands.count else { throw .matrixSize(distances.size, demands.count) }
        guard (1...Self.maxQuantity).contains(capacity) else { throw .capacity(capacity) }
        for (node, demand) in demands.enumerated() where node > 0 {
            guard (0...capacity).contains(demand) else { throw .demand(node: node, demand) }
        }
        let ids = fileIDs ?? Array(1...demands.count)
        guard ids.count == demands.count else { throw .fileIDs }
        self.name = name
        self.capacity = capacity
        demand = [0] + demands.dropFirst()
        self.distances = distances
        self.fileIDs = ids
    }

    /// Total demand of the clients: with `maxNodes` and `maxQuantity`, at most 3·10¹².
    public var totalDemand: Int { demand.reduce(0, +) }
}

public enum RoutingProblemError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewNodes
    case tooManyNodes(Int)
    case matrixSize(Int, Int)
    case capacity(Int)
    case demand(node: Int, Int)
    case fileIDs
    case coordinate(node: Int)

    public var description: String {
        switch self {
        case .tooFewNodes: "a depot and at least one client are needed"
        case .tooManyNodes(let count): "\(count) nodes: at most \(RoutingProblem.maxNodes) are accepted"
        case .matrixSize(let size, let nodes): "the distance matrix is \(size)×\(size) for \(nodes) nodes"
        case .capacity(let value): "capacity \(value) is outside 1…\(RoutingProblem.maxQuantity)"
        case .demand(let node, let value): "node \(node): demand \(value) is negative or above the capacity"
        case .fileIDs: "one file id per node is needed"
        case .coordinate(let node): "node \(node): coordinates must be finite and within ±\(Int(DistanceMatrix.maxCoordinate))"
        }
    }
}

/// Integer distances between every pair of nodes, symmetric, row by row.
public struct DistanceMatrix: Sendable {
    /// Coordinates beyond this would make distances past `RoutingProblem.maxDistance`.
    public static let maxCoordinate = 300_000_000.0

    public let size: Int
    @usableFromInline let values: [Int]

    @inlinable public subscript(_ from: Int, _ to: Int) -> Int { values[from &* size &+ to] }

    /// Euclidean distances rounded to the nearest integer per edge, as
    /// CVRPLIB scores `EUC_2D` (`nint`: halves away from zero).
    public static func euclidean(_ points: [(x: Double, y: Double)]) throws(RoutingProblemError) -> DistanceMatrix {
        for (node, point) in points.enumerated() {
            guard point.x.isFinite, point.y.isFinite, abs(point.x) <= maxCoordinate, abs(point.y) <= maxCoordinate else {
                throw .coordinate(node: node)
            }
        }
        let n = points.count
        var values = [Int](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let dx = points[i].x - points[j].x, dy = points[i].y - points[j].y
                // At most 300,000,000·2·√2 ≈ 8.5·10⁸: the conversion cannot trap.
                let distance = Int((dx * dx + dy * dy).squareRoot().rounded())
                values[i * n + j] = distance
                values[j * n + i] = distance
            }
        }
        return DistanceMatrix(size: n, values: values)
    }

    /// A full matrix given row by row; nil unless square, symmetric, with a
    /// zero diagonal and every entry in 0…`RoutingProblem.maxDistance`.
    public init?(rows: [[Int]]) {
        let n = rows.count
        guard rows.allSatisfy({ $0.count == n }) else { return nil }
        for i in 0..<n {
            guard rows[i][i] == 0 else { return nil }
            for j in 0..<n where !(0...RoutingProblem.maxDistance).contains(rows[i][j]) || rows[i][j] != rows[j][i] { return nil }
        }
        self.init(size: n, values: rows.flatMap { $0 })
    }

    init(size: Int, values: [Int]) {
        self.size = size
        self.values = values
    }
}
