import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// docs/live-auction.md, checked over a real socket.
@Suite struct AuctionLiveSocketTests {
    /// The demo auction (Олена and Андрій admitted), moved to Олена's first turn.
    func runningAuction(_ harness: WebHarness) async throws -> (path: String, lot: Lot) {
        try await AuctionDemoSeeder(services: harness.services).scheduleLive()
        let city = try await harness.city("vinnytsia")
        let lots = try await harness.services.store.read { try await $0.auctions.lots(in: city.id, statuses: [.activeTendering]) }
        let lot = try #require(lots.map(\.lot).first { $0.title.hasPrefix("Демонстраційний") })
        harness.clock.set(lot.auctionStart.addingTimeInterval(lot.timings.pause + 1))
        #expect(try await harness.services.auctions.advance() == 1)
        return ("/api/v1/vinnytsia/auctions/\(lot.id.rawValue)/live", lot)
    }

    @Test(arguments: TestDatabase.available) func anObserverSeesTheStateAtOnceAndEveryMoveAsItIsMade(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, live: true) { harness, client in
            let (path, lot) = try await runningAuction(harness)
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            try await client.live(path) { messages in
                #expect(try await messages.next()["viewer"] as? String == "anonymous")
                let first = try await messages.next()
                #expect(first["type"] as? String == "state" && first["serverTime"] is String)
                let stage = try #require((first["lot"] as? [String: Any])?["stage"] as? [String: Any])
                #expect(stage["kind"] as? String == "turn" && stage["participant"] as? Int == 1 && stage["until"] is String)
                // Олена raises over HTTP; the observer hears of it without asking.
                let raise = lot.startValue.kopiyky + 200_000
                let (status, _) = try await client.json(.post, "/api/v1/vinnytsia/auctions/\(lot.id.rawValue)/bids", body: #"{"amount": \#(raise)}"#, token: olena)
                #expect(status == .ok)
                let next = try await messages.next()
                let standings = try #require((next["lot"] as? [String: Any])?["standings"] as? [[String: Any]])
                #expect(standings.contains { $0["amount"] as? Int == Int(raise) && $0["name"] == nil })
                #expect(((next["lot"] as? [String: Any])?["stage"] as? [String: Any])?["participant"] as? Int == 2)
            }
        }
    }

