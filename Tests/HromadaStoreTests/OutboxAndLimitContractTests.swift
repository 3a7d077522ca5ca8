import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// Issue 13: the repository halves of "only failures count" and "no live
/// link or old letter stays in the outbox", on both databases.
@Suite struct OutboxAndLimitContractTests {
    @Test(arguments: TestDatabase.available)
    func aRefundedAttemptNoLongerCountsAndACounterNeverGoesBelowZero(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let counters = [(rule: "signin-ip", subject: "203.0.113.9", windowStart: Int64(600)), (rule: "signin-device", subject: "n1", windowStart: 600)]
            #expect(try await store.write { try await $0.rateLimits.hit(counters) } == [1, 1])
            #expect(try await store.write { try await $0.rateLimits.hit(counters) } == [2, 2])
            try await store.write { try await $0.rateLimits.refund(counters) }
            #expect(try await store.write { try await $0.rateLimits.hit(counters) } == [2, 2])
            for _ in 0..<4 { try await store.write { try await $0.rateLimits.refund(counters) } }
            #expect(try await store.write { try await $0.rateLimits.hit(counters) } == [1, 1])
            // Refunding a window that has no counter creates none.
            try await store.write { try await $0.rateLimits.refund([(rule: "signin-ip", subject: "203.0.113.9", windowStart: 1200)]) }
            #expect(try await store.write { try await $0.rateLimits.hit(rule: "signin-ip", subject: "203.0.113.9", windowStart: 1200) } == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func usingALinkDeletesTheLettersThatCarriedItAndRetiresItsSiblings(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let person = try await insertAccounts(store, "olena@example.com")[0]
            var first = OutboxMessage(municipalityID: nil, recipient: "olena@example.com", subject: "reset", body: "link one", createdAt: t0)
            first.linkDigest = "digest-1"
            var second = OutboxMessage(municipalityID: nil, recipient: "olena@example.com", subject: "reset", body: "link two", createdAt: t0)
            second.linkDigest = "digest-2"
            let plain = OutboxMessage(municipalityID: nil, recipient: "olena@example.com", subject: "news", body: "no link", createdAt: t0)
            let letters = [first, second, plain]
            try await store.write { tx in
                for message in letters { try await tx.outbox.enqueue(message) }
                for digest in ["digest-1", "digest-2"] {
                    try await tx.emailTokens.create(digest: digest, account: person.id, purpose: .resetPassword, at: t0, expiresAt: t0.addingTimeInterval(3600))
                }
                try await tx.emailTokens.create(digest: "confirm-1", account: person.id, purpose: .confirmEmail, at: t0, expiresAt: t0.addingTimeInterval(3600))
            }
            let retired = try await store.write { tx in
                _ = try await tx.emailTokens.consume(digest: "digest-2", purpose: .resetPassword, at: t0)
                let others = try await tx.emailTokens.retireAll(of: person.id, purpose: .resetPassword, at: t0)
                try await tx.outbox.deleteLetters(carrying: ["digest-2"] + others)
                return others
            }
            #expect(retired == ["digest-1"])
            #expect(try await store.read { try await $0.emailTokens.account(digest: "digest-1", purpose: .resetPassword, at: t0) } == nil)
            // Another purpose's link is untouched.
            #expect(try await store.read { try await $0.emailTokens.account(digest: "confirm-1", purpose: .confirmEmail, at: t0) } == person.id)
            #expect(try await store.read { try await $0.outbox.recent(limit: 10) }.map(\.id) == [plain.id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func deliveredLettersArePurgedByAgeAndWaitingOnesAreKept(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let old = OutboxMessage(municipalityID: nil, recipient: "a@example.com", subject: "s", body: "old", createdAt: t0)
            let recent = OutboxMessage(municipalityID: nil, recipient: "b@example.com", subject: "s", body: "recent", createdAt: t0)
            let waiting = OutboxMessage(municipalityID: nil, recipient: "c@example.com", subject: "s", body: "waiting", createdAt: t0)
            let abandoned = OutboxMessage(municipalityID: nil, recipient: "d@example.com", subject: "s", body: "given up", createdAt: t0)
            try await store.write { tx in
                for message in [old, recent, waiting, abandoned] { try await tx.outbox.enqueue(message) }
                try await tx.outbox.markSent(old.id, at: t0)
                try await tx.outbox.markSent(recent.id, at: t0.addingTimeInterval(3000))
                for attempt in 0..<10 { try await tx.outbox.markFailed(abandoned.id, attempts: Int64(attempt), error: "550", at: t0) }
            }
            let now = t0.addingTimeInterval(3700)
            let purged = try await store.write {
                try await $0.outbox.purge(deliveredBefore: now.addingTimeInterval(-3600), abandonedBefore: now.addingTimeInterval(-7 * 86_400))
            }
            #expect(purged == 1)
            #expect(Set(try await store.read { try await $0.outbox.recent(limit: 10) }.map(\.id)) == [recent.id, waiting.id, abandoned.id])
            // A week on, the letter given up on goes too; the waiting one stays until it is sent.
            let later = t0.addingTimeInterval(8 * 86_400)
            try await store.write { _ = try await $0.outbox.purge(deliveredBefore: later.addingTimeInterval(-3600), abandonedBefore: later.addingTimeInterval(-7 * 86_400)) }
            #expect(try await store.read { try await $0.outbox.recent(limit: 10) }.map(\.id) == [waiting.id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLetterRefusedForGoodIsNeitherDueNorKeptPastTheRetention(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let refused = OutboxMessage(municipalityID: nil, recipient: "gone@example.com", subject: "s", body: "b", createdAt: t0)
            let busy = OutboxMessage(municipalityID: nil, recipient: "busy@example.com", subject: "s", body: "b", createdAt: t0)
            try await store.write { tx in
                for message in [refused, busy] { try await tx.outbox.enqueue(message) }
                try await tx.outbox.markRefused(refused.id, error: "RCPT TO answered 550")
                try await tx.outbox.markFailed(busy.id, attempts: 0, error: "RCPT TO answered 450", at: t0)
            }
            let later = t0.addingTimeInterval(86_400)
            #expect(try await store.read { try await $0.outbox.due(at: later, limit: 10) }.map(\.id) == [busy.id])
            let week = t0.addingTimeInterval(8 * 86_400)
            try await store.write { _ = try await $0.outbox.purge(deliveredBefore: week.addingTimeInterval(-3600), abandonedBefore: week.addingTimeInterval(-7 * 86_400)) }
            #expect(try await store.read { try await $0.outbox.recent(limit: 10) }.map(\.id) == [busy.id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func theBacklogCountsLettersWaitingAndGivenUpAndDatesTheOldestWaiting(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            #expect(try await store.read { try await $0.outbox.backlog() } == (0, nil, 0))
            let oldest = OutboxMessage(municipalityID: nil, recipient: "a@example.com", subject: "s", body: "b", createdAt: t0)
            let newer = OutboxMessage(municipalityID: nil, recipient: "b@example.com", subject: "s", body: "b", createdAt: t0.addingTimeInterval(60))
            let sent = OutboxMessage(municipalityID: nil, recipient: "c@example.com", subject: "s", body: "b", createdAt: t0.addingTimeInterval(-600))
            let refused = OutboxMessage(municipalityID: nil, recipient: "d@example.com", subject: "s", body: "b", createdAt: t0.addingTimeInterval(-900))
            try await store.write { tx in
                for message in [oldest, newer, sent, refused] { try await tx.outbox.enqueue(message) }
                try await tx.outbox.markSent(sent.id, at: t0)
                try await tx.outbox.markRefused(refused.id, error: "550")
                // A failed attempt keeps a letter waiting.
                try await tx.outbox.markFailed(newer.id, attempts: 0, error: "450", at: t0)
            }
            let backlog = try await store.read { try await $0.outbox.backlog() }
            #expect(backlog.pending == 2)
            #expect(backlog.oldestPending == t0)
            #expect(backlog.abandoned == 1)
        }
    }
}
