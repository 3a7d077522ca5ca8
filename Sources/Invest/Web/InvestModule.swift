import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The investment portal: the city's passport of figures with their years
/// and sources, the catalogue of sites offered to investors (searchable, as
/// JSON and GeoJSON), and matching a need to sites.
public struct InvestModule: Module {
    public init() {}

    public var slug: ModuleSlug { .invest }

    public var search: SearchSource? { InvestSearchSource.source }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        InvestAPIController(services: services).add(to: router)
        InvestPages(services: services).add(to: router)
        InvestAdminPages(services: services).add(to: router)
        EnquiryPages(services: services).add(to: router)
        EnquiryAdminPages(services: services).add(to: router)
        OblastPassportPages(services: services).add(to: router)
        MatchPages(services: services).add(to: router)
        ProgrammePages(services: services).add(to: router)
        SiteFormPages(services: services).add(to: router)
        SiteFilesPages(services: services).add(to: router)
    }

    /// Vinnytsia's passport and sites in all four cities; the figures are illustrative and say so.
    public func seedDemo(_ demo: DemoWorld) async throws {
        try await InvestDemoSeeder(services: demo.services).seed(demo.cities)
    }

    public var uploadRoutes: [UploadRoute] { [.investPassport, .oblastPassport, .investSitePhotos, .investSiteDocuments] }

    /// The charter's promise to investors: working days to a first answer and to a shortlist.
    public var settingFields: [CitySettingField] {
        [
            CitySettingField(
                name: "investFirstAnswerDays", labelKey: "settings.invest_first_answer_days", range: EnquiryRules.dayRange,
                problemCode: "settings_investFirstAnswerDays", read: { $0.investEnquiries.firstAnswerWorkingDays },
                write: { $0.investEnquiries.firstAnswerWorkingDays = $1 }),
            CitySettingField(
                name: "investShortlistDays", labelKey: "settings.invest_shortlist_days", range: EnquiryRules.dayRange,
                problemCode: "settings_investShortlistDays", read: { $0.investEnquiries.shortlistWorkingDays },
                write: { $0.investEnquiries.shortlistWorkingDays = $1 }),
        ]
    }

    public var staffLinks: [StaffLink] {
        [
            StaffLink(titleKey: "invest.desk.link", path: "admin/invest", for: [.manageInvest]),
            StaffLink(titleKey: "invest.queue.link", path: "admin/invest/enquiries", for: [.answerEnquiries]),
        ]
    }

    /// Sites, passport figures and the enquiries' timeliness by month; nothing about who asked.
    public var openDatasets: [OpenDataset] { InvestOpenData.datasets }

    /// Its sites on offer, for a strategy's measures to point at.
    public var linkTargets: [LinkTarget] { [InvestLinks.site] }

    /// Investors answered on time, year by year, and the sites on offer now.
    public var computedIndicators: [ComputedIndicator] { InvestIndicators.all }

    /// Its investment programmes, listed with the city's strategies.
    public var strategicDocuments: StrategicDocumentSource? { InvestProgrammeDocuments.source }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.manageInvest, in: [.admin]),
            CapabilityDeclaration(.answerEnquiries, in: [.moderator, .admin]),
        ]
    }
}

extension ModuleSlug {
    public static let invest = ModuleSlug(rawValue: "invest")
}
