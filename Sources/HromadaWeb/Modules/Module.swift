import Foundation
import HromadaDomain
import HromadaStore
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
    /// What its staff may do, each with the built-in roles that include it.
    var capabilities: [CapabilityDeclaration] { get }
    /// Its own folder of resources, each part merged into the platform's
    /// (a name defined twice stops the start):
    /// - `Locales/uk.json`, `Locales/en.json`: its strings (its card's name
    ///   and description, its capabilities' titles, its pages' strings);
    /// - `Templates/*.mustache`: its pages, rendered in the shared layout;
    /// - `openapi.json`: its `paths` and `components.schemas` (`OpenAPIDocument`).
    /// (and `Migrations/{sqlite,postgres}/NNNN_name.sql`: its tables).
    var resources: URL? { get }
    /// The routes of its pages that take a multipart upload (a photo, a PDF).
    var uploadRoutes: [UploadRoute] { get }
    /// Whole-number settings it puts on the city settings page and in the
    /// settings API, each stored in its section of the city's settings.
    var settingFields: [CitySettingField] { get }
    /// Text settings it puts there too (the open-data publisher's codes, the
    /// licence, the responsible person), each checked by the field itself.
    var textSettingFields: [CityTextSettingField] { get }
    /// Objects it keeps for the whole process, made once at start and
    /// reached through `AppServices.moduleState(_:)`.
    func makeState() -> [any Sendable]
    /// Runs at each start of a demo server with background services (the
    /// auctions schedule a live demo auction a minute ahead).
    func startDemoServe(_ services: AppServices) async throws
    /// The open datasets it publishes (`OpenDataset`), each with its fields
    /// and the query that makes its rows. The platform lists them at
    /// `/api/v1/{city}/open-data`, serves them at
    /// `/api/v1/{city}/open-data/<slug>/<dataset>.csv|json` and links them
    /// from the city home page; a city that switches the module off answers
    /// 404 for them too. Their titles, descriptions and fields' descriptions
    /// are its strings.
    var openDatasets: [OpenDataset] { get }
    /// Figures it reports at each `/metrics` scrape, read then (the
    /// auctions' live watchers). Work it counts as it goes (ballots,
    /// signatures, bids) it counts itself through swift-metrics.
    func metricSamples(_ services: AppServices) async -> [MetricSample]
    /// The kinds of its things other modules may point at (`LinkKind`),
    /// each with how to find one by id and what staff may pick from.
    var linkTargets: [LinkTarget] { get }
    /// How it says which of its things point at others' (`LinkReferrer`), if any do.
    var linkReferrer: LinkReferrer? { get }
    /// The figures it can work out for a city and a year from its own data
    /// (turnout, petitions answered on time), which a strategy's indicator
    /// may follow and the results report shows (`ComputedIndicator`).
    var computedIndicators: [ComputedIndicator] { get }
    /// The plans it keeps itself (the investment portal's programme), which
    /// the strategy module lists beside its own documents.
    var strategicDocuments: StrategicDocumentSource? { get }
    /// Its news for the city's Atom feed and its dated events for the city's
    /// calendar (`NewsSource`), if it has any.
    var news: NewsSource? { get }
    /// What of its things the city's search finds (`SearchSource`), if any.
    var search: SearchSource? { get }
    /// What happens to its things by the calendar (a phase opens, an auction
    /// starts), for the people who follow them (`FollowSchedule`), if anything
    /// does. What happens by a write it records itself (`tx.follows.record`).
    var followSchedule: FollowSchedule? { get }
}

/// A gauge a module reports on `/metrics`: a Prometheus name with its unit
/// (`hromada_<module>_<what>_<unit>`), its help text and labels.
public struct MetricSample: Sendable {
    public let name: String
    public let help: String
    public let labels: [(String, String)]
    public let value: Double

    public init(_ name: String, help: String, labels: [(String, String)] = [], value: Double) {
        self.name = name
        self.help = help
        self.labels = labels
        self.value = value
    }
}

