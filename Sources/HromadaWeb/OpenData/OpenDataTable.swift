import Foundation
import HromadaDomain

/// A dataset's rows with its fields, checked to fit them, and the files
/// made from them: CSV, typed JSON, and the JSON of the modules' first
/// open-data paths (`legacyJSON`).
public struct OpenDataTable: Sendable {
    public let fields: [OpenDataField]
    public let rows: [OpenDataRow]

    /// A row that does not fit the fields: the declaration and its query disagree (a bug, answered with a 500).
    public struct Mismatch: Error, CustomStringConvertible {
        public let row: Int
        public let field: String?
        public var description: String {
            field.map { "open-data row \(row) has a value that does not fit the field \($0)" } ?? "open-data row \(row) has the wrong number of values"
        }
    }

    public init(fields: [OpenDataField], rows: [OpenDataRow]) throws {
        for (index, row) in rows.enumerated() { try Self.check(row, index: index, fields: fields) }
        self.fields = fields
        self.rows = rows
    }

    /// One row against the fields: as many values, each where it fits.
    static func check(_ row: OpenDataRow, index: Int, fields: [OpenDataField]) throws {
        guard row.count == fields.count else { throw Mismatch(row: index, field: nil) }
        for (field, value) in zip(fields, row) where !fits(value, field) {
            throw Mismatch(row: index, field: field.name)
        }
    }

    private static func fits(_ value: OpenDataValue, _ field: OpenDataField) -> Bool {
        switch value {
        case .list(let values): return field.isList && values.allSatisfy { $0 != .null && fitsOne($0, field.type) }
        case .null: return true
        default: return !field.isList && fitsOne(value, field.type)
        }
    }

    private static func fitsOne(_ value: OpenDataValue, _ type: OpenDataType) -> Bool {
        switch value {
        case .decimal(let text): return type == .decimal && isDecimal(text)
        case .number(let number): return type == .decimal && number.isFinite
        case .list: return false
        default: return value.fits(type)
        }
    }

    /// `-?digits(.digits)?`: what JSON takes as a number and a spreadsheet as one.
    static func isDecimal(_ text: String) -> Bool {
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } } && parts.count <= 2 && unsigned.utf8.count <= 40
    }

    /// The same rows without some columns (the per-edition ballots file has no edition column).
    public func dropping(_ names: Set<String>) -> OpenDataTable {
        let kept = fields.indices.filter { !names.contains(fields[$0].name) }
        // Dropping columns keeps every remaining value where it fits.
        return OpenDataTable(checked: kept.map { fields[$0] }, rows: rows.map { row in kept.map { row[$0] } })
    }

    private init(checked fields: [OpenDataField], rows: [OpenDataRow]) {
        self.fields = fields
        self.rows = rows
    }

    // MARK: Files

    /// UTF-8, a header row, RFC 4180 quoting, CRLF lines (`OpenDataFile.csv`).
    public func csv() -> String {
        OpenDataFile.csv(header: fields.map(\.name), rows: rows.map { $0.map(Self.cell) })
    }

    /// A cell's text: a list's values separated by a space, `null` empty.
    static func cell(_ value: OpenDataValue) -> String {
        switch value {
        case .null: ""
        case .text(let text): text
        case .integer(let number): String(number)
        case .decimal(let text): text
        case .number(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .date(let date): date.description
        case .datetime(let time): OpenDataFile.time(time)
        case .list(let values): values.map(cell).joined(separator: " ")
        }
    }

    /// An array of objects keyed by field name, every field present, with
    /// typed values: numbers (decimals exact), booleans, ISO 8601 dates and
    /// times as text, lists as arrays, `null` for none. Keys sorted, as the API writes them.
    public func json() throws -> String {
        try OpenDataFile.json(rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(fields, row).map { field, value in (field.name, JSONCell(typed: value)) })
        })
    }

    /// The JSON the modules' own open-data paths wrote before datasets were
    /// declared, kept byte for byte: money as text (`"12500.00"`), an absent
    /// time or text as `""`, and any other absent value left out.
    /// Written by `OpenDataWriter`, which streams the module paths' files: one writer of this shape.
    package func legacyJSON() throws -> String {
        var writer = OpenDataWriter(fields: fields, format: .json, legacyJSON: true)
        return try writer.add(rows) + writer.finish()
    }

    /// One JSON value of a cell.
    enum JSONCell: Encodable {
        case null
        case string(String)
        case integer(Int64)
        case decimal(Decimal)
        case number(Double)
        case boolean(Bool)
        case array([JSONCell])

        init(typed value: OpenDataValue) {
            switch value {
            case .null: self = .null
            case .text(let text): self = .string(text)
            case .integer(let number): self = .integer(number)
            // Checked by `isDecimal` when the table was made.
            case .decimal(let text): self = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).map(JSONCell.decimal) ?? .string(text)
            case .number(let number): self = .number(number)
            case .boolean(let flag): self = .boolean(flag)
            case .date, .datetime: self = .string(OpenDataTable.cell(value))
            case .list(let values): self = .array(values.map(JSONCell.init(typed:)))
            }
        }

        init?(legacy value: OpenDataValue, of field: OpenDataField) {
            switch value {
            case .null:
                guard [.text, .date, .datetime].contains(field.type), !field.isList else { return nil }
                self = .string("")
            case .decimal(let text): self = .string(text)
            case .list(let values): self = .array(values.compactMap { JSONCell(legacy: $0, of: field) })
            default: self = JSONCell(typed: value)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .string(let text): try container.encode(text)
            case .integer(let number): try container.encode(number)
            case .decimal(let number): try container.encode(number)
            case .number(let number): try container.encode(number)
            case .boolean(let flag): try container.encode(flag)
            case .array(let values): try container.encode(values)
            }
        }
    }
}
