import Foundation
import HromadaDomain
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
@testable import Waste

/// The OSRM provider against a fake OSRM server (no map data can be
/// downloaded here): a big table asked for in blocks, each answer placed
/// where it belongs, and a refusal or an unreachable point told plainly.
@Suite struct WasteOSRMTests {
    /// Answers `/table/v1/driving/{lon,lat;…}` as OSRM does, with each pair's
    /// straight line times 1.4 one way and 1.5 the other (one-way streets),
    /// and null for any point at longitude 0 (off every road).
    /// What the fake server was asked, in order.
    final class RequestLog: Sendable {
        private let items = Mutex<[String]>([])
        func append(_ item: String) { items.withLock { $0.append(item) } }
        var all: [String] { items.withLock { $0 } }
    }

    static func fakeOSRM(requests: RequestLog) -> some ApplicationProtocol {
        let router = Router()
        router.get("table/v1/:profile/:coordinates") { request, context -> Response in
            requests.append(request.uri.description)
            let points = try context.parameters.require("coordinates").split(separator: ";").map { pair -> GeoPoint in
                let parts = pair.split(separator: ",").compactMap { Double($0) }
                return try GeoPoint(longitude: parts[0], latitude: parts[1])
            }
            func indexes(_ name: String) -> [Int] {
                request.uri.queryParameters.get(name).map { $0.split(separator: ";").compactMap { Int($0) } } ?? Array(points.indices)
            }
            let sources = indexes("sources"), destinations = indexes("destinations")
            guard sources.count <= 100, destinations.count <= 100 else {
                return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: #"{"code":"TooBig","message":"Too many table coordinates"}"#)))
            }
            func entry(_ i: Int, _ j: Int, perSecond: Double) -> String {
                if points[i].longitude == 0 || points[j].longitude == 0 { return i == j ? "0" : "null" }
                return String(points[i].metres(to: points[j]) * (i < j ? 1.4 : 1.5) / perSecond)
            }
            let distances = sources.map { i in "[" + destinations.map { entry(i, $0, perSecond: 1) }.joined(separator: ",") + "]" }
            let durations = sources.map { i in "[" + destinations.map { entry(i, $0, perSecond: 7) }.joined(separator: ",") + "]" }
            let body = #"{"code":"Ok","distances":[\#(distances.joined(separator: ","))],"durations":[\#(durations.joined(separator: ","))]}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    static func points(_ count: Int) throws -> [GeoPoint] {
        try (0..<count).map { try GeoPoint(longitude: 28.08 + Double($0 % 17) * 0.003, latitude: 49.02 + Double($0 / 17) * 0.002) }
    }

    @Test func aBigTableIsAskedForInBlocksAndEachAnswerLandsInItsPlace() async throws {
        let requests = RequestLog()
        try await Self.fakeOSRM(requests: requests).test(.live) { client in
            let port = try #require(client.port)
            let points = try Self.points(230)
            let table = try await OSRMTable(base: "http://127.0.0.1:\(port)/").table(points)
            // 230 points: three blocks of sources by three of destinations.
            #expect(requests.all.count == 9)
            #expect(requests.all.allSatisfy { $0.contains("annotations=distance,duration") })
            for (i, j) in [(0, 1), (1, 0), (5, 229), (229, 5), (150, 120), (99, 100)] {
                let factor = i < j ? 1.4 : 1.5
                #expect(abs(Double(table.metres[i][j]) - points[i].metres(to: points[j]) * factor) <= 1, "\(i)→\(j)")
                #expect(abs(Double(table.seconds[i][j]) - points[i].metres(to: points[j]) * factor / 7) <= 1, "\(i)→\(j)")
            }
            #expect((0..<230).allSatisfy { table.metres[$0][$0] == 0 })
        }
    }

    @Test func aPointOffEveryRoadOrARefusalIsTold() async throws {
        let requests = RequestLog()
        try await Self.fakeOSRM(requests: requests).test(.live) { client in
            let port = try #require(client.port)
            var points = try Self.points(3)
            points.append(try GeoPoint(longitude: 0, latitude: 49))
            await #expect(throws: OSRMTable.Problem.answer(.unreachable(source: 0, destination: 3))) {
                try await OSRMTable(base: "http://127.0.0.1:\(port)").table(points)
            }
            // A server that allows smaller tables than we ask for says so.
            await #expect(throws: OSRMTable.Problem.answer(.refused(code: "TooBig", message: "Too many table coordinates"))) {
                try await OSRMTable(base: "http://127.0.0.1:\(port)", block: 150).table(try Self.points(120))
            }
        }
        // No server at all.
        await #expect(throws: OSRMTable.Problem.self) {
            try await OSRMTable(base: "http://127.0.0.1:1", timeout: .seconds(2)).table(try Self.points(2))
        }
    }
}
