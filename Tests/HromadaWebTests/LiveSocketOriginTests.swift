import Foundation
import HTTPTypes
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Issue 13, finding 4: the live auction counts the session cookie only from
/// pages of our public address: its scheme, host and port. (The socket test
/// client adds an Origin of its own, so the socket's authentication is called
/// here as the socket router calls it, with the one Origin a browser sends.)
@Suite struct LiveSocketOriginTests {
    /// Who the socket's authentication takes the upgrade request for, given its Origin.
    static func account(
        _ harness: WebHarness, origins: [String], cookie: String, authority: String = "localhost:8080"
    ) async throws -> String? {
        var headers: HTTPFields = [.cookie: "hromada_session=\(cookie)", .connection: "upgrade", .upgrade: "websocket"]
        for origin in origins { headers.append(HTTPField(name: .origin, value: origin)) }
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: authority, path: "/api/v1/vinnytsia/auctions/lot/live", headerFields: headers),
            body: RequestBody(buffer: ByteBuffer()))
        let context = LiveSocketContext(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: TestDatabase.logger))
        let seen = Seen()
        _ = try await LiveSocketAuthentication(services: harness.services).handle(request, context: context) { _, context in
            await seen.set(context.account?.email.rawValue)
            return Response(status: .ok)
        }
        return await seen.value
    }

    @Test(arguments: TestDatabase.available) func aPageOnAnotherPortOrSchemeOfOurHostCannotUseTheVisitorsCookie(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, publicBaseURL: "https://hromada.test") { harness, client in
            var browser = Browser(client)
            try await browser.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let cookie = try #require(browser.cookies["hromada_session"])
            func account(_ origin: String, authority: String = "hromada.test") async throws -> String? {
                try await Self.account(harness, origins: [origin], cookie: cookie, authority: authority)
            }
            // The socket is reached at localhost:8080; a page on another port of that host is not ours.
            #expect(try await account("http://localhost:9999", authority: "localhost:8080") == nil)
            #expect(try await account("https://hromada.test:8443") == nil)
            #expect(try await account("http://hromada.test") == nil)
            #expect(try await account("https://hromada.test.evil.example") == nil)
            #expect(try await account("null") == nil)
            // Our own pages, with or without the default port spelled out.
            #expect(try await account("https://hromada.test") == "olena@demo.hromada.ua")
            #expect(try await account("https://HROMADA.test:443") == "olena@demo.hromada.ua")
            // A request with a second, foreign Origin is no browser's.
            #expect(try await Self.account(harness, origins: ["https://hromada.test", "ws://localhost"], cookie: cookie) == nil)
        }
    }

    @Test(arguments: TestDatabase.available) func aNewcomersLocalDemoTakesLocalhostForItsOwnAddress(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var browser = Browser(client)
            try await browser.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let cookie = try #require(browser.cookies["hromada_session"])
            // The default public address is http://127.0.0.1:8080.
            #expect(try await Self.account(harness, origins: ["http://localhost:8080"], cookie: cookie) == "olena@demo.hromada.ua")
            #expect(try await Self.account(harness, origins: ["http://127.0.0.1:8080"], cookie: cookie) == "olena@demo.hromada.ua")
            #expect(try await Self.account(harness, origins: ["http://localhost:3000"], cookie: cookie) == nil)
        }
    }
}

@Suite struct WebOriginTests {
    @Test func anOriginMatchesOnlyTheSameSchemeHostAndPort() throws {
        let ours = try #require(WebOrigin("https://hromada.vn.ua/city"))
        func same(_ origin: String) -> Bool { WebOrigin(origin)?.isSameSite(as: ours) ?? false }
        #expect(same("https://hromada.vn.ua") && same("https://Hromada.VN.ua:443"))
        #expect(!same("https://hromada.vn.ua:8443") && !same("http://hromada.vn.ua") && !same("https://evil.example"))
        #expect(!same("https://hromada.vn.ua.evil.example") && !same("null") && !same(""))
    }

    @Test func loopbackNamesAreOneHostButPortsStillDiffer() throws {
        let local = try #require(WebOrigin("http://127.0.0.1:8080"))
        #expect(WebOrigin("http://localhost:8080")?.isSameSite(as: local) == true)
        #expect(WebOrigin("http://[::1]:8080")?.isSameSite(as: local) == true)
        #expect(WebOrigin("http://localhost:8081")?.isSameSite(as: local) == false)
        #expect(WebOrigin("http://127.0.0.1:3000")?.isSameSite(as: local) == false)
    }
}

private actor Seen {
    var value: String?
    func set(_ value: String?) { self.value = value }
}
