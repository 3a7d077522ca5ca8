import Foundation

/// Rows of a CSV file as a spreadsheet exports it (RFC 4180): fields
/// separated by commas, or by semicolons where the header has them and no
/// comma (a Ukrainian Excel's habit, which writes decimals with a comma);
/// quoted fields with doubled quotes and line breaks inside; CRLF or LF;
/// a UTF-8 byte-order mark ignored. In the platform because more than one
/// module imports spreadsheets (the investment passport, the strategies);
/// written here because no package on this machine reads CSV.
public struct DelimitedText: Sendable, Equatable {
    /// Each row's fields, with the line each row starts on (from 1).
    public let rows: [(line: Int, fields: [String])]
    public let separator: Character

    public enum Problem: Error, Equatable, Sendable {
        /// Not UTF-8 text.
        case notText
        /// A quoted field that never closes, opened on this line.
        case unclosedQuote(line: Int)
        /// More rows, or a longer field, than an import takes.
        case tooLarge
    }

    public static let maxRows = 20_000
    public static let maxFieldLength = 4_000

    /// `maxRows`: the most rows a caller's import takes (a strategy's
    /// indicators come one row per year, more than a passport's figures).
    public init(_ bytes: Data, maxRows: Int = Self.maxRows) throws(Problem) {
        guard var text = String(data: bytes, encoding: .utf8) else { throw .notText }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let header = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        separator = header.contains(";") && !header.contains(",") ? ";" : ","
        // Read by Unicode scalar, not by Character: a quote or separator
        // followed by a combining mark is one Character equal to neither, and
        // would swallow the field's end.
        let separatorScalar: Unicode.Scalar = separator == ";" ? ";" : ","
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = [], field = String.UnicodeScalarView(), length = 0
        var quoted = false, line = 1, rowLine = 1, quoteLine = 1, afterQuote = false, afterCR = false
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            length = 0
        }
        func endRow() throws(Problem) {
            endField()
            // A line with nothing on it (a trailing newline, a blank line) is no row.
            if !(fields.count == 1 && fields[0].isEmpty) {
                guard rows.count < maxRows else { throw .tooLarge }
                rows.append((rowLine, fields))
            }
            fields = []
        }
        for scalar in text.unicodeScalars {
            // CR LF is one line break: the CR counted it.
            let secondOfCRLF = afterCR && scalar == "\n"
            afterCR = scalar == "\r"
            if quoted {
                if scalar == "\"" {
                    quoted = false
                    afterQuote = true
                    continue
                }
                if (scalar == "\n" && !secondOfCRLF) || scalar == "\r" { line += 1 }
                field.append(scalar)
                length += 1
            } else if secondOfCRLF {
                continue
            } else if scalar == "\"" {
                // A doubled quote inside a quoted field reads as one quote.
                if afterQuote {
                    field.append("\"")
                    length += 1
                }
                quoted = true
                quoteLine = line
                afterQuote = false
            } else if scalar == separatorScalar {
                endField()
                afterQuote = false
            } else if scalar == "\n" || scalar == "\r" {
                try endRow()
                line += 1
                rowLine = line
                afterQuote = false
            } else {
                field.append(scalar)
                length += 1
                afterQuote = false
            }
            guard length <= Self.maxFieldLength else { throw .tooLarge }
        }
        if quoted { throw .unclosedQuote(line: quoteLine) }
        try endRow()
        self.rows = rows
    }

    public static func == (a: DelimitedText, b: DelimitedText) -> Bool {
        a.separator == b.separator && a.rows.count == b.rows.count && zip(a.rows, b.rows).allSatisfy { $0.line == $1.line && $0.fields == $1.fields }
    }
}
