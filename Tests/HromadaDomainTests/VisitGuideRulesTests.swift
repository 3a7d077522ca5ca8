import Foundation
import HromadaDomain
import Testing
@testable import Visit

/// The visitor guide's rules: a place's hours (spans past midnight, public
/// holidays, dates that differ, hours nobody knows), the hours as staff type
/// them, the filter, and a route's length and time.
@Suite struct VisitGuideRulesTests {
    /// An instant in Kyiv time.
    func kyiv(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? .gmt
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) ?? Date(timeIntervalSince1970: 0)
    }

    func span(_ opens: Int, _ closes: Int) -> OpeningHours.Span {
        OpeningHours.Span(opens: opens, closes: closes) ?? .wholeDay
    }

    /// Tuesday to Sunday 10:00–18:00, closed on Mondays.
    var museum: OpeningHours { OpeningHours(week: [[]] + Array(repeating: [span(600, 1080)], count: 6), onHolidays: .closed) }

    @Test func aPlaceIsOpenWithinItsSpanAndClosedOutsideIt() {
        // 2026-12-08 is a Tuesday, 2026-12-07 a Monday.
        #expect(museum.state(at: kyiv(2026, 12, 8, 10), holidays: []) == .open)
        #expect(museum.state(at: kyiv(2026, 12, 8, 17, 59), holidays: []) == .open)
        #expect(museum.state(at: kyiv(2026, 12, 8, 18), holidays: []) == .closed)
        #expect(museum.state(at: kyiv(2026, 12, 8, 9, 59), holidays: []) == .closed)
        #expect(museum.state(at: kyiv(2026, 12, 7, 12), holidays: []) == .closed)
    }

    @Test func aSpanPastMidnightKeepsThePlaceOpenIntoTheNextDay() {
        // A bar open Fridays 18:00–02:00 only.
        let bar = OpeningHours(week: [[], [], [], [], [span(1080, 120)], [], []])
        #expect(bar.state(at: kyiv(2026, 12, 11, 23), holidays: []) == .open)
        #expect(bar.state(at: kyiv(2026, 12, 12, 1, 30), holidays: []) == .open)
        #expect(bar.state(at: kyiv(2026, 12, 12, 2), holidays: []) == .closed)
        #expect(bar.state(at: kyiv(2026, 12, 11, 17), holidays: []) == .closed)
    }

    @Test func onAPublicHolidayThePlaceFollowsItsOwnRule() {
        let christmas = CalendarDate(year: 2026, month: 12, day: 25)  // a Friday
        let noon = kyiv(2026, 12, 25, 12)
        #expect(museum.state(at: noon, holidays: [christmas]) == .closed)
        #expect(museum.state(at: noon, holidays: []) == .open)
        let shop = OpeningHours(week: Array(repeating: [span(480, 1200)], count: 6) + [[span(600, 840)]], onHolidays: .asSunday)
        #expect(shop.state(at: kyiv(2026, 12, 25, 15), holidays: [christmas]) == .closed)
        #expect(shop.state(at: kyiv(2026, 12, 25, 13), holidays: [christmas]) == .open)
        let usual = OpeningHours(week: Array(repeating: [span(480, 1200)], count: 7), onHolidays: .asUsual)
        #expect(usual.state(at: kyiv(2026, 12, 25, 15), holidays: [christmas]) == .open)
    }

    @Test func aDateThatDiffersOverridesTheWeekAndTheHolidays() {
        let newYearsEve = CalendarDate(year: 2026, month: 12, day: 31), closedDay = CalendarDate(year: 2026, month: 12, day: 8)
        let hours = OpeningHours(week: museum.week, onHolidays: .closed, exceptions: [newYearsEve: [span(600, 900)], closedDay: []])
        #expect(hours.state(at: kyiv(2026, 12, 31, 14), holidays: [newYearsEve]) == .open)
        #expect(hours.state(at: kyiv(2026, 12, 31, 16), holidays: [newYearsEve]) == .closed)
        #expect(hours.state(at: kyiv(2026, 12, 8, 12), holidays: []) == .closed)
    }

    @Test func hoursNobodyKnowsAreNeitherOpenNorClosed() {
        #expect(OpeningHours.unknown.state(at: kyiv(2026, 12, 8, 12), holidays: []) == .unknown)
        #expect(OpeningHours.always.state(at: kyiv(2026, 12, 8, 3), holidays: []) == .open)
    }

    @Test func hoursAreTypedAsSpansWithCommasAndAnythingElseIsRefused() throws {
        #expect(try HoursText.day("09:00-18:00") == [span(540, 1080)])
        #expect(try HoursText.day(" 15:00 – 19:00, 10:00-14:00 ") == [span(600, 840), span(900, 1140)])
        #expect(try HoursText.day("00:00-24:00") == [.wholeDay])
        #expect(try HoursText.day("") == [] && HoursText.day("-") == [])
        for bad in ["9-18", "25:00-26:00", "10:00-10:00", "10:00", "відчинено", "10:00-18:00,", "+9:00-18:00", "24:00-02:00",
                    Array(repeating: "10:00-11:00", count: 7).joined(separator: ",")] {
            #expect(throws: HoursText.Problem.day, "\(bad)") { try HoursText.day(bad) }
        }
        #expect(HoursText.text([span(540, 1080), span(1140, 1320)]) == "09:00-18:00, 19:00-22:00")
    }

    @Test func aDateThatDiffersIsTypedOneALineAndABadLineIsNamed() throws {
        let typed = try HoursText.exceptions("2026-12-31 10:00-15:00\n\n2027-01-01 closed\n")
        #expect(typed == [CalendarDate(year: 2026, month: 12, day: 31): [span(600, 900)], CalendarDate(year: 2027, month: 1, day: 1): []])
        #expect(HoursText.text(typed) == "2026-12-31 10:00-15:00\n2027-01-01 closed")
        #expect(throws: HoursText.Problem.exceptionLine(2)) { try HoursText.exceptions("2027-01-01 closed\n2027-02-30 closed") }
        #expect(throws: HoursText.Problem.exceptionLine(2)) { try HoursText.exceptions("2027-01-01 closed\n2027-01-01 10:00-12:00") }
        #expect(throws: HoursText.Problem.exceptionLine(1)) { try HoursText.exceptions("2027-01-07 -") }
    }

    @Test func storedHoursReadBackAsWrittenAndABrokenWeekCannotTrap() throws {
        let hours = OpeningHours(week: museum.week, onHolidays: .asSunday, exceptions: [CalendarDate(year: 2027, month: 1, day: 1): []])
        let data = try JSONEncoder().encode(hours)
        #expect(try JSONDecoder().decode(OpeningHours.self, from: data) == hours)
        // A week of three days (written by hand into the database) reads as seven, the missing ones closed.
        let short = #"{"week":[[{"opens":600,"closes":1080}],[],[]],"onHolidays":"as_usual","exceptions":{}}"#
        let read = try JSONDecoder().decode(OpeningHours.self, from: Data(short.utf8))
        #expect(read.week?.count == 7 && read.state(at: kyiv(2026, 12, 13, 12), holidays: []) == .closed)
        let outOfRange = #"{"week":[[{"opens":600,"closes":5000}]],"onHolidays":"as_usual","exceptions":{}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OpeningHours.self, from: Data(outOfRange.utf8)) }
    }

    func place(_ id: String, kind: PlaceKind = .museum, access: Set<AccessibilityFeature> = [], price: Money? = nil, published: Bool = true) throws -> Place {
        Place(
            id: PlaceID(rawValue: id), city: MunicipalityID(rawValue: "c"), kind: kind, name: .init(uk: "Місце \(id)", en: "Place \(id)"),
            summary: .init(uk: "", en: ""), description: .init(uk: "", en: ""), address: .init(uk: "", en: ""),
            location: try GeoPoint(longitude: 28.4682, latitude: 49.2331), hours: museum, price: PlacePrice(from: price), accessibility: access,
            published: published, updatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func theFilterAsksEveryAccessibilityFactAndTheKindAndWhetherItIsOpenOrFree() throws {
        let ramp = try place("a", access: [.stepFree, .accessibleToilet], price: .zero), stairs = try place("b", access: [.audioGuide], price: Money(hryvnias: 50))
        let tuesday = kyiv(2026, 12, 8, 12), monday = kyiv(2026, 12, 7, 12)
        #expect(PlaceFilter(accessibility: [.stepFree]).admits(ramp, at: tuesday, holidays: []))
        #expect(!PlaceFilter(accessibility: [.stepFree, .audioGuide]).admits(ramp, at: tuesday, holidays: []))
        #expect(!PlaceFilter(kind: .park).admits(ramp, at: tuesday, holidays: []))
        #expect(PlaceFilter(openNow: true).admits(stairs, at: tuesday, holidays: []) && !PlaceFilter(openNow: true).admits(stairs, at: monday, holidays: []))
        #expect(PlaceFilter(free: true).admits(ramp, at: tuesday, holidays: []) && !PlaceFilter(free: true).admits(stairs, at: tuesday, holidays: []))
        #expect(!PlaceFilter().admits(try place("c", published: false), at: tuesday, holidays: []))
    }

    @Test func aPlaceNamesEveryFieldThatCannotBeSaved() throws {
        var bad = try place("x", price: Money(hryvnias: 2_000_000))
        bad.name = .init(uk: "Ж", en: "")
        bad.contacts = PlaceContacts(phone: "дзвоніть", email: "not-an-address", website: "javascript:alert(1)")
        #expect(Set(bad.problems) == ["nameUk", "nameEn", "priceFrom", "phone", "email", "website"])
        var good = try place("y")
        good.contacts = PlaceContacts(phone: "+380 432 55-00-00", email: "info@example.com", website: "https://vinnytsia.example")
        #expect(good.problems.isEmpty)
    }

    func route(_ stops: [String], track: [GeoPoint] = [], mode: RouteMode = .walk, minutes: Int = 0) -> VisitRoute {
        VisitRoute(
            id: VisitRouteID(rawValue: "r"), city: MunicipalityID(rawValue: "c"), title: .init(uk: "Маршрут", en: "Route"), summary: .init(uk: "", en: ""),
            description: .init(uk: "", en: ""), mode: mode, stops: stops.map { RouteStop(place: PlaceID(rawValue: $0), minutes: minutes) }, track: track,
            updatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func aRouteIsMeasuredAlongItsTrackOrElseFromStopToStop() throws {
        // Two points one hundredth of a degree of latitude apart: about 1 112 m.
        let a = try GeoPoint(longitude: 28.46, latitude: 49.23), b = try GeoPoint(longitude: 28.46, latitude: 49.24)
        let detour = try GeoPoint(longitude: 28.47, latitude: 49.235)
        let points = [PlaceID(rawValue: "a"): a, PlaceID(rawValue: "b"): b]
        let straight = route(["a", "b"])
        #expect(abs(straight.metres(through: points) - 1_112) < 2 && !straight.followsTrack)
        let winding = route(["a", "b"], track: [a, detour, b])
        #expect(winding.metres(through: points) > straight.metres(through: points) && winding.followsTrack)
        #expect(winding.line(through: points) == [a, detour, b] && straight.line(through: points) == [a, b])
    }

    @Test func aRoutesTimeIsTheWayAtTheModesPacePlusTheStaysRoundedUpToFive() throws {
        let a = try GeoPoint(longitude: 28.46, latitude: 49.23), b = try GeoPoint(longitude: 28.46, latitude: 49.26)
        let points = [PlaceID(rawValue: "a"): a, PlaceID(rawValue: "b"): b]
        // 3.34 km on foot at 4 km/h: 50 minutes and a bit, so 55; by bike 14.3 minutes, so 15; stays of 30 each add 60.
        #expect(route(["a", "b"]).minutes(through: points) == 55)
        #expect(route(["a", "b"], mode: .cycle).minutes(through: points) == 15)
        #expect(route(["a", "b"], mode: .cycle, minutes: 30).minutes(through: points) == 75)
    }

    @Test func aRouteHasTwoToFortyStopsEachPlaceOnce() {
        #expect(route(["a"]).problems == ["stops"])
        #expect(route(["a", "a"]).problems == ["stops"])
        #expect(route((0..<41).map(String.init)).problems == ["stops"])
        #expect(route(["a", "b"]).problems.isEmpty)
        #expect(route(["a", "b"], minutes: 601).problems == ["stops"])
    }
}
