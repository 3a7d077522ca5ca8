import Foundation
import HromadaDomain
import HromadaWeb

/// Reads the guide's forms into places and routes. What the domain checks
/// itself (lengths, contacts, the price's range, a route's stops) it names;
/// what only a form can get wrong (a kind that is not one, hours that are
/// not hours, a place off the globe, a stay that is no number) is named here,
/// by field, with its problem code. Nil when the form cannot make a value.
enum PlaceForm {
    static func text(_ form: FormData, _ base: String) -> LocalizedName {
        LocalizedName(
            uk: form[base + "Uk"].trimmingCharacters(in: .whitespacesAndNewlines), en: form[base + "En"].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func read(_ form: FormData, id: PlaceID, city: Municipality, at instant: Date) -> (Place?, [String: String]) {
        var problems: [String: String] = [:]
        let kind = PlaceKind(rawValue: form["kind"])
        if kind == nil { problems["kind"] = "visit_kind" }
        var location: GeoPoint?
        do {
            switch (try FormPlace.degrees(form["latitude"], field: "latitude"), try FormPlace.degrees(form["longitude"], field: "longitude")) {
            case (let latitude?, let longitude?):
                do { location = try GeoPoint(longitude: longitude, latitude: latitude) } catch { problems[error.rawValue] = "visit_location" }
            case (nil, _): problems["latitude"] = "visit_location"
            case (_, nil): problems["longitude"] = "visit_location"
            }
        } catch {
            problems[(error as? AppError)?.field ?? "latitude"] = "visit_location"
        }
        var week: [[OpeningHours.Span]] = []
        for day in GuideEditorPages.days {
            do { week.append(try HoursText.day(form["hours_\(day)"])) } catch { problems["hours_\(day)"] = "visit_hours" }
        }
        var exceptions: [CalendarDate: [OpeningHours.Span]] = [:]
        do {
            exceptions = try HoursText.exceptions(String(form["exceptions"].prefix(20_000)))
        } catch {
            if case .exceptionLine(let line) = error { problems["line"] = String(line) }
            problems["exceptions"] = "visit_exceptions"
        }
        let known = week.contains { !$0.isEmpty }
        let hours = OpeningHours(
            week: known ? week : nil, onHolidays: OpeningHours.OnHolidays(rawValue: form["onHolidays"]) ?? .asUsual, exceptions: exceptions)
        var from: Money?
        do { from = try FormMoney.parse(form["priceFrom"], field: "priceFrom") } catch { problems["priceFrom"] = "visit_price" }
        let access = Set((form.fields["access"] ?? []).compactMap(AccessibilityFeature.init(rawValue:)))
        guard let location else { return (nil, problems) }
        let place = Place(
            id: id, city: city.id, kind: kind ?? .sight, name: text(form, "name"), summary: text(form, "summary"), description: text(form, "description"),
            address: text(form, "address"), location: location, hours: hours, price: PlacePrice(from: from, note: text(form, "priceNote")),
            accessibility: access, accessibilityNote: text(form, "accessibilityNote"),
            contacts: PlaceContacts(
                phone: form["phone"].trimmingCharacters(in: .whitespaces), email: form["email"].trimmingCharacters(in: .whitespaces),
                website: form["website"].trimmingCharacters(in: .whitespaces)),
            published: !form["published"].isEmpty, updatedAt: instant)
        return (place, problems)
    }

    /// A route from its form: the stops are the filled rows in order.
    static func route(_ form: FormData, id: VisitRouteID, city: Municipality, track: [GeoPoint], at instant: Date) -> (VisitRoute?, [String: String]) {
        var problems: [String: String] = [:]
        var stops: [RouteStop] = []
        for index in 0..<VisitRoute.stopsRange.upperBound {
            let place = form["stop_\(index)"]
            guard !place.isEmpty else { continue }
            let stayText = form["stay_\(index)"].trimmingCharacters(in: .whitespaces)
            let stay = stayText.isEmpty ? 0 : FormNumber.whole(stayText)
            guard let stay, RouteStop.minutesRange.contains(stay) else {
                problems["stay_\(index)"] = "visit_route_stay"
                continue
            }
            let note = LocalizedName(
                uk: String(form["noteUk_\(index)"].trimmingCharacters(in: .whitespacesAndNewlines).prefix(Place.noteLength.upperBound)),
                en: String(form["noteEn_\(index)"].trimmingCharacters(in: .whitespacesAndNewlines).prefix(Place.noteLength.upperBound)))
            stops.append(RouteStop(place: PlaceID(rawValue: String(place.prefix(64))), minutes: stay, note: note))
        }
        let route = VisitRoute(
            id: id, city: city.id, title: text(form, "title"), summary: text(form, "summary"), description: text(form, "description"),
            mode: RouteMode(rawValue: form["mode"]) ?? .walk, stops: stops, track: track, published: !form["published"].isEmpty, updatedAt: instant)
        return (route, problems)
    }

    /// A price as the form shows it back: `120` or `120,50`.
    static func hryvnias(_ money: Money) -> String {
        let whole = money.kopiyky / 100, rest = money.kopiyky % 100
        return rest == 0 ? String(whole) : "\(whole),\(rest < 10 ? "0" : "")\(rest)"
    }
}
