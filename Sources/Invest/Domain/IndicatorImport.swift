import Foundation
import HromadaDomain

/// A CSV import of passport figures, one row per indicator and year:
/// `code,section,name_uk,name_en,unit,year,value,source,checked`
/// (the columns in any order, named in the header; `checked` may be left
/// out). Read whole before anything is stored: a file with any bad row is
/// refused with every bad row's line and what is wrong there, so a clerk
/// fixes them all at once and nothing half-imported is left behind.
public struct IndicatorImport: Sendable {
    /// Each indicator the file names, with the values it gives, in the file's order.
    public let indicators: [PassportIndicator]

    public static let required = ["code", "section", "name_uk", "name_en", "unit", "year", "value", "source"]

    /// What is wrong, where.
    public enum Problem: Error, Equatable, Sendable {
        case unreadable(DelimitedText.Problem)
        case empty
        case missingColumns([String])
        case rows([RowProblem])
    }

    public struct RowProblem: Equatable, Sendable {
        public let line: Int
        /// The column at fault (`year`, `value`, …), or nil for the row as a whole.
        public let column: String?
        public let reason: Reason

        public enum Reason: String, Sendable {
            case wrongNumberOfFields = "wrong_number_of_fields"
            case badCode = "bad_code"
            case unknownSection = "unknown_section"
            case nameMissing = "name_missing"
            case nameTooLong = "name_too_long"
            case unitTooLong = "unit_too_long"
            case badYear = "bad_year"
            case notANumber = "not_a_number"
            case sourceMissing = "source_missing"
            case sourceTooLong = "source_too_long"
            case badDate = "bad_date"
            /// The same indicator and year twice in the file.
            case repeated
            /// One code given two names, sections or units.
            case conflictingDefinition = "conflicting_definition"
        }
    }

    public init(_ bytes: Data) throws(Problem) {
        let text: DelimitedText
        do { text = try DelimitedText(bytes) } catch { throw .unreadable(error) }
        guard let header = text.rows.first else { throw .empty }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = Self.required.filter { !names.contains($0) }
        guard missing.isEmpty else { throw .missingColumns(missing) }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        var problems: [RowProblem] = [], order: [String] = [], found: [String: PassportIndicator] = [:], seen = Set<String>()
        for (line, fields) in text.rows.dropFirst() {
            guard fields.count == names.count else {
                problems.append(.init(line: line, column: nil, reason: .wrongNumberOfFields))
                continue
            }
            func cell(_ name: String) -> String { column(name).map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
            var rowProblems: [RowProblem] = []
            func refuse(_ column: String, _ reason: RowProblem.Reason) { rowProblems.append(.init(line: line, column: column, reason: reason)) }
            let code = cell("code")
            if !PassportIndicator.isCode(code) { refuse("code", .badCode) }
            let section = IndicatorSection(rawValue: cell("section"))
            if section == nil { refuse("section", .unknownSection) }
            let name = LocalizedName(uk: cell("name_uk"), en: cell("name_en"))
            for (key, value) in [("name_uk", name.uk), ("name_en", name.en)] {
                if value.isEmpty { refuse(key, .nameMissing) } else if value.count > 300 { refuse(key, .nameTooLong) }
            }
            let unit = cell("unit")
            if unit.count > 40 { refuse("unit", .unitTooLong) }
            let year = cell("year").count <= 4 ? Int(cell("year")) : nil
            var checked: CalendarDate?
            if !cell("checked").isEmpty {
                checked = CalendarDate.parse(cell("checked"))
                if checked == nil { refuse("checked", .badDate) }
            }
            var value: IndicatorValue?
            if let year {
                do {
                    value = try IndicatorValue(year: year, value: cell("value"), source: cell("source"), checkedOn: checked)
                } catch {
                    switch error {
                    case .yearOutOfRange: refuse("year", .badYear)
                    case .notANumber: refuse("value", .notANumber)
                    case .sourceMissing: refuse("source", .sourceMissing)
                    case .sourceTooLong: refuse("source", .sourceTooLong)
                    }
                }
            } else {
                refuse("year", .badYear)
            }
            guard rowProblems.isEmpty, let section, let value else {
                problems += rowProblems
                continue
            }
            guard seen.insert("\(code)\u{0}\(value.year)").inserted else {
                problems.append(.init(line: line, column: "year", reason: .repeated))
                continue
            }
            if let known = found[code] {
                guard known.section == section, known.name == name, known.unit == unit else {
                    problems.append(.init(line: line, column: "code", reason: .conflictingDefinition))
                    continue
                }
                found[code] = known.setting(value)
            } else {
                order.append(code)
                found[code] = PassportIndicator(code: code, section: section, name: name, unit: unit, values: [value])
            }
        }
        guard problems.isEmpty else { throw .rows(problems) }
        indicators = order.compactMap { found[$0] }
    }
}
