import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct PropertyRegisterTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let now = Date(epochSeconds: 1_900_000_000)

    func premises() throws -> PropertyObject {
        try PropertyObject.recorded(
            kind: .premises, title: "Нежитлове приміщення на першому поверсі", address: "вул. Соборна, 64", areaM2: 86.4, cadastralNumber: nil,
            latitude: 49.2331, longitude: 28.4682, balanceHolder: "КП «Вінницька міська нерухомість»", leaseList: .first, in: vinnytsia)
    }

    @Test func aCadastralNumberHasItsFourParts() {
        #expect(PropertyObject.isCadastralNumber("5322080400:00:001:1205"))
        for wrong in ["5322080400:00:001", "532208040:00:001:1205", "5322080400-00-001-1205", "53220804OO:00:001:1205", "٥٣٢٢٠٨٠٤٠٠:00:001:1205"] {
            #expect(!PropertyObject.isCadastralNumber(wrong), "\(wrong)")
        }
    }

    @Test func aLandPlotNeedsItsCadastralNumber() {
        #expect(throws: PropertyError.landPlotNeedsCadastralNumber) {
            try PropertyObject.recorded(
                kind: .landPlot, title: "Земельна ділянка під склад", address: "вул. Немирівське шосе", areaM2: 12_000, cadastralNumber: " ",
                latitude: nil, longitude: nil, balanceHolder: "Вінницька міська рада", leaseList: nil, in: vinnytsia)
        }
    }

    @Test func anObjectNeedsATitleAnAddressAndABalanceHolderAndSaneNumbers() throws {
        #expect(try premises().title == "Нежитлове приміщення на першому поверсі")
        #expect(throws: PropertyError.addressRequired) {
            try PropertyObject.recorded(kind: .building, title: "Будівля", address: " ", areaM2: nil, cadastralNumber: nil, latitude: nil,
                                        longitude: nil, balanceHolder: "КП", leaseList: nil, in: vinnytsia)
        }
        #expect(throws: PropertyError.areaInvalid) {
            try PropertyObject.recorded(kind: .building, title: "Будівля", address: "вул. 1", areaM2: -5, cadastralNumber: nil, latitude: nil,
                                        longitude: nil, balanceHolder: "КП", leaseList: nil, in: vinnytsia)
        }
    }

    /// An object of the register at the given place, recorded in Вінниця's territory.
    func placed(_ latitude: Double?, _ longitude: Double?) throws -> PropertyObject {
        let territory = try GeoBox(west: 28.30, south: 49.15, east: 28.62, north: 49.32)
        return try PropertyObject.recorded(
            kind: .building, title: "Будівля колишньої лазні", address: "вул. Замостянська, 7", areaM2: nil, cadastralNumber: nil,
            latitude: latitude, longitude: longitude, territory: territory, balanceHolder: "КП", leaseList: nil, in: vinnytsia)
    }

    @Test func anObjectsPlaceIsBothNumbersOrNone() throws {
        let object = try placed(49.2385, 28.4905)
        #expect(object.latitude == 49.2385 && object.longitude == 28.4905)
        let unplaced = try placed(nil, nil)
        #expect(unplaced.latitude == nil && unplaced.longitude == nil)
        #expect(throws: PropertyError.placeIncomplete) { try placed(49.2385, nil) }
        #expect(throws: PropertyError.placeIncomplete) { try placed(nil, 28.4905) }
    }

    @Test func anObjectsPlaceLiesWithinTheCitysTerritory() throws {
        // Kyiv is no place in Вінниця; neither is a latitude past the pole or a number that is none.
        #expect(throws: PropertyError.placeOutsideCity) { try placed(50.45, 30.52) }
        #expect(throws: PropertyError.placeOutsideCity) { try placed(91, 28.4905) }
        #expect(throws: PropertyError.placeOutsideCity) { try placed(49.2385, .infinity) }
        #expect(throws: PropertyError.placeOutsideCity) { try placed(.nan, 28.4905) }
        // The territory's edge is still the city.
        #expect(try placed(49.32, 28.62).latitude == 49.32)
    }

    @Test func anObjectRecordedBeforePlacesStillReads() throws {
        let stored = #"""
            {"id":"qd4h9m8q1239zavyjrcyvkq58m","municipalityID":"vinnytsia","kind":"premises","title":"Приміщення для громадської організації",
             "address":"вул. Театральна, 15","areaM2":54.3,"balanceHolder":"Департамент комунального майна","leaseList":"second"}
            """#
        let object = try JSONDecoder().decode(PropertyObject.self, from: Data(stored.utf8))
        #expect(object.title == "Приміщення для громадської організації" && object.latitude == nil && object.longitude == nil)
    }

    @Test func aLeaseWithThePreEmptiveRightNamesTheCurrentTenant() throws {
        let object = try premises(), tenant = AccountID(rawValue: "tenant")
        func announce(_ procedure: AuctionProcedure, tenant: AccountID?) throws(PropertyError) -> Lot {
            try Lot.announced(
                title: "Оренда приміщення на Соборній, 64", object: object, procedure: procedure, value: Money(hryvnias: 100_000),
                minimalStep: .percent(basisPoints: 100), guarantee: Money(hryvnias: 10_000), registrationFee: Money(hryvnias: 200),
                tenderPeriodEnd: now.addingTimeInterval(86_400), auctionStart: now.addingTimeInterval(2 * 86_400), tenant: tenant, at: now)
        }
        #expect(throws: PropertyError.tenantRequired) { try announce(.leasePreemptive, tenant: nil) }
        #expect(try announce(.leasePreemptive, tenant: tenant).tenantAccountID == tenant)
        // Without the right, nobody may match: a tenant named by mistake is not kept.
        #expect(try announce(.leaseEnglish, tenant: tenant).tenantAccountID == nil)
    }

    @Test func aLotsTermsAreCheckedWhenAnnounced() throws {
        let object = try premises()
        func announce(value: Int64 = 100_000, step: MinimalStep = .percent(basisPoints: 100), guarantee: Int64 = 10_000,
                      tenderEnd: TimeInterval = 86_400, auction: TimeInterval = 2 * 86_400) throws(PropertyError) -> Lot {
            try Lot.announced(
                title: "Оренда приміщення на Соборній, 64", object: object, procedure: .leaseEnglish, value: Money(hryvnias: value),
                minimalStep: step, guarantee: Money(hryvnias: guarantee), registrationFee: Money(hryvnias: 200),
                tenderPeriodEnd: now.addingTimeInterval(tenderEnd), auctionStart: now.addingTimeInterval(auction), at: now)
        }
        let lot = try announce()
        #expect(lot.status == .activeTendering && lot.municipalityID == vinnytsia && lot.startValue == Money(hryvnias: 100_000))
        #expect(throws: PropertyError.valueInvalid) { try announce(value: 0) }
        #expect(throws: PropertyError.minimalStepInvalid) { try announce(step: .percent(basisPoints: 0)) }
        #expect(throws: PropertyError.minimalStepInvalid) { try announce(step: .amount(Money(hryvnias: 100_000))) }
        #expect(throws: PropertyError.guaranteeInvalid) { try announce(guarantee: 200_000) }
        #expect(throws: PropertyError.tenderPeriodInvalid) { try announce(tenderEnd: -1) }
        #expect(throws: PropertyError.auctionStartInvalid) { try announce(tenderEnd: 86_400, auction: 3_600) }
    }
}
