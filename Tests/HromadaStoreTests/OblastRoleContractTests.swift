import Foundation
import HromadaDomain
import HromadaTestSupport
import SQLKit
import Testing
@testable import HromadaStore

/// `oblast_role_grants` on both databases: grants held once per oblast,
/// revoked, kept apart from the cities' `role_grants`, and decided once
/// under a crowd of identical grants.
@Suite struct OblastRoleContractTests {
    static let khmelnytska = Oblast(
        id: .init(rawValue: "khmelnytska"), slug: Slug(rawValue: "khmelnytska"), name: .init(uk: "Хмельницька область", en: "Khmelnytskyi Oblast"))

    @Test(arguments: TestDatabase.available)
    func oblastGrantsAreHeldOncePerOblastAndRevoked(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            try await store.write { try await $0.municipalities.insert(Self.khmelnytska) }
            let person = try await insertAccounts(store, "oblast@example.com")[0]
            let role = OblastGrant.role(.oblastAdmin), brand = OblastGrant.capability(.editOblastBrand)
            #expect(try await store.write { try await $0.oblastRoles.grant(role, to: person.id, in: oblast.id, by: nil, at: t0) })
            #expect(try await store.write { try await $0.oblastRoles.grant(role, to: person.id, in: oblast.id, by: nil, at: t0) } == false)
            #expect(try await store.write { try await $0.oblastRoles.grant(brand, to: person.id, in: Self.khmelnytska.id, by: nil, at: t0) })
            #expect(try await store.read { try await $0.oblastRoles.grants(of: person.id) } == [oblast.id: [role], Self.khmelnytska.id: [brand]])
            #expect(try await store.write { try await $0.oblastRoles.revoke(role, from: person.id, in: oblast.id) })
            #expect(try await store.write { try await $0.oblastRoles.revoke(role, from: person.id, in: oblast.id) } == false)
            // Revoking in one oblast leaves the other's grant alone.
            #expect(try await store.read { try await $0.oblastRoles.grants(of: person.id) } == [Self.khmelnytska.id: [brand]])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCitysGrantsAndAnOblastsLiveApart(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let person = try await insertAccounts(store, "both@example.com")[0]
            let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
            #expect(try await store.write { try await $0.roles.grant(.role(.admin), to: person.id, in: vinnytsia, by: nil, at: t0) })
            #expect(try await store.read { try await $0.oblastRoles.grants(of: person.id) }.isEmpty)
            #expect(try await store.write { try await $0.oblastRoles.grant(.role(.oblastAdmin), to: person.id, in: oblast.id, by: nil, at: t0) })
            #expect(try await store.read { try await $0.roles.grants(of: person.id) } == [vinnytsia: [.role(.admin)]])
            // A city's names stored as an oblast's (by hand, or by a newer release) are kept and give nothing.
            try await store.write { tx in
                for name in ["admin", "budgets.manage", "Not A Grant"] {
                    try await tx.db.raw("""
                        INSERT INTO oblast_role_grants (oblast_id, account_id, role, granted_by, granted_at)
                        VALUES (\(bind: oblast.id.rawValue), \(bind: person.id.rawValue), \(bind: name), NULL, 0)
                        """).run()
                }
            }
            #expect(try await store.read { try await $0.oblastRoles.grants(of: person.id) } == [oblast.id: [.role(.oblastAdmin)]])
            let staff = try await store.read { try await $0.oblastRoles.staff(in: oblast.id) }
            #expect(staff.map(\.grants) == [[.role(.oblastAdmin)]])
        }
    }

    @Test(arguments: TestDatabase.available)
    func fiftySimultaneousIdenticalGrantsLeaveExactlyOneRow(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let person = try await insertAccounts(store, "crowd@example.com")[0]
            let inserted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await store.write { try await $0.oblastRoles.grant(.role(.oblastAdmin), to: person.id, in: oblast.id, by: nil, at: t0) }
                    }
                }
                return try await group.reduce(into: 0) { count, won in if won { count += 1 } }
            }
            #expect(inserted == 1)
            let rows = try await store.read {
                try await $0.db.raw("SELECT COUNT(*) AS n FROM oblast_role_grants WHERE account_id = \(bind: person.id.rawValue)").first()?.int("n")
            }
            #expect(rows == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theStaffListHoldsEachPersonOnceWithTheirGrantsByEmail(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            try await store.write { try await $0.municipalities.insert(Self.khmelnytska) }
            let people = try await insertAccounts(store, "zoya@example.com", "andriy@example.com", "elsewhere@example.com")
            try await store.write { tx in
                _ = try await tx.oblastRoles.grant(.capability(.editOblastBrand), to: people[0].id, in: oblast.id, by: nil, at: t0)
                _ = try await tx.oblastRoles.grant(.capability(.publishOblastReport), to: people[0].id, in: oblast.id, by: nil, at: t0)
                _ = try await tx.oblastRoles.grant(.role(.oblastAdmin), to: people[1].id, in: oblast.id, by: people[0].id, at: t0)
                _ = try await tx.oblastRoles.grant(.role(.oblastAdmin), to: people[2].id, in: Self.khmelnytska.id, by: nil, at: t0)
            }
            let staff = try await store.read { try await $0.oblastRoles.staff(in: oblast.id) }
            #expect(staff.map(\.email.rawValue) == ["andriy@example.com", "zoya@example.com"])
            #expect(staff.map(\.grants) == [[.role(.oblastAdmin)], [.capability(.editOblastBrand), .capability(.publishOblastReport)]])
            #expect(staff.first?.fullName == "Тест andriy@example.com")
            #expect(try await store.read { try await $0.municipalities.oblast(slug: "khmelnytska") } == Self.khmelnytska)
            #expect(try await store.read { try await $0.municipalities.oblast(slug: "kyivska") } == nil)
        }
    }
}
