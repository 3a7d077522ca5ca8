import HromadaDomain
import HromadaStore

/// Changes a city's settings, from the settings page, the petition charter
/// page and `PATCH /api/v1/{city}/settings` alike: validated against the
/// deployment's modules, written only if the settings are still those the
/// change was decided from, and audited in the same transaction.
package struct CitySettingsService {
    package init(services: AppServices) { self.services = services }

    package let services: AppServices

    /// The stored settings. `read` is the city as the caller loaded it.
    package func save(
        _ proposed: MunicipalitySettings, of city: Municipality, by principal: Principal, subject: String = "settings",
        details: [String: String] = [:]
    ) async throws -> MunicipalitySettings {
        let settings: MunicipalitySettings
        do { settings = try proposed.validated(modules: services.modules.slugs) } catch { throw Self.refusal(error) }
        for field in services.modules.settingFields where !field.range.contains(field.read(settings)) {
            throw AppError.invalid(code: field.problemCode, field: field.name)
        }
        for field in services.modules.textSettingFields where field.accepted(field.read(settings)) != field.read(settings) {
            throw AppError.invalid(code: field.problemCode, field: field.name)
        }
        let audit = services.audit, read = city.settings
        let stored = try await services.store.write { tx in
            guard try await tx.municipalities.updateSettings(settings, of: city.id, ifStill: read) else { return false }
            try await audit.record(
                tx, action: AuditAction.settingsChanged, actor: principal.accountID, municipality: city.id, subject: subject, details: details)
            return true
        }
        guard stored else { throw AppError.conflict(code: "settings_changed") }
        return settings
    }

    /// A settings rule broken, as a 422 naming the field (the API's name for it, which the forms use too).
    package static func refusal(_ problem: MunicipalitySettings.Problem) -> AppError {
        switch problem {
        case .invalidContactEmail: .invalid(code: "settings_invalidContactEmail", field: "contactEmail")
        }
    }
}
