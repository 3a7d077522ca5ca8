import Logging
import NIOCore
import NIOPosix
import SQLKit
import Synchronization

/// Embedded SQLite in WAL mode with `synchronous=FULL`, so an acknowledged
/// write survives power loss. SQLite allows one writer at a time; instead of
/// letting requests fight over the lock ("database is locked"), every write
/// goes through one writer connection that commits waiting writes together
/// (group commit, docs/design.md: one fsync per batch instead of per row).
public final class SQLiteBackend: DatabaseBackend {
    public let dialect = DatabaseDialect.sqlite
    private let writer: GroupCommitWriter
    /// Nil for an in-memory database, which exists only on its own
    /// connection and so is read through the writer too.
    private let readers: SQLiteReaderPool?
    private let checkpointer: SQLiteCheckpointer?
    private let isClosed = Mutex(false)

    /// Reader connections kept open between reads. A read suspends while it
    /// holds its connection, so under load more reads are under way than
    /// there are threads; a connection opened beyond the idle ones costs a
    /// file open, a memory map, a schema parse and an empty statement cache,
    /// and closing it unmaps again (at 32 connections of signers, 4 kept
    /// made that churn a tenth of the server's CPU).
    public static let idleReaders = 32

    public static func open(path: String?, readerCount: Int = idleReaders, logger: Logger) async throws -> SQLiteBackend {
        if let path { try SQLiteFileMode.makePrivate(path) }
        let writerHandle = try SQLiteHandle.open(path: path ?? ":memory:")
        try configure(writerHandle, inMemory: path == nil)
        var checkpointer: SQLiteCheckpointer?
        if let path {
            // The writer's page cache holds the indexes every vote walks. (At
            // 32 MiB it read fewer pages back, but SQLite scans the whole
            // cache at every commit, and that cost as much as it saved.)
            try writerHandle.execute("PRAGMA cache_size = -8192", []) { _ in }
            // A statement inside the batch's transaction keeps the pages it
            // changes in a statement journal, so that it alone can be undone.
            // Once one statement's journal passed 64 KiB (the mixer moving a
            // pool, a page split across indexes), SQLite moved the journal to
            // a temporary file for the rest of the transaction, and every page
            // a later statement changed cost a pwrite: 5 % of the writer's
            // time per ballot. In memory it lives only as long as a statement.
            try writerHandle.execute("PRAGMA temp_store = MEMORY", []) { _ in }
            try writerHandle.execute("PRAGMA wal_autocheckpoint = 0", []) { _ in }
            let checkpointing = try SQLiteHandle.open(path: path)
            try configure(checkpointing, inMemory: false)
            checkpointer = SQLiteCheckpointer(handle: checkpointing, logger: logger)
        }
        let readers = path.map { SQLiteReaderPool(path: $0, keepIdle: readerCount, logger: logger) }
        return SQLiteBackend(writer: GroupCommitWriter(handle: writerHandle, logger: logger), readers: readers, checkpointer: checkpointer)
    }

    private init(writer: GroupCommitWriter, readers: SQLiteReaderPool?, checkpointer: SQLiteCheckpointer?) {
        self.writer = writer
        self.readers = readers
        self.checkpointer = checkpointer
    }

    fileprivate static func configure(_ handle: SQLiteHandle, inMemory: Bool) throws {
        // busy_timeout matters only when another process (a CLI command
        // beside a running server) holds the write lock.
        var pragmas = ["PRAGMA busy_timeout = 10000", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"]
        // No memory map: every checkpoint made each reader unmap and fault
        // its map in again, which cost more than the read() per page it saves.
        if !inMemory { pragmas += ["PRAGMA journal_mode = WAL", "PRAGMA mmap_size = 0"] }
        for pragma in pragmas { try handle.execute(pragma, []) { _ in } }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // A closed connection must never reach libsqlite3 again.
        guard !isClosed.withLock({ $0 }) else { throw StoreError.unexpectedResult("database is closed") }
        guard let readers else { return try await writer.submit(body) }
        return try await readers.withReader(body)
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
        await checkpointer?.stop()
        readers?.close()
    }
}

/// Read-only connections. A read runs its statements on the caller's thread
/// (they are short, and a thread switch would cost more than most of them),
/// on a connection nobody else is using; the pool opens another when all
/// are busy and keeps a few idle for the next reads.
final class SQLiteReaderPool: Sendable {
    private let path: String
    private let keepIdle: Int
    private let logger: Logger
    private let eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()
    private let idle = Mutex<(handles: [SQLiteHandle], closed: Bool)>(([], false))

    package init(path: String, keepIdle: Int, logger: Logger) {
        self.path = path
        self.keepIdle = keepIdle
        self.logger = logger
    }

    func withReader<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let handle = try idle.withLock { $0.handles.popLast() } ?? openReader()
        let result: Result<T, any Error>
        do {
            // One read transaction for the whole unit of work: its statements
            // see one snapshot, and the connection checks the WAL and
            // refreshes its page cache once, not once per statement (under a
            // stream of commits that refresh was most of a short read, issue 25).
            try handle.execute("BEGIN", []) { _ in }
            do {
                result = .success(try await body(SQLiteHandleDatabase(handle: handle, logger: logger, eventLoop: eventLoop)))
            } catch {
                result = .failure(error)
            }
            try handle.execute("COMMIT", []) { _ in }
        } catch {
            // BEGIN or COMMIT failed: the connection's state is unknown, so it is not kept.
            handle.close()
            throw error
        }
        let kept = idle.withLock { idle in
            guard !idle.closed, idle.handles.count < keepIdle else { return false }
            idle.handles.append(handle)
            return true
        }
        if !kept { handle.close() }
        return try result.get()
    }

    private func openReader() throws -> SQLiteHandle {
        guard !idle.withLock({ $0.closed }) else { throw StoreError.unexpectedResult("database is closed") }
        let handle = try SQLiteHandle.open(path: path)
        try SQLiteBackend.configure(handle, inMemory: false)
        try handle.execute("PRAGMA query_only = ON", []) { _ in }
        return handle
    }

    package func close() {
        let handles = idle.withLock { idle in
            idle.closed = true
            defer { idle.handles.removeAll() }
            return idle.handles
        }
        for handle in handles { handle.close() }
    }
}
