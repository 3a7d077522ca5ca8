import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Reads the guide for its pages: what a visitor may see (published places
/// and routes; staff with `visit.edit` see drafts too), in the order the
/// reader's language sorts them.
struct GuideService {
    let services: AppServices

    /// The places a filter admits and the published routes, each sorted by
    /// name in the reader's language, and the points of every place a route stops at.
    func guide(_ city: Municipality, filter: PlaceFilter, language: Language) async throws -> (places: [Place], routes: [VisitRoute], points: [PlaceID: GeoPoint]) {
        let cityID = city.id, now = services.clock.now(), holidays = (city.settings.workingCalendar ?? .martialLaw).holidays
        let (all, routes) = try await services.store.read { tx in
            (try await tx.visitGuide.places(in: cityID), try await tx.visitGuide.routes(in: cityID))
        }
        let places = all.filter { filter.admits($0, at: now, holidays: holidays) }
            .sorted { Self.precedes($0.name.localized(language), $1.name.localized(language), language) }
        let points = Dictionary(all.map { ($0.id, $0.location) }, uniquingKeysWith: { first, _ in first })
        return (places, routes.sorted { Self.precedes($0.title.localized(language), $1.title.localized(language), language) }, points)
    }

    /// Whether one name comes before another in a list: in the language's
    /// alphabet (Ukrainian і, ї, є and ґ where they belong, not after я), with
    /// no regard to capitals or the quotes that would put «Поділля» before Арт.
    static func precedes(_ first: String, _ second: String, _ language: Language) -> Bool {
        func key(_ name: String) -> String { name.filter { !"«»\"'“”„".contains($0) } }
        let locale = Locale(identifier: language == .uk ? "uk_UA" : "en_GB")
        return key(first).compare(key(second), options: [.caseInsensitive], range: nil, locale: locale) == .orderedAscending
    }

    /// The hospitality standard's certificates in force in the city, by place: the guide's badge.
    func certified(_ city: Municipality) async throws -> [PlaceID: Certificate] {
        let cityID = city.id, now = services.clock.now()
        let certificates = try await services.store.read { try await $0.certification.certificates(in: cityID) }
        return Dictionary(certificates.filter { $0.status(at: now) == .valid }.map { ($0.place, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A place the reader may see (404 otherwise), its photos, the routes that stop there and those routes' points.
    func place(_ id: PlaceID, in city: Municipality, drafts: Bool) async throws -> (Place, [Photo], [VisitRoute], [PlaceID: GeoPoint]) {
        let cityID = city.id
        let place = try await visiblePlace(id, in: city, drafts: drafts)
        let (photos, routes) = try await services.store.read { tx in
            (try await tx.photos.photos(of: .visitPlace(id), in: cityID), try await tx.visitGuide.routes(in: cityID))
        }
        let passing = routes.filter { $0.stops.contains { $0.place == id } }
        let stopIDs = Array(Set(passing.flatMap { $0.stops.map(\.place) }))
        let stops = try await services.store.read { try await $0.visitGuide.places(stopIDs, in: cityID) }
        return (place, photos, passing, stops.mapValues(\.location))
    }

    func visiblePlace(_ id: PlaceID, in city: Municipality, drafts: Bool) async throws -> Place {
        let cityID = city.id
        guard let place = try await services.store.read({ try await $0.visitGuide.place(id, in: cityID) }), place.published || drafts else {
            throw AppError.notFound
        }
        return place
    }

    /// A route the reader may see and its stops' places (a draft place is left out of a published route's page).
    func route(_ id: VisitRouteID, in city: Municipality, drafts: Bool) async throws -> (VisitRoute, [PlaceID: Place]) {
        let cityID = city.id
        guard let route = try await services.store.read({ try await $0.visitGuide.route(id, in: cityID) }), route.published || drafts else {
            throw AppError.notFound
        }
        let places = try await services.store.read { try await $0.visitGuide.places(route.stops.map(\.place), in: cityID) }
        return (route, places.filter { drafts || $0.value.published })
    }

    /// The city's events of the next month from every module it runs (trainings, budget phases, auctions), for visitors.
    func comingEvents(_ city: Municipality, language: Language, limit: Int = 8) async throws -> [CalendarEvent] {
        let now = services.clock.now()
        let events = try await services.cityCalendar(city, from: now, language: language, except: .visit)
        return Array(events.filter { $0.start >= now && $0.start <= now.addingTimeInterval(31 * 86_400) }.prefix(limit))
    }
}

extension UploadOwner {
    static func visitPlace(_ id: PlaceID) -> UploadOwner { UploadOwner(kind: .visitPlace, id: id.rawValue) }
}

extension UploadOwner.Kind {
    static let visitPlace = Self(rawValue: "visit_place")
}
