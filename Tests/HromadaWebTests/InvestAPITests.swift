import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Invest
import HromadaModules

/// The investment portal through its API and pages, as an investor, a GIS
/// and a clerk use them: a site is added only whole (a malformed cadastral
/// number or boundary is a 422 naming the field, and nothing is stored),
/// the filters are range-checked, the GeoJSON is a FeatureCollection, and
/// the passport's CSV import is all or nothing.
@Suite struct InvestAPITests {
    /// A plot of about 2.7 ha on the Немирівське шосе in Вінниця.
    static let boundary = #"{"type": "Polygon", "coordinates": [[[28.5300, 49.2000], [28.5315, 49.2000], [28.5315, 49.2022], [28.5300, 49.2022], [28.5300, 49.2000]]]}"#

    static func body(cadastral: String = "0510100000:03:004:0777", geometry: String = boundary, extra: String = "") -> String {
        """
        {"type": "greenfield", "title": {"uk": "Ділянка для логістики", "en": "Logistics plot"}, "geometry": \(geometry),
         "cadastralNumber": "\(cadastral)", "areaHa": 2.4, "purposeCode": "11.02", "right": "lease", "termYears": 25, "price": 18000000,
         "utilities": {"powerKw": 1600, "gasM3PerHour": 60, "waterM3PerDay": 40}, "distances": {"roadKm": 0.4, "railKm": 0}\(extra)}
        """
    }

    static func count(_ harness: WebHarness) async throws -> Int {
        let city = try await harness.city("vinnytsia")
        return try await harness.services.store.read { try await $0.invest.count(in: [city.id], matching: SiteSearch(), everyStatus: true) }
    }

