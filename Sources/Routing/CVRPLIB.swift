/// Reads a CVRPLIB (TSPLIB-style) capacitated vehicle routing instance:
///
///     NAME : A-n32-k5
///     TYPE : CVRP
///     DIMENSION : 32
///     EDGE_WEIGHT_TYPE : EUC_2D
///     CAPACITY : 100
///     NODE_COORD_SECTION
///      1 82 76
///      …
///     DEMAND_SECTION
///     1 0
///      …
///     DEPOT_SECTION
///      1
///      -1
///     EOF
///
/// Only `EUC_2D` distances and one depot: what the CVRPLIB sets hold.
/// Anything else, and every number out of range, is refused with the line
/// it is on; nothing in a file can make the reader trap.
public enum CVRPLIB {
    /// Files larger than this are refused before reading (the largest X instance is 30 KB).
    public static let maxBytes = 16 << 20

    public struct ReadError: Error, Equatable, Sendable, CustomStringConvertible {
        /// 1-based; 0 when the fault is the file as a whole (a missing section).
        public let line: Int
        public let message: String

        public var description: String { line > 0 ? "line \(line): \(message)" : message }
    }

    public static func read(_ text: String) throws(ReadError) -> RoutingProblem {
        var reader = Reader()
        var number = 0
        // By Character: "\r\n" is one, so files from Windows (as the X set is) split the same.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            try reader.take(line, line: number)
            if reader.ended { break }
        }
        return try reader.problem()
    }

    private struct Reader {
        enum Section { case header, coordinates, demands, depots }

        var section = Section.header
        var ended = false
        var name = ""
        var dimension: (value: Int, line: Int)?
        var capacity: Int?
        var edgeWeightType: String?
        var coordinates: [Int: (x: Double, y: Double)] = [:]
        var demands: [Int: (value: Int, line: Int)] = [:]
        var depots: [Int] = []
        var depotsClosed = false
        var seen: Set<String> = []

        static let sections: [String: Section] = ["NODE_COORD_SECTION": .coordinates, "DEMAND_SECTION": .demands, "DEPOT_SECTION": .depots]

        mutating func take(_ line: Substring, line number: Int) throws(ReadError) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = words.first else { return }
            if first == "EOF" { ended = true; return }
            if let next = Self.sections[String(first)] {
                guard seen.insert(String(first)).inserted else { throw ReadError(line: number, message: "\(first) appears twice") }
                guard dimension != nil else { throw ReadError(line: number, message: "DIMENSION must come before \(first)") }
                section = next
                return
            }
            if first.first?.isLetter == true { return try header(line, line: number) }
            switch section {
            case .header:
                throw ReadError(line: number, message: "a number outside any section")
            case .coordinates:
                guard words.count == 3 else { throw ReadError(line: number, message: "expected «id x y», found \(words.count) values") }
                let id = try node(words[0], line: number)
                guard let x = Double(words[1]), let y = Double(words[2]), x.isFinite, y.isFinite,
                      abs(x) <= DistanceMatrix.maxCoordinate, abs(y) <= DistanceMatrix.maxCoordinate
                else { throw ReadError(line: number, message: "coordinates must be numbers within ±\(Int(DistanceMatrix.maxCoordinate))") }
                guard coordinates.updateValue((x, y), forKey: id) == nil else { throw ReadError(line: number, message: "node \(id) has coordinates twice") }
            case .demands:
                guard words.count == 2 else { throw ReadError(line: number, message: "expected «id demand», found \(words.count) values") }
                let id = try node(words[0], line: number)
                guard let demand = Int(words[1]), (0...RoutingProblem.maxQuantity).contains(demand) else {
                    throw ReadError(line: number, message: "a demand must be a whole number in 0…\(RoutingProblem.maxQuantity)")
                }
                guard demands.updateValue((demand, number), forKey: id) == nil else { throw ReadError(line: number, message: "node \(id) has a demand twice") }
            case .depots:
                guard words.count == 1, let value = Int(words[0]) else { throw ReadError(line: number, message: "expected one node id or -1") }
                guard !depotsClosed else { throw ReadError(line: number, message: "a depot after the closing -1") }
                if value == -1 { depotsClosed = true; return }
                let id = try node(words[0], line: number)
                guard depots.isEmpty else { throw ReadError(line: number, message: "only one depot is supported") }
                depots.append(id)
            }
        }

        /// A node id: a whole number in 1…DIMENSION.
        func node(_ word: Substring, line number: Int) throws(ReadError) -> Int {
            let limit = dimension?.value ?? 0
            guard let id = Int(word), (1...max(1, limit)).contains(id) else {
                throw ReadError(line: number, message: "node id «\(word.prefix(20))» is not a whole number in 1…\(limit)")
            }
            return id
        }

        mutating func header(_ line: Substring, line number: Int) throws(ReadError) {
            guard section == .header else { throw ReadError(line: number, message: "«\(line.prefix(40))» inside a section") }
            guard let colon = line.firstIndex(of: ":") else { throw ReadError(line: number, message: "expected «KEY : value»") }
            let key = line[..<colon].trimmingSpaces, value = line[line.index(after: colon)...].trimmingSpaces
            guard seen.insert(key).inserted else { throw ReadError(line: number, message: "\(key) appears twice") }
            switch key {
            case "NAME": name = String(value.prefix(200))
            case "COMMENT": break
            case "TYPE":
                guard value == "CVRP" else { throw ReadError(line: number, message: "TYPE \(value.prefix(20)) is not supported: only CVRP") }
            case "DIMENSION":
                guard let count = Int(value), (2...RoutingProblem.maxNodes).contains(count) else {
                    throw ReadError(line: number, message: "DIMENSION must be a whole number in 2…\(RoutingProblem.maxNodes)")
                }
                dimension = (count, number)
            case "CAPACITY":
                guard let count = Int(value), (1...RoutingProblem.maxQuantity).contains(count) else {
                    throw ReadError(line: number, message: "CAPACITY must be a whole number in 1…\(RoutingProblem.maxQuantity)")
                }
                capacity = count
            case "EDGE_WEIGHT_TYPE":
                guard value == "EUC_2D" else { throw ReadError(line: number, message: "EDGE_WEIGHT_TYPE \(value.prefix(20)) is not supported: only EUC_2D") }
                edgeWeightType = value
            default:
                throw ReadError(line: number, message: "\(key.prefix(40)) is not a keyword this reader knows (NAME, COMMENT, TYPE, DIMENSION, CAPACITY, EDGE_WEIGHT_TYPE)")
            }
        }

        func problem() throws(ReadError) -> RoutingProblem {
            guard let dimension else { throw ReadError(line: 0, message: "DIMENSION is missing") }
            guard let capacity else { throw ReadError(line: 0, message: "CAPACITY is missing") }
            guard edgeWeightType != nil else { throw ReadError(line: 0, message: "EDGE_WEIGHT_TYPE is missing") }
            guard coordinates.count == dimension.value else {
                throw ReadError(line: 0, message: "NODE_COORD_SECTION gives \(coordinates.count) of the \(dimension.value) nodes")
            }
            guard demands.count == dimension.value else {
                throw ReadError(line: 0, message: "DEMAND_SECTION gives \(demands.count) of the \(dimension.value) nodes")
            }
            guard let depot = depots.first else { throw ReadError(line: 0, message: "DEPOT_SECTION names no depot") }
            // The depot first, then the clients in the file's order of ids.
            let order = [depot] + (1...dimension.value).filter { $0 != depot }
            var loads: [Int] = []
            for id in order {
                guard let demand = demands[id] else { throw ReadError(line: 0, message: "node \(id) has no demand") }
                if id == depot, demand.value != 0 { throw ReadError(line: demand.line, message: "the depot's demand must be 0") }
                if demand.value > capacity { throw ReadError(line: demand.line, message: "node \(id) demands \(demand.value), more than the capacity \(capacity)") }
                loads.append(demand.value)
            }
            do {
                let points = order.compactMap { coordinates[$0] }
                return try RoutingProblem(
                    name: name, fleet: [VehicleType(capacity: capacity)], demands: loads, distances: try DistanceMatrix.euclidean(points),
                    fileIDs: order, coordinates: points)
            } catch {
                throw ReadError(line: 0, message: "\(error)")
            }
        }
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
