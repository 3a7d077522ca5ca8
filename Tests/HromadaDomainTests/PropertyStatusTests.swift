import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct PropertyStatusTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let now = Date(epochSeconds: 1_900_000_000)

    func lot(_ procedure: AuctionProcedure, _ status: LotStatus) throws -> Lot {
        let object = try PropertyObject.recorded(
            kind: .premises, title: "Нежитлове приміщення", address: "вул. Соборна, 64", areaM2: 86.4, cadastralNumber: nil, latitude: nil,
            longitude: nil, balanceHolder: "КП «Вінницька міська нерухомість»", leaseList: .first, in: vinnytsia)
        var lot = try Lot.announced(
            title: "Лот", object: object, procedure: procedure, value: Money(hryvnias: 10_000), minimalStep: .percent(basisPoints: 100),
            guarantee: Money(hryvnias: 1_000), registrationFee: Money(hryvnias: 200), tenderPeriodEnd: now.addingTimeInterval(60),
            auctionStart: now.addingTimeInterval(120), at: now)
        lot.status = status
        return lot
    }

    @Test func anObjectStandsFreeOnAuctionLeasedOrSoldByItsLots() throws {
        #expect(PropertyStatus(lots: []) == .free)
        #expect(PropertyStatus(lots: [try lot(.leaseEnglish, .unsuccessful), try lot(.leaseEnglish, .cancelled)]) == .free)
        #expect(PropertyStatus(lots: [try lot(.leaseEnglish, .unsuccessful), try lot(.leaseEnglish, .activeTendering)]) == .onAuction)
        #expect(PropertyStatus(lots: [try lot(.landLease, .activeAwarded)]) == .onAuction)
        #expect(PropertyStatus(lots: [try lot(.leaseEnglish, .complete)]) == .leased)
        // A lease ends and the object is offered again: on auction while that lot runs.
        #expect(PropertyStatus(lots: [try lot(.leaseEnglish, .complete), try lot(.leaseEnglish, .activeTendering)]) == .onAuction)
        // Once sold, it is no longer the city's to offer.
        #expect(PropertyStatus(lots: [try lot(.leaseEnglish, .complete), try lot(.privatizationReduced, .complete)]) == .sold)
    }
}