extension Module {
    public var pathSegments: Set<String> { [slug.rawValue] }
    public func addSockets(to router: Router<LiveSocketContext>, services: AppServices) {}
    public func backgroundServices(_ services: AppServices) -> [any Service] { [] }
    public func seedDemo(_ demo: DemoWorld) async throws {}
    public var staffLinks: [StaffLink] { [] }
    public var capabilities: [CapabilityDeclaration] { [] }
    public var resources: URL? { nil }
    public var settingFields: [CitySettingField] { [] }
    public var textSettingFields: [CityTextSettingField] { [] }
    public var uploadRoutes: [UploadRoute] { [] }
    public func makeState() -> [any Sendable] { [] }
    public func startDemoServe(_ services: AppServices) async throws {}
    public var openDatasets: [OpenDataset] { [] }
    public func metricSamples(_ services: AppServices) async -> [MetricSample] { [] }
    public var linkTargets: [LinkTarget] { [] }
    public var linkReferrer: LinkReferrer? { nil }
    public var computedIndicators: [ComputedIndicator] { [] }
    public var strategicDocuments: StrategicDocumentSource? { nil }
    public var news: NewsSource? { nil }
    public var search: SearchSource? { nil }
    public var followSchedule: FollowSchedule? { nil }
}

/// A whole-number city setting of a module: its name is the settings form's
/// field and the settings API's JSON key (the API documents it from here).
public struct CitySettingField: Sendable {
    public let name: String
    /// The locale key of its label on the settings page.
    public let labelKey: String
    /// What a council may choose; outside it the save is refused with `problemCode`, naming the field.
    public let range: ClosedRange<Int>
    public let problemCode: String
    public let read: @Sendable (MunicipalitySettings) -> Int
    public let write: @Sendable (inout MunicipalitySettings, Int) -> Void

    public init(
        name: String, labelKey: String, range: ClosedRange<Int>, problemCode: String,
        read: @escaping @Sendable (MunicipalitySettings) -> Int, write: @escaping @Sendable (inout MunicipalitySettings, Int) -> Void
    ) {
        self.name = name
        self.labelKey = labelKey
        self.range = range
        self.problemCode = problemCode
        self.read = read
        self.write = write
    }
}

/// A text city setting of a module, on the settings page and in the
/// settings API like `CitySettingField`. `accept` turns what a person typed
/// into the value stored (trimmed, a code in its canonical form), or nil
/// when it is not acceptable; the save is then refused with `problemCode`,
/// naming the field. Nothing else checks it: the page, the API and the
/// settings service all ask `accept`.
public struct CityTextSettingField: Sendable {
    public let name: String
    public let labelKey: String
    /// The locale key of the hint under it, if any.
    public let hintKey: String?
    public let problemCode: String
    /// `text`, `email` or `url`: the input the page draws.
    public let inputType: String
    public let maxLength: Int
    /// A choice among these values (each with its label's locale key) instead of typed text.
    public let choices: [(value: String, labelKey: String)]?
    public let accept: @Sendable (String) -> String?
    public let read: @Sendable (MunicipalitySettings) -> String
    public let write: @Sendable (inout MunicipalitySettings, String) -> Void

    public init(
        name: String, labelKey: String, hintKey: String? = nil, problemCode: String, inputType: String = "text", maxLength: Int = 254,
        choices: [(value: String, labelKey: String)]? = nil, accept: @escaping @Sendable (String) -> String?,
        read: @escaping @Sendable (MunicipalitySettings) -> String, write: @escaping @Sendable (inout MunicipalitySettings, String) -> Void
    ) {
        self.name = name
        self.labelKey = labelKey
        self.hintKey = hintKey
        self.problemCode = problemCode
        self.inputType = inputType
        self.maxLength = maxLength
        self.choices = choices
        self.accept = accept
        self.read = read
        self.write = write
    }

    /// The value to store from what was typed, over the length limit or refused by `accept`: nil.
    public func accepted(_ typed: String) -> String? {
        guard typed.count <= maxLength else { return nil }
        return accept(typed)
    }
}

/// A capability as a module declares it: its name, the locale key of its
/// title (`capabilities.<area>.<verb>`, read on the staff desk) and the
/// built-in roles whose bundle includes it.
public struct CapabilityDeclaration: Sendable {
    public let capability: Capability
    public let roles: Set<Role>

    public init(_ capability: Capability, in roles: Set<Role>) {
        self.capability = capability
        self.roles = roles
    }

    public var titleKey: String { Self.titleKey(of: capability) }

    /// The locale key of a capability's title on the staff desk.
    public static func titleKey(of capability: Capability) -> String { "capabilities.\(capability.rawValue)" }

