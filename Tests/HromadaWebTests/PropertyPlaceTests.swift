import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Auctions
@testable import HromadaWeb

/// Where an object of the property register stands: put on the staff form's
/// map within the city, shown on its page and on the register's map.
@Suite struct PropertyPlaceTests {
    static let form: [(String, String)] = [
        ("kind", "premises"), ("title", "Приміщення бібліотеки, вул. Пирогова, 12"), ("address", "вул. Пирогова, 12"), ("area", "72,5"),
        ("cadastralNumber", ""), ("balanceHolder", "КП «Вінницька міська нерухомість»"), ("leaseList", "second"),
    ]

    func objects(_ harness: WebHarness, _ slug: String) async throws -> [PropertyObject] {
        let city = try await harness.city(slug).id
        return try await harness.services.store.read { try await $0.auctions.objects(in: city) }
    }

    func features(_ client: any TestClientProtocol, _ path: String) async throws -> [[String: Any]] {
        let response = try await client.execute(uri: path, method: .get)
        #expect(response.status == .ok && response.headers[.contentType] == "application/geo+json; charset=utf-8")
        let collection = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        #expect(collection?["type"] as? String == "FeatureCollection")
        return collection?["features"] as? [[String: Any]] ?? []
    }

    @Test(arguments: TestDatabase.available) func anObjectsPlaceIsPutOnTheFormsMapWithinTheCityAndShownOnItsPageAndTheRegistersMap(
        _ database: TestDatabase
    ) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = try await PropertyRegisterPageTests().signedInAdmin(client)
            let path = "/vinnytsia/admin/property/new"
            let page = try await admin.get(path)
            #expect(page.body.contains(#"data-pick-lon="longitude" data-pick-lat="latitude" data-bounds="28.3,49.15,28.62,49.32""#))
            let before = try await objects(harness, "vinnytsia").count

            // Kyiv is outside Вінниця: refused, nothing saved, and the form keeps what was typed.
            let kyiv = try await admin.post(path, Self.form + [("latitude", "50,45"), ("longitude", "30,52")])
            #expect(kyiv.status == .unprocessableContent && kyiv.body.contains("поза межами громади") && kyiv.body.contains("id=\"latitude-error\""))
            #expect(kyiv.body.contains("value=\"Приміщення бібліотеки, вул. Пирогова, 12\"") && kyiv.body.contains("value=\"50,45\""))
            #expect(kyiv.body.contains("value=\"30,52\"") && kyiv.body.contains("<option value=\"second\" selected>"))
            let alone = try await admin.post(path, Self.form + [("latitude", "49,2366"), ("longitude", "")])
            #expect(alone.status == .unprocessableContent && alone.body.contains("Вкажіть і широту, і довготу"))
            let word = try await admin.post(path, Self.form + [("latitude", "nan"), ("longitude", "28.47")])
            #expect(word.status == .unprocessableContent && word.body.contains("мають бути числами") && word.body.contains("value=\"nan\""))
            #expect(try await objects(harness, "vinnytsia").count == before)

            let saved = try await admin.post(path, Self.form + [("latitude", "49,2366"), ("longitude", "28,4795")])
            #expect(saved.status == .seeOther)
            let placed = try #require(try await objects(harness, "vinnytsia").first { $0.title == "Приміщення бібліотеки, вул. Пирогова, 12" })
            #expect(placed.latitude == 49.2366 && placed.longitude == 28.4795)
            var unplacedForm = Self.form.filter { $0.0 != "title" }
            unplacedForm.append(("title", "Гараж без місця на мапі"))
            #expect(try await admin.post(path, unplacedForm + [("latitude", ""), ("longitude", "")]).status == .seeOther)
            let unplaced = try #require(try await objects(harness, "vinnytsia").first { $0.title == "Гараж без місця на мапі" })
            #expect(unplaced.latitude == nil && unplaced.longitude == nil)

            // Its page draws its point; an object without a place has no map, only its details.
            var reader = Browser(client)
            #expect(try await reader.get("/vinnytsia/property/\(placed.id.rawValue)").body.contains("[28.4795,49.2366]"))
            #expect(!(try await reader.get("/vinnytsia/property/\(unplaced.id.rawValue)").body.contains("data-map")))

            // The register's map is drawn from the GeoJSON of the objects that have a place, filtered as the list is.
            let register = try await reader.get("/vinnytsia/property")
            #expect(register.body.contains(#"data-source="/api/v1/vinnytsia/property.geojson""#))
            #expect(register.body.contains("Гараж без місця на мапі"), "the list keeps every object")
            let points = try await features(client, "/api/v1/vinnytsia/property.geojson")
            let everyPlaced = try await objects(harness, "vinnytsia").filter { $0.latitude != nil }
            #expect(Set(points.compactMap { $0["id"] as? String }) == Set(everyPlaced.map(\.id.rawValue)))
            let feature = try #require(points.first { $0["id"] as? String == placed.id.rawValue })
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect(properties["url"] as? String == "/vinnytsia/property/\(placed.id.rawValue)")
            #expect(properties["title"] as? String == placed.title && properties["kind"] as? String == "premises")
            #expect(properties["status"] as? String == "free" && properties["label"] as? String == "Нежитлове приміщення · Вільний")
            #expect((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [28.4795, 49.2366])

