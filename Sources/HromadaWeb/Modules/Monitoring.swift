import Foundation
import HromadaDomain

/// A figure a module works out for a city and a year from its own data,
/// with nobody typing it: the participatory budget's turnout, the share of
/// petitions answered on time, the auctions' proceeds. A strategy's
/// indicator may follow one (its actuals are then this, year by year), and
/// the city's results report shows each with what it means.
///
/// Its key is `<module>.<name>` (`petitions.answered_on_time`), stable: a
/// strategy stores it. Its name and meaning are the module's strings.
public struct ComputedIndicator: Sendable {
    public enum Unit: String, Sendable, CaseIterable {
        /// A share, 0…100.
        case percent
        case count
        /// Whole hryvnias (kopiyky divided out: a report's scale).
        case hryvnias
    }

    public let key: String
    /// The locale key of its name (`petitions.indicators.answered_on_time`).
    public let nameKey: String
    /// The locale key of a sentence or two on what it measures and how, for the report.
    public let meaningKey: String
    public let unit: Unit
    public let direction: IndicatorDirection
    /// Its value for the calendar year (Kyiv time) in the city; nil when the
    /// year has nothing to count (no edition voted, no petition due).
    public let value: @Sendable (_ city: Municipality, _ year: Int, _ services: AppServices) async throws -> Double?

    public init(
        key: String, nameKey: String, meaningKey: String, unit: Unit, direction: IndicatorDirection,
        value: @escaping @Sendable (_ city: Municipality, _ year: Int, _ services: AppServices) async throws -> Double?
    ) {
        self.key = key
        self.nameKey = nameKey
        self.meaningKey = meaningKey
        self.unit = unit
        self.direction = direction
        self.value = value
    }

    /// The locale key of its unit as written beside a value.
    public var unitKey: String { "indicators.unit.\(unit.rawValue)" }
}

/// A plan a module keeps itself, as the strategy module lists it: the
/// investment portal's programme is edited there, and shown with the
/// city's strategies as one more document.
public struct ProvidedDocument: Sendable {
    public struct Measure: Sendable {
        public let number: String
        public let title: LocalizedName
        public let responsible: String
        public let firstYear: Int
        public let lastYear: Int
        public let planned: Money
        public let spent: Money
        public let status: WorkStatus
        /// What it points at in other modules (`LinkKind`, id).
        public let links: [(kind: LinkKind, id: String)]

        public init(
            number: String, title: LocalizedName, responsible: String, firstYear: Int, lastYear: Int, planned: Money, spent: Money,
            status: WorkStatus, links: [(kind: LinkKind, id: String)]
        ) {
            self.number = number
            self.title = title
            self.responsible = responsible
            self.firstYear = firstYear
            self.lastYear = lastYear
            self.planned = planned
            self.spent = spent
            self.status = status
            self.links = links
        }
    }

    public let kind: StrategicDocumentKind
    /// Unique among the module's documents in the city.
    public let id: String
    public let title: LocalizedName
    public let firstYear: Int
    public let lastYear: Int
    public let decisionNumber: String
    public let decisionDate: CalendarDate?
    /// Its page in the owning module, relative to the host.
    public let path: String
    public let measures: [Measure]

    public init(
        kind: StrategicDocumentKind, id: String, title: LocalizedName, firstYear: Int, lastYear: Int, decisionNumber: String,
        decisionDate: CalendarDate?, path: String, measures: [Measure]
    ) {
        self.kind = kind
        self.id = id
        self.title = title
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.path = path
        self.measures = measures
    }
}

/// How a module lists the plans it keeps (`Module.strategicDocuments`).
public struct StrategicDocumentSource: Sendable {
    public let documents: @Sendable (_ city: Municipality, _ services: AppServices) async throws -> [ProvidedDocument]

    public init(documents: @escaping @Sendable (_ city: Municipality, _ services: AppServices) async throws -> [ProvidedDocument]) {
        self.documents = documents
    }
}

extension ModuleRegistry {
    /// The figures the city's modules compute, in the registry's order, each with its module.
    public func computedIndicators(in city: Municipality) -> [(module: ModuleSlug, indicator: ComputedIndicator)] {
        enabled(in: city).flatMap { module in module.computedIndicators.map { (module.slug, $0) } }
    }

    /// The computed figure of that key, if a module the city runs offers it.
    public func computedIndicator(_ key: String, in city: Municipality) -> ComputedIndicator? {
        enabled(in: city).lazy.compactMap { $0.computedIndicators.first { $0.key == key } }.first
    }

    /// Every computed figure this deployment knows, whatever a city runs (for the staff's choice and the docs).
    public var allComputedIndicators: [ComputedIndicator] { modules.flatMap(\.computedIndicators) }

    /// The plans the city's modules keep themselves, with the module each comes from.
    public func providedDocuments(in city: Municipality, services: AppServices) async throws -> [(module: ModuleSlug, document: ProvidedDocument)] {
        var found: [(ModuleSlug, ProvidedDocument)] = []
        for module in enabled(in: city) {
            guard let source = module.strategicDocuments else { continue }
            found += try await source.documents(city, services).map { (module.slug, $0) }
        }
        return found
    }
}
