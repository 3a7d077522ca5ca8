import Configuration
import Foundation
import HromadaWeb
import Synchronization
import SystemPackage

/// The settings every command reads: environment variables, with each secret
/// also accepted from a file, so a secret need not sit in the environment
/// (which `/proc/PID/environ`, `systemctl show` and crash reports expose):
///
/// 1. the variable itself (`HROMADA_SECRET`);
/// 2. a file it names (`HROMADA_SECRET_FILE=/run/secrets/hromada-secret`,
///    as Docker and Kubernetes mount them) — setting both is refused;
/// 3. a systemd credential (`LoadCredential=secret:/etc/hromada/secret`),
///    read from `$CREDENTIALS_DIRECTORY/secret`.
///
/// Resolution goes through swift-configuration's providers (environment,
/// in-memory, directory of files), which also keep each secret marked as
/// one, so its access log (`CONFIG_ACCESS_LOG_FILE`) shows it redacted.
enum DeploymentEnvironment {
    /// A secret: its variable and its systemd credential's name.
    struct Secret: Sendable {
        let variable: String
        let credential: String
    }

    static let secrets: [Secret] = [
        .init(variable: "HROMADA_SECRET", credential: "secret"),
        .init(variable: "HROMADA_IDENTITY_KEY", credential: "identity-key"),
        .init(variable: "HROMADA_DATABASE_URL", credential: "database-url"),
        .init(variable: "HROMADA_SMTP_URL", credential: "smtp-url"),
        .init(variable: "HROMADA_METRICS_TOKEN", credential: "metrics-token"),
        .init(variable: "HROMADA_OIDC_CLIENT_SECRET", credential: "oidc-client-secret"),
        .init(variable: "HROMADA_IDGOVUA_CLIENT_SECRET", credential: "idgovua-client-secret"),
        .init(variable: "HROMADA_WASTE_MQTT_PASSWORD", credential: "waste-mqtt-password"),
    ]

    /// Secret files are a line or two; anything larger is a wrong path.
    static let largestSecretFile = 64 * 1024

    private static let resolved = Mutex<[String: String]?>(nil)

    /// The environment with every secret filled in from where it was found.
    /// Before `load()` (in tests of single options) it is the process's own.
    static var current: [String: String] {
        resolved.withLock { $0 } ?? ProcessInfo.processInfo.environment
    }

    /// Resolves the secrets once, at the start of a command.
    static func load(_ environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let values = try await resolve(environment)
        resolved.withLock { $0 = values }
    }

    static func resolve(_ environment: [String: String]) async throws -> [String: String] {
        var fromFiles: [AbsoluteConfigKey: ConfigValue] = [:]
        for secret in secrets {
            guard let path = environment[secret.variable + "_FILE"], !path.isEmpty else { continue }
            if let direct = environment[secret.variable], !direct.isEmpty {
                throw CommandFailure("Both \(secret.variable) and \(secret.variable)_FILE are set; keep one of them.")
            }
            fromFiles[key(secret)] = ConfigValue(.string(try read(path, for: secret.variable + "_FILE")), isSecret: true)
        }
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(
                environmentVariables: environment, secretsSpecifier: .specific(Set(secrets.map(\.variable)))),
            InMemoryProvider(name: "secret files", values: fromFiles),
        ]
        if let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty {
            do {
                // `hromada.identity.key` is the credential `identity-key`.
                let credentials = try await DirectoryFilesProvider(directoryPath: FilePath(directory), allowMissing: true)
                providers.append(credentials.mapKeys { AbsoluteConfigKey(Array($0.components.dropFirst())) })
            } catch {
                throw CommandFailure("CREDENTIALS_DIRECTORY=\(directory) could not be read: \(error)")
            }
        }
        let reader = ConfigReader(providers: providers)
        var values = environment
        for secret in secrets {
            if let value = reader.string(forKey: ConfigKey(key(secret).components), isSecret: true)?
                .trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                values[secret.variable] = value
            }
        }
        return values
    }

    /// `HROMADA_IDENTITY_KEY` is the key `hromada.identity.key`.
    private static func key(_ secret: Secret) -> AbsoluteConfigKey {
        AbsoluteConfigKey(secret.variable.lowercased().split(separator: "_").map(String.init))
    }

    private static func read(_ path: String, for variable: String) throws -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes, let size = (attributes[.size] as? NSNumber)?.intValue else {
            throw CommandFailure("\(variable)=\(path): no such file, or it cannot be read by this user.")
        }
        guard size <= largestSecretFile, let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(variable)=\(path): not a secret file (over \(largestSecretFile / 1024) KiB, or unreadable).")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(variable)=\(path): the file is not UTF-8 text.")
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw CommandFailure("\(variable)=\(path): the file is empty.") }
        return value
    }
}