    /// The platform's own desk: people, residency, roles, settings, brand.
    public static let platform: [CapabilityDeclaration] = [
        .init(.viewPeople, in: [.moderator, .admin]),
        .init(.verifyResidentInPerson, in: [.moderator, .admin]),
        .init(.grantRole, in: [.admin]),
        .init(.editSettings, in: [.admin]),
        .init(.editBrand, in: [.admin]),
        .init(.moderateComments, in: [.moderator, .admin]),
    ]
}

/// An oblast capability (`oblast.<verb>`): what the staff of a whole oblast
/// may do there, with the oblast roles whose bundle includes it. Its title
/// reads `capabilities.oblast.<verb>` as a city capability's does. Kept
/// apart from the cities' declarations: a city never grants one, and an
/// oblast grants nothing else (docs/architecture.md, "Oblasts").
public struct OblastCapabilityDeclaration: Sendable {
    public let capability: Capability
    public let roles: Set<OblastRole>

    public init(_ capability: Capability, in roles: Set<OblastRole>) {
        self.capability = capability
        self.roles = roles
    }

    public var titleKey: String { CapabilityDeclaration.titleKey(of: capability) }

    /// The oblast's passport, report, catalogue and brand, all in `oblast_admin`.
    public static let platform: [OblastCapabilityDeclaration] = [
        .init(.editOblastPassport, in: [.oblastAdmin]),
        .init(.publishOblastReport, in: [.oblastAdmin]),
        .init(.editOblastCatalogue, in: [.oblastAdmin]),
        .init(.editOblastBrand, in: [.oblastAdmin]),
    ]
}

/// A link on the staff desk, shown to those with any of `capabilities`:
/// `path` follows the city's slug (`admin/budgets` → `/vinnytsia/admin/budgets`).
public struct StaffLink: Sendable {
    public let titleKey: String
    public let path: String
    public let capabilities: Set<Capability>

    public init(titleKey: String, path: String, for capabilities: Set<Capability>) {
        self.titleKey = titleKey
        self.path = path
        self.capabilities = capabilities
    }

