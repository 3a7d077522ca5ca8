import Foundation
import HromadaDomain

/// A `nodes.csv` or an `indicators.csv` (`StrategyCSV`) merged into a
/// document's tree as an upsert on ids: a row whose id the tree has changes
/// that node or indicator (a column left out of the file keeps its value),
/// any other row adds one after those the tree has, and nothing is deleted.
/// All or nothing: a file with any fault is refused with every fault's line
/// and column, so a clerk fixes them all at once and no half-imported tree
/// is left behind. Nodes are imported first, then indicators against the
/// tree that made; each file stands or falls on its own.
public struct StrategyImport: Sendable {
    public let file: StrategyCSV.File
    /// The header's columns, lowercased, in the file's order.
    let columns: [String]
    let rows: [Row]
    /// Rows with the wrong number of cells: kept to be listed with the rest.
    let shapeProblems: [Problem]

    struct Row: Sendable {
        let line: Int
        /// Each column's cell, as `StrategyCSV.imported` reads it.
        let cells: [String: String]

        subscript(_ column: String) -> String? { cells[column] }
    }

    /// What changed: the tree to store and, for each row's node or indicator, what happened to it.
    public struct Outcome: Sendable, Equatable {
        public let tree: StrategyTree
        /// In the file's order, one per node or indicator the file names.
        public let changes: [Change]
    }

    public struct Change: Sendable, Equatable {
        public let id: String
        public let effect: Effect

        public enum Effect: Sendable, Equatable {
            case added
            /// The columns whose values differ (`title_uk`, `planned_uah`), and
            /// for an indicator's years `target.2026` or `actual.2026` (its
            /// value, source or date).
            case changed([String])
            case unchanged
        }
    }

    /// Every fault found; the import stored nothing.
    public struct Failure: Error, Sendable, Equatable {
        public let problems: [Problem]
    }

    /// A fault, where it is: what the import page lists.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The line of the file the row starts on (the header's is 1); nil for the file as a whole.
        public let line: Int?
        /// The column at fault, as the header names it; nil for the row as a whole.
        public let column: String?
        public let reason: Reason

        public init(line: Int?, column: String?, reason: Reason) {
            self.line = line
            self.column = column
            self.reason = reason
        }

