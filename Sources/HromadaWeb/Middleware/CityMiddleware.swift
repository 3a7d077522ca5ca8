import HromadaDomain
import Hummingbird

/// A request context that carries the city its route names.
public protocol CityRequestContext: RequestContext {
    var city: Municipality? { get set }
}

/// Loads the city named by a route's `{city}` once per request, into
/// `context.city`, and answers 404 for an unknown city or for a module that
/// city has switched off: its pages, API, open data and live socket alike
/// (docs/interfaces.md, issue 14). Runs after the router has matched, so the
/// route's pattern says which module owns the request (on the platform's
/// open-data paths, `/api/v1/{city}/open-data/{module}/…`, the module its
/// `{module}` names); one instance serves the page router and the socket router.
struct CityMiddleware<Context: CityRequestContext>: RouterMiddleware {
    package let services: AppServices

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let slug = context.parameters.get("city") else { return try await next(request, context) }
        guard !Slug.reserved.contains(slug), let city = try await services.store.read({ try await $0.municipalities.find(slug: slug) }) else {
            throw AppError.notFound
        }
        if let endpoint = context.endpointPath, let module = services.modules.owner(ofEndpoint: endpoint, module: context.parameters.get("module")),
           !city.settings.enables(module) {
            throw AppError.notFound
        }
        var context = context
        context.city = city
        return try await next(request, context)
    }
}
