import Foundation

/// A capacitated vehicle routing problem: a depot, clients with demands,
/// vehicles of one or more types, integer distances. Node 0 is the depot,
/// nodes 1…`clientCount` the clients; a route starts and ends at the depot.
///
/// Beyond the classic problem, what collection rounds need: optional clients
/// that earn a prize when visited (a bin that may wait for tomorrow), a
/// service time at each client and a longest route duration (the shift), and
/// several vehicle types with their own capacity, number and shift. A
/// solution's cost is its distance plus the prizes it leaves uncollected.
///
/// Every number is checked where the problem is made, so that no sum the
/// solver forms can overflow: at most `maxNodes` nodes, demands, capacities
/// and prizes up to `maxQuantity`, distances, durations and service times up
/// to `maxDistance`; a route's length, duration or load then stays far
/// inside `Int` (3,001 × 2·10⁹ < 10¹³).
public struct RoutingProblem: Sendable {
    /// The largest instance accepted: the matrix of 3,001 nodes is 72 MB.
    public static let maxNodes = 3_001
    public static let maxQuantity = 1_000_000_000
    public static let maxDistance = 1_000_000_000

    public let name: String
    /// The largest capacity in the fleet (the only one, in a classic problem).
    public let capacity: Int
    /// By node; the depot's is 0.
    public let demand: [Int]
    public let distances: DistanceMatrix
    /// The id each node had in its file (CVRPLIB numbers from 1), for output.
    public let fileIDs: [Int]
    /// One or more types; routes are made for them and no more of a type than its count.
    public let fleet: [VehicleType]
    /// Travel times between nodes; the distances when none are given.
    public let durations: DistanceMatrix
    /// By node, time spent at a client; the depot's is 0.
    public let serviceTime: [Int]
    /// By node: what visiting an optional client earns; 0 for the required ones.
    public let prize: [Int]
    /// By node: whether the client must be visited (true for all in a classic problem).
    public let isRequired: [Bool]
    /// Some vehicle type has a longest route duration.
    public let limitsDuration: Bool
    /// Some client is optional.
    public let hasOptionalClients: Bool
    /// By node, its direction from the depot in 1/65,536ths of a turn, when
    /// coordinates were given; SWAP* tries route pairs whose sectors overlap.
    public let angle: [Int]?

    public var nodeCount: Int { demand.count }
    public var clientCount: Int { demand.count - 1 }
    /// Never empty: a problem has at least one client.
    public var clients: ClosedRange<Int> { 1...clientCount }
    /// All routes the fleet can run together; nil when some type has no limit.
    public var fleetSize: Int? {
        fleet.reduce(Optional(0)) { total, type in total.flatMap { total in type.count.map { total + $0 } } }
    }

    /// The classic problem: every client required, one vehicle type of
    /// `capacity`, as many vehicles as needed.
    public init(name: String = "", capacity: Int, demands: [Int], distances: DistanceMatrix, fileIDs: [Int]? = nil) throws(RoutingProblemError) {
        try self.init(name: name, fleet: [VehicleType(capacity: capacity)], demands: demands, distances: distances, fileIDs: fileIDs)
    }

