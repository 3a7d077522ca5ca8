import Crypto
import Foundation
import HromadaDomain
import Hummingbird

/// A dataset's file written as its rows come, batch by batch: the same
/// bytes as `OpenDataTable.csv()` and `.json()` make from the whole table,
/// with memory bounded by a batch and a chunk. Each row is checked against
/// the fields as the table checks it; a row that does not fit stops the
/// file (a bug in the module's query, never a malformed file sent whole).
package struct OpenDataWriter: Sendable {
    package let fields: [OpenDataField]
    package let format: OpenDataFile.Format
    /// JSON in the shape the modules' own open-data paths always wrote
    /// (`OpenDataTable.legacyJSON`) rather than the typed one.
    package let legacyJSON: Bool
    /// Text is handed on in pieces of about this many bytes.
    package static let chunkBytes = 64 * 1024

    private var pending = ""
    private var rows = 0
    private var started = false

    package init(fields: [OpenDataField], format: OpenDataFile.Format, legacyJSON: Bool = false) {
        self.fields = fields
        self.format = format
        self.legacyJSON = legacyJSON
    }

    /// Adds rows; returns the text that is ready to go out (empty until a chunk fills).
    package mutating func add(_ batch: [OpenDataRow]) throws -> String {
        if !started { start() }
        for row in batch {
            try OpenDataTable.check(row, index: rows, fields: fields)
            switch format {
            case .csv:
                pending += row.map { OpenDataFile.csvField(OpenDataTable.cell($0)) }.joined(separator: ",") + "\r\n"
            case .json where legacyJSON:
                let object = Dictionary(uniqueKeysWithValues: zip(fields, row).compactMap { field, value in
                    OpenDataTable.JSONCell(legacy: value, of: field).map { (field.name, $0) }
                })
                pending += (rows == 0 ? "" : ",") + String(decoding: try JSONResponse.data(object), as: UTF8.self)
            case .json:
                let object = Dictionary(uniqueKeysWithValues: zip(fields, row).map { field, value in (field.name, OpenDataTable.JSONCell(typed: value)) })
                pending += (rows == 0 ? "" : ",") + String(decoding: try JSONResponse.data(object), as: UTF8.self)
            }
            rows += 1
        }
        guard pending.utf8.count >= Self.chunkBytes else { return "" }
        defer { pending = "" }
        return pending
    }

    /// The rest of the file.
    package mutating func finish() -> String {
        if !started { start() }
        if format == .json { pending += "]" }
        defer { pending = "" }
        return pending
    }

    private mutating func start() {
        started = true
        pending = format == .csv ? OpenDataFile.csv(header: fields.map(\.name), rows: []) : "["
    }
}

/// The size and SHA-256 of a file written piece by piece.
public struct OpenDataDigest: Sendable {
    private var hasher = SHA256()
    public private(set) var bytes: Int64 = 0

    public init() {}

    public mutating func add(_ text: String) {
        let data = Data(text.utf8)
        hasher.update(data: data)
        bytes += Int64(data.count)
    }

    /// Lowercase hex.
    public func sha256() -> String { Hex.encode(hasher.finalize()) }
}

extension OpenDataset {
    /// Its rows in the city, in batches: the module's `stream` where it has
    /// one (a dataset too large to hold), else its query in one batch.
    public func rows(_ services: AppServices, in city: Municipality, _ batch: ([OpenDataRow]) async throws -> Void) async throws {
        if let stream { return try await stream(services, city, batch) }
        try await batch(try await query(services, city))
    }

    /// Its file in one format, handed to `write` in chunks as it is made.
    package func write(_ format: OpenDataFile.Format, _ services: AppServices, in city: Municipality, to write: (String) async throws -> Void) async throws {
        try await OpenDataWriter.write(fields: fields, format: format, rows: { try await self.rows(services, in: city, $0) }, to: write)
    }

    /// A response that streams the file, saved as `filename`.
    package func streamingResponse(_ format: OpenDataFile.Format, _ services: AppServices, in city: Municipality, filename: String) -> Response {
        OpenDataWriter.streamingResponse(format, filename: filename) { try await self.write(format, services, in: city, to: $0) }
    }

    /// A part's file in one format, handed to `write` in chunks as it is made.
    package func write(_ part: OpenDataPart, _ format: OpenDataFile.Format, to write: (String) async throws -> Void) async throws {
        try await OpenDataWriter.write(fields: partFields, format: format, rows: { try await part.stream($0) }, to: write)
    }
}

extension OpenDataWriter {
    /// A file of these fields in one format, from rows in batches, handed to `write` in chunks.
    package static func write(
        fields: [OpenDataField], format: OpenDataFile.Format, legacyJSON: Bool = false,
        rows: (([OpenDataRow]) async throws -> Void) async throws -> Void, to write: (String) async throws -> Void
    ) async throws {
        var writer = OpenDataWriter(fields: fields, format: format, legacyJSON: legacyJSON)
        // Both closures are called only while this runs.
        try await withoutActuallyEscaping(write) { write in
            try await rows { batch in
                let chunk = try writer.add(batch)
                if !chunk.isEmpty { try await write(chunk) }
            }
            try await write(writer.finish())
        }
    }

    /// A response that streams what `body` writes, saved as `filename`.
    package static func streamingResponse(
        _ format: OpenDataFile.Format, filename: String, body: @escaping @Sendable ((String) async throws -> Void) async throws -> Void
    ) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        let body = ResponseBody { writer in
            try await body { chunk in try await writer.write(ByteBuffer(string: chunk)) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
