#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// Plain log lines (`HROMADA_LOG_FORMAT=text`, the default), in the format of
/// swift-log's `StreamLogHandler`:
/// `2026-12-06T19:05:09+0200 info hromada: client=… route=… [Source] message`.
///
/// Written here because `StreamLogHandler` takes the time with `localtime`,
/// and glibc's `localtime` looks at the time-zone file again on every call
/// when `TZ` is unset, a `stat` per line: with a line per request, that was
/// 1.5 % of a signature's CPU on the request threads (issue 25).
/// `localtime_r` reads the zone once.
public struct TextLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: @Sendable (String) -> Void

    /// Lines to standard error (`LogLines`).
    public static func standardError(label: String, level: Logger.Level) -> TextLogHandler {
        TextLogHandler(label: label, level: level, sink: LogLines.writeToStandardError)
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
        var fields = LogLines.fields(metadata, provider: metadataProvider, event: event)
        if let error = event.error {
            fields["error.message"] = "\(error)"
            fields["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        var line = Self.timestamp(time(nil))
        line += " \(event.level)"
        if !label.isEmpty { line += " \(label)" }
        line += ":"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " [\(event.source)] \(event.message)"
        sink(line)
    }

    /// Local time to the second with the offset: `2026-12-06T19:05:09+0200`.
    static func timestamp(_ seconds: time_t) -> String {
        var clock = seconds
        var local = tm()
        guard localtime_r(&clock, &local) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
