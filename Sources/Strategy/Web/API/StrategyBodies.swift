import Foundation
import HromadaDomain
import HromadaWeb

/// The ranges of the strategy API's numbers, checked where they are decoded.
enum StrategyInput {
    enum Year: WholeNumberRange { static let range = 1991...2100 }
    enum Share: WholeNumberRange { static let range = 0...100 }
    enum Value: DecimalRange { static let range = -MeasuredValue.limit...MeasuredValue.limit }
    enum WeightValue: DecimalRange { static let range = 0.0...1_000.0 }
}

/// A document as the API gives it: its terms, and with `tree`, every node
/// and indicator with the inputs of the roll-up (weights, statuses,
/// reported progress, baselines, targets, actuals) and what was made of
/// them (progress, status), so anyone can redo the figures from this alone.
struct DocumentBody: Encodable {
    struct Decision: Codable {
        let number: String
        /// `YYYY-MM-DD`, absent when not known.
        let date: String?
        let url: String
    }

    struct Link: Codable {
        let kind: String
        let id: String
    }

    struct Node: Encodable {
        let id: String
        let parent: String?
        let level: String
        let code: String
        let title: LocalizedName
        let description: LocalizedName
        let responsible: String
        let start: String?
        let end: String?
        /// Kopiyky.
        let planned: Int64
        let spent: Int64
        let status: String
        let reportedProgress: Int?
        let weight: Double
        let links: [Link]
        /// 0…1, as the roll-up made it.
        let progress: Double
        /// What it was made from: `children`, `indicators`, `reported` or `status`.
        let progressSource: String
    }

    struct YearValue: Codable {
        let year: Int
        let value: Double
    }

    struct Actual: Encodable {
        let year: Int
        let value: Double
        let source: String
        let date: String?
    }

    struct Indicator: Encodable {
        let id: String
        let node: String
        let code: String
        let name: LocalizedName
        let unit: LocalizedName
        let direction: String
        let baseline: YearValue
        let targets: [YearValue]
        let actuals: [Actual]
        let responsible: String
        let computed: String?
        let weight: Double
        /// 0…1 towards the last target; absent without an actual.
        let progress: Double?
        /// `green`, `amber`, `red` or `none`.
        let status: String
        /// The year of the actual the status judges.
        let statusYear: Int?
    }

    /// The thresholds the statuses use, so a client need not hard-code them.
    struct Rule: Encodable {
        let green: Double
        let amber: Double
    }

    let id: String
    let externalId: String
    let kind: String
    let title: LocalizedName
    let summary: LocalizedName
    let firstYear: Int
    let lastYear: Int
    let decision: Decision
    let status: String
    let illustrative: Bool
    let revision: Int64
    let updatedAt: Date
    /// The year the figures are as of.
    let asOfYear: Int?
    let progress: Double?
    let statusThresholds: Rule
    let nodes: [Node]?
    let indicators: [Indicator]?
    /// Its page.
    let url: String

    /// With `tree` false, the document's terms and progress only (a list's item).
    init(_ stored: StrategyService.StoredDocument, view: StrategyService.View?, city: Municipality, tree: Bool = true) {
        let document = stored.document
        id = stored.id.rawValue
        externalId = document.externalID
        kind = document.kind.rawValue
        title = document.title
        summary = document.summary
        firstYear = document.firstYear
        lastYear = document.lastYear
        decision = Decision(number: document.decision.number, date: document.decision.date?.description, url: document.decision.url)
        status = document.status.rawValue
        illustrative = document.isIllustrative
        revision = stored.revision
        updatedAt = stored.updatedAt
        asOfYear = view?.asOf
        progress = view?.rollup.documentProgress
        statusThresholds = Rule(green: IndicatorAssessment.green, amber: IndicatorAssessment.amber)
        url = "/\(city.slug.rawValue)/strategy/\(stored.id.rawValue)"
        guard let view, tree else {
            nodes = nil
            indicators = nil
            return
        }
        nodes = view.tree.nodes.map { node in
            let figure = view.rollup.figures[node.id]
            return Node(
                id: node.id, parent: node.parent, level: node.level.rawValue, code: node.code, title: node.title, description: node.description,
                responsible: node.responsible, start: node.start?.description, end: node.end?.description, planned: node.planned.kopiyky,
                spent: node.spent.kopiyky, status: node.status.rawValue, reportedProgress: node.reportedProgress, weight: node.weight.value,
                links: node.links.map { Link(kind: $0.kind.rawValue, id: $0.id) }, progress: figure?.progress ?? 0,
                progressSource: (figure?.source ?? .status).rawValue)
        }
        indicators = view.tree.indicators.map { indicator in
            let assessment = view.assessments[indicator.id]
            return Indicator(
                id: indicator.id, node: indicator.node, code: indicator.code, name: indicator.name, unit: indicator.unit,
                direction: indicator.direction.rawValue, baseline: YearValue(year: indicator.baseline.year, value: indicator.baseline.value),
                targets: indicator.targets.map { YearValue(year: $0.year, value: $0.value) },
                actuals: indicator.actuals.map { Actual(year: $0.year, value: $0.value, source: $0.source, date: $0.date?.description) },
                responsible: indicator.responsible, computed: indicator.computed, weight: indicator.weight.value, progress: assessment?.progress,
                status: (assessment?.status ?? .none).rawValue, statusYear: assessment?.year)
        }
    }
}

/// A document kept by another module (the investment programme), as the list gives it.
struct ProvidedBody: Encodable {
    let id: String
    let module: String
    let kind: String
    let title: LocalizedName
    let firstYear: Int
    let lastYear: Int
    let decision: DocumentBody.Decision
    let progress: Double?
    let url: String
}

/// A document's terms as a client sends them (`POST`, and `PUT` with the revision it read).
struct DocumentInput: Decodable {
    let externalId: String
    let kind: String
    let title: LocalizedName
    let summary: LocalizedName?
    let firstYear: WholeNumber<StrategyInput.Year>
    let lastYear: WholeNumber<StrategyInput.Year>
    let decision: DocumentBody.Decision?
    let status: String
    let illustrative: Bool?
    /// Required on `PUT`: the revision the change was made from.
    let revision: Int64?

    func document() throws(AppError) -> StrategyDocument {
        guard let kind = StrategicDocumentKind(rawValue: kind) else { throw .invalid(code: "strategy_unknown", field: "kind") }
        guard let status = DocumentStatus(rawValue: status) else { throw .invalid(code: "strategy_unknown", field: "status") }
        var date: CalendarDate?
        if let text = decision?.date, !text.isEmpty {
            guard let parsed = CalendarDate.parse(text) else { throw .invalid(code: "strategy_malformed", field: "decision.date") }
            date = parsed
        }
        do {
            return try StrategyDocument.make(
                externalID: externalId, kind: kind, title: title, summary: summary ?? .init(uk: "", en: ""), firstYear: firstYear.value,
                lastYear: lastYear.value, decision: .init(number: decision?.number ?? "", date: date, url: decision?.url ?? ""), status: status,
                isIllustrative: illustrative ?? false)
        } catch {
            throw StrategyService.appError(error)
        }
    }
}
