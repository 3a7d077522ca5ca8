import Foundation
import HTTPTypes
import HromadaDomain
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Issue 13, finding 6: behind a proxy every request comes from the proxy's
/// address, so loopback proves nothing and `/metrics` needs the token.
@Suite struct MetricsAccessTests {
    @Test func withTrustedProxiesLoopbackAloneDoesNotOpenTheMetrics() async throws {
        try await WebHarness.run(metricsToken: "metrics-token-123", trustedProxies: [CIDR("127.0.0.1/32"), CIDR("::1/128")].compactMap { $0 }, live: true) { _, client in
            // A local proxy that adds no X-Forwarded-For: the peer is loopback.
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .notFound)
            let wrong = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer nope"])
            #expect(wrong.status == .notFound)
            let right = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer metrics-token-123"])
            #expect(right.status == .ok)
        }
    }

    @Test func withTrustedProxiesAndNoTokenTheMetricsAreClosed() async throws {
        try await WebHarness.run(trustedProxies: [CIDR("127.0.0.1/32"), CIDR("::1/128")].compactMap { $0 }, live: true) { _, client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func withoutProxiesADirectLoopbackClientReadsTheMetrics(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, live: true) { _, client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            // Through a proxy we do not trust, it is not a local client.
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: [.xForwardedFor: "203.0.113.9"]).status == .notFound)
        }
    }

    @Test func theMetricsRuleBothWays() {
        let proxies = [CIDR("10.0.0.0/8")].compactMap { $0 }
        func may(_ peer: String?, xff: String? = nil, proxies: [CIDR] = [], token: String? = nil, bearer: String? = nil) -> Bool {
            PublicController.mayReadMetrics(peer: peer, forwardedFor: xff, trustedProxies: proxies, token: token, bearer: bearer)
        }
        // No proxy configured: a direct loopback client reads them, nobody else.
        #expect(may("127.0.0.1") && may("::1") && may("::ffff:127.0.0.1"))
        #expect(!may("203.0.113.9") && !may(nil) && !may("127.0.0.1", xff: "203.0.113.9"))
        // Proxies configured: loopback proves nothing, with or without X-Forwarded-For.
        #expect(!may("127.0.0.1", proxies: proxies) && !may("10.1.2.3", proxies: proxies))
        #expect(!may("127.0.0.1", proxies: proxies, token: "secret-token"))
        // The token opens them from anywhere; a wrong one from nowhere.
        #expect(may("10.1.2.3", xff: "203.0.113.9", proxies: proxies, token: "secret-token", bearer: "secret-token"))
        #expect(!may("127.0.0.1", token: "secret-token", bearer: "wrong"))
    }
}
