import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

@Suite struct PublicPagesTests {
    @Test(arguments: TestDatabase.available) func cityHomeIsUkrainianByDefaultWithEnglishOneClickAway(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            var browser = Browser(client)
            let uk = try await browser.get("/vinnytsia")
            #expect(uk.status == .ok)
            #expect(uk.body.contains(#"<html lang="uk">"#))
            #expect(uk.body.contains("Вінниця"))
            #expect(uk.body.contains("Інструменти громади"))
            #expect(uk.body.contains(#"href="/en?next=/vinnytsia""#))
            let switched = try await browser.get("/en?next=/vinnytsia")
            #expect(switched.status == .seeOther)
            #expect(switched.location == "/vinnytsia")
            let en = try await browser.get("/vinnytsia")
            #expect(en.body.contains(#"<html lang="en">"#))
            #expect(en.body.contains("Vinnytsia"))
            #expect(en.body.contains("Community tools"))
        }
    }

    @Test(arguments: TestDatabase.available) func platformHomeListsTheOblastAndItsFourCities(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            var browser = Browser(client)
            let page = try await browser.get("/")
            for name in ["Вінницька область", "Вінниця", "Жмеринка", "Хмільник", "Ладижин", "369\u{00A0}739"] {
                #expect(page.body.contains(name), "\(name)")
            }
        }
    }

    @Test(arguments: ["/kyiv", "/admin", "/api", "/static", "/no-such-city/admin", "/vinnytsia/nothing-here"])
    func unknownPathsAreFriendly404s(_ path: String) async throws {
        try await WebHarness.run { _, client in
            var browser = Browser(client)
            let page = try await browser.get(path)
            #expect(page.status == .notFound)
            #expect(page.body.contains("Сторінку не знайдено"))
            _ = try await browser.get("/en")
            #expect(try await browser.get(path).body.contains("Page not found"))
        }
    }

    @Test(arguments: TestDatabase.available) func languageSwitchNeverRedirectsOffSite(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            var browser = Browser(client)
            for next in ["//evil.example/x", "https://evil.example", "/\\evil.example"] {
                let page = try await browser.get("/en?next=\(Browser.encode(next))")
                #expect(page.location == "/", "\(next)")
            }
        }
    }

    @Test(arguments: TestDatabase.available) func everyResponseCarriesSecurityHeaders(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            for path in ["/", "/vinnytsia", "/nowhere", "/api/v1/municipalities", "/login"] {
                let response = try await client.execute(uri: path, method: .get)
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(csp.contains("script-src 'self'"), "\(path)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
            }
        }
    }

    @Test(arguments: TestDatabase.available) func outputIsEscaped(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            // First by email on the admin's list of people (the demo has hundreds).
            try await harness.makeAccount("a-xss@example.com", role: .citizen, in: "vinnytsia")
            try await harness.services.store.write { tx in
                try await tx.db.raw("UPDATE accounts SET full_name = '<script>alert(1)</script>' WHERE email = 'a-xss@example.com'").run()
            }
            var browser = Browser(client)
            try await browser.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let page = try await browser.get("/vinnytsia/admin")
            #expect(!page.body.contains("<script>alert(1)</script>"))
            #expect(page.body.contains("&lt;script&gt;"))
        }
    }

    @Test(arguments: TestDatabase.available) func healthReportsTheDatabase(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let (status, body) = try await client.json(.get, "/healthz")
            #expect(status == .ok)
            #expect(body["status"] as? String == "ok")
        }
    }

    @Test(arguments: TestDatabase.available) func metricsNeedLoopbackOrTheToken(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, metricsToken: "metrics-token-123") { _, client in
            // The in-memory test channel has no loopback peer address.
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .notFound)
            let wrong = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer nope"])
            #expect(wrong.status == .notFound)
            let right = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer metrics-token-123"])
            #expect(right.status == .ok)
            #expect(right.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
    }

    @Test(arguments: TestDatabase.available) func stylesheetIsServed(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let css = try await client.execute(uri: "/static/site.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await client.execute(uri: "/static/..%2Fopenapi.json", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func auditPageShowsTheChainHead(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            // The newest entry, whatever the demo wrote before it.
            try await harness.makeAccount("auditor@example.com", role: .moderator, in: "ladyzhyn")
            _ = try await AuditSealer(store: harness.services.store, key: harness.services.keys.auditSigning, clock: harness.clock,
                                      logger: TestDatabase.logger).sealPending()
            var browser = Browser(client)
            let page = try await browser.get("/audit")
            #expect(page.status == .ok)
            #expect(page.body.contains("role.granted"))
            let (_, head) = try await client.json(.get, "/api/v1/audit/head")
            #expect((head["height"] as? Int ?? 0) >= 1)
            #expect(page.body.contains(head["hash"] as? String ?? "missing"))
        }
    }
}

