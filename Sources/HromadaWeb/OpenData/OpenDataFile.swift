import HromadaDomain
import Foundation
import Hummingbird

/// What every open dataset (CMU Resolution 835) shares: CSV that a
/// spreadsheet opens safely, JSON with stable key order, and the download.
package enum OpenDataFile {
    /// Money in open data: hryvnias with two decimals and a point, whatever the reader's language.
    package static func hryvnias(_ money: Money) -> String {
        let sign = money.kopiyky < 0 ? "-" : ""
        let value = money.kopiyky.magnitude
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
    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A dataset offered as `NAME.csv` and `NAME.json`: the response for the
    /// requested file, saved under `prefix-file`; any other name is a 404.
    package static func download(
        _ file: String, prefix: String, datasets: [String: (csv: () -> String, json: () throws -> String)]
    ) throws -> Response {
        let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let dataset = datasets[parts[0]] else { throw AppError.notFound }
        let body: String, type: String
        switch parts[1] {
        case "csv": (body, type) = (dataset.csv(), "text/csv; charset=utf-8")
        case "json": (body, type) = (try dataset.json(), "application/json; charset=utf-8")
        default: throw AppError.notFound
        }
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = "attachment; filename=\"\(prefix)-\(file)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// ISO 8601 in UTC, as docs/interfaces.md has all times.
    package static func time(_ date: Date?) -> String {
        date.map { $0.formatted(.iso8601) } ?? ""
    }
}
