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

    func document(_ title: String, of object: PropertyObject, by account: AccountID, bytes: [UInt8]) -> PropertyDocument {
        PropertyDocument(
            id: .random(), municipalityID: object.municipalityID, objectID: object.id, title: title, mediaType: PropertyDocumentRules.mediaType,
            byteCount: bytes.count, sha256: String(repeating: "b", count: 64), uploadedBy: account, uploadedAt: t0)
    }

    @Test(arguments: TestDatabase.available)
    func documentsKeepTheirBytesOrderAndCity(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let organiser = try await insertAccounts(store, "organiser@example.com")[0]
            let premises = try object("Приміщення на Соборній", in: vinnytsia), other = try object("Інше приміщення", in: vinnytsia)
            try await store.write { tx in
                try await tx.auctions.insert(premises, at: t0)
                try await tx.auctions.insert(other, at: t0)
            }
            // Every byte value, so nothing is lost to text encodings.
            let contents = (0..<3).map { shift in Array("%PDF-1.7\n".utf8) + (0..<256).map { UInt8(($0 + shift) % 256) } }
            let documents = contents.enumerated().map { document("Документ \($0)", of: premises, by: organiser.id, bytes: $1) }
            for (document, bytes) in zip(documents, contents) {
                try await store.write { try await $0.propertyDocuments.insert(document, bytes: bytes) }
            }
            let city = vinnytsia, elsewhere = zhmerynka, id = premises.id, otherID = other.id
            // Added in the same second, listed in the order added.
            #expect(try await store.read { try await $0.propertyDocuments.documents(of: id, in: city) }.map(\.title) == ["Документ 0", "Документ 1", "Документ 2"])
            #expect(try await store.read { try await $0.propertyDocuments.documents(of: id, in: elsewhere) }.isEmpty)
            #expect(try await store.read { try await $0.propertyDocuments.documents(of: otherID, in: city) }.isEmpty)
            #expect(try await store.read { try await $0.propertyDocuments.document(documents[1].id, in: city) } == documents[1])
            #expect(try await store.read { try await $0.propertyDocuments.document(documents[1].id, in: elsewhere) } == nil)
            #expect(try await store.read { try await $0.propertyDocuments.bytes(of: documents[2].id, in: city) } == contents[2])
            #expect(try await store.read { try await $0.propertyDocuments.bytes(of: documents[2].id, in: elsewhere) } == nil)
            #expect(try await store.read { try await $0.propertyDocuments.count(of: id, in: city) } == 3)
            #expect(try await store.read { try await $0.propertyDocuments.count(of: id, in: elsewhere) } == 0)
        }
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
