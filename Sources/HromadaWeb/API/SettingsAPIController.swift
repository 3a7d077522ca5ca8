import Foundation
import HromadaDomain
import Hummingbird

/// `GET` and `PATCH /api/v1/{city}/settings`: the city's settings, for its
/// admins (docs/interfaces.md). The same rules as the settings page: one
/// service validates, writes only over what was read, and audits.
struct SettingsAPIController {
    let services: AppServices

    func add(to router: Router<AppRequestContext>) {
        router.get("api/v1/:city/settings", use: show)
        router.patch("api/v1/:city/settings", use: change)
    }

    struct SettingsBody: Encodable {
        /// The modules the city runs, of those this deployment has.
        let enabledModules: [String]
        /// Every module this deployment has: what `enabledModules` may name.
        let availableModules: [String]
        let petitionSignatureThreshold: Int
        let petitionCollectionDays: Int
        let budgetMinimumAge: Int
        let contactEmail: String
        let acceptsIdentityAsResidency: Bool
    }

    /// Every field is optional: what a request leaves out stays as it is.
    struct SettingsPatch: Decodable {
        let enabledModules: [String]?
        let petitionSignatureThreshold: WholeNumber<InputRange.Count>?
        let petitionCollectionDays: WholeNumber<InputRange.Count>?
        let budgetMinimumAge: WholeNumber<InputRange.Age>?
        let contactEmail: String?
        let acceptsIdentityAsResidency: Bool?
    }

    func body(_ city: Municipality) -> SettingsBody {
        let settings = city.settings
        return SettingsBody(
            enabledModules: services.modules.enabled(in: city).map(\.slug.rawValue), availableModules: services.modules.slugs.map(\.rawValue),
            petitionSignatureThreshold: settings.petitionSignatureThreshold, petitionCollectionDays: settings.petitionCollectionDays,
            budgetMinimumAge: settings.budgetMinimumAge, contactEmail: settings.contactEmail,
            acceptsIdentityAsResidency: settings.acceptsIdentityAsResidency)
    }

    /// The city, if the caller may change its settings; others get a 404, as for every staff resource.
    func authorize(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try requireStaff(.editSettings, context.principal, in: city.id))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await authorize(context)
        return try JSONResponse.encode(body(city))
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, principal) = try await authorize(context)
        let patch = try await APIController.decode(SettingsPatch.self, request, context)
        var proposed = city.settings
        if let modules = patch.enabledModules {
            let known = services.modules.slugs.map(\.rawValue)
            if let index = modules.firstIndex(where: { !known.contains($0) }) {
                throw AppError.invalid(code: "settings_unknown_module", field: "enabledModules.\(index)")
            }
            proposed.enabledModules = services.modules.enabledModules(checked: modules, keeping: city.settings)
        }
        if let threshold = patch.petitionSignatureThreshold { proposed.petitionSignatureThreshold = threshold.value }
        if let days = patch.petitionCollectionDays { proposed.petitionCollectionDays = days.value }
        if let age = patch.budgetMinimumAge { proposed.budgetMinimumAge = age.value }
        if let email = patch.contactEmail { proposed.contactEmail = email.trimmingCharacters(in: .whitespaces) }
        if let accepts = patch.acceptsIdentityAsResidency { proposed.acceptsIdentityAsResidency = accepts }
        var changed = city
        changed.settings = try await CitySettingsService(services: services).save(proposed, of: city, by: principal)
        return try JSONResponse.encode(body(changed))
    }
}
