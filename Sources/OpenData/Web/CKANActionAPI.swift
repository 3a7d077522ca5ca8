import Foundation
import HromadaDomain
import HromadaWeb
import Hummingbird

/// The CKAN Action API (`/api/3/action/{name}` and `/api/action/{name}`),
/// enough for data.gov.ua's harvester and the `ckanapi` client: the
/// catalogue of every city that runs it, read-only. GET with query
/// parameters or POST with a JSON object; CKAN's envelope
/// (`help`, `success`, `result`) and its errors (`Not Found Error` 404,
/// `Validation Error` 409, `Bad request` 400), never the platform's error shape.
struct CKANActionAPI {
    let services: AppServices
    let catalogue: Catalogue

    func add(to router: Router<AppRequestContext>) {
        for prefix in ["api/3/action", "api/action"] {
            router.get("\(prefix)/:action", use: handle)
            router.post("\(prefix)/:action", use: handle)
        }
    }

    /// A refusal in CKAN's words.
    struct Failure: Error {
        let status: HTTPResponse.Status
        let type: String
        let message: String
        /// A validation error's field and its messages.
        var field: (String, String)?

        static func notFound(_ message: String = "Not found") -> Failure { Failure(status: .notFound, type: "Not Found Error", message: message) }
        static func invalid(_ field: String, _ message: String) -> Failure {
            Failure(status: .conflict, type: "Validation Error", message: message, field: (field, message))
        }
        static func badRequest(_ message: String) -> Failure { Failure(status: .badRequest, type: "Bad request", message: message) }
    }

