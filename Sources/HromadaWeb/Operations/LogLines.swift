#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Synchronization

/// What `TextLogHandler` and `JSONLogHandler` share: a line's fields, and
/// standard error as their sink.
enum LogLines {
    /// The handler's metadata, then the provider's, then the call's: the later wins a key.
    static func fields(_ metadata: Logger.Metadata, provider: Logger.MetadataProvider?, event: LogEvent) -> Logger.Metadata {
        var fields = metadata
        if let provided = provider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        return fields
    }

    private static let standardErrorLock = Mutex(())

    /// One line to standard error, in one `write` under a lock, so lines from
    /// many tasks never interleave. A closed or full standard error loses the
    /// line: logging never stops the server.
    static func writeToStandardError(_ line: String) {
        standardErrorLock.withLock { _ in
            var text = line + "\n"
            text.withUTF8 { bytes in
                var rest = UnsafeRawBufferPointer(bytes)
                while !rest.isEmpty {
                    let written = write(2, rest.baseAddress, rest.count)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return }
                    rest = UnsafeRawBufferPointer(rebasing: rest[written...])
                }
            }
        }
    }
}
