import Foundation
import HromadaDomain
import Testing
@testable import Invest

/// A site is made only whole and checked, the first field at fault named; a search's filters pick it or not.
@Suite struct InvestmentSiteTests {
    static func plot() throws -> SiteGeometry {
        try SiteGeometry(JSONDecoder().decode(SiteGeometry.GeoJSON.self, from: Data(InvestDomainTests.plot.utf8)))
    }

    static func site(
        cadastral: String? = "0510100000:02:035:0012", areaHa: Double = 2.34567, purpose: String? = "11.02", right: SiteRight = .lease,
        term: Int? = 49, price: Money? = Money(kopiyky: 120_000_00), utilities: InvestmentSite.Utilities = Self.connected,
        distances: InvestmentSite.Distances = Self.near
    ) throws(InvestmentSite.Problem) -> InvestmentSite {
        let geometry: SiteGeometry
        do { geometry = try plot() } catch { throw .init(field: "geometry", reason: .malformed) }
        return try InvestmentSite.make(
            type: .greenfield, title: LocalizedName(uk: " Ділянка на Немирівському шосе ", en: "Plot on Nemyrivske Highway"), geometry: geometry,
            cadastralNumber: cadastral, areaHa: areaHa, purposeCode: purpose, ownership: .communal, right: right, termYears: term,
            normativeValuation: Money(kopiyky: 3_000_000_00), price: price, utilities: utilities, distances: distances)
    }

    static var connected: InvestmentSite.Utilities {
        var utilities = InvestmentSite.Utilities()
        utilities.powerKw = 1_500
        utilities.gasM3PerHour = 200
        return utilities
    }

    static var near: InvestmentSite.Distances {
        var distances = InvestmentSite.Distances()
        distances.roadKm = 0.8
        distances.railKm = 0
        return distances
    }

    @Test func aCheckedSiteIsAvailableWithItsAreaToASquareMetre() throws {
        let site = try Self.site()
        #expect(site.status == .available && site.areaHa == 2.3457 && site.title.uk == "Ділянка на Немирівському шосе")
        #expect(site.cadastralNumber?.rawValue == "0510100000:02:035:0012")
        #expect(site.facts == SiteFacts(areaHa: 2.3457, powerKw: 1_500, gas: true, water: false, rail: true, roadKm: 0.8, priceKopiyky: 120_000_00))
    }

    @Test(arguments: [
        ("cadastralNumber", InvestmentSite.Problem.Reason.malformed),
        ("areaHa", .outOfRange), ("purposeCode", .malformed), ("termYears", .notForThisRight), ("termYears", .missing),
        ("termYears", .outOfRange), ("price", .outOfRange), ("utilities.powerKw", .outOfRange), ("distances.roadKm", .outOfRange),
    ])
    func theFirstFieldAtFaultIsNamed(_ field: String, _ reason: InvestmentSite.Problem.Reason) {
        var power = Self.connected
        power.powerKw = -1
        var far = Self.near
        far.roadKm = .nan
        let make: () throws -> InvestmentSite = {
            switch (field, reason) {
            case ("cadastralNumber", _): try Self.site(cadastral: "0510100000:02:035")
            case ("areaHa", _): try Self.site(areaHa: 0)
            case ("purposeCode", _): try Self.site(purpose: "11,02")
            case ("termYears", .notForThisRight): try Self.site(right: .sale, term: 10)
            case ("termYears", .missing): try Self.site(right: .superficies, term: nil)
            case ("termYears", _): try Self.site(term: 100)
            case ("price", _): try Self.site(price: Money(kopiyky: -1))
            case ("utilities.powerKw", _): try Self.site(utilities: power)
            default: try Self.site(distances: far)
            }
        }
        #expect(throws: InvestmentSite.Problem(field: field, reason: reason)) { try make() }
    }

    @Test func aSearchPicksTheSitesThatMeetEveryFilter() throws {
        let site = try Self.site()
        #expect(site.matches(try SiteSearch(["minAreaHa": "2", "minPowerKw": "1000", "gas": "true", "rail": "true", "bbox": "28.4,49.1,28.6,49.3"])))
        #expect(!site.matches(try SiteSearch(["minAreaHa": "3"])))
        #expect(!site.matches(try SiteSearch(["minPowerKw": "2000"])))
        #expect(!site.matches(try SiteSearch(["water": "true"])))
        #expect(!site.matches(try SiteSearch(["right": "sale"])))
        #expect(!site.matches(try SiteSearch(["type": "brownfield"])))
        #expect(!site.matches(try SiteSearch(["maxRoadKm": "0.5"])))
        #expect(!site.matches(try SiteSearch(["bbox": "30,49,31,50"])))
    }

    @Test func theAreaStatedMustAgreeWithTheBoundary() throws {
        let drawn = try #require(try Self.plot().approximateAreaHa)
        #expect(throws: InvestmentSite.Problem(field: "areaHa", reason: .disagreesWithBoundary)) { try Self.site(areaHa: drawn * 10) }
        #expect(throws: InvestmentSite.Problem(field: "areaHa", reason: .disagreesWithBoundary)) { try Self.site(areaHa: drawn / 10) }
        #expect(try Self.site(areaHa: drawn * 1.5).areaHa > drawn, "a sketch within a factor of two passes")
    }

    @Test(arguments: [
        ("details.manager.email", InvestmentSite.Problem.Reason.malformed), ("details.buildings.0.floors", .outOfRange),
        ("details.voltageKv", .outOfRange), ("details.description.en", .outOfRange), ("details.auctionLotId", .malformed),
    ])
    func aSitesDetailsAreBoundedAndTheFirstFaultNamed(_ field: String, _ reason: InvestmentSite.Problem.Reason) throws {
        var details = SiteDetails()
        switch field {
        case "details.manager.email": details.manager.email = "not an address"
        case "details.buildings.0.floors": details.buildings = [.init(areaM2: 100, floors: 0, condition: .good)]
        case "details.voltageKv": details.voltageKv = .infinity
        case "details.description.en": details.description = LocalizedName(uk: "", en: String(repeating: "a", count: SiteDetails.maxText + 1))
        default: details.auctionLotID = "lot/../../x"
        }
        let geometry = try Self.plot(), area = try #require(geometry.approximateAreaHa)
        #expect(throws: InvestmentSite.Problem(field: field, reason: reason)) {
            try InvestmentSite.make(
                type: .brownfield, title: LocalizedName(uk: "Цех", en: "Shop"), geometry: geometry, cadastralNumber: nil, areaHa: area, purposeCode: nil,
                ownership: .communal, right: .sale, termYears: nil, normativeValuation: nil, price: nil, utilities: .init(), distances: .init(),
                details: details)
        }
    }

    @Test func aSiteReadsBackFromItsStoredDocumentUnchanged() throws {
        var site = try Self.site()
        site.details.buildings = [.init(areaM2: 1_200.5, floors: 2, condition: .needsRepair)]
        site.details.verifiedOn = CalendarDate(year: 2026, month: 9, day: 1)
        site.status = .reserved
        let decoded = try JSONDecoder().decode(InvestmentSite.self, from: try JSONEncoder().encode(site))
        #expect(decoded == site)
        // A stored boundary that breaks the rules is refused on the way back, not drawn.
        let broken = String(decoding: try JSONEncoder().encode(site), as: UTF8.self)
            .replacingOccurrences(of: #""type":"Polygon""#, with: #""type":"LineString""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(InvestmentSite.self, from: Data(broken.utf8)) }
    }
}