        public var description: String { "\(line.map { "line \($0)" } ?? "file")\(column.map { ", \($0)" } ?? ""): \(reason.rawValue)" }
    }

    /// Stable codes the import page translates (`strategy.import.<code>`).
    /// An `Error` so that the reading of one cell can throw it, typed.
    public enum Reason: String, Error, Sendable, CaseIterable {
        /// Not UTF-8 text.
        case notText = "not_text"
        /// A quoted cell that never closes (at the line it opens on).
        case unclosedQuote = "unclosed_quote"
        /// More rows, or a longer cell, than an import takes (`DelimitedText`'s limits).
        case tooLarge = "too_large"
        /// Not even a header.
        case empty
        /// A header names a column this file does not have.
        case unknownColumn = "unknown_column"
        /// A required column is not in the header.
        case missingColumn = "missing_column"
        case wrongNumberOfFields = "wrong_number_of_fields"
        /// A required cell left empty; an actual without a source; a value without a year.
        case missing
        case tooLong = "too_long"
        case outOfRange = "out_of_range"
        /// An id of other characters than letters, digits, `.`, `-`, `_`; a link that is not `kind:id`.
        case malformed
        case notANumber = "not_a_number"
        case notADate = "not_a_date"
        /// Not one of a column's words (a level, a status, a direction, a link's kind).
        case notInList = "not_in_list"
        /// The same id twice in the file, an indicator's year twice, a link twice, a column twice.
        case duplicate
        /// A parent, or an indicator's node, that is neither in the tree nor in the file.
        case unknown
        /// A node under a parent of a level other than the one above its own.
        case misplaced
        /// A new level for a node whose children (not in the file) could then not hang under it.
        case hasChildren = "has_children"
        /// An indicator's row whose definition differs from its earlier row.
        case conflictingDefinition = "conflicting_definition"
        /// More nodes or indicators than a tree holds.
        case tooMany = "too_many"

        init(_ reason: StrategyProblem.Reason) { self = Reason(rawValue: reason.rawValue) ?? .malformed }
    }

    /// The file read and its header checked; its rows are checked against a tree by `apply`.
    public init(_ file: StrategyCSV.File, bytes: Data) throws(Failure) {
        let text: DelimitedText
        // A tree's nodes, or its indicators one row per year (5,000 × 30 years at most).
        let maxRows = file == .nodes ? StrategyTree.maxNodes * 2 : StrategyTree.maxIndicators * 30 + 1
        do { text = try DelimitedText(bytes, maxRows: maxRows) } catch {
            switch error {
            case .notText: throw Failure(problems: [Problem(line: nil, column: nil, reason: .notText)])
            case .unclosedQuote(let line): throw Failure(problems: [Problem(line: line, column: nil, reason: .unclosedQuote)])
            case .tooLarge: throw Failure(problems: [Problem(line: nil, column: nil, reason: .tooLarge)])
            }
        }
        guard let header = text.rows.first else { throw Failure(problems: [Problem(line: nil, column: nil, reason: .empty)]) }
        var problems: [Problem] = [], columns: [String] = []
        for field in header.fields {
            let name = StrategyCSV.imported(field).lowercased()
            if !file.columns.contains(name) {
                problems.append(Problem(line: header.line, column: name, reason: .unknownColumn))
            } else if columns.contains(name) {
                problems.append(Problem(line: header.line, column: name, reason: .duplicate))
            }
            columns.append(name)
        }
        for name in file.required where !columns.contains(name) {
            problems.append(Problem(line: header.line, column: name, reason: .missingColumn))
        }
        guard problems.isEmpty else { throw Failure(problems: problems) }
        var rows: [Row] = [], shapeProblems: [Problem] = []
        for (line, fields) in text.rows.dropFirst() {
            guard fields.count == columns.count else {
                shapeProblems.append(Problem(line: line, column: nil, reason: .wrongNumberOfFields))
                continue
            }
            rows.append(Row(line: line, cells: Dictionary(zip(columns, fields.map(StrategyCSV.imported)), uniquingKeysWith: { first, _ in first })))
        }
        self.file = file
        self.columns = columns
        self.rows = rows
        self.shapeProblems = shapeProblems
    }

    /// The tree with this file merged in, checked whole, and what changed;
    /// or every fault, each at the row and column that caused it.
    public func apply(to existing: StrategyTree) throws(Failure) -> Outcome {
        switch file {
        case .nodes: try applyNodes(to: existing)
        case .indicators: try applyIndicators(to: existing)
        }
    }

    // MARK: Shared

    /// The faults found so far, each once, listed by line and then in the header's column order.
    struct Problems {
        private(set) var list: [Problem]
        private var seen: Set<Problem>

        init(_ initial: [Problem]) {
            list = initial
            seen = Set(initial)
        }

        var isEmpty: Bool { list.isEmpty }
        var count: Int { list.count }

        mutating func add(_ line: Int?, _ column: String?, _ reason: Reason) {
            let problem = Problem(line: line, column: column, reason: reason)
            if seen.insert(problem).inserted { list.append(problem) }
        }

        func failure(columns: [String]) -> Failure {
            let ordered = list.enumerated().sorted { a, b in
                func key(_ item: (offset: Int, element: Problem)) -> (Int, Int, Int) {
                    (item.element.line ?? 0, item.element.column.flatMap { columns.firstIndex(of: $0) }.map { $0 + 1 } ?? 0, item.offset)
                }
                return key(a) < key(b)
            }
            return Failure(problems: ordered.map(\.element))
        }
    }

    /// `checked()` names only the first fault of a node or an indicator; to
    /// list them all, the field at fault is set aside (`clear`, false when it
    /// cannot be) and the rest is asked again.
    static func faults<T>(of value: T, check: (T) throws(StrategyProblem) -> T, clear: (inout T, String) -> Bool) -> [StrategyProblem] {
        var value = value, found: [StrategyProblem] = []
        // Each round clears one field, so this ends; the cap keeps a hopeless row's list readable.
        while found.count < 60 {
            do {
                _ = try check(value)
                return found
            } catch {
                found.append(error)
                guard clear(&value, error.field) else { return found }
            }
        }
        return found
    }

    /// A row's id, checked; nil (with the fault noted) when it cannot be matched.
    static func id(of row: Row, into problems: inout Problems) -> String? {
        do {
            return try Checked.externalID(row["id"] ?? "", "id")
        } catch {
            problems.add(row.line, "id", Reason(error.reason))
            return nil
        }
    }

    /// A place `StrategyTree.make` names (`nodes.3.parent`), split into its index and field.
    static func place(_ field: String, under prefix: String) -> (index: Int, field: String)? {
        let parts = field.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == prefix, let index = Int(parts[1]) else { return nil }
        return (index, String(parts[2]))
    }
}

