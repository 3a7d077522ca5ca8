import Foundation
import Testing
@testable import Invest

/// The investment portal's rules that need no database: cadastral numbers,
/// site boundaries as GeoJSON, a site's status, and matching a need.
@Suite struct InvestDomainTests {
    // MARK: Cadastral numbers

    @Test(arguments: ["5322080400:00:001:1205", " 0510100000:02:035:0012 "])
    func aCadastralNumberIsTenTwoThreeAndFourDigits(_ text: String) throws {
        let number = try CadastralNumber(text)
        #expect(number.rawValue == text.trimmingCharacters(in: .whitespaces))
        #expect(number.territoryCode.count == 10)
    }

    @Test(arguments: [
        "", "5322080400:00:001", "5322080400:00:001:12050", "532208040:00:001:1205", "5322080400-00-001-1205", "5322080400:0a:001:1205",
        "5322080400:00:001:1205:", "５322080400:00:001:1205", "5322080400::00:001:1205", "5322080400:00:001:1 05",
    ])
    func anythingElseIsNotACadastralNumber(_ text: String) {
        #expect(throws: CadastralNumber.Problem.malformed) { try CadastralNumber(text) }
    }

    // MARK: Boundaries

    static func geometry(_ json: String) throws -> SiteGeometry {
        let decoded = try JSONDecoder().decode(SiteGeometry.GeoJSON.self, from: Data(json.utf8))
        return try SiteGeometry(decoded)
    }

    static func problem(_ json: String) -> SiteGeometry.Problem? {
        do {
            _ = try geometry(json)
            return nil
        } catch let problem as SiteGeometry.Problem {
            return problem
        } catch {
            return .malformedPosition
        }
    }

    /// About 2 ha near Vinnytsia's industrial zone: 0.002° of longitude by 0.00095° of latitude at 49.2° N.
    static let plot = #"{"type": "Polygon", "coordinates": [[[28.5100, 49.2100], [28.5130, 49.2100], [28.5130, 49.2106], [28.5100, 49.2106], [28.5100, 49.2100]]]}"#

    @Test func aClosedRingIsAPolygonWithItsAreaAndBox() throws {
        let shape = try Self.geometry(Self.plot)
        let area = try #require(shape.approximateAreaHa)
        // 0.003° × 111,320 m × cos 49.21° ≈ 218.2 m; 0.0006° × 111,320 m ≈ 66.8 m: ≈ 1.46 ha.
        #expect(abs(area - 1.457) < 0.01, "\(area)")
        #expect(shape.boundingBox.west == 28.51 && shape.boundingBox.north == 49.2106)
        #expect(abs(shape.marker.longitude - 28.5115) < 1e-9)
        let encoded = try JSONEncoder().encode(shape)
        #expect(try Self.geometry(String(decoding: encoded, as: UTF8.self)) == shape, "written as it was read")
    }

    @Test func aHoleIsTakenOutOfTheArea() throws {
        let withHole = #"{"type": "Polygon", "coordinates": [[[0, 0], [0.01, 0], [0.01, 0.01], [0, 0.01], [0, 0]], [[0.002, 0.002], [0.004, 0.002], [0.004, 0.004], [0.002, 0.004], [0.002, 0.002]]]}"#
        let whole = try #require(try Self.geometry(#"{"type": "Polygon", "coordinates": [[[0, 0], [0.01, 0], [0.01, 0.01], [0, 0.01], [0, 0]]]}"#).approximateAreaHa)
        let holed = try #require(try Self.geometry(withHole).approximateAreaHa)
        #expect(abs(holed - whole * 0.96) < 0.01)
    }