    public func isShown(to principal: Principal, in city: MunicipalityID) -> Bool {
        capabilities.contains { principal.may($0, in: city) }
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
    /// Every capability of the platform and its modules, the platform's first.
    public let capabilities: [CapabilityDeclaration]
    private let owners: [String: ModuleSlug]
    /// What each role gives, worked out once: sessions resolve grants on every request.
    private let bundles: [Role: Set<Capability>]
    private let known: Set<Capability>
    /// Every oblast capability: none of them a city's, and the other way round.
    public let oblastCapabilities: [OblastCapabilityDeclaration]
    private let oblastBundles: [OblastRole: Set<Capability>]
    private let knownInOblasts: Set<Capability>

    public init(_ modules: [any Module]) {
        self.modules = modules
        var owners: [String: ModuleSlug] = [:]
        var linkOwners: [LinkKind: ModuleSlug] = [:]
        for module in modules {
            for segment in module.pathSegments {
                precondition(owners[segment] == nil, "two modules claim /\(segment)")
                precondition(segment != Self.openDataSegment, "/\(segment) is the platform's open data")
                precondition(!Self.platformSegments.contains(segment), "/{city}/\(segment) is the platform's")
                owners[segment] = module.slug
            }
            var datasets = Set<String>()
            for dataset in module.openDatasets {
                if let problem = dataset.problem { preconditionFailure("\(module.slug.rawValue): \(problem)") }
                precondition(datasets.insert(dataset.slug).inserted, "\(module.slug.rawValue) declares the dataset \(dataset.slug) twice")
            }
            for target in module.linkTargets {
                precondition(linkOwners.updateValue(module.slug, forKey: target.kind) == nil, "two modules answer for links to \(target.kind.rawValue)")
            }
            var keys = Set<String>()
            for indicator in module.computedIndicators {
                precondition(indicator.key.hasPrefix(module.slug.rawValue + "."), "\(indicator.key) is not named after its module \(module.slug.rawValue)")
                precondition(keys.insert(indicator.key).inserted, "\(module.slug.rawValue) declares the indicator \(indicator.key) twice")
            }
        }
        self.owners = owners
        let capabilities = CapabilityDeclaration.platform + modules.flatMap(\.capabilities)
        self.capabilities = capabilities
        known = Set(capabilities.map(\.capability))
        bundles = Dictionary(uniqueKeysWithValues: Role.allCases.map { role in
            (role, Set(capabilities.filter { $0.roles.contains(role) }.map(\.capability)))
        })
        for declared in capabilities {
            precondition(!declared.capability.isOblastCapability, "\(declared.capability) is named as an oblast capability, not a city's")
        }
        let oblastCapabilities = OblastCapabilityDeclaration.platform
        for declared in oblastCapabilities {
            precondition(declared.capability.isOblastCapability, "\(declared.capability) is not named oblast.<verb>")
        }
        self.oblastCapabilities = oblastCapabilities
        knownInOblasts = Set(oblastCapabilities.map(\.capability))
        oblastBundles = Dictionary(uniqueKeysWithValues: OblastRole.allCases.map { role in
            (role, Set(oblastCapabilities.filter { $0.roles.contains(role) }.map(\.capability)))
        })
    }

    public var slugs: [ModuleSlug] { modules.map(\.slug) }

    /// The platform's resources (`Resources/` of HromadaWeb).
    static func platformResources() throws -> URL {
        guard let resources = WebResources.directory else { throw StoreError.unexpectedResult("HromadaWeb resources are missing from the bundle") }
        return resources
    }

    /// The platform's OpenAPI document with every module's part.
    public func openAPIDocument() throws -> Data {
        try OpenAPIDocument.merged(
            platform: try Self.platformResources().appendingPathComponent("openapi.json"),
            fragments: modules.compactMap { $0.resources?.appendingPathComponent("openapi.json") }
                .filter { FileManager.default.fileExists(atPath: $0.path) })
    }

    /// The platform's strings and every module's.
    public func localizer() throws -> Localizer {
        try Localizer(bundleDirectories: [try Self.platformResources().appendingPathComponent("Locales")]
            + modules.compactMap { $0.resources?.appendingPathComponent("Locales") })
    }

    /// The platform's templates and every module's.
    public func renderer(localizer: Localizer) async throws -> PageRenderer {
        try await PageRenderer(
            templatesDirectories: [try Self.platformResources().appendingPathComponent("Templates")]
                + modules.compactMap { $0.resources?.appendingPathComponent("Templates") }.filter { FileManager.default.fileExists(atPath: $0.path) },
            localizer: localizer)
    }

    /// Every module's migrations, run after and among the platform's by version.
    public var migrations: [Migrator.Folder] {
        modules.compactMap { module in
            module.resources.map { Migrator.Folder(owner: module.slug.rawValue, url: $0.appendingPathComponent("Migrations")) }
        }.filter { FileManager.default.fileExists(atPath: $0.url.path) }
    }

    /// Every module's upload routes.
    public var uploadRoutes: [UploadRoute] { modules.flatMap(\.uploadRoutes) }

    /// Every module's settings fields, in the registry's order.
    public var settingFields: [CitySettingField] { modules.flatMap(\.settingFields) }

    /// Every module's text settings fields, in the registry's order.
    public var textSettingFields: [CityTextSettingField] { modules.flatMap(\.textSettingFields) }

    /// What a role gives: every capability that names it.
    public func bundle(of role: Role) -> Set<Capability> { bundles[role] ?? [] }

    /// Whether some part of this deployment declares the capability.
    public func knows(_ capability: Capability) -> Bool { known.contains(capability) }

    /// The modules a city may have switched on in `enabledModules`: those
    /// `checked` (on the form, or in a request) that this deployment has,
    /// plus the slugs the stored list names that it lacks (nothing here can
    /// show them, so nothing here meant to switch them off).
    public func enabledModules(checked: [String], keeping stored: MunicipalitySettings) -> [ModuleSlug] {
        slugs.filter { checked.contains($0.rawValue) } + (stored.enabledModules ?? []).filter { !slugs.contains($0) }
    }

    /// What a set of grants gives: their roles' bundles and the capabilities granted alone.
    public func capabilities(of grants: Set<StaffGrant>) -> Set<Capability> {
        grants.reduce(into: Set<Capability>()) { given, grant in
            switch grant {
            case .role(let role): given.formUnion(bundle(of: role))
            // A capability of a module this deployment lacks gives nothing here.
            case .capability(let capability): if known.contains(capability) { given.insert(capability) }
            }
        }
    }

    /// The grants that give `capability`: the roles whose bundle has it, and itself.
    public func grants(giving capability: Capability) -> [StaffGrant] {
        Role.allCases.filter { bundle(of: $0).contains(capability) }.map(StaffGrant.role) + [.capability(capability)]
    }

    /// What an oblast role gives: every oblast capability that names it.
    public func bundle(of role: OblastRole) -> Set<Capability> { oblastBundles[role] ?? [] }

    /// Whether this deployment declares the oblast capability.
    public func knowsInOblasts(_ capability: Capability) -> Bool { knownInOblasts.contains(capability) }

    /// What a set of oblast grants gives in their oblast.
    public func capabilities(of grants: Set<OblastGrant>) -> Set<Capability> {
        grants.reduce(into: Set<Capability>()) { given, grant in
            switch grant {
            case .role(let role): given.formUnion(bundle(of: role))
            case .capability(let capability): if knownInOblasts.contains(capability) { given.insert(capability) }
            }
        }
    }

    /// The principal of an account with these grants, by city and by oblast.
    public func principal(
        of account: Account, grants: [MunicipalityID: Set<StaffGrant>], oblastGrants: [OblastID: Set<OblastGrant>] = [:]
    ) -> Principal {
        var roles: [MunicipalityID: Set<Role>] = [:]
        for (city, held) in grants {
            for case .role(let role) in held { roles[city, default: []].insert(role) }
        }
        var oblastRoles: [OblastID: Set<OblastRole>] = [:]
        for (oblast, held) in oblastGrants {
            for case .role(let role) in held { oblastRoles[oblast, default: []].insert(role) }
        }
        return Principal(
            accountID: account.id, isPlatformAdmin: account.isPlatformAdmin, roles: roles,
            capabilities: grants.mapValues { capabilities(of: $0) }, oblastRoles: oblastRoles,
            oblastCapabilities: oblastGrants.mapValues { capabilities(of: $0) })
    }

    /// The modules a city runs, in the registry's order.
    public func enabled(in city: Municipality) -> [any Module] {
        modules.filter { city.settings.enables($0.slug) }
    }

    /// The path segment after `/api/v1/{city}/` under which the platform
    /// serves every module's open data, `/api/v1/{city}/open-data/{module}/{file}`.
    public static let openDataSegment = "open-data"
    /// Segments after `/{city}/` (and `/{city}/admin/`) the platform keeps
    /// for its own pages, which no module may claim: the city's brand
    /// (`/{city}/brand`, `/{city}/brand.css`, `/{city}/admin/brand`).
    public static let platformSegments: Set<String> = ["brand"]

    /// The module that owns a route, from its pattern (`/{city}/admin/budgets/{edition}`,
    /// `/api/v1/{city}/auctions/{lot}/live`): the segment after the city's,
    /// or after `admin` there. The platform's open data
    /// (`/api/v1/{city}/open-data/{module}/{file}`) belongs to the module
    /// its `{module}` parameter names, passed as `module`. Nil for the
    /// platform's own city pages and for a module this deployment lacks.
    public func owner(ofEndpoint endpoint: String, module: String? = nil) -> ModuleSlug? {
        let segments = endpoint.split(separator: "/")
        guard let city = segments.firstIndex(where: { $0 == "{city}" || $0 == ":city" }) else { return nil }
        var next = segments.index(after: city)
        if next < segments.endIndex, segments[next] == "admin" { next = segments.index(after: next) }
        guard next < segments.endIndex else { return nil }
        if segments[next] == Self.openDataSegment {
            let parameter = segments.index(after: next)
            guard parameter < segments.endIndex, ["{module}", ":module"].contains(segments[parameter]), let module else { return nil }
            return slugs.first { $0.rawValue == module }
        }
        // A file beside a module's path (`petitions.geojson`, `property.geojson`) is the module's too.
        let segment = segments[next]
        return owners[String(segment)] ?? segment.split(separator: ".", maxSplits: 1).first.flatMap { owners[String($0)] }
    }

    /// A module this deployment has and one of its datasets, by their slugs.
    public func dataset(_ slug: String, of module: String) -> (module: any Module, dataset: OpenDataset)? {
        guard let owner = modules.first(where: { $0.slug.rawValue == module }),
              let dataset = owner.openDatasets.first(where: { $0.slug == slug }) else { return nil }
        return (owner, dataset)
    }
}
