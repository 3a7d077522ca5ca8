import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// Strategies and programmes, monitored: each document's tree of goals,
/// objectives, measures and projects with their indicators (targets and
/// actuals by year, some computed by the other modules), progress rolled up
/// by published weights, links to the things that carry them out, and the
/// city's results report.
public struct StrategyModule: Module {
    public init() {}

    public var slug: ModuleSlug { .strategy }

    public var search: SearchSource? { StrategySearchSource.source }

    /// `/{city}/strategy` and the report at `/{city}/results`.
    public var pathSegments: Set<String> { ["strategy", "strategies", "results"] }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        StrategyPages(services: services).add(to: router)
        StrategyAPIController(services: services).add(to: router)
        StrategyDeskPages(services: services).add(to: router)
        StrategyNodeDeskPages(services: services).add(to: router)
        ResultsPages(services: services).add(to: router)
    }

    /// Вінниця's development and marketing strategies, Хмільник's tourism strategy, Ладижин's SME programme.
    public func seedDemo(_ demo: DemoWorld) async throws {
        try await StrategyDemoSeeder(services: demo.services).seed(demo.cities)
    }

    /// Budget projects, lots, sites and petitions show the tasks that point at them.
    public var linkReferrer: LinkReferrer? { StrategyLinks.referrer }
    public var linkTargets: [LinkTarget] { [StrategyLinks.document, StrategyLinks.node] }

    /// Documents, nodes and indicators: enough to redo every roll-up figure.
    public var openDatasets: [OpenDataset] { StrategyOpenData.datasets }

    /// The modules' computed figures, kept a minute (`ComputedFigures`).
    public func makeState() -> [any Sendable] { [ComputedFigures()] }

    public var uploadRoutes: [UploadRoute] { [.strategyImport, .strategyEntries] }

    public var staffLinks: [StaffLink] {
        [
            StaffLink(titleKey: "strategy.desk.link", path: "admin/strategy", for: [.editStrategy]),
            StaffLink(titleKey: "strategy.results.desk_link", path: "admin/results", for: [.publishResults]),
        ]
    }

    /// The council's ЄДРПОУ code, for the IATI export.
    public var textSettingFields: [CityTextSettingField] {
        [
            CityTextSettingField(
                name: "strategyCouncilCode", labelKey: "settings.strategy_council_code", hintKey: "settings.strategy_council_code_hint",
                problemCode: "settings_strategyCouncilCode", maxLength: 8, accept: StrategySettings.acceptCouncilCode,
                read: { $0.strategy.councilCode }, write: { $0.strategy.councilCode = $1 }),
        ]
    }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.editStrategy, in: [.admin]),
            CapabilityDeclaration(.publishResults, in: [.admin]),
        ]
    }
}

extension ModuleSlug {
    public static let strategy = ModuleSlug(rawValue: "strategy")
}
