import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// `/api/v1/{city}/strategies`: the city's documents, one with its whole
/// tree, and the staff's changes to a document's terms.
struct StrategyAPIController {
    let services: AppServices

    func add(to router: Router<AppRequestContext>) {
        router.get("api/v1/:city/strategies", use: list)
        router.post("api/v1/:city/strategies", use: create)
        router.get("api/v1/:city/strategies/:document", use: show)
        router.put("api/v1/:city/strategies/:document", use: change)
        router.get("api/v1/:city/strategies/:document/nodes.csv") { request, context in try await exportCSV(.nodes, request, context) }
        router.get("api/v1/:city/strategies/:document/indicators.csv") { request, context in try await exportCSV(.indicators, request, context) }
        router.post("api/v1/:city/strategies/:document/nodes.csv") { request, context in try await importCSV(.nodes, request, context) }
        router.post("api/v1/:city/strategies/:document/indicators.csv") { request, context in try await importCSV(.indicators, request, context) }
        router.get("api/v1/:city/strategies/:document/iati.xml", use: iati)
        router.get("api/v1/:city/strategy/open-data/:file", use: openData)
    }

    /// The largest CSV an import reads: a 2,000-node tree is about 1 MB, its indicators' years a few.
    static let maximumCSV = 16 << 20

    struct ListBody: Encodable {
        let items: [DocumentBody]
        /// Plans other modules keep (the investment programme), listed beside the city's own.
        let provided: [ProvidedBody]
    }


    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        var items: [DocumentBody] = []
        for stored in try await services.strategy.documents(in: city.id) {
            items.append(DocumentBody(stored, view: try await services.strategy.view(of: stored, city: city), city: city, tree: false))
        }
        let provided = try await services.modules.providedDocuments(in: city, services: services).map { module, document in
            ProvidedBody(
                id: document.id, module: module.rawValue, kind: document.kind.rawValue, title: document.title, firstYear: document.firstYear,
                lastYear: document.lastYear,
                decision: .init(number: document.decisionNumber, date: document.decisionDate?.description, url: ""),
                progress: ProvidedProgress.of(document), url: document.path)
        }
        return try JSONResponse.encode(ListBody(items: items, provided: provided))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.strategy.document(try StrategyDocumentID(context), in: city.id)
        let year = StrategyPages.year(request, stored.document, now: services.strategy.currentYear)
        let view = try await services.strategy.view(of: stored, city: city, asOf: year)
        return try JSONResponse.encode(DocumentBody(stored, view: view, city: city))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.editStrategy, context.principal, in: city.id)
        let input = try await APIController.decode(DocumentInput.self, request, context)
        let stored = try await services.strategy.create(try input.document(), city: city, principal: context.principal)
        return try JSONResponse.encode(DocumentBody(stored, view: try await services.strategy.view(of: stored, city: city), city: city), status: .created)
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.editStrategy, context.principal, in: city.id)
        let id = try StrategyDocumentID(context)
        let input = try await APIController.decode(DocumentInput.self, request, context)
        guard let revision = input.revision else { throw AppError.invalid(code: "value_required", field: "revision") }
        let stored = try await services.strategy.change(id, to: try input.document(), ifRevision: revision, city: city, principal: context.principal)
        return try JSONResponse.encode(DocumentBody(stored, view: try await services.strategy.view(of: stored, city: city), city: city))
    }

    // MARK: CSV and IATI

    func exportCSV(_ file: StrategyCSV.File, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = try StrategyDocumentID(context)
        let text = try await services.strategy.csv(file, of: id, in: city.id)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(city.slug.rawValue)-\(id.rawValue)-\(file.rawValue).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    struct ImportBody: Encodable {
        struct Change: Encodable {
            let target: String
            let id: String
            let change: String
            let fields: [String]
        }
        let dryRun: Bool
        let revision: Int64
        let added: Int
        let changed: Int
        let unchanged: Int
        let changes: [Change]

        init(_ report: StrategyService.ImportReport) {
            dryRun = report.dryRun
            revision = report.revision
            added = report.added
            changed = report.changed
            unchanged = report.unchanged
            let target = report.file == .nodes ? "node" : "indicator"
            changes = report.changes.map { change in
                switch change.effect {
                case .added: Change(target: target, id: change.id, change: "added", fields: [])
                case .changed(let fields): Change(target: target, id: change.id, change: "changed", fields: fields)
                case .unchanged: Change(target: target, id: change.id, change: "unchanged", fields: [])
                }
            }
        }
    }

    func importCSV(_ file: StrategyCSV.File, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.editStrategy, context.principal, in: city.id)
        let id = try StrategyDocumentID(context)
        guard (request.headers[.contentType] ?? "").hasPrefix("text/csv") else { throw AppError.badRequest(code: "unsupported_content_type") }
        let dryRun: Bool
        switch request.uri.queryParameters.get("dryRun") {
        case nil, "false", "0": dryRun = false
        case "true", "1": dryRun = true
        default: throw AppError.invalid(code: "value_invalid", field: "dryRun")
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: Self.maximumCSV) } catch { throw AppError.payloadTooLarge }
        do {
            let report = try await services.strategy.importCSV(file, bytes: Data(buffer: body), into: id, dryRun: dryRun, city: city, principal: context.principal)
            return try JSONResponse.encode(ImportBody(report))
        } catch let refusal as ImportRefusal {
            throw refusal.appError
        }
    }

    /// `documents.csv|json`, `nodes.csv|json`, `indicators.csv|json`: the module's declared datasets.
    @Sendable func openData(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        return try OpenDataFile.download(
            try context.parameters.require("file"), prefix: "\(city.slug.rawValue)-strategy", datasets: StrategyOpenData.datasets, services: services,
            city: city)
    }

    @Sendable func iati(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let xml = try await services.strategy.iati(try StrategyDocumentID(context), city: city, language: context.language)
        var headers = HTTPFields()
        headers[.contentType] = "application/xml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
    }
}