            let land = try await reader.get("/vinnytsia/property?kind=land_plot&list=none")
            #expect(land.body.contains(#"data-source="/api/v1/vinnytsia/property.geojson?kind=land_plot&amp;list=none""#))
            let landPoints = try await features(client, "/api/v1/vinnytsia/property.geojson?kind=land_plot&list=none")
            #expect(!landPoints.isEmpty && landPoints.allSatisfy { ($0["properties"] as? [String: Any])?["kind"] as? String == "land_plot" })
            #expect(try await client.json(.get, "/api/v1/vinnytsia/property.geojson?kind=castle").0 == .unprocessableContent)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/property.geojson?list=third").0 == .unprocessableContent)
            // A filter that keeps no object with a place draws no map; the list still shows the rest.
            let movable = try await reader.get("/vinnytsia/property?kind=movable&list=second")
            #expect(movable.status == .ok && !movable.body.contains("data-map"))
        }
    }

    @Test func theStaffFormFindsTheObjectsAddressOnTheMapWithoutJavaScriptAndSavesNothing() async throws {
        try await GeocoderTests.fakeNominatim(GeocoderTests.RequestLog()).test(.live) { nominatim in
            let port = try #require(nominatim.port)
            try await WebHarness.run(geocoderURL: "http://127.0.0.1:\(port)/") { harness, client in
                var admin = try await PropertyRegisterPageTests().signedInAdmin(client)
                let path = "/vinnytsia/admin/property/new"
                #expect(try await admin.get(path).body.contains(#"data-geocode="/vinnytsia/geocode" data-address-field="address""#))
                let before = try await objects(harness, "vinnytsia").count
                let typed = Self.form.filter { $0.0 != "address" } + [("address", "Соборна 59"), ("latitude", ""), ("longitude", "")]
                let found = try await admin.post(path, typed + [("findPlace", "1")])
                #expect(found.status == .ok && found.body.contains("Знайдено: Соборна вулиця, 59, Вінниця"))
                #expect(found.body.contains(#"value="49.2328""#) && found.body.contains(#"value="28.4681""#))
                #expect(found.body.contains("value=\"Приміщення бібліотеки, вул. Пирогова, 12\"") && found.body.contains("value=\"72,5\""))
                #expect(try await objects(harness, "vinnytsia").count == before)
            }
        }
    }

    @Test(arguments: TestDatabase.available) func anotherCitysObjectsAndPlacesNeverAppear(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var zhmerynka = Browser(client)
            try await zhmerynka.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            let path = "/zhmerynka/admin/property/new"
            _ = try await zhmerynka.get(path)
            // A place in Вінниця is outside Жмеринка.
            let vinnytsiaPlace = try await zhmerynka.post(path, Self.form + [("latitude", "49.2366"), ("longitude", "28.4795")])
            #expect(vinnytsiaPlace.status == .unprocessableContent && vinnytsiaPlace.body.contains("поза межами громади"))
            #expect(try await zhmerynka.post(path, Self.form + [("latitude", "49.0375"), ("longitude", "28.1090")]).status == .seeOther)
            let own = try #require(try await objects(harness, "zhmerynka").first)
            #expect(own.latitude == 49.0375)

            let theirs = try await features(client, "/api/v1/zhmerynka/property.geojson")
            #expect(theirs.compactMap { $0["id"] as? String } == [own.id.rawValue])
            #expect((theirs.first?["properties"] as? [String: Any])?["url"] as? String == "/zhmerynka/property/\(own.id.rawValue)")
            let vinnytsia = try await features(client, "/api/v1/vinnytsia/property.geojson")
            #expect(!vinnytsia.isEmpty && !vinnytsia.contains { $0["id"] as? String == own.id.rawValue })
            let vinnytsiaIDs = Set(try await objects(harness, "vinnytsia").map(\.id.rawValue))
            #expect(!theirs.contains { vinnytsiaIDs.contains($0["id"] as? String ?? "") })
            #expect(try await client.execute(uri: "/api/v1/atlantis/property.geojson", method: .get).status == .notFound)

            // A city that switches auctions off has no register map either.
            let city = try await harness.city("zhmerynka")
            var settings = city.settings
            settings.enabledModules = [.budgets, .petitions]
            let off = settings
            try await harness.services.store.write { try await $0.municipalities.updateSettings(off, of: city.id) }
            #expect(try await client.execute(uri: "/api/v1/zhmerynka/property.geojson", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/zhmerynka/petitions.geojson", method: .get).status == .ok)
            settings.enabledModules = [.budgets, .auctions]
            let noPetitions = settings
            try await harness.services.store.write { try await $0.municipalities.updateSettings(noPetitions, of: city.id) }
            #expect(try await client.execute(uri: "/api/v1/zhmerynka/petitions.geojson", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func theAPIRecordsAPlaceWithinTheCityAndRefusesAnyOtherWithA422(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let before = try await objects(harness, "vinnytsia").count
            func body(_ place: String) -> String {
                #"{"kind": "building", "title": "Будівля складу", "address": "вул. Монастирська, 3", "balanceHolder": "КП", \#(place)}"#
            }
            for (place, code) in [
                (#""longitude": 28.4795"#, "place_incomplete"), (#""longitude": 30.52, "latitude": 50.45"#, "place_outside_city"),
                (#""longitude": 28.4795, "latitude": 91"#, "number_out_of_range"), (#""longitude": "28.47", "latitude": 49.2"#, "value_invalid"),
            ] {
                let (status, refusal) = try await client.json(.post, "/api/v1/vinnytsia/property", body: body(place), token: admin)
                #expect(status == .unprocessableContent && errorCode(refusal) == code, "\(place)")
            }
            #expect(try await objects(harness, "vinnytsia").count == before)
            let (created, object) = try await client.json(
                .post, "/api/v1/vinnytsia/property", body: body(#""longitude": 28.4795, "latitude": 49.2366"#), token: admin)
            #expect(created == .created && object["longitude"] as? Double == 28.4795 && object["latitude"] as? Double == 49.2366)
            let id = try #require(object["id"] as? String)
            #expect(try await features(client, "/api/v1/vinnytsia/property.geojson").contains { $0["id"] as? String == id })
        }
    }
}
