import Foundation
import HromadaDomain

/// Where an indicator's actual stands against the plan, as its page and the
/// tree colour it.
public enum IndicatorStatus: String, Sendable, Codable, CaseIterable {
    /// At least 95 % of the progress planned for that year.
    case green
    /// At least 80 %.
    case amber
    /// Below 80 %, or worse than the baseline where no change was planned.
    case red
    /// No actual yet.
    case none
}

/// An indicator judged as of a year: the status of its newest actual up to
/// that year against the straight path from the baseline to that year's
/// target, and its progress towards its last target.
public struct IndicatorAssessment: Sendable, Equatable {
    /// The year of the actual judged; nil when it has none up to the year asked.
    public let year: Int?
    public let actual: Double?
    /// Where the path stands in that year.
    public let planned: Double?
    /// The share of the planned change achieved that year (1 = on the path); nil without an actual or a planned change.
    public let achievedShare: Double?
    public let status: IndicatorStatus
    /// 0…1: the share of the change from the baseline to the last target achieved; nil without an actual.
    public let progress: Double?

    /// The shares at which a status changes, stated on the pages.
    public static let green = 0.95
    public static let amber = 0.80
}

extension StrategyIndicator {
    /// Improvement over the baseline: positive when the value moved the way
    /// the indicator wants (mirrored for lower-is-better).
    func gain(_ value: Double) -> Double {
        direction == .higher ? value - baseline.value : baseline.value - value
    }

    /// The straight path's value in a year: the baseline up to its year, each
    /// target in its year, a straight line between them, and the last target after it.
    public func plannedValue(in year: Int) -> Double {
        var previous = (year: baseline.year, value: baseline.value)
        if year <= previous.year { return previous.value }
        for target in targets {
            if year == target.year { return target.value }
            if year < target.year {
                let share = Double(year - previous.year) / Double(target.year - previous.year)
                return previous.value + (target.value - previous.value) * share
            }
            previous = (target.year, target.value)
        }
        return previous.value
    }

    /// The indicator as of a year (the report's year, or the present one).
    public func assessment(asOf year: Int) -> IndicatorAssessment {
        guard let actual = actuals.last(where: { $0.year <= year }) else {
            return IndicatorAssessment(year: nil, actual: nil, planned: nil, achievedShare: nil, status: .none, progress: nil)
        }
        let planned = plannedValue(in: actual.year)
        let plannedGain = gain(planned), achieved = gain(actual.value)
        let share: Double?
        let status: IndicatorStatus
        if plannedGain > 0 {
            share = achieved / plannedGain
            status = achieved >= IndicatorAssessment.green * plannedGain ? .green : achieved >= IndicatorAssessment.amber * plannedGain ? .amber : .red
        } else {
            // No change planned yet (or a planned loss): keeping to the path is on track.
            share = nil
            status = achieved >= plannedGain ? .green : .red
        }
        let finalGain = gain(targets.last?.value ?? baseline.value)
        let progress = finalGain > 0 ? min(1, max(0, achieved / finalGain)) : (achieved >= finalGain ? 1 : 0)
        return IndicatorAssessment(year: actual.year, actual: actual.value, planned: planned, achievedShare: share, status: status, progress: progress)
    }
}

/// The progress of every node of a tree, made bottom-up, and the
/// document's. The rule, which the pages state and the open data lets
/// anyone redo:
/// - a node with children that count (not cancelled) and whose weights
///   add up to more than 0: Σ wᵢ·pᵢ / Σ wᵢ over those children;
/// - otherwise (a leaf) from its indicators that have an actual: Σ wᵢ·pᵢ / Σ wᵢ
///   of their progress;
/// - otherwise the progress its responsible body reports, as a share;
/// - otherwise its status: 1 when done, else 0.
/// Each progress is clamped to 0…1. A cancelled node shows its figure but
/// does not count in its parent's. The document's progress is its goals' roll-up.
public struct Rollup: Sendable {
    public enum Source: String, Sendable, Codable {
        case children, indicators, reported, status
    }

    public struct Figure: Sendable, Equatable {
        public let progress: Double
        public let source: Source
    }

    public let figures: [String: Figure]
    /// Nil when no goal counts.
    public let documentProgress: Double?

    /// `assessed`: each node's indicators with their weights and assessments.
    public init(nodes: [StrategyNode], assessed: [String: [(weight: Weight, assessment: IndicatorAssessment)]]) {
        var children: [String: [StrategyNode]] = [:]
        var roots: [StrategyNode] = []
        for node in nodes {
            if let parent = node.parent { children[parent, default: []].append(node) } else { roots.append(node) }
        }
        var figures: [String: Figure] = [:]
        func weighted(_ parts: [(weight: Weight, progress: Double)]) -> Double? {
            let total = parts.reduce(0) { $0 + $1.weight.thousandths }
            guard total > 0 else { return nil }
            let sum = parts.reduce(0.0) { $0 + Double($1.weight.thousandths) * $1.progress }
            return min(1, max(0, sum / Double(total)))
        }
        // Levels are at most four deep (`NodeLevel`), so the recursion is shallow.
        func figure(_ node: StrategyNode) -> Figure {
            let counted = (children[node.id] ?? []).map { ($0, figure($0)) }.filter { $0.0.status != .cancelled }
            let result: Figure
            if let progress = weighted(counted.map { ($0.0.weight, $0.1.progress) }) {
                result = Figure(progress: progress, source: .children)
            } else if let progress = weighted((assessed[node.id] ?? []).compactMap { item in item.assessment.progress.map { (item.weight, $0) } }) {
                result = Figure(progress: progress, source: .indicators)
            } else if let reported = node.reportedProgress {
                result = Figure(progress: min(1, max(0, Double(reported) / 100)), source: .reported)
            } else {
                result = Figure(progress: node.status == .done ? 1 : 0, source: .status)
            }
            figures[node.id] = result
            return result
        }
        let goals = roots.map { ($0, figure($0)) }.filter { $0.0.status != .cancelled }
        documentProgress = weighted(goals.map { ($0.0.weight, $0.1.progress) })
        self.figures = figures
    }
}