@Suite struct LocaleTests {
    static var resources: URL? { WebResources.directory }
    /// The deployment's modules and those built but not yet in it: their strings are checked all the same.
    static var built: ModuleRegistry { ModuleRegistry.standard }

    func localizer() throws -> Localizer {
        try Self.built.localizer()
    }

    @Test func bothLanguagesHaveExactlyTheSameKeys() throws {
        let localizer = try localizer()
        #expect(localizer.keys(.uk) == localizer.keys(.en))
        #expect(localizer.keys(.uk).count > 100)
    }

    @Test func everyStringATemplateUsesExistsInBothLanguages() throws {
        let resources = try #require(Self.resources)
        let localizer = try Self.built.localizer()
        let folders = [resources.appendingPathComponent("Templates")]
            + Self.built.modules.compactMap { $0.resources?.appendingPathComponent("Templates") }
        let pattern = try Regex(#"\{\{[#^/]?t\.([a-z_.0-9]+)\}\}"#)
        var used = Set<String>()
        for templates in folders {
            for file in try FileManager.default.contentsOfDirectory(atPath: templates.path) {
                let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
                for match in text.matches(of: pattern) {
                    if let key = match.output[1].substring { used.insert(String(key)) }
                }
            }
        }
        #expect(used.count > 50)
        let missing = used.subtracting(localizer.keys(.uk)).union(used.subtracting(localizer.keys(.en)))
        #expect(missing.isEmpty, "missing: \(missing.sorted())")
    }

    @Test func everyErrorCodeHasAMessageInBothLanguages() throws {
        let localizer = try ModuleRegistry.standard.localizer()
        let errors: [AppError] = [
            .notFound, .notSignedIn, .forbidden(), .csrfRejected, .payloadTooLarge, .rateLimited(retryAfter: 1),
            .badRequest(code: "malformed_json"), .badRequest(code: "unsupported_content_type"), .badRequest(code: "method_not_allowed"),
            .conflict(code: "email_taken"), .conflict(code: "identity_already_verified"), .conflict(code: "already_verified"),
            .conflict(code: "cannot_revoke_own_admin"), .invalid(code: "link_expired"), .invalid(code: "wrong_credentials"),
            .invalid(code: "limit_out_of_range"), .invalid(code: "national_id_format"), .invalid(code: "national_id_checksum"),
            .invalid(code: "birth_date_mismatch"), .invalid(code: "birth_date_invalid"),
        ]
        for error in errors {
            #expect(localizer.keys(.uk).contains(error.messageKey), "\(error.messageKey)")
            #expect(localizer.keys(.en).contains(error.messageKey), "\(error.messageKey)")
        }
    }

    /// Every `code:` or `reason:` the platform and the modules can answer
    /// with, found in their sources, has a message in both languages: a new
    /// refusal cannot ship with a bare code.
    @Test func everyErrorCodeInTheSourcesHasAMessageInBothLanguages() throws {
        // With the modules built but not yet in the deployment: their sources are scanned too.
        let localizer = try Self.built.localizer()
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        let pattern = try Regex(#"(?:code|reason): "([a-z_]+)""#)
        var codes = Set<String>()
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let code = match.output[1].substring { codes.insert(String(code)) }
            }
        }
        #expect(codes.count > 40)
        let uk = localizer.keys(.uk), en = localizer.keys(.en)
        let missing = codes.filter { !uk.contains("errors.\($0)") || !en.contains("errors.\($0)") }.sorted()
        #expect(missing.isEmpty, "no message in the locale files for: \(missing)")
    }
}

