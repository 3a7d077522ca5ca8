import Foundation
import HromadaDomain

/// What one module lets the others point at without importing it: the
/// investment portal's site in auction points at the auctions' lot; later
/// a strategy's measure at a budget project. The platform names the kinds
/// so both sides agree on them; the module that owns the things answers
/// for them (`Module.linkTargets`), and a module that points keeps only the
/// kind and the id.
public struct LinkKind: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A lot of the municipal property's auctions.
    public static let auctionLot = LinkKind(rawValue: "auction_lot")
    /// A project of a participatory-budget edition.
    public static let budgetProject = LinkKind(rawValue: "budget_project")
    /// An e-petition.
    public static let petition = LinkKind(rawValue: "petition")
    /// A site of the investment portal.
    public static let investSite = LinkKind(rawValue: "invest_site")
    /// A goal, objective, measure or project of a strategy.
    public static let strategyNode = LinkKind(rawValue: "strategy_node")
    /// A participatory-budget edition (a resident follows it).
    public static let budgetEdition = LinkKind(rawValue: "budget_edition")
    /// A strategy or programme document (a resident follows it).
    public static let strategy = LinkKind(rawValue: "strategy")
    /// A business-support call (a resident follows it to hear when it opens, closes and is decided).
    public static let businessCall = LinkKind(rawValue: "business_call")
}

extension ThingReference {
    /// The thing `id` of a module's `kind`.
    public init(_ kind: LinkKind, id: String) {
        self.init(kind: kind.rawValue, id: id)
    }

    public var linkKind: LinkKind { LinkKind(rawValue: kind) }
}

/// A thing another module owns, as a page pointing at it shows it.
public struct LinkedThing: Hashable, Sendable {
    public let kind: LinkKind
    public let id: String
    /// Its own title (data, shown as entered).
    public let title: String
    /// Its public page, relative to the host.
    public let path: String
    /// The owning module's locale key for where it stands
    /// (`auctions.status.active_tendering`), so the pointing page says it in the reader's language.
    public let statusKey: String
    /// Whether it is still going on (a lot in tendering or in auction).
    public let isActive: Bool
    /// Whether residents may comment on it (a budget project, a public
    /// petition, a strategy's measure): the owner says so, the platform's
    /// comments ask.
    public let isDiscussable: Bool
    /// Its title in English where it is kept in both languages (a strategy's
    /// measure, an edition), for mail written in the reader's language.
    public let englishTitle: String?

    public init(
        kind: LinkKind, id: String, title: String, path: String, statusKey: String, isActive: Bool, isDiscussable: Bool = false,
        englishTitle: String? = nil
    ) {
        self.kind = kind
        self.id = id
        self.title = title
        self.englishTitle = englishTitle
        self.path = path
        self.statusKey = statusKey
        self.isActive = isActive
        self.isDiscussable = isDiscussable
    }

    /// Its title in `language`, the kept one where there is no translation.
    public func title(in language: Language) -> String {
        language == .en ? englishTitle.flatMap { $0.isEmpty ? nil : $0 } ?? title : title
    }
}

/// How a module answers for one kind of its things.
public struct LinkTarget: Sendable {
    public let kind: LinkKind
    /// The thing by its id in the city, or nil when the city has no such thing.
    public let resolve: @Sendable (_ id: String, _ city: Municipality, _ services: AppServices) async throws -> LinkedThing?
    /// The city's things a member of staff may pick from, newest first (at most `limit`).
    public let choices: @Sendable (_ city: Municipality, _ limit: Int, _ services: AppServices) async throws -> [LinkedThing]

    public init(
        kind: LinkKind,
        resolve: @escaping @Sendable (_ id: String, _ city: Municipality, _ services: AppServices) async throws -> LinkedThing?,
        choices: @escaping @Sendable (_ city: Municipality, _ limit: Int, _ services: AppServices) async throws -> [LinkedThing]
    ) {
        self.kind = kind
        self.resolve = resolve
        self.choices = choices
    }
}

/// How a module says which of its things point at another module's thing:
/// the strategy's measures that serve a budget project, so the project's
/// page shows the measure as the measure's page shows the project. Links are
/// kept on the pointing side only; this is how the other side reads them.
/// Asked for many things at once (an edition's projects in one query), in
/// the reader's language (a referrer's title may be kept in both).
public struct LinkReferrer: Sendable {
    /// What of this module, in the city, points at each of the things `ids` of `kind`, by id (ids nothing points at left out).
    public let referrers: @Sendable (_ kind: LinkKind, _ ids: [String], _ city: Municipality, _ language: Language, _ services: AppServices) async throws
        -> [String: [LinkedThing]]

    public init(
        referrers: @escaping @Sendable (_ kind: LinkKind, _ ids: [String], _ city: Municipality, _ language: Language, _ services: AppServices) async throws
            -> [String: [LinkedThing]]
    ) {
        self.referrers = referrers
    }
}

extension ModuleRegistry {
    /// What the city's modules have that points at each of the things `ids`
    /// of `kind` (an edition's projects' strategy measures), in the registry's order.
    public func referrers(
        to kind: LinkKind, ids: [String], in city: Municipality, language: Language, services: AppServices
    ) async throws -> [String: [LinkedThing]] {
        var found: [String: [LinkedThing]] = [:]
        guard !ids.isEmpty else { return found }
        for module in enabled(in: city) {
            guard let referrer = module.linkReferrer else { continue }
            for (id, things) in try await referrer.referrers(kind, ids, city, language, services) { found[id, default: []] += things }
        }
        return found
    }

    /// Whether any module of the city says what its things point at (else no page need ask).
    public func hasReferrers(in city: Municipality) -> Bool { enabled(in: city).contains { $0.linkReferrer != nil } }

    /// The module of the city that answers for `kind`; nil when no module
    /// does, or the city has switched it off (its pages would 404, so
    /// nothing may link there).
    func target(_ kind: LinkKind, in city: Municipality) -> LinkTarget? {
        enabled(in: city).lazy.compactMap { $0.linkTargets.first { $0.kind == kind } }.first
    }

    /// The thing a follow or a comment names, if the city has it and runs the module that owns it.
    public func linked(_ thing: ThingReference, in city: Municipality, services: AppServices) async throws -> LinkedThing? {
        try await linked(thing.linkKind, id: thing.id, in: city, services: services)
    }

    /// The thing `id` of `kind` in `city`, if the city has it and runs the module that owns it.
    public func linked(_ kind: LinkKind, id: String, in city: Municipality, services: AppServices) async throws -> LinkedThing? {
        guard let target = target(kind, in: city) else { return nil }
        return try await target.resolve(id, city, services)
    }

    /// What staff may link to, of `kind`, in `city`: empty when no module of the city owns that kind.
    public func linkChoices(_ kind: LinkKind, in city: Municipality, limit: Int = 100, services: AppServices) async throws -> [LinkedThing] {
        guard let target = target(kind, in: city) else { return [] }
        return try await target.choices(city, limit, services)
    }
}
