import Logging
import SQLKit
import SQLiteKit
import Synchronization

/// Embedded SQLite in WAL mode with `synchronous=FULL`, so an acknowledged
/// write survives power loss. SQLite allows one writer at a time; instead of
/// letting requests fight over the lock ("database is locked"), every write
/// goes through one writer connection that commits waiting writes together
/// (group commit, DESIGN.md: one fsync per batch instead of per row).
public final class SQLiteBackend: DatabaseBackend {
    public let dialect = DatabaseDialect.sqlite
    private let writer: GroupCommitWriter
    private let readers: [SQLiteConnection]
    private let readerCursor = ReaderCursor()
    private let isClosed = Mutex(false)
    private let logger: Logger

    public static func open(path: String?, readerCount: Int = 4, logger: Logger) async throws -> SQLiteBackend {
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        let writerConnection = try await SQLiteConnection.open(storage: storage, logger: logger)
        try await configure(writerConnection, inMemory: path == nil)
        var readers: [SQLiteConnection] = []
        // An in-memory database exists only on its own connection, so it is
        // read through the writer too.
        if path != nil {
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(storage: storage, logger: logger)
                try await configure(reader, inMemory: false)
                _ = try await reader.query("PRAGMA query_only = ON")
                readers.append(reader)
            }
        }
        return SQLiteBackend(writer: GroupCommitWriter(connection: writerConnection, logger: logger), readers: readers, logger: logger)
    }

    private init(writer: GroupCommitWriter, readers: [SQLiteConnection], logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.logger = logger
    }

    private static func configure(_ connection: SQLiteConnection, inMemory: Bool) async throws {
        // busy_timeout matters only when another process (a CLI command
        // beside a running server) holds the write lock.
        _ = try await connection.query("PRAGMA busy_timeout = 10000")
        if !inMemory {
            _ = try await connection.query("PRAGMA journal_mode = WAL")
        }
        _ = try await connection.query("PRAGMA synchronous = FULL")
        _ = try await connection.query("PRAGMA foreign_keys = ON")
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // A closed connection must never reach libsqlite3 again.
        guard !isClosed.withLock({ $0 }) else { throw StoreError.unexpectedResult("database is closed") }
        guard !readers.isEmpty else { return try await writer.submit(body) }
        let reader = readers[readerCursor.next() % readers.count]
        return try await body(reader.sql(queryLogLevel: nil))
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.submit(body)
    }

    public func shutdown() async {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        await writer.close()
        for reader in readers { try? await reader.close() }
    }
}

/// Round-robin index over the read connections.
private final class ReaderCursor: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 &+= 1; return $0 & Int.max } }
}
