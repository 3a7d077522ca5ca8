import HromadaDomain
import Logging
import Metrics
import SQLKit

/// The database as the rest of Hromada sees it: run a unit of work that reads,
/// or one that writes inside a single transaction.
public struct Store: Sendable {
    public let backend: any DatabaseBackend
    /// Bumped after every committed write that readers may see: what a page
    /// cache compares to know its copy is still the data's (`DataVersion`).
    public let version = DataVersion()

    public init(backend: any DatabaseBackend) {
        self.backend = backend
    }

    public var dialect: DatabaseDialect { backend.dialect }

    public func read<T: Sendable>(_ body: @escaping @Sendable (Repositories) async throws -> T) async throws -> T {
        let dialect = backend.dialect
        StoreMetrics.readsInFlight.increment()
        defer { StoreMetrics.readsInFlight.decrement() }
        return try await backend.read { try await body(Repositories(db: $0, dialect: dialect)) }
    }

    /// One transaction: everything inside commits together or not at all.
    ///
    /// `seenByReaders: false` is for bookkeeping no page shows (scheduler
    /// leases, rate-limit counters, sessions): it leaves `version` alone, so
    /// cached pages outlive it. Every other write bumps it once committed.
    public func write<T: Sendable>(
        seenByReaders: Bool = true, _ body: @escaping @Sendable (Repositories) async throws -> T
    ) async throws -> T {
        let dialect = backend.dialect
        StoreMetrics.writesInFlight.increment()
        let started = ContinuousClock.now
        defer {
            StoreMetrics.writesInFlight.decrement()
            StoreMetrics.writeDuration.recordNanoseconds(Self.nanoseconds(ContinuousClock.now - started))
        }
        // Bumped even when the write fails: a failure after COMMIT (a lost
        // connection) may still have changed the data, and a spare bump only
        // costs a cached page one render.
        defer { if seenByReaders { version.bump() } }
        return try await backend.write { try await body(Repositories(db: $0, dialect: dialect)) }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    /// Opens the database named by a location.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Store {
        switch location {
        case .sqliteFile(let path): Store(backend: try await SQLiteBackend.open(path: path, logger: logger))
        case .sqliteMemory: Store(backend: try await SQLiteBackend.open(path: nil, logger: logger))
        case .postgres(let url): Store(backend: try PostgresBackend(url: url, logger: logger))
        }
    }

    /// Runs `body`, then closes the database. For CLI commands and tests.
    public func withClosing<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            await backend.shutdown()
            return result
        } catch {
            await backend.shutdown()
            throw error
        }
    }

    /// `/readyz`'s write: this instance's probe row, in a transaction of
    /// its own through the same writer every other write waits for.
    public func probeWrite(instance: String, at instant: Date) async throws {
        try await write { tx in
            try await tx.db.raw("""
                INSERT INTO readiness_probes (instance, checked_at) VALUES (\(bind: instance), \(bind: instant.epochSeconds))
                ON CONFLICT (instance) DO UPDATE SET checked_at = excluded.checked_at
                """).run()
        }
    }

    /// The migration versions `schema_migrations` records.
    public func appliedMigrations() async throws -> Set<String> {
        try await read { tx in
            Set(try await tx.db.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: String.self) })
        }
    }

    /// Answers whether the database responds, for `/healthz`.
    public func ping() async -> Bool {
        (try? await backend.read { db in try await db.raw("SELECT 1 AS one").first() != nil }) ?? false
    }
}

/// The repositories bound to one connection or transaction. A module adds
/// its own as computed properties in an extension (`tx.budgets`).
public struct Repositories: Sendable {
    public let db: any SQLDatabase
    public let dialect: DatabaseDialect

    public var municipalities: MunicipalityRepository { .init(db: db, dialect: dialect) }
    public var accounts: AccountRepository { .init(db: db) }
    public var roles: RoleRepository { .init(db: db) }
    public var oblastRoles: OblastRoleRepository { .init(db: db) }
    public var residency: ResidencyRepository { .init(db: db) }
    public var sessions: SessionRepository { .init(db: db) }
    public var emailTokens: EmailTokenRepository { .init(db: db) }
    public var outbox: OutboxRepository { .init(db: db, dialect: dialect) }
    public var rateLimits: RateLimitRepository { .init(db: db) }
    public var audit: AuditRepository { .init(db: db, dialect: dialect) }
    public var oidcLogins: OIDCLoginRepository { .init(db: db) }
    public var platformSettings: PlatformSettingsRepository { .init(db: db) }
    public var photos: PhotoRepository { .init(db: db, dialect: dialect) }
    public var attachments: AttachmentRepository { .init(db: db, dialect: dialect) }
    public var leases: LeaseRepository { .init(db: db) }
    public var searchIndex: SearchIndexRepository { .init(db: db, dialect: dialect) }
    public var follows: FollowRepository { .init(db: db, dialect: dialect) }
    public var comments: CommentRepository { .init(db: db) }
}

extension SQLRow {
    package func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    package func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    package func int(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    package func optionalInt(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    package func date(_ column: String) throws -> Date { Date(epochSeconds: try int(column)) }
    package func optionalDate(_ column: String) throws -> Date? { try optionalInt(column).map(Date.init(epochSeconds:)) }
}

import Foundation

/// Database pool and writer figures for `/metrics` (through swift-metrics;
/// `serve` bootstraps the Prometheus backend).
enum StoreMetrics {
    static let readsInFlight = Meter(label: "hromada_db_reads_in_flight")
    /// Writes asked for and not yet durable: the writer's queue, the one in hand included.
    static let writesInFlight = Meter(label: "hromada_db_writer_queue_depth")
    /// From asking to write until the write is durable, queueing included.
    static let writeDuration = Metrics.Timer(label: "hromada_db_write_duration_seconds")
    /// How many writes each SQLite group commit carried.
    package static let batchSize = Recorder(label: "hromada_db_group_commit_writes")
    /// One SQLite group commit, from BEGIN to a durable COMMIT.
    static let commitDuration = Metrics.Timer(label: "hromada_db_commit_duration_seconds")
}
