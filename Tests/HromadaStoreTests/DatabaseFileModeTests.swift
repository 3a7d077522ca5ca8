import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Testing
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// Issue 13, finding 3: the SQLite file, its WAL and shared memory are
/// private to the server's user from the start, like `hromada.secret`.
@Suite struct DatabaseFileModeTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hromada-mode-\(RandomToken.base32(byteCount: 8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func databaseWALAndSharedMemoryAreCreatedReadableByTheOwnerOnly() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("hromada.sqlite").path
        let store = try await Store.open(.sqliteFile(path: path), logger: TestDatabase.logger)
        try await store.withClosing {
            try await Migrator(backend: store.backend, logger: TestDatabase.logger, modules: TestDatabase.migrations).migrate()
            for file in [path, path + "-wal", path + "-shm"] {
                #expect(FileManager.default.fileExists(atPath: file), "\(file)")
                let mode = try Self.mode(file)
                #expect(mode == 0o600, "\(file): \(String(mode, radix: 8))")
            }
        }
    }

    @Test func anExistingWorldReadableDatabaseIsMadePrivateWhenOpened() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("hromada.sqlite").path
        let first = try await Store.open(.sqliteFile(path: path), logger: TestDatabase.logger)
        _ = try await first.withClosing { try await Migrator(backend: first.backend, logger: TestDatabase.logger, modules: TestDatabase.migrations).migrate() }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        let again = try await Store.open(.sqliteFile(path: path), logger: TestDatabase.logger)
        try await again.withClosing {
            _ = try await again.read { try await $0.municipalities.count() }
            for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
                #expect(try Self.mode(file) == 0o600, "\(file)")
            }
        }
    }
}
