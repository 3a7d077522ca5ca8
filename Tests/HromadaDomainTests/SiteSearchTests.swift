import Foundation
import Testing
@testable import Invest

/// The site catalogue's query string: every filter read and range-checked, a bad one named.
@Suite struct SiteSearchTests {
    @Test func everyFilterOfTheInterfaceIsRead() throws {
        let search = try SiteSearch([
            "type": "greenfield,industrial_park", "minAreaHa": "2", "maxAreaHa": "12.5", "right": "lease", "minPowerKw": "1000", "gas": "true",
            "water": "1", "rail": "false", "maxRoadKm": "3", "bbox": "28.35,49.18,28.60,49.28", "sort": "-area", "lang": "en",
        ])
        #expect(search.types == [.greenfield, .industrialPark] && search.minAreaHa == 2 && search.maxAreaHa == 12.5 && search.right == .lease)
        #expect(search.minPowerKw == 1000 && search.gas && search.water && !search.rail && search.maxRoadKm == 3 && search.sort == .areaDescending)
        let box = try #require(search.box)
        #expect(box.contains(longitude: 28.47, latitude: 49.23) && !box.contains(longitude: 28.7, latitude: 49.23))
        #expect(search.need.minPowerKw == 1000 && search.need.gas)
        #expect(try SiteSearch([:]) == SiteSearch(), "no filter: every site on offer, newest first")
    }

    @Test(arguments: [
        ("type", "castle", SiteSearch.Problem.Reason.unknownValue),
        ("minAreaHa", "two", .notANumber),
        ("minAreaHa", "nan", .notANumber),
        ("minAreaHa", "1e309", .notANumber),
        ("minAreaHa", "-1", .outOfRange),
        ("maxAreaHa", "1e6", .outOfRange),
        ("right", "rent", .unknownValue),
        ("minPowerKw", "1.5", .notANumber),
        ("minPowerKw", "99999999999999999999", .notANumber),
        ("minPowerKw", "-5", .outOfRange),
        ("gas", "maybe", .unknownValue),
        ("maxRoadKm", "inf", .notANumber),
        ("bbox", "1,2,3", .notANumber),
        ("bbox", "1,2,x,4", .notANumber),
        ("bbox", "-181,0,0,1", .outOfRange),
        ("bbox", "10,0,5,1", .emptyRange),
        ("sort", "random", .unknownValue),
    ])
    func aFilterThatCannotBeMetIsNamed(_ parameter: String, _ value: String, _ reason: SiteSearch.Problem.Reason) {
        #expect(throws: SiteSearch.Problem(parameter: parameter, reason: reason)) { try SiteSearch([parameter: value]) }
    }

    @Test func aMinimumAboveTheMaximumIsAnEmptyRange() {
        #expect(throws: SiteSearch.Problem(parameter: "maxAreaHa", reason: .emptyRange)) { try SiteSearch(["minAreaHa": "5", "maxAreaHa": "2"]) }
    }
}
