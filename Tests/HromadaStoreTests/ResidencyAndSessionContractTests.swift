import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct ResidencyContractTests {
    func verification(_ account: AccountID, _ city: String, hash: String) -> ResidencyVerification {
        ResidencyVerification(
            municipalityID: .init(rawValue: city), accountID: account, identityHash: IdentityHash(rawValue: hash),
            birthDate: CalendarDate(year: 1990, month: 1, day: 2), method: .staff, verifiedBy: nil, verifiedAt: t0)
    }

    @Test(arguments: TestDatabase.available)
    func onePersonHoldsOneVerifiedAccountPerMunicipality(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await insertAccounts(store, "a@example.com", "b@example.com")
            let a = people[0], b = people[1]
            #expect(try await store.write { try await $0.residency.insert(verification(a.id, "vinnytsia", hash: "same-person")) })
            #expect(try await store.write { try await $0.residency.insert(verification(b.id, "vinnytsia", hash: "same-person")) } == false)
            #expect(try await store.write { try await $0.residency.insert(verification(a.id, "vinnytsia", hash: "other")) } == false)
            // The same person may be a resident of another municipality's record (e.g. moved).
            #expect(try await store.write { try await $0.residency.insert(verification(b.id, "zhmerynka", hash: "same-person")) })
            let found = try await store.read { try await $0.residency.find(hash: IdentityHash(rawValue: "same-person"), in: .init(rawValue: "vinnytsia")) }
            #expect(found?.accountID == a.id)
            #expect(found?.birthDate == CalendarDate(year: 1990, month: 1, day: 2))
            #expect(try await store.read { try await $0.residency.find(account: b.id, in: .init(rawValue: "vinnytsia")) } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func concurrentVerificationsOfOnePersonLeaveExactlyOne(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let accounts = (0..<40).map { account("p\($0)@example.com") }
            try await store.write { tx in for a in accounts { _ = try await tx.accounts.insert(a) } }
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for a in accounts {
                    group.addTask { try await store.write { try await $0.residency.insert(verification(a.id, "vinnytsia", hash: "one-person")) } }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let count = try await store.read { try await $0.db.raw("SELECT COUNT(*) AS n FROM residency_verifications").first()?.decode(column: "n", as: Int.self) }
            #expect(count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func conflictsAreRecordedPerMunicipality(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await insertAccounts(store, "a@example.com", "b@example.com")
            let a = people[0], b = people[1]
            try await store.write { tx in
                try await tx.residency.recordConflict(in: .init(rawValue: "vinnytsia"), account: b.id, existing: a.id, method: .oidc, attemptedBy: nil, at: t0)
            }
            let vinnytsia = try await store.read { try await $0.residency.conflicts(in: .init(rawValue: "vinnytsia")) }
            #expect(vinnytsia.count == 1)
            #expect(vinnytsia.first?.existingAccountID == a.id)
            #expect(vinnytsia.first?.method == .oidc)
            #expect(try await store.read { try await $0.residency.conflicts(in: .init(rawValue: "zhmerynka")) }.isEmpty)
        }
    }
}