    @Test(arguments: TestDatabase.available)
    func aMalformedCadastralNumberOrBoundaryIsA422NamingTheFieldAndNothingIsStored(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let before = try await Self.count(harness)
            let selfCrossing = #"{"type": "Polygon", "coordinates": [[[28.53, 49.20], [28.533, 49.2075], [28.533, 49.20], [28.53, 49.2075], [28.53, 49.20]]]}"#
            let open = #"{"type": "Polygon", "coordinates": [[[28.53, 49.20], [28.533, 49.20], [28.533, 49.2075], [28.53, 49.2075]]]}"#
            let cases: [(String, String, String)] = [
                (Self.body(cadastral: "0510100000:03:004"), "site_malformed", "cadastralNumber"),
                (Self.body(cadastral: "05101000OO:03:004:0777"), "site_malformed", "cadastralNumber"),
                (Self.body(geometry: selfCrossing), "geometry_self_intersecting", "geometry"),
                (Self.body(geometry: open), "geometry_ring_not_closed", "geometry"),
                (Self.body(geometry: #"{"type": "LineString", "coordinates": [[28.5, 49.2], [28.6, 49.3]]}"#), "geometry_unsupported_type", "geometry"),
                (Self.body(geometry: #"{"type": "Point", "coordinates": [228.5, 49.2]}"#), "geometry_out_of_range", "geometry"),
                (Self.body().replacingOccurrences(of: #""areaHa": 2.4"#, with: #""areaHa": 24"#), "site_disagrees_with_boundary", "areaHa"),
                (Self.body().replacingOccurrences(of: #""powerKw": 1600"#, with: #""powerKw": 1e30"#), "number_out_of_range", "utilities.powerKw"),
                (Self.body().replacingOccurrences(of: #""roadKm": 0.4"#, with: #""roadKm": -1"#), "number_out_of_range", "distances.roadKm"),
                (Self.body().replacingOccurrences(of: #""price": 18000000"#, with: #""price": 99999999999999999999"#), "amount_out_of_range", "price"),
                (Self.body().replacingOccurrences(of: #""right": "lease""#, with: #""right": "gift""#), "site_unknown_value", "right"),
                (Self.body().replacingOccurrences(of: #""termYears": 25"#, with: #""termYears": null"#), "site_missing", "termYears"),
                (Self.body(extra: #", "details": {"manager": {"email": "nobody"}}"#), "site_malformed", "details.manager.email"),
            ]
            for (body, code, field) in cases {
                let (status, answer) = try await client.json(.post, "/api/v1/vinnytsia/invest/sites", body: body, token: admin)
                #expect(status == .unprocessableContent && errorCode(answer) == code, "\(code): \(status) \(answer)")
                #expect((answer["error"] as? [String: Any])?["field"] as? String == field, "\(code)")
            }
            #expect(try await Self.count(harness) == before, "nothing was stored")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSiteAddedByStaffIsFoundByTheFiltersAndInTheGeoJSON(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            // Strangers and residents may not; another city's staff neither.
            #expect(try await client.json(.post, "/api/v1/vinnytsia/invest/sites", body: Self.body()).0 == .unauthorized)
            let resident = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await client.json(.post, "/api/v1/vinnytsia/invest/sites", body: Self.body(), token: resident).0 == .notFound)
            #expect(try await client.json(.post, "/api/v1/zhmerynka/invest/sites", body: Self.body(), token: admin).0 == .notFound)

            let (created, site) = try await client.json(.post, "/api/v1/vinnytsia/invest/sites", body: Self.body(), token: admin)
            #expect(created == .created && site["status"] as? String == "available" && site["cadastralNumber"] as? String == "0510100000:03:004:0777")
            let id = try #require(site["id"] as? String)
            #expect(try await client.json(.post, "/api/v1/vinnytsia/invest/sites", body: Self.body(), token: admin).0 == .conflict, "one plot once")

            let (_, found) = try await client.json(
                .get, "/api/v1/vinnytsia/invest/sites?minAreaHa=2&maxAreaHa=3&minPowerKw=1500&gas=true&rail=true&bbox=28.5299,49.1999,28.5316,49.2023")
            let ids = (found["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            #expect(ids == [id])
            let (_, none) = try await client.json(.get, "/api/v1/vinnytsia/invest/sites?minPowerKw=2000&bbox=28.5299,49.1999,28.5316,49.2023")
            #expect((none["items"] as? [Any])?.isEmpty == true)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/invest/sites/\(id)").0 == .ok)
            #expect(try await client.json(.get, "/api/v1/zhmerynka/invest/sites/\(id)").0 == .notFound)

            let geo = try await client.execute(uri: "/api/v1/vinnytsia/invest/sites.geojson?bbox=28.5299,49.1999,28.5316,49.2023", method: .get)
            #expect(geo.headers[.contentType]?.hasPrefix("application/geo+json") == true)
            let collection = try #require(try JSONSerialization.jsonObject(with: Data(buffer: geo.body)) as? [String: Any])
            let features = try #require(collection["features"] as? [[String: Any]])
            #expect(collection["type"] as? String == "FeatureCollection" && features.count == 1)
            #expect((features.first?["geometry"] as? [String: Any])?["type"] as? String == "Polygon")
            #expect((features.first?["properties"] as? [String: Any])?["cadastralNumber"] as? String == "0510100000:03:004:0777")

            // Its status moves as the domain allows; a sold site leaves the public catalogue but staff still see it.
            let path = "/api/v1/vinnytsia/invest/sites/\(id)/status"
            #expect(try await client.json(.post, path, body: #"{"status": "sold"}"#, token: admin).0 == .conflict)
            #expect(try await client.json(.post, path, body: #"{"status": "in_auction"}"#, token: admin).0 == .ok)
            #expect(try await client.json(.post, path, body: #"{"status": "sold"}"#, token: admin).0 == .conflict, "a lease ends leased")
            #expect(try await client.json(.post, path, body: #"{"status": "leased"}"#, token: admin).0 == .ok)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/invest/sites/\(id)").0 == .notFound)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/invest/sites/\(id)", token: admin).0 == .ok)
        }
    }

    @Test(arguments: [
        ("minAreaHa=abc", "minAreaHa", "site_search_not_a_number"), ("minPowerKw=99999999999", "minPowerKw", "site_search_not_a_number"),
        ("minPowerKw=20000000", "minPowerKw", "site_search_out_of_range"), ("maxRoadKm=1e308", "maxRoadKm", "site_search_out_of_range"),
        ("bbox=1,2,3", "bbox", "site_search_not_a_number"), ("bbox=10,50,5,60", "bbox", "site_search_empty_range"),
        ("minAreaHa=5&maxAreaHa=1", "maxAreaHa", "site_search_empty_range"), ("type=castle", "type", "site_search_unknown_value"),
        ("gas=maybe", "gas", "site_search_unknown_value"), ("sort=cheapest", "sort", "site_search_unknown_value"),
        ("limit=5000", "limit", "limit_out_of_range"),
    ])
    func aFilterThatCannotBeMetIsRefusedByName(_ query: String, _ field: String, _ code: String) async throws {
        try await WebHarness.run { harness, client in
            for path in ["/api/v1/vinnytsia/invest/sites?", "/api/v1/vinnytsia/invest/sites.geojson?"] {
                let (status, answer) = try await client.json(.get, path + query)
                #expect(status == .unprocessableContent && errorCode(answer) == code && (answer["error"] as? [String: Any])?["field"] as? String == field)
            }
            var browser = Browser(client)
            let page = try await browser.get("/vinnytsia/invest/sites?" + query)
            if field != "limit" { #expect(page.status == .unprocessableContent && page.body.contains("role=\"alert\"")) }
        }
    }

    static func csv(_ rows: [String]) -> [UInt8] {
        Array((["code,section,name_uk,name_en,unit,year,value,source,checked"] + rows).joined(separator: "\r\n").utf8)
    }

    @Test(arguments: TestDatabase.available)
    func thePassportImportIsAllOrNothingAndItsCSVImportsBackUnchanged(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            func passport() async throws -> [PassportIndicator] { try await harness.services.store.read { try await $0.invest.indicators(of: .city(city.id)) } }
            let before = try await passport()
            #expect(before.contains { $0.code == "population.total" }, "the demo has a passport")
            var clerk = Browser(client)
            try await clerk.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            _ = try await clerk.get("/vinnytsia/admin/invest")
            let bad = try await clerk.upload("/vinnytsia/admin/invest/passport", [], file: ("file", "passport.csv", "text/csv", Self.csv([
                "wages.average,economy_wages,Зарплата,Average wage,uah,2024,19 100,Держстат,2026-11-01",
                "wages.average,economy_wages,Зарплата,Average wage,uah,2025,abc,Держстат,",
                "Bad Code,budget,Доходи,Revenue,uah_million,2024,1,Фінуправління,",
                "budget.revenue,budget,Доходи,Revenue,uah_million,1900,1,Фінуправління,",
            ])))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Рядок 3") && bad.body.contains("Рядок 4") && bad.body.contains("Рядок 5"), "every bad row is listed")
            #expect(try await passport() == before, "nothing changed")

            let good = try await clerk.upload("/vinnytsia/admin/invest/passport", [], file: ("file", "passport.csv", "text/csv", Self.csv([
                "wages.average,economy_wages,Середня зарплата,Average monthly wage,uah,2024,\"19 100,50\",Держстат,2026-11-01",
                "export.share,economy_wages,Частка експорту,Export share,percent,2024,12.5,Держстат,",
            ])))
            #expect(good.status == .ok && good.body.contains("role=\"status\""))
            let after = try await passport()
            let wages = try #require(after.first { $0.code == "wages.average" })
            #expect(wages.latest?.year == 2024 && wages.latest?.value == "19100.50" && wages.values.count > 1, "a year added, earlier years kept")
            #expect(after.contains { $0.code == "export.share" } && after.count == before.count + 1)

            // The CSV the portal gives is one the import takes, and importing it changes nothing.
            let file = try await client.execute(uri: "/api/v1/vinnytsia/invest/passport.csv", method: .get)
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            var headers = HTTPFields()
            headers[.contentType] = "text/csv"
            headers[.authorization] = "Bearer \(admin)"
            let again = try await client.execute(uri: "/api/v1/vinnytsia/invest/passport", method: .post, headers: headers, body: file.body)
            #expect(again.status == .ok)
            #expect(try await passport() == after)
            // The API refuses a bad file by its first bad line, and someone without the right gets a 404.
            let refused = try await client.execute(
                uri: "/api/v1/vinnytsia/invest/passport", method: .post, headers: headers, body: ByteBuffer(bytes: Self.csv(["X Y,budget,a,b,c,2024,1,s,"])))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("line.2.code"))
            headers[.authorization] = "Bearer \(try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026"))"
            #expect(try await client.execute(uri: "/api/v1/vinnytsia/invest/passport", method: .post, headers: headers, body: file.body).status == .notFound)
            // JSON as the document says.
            let (status, json) = try await client.json(.get, "/api/v1/vinnytsia/invest/passport")
            #expect(status == .ok && (json["indicators"] as? [Any])?.count == after.count)
        }
    }

    @Test func thePagesWorkInBothLanguagesAndASoldSiteIsNotShown() async throws {
        try await WebHarness.run { harness, client in
            var visitor = Browser(client)
            let passport = try await visitor.get("/vinnytsia/invest")
            #expect(passport.status == .ok && passport.body.contains("Наявне населення") && passport.body.contains("369\u{00A0}739"))
            _ = try await visitor.get("/en")
            let english = try await visitor.get("/vinnytsia/invest")
            #expect(english.body.contains("Population") && english.body.contains("369,739") && english.body.contains("illustrative"))
            let sites = try await visitor.get("/vinnytsia/invest/sites?minAreaHa=2&minPowerKw=1000&type=industrial_park&type=greenfield")
            #expect(sites.status == .ok && sites.body.contains("Vinnytsia Industrial Park, plot 1") && !sites.body.contains("Office building"))
            let city = try await harness.city("vinnytsia")
            let all = try await harness.services.store.read { try await $0.invest.sites(in: [city.id], matching: SiteSearch(), everyStatus: true, limit: 100) }
            let open = try #require(all.first { $0.site.status == .available })
            let page = try await visitor.get("/vinnytsia/invest/sites/\(open.id.rawValue)")
            #expect(page.status == .ok && page.body.contains(open.site.title.en) && page.body.contains("Cadastral number"))
            let zhmerynka = try await harness.city("zhmerynka")
            let sold = try #require(try await harness.services.store.read {
                try await $0.invest.sites(in: [zhmerynka.id], matching: SiteSearch(), everyStatus: true, limit: 100)
            }.first { $0.site.status == .sold })
            #expect(try await visitor.get("/zhmerynka/invest/sites/\(sold.id.rawValue)").status == .notFound)
            #expect(try await visitor.get("/vinnytsia/invest/sites/\(sold.id.rawValue)").status == .notFound, "another city's site")
        }
    }

    /// docs/interfaces.md: every key of a site is there, `null` where the site's data does not say.
    @Test func aSitesJSONHasEveryKeyAndNullWhereUnknown() async throws {
        try await WebHarness.run { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let (created, site) = try await client.json(.post, "/api/v1/vinnytsia/invest/sites", body: Self.body(), token: admin)
            #expect(created == .created)
            let utilities = try #require(site["utilities"] as? [String: Any]), distances = try #require(site["distances"] as? [String: Any])
            let details = try #require(site["details"] as? [String: Any])
            #expect(utilities["voltageKv"] is NSNull && utilities["connectionKm"] is NSNull && utilities["powerKw"] as? Int == 1600)
            #expect(distances["airportKm"] is NSNull && distances["borderKm"] is NSNull && distances["railKm"] as? Double == 0)
            #expect(details["auctionLotId"] is NSNull && details["verifiedOn"] is NSNull)
            #expect(site["files"] == nil, "a new site's answer is not one site's page of files")
        }
    }

    /// The site in auction names the auctions' lot by id, through the
    /// platform's links: only a lot of the same city is taken, and the site's
    /// page shows where the lot stands in the reader's language.
    @Test(arguments: TestDatabase.available)
    func aSiteInAuctionLinksALotOfItsOwnCityThroughThePlatform(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let vinnytsia = try await harness.city("vinnytsia")
            let lots = try await harness.services.modules.linkChoices(.auctionLot, in: vinnytsia, services: harness.services)
            let lot = try #require(lots.first)
            #expect(lot.path == "/vinnytsia/auctions/\(lot.id)" && lot.statusKey.hasPrefix("auctions.status."))

            let before = try await Self.count(harness)
            for unknown in ["no-such-lot", "../etc"] {
                let (status, answer) = try await client.json(
                    .post, "/api/v1/vinnytsia/invest/sites", body: Self.body(extra: #", "details": {"auctionLotId": "\#(unknown)"}"#), token: admin)
                #expect(status == .unprocessableContent, "\(unknown): \(status) \(answer)")
                #expect((answer["error"] as? [String: Any])?["field"] as? String == "details.auctionLotId")
            }
            // A lot of Вінниця is not one of Жмеринка's.
            let elsewhere = Self.body(cadastral: "0510600000:01:001:0001", extra: #", "details": {"auctionLotId": "\#(lot.id)"}"#)
            let zhmerynkaAdmin = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await client.json(.post, "/api/v1/zhmerynka/invest/sites", body: elsewhere, token: zhmerynkaAdmin).0 == .unprocessableContent)
            #expect(try await Self.count(harness) == before, "nothing was stored")

            let (created, site) = try await client.json(
                .post, "/api/v1/vinnytsia/invest/sites", body: Self.body(extra: #", "details": {"auctionLotId": "\#(lot.id)"}"#), token: admin)
            #expect(created == .created && (site["details"] as? [String: Any])?["auctionLotId"] as? String == lot.id)
            let id = try #require(site["id"] as? String)
            var visitor = Browser(client)
            _ = try await visitor.get("/en")
            let page = try await visitor.get("/vinnytsia/invest/sites/\(id)")
            #expect(page.body.contains("Offered in the city&#39;s auction") || page.body.contains("Offered in the city's auction"))
            #expect(page.body.contains("href=\"\(lot.path)\""))

            // The demo's site in auction is linked to a running lot.
            let demo = try #require(try await harness.services.store.read {
                try await $0.invest.sites(in: [vinnytsia.id], matching: SiteSearch(), limit: 100)
            }.first { $0.site.status == .inAuction && $0.id.rawValue != id })
            let linked = try #require(demo.site.details.auctionLotID)
            #expect(try await harness.services.modules.linked(.auctionLot, id: linked, in: vinnytsia, services: harness.services)?.isActive == true)
        }
    }

    @Test func theDeskMovesASiteOnAndRefusesAStepThatDoesNotFollow() async throws {
        try await WebHarness.run { harness, client in
            let city = try await harness.city("vinnytsia")
            let open = try #require(try await harness.services.store.read {
                try await $0.invest.sites(in: [city.id], matching: SiteSearch(), limit: 100)
            }.first { $0.site.status == .available })
            var clerk = Browser(client)
            try await clerk.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let desk = try await clerk.get("/vinnytsia/admin/invest")
            #expect(desk.status == .ok && desk.body.contains(open.site.title.uk))
            let path = "/vinnytsia/admin/invest/sites/\(open.id.rawValue)/status"
            #expect(try await clerk.post(path, [("status", "leased")]).status == .conflict)
            #expect(try await clerk.post(path, [("status", "reserved")]).status == .seeOther)
            let now = try await harness.services.store.read { try await $0.invest.site(open.id, in: city.id) }
            #expect(now?.site.status == .reserved)
            let audit = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 5) }
            #expect(audit.contains { $0.action == AuditAction.investSiteChanged && $0.subject == open.id.rawValue })
        }
    }

    @Test func aNeedRanksEverySiteAndSaysWhatFallsShort() async throws {
        try await WebHarness.run { harness, client in
            let (status, body) = try await client.json(.get, "/api/v1/vinnytsia/invest/match?minAreaHa=5&minPowerKw=3000&gas=true&budget=500000")
            #expect(status == .ok && body["scope"] as? String == "city")
            let items = try #require(body["items"] as? [[String: Any]])
            let scores = items.compactMap { $0["score"] as? Int }
            #expect(!items.isEmpty && scores == scores.sorted(by: >) && scores.first == 100)
            #expect(items.allSatisfy { $0["city"] as? String == "vinnytsia" })
            let shortfalls = items.flatMap { ($0["verdicts"] as? [[String: Any]]) ?? [] }.filter { $0["verdict"] as? String == "short" }
            #expect(shortfalls.contains { $0["criterion"] as? String == "power" && ($0["shortBy"] as? Double ?? 0) > 0 })
            let (_, oblast) = try await client.json(.get, "/api/v1/vinnytsia/invest/match?minAreaHa=5&scope=oblast")
            #expect(Set(((oblast["items"] as? [[String: Any]]) ?? []).compactMap { $0["city"] as? String }).count > 1)
            let (refused, problem) = try await client.json(.get, "/api/v1/vinnytsia/invest/match?budget=99999999999999999")
            #expect(refused == .unprocessableContent && (problem["error"] as? [String: Any])?["field"] as? String == "budget")
            var visitor = Browser(client)
            let page = try await visitor.get("/vinnytsia/invest/match?minAreaHa=5&minPowerKw=3000&gas=true")
            #expect(page.status == .ok && page.body.contains("100 / 100") && page.body.contains("бракує"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aProgrammeIsSavedOnlyWholeAndShownWithItsMoney(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (_, listed) = try await client.json(.get, "/api/v1/vinnytsia/invest/programmes")
            let demo = try #require((listed["items"] as? [[String: Any]])?.first)
            #expect(demo["id"] as? String == "vinnytsia-2021-2023" && (demo["measures"] as? [Any])?.count == 6)
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            func body(first: Int = 2024, last: Int = 2026, measureLast: Int = 2025, sites: String = "[]") -> String {
                """
                {"title": {"uk": "Програма 2024–2026", "en": "Programme 2024–2026"}, "firstYear": \(first), "lastYear": \(last), "decisionNumber": "15",
                 "decisionDate": "2023-12-20", "measures": [{"number": "1", "title": {"uk": "Захід", "en": "Measure"}, "responsible": "Департамент",
                 "firstYear": 2024, "lastYear": \(measureLast), "planned": 100000000, "spent": 2500000, "status": "in_progress", "sites": \(sites)}]}
                """
            }
            for (text, field) in [(body(first: 2026, last: 2024), "lastYear"), (body(measureLast: 2030), "measures.0.lastYear"),
                                  (body(sites: #"["no-such-site"]"#), "measures.0.sites")] {
                let (status, answer) = try await client.json(.post, "/api/v1/vinnytsia/invest/programmes", body: text, token: admin)
                #expect(status == .unprocessableContent && (answer["error"] as? [String: Any])?["field"] as? String == field, "\(field)")
            }
            let resident = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await client.json(.post, "/api/v1/vinnytsia/invest/programmes", body: body(), token: resident).0 == .notFound)
            let (created, saved) = try await client.json(.post, "/api/v1/vinnytsia/invest/programmes", body: body(), token: admin)
            #expect(created == .created)
            let id = try #require(saved["id"] as? String)
            #expect(try await client.json(.put, "/api/v1/zhmerynka/invest/programmes/\(id)", body: body(), token: try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")).0 == .notFound)
            #expect(try await client.json(.put, "/api/v1/vinnytsia/invest/programmes/\(id)", body: body(measureLast: 2026), token: admin).0 == .ok)
            var visitor = Browser(client)
            let page = try await visitor.get("/vinnytsia/invest/programme")
            #expect(page.status == .ok && page.body.contains("Програма 2024–2026") && page.body.contains("1\u{00A0}000\u{00A0}000,00") && page.body.contains("Перших відповідей вчасно"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aClerkAddsAndChangesASiteByTheFormAndARefusalKeepsWhatWasTyped(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var clerk = Browser(client)
            try await clerk.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let form = try await clerk.get("/vinnytsia/admin/invest/sites/new")
            #expect(form.status == .ok && form.body.contains(#"name="utilities.powerKw""#))
            var fields: [(String, String)] = [
                ("type", "greenfield"), ("title.uk", "Ділянка біля об'їзної"), ("title.en", "Plot by the ring road"), ("geometry", Self.boundary),
                ("cadastralNumber", "0510100000:03:004:0888"), ("areaHa", "2,4"), ("purposeCode", "11.02"), ("ownership", "communal"), ("right", "lease"),
                ("termYears", "25"), ("price", "180 000"), ("utilities.powerKw", "1600"), ("utilities.gasM3PerHour", "60"), ("distances.roadKm", "0,4"),
                ("utilities.sewer", "on"), ("details.verifiedOn", "2026-11-30"),
            ]
            let before = try await Self.count(harness)
            var bad = fields
            bad[4] = ("cadastralNumber", "0510100000:03:004")
            let refused = try await clerk.post("/vinnytsia/admin/invest/sites", bad)
            #expect(refused.status == .unprocessableContent && refused.body.contains(#"id="cadastralNumber""#) && refused.body.contains("aria-invalid"))
            #expect(refused.body.contains("Ділянка біля об&#39;їзної") || refused.body.contains("Ділянка біля об'їзної"), "what was typed is kept")
            #expect(try await Self.count(harness) == before)
            let created = try await clerk.post("/vinnytsia/admin/invest/sites", fields)
            #expect(created.status == .seeOther)
            let path = try #require(created.location)
            let id = try #require(path.split(separator: "/").last.map(String.init))
            let city = try await harness.city("vinnytsia")
            let stored = try #require(try await harness.services.store.read { try await $0.invest.site(SiteID(rawValue: id), in: city.id) })
            #expect(stored.site.areaHa == 2.4 && stored.site.price == Money(hryvnias: 180_000) && stored.site.utilities.sewer && !stored.site.utilities.heat)
            #expect(stored.site.distances.roadKm == 0.4 && stored.site.details.verifiedOn == CalendarDate(year: 2026, month: 11, day: 30))

            let edit = try await clerk.get("/vinnytsia/admin/invest/sites/\(id)/edit")
            #expect(edit.status == .ok && edit.body.contains("0510100000:03:004:0888"))
            fields[11] = ("utilities.powerKw", "2500")
            #expect(try await clerk.post("/vinnytsia/admin/invest/sites/\(id)", fields).status == .seeOther)
            let changed = try await harness.services.store.read { try await $0.invest.site(SiteID(rawValue: id), in: city.id) }
            #expect(changed?.site.utilities.powerKw == 2_500 && changed?.site.status == .available)
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await resident.get("/vinnytsia/admin/invest/sites/new").status == .notFound)
        }
    }
}
