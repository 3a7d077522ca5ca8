import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// Issue 13, finding 7: identity is not residence.
@Suite struct ResidencyEvidenceRulesTests {
    static func city(acceptsIdentity: Bool = false) -> Municipality {
        var settings = MunicipalitySettings()
        settings.acceptsIdentityAsResidency = acceptsIdentity
        return Municipality(
            id: .init(rawValue: "bar"), oblastID: .init(rawValue: "vinnytska"), slug: Slug(rawValue: "bar"),
            name: .init(uk: "Бар", en: "Bar"), population: 15_000, areaKm2: 12, settings: settings)
    }

    @Test func identityAloneIsNotResidenceUnlessTheCityAcceptsIt() {
        #expect(!ResidencyRules.provesResidence(.identity, in: Self.city()))
        #expect(ResidencyRules.provesResidence(.identity, in: Self.city(acceptsIdentity: true)))
    }

    @Test func anInPersonCheckIsResidenceEverywhere() {
        #expect(ResidencyRules.provesResidence(.inPerson, in: Self.city()))
    }

    @Test func anAddressInTheCityIsResidenceThere() {
        for locality in ["Бар", "м. Бар", "м.Бар", "місто Бар", "БАР", " Bar ", "city Bar"] {
            #expect(ResidencyRules.provesResidence(.identityAndAddress(locality: locality), in: Self.city()), "\(locality)")
        }
    }

    @Test func anAddressElsewhereIsNotResidenceHere() {
        for locality in ["Вінниця", "Барвінкове", "", "м."] {
            #expect(!ResidencyRules.provesResidence(.identityAndAddress(locality: locality), in: Self.city()), "\(locality)")
        }
        // Where identity alone is enough, an address elsewhere does not take that away.
        #expect(ResidencyRules.provesResidence(.identityAndAddress(locality: "Вінниця"), in: Self.city(acceptsIdentity: true)))
    }

    @Test func citiesDoNotAcceptIdentityAsResidenceByDefault() throws {
        #expect(MunicipalitySettings().acceptsIdentityAsResidency == false)
        // Settings stored before the setting existed read as off.
        let old = try JSONDecoder().decode(MunicipalitySettings.self, from: Data(#"{"petitionSignatureThreshold": 100}"#.utf8))
        #expect(old.acceptsIdentityAsResidency == false)
        var on = MunicipalitySettings()
        on.acceptsIdentityAsResidency = true
        let back = try JSONDecoder().decode(MunicipalitySettings.self, from: JSONEncoder().encode(on))
        #expect(back.acceptsIdentityAsResidency)
    }
}
