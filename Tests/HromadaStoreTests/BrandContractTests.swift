import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore

/// `brands` on both databases: a city's and an oblast's brand apart, the
/// version growing at each save, the logo and font kept whole.
@Suite struct BrandContractTests {
    static let logo = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><title>Вінниця</title><circle cx="2" cy="2" r="2" fill="#0f766e"/></svg>"##

    static func brand() throws -> Brand {
        guard let primary = HexColour("#0f766e") else { throw StoreError.unexpectedResult("colour") }
        var colours = BrandColours.platform
        colours.primary = primary
        return Brand(
            colours: colours, sloganUK: "Вінниця — місто ідей", sloganEN: "Vinnytsia — a city of ideas",
            logo: try SVGLogo(validating: Array(logo.utf8)),
            font: try BrandFont(family: "Ideas Sans", bytes: Array("wOF2".utf8) + [UInt8](repeating: 7, count: 100)))
    }

    @Test(arguments: TestDatabase.available)
    func aSavedBrandReadsBackWholeAndItsVersionGrows(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let admin = try await insertAccounts(store, "brand@example.com")[0]
            let city = BrandOwner.city(MunicipalityID(rawValue: "vinnytsia"))
            #expect(try await store.read { try await $0.brands.summary(of: city) } == nil)
            let brand = try Self.brand()
            #expect(try await store.write { try await $0.brands.save(brand, of: city, by: admin.id, at: t0) } == 1)
            let stored = try await store.read { try await $0.brands.brand(of: city) }
            #expect(stored?.brand == brand && stored?.version == 1)
            let summary = try await store.read { try await $0.brands.summary(of: city) }
            #expect(summary?.hasLogo == true && summary?.fontFamily == "Ideas Sans" && summary?.slogan(in: .en) == "Vinnytsia — a city of ideas")
            #expect(try await store.read { try await $0.brands.logo(of: city) } == brand.logo?.bytes)
            #expect(try await store.read { try await $0.brands.font(of: city) } == brand.font?.bytes)

            var plain = brand
            plain.logo = nil
            plain.font = nil
            plain.sloganEN = nil
            let saved = plain
            #expect(try await store.write { try await $0.brands.save(saved, of: city, by: admin.id, at: t0) } == 2)
            let again = try await store.read { try await $0.brands.summary(of: city) }
            #expect(again?.hasLogo == false && again?.fontFamily == nil && again?.version == 2 && again?.sloganEN == nil)
            #expect(try await store.read { try await $0.brands.logo(of: city) } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCitysBrandAndItsOblastsLiveApart(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let brand = try Self.brand()
            _ = try await store.write { try await $0.brands.save(brand, of: .oblast(oblast.id), by: nil, at: t0) }
            #expect(try await store.read { try await $0.brands.summary(of: .oblast(oblast.id)) }?.version == 1)
            #expect(try await store.read { try await $0.brands.summary(of: .city(MunicipalityID(rawValue: "vinnytsia"))) } == nil)
            _ = try await store.write { try await $0.brands.save(Brand(), of: .city(MunicipalityID(rawValue: "zhmerynka")), by: nil, at: t0) }
            #expect(try await store.read { try await $0.brands.summary(of: .city(MunicipalityID(rawValue: "zhmerynka"))) }?.version == 1)
            #expect(try await store.read { try await $0.brands.summary(of: .city(MunicipalityID(rawValue: "vinnytsia"))) } == nil)
            #expect(try await store.read { try await $0.brands.brand(of: .oblast(oblast.id)) }?.brand == brand)
        }
    }
}
