import ArgumentParser
import Foundation
import HromadaDomain
import HromadaModules
import HromadaStore
import HromadaWeb
import Logging

/// Flags shared by every command that touches the database; each overrides
/// its `HROMADA_*` variable (docs/interfaces.md).
struct DatabaseOptions: ParsableArguments {
    @Option(help: "Database URL: sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db (default: HROMADA_DATABASE_URL, else sqlite:hromada.sqlite)")
    var database: String?

    /// The environment, with secrets read from their files (`DeploymentEnvironment`).
    var environment: [String: String] { DeploymentEnvironment.current }

    /// Whether the operator named a database (flag or variable).
    var isExplicit: Bool { database != nil || !(environment["HROMADA_DATABASE_URL"] ?? "").isEmpty }

    func location() throws -> DatabaseLocation {
        let url = database ?? environment["HROMADA_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "sqlite:hromada.sqlite"
        do {
            return try DatabaseLocation(url: url)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// `HROMADA_SECRET`, or for embedded SQLite a secret generated once and
    /// kept in `hromada.secret` beside the database file.
    func secret(for location: DatabaseLocation) throws -> String {
        if let secret = try existingSecret(for: location) { return secret }
        switch location {
        case .postgres:
            throw CommandFailure(
                "HROMADA_SECRET is not set. With PostgreSQL every instance must share one secret: set HROMADA_SECRET to at least 32 random characters (e.g. `openssl rand -hex 32`).")
        case .sqliteMemory:
            return RandomToken.base64URL(byteCount: 32)
        case .sqliteFile(let file):
            let path = Self.secretFile(beside: file)
            let secret = Hex.encode(RandomToken.bytes(32))
            guard FileManager.default.createFile(atPath: path, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CommandFailure("Could not write \(path); set HROMADA_SECRET instead.")
            }
            return secret
        }
    }

    /// The deployment's secret if there is one already (`HROMADA_SECRET`, or
    /// `hromada.secret` beside an SQLite file); nil where none was ever made.
    func existingSecret(for location: DatabaseLocation) throws -> String? {
        if let secret = environment["HROMADA_SECRET"], !secret.isEmpty {
            guard secret.utf8.count >= 32 else { throw CommandFailure(KeyRing.Problem.secretTooShort.description) }
            return secret
        }
        guard case .sqliteFile(let file) = location,
              let existing = FileManager.default.contents(atPath: Self.secretFile(beside: file)),
              let text = String(data: existing, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), text.utf8.count >= 32
        else { return nil }
        return text
    }

    static func secretFile(beside database: String) -> String {
        URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("hromada.secret").path
    }

    /// The deployment's keys, from its existing secret: a command that only
    /// checks what is there must not make a new secret.
    func existingKeys(for location: DatabaseLocation) throws -> KeyRing? {
        guard let secret = try existingSecret(for: location) else { return nil }
        do {
            return try KeyRing(secret: secret, identityKey: environment["HROMADA_IDENTITY_KEY"].flatMap { $0.isEmpty ? nil : $0 })
        } catch {
            throw CommandFailure(error.description)
        }
    }

    func configuration(host: String? = nil, port: Int? = nil) throws -> AppConfiguration {
        let location = try location()
        let env = environment
        let resolvedHost = host ?? env["HROMADA_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let portText = env["HROMADA_PORT"].flatMap { $0.isEmpty ? nil : $0 }
        guard let resolvedPort = port ?? (portText.map { Int($0) } ?? 8080), (1...65535).contains(resolvedPort) else {
            throw CommandFailure("HROMADA_PORT must be a port number between 1 and 65535.")
        }
        var proxies: [CIDR] = []
        for item in (env["HROMADA_TRUSTED_PROXIES"] ?? "").split(separator: ",") where !item.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let cidr = CIDR(String(item)) else {
                throw CommandFailure("HROMADA_TRUSTED_PROXIES: '\(item)' is not an address or CIDR such as 10.0.0.0/8.")
            }
            proxies.append(cidr)
        }
        let smtpURL = env["HROMADA_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let smtpURL {
            do { _ = try SMTPConfiguration(url: smtpURL) } catch {
                throw CommandFailure("HROMADA_SMTP_URL: \(error). Example: smtp://user:pass@mail.example.org:587?from=noreply@city.gov.ua")
            }
        }
        var mailRetention: TimeInterval?
        if let text = env["HROMADA_MAIL_RETENTION"], !text.isEmpty {
            guard let seconds = AppConfiguration.duration(text) else {
                throw CommandFailure("HROMADA_MAIL_RETENTION: '\(text)' is not a duration. Give seconds or a number with s, m, h or d, such as 3600 or 1h.")
            }
            mailRetention = seconds
        }
        var concurrentUploads = 4
        if let text = env["HROMADA_CONCURRENT_UPLOADS"], !text.isEmpty {
            guard let count = Int(text), (1...1000).contains(count) else {
                throw CommandFailure("HROMADA_CONCURRENT_UPLOADS must be a whole number from 1 to 1000 (uploads read at once), such as 4.")
            }
            concurrentUploads = count
        }
        let mapTiles: MapTiles?
        do {
            mapTiles = try MapTiles.parse(template: env["HROMADA_MAP_TILES"] ?? "", attribution: env["HROMADA_MAP_ATTRIBUTION"] ?? "")
        } catch {
            throw CommandFailure(error.description)
        }
        let geocoderURL = env["HROMADA_GEOCODER_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let geocoderURL, let problem = Geocoder.check(url: geocoderURL) { throw CommandFailure(problem) }
        let secret = try secret(for: location)
        do {
            _ = try KeyRing(secret: secret, identityKey: env["HROMADA_IDENTITY_KEY"])
        } catch {
            throw CommandFailure(error.description)
        }
        var configuration = AppConfiguration(
            host: resolvedHost, port: resolvedPort, database: location, secret: secret,
            identityKey: env["HROMADA_IDENTITY_KEY"].flatMap { $0.isEmpty ? nil : $0 },
            metricsToken: env["HROMADA_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }, trustedProxies: proxies,
            smtpURL: smtpURL,
            publicBaseURL: env["HROMADA_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 })
        configuration.mailRetention = mailRetention
        configuration.concurrentUploads = concurrentUploads
        configuration.mapTiles = mapTiles
        configuration.geocoderURL = geocoderURL
        configuration.environment = env.filter { $0.key.hasPrefix("HROMADA_") }
        try IdentityProviderOptions.apply(env, to: &configuration)
        return configuration
    }
}

enum Log {
    /// Starts a command: resolves the secrets from their files, then logs as
    /// `HROMADA_LOG_FORMAT` asks (`text`, the default, or `json`) at
    /// `LOG_LEVEL` (default `info`).
    static func bootstrap() async throws {
        let environment = ProcessInfo.processInfo.environment
        let level = try level(environment["LOG_LEVEL"])
        let json: Bool
        switch environment["HROMADA_LOG_FORMAT"] ?? "" {
        case "", "text": json = false
        case "json": json = true
        case let other: throw CommandFailure("HROMADA_LOG_FORMAT: '\(other)' is not a log format. Use text (the default) or json.")
        }
        LoggingSystem.bootstrap { label in
            if json { return JSONLogHandler.standardError(label: label, level: level) }
            return TextLogHandler.standardError(label: label, level: level)
        }
        try await DeploymentEnvironment.load(environment)
    }

    static func level(_ text: String?) throws -> Logger.Level {
        guard let text, !text.isEmpty else { return .info }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw CommandFailure("LOG_LEVEL: '\(text)' is not a level. Use one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return level
    }

    static var logger: Logger { Logger(label: "hromada") }
}

/// Runs a command's body against services built from the configuration,
/// without starting the HTTP server, and closes the database afterwards.
func withServices<T: Sendable>(
    _ configuration: AppConfiguration, _ body: @Sendable (AppServices) async throws -> T
) async throws -> T {
    var configuration = configuration
    configuration.runBackgroundServices = false
    let services = try await makeServices(configuration: configuration, clock: SystemClock(), logger: Log.logger, modules: .standard)
    return try await services.store.withClosing { try await body(services) }
}
