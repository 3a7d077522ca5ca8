import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through `PostgresClient`'s pool. Concurrent transactions give
/// group commit for free, so writes need no queue of our own.
public final class PostgresBackend: DatabaseBackend {
    public let dialect = DatabaseDialect.postgres
    public let client: PostgresClient
    private let logger: Logger
    /// The pool works only while `client.run()` runs; the backend owns that task.
    private let runner: Task<Void, Never>

    public init(url: String, logger: Logger, maximumConnections: Int = 20) throws {
        var configuration = try Self.configuration(from: url)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.runner = Task { await client.run() }
    }

    package static func configuration(from url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), let host = components.host,
              let user = components.user, !host.isEmpty
        else { throw StoreError.invalidDatabaseURL(DatabaseLocation.redacted(url)) }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] {
        case "require", "verify-full", "verify-ca": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user,
            password: components.password?.removingPercentEncoding ?? components.password,
            database: database.isEmpty ? nil : database, tls: tls)
        if let schema = query["search_path"], !schema.isEmpty {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        return configuration
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            _ = try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection.sql(queryLogLevel: nil))
                _ = try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func shutdown() async {
        runner.cancel()
    }
}
