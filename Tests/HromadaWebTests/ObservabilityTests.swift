import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
@testable import HromadaWeb

/// Issue 15: request ids, the access log, JSON log lines and `/metrics` by
/// Prometheus's conventions.
@Suite struct ObservabilityTests {
    static let requestIDHeader = HTTPField.Name("X-Request-ID")!

    @Test func everyAnswerCarriesARequestIdAndAnErrorBodyQuotesIt() async throws {
        try await WebHarness.run { _, client in
            let page = try await client.execute(uri: "/vinnytsia", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[Self.requestIDHeader]?.isEmpty == false)

            let missing = try await client.execute(uri: "/api/v1/nowhere/petitions", method: .get)
            #expect(missing.status == .notFound)
            let id = try #require(missing.headers[Self.requestIDHeader])
            let body = try JSONSerialization.jsonObject(with: Data(buffer: missing.body)) as? [String: Any]
            #expect((body?["error"] as? [String: Any])?["requestId"] as? String == id)
            #expect(id != page.headers[Self.requestIDHeader])

            let htmlMissing = try await client.execute(uri: "/nowhere-at-all/petitions", method: .get)
            let htmlID = try #require(htmlMissing.headers[Self.requestIDHeader])
            #expect(String(buffer: htmlMissing.body).contains(htmlID))
        }
    }

    @Test func aTrustedProxysRequestIdIsKeptAndAnyoneElsesIsIgnored() {
        let proxy = [CIDR("10.0.0.0/8")].compactMap { $0 }
        let id = RequestRecordMiddleware.requestID
        #expect(id("5d1c2f0e9a8b7c6d", "10.0.0.5", proxy, "ours") == "5d1c2f0e9a8b7c6d")
        // From a client that is not our proxy, or with nothing configured.
        #expect(id("5d1c2f0e9a8b7c6d", "203.0.113.7", proxy, "ours") == "ours")
        #expect(id("5d1c2f0e9a8b7c6d", "10.0.0.5", [], "ours") == "ours")
        // An id is echoed and logged: nothing but a short plain token.
        #expect(id("a b", "10.0.0.5", proxy, "ours") == "ours")
        #expect(id("x\r\nSet-Cookie: y", "10.0.0.5", proxy, "ours") == "ours")
        #expect(id(String(repeating: "a", count: 65), "10.0.0.5", proxy, "ours") == "ours")
        #expect(id("", "10.0.0.5", proxy, "ours") == "ours")
        #expect(id(nil, "10.0.0.5", proxy, "ours") == "ours")
    }

    @Test func theAccessLogNamesTheRoutePatternNeverThePathOrTheQuery() async throws {
        let lines = LogLines()
        let logger = Logger(label: "hromada") { label in JSONLogHandler(label: label, level: .info) { lines.append($0) } }
        try await WebHarness.run(logger: logger) { _, client in
            let secret = "tok3n-that-must-not-leak"
            let response = try await client.execute(
                uri: "/vinnytsia/petitions?token=\(secret)&email=olena%40example.com&rnokpp=3012345678", method: .get)
            #expect(response.status == .ok)
            let id = try #require(response.headers[Self.requestIDHeader])
            _ = try await client.execute(uri: "/api/v1/vinnytsia/petitions/3012345678", method: .get)

            let access = lines.lines.compactMap { line -> [String: Any]? in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      object["message"] as? String == "request" else { return nil }
                return object
            }
            let first = try #require(access.first { $0["request_id"] as? String == id })
            #expect(first["route"] as? String == "/{city}/petitions")
            #expect(first["method"] as? String == "GET")
            #expect(first["status"] as? Int == 200)
            #expect(first["ms"] is Double || first["ms"] is Int)
            #expect(first["client"] as? String != nil)
            #expect(first["level"] as? String == "info")
            #expect(access.contains { $0["route"] as? String == "/api/v1/{city}/petitions/{petition}" })
            for line in lines.lines {
                #expect(!line.contains(secret))
                #expect(!line.contains("olena"))
                #expect(!line.contains("3012345678"))
            }
        }
    }

