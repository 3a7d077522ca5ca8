import Foundation
import HromadaDomain

/// A document's goals, objectives, measures and projects with their
/// indicators, checked together: every id once, every node under a parent
/// of the level above its own, every indicator on a node of the tree.
/// The order given is the order shown (children in their order under each parent).
public struct StrategyTree: Sendable, Equatable {
    public let nodes: [StrategyNode]
    public let indicators: [StrategyIndicator]

    public static let maxNodes = 10_000
    public static let maxIndicators = 5_000

    public static let empty = StrategyTree(checkedNodes: [], indicators: [])

    init(checkedNodes nodes: [StrategyNode], indicators: [StrategyIndicator]) {
        self.nodes = nodes
        self.indicators = indicators
    }

    /// The tree checked whole; the first fault names its place as
    /// `nodes.<index>.<field>` or `indicators.<index>.<field>`.
    public static func make(nodes: [StrategyNode], indicators: [StrategyIndicator]) throws(StrategyProblem) -> StrategyTree {
        guard nodes.count <= maxNodes else { throw StrategyProblem(field: "nodes", reason: .outOfRange) }
        guard indicators.count <= maxIndicators else { throw StrategyProblem(field: "indicators", reason: .outOfRange) }
        func at(_ prefix: String, _ index: Int, _ problem: StrategyProblem) -> StrategyProblem {
            StrategyProblem(field: "\(prefix).\(index).\(problem.field)", reason: problem.reason)
        }
        var checked: [StrategyNode] = []
        var levels: [String: NodeLevel] = [:]
        for (index, node) in nodes.enumerated() {
            let next: StrategyNode
            do { next = try node.checked() } catch { throw at("nodes", index, error) }
            guard levels.updateValue(next.level, forKey: next.id) == nil else { throw at("nodes", index, .init(field: "id", reason: .duplicate)) }
            checked.append(next)
        }
        for (index, node) in checked.enumerated() {
            switch (node.parent, node.level.parentLevel) {
            case (nil, nil): continue
            case (nil, .some): throw at("nodes", index, .init(field: "parent", reason: .missing))
            case (.some(let parent), let expected):
                guard let level = levels[parent] else { throw at("nodes", index, .init(field: "parent", reason: .unknown)) }
                guard level == expected else { throw at("nodes", index, .init(field: "parent", reason: .misplaced)) }
            }
        }
        var checkedIndicators: [StrategyIndicator] = []
        var ids = Set<String>()
        for (index, indicator) in indicators.enumerated() {
            let next: StrategyIndicator
            do { next = try indicator.checked() } catch { throw at("indicators", index, error) }
            guard ids.insert(next.id).inserted else { throw at("indicators", index, .init(field: "id", reason: .duplicate)) }
            guard levels[next.node] != nil else { throw at("indicators", index, .init(field: "node", reason: .unknown)) }
            checkedIndicators.append(next)
        }
        return StrategyTree(checkedNodes: checked, indicators: checkedIndicators)
    }

    /// The roll-up as of a year, with each indicator's assessment.
    public func rollup(asOf year: Int) -> (rollup: Rollup, assessments: [String: IndicatorAssessment]) {
        var assessments: [String: IndicatorAssessment] = [:]
        var byNode: [String: [(weight: Weight, assessment: IndicatorAssessment)]] = [:]
        for indicator in indicators {
            let assessment = indicator.assessment(asOf: year)
            assessments[indicator.id] = assessment
            byNode[indicator.node, default: []].append((indicator.weight, assessment))
        }
        return (Rollup(nodes: nodes, assessed: byNode), assessments)
    }
}
