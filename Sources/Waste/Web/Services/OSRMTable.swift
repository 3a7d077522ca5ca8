import AsyncHTTPClient
import Foundation
import HromadaDomain
import NIOCore

/// Road distances and times from an OSRM server's `table` service
/// (`HROMADA_WASTE_OSRM_URL`, e.g. `http://osrm:5000`, and the profile,
/// `driving` by default). A big table is asked for in blocks of at most
/// `block` sources by `block` destinations, as OSRM's `--max-table-size`
/// (100 by default) allows; every answer is checked (`OSRMTableResponse`).
public struct OSRMTable: DistanceProvider {
    let base: String
    let profile: String
    let client: HTTPClient
    let block: Int
    let timeout: TimeAmount

    public init(base: String, profile: String = "driving", client: HTTPClient = .shared, block: Int = 100, timeout: TimeAmount = .seconds(30)) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.profile = profile
        self.client = client
        self.block = max(1, block)
        self.timeout = timeout
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unavailable(String)
        case answer(OSRMTableResponse.Problem)

        public var description: String {
            switch self {
            case .unavailable(let why): "the OSRM server could not be asked: \(why)"
            case .answer(let problem): problem.description
            }
        }
    }

    public func table(_ points: [GeoPoint]) async throws -> TravelTable {
        let n = points.count
        var metres = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        var seconds = metres
        // Six decimals: ten centimetres, more than a container's place needs.
        let coordinates = points.map { String(format: "%.6f,%.6f", $0.longitude, $0.latitude) }.joined(separator: ";")
        for sourceStart in stride(from: 0, to: n, by: block) {
            let sources = sourceStart..<min(sourceStart + block, n)
            for destinationStart in stride(from: 0, to: n, by: block) {
                let destinations = destinationStart..<min(destinationStart + block, n)
                let (blockMetres, blockSeconds) = try await ask(coordinates, sources: sources, destinations: destinations)
                for (row, i) in sources.enumerated() {
                    for (column, j) in destinations.enumerated() {
                        metres[i][j] = blockMetres[row][column]
                        seconds[i][j] = blockSeconds[row][column]
                    }
                }
            }
        }
        return TravelTable(metres: metres, seconds: seconds)
    }

    func ask(_ coordinates: String, sources: Range<Int>, destinations: Range<Int>) async throws -> (metres: [[Int]], seconds: [[Int]]) {
        func list(_ range: Range<Int>) -> String { range.map(String.init).joined(separator: ";") }
        let url = "\(base)/table/v1/\(profile)/\(coordinates)?annotations=distance,duration&sources=\(list(sources))&destinations=\(list(destinations))"
        let body: ByteBuffer
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: timeout)
            // OSRM answers its refusals as JSON with a 4xx: the body says why.
            body = try await response.body.collect(upTo: OSRMTableResponse.maximumBytes)
        } catch {
            throw Problem.unavailable(String(describing: error).prefix(200).description)
        }
        do {
            return try OSRMTableResponse.read(Data(buffer: body), sources: sources.count, destinations: destinations.count)
        } catch {
            // Block-relative indexes, told as the table's own.
            switch error {
            case .unreachable(let source, let destination):
                throw Problem.answer(.unreachable(source: sources.lowerBound + source, destination: destinations.lowerBound + destination))
            case .outOfRange(let source, let destination):
                throw Problem.answer(.outOfRange(source: sources.lowerBound + source, destination: destinations.lowerBound + destination))
            default:
                throw Problem.answer(error)
            }
        }
    }
}