    @Test func aJSONLogLineIsOneObjectWithNumbersAsNumbers() throws {
        let lines = LogLines()
        var logger = Logger(label: "hromada.test") { label in JSONLogHandler(label: label, level: .debug) { lines.append($0) } }
        logger[metadataKey: "hb.request.id"] = "abc123"
        logger.warning("disk \"almost\" full\nsecond line", metadata: ["status": .stringConvertible(503), "ms": .stringConvertible(1.5)])
        logger.trace("below the level")
        #expect(lines.lines.count == 1)
        let line = try #require(lines.lines.first)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "disk \"almost\" full\nsecond line")
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "hromada.test")
        #expect(object["request_id"] as? String == "abc123")
        #expect(object["status"] as? Int == 503)
        #expect(object["ms"] as? Double == 1.5)
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func aTextLogLineHasTheTimeLevelLabelSortedMetadataSourceAndMessage() throws {
        let lines = LogLines()
        var logger = Logger(label: "hromada.test") { label in TextLogHandler(label: label, level: .info) { lines.append($0) } }
        logger[metadataKey: "route"] = "/{city}"
        logger.info("request", metadata: ["status": .stringConvertible(201), "client": "10.0.0.5"])
        logger.debug("below the level")
        #expect(lines.lines.count == 1)
        let line = try #require(lines.lines.first)
        // 2026-12-06T19:05:09+0200 info hromada.test: client=10.0.0.5 route=/{city} status=201 [HromadaWebTests] request
        let stamp = String(line.prefix(while: { $0 != " " }))
        #expect(stamp.count == 24 && stamp.dropFirst(10).first == "T" && (stamp.dropFirst(19).first == "+" || stamp.dropFirst(19).first == "-"))
        #expect(line.dropFirst(stamp.count) == " info hromada.test: client=10.0.0.5 route=/{city} status=201 [HromadaWebTests] request")
        // The time is the local one of that second.
        #expect(TextLogHandler.timestamp(0).hasPrefix("19"))
    }

    @Test(arguments: TestDatabase.available)
    func theMetricsFollowPrometheusNamingAndCarryWhatAnOperatorAlertsOn(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, metricsToken: "metrics-token-123") { harness, client in
            _ = try await client.execute(uri: "/vinnytsia", method: .get)
            _ = try await client.execute(uri: "/no/such/page/at/all", method: .get)
            _ = try await harness.services.holdsLease("petitions.scheduler", at: harness.clock.now())
            // A letter waiting ten minutes, and the demo's audit entries not yet sealed (no sealer runs here).
            let letter = OutboxMessage(
                municipalityID: nil, recipient: "clerk@example.com", subject: "s", body: "b", createdAt: harness.clock.now().addingTimeInterval(-600))
            try await harness.services.store.write { try await $0.outbox.enqueue(letter) }

            let response = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer metrics-token-123"])
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            let types = Dictionary(text.split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.split(separator: " ")
                guard parts.count == 4, parts[0] == "#", parts[1] == "TYPE" else { return nil }
                return (String(parts[2]), String(parts[3]))
            }, uniquingKeysWith: { first, _ in first })
            for (name, type) in types {
                #expect(name.hasPrefix("hromada_"), "\(name) is not ours")
                #expect((type == "counter") == name.hasSuffix("_total"), "\(name) is a \(type)")
                if name.contains("duration") { #expect(name.hasSuffix("_seconds"), "\(name) has no unit") }
            }
            let expected: [String: String] = [
                "hromada_http_requests_total": "counter", "hromada_http_request_duration_seconds": "histogram",
                "hromada_http_requests_in_flight": "gauge", "hromada_ready": "gauge",
                "hromada_mail_outbox_pending": "gauge", "hromada_mail_oldest_pending_age_seconds": "gauge", "hromada_mail_abandoned": "gauge",
                "hromada_audit_unsealed_entries": "gauge", "hromada_audit_oldest_unsealed_age_seconds": "gauge",
                "hromada_scheduler_lease_held": "gauge", "hromada_auction_live_watchers": "gauge",
            ]
            for (name, type) in expected { #expect(types[name] == type, "\(name)") }
            if database == .sqlite {
                #expect(types["hromada_db_wal_bytes"] == "gauge")
                #expect(types["hromada_db_disk_free_bytes"] == "gauge")
            }
            #expect(text.contains(#"hromada_http_requests_total{method="GET",route="/{city}",status="200"} 1"#))
            // Unknown paths share one series, whatever was asked.
            #expect(text.contains(#"route="unmatched",status="404""#))
            #expect(!text.contains("/no/such/page"))
            #expect(text.contains(#"hromada_scheduler_lease_held{lease="petitions.scheduler"} 1.0"#))
            #expect(text.contains("hromada_ready 1.0"))
            #expect(text.contains("hromada_mail_outbox_pending 1.0"))
            let age = try #require(Self.value(of: "hromada_mail_oldest_pending_age_seconds", in: text))
            #expect(age >= 600 && age < 700)
            #expect((Self.value(of: "hromada_audit_unsealed_entries", in: text) ?? 0) > 0)
        }
    }

    static func value(of metric: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(metric + " ") {
            return Double(line.dropFirst(metric.count + 1))
        }
        return nil
    }
}
