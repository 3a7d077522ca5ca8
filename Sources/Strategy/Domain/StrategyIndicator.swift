import Foundation
import HromadaDomain

/// An indicator on a node, in the shape of IATI's results standard: a
/// unit and a direction, a baseline, a target per year and an actual per
/// year with where it comes from. Its `id` is its external id, unique
/// within its document. An indicator that follows a figure the platform
/// computes (`computed`, a `ComputedIndicator` key) takes its actuals
/// from there, year by year; typed actuals of those years are not used.
public struct StrategyIndicator: Sendable, Equatable, Codable {
    public var id: String
    /// The node (its external id) it measures.
    public var node: String
    public var code: String
    public var name: LocalizedName
    /// As written beside a value (`%`, `осіб` / `people`, `млн грн` / `UAH m`).
    public var unit: LocalizedName
    public var direction: IndicatorDirection
    public var baseline: YearValue
    /// At most one per year, in year order.
    public var targets: [YearValue]
    /// At most one per year, in year order.
    public var actuals: [Actual]
    /// The person who answers for its figures (a name and post, as the document gives them).
    public var responsible: String
    public var computed: String?
    /// How much it counts when its node's progress is made from its indicators.
    public var weight: Weight

    public struct YearValue: Sendable, Equatable, Codable {
        public var year: Int
        public var value: Double

        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public struct Actual: Sendable, Equatable, Codable {
        public var year: Int
        public var value: Double
        /// Where the figure comes from (Держстат, the department's report, Hromada).
        public var source: String
        /// When it was measured or published.
        public var date: CalendarDate?

        public init(year: Int, value: Double, source: String, date: CalendarDate?) {
            self.year = year
            self.value = value
            self.source = source
            self.date = date
        }
    }

    public static let maxYears = 60

    public init(
        id: String, node: String, code: String = "", name: LocalizedName, unit: LocalizedName, direction: IndicatorDirection, baseline: YearValue,
        targets: [YearValue], actuals: [Actual] = [], responsible: String = "", computed: String? = nil, weight: Weight = .one
    ) {
        self.id = id
        self.node = node
        self.code = code
        self.name = name
        self.unit = unit
        self.direction = direction
        self.baseline = baseline
        self.targets = targets
        self.actuals = actuals
        self.responsible = responsible
        self.computed = computed
        self.weight = weight
    }

    /// The indicator checked on its own, years sorted: texts trimmed, every
    /// value a number within `MeasuredValue`'s range, each year once and not
    /// before the baseline's. Its node is checked by `StrategyTree`.
    public func checked() throws(StrategyProblem) -> StrategyIndicator {
        var next = self
        next.id = try Checked.externalID(id, "id")
        next.node = try Checked.externalID(node, "node")
        next.code = try Checked.text(code, "code", limit: 20, required: false)
        next.name = try Checked.name(name, "name", limit: 300)
        next.unit = try Checked.name(unit, "unit", limit: 40, required: false)
        next.responsible = try Checked.text(responsible, "responsible", limit: 300, required: false)
        if let computed {
            let key = try Checked.text(computed, "computed", limit: 100, required: false)
            next.computed = key.isEmpty ? nil : key
        }
        guard StrategyDocument.years.contains(baseline.year) else { throw StrategyProblem(field: "baseline.year", reason: .outOfRange) }
        guard MeasuredValue.isAcceptable(baseline.value) else { throw StrategyProblem(field: "baseline.value", reason: .outOfRange) }
        guard targets.count <= Self.maxYears else { throw StrategyProblem(field: "targets", reason: .outOfRange) }
        guard actuals.count <= Self.maxYears else { throw StrategyProblem(field: "actuals", reason: .outOfRange) }
        var years = Set<Int>()
        for target in targets {
            let field = "targets.\(target.year)"
            guard StrategyDocument.years.contains(target.year), target.year > baseline.year else { throw StrategyProblem(field: field, reason: .outOfRange) }
            guard MeasuredValue.isAcceptable(target.value) else { throw StrategyProblem(field: field, reason: .outOfRange) }
            guard years.insert(target.year).inserted else { throw StrategyProblem(field: field, reason: .duplicate) }
        }
        years = []
        next.actuals = []
        for actual in actuals {
            let field = "actuals.\(actual.year)"
            guard StrategyDocument.years.contains(actual.year), actual.year >= baseline.year else { throw StrategyProblem(field: field, reason: .outOfRange) }
            guard MeasuredValue.isAcceptable(actual.value) else { throw StrategyProblem(field: field, reason: .outOfRange) }
            guard years.insert(actual.year).inserted else { throw StrategyProblem(field: field, reason: .duplicate) }
            if let date = actual.date, !StrategyDocument.years.contains(date.year) { throw StrategyProblem(field: field + ".date", reason: .outOfRange) }
            var kept = actual
            kept.source = try Checked.text(actual.source, field + ".source", limit: 300, required: true)
            next.actuals.append(kept)
        }
        next.targets.sort { $0.year < $1.year }
        next.actuals.sort { $0.year < $1.year }
        return next
    }

    /// The target of a year, as typed.
    public func target(in year: Int) -> Double? { targets.first { $0.year == year }?.value }

    /// The actual of a year.
    public func actual(in year: Int) -> Actual? { actuals.first { $0.year == year } }

    /// This indicator with the computed figures as its actuals for the years
    /// they have (typed actuals of those years give way).
    public func withComputed(_ values: [Actual]) -> StrategyIndicator {
        var next = self
        let years = Set(values.map(\.year))
        next.actuals = (actuals.filter { !years.contains($0.year) } + values).sorted { $0.year < $1.year }
        return next
    }
}