@Suite struct ClientAddressTests {
    let proxy = [CIDR("10.0.0.0/8")!]

    @Test func forwardedForCountsOnlyBehindATrustedProxy() {
        #expect(ClientMiddleware.clientAddress(peer: "10.1.2.3", forwardedFor: "203.0.113.7", trusted: proxy) == "203.0.113.7")
        #expect(ClientMiddleware.clientAddress(peer: "198.51.100.1", forwardedFor: "203.0.113.7", trusted: proxy) == "198.51.100.1")
        // A client cannot hide behind a forged hop: the rightmost untrusted one counts.
        #expect(ClientMiddleware.clientAddress(peer: "10.1.2.3", forwardedFor: "1.1.1.1, 203.0.113.7, 10.9.9.9", trusted: proxy) == "203.0.113.7")
    }

    @Test func headerValuesLoseOnlyTheSpacesAndTabsAroundThem() {
        #expect(" \t203.0.113.7\t ".trimmingHeaderSpace == "203.0.113.7")
        #expect("a b".trimmingHeaderSpace == "a b")
        #expect(" \t ".trimmingHeaderSpace == "")
        #expect("".trimmingHeaderSpace == "")
        #expect(" токен ".trimmingHeaderSpace == "токен")
        // Only HTTP's own whitespace: a no-break space is part of the value.
        #expect("\u{00A0}x".trimmingHeaderSpace == "\u{00A0}x")
        #expect(ClientMiddleware.clientAddress(peer: "10.1.2.3", forwardedFor: "1.1.1.1 ,\t203.0.113.7\t,  ", trusted: proxy) == "203.0.113.7")
        #expect(ClientMiddleware.bearerToken(Request(head: .init(method: .get, scheme: nil, authority: nil, path: "/", headerFields: [.authorization: "Bearer \t abc \t"]), body: .init(buffer: .init()))) == "abc")
    }

    @Test func ipv4MappedPeersMatchIPv4Proxies() {
        #expect(ClientMiddleware.clientAddress(peer: "::ffff:10.1.2.3", forwardedFor: "203.0.113.7", trusted: proxy) == "203.0.113.7")
        #expect(CIDR.normalized("::ffff:192.0.2.1") == "192.0.2.1")
    }

    @Test func ipv6ClientsAreRateLimitedPerSlash64() {
        #expect(CIDR.rateLimitSubject("2001:db8:1:2::1") == CIDR.rateLimitSubject("2001:db8:1:2:ffff::9"))
        #expect(CIDR.rateLimitSubject("2001:db8:1:2::1") != CIDR.rateLimitSubject("2001:db8:1:3::1"))
        #expect(CIDR.rateLimitSubject("192.0.2.1") == "192.0.2.1")
    }

    @Test func cookiesAreSecureBehindATrustedTLSProxyOnly() {
        #expect(ClientMiddleware.isSecure(configured: false, peer: "10.0.0.5", forwardedProto: "https", trusted: proxy))
        #expect(!ClientMiddleware.isSecure(configured: false, peer: "198.51.100.1", forwardedProto: "https", trusted: proxy))
        #expect(!ClientMiddleware.isSecure(configured: false, peer: "10.0.0.5", forwardedProto: "http", trusted: proxy))
        #expect(ClientMiddleware.isSecure(configured: true, peer: nil, forwardedProto: nil, trusted: []))
    }

    @Test(arguments: ["/\t/evil.example", "/\\evil.example", "//evil.example", "https://evil.example", "/\n/evil", "/ok path"])
    func unsafeRedirectTargetsFallBackToHome(_ next: String) {
        #expect(LocalPath.sanitize(next) == "/")
    }

    @Test func localRedirectTargetsAreKept() {
        #expect(LocalPath.sanitize("/vinnytsia/admin?after=a%40b.ua") == "/vinnytsia/admin?after=a%40b.ua")
    }
}