    @Test func aPointIsAPlaceWithoutAnArea() throws {
        let shape = try Self.geometry(#"{"type": "Point", "coordinates": [28.47, 49.23, 280]}"#)
        #expect(shape.approximateAreaHa == nil && shape.marker.latitude == 49.23)
    }

    @Test(arguments: [
        (#"{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}"#, SiteGeometry.Problem.unsupportedType),
        (#"{"type": "Point", "coordinates": [181, 0]}"#, .outOfRange),
        (#"{"type": "Point", "coordinates": [0, -90.5]}"#, .outOfRange),
        (#"{"type": "Point", "coordinates": [0]}"#, .malformedPosition),
        (#"{"type": "Point", "coordinates": [0, 1, 2, 3]}"#, .malformedPosition),
        (#"{"type": "Point", "coordinates": [[0, 1]]}"#, .malformedPosition),
        (#"{"type": "Polygon", "coordinates": []}"#, .ringTooShort),
        (#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}"#, .ringTooShort),
        (#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}"#, .ringNotClosed),
        (#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}"#, .selfIntersecting),
        (#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [2, 0], [0, 0]]]}"#, .selfIntersecting),
        (#"{"type": "Polygon", "coordinates": [[0, 0], [1, 0], [1, 1], [0, 0]]}"#, .malformedPosition),
    ])
    func aMalformedBoundaryIsRefusedWithWhatIsWrong(_ json: String, _ expected: SiteGeometry.Problem) {
        #expect(Self.problem(json) == expected, "\(json)")
    }

    @Test func aBooleanOrTextIsNotACoordinate() {
        #expect(Self.problem(#"{"type": "Point", "coordinates": [true, 1]}"#) == .malformedPosition)
        #expect(Self.problem(#"{"type": "Point", "coordinates": ["28.4", 49.2]}"#) == .malformedPosition)
        #expect(Self.problem(#"{"type": "Point", "coordinates": [1e400, 0]}"#) == .malformedPosition, "a number no Double holds")
    }

    @Test func aBoundaryLargerThanAPlotNeedsIsRefused() {
        var ring = (0..<2_001).map { index -> String in
            let angle = Double(index) / 2_001 * 2 * .pi
            return "[\(cos(angle)), \(sin(angle))]"
        }
        ring.append(ring[0])
        #expect(Self.problem(#"{"type": "Polygon", "coordinates": [[\#(ring.joined(separator: ","))]]}"#) == .tooLarge)
    }

    // MARK: Status

    @Test func aSiteGoesFromAvailableThroughAuctionToSoldOrLeasedAsItsRightSays() throws {
        #expect(try SiteStatus.available.moving(to: .reserved, right: .sale) == .reserved)
        #expect(try SiteStatus.reserved.moving(to: .inAuction, right: .sale) == .inAuction)
        #expect(try SiteStatus.inAuction.moving(to: .sold, right: .sale) == .sold)
        #expect(try SiteStatus.inAuction.moving(to: .leased, right: .superficies) == .leased)
        #expect(try SiteStatus.inAuction.moving(to: .available, right: .lease) == .available, "a failed auction puts it back")
        #expect(throws: SiteStatus.Refusal.wrongOutcomeForTheRight) { try SiteStatus.inAuction.moving(to: .sold, right: .lease) }
        #expect(throws: SiteStatus.Refusal.wrongOutcomeForTheRight) { try SiteStatus.inAuction.moving(to: .leased, right: .sale) }
        #expect(throws: SiteStatus.Refusal.notFromHere(from: .available, to: .sold)) { try SiteStatus.available.moving(to: .sold, right: .sale) }
        #expect(throws: SiteStatus.Refusal.notFromHere(from: .sold, to: .available)) { try SiteStatus.sold.moving(to: .available, right: .sale) }
        #expect(SiteStatus.allCases.filter(\.isOnOffer) == [.available, .reserved, .inAuction])
    }

    // MARK: Matching

    @Test func eachCriterionSaysWhatFitsAndByHowMuchWhatDoesNot() {
        var need = SiteNeed()
        need.minAreaHa = 2
        need.minPowerKw = 1_000
        need.gas = true
        need.maxRoadKm = 5
        let site = SiteFacts(areaHa: 1.5, powerKw: 1_250, gas: false, roadKm: nil)
        let verdicts = need.verdicts(for: site)
        #expect(verdicts.map(\.0) == [.area, .power, .gas, .road])
        #expect(verdicts.map(\.1) == [.short(by: 0.5), .fits, .short(by: nil), .unknown])
        #expect(need.score(site) == 37, "one met (2), one unknown (1) of four (8): 3/8")
    }

    @Test func sitesRankBestFirstThenNearestTheAreaAsked() {
        var need = SiteNeed()
        need.minAreaHa = 2
        need.maxAreaHa = 6
        need.rail = true
        let ranked = need.rank([
            (key: "a", facts: SiteFacts(areaHa: 10, rail: true)),
            (key: "b", facts: SiteFacts(areaHa: 3, rail: true)),
            (key: "c", facts: SiteFacts(areaHa: 4.2, rail: true)),
            (key: "d", facts: SiteFacts(areaHa: 4, rail: false)),
        ])
        // d misses the siding and a the area: equal scores, and d is nearer the 4 ha asked.
        #expect(ranked.map(\.key) == ["c", "b", "d", "a"])
        #expect(ranked.map(\.score) == [100, 100, 50, 50])
        #expect(SiteNeed().score(SiteFacts(areaHa: 0.1)) == 100, "no criterion: every site fits")
    }

    @Test func aBudgetIsMetByThePriceInKopiyky() {
        var need = SiteNeed()
        need.budgetKopiyky = 1_000_000_00
        #expect(need.verdicts(for: SiteFacts(areaHa: 1, priceKopiyky: 999_999_99)).first?.1 == .fits)
        #expect(need.verdicts(for: SiteFacts(areaHa: 1, priceKopiyky: Int64.max)).first?.1 == .short(by: Double(Int64.max) - 1e8))
    }
}
