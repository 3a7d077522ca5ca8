import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird
import ServiceLifecycle

/// Electronic petitions to the city council, under each city's charter.
public struct PetitionsModule: Module {
    public init() {}

    public var slug: ModuleSlug { .petitions }

    public var search: SearchSource? { PetitionSearchSource.source }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        PetitionAPIController(services: services).add(to: router)
        PetitionPages(services: services).add(to: router)
    }

    public func backgroundServices(_ services: AppServices) -> [any Service] {
        [PetitionScheduler(services: services)]
    }

    /// Each city's charter, then petitions in every city; Олена's own in Вінниця.
    public func seedDemo(_ demo: DemoWorld) async throws {
        for city in demo.cities {
            let city = try await PetitionDemoSeeder.adoptCharter(of: city, services: demo.services)
            try await PetitionDemoSeeder(services: demo.services).seed(into: city, olena: city.slug.rawValue == "vinnytsia" ? demo.resident : nil)
        }
    }

    /// The threshold and the collection period; the rest of the charter has a page of its own.
    public var settingFields: [CitySettingField] {
        [
            CitySettingField(
                name: "petitionSignatureThreshold", labelKey: "settings.threshold", range: PetitionSettings.thresholdRange,
                problemCode: "settings_thresholdOutOfRange", read: { $0.petitionSignatureThreshold }, write: { $0.petitionSignatureThreshold = $1 }),
            CitySettingField(
                name: "petitionCollectionDays", labelKey: "settings.collection_days", range: PetitionSettings.collectionDaysRange,
                problemCode: "settings_collectionDaysOutOfRange", read: { $0.petitionCollectionDays }, write: { $0.petitionCollectionDays = $1 }),
        ]
    }

    public var staffLinks: [StaffLink] {
        [
            StaffLink(titleKey: "admin.petitions_link", path: "admin/petitions", for: [.moderatePetition]),
            StaffLink(titleKey: "admin.petitions_charter_link", path: "admin/petitions/settings", for: [.editSettings]),
        ]
    }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    /// Public petitions and their signers (names and dates only).
    public var openDatasets: [OpenDataset] { PetitionOpenData.datasets }

    /// Its public petitions, for a strategy's measures to point at.
    public var linkTargets: [LinkTarget] { [PetitionLinks.petition] }

    /// Petitions answered on time and petitions published, year by year.
    public var computedIndicators: [ComputedIndicator] { PetitionIndicators.all }

    /// New petitions and answers, for the city's feed.
    public var news: NewsSource? { PetitionNews.source }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.moderatePetition, in: [.moderator, .admin]),
            CapabilityDeclaration(.answerPetition, in: [.admin]),
        ]
    }
}

extension ModuleSlug {
    public static let petitions = ModuleSlug(rawValue: "petitions")
}
