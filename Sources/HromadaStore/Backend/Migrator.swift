import Crypto
import Foundation
import Logging
import SQLKit

/// Applies the versioned SQL files `NNNN_name.sql` of the platform
/// (`Migrations/{sqlite,postgres}/` here) and of each module (its own
/// folder of the same shape), each once, recording them in
/// `schema_migrations` by version.
///
/// Versions are one sequence across the platform and its modules, and
/// migrations run in version order: that is the order they were written
/// in, so a module's tables always come after the platform tables they
/// refer to. When migrations moved from this folder into the modules
/// (issue 14) they kept their versions, so a database made before the move
/// runs none of them again. Two files claiming one version stop the start.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Equatable {
        public let version: String
        public let name: String
        /// `platform` or the module's slug.
        public let owner: String
        public let statements: [String]

        /// SHA-256 of its statements (comments and blank lines left out, so
        /// fixing a comment is not a change): recorded when it is applied,
        /// compared at every later start.
        public var checksum: String {
            Hex.encode(SHA256.hash(data: Data(statements.joined(separator: "\n").utf8)))
        }
    }

    /// A folder holding `sqlite/` and `postgres/` migration files.
    public struct Folder: Sendable {
        public let owner: String
        public let url: URL

        public init(owner: String, url: URL) {
            self.owner = owner
            self.url = url
        }
    }

    package let backend: any DatabaseBackend
    package let logger: Logger
    package let modules: [Folder]

    public init(backend: any DatabaseBackend, logger: Logger, modules: [Folder]) {
        self.backend = backend
        self.logger = logger
        self.modules = modules
    }

    /// The platform's migrations folder.
    public static func platformFolder() throws -> Folder {
        guard let url = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StoreError.migrationFailed(version: "-", reason: "migration files are missing from the bundle")
        }
        return Folder(owner: "platform", url: url)
    }

    /// The platform's and the modules' migrations for a dialect, in version order.
    public static func migrations(for dialect: DatabaseDialect, modules: [Folder]) throws -> [Migration] {
        var byVersion: [String: Migration] = [:]
        for folder in [try platformFolder()] + modules {
            let directory = folder.url.appendingPathComponent(dialect.rawValue)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
            for file in files {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                let stem = String(file.dropLast(4))
                let version = String(stem.prefix(while: { $0.isNumber }))
                guard !version.isEmpty else { throw StoreError.migrationFailed(version: stem, reason: "a migration's name starts with its version") }
                if let other = byVersion[version] {
                    throw StoreError.migrationFailed(version: version, reason: "\(other.owner)/\(other.name) and \(folder.owner)/\(stem) share a version")
                }
                byVersion[version] = Migration(version: version, name: stem, owner: folder.owner, statements: split(text))
            }
        }
        return byVersion.values.sorted { $0.version < $1.version }
    }

    /// Splits a file into statements at semicolons that end a line; comment
    /// lines are dropped. Our migrations keep one statement per `;`-ended block.
    /// A trigger's body (`CREATE TRIGGER … BEGIN` up to a line `END;`) is one
    /// statement, whatever semicolons it holds.
    package static func split(_ text: String) -> [String] {
        var statements: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--") || trimmed.isEmpty { continue }
            current.append(line)
            let inTrigger = current.first?.trimmingCharacters(in: .whitespaces).uppercased().hasPrefix("CREATE TRIGGER") == true
            if inTrigger ? trimmed.uppercased() == "END;" : trimmed.hasSuffix(";") {
                statements.append(current.joined(separator: "\n"))
                current = []
            }
        }
        if !current.isEmpty { statements.append(current.joined(separator: "\n")) }
        return statements
    }

    /// Applies what has not run yet; returns the versions applied now.
    @discardableResult
    public func migrate() async throws -> [String] {
        let migrations = try Self.migrations(for: backend.dialect, modules: modules)
        let dialect = backend.dialect
        let logger = self.logger
        return try await backend.write { db in
            if dialect == .postgres {
                // Two instances starting together must not both migrate.
                try await db.raw("SELECT pg_advisory_xact_lock(hashtext(current_schema()), 1)").run()
            }
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL, checksum TEXT)"
            ).run()
            try await Self.addChecksumColumn(db, dialect: dialect)
            let recorded = try await db.raw("SELECT version, checksum FROM schema_migrations").all().map {
                (try $0.decode(column: "version", as: String.self), try $0.decode(column: "checksum", as: String?.self))
            }
            let done = Set(recorded.map(\.0))
            try await Self.checkUnchanged(recorded, against: migrations, in: db, logger: logger)
            var applied: [String] = []
            for migration in migrations where !done.contains(migration.version) {
                for statement in migration.statements {
                    do {
                        try await db.raw(SQLQueryString(statement)).run()
                    } catch {
                        throw StoreError.migrationFailed(version: migration.name, reason: "\(error)")
                    }
                }
                let now = Date().epochSeconds
                try await db.raw(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at, checksum)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now), \(bind: migration.checksum))
                    """
                ).run()
                logger.info("applied migration", metadata: ["migration": "\(migration.name)", "owner": "\(migration.owner)"])
                applied.append(migration.version)
            }
            return applied
        }
    }

    /// A migration that has run must never change: the databases it ran on
    /// would differ from the ones that run the new text. An applied
    /// migration whose file now reads differently stops the start, naming
    /// it. Rows from before checksums were kept get the current file's.
    static func checkUnchanged(
        _ recorded: [(version: String, checksum: String?)], against migrations: [Migration], in db: any SQLDatabase, logger: Logger
    ) async throws {
        let byVersion = Dictionary(migrations.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        for (version, checksum) in recorded {
            guard let migration = byVersion[version] else { continue }
            guard let checksum else {
                try await db.raw("UPDATE schema_migrations SET checksum = \(bind: migration.checksum) WHERE version = \(bind: version)").run()
                continue
            }
            guard checksum == migration.checksum else {
                logger.critical("an applied migration has changed", metadata: ["migration": "\(migration.owner)/\(migration.name)"])
                throw StoreError.migrationFailed(version: migration.name, reason: """
                    its file (\(migration.owner)) has changed since it was applied to this database. A migration that has run must \
                    never change: put the original file back and make the change in a new migration
                    """)
            }
        }
    }

    /// Databases made before checksums were recorded get the column.
    static func addChecksumColumn(_ db: any SQLDatabase, dialect: DatabaseDialect) async throws {
        let exists: Bool = switch dialect {
        case .sqlite:
            try await db.raw("SELECT COUNT(*) AS n FROM pragma_table_info('schema_migrations') WHERE name = 'checksum'").first()?.int("n") ?? 0 > 0
        case .postgres:
            try await db.raw("""
                SELECT COUNT(*) AS n FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'schema_migrations' AND column_name = 'checksum'
                """).first()?.int("n") ?? 0 > 0
        }
        if !exists { try await db.raw("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT").run() }
    }
}

import HromadaDomain
