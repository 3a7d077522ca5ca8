import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HromadaWeb
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SQLKit
import Testing
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

let testSecret = "test-secret-that-is-long-enough-0123456789"

/// A whole Hromada application in memory (no socket), on a fresh database,
/// with the demo data and a clock the test moves.
struct WebHarness: Sendable {
    let services: AppServices
    let clock: ManualClock

    /// The identity providers a harness is configured with, and where its application logs.
    struct Identity: Sendable {
        var oidc: OIDCSettings?
        var idGovUA: IDGovUASettings?
        /// The application's logger (requests log through it); the default logs only critical lines.
        var logger: Logger = TestDatabase.logger
    }

    static func run(
        _ database: TestDatabase = .sqlite, demo: Bool = true, publicBaseURL: String? = nil, oidc: OIDCSettings? = nil,
        idGovUA: IDGovUASettings? = nil, logger: Logger = TestDatabase.logger,
        metricsToken: String? = nil, trustedProxies: [CIDR] = [], live: Bool = false, modules: ModuleRegistry = .standard,
        mapTiles: MapTiles? = nil, geocoderURL: String? = nil, _ body: @Sendable (WebHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        let identity = Identity(oidc: oidc, idGovUA: idGovUA, logger: logger)
        // A PostgreSQL server takes 100 connections and each harness's pool up
        // to 20: a few harnesses at a time, the others wait their turn.
        guard database == .postgres else {
            return try await runOnce(database, demo, publicBaseURL, identity, metricsToken, trustedProxies, live, modules, mapTiles, geocoderURL, body)
        }
        await PostgresTurns.shared.take()
        do {
            try await runOnce(database, demo, publicBaseURL, identity, metricsToken, trustedProxies, live, modules, mapTiles, geocoderURL, body)
        } catch {
            await PostgresTurns.shared.release()
            throw error
        }
        await PostgresTurns.shared.release()
    }

    private static func runOnce(
        _ database: TestDatabase, _ demo: Bool, _ publicBaseURL: String?, _ identity: Identity, _ metricsToken: String?,
        _ trustedProxies: [CIDR], _ live: Bool, _ modules: ModuleRegistry, _ mapTiles: MapTiles?, _ geocoderURL: String?,
        _ body: @Sendable (WebHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        // The demo is seeded once per test process and copied for each test:
        // the same rows every test would seed for itself, without seeding them
        // 200 times (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL).
        let (location, cleanup) = demo && database == .postgres
            ? try await DemoTemplate.shared.postgresCopy() : try await database.makeLocation()
        let clock = ManualClock(Date(epochSeconds: Date().epochSeconds))
        if demo, case .sqliteFile(let path) = location { try await DemoTemplate.shared.copy(to: path) }
        var configuration = AppConfiguration(
            database: location, secret: testSecret, metricsToken: metricsToken, trustedProxies: trustedProxies,
            publicBaseURL: publicBaseURL, oidc: identity.oidc, idGovUA: identity.idGovUA, forceDemo: false, runBackgroundServices: false)
        configuration.passwordCost = 4
        configuration.mapTiles = mapTiles
        configuration.geocoderURL = geocoderURL
        let services = try await makeServices(configuration: configuration, clock: clock, logger: identity.logger, modules: modules)
        // Seeding can take a while on a loaded machine; outside parties (the
        // test OIDC provider) use the real time, so start the test from it.
        clock.set(Date(epochSeconds: Date().epochSeconds))
        let harness = WebHarness(services: services, clock: clock)
        let app = makeApplication(services: services)
        do {
            // WebSockets need a real socket; everything else runs in memory.
            try await app.test(live ? .live : .router) { client in try await body(harness, client) }
        } catch {
            await services.store.backend.shutdown()
            await cleanup()
            throw error
        }
        await services.store.backend.shutdown()
        await cleanup()
    }

    /// The demo seeded once per test process: a SQLite file, and a
    /// PostgreSQL database that tests' databases are made from.
    actor DemoTemplate {
        static let shared = DemoTemplate()
        private var made: Task<String, any Error>?
        private var postgresTemplate: Task<String, any Error>?

        /// A new database holding the demo, made from the template database, and how to drop it.
        func postgresCopy() async throws -> (DatabaseLocation, cleanup: @Sendable () async -> Void) {
            guard let url = TestDatabase.postgresURL else { throw StoreError.invalidDatabaseURL("HROMADA_TEST_POSTGRES_URL is not set") }
            let template = try await postgresTemplateName(url)
            let name = "hromada_test_" + RandomToken.base32(byteCount: 8).lowercased()
            try await Self.admin(url) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: template)").run() }
            return (.postgres(url: try Self.url(url, database: name)), {
                try? await Self.admin(url) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
            })
        }

        private func postgresTemplateName(_ url: String) async throws -> String {
            if let postgresTemplate { return try await postgresTemplate.value }
            let task = Task<String, any Error> {
                // The name carries when it was made: test processes cannot drop
                // theirs at exit, so the next one drops those over an hour old.
                let now = Date().epochSeconds
                try await Self.admin(url) { db in
                    let old = try await db.raw("SELECT datname FROM pg_database WHERE datname LIKE 'hromada_tpl_%'").all()
                        .map { try $0.decode(column: "datname", as: String.self) }
                    for name in old {
                        guard let made = Int64(name.split(separator: "_").dropFirst(2).first ?? ""), now - made > 3_600 else { continue }
                        try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
                    }
                }
                let name = "hromada_tpl_\(now)_" + RandomToken.base32(byteCount: 6).lowercased()
                try await Self.admin(url) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
                var configuration = AppConfiguration(
                    database: .postgres(url: try Self.url(url, database: name)), secret: testSecret, forceDemo: true, runBackgroundServices: false)
                configuration.passwordCost = 4
                let services = try await makeServices(
                    configuration: configuration, clock: ManualClock(Date(epochSeconds: Date().epochSeconds)), logger: TestDatabase.logger,
                    modules: .standard)
                // A template takes no connections while databases are made from it.
                await services.store.backend.shutdown()
                return name
            }
            postgresTemplate = task
            return try await task.value
        }

        /// Runs `body` on a connection to the server's database of `url`, outside
        /// a transaction (CREATE and DROP DATABASE take none).
        static func admin(_ url: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
            let admin = try PostgresBackend(url: url, logger: TestDatabase.logger, maximumConnections: 1)
            do {
                try await admin.read { try await body($0) }
            } catch {
                await admin.shutdown()
                throw error
            }
            await admin.shutdown()
        }

        /// `url` naming another database on the same server.
        static func url(_ url: String, database: String) throws -> String {
            guard var components = URLComponents(string: url) else { throw StoreError.invalidDatabaseURL(url) }
            components.path = "/" + database
            guard let changed = components.string else { throw StoreError.invalidDatabaseURL(url) }
            return changed
        }

        func copy(to path: String) async throws {
            let template = try await file()
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: template + suffix) {
                try FileManager.default.copyItem(atPath: template + suffix, toPath: path + suffix)
            }
        }

        private func file() async throws -> String {
            if let made { return try await made.value }
            let task = Task<String, any Error> {
                // Test processes cannot clean up after themselves at exit: the next one removes templates over an hour old.
                let temporary = FileManager.default.temporaryDirectory
                for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix("hromada-demo-template-") {
                    let folder = temporary.appendingPathComponent(name)
                    let modified = (try? FileManager.default.attributesOfItem(atPath: folder.path)[.modificationDate] as? Date) ?? Date()
                    if Date().timeIntervalSince(modified) > 3_600 { try? FileManager.default.removeItem(at: folder) }
                }
                let folder = temporary.appendingPathComponent("hromada-demo-template-\(RandomToken.base32(byteCount: 8))")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let path = folder.appendingPathComponent("demo.sqlite").path
                var configuration = AppConfiguration(database: .sqliteFile(path: path), secret: testSecret, forceDemo: true, runBackgroundServices: false)
                configuration.passwordCost = 4
                let services = try await makeServices(
                    configuration: configuration, clock: ManualClock(Date(epochSeconds: Date().epochSeconds)), logger: TestDatabase.logger,
                    modules: .standard)
                // Closing the last connection checkpoints the WAL into the file.
                await services.store.backend.shutdown()
                return path
            }
            made = task
            return try await task.value
        }
    }

