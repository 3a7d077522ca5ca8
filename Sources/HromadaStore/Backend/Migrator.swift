import Foundation
import Logging
import SQLKit

/// Applies the versioned SQL files in `Migrations/{sqlite,postgres}/NNNN_name.sql`
/// in order, each once, recording them in `schema_migrations`.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Equatable {
        public let version: String
        public let name: String
        public let statements: [String]
    }

    let backend: any DatabaseBackend
    let logger: Logger

    public init(backend: any DatabaseBackend, logger: Logger) {
        self.backend = backend
        self.logger = logger
    }

    public static func migrations(for dialect: DatabaseDialect) throws -> [Migration] {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil)?
            .appendingPathComponent(dialect.rawValue)
        else { throw StoreError.migrationFailed(version: "-", reason: "migration files are missing from the bundle") }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try files.map { file in
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let stem = String(file.dropLast(4))
            let version = String(stem.prefix(while: { $0.isNumber }))
            return Migration(version: version, name: stem, statements: split(text))
        }
    }

    /// Splits a file into statements at semicolons that end a line; comment
    /// lines are dropped. Our migrations keep one statement per `;`-ended block.
    /// A trigger's body (`CREATE TRIGGER … BEGIN` up to a line `END;`) is one
    /// statement, whatever semicolons it holds.
    static func split(_ text: String) -> [String] {
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
        let migrations = try Self.migrations(for: backend.dialect)
        let dialect = backend.dialect
        let logger = self.logger
        return try await backend.write { db in
            if dialect == .postgres {
                // Two instances starting together must not both migrate.
                try await db.raw("SELECT pg_advisory_xact_lock(hashtext(current_schema()), 1)").run()
            }
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            ).run()
            let done = Set(try await db.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: String.self) })
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
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now))"
                ).run()
                logger.info("applied migration", metadata: ["migration": "\(migration.name)"])
                applied.append(migration.version)
            }
            return applied
        }
    }
}

import HromadaDomain
