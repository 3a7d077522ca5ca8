import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct PropertyRegisterContractTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")

    func object(_ title: String, in city: MunicipalityID) throws -> PropertyObject {
        try PropertyObject.recorded(
            kind: .premises, title: title, address: "вул. Соборна, 64", areaM2: 86.4, cadastralNumber: nil, latitude: 49.2331, longitude: 28.4682,
            balanceHolder: "КП «Вінницька міська нерухомість»", leaseList: .first, in: city)
    }

    func lot(_ title: String, on object: PropertyObject) throws -> Lot {
        try Lot.announced(
            title: title, object: object, procedure: .leaseEnglish, value: Money(hryvnias: 10_000), minimalStep: .percent(basisPoints: 100),
            guarantee: Money(hryvnias: 1_000), registrationFee: Money(hryvnias: 200), tenderPeriodEnd: t0.addingTimeInterval(3_600),
            auctionStart: t0.addingTimeInterval(7_200), at: t0)
    }

    @Test(arguments: TestDatabase.available)
    func anObjectsLotsAreItsOwnInTheOrderAnnounced(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let premises = try object("Приміщення на Соборній", in: vinnytsia), other = try object("Кіоск біля ринку", in: vinnytsia)
            let first = try lot("Оренда, перший аукціон", on: premises), second = try lot("Оренда, повторний аукціон", on: premises)
            let kiosk = try lot("Оренда кіоску", on: other)
            try await store.write { tx in
                try await tx.auctions.insert(premises, at: t0)
                try await tx.auctions.insert(other, at: t0)
                try await tx.auctions.insert(first, at: t0)
                try await tx.auctions.insert(kiosk, at: t0)
                try await tx.auctions.insert(second, at: t0)
            }
            let city = vinnytsia, elsewhere = zhmerynka, id = premises.id
            let history = try await store.read { try await $0.auctions.lots(of: id, in: city) }
            #expect(history.map(\.lot.id) == [first.id, second.id] && history.map(\.number) == [1, 3])
            #expect(try await store.read { try await $0.auctions.lots(of: id, in: elsewhere) }.isEmpty)
            let grouped = try await store.read { try await $0.auctions.lotsByObject(in: city) }
            #expect(grouped[premises.id]?.map(\.id) == [first.id, second.id] && grouped[other.id]?.map(\.id) == [kiosk.id])
            #expect(try await store.read { try await $0.auctions.lotsByObject(in: elsewhere) }.isEmpty)
        }
    }
}
