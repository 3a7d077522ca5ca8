import Foundation
import HromadaDomain
import HromadaWeb
import Hummingbird

/// The public side (`/{city}/waste`): every container on a map coloured by
/// how full it was last seen, and the same as a list that works without
/// JavaScript, site by site.
struct WastePages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/waste", use: map)
        router.get("api/v1/:city/waste/containers.geojson", use: geoJSON)
    }

    /// Fill bands, with a word as well as a colour (colour alone tells nothing to some readers).
    enum Band: String {
        case unknown, low, filling, nearlyFull, full

        init(_ percent: Int?) {
            guard let percent else { self = .unknown; return }
            switch percent {
            case ..<50: self = .low
            case ..<80: self = .filling
            case ..<100: self = .nearlyFull
            default: self = .full
            }
        }

        var colour: String {
            switch self {
            case .unknown: "#8a939b"
            case .low: "#2e7d32"
            case .filling: "#f9a825"
            case .nearlyFull: "#ef6c00"
            case .full: "#c62828"
            }
        }
    }

    struct ContainerRow {
        let url: String
        let fraction: String
        let volume: String
        let placement: String
        let fill: String
        let band: String
        let width: Int
        let seen: String?
        let alarms: [String]
    }

    struct SiteRow {
        let name: String
        let address: String
        let containers: [ContainerRow]
    }

    struct Page {
        let lead: String
        let map: MapView?
        let sites: [SiteRow]
        let empty: Bool
        let apiURL: String
        let geojsonURL: String
    }

    @Sendable func map(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let slug = city.slug.rawValue, language = context.language
        let snapshot = try await services.wasteRegister.snapshot(of: city.id)
        let containers = WasteMap.containers(snapshot)
        let bySite = Dictionary(grouping: containers, by: \.siteId)
        let sites = snapshot.sites.compactMap { site -> SiteRow? in
            guard let rows = bySite[site.id.rawValue] else { return nil }
            return SiteRow(name: site.value.name, address: site.value.address, containers: rows.map { row($0, city: slug, context) })
        }
        let centre = snapshot.sites.first.map { ($0.value.point.longitude, $0.value.point.latitude) } ?? (28.4682, 49.2331)
        let page = Page(
            lead: html.t("waste.lead", context, ["n": String(containers.count), "sites": String(sites.count)]),
            map: containers.isEmpty ? nil : MapView(
                services: services, label: html.t("waste.map_label", context), centre: centre, source: "/api/v1/\(slug)/waste/containers.geojson"),
            sites: sites, empty: sites.isEmpty, apiURL: "/api/v1/\(slug)/waste/containers", geojsonURL: "/api/v1/\(slug)/waste/containers.geojson")
        return try await html.render(
            "waste", page: page, titleKey: "waste.title", titleArguments: ["city": city.name.localized(language)], request: request, context: context, city: city)
    }

    func row(_ container: RegisterBodies.ContainerBody, city: String, _ context: AppRequestContext) -> ContainerRow {
        let band = Band(container.fillPercent)
        return ContainerRow(
            url: "/\(city)/waste/containers/\(container.id)", fraction: html.t("waste.fraction.\(container.fraction)", context), volume: html.t("waste.litres", context, ["n": String(container.volumeLitres)]),
            placement: html.t("waste.placement.\(container.placement)", context),
            fill: container.fillPercent.map { html.t("waste.fill", context, ["n": String($0)]) }
                ?? html.t(container.hasSensor ? "waste.fill_unknown" : "waste.no_sensor", context),
            band: band.rawValue, width: min(container.fillPercent ?? 0, 100),
            seen: container.measuredAt.map { html.t("waste.seen", context, ["time": WasteFormat.time($0, context.language)]) },
            alarms: container.alarms.map { html.t("waste.alarm.\($0)", context) })
    }

    /// The collection sites as GeoJSON points, each coloured by its fullest
    /// container's band and listing every container's fill, for the map and
    /// a GIS (containers at one site share its point: one marker each would
    /// hide all but the top one).
    @Sendable func geoJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let containers = WasteMap.containers(try await services.wasteRegister.snapshot(of: city.id))
        var order: [String] = []
        var bySite: [String: [RegisterBodies.ContainerBody]] = [:]
        for container in containers {
            if bySite[container.siteId] == nil { order.append(container.siteId) }
            bySite[container.siteId, default: []].append(container)
        }
        let features = order.compactMap { siteID -> [String: Any]? in
            guard let here = bySite[siteID], let first = here.first else { return nil }
            let fullest = here.compactMap(\.fillPercent).max()
            let label = here.map { "\(html.t("waste.fraction.\($0.fraction)", context)): \(row($0, city: city.slug.rawValue, context).fill)" }.joined(separator: "; ")
            return [
                "type": "Feature",
                "geometry": ["type": "Point", "coordinates": [first.longitude, first.latitude]],
                "properties": [
                    "siteId": siteID, "title": first.siteName, "label": label, "colour": Band(fullest).colour, "fillPercent": fullest as Any,
                    "containers": here.map(\.id),
                ] as [String: Any],
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features], options: [.sortedKeys])
        var headers = HTTPFields()
        headers[.contentType] = "application/geo+json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Times as a dispatcher reads them: the city's clock (Kyiv), day and minute.
enum WasteFormat {
    static let kyiv = FillForecast.Rates.kyiv

    /// "4 груд." / "4 Dec": a chart's day.
    static func day(_ date: Date, _ language: Language) -> String {
        date.formatted(Date.FormatStyle(locale: Locale(identifier: language == .uk ? "uk_UA" : "en_GB"), timeZone: kyiv).day().month(.abbreviated))
    }

    static func time(_ date: Date, _ language: Language) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, locale: Locale(identifier: language == .uk ? "uk_UA" : "en_GB"), timeZone: kyiv))
    }

    static func locale(_ language: Language) -> Locale { Locale(identifier: language == .uk ? "uk_UA" : "en_GB") }

    /// "12,4 км" / "12.4 km" without the unit: kilometres to one decimal.
    static func kilometres(_ metres: Int, _ language: Language) -> String {
        (Double(metres) / 1_000).formatted(.number.precision(.fractionLength(1)).locale(locale(language)))
    }

    static func number(_ value: Int, _ language: Language) -> String {
        value.formatted(.number.locale(locale(language)))
    }
}

extension AppServices {
    /// The request's city, for staff who may use `capability` in it (anyone else: 401 or 404, as `requireStaff` says).
    func wasteStaffCity(_ context: AppRequestContext, _ capability: Capability) async throws -> Municipality {
        let city = try await CityLookup(store: store).require(context)
        _ = try requireStaff(capability, context.principal, in: city.id)
        return city
    }
}
