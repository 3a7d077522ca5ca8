import Foundation
import HTTPTypes
import HromadaDomain
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
import HromadaModules

/// The platform's one map component: Leaflet served by us, the base map a
/// deployment setting whose origin, and nothing else, joins the CSP's
/// `img-src`, and pages with a map that still work without JavaScript.
@Suite struct MapComponentTests {
    @Test func aTileTemplateIsCheckedAndGivesTheOriginImagesMayComeFrom() throws {
        let osm = try #require(try MapTiles.parse(template: " https://tile.openstreetmap.org/{z}/{x}/{y}.png ", attribution: "© OpenStreetMap"))
        #expect(osm.origin == "https://tile.openstreetmap.org" && osm.template == "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
        #expect(try MapTiles.parse(template: "http://127.0.0.1:8099/{z}/{x}/{y}.png", attribution: "")?.origin == "http://127.0.0.1:8099")
        #expect(try MapTiles.parse(template: "", attribution: "anything") == nil, "no template: shapes only")
        for bad in ["ftp://tiles.example/{z}/{x}/{y}.png", "https://tiles.example/{z}/{x}.png", "javascript:alert(1)//{z}{x}{y}",
                    "https://tiles.example/{z}/{x}/{y}.png' 'unsafe-inline", "https://user:pw@tiles.example/{z}/{x}/{y}.png", "tiles/{z}/{x}/{y}"] {
            #expect(throws: MapTiles.Problem.self, "\(bad)") { try MapTiles.parse(template: bad, attribution: "") }
        }
        #expect(throws: MapTiles.Problem.attributionTooLong) { try MapTiles.parse(template: "https://t.example/{z}/{x}/{y}.png", attribution: "a\nb") }
    }

    @Test func theTileServerJoinsImgSrcAndPagesCarryTheMap() async throws {
        let tiles = try MapTiles.parse(template: "http://127.0.0.1:8099/{z}/{x}/{y}.png", attribution: "Test <tiles>")
        try await WebHarness.run(mapTiles: tiles) { harness, client in
            let page = try await client.execute(uri: "/vinnytsia/invest/sites?minAreaHa=2", method: .get)
            let csp = page.headers[.contentSecurityPolicy] ?? ""
            #expect(csp.contains("img-src 'self' data: http://127.0.0.1:8099;") && csp.contains("script-src 'self';"))
            let body = String(buffer: page.body)
            #expect(body.contains(#"data-tiles="http://127.0.0.1:8099/{z}/{x}/{y}.png""#) && body.contains(#"data-attribution="Test &lt;tiles&gt;""#))
            #expect(body.contains(#"data-source="/api/v1/vinnytsia/invest/sites.geojson?minAreaHa=2""#) && body.contains(#"data-box-field="bbox""#))
            #expect(body.contains(#"<div class="map" data-map hidden"#), "hidden until drawn: no empty box without JavaScript")
            #expect(body.contains("/static/leaflet.js") && body.contains("/static/map.js"))
            for asset in ["leaflet.js", "leaflet.css", "map.js", "leaflet-LICENSE.txt"] {
                #expect(try await client.execute(uri: "/static/\(asset)", method: .get).status == .ok, "\(asset)")
            }
        }
        try await WebHarness.run { harness, client in
            let page = try await client.execute(uri: "/vinnytsia/invest/sites", method: .get)
            #expect(page.headers[.contentSecurityPolicy]?.contains("img-src 'self' data:;") == true, "no tile server, no other origin")
            #expect(String(buffer: page.body).contains(#"data-tiles="""#))
        }
    }
}