    @Test(arguments: TestDatabase.available) func aBidderBidsThroughTheSocketAndRefusalsAreClearMessagesThatChangeNothing(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, live: true) { harness, client in
            let (path, lot) = try await runningAuction(harness)
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let andrii = try await apiToken(client, "andrii@demo.hromada.ua", "resident-demo-2026")
            // Андрій's turn is second: his bid now is refused, in Ukrainian, and nothing is written.
            try await client.live(path + "?token=\(andrii)") { messages in
                #expect(try await messages.next()["viewer"] as? String == "bidder")
                _ = try await messages.next(type: "state")
                #expect(try await messages.next(type: "you")["participant"] as? Int == 2)
                try await messages.send(#"{"type": "bid", "ref": "a1", "amount": 99999999}"#)
                let refused = try await messages.next(type: "error")
                let error = try #require(refused["error"] as? [String: Any])
                #expect(refused["ref"] as? String == "a1" && error["code"] as? String == "not_your_turn")
                #expect((error["message"] as? String)?.isEmpty == false)
                try await messages.send("not json")
                #expect(((try await messages.next(type: "error"))["error"] as? [String: Any])?["code"] as? String == "live_message_invalid")
                // An amount no lot could reach is refused before any arithmetic on it.
                try await messages.send(#"{"type": "bid", "amount": 9223372036854775807}"#)
                #expect(((try await messages.next(type: "error"))["error"] as? [String: Any])?["code"] as? String == "bid_amount_too_large")
            }
            #expect(try await client.json(.get, "/api/v1/vinnytsia/auctions/\(lot.id.rawValue)").0 == .ok)
            #expect(try await harness.services.store.read { try await $0.auctions.moves(of: lot.id) }.isEmpty)
            try await client.live(path + "?token=\(olena)") { messages in
                #expect(try await messages.next()["viewer"] as? String == "bidder")
                _ = try await messages.next(type: "state")
                #expect(try await messages.next(type: "you")["participant"] as? Int == 1)
                try await messages.send(#"{"type": "bid", "ref": "low", "amount": \#(lot.startValue.kopiyky + 1)}"#)
                #expect(((try await messages.next(type: "error"))["error"] as? [String: Any])?["code"] as? String == "bid_below_minimal_step")
                let raise = lot.startValue.kopiyky + 100_000
                try await messages.send(#"{"type": "bid", "ref": "ok", "move": "raise", "amount": \#(raise)}"#)
                // The acknowledgement and the state it caused come in either order.
                var acknowledged = false, shown = false
                for _ in 0..<10 where !(acknowledged && shown) {
                    let message = try await messages.next()
                    if message["type"] as? String == "ack" { acknowledged = message["ref"] as? String == "ok" }
                    let standings = (message["lot"] as? [String: Any])?["standings"] as? [[String: Any]] ?? []
                    if standings.contains(where: { $0["participant"] as? Int == 1 && $0["amount"] as? Int == Int(raise) }) { shown = true }
                }
                #expect(acknowledged && shown)
            }
            #expect(try await harness.services.store.read { try await $0.auctions.moves(of: lot.id) }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available) func aSocketWhoseSessionEndedStillWatchesButCannotBid(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, live: true) { harness, client in
            let (path, lot) = try await runningAuction(harness)
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            try await client.live(path + "?token=\(olena)") { messages in
                _ = try await messages.next(type: "you")
                // Олена signs out elsewhere while the socket stays open.
                #expect(try await client.json(.delete, "/api/v1/session", token: olena).0 == .noContent)
                try await messages.send(#"{"type": "bid", "ref": "late", "amount": \#(lot.startValue.kopiyky + 100_000)}"#)
                #expect(((try await messages.next(type: "error"))["error"] as? [String: Any])?["code"] as? String == "not_signed_in")
            }
            #expect(try await harness.services.store.read { try await $0.auctions.moves(of: lot.id) }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available) func aDroppedConnectionReconnectsToTheCurrentStateAndTheClockMovesTheTurnOnWithoutAnyWrite(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, live: true) { harness, client in
            let (path, lot) = try await runningAuction(harness)
            try await client.live(path) { messages in
                _ = try await messages.next(type: "state")
            }
            // While nobody watched, Олена's turn ran out: on reconnecting the turn is Андрій's.
            harness.clock.advance(by: lot.timings.turn)
            try await client.live(path) { messages in
                let state = try await messages.next(type: "state")
                #expect(((state["lot"] as? [String: Any])?["stage"] as? [String: Any])?["participant"] as? Int == 2)
                // And a watcher is told when a turn ends by the clock alone (the feed's alarm).
                harness.clock.advance(by: lot.timings.turn)
                await harness.services.liveFeed.changed(lot.id, services: harness.services)
                let later = try await messages.next(type: "state")
                let stage = try #require((later["lot"] as? [String: Any])?["stage"] as? [String: Any])
                #expect(stage["round"] as? Int == 2 && stage["participant"] as? Int == 1)
            }
            #expect(await harness.services.liveFeed.watcherCount == 0)
        }
    }

    @Test(arguments: TestDatabase.available) func afterTheBiddingDeadlineEveryoneWatchesTheCountdownToTheStartWithoutSeeingAClosedBid(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            try await AuctionDemoSeeder(services: harness.services).scheduleLive()
            let city = try await harness.city("vinnytsia")
            let lot = try #require(try await harness.services.store.read { try await $0.auctions.lots(in: city.id, statuses: [.activeTendering]) }
                .map(\.lot).first { $0.title.hasPrefix("Демонстраційний") })
            harness.clock.set(lot.tenderPeriodEnd.addingTimeInterval(1))
            let (_, body) = try await client.json(.get, "/api/v1/vinnytsia/auctions/\(lot.id.rawValue)")
            let stage = try #require(body["stage"] as? [String: Any])
            #expect(stage["kind"] as? String == "scheduled" && (body["standings"] as? [Any])?.isEmpty == true)
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let page = try await olena.get("/vinnytsia/auctions/\(lot.id.rawValue)")
            // The page follows the socket (or refreshes itself) so the start comes to it; no amount is on it.
            #expect(page.body.contains("data-socket=") && page.body.contains("http-equiv=\"refresh\""))
            // Андрій's closed bid (the start value is on the page as a term).
            #expect(!page.body.contains(Money(hryvnias: 18_600).formatted(currency: "грн")))
            #expect(page.body.contains(Money(hryvnias: 18_400).formatted(currency: "грн")))
        }
    }

    @Test(arguments: TestDatabase.available) func theSessionCookieCountsOnlyFromOurOwnPagesAndAnUnknownLotIsNotUpgraded(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, live: true) { harness, client in
            let (path, _) = try await runningAuction(harness)
            var browser = Browser(client)
            try await browser.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let cookie = try #require(browser.cookies["hromada_session"])
            func headers(origin: String) -> HTTPFields {
                [.cookie: "hromada_session=\(cookie)", .origin: origin]
            }
            // The test client's own Origin, ws://localhost, is not our pages' origin (scheme and
            // port differ from the public address), so the cookie does not count; what does is
            // in LiveSocketOriginTests.
            try await client.live(path, headers: [.cookie: "hromada_session=\(cookie)"]) { messages in
                let hello = try await messages.next()
                #expect(hello["viewer"] as? String == "anonymous")
            }
            // Another site's page opening the socket with Олена's cookie watches anonymously.
            try await client.live(path, headers: headers(origin: "https://evil.example")) { messages in
                let hello = try await messages.next()
                #expect(hello["viewer"] as? String == "anonymous")
            }
            await #expect(throws: (any Error).self) {
                try await client.live("/api/v1/vinnytsia/auctions/no-such-lot/live") { _ in }
            }
            await #expect(throws: (any Error).self) {
                try await client.live(path.replacingOccurrences(of: "vinnytsia", with: "zhmerynka")) { _ in }
            }
        }
    }
}

