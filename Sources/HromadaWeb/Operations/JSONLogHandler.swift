import Foundation
import Logging

/// One JSON object per line (`HROMADA_LOG_FORMAT=json`), for a log shipper
/// (journald → Loki, Vector, Fluent Bit) that parses fields rather than text:
/// `{"time":…,"level":…,"label":…,"message":…,` then the metadata`}`.
///
/// swift-log ships only the text handler; the format is a few lines, so it
/// is written here rather than adding a logging backend for it.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: @Sendable (String) -> Void

    /// Lines to standard error (`LogLines`).
    public static func standardError(label: String, level: Logger.Level) -> JSONLogHandler {
        JSONLogHandler(label: label, level: level, sink: LogLines.writeToStandardError)
    }

    public init(label: String, level: Logger.Level, sink: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let fields = LogLines.fields(metadata, provider: metadataProvider, event: event)
        var object: [String: Any] = [:]
        for (key, value) in fields { object[Self.fieldName(key)] = Self.json(value) }
        object["time"] = Self.timestamp(Date())
        object["level"] = event.level.rawValue
        object["label"] = label
        object["message"] = "\(event.message)"
        if event.level >= .warning { object["source"] = "\(event.file):\(event.line)" }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let line = String(data: data, encoding: .utf8)
        else { return }
        sink(line)
    }

    /// Hummingbird's request-id key under the name log tools expect.
    static func fieldName(_ key: String) -> String { key == "hb.request.id" ? "request_id" : key }

    static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        // Numbers stay numbers (status, milliseconds), so a query can compare them.
        case .stringConvertible(let value as Int): value
        case .stringConvertible(let value as Double) where value.isFinite: value
        case .stringConvertible(let value): "\(value)"
        case .array(let values): values.map(json)
        case .dictionary(let values): values.mapValues(json)
        }
    }

    /// UTC with milliseconds: `2026-12-02T14:05:09.123Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
