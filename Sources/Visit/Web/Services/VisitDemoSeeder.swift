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
            if let campaign = Self.campaign(for: city) {
                try await services.store.write { _ = try await $0.visitGuide.save(campaign, at: self.services.clock.now()) }
            }
        }
    }

    /// Each guide city's campaign of its marketing or tourism strategy (the strategy module's demo documents), with reach reports.
    static func campaign(for city: Municipality) -> MarketingCampaign? {
        func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day) }
        switch city.slug.rawValue {
        case "vinnytsia":
            return MarketingCampaign(
                id: CampaignID(rawValue: "vinnytsia-city-of-ideas"), city: city.id,
                title: .init(uk: "«Вінниця — місто ідей»", en: "«Vinnytsia — a city of ideas»"),
                goal: .init(
                    uk: "Розповісти гостям і мешканцям про новий бренд міста, привести на вихідні туристів з Києва та Львова і показати путівник із маршрутами.",
                    en: "Tell visitors and residents about the city's new brand, bring weekend visitors from Kyiv and Lviv, and show them the guide and its routes."),
                channels: [.social, .outdoor, .events, .partners], startsOn: day(2026, 3, 1), endsOn: day(2026, 12, 31), strategy: "vinnytsia-marketing-2026",
                reach: [
                    CampaignReach(channel: .social, reportedOn: day(2026, 4, 30), reached: 184_000, engaged: 9_300, note: "Відео про фонтан «Рошен»"),
                    CampaignReach(channel: .outdoor, reportedOn: day(2026, 5, 31), reached: 60_000, note: "Білборди на вокзалах Києва і Львова"),
                    CampaignReach(channel: .events, reportedOn: day(2026, 8, 24), reached: 35_000, engaged: 4_100, note: "Фестиваль на Європейській площі"),
                    CampaignReach(channel: .social, reportedOn: day(2026, 9, 30), reached: 121_500, engaged: 6_050),
                    CampaignReach(channel: .partners, reportedOn: day(2026, 10, 15), reached: 22_000, engaged: 1_200, note: "Укрзалізниця: квитки з маршрутами"),
                ])
        case "khmilnyk":
            return MarketingCampaign(
                id: CampaignID(rawValue: "khmilnyk-radon-capital"), city: city.id,
                title: .init(uk: "Хмільник — радонова столиця Поділля", en: "Khmilnyk, Podillia's radon capital"),
                goal: .init(
                    uk: "Привернути гостей на лікування й відпочинок поза сезоном, зокрема ветеранів на реабілітацію.",
                    en: "Bring visitors for treatment and rest out of season, veterans in rehabilitation among them."),
                channels: [.web, .press, .partners], startsOn: day(2026, 9, 1), endsOn: day(2027, 5, 31), strategy: "khmilnyk-tourism-2027",
                reach: [CampaignReach(channel: .press, reportedOn: day(2026, 10, 31), reached: 48_000, note: "Статті в обласних виданнях")])
        default:
            return nil
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