@Suite struct SessionContractTests {
    @Test(arguments: TestDatabase.available)
    func sessionsExpireAndAreKindSpecific(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let person = account("s@example.com")
            _ = try await store.write { try await $0.accounts.insert(person) }
            try await store.write { try await $0.sessions.create(digest: "d1", account: person.id, kind: .browser, at: t0, expiresAt: t0.addingTimeInterval(60)) }
            #expect(try await store.read { try await $0.sessions.account(digest: "d1", kind: .browser, at: t0) } == person.id)
            #expect(try await store.read { try await $0.sessions.account(digest: "d1", kind: .api, at: t0) } == nil)
            #expect(try await store.read { try await $0.sessions.account(digest: "d1", kind: .browser, at: t0.addingTimeInterval(60)) } == nil)
            try await store.write { try await $0.sessions.deleteAll(of: person.id) }
            #expect(try await store.read { try await $0.sessions.account(digest: "d1", kind: .browser, at: t0) } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func emailTokenIsUsedExactlyOnceEvenUnderRace(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let person = account("t@example.com")
            _ = try await store.write { try await $0.accounts.insert(person) }
            try await store.write { try await $0.emailTokens.create(digest: "tok", account: person.id, purpose: .resetPassword, at: t0, expiresAt: t0.addingTimeInterval(3600)) }
            #expect(try await store.read { try await $0.emailTokens.account(digest: "tok", purpose: .confirmEmail, at: t0) } == nil)
            let uses = try await withThrowingTaskGroup(of: AccountID?.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await store.write { try await $0.emailTokens.consume(digest: "tok", purpose: .resetPassword, at: t0) } }
                }
                return try await group.reduce(into: [AccountID?]()) { $0.append($1) }
            }
            #expect(uses.compactMap { $0 } == [person.id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func rateLimitCountsEveryConcurrentHit(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<100 {
                    group.addTask { try await store.write { try await $0.rateLimits.hit(rule: "r", subject: "1.2.3.4", windowStart: 60) } }
                }
                let counts = try await group.reduce(into: [Int64]()) { $0.append($1) }
                #expect(Set(counts).count == 100)
                #expect(counts.max() == 100)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func severalCountersMoveTogetherInOneStatement(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let counters = [(rule: "vote-ip", subject: "1.2.3.4", windowStart: Int64(600)), (rule: "vote-account", subject: "a1", windowStart: Int64(600))]
            #expect(try await store.write { try await $0.rateLimits.hit(counters) } == [1, 1])
            _ = try await store.write { try await $0.rateLimits.hit(rule: "vote-account", subject: "a1", windowStart: 600) }
            #expect(try await store.write { try await $0.rateLimits.hit(counters) } == [2, 3])
        }
    }

    @Test(arguments: TestDatabase.available)
    func pendingLoginIsTakenOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let person = account("o@example.com")
            _ = try await store.write { try await $0.accounts.insert(person) }
            let login = OIDCLoginRepository.PendingLogin(state: "st", municipalityID: .init(rawValue: "vinnytsia"), accountID: person.id, nonce: "n", codeVerifier: "v", createdAt: t0)
            try await store.write { try await $0.oidcLogins.insert(login) }
            #expect(try await store.write { try await $0.oidcLogins.take(state: "st") } == login)
            #expect(try await store.write { try await $0.oidcLogins.take(state: "st") } == nil)
        }
    }

    /// A login begun at ID.GOV.UA comes back naming it, so another provider's callback can refuse it.
    @Test(arguments: TestDatabase.available)
    func pendingLoginRemembersItsProvider(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let person = account("o@example.com")
            _ = try await store.write { try await $0.accounts.insert(person) }
            let login = OIDCLoginRepository.PendingLogin(
                state: "st-idgovua", provider: "idgovua", municipalityID: .init(rawValue: "vinnytsia"), accountID: person.id, nonce: "",
                codeVerifier: "", createdAt: t0)
            try await store.write { try await $0.oidcLogins.insert(login) }
            let taken = try await store.write { try await $0.oidcLogins.take(state: "st-idgovua") }
            #expect(taken == login && taken?.provider == "idgovua")
        }
    }

    @Test(arguments: TestDatabase.available)
    func outboxDeliversDueMessagesAndBacksOffFailures(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let message = OutboxMessage(municipalityID: nil, recipient: "r@example.com", subject: "Тема", body: "Текст", createdAt: t0)
            try await store.write { try await $0.outbox.enqueue(message) }
            #expect(try await store.read { try await $0.outbox.due(at: t0, limit: 10) }.map(\.id) == [message.id])
            try await store.write { try await $0.outbox.markFailed(message.id, attempts: 0, error: "421", at: t0) }
            #expect(try await store.read { try await $0.outbox.due(at: t0.addingTimeInterval(30), limit: 10) }.isEmpty)
            #expect(try await store.read { try await $0.outbox.due(at: t0.addingTimeInterval(61), limit: 10) }.count == 1)
            try await store.write { try await $0.outbox.markSent(message.id, at: t0) }
            #expect(try await store.read { try await $0.outbox.due(at: t0.addingTimeInterval(3600), limit: 10) }.isEmpty)
            #expect(try await store.read { try await $0.outbox.find(id: message.id) }?.sentAt == t0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func concurrentDeliverersNeverClaimTheSameMessage(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await store.write { tx in
                for i in 0..<30 {
                    try await tx.outbox.enqueue(OutboxMessage(municipalityID: nil, recipient: "r\(i)@example.com", subject: "s", body: "b", createdAt: t0))
                }
            }
            let claims = try await withThrowingTaskGroup(of: [OutboxMessageID].self) { group in
                for _ in 0..<6 {
                    group.addTask { try await store.write { try await $0.outbox.claimDue(at: t0, limit: 10) }.map(\.id) }
                }
                return try await group.reduce(into: [OutboxMessageID]()) { $0 += $1 }
            }
            #expect(claims.count == 30)
            #expect(Set(claims).count == 30)
            #expect(try await store.write { try await $0.outbox.claimDue(at: t0.addingTimeInterval(10), limit: 10) }.isEmpty)
            #expect(try await store.write { try await $0.outbox.claimDue(at: t0.addingTimeInterval(301), limit: 100) }.count == 30)
        }
    }

    @Test(arguments: TestDatabase.available)
    func platformSettingsUpsert(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await store.write { try await $0.platformSettings.set("k", "1") }
            try await store.write { try await $0.platformSettings.set("k", "2") }
            #expect(try await store.read { try await $0.platformSettings.value("k") } == "2")
        }
    }
}