/// Cells read as values, each fault a `StrategyImport.Reason`. Every number
/// is range-checked before any arithmetic is done with it.
enum StrategyCell {
    typealias Reason = StrategyImport.Reason

    /// One of a column's words, in any case.
    static func choice<T: RawRepresentable & CaseIterable>(_ text: String) throws(Reason) -> T where T.RawValue == String {
        guard !text.isEmpty else { throw .missing }
        guard let value = T(rawValue: text.lowercased()) else { throw .notInList }
        return value
    }

    /// A whole number of at most nine digits, within a range.
    static func integer(_ text: String, in range: ClosedRange<Int>) throws(Reason) -> Int {
        guard !text.isEmpty else { throw .missing }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notANumber }
        guard digits.count <= 9, let value = Int(text), range.contains(value) else { throw .outOfRange }
        return value
    }

    /// An indicator's value (`MeasuredValue.parse`: `12 345,6`, `-0.5`).
    static func value(_ text: String) throws(Reason) -> Double {
        guard !text.isEmpty else { throw .missing }
        guard let value = MeasuredValue.parse(text) else { throw .notANumber }
        return value
    }

    /// A weight; an empty cell is the default, 1.
    static func weight(_ text: String) throws(Reason) -> Weight {
        guard !text.isEmpty else { return .one }
        guard MeasuredValue.parse(text) != nil else { throw .notANumber }
        guard let weight = Weight(text: text) else { throw .outOfRange }
        return weight
    }

    /// `YYYY-MM-DD`; an empty cell is no date.
    static func date(_ text: String) throws(Reason) -> CalendarDate? {
        guard !text.isEmpty else { return nil }
        guard let date = CalendarDate.parse(text) else { throw .notADate }
        return date
    }

    /// Hryvnias with up to two decimals after a point or a comma, spaces
    /// between thousands allowed (`12 500 000,50`); an empty cell is zero.
    static func money(_ text: String) throws(Reason) -> Money {
        let cleaned = text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        guard !cleaned.isEmpty else { return .zero }
        let negative = cleaned.hasPrefix("-")
        let parts = (negative ? cleaned.dropFirst() : Substring(cleaned)).split(omittingEmptySubsequences: false) { $0 == "," || $0 == "." }
        let isDigits = { (part: Substring) in part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...2).contains(parts.count), !parts[0].isEmpty, isDigits(parts[0]),
              parts.count == 1 || ((1...2).contains(parts[1].count) && isDigits(parts[1]))
        else { throw .notANumber }
        guard !negative else { throw .outOfRange }
        // The ceiling is 10¹³ hryvnias: 14 digits once leading zeros are gone.
        let whole = parts[0].drop { $0 == "0" }
        guard whole.count <= 14, let hryvnias = Int64(whole.isEmpty ? "0" : String(whole)), hryvnias <= Money.ceiling.kopiyky / 100
        else { throw .outOfRange }
        let cents = parts.count == 2 ? (Int64(parts[1]) ?? 0) * (parts[1].count == 1 ? 10 : 1) : 0
        guard let money = Money(input: hryvnias * 100 + cents) else { throw .outOfRange }
        return money
    }

    /// `kind:id` pairs between spaces or semicolons (`budget_project:12;petition:7`); an empty cell is none.
    static func links(_ text: String) throws(Reason) -> [NodeLink] {
        var links: [NodeLink] = []
        for pair in text.split(whereSeparator: { $0 == ";" || $0.isWhitespace }) {
            guard let colon = pair.firstIndex(of: ":") else { throw .malformed }
            guard let kind = NodeLink.Kind(rawValue: String(pair[..<colon]).lowercased()) else { throw .notInList }
            let id = pair[pair.index(after: colon)...]
            guard !id.isEmpty else { throw .malformed }
            links.append(NodeLink(kind: kind, id: String(id)))
        }
        return links
    }
}
