import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import Business
@testable import HromadaWeb

@testable import Auctions
@testable import Budgets
@testable import Invest
@testable import Petitions
@testable import Strategy
@testable import Visit
@testable import Waste
import HromadaModules

/// Every capability of the platform and of every module (issue 14), tried
/// by a request that needs exactly it: in its own city it works for whoever
/// holds just that capability and for nobody who holds every other one; in
/// another city it is a 404 even for that city's admins. A capability added
/// to the registry without a probe here fails the suite.
@Suite struct CapabilityMatrixTests {
    /// What the probes need from the demo: real ids, so a 404 can only mean "not allowed".
    struct Fixture {
        let votingEdition: String
        let proposalsEdition: String
        let proposedProject: String
        let petition: String

        init(_ harness: WebHarness) async throws {
            let demo = try await DemoBudgets(harness)
            votingEdition = demo.voting.id.rawValue
            proposalsEdition = demo.proposals.id.rawValue
            let city = try await harness.city("vinnytsia"), proposals = demo.proposals.id
            proposedProject = try #require(try await harness.services.store.read { try await $0.budgets.projects(of: proposals, in: city.id) }.first).id.rawValue
            petition = try #require(try await harness.services.store.read {
                try await $0.petitions.petitions(in: city.id, states: [.open, .answered, .closed]).first
            }).petition.id.rawValue
        }
    }

    /// Each capability's request, and whether its answer says it was allowed.
    static func probe(_ capability: Capability, _ city: String, _ fixture: Fixture, _ browser: inout Browser) async throws -> HTTPResponse.Status? {
        _ = try await browser.get("/login")
        switch capability {
        case .viewPeople: return try await browser.get("/\(city)/admin").status
        case .verifyResidentInPerson:
            return try await browser.post("/\(city)/admin/verify", [("email", "nobody@example.com"), ("nationalId", ""), ("birthDate", "")]).status
        case .grantRole: return try await browser.post("/\(city)/admin/roles", [("email", "nobody@example.com"), ("role", "no such role"), ("action", "grant")]).status
        case .editSettings: return try await browser.get("/\(city)/admin/settings").status
        case .editBrand: return try await browser.get("/\(city)/admin/brand").status
        case .manageBudget: return try await browser.get("/\(city)/admin/budgets/new").status
        case .enterPaperBallot: return try await browser.get("/\(city)/admin/budgets/\(fixture.votingEdition)/paper").status
        case .reviewBudgetProject:
            // Infeasible without a reason: refused as content, and nothing changes.
            return try await browser.post(
                "/\(city)/admin/budgets/\(fixture.proposalsEdition)/projects/\(fixture.proposedProject)/review",
                [("decision", "infeasible"), ("reason", "")]).status
        case .moderatePetition: return try await browser.get("/\(city)/admin/petitions").status
        case .answerPetition:
            // Not under consideration: a conflict for whoever may answer, and nothing changes.
            return try await browser.post("/\(city)/petitions/\(fixture.petition)/answer", [("decision", "supported"), ("text", "Так"), ("signedBy", "Міський голова")]).status
        case .manageAuctions: return try await browser.get("/\(city)/admin/property/new").status
        case .manageInvest: return try await browser.get("/\(city)/admin/invest").status
        case .answerEnquiries: return try await browser.get("/\(city)/admin/invest/enquiries").status
        case .editStrategy: return try await browser.get("/\(city)/admin/strategy").status
        case .publishResults: return try await browser.get("/\(city)/admin/results").status
        case .manageWaste: return try await browser.get("/\(city)/admin/waste").status
        case .dispatchWaste: return try await browser.get("/\(city)/admin/waste/letters").status
        case .crewWaste: return try await browser.get("/\(city)/waste/crew").status
        case .moderateComments: return try await browser.get("/\(city)/admin/comments").status
        case .businessProgrammes: return try await browser.get("/\(city)/admin/business/calls/new").status
        // The demo's call in review: its applications for the desk, its score sheets for the committee.
        case .businessReview: return try await browser.get("/\(city)/admin/business/calls/vinnytsia-equipment-2026").status
        case .businessScore: return try await browser.get("/\(city)/admin/business/calls/vinnytsia-equipment-2026/committee").status
        case .businessDirectory: return try await browser.get("/\(city)/admin/business/directory").status
        case .businessEvents: return try await browser.get("/\(city)/admin/business/events").status
        case .visitEdit: return try await browser.get("/\(city)/admin/visit/places/new").status
        case .visitAssess: return try await browser.get("/\(city)/admin/visit/assessments").status
        case .visitCertify: return try await browser.get("/\(city)/admin/visit/certification").status
        default: return nil
        }
    }

    static var registered: [Capability] { ModuleRegistry.standard.capabilities.map(\.capability) }

    @Test(arguments: TestDatabase.available) func everyCapabilityHasAProbe(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await Fixture(harness)
            var browser = Browser(client)
            for capability in Self.registered {
                #expect(try await Self.probe(capability, "vinnytsia", fixture, &browser) != nil, "no probe for \(capability)")
            }
        }
    }

    @Test(arguments: registered)
    func aCapabilityWorksForItsHolderAloneAndOnlyInItsCity(_ capability: Capability) async throws {
        try await WebHarness.run { harness, client in
            let fixture = try await Fixture(harness)
            let vinnytsia = try await harness.city("vinnytsia")
            let holder = try await harness.makeAccount("holder@example.com")
            try await harness.services.roles.grant(.capability(capability), to: holder.id, in: vinnytsia.id, by: nil)
            let others = try await harness.makeAccount("others@example.com")
            for other in Self.registered where other != capability {
                try await harness.services.roles.grant(.capability(other), to: others.id, in: vinnytsia.id, by: nil)
            }
            var browser = Browser(client)
            try await browser.signIn("holder@example.com")
            let allowed = try #require(try await Self.probe(capability, "vinnytsia", fixture, &browser))
            #expect(allowed != .notFound && allowed != .unauthorized && allowed.code < 500, "\(capability) for its holder: \(allowed)")
            browser = Browser(client)
            try await browser.signIn("others@example.com")
            #expect(try await Self.probe(capability, "vinnytsia", fixture, &browser) == .notFound, "\(capability) without it")
            // Вінниця's admin holds everything there, and nothing in Жмеринка.
            browser = Browser(client)
            try await browser.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            #expect(try await Self.probe(capability, "zhmerynka", fixture, &browser) == .notFound, "\(capability) in another city")
        }
    }

    @Test(arguments: TestDatabase.available) func anAdminGrantsASingleCapabilityAndCannotGiveMoreThanSheHolds(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let vinnytsia = try await harness.city("vinnytsia")
            try await harness.makeAccount("clerk@example.com")
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let desk = try await admin.get("/vinnytsia/admin")
            #expect(desk.body.contains(#"<option value="budgets.paper_ballots">"#) && desk.body.contains("Вносити паперові бюлетені"))
            let granted = try await admin.post("/vinnytsia/admin/roles", [("email", "clerk@example.com"), ("role", "budgets.paper_ballots"), ("action", "grant")])
            #expect(granted.status == .seeOther || granted.status == .ok)
            let clerk = try await harness.principal("clerk@example.com")
            #expect(clerk.may(.enterPaperBallot, in: vinnytsia.id) && !clerk.may(.manageBudget, in: vinnytsia.id) && !clerk.may(.viewPeople, in: vinnytsia.id))
            // A capability that exists nowhere is refused as content.
            let unknown = try await admin.post("/vinnytsia/admin/roles", [("email", "clerk@example.com"), ("role", "casino.run"), ("action", "grant")])
            #expect(unknown.status == .unprocessableContent)
            // Someone who may grant but holds only some capabilities gives only those.
            let granter = try await harness.makeAccount("granter@example.com")
            for capability in [Capability.grantRole, .viewPeople, .moderatePetition] {
                try await harness.services.roles.grant(.capability(capability), to: granter.id, in: vinnytsia.id, by: nil)
            }
            var limited = Browser(client)
            try await limited.signIn("granter@example.com")
            _ = try await limited.get("/vinnytsia/admin")
            let beyond = try await limited.post("/vinnytsia/admin/roles", [("email", "clerk@example.com"), ("role", "admin"), ("action", "grant")])
            #expect(beyond.status == .unprocessableContent && beyond.body.contains("лише ті права, які маєте ви самі"))
            #expect(try await harness.principal("clerk@example.com").roles[vinnytsia.id] == nil)
            let within = try await limited.post("/vinnytsia/admin/roles", [("email", "clerk@example.com"), ("role", "petitions.moderate"), ("action", "grant")])
            #expect(within.status == .seeOther || within.status == .ok)
            #expect(try await harness.principal("clerk@example.com").may(.moderatePetition, in: vinnytsia.id))
        }
    }
}
