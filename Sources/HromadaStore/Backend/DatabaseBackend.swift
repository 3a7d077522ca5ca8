import Logging
import SQLKit

public enum DatabaseDialect: String, Sendable {
    case sqlite, postgres

    /// A row-locking clause for a SELECT (`FOR UPDATE`, `FOR SHARE`, …) on
    /// PostgreSQL, where the rows stay locked until the transaction ends;
    /// nothing on SQLite, whose one writer already runs alone.
    public func rowLock(_ clause: String) -> String { self == .postgres ? clause : "" }

    /// Holds `key` until the transaction ends, so that counting rows and
    /// inserting one under the same key is a single step across every
    /// instance ("no more than N per owner"). PostgreSQL takes a
    /// transaction-scoped advisory lock in the one-key space (the two-key
    /// space holds the migrator's and the sealers' locks), keyed with the
    /// schema, as each schema is its own deployment; SQLite's one writer
    /// already runs alone.
    public func lockUntilCommit(_ key: String, on db: any SQLDatabase) async throws {
        guard self == .postgres else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || \(bind: key), 0))").run()
    }
}

/// A place to run SQL: the embedded SQLite file or a PostgreSQL server.
/// Reads run concurrently; each write runs inside a transaction that is
/// durable on disk before `write` returns.
public protocol DatabaseBackend: Sendable {
    var dialect: DatabaseDialect { get }
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func shutdown() async
}

public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidDatabaseURL(String)
    case migrationFailed(version: String, reason: String)
    case unexpectedResult(String)
    case conflict(String)

    public var description: String {
        switch self {
        case .invalidDatabaseURL(let url):
            "HROMADA_DATABASE_URL '\(url)' is not understood: use sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db"
        case .migrationFailed(let version, let reason): "migration \(version) failed: \(reason)"
        case .unexpectedResult(let what): "unexpected database result: \(what)"
        case .conflict(let what): "conflict: \(what)"
        }
    }
}

/// Where the database is, from `HROMADA_DATABASE_URL` or `--database`.
public enum DatabaseLocation: Equatable, Sendable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    public init(url: String) throws(StoreError) {
        if url == "sqlite::memory:" {
            self = .sqliteMemory
        } else if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw .invalidDatabaseURL(url) }
            self = .sqliteFile(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else {
            throw .invalidDatabaseURL(Self.redacted(url))
        }
    }

    public var isEmbedded: Bool {
        if case .postgres = self { return false }
        return true
    }

    /// The URL with any password replaced, for logs and messages.
    public static func redacted(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    public var redactedDescription: String {
        switch self {
        case .sqliteFile(let path): "sqlite:\(path)"
        case .sqliteMemory: "sqlite::memory:"
        case .postgres(let url): Self.redacted(url)
        }
    }
}
