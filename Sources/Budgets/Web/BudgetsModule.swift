import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird
import ServiceLifecycle

/// The participatory budget: editions, proposals, review, voting (online
/// and paper), results and delivery.
public struct BudgetsModule: Module {
    public init() {}

    public var slug: ModuleSlug { .budgets }

    public var search: SearchSource? { BudgetSearchSource.source }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        BudgetAPIController(services: services).add(to: router)
        BudgetPages(services: services).add(to: router)
        BudgetAdminPages(services: services).add(to: router)
        BudgetPhotoPages(services: services).add(to: router)
        BudgetEditionPages(services: services).add(to: router)
    }

    public func backgroundServices(_ services: AppServices) -> [any Service] {
        [BallotAuditMixer(store: services.store, box: services.ballotBox, clock: services.clock, logger: services.logger)]
    }

    /// The counts of editions whose ballots have not changed (`KeptCounts`).
    public func makeState() -> [any Sendable] { [KeptCounts()] }

    /// Вінниця's editions, with Олена's proposals and the demo's ballots.
    public func seedDemo(_ demo: DemoWorld) async throws {
        guard let vinnytsia = demo.city("vinnytsia"), let author = demo.resident else { return }
        try await BudgetDemoSeeder(services: demo.services).seed(into: vinnytsia, author: author)
    }

    /// Results and delivery updates, and each edition's dates, for the city's feed and calendar.
    public var news: NewsSource? { BudgetNews.source }

    public var uploadRoutes: [UploadRoute] { [.budgetProjectPhotos] }

    public var settingFields: [CitySettingField] {
        [
            CitySettingField(
                name: "budgetMinimumAge", labelKey: "settings.minimum_age", range: BudgetSettings.minimumAgeRange,
                problemCode: "settings_minimumAgeOutOfRange", read: { $0.budgetMinimumAge }, write: { $0.budgetMinimumAge = $1 }),
        ]
    }

    public var staffLinks: [StaffLink] {
        [StaffLink(titleKey: "admin.budgets_link", path: "admin/budgets", for: [.reviewBudgetProject, .enterPaperBallot, .manageBudget])]
    }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    /// Projects and ballots of every edition whose results are out.
    public var openDatasets: [OpenDataset] { BudgetOpenData.datasets }

    /// Its projects, for a strategy's measures to point at.
    public var linkTargets: [LinkTarget] { [BudgetLinks.project, BudgetLinks.edition] }
    public var followSchedule: FollowSchedule? { BudgetFollows.schedule }

    /// Ballots cast, turnout and projects delivered, year by year.
    public var computedIndicators: [ComputedIndicator] { BudgetIndicators.all }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.reviewBudgetProject, in: [.moderator, .admin]),
            CapabilityDeclaration(.enterPaperBallot, in: [.moderator, .admin]),
            CapabilityDeclaration(.manageBudget, in: [.admin]),
        ]
    }
}

extension ModuleSlug {
    public static let budgets = ModuleSlug(rawValue: "budgets")
}
