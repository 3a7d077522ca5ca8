import HromadaDomain
import Testing
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// Oblast staff (issue 14): an oblast's grants and a city's are kept apart,
/// and only platform admins decide the oblast's.
@Suite struct OblastRuleTests {
    let vinnytska = OblastID(rawValue: "vinnytska")
    let khmelnytska = OblastID(rawValue: "khmelnytska")
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let oblastCapabilities: [Capability] = [.editOblastPassport, .publishOblastReport, .editOblastCatalogue, .editOblastBrand]
    let cityCapabilities: [Capability] = [.viewPeople, .verifyResidentInPerson, .grantRole, .editSettings, .reviewBudgetProject,
                                          .enterPaperBallot, .manageBudget, .moderatePetition, .answerPetition, .manageAuctions]

    @Test func aCityGrantGivesNothingInTheOblast() {
        // Even a city set that somehow names the oblast's capabilities.
        let cityAdmin = Principal(
            accountID: .init(rawValue: "a"), isPlatformAdmin: false, roles: [vinnytsia: [.admin]],
            capabilities: [vinnytsia: Set(cityCapabilities + oblastCapabilities)])
        for capability in oblastCapabilities + cityCapabilities {
            #expect(!cityAdmin.may(capability, inOblast: vinnytska), "\(capability)")
        }
        #expect(!cityAdmin.isStaff(inOblast: vinnytska))
    }

    @Test func anOblastGrantGivesNothingInACity() {
        let oblastAdmin = Principal(
            accountID: .init(rawValue: "o"), isPlatformAdmin: false, oblastRoles: [vinnytska: [.oblastAdmin]],
            oblastCapabilities: [vinnytska: Set(oblastCapabilities + cityCapabilities)])
        for capability in oblastCapabilities + cityCapabilities {
            #expect(!oblastAdmin.may(capability, in: vinnytsia), "\(capability)")
        }
        #expect(oblastAdmin.may(.editOblastPassport, inOblast: vinnytska))
    }

    @Test func anOblastCapabilityCountsOnlyInItsOblast() {
        let brand = Principal(accountID: .init(rawValue: "b"), isPlatformAdmin: false, oblastCapabilities: [vinnytska: [.editOblastBrand]])
        #expect(brand.may(.editOblastBrand, inOblast: vinnytska))
        #expect(brand.isStaff(inOblast: vinnytska))
        #expect(!brand.may(.editOblastBrand, inOblast: khmelnytska))
        #expect(!brand.isStaff(inOblast: khmelnytska))
        for capability in oblastCapabilities where capability != .editOblastBrand {
            #expect(!brand.may(capability, inOblast: vinnytska), "\(capability)")
        }
    }

    @Test func onlyPlatformAdminsGrantOblastRoles() {
        let cityAdmin = Principal(
            accountID: .init(rawValue: "a"), isPlatformAdmin: false, capabilities: [vinnytsia: Set(cityCapabilities)])
        let oblastAdmin = Principal(
            accountID: .init(rawValue: "o"), isPlatformAdmin: false, oblastRoles: [vinnytska: [.oblastAdmin]],
            oblastCapabilities: [vinnytska: Set(oblastCapabilities)])
        let platformAdmin = Principal(accountID: .init(rawValue: "p"), isPlatformAdmin: true)
        #expect(!cityAdmin.mayGrantOblastRoles)
        #expect(!oblastAdmin.mayGrantOblastRoles)
        #expect(platformAdmin.mayGrantOblastRoles)
    }

    @Test func platformAdminsMayEverythingInEveryOblast() {
        let platformAdmin = Principal(accountID: .init(rawValue: "p"), isPlatformAdmin: true)
        for oblast in [vinnytska, khmelnytska] {
            #expect(platformAdmin.isStaff(inOblast: oblast))
            for capability in oblastCapabilities { #expect(platformAdmin.may(capability, inOblast: oblast)) }
        }
    }

    @Test func anOblastGrantIsAnOblastRoleOrAnOblastCapability() {
        #expect(OblastGrant(rawValue: "oblast_admin") == .role(.oblastAdmin))
        #expect(OblastGrant(rawValue: "oblast.edit_passport") == .capability(.editOblastPassport))
        // A city's role or capability is not an oblast's grant.
        for bad in ["admin", "moderator", "citizen", "budgets.manage", "platform.grant_roles", "", "oblast", "oblast.", ".edit_brand",
                    "Oblast.edit_brand", "oblast.edit.brand", "oblast.edit_brand; DROP"] {
            #expect(OblastGrant(rawValue: bad) == nil, "\(bad)")
        }
        for capability in oblastCapabilities { #expect(capability.isOblastCapability, "\(capability)") }
        for capability in cityCapabilities { #expect(!capability.isOblastCapability, "\(capability)") }
    }
}
