import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Waste
import HromadaModules

/// The alerts as a dispatcher meets them: a reading that looks like fire
/// raises its alert at once and mails the dispatchers, however many such
/// readings arrive together; the round raises the rest and clears what
/// stopped holding; staff acknowledge and close, once, with the audit log,
/// and no one else sees or touches them.
@Suite struct WasteAlertTests {
    /// The API's description of an alert names every kind the platform raises
    /// (the route alerts came later and were missing; schemathesis found it).
    @Test func theAPIDescribesEveryAlertKind() throws {
        let url = try #require(WasteModule().resources?.appendingPathComponent("openapi.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let alert = try #require(schemas["WasteAlert"] as? [String: Any])
        let kind = try #require((alert["properties"] as? [String: Any])?["kind"] as? [String: Any])
        #expect(Set(kind["enum"] as? [String] ?? []) == Set(AlertKind.allCases.map(\.rawValue)))
    }

    static func alerts(_ harness: WebHarness, container: String) async throws -> [AlertRepository.StoredAlert] {
        let city = try await harness.city("zhmerynka")
        return try await harness.services.store.read { try await $0.wasteAlerts.alerts(of: ContainerID(rawValue: container), in: city.id, limit: 100) }
    }

    @Test(arguments: TestDatabase.available)
    func aFireIsRaisedAtOnceAndMailedToTheDispatchersOnceHoweverManyReadingsSayIt(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, WasteWebTests.admin.0, WasteWebTests.admin.1)
            let (key, container) = try await WasteWebTests.bin(client, token: admin)
            let mailsBefore = try await harness.outbox().count
            let hot = (0..<50).map { n in
                #"{"counter": \#(100 + n), "time": "\#(WasteWebTests.time(minutesAgo: 1, harness))", "distanceMm": 900, "temperatureC": 74.5}"#
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for body in hot {
                    group.addTask {
                        let (status, _) = try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: body, token: key)
                        #expect(status == .ok)
                    }
                }
                try await group.waitForAll()
            }
            // No round has run: the fire was raised by the readings themselves.
            let raised = try await Self.alerts(harness, container: container)
            #expect(raised.map(\.kind) == [.fire])
            #expect(raised.first?.evidence == AlertEvidence(value: 745, unit: .tenthsCelsius, observedAt: raised.first?.evidence.observedAt ?? .distantPast))
            let mails = try await harness.outbox().dropFirst(mailsBefore)
            #expect(mails.count == 1, "one dispatcher in Жмеринка, one mail")
            #expect(mails.first.map { $0.subject.hasPrefix("Пожежа: Тестовий майданчик") && $0.body.contains("74.5 °C") } == true)
            let city = try await harness.city("zhmerynka")
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 1_000) }
            #expect(entries.filter { $0.action == AuditAction.wasteAlertRaised }.count == 1)

            // A round finds nothing new; a cool reading clears the fire, which stays open for staff.
            #expect(try await harness.services.wasteAlerts.watch(city, at: harness.clock.now()).filter { $0.container.rawValue == container }.isEmpty)
            let cool = #"{"counter": 200, "time": "\#(WasteWebTests.time(minutesAgo: 0, harness))", "distanceMm": 900, "temperatureC": 9}"#
            #expect(try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: cool, token: key).0 == .ok)
            try await harness.services.wasteAlerts.watch(city, at: harness.clock.now())
            let cleared = try #require(try await Self.alerts(harness, container: container).first)
            #expect(cleared.clearedAt != nil && cleared.isOpen)
        }
    }

    @Test func aReadingLooksAtFireAloneAtOnceAndAnOldFireWaitsForTheRound() async throws {
        try await WebHarness.run { harness, client in
            let admin = try await apiToken(client, WasteWebTests.admin.0, WasteWebTests.admin.1)
            let (key, container) = try await WasteWebTests.bin(client, token: admin)
            let (oldKey, oldContainer) = try await WasteWebTests.bin(client, token: admin, device: "A1B2C3D4E5F60002")
            // Five hours without a word: silent by the rules, but a reading looks at fire only.
            harness.clock.advance(by: 5 * 3_600)
            let hot = #"{"counter": 1, "time": "\#(WasteWebTests.time(minutesAgo: 1, harness))", "distanceMm": 900, "temperatureC": 81}"#
            #expect(try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: hot, token: key).0 == .ok)
            #expect(try await Self.alerts(harness, container: container).map(\.kind) == [.fire])
            // A fire three days old, from a network server's backlog, is history: nothing at once.
            let old = #"{"counter": 1, "time": "\#(WasteWebTests.time(minutesAgo: 3 * 24 * 60, harness))", "distanceMm": 900, "temperatureC": 81}"#
            #expect(try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: old, token: oldKey).0 == .ok)
            #expect(try await Self.alerts(harness, container: oldContainer).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func dispatchersAcknowledgeAndCloseOnceAndNoOneElseSeesAlerts(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, WasteWebTests.admin.0, WasteWebTests.admin.1)
            let (key, container) = try await WasteWebTests.bin(client, token: admin)
            let full = #"{"counter": 1, "time": "\#(WasteWebTests.time(minutesAgo: 2, harness))", "distanceMm": 310, "tiltDegrees": 35, "batteryPercent": 12}"#
            #expect(try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: full, token: key).0 == .ok)
            let city = try await harness.city("zhmerynka")
            try await harness.services.wasteAlerts.round()
            let raised = try await Self.alerts(harness, container: container)
            #expect(Set(raised.map(\.kind)) == [.full, .tilted, .lowBattery])
            let alert = try #require(raised.first { $0.kind == .full })

            let (listed, list) = try await client.json(.get, "/api/v1/zhmerynka/waste/alerts", token: admin)
            #expect(listed == .ok)
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(items.contains { $0["id"] as? String == alert.id.rawValue && $0["kind"] as? String == "full" && $0["unit"] as? String == "percent" })
            #expect(try await client.json(.get, "/api/v1/zhmerynka/waste/alerts?state=maybe", token: admin).0 == .unprocessableContent)

            // Strangers: none signed in, a resident, another city's admin.
            let path = "/api/v1/zhmerynka/waste/alerts/\(alert.id.rawValue)"
            #expect(try await client.json(.get, "/api/v1/zhmerynka/waste/alerts").0 == .unauthorized)
            let resident = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await client.json(.get, "/api/v1/zhmerynka/waste/alerts", token: resident).0 == .notFound)
            let vinnytsiaAdmin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            #expect(try await client.json(.post, "\(path)/acknowledge", token: vinnytsiaAdmin).0 == .notFound)
            #expect(try await client.json(.post, "/api/v1/vinnytsia/waste/alerts/\(alert.id.rawValue)/acknowledge", token: vinnytsiaAdmin).0 == .notFound)

            let (acknowledged, body) = try await client.json(.post, "\(path)/acknowledge", token: admin)
            #expect(acknowledged == .ok && body["acknowledgedAt"] != nil)
            let (again, problem) = try await client.json(.post, "\(path)/acknowledge", token: admin)
            #expect(again == .conflict && errorCode(problem) == "waste_alert_already_decided")
            let long = String(repeating: "я", count: 501)
            let (tooLong, refusal) = try await client.json(.post, "\(path)/close", body: #"{"note": "\#(long)"}"#, token: admin)
            #expect(tooLong == .unprocessableContent && errorCode(refusal) == "waste_alert_note_too_long")
            let (closed, closedBody) = try await client.json(.post, "\(path)/close", body: #"{"note": "Вивезли позачергово"}"#, token: admin)
            #expect(closed == .ok && closedBody["note"] as? String == "Вивезли позачергово" && closedBody["closedAt"] != nil)
            #expect(try await client.json(.post, "\(path)/close", body: "{}", token: admin).0 == .conflict)
            let (_, closedList) = try await client.json(.get, "/api/v1/zhmerynka/waste/alerts?state=closed", token: admin)
            #expect((closedList["items"] as? [[String: Any]] ?? []).map { $0["id"] as? String } == [alert.id.rawValue])

            // Still full: the closed alert still stands, so the next round raises no new one.
            try await harness.services.wasteAlerts.round()
            #expect(try await Self.alerts(harness, container: container).filter { $0.kind == .full }.count == 1)
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 1_000) }
            #expect(entries.filter { $0.action == AuditAction.wasteAlertAcknowledged && $0.subject == alert.id.rawValue }.count == 1)
            #expect(entries.filter { $0.action == AuditAction.wasteAlertClosed && $0.subject == alert.id.rawValue }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theDeskListsAlertsFiresFirstAndItsFormsWork(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, WasteWebTests.admin.0, WasteWebTests.admin.1)
            let (key, container) = try await WasteWebTests.bin(client, token: admin)
            let reading = #"{"counter": 1, "time": "\#(WasteWebTests.time(minutesAgo: 2, harness))", "distanceMm": 310, "temperatureC": 66}"#
            #expect(try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: reading, token: key).0 == .ok)
            try await harness.services.wasteAlerts.round()
            let fire = try #require(try await Self.alerts(harness, container: container).first { $0.kind == .fire })
            var browser = Browser(client)
            try await browser.signIn(WasteWebTests.admin.0, WasteWebTests.admin.1)
            let page = try await browser.get("/zhmerynka/admin/waste/alerts")
            #expect(page.status == .ok)
            let firePosition = try #require(page.body.range(of: "Пожежа</strong>")).lowerBound
            let fullPosition = try #require(page.body.range(of: "Заповнений</strong>")).lowerBound
            #expect(firePosition < fullPosition, "fires first")
            #expect(page.body.contains("66.0 °C") && page.body.contains("Тестовий майданчик"))
            let acknowledged = try await browser.post("/zhmerynka/admin/waste/alerts/\(fire.id.rawValue)/acknowledge", [])
            #expect(acknowledged.status == .seeOther || acknowledged.status == .found)
            let refused = try await browser.post("/zhmerynka/admin/waste/alerts/\(fire.id.rawValue)/close", [("note", String(repeating: "ы", count: 600))])
            #expect(refused.status == .unprocessableContent && refused.body.contains("aria-invalid=\"true\""))
            let closed = try await browser.post("/zhmerynka/admin/waste/alerts/\(fire.id.rawValue)/close", [("note", "Загасили")])
            #expect(closed.location?.hasSuffix("done=closed") == true)
            #expect(try await browser.post("/zhmerynka/admin/waste/alerts/\(fire.id.rawValue)/close", [("note", "x")], csrf: false).status == .forbidden)
            let english = try await browser.get("/zhmerynka/admin/waste/alerts?closed=1&lang=en")
            #expect(english.body.contains("Загасили"))
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await resident.get("/zhmerynka/admin/waste/alerts").status == .notFound)
        }
    }
}