    func city(_ slug: String) async throws -> Municipality {
        try #require(try await services.store.read { try await $0.municipalities.find(slug: slug) })
    }

    /// The principal of this account, as a session would load it.
    func principal(_ email: String) async throws -> Principal {
        try await services.accounts.principal(of: try #require(try await account(email)))
    }

    func account(_ email: String) async throws -> Account? {
        try await services.store.read { try await $0.accounts.find(email: EmailAddress(rawValue: email)) }
    }

    /// Creates a confirmed account with a role in a city.
    @discardableResult
    func makeAccount(_ email: String, password: String = "correct horse battery", role: Role? = nil, in slug: String? = nil) async throws -> Account {
        let account = try await services.accounts.register(.init(email: email, password: password, fullName: "Тест Тестович"), language: .uk, confirmed: true)
        if let role, let slug {
            try await services.roles.grant(role, to: account.id, in: try await city(slug).id, by: nil)
        }
        return account
    }

    func outbox() async throws -> [OutboxMessage] {
        try await services.store.read { try await $0.outbox.recent(limit: 100) }
    }

    /// The first link in the newest message to `email`.
    func lastLink(to email: String) async throws -> String {
        let message = try #require(try await outbox().first { $0.recipient == email })
        let link = try #require(message.body.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http") })
        let url = try #require(URL(string: String(link)))
        return url.path + (url.query.map { "?" + $0 } ?? "")
    }
}

/// A browser: keeps cookies, and fills in the CSRF token from the last page it saw.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf: String?
    var forwardedFor: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }
    }

    private var headers: HTTPFields {
        var headers = HTTPFields()
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        if let forwardedFor, let name = HTTPField.Name("X-Forwarded-For") { headers[name] = forwardedFor }
        return headers
    }

    private mutating func remember(_ response: TestResponse) -> Page {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if header.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        let body = String(buffer: response.body)
        if let range = body.range(of: #"name="_csrf" value=""#) {
            csrf = String(body[range.upperBound...].prefix { $0 != "\"" })
        }
        return Page(status: response.status, headers: response.headers, body: body)
    }

    @discardableResult
    mutating func get(_ path: String, headers extra: HTTPFields = [:]) async throws -> Page {
        var headers = self.headers
        headers.append(contentsOf: extra)
        let response = try await client.execute(uri: path, method: .get, headers: headers)
        return remember(response)
    }

    /// Posts a form with the CSRF token (unless `csrf: false`).
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)], csrf includeToken: Bool = true) async throws -> Page {
        var fields = fields
        if includeToken, let csrf { fields.append(("_csrf", csrf)) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = self.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        return remember(response)
    }

    /// Posts a `multipart/form-data` form with one file, as a browser's file input does
    /// (fields in the form's order: `_csrf` is every upload form's first).
    @discardableResult
    mutating func upload(
        _ path: String, _ fields: [(String, String)], file: (field: String, name: String, type: String, bytes: [UInt8])
    ) async throws -> Page {
        let boundary = "----hromada-test-\(UInt64.random(in: 0...UInt64.max))"
        var body: [UInt8] = []
        var fields = fields
        if let csrf { fields.insert(("_csrf", csrf), at: 0) }
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
        body += file.bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        var headers = self.headers
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        return remember(response)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    mutating func signIn(_ email: String, _ password: String = "correct horse battery") async throws {
        try await get("/login")
        let page = try await post("/login", [("email", email), ("password", password)])
        #expect(page.status == .seeOther, "sign-in of \(email) failed: \(page.status)")
    }
}

extension Browser {
    /// Vinnytsia's demo moderator, signed in on a browser of their own.
    static func vinnytsiaModerator(_ client: any TestClientProtocol) async throws -> Browser {
        var moderator = Browser(client)
        try await moderator.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
        return moderator
    }

    /// Marks a project feasible from the staff desk; the answer is the desk's.
    mutating func reviewFeasible(_ project: BudgetProjectID, in edition: BudgetEditionID) async throws -> Page {
        let desk = "/vinnytsia/admin/budgets/\(edition.rawValue)"
        try await get(desk)
        return try await post(desk + "/projects/\(project.rawValue)/review", [("decision", "feasible")])
    }
}

/// JSON API calls.
extension TestClientProtocol {
    func json(_ method: HTTPRequest.Method, _ path: String, body: String? = nil, token: String? = nil) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers = HTTPFields()
        if body != nil { headers[.contentType] = "application/json" }
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let data = Data(buffer: response.body)
        // Every answer an API test receives must be what the OpenAPI document says.
        for problem in APISchema.problems(method: method.rawValue, path: path, status: Int(response.status.code), body: data) {
            Issue.record(Comment(rawValue: "OpenAPI: \(problem)"))
        }
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (response.status, object)
    }
}

func errorCode(_ object: [String: Any]) -> String? {
    (object["error"] as? [String: Any])?["code"] as? String
}
