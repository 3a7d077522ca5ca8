import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Every role of Vinnytsia against every staff action in Zhmerynka: a 404,
/// and nothing changes.
@Suite struct TenancyMatrixTests {
    enum Actor: String, CaseIterable, CustomTestStringConvertible {
        case anonymous, citizen, moderator, admin
        var testDescription: String { rawValue }
        var role: Role? { Role(rawValue: rawValue) }
    }

    enum Action: String, CaseIterable, CustomTestStringConvertible {
        case viewPeople, grantRole, revokeRole, verifyInPerson, viewSettings, editSettings
        var testDescription: String { rawValue }
    }

    /// Takes the action in `city` as `browser`; returns the status.
    static func take(_ action: Action, in city: String, browser: inout Browser) async throws -> HTTPResponse.Status {
        try await browser.get("/login")
        switch action {
        case .viewPeople:
            return try await browser.get("/\(city)/admin").status
        case .grantRole:
            return try await browser.post("/\(city)/admin/roles", [("email", "victim@example.com"), ("role", "admin"), ("action", "grant")]).status
        case .revokeRole:
            return try await browser.post("/\(city)/admin/roles", [("email", "zhmerynka.admin@demo.hromada.ua"), ("role", "admin"), ("action", "revoke")]).status
        case .verifyInPerson:
            let id = NationalID.make(birthDate: CalendarDate(year: 1970, month: 1, day: 1), serial: 77).digits
            return try await browser.post("/\(city)/admin/verify", [("email", "victim@example.com"), ("nationalId", id), ("birthDate", "")]).status
        case .viewSettings:
            return try await browser.get("/\(city)/admin/settings").status
        case .editSettings:
            return try await browser.post("/\(city)/admin/settings", [
                ("petitionSignatureThreshold", "1"), ("petitionCollectionDays", "1"), ("budgetMinimumAge", "14"), ("contactEmail", ""),
            ]).status
        }
    }

    /// Everything an action could change in Zhmerynka.
    static func snapshot(_ harness: WebHarness) async throws -> String {
        let zhmerynka = try await harness.city("zhmerynka")
        return try await harness.services.store.read { tx in
            let roles = try await tx.db.raw("SELECT account_id, role FROM role_grants WHERE municipality_id = \(bind: zhmerynka.id.rawValue) ORDER BY account_id, role").all()
                .map { "\(try $0.decode(column: "account_id", as: String.self)):\(try $0.decode(column: "role", as: String.self))" }
            let residents = try await tx.db.raw("SELECT account_id FROM residency_verifications WHERE municipality_id = \(bind: zhmerynka.id.rawValue) ORDER BY account_id").all()
                .map { try $0.decode(column: "account_id", as: String.self) }
            let settings = try await tx.municipalities.find(id: zhmerynka.id)?.settings
            return "\(roles)|\(residents)|\(String(describing: settings))"
        }
    }

    @Test(arguments: Actor.allCases, Action.allCases)
    func vinnytsiaStaffCannotTouchZhmerynka(_ actor: Actor, _ action: Action) async throws {
        try await WebHarness.run { harness, client in
            try await harness.makeAccount("victim@example.com")
            var browser = Browser(client)
            if let role = actor.role {
                try await harness.makeAccount("actor@example.com", role: role, in: "vinnytsia")
                try await browser.signIn("actor@example.com")
            }
            let before = try await Self.snapshot(harness)
            let status = try await Self.take(action, in: "zhmerynka", browser: &browser)
            let expected: HTTPResponse.Status = actor == .anonymous ? .unauthorized : .notFound
            #expect(status == expected)
            #expect(try await Self.snapshot(harness) == before)
        }
    }

    /// The same actions in one's own city are allowed exactly by role.
    @Test(arguments: [Actor.citizen, .moderator, .admin], Action.allCases)
    func ownCityActionsFollowTheRole(_ actor: Actor, _ action: Action) async throws {
        try await WebHarness.run { harness, client in
            try await harness.makeAccount("victim@example.com")
            try await harness.makeAccount("actor@example.com", role: actor.role, in: "zhmerynka")
            var browser = Browser(client)
            try await browser.signIn("actor@example.com")
            let status = try await Self.take(action, in: "zhmerynka", browser: &browser)
            let allowed: Bool = switch (actor, action) {
            case (.admin, _): true
            case (.moderator, .viewPeople), (.moderator, .verifyInPerson): true
            default: false
            }
            if allowed {
                #expect([.ok, .seeOther].contains(status), "\(status)")
            } else {
                #expect(status == .notFound)
            }
        }
    }

    @Test(arguments: TestDatabase.available) func platformAdminMayActInEveryCity(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            try await harness.makeAccount("victim@example.com")
            var browser = Browser(client)
            try await browser.signIn("admin@demo.hromada.ua", "hromada-demo-2026")
            for city in ["vinnytsia", "zhmerynka", "khmilnyk", "ladyzhyn"] {
                #expect(try await Self.take(.viewPeople, in: city, browser: &browser) == .ok)
            }
            #expect(try await Self.take(.grantRole, in: "khmilnyk", browser: &browser) == .seeOther)
            let victim = try #require(try await harness.account("victim@example.com"))
            let khmilnyk = try await harness.city("khmilnyk")
            #expect(try await harness.services.store.read { try await $0.roles.grants(of: victim.id) }[khmilnyk.id] == [.role(.admin)])
        }
    }
}
