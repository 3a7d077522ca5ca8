import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The demo's visitor guides: Вінниця's (its old town within the Мури, the
/// museums, the parks on the Southern Bug, the Roshen fountain, Pirogov's
/// estate, somewhere to stay and eat) and Хмільник's (the radon spa resort,
/// the Ледуховський castle, the riverside), each with three routes. The
/// sights are real; hours, prices and the hotels and cafés are the demo's
/// own. Seeded once: a city with places keeps them.
struct VisitDemoSeeder {
    let services: AppServices

    /// Hours as the demo uses them.
    enum Hours {
        case always, museum, church, cafe, restaurant, spa, zoo, unknown

        var value: OpeningHours {
            func span(_ opens: Int, _ closes: Int) -> [OpeningHours.Span] { OpeningHours.Span(opens: opens * 60, closes: closes * 60).map { [$0] } ?? [] }
            switch self {
            case .always: return .always
            // Tuesday to Sunday, closed on Mondays; Sunday hours on public holidays.
            case .museum: return OpeningHours(week: [[]] + Array(repeating: span(10, 18), count: 6), onHolidays: .asSunday)
            case .church: return OpeningHours(week: Array(repeating: span(7, 19), count: 7))
            case .cafe: return OpeningHours(week: Array(repeating: span(8, 21), count: 5) + Array(repeating: span(9, 22), count: 2))
            case .restaurant: return OpeningHours(week: Array(repeating: span(11, 23), count: 7))
            case .spa: return OpeningHours(week: Array(repeating: span(8, 20), count: 7))
            case .zoo: return OpeningHours(week: Array(repeating: span(9, 19), count: 7), onHolidays: .asUsual)
            case .unknown: return .unknown
            }
        }
    }

    struct Seed {
        let id: String
        let kind: PlaceKind
        let uk: String
        let en: String
        let summaryUK: String
        let summaryEN: String
        let addressUK: String
        let addressEN: String
        let latitude: Double
        let longitude: Double
        let hours: Hours
        /// Hryvnias; nil when the guide does not say.
        let price: Int64?
        let access: Set<AccessibilityFeature>
        let phone: String
        let website: String

        init(
            _ id: String, _ kind: PlaceKind, _ uk: String, _ en: String, _ summaryUK: String, _ summaryEN: String, at addressUK: String, _ addressEN: String,
            _ latitude: Double, _ longitude: Double, hours: Hours, price: Int64? = nil, access: Set<AccessibilityFeature> = [], phone: String = "",
            website: String = ""
        ) {
            self.id = id
            self.kind = kind
            self.uk = uk
            self.en = en
            self.summaryUK = summaryUK
            self.summaryEN = summaryEN
            self.addressUK = addressUK
            self.addressEN = addressEN
            self.latitude = latitude
            self.longitude = longitude
            self.hours = hours
            self.price = price
            self.access = access
            self.phone = phone
            self.website = website
        }
    }

    struct RouteSeed {
        let id: String
        let uk: String
        let en: String
        let summaryUK: String
        let summaryEN: String
        let mode: RouteMode
        /// Place ids with the minutes spent at each.
        let stops: [(String, Int)]
    }

    func seed(_ demo: DemoWorld) async throws {
        for city in demo.cities {
            let (places, routes): ([Seed], [RouteSeed])
            switch city.slug.rawValue {
            case "vinnytsia": (places, routes) = (Self.vinnytsia, Self.vinnytsiaRoutes)
            case "khmilnyk": (places, routes) = (Self.khmilnyk, Self.khmilnykRoutes)
            default: continue
            }
            let cityID = city.id
            let existing = try await services.store.read { try await $0.visitGuide.places(in: cityID, drafts: true, limit: 1) }
            guard existing.isEmpty else { continue }
            try await seed(city, places: places, routes: routes)
        }
    }

    private func seed(_ city: Municipality, places: [Seed], routes: [RouteSeed]) async throws {
        let now = services.clock.now()
        let stored = places.compactMap { seed -> Place? in
            guard let point = try? GeoPoint(longitude: seed.longitude, latitude: seed.latitude) else { return nil }
            let access: Set<AccessibilityFeature> = seed.access
            return Place(
                id: PlaceID(rawValue: seed.id), city: city.id, kind: seed.kind, name: .init(uk: seed.uk, en: seed.en),
                summary: .init(uk: seed.summaryUK, en: seed.summaryEN), description: .init(uk: "", en: ""),
                address: .init(uk: seed.addressUK, en: seed.addressEN), location: point, hours: seed.hours.value,
                price: PlacePrice(
                    from: seed.price.map { Money(hryvnias: $0) },
                    note: seed.price.map { $0 > 0 && seed.kind == .museum ? .init(uk: "Діти до 7 років, ветерани та люди з інвалідністю — безкоштовно.", en: "Free for children under 7, veterans and people with disabilities.") : .init(uk: "", en: "") } ?? .init(uk: "", en: "")),
                accessibility: access, contacts: PlaceContacts(phone: seed.phone, website: seed.website), published: true, updatedAt: now)
        }
        let built = routes.map { seed in
            VisitRoute(
                id: VisitRouteID(rawValue: seed.id), city: city.id, title: .init(uk: seed.uk, en: seed.en),
                summary: .init(uk: seed.summaryUK, en: seed.summaryEN), description: .init(uk: "", en: ""), mode: seed.mode,
                stops: seed.stops.map { RouteStop(place: PlaceID(rawValue: $0.0), minutes: $0.1) }, published: true, updatedAt: now)
        }
        try await services.store.write { tx in
            for place in stored { try await tx.visitGuide.save(place, at: now) }
            for route in built { try await tx.visitGuide.save(route, at: now) }
        }
    }
}
