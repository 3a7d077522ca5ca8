import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The investment paths of docs/interfaces.md under `/api/v1/{city}/invest`.
struct InvestAPIController {
    let services: AppServices

    /// The most sites one answer lists; a GIS pages through the rest with `after`.
    static let maximumPage = 1_000
    /// A passport's CSV is a few hundred rows; a megabyte is thousands.
    static let maximumCSV = 1 << 20

    func add(to router: Router<AppRequestContext>) {
        let invest = router.group("api/v1/:city/invest")
        invest.get("passport", use: passport)
        invest.get("passport.csv", use: passportCSV)
        invest.post("passport", use: importPassport)
        invest.get("sites", use: sites)
        invest.get("sites.geojson", use: geoJSON)
        invest.post("sites", use: add)
        invest.get("sites/:site", use: show)
        invest.post("sites/:site/status", use: status)
        invest.post("enquiries", use: enquire)
        invest.get("open-data/:file", use: openData)
    }

    /// `sites.csv|json`, `passport.csv|json`, `enquiries.csv|json`: the module's declared datasets.
    @Sendable func openData(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        return try OpenDataFile.download(
            try context.parameters.require("file"), prefix: "\(city.slug.rawValue)-invest", datasets: InvestOpenData.datasets, services: services, city: city)
    }

    struct EnquiryRequest: Decodable {
        let name: String
        let email: String
        let company: String?
        let country: String?
        let phone: String?
        let message: String
        let siteId: String?
        /// `uk` or `en`: the language of the mail and the private page; the reader's by default.
        let language: String?
    }

    struct EnquiryBody: Encodable {
        let id: String
        let state: String
        let receivedAt: Date
    }

    /// An investor's enquiry: 202, since it counts only once the mailed link is confirmed.
    /// The private link goes by mail only, so nobody enquires in someone else's name.
    @Sendable func enquire(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let input = try await APIController.decode(EnquiryRequest.self, request, context)
        var language = context.language
        if let code = input.language {
            guard let chosen = Language(rawValue: code) else { throw AppError.invalid(code: "enquiry_malformed", field: "language") }
            language = chosen
        }
        let site = input.siteId.flatMap { $0.isEmpty ? nil : SiteID(rawValue: $0) }
        let enquiry = try await services.enquiries.send(
            site: site, name: input.name, email: input.email, company: input.company ?? "", country: input.country ?? "", phone: input.phone ?? "",
            message: input.message, language: language, city: city, clientAddress: context.clientAddress)
        return try JSONResponse.encode(EnquiryBody(id: enquiry.id.rawValue, state: enquiry.state.rawValue, receivedAt: enquiry.receivedAt), status: .accepted)
    }

    // MARK: The passport

    struct PassportBody: Encodable {
        struct Indicator: Encodable {
            struct Value: Encodable {
                let year: Int
                /// An exact decimal as text (`"12.5"`), as written in the source.
                let value: String
                let source: String
                let checkedOn: String?
            }
            let code: String
            let section: String
            let name: LocalizedName
            let unit: String
            let values: [Value]

            init(_ indicator: PassportIndicator) {
                code = indicator.code
                section = indicator.section.rawValue
                name = indicator.name
                unit = indicator.unit
                values = indicator.values.map { .init(year: $0.year, value: $0.value, source: $0.source, checkedOn: $0.checkedOn?.description) }
            }
        }
        let city: String
        let sections: [String]
        let indicators: [Indicator]
    }

