import Foundation
import HromadaDomain
import Testing
@testable import Waste

/// Distances for the routes: the straight line times a circuity factor, and OSRM's table answers checked.
@Suite struct WasteDistanceTests {
    @Test func aStraightLineDistanceIsTheGreatCircleTimesTheCircuityAtTownSpeed() throws {
        let station = try GeoPoint(longitude: 28.1115, latitude: 49.0386), market = try GeoPoint(longitude: 28.1200, latitude: 49.0386)
        let table = StraightLineDistances(circuity: 1.3, kilometresPerHour: 25).table([station, market])
        let straight = station.metres(to: market)
        #expect(abs(Double(table.metres[0][1]) - straight * 1.3) <= 1)
        #expect(table.metres[0][0] == 0 && table.metres[1][0] == table.metres[0][1])
        #expect(abs(Double(table.seconds[0][1]) - Double(table.metres[0][1]) / (25 / 3.6)) <= 1)
        // A factor no town has falls back to the default.
        #expect(StraightLineDistances(circuity: 40).circuity == 1.3)
        #expect(StraightLineDistances(circuity: .nan, kilometresPerHour: .infinity).kilometresPerHour == 25)
    }

    @Test func aRoadTableIsMadeSymmetricByAveragingBothWays() {
        let table = TravelTable(metres: [[0, 100], [140, 0]], seconds: [[0, 10], [13, 0]]).symmetric()
        #expect(table.metres == [[0, 120], [120, 0]])
        #expect(table.seconds == [[0, 12], [12, 0]])
    }

    @Test func anOSRMTableAnswerIsReadWithEveryEntryChecked() throws {
        let ok = Data(#"{"code":"Ok","distances":[[0,1520.4],[1498.6,0]],"durations":[[0,180.2],[175,0]],"sources":[],"destinations":[]}"#.utf8)
        let read = try OSRMTableResponse.read(ok, sources: 2, destinations: 2)
        #expect(read.metres == [[0, 1_520], [1_499, 0]] && read.seconds == [[0, 180], [175, 0]])
        let cases: [(String, OSRMTableResponse.Problem)] = [
            (#"{"code":"InvalidQuery","message":"Query string malformed close to position 30"}"#,
             .refused(code: "InvalidQuery", message: "Query string malformed close to position 30")),
            (#"{"code":"Ok","distances":[[0,null],[1,0]],"durations":[[0,1],[1,0]]}"#, .unreachable(source: 0, destination: 1)),
            (#"{"code":"Ok","distances":[[0,-5],[1,0]],"durations":[[0,1],[1,0]]}"#, .outOfRange(source: 0, destination: 1)),
            (#"{"code":"Ok","distances":[[0,1e300],[1,0]],"durations":[[0,1],[1,0]]}"#, .outOfRange(source: 0, destination: 1)),
            (#"{"code":"Ok","distances":[[0,true],[1,0]],"durations":[[0,1],[1,0]]}"#, .malformed("not the table's JSON")),
            (#"{"code":"Ok","distances":[[0,1]],"durations":[[0,1],[1,0]]}"#, .malformed("distances: not 2 rows")),
            (#"{"code":"Ok","distances":[[0,1],[1]],"durations":[[0,1],[1,0]]}"#, .malformed("distances: row 1 is not 2 entries")),
            (#"{"code":"Ok","distances":[[0,1],[1,0]]}"#, .malformed("durations: not 2 rows")),
            ("<html>502 Bad Gateway</html>", .malformed("not the table's JSON")),
        ]
        for (body, problem) in cases {
            #expect(throws: problem, "\(body)") { try OSRMTableResponse.read(Data(body.utf8), sources: 2, destinations: 2) }
        }
        #expect(throws: OSRMTableResponse.Problem.malformed("\(OSRMTableResponse.maximumBytes + 1) bytes")) {
            try OSRMTableResponse.read(Data(count: OSRMTableResponse.maximumBytes + 1), sources: 1, destinations: 1)
        }
    }
}
