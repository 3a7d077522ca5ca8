import Foundation
import HromadaDomain
import Testing
@testable import Strategy

/// The strategy module's rules, each named after the rule: an indicator's
/// status against the straight path (mirrored for lower-is-better), its
/// progress towards its last target, the roll-up Σ wᵢ·pᵢ / Σ wᵢ with its
/// fallbacks, and the tree's shape.
@Suite struct StrategyRuleTests {
    static func indicator(
        _ direction: IndicatorDirection = .higher, baseline: Double = 100, targets: [(Int, Double)] = [(2025, 200)], actuals: [(Int, Double)] = [],
        node: String = "m", weight: Weight = .one, id: String = "i"
    ) -> StrategyIndicator {
        StrategyIndicator(
            id: id, node: node, name: .init(uk: "Показник", en: "Indicator"), unit: .init(uk: "", en: ""), direction: direction,
            baseline: .init(year: 2020, value: baseline), targets: targets.map { .init(year: $0.0, value: $0.1) },
            actuals: actuals.map { .init(year: $0.0, value: $0.1, source: "Держстат", date: nil) }, weight: weight)
    }

    // MARK: The straight path

    @Test func thePathRunsStraightFromTheBaselineToEachTarget() {
        let indicator = Self.indicator(targets: [(2022, 140), (2025, 200)])
        #expect(indicator.plannedValue(in: 2019) == 100)
        #expect(indicator.plannedValue(in: 2020) == 100)
        #expect(indicator.plannedValue(in: 2021) == 120)
        #expect(indicator.plannedValue(in: 2022) == 140)
        #expect(indicator.plannedValue(in: 2024) == 180)
        #expect(indicator.plannedValue(in: 2030) == 200)
    }

    // MARK: Status

    @Test(arguments: [(120.0, IndicatorStatus.green), (119.0, .green), (118.9, .amber), (116.0, .amber), (115.9, .red), (90.0, .red), (150.0, .green)])
    func statusIsGreenAt95AmberAt80OfThePlannedProgress(actual: Double, expected: IndicatorStatus) {
        // Planned for 2021: 100 → 120, a gain of 20; 95 % of it is 19, 80 % is 16.
        let indicator = Self.indicator(targets: [(2025, 200)], actuals: [(2021, actual)])
        #expect(indicator.assessment(asOf: 2026).status == expected)
    }

    @Test(arguments: [(80.0, IndicatorStatus.green), (81.0, .green), (81.1, .amber), (84.0, .amber), (84.1, .red), (110.0, .red)])
    func statusIsMirroredForLowerIsBetter(actual: Double, expected: IndicatorStatus) {
        // Planned for 2021: 100 → 80, a fall of 20.
        let indicator = Self.indicator(.lower, targets: [(2025, 0)], actuals: [(2021, actual)])
        #expect(indicator.assessment(asOf: 2026).status == expected)
    }

    @Test func statusJudgesTheNewestActualUpToTheYearAsked() {
        let indicator = Self.indicator(targets: [(2025, 200)], actuals: [(2021, 120), (2023, 130)])
        #expect(indicator.assessment(asOf: 2022).year == 2021)
        #expect(indicator.assessment(asOf: 2022).status == .green)
        #expect(indicator.assessment(asOf: 2026).year == 2023)
        #expect(indicator.assessment(asOf: 2026).status == .red)
    }

    @Test func anIndicatorWithoutAnActualHasNoStatusAndNoProgress() {
        let assessment = Self.indicator().assessment(asOf: 2026)
        #expect(assessment.status == .none && assessment.progress == nil && assessment.year == nil)
    }

    @Test func keepingToAFlatPathIsOnTrackAndFallingBelowIsNot() {
        let kept = Self.indicator(targets: [(2025, 100)], actuals: [(2023, 100)]).assessment(asOf: 2026)
        let fell = Self.indicator(targets: [(2025, 100)], actuals: [(2023, 99)]).assessment(asOf: 2026)
        #expect(kept.status == .green && kept.progress == 1)
        #expect(fell.status == .red && fell.progress == 0)
    }

    // MARK: Progress

    @Test func progressIsTheShareOfTheChangeToTheLastTargetClampedTo0And1() {
        #expect(Self.indicator(actuals: [(2023, 150)]).assessment(asOf: 2026).progress == 0.5)
        #expect(Self.indicator(actuals: [(2023, 250)]).assessment(asOf: 2026).progress == 1)
        #expect(Self.indicator(actuals: [(2023, 50)]).assessment(asOf: 2026).progress == 0)
        #expect(Self.indicator(.lower, baseline: 100, targets: [(2025, 60)], actuals: [(2023, 90)]).assessment(asOf: 2026).progress == 0.25)
    }

