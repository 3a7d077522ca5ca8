import Foundation
import HromadaDomain
import Testing
@testable import Visit

/// A route's track read from GPX: points in order, a route's points when
/// there is no track, every kind of bad file refused by name, and the line
/// thinned to what a page needs with its ends kept.
@Suite struct VisitGPXTrackTests {
    func gpx(_ body: String) -> [UInt8] {
        Array(#"<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">\#(body)</gpx>"#.utf8)
    }

    @Test func aTracksPointsAreReadInOrderAcrossItsSegments() throws {
        let file = gpx("""
            <metadata><name>Прогулянка &amp; кава</name></metadata><wpt lat="1" lon="1"><name>x</name></wpt>
            <trk><name>t</name><trkseg><trkpt lat="49.2300" lon="28.4600"><ele>250</ele><time>2026-12-01T10:00:00Z</time></trkpt>
            <trkpt lat="49.2310" lon="28.4610"/></trkseg><trkseg><trkpt lat="-49.5" lon="+28.5"/></trkseg></trk>
            """)
        let points = try GPXTrack.points(file)
        #expect(points.map(\.latitude) == [49.23, 49.231, -49.5] && points.map(\.longitude) == [28.46, 28.461, 28.5])
    }

    @Test func withoutATrackTheRoutesPointsAreTaken() throws {
        let points = try GPXTrack.points(gpx(#"<rte><rtept lat="49.1" lon="28.1"/><rtept lat="49.2" lon="28.2"/></rte>"#))
        #expect(points.count == 2)
    }

    @Test func aFileThatIsNotAGoodGPXIsRefusedByName() {
        #expect(throws: GPXTrack.Problem.notXML) {
            try GPXTrack.points(Array(#"<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaa">]><gpx><trk><trkseg><trkpt lat="&a;" lon="1"/></trkseg></trk></gpx>"#.utf8))
        }
        #expect(throws: GPXTrack.Problem.notXML) { try GPXTrack.points(Array("<gpx><trk>".utf8)) }
        #expect(throws: GPXTrack.Problem.notGPX) { try GPXTrack.points(Array(#"<svg xmlns="http://www.w3.org/2000/svg"/>"#.utf8)) }
        #expect(throws: GPXTrack.Problem.noPoints) { try GPXTrack.points(gpx("<wpt lat=\"1\" lon=\"1\"/>")) }
        #expect(throws: GPXTrack.Problem.badPoint(2)) {
            try GPXTrack.points(gpx(#"<trk><trkseg><trkpt lat="49" lon="28"/><trkpt lat="91" lon="28"/></trkseg></trk>"#))
        }
        #expect(throws: GPXTrack.Problem.badPoint(1)) { try GPXTrack.points(gpx(#"<trk><trkseg><trkpt lat="nan" lon="28"/></trkseg></trk>"#)) }
        #expect(throws: GPXTrack.Problem.badPoint(1)) { try GPXTrack.points(gpx(#"<trk><trkseg><trkpt lon="28"/></trkseg></trk>"#)) }
        #expect(throws: GPXTrack.Problem.tooLarge) { try GPXTrack.points([UInt8](repeating: 0x20, count: GPXTrack.maximumBytes + 1)) }
    }

    @Test func aTrackIsThinnedToWhatItsShapeNeedsKeepingItsEnds() throws {
        // A straight line of 1 000 points is its two ends; a corner stays.
        let line = try (0..<1_000).map { try GeoPoint(longitude: 28.46 + Double($0) * 0.00001, latitude: 49.23) }
        #expect(GPXTrack.thinned(line) == [line[0], line[999]])
        let corner = try GeoPoint(longitude: 28.47, latitude: 49.24)
        let bent = line + [corner]
        #expect(GPXTrack.thinned(bent) == [line[0], line[999], corner])
        // A zigzag of 5 000 points is cut to the limit, its ends kept.
        let zigzag = try (0..<5_000).map { try GeoPoint(longitude: 28.46 + Double($0) * 0.0001, latitude: 49.23 + ($0 % 2 == 0 ? 0 : 0.001)) }
        let thinned = GPXTrack.thinned(zigzag, limit: 100)
        #expect(thinned.count <= 100 && thinned.first == zigzag.first && thinned.last == zigzag.last)
    }
}
