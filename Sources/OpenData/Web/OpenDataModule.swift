import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird
import ServiceLifecycle

/// The open-data catalogue: one per city (`/{city}/opendata`) and one per
/// oblast, built from the datasets every module declares, with each
/// dataset's Resolution 835 passport, its Frictionless data package, the
/// catalogue in DCAT-AP 3, and the CKAN Action API that data.gov.ua
/// harvests. It publishes nothing of its own: the rows are the modules'.
public struct OpenDataModule: Module {
    public init() {}

    public var slug: ModuleSlug { .opendata }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        let catalogue = services.moduleState(Catalogue.self) ?? Catalogue()
        CKANActionAPI(services: services, catalogue: catalogue).add(to: router)
        CataloguePages(services: services, catalogue: catalogue).add(to: router)
    }

    public func makeState() -> [any Sendable] { [Catalogue()] }

    /// Every city checked again each minute: what the clock alone changes
    /// (an edition reaching its results) reaches the catalogue within it.
    public func backgroundServices(_ services: AppServices) -> [any Service] {
        guard let catalogue = services.moduleState(Catalogue.self) else { return [] }
        return [PeriodicTask("open-data catalogue", every: catalogue.recheckInterval, logger: services.logger) { try await catalogue.recheckAll(services) }]
    }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    /// The publisher's codes, the licence and the person responsible (Resolution 835 passports name them).
    public var textSettingFields: [CityTextSettingField] {
        [
            CityTextSettingField(
                name: "openDataPublisherCode", labelKey: "settings.opendata_publisher_code", hintKey: "settings.opendata_publisher_code_hint",
                problemCode: "settings_openDataPublisherCode", maxLength: 8, accept: OpenDataSettings.acceptPublisherCode,
                read: { $0.openData.publisherCode }, write: { $0.openData.publisherCode = $1 }),
            CityTextSettingField(
                name: "openDataTerritoryCode", labelKey: "settings.opendata_territory_code", hintKey: "settings.opendata_territory_code_hint",
                problemCode: "settings_openDataTerritoryCode", maxLength: 19, accept: OpenDataSettings.acceptTerritoryCode,
                read: { $0.openData.territoryCode }, write: { $0.openData.territoryCode = $1 }),
            CityTextSettingField(
                name: "openDataLicence", labelKey: "settings.opendata_licence", problemCode: "settings_openDataLicence", maxLength: 20,
                choices: OpenLicence.allCases.map { ($0.rawValue, "opendata.licence.\($0.rawValue)") }, accept: OpenDataSettings.acceptLicence,
                read: { $0.openData.licence.rawValue }, write: { settings, value in settings.openData.licence = OpenLicence(rawValue: value) ?? .ccBy40 }),
            CityTextSettingField(
                name: "openDataResponsibleName", labelKey: "settings.opendata_responsible_name", problemCode: "settings_openDataResponsibleName",
                maxLength: 200, accept: OpenDataSettings.acceptName,
                read: { $0.openData.responsibleName }, write: { $0.openData.responsibleName = $1 }),
            CityTextSettingField(
                name: "openDataResponsibleEmail", labelKey: "settings.opendata_responsible_email", problemCode: "settings_openDataResponsibleEmail",
                inputType: "email", maxLength: 254, accept: OpenDataSettings.acceptEmail,
                read: { $0.openData.responsibleEmail }, write: { $0.openData.responsibleEmail = $1 }),
        ]
    }

    /// Illustrative publisher settings for the demo's cities (the page says they are).
    public func seedDemo(_ demo: DemoWorld) async throws {
        for city in demo.cities {
            let id = city.id
            // Other modules have changed the settings since the world was made (the petition charter): read them again.
            guard let current = try await demo.services.store.read({ try await $0.municipalities.find(id: id) }) else { continue }
            var settings = current.settings
            settings.openData.publisherCode = OpenDataDemo.publisherCodes[city.slug.rawValue] ?? ""
            settings.openData.territoryCode = OpenDataDemo.territoryCodes[city.slug.rawValue] ?? ""
            settings.openData.responsibleName = demo.services.localizer.string("opendata.demo_responsible", .uk)
            settings.openData.responsibleEmail = "opendata@\(city.slug.rawValue).example.org"
            let chosen = settings, read = current.settings
            _ = try await demo.services.store.write { try await $0.municipalities.updateSettings(chosen, of: id, ifStill: read) }
        }
    }
}

/// The demo's publisher codes: in the codes' shape (the ЄДРПОУ ones pass
/// the check digit) but illustrative, not the councils' real registrations.
enum OpenDataDemo {
    static let publisherCodes = ["vinnytsia": "12345678", "ladyzhyn": "23456783", "khmilnyk": "34567896", "zhmerynka": "45678900"]
    static let territoryCodes = [
        "vinnytsia": "UA05020030000031572", "ladyzhyn": "UA05120070000071358", "khmilnyk": "UA05100150000083410",
        "zhmerynka": "UA05040030000066104",
    ]
}

extension ModuleSlug {
    public static let opendata = ModuleSlug(rawValue: "opendata")
}
