import Foundation
import HromadaDomain

/// How a themed route is travelled, and the pace its time is reckoned at.
public enum RouteMode: String, CaseIterable, Codable, Sendable {
    case walk, cycle, drive

    /// Kilometres an hour, as a visitor goes between stops (a stroll with a
    /// map, an easy ride, town and country roads).
    public var speedKmh: Double {
        switch self {
        case .walk: 4
        case .cycle: 14
        case .drive: 45
        }
    }
}

/// A route's stop: a place of the guide, with how long visitors stay and a word on why.
public struct RouteStop: Sendable, Equatable, Codable {
    public let place: PlaceID
    public var minutes: Int
    public var note: LocalizedName

    public static let minutesRange = 0...600

    public init(place: PlaceID, minutes: Int, note: LocalizedName = .init(uk: "", en: "")) {
        self.place = place
        self.minutes = minutes
        self.note = note
    }
}

/// A themed route of a city's guide: a walk or a drive through places in
/// order. Its line is the track staff drew or imported, or, without one,
/// straight lines from stop to stop; its length and time are worked out from
/// that line, the mode's pace and the stops' stays.
public struct VisitRoute: Sendable, Equatable, Codable {
    public let id: VisitRouteID
    public let city: MunicipalityID
    public var title: LocalizedName
    public var summary: LocalizedName
    public var description: LocalizedName
    public var mode: RouteMode
    public var stops: [RouteStop]
    /// The way between the stops as travelled; empty: straight lines.
    public var track: [GeoPoint]
    public var published: Bool
    public var updatedAt: Date

    public static let titleLength = 3...160
    public static let summaryLength = 0...300
    public static let descriptionLength = 0...10_000
    public static let stopsRange = 2...40
    /// A track of a day's drive at a point every few metres; more is a file for something else.
    public static let trackLimit = 20_000

    public init(
        id: VisitRouteID, city: MunicipalityID, title: LocalizedName, summary: LocalizedName, description: LocalizedName, mode: RouteMode,
        stops: [RouteStop], track: [GeoPoint] = [], published: Bool = true, updatedAt: Date
    ) {
        self.id = id
        self.city = city
        self.title = title
        self.summary = summary
        self.description = description
        self.mode = mode
        self.stops = stops
        self.track = track
        self.published = published
        self.updatedAt = updatedAt
    }

    /// The fields that cannot be saved, by the form's names.
    public var problems: [String] {
        var fields = Place.outside(Self.titleLength, title, field: "title") + Place.outside(Self.summaryLength, summary, field: "summary")
            + Place.outside(Self.descriptionLength, description, field: "description")
        let places = stops.map(\.place)
        if !Self.stopsRange.contains(stops.count) || Set(places).count != places.count
            || stops.contains(where: { !RouteStop.minutesRange.contains($0.minutes) }) {
            fields.append("stops")
        }
        if track.count == 1 || track.count > Self.trackLimit { fields.append("track") }
        return fields
    }

    /// The line drawn on the map and written to GPX: the track, or the stops' points in order.
    public func line(through points: [PlaceID: GeoPoint]) -> [GeoPoint] {
        track.isEmpty ? stops.compactMap { points[$0.place] } : track
    }

    /// Metres along the line.
    public func metres(through points: [PlaceID: GeoPoint]) -> Double {
        let line = line(through: points)
        return zip(line, line.dropFirst()).reduce(0) { $0 + $1.0.metres(to: $1.1) }
    }

    /// Minutes on the way at the mode's pace, plus the stays at the stops, rounded up to five.
    public func minutes(through points: [PlaceID: GeoPoint]) -> Int {
        let moving = metres(through: points) / 1000 / mode.speedKmh * 60
        let total = moving + Double(stops.reduce(0) { $0 + max(0, min($1.minutes, RouteStop.minutesRange.upperBound)) })
        guard total.isFinite, total < 1_000_000 else { return 0 }
        return Int((total / 5).rounded(.up)) * 5
    }

    /// Whether the route is drawn as travelled or as the crow flies, for the page to say so.
    public var followsTrack: Bool { !track.isEmpty }
}
