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
    }

    struct ListBody: Encodable {
        let items: [DocumentBody]
        /// Plans other modules keep (the investment programme), listed beside the city's own.
        let provided: [ProvidedBody]
    }

    func documentID(_ context: AppRequestContext) throws -> StrategyDocumentID {
        let raw = try context.parameters.require("document")
        guard (1...64).contains(raw.utf8.count) else { throw AppError.notFound }
        return StrategyDocumentID(rawValue: raw)
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
        let stored = try await services.strategy.document(try documentID(context), in: city.id)
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
        let id = try documentID(context)
        let input = try await APIController.decode(DocumentInput.self, request, context)
        guard let revision = input.revision else { throw AppError.invalid(code: "value_required", field: "revision") }
        let stored = try await services.strategy.change(id, to: try input.document(), ifRevision: revision, city: city, principal: context.principal)
        return try JSONResponse.encode(DocumentBody(stored, view: try await services.strategy.view(of: stored, city: city), city: city))
    }
}
