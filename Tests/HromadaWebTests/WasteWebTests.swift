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

/// Smart waste through its API and pages, as a device, a clerk and a
/// resident use them: a device's readings go in with its own key and are
/// stored once however often they are sent, anything else is refused and
/// changes nothing, a bad payload is a 4xx naming the field and is kept as
/// a dead letter, and the register is kept by those who may.
@Suite struct WasteWebTests {
    static let admin = ("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")

    /// A site with a container and a registered sensor in Жмеринка; the sensor's key and the container's id.
    static func bin(_ client: any TestClientProtocol, token: String, device: String = "A1B2C3D4E5F60001") async throws -> (key: String, container: String) {
        let (siteStatus, site) = try await client.json(
            .post, "/api/v1/zhmerynka/waste/sites", body: #"{"name": "Тестовий майданчик", "address": "вул. Тестова, 1", "longitude": 28.11, "latitude": 49.04}"#, token: token)
        #expect(siteStatus == .created)
        let (sensorStatus, sensor) = try await client.json(
            .post, "/api/v1/zhmerynka/waste/sensors", body: #"{"deviceId": "\#(device)", "model": "dingtek-df702", "batteryMah": 19000}"#, token: token)
        #expect(sensorStatus == .created)
        let siteID = try #require(site["id"] as? String), sensorID = try #require(sensor["id"] as? String)
        let (containerStatus, container) = try await client.json(
            .post, "/api/v1/zhmerynka/waste/containers",
            body: #"{"siteId": "\#(siteID)", "fraction": "plastic", "volumeLitres": 3000, "placement": "underground", "emptyDistanceMm": 1600, "fullDistanceMm": 300, "sensorId": "\#(sensorID)"}"#,
            token: token)
        #expect(containerStatus == .created)
        return (try #require(sensor["key"] as? String), try #require(container["id"] as? String))
    }

    static func readings(_ harness: WebHarness) async throws -> Int {
        let city = try await harness.city("zhmerynka")
        return try await harness.services.store.read { try await $0.wasteReadings.count(in: city.id) }
    }

    static func time(minutesAgo: Int, _ harness: WebHarness) -> String {
        harness.clock.now().addingTimeInterval(Double(-60 * minutesAgo)).ISO8601Format()
    }

    @Test(arguments: TestDatabase.available)
    func aDeviceSendsReadingsWithItsOwnKeyAndARetryIsNotCountedTwice(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, Self.admin.0, Self.admin.1)
            let (key, container) = try await Self.bin(client, token: admin)
            let before = try await Self.readings(harness)
            let one = #"{"time": "\#(Self.time(minutesAgo: 30, harness))", "distanceMm": 950, "temperatureC": 7.5, "batteryMv": 3600}"#
            let (status, outcome) = try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: one, token: key)
            #expect(status == .ok && outcome["accepted"] as? Int == 1 && outcome["duplicates"] as? Int == 0)
            let (_, again) = try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: one, token: key)
            #expect(again["accepted"] as? Int == 0 && again["duplicates"] as? Int == 1)
            let batch = """
                {"readings": [{"counter": 7, "time": "\(Self.time(minutesAgo: 20, harness))", "fillPercent": 61},
                              {"counter": 8, "time": "\(Self.time(minutesAgo: 10, harness))", "distanceMm": 300, "alarms": ["full"]},
                              {"counter": 8, "time": "\(Self.time(minutesAgo: 10, harness))", "distanceMm": 300, "alarms": ["full"]}]}
                """
            let (_, batched) = try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: batch, token: key)
            #expect(batched["accepted"] as? Int == 2 && batched["duplicates"] as? Int == 1)
            #expect(try await Self.readings(harness) == before + 3)
            // The public list shows the newest fill, worked out from the distance by the container's gauge.
            let (_, list) = try await client.json(.get, "/api/v1/zhmerynka/waste/containers")
            let mine = (list["items"] as? [[String: Any]] ?? []).first { $0["id"] as? String == container }
            #expect(mine?["fillPercent"] as? Int == 100 && mine?["alarms"] as? [String] == ["full"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func withoutItsOwnKeyADeviceIsRefusedAndNothingIsStored(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, Self.admin.0, Self.admin.1)
            let (key, _) = try await Self.bin(client, token: admin)
            let vinnytsiaAdmin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let (_, vinnytsiaSensor) = try await client.json(
                .post, "/api/v1/vinnytsia/waste/sensors", body: #"{"deviceId": "A1B2C3D4E5F60009", "model": "generic"}"#, token: vinnytsiaAdmin)
            let otherCitysKey = try #require(vinnytsiaSensor["key"] as? String)
            let before = try await Self.readings(harness)
            let body = #"{"fillPercent": 50}"#
            for token in [nil, admin, otherCitysKey, "hwk_short", String(key.dropLast()) + (key.hasSuffix("A") ? "B" : "A")] {
                let (status, answer) = try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: body, token: token)
                #expect(status == .unauthorized && errorCode(answer) == "device_key_invalid", "\(String(describing: token?.prefix(8)))")
            }
            #expect(try await Self.readings(harness) == before)
            // The key opens its own city only, and a city that switched the module off answers 404.
            #expect(try await client.json(.post, "/api/v1/vinnytsia/waste/readings", body: body, token: key).0 == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadPayloadIsA4xxNamingTheFieldAndKeptAsADeadLetter(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, Self.admin.0, Self.admin.1)
            let (key, _) = try await Self.bin(client, token: admin)
            let before = try await Self.readings(harness)
            let cases: [(String, HTTPResponse.Status, String, String?)] = [
                (#"{"readings": [{"fillPercent": 40}, {"fillPercent": 500}]}"#, .unprocessableContent, "reading_out_of_range", "readings.1.fillPercent"),
                (#"{"temperatureC": "hot"}"#, .unprocessableContent, "value_invalid", "temperatureC"),
                (#"{"counter": 3}"#, .unprocessableContent, "reading_empty", "reading"),
                (#"{"fillPercent": 5, "time": "\#(Self.time(minutesAgo: -60, harness))"}"#, .unprocessableContent, "reading_in_the_future", "time"),
                (#"{"readings": []}"#, .unprocessableContent, "readings_empty", "readings"),
                (#"{"fillPercent": 5"#, .badRequest, "malformed_json", nil),
            ]
            for (body, status, code, field) in cases {
                let (got, answer) = try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: body, token: key)
                #expect(got == status && errorCode(answer) == code, "\(body): \(got) \(answer)")
                #expect((answer["error"] as? [String: Any])?["field"] as? String == field, "\(body)")
            }
            #expect(try await Self.readings(harness) == before, "nothing of a refused request is stored")
            let city = try await harness.city("zhmerynka")
            let letters = try await harness.services.store.read { try await $0.wasteReadings.deadLetters(in: city.id, limit: 100) }
            #expect(letters.count == cases.count)
            #expect(letters.contains { $0.problem == "reading_out_of_range" && $0.detail == "readings.1.fillPercent" && $0.body.contains("500") })
            #expect(letters.allSatisfy { $0.deviceID == "A1B2C3D4E5F60001" && $0.door == .api })
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoHundredCopiesOfOneReadingSentAtOnceAreStoredOnce(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, Self.admin.0, Self.admin.1)
            let (key, _) = try await Self.bin(client, token: admin)
            let before = try await Self.readings(harness)
            let body = #"{"counter": 99, "fillPercent": 70}"#
            let accepted = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        let (status, outcome) = try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: body, token: key)
                        #expect(status == .ok)
                        return outcome["accepted"] as? Int ?? -1
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(accepted == 1)
            #expect(try await Self.readings(harness) == before + 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theRegisterIsKeptOnlyByThoseWhoMayInTheirOwnCity(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let site = #"{"name": "Майданчик", "longitude": 28.11, "latitude": 49.04}"#
            #expect(try await client.json(.post, "/api/v1/zhmerynka/waste/sites", body: site).0 == .unauthorized)
            let resident = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await client.json(.post, "/api/v1/vinnytsia/waste/sites", body: site, token: resident).0 == .notFound)
            let vinnytsiaAdmin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            #expect(try await client.json(.post, "/api/v1/zhmerynka/waste/sites", body: site, token: vinnytsiaAdmin).0 == .notFound)
            let admin = try await apiToken(client, Self.admin.0, Self.admin.1)
            let bad: [(String, String, String, String)] = [
                ("sites", #"{"name": "", "longitude": 28.11, "latitude": 49.04}"#, "waste_missing", "name"),
                ("sites", #"{"name": "X", "longitude": 228.11, "latitude": 49.04}"#, "waste_out_of_range", "longitude"),
                ("sensors", #"{"deviceId": "70B3", "model": "dingtek-df702"}"#, "waste_malformed", "deviceId"),
                ("sensors", #"{"deviceId": "70B3D5E75E00A001", "model": "dingtek-df702"}"#, "waste_device_taken", ""),
                ("containers", #"{"siteId": "nowhere", "fraction": "glass", "volumeLitres": 3000, "placement": "surface", "emptyDistanceMm": 1600, "fullDistanceMm": 300}"#, "waste_unknown", "siteId"),
                ("containers", #"{"siteId": "zhm-site-1", "fraction": "glass", "volumeLitres": 3000, "placement": "surface", "emptyDistanceMm": 1600, "fullDistanceMm": 300, "sensorId": "zhm-sensor-1"}"#, "waste_container_conflict", ""),
                ("trucks", #"{"name": "МАЗ", "depotId": "zhm-transfer", "capacityLitres": 22000, "shiftMinutes": 480, "crew": 2}"#, "waste_unknown", "depotId"),
                ("trucks", #"{"name": "МАЗ", "depotId": "zhm-depot", "capacityLitres": 22000, "shiftMinutes": 480, "crew": 9}"#, "waste_out_of_range", "crew"),
            ]
            for (path, body, code, field) in bad {
                let (status, answer) = try await client.json(.post, "/api/v1/zhmerynka/waste/\(path)", body: body, token: admin)
                #expect(errorCode(answer) == code, "\(path) \(body): \(status) \(answer)")
                if !field.isEmpty { #expect((answer["error"] as? [String: Any])?["field"] as? String == field, "\(body)") }
            }
            let (created, _) = try await client.json(
                .post, "/api/v1/zhmerynka/waste/trucks", body: #"{"name": "МАЗ 3", "depotId": "zhm-depot", "capacityLitres": 22000, "shiftMinutes": 480, "crew": 2}"#, token: admin)
            #expect(created == .created)
            let city = try await harness.city("zhmerynka")
            #expect(try await harness.services.store.read { try await $0.wasteRegister.trucks(in: city.id) }.count == 3)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSensorsKeyIsShownOnceOnTheDeskAndWorksAtOnce(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var browser = Browser(client)
            try await browser.signIn(Self.admin.0, Self.admin.1)
            let desk = try await browser.get("/zhmerynka/admin/waste")
            #expect(desk.status == .ok && desk.body.contains("Вокзальна площа") && !desk.body.contains("hwk_"))
            let refused = try await browser.post("/zhmerynka/admin/waste/sensors", [("deviceId", "12"), ("model", "dingtek-df702"), ("batteryMah", "")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("aria-invalid=\"true\"") && refused.body.contains("value=\"12\""))
            let made = try await browser.post("/zhmerynka/admin/waste/sensors", [("deviceId", "a1b2c3d4e5f60077"), ("model", "dingtek-df702"), ("batteryMah", "19000")])
            #expect(made.status == .ok)
            let key = try #require(made.body.range(of: #"hwk_[A-Za-z0-9_-]{43}"#, options: .regularExpression).map { String(made.body[$0]) })
            #expect(made.body.contains("A1B2C3D4E5F60077"))
            #expect(try await browser.get("/zhmerynka/admin/waste").body.contains(key) == false, "shown once")
            // A sensor on no container yet: its readings are stored against the sensor.
            #expect(try await client.json(.post, "/api/v1/zhmerynka/waste/readings", body: #"{"batteryMv": 3500}"#, token: key).0 == .ok)
            // A resident sees no desk.
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await resident.get("/zhmerynka/admin/waste").status == .notFound)
        }
    }

    @Test func seedingTheDemoAgainAddsNothing() async throws {
        try await WebHarness.run { harness, _ in
            let city = try await harness.city("zhmerynka")
            let before = try await harness.services.store.read { (try await $0.wasteRegister.containers(in: city.id).count, try await $0.wasteReadings.count(in: city.id)) }
            try await WasteDemoSeeder(services: harness.services).seed(try await harness.services.store.read { try await $0.municipalities.all() })
            let after = try await harness.services.store.read { (try await $0.wasteRegister.containers(in: city.id).count, try await $0.wasteReadings.count(in: city.id)) }
            #expect(after == before && before.0 == 27)
        }
    }

    @Test func theMapListsTheDemoBinsInBothLanguagesAndAsGeoJSON() async throws {
        try await WebHarness.run { harness, client in
            var browser = Browser(client)
            let page = try await browser.get("/zhmerynka/waste")
            #expect(page.status == .ok && page.body.contains("Вокзальна площа") && page.body.contains("data-map"))
            let english = try await client.execute(uri: "/zhmerynka/waste?lang=en", method: .get)
            #expect(String(buffer: english.body).contains("Plastic"))
            let geo = try await client.execute(uri: "/api/v1/zhmerynka/waste/containers.geojson", method: .get)
            let collection = try #require(try JSONSerialization.jsonObject(with: Data(buffer: geo.body)) as? [String: Any])
            let features = collection["features"] as? [[String: Any]] ?? []
            #expect(features.count == 12, "one point per collection site")
            #expect(features.reduce(0) { $0 + ((($1["properties"] as? [String: Any])?["containers"] as? [String])?.count ?? 0) } == 27)
            #expect(features.allSatisfy { (($0["properties"] as? [String: Any])?["colour"] as? String)?.hasPrefix("#") == true })
        }
    }
}

/// The readings' upkeep: hours made from what arrived, raw readings gone
/// after the city's retention, the hours kept.
@Suite struct WasteUpkeepTests {
    @Test(arguments: TestDatabase.available)
    func readingsBecomeHoursAndAgeOutAfterTheCitysRetention(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("zhmerynka")
            let container = ContainerID(rawValue: "zhm-container-1")
            let week = try await harness.services.store.read {
                try await $0.wasteReadings.readings(of: container, in: city.id, from: .distantPast, to: .distantFuture, limit: 10_000)
            }
            #expect(week.count == 168)
            try await harness.services.wasteUpkeep.round()
            let hours = try await harness.services.store.read { try await $0.wasteReadings.hours(of: container, in: city.id, from: 0, to: .max) }
            #expect(hours == HourlyAggregate.hours(of: week))
            // A second round with nothing new changes nothing.
            try await harness.services.wasteUpkeep.round()
            #expect(try await harness.services.store.read { try await $0.wasteReadings.hours(of: container, in: city.id, from: 0, to: .max) } == hours)

            let admin = try await apiToken(client, WasteWebTests.admin.0, WasteWebTests.admin.1)
            let (refused, problem) = try await client.json(.patch, "/api/v1/zhmerynka/settings", body: #"{"wasteRetentionDays": 3}"#, token: admin)
            #expect(refused == .unprocessableContent && errorCode(problem) == "settings_wasteRetentionDays")
            let (changed, settings) = try await client.json(.patch, "/api/v1/zhmerynka/settings", body: #"{"wasteRetentionDays": 7}"#, token: admin)
            #expect(changed == .ok && settings["wasteRetentionDays"] as? Int == 7)
            harness.clock.advance(by: 9 * 86_400)
            try await harness.services.wasteUpkeep.round()
            let left = try await harness.services.store.read { try await $0.wasteReadings.count(in: city.id) }
            #expect(left == 0, "every demo reading is over a week old")
            #expect(try await harness.services.store.read { try await $0.wasteReadings.hours(of: container, in: city.id, from: 0, to: .max) } == hours)
        }
    }
}

/// Smart waste's open data: the containers where they stand and their daily fill, never a device id or key.
@Suite struct WasteOpenDataTests {
    @Test(arguments: TestDatabase.available)
    func theContainersAndTheirDailyFillAreOpenWithoutDeviceIds(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            try await harness.services.wasteUpkeep.round()
            let containers = try await client.execute(uri: "/api/v1/zhmerynka/open-data/waste/containers.json", method: .get)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(buffer: containers.body)) as? [[String: Any]])
            #expect(rows.count == 27 && rows.allSatisfy { $0["hasSensor"] as? Bool == true && $0["placement"] as? String == "underground" })
            let daily = try await client.execute(uri: "/api/v1/zhmerynka/open-data/waste/fill-daily.csv", method: .get)
            let csv = String(buffer: daily.body)
            #expect(daily.status == .ok && csv.hasPrefix("date,containerId,readings,fillMinPercent"))
            // A week of hours spans 7 or 8 Kyiv days per container.
            let lines = csv.split(separator: "\r\n").count - 1
            #expect((27 * 7...27 * 8).contains(lines), "\(lines) \(csv.prefix(300))")
            for body in [String(buffer: containers.body), csv] { #expect(!body.contains("70B3D5E75E") && !body.contains("hwk_")) }
            let (_, catalogue) = try await client.json(.get, "/api/v1/zhmerynka/open-data")
            let slugs = (catalogue["items"] as? [[String: Any]] ?? []).compactMap { $0["module"] as? String == "waste" ? $0["dataset"] as? String : nil }
            #expect(Set(slugs) == ["containers", "fill-daily", "collections"])
        }
    }
}
