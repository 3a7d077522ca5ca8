import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The demo's strategies: Вінниця's development strategy (3 goals, 10
/// objectives, 30 tasks, 25 indicators with targets and actuals over
/// 2021–2026, some computed by the platform), its marketing strategy,
/// Хмільник's tourism strategy and Ладижин's SME programme. Their figures
/// are illustrative and every page of them says so; the shapes (goal →
/// objective → task, a baseline year before the strategy, yearly targets)
/// follow Minregion's order 265.
struct StrategyDemoSeeder {
    let services: AppServices

    /// A task: code, title, responsible body, status, reported progress, weight, money in hryvnias (planned, spent).
    struct Task {
        let code: String
        let uk: String
        let en: String
        let responsible: String
        let status: WorkStatus
        var reported: Int? = nil
        var weight = Weight.one
        var planned: Int64 = 0
        var spent: Int64 = 0
        var links: [LinkKind] = []
    }

    struct Objective {
        let code: String
        let uk: String
        let en: String
        let tasks: [Task]
    }

    struct Goal {
        let code: String
        let uk: String
        let en: String
        let objectives: [Objective]
    }

    /// An indicator: on which node, its names and unit, direction, baseline
    /// (2020), final target, and how the city keeps to the path (1 = on it).
    struct Measure {
        let id: String
        let node: String
        let uk: String
        let en: String
        let unitUK: String
        let unitEN: String
        var direction = IndicatorDirection.higher
        let baseline: Double
        let target: Double
        let pace: Double
        var computed: String? = nil
        var decimals = 0
        var source = "Департамент економіки і інвестицій"
    }

    struct Plan {
        let city: String
        let externalID: String
        let kind: StrategicDocumentKind
        let title: LocalizedName
        let summary: LocalizedName
        let years: ClosedRange<Int>
        let decision: StrategyDocument.Decision
        let goals: [Goal]
        let measures: [Measure]
        let entries: [(node: String, day: CalendarDate, uk: String, en: String)]
    }

    func seed(_ cities: [Municipality]) async throws {
        for plan in Self.plans {
            guard let city = cities.first(where: { $0.slug.rawValue == plan.city }), city.settings.enables(.strategy) else { continue }
            try await seed(plan, in: city)
        }
    }

    func seed(_ plan: Plan, in city: Municipality) async throws {
        let document = try StrategyDocument.make(
            externalID: plan.externalID, kind: plan.kind, title: plan.title, summary: plan.summary, firstYear: plan.years.lowerBound,
            lastYear: plan.years.upperBound, decision: plan.decision, status: .inForce, isIllustrative: true)
        let id = StrategyDocumentID(rawValue: plan.externalID), now = services.clock.now(), audit = services.audit
        // Things a task carries out are picked from what the city's modules offer, as a clerk would pick them.
        var offered: [LinkKind: [LinkedThing]] = [:]
        for kind in [LinkKind.budgetProject, .auctionLot, .investSite, .petition] {
            offered[kind] = try await services.modules.linkChoices(kind, in: city, limit: 20, services: services)
        }
        var nodes: [StrategyNode] = []
        var generator = SeededGenerator(seed: UInt64(plan.externalID.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) }))
        for goal in plan.goals {
            nodes.append(StrategyNode(id: goal.code, parent: nil, level: .goal, code: goal.code, title: .init(uk: goal.uk, en: goal.en), status: .inProgress))
            for objective in goal.objectives {
                nodes.append(StrategyNode(
                    id: objective.code, parent: goal.code, level: .objective, code: objective.code, title: .init(uk: objective.uk, en: objective.en),
                    status: .inProgress))
                for task in objective.tasks {
                    var links: [NodeLink] = []
                    for kind in task.links {
                        guard var choices = offered[kind], !choices.isEmpty, let linkKind = NodeLink.Kind(rawValue: kind.rawValue) else { continue }
                        links.append(NodeLink(kind: linkKind, id: choices.removeFirst().id))
                        offered[kind] = choices
                    }
                    let first = plan.years.lowerBound + Int(generator.next() % 2)
                    nodes.append(StrategyNode(
                        id: task.code, parent: objective.code, level: .measure, code: task.code, title: .init(uk: task.uk, en: task.en),
                        responsible: task.responsible, start: CalendarDate(year: first, month: 1, day: 1),
                        end: CalendarDate(year: plan.years.upperBound, month: 12, day: 31), planned: Money(hryvnias: task.planned),
                        spent: Money(hryvnias: task.spent), status: task.status, reportedProgress: task.reported, weight: task.weight, links: links))
                }
            }
        }
        let lastActual = min(plan.years.upperBound, CalendarDate.inKyiv(now).year)
        let indicators = plan.measures.map { measure in
            Self.indicator(measure, years: plan.years, lastActual: lastActual, generator: &generator)
        }
        let tree = try StrategyTree.make(nodes: nodes, indicators: indicators)
        let entries = try plan.entries.map { try TimelineEntry.make(day: $0.day, text: .init(uk: $0.uk, en: $0.en)) }
        try await services.store.write { tx in
            guard try await tx.strategy.insert(document, id: id, city: city.id, at: now) else { return }
            _ = try await tx.strategy.replaceTree(tree, of: id, city: city.id, ifRevision: 1, at: now)
            for (index, entry) in entries.enumerated() {
                try await tx.strategy.add(
                    entry, id: TimelineEntryID(rawValue: "\(plan.externalID)-\(index)"), to: plan.entries[index].node, of: id, city: city.id, at: now)
            }
            try await audit.record(
                tx, action: AuditAction.strategyDocumentSaved, actor: nil, municipality: city.id, subject: "strategy:" + id.rawValue,
                details: ["kind": document.kind.rawValue, "nodes": String(tree.nodes.count), "indicators": String(tree.indicators.count)])
        }
    }

    /// Targets on a straight path from the baseline (the year before the
    /// strategy) to the final target; actuals that keep to the path at the
    /// measure's pace, with a little noise, up to this year.
    static func indicator(_ measure: Measure, years: ClosedRange<Int>, lastActual: Int, generator: inout SeededGenerator) -> StrategyIndicator {
        let baselineYear = years.lowerBound - 1, span = Double(years.upperBound - baselineYear)
        func rounded(_ value: Double) -> Double {
            let scale = pow(10, Double(measure.decimals))
            return (value * scale).rounded() / scale
        }
        let targets = years.map { year in
            StrategyIndicator.YearValue(year: year, value: rounded(measure.baseline + (measure.target - measure.baseline) * Double(year - baselineYear) / span))
        }
        var actuals: [StrategyIndicator.Actual] = []
        if measure.computed == nil {
            for target in targets where target.year <= lastActual {
                let noise = Double(Int(generator.next() % 7) - 3) / 100
                let value = rounded(measure.baseline + (target.value - measure.baseline) * (measure.pace + noise))
                actuals.append(.init(
                    year: target.year, value: value, source: measure.source + " (ілюстративне значення демо)",
                    date: CalendarDate(year: min(target.year + 1, lastActual), month: 2, day: 15)))
            }
        }
        return StrategyIndicator(
            id: measure.id, node: measure.node, code: measure.id, name: .init(uk: measure.uk, en: measure.en),
            unit: .init(uk: measure.unitUK, en: measure.unitEN), direction: measure.direction,
            baseline: .init(year: baselineYear, value: measure.baseline), targets: targets, actuals: actuals,
            responsible: measure.computed == nil ? "Начальник відділу моніторингу" : "", computed: measure.computed)
    }
}