    /// Arrays by node (the depot's entry first, ignored): `serviceTimes`
    /// default to 0, `prizes` to 0, `required` to true; `durations` to the distances.
    public init(
        name: String = "", fleet: [VehicleType], demands: [Int], distances: DistanceMatrix, durations: DistanceMatrix? = nil,
        serviceTimes: [Int]? = nil, prizes: [Int]? = nil, required: [Bool]? = nil, fileIDs: [Int]? = nil,
        coordinates: [(x: Double, y: Double)]? = nil
    ) throws(RoutingProblemError) {
        let n = demands.count
        guard n >= 2 else { throw .tooFewNodes }
        guard n <= Self.maxNodes else { throw .tooManyNodes(n) }
        guard distances.size == n else { throw .matrixSize(distances.size, n) }
        if let durations, durations.size != n { throw .matrixSize(durations.size, n) }
        guard !fleet.isEmpty, fleet.count <= Self.maxNodes else { throw .fleet }
        for (index, type) in fleet.enumerated() {
            guard (1...Self.maxQuantity).contains(type.capacity) else { throw .capacity(type.capacity) }
            if let count = type.count, !(1...Self.maxNodes).contains(count) { throw .vehicleCount(type: index, count) }
            if let limit = type.maxDuration, !(0...Self.maxDistance).contains(limit) { throw .maxDuration(type: index, limit) }
        }
        let capacity = fleet.map(\.capacity).max() ?? 0
        for (node, demand) in demands.enumerated() where node > 0 {
            guard (0...capacity).contains(demand) else { throw .demand(node: node, demand) }
        }
        for list in [serviceTimes?.count, prizes?.count, required?.count, fileIDs?.count, coordinates?.count] where list.map({ $0 != n }) ?? false {
            throw .perNode(n)
        }
        let service = [0] + (serviceTimes ?? [Int](repeating: 0, count: n)).dropFirst()
        for (node, time) in service.enumerated() where !(0...Self.maxDistance).contains(time) { throw .serviceTime(node: node, time) }
        let isRequired = [true] + (required ?? [Bool](repeating: true, count: n)).dropFirst()
        // A required client's prize would be earned by every solution alike: 0, so costs compare as the distance.
        let prize = (prizes ?? [Int](repeating: 0, count: n)).enumerated().map { isRequired[$0] ? 0 : $1 }
        for (node, value) in prize.enumerated() where !(0...Self.maxQuantity).contains(value) { throw .prize(node: node, value) }
        self.name = name
        self.capacity = capacity
        demand = [0] + demands.dropFirst()
        self.distances = distances
        self.fileIDs = fileIDs ?? Array(1...n)
        self.fleet = fleet
        self.durations = durations ?? distances
        serviceTime = service
        self.prize = prize
        self.isRequired = isRequired
        limitsDuration = fleet.contains { $0.maxDuration != nil }
        hasOptionalClients = isRequired.contains(false)
        if let coordinates {
            for (node, point) in coordinates.enumerated() where !point.x.isFinite || !point.y.isFinite { throw .coordinate(node: node) }
            let depot = coordinates[0]
            angle = coordinates.map { point in
                // atan2 is in −π…π: finite, so the conversion cannot trap.
                let turn = atan2(point.y - depot.y, point.x - depot.x) / (2 * Double.pi)
                return Int((turn < 0 ? turn + 1 : turn) * 65_536) & 0xFFFF
            }
        } else {
            angle = nil
        }
    }

    /// Total demand of the clients: with `maxNodes` and `maxQuantity`, at most 3·10¹².
    public var totalDemand: Int { demand.reduce(0, +) }
}

/// Vehicles of one kind: what each carries, how many there are, how long a shift lasts.
public struct VehicleType: Sendable, Equatable {
    public let capacity: Int
    /// nil: as many as the routes need.
    public let count: Int?
    /// The longest a route may take, travel and service together; nil: no limit.
    public let maxDuration: Int?

    public init(capacity: Int, count: Int? = nil, maxDuration: Int? = nil) {
        self.capacity = capacity
        self.count = count
        self.maxDuration = maxDuration
    }
}

public enum RoutingProblemError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewNodes
    case tooManyNodes(Int)
    case matrixSize(Int, Int)
    case capacity(Int)
    case demand(node: Int, Int)
    case coordinate(node: Int)
    case fleet
    case vehicleCount(type: Int, Int)
    case maxDuration(type: Int, Int)
    case perNode(Int)
    case serviceTime(node: Int, Int)
    case prize(node: Int, Int)

    public var description: String {
        switch self {
        case .tooFewNodes: "a depot and at least one client are needed"
        case .tooManyNodes(let count): "\(count) nodes: at most \(RoutingProblem.maxNodes) are accepted"
        case .matrixSize(let size, let nodes): "the distance matrix is \(size)×\(size) for \(nodes) nodes"
        case .capacity(let value): "capacity \(value) is outside 1…\(RoutingProblem.maxQuantity)"
        case .demand(let node, let value): "node \(node): demand \(value) is negative or above every vehicle's capacity"
        case .coordinate(let node): "node \(node): coordinates must be finite and within ±\(Int(DistanceMatrix.maxCoordinate))"
        case .fleet: "one to \(RoutingProblem.maxNodes) vehicle types are needed"
        case .vehicleCount(let type, let count): "vehicle type \(type + 1): \(count) vehicles is outside 1…\(RoutingProblem.maxNodes)"
        case .maxDuration(let type, let limit): "vehicle type \(type + 1): a longest route of \(limit) is outside 0…\(RoutingProblem.maxDistance)"
        case .perNode(let nodes): "service times, prizes, required flags, file ids and coordinates need one entry per node (\(nodes))"
        case .serviceTime(let node, let value): "node \(node): service time \(value) is outside 0…\(RoutingProblem.maxDistance)"
        case .prize(let node, let value): "node \(node): prize \(value) is outside 0…\(RoutingProblem.maxQuantity)"
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