    @Sendable func handle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let action = context.parameters.get("action") ?? ""
        let help = services.configuration.publicBaseURL + "/api/3/action/help_show?name=" + action
        do {
            let parameters = try await Self.parameters(request, context)
            let result = try await run(action, parameters)
            return try Self.envelope(help: help, success: true, body: result)
        } catch let failure as Failure {
            return Self.failure(failure, help: help)
        }
    }

    /// Query parameters, or the JSON body's members as text (numbers written as numbers; arrays and objects refused).
    static func parameters(_ request: Request, _ context: AppRequestContext) async throws(Failure) -> [String: String] {
        var parameters = Self.query(request.uri.query ?? "")
        guard request.method == .post else { return parameters }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: 64 * 1024) } catch { throw Failure.badRequest("Bad request - The request body is too large") }
        guard body.readableBytes > 0 else { return parameters }
        let members: [String: JSONValue]
        do { members = try JSONDecoder().decode([String: JSONValue].self, from: Data(buffer: body)) } catch {
            throw Failure.badRequest("Bad request - JSON Error: the body is not a JSON object")
        }
        for (name, value) in members {
            switch value {
            case .string(let text): parameters[name] = text
            case .integer(let number): parameters[name] = String(number)
            case .number(let number): parameters[name] = String(number)
            case .bool(let flag): parameters[name] = flag ? "true" : "false"
            case .null: continue
            case .array, .object: throw Failure.invalid(name, "Must be a string or a number")
            }
        }
        return parameters
    }

    /// A query string as CKAN (and every HTML form) writes it: `+` is a
    /// space (`sort=id+asc`), then percent-escapes; the first of a repeated name wins.
    static func query(_ text: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            if parameters[name] == nil { parameters[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return parameters
    }

    // MARK: The actions

    func run(_ action: String, _ parameters: [String: String]) async throws -> any Encodable & Sendable {
        switch action {
        case "status_show": return status()
        case "site_read": return true
        case "package_list": return try await page(parameters, of: try await entries().map(\.name).sorted())
        case "current_package_list_with_resources":
            let shapes = CKANShapes(services: services), all = try await entries(), totals = CatalogueTotals.of(all)
            let sorted = all.sorted { $0.record.modified > $1.record.modified }
            let packages = try await page(parameters, of: sorted, limitName: "limit").map { try shapes.packageJSON($0, totals: totals) }
            return EncodedResult(json: "[" + packages.joined(separator: ",") + "]")
        case "package_show": return try await packageShow(parameters)
        case "package_search": return try await packageSearch(parameters)
        case "organization_list": return try await organizationList(parameters)
        case "organization_show": return try await organizationShow(parameters)
        case "group_list": return try await groupList(parameters)
        case "group_show": return try await groupShow(parameters)
        case "resource_show": return try await resourceShow(parameters)
        case "license_list": return OpenLicence.allCases.map { ["id": $0.rawValue, "title": $0.title, "url": $0.url] }
        default: throw Failure.badRequest("Bad request - Action name not known: \(action)")
        }
    }

    /// Every published dataset of every city that runs the catalogue.
    func entries() async throws -> [CatalogueEntry] {
        let cities = try await services.store.read { try await $0.municipalities.all() }
        return try await catalogue.entries(services, cities: cities)
    }

    struct Status: Encodable {
        let site_title: String
        let site_description: String
        let site_url: String
        let ckan_version = "2.10.4"
        let locale_default = "uk"
        let extensions = ["hromada"]
    }

    func status() -> Status {
        Status(site_title: services.localizer.string("opendata.site_title", .uk), site_description: services.localizer.string("opendata.site_description", .uk),
               site_url: services.configuration.publicBaseURL)
    }

    /// A list paged by `limit` (or `rows`) and `offset`, as CKAN's list actions take them.
    func page<Item>(_ parameters: [String: String], of items: [Item], limitName: String = "limit") async throws(Failure) -> [Item] {
        let limit = try Self.number(parameters[limitName], limitName, in: 0...100_000) ?? items.count
        let offset = try Self.number(parameters["offset"], "offset", in: 0...10_000_000) ?? 0
        guard offset < items.count else { return [] }
        return Array(items[offset..<min(items.count, offset + limit)])
    }

    static func number(_ text: String?, _ name: String, in range: ClosedRange<Int>) throws(Failure) -> Int? {
        guard let text else { return nil }
        guard text.count <= 12, let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw Failure.invalid(name, "Invalid integer: must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func flag(_ text: String?) -> Bool { ["true", "1", "yes", "True"].contains(text ?? "") }

    /// The entry named by `id` (its name or its UUID).
    func entry(_ parameters: [String: String]) async throws -> (CatalogueEntry, [CatalogueEntry]) {
        guard let id = parameters["id"] ?? parameters["name_or_id"], !id.isEmpty else { throw Failure.invalid("id", "Missing value") }
        let all = try await entries()
        guard let entry = all.first(where: { $0.name == id || $0.id == id }) else { throw Failure.notFound() }
        return (entry, all)
    }

    func packageShow(_ parameters: [String: String]) async throws -> CKANShapes.Package {
        let (entry, all) = try await entry(parameters)
        return CKANShapes(services: services).package(entry, totals: CatalogueTotals.of(all))
    }

    /// A result already in JSON (the API's encoding), put in the envelope as it is.
    struct EncodedResult: Encodable, Sendable {
        let json: String

        /// Never encoded as a value: `envelope` writes the text itself.
        func encode(to encoder: any Encoder) throws {
            throw EncodingError.invalidValue(json, .init(codingPath: encoder.codingPath, debugDescription: "an encoded result goes in as it is"))
        }
    }

    /// A search's result, `{"count", "facets", "results", "search_facets", "sort"}`, with the packages' kept JSON.
    func packageSearch(_ parameters: [String: String]) async throws -> EncodedResult {
        let search: PackageSearch
        do { search = try PackageSearch(parameters) } catch { throw Failure.invalid(error.parameter, error.message) }
        let shapes = CKANShapes(services: services)
        let all = try await entries()
        let matching = CatalogueSearch(search: search, shapes: shapes).run(all)
        let page = search.start < matching.count ? Array(matching[search.start..<min(matching.count, search.start + search.rows)]) : []
        let totals = CatalogueTotals.of(all)
        let results = try page.map { try shapes.packageJSON($0, totals: totals) }.joined(separator: ",")
        let sort = String(decoding: try JSONResponse.data(parameters["sort"] ?? "score desc, metadata_modified desc"), as: UTF8.self)
        return EncodedResult(json: #"{"count":\#(matching.count),"facets":{},"results":[\#(results)],"search_facets":{},"sort":\#(sort)}"#)
    }

    func organizationList(_ parameters: [String: String]) async throws -> AnyEncodableList {
        let all = try await entries()
        let cities = try await services.store.read { try await $0.municipalities.all() }.filter { $0.settings.enables(.opendata) }
            .sorted { $0.slug.rawValue < $1.slug.rawValue }
        let shapes = CKANShapes(services: services)
        if Self.flag(parameters["all_fields"]) {
            let totals = CatalogueTotals.of(all)
            return .organizations(try await page(parameters, of: cities).map { shapes.organization($0, totals: totals) })
        }
        return .names(try await page(parameters, of: cities.map(\.slug.rawValue)))
    }

    struct OrganizationWithPackages: Encodable {
        let organization: CKANShapes.Organization
        let packages: [CKANShapes.Package]?
        let users: [String] = []

        func encode(to encoder: any Encoder) throws {
            try organization.encode(to: encoder)
            var container = encoder.container(keyedBy: NamedCodingKey.self)
            try container.encodeIfPresent(packages, forKey: NamedCodingKey("packages"))
            try container.encode(users, forKey: NamedCodingKey("users"))
        }
    }

    func organizationShow(_ parameters: [String: String]) async throws -> OrganizationWithPackages {
        guard let id = parameters["id"], !id.isEmpty else { throw Failure.invalid("id", "Missing value") }
        let shapes = CKANShapes(services: services)
        let cities = try await services.store.read { try await $0.municipalities.all() }.filter { $0.settings.enables(.opendata) }
        guard let city = cities.first(where: { $0.slug.rawValue == id || shapes.organizationID($0) == id }) else {
            throw Failure.notFound("Organization not found")
        }
        let all = try await entries()
        let include = parameters["include_datasets"].map(Self.flag) ?? true
        let totals = CatalogueTotals.of(all)
        let packages = include ? all.filter { $0.city.id == city.id }.prefix(1000).map { shapes.package($0, totals: totals) } : nil
        return OrganizationWithPackages(organization: shapes.organization(city, totals: totals), packages: packages)
    }

    func groupList(_ parameters: [String: String]) async throws -> AnyEncodableList {
        let all = try await entries(), shapes = CKANShapes(services: services)
        let groups = services.modules.modules.filter { !$0.openDatasets.isEmpty }
        if Self.flag(parameters["all_fields"]) {
            return .groups(try await page(parameters, of: groups.map { module in shapes.group(module, count: all.filter { $0.module.slug == module.slug }.count) }))
        }
        return .names(try await page(parameters, of: groups.map(\.slug.rawValue)))
    }

    func groupShow(_ parameters: [String: String]) async throws -> CKANShapes.Group {
        guard let id = parameters["id"], !id.isEmpty else { throw Failure.invalid("id", "Missing value") }
        let all = try await entries(), shapes = CKANShapes(services: services)
        guard let module = services.modules.modules.first(where: { !$0.openDatasets.isEmpty && ($0.slug.rawValue == id || shapes.group($0, count: 0).id == id) })
        else { throw Failure.notFound("Group not found") }
        return shapes.group(module, count: all.filter { $0.module.slug == module.slug }.count)
    }

    func resourceShow(_ parameters: [String: String]) async throws -> CKANShapes.Resource {
        guard let id = parameters["id"], !id.isEmpty else { throw Failure.invalid("id", "Missing value") }
        let shapes = CKANShapes(services: services)
        for entry in try await entries() {
            if let resource = shapes.resources(entry).first(where: { $0.id == id }) { return resource }
        }
        throw Failure.notFound("Resource was not found.")
    }

    /// A list action's result: names, or whole objects with `all_fields`.
    enum AnyEncodableList: Encodable, Sendable {
        case names([String])
        case organizations([CKANShapes.Organization])
        case groups([CKANShapes.Group])

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .names(let names): try names.encode(to: encoder)
            case .organizations(let organizations): try organizations.encode(to: encoder)
            case .groups(let groups): try groups.encode(to: encoder)
            }
        }
    }

    // MARK: The envelope

    struct Envelope<Body: Encodable>: Encodable {
        let help: String
        let success: Bool
        let result: Body
    }

    static func envelope(help: String, success: Bool, body: any Encodable) throws -> Response {
        if let encoded = body as? EncodedResult {
            // The envelope's keys in the encoder's sorted order, around the result's text.
            let text = #"{"help":\#(String(decoding: try JSONResponse.data(help), as: UTF8.self)),"result":\#(encoded.json),"success":\#(success)}"#
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        func encode<Body: Encodable>(_ body: Body) throws -> Response { try JSONResponse.encode(Envelope(help: help, success: success, result: body)) }
        return try encode(body)
    }

    struct ErrorEnvelope: Encodable {
        struct Detail: Encodable {
            let type: String
            let message: String
            let field: (String, String)?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: NamedCodingKey.self)
                try container.encode(type, forKey: NamedCodingKey("__type"))
                try container.encode(message, forKey: NamedCodingKey("message"))
                if let (name, message) = field { try container.encode([message], forKey: NamedCodingKey(name)) }
            }
        }
        let help: String
        let success = false
        let error: Detail
    }

    static func failure(_ failure: Failure, help: String) -> Response {
        let body = ErrorEnvelope(help: help, error: .init(type: failure.type, message: failure.message, field: failure.field))
        return (try? JSONResponse.encode(body, status: failure.status)) ?? Response(status: failure.status)
    }
}
