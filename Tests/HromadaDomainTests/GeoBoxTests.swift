import Foundation
import Testing
@testable import HromadaDomain
@testable import Budgets

/// A city's territory on the map, and the places named in it.
@Suite struct GeoBoxTests {
    let vinnytsia: GeoBox

    init() throws {
        vinnytsia = try GeoBox(west: 28.30, south: 49.15, east: 28.62, north: 49.32)
    }

    @Test func aBoxHasItsWestBeforeItsEastAndItsSouthBeforeItsNorth() {
        #expect(throws: GeoBox.Problem.empty) { try GeoBox(west: 28.6, south: 49.1, east: 28.3, north: 49.3) }
        #expect(throws: GeoBox.Problem.empty) { try GeoBox(west: 28.3, south: 49.3, east: 28.6, north: 49.3) }
        #expect(throws: GeoBox.Problem.outOfRange) { try GeoBox(west: -181, south: 0, east: 1, north: 1) }
        #expect(throws: GeoBox.Problem.outOfRange) { try GeoBox(west: 0, south: 0, east: 1, north: 91) }
        #expect(throws: GeoBox.Problem.outOfRange) { try GeoBox(west: .nan, south: 0, east: 1, north: 1) }
        #expect(throws: GeoBox.Problem.outOfRange) { try GeoBox(west: 0, south: -.infinity, east: 1, north: 1) }
    }

    @Test func aBoxIsReadAsFourNumbersWestSouthEastNorth() throws {
        #expect(try GeoBox.parse("  ") == nil)
        #expect(try GeoBox.parse("28.30, 49.15 ,28.62,49.32") == vinnytsia)
        #expect(try GeoBox.parse(vinnytsia.text) == vinnytsia)
        for bad in ["28.3,49.15,28.62", "28.3,49.15,28.62,49.32,1", "a,b,c,d", "28.3,,28.62,49.32", "nan,49,28,50", String(repeating: "1", count: 500)] {
            #expect(throws: GeoBox.Problem.self, "\(bad)") { try GeoBox.parse(bad) }
        }
    }

    @Test func aStoredBoxThatIsNoBoxIsNotRead() throws {
        let stored = #"{"west": 30, "south": 49, "east": 28, "north": 50}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(GeoBox.self, from: Data(stored.utf8)) }
        var settings = MunicipalitySettings(contactEmail: "")
        settings.territory = vinnytsia
        let saved = try JSONEncoder().encode(settings)
        #expect(try JSONDecoder().decode(MunicipalitySettings.self, from: saved).territory == vinnytsia)
        // A settings row with a broken box keeps everything else, and places fall back to Ukraine.
        let broken = #"{"contactEmail": "a@b.ua", "territory": {"west": 30, "south": 49, "east": 28, "north": 50}}"#
        let read = try JSONDecoder().decode(MunicipalitySettings.self, from: Data(broken.utf8))
        #expect(read.territory == nil && read.contactEmail == "a@b.ua" && read.placeBounds == .ukraine)
        #expect(read.sections["territory"] == nil)
    }

    @Test func aPlaceIsBothNumbersWithinTheTerritoryOrNone() throws {
        #expect(try CityPlace.parse(longitude: "", latitude: " ", within: vinnytsia) == nil)
        let centre = try #require(try CityPlace.parse(longitude: "28,4682", latitude: "49.2331", within: vinnytsia))
        #expect(centre.longitude == 28.4682 && centre.latitude == 49.2331)
        #expect(throws: CityPlace.Problem.incomplete) { try CityPlace.parse(longitude: "28.46", latitude: "", within: vinnytsia) }
        #expect(throws: CityPlace.Problem.incomplete) { try CityPlace.parse(longitude: "inf", latitude: "49.2", within: vinnytsia) }
        #expect(throws: CityPlace.Problem.outsideTerritory) { try CityPlace.parse(longitude: "30.5234", latitude: "50.4501", within: vinnytsia) }
        // Latitude and longitude swapped is the commonest slip: it lands far away, and is refused.
        #expect(throws: CityPlace.Problem.outsideTerritory) { try CityPlace.parse(longitude: "49.2331", latitude: "28.4682", within: vinnytsia) }
    }

    @Test func anOptionalPlaceIsBothNumbersOrNone() throws {
        #expect(try CityPlace.optional(longitude: nil, latitude: nil, within: vinnytsia) == nil)
        #expect(try CityPlace.optional(longitude: 28.4682, latitude: 49.2331, within: vinnytsia)?.latitude == 49.2331)
        #expect(throws: CityPlace.Problem.incomplete) { try CityPlace.optional(longitude: nil, latitude: 49.2, within: vinnytsia) }
        #expect(throws: CityPlace.Problem.outsideTerritory) { try CityPlace.optional(longitude: 30.52, latitude: 50.45, within: vinnytsia) }
    }

    @Test func aProposedProjectsPlaceLiesWithinTheCity() throws {
        let fixture = EditionFixture()
        func proposal(_ longitude: Double?, _ latitude: Double?) -> ProjectProposal {
            ProjectProposal(
                categoryID: fixture.small.id, title: "Лавки біля школи № 5", summary: "Десять лавок і п’ять урн уздовж алеї біля школи.",
                district: "", address: "", costItems: [.init(label: "Лавки", amount: Money(hryvnias: 120_000))], longitude: longitude, latitude: latitude)
        }
        func validate(_ proposal: ProjectProposal) throws(ProposalError) -> BudgetProject {
            try proposal.validate(
                edition: fixture.edition(), author: AccountID(rawValue: "a"), verified: true, number: 1, territory: vinnytsia, at: fixture.start)
        }
        let placed = try validate(proposal(28.4682, 49.2331))
        #expect(placed.longitude == 28.4682 && placed.latitude == 49.2331)
        #expect(try validate(proposal(nil, nil)).latitude == nil)
        #expect(throws: ProposalError.placeIncomplete) { try validate(proposal(28.4682, nil)) }
        #expect(throws: ProposalError.placeOutsideCity) { try validate(proposal(30.5234, 50.4501)) }
        #expect(throws: ProposalError.placeOutsideCity) { try validate(proposal(.nan, 49.2)) }
    }
}
