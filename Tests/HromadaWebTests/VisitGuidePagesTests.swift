import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Visit

/// The visitor guide as visitors and its staff use it: the demo's guides
/// with their filters, a place, a route on the map and as GPX (read back by
/// gpxpy where it is installed), drafts seen by staff only, and the staff's
/// forms, which keep what was typed and save nothing while anything is wrong.
@Suite struct VisitGuidePagesTests {
    /// scripts/check-gpx.py on a GPX file: gpxpy's reading as JSON, or nil where python3 lacks gpxpy (CI installs it).
    static func gpxpy(_ gpx: String) throws -> [String: Any]? {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import gpxpy"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { return nil }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hromada-route-\(UUID().uuidString).gpx")
        try Data(gpx.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", root.appendingPathComponent("scripts/check-gpx.py").path, file.path]
        let pipe = Pipe()
        check.standardOutput = pipe
        try check.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        check.waitUntilExit()
        return try JSONSerialization.jsonObject(with: output) as? [String: Any]
    }

    @Test(arguments: TestDatabase.available) func aVisitorFindsPlacesByKindAccessAndPriceInEitherLanguage(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var visitor = Browser(client)
            let guide = try await visitor.get("/vinnytsia/visit")
            #expect(guide.status == .ok && guide.body.contains(#"href="/vinnytsia/visit/places/vin-muri""#) && guide.body.contains("Комплекс «Мури»"))
            #expect(guide.body.contains(#"href="/vinnytsia/visit/routes/vin-old-town""#) && guide.body.contains("data-source=\"/vinnytsia/visit/places.geojson\""))
            // A place certified to the hospitality standard wears its badge, linking its verification page; on the map too.
            #expect(guide.body.contains(#"href="/vinnytsia/visit/standard/certificates/demo-4-kofein">★ Стандарт гостинності</a>"#))
            let certified = try await visitor.get("/vinnytsia/visit/places.geojson?kind=food")
            #expect(certified.body.contains(#""status":"certified""#) && certified.body.contains("★ Стандарт гостинності") && certified.body.contains(##""colour":"#1a7f37""##))
            let parks = try await visitor.get("/vinnytsia/visit?kind=park")
            #expect(parks.body.contains("vin-central-park") && !parks.body.contains("/places/vin-muri\""))
            // Step-free museums: Pirogov's estate has a ramp, Kotsiubynsky's house has not.
            let stepFree = try await visitor.get("/vinnytsia/visit?kind=museum&access=step_free")
            #expect(stepFree.body.contains("vin-pirogov-estate") && !stepFree.body.contains("vin-kotsiubynsky"))
            #expect(stepFree.body.contains(#"value="step_free" checked"#))
            let free = try await visitor.get("/vinnytsia/visit?free=1&access=nonsense&kind=nothing")
            #expect(free.status == .ok && free.body.contains("vin-roshen-fountain") && !free.body.contains("vin-hotel-bug"))
            // The map's points carry the same filter.
            let points = try await visitor.get("/vinnytsia/visit/places.geojson?kind=spa")
            #expect(points.status == .ok && points.body.contains("FeatureCollection") && !points.body.contains("vin-"))
            let spas = try await visitor.get("/khmilnyk/visit/places.geojson?kind=spa")
            #expect(spas.body.contains("khm-sanatorium-khmilnyk") && spas.body.contains("khm-pump-room"))
            var english = Browser(client)
            _ = try await english.get("/en")
            let translated = try await english.get("/khmilnyk/visit")
            #expect(translated.body.contains("Visit Khmilnyk") && translated.body.contains("«Khmilnyk» sanatorium") && translated.body.contains("Spa and wellness"))
            let place = try await english.get("/khmilnyk/visit/places/khm-sanatorium-khmilnyk")
            #expect(place.body.contains("Radon baths") && place.body.contains("08:00–20:00") && place.body.contains("Wheelchair to borrow"))
            #expect(place.body.contains("Khmilnyk&#39;s radon springs") || place.body.contains("Khmilnyk's radon springs"))
            // A place of another city is not found here.
            #expect(try await visitor.get("/zhmerynka/visit/places/vin-muri").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func aRoutesGPXOpensInAMapAppWithItsStopsInOrder(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var english = Browser(client)
            _ = try await english.get("/en")
            let page = try await english.get("/vinnytsia/visit/routes/vin-old-town")
            #expect(page.status == .ok && page.body.contains("Walk · 0.7 km") && page.body.contains(#"href="/vinnytsia/visit/routes/vin-old-town.gpx""#))
            #expect(page.body.contains("&quot;LineString&quot;") && page.body.contains("1. Church of Our Lady of the Angels"))
            let file = try await english.get("/vinnytsia/visit/routes/vin-old-town.gpx")
            #expect(file.status == .ok && file.headers[.contentType] == "application/gpx+xml; charset=utf-8")
            #expect(file.headers[.contentDisposition] == #"attachment; filename="vinnytsia-vin-old-town.gpx""#)
            #expect(file.body.contains(#"<gpx version="1.1" creator="Hromada" xmlns="http://www.topografix.com/GPX/1/1""#))
            #expect(file.body.contains(#"<wpt lat="49.2319000" lon="28.4614000"><name>Church of Our Lady of the Angels</name>"#))
            if let read = try Self.gpxpy(file.body) {
                #expect(read["version"] as? String == "1.1" && read["name"] as? String == "Old Vinnytsia: from the Muri to the Tower")
                #expect((read["waypoints"] as? [String])?.first == "Church of Our Lady of the Angels" && (read["waypoints"] as? [String])?.last == "European Square")
                #expect(read["routePoints"] as? Int == 8 && read["trackPoints"] as? Int == 8)
                // gpxpy's length of the track is the page's 0.7 km.
                #expect(((read["trackMetres"] as? Int) ?? 0) / 100 == 7)
            }
            #expect(try await english.get("/vinnytsia/visit/routes/nothing.gpx").status == .notFound)
            #expect(try await english.get("/zhmerynka/visit/routes/vin-old-town.gpx").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func staffSaveAPlaceThroughItsFormAndAProblemStaysBesideItsField(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let desk = try await admin.get("/vinnytsia/admin/visit")
            #expect(desk.status == .ok && desk.body.contains("Комплекс «Мури»") && desk.body.contains("/vinnytsia/admin/visit/places/new"))
            let before = try await harness.services.store.read { try await $0.visitGuide.places(in: city.id, drafts: true) }.count
            var fields: [(String, String)] = [
                ("kind", "food"), ("nameUk", "Кав'ярня «Біля Вежі»"), ("nameEn", "«By the Tower» café"), ("summaryUk", "Кава і тістечка"),
                ("summaryEn", "Coffee and cakes"), ("addressUk", "вул. Соборна, 60"), ("addressEn", "60 Soborna St"), ("latitude", "49,2331"),
                ("longitude", "28.4682"), ("hours_mon", "08:00-20:00"), ("hours_tue", "8-20"), ("hours_sat", "10:00-14:00, 15:00-22:00"),
                ("exceptions", "2026-12-31 10:00-15:00\n2027-02-30 closed"), ("priceFrom", "45"), ("access", "step_free"), ("access", "baby_changing"),
                ("website", "javascript:alert(1)"), ("published", "1"),
            ]
            let refused = try await admin.post("/vinnytsia/admin/visit/places", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Години — як 09:00-18:00") && refused.body.contains("Рядок 2: дата й години") && refused.body.contains("Адреса сайту — повна"))
            #expect(refused.body.contains(#"value="8-20""#) && refused.body.contains("Кав&#39;ярня «Біля Вежі»") && refused.body.contains(#"value="baby_changing" checked"#))
            #expect(try await harness.services.store.read { try await $0.visitGuide.places(in: city.id, drafts: true) }.count == before)
            fields = fields.map { name, value in
                switch name {
                case "hours_tue": (name, "08:00-20:00")
                case "exceptions": (name, "2026-12-31 10:00-15:00\n2027-01-01 closed")
                case "website": (name, "https://by-the-tower.example")
                default: (name, value)
                }
            }
            let saved = try await admin.post("/vinnytsia/admin/visit/places", fields)
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            let id = PlaceID(rawValue: String(location.split(separator: "/").last?.split(separator: "?").first ?? ""))
            let place = try #require(try await harness.services.store.read { try await $0.visitGuide.place(id, in: city.id) })
            #expect(place.kind == .food && place.accessibility == [.stepFree, .babyChanging] && place.price.from == Money(hryvnias: 45))
            #expect(place.hours.week?[5] == [OpeningHours.Span(opens: 600, closes: 840), OpeningHours.Span(opens: 900, closes: 1320)].compactMap { $0 })
            #expect(place.hours.exceptions[CalendarDate(year: 2027, month: 1, day: 1)] == [])
            let audit = try await harness.services.store.read { try await $0.db.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'visit.place_saved' AND subject = \(bind: id.rawValue)").first()?.decode(column: "n", as: Int.self) }
            #expect(audit == 1)
            // The form shows it back as saved.
            let edit = try await admin.get(location)
            #expect(edit.body.contains("Збережено.") && edit.body.contains(#"value="10:00-14:00, 15:00-22:00""#) && edit.body.contains("2027-01-01 closed"))
            var visitor = Browser(client)
            #expect(try await visitor.get("/vinnytsia/visit/places/\(id.rawValue)").body.contains("Кава і тістечка"))
        }
    }

    @Test(arguments: TestDatabase.available) func aRouteIsMadeOfThisCitysPlacesAndADraftIsSeenByStaffOnly(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let form = try await admin.get("/vinnytsia/admin/visit/routes/new")
            #expect(form.status == .ok && form.body.contains(#"<option value="vin-muri">"#) && !form.body.contains("khm-castle"))
            let base: [(String, String)] = [("titleUk", "Музеї за день"), ("titleEn", "Museums in a day"), ("mode", "walk")]
            // A stop of another city's guide, and a stay that is no number.
            let refused = try await admin.post(
                "/vinnytsia/admin/visit/routes", base + [("stop_0", "vin-lore-museum"), ("stay_0", "60"), ("stop_1", "khm-castle"), ("stop_2", "vin-art-museum"), ("stay_2", "година")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("Маршрут має від 2 до 40 зупинок") && refused.body.contains("Хвилин на місці — ціле число"))
            #expect(refused.body.contains(#"value="година""#))
            let saved = try await admin.post(
                "/vinnytsia/admin/visit/routes", base + [("stop_0", "vin-lore-museum"), ("stay_0", "60"), ("stop_3", "vin-art-museum"), ("stay_3", "45")])
            #expect(saved.status == .seeOther)
            let routes = try await harness.services.store.read { try await $0.visitGuide.routes(in: city.id, drafts: true) }
            let made = try #require(routes.first { $0.title.en == "Museums in a day" })
            #expect(made.stops.map(\.place.rawValue) == ["vin-lore-museum", "vin-art-museum"] && made.stops.map(\.minutes) == [60, 45] && !made.published)
            // A draft: staff see it, visitors and the GPX do not.
            #expect(try await admin.get("/vinnytsia/visit/routes/\(made.id.rawValue)").status == .ok)
            var visitor = Browser(client)
            #expect(try await visitor.get("/vinnytsia/visit/routes/\(made.id.rawValue)").status == .notFound)
            #expect(try await visitor.get("/vinnytsia/visit/routes/\(made.id.rawValue).gpx").status == .notFound)
            #expect(!(try await visitor.get("/vinnytsia/visit").body.contains("Музеї за день")))
        }
    }

    @Test(arguments: TestDatabase.available) func onlyThisCitysGuideStaffMayOpenItsDesk(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await olena.get("/vinnytsia/admin/visit").status == .notFound)
            #expect(try await olena.post("/vinnytsia/admin/visit/places", [("kind", "food")]).status == .notFound)
            var other = Browser(client)
            try await other.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await other.get("/vinnytsia/admin/visit").status == .notFound)
            #expect(try await other.get("/vinnytsia/admin/visit/places/vin-muri").status == .notFound)
            #expect(try await other.get("/zhmerynka/admin/visit").status == .ok)
            #expect(try await other.get("/zhmerynka/admin/visit/places/vin-muri").status == .notFound)
            var anonymous = Browser(client)
            let page = try await anonymous.get("/vinnytsia/admin/visit")
            #expect(page.status == .seeOther || page.status == .unauthorized || page.status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func staffUploadATrackAndTheRouteFollowsItOnTheMapAndInItsGPX(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            _ = try await admin.get("/vinnytsia/admin/visit/routes/vin-pirogov")
            // A file with a DTD: refused beside the field, the route unchanged.
            let bomb = Array(#"<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "x">]><gpx/>"#.utf8)
            let refused = try await admin.upload("/vinnytsia/admin/visit/routes/vin-pirogov/track", [], file: ("gpx", "bomb.gpx", "application/gpx+xml", bomb))
            #expect(refused.status == .unprocessableContent && refused.body.contains("Це не файл GPX"))
            // A recorded ride: 2 000 points along a bend, thinned to what its shape needs.
            let points = (0..<2_000).map { index -> String in
                let t = Double(index) / 1_999
                return #"<trkpt lat="\#(49.2329 - 0.02 * t)" lon="\#(28.4687 + 0.06 * t * t)"/>"#
            }
            let file = Array((#"<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="phone"><trk><trkseg>"# + points.joined() + "</trkseg></trk></gpx>").utf8)
            let saved = try await admin.upload("/vinnytsia/admin/visit/routes/vin-pirogov/track", [], file: ("gpx", "ride.gpx", "application/gpx+xml", file))
            #expect(saved.status == .seeOther)
            let city = try await harness.city("vinnytsia")
            let route = try #require(try await harness.services.store.read { try await $0.visitGuide.route(VisitRouteID(rawValue: "vin-pirogov"), in: city.id) })
            #expect(route.followsTrack && route.track.count > 2 && route.track.count < 200)
            #expect(abs(route.track[0].latitude - 49.2329) < 1e-9 && abs((route.track.last?.longitude ?? 0) - 28.5287) < 1e-9)
            var visitor = Browser(client)
            let page = try await visitor.get("/vinnytsia/visit/routes/vin-pirogov")
            #expect(!page.body.contains("навпростець"))
            let gpx = try await visitor.get("/vinnytsia/visit/routes/vin-pirogov.gpx")
            #expect(gpx.body.components(separatedBy: "<trkpt ").count - 1 == route.track.count)
            // Our own GPX reads back as the same line, to the seventh decimal it is written with.
            let read = try GPXTrack.points(Array(gpx.body.utf8))
            #expect(read.map(\.latitudeE7) == route.track.map(\.latitudeE7) && read.map(\.longitudeE7) == route.track.map(\.longitudeE7))
            let removed = try await admin.post("/vinnytsia/admin/visit/routes/vin-pirogov/track/remove", [])
            #expect(removed.status == .seeOther)
            #expect(try await harness.services.store.read { try await $0.visitGuide.route(VisitRouteID(rawValue: "vin-pirogov"), in: city.id) }?.track == [])
        }
    }
}
