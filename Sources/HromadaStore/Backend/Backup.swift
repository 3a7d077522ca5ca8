#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SQLKit

extension Store {
    /// SQLite: a consistent copy of the whole database as of one moment,
    /// written to `path` while the server goes on serving (`VACUUM INTO`
    /// reads in one transaction, so writes committed after it began are not
    /// in the copy and none half-written is). Copying the file instead is
    /// unsafe in WAL mode: the newest commits live in the `-wal` file and a
    /// copy taken mid-checkpoint is torn.
    ///
    /// The target is created empty with mode 600 first, so the copy (which
    /// holds addresses and session digests) is never readable by others,
    /// and an existing file is never overwritten.
    public static func copySQLite(from source: String, to path: String) throws {
        try SQLiteFileMode.createNew(path)
        do {
            // A connection of its own: the pool's readers are read-only, and
            // VACUUM cannot run inside the writer's transactions. It reads in
            // one transaction like any reader; the server's writes go on.
            let handle = try SQLiteHandle.open(path: source)
            defer { handle.close() }
            try handle.execute("PRAGMA busy_timeout = 10000", []) { _ in }
            try handle.execute("VACUUM INTO ?", [.text(path)]) { _ in }
        } catch {
            _ = unlink(path)
            throw error
        }
    }

    /// Tables in the database (in PostgreSQL, in its schema): 0 is a fresh
    /// place a backup may be restored into.
    public func tableCount() async throws -> Int {
        let sql: SQLQueryString = switch dialect {
        case .sqlite: "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        case .postgres: "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"
        }
        return Int(try await read { try await $0.db.raw(sql).first()?.int("n") } ?? 0)
    }

    /// SQLite's own check of every page and index: "ok", or what is damaged.
    public func integrityCheck() async throws -> [String] {
        guard dialect == .sqlite else { return ["ok"] }
        return try await read { try await $0.db.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) } }
    }
}

/// Why a backup could not be written where it was asked.
public enum BackupProblem: Error, CustomStringConvertible, Equatable {
    case targetExists(String)
    case cannotCreate(String, String)

    public var description: String {
        switch self {
        case .targetExists(let path): "\(path) already exists; a backup never overwrites a file. Name a new file."
        case .cannotCreate(let path, let reason): "Cannot create \(path): \(reason). Check that its folder exists and is writable."
        }
    }
}
