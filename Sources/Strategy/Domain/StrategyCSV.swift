import Foundation
import HromadaDomain

/// The two CSV files a document's tree travels in to a spreadsheet and
/// back: `nodes.csv`, one row per goal, objective, measure or project, and
/// `indicators.csv`, one row per indicator and year. Export writes every
/// column; `StrategyImport` reads them back. Each reads exactly what the
/// other writes, so a file downloaded, edited and uploaded again changes only
/// what was edited.
///
/// Cells are texts as the platform's CSV writer takes them: dates ISO
/// (`2026-03-01`), money in hryvnias with a point (`12500000.50`), numbers in
/// their shortest exact form (`0.125`, `-3.5`). A spreadsheet's own habits
/// read as well: a decimal comma, spaces between thousands, semicolons
/// between cells.
public enum StrategyCSV {
    public enum File: String, Sendable, CaseIterable {
        case nodes, indicators

        /// Every column, in the order export writes them; an import may give them in any order.
        public var columns: [String] {
            switch self {
            case .nodes: StrategyCSV.nodeColumns
            case .indicators: StrategyCSV.indicatorColumns
            }
        }

        /// The columns an import cannot do without; any other left out keeps its value.
        public var required: [String] {
            switch self {
            case .nodes: ["id", "level", "title_uk"]
            case .indicators: ["id", "node", "name_uk", "direction", "baseline_year", "baseline_value"]
            }
        }
    }

    public static let nodeColumns = [
        "id", "parent", "level", "code", "title_uk", "title_en", "description_uk", "description_en", "responsible", "start", "end",
        "planned_uah", "spent_uah", "status", "reported_progress", "weight", "links",
    ]

    /// An indicator's definition, repeated on each of its rows, then the year's values.
    public static let indicatorColumns = indicatorDefinitionColumns + indicatorYearColumns
    static let indicatorDefinitionColumns = [
        "id", "node", "code", "name_uk", "name_en", "unit_uk", "unit_en", "direction", "baseline_year", "baseline_value", "responsible",
        "computed", "weight",
    ]
    static let indicatorYearColumns = ["year", "target", "actual", "source", "date"]

    /// `nodes.csv`: the header, then each node in the tree's order.
    public static func nodes(of tree: StrategyTree) -> [[String]] {
        [nodeColumns] + tree.nodes.map { node in nodeColumns.map { exported(cell($0, of: node)) } }
    }

    /// `indicators.csv`: the header, then a row for each year an indicator
    /// has a target or an actual, in year order (one row with the year empty
    /// when it has neither).
    public static func indicators(of tree: StrategyTree) -> [[String]] {
        var rows = [indicatorColumns]
        for indicator in tree.indicators {
            let definition = indicatorDefinitionColumns.map { exported(cell($0, of: indicator)) }
            let years = Set(indicator.targets.map(\.year)).union(indicator.actuals.map(\.year)).sorted()
            if years.isEmpty { rows.append(definition + indicatorYearColumns.map { _ in "" }) }
            for year in years {
                rows.append(definition + indicatorYearColumns.map { exported(cell($0, of: indicator, year: year)) })
            }
        }
        return rows
    }

    // MARK: Cells

    /// A node's cell in a column: what export writes and what an import's
    /// changes are compared by (two values differ exactly when their cells do).
    static func cell(_ column: String, of node: StrategyNode) -> String {
        switch column {
        case "id": node.id
        case "parent": node.parent ?? ""
        case "level": node.level.rawValue
        case "code": node.code
        case "title_uk": node.title.uk
        case "title_en": node.title.en
        case "description_uk": node.description.uk
        case "description_en": node.description.en
        case "responsible": node.responsible
        case "start": node.start?.description ?? ""
        case "end": node.end?.description ?? ""
        case "planned_uah": hryvnias(node.planned)
        case "spent_uah": hryvnias(node.spent)
        case "status": node.status.rawValue
        case "reported_progress": node.reportedProgress.map(String.init) ?? ""
        case "weight": node.weight.description
        case "links": node.links.map { "\($0.kind.rawValue):\($0.id)" }.joined(separator: ";")
        default: ""
        }
    }

    /// An indicator's cell in a definition column.
    static func cell(_ column: String, of indicator: StrategyIndicator) -> String {
        switch column {
        case "id": indicator.id
        case "node": indicator.node
        case "code": indicator.code
        case "name_uk": indicator.name.uk
        case "name_en": indicator.name.en
        case "unit_uk": indicator.unit.uk
        case "unit_en": indicator.unit.en
        case "direction": indicator.direction.rawValue
        case "baseline_year": String(indicator.baseline.year)
        case "baseline_value": MeasuredValue.format(indicator.baseline.value)
        case "responsible": indicator.responsible
        case "computed": indicator.computed ?? ""
        case "weight": indicator.weight.description
        default: ""
        }
    }

    /// An indicator's cell in a year's column.
    static func cell(_ column: String, of indicator: StrategyIndicator, year: Int) -> String {
        let actual = indicator.actual(in: year)
        return switch column {
        case "year": String(year)
        case "target": indicator.target(in: year).map(MeasuredValue.format) ?? ""
        case "actual": actual.map { MeasuredValue.format($0.value) } ?? ""
        case "source": actual?.source ?? ""
        case "date": actual?.date?.description ?? ""
        default: ""
        }
    }

    /// Hryvnias with a point and two decimals, or none when whole: `12500000.50`, `300`.
    static func hryvnias(_ money: Money) -> String {
        let sign = money.kopiyky < 0 ? "-" : ""
        let magnitude = money.kopiyky.magnitude
        let fraction = magnitude % 100
        guard fraction != 0 else { return "\(sign)\(magnitude / 100)" }
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    // MARK: Formula defusing

    /// The platform's CSV writer puts an apostrophe before a cell that starts
    /// with `=`, `+`, `-` or `@` and is not a number, so that a spreadsheet
    /// shows it instead of running it; an import takes that apostrophe off
    /// again. A text that itself starts with apostrophes and then one of those
    /// would lose one, so export gives it one more, and it reads back whole.
    static func exported(_ text: String) -> String {
        isDefused(text[...]) ? "'" + text : text
    }

    /// A cell as an import reads it: trimmed, one defusing apostrophe taken off.
    static func imported(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return isDefused(trimmed[...]) ? String(trimmed.dropFirst()) : trimmed
    }

    private static func isDefused(_ text: Substring) -> Bool {
        guard text.first == "'", let next = text.drop(while: { $0 == "'" }).first else { return false }
        return ["=", "+", "-", "@"].contains(next)
    }
}
