import Foundation
import HromadaDomain
@testable import Strategy

/// Random strategy trees for property tests, from a seed so a failure names
/// the tree that makes it again. Texts carry what breaks CSV and XML
/// writers: separators, quotes, line breaks, Ukrainian letters, a leading
/// `=`, `-`, `+`, `@` or apostrophe; numbers their edges.
struct StrategyTreeGenerator {
    /// SplitMix64, as the platform's demo generator: the same trees on every machine.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private var random: SplitMix

    init(seed: UInt64) { random = SplitMix(state: seed) }

    static let fragments = [
        "Розвиток громади", "ґанок і їжак", "Є", "comma, inside", "say \"hi\"", "two\nlines", "crlf\r\nbreak", "semi;colon", "=SUM(A1:A2)",
        "-minus first", "+380", "@mention", "'=quoted formula", "''-twice", "'apostrophe", "-5", "12,5", "tab\there", "€ 5", "🇺🇦", "'",
        "<&>", "100%", "  spaced  ",
    ]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    /// A text of a few fragments, within a length; may be empty unless `required`.
    mutating func text(limit: Int, required: Bool = false) -> String {
        if !required, chance(25) { return "" }
        let count = int(1...4)
        var text = (0..<count).map { _ in pick(Self.fragments) }.joined(separator: chance(50) ? " " : "")
        text = String(text.prefix(limit))
        if required, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { text = "Назва" }
        return text
    }

    mutating func name(limit: Int, required: Bool = true) -> LocalizedName {
        LocalizedName(uk: text(limit: limit, required: required), en: text(limit: limit))
    }

    /// An id as a spreadsheet numbers things, sometimes starting with `-`.
    mutating func id(_ prefix: String, _ index: Int) -> String {
        chance(10) ? "-\(prefix)\(index)" : "\(prefix)\(index)" + (chance(30) ? ".\(int(1...9))_x" : "")
    }

    mutating func money() -> Money {
        let edges: [Int64] = [0, 1, 50, 100, 12_500_000_050, Money.ceiling.kopiyky, Money.ceiling.kopiyky - 1]
        return Money(kopiyky: chance(50) ? pick(edges) : Int64.random(in: 0...Money.ceiling.kopiyky, using: &random))
    }

    mutating func weight() -> Weight {
        let edges = [0, 1, 125, 1_000, 2_500, 333, 1_000_000]
        return Weight(thousandths: chance(60) ? pick(edges) : int(0...1_000_000)) ?? .one
    }

    /// A value as typed (so exactly what `MeasuredValue.parse` makes): negative,
    /// fractional to six decimals, tiny, at the limit.
    mutating func value() -> Double {
        let edges = ["0", "-0.5", "0.00001", "-0.000015", "12.5", "10000000000000", "-10000000000000", "1234567.891", "0.125", "99.999999"]
        let text = chance(50) ? pick(edges) : "\(chance(30) ? "-" : "")\(int(0...9_999_999)).\(int(0...999_999))"
        return MeasuredValue.parse(text) ?? 0
    }

    mutating func date(in years: ClosedRange<Int>) -> CalendarDate {
        CalendarDate(year: int(years), month: int(1...12), day: int(1...28))
    }

    /// A checked tree of about `nodes` nodes and `indicators` indicators,
    /// its nodes not always after their parents.
    mutating func tree(nodes count: Int, indicators indicatorCount: Int) throws -> StrategyTree {
        var nodes: [StrategyNode] = []
        for index in 0..<count {
            let parent = nodes.filter { $0.level != .project }.isEmpty || chance(15) ? nil : pick(nodes.filter { $0.level != .project })
            let level: NodeLevel = parent.map { parent in NodeLevel.allCases.first { $0.parentLevel == parent.level } ?? .goal } ?? .goal
            var start: CalendarDate? = chance(60) ? date(in: 2000...2040) : nil
            var end: CalendarDate? = chance(60) ? date(in: 2000...2040) : nil
            if let first = start, let last = end, last < first { (start, end) = (last, first) }
            var links: [NodeLink] = []
            for _ in 0..<(chance(40) ? int(1...3) : 0) {
                let link = NodeLink(kind: pick(NodeLink.Kind.allCases), id: "\(pick(["abc", "X-1", "42", "p_7"]))\(int(0...99))")
                if !links.contains(link) { links.append(link) }
            }
            nodes.append(
                StrategyNode(
                    id: id("N", index), parent: parent?.id, level: level, code: text(limit: 20), title: name(limit: 500),
                    description: name(limit: 600, required: false), responsible: text(limit: 300), start: start, end: end, planned: money(),
                    spent: money(), status: pick(WorkStatus.allCases), reportedProgress: chance(50) ? int(0...100) : nil, weight: weight(), links: links))
        }
        // Some children before their parents: the tree's order is the file's, not a walk.
        if nodes.count > 3, chance(50) { nodes.swapAt(0, nodes.count - 1) }
        var indicators: [StrategyIndicator] = []
        for index in 0..<(nodes.isEmpty ? 0 : indicatorCount) {
            let baseline = int(2010...2025)
            let targetYears = Set((0..<int(0...4)).map { _ in baseline + int(1...10) }).sorted()
            let actualYears = Set((0..<int(0...4)).map { _ in baseline + int(0...10) }).sorted()
            indicators.append(
                StrategyIndicator(
                    id: id("I", index), node: pick(nodes).id, code: text(limit: 20), name: name(limit: 300), unit: name(limit: 40, required: false),
                    direction: pick(IndicatorDirection.allCases), baseline: .init(year: baseline, value: value()),
                    targets: targetYears.map { .init(year: $0, value: value()) },
                    actuals: actualYears.map { .init(year: $0, value: value(), source: text(limit: 300, required: true), date: chance(50) ? date(in: 2000...2100) : nil) },
                    responsible: text(limit: 300), computed: chance(20) ? "budget.turnout" : nil, weight: weight()))
        }
        return try StrategyTree.make(nodes: nodes, indicators: indicators)
    }
}

/// The platform's CSV writer (`OpenDataFile.csvField`) as a test needs it:
/// RFC 4180 quoting, and an apostrophe before a cell that starts with `=`,
/// `+`, `-` or `@` and is not a number. `separator` `;` writes what a
/// Ukrainian Excel saves.
enum TestCSV {
    static func data(_ rows: [[String]], separator: Character = ",") -> Data {
        Data((rows.map { $0.map { field($0, separator) }.joined(separator: String(separator)) }.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func field(_ text: String, _ separator: Character) -> String {
        var value = text
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { value = "'" + text }
        let special = text.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" || Character($0) == separator }
        return special ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}
