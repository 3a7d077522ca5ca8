import Foundation
import HromadaDomain
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
@testable import HromadaWeb
@testable import Budgets

/// Finding an address on a form's map through a Nominatim-compatible API,
/// against a fake Nominatim (no map data can be downloaded here).
@Suite struct GeocoderTests {
    final class RequestLog: Sendable {
        private let items = Mutex<[(uri: String, userAgent: String)]>([])
        func append(_ uri: String, _ userAgent: String) { items.withLock { $0.append((uri, userAgent)) } }
        var all: [(uri: String, userAgent: String)] { items.withLock { $0 } }
    }

    /// Answers `/search` as Nominatim does: "Соборна" is found in Vinnytsia (and a
    /// namesake in Kyiv, which a careless server would return), "зламано" gets a
    /// 500, "сміття" gets a body that is no list, anything else nothing.
    static func fakeNominatim(_ log: RequestLog) -> some ApplicationProtocol {
        let router = Router()
        router.get("search") { request, _ -> Response in
            log.append(request.uri.description, request.headers[.userAgent] ?? "")
            let query = request.uri.queryParameters.get("q") ?? ""
            let body: String
            if query.contains("зламано") { return Response(status: .internalServerError) }
            if query.contains("сміття") {
                body = #"{"error": "Unable to geocode"}"#
            } else if query.contains("Соборна") {
                body = #"""
                [{"place_id": 1, "lat": "50.4501", "lon": "30.5234", "display_name": "Соборна, Київ"},
                 {"place_id": 2, "lat": "49.2328", "lon": "28.4681", "display_name": "Соборна вулиця, 59, Вінниця"},
                 {"place_id": 3, "lat": 49.23, "lon": "28.46", "display_name": "a number where text belongs"},
                 {"place_id": 4, "lat": "NaN", "lon": "28.46", "display_name": "not a number"}]
                """#
            } else {
                body = "[]"
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test func anAnswerIsReadDefensivelyAndOnlyPlacesInTheBoxAreKept() throws {
        let vinnytsia = try GeoBox(west: 28.30, south: 49.15, east: 28.62, north: 49.32)
        let answer = #"[{"lat": "50.45", "lon": "30.52", "display_name": "Київ"}, {"lat": "49.2328", "lon": "28.4681", "display_name": "Вінниця"}, {"lat": "1e999", "lon": "28.4"}, 7, {"lat": "49.2", "lon": "28.4"}]"#
        let found = try NominatimAnswer.read(Array(answer.utf8), within: vinnytsia)
        #expect(found == [.init(label: "Вінниця", longitude: 28.4681, latitude: 49.2328), .init(label: "49.2, 28.4", longitude: 28.4, latitude: 49.2)])
        for bad in ["", "{}", "null", "[", String(repeating: "[", count: 100_000)] {
            #expect(throws: NominatimAnswer.Problem.notAList) { try NominatimAnswer.read(Array(bad.utf8), within: vinnytsia) }
        }
        #expect(throws: NominatimAnswer.Problem.notAList) {
            try NominatimAnswer.read([UInt8](repeating: 32, count: NominatimAnswer.maximumBytes + 1), within: vinnytsia)
        }
        #expect(Geocoder.check(url: "https://nominatim.openstreetmap.org") == nil)
        #expect(Geocoder.check(url: "ftp://example.org") != nil && Geocoder.check(url: "nominatim") != nil)
    }

    @Test func theProposalFormFindsAnAddressWithinTheCityWithAndWithoutJavaScript() async throws {
        let log = RequestLog()
        try await Self.fakeNominatim(log).test(.live) { nominatim in
            let port = try #require(nominatim.port)
            try await WebHarness.run(geocoderURL: "http://127.0.0.1:\(port)/") { harness, client in
                let demo = try await DemoBudgets(harness)
                let base = "/vinnytsia/budgets/\(demo.proposals.id.rawValue)"
                var olena = Browser(client)
                // Anonymous scripts do not spend the deployment's geocoder.
                #expect(try await olena.get("/vinnytsia/geocode?q=Соборна").status == .unauthorized)
                try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
                let form = try await olena.get(base + "/propose")
                #expect(form.body.contains(#"data-geocode="/vinnytsia/geocode""#))

                // What the button asks with JavaScript: only the place in Vinnytsia comes back.
                let answer = try await olena.get("/vinnytsia/geocode?q=\(Browser.encode("Соборна 59"))")
                #expect(answer.status == .ok)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
                let items = try #require(json["items"] as? [[String: Any]])
                #expect(items.count == 1 && items.first?["latitude"] as? Double == 49.2328 && json["available"] as? Bool == true)
                // Asked within the city's box, in the reader's language, naming ourselves.
                let asked = try #require(log.all.last)
                #expect(asked.uri.contains("viewbox=28.3,49.32,28.62,49.15") && asked.uri.contains("bounded=1") && asked.uri.contains("accept-language=uk"))
                #expect(asked.userAgent.hasPrefix("Hromada ("))
                // A broken service is no 5xx of ours: the page says to tap the map.
                let broken = try await olena.get("/vinnytsia/geocode?q=\(Browser.encode("зламано"))")
                #expect(broken.status == .ok && broken.body.contains(#""available":false"#))

                // Without JavaScript: the button submits the form, which comes back with the place filled and nothing saved.
                let fields: [(String, String)] = [
                    ("category", demo.proposals.categories[1].id.rawValue), ("title", "Лавки на Соборній"),
                    ("summary", "Шість лавок уздовж Соборної біля фонтану."), ("address", "Соборна 59"), ("itemLabel", "Лавки"),
                    ("itemAmount", "90000"), ("latitude", ""), ("longitude", ""),
                ]
                let found = try await olena.post(base + "/propose", fields + [("findPlace", "1")])
                #expect(found.status == .ok)
                #expect(found.body.contains(#"value="49.2328""#) && found.body.contains(#"value="28.4681""#))
                #expect(found.body.contains("Знайдено: Соборна вулиця, 59, Вінниця"))
                #expect(found.body.contains("Лавки на Соборній"))
                let city = try await harness.city("vinnytsia")
                let stored = try await harness.services.store.read { try await $0.budgets.projects(of: demo.proposals.id, in: city.id) }
                #expect(!stored.contains { $0.title == "Лавки на Соборній" })
                let nothing = try await olena.post(base + "/propose", fields.map { $0.0 == "address" ? ("address", "сміття") : $0 } + [("findPlace", "1")])
                #expect(nothing.status == .ok && nothing.body.contains("Пошук адрес зараз не відповідає"))

                // One person's searches are limited; the next person still has theirs.
                var limited = false
                for _ in 0..<40 where !limited {
                    limited = try await olena.get("/vinnytsia/geocode?q=x").status == .tooManyRequests
                }
                #expect(limited)
                var admin = Browser(client)
                try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
                #expect(try await admin.get("/vinnytsia/geocode?q=x").status == .ok)
            }
        }
        // Without a geocoder, the form has no button and the endpoint is not there.
        try await WebHarness.run { harness, client in
            let demo = try await DemoBudgets(harness)
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(!(try await olena.get("/vinnytsia/budgets/\(demo.proposals.id.rawValue)/propose").body.contains("data-geocode")))
            #expect(try await olena.get("/vinnytsia/geocode?q=x").status == .notFound)
        }
    }
}
