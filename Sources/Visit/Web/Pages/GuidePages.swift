import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The visitor guide's public pages, in Ukrainian and in English alike:
/// `/{city}/visit` (places with the filters, their map, the routes, the
/// city's coming events), a place's page, a route's page with its line on the
/// map, and the route as GPX (`/{city}/visit/routes/{id}.gpx`) for a phone's
/// map app. Pages are small and work without JavaScript; the map is drawn
/// where the browser runs it.
struct GuidePages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var guide: GuideService { GuideService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/visit", use: home)
        router.get(":city/visit/places.geojson", use: placePoints)
        router.get(":city/visit/places/:place", use: place)
        router.get(":city/visit/places/:place/photos/:photo", use: photo)
        router.get(":city/visit/routes/:route", use: route)
    }

    static func url(_ city: Municipality) -> String { "/\(city.slug.rawValue)/visit" }
    static func url(_ city: Municipality, _ place: PlaceID) -> String { "\(url(city))/places/\(place.rawValue)" }
    static func url(_ city: Municipality, _ route: VisitRouteID) -> String { "\(url(city))/routes/\(route.rawValue)" }

    // MARK: The guide

    struct Choice {
        let value: String
        let label: String
        let checked: Bool
    }

    struct PlaceCard {
        let name: String
        let url: String
        let kind: String
        let summary: String
        let state: String
        let isOpen: Bool
        let access: String
        let price: String?
        /// The hospitality standard's level in force, linking its verification page.
        let badge: Badge?
    }

    struct Badge {
        let label: String
        let url: String
        let distinction: Bool
    }

    func badge(_ certificate: Certificate?, city: Municipality, _ context: AppRequestContext) -> Badge? {
        certificate.map {
            Badge(
                label: html.t("visit.badge.\($0.level.rawValue)", context), url: CertificationPages.url(city, $0.id),
                distinction: $0.level == .certifiedWithDistinction)
        }
    }

    struct RouteCard {
        let title: String
        let url: String
        let facts: String
        let summary: String
    }

    struct EventCard {
        let title: String
        let url: String
        let when: String
    }

    struct Home {
        let lead: String
        let kinds: [SelectOption]
        let access: [Choice]
        let openNow: Bool
        let free: Bool
        let filtered: Bool
        /// The city's guide has no published place yet: no filter to offer.
        let preparing: Bool
        let resetURL: String
        let places: [PlaceCard]
        let count: String
        let empty: Bool
        let map: MapView?
        let routes: [RouteCard]
        let hasRoutes: Bool
        let events: [EventCard]
        let hasEvents: Bool
        let calendarURL: String
        let campaignsURL: String
        let staffURL: String?
    }

    /// The filter a query string asks for; anything unknown in it is ignored, not refused (a link may be old).
    static func filter(_ request: Request) -> PlaceFilter {
        let query = request.uri.queryParameters
        let access = query.getAll("access").prefix(AccessibilityFeature.allCases.count).compactMap { AccessibilityFeature(rawValue: String($0)) }
        return PlaceFilter(
            kind: query.get("kind").flatMap(PlaceKind.init(rawValue:)), accessibility: Set(access), openNow: query.get("open") == "1",
            free: query.get("free") == "1")
    }

    static func query(_ filter: PlaceFilter) -> String {
        var parts: [String] = []
        if let kind = filter.kind { parts.append("kind=\(kind.rawValue)") }
        parts += AccessibilityFeature.allCases.filter(filter.accessibility.contains).map { "access=\($0.rawValue)" }
        if filter.openNow { parts.append("open=1") }
        if filter.free { parts.append("free=1") }
        return parts.joined(separator: "&")
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let language = context.language, filter = Self.filter(request), now = services.clock.now()
        let (places, routes, points) = try await guide.guide(city, filter: filter, language: language)
        let events = try await guide.comingEvents(city, language: language)
        let certified = try await guide.certified(city)
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { html.t(key, context, arguments) }
        let cards = places.map { card($0, city: city, now: now, certificate: certified[$0.id], context) }
        let query = Self.query(filter)
        let page = Home(
            lead: t("visit.lead", ["city": city.name.localized(language)]),
            kinds: [SelectOption(value: "", label: t("visit.filter.any_kind"), selected: filter.kind == nil)]
                + PlaceKind.allCases.map { SelectOption(value: $0.rawValue, label: t("visit.kind.\($0.rawValue)"), selected: $0 == filter.kind) },
            access: AccessibilityFeature.allCases.map { Choice(value: $0.rawValue, label: t("visit.access.\($0.rawValue)"), checked: filter.accessibility.contains($0)) },
            openNow: filter.openNow, free: filter.free, filtered: filter != PlaceFilter(), preparing: points.isEmpty, resetURL: Self.url(city),
            places: cards, count: t("visit.count", ["n": String(cards.count)]), empty: cards.isEmpty,
            map: places.isEmpty ? nil : MapView(
                services: services, label: t("visit.map_label"),
                centre: (places.map(\.location.longitude).reduce(0, +) / Double(places.count), places.map(\.location.latitude).reduce(0, +) / Double(places.count)),
                source: "\(Self.url(city))/places.geojson" + (query.isEmpty ? "" : "?\(query)")),
            routes: routes.map { route in
                RouteCard(
                    title: route.title.localized(language), url: Self.url(city, route.id), facts: routeFacts(route, points: points, context),
                    summary: route.summary.localized(language))
            },
            hasRoutes: !routes.isEmpty,
            events: events.map { EventCard(title: $0.title, url: $0.path, when: DateText.kyiv($0.start)) }, hasEvents: !events.isEmpty,
            calendarURL: "/\(city.slug.rawValue)/calendar.ics", campaignsURL: CampaignPages.url(city),
            staffURL: context.principal?.may(.visitEdit, in: city.id) == true ? GuideEditorPages.url(city) : nil)
        return try await html.render(
            "visit", page: page, titleKey: "visit.title", titleArguments: ["city": city.name.localized(language)], request: request, context: context,
            city: city)
    }

    func card(_ place: Place, city: Municipality, now: Date, certificate: Certificate?, _ context: AppRequestContext) -> PlaceCard {
        let language = context.language
        let state = place.hours.state(at: now, holidays: (city.settings.workingCalendar ?? .martialLaw).holidays)
        return PlaceCard(
            name: place.name.localized(language), url: Self.url(city, place.id), kind: html.t("visit.kind.\(place.kind.rawValue)", context),
            summary: place.summary.localized(language), state: html.t("visit.state.\(state)", context), isOpen: state == .open,
            access: AccessibilityFeature.allCases.filter(place.accessibility.contains).map { html.t("visit.access.\($0.rawValue)", context) }
                .joined(separator: " · "),
            price: priceText(place.price, context), badge: badge(certificate, city: city, context))
    }

    func priceText(_ price: PlacePrice, _ context: AppRequestContext) -> String? {
        guard let from = price.from else { return nil }
        return from == .zero ? html.t("visit.price.free", context)
            : html.t("visit.price.from", context, ["amount": from.formatted(currency: html.t("visit.currency", context))])
    }

    /// "Walk · 3,2 km · about 2 h 15 min", in the reader's language.
    func routeFacts(_ route: VisitRoute, points: [PlaceID: GeoPoint], _ context: AppRequestContext) -> String {
        let metres = route.metres(through: points), minutes = route.minutes(through: points)
        let km = Self.decimal((metres / 100).rounded() / 10, context.language)
        let duration = minutes >= 60
            ? html.t("visit.route.hours_minutes", context, ["h": String(minutes / 60), "m": String(minutes % 60)])
            : html.t("visit.route.minutes", context, ["m": String(minutes)])
        return [html.t("visit.mode.\(route.mode.rawValue)", context), html.t("visit.route.km", context, ["km": km]), duration].joined(separator: " · ")
    }

    /// A number with one decimal, with a decimal comma in Ukrainian.
    static func decimal(_ value: Double, _ language: Language) -> String {
        NumberFormat.decimal(value, digits: 1, decimalComma: language == .uk)
    }

    @Sendable func placePoints(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let (places, _, _) = try await guide.guide(city, filter: Self.filter(request), language: context.language)
        let certified = try await guide.certified(city)
        return try MapPoint.response(places.map { place in
            let certificate = certified[place.id]
            let kind = html.t("visit.kind.\(place.kind.rawValue)", context)
            return MapPoint(
                id: place.id.rawValue, longitude: place.location.longitude, latitude: place.location.latitude,
                title: place.name.localized(context.language), url: Self.url(city, place.id),
                label: certificate.map { "\(kind) · ★ \(html.t("visit.badge.\($0.level.rawValue)", context))" } ?? kind, kind: place.kind.rawValue,
                status: certificate?.level.rawValue,
                // Certified places stand out on the map: green, and gold with distinction.
                colour: certificate.map { $0.level == .certifiedWithDistinction ? "#d4a72c" : "#1a7f37" })
        })
    }

    // MARK: A place

    struct Fact {
        let label: String
        let value: String
    }

    struct Picture {
        let url: String
        let caption: String
        let width: Int
        let height: Int
    }

    struct PlacePage {
        let kind: String
        let summary: String
        let description: String
        let state: String
        let isOpen: Bool
        let hours: [Fact]
        let hoursKnown: Bool
        let holidays: String?
        let exceptions: [Fact]
        let hasExceptions: Bool
        let price: String?
        let priceNote: String?
        let access: [String]
        let hasAccess: Bool
        let accessNote: String?
        let address: String
        let badge: Badge?
        let contacts: [Fact]
        let website: String?
        let email: String?
        let phone: String?
        let photos: [Picture]
        let hasPhotos: Bool
        let map: MapView
        let routes: [RouteCard]
        let hasRoutes: Bool
        let guideURL: String
        let editURL: String?
        let preview: SharePreview
    }

    @Sendable func place(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = PlaceID(rawValue: try context.parameters.require("place"))
        let staff = context.principal?.may(.visitEdit, in: city.id) == true
        let (place, photos, routes, points) = try await guide.place(id, in: city, drafts: staff)
        let certificate = try await guide.certified(city)[place.id]
        let language = context.language, now = services.clock.now()
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { html.t(key, context, arguments) }
        let holidays = (city.settings.workingCalendar ?? .martialLaw).holidays
        let state = place.hours.state(at: now, holidays: holidays)
        let today = CalendarDate.inKyiv(now)
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let hours = place.hours.week.map { week in
            zip(days, week).map { day, spans in Fact(label: t("visit.day.\(day)"), value: spans.isEmpty ? t("visit.hours.closed") : Self.spans(spans)) }
        } ?? []
        let exceptions = place.hours.exceptions.keys.sorted().filter { $0 >= today && today.days(until: $0) <= 60 }.map { date in
            let spans = place.hours.exceptions[date] ?? []
            return Fact(label: DateText.day(date), value: spans.isEmpty ? t("visit.hours.closed") : Self.spans(spans))
        }
        let path = Self.url(city, place.id)
        let contacts = place.contacts
        let page = PlacePage(
            kind: t("visit.kind.\(place.kind.rawValue)"), summary: place.summary.localized(language), description: place.description.localized(language),
            state: t("visit.state.\(state)"), isOpen: state == .open, hours: hours, hoursKnown: place.hours.week != nil,
            holidays: place.hours.week == nil || place.hours.onHolidays == .asUsual ? nil : t("visit.hours.holidays_\(place.hours.onHolidays.rawValue)"),
            exceptions: exceptions, hasExceptions: !exceptions.isEmpty,
            price: priceText(place.price, context), priceNote: place.price.note.localized(language).nonEmpty,
            access: AccessibilityFeature.allCases.filter(place.accessibility.contains).map { t("visit.access.\($0.rawValue)") },
            hasAccess: !place.accessibility.isEmpty, accessNote: place.accessibilityNote.localized(language).nonEmpty,
            address: place.address.localized(language), badge: badge(certificate, city: city, context), contacts: [],
            website: contacts.website.nonEmpty, email: contacts.email.nonEmpty, phone: contacts.phone.nonEmpty,
            photos: photos.map { Picture(url: "\(path)/photos/\($0.id.rawValue)", caption: $0.caption, width: $0.width, height: $0.height) },
            hasPhotos: !photos.isEmpty,
            map: .point(services: services, label: t("visit.place_map_label"), longitude: place.location.longitude, latitude: place.location.latitude),
            routes: routes.map { route in
                RouteCard(
                    title: route.title.localized(language), url: Self.url(city, route.id), facts: routeFacts(route, points: points, context),
                    summary: route.summary.localized(language))
            },
            hasRoutes: !routes.isEmpty, guideURL: Self.url(city), editURL: staff ? GuideEditorPages.url(city, place.id) : nil,
            preview: SharePreview(
                services: services, title: place.name.localized(language), description: place.summary.localized(language), path: path, city: city,
                language: language, image: photos.first.map { .init(photo: $0, path: "\(path)/photos/\($0.id.rawValue)", alt: place.name.localized(language)) }))
        return try await html.render(
            "visit-place", page: page, titleKey: "visit.place_title", titleArguments: ["place": place.name.localized(language)], request: request,
            context: context, city: city)
    }

    static func spans(_ spans: [OpeningHours.Span]) -> String { spans.map(\.text).joined(separator: ", ") }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = PlaceID(rawValue: try context.parameters.require("place"))
        let staff = context.principal?.may(.visitEdit, in: city.id) == true
        _ = try await guide.visiblePlace(id, in: city, drafts: staff)
        let photo = PhotoID(rawValue: try context.parameters.require("photo"))
        return try await services.photos.response(photo, city: city.id, request: request) { $0 == .visitPlace(id) }
    }

    // MARK: A route

    struct Stop {
        let number: Int
        let name: String
        let url: String
        let kind: String
        let stay: String?
        let note: String?
    }

    struct RoutePage {
        let facts: String
        let summary: String
        let description: String
        let stops: [Stop]
        let map: MapView
        let gpxURL: String
        let asTheCrowFlies: Bool
        let guideURL: String
        let editURL: String?
        let preview: SharePreview
    }

    @Sendable func route(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let segment = try context.parameters.require("route")
        let staff = context.principal?.may(.visitEdit, in: city.id) == true
        if segment.hasSuffix(".gpx") {
            let (route, stops) = try await guide.route(VisitRouteID(rawValue: String(segment.dropLast(4))), in: city, drafts: staff)
            return gpx(route, stops: stops, city: city, context)
        }
        let (route, stops) = try await guide.route(VisitRouteID(rawValue: segment), in: city, drafts: staff)
        let language = context.language, points = stops.mapValues(\.location)
        let path = Self.url(city, route.id)
        let page = RoutePage(
            facts: routeFacts(route, points: points, context), summary: route.summary.localized(language), description: route.description.localized(language),
            stops: route.stops.enumerated().compactMap { index, stop in
                stops[stop.place].map { place in
                    Stop(
                        number: index + 1, name: place.name.localized(language), url: Self.url(city, place.id),
                        kind: html.t("visit.kind.\(place.kind.rawValue)", context),
                        stay: stop.minutes > 0 ? html.t("visit.route.stay", context, ["m": String(stop.minutes)]) : nil,
                        note: stop.note.localized(language).nonEmpty)
                }
            },
            map: MapView(
                services: services, label: html.t("visit.route.map_label", context),
                centre: (points.values.map(\.longitude).reduce(0, +) / Double(max(1, points.count)),
                         points.values.map(\.latitude).reduce(0, +) / Double(max(1, points.count))),
                shape: RouteGeoJSON.collection(route, stops: stops, city: city, language: language)),
            gpxURL: path + ".gpx", asTheCrowFlies: !route.followsTrack, guideURL: Self.url(city),
            editURL: staff ? GuideEditorPages.url(city, route.id) : nil,
            preview: SharePreview(
                services: services, title: route.title.localized(language), description: route.summary.localized(language), path: path, city: city,
                language: language))
        return try await html.render(
            "visit-route", page: page, titleKey: "visit.route_title", titleArguments: ["route": route.title.localized(language)], request: request,
            context: context, city: city)
    }

    /// The route as a GPX 1.1 file a phone's map app opens: its stops as waypoints and as a route, and its line as a track.
    func gpx(_ route: VisitRoute, stops: [PlaceID: Place], city: Municipality, _ context: AppRequestContext) -> Response {
        let language = context.language
        let base = services.configuration.publicBaseURL
        let document = RouteGPX(
            name: route.title.localized(language), description: route.summary.localized(language), link: base + Self.url(city, route.id),
            time: route.updatedAt,
            stops: route.stops.compactMap { stop in
                stops[stop.place].map { place in
                    RouteGPX.Waypoint(
                        point: place.location, name: place.name.localized(language), description: stop.note.localized(language).nonEmpty ?? place.summary.localized(language),
                        type: html.t("visit.kind.\(place.kind.rawValue)", context), link: base + Self.url(city, place.id))
                }
            },
            track: route.line(through: stops.mapValues(\.location)))
        var headers = HTTPFields()
        headers[.contentType] = "application/gpx+xml; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(city.slug.rawValue)-\(RouteGPX.fileName(route.id.rawValue)).gpx\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: document.render())))
    }
}

extension String {
    /// The text, or nil when it is empty, for a template's optional line.
    var nonEmpty: String? { isEmpty ? nil : self }
}