/// A container's page: its chart, forecast and days for anyone, its alerts for dispatchers only.
@Suite struct WasteContainerPageTests {
    @Test func aContainersPageShowsItsFillForecastAndToDispatchersItsAlerts() async throws {
        try await WebHarness.run { harness, client in
            try await harness.services.wasteUpkeep.round()
            var visitor = Browser(client)
            let page = try await visitor.get("/zhmerynka/waste/containers/zhm-container-1")
            #expect(page.status == .ok)
            #expect(page.body.contains("<polyline class=\"chart-fill\"") && page.body.contains("Прогноз") && page.body.contains("По днях"))
            #expect(!page.body.contains("h-alerts"), "alerts are the dispatchers'")
            #expect(try await visitor.get("/zhmerynka/waste/containers/nowhere").status == .notFound)
            // Another city's container is not this city's page.
            #expect(try await visitor.get("/vinnytsia/waste/containers/zhm-container-1").status == .notFound)
            let english = try await visitor.get("/zhmerynka/waste/containers/zhm-container-1?lang=en")
            #expect(english.body.contains("Fill over the last two weeks") && english.body.contains("Forecast"))
            var dispatcher = Browser(client)
            try await dispatcher.signIn(WasteWebTests.admin.0, WasteWebTests.admin.1)
            #expect(try await dispatcher.get("/zhmerynka/waste/containers/zhm-container-1").body.contains("h-alerts"))
            // The public list links each container to its page.
            #expect(try await visitor.get("/zhmerynka/waste").body.contains("href=\"/zhmerynka/waste/containers/zhm-container-1\""))
        }
    }
}

