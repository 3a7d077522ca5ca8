import HromadaDomain
import Hummingbird
import ServiceLifecycle

/// One of the platform's tools (participatory budget, e-petitions,
/// auctions, …) as the platform sees it. Everything the router, the city
/// home page, the settings, the staff desk, the demo and the background
/// loop need from a module is declared here, and they all loop over the
/// registry (`ModuleRegistry`): nothing else lists modules.
///
/// A module's card on the city home page reads the locale keys
/// `modules.<slug>.name` and `modules.<slug>.description`.
public protocol Module: Sendable {
    /// Its name in paths and in a city's `enabledModules`.
    var slug: ModuleSlug { get }
    /// The first path segments it owns after `/{city}/`, `/{city}/admin/`
    /// and `/api/v1/{city}/` (its own slug, and any other such as the
    /// auctions' `property`). A city that switches the module off answers
    /// 404 on every one of them: pages, API, socket and open data.
    var pathSegments: Set<String> { get }
    /// Its pages and API.
    func addRoutes(to router: Router<AppRequestContext>, services: AppServices)
    /// Its WebSocket endpoints, if any.
    func addSockets(to router: Router<LiveSocketContext>, services: AppServices)
    /// What runs in the background while the server serves.
    func backgroundServices(_ services: AppServices) -> [any Service]
    /// Its share of the demo: `demo` names the demo's cities and people.
    func seedDemo(_ demo: DemoWorld) async throws
    /// Links on the city's staff desk, each shown to those allowed its action.
    var staffLinks: [StaffLink] { get }
}

extension Module {
    public var pathSegments: Set<String> { [slug.rawValue] }
    public func addSockets(to router: Router<LiveSocketContext>, services: AppServices) {}
    public func backgroundServices(_ services: AppServices) -> [any Service] { [] }
    public func seedDemo(_ demo: DemoWorld) async throws {}
    public var staffLinks: [StaffLink] { [] }
}

/// A link on the staff desk: `path` follows the city's slug
/// (`admin/budgets` → `/vinnytsia/admin/budgets`).
public struct StaffLink: Sendable {
    public let titleKey: String
    public let path: String
    public let action: StaffAction

    public init(titleKey: String, path: String, action: StaffAction) {
        self.titleKey = titleKey
        self.path = path
        self.action = action
    }
}

/// What the demo seeder has made before the modules seed theirs.
public struct DemoWorld: Sendable {
    public let services: AppServices
    public let cities: [Municipality]
    /// Олена Шевчук, the verified resident of Вінниця who proposes, signs and votes.
    public let resident: AccountID?

    public func city(_ slug: String) -> Municipality? { cities.first { $0.slug.rawValue == slug } }
}

/// The deployment's modules, in the order their cards appear.
public struct ModuleRegistry: Sendable {
    public let modules: [any Module]
    private let owners: [String: ModuleSlug]

    public init(_ modules: [any Module]) {
        self.modules = modules
        var owners: [String: ModuleSlug] = [:]
        for module in modules {
            for segment in module.pathSegments {
                precondition(owners[segment] == nil, "two modules claim /\(segment)")
                owners[segment] = module.slug
            }
        }
        self.owners = owners
    }

    public var slugs: [ModuleSlug] { modules.map(\.slug) }

    /// The modules a city runs, in the registry's order.
    public func enabled(in city: Municipality) -> [any Module] {
        modules.filter { city.settings.enables($0.slug) }
    }

    /// The module that owns a route, from its pattern (`/{city}/admin/budgets/{edition}`,
    /// `/api/v1/{city}/auctions/{lot}/live`): the segment after the city's,
    /// or after `admin` there. Nil for the platform's own city pages.
    public func owner(ofEndpoint endpoint: String) -> ModuleSlug? {
        let segments = endpoint.split(separator: "/")
        guard let city = segments.firstIndex(where: { $0 == "{city}" || $0 == ":city" }) else { return nil }
        var next = segments.index(after: city)
        if next < segments.endIndex, segments[next] == "admin" { next = segments.index(after: next) }
        guard next < segments.endIndex else { return nil }
        return owners[String(segments[next])]
    }
}
