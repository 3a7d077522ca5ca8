import ArgumentParser
import Foundation
import HromadaDomain
import HromadaModules
import HromadaStore
import HromadaWeb
import Hummingbird
import Logging
import Metrics
import Prometheus

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the platform (migrates the database first).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on (default: HROMADA_HOST, else 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default: HROMADA_PORT, else 8080).") var port: Int?
    @Flag(inversion: .prefixedNo, help: "Load the demo data. Default: only into the built-in SQLite file when it is empty.")
    var demo: Bool?
    @Flag(help: ArgumentHelp(
        "Allow demo mode on an address other machines reach.",
        discussion: "Demo mode publishes the demo accounts' passwords and shows every reset link on /dev/mail, so by default it listens on loopback only and `serve` refuses a public --host. Use this only for a public demonstration."))
    var allowPublicDemo = false

    func run() async throws {
        try await Log.bootstrap()
        var configuration = try database.configuration(host: host, port: port)
        configuration.seedDemoIfEmpty = demo ?? !database.isExplicit
        configuration.forceDemo = demo == true
        configuration.allowPublicDemo = allowPublicDemo
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Log.logger
        logger.info("starting", metadata: ["database": "\(configuration.database.redactedDescription)"])
        if !configuration.trustedProxies.isEmpty, configuration.metricsToken == nil {
            logger.notice("/metrics is closed: behind HROMADA_TRUSTED_PROXIES it answers only with HROMADA_METRICS_TOKEN")
        }
        do {
            let app = try await buildApplication(configuration: configuration, logger: logger, metrics: registry, modules: .standard)
            logger.info("Hromada is running at http://\(configuration.host):\(configuration.port)")
            try await app.runService()
        } catch let refusal as DemoModeRefused {
            throw CommandFailure(refusal.description)
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations and exit.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await Log.bootstrap()
        let location = try database.location()
        let store = try await Store.open(location, logger: Log.logger)
        let applied = try await store.withClosing { try await Migrator(backend: store.backend, logger: Log.logger, modules: ModuleRegistry.standard.migrations).migrate() }
        print(applied.isEmpty ? "Database is up to date." : "Applied \(applied.count) migration(s): \(applied.joined(separator: ", ")).")
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load data into the database.")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Load the demo data (Вінницька область with four hromadas). Idempotent.") var demo = false

    func validate() throws {
        guard demo else { throw ValidationError("Say what to seed: `hromada seed --demo`.") }
    }

    func run() async throws {
        try await Log.bootstrap()
        var configuration = try database.configuration()
        configuration.forceDemo = true
        try await withServices(configuration) { _ in }
        print("Demo data is loaded; demo mode is on.")
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check every block and entry of the audit chain; exit 1 at the first broken one.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await Log.bootstrap()
            let configuration = try database.configuration()
            let result = try await withServices(configuration) { services in
                try await AuditChainCheck(store: services.store, publicKey: services.keys.auditSigning.publicKey).run()
            }
            switch result {
            case .success(let report):
                print("Audit chain OK: \(report.blocks) block(s), \(report.entries) sealed entries, \(report.unsealed) waiting to be sealed.")
                if let head = report.head { print("Head: \(head)") }
            case .failure(let failure):
                print("Audit chain BROKEN: \(failure)")
                throw ExitCode.failure
            }
        }
    }
}