    @Sendable func passport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let indicators = try await services.invest.passport(of: city.id)
        return try JSONResponse.encode(PassportBody(
            city: city.slug.rawValue, sections: IndicatorSection.allCases.map(\.rawValue),
            indicators: indicators.map(PassportBody.Indicator.init)))
    }

    /// The passport as the CSV an import takes: one row per figure and year.
    @Sendable func passportCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let indicators = try await services.invest.passport(of: city.id)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(city.slug.rawValue)-invest-passport.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: PassportCSV.text(indicators))))
    }

    struct ImportBody: Encodable {
        let indicators: Int
        let values: Int
    }

    /// A CSV file of figures (`text/csv`), put in whole or not at all.
    @Sendable func importPassport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.manageInvest, context.principal, in: city.id)
        guard (request.headers[.contentType] ?? "").hasPrefix("text/csv") else { throw AppError.badRequest(code: "unsupported_content_type") }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: Self.maximumCSV) } catch { throw AppError.payloadTooLarge }
        let file = try await services.invest.importPassport(Data(buffer: body), city: city, principal: context.principal)
        return try JSONResponse.encode(ImportBody(indicators: file.indicators.count, values: file.indicators.reduce(0) { $0 + $1.values.count }))
    }

    // MARK: Sites

    /// The query's parameters by name (the last of a repeated one), as the domain's readers take them.
    static func parameters(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        return parameters
    }

    /// The query's filters, or a 422 naming the one at fault.
    static func search(_ request: Request) throws(AppError) -> SiteSearch {
        do { return try SiteSearch(parameters(request)) } catch { throw InvestService.appError(error) }
    }

    @Sendable func sites(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let search = try Self.search(request)
        let page = try PageQuery(request, defaultLimit: 100, maximumLimit: Self.maximumPage)
        let limit = page.limit, offset = page.offset, cityID = city.id
        let found = try await services.store.read { try await $0.invest.sites(in: [cityID], matching: search, limit: limit + 1, offset: offset) }
        return try JSONResponse.encode(APIController.ListBody(
            items: found.prefix(limit).map { SiteBody($0, citySlug: city.slug.rawValue) }, next: page.next(hasMore: found.count > limit)))
    }

    /// The same sites as a GeoJSON FeatureCollection (RFC 7946), each
    /// boundary written as stored; what a GIS such as QGIS opens.
    @Sendable func geoJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let search = try Self.search(request)
        let page = try PageQuery(request, defaultLimit: Self.maximumPage, maximumLimit: Self.maximumPage)
        let limit = page.limit, offset = page.offset, cityID = city.id
        let shapes = try await services.store.read { try await $0.invest.shapes(in: [cityID], matching: search, limit: limit, offset: offset) }
        var headers = HTTPFields()
        headers[.contentType] = "application/geo+json; charset=utf-8"
        let text = try SiteFeatures.collection(shapes, citySlug: city.slug.rawValue, language: context.language)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.invest.site(SiteID(rawValue: try context.parameters.require("site")), in: city.id, principal: context.principal)
        var body = SiteBody(stored, citySlug: city.slug.rawValue)
        let (photos, documents) = try await services.invest.files(of: stored.id, in: city.id)
        body.files = .init(
            photos: photos.map { .init(url: "\(body.url)/photos/\($0.id.rawValue)", caption: $0.caption, width: $0.width, height: $0.height, sha256: $0.sha256) },
            documents: documents.map { .init(url: "\(body.url)/documents/\($0.id.rawValue)", title: $0.title, byteCount: $0.byteCount, sha256: $0.sha256) })
        return try JSONResponse.encode(body)
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        // Rights first: a stranger learns nothing from how their body is refused.
        _ = try requireStaff(.manageInvest, context.principal, in: city.id)
        let input = try await APIController.decode(SiteRequest.self, request, context)
        let stored = try await services.invest.add(try input.site(), city: city, principal: context.principal)
        return try JSONResponse.encode(SiteBody(stored, citySlug: city.slug.rawValue), status: .created)
    }

    struct StatusRequest: Decodable {
        let status: String
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.manageInvest, context.principal, in: city.id)
        let input = try await APIController.decode(StatusRequest.self, request, context)
        guard let next = SiteStatus(rawValue: input.status) else { throw AppError.invalid(code: "site_unknown_value", field: "status") }
        let stored = try await services.invest.move(
            SiteID(rawValue: try context.parameters.require("site")), to: next, city: city, principal: context.principal)
        return try JSONResponse.encode(SiteBody(stored, citySlug: city.slug.rawValue))
    }
}
