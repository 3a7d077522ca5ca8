import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The city's strategies as open data: its documents, every node of their
/// trees with the inputs of the roll-up (weight, status, reported progress)
/// and what was made of them, and every indicator's baseline, targets and
/// actuals by year. From these three files alone anyone can redo each
/// progress figure the pages show (`scripts/check-strategy-rollup` does).
/// Figures are as of this year (or a document's last, if it has ended),
/// with computed actuals as the modules give them now.
enum StrategyOpenData {
    static let datasets: [OpenDataset] = [documents, nodes, indicators]

    static let documents = OpenDataset(
        "documents", strings: "open_data.strategy.documents", frequency: .irregular,
        fields: [
            OpenDataField("documentId", .text), OpenDataField("kind", .text), OpenDataField("titleUk", .text), OpenDataField("titleEn", .text),
            OpenDataField("firstYear", .integer), OpenDataField("lastYear", .integer), OpenDataField("decisionNumber", .text),
            OpenDataField("decisionDate", .date), OpenDataField("decisionUrl", .text), OpenDataField("status", .text),
            OpenDataField("illustrative", .boolean), OpenDataField("asOf", .integer), OpenDataField("progress", .decimal),
        ]
    ) { services, city in
        try await views(services, city).map { view in
            let document = view.document
            return [
                .text(view.stored.id.rawValue), .text(document.kind.rawValue), .text(document.title.uk), .text(document.title.en),
                .int(document.firstYear), .int(document.lastYear), .text(document.decision.number),
                document.decision.date.map(OpenDataValue.date) ?? .null, .text(document.decision.url), .text(document.status.rawValue),
                .boolean(document.isIllustrative), .int(view.asOf), .optional(view.rollup.documentProgress),
            ]
        }
    }

    static let nodes = OpenDataset(
        "nodes", strings: "open_data.strategy.nodes", frequency: .continuous,
        fields: [
            OpenDataField("documentId", .text), OpenDataField("nodeId", .text), OpenDataField("parentId", .text), OpenDataField("level", .text),
            OpenDataField("code", .text), OpenDataField("titleUk", .text), OpenDataField("titleEn", .text), OpenDataField("responsible", .text),
            OpenDataField("start", .date), OpenDataField("end", .date), OpenDataField("planned", .decimal, unit: "UAH"),
            OpenDataField("spent", .decimal, unit: "UAH"), OpenDataField("status", .text), OpenDataField("reportedProgress", .integer, unit: "%"),
            OpenDataField("weight", .decimal), OpenDataField("asOf", .integer), OpenDataField("progress", .decimal),
            OpenDataField("progressSource", .text),
        ]
    ) { services, city in
        try await views(services, city).flatMap { view in
            view.tree.nodes.map { node -> OpenDataRow in
                let figure = view.rollup.figures[node.id]
                return [
                    .text(view.stored.id.rawValue), .text(node.id), .optional(node.parent), .text(node.level.rawValue), .text(node.code),
                    .text(node.title.uk), .text(node.title.en), .text(node.responsible), node.start.map(OpenDataValue.date) ?? .null,
                    node.end.map(OpenDataValue.date) ?? .null, .hryvnias(node.planned), .hryvnias(node.spent), .text(node.status.rawValue),
                    .optional(node.reportedProgress), .number(node.weight.value), .int(view.asOf), .number(figure?.progress ?? 0),
                    .text((figure?.source ?? .status).rawValue),
                ]
            }
        }
    }

    /// One row per indicator and year it has a target or an actual (one
    /// with the year empty when it has neither), its definition repeated on each.
    static let indicators = OpenDataset(
        "indicators", strings: "open_data.strategy.indicators", frequency: .continuous,
        fields: [
            OpenDataField("documentId", .text), OpenDataField("indicatorId", .text), OpenDataField("nodeId", .text), OpenDataField("code", .text),
            OpenDataField("nameUk", .text), OpenDataField("nameEn", .text), OpenDataField("unitUk", .text), OpenDataField("unitEn", .text),
            OpenDataField("direction", .text), OpenDataField("baselineYear", .integer), OpenDataField("baselineValue", .decimal),
            OpenDataField("weight", .decimal), OpenDataField("computed", .text), OpenDataField("responsible", .text),
            OpenDataField("year", .integer), OpenDataField("target", .decimal), OpenDataField("actual", .decimal),
            OpenDataField("source", .text), OpenDataField("date", .date),
        ]
    ) { services, city in
        try await views(services, city).flatMap { view in
            view.tree.indicators.flatMap { indicator -> [OpenDataRow] in
                let definition: OpenDataRow = [
                    .text(view.stored.id.rawValue), .text(indicator.id), .text(indicator.node), .text(indicator.code), .text(indicator.name.uk),
                    .text(indicator.name.en), .text(indicator.unit.uk), .text(indicator.unit.en), .text(indicator.direction.rawValue),
                    .int(indicator.baseline.year), .number(indicator.baseline.value), .number(indicator.weight.value), .optional(indicator.computed),
                    .text(indicator.responsible),
                ]
                let years = Set(indicator.targets.map(\.year)).union(indicator.actuals.map(\.year)).sorted()
                guard !years.isEmpty else { return [definition + [.null, .null, .null, .null, .null]] }
                return years.map { year in
                    let target = indicator.targets.first { $0.year == year }
                    let actual = indicator.actuals.first { $0.year == year }
                    return definition + [
                        .int(year), .optional(target?.value), .optional(actual?.value), .optional(actual?.source),
                        actual?.date.map(OpenDataValue.date) ?? .null,
                    ]
                }
            }
        }
    }

    /// Each of the city's documents as the pages show it now.
    static func views(_ services: AppServices, _ city: Municipality) async throws -> [StrategyService.View] {
        let strategy = StrategyService(services: services)
        var views: [StrategyService.View] = []
        for stored in try await strategy.documents(in: city.id) { views.append(try await strategy.view(of: stored, city: city)) }
        return views
    }
}
