import AsyncHTTPClient
import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import Logging
import NIOPosix
import Prometheus
import ServiceLifecycle

/// Opens the database, migrates it, seeds demo data when asked, and wires the
/// routes. Tests call it with an in-memory or temporary database.
public func buildApplication(
    configuration: AppConfiguration, clock: any Clock = SystemClock(), logger: Logger = Logger(label: "hromada"),
    metrics: PrometheusCollectorRegistry = .init(), modules: ModuleRegistry
) async throws -> some ApplicationProtocol {
    let services = try await makeServices(
        configuration: configuration, clock: clock, logger: logger, metrics: metrics, listening: true, modules: modules)
    return makeApplication(services: services)
}

/// Everything the app needs; split out so tests can reach the services.
/// `listening`: the services will answer on `configuration.host`, so demo
/// mode must be kept to loopback (issue 13); CLI commands that only touch
/// the database do not listen.
public func makeServices(
    configuration: AppConfiguration, clock: any Clock, logger: Logger, metrics: PrometheusCollectorRegistry = .init(),
    listening: Bool = false, modules: ModuleRegistry
) async throws -> AppServices {
    let keys = try KeyRing(secret: configuration.secret, identityKey: configuration.identityKey)
    let localizer = try modules.localizer()
    let openAPIDocument = try modules.openAPIDocument()
    let renderer = try await modules.renderer(localizer: localizer)
    let passwords = Passwords(cost: configuration.passwordCost)
    let store = try await Store.open(configuration.database, logger: logger)
    let moduleStates = ModuleStates(modules.modules.flatMap { $0.makeState() })
    let uploads = UploadSlots(capacity: configuration.concurrentUploads)
    func services(demoMode: Bool) -> AppServices {
        AppServices(
            configuration: configuration, store: store, keys: keys, clock: clock, localizer: localizer, renderer: renderer,
            metrics: metrics, logger: logger, demoMode: demoMode, httpClient: HTTPClient.shared, passwords: passwords, moduleStates: moduleStates,
            uploads: uploads, modules: modules, openAPIDocument: openAPIDocument)
    }
    do {
        try await Migrator(backend: store.backend, logger: logger, modules: modules.migrations).migrate()
        try await SearchReindexer.bringUpToDate(modules: modules, store: store, clock: clock, logger: logger)
        let empty = try await store.read { try await $0.municipalities.count() } == 0
        let seeds = configuration.forceDemo || (configuration.seedDemoIfEmpty && empty)
        if listening {
            // Decided before any demo data is written: a refused start leaves the database as it was.
            let seeded = try await store.read { try await $0.platformSettings.value(PlatformSettingsRepository.demoMode) } == "true"
            let exposure = DemoExposure.decide(demoMode: seeds || seeded, host: configuration.host, allowPublicDemo: configuration.allowPublicDemo)
            switch exposure {
            case .notDemo: break
            case .refused: throw DemoModeRefused(host: configuration.host)
            case .loopback, .publicAllowed:
                logger.warning("\(exposure.warning(host: configuration.host))")
            }
        }
        if seeds {
            try await DemoSeeder(services: services(demoMode: true)).seed()
            logger.info("demo data seeded")
        }
        let demoMode = try await store.read { try await $0.platformSettings.value(PlatformSettingsRepository.demoMode) } == "true"
        if demoMode, configuration.runBackgroundServices {
            for module in modules.modules { try await module.startDemoServe(services(demoMode: true)) }
        }
        return services(demoMode: demoMode)
    } catch {
        await store.backend.shutdown()
        throw error
    }
}

public func makeApplication(services: AppServices) -> some ApplicationProtocol {
    let router = buildRouter(services: services)
    var background: [any Service] = [StoreService(store: services.store)]
    if services.configuration.runBackgroundServices {
        let smtp: SMTPClient? = services.configuration.smtpURL.flatMap { url in
            do {
                return SMTPClient(configuration: try SMTPConfiguration(url: url), logger: services.logger)
            } catch {
                services.logger.error("HROMADA_SMTP_URL is invalid; mail stays in the outbox", metadata: ["error": "\(error)"])
                return nil
            }
        }
        background.append(AuditSealer(store: services.store, key: services.keys.auditSigning, clock: services.clock, logger: services.logger))
        background.append(OutboxDeliverer(store: services.store, smtp: smtp, clock: services.clock, logger: services.logger))
        background.append(Housekeeping(
            store: services.store, clock: services.clock, logger: services.logger, mailRetention: services.mailRetention))
        let follows = services.followMail
        background.append(PeriodicTask("follow mail", every: .seconds(10), logger: services.logger) { try await follows.round() })
        background.append(PeriodicTask("follow events purge", every: .seconds(3_600), logger: services.logger) { try await follows.purge() })
        for module in services.modules.modules { background += module.backgroundServices(services) }
    }
    let sockets = buildSocketRouter(services: services)
    return Application(
        router: router,
        server: .http1WebSocketUpgrade(webSocketRouter: sockets),
        configuration: .init(address: .hostname(services.configuration.host, port: services.configuration.port), serverName: "hromada"),
        services: background,
        logger: services.logger)
}

public func buildRouter(services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestRecordMiddleware(services: services))
    router.add(middleware: SecurityHeadersMiddleware(mapTiles: services.configuration.mapTiles))
    // Who is asking is resolved before errors are rendered, so error pages
    // speak the reader's language and show them signed in.
    router.add(middleware: ClientMiddleware(services: services))
    router.add(middleware: ErrorMiddleware(services: services))
    // Anonymous pages from memory, before the city is even looked up (issue 25).
    router.add(middleware: PageCacheMiddleware(services: services, cache: PageCache()))
    // The city is loaded once, and a module the city has switched off is a
    // 404 before any body is read.
    router.add(middleware: CityMiddleware<AppRequestContext>(services: services))
    router.add(middleware: CSRFMiddleware(keys: services.keys, uploads: services.uploads, routes: UploadRoute.platform + services.modules.uploadRoutes))
    PublicController(services: services).add(to: router)
    AccountController(services: services).add(to: router)
    APIController(services: services).add(to: router)
    SettingsAPIController(services: services).add(to: router)
    OpenDataController(services: services).add(to: router)
    GeocodeController(services: services).add(to: router)
    FeedController(services: services).add(to: router)
    SearchController(services: services).add(to: router)
    FollowController(services: services).add(to: router)
    CommentsController(services: services).add(to: router)
    for module in services.modules.modules { module.addRoutes(to: router, services: services) }
    DevMailController(services: services).add(to: router)
    VerificationController(services: services).add(to: router)
    AdminController(services: services).add(to: router)
    OblastController(services: services).add(to: router)
    BrandController(services: services).add(to: router)
    return router
}

/// WebSocket upgrades have a router of their own, so ordinary requests
/// never match against its paths.
public func buildSocketRouter(services: AppServices) -> Router<LiveSocketContext> {
    let sockets = Router(context: LiveSocketContext.self)
    sockets.add(middleware: LiveSocketAuthentication(services: services))
    sockets.add(middleware: CityMiddleware<LiveSocketContext>(services: services))
    for module in services.modules.modules { module.addSockets(to: sockets, services: services) }
    return sockets
}

/// Closes the database when the app shuts down.
struct StoreService: Service {
    package let store: Store

    package func run() async throws {
        try? await gracefulShutdown()
        await store.backend.shutdown()
    }
}

/// Templates, locales and static files shipped in the HromadaWeb bundle.
public enum WebResources {
    public static var directory: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }
}
