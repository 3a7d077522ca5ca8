import Foundation
import HromadaDomain
import Strategy

/// Any bytes as a clerk's CSV of a strategy's nodes and of its indicators,
/// imported into a small tree: read, checked row by row, merged, checked as
/// a tree. A refusal (`StrategyImport.Failure`) is an answer; a trap is a
/// finding, and so is an accepted file whose export does not import back
/// into the tree it made without a change.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzStrategy(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: count))
    for file in StrategyCSV.File.allCases {
        guard let outcome = try? StrategyImport(file, bytes: bytes).apply(to: seed) else { continue }
        let rows = file == .nodes ? StrategyCSV.nodes(of: outcome.tree) : StrategyCSV.indicators(of: outcome.tree)
        let again = Data(csv(rows).utf8)
        guard let second = try? StrategyImport(file, bytes: again).apply(to: outcome.tree) else {
            fatalError("an accepted \(file.rawValue) file's export is refused")
        }
        guard second.tree == outcome.tree, second.changes.allSatisfy({ $0.effect == .unchanged }) else {
            fatalError("an accepted \(file.rawValue) file's export changes the tree it made")
        }
    }
    return 0
}

/// RFC 4180 as the platform writes it (quotes where needed, a leading
/// apostrophe on a cell a spreadsheet would run as a formula).
func csv(_ rows: [[String]]) -> String {
    rows.map { row in
        row.map { cell -> String in
            var value = cell
            if let first = cell.first, "=+-@".contains(first), Double(cell) == nil { value = "'" + cell }
            guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }.joined(separator: "\r\n") + "\r\n"
}

/// A goal, an objective and a task with one indicator, for the files to land in.
let seed: StrategyTree = {
    let nodes = [
        StrategyNode(id: "1", parent: nil, level: .goal, code: "1", title: .init(uk: "Ціль", en: "Goal")),
        StrategyNode(id: "1.1", parent: "1", level: .objective, code: "1.1", title: .init(uk: "Завдання", en: "Objective")),
        StrategyNode(id: "1.1.1", parent: "1.1", level: .measure, code: "1.1.1", title: .init(uk: "Захід", en: "Task")),
    ]
    let indicator = StrategyIndicator(
        id: "I1", node: "1.1.1", name: .init(uk: "Показник", en: "Indicator"), unit: .init(uk: "%", en: "%"), direction: .higher,
        baseline: .init(year: 2020, value: 10), targets: [.init(year: 2025, value: 50)], actuals: [.init(year: 2023, value: 30, source: "Держстат", date: nil)])
    return (try? StrategyTree.make(nodes: nodes, indicators: [indicator])) ?? .empty
}()
