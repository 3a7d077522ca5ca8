import HromadaDomain
import Hummingbird

/// Loads the city named by a route's `{city}` once per request, into
/// `context.city`, and answers 404 for an unknown city or for a module that
/// city has switched off: its pages, API, open data and socket alike
/// (docs/interfaces.md, issue 14). Runs after the router has matched, so the
/// route's pattern says which module owns the request.
struct CityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let slug = context.parameters.get("city") else { return try await next(request, context) }
        var context = context
        context.city = try await CityGate(services: services).open(slug: slug, endpoint: context.endpointPath)
        return try await next(request, context)
    }
}

/// The same gate for the WebSocket router, whose context is its own.
struct ModuleGate<Context: RequestContext>: RouterMiddleware {
    let services: AppServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let slug = context.parameters.get("city") {
            _ = try await CityGate(services: services).open(slug: slug, endpoint: context.endpointPath)
        }
        return try await next(request, context)
    }
}

/// The rule both share.
struct CityGate {
    let services: AppServices

    /// The city, if it exists and runs the module that owns `endpoint`.
    func open(slug: String, endpoint: String?) async throws -> Municipality {
        guard !Slug.reserved.contains(slug), let city = try await services.store.read({ try await $0.municipalities.find(slug: slug) }) else {
            throw AppError.notFound
        }
        if let endpoint, let module = services.modules.owner(ofEndpoint: endpoint), !city.settings.enables(module) {
            throw AppError.notFound
        }
        return city
    }
}
