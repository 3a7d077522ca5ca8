import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The public property register under `/{city}/property`: the city's
/// objects with where each stands, and one object with its details,
/// documents, photos and the history of its leases and sales.
struct PropertyPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/property", use: list)
        router.get("/{city}/property/{object}", use: show)
        router.get("/{city}/property/{object}/documents/{document}", use: document)
        router.get("/{city}/property/{object}/photos/{photo}", use: photo)
        addAdmin(to: router)
    }

    func base(_ city: Municipality) -> String { "/\(city.slug.rawValue)/property" }

    func kindText(_ kind: PropertyObject.Kind, _ context: AppRequestContext) -> String { html.t("property.kind.\(kind.rawValue)", context) }

    func listText(_ list: PropertyObject.LeaseList?, _ context: AppRequestContext) -> String {
        html.t("property.list.\(list?.rawValue ?? "none")", context)
    }

    /// Land in hectares, as the cadastre gives it; buildings and premises in square metres; movables have none worth showing.
    func areaText(_ object: PropertyObject, _ context: AppRequestContext) -> String? {
        guard let area = object.areaM2, object.kind != .movable else { return nil }
        if object.kind == .landPlot {
            return html.t("property.area_ha", context, ["area": Self.decimal(area / 10_000, digits: 4, context)])
        }
        return html.t("property.area_m2", context, ["area": Self.decimal(area, digits: 2, context)])
    }

    /// A decimal without trailing zeros, with the reader's decimal mark.
    static func decimal(_ value: Double, digits: Int, _ context: AppRequestContext) -> String {
        NumberFormat.decimal(value, digits: digits, decimalComma: context.language == .uk)
    }

    // MARK: The list

    struct ListPage {
        struct Item {
            let url: String
            let title: String
            let kind: String
            let address: String
            let area: String?
            let leaseList: String
            let balanceHolder: String
            let status: String
            let statusClass: String
        }
        struct Option {
            let value: String
            let label: String
            let selected: Bool
        }
        let items: [Item]
        let empty: Bool
        let count: String
        let kinds: [Option]
        let lists: [Option]
        let action: String
        let auctionsURL: String
        /// For the city's organisers.
        let newURL: String?
        /// The shown objects that have a place, on the map (the list has them all).
        let map: MapView?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let cityID = city.id
        let filter = PropertyFilter.lenient(request)
        let kind = filter.kind, wantedList = filter.list
        let (objects, lots) = try await services.store.read { tx in
            (try await tx.auctions.objects(in: cityID), try await tx.auctions.lotsByObject(in: cityID))
        }
        let shown = objects.filter(filter.matches)
        let points = AuctionAPIController.points(shown, lots: lots, city: city) { html.t($0, context) }
        let page = ListPage(
            items: shown.map { object in
                let status = PropertyStatus(lots: lots[object.id] ?? [])
                return .init(
                    url: "\(base(city))/\(object.id.rawValue)", title: object.title, kind: kindText(object.kind, context), address: object.address,
                    area: areaText(object, context), leaseList: listText(object.leaseList, context), balanceHolder: object.balanceHolder,
                    status: html.t("property.status.\(status.rawValue)", context), statusClass: Self.statusClass(status))
            },
            empty: shown.isEmpty, count: html.t("property.count", context, ["shown": String(shown.count), "total": String(objects.count)]),
            kinds: [.init(value: "", label: html.t("property.all_kinds", context), selected: kind == nil)]
                + PropertyObject.Kind.allCases.map { .init(value: $0.rawValue, label: kindText($0, context), selected: $0 == kind) },
            lists: [.init(value: "", label: html.t("property.all_lists", context), selected: wantedList.isEmpty)]
                + (PropertyObject.LeaseList.allCases.map(\.rawValue) + ["none"]).map {
                    .init(value: $0, label: html.t("property.list.\($0)", context), selected: $0 == wantedList)
                },
            action: base(city), auctionsURL: "/\(city.slug.rawValue)/auctions",
            newURL: context.principal?.may(.manageAuctions, in: city.id) == true ? "/\(city.slug.rawValue)/admin/property/new" : nil,
            map: MapPoint.centre(of: points).map {
                MapView(
                    services: services, label: html.t("property.map_label", context), centre: $0,
                    source: "/api/v1/\(city.slug.rawValue)/property.geojson" + filter.query)
            })
        return try await html.render(
            "property-register", page: page, titleKey: "property.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city)
    }

    static func statusClass(_ status: PropertyStatus) -> String {
        switch status {
        case .free: "tag-good"
        case .onAuction: "tag-live"
        case .leased, .sold: ""
        }
    }

    // MARK: One object

    struct ObjectPage {
        struct Term {
            let label: String
            let value: String
        }
        struct Document {
            let url: String
            let title: String
            let size: String
        }
        struct Picture {
            let url: String
            let caption: String
            let width: Int
            let height: Int
        }
        struct HistoryRow {
            let url: String
            let number: Int
            let title: String
            let procedure: String
            let status: String
            let auctionStart: String
            let winner: String?
            let price: String?
        }
        let title: String
        let kind: String
        let status: String
        let statusClass: String
        let terms: [Term]
        /// OpenStreetMap at the object's coordinates.
        let mapURL: String?
        let coordinates: String?
        /// Its point on the platform's map.
        let map: MapView?
        let documents: [Document]
        let hasDocuments: Bool
        let photos: [Picture]
        let hasPhotos: Bool
        let history: [HistoryRow]
        let hasHistory: Bool
        let registerURL: String
        let message: String?
        /// For the city's organisers: announce a lot, add documents and photos.
        let lotURL: String?
        let filesURL: String?
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let object = try await services.auctions.object(PropertyObjectID(rawValue: try context.parameters.require("object")), in: city.id)
        let cityID = city.id, objectID = object.id
        let history = try await services.auctions.history(of: objectID, in: cityID)
        let (documents, photos) = try await services.store.read { tx in
            (try await tx.attachments.attachments(of: .property(objectID), in: cityID), try await tx.photos.photos(of: .property(objectID), in: cityID))
        }
        let status = PropertyStatus(lots: history.map(\.lot))
        let url = "\(base(city))/\(object.id.rawValue)"
        var terms: [ObjectPage.Term] = [
            .init(label: html.t("property.field.kind", context), value: kindText(object.kind, context)),
            .init(label: html.t("property.field.address", context), value: object.address),
        ]
        if let area = areaText(object, context) { terms.append(.init(label: html.t("property.field.area", context), value: area)) }
        if let cadastral = object.cadastralNumber { terms.append(.init(label: html.t("property.field.cadastral_number", context), value: cadastral)) }
        terms.append(.init(label: html.t("property.field.balance_holder", context), value: object.balanceHolder))
        terms.append(.init(label: html.t("property.field.lease_list", context), value: listText(object.leaseList, context)))
        let coordinates = object.latitude.flatMap { lat in object.longitude.map { (lat, $0) } }
        let organiser = context.principal?.may(.manageAuctions, in: city.id) == true
        let admin = "/\(city.slug.rawValue)/admin/property/\(object.id.rawValue)"
        let page = ObjectPage(
            title: object.title, kind: kindText(object.kind, context), status: html.t("property.status.\(status.rawValue)", context),
            statusClass: Self.statusClass(status), terms: terms,
            mapURL: coordinates.map { lat, lon in
                let (y, x) = (String(format: "%.6f", lat), String(format: "%.6f", lon))
                return "https://www.openstreetmap.org/?mlat=\(y)&mlon=\(x)#map=17/\(y)/\(x)"
            },
            coordinates: coordinates.map { String(format: "%.5f, %.5f", $0.0, $0.1) },
            map: coordinates.map { latitude, longitude in
                MapView.point(services: services, label: html.t("property.object_map_label", context), longitude: longitude, latitude: latitude)
            },
            documents: documents.map {
                .init(url: "\(url)/documents/\($0.id.rawValue)", title: $0.title, size: UploadForms(html: html, context: context).size($0.byteCount))
            },
            hasDocuments: !documents.isEmpty,
            photos: photos.map { .init(url: "\(url)/photos/\($0.id.rawValue)", caption: $0.caption, width: $0.width, height: $0.height) },
            hasPhotos: !photos.isEmpty,
            history: history.map { entry in
                .init(
                    url: "/\(city.slug.rawValue)/auctions/\(entry.lot.id.rawValue)", number: entry.number, title: entry.lot.title,
                    procedure: html.t("auctions.procedure.\(entry.lot.procedure.rawValue)", context),
                    status: html.t("auctions.status.\(entry.lot.status.rawValue.replacingOccurrences(of: ".", with: "_"))", context),
                    auctionStart: DateText.kyiv(entry.lot.auctionStart), winner: entry.winner,
                    price: entry.price.map { $0.formatted(currency: html.t("budgets.currency", context)) })
            },
            hasHistory: !history.isEmpty, registerURL: base(city),
            message: request.uri.queryParameters.get("done").map { _ in html.t("property.saved", context) },
            lotURL: organiser ? admin + "/lots/new" : nil, filesURL: organiser ? admin + "/files" : nil)
        return try await html.render("property-object", page: page, titleKey: "property.object_title", titleArguments: ["title": object.title],
                                     request: request, context: context, city: city)
    }

    // MARK: Files

    /// The PDF as stored, always as a download (`Attachments.response`).
    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let objectID = PropertyObjectID(rawValue: try context.parameters.require("object"))
        let id = AttachmentID(rawValue: try context.parameters.require("document"))
        return try await services.attachments.response(id, of: .property(objectID), city: city.id)
    }

    /// A photo of the object, immutable under its id.
    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let objectID = PropertyObjectID(rawValue: try context.parameters.require("object"))
        let id = PhotoID(rawValue: try context.parameters.require("photo"))
        return try await services.photos.response(id, city: city.id, request: request) { $0 == .property(objectID) }
    }
}
