import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird
import ServiceLifecycle

/// Business support: the city's SME programmes' calls from the call to the
/// payout and the recipients' reported results, the directory of business
/// associations, clusters, cooperatives and social enterprises, and
/// trainings with registration (docs/business.md).
public struct BusinessModule: Module {
    public init() {}

    public var slug: ModuleSlug { .business }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        BusinessPages(services: services).add(to: router)
        ApplicationPages(services: services).add(to: router)
        ReviewPages(services: services).add(to: router)
        CommitteePages(services: services).add(to: router)
        FundPages(services: services).add(to: router)
        CallEditorPages(services: services).add(to: router)
        EventPages(services: services).add(to: router)
        DirectoryPages(services: services).add(to: router)
        BusinessOpenData.add(to: router, services: services)
    }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.businessProgrammes, in: [.admin]),
            CapabilityDeclaration(.businessReview, in: [.admin]),
            CapabilityDeclaration(.businessScore, in: [.admin]),
            CapabilityDeclaration(.businessDirectory, in: [.moderator, .admin]),
            CapabilityDeclaration(.businessEvents, in: [.moderator, .admin]),
        ]
    }

    public var staffLinks: [StaffLink] {
        [
            StaffLink(titleKey: "business.editor.staff_link", path: "admin/business/calls", for: CallEditorPages.staffCapabilities),
            StaffLink(titleKey: "business.events.desk_link", path: "admin/business/events", for: [.businessEvents]),
            StaffLink(titleKey: "business.dir.admin.link", path: "admin/business/directory", for: [.businessDirectory]),
        ]
    }

    /// Calls, and once decided their ranked applications and the committee's scores.
    public var openDatasets: [OpenDataset] { BusinessOpenData.datasets }

    /// The recipients' report reminders, and each participant's the day before their event.
    public func backgroundServices(_ services: AppServices) -> [any Service] {
        [
            ReportReminders(services: services).task(),
            PeriodicTask("business event reminders", every: .seconds(60), logger: services.logger) { try await EventService(services: services).remindAll() },
        ]
    }

    /// Each city's calls in their phases, the directory and trainings (docs/business.md).
    public func seedDemo(_ demo: DemoWorld) async throws {
        try await BusinessDemoSeeder(services: demo.services).seed(demo)
    }

    /// A published call, which residents follow.
    public var linkTargets: [LinkTarget] { [BusinessFollows.call] }

    /// A followed call's opening and closing, by its dates.
    public var followSchedule: FollowSchedule? { BusinessFollows.schedule }

    /// Calls announced and decided, and trainings, in the city's feed and calendar.
    public var news: NewsSource? { BusinessNews.source }

    /// Published calls, the directory and the events in the city's search.
    public var search: SearchSource? { BusinessSearchSource.source }

    public var uploadRoutes: [UploadRoute] { [.businessDocument] }

    /// Jobs the recipients reported creating, and the support paid, year by year.
    public var computedIndicators: [ComputedIndicator] { BusinessIndicators.all }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }
}

extension ModuleSlug {
    public static let business = ModuleSlug(rawValue: "business")
}
