import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import NIOCore
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Issue 13, finding 2: a stranger's failed sign-ins must not lock the owner
/// out. Failures count per address, per address and account, and per account
/// only from devices that have not signed in to it before.
@Suite struct SignInLimitTests {
    /// Over a real socket from loopback, trusted as a proxy, so each browser brings its own address.
    static let loopbackProxies = [CIDR("127.0.0.0/8"), CIDR("::1/128")].compactMap { $0 }

    @Test(arguments: TestDatabase.available) func strangersFailedSignInsDoNotLockTheOwnerOutOfHerOwnBrowser(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, trustedProxies: Self.loopbackProxies, live: true) { _, client in
            var owner = Browser(client)
            owner.forwardedFor = "198.51.100.7"
            try await owner.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await owner.post("/logout", []).status == .seeOther)

            var attacker = Browser(client)
            attacker.forwardedFor = "203.0.113.9"
            try await attacker.get("/login")
            var statuses: [HTTPResponse.Status] = []
            for attempt in 0..<40 {
                let page = try await attacker.post("/login", [("email", "olena@demo.hromada.ua"), ("password", "guess number \(attempt)")])
                statuses.append(page.status)
            }
            // The attacker is limited …
            #expect(statuses.prefix(5).allSatisfy { $0 == .unprocessableContent })
            #expect(statuses.suffix(10).allSatisfy { $0 == .tooManyRequests })
            // … and Олена still signs in from her own browser.
            try await owner.get("/login")
            let page = try await owner.post("/login", [("email", "olena@demo.hromada.ua"), ("password", "resident-demo-2026")])
            #expect(page.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available) func successfulSignInsDoNotCount(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            for _ in 0..<30 {
                _ = try await harness.services.accounts.authenticate(
                    email: "olena@demo.hromada.ua", password: "resident-demo-2026", clientAddress: "198.51.100.7")
            }
        }
    }

    @Test(arguments: TestDatabase.available) func guessesFromManyAddressesPauseOnlyDevicesNewToTheAccount(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            let accounts = harness.services.accounts
            let email = "olena@demo.hromada.ua"
            var known = DeviceCookie(value: nil)
            known.remember(email, key: harness.services.keys.devices, nonce: RandomToken.bytes(16))
            for attempt in 0..<RateLimitRule.signInPerAccountFromNewDevices.limit {
                await #expect(throws: AppError.invalid(code: "wrong_credentials")) {
                    try await accounts.authenticate(email: email, password: "guess \(attempt)", clientAddress: "203.0.113.\(attempt + 1)")
                }
            }
            // A device new to the account is paused, even with the right password, and told what to do.
            do {
                _ = try await accounts.authenticate(email: email, password: "resident-demo-2026", clientAddress: "192.0.2.50")
                Issue.record("a new device signed in while new devices are paused")
            } catch let error as AppError {
                #expect(error.code == "sign_in_new_devices_paused")
                #expect(error.status == .tooManyRequests && (error.retryAfter ?? 0) > 0)
            }
            // The owner's own browser is not, from any address; nor is another account.
            _ = try await accounts.authenticate(email: email, password: "resident-demo-2026", clientAddress: "192.0.2.50", device: known)
            _ = try await accounts.authenticate(email: "andrii@demo.hromada.ua", password: "resident-demo-2026", clientAddress: "192.0.2.51")
            // A cookie made for another account proves nothing for this one.
            var other = DeviceCookie(value: nil)
            other.remember("andrii@demo.hromada.ua", key: harness.services.keys.devices, nonce: RandomToken.bytes(16))
            await #expect(throws: AppError.self) {
                try await accounts.authenticate(email: email, password: "resident-demo-2026", clientAddress: "192.0.2.52", device: other)
            }
        }
    }

    @Test(arguments: TestDatabase.available) func aPasswordResetMakesTheBrowserAKnownDevice(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let email = "olena@demo.hromada.ua"
            for attempt in 0..<RateLimitRule.signInPerAccountFromNewDevices.limit {
                _ = try? await harness.services.accounts.authenticate(email: email, password: "guess \(attempt)", clientAddress: "203.0.113.\(attempt + 1)")
            }
            var owner = Browser(client)
            try await owner.get("/login")
            let paused = try await owner.post("/login", [("email", email), ("password", "resident-demo-2026")])
            #expect(paused.status == .tooManyRequests)
            #expect(paused.headers[.retryAfter] != nil)
            #expect(paused.body.contains("відновіть пароль"))
            #expect(paused.body.contains("/password/forgot"))
            try await owner.get("/password/forgot")
            try await owner.post("/password/forgot", [("email", email)])
            let link = try await harness.lastLink(to: email)
            try await owner.get(link)
            let token = String(link.dropFirst("/password/reset?token=".count))
            #expect(try await owner.post("/password/reset", [("token", token), ("password", "новий надійний пароль")]).status == .ok)
            #expect(owner.cookies[DeviceCookie.name] != nil)
            try await owner.signIn(email, "новий надійний пароль")
        }
    }

    @Test(arguments: TestDatabase.available) func signingInRemembersTheDeviceInAPrivateCookie(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, publicBaseURL: "https://hromada.example") { harness, client in
            var browser = Browser(client)
            try await browser.get("/login")
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let body = "email=olena%40demo.hromada.ua&password=resident-demo-2026&_csrf=\(browser.csrf ?? "")"
            let response = try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("\(DeviceCookie.name)=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"))
            #expect(!cookie.contains("olena"))
            let value = String(cookie.dropFirst(DeviceCookie.name.count + 1).prefix { $0 != ";" })
            #expect(DeviceCookie(value: value).nonce(provingSignInTo: "olena@demo.hromada.ua", key: harness.services.keys.devices) != nil)
        }
    }
}