    // MARK: The roll-up

    static func node(_ id: String, _ parent: String?, _ level: NodeLevel, status: WorkStatus = .inProgress, weight: Weight = .one, reported: Int? = nil) -> StrategyNode {
        StrategyNode(id: id, parent: parent, level: level, title: .init(uk: id, en: id), status: status, reportedProgress: reported, weight: weight)
    }

    static func weight(_ value: Double) -> Weight { Weight(value) ?? .one }

    @Test func aParentsProgressIsTheWeightedMeanOfItsChildren() throws {
        let tree = try StrategyTree.make(nodes: [
            Self.node("g", nil, .goal), Self.node("o", "g", .objective),
            Self.node("a", "o", .measure, status: .done, weight: Self.weight(3)), Self.node("b", "o", .measure, weight: Self.weight(1), reported: 40),
        ], indicators: [])
        let rollup = tree.rollup(asOf: 2026).rollup
        #expect(rollup.figures["a"] == Rollup.Figure(progress: 1, source: .status))
        #expect(rollup.figures["b"] == Rollup.Figure(progress: 0.4, source: .reported))
        #expect(abs((rollup.figures["o"]?.progress ?? 0) - 0.85) < 1e-12)
        #expect(rollup.figures["o"]?.source == .children)
        #expect(abs((rollup.documentProgress ?? 0) - 0.85) < 1e-12)
    }

    @Test func aLeafsProgressComesFromItsIndicatorsBeforeItsReportOrStatus() throws {
        let tree = try StrategyTree.make(nodes: [
            Self.node("g", nil, .goal), Self.node("o", "g", .objective), Self.node("m", "o", .measure, status: .done, reported: 90),
        ], indicators: [
            Self.indicator(actuals: [(2023, 150)], id: "i1"), Self.indicator(actuals: [(2023, 200)], weight: Self.weight(3), id: "i2"),
            Self.indicator(id: "i3"),
        ])
        let figure = tree.rollup(asOf: 2026).rollup.figures["m"]
        // (1 × 0.5 + 3 × 1) / 4; the indicator without an actual does not count.
        #expect(figure == Rollup.Figure(progress: 0.875, source: .indicators))
    }

    @Test func aLeafWithoutIndicatorsOrReportCountsItsStatusDoneAsWholeElseNothing() throws {
        let tree = try StrategyTree.make(nodes: [
            Self.node("g", nil, .goal), Self.node("o", "g", .objective), Self.node("done", "o", .measure, status: .done),
            Self.node("going", "o", .measure, status: .inProgress),
        ], indicators: [])
        let figures = tree.rollup(asOf: 2026).rollup.figures
        #expect(figures["done"]?.progress == 1 && figures["going"]?.progress == 0)
        #expect(figures["o"]?.progress == 0.5)
    }

    @Test func aCancelledNodeDoesNotCountInItsParent() throws {
        let tree = try StrategyTree.make(nodes: [
            Self.node("g", nil, .goal), Self.node("o", "g", .objective), Self.node("a", "o", .measure, status: .done),
            Self.node("x", "o", .measure, status: .cancelled),
        ], indicators: [])
        #expect(tree.rollup(asOf: 2026).rollup.figures["o"]?.progress == 1)
    }

    @Test func childrenWhoseWeightsAddUpToNothingLeaveTheParentToItsOwnReport() throws {
        let tree = try StrategyTree.make(nodes: [
            Self.node("g", nil, .goal), Self.node("o", "g", .objective, reported: 30), Self.node("a", "o", .measure, status: .done, weight: Self.weight(0)),
        ], indicators: [])
        #expect(tree.rollup(asOf: 2026).rollup.figures["o"] == Rollup.Figure(progress: 0.3, source: .reported))
    }

    @Test func aDocumentWithoutGoalsHasNoProgress() throws {
        #expect(StrategyTree.empty.rollup(asOf: 2026).rollup.documentProgress == nil)
    }

    // MARK: The tree's shape

