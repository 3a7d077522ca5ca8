import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The catalogue's pages and documents: a city's catalogue
/// (`/{city}/opendata`), a dataset's page with its passport, its
/// `passport.json` and `datapackage.json`, the catalogue in DCAT-AP
/// (`catalog.jsonld`, `catalog.ttl`), and an oblast's catalogue listing its
/// cities' datasets (`/oblast/{oblast}/opendata`).
struct CataloguePages {
    let services: AppServices
    let catalogue: Catalogue
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/opendata", use: cityCatalogue)
        router.get(":city/opendata/catalog.jsonld", use: dcatJSONLD)
        router.get(":city/opendata/catalog.ttl", use: dcatTurtle)
        router.get(":city/opendata/:dataset", use: datasetPage)
        router.get(":city/opendata/:dataset/passport.json", use: passport)
        router.get(":city/opendata/:dataset/datapackage.json", use: dataPackage)
        router.get("oblast/:oblast/opendata", use: oblastCatalogue)
    }

    /// The city (running the catalogue: `CityMiddleware` answers 404 otherwise) and its published datasets.
    func city(_ context: AppRequestContext) async throws -> (Municipality, [CatalogueEntry]) {
        let city = try await CityLookup(store: services.store).require(context)
        guard city.settings.enables(.opendata) else { throw AppError.notFound }
        return (city, try await catalogue.entries(services, cities: [city]))
    }

    func entry(_ context: AppRequestContext) async throws -> CatalogueEntry {
        let (_, entries) = try await city(context)
        let slug = try context.parameters.require("dataset")
        guard let entry = entries.first(where: { $0.citySlug == slug }) else { throw AppError.notFound }
        return entry
    }

    // MARK: Pages

    struct DatasetItem {
        let url: String
        let title: String
        let description: String
        let module: String
        let modified: String
        let rows: String
        let csvURL: String
        let jsonURL: String
        let csvSize: String
        let jsonSize: String
    }

    struct MandatoryItem {
        let title: String
        let published: Bool
        let datasets: [String]
    }

    struct CityPage {
        let name: String
        let items: [DatasetItem]
        let empty: Bool
        let mandatory: [MandatoryItem]
        let publisher: String
        let edrpou: String?
        let territory: String?
        let licence: String
        let licenceURL: String
        let illustrative: Bool
        let jsonldURL: String
        let turtleURL: String
        let apiURL: String
    }

    func item(_ entry: CatalogueEntry, _ context: AppRequestContext) -> DatasetItem {
        DatasetItem(
            url: entry.pagePath, title: html.t(entry.dataset.titleKey, context), description: html.t(entry.dataset.descriptionKey, context),
            module: html.t("modules.\(entry.module.slug.rawValue).name", context), modified: Self.day(entry.record.modified, context.language),
            rows: String(entry.record.rows), csvURL: entry.path(.csv), jsonURL: entry.path(.json),
            csvSize: Self.size(entry.record.csv.bytes, context, html), jsonSize: Self.size(entry.record.json.bytes, context, html))
    }

    static func day(_ date: Date, _ language: Language) -> String {
        var style = Date.FormatStyle(date: .long, time: .shortened).locale(Locale(identifier: language == .uk ? "uk_UA" : "en_GB"))
        style.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? .gmt
        return date.formatted(style)
    }

    static func size(_ bytes: Int64, _ context: AppRequestContext, _ html: HTML) -> String {
        if bytes < 1024 { return html.t("opendata.bytes", context, ["n": String(bytes)]) }
        if bytes < 1024 * 1024 { return html.t("opendata.kilobytes", context, ["n": String(bytes / 1024)]) }
        return html.t("opendata.megabytes", context, ["n": String(format: "%.1f", Double(bytes) / 1_048_576)])
    }

    @Sendable func cityCatalogue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, entries) = try await city(context)
        let settings = city.settings.openData
        let shapes = CKANShapes(services: services)
        let mandatory = MandatoryDataset.allCases.map { item in
            let fulfilling = entries.filter { $0.dataset.mandatoryItem == item.rawValue }
            return MandatoryItem(
                title: html.t(item.titleKey, context), published: !fulfilling.isEmpty, datasets: fulfilling.map { html.t($0.dataset.titleKey, context) })
        }
        let page = CityPage(
            name: city.name.localized(context.language), items: entries.map { item($0, context) }, empty: entries.isEmpty, mandatory: mandatory,
            publisher: shapes.publisher(city, context.language), edrpou: settings.publisherCode.isEmpty ? nil : settings.publisherCode,
            territory: settings.territoryCode.isEmpty ? nil : settings.territoryCode, licence: settings.licence.title, licenceURL: settings.licence.url,
            illustrative: OpenDataDemo.isIllustrative(settings), jsonldURL: "/\(city.slug.rawValue)/opendata/catalog.jsonld",
            turtleURL: "/\(city.slug.rawValue)/opendata/catalog.ttl",
            apiURL: "/api/3/action/package_search?fq=organization:\(city.slug.rawValue)")
        return try await html.render(
            "opendata", page: page, titleKey: "opendata.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city)
    }

    struct DatasetPage {
        struct Row {
            let label: String
            let value: String
            let url: String?
        }
        struct Field {
            let name: String
            let type: String
            let description: String
        }
        let title: String
        let description: String
        let rows: [Row]
        let fields: [Field]
        /// Its parts with files of their own (an edition's ballots).
        let parts: [Part]
        let hasParts: Bool
        let catalogueURL: String

        struct Part {
            let title: String
            let rows: String
            let csvURL: String
            let jsonURL: String
            let csvSize: String
            let jsonSize: String
        }
    }

    @Sendable func datasetPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let entry = try await entry(context)
        let passport = DatasetDocuments(shapes: CKANShapes(services: services)).passport(entry)
        let language = context.language
        func text(_ pair: DatasetDocuments.Bilingual) -> String { language == .uk ? pair.uk : pair.en }
        func row(_ key: String, _ value: String?, url: String? = nil) -> DatasetPage.Row {
            DatasetPage.Row(label: html.t("opendata.passport.\(key)", context), value: value ?? html.t("opendata.not_set", context), url: url)
        }
        let base = services.configuration.publicBaseURL
        let rows = [
            row("identifier", passport.identifier), row("name", text(passport.name)), row("legal_basis", text(passport.legalBasis)),
            row("purpose", text(passport.purpose)), row("publisher", text(passport.publisher.name)), row("edrpou", passport.publisher.edrpou),
            row("territory", passport.territory), row("language", html.t("opendata.language_uk", context)),
            row("formats", passport.formats.joined(separator: ", ")), row("compression", html.t("opendata.no_compression", context)),
            row("first_published", Self.day(passport.firstPublished, language)), row("last_modified", Self.day(passport.lastModified, language)),
            row("current_as_of", Self.day(passport.currentAsOf, language)),
            row("frequency", language == .uk ? passport.updateFrequency.uk : passport.updateFrequency.en),
            row("keywords", (passport.keywords[language.rawValue] ?? []).joined(separator: ", ")),
            row("data_csv", passport.dataURLs[0], url: passport.dataURLs[0]), row("data_json", passport.dataURLs[1], url: passport.dataURLs[1]),
            row("api", passport.apiURL, url: passport.apiURL), row("structure", passport.structureURL, url: passport.structureURL),
            row("responsible", passport.responsiblePerson.name), row("responsible_email", passport.responsiblePerson.email),
            row("licence", passport.licence.title, url: passport.licence.url),
            row("passport_json", base + entry.pagePath + "/passport.json", url: base + entry.pagePath + "/passport.json"),
        ]
        let page = DatasetPage(
            title: html.t(entry.dataset.titleKey, context), description: html.t(entry.dataset.descriptionKey, context), rows: rows,
            fields: entry.dataset.fields.map { field in
                DatasetPage.Field(name: field.name, type: html.t("opendata.types.\(field.type.rawValue)", context) + (field.isList ? " []" : ""),
                                  description: html.t(field.descriptionKey, context))
            },
            parts: entry.parts.map { part in
                DatasetPage.Part(
                    title: part.title.localized(language), rows: String(part.rows), csvURL: entry.path(part, .csv), jsonURL: entry.path(part, .json),
                    csvSize: Self.size(part.csv.bytes, context, html), jsonSize: Self.size(part.json.bytes, context, html))
            },
            hasParts: !entry.parts.isEmpty, catalogueURL: "/\(entry.city.slug.rawValue)/opendata")
        return try await html.render(
            "opendata-dataset", page: page, titleKey: "opendata.dataset_title",
            titleArguments: ["dataset": page.title, "city": entry.city.name.localized(language)], request: request, context: context, city: entry.city)
    }

    // MARK: Documents

    @Sendable func passport(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.encode(DatasetDocuments(shapes: CKANShapes(services: services)).passport(try await entry(context)))
    }

    @Sendable func dataPackage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.encode(DatasetDocuments(shapes: CKANShapes(services: services)).dataPackage(try await entry(context)))
    }

    @Sendable func dcatJSONLD(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, entries) = try await city(context)
        let document = try DCATCatalogue(shapes: CKANShapes(services: services), city: city, entries: entries, page: try Self.page(request))
        return Self.text(document.jsonLD(), type: "application/ld+json; charset=utf-8")
    }

    @Sendable func dcatTurtle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, entries) = try await city(context)
        let document = try DCATCatalogue(shapes: CKANShapes(services: services), city: city, entries: entries, page: try Self.page(request))
        return Self.text(document.turtle(), type: "text/turtle; charset=utf-8")
    }

    /// `?page=N`, from 1, as ckanext-dcat pages its catalogue.
    static func page(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("page") else { return 1 }
        guard text.count <= 6, let page = Int(text), page >= 1 else { throw AppError.invalid(code: "opendata_page", field: "page") }
        return page
    }

    static func text(_ body: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    // MARK: The oblast's catalogue

    struct OblastPage {
        struct City {
            let name: String
            let url: String
            let items: [DatasetItem]
            let empty: Bool
        }
        let name: String
        let cities: [City]
    }

    @Sendable func oblastCatalogue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (oblast, all) = try await OblastLookup(store: services.store).require(context)
        let cities = all.filter { $0.oblastID == oblast.id && $0.settings.enables(.opendata) }
        let entries = try await catalogue.entries(services, cities: cities)
        let page = OblastPage(
            name: oblast.name.localized(context.language),
            cities: cities.map { city in
                let items = entries.filter { $0.city.id == city.id }.map { item($0, context) }
                return OblastPage.City(name: city.name.localized(context.language), url: "/\(city.slug.rawValue)/opendata", items: items, empty: items.isEmpty)
            })
        return try await html.render(
            "opendata-oblast", page: page, titleKey: "opendata.oblast_title", titleArguments: ["oblast": page.name], request: request,
            context: context, cities: all)
    }
}
