import Foundation
import HromadaDomain
import Hummingbird

extension AppServices {
    /// The deployment's geocoder, when `HROMADA_GEOCODER_URL` is set.
    package var geocoder: Geocoder? {
        configuration.geocoderURL.map { Geocoder(base: $0, userAgent: "Hromada (\(configuration.publicBaseURL))") }
    }

    /// What a search for an address came to.
    package enum GeocodeOutcome: Sendable, Equatable {
        case notConfigured
        /// The service did not answer usably: the person taps the map or types the place instead.
        case unavailable
        case found([Geocoder.Found])
    }

    /// Places for an address typed on a form, within the city, for a signed-in
    /// person under their own budget (a 429 past it).
    package func geocode(_ query: String, in city: Municipality, for account: AccountID, language: Language) async throws -> GeocodeOutcome {
        guard let geocoder else { return .notConfigured }
        try await rateLimiter.check(.geocodingPerAccount, subject: account.rawValue)
        do {
            return .found(try await geocoder.search(query, within: city.settings.placeBounds, language: language))
        } catch {
            // The service's trouble is not the person's, and never a 5xx of ours: the form still works by tapping the map.
            logger.warning("geocoder unavailable", metadata: ["reason": "\(error)"])
            return .unavailable
        }
    }
}

/// `GET /{city}/geocode?q=`: what the form's "find on the map" button asks
/// for. Signed-in people only (a form with a place needs an account anyway),
/// so an anonymous script cannot spend the deployment's geocoder budget.
struct GeocodeController {
    let services: AppServices

    func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/geocode", use: geocode)
    }

    struct Answer: Encodable {
        let items: [Geocoder.Found]
        /// False when the service did not answer: the page says to tap the map instead.
        let available: Bool
    }

    @Sendable func geocode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { throw AppError.notSignedIn }
        let query = request.uri.queryParameters.get("q") ?? ""
        switch try await services.geocode(query, in: city, for: account.id, language: context.language) {
        case .notConfigured: throw AppError.notFound
        case .unavailable: return try JSONResponse.encode(Answer(items: [], available: false))
        case .found(let found): return try JSONResponse.encode(Answer(items: found, available: true))
        }
    }
}
