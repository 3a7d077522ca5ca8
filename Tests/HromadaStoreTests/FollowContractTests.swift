import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore

/// Following on both databases: one row per person and thing however many
/// clicks arrive at once, events recorded once, each reader once per event,
/// a digest taken by one server only.
@Suite struct FollowContractTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")
    let project = FollowTarget(kind: "budget_project", id: "p1")
    let edition = FollowTarget(kind: "budget_edition", id: "e1")

    func confirmed(_ store: Store, _ emails: String...) async throws -> [AccountID] {
        let accounts = emails.map(account)
        try await store.write { tx in
            for a in accounts {
                _ = try await tx.accounts.insert(a)
                try await tx.db.raw("UPDATE accounts SET email_confirmed_at = \(bind: t0.epochSeconds) WHERE id = \(bind: a.id.rawValue)").run()
            }
        }
        return accounts.map(\.id)
    }

    @Test(arguments: TestDatabase.available)
    func followingIsOnePerPersonAndThingAndKeepsCitiesApart(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await confirmed(store, "a@example.com", "b@example.com")
            let (a, b) = (people[0], people[1])
            #expect(try await store.write { try await $0.follows.follow(self.project, in: self.vinnytsia, by: a, at: t0) })
            #expect(!(try await store.write { try await $0.follows.follow(self.project, in: self.vinnytsia, by: a, at: t0) }))
            try await store.write { _ = try await $0.follows.follow(self.project, in: self.vinnytsia, by: b, at: t0 + 5) }
            try await store.write { _ = try await $0.follows.follow(self.project, in: self.zhmerynka, by: b, at: t0 + 9) }
            #expect(try await store.read { try await $0.follows.followers(of: self.project, in: self.vinnytsia) } == 2)
            #expect(try await store.read { try await $0.follows.followers(of: self.project, in: self.zhmerynka) } == 1)
            #expect(try await store.read { try await $0.follows.isFollowing(self.project, in: self.vinnytsia, by: a) })
            #expect(!(try await store.read { try await $0.follows.isFollowing(self.edition, in: self.vinnytsia, by: a) }))
            let listed = try await store.read { try await $0.follows.follows(of: b) }
            #expect(listed.map(\.city) == [zhmerynka, vinnytsia], "newest first")
            #expect(try await store.write { try await $0.follows.unfollow(self.project, in: self.vinnytsia, by: a) })
            #expect(!(try await store.write { try await $0.follows.unfollow(self.project, in: self.vinnytsia, by: a) }))
            #expect(try await store.read { try await $0.follows.followers(of: self.project, in: self.vinnytsia) } == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoHundredSimultaneousFollowsOfOneThingByOnePersonLeaveOne(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let a = try await confirmed(store, "a@example.com")[0]
            let target = project, city = vinnytsia
            let made = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<200 { group.addTask { try await store.write { try await $0.follows.follow(target, in: city, by: a, at: t0) } } }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(made == 1)
            #expect(try await store.read { try await $0.follows.followers(of: target, in: city) } == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPersonFollowsNoMoreThanTheLimit(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let a = try await confirmed(store, "a@example.com")[0]
            let city = vinnytsia
            try await store.write { tx in
                for n in 0..<FollowRules.mostFollowsPerAccount {
                    _ = try await tx.follows.follow(FollowTarget(kind: "petition", id: "p\(n)"), in: city, by: a, at: t0)
                }
            }
            #expect(!(try await store.write { try await $0.follows.follow(FollowTarget(kind: "petition", id: "one-more"), in: city, by: a, at: t0) }))
            #expect(try await store.read { try await $0.follows.follows(of: a) }.count == FollowRules.mostFollowsPerAccount)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anEventReachesEachFollowerOnceWhoWantsMailAndIsDispatchedOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await confirmed(store, "a@example.com", "b@example.com", "c@example.com", "d@example.com")
            let unconfirmed = try await insertAccounts(store, "u@example.com")[0].id
            let (both, projectOnly, quiet, elsewhere) = (people[0], people[1], people[2], people[3])
            try await store.write { tx in
                _ = try await tx.follows.follow(self.project, in: self.vinnytsia, by: both, at: t0)
                _ = try await tx.follows.follow(self.edition, in: self.vinnytsia, by: both, at: t0)
                _ = try await tx.follows.follow(self.project, in: self.vinnytsia, by: projectOnly, at: t0)
                _ = try await tx.follows.follow(self.edition, in: self.vinnytsia, by: quiet, at: t0)
                _ = try await tx.follows.follow(self.project, in: self.zhmerynka, by: elsewhere, at: t0)
                _ = try await tx.follows.follow(self.project, in: self.vinnytsia, by: unconfirmed, at: t0)
                try await tx.follows.setMail(.none, of: quiet)
                try await tx.follows.setMail(.daily, of: projectOnly)
            }
            let event = FollowEvent(in: vinnytsia, what: "budgets.follow.phase", detail: "budgets.phase.results", about: edition, alsoReaching: [project], at: t0)
            #expect(try await store.write { try await $0.follows.record(event) })
            #expect(!(try await store.write { try await $0.follows.record(event) }), "an event is recorded once")
            let pending = try await store.read { try await $0.follows.pending(limit: 10) }
            #expect(pending.map(\.id) == [event.id] && Set(pending[0].reaches) == [edition, project] && pending[0].detail == "budgets.phase.results")
            let readers = try await store.read { try await $0.follows.readers(of: event) }
            #expect(Set(readers.map(\.account)) == [both, projectOnly] && readers.count == 2)
            #expect(readers.first { $0.account == projectOnly }?.mail == .daily)
            #expect(try await store.write { try await $0.follows.markDispatched(event.id, at: t0) })
            #expect(!(try await store.write { try await $0.follows.markDispatched(event.id, at: t0) }), "another server dispatched it")
            #expect(try await store.read { try await $0.follows.pending(limit: 10) }.isEmpty)
            #expect(try await store.write { try await $0.follows.purgeDispatched(before: t0 + 1) } == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDigestIsTakenOnceAndOnlyWithLinesFromBeforeItsMoment(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let a = try await confirmed(store, "a@example.com")[0]
            try await store.write { tx in
                try await tx.follows.setMail(.daily, of: a)
                try await tx.follows.addDigestLine("перший", for: a, event: "e1", at: t0)
                try await tx.follows.addDigestLine("другий", for: a, event: "e2", at: t0 + 10)
                try await tx.follows.addDigestLine("пізній", for: a, event: "e3", at: t0 + 100)
            }
            #expect(try await store.read { try await $0.follows.digestsDue(before: t0, limit: 10) }.isEmpty)
            #expect(try await store.read { try await $0.follows.digestsDue(before: t0 + 50, limit: 10) } == [a])
            let taken = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<20 { group.addTask { try await store.write { try await $0.follows.takeDigest(of: a, before: t0 + 50) }.map(\.line) } }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(taken.filter { !$0.isEmpty } == [["перший", "другий"]], "one server takes the lines, in order")
            // Choosing no mail drops what waits.
            try await store.write { try await $0.follows.setMail(.none, of: a) }
            #expect(try await store.read { try await $0.follows.digestsDue(before: t0 + 1_000, limit: 10) }.isEmpty)
            #expect(try await store.read { try await $0.follows.mail(of: a) } == NotificationMail.none)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCalendarsMarkMovesForwardForOneServerOnly(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            #expect(try await store.read { try await $0.follows.scheduleLookedUntil() } == nil)
            #expect(try await store.write { try await $0.follows.moveSchedule(from: nil, to: t0) })
            #expect(!(try await store.write { try await $0.follows.moveSchedule(from: nil, to: t0 + 5) }))
            #expect(try await store.write { try await $0.follows.moveSchedule(from: t0, to: t0 + 10) })
            #expect(!(try await store.write { try await $0.follows.moveSchedule(from: t0, to: t0 + 20) }), "another server moved it first")
            #expect(try await store.read { try await $0.follows.scheduleLookedUntil() } == t0 + 10)
        }
    }
}
