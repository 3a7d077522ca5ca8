import Foundation
import HromadaDomain
import HromadaModules
import HromadaWeb
import HromadaStore
import Logging

/// The backends a contract test runs on: SQLite always, PostgreSQL when
/// `HROMADA_TEST_POSTGRES_URL` is set (CI sets it).
public enum TestDatabase: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    public var testDescription: String { rawValue }

    public static var available: [TestDatabase] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["HROMADA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static let logger: Logger = {
        var logger = Logger(label: "hromada.test")
        logger.logLevel = .critical
        return logger
    }()

    /// The deployment's module migrations, beside the platform's.
    public static let migrations = ModuleRegistry.standard.migrations

    /// A fresh, empty database location: a temporary SQLite file, or a new
    /// PostgreSQL schema so tests run in parallel without seeing each other.
    public func makeLocation() async throws -> (DatabaseLocation, cleanup: @Sendable () async -> Void) {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hromada-test-\(RandomToken.base32(byteCount: 8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("test.sqlite").path
            return (.sqliteFile(path: path), { try? FileManager.default.removeItem(at: folder) })
        case .postgres:
            guard let url = Self.postgresURL else { throw StoreError.invalidDatabaseURL("HROMADA_TEST_POSTGRES_URL is not set") }
            let schema = "t_" + RandomToken.base32(byteCount: 8)
            let admin = try PostgresBackend(url: url, logger: Self.logger, maximumConnections: 1)
            try await admin.write { try await $0.raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
            await admin.shutdown()
            let separator = url.contains("?") ? "&" : "?"
            return (.postgres(url: url + separator + "search_path=" + schema), {
                guard let admin = try? PostgresBackend(url: url, logger: Self.logger, maximumConnections: 1) else { return }
                _ = try? await admin.write { try await $0.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
                await admin.shutdown()
            })
        }
    }

    /// Runs `body` with a migrated, empty store, then removes it:
    /// migrated by the deployment's modules' migrations, or by `migrations`
    /// (a module built but not yet in the deployment's registry).
    public func withStore<T: Sendable>(migrations: [Migrator.Folder] = Self.migrations, _ body: @Sendable (Store) async throws -> T) async throws -> T {
        guard self == .postgres else { return try await withStoreNow(migrations: migrations, body) }
        await PostgresTurns.shared.take()
        do {
            let result = try await withStoreNow(migrations: migrations, body)
            await PostgresTurns.shared.release()
            return result
        } catch {
            await PostgresTurns.shared.release()
            throw error
        }
    }

    private func withStoreNow<T: Sendable>(migrations: [Migrator.Folder], _ body: @Sendable (Store) async throws -> T) async throws -> T {
        let (location, cleanup) = try await makeLocation()
        let store = try await Store.open(location, logger: Self.logger)
        do {
            try await Migrator(backend: store.backend, logger: Self.logger, modules: migrations).migrate()
            let result = try await body(store)
            await store.backend.shutdown()
            await cleanup()
            return result
        } catch {
            await store.backend.shutdown()
            await cleanup()
            throw error
        }
    }
}

import Testing

/// Turns at the PostgreSQL server for the whole test process: it takes 100
/// connections, and each store or harness a pool of up to 20, so the web
/// harnesses and the store contract tests share a few turns and the others
/// wait (without turns, a busy run exhausts the server and a migration times out).
public actor PostgresTurns {
    public static let shared = PostgresTurns(capacity: 4)
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(capacity: Int) { free = capacity }

    public func take() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    public func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