/// The simulator in a city: registered once however often it runs, its
/// readings stored, and the faults still under way at its end standing as alerts.
@Suite struct WasteSimulatorTests {
    @Test(arguments: TestDatabase.available)
    func aSimulatedMonthLandsInTheCityOnceAndItsStandingFaultsAreAlerts(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            let city = try await harness.city("zhmerynka")
            let centre = try GeoPoint(longitude: 28.1115, latitude: 49.0386)
            // Twenty bins: seven solar panels, so the shaded one has the five peers its rule needs.
            let simulation = BinSimulation(bins: 20, days: 30, endingAt: harness.clock.now(), centre: centre)
            let fleet = try await harness.services.wasteSimulator.register(simulation, in: city)
            #expect(fleet.made == 20)
            let stored = try await harness.services.wasteSimulator.storeDirectly(simulation, fleet: fleet, in: city)
            #expect(stored == simulation.bins.reduce(0) { $0 + simulation.readings(of: $1).count })
            let again = try await harness.services.wasteSimulator.register(simulation, in: city)
            #expect(again.made == 0)
            #expect(try await harness.services.wasteSimulator.storeDirectly(simulation, fleet: again, in: city) == 0)
            // A key from the second run works on the device API's path; the first run's no longer does.
            #expect(try await harness.services.wasteIngest.device(authorization: "Bearer \(again.bins[0].key)", city: city).container == again.bins[0].container)
            await #expect(throws: AppError.self) { try await harness.services.wasteIngest.device(authorization: "Bearer \(fleet.bins[0].key)", city: city) }
            // Past the upkeep's settling minute, so the month is in the hours the solar rule reads.
            harness.clock.advance(by: 120)
            try await harness.services.wasteUpkeep.round()
            try await harness.services.wasteAlerts.round()
            let alerts = try await harness.services.store.read { try await $0.wasteAlerts.alerts(in: city.id, open: true, limit: 500) }
            let faults = Set(alerts.filter { SimulationReplay.faultKinds.contains($0.kind) }.map { "\($0.container.rawValue) \($0.kind.rawValue)" })
            // Still under way at the end: the tilted bin, the dying battery and the shaded panel; the fire and the silence are over.
            #expect(faults == ["sim-container-1 tilted", "sim-container-2 low-battery", "sim-container-3 solar-low"], "\(faults)")
        }
    }
}
