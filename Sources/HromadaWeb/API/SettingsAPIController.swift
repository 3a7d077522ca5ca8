import Foundation
import HromadaDomain
import Hummingbird

/// `GET` and `PATCH /api/v1/{city}/settings`: the city's settings, for its
/// admins (docs/interfaces.md). The same rules as the settings page: one
/// service validates, writes only over what was read, and audits.
struct SettingsAPIController {
    package let services: AppServices

    package func add(to router: Router<AppRequestContext>) {
        router.get("api/v1/:city/settings", use: show)
        router.patch("api/v1/:city/settings", use: change)
    }

    /// The platform's settings and every module's fields (`CitySettingField`).
    struct SettingsBody: Encodable {
        /// The modules the city runs, of those this deployment has.
        package let enabledModules: [String]
        /// Every module this deployment has: what `enabledModules` may name.
        let availableModules: [String]
        package let contactEmail: String
        package let acceptsIdentityAsResidency: Bool
        /// Who may comment: `verified`, `signed_in` or `off`.
        package var commentPolicy = CommentPolicy.verified.rawValue
        /// The box the city's territory lies in, or nil.
        package var territory: GeoBox? = nil
        /// Each module field by its name (`petitionSignatureThreshold`, `budgetMinimumAge`, …).
        package let moduleFields: [String: Int]
        /// Each module text field by its name (`openDataPublisherCode`, …).
        package var textFields: [String: String] = [:]

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: NamedCodingKey.self)
            try container.encode(enabledModules, forKey: NamedCodingKey("enabledModules"))
            try container.encode(availableModules, forKey: NamedCodingKey("availableModules"))
            for (name, value) in moduleFields.sorted(by: { $0.key < $1.key }) { try container.encode(value, forKey: NamedCodingKey(name)) }
            for (name, value) in textFields.sorted(by: { $0.key < $1.key }) { try container.encode(value, forKey: NamedCodingKey(name)) }
            try container.encode(contactEmail, forKey: NamedCodingKey("contactEmail"))
            try container.encode(acceptsIdentityAsResidency, forKey: NamedCodingKey("acceptsIdentityAsResidency"))
            try container.encode(territory, forKey: NamedCodingKey("territory"))
            try container.encode(commentPolicy, forKey: NamedCodingKey("commentPolicy"))
        }
    }

    /// Every field is optional: what a request leaves out stays as it is.
    struct SettingsPatch: Decodable {
        /// The decoder's user info under this key names the module fields to read.
        package static let moduleFieldNames = CodingUserInfoKey(rawValue: "moduleFieldNames")
        /// … and under this key the module text fields to read.
        package static let textFieldNames = CodingUserInfoKey(rawValue: "textFieldNames")

        package let enabledModules: [String]?
        package let contactEmail: String?
        package let acceptsIdentityAsResidency: Bool?
        package let commentPolicy: String?
        /// Absent: unchanged; `null`: no territory; an object: the new box, checked by `GeoBox`.
        package let territory: Territory?
        package let clearsTerritory: Bool
        package let moduleFields: [String: Int]

        /// The box as sent, before `GeoBox` checks it (so a bad one is a 422 naming the field).
        struct Territory: Decodable {
            let west: Double
            let south: Double
            let east: Double
            let north: Double
        }
        package let textFields: [String: String]

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: NamedCodingKey.self)
            enabledModules = try container.decodeIfPresent([String].self, forKey: NamedCodingKey("enabledModules"))
            contactEmail = try container.decodeIfPresent(String.self, forKey: NamedCodingKey("contactEmail"))
            acceptsIdentityAsResidency = try container.decodeIfPresent(Bool.self, forKey: NamedCodingKey("acceptsIdentityAsResidency"))
            commentPolicy = try container.decodeIfPresent(String.self, forKey: NamedCodingKey("commentPolicy"))
            let territoryKey = NamedCodingKey("territory")
            clearsTerritory = container.contains(territoryKey) ? try container.decodeNil(forKey: territoryKey) : false
            territory = clearsTerritory ? nil : try container.decodeIfPresent(Territory.self, forKey: territoryKey)
            var fields: [String: Int] = [:]
            let names = Self.moduleFieldNames.flatMap { decoder.userInfo[$0] as? [String] } ?? []
            for name in names {
                if let value = try container.decodeIfPresent(WholeNumber<InputRange.Count>.self, forKey: NamedCodingKey(name)) { fields[name] = value.value }
            }
            moduleFields = fields
            var texts: [String: String] = [:]
            for name in Self.textFieldNames.flatMap({ decoder.userInfo[$0] as? [String] }) ?? [] {
                if let value = try container.decodeIfPresent(String.self, forKey: NamedCodingKey(name)) { texts[name] = value }
            }
            textFields = texts
        }
    }

    package func body(_ city: Municipality) -> SettingsBody {
        let settings = city.settings
        var body = SettingsBody(
            enabledModules: services.modules.enabled(in: city).map(\.slug.rawValue), availableModules: services.modules.slugs.map(\.rawValue),
            contactEmail: settings.contactEmail, acceptsIdentityAsResidency: settings.acceptsIdentityAsResidency,
            moduleFields: Dictionary(services.modules.settingFields.map { ($0.name, $0.read(settings)) }) { first, _ in first })
        body.territory = settings.territory
        body.commentPolicy = settings.commentPolicy.rawValue
        body.textFields = Dictionary(services.modules.textSettingFields.map { ($0.name, $0.read(settings)) }) { first, _ in first }
        return body
    }

    /// The city, if the caller may change its settings; others get a 404, as for every staff resource.
    func authorize(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try requireStaff(.editSettings, context.principal, in: city.id))
    }

    @Sendable package func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await authorize(context)
        return try JSONResponse.encode(body(city))
    }

    @Sendable package func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, principal) = try await authorize(context)
        let fields = services.modules.settingFields, texts = services.modules.textSettingFields
        var userInfo: [CodingUserInfoKey: any Sendable] = [:]
        if let key = SettingsPatch.moduleFieldNames { userInfo[key] = fields.map(\.name) }
        if let key = SettingsPatch.textFieldNames { userInfo[key] = texts.map(\.name) }
        let patch = try await APIController.decode(SettingsPatch.self, request, context, userInfo: userInfo)
        var proposed = city.settings
        if let modules = patch.enabledModules {
            let known = services.modules.slugs.map(\.rawValue)
            if let index = modules.firstIndex(where: { !known.contains($0) }) {
                throw AppError.invalid(code: "settings_unknown_module", field: "enabledModules.\(index)")
            }
            proposed.enabledModules = services.modules.enabledModules(checked: modules, keeping: city.settings)
        }
        for field in fields { if let value = patch.moduleFields[field.name] { field.write(&proposed, value) } }
        for field in texts {
            guard let typed = patch.textFields[field.name] else { continue }
            guard let value = field.accepted(typed) else { throw AppError.invalid(code: field.problemCode, field: field.name) }
            field.write(&proposed, value)
        }
        if let email = patch.contactEmail { proposed.contactEmail = email.trimmingCharacters(in: .whitespaces) }
        if let accepts = patch.acceptsIdentityAsResidency { proposed.acceptsIdentityAsResidency = accepts }
        if let typed = patch.commentPolicy {
            guard let policy = CommentPolicy(rawValue: typed) else { throw AppError.invalid(code: "settings_comment_policy", field: "commentPolicy") }
            proposed.commentPolicy = policy
        }
        if patch.clearsTerritory { proposed.territory = nil }
        if let box = patch.territory {
            guard let territory = try? GeoBox(west: box.west, south: box.south, east: box.east, north: box.north) else {
                throw AppError.invalid(code: "settings_territory", field: "territory")
            }
            proposed.territory = territory
        }
        var changed = city
        changed.settings = try await CitySettingsService(services: services).save(proposed, of: city, by: principal)
        return try JSONResponse.encode(body(changed))
    }
}
