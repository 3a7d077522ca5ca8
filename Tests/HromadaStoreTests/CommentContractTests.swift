import Foundation
import HromadaDomain
import HromadaTestSupport
import SQLKit
import Testing
@testable import HromadaStore

/// `comments` and `comment_flags` on both databases: a thread in reading
/// order, edits only by the author within the window (checked in the
/// UPDATE itself), one flag per person however many arrive at once,
/// hiding and showing again, the desk's order, counts, and cities apart.
@Suite struct CommentContractTests {
    typealias Comment = HromadaDomain.Comment
    static let vinnytsia = MunicipalityID(rawValue: "vinnytsia"), zhmerynka = MunicipalityID(rawValue: "zhmerynka")
    static let project = CommentSubject(kind: "budget_project", id: "p1")

    static func comment(
        _ id: String, by author: AccountID, on subject: CommentSubject = project, parent: String? = nil, at seconds: TimeInterval = 0,
        in city: MunicipalityID = vinnytsia
    ) -> Comment {
        Comment(
            id: CommentID(rawValue: id), municipalityID: city, subject: subject, parentID: parent.map(CommentID.init(rawValue:)), authorID: author,
            body: "Коментар \(id)", createdAt: t0.addingTimeInterval(seconds))
    }

    @Test(arguments: TestDatabase.available)
    func aThreadReadsTopLevelCommentsInTimeWithTheirRepliesUnderThem(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await insertAccounts(store, "a@example.com", "b@example.com")
            let (a, b) = (people[0].id, people[1].id)
            try await store.write { tx in
                try await tx.comments.add(Self.comment("first", by: a, at: 0))
                try await tx.comments.add(Self.comment("second", by: b, at: 10))
                try await tx.comments.add(Self.comment("reply-to-first", by: b, parent: "first", at: 20))
                try await tx.comments.add(Self.comment("elsewhere", by: a, on: CommentSubject(kind: "petition", id: "p1"), at: 5))
                try await tx.comments.add(Self.comment("other-city", by: a, at: 5, in: Self.zhmerynka))
            }
            let thread = try await store.read { try await $0.comments.thread(of: Self.project, in: Self.vinnytsia) }
            #expect(thread.map(\.comment.id.rawValue) == ["first", "reply-to-first", "second"])
            #expect(thread.first?.authorName == "Тест a@example.com")
            #expect(thread.first?.comment == Self.comment("first", by: a, at: 0))
            #expect(try await store.read { try await $0.comments.thread(of: Self.project, in: Self.vinnytsia, limit: 1) }.count == 2)
            #expect(try await store.read { try await $0.comments.comment(CommentID(rawValue: "other-city"), in: Self.vinnytsia) } == nil)
            #expect(try await store.read { try await $0.comments.counts(kind: "budget_project", ids: ["p1", "p2"], in: Self.vinnytsia) } == ["p1": 3])
        }
    }

    @Test(arguments: TestDatabase.available)
    func onlyTheAuthorEditsAndOnlyWithinTheWindow(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await insertAccounts(store, "author@example.com", "other@example.com")
            let id = CommentID(rawValue: "c1")
            try await store.write { try await $0.comments.add(Self.comment("c1", by: people[0].id)) }
            let later = t0.addingTimeInterval(600)
            #expect(try await store.write { try await $0.comments.edit(id, in: Self.vinnytsia, by: people[1].id, body: "Чуже", at: later, writtenSince: t0) } == false)
            #expect(try await store.write { try await $0.comments.edit(id, in: Self.zhmerynka, by: people[0].id, body: "Деінде", at: later, writtenSince: t0) } == false)
            // The window's start after the writing: the UPDATE itself refuses.
            #expect(try await store.write {
                try await $0.comments.edit(id, in: Self.vinnytsia, by: people[0].id, body: "Пізно", at: later, writtenSince: t0.addingTimeInterval(1))
            } == false)
            #expect(try await store.write { try await $0.comments.edit(id, in: Self.vinnytsia, by: people[0].id, body: "Виправлено", at: later, writtenSince: t0) })
            let edited = try #require(try await store.read { try await $0.comments.comment(id, in: Self.vinnytsia) }).comment
            #expect(edited.body == "Виправлено" && edited.editedAt == later)
            // Hidden, it is not edited either.
            #expect(try await store.write { try await $0.comments.hide(id, in: Self.vinnytsia, reason: "Спам", by: people[1].id, at: later) })
            #expect(try await store.write { try await $0.comments.edit(id, in: Self.vinnytsia, by: people[0].id, body: "Ще", at: later, writtenSince: t0) } == false)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoHundredSimultaneousFlagsOfOneCommentByOnePersonLeaveOneFlagAndACountOfOne(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await insertAccounts(store, "author@example.com", "flagger@example.com")
            let id = CommentID(rawValue: "c1"), flagger = people[1].id
            try await store.write { try await $0.comments.add(Self.comment("c1", by: people[0].id)) }
            let inserted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await store.write { try await $0.comments.flag(id, in: Self.vinnytsia, by: flagger, at: t0) } }
                }
                return try await group.reduce(into: 0) { count, new in if new { count += 1 } }
            }
            #expect(inserted == 1)
            let rows = try await store.read { try await $0.db.raw("SELECT COUNT(*) AS n FROM comment_flags").first()?.int("n") }
            #expect(rows == 1)
            #expect(try await store.read { try await $0.comments.comment(id, in: Self.vinnytsia) }?.comment.flagCount == 1)
            #expect(try await store.read { try await $0.comments.flagged(by: flagger, among: [id, CommentID(rawValue: "none")]) } == [id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aHiddenCommentOrAnotherCitysIsNotFlagged(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await insertAccounts(store, "author@example.com", "flagger@example.com", "moderator@example.com")
            let id = CommentID(rawValue: "c1")
            try await store.write { try await $0.comments.add(Self.comment("c1", by: people[0].id)) }
            #expect(try await store.write { try await $0.comments.flag(id, in: Self.zhmerynka, by: people[1].id, at: t0) } == false)
            #expect(try await store.write { try await $0.comments.hide(id, in: Self.vinnytsia, reason: "Образи", by: people[2].id, at: t0) })
            #expect(try await store.write { try await $0.comments.flag(id, in: Self.vinnytsia, by: people[1].id, at: t0) } == false)
            #expect(try await store.read { try await $0.comments.comment(id, in: Self.vinnytsia) }?.comment.flagCount == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aModeratorHidesOnceWithAReasonAndShowingAgainClearsTheFlags(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await insertAccounts(store, "author@example.com", "flagger@example.com", "moderator@example.com")
            let id = CommentID(rawValue: "c1"), moderator = people[2].id
            try await store.write { tx in
                try await tx.comments.add(Self.comment("c1", by: people[0].id))
                _ = try await tx.comments.flag(id, in: Self.vinnytsia, by: people[1].id, at: t0)
            }
            #expect(try await store.write { try await $0.comments.hide(id, in: Self.zhmerynka, reason: "Спам", by: moderator, at: t0) } == false)
            #expect(try await store.write { try await $0.comments.hide(id, in: Self.vinnytsia, reason: "Спам", by: moderator, at: t0) })
            #expect(try await store.write { try await $0.comments.hide(id, in: Self.vinnytsia, reason: "Ще раз", by: moderator, at: t0) } == false)
            let hidden = try #require(try await store.read { try await $0.comments.comment(id, in: Self.vinnytsia) }).comment
            #expect(hidden.hidden == Comment.Hiding(reason: "Спам", by: moderator, at: t0))
            #expect(try await store.read { try await $0.comments.counts(kind: "budget_project", ids: ["p1"], in: Self.vinnytsia) }.isEmpty)
            #expect(try await store.write { try await $0.comments.unhide(id, in: Self.vinnytsia) })
            #expect(try await store.write { try await $0.comments.unhide(id, in: Self.vinnytsia) } == false)
            let shown = try #require(try await store.read { try await $0.comments.comment(id, in: Self.vinnytsia) }).comment
            #expect(shown.hidden == nil && shown.flagCount == 0)
            // The judged flags are gone: the same person may flag it anew.
            #expect(try await store.write { try await $0.comments.flag(id, in: Self.vinnytsia, by: people[1].id, at: t0) })
        }
    }

    @Test(arguments: TestDatabase.available)
    func theDeskListsFlaggedCommentsNotHiddenFirstAndOnlyTheCitys(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await insertAccounts(store, "author@example.com", "f1@example.com", "f2@example.com")
            let author = people[0].id
            try await store.write { tx in
                try await tx.comments.add(Self.comment("old-once", by: author, at: 0))
                try await tx.comments.add(Self.comment("twice", by: author, at: 10))
                try await tx.comments.add(Self.comment("plain-new", by: author, at: 30))
                try await tx.comments.add(Self.comment("hidden", by: author, at: 40))
                try await tx.comments.add(Self.comment("other-city", by: author, at: 50, in: Self.zhmerynka))
                _ = try await tx.comments.flag(CommentID(rawValue: "old-once"), in: Self.vinnytsia, by: people[1].id, at: t0)
                _ = try await tx.comments.flag(CommentID(rawValue: "twice"), in: Self.vinnytsia, by: people[1].id, at: t0)
                _ = try await tx.comments.flag(CommentID(rawValue: "twice"), in: Self.vinnytsia, by: people[2].id, at: t0)
                _ = try await tx.comments.flag(CommentID(rawValue: "hidden"), in: Self.vinnytsia, by: people[1].id, at: t0)
                _ = try await tx.comments.hide(CommentID(rawValue: "hidden"), in: Self.vinnytsia, reason: "Спам", by: people[2].id, at: t0)
            }
            let queue = try await store.read { try await $0.comments.queue(in: Self.vinnytsia, limit: 10) }
            #expect(queue.map(\.comment.id.rawValue) == ["twice", "old-once", "hidden", "plain-new"])
            #expect(try await store.read { try await $0.comments.queue(in: Self.vinnytsia, limit: 1) }.count == 1)
        }
    }
}