    @Test func aNodeHangsUnderAParentOfTheLevelAboveIts() {
        #expect(throws: StrategyProblem(field: "nodes.1.parent", reason: .misplaced)) {
            try StrategyTree.make(nodes: [Self.node("g", nil, .goal), Self.node("m", "g", .measure)], indicators: [])
        }
        #expect(throws: StrategyProblem(field: "nodes.0.parent", reason: .missing)) {
            try StrategyTree.make(nodes: [Self.node("o", nil, .objective)], indicators: [])
        }
        #expect(throws: StrategyProblem(field: "nodes.1.parent", reason: .unknown)) {
            try StrategyTree.make(nodes: [Self.node("g", nil, .goal), Self.node("o", "nowhere", .objective)], indicators: [])
        }
    }

    @Test func everyIdIsOncePerDocumentAndEveryIndicatorOnANodeOfIt() {
        #expect(throws: StrategyProblem(field: "nodes.1.id", reason: .duplicate)) {
            try StrategyTree.make(nodes: [Self.node("g", nil, .goal), Self.node("g", nil, .goal)], indicators: [])
        }
        #expect(throws: StrategyProblem(field: "indicators.0.node", reason: .unknown)) {
            try StrategyTree.make(nodes: [Self.node("g", nil, .goal)], indicators: [Self.indicator(node: "elsewhere")])
        }
    }

    @Test func anIndicatorsYearsAreOnceEachAndNotBeforeItsBaseline() {
        #expect(throws: StrategyProblem(field: "targets.2020", reason: .outOfRange)) { try Self.indicator(targets: [(2020, 1)]).checked() }
        #expect(throws: StrategyProblem(field: "targets.2024", reason: .duplicate)) { try Self.indicator(targets: [(2024, 1), (2024, 2)]).checked() }
        #expect(throws: StrategyProblem(field: "actuals.2019", reason: .outOfRange)) { try Self.indicator(actuals: [(2019, 1)]).checked() }
        #expect(throws: StrategyProblem(field: "baseline.value", reason: .outOfRange)) { try Self.indicator(baseline: .infinity).checked() }
    }

    @Test func anAdoptedDocumentNamesItsDecisionAndItsYearsRunForward() {
        #expect(throws: StrategyProblem(field: "decision.number", reason: .missing)) {
            try StrategyDocument.make(externalID: "d", kind: .smeProgramme, title: .init(uk: "П", en: ""), firstYear: 2024, lastYear: 2026, decision: .init(), status: .inForce)
        }
        #expect(throws: StrategyProblem(field: "lastYear", reason: .outOfRange)) {
            try StrategyDocument.make(externalID: "d", kind: .smeProgramme, title: .init(uk: "П", en: ""), firstYear: 2024, lastYear: 2023, decision: .init(), status: .draft)
        }
        #expect(throws: StrategyProblem(field: "decision.url", reason: .malformed)) {
            try StrategyDocument.make(
                externalID: "d", kind: .smeProgramme, title: .init(uk: "П", en: ""), firstYear: 2024, lastYear: 2026,
                decision: .init(number: "1", url: "javascript:alert(1)"), status: .inForce)
        }
    }

    @Test func englishLeftEmptyReadsTheUkrainian() throws {
        let document = try StrategyDocument.make(
            externalID: "d", kind: .tourismStrategy, title: .init(uk: "Туризм", en: " "), firstYear: 2024, lastYear: 2026, decision: .init(), status: .draft)
        #expect(document.title.en == "Туризм")
    }

    // MARK: Numbers from outside

    @Test func weightsAreExactThousandthsFrom0To1000() {
        #expect(Weight(2.5)?.thousandths == 2_500)
        #expect(Weight(text: "0,125")?.thousandths == 125)
        #expect(Weight(0.0001) == nil)
        #expect(Weight(1_000.5) == nil)
        #expect(Weight(-1) == nil)
        #expect(Weight(.nan) == nil)
        #expect(Weight(text: "1e3") == nil)
    }

    @Test func measuredValuesAreDecimalsWithinTenTrillion() {
        #expect(MeasuredValue.parse("12 345,6") == 12_345.6)
        #expect(MeasuredValue.parse("-0.5") == -0.5)
        #expect(MeasuredValue.parse("1e5") == nil)
        #expect(MeasuredValue.parse("99999999999999") == nil)
        #expect(MeasuredValue.parse("1.1234567") == nil)
        #expect(MeasuredValue.parse("") == nil)
        #expect(MeasuredValue.parse("nan") == nil)
        #expect(MeasuredValue.format(0.00001) == "0.00001")
    }
}
