import Foundation

/// An OSRM `table` service answer (`/table/v1/{profile}/…?annotations=duration,distance`),
/// read and checked: every entry a finite number of metres or seconds within
/// `TravelTable.maximum`, the block the size that was asked for. A point OSRM
/// could not reach (`null`) is an error that names it: a container placed off
/// every road must be moved on the map, not driven to at no cost.
public enum OSRMTableResponse {
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not JSON, or not the table's shape.
        case malformed(String)
        /// OSRM's own refusal (`code` other than `Ok`), with its message.
        case refused(code: String, message: String)
        /// No route between these two points (indexes of the block).
        case unreachable(source: Int, destination: Int)
        case outOfRange(source: Int, destination: Int)

        public var description: String {
            switch self {
            case .malformed(let what): "the OSRM answer could not be read: \(what)"
            case .refused(let code, let message): "OSRM refused the table: \(code) \(message)"
            case .unreachable(let source, let destination): "OSRM found no route from point \(source) to point \(destination)"
            case .outOfRange(let source, let destination): "OSRM gave an impossible distance from point \(source) to point \(destination)"
            }
        }
    }

    /// The most an answer may weigh: a 100 × 100 block with both annotations is about 200 KB.
    public static let maximumBytes = 4 << 20

    struct Body: Decodable {
        let code: String
        let message: String?
        let distances: [[Double?]]?
        let durations: [[Double?]]?
    }

    /// The block's metres and seconds, `sources` rows of `destinations` entries.
    public static func read(_ data: Data, sources: Int, destinations: Int) throws(Problem) -> (metres: [[Int]], seconds: [[Int]]) {
        guard data.count <= maximumBytes else { throw .malformed("\(data.count) bytes") }
        let body: Body
        do { body = try JSONDecoder().decode(Body.self, from: data) } catch { throw .malformed("not the table's JSON") }
        guard body.code == "Ok" else { throw .refused(code: String(body.code.prefix(60)), message: String((body.message ?? "").prefix(200))) }
        return (try matrix(body.distances, "distances", sources, destinations), try matrix(body.durations, "durations", sources, destinations))
    }

    static func matrix(_ rows: [[Double?]]?, _ name: String, _ sources: Int, _ destinations: Int) throws(Problem) -> [[Int]] {
        guard let rows, rows.count == sources else { throw .malformed("\(name): not \(sources) rows") }
        var matrix: [[Int]] = []
        matrix.reserveCapacity(sources)
        for (i, row) in rows.enumerated() {
            guard row.count == destinations else { throw .malformed("\(name): row \(i) is not \(destinations) entries") }
            var values: [Int] = []
            values.reserveCapacity(destinations)
            for (j, entry) in row.enumerated() {
                guard let value = entry else { throw .unreachable(source: i, destination: j) }
                // Checked before the conversion, so it cannot trap.
                guard value.isFinite, value >= 0, value <= Double(TravelTable.maximum) else { throw .outOfRange(source: i, destination: j) }
                values.append(Int(value.rounded()))
            }
            matrix.append(values)
        }
        return matrix
    }
}