/// A live socket's messages, read one at a time as JSON objects.
struct LiveMessages {
    var iterator: WebSocketInboundMessageStream.AsyncIterator
    let outbound: WebSocketOutboundWriter

    mutating func next() async throws -> [String: Any] {
        guard let message = try await iterator.next() else { throw LiveSocketClosed() }
        guard case .text(let text) = message,
              let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else { throw LiveSocketClosed() }
        return object
    }

    /// The next message of a type, skipping others (a state may arrive between an answer and the next).
    mutating func next(type: String) async throws -> [String: Any] {
        for _ in 0..<20 {
            let message = try await next()
            if message["type"] as? String == type { return message }
        }
        throw LiveSocketClosed()
    }

    func send(_ text: String) async throws {
        try await outbound.writeTextMessage(text)
    }
}

struct LiveSocketClosed: Error {}
struct LiveSocketTimedOut: Error {}

extension TestClientProtocol {
    /// Opens the live socket and runs `body` on its messages; a socket that hangs fails the test after a minute (a guard against hanging, not a timing check: a loaded CI machine once took over 10 s).
    func live(_ path: String, headers: HTTPFields = [:], _ body: @escaping @Sendable (inout LiveMessages) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await self.ws(path, configuration: .init(additionalHeaders: headers)) { inbound, outbound, _ in
                    var messages = LiveMessages(iterator: inbound.messages(maxSize: 1 << 20).makeAsyncIterator(), outbound: outbound)
                    try await body(&messages)
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(60))
                throw LiveSocketTimedOut()
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// Two instances on one PostgreSQL database: a move written by one reaches
/// the other's watchers through LISTEN/NOTIFY.
@Suite(.enabled(if: TestDatabase.postgresURL != nil)) struct AuctionLiveRelayTests {
    @Test func aMoveOnOneInstanceReachesTheWatchersOfAnother() async throws {
        try await WebHarness.run(.postgres) { harness, _ in
            let (_, lot) = try await AuctionLiveSocketTests().runningAuction(harness)
            let city = try await harness.city("vinnytsia")
            // The second instance: the same database and clock, its own watchers.
            var configuration = harness.services.configuration
            configuration.forceDemo = false
            let other = try await makeServices(configuration: configuration, clock: harness.clock, logger: TestDatabase.logger, modules: .standard)
            let relay = try #require(AuctionLiveRelay(services: other))
            let listening = Task { try await relay.run() }
            defer { listening.cancel() }
            let (_, updates) = await other.liveFeed.watch(lot.id, city: city, services: other)
            let received = Task {
                var seen: [String] = []
                for await update in updates {
                    seen.append(update.lot)
                    if seen.count == 2 { break }
                }
                return seen
            }
            try await Task.sleep(for: .seconds(1)) // the relay's LISTEN is in place
            let olena = try #require(try await harness.account("olena@demo.hromada.ua"))
            let raise = lot.startValue + Money(hryvnias: 500)
            try await harness.services.auctions.move(lot.id, .raise(to: raise), city: city, by: olena)
            let timeout = Task { try await Task.sleep(for: .seconds(60)); received.cancel() }
            let seen = await received.value
            timeout.cancel()
            #expect(seen.count == 2, "no update reached the other instance")
            #expect(seen.first?.contains(#""participant":1"#) == true)
            #expect(seen.last?.contains(#""amount":\#(raise.kopiyky)"#) == true)
            listening.cancel()
            await other.store.backend.shutdown()
        }
    }
}
