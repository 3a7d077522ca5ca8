import HromadaDomain
import Foundation
import Hummingbird

/// What every open dataset (CMU Resolution 835) shares: CSV that a
/// spreadsheet opens safely, JSON with stable key order, and the download.
package enum OpenDataFile {
    /// Money in open data: hryvnias with two decimals and a point, whatever the reader's language.
    package static func hryvnias(_ money: Money) -> String {
        hundredths(money.kopiyky)
    }

    /// A number kept in hundredths (kopiyky, a score out of 100) with a point and two decimals.
    package static func hundredths(_ hundredths: Int64) -> String {
        let sign = hundredths < 0 ? "-" : ""
        let value = hundredths.magnitude
        return "\(sign)\(value / 100).\(value % 100 < 10 ? "0" : "")\(value % 100)"
    }

    /// RFC 4180 lines with CRLF, the header first.
    package static func csv(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The API's own JSON: sorted keys, ISO 8601 times.
    package static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONResponse.data(value), as: UTF8.self)
    }

    /// RFC 4180 quoting, and a leading apostrophe for cells a spreadsheet would run as a formula.
    ///
    /// Read as UTF-8 bytes: every cell of a file passes here (half a million
    /// ballots' worth), and the bytes that matter are all ASCII. A CR or LF
    /// anywhere, a CRLF pair included, makes the cell quoted.
    package static func csvField(_ text: String) -> String {
        var value = text
        if let first = text.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@"),
           Double(text) == nil {
            value = "'" + text
        }
        let special = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard special else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A file name of the open-data paths, `NAME.csv` or `NAME.json`, split; nil for any other.
    package static func fileName(_ file: String) -> (name: String, format: Format)? {
        guard let dot = file.lastIndex(of: "."), let format = Format(rawValue: String(file[file.index(after: dot)...])) else { return nil }
        return (String(file[..<dot]), format)
    }

    package enum Format: String, Sendable {
        case csv, json

        var contentType: String { self == .csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8" }
    }

    /// The response for a file, saved as `filename`.
    package static func response(_ body: String, format: Format, filename: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// A module's own open-data path (`/api/v1/{city}/petitions/open-data/{file}`):
    /// the requested file, `NAME.csv` or `NAME.json`, saved under
    /// `prefix-file`, written as its rows come, with the JSON these paths
    /// have always written (`OpenDataTable.legacyJSON`); any other name is
    /// a 404. `sources` gives, by name, the fields and the rows of each.
    package static func download(_ file: String, prefix: String, sources: [String: Source]) throws -> Response {
        guard let parts = fileName(file), let source = sources[parts.name] else { throw AppError.notFound }
        return OpenDataWriter.streamingResponse(parts.format, filename: "\(prefix)-\(file)") { write in
            try await OpenDataWriter.write(fields: source.fields, format: parts.format, legacyJSON: true, rows: source.rows, to: write)
        }
    }

    /// What a file is made of: its columns and its rows in batches.
    package struct Source: Sendable {
        let fields: [OpenDataField]
        let rows: @Sendable (([OpenDataRow]) async throws -> Void) async throws -> Void

        package init(fields: [OpenDataField], rows: @escaping @Sendable (([OpenDataRow]) async throws -> Void) async throws -> Void) {
            self.fields = fields
            self.rows = rows
        }
    }

    /// A module's own open-data path for its declared datasets.
    package static func download(
        _ file: String, prefix: String, datasets: [OpenDataset], services: AppServices, city: Municipality
    ) throws -> Response {
        let sources = datasets.map { dataset in
            (dataset.slug, Source(fields: dataset.fields) { try await dataset.rows(services, in: city, $0) })
        }
        return try download(file, prefix: prefix, sources: Dictionary(sources, uniquingKeysWith: { first, _ in first }))
    }

    /// ISO 8601 in UTC, as docs/interfaces.md has all times.
    package static func time(_ date: Date?) -> String {
        date.map { $0.formatted(.iso8601) } ?? ""
    }
}
