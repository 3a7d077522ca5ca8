import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Budgets
@testable import HromadaWeb
@testable import Petitions

private func escaped(_ text: String) -> String { UTF8HTMLEscaping().escapeText(text) }

/// Comments on a city's things as residents, readers and moderators use
/// them (issue 21): writing, replying and correcting within 15 minutes,
/// text that survives every refusal, the city's setting of who may
/// write, flags, a moderator's hiding with a reason the author reads and
/// the audit log keeps, rate limits, CSRF, and things that take no comments.
@Suite struct CommentTests {
    static let olena = ("olena@demo.hromada.ua", "resident-demo-2026")

    /// A project on the ballot of Vinnytsia's voting edition: its page and its id.
    static func project(_ harness: WebHarness) async throws -> (path: String, id: String) {
        let demo = try await DemoBudgets(harness)
        // One without the demo's discussion.
        var project: BudgetProject?
        for candidate in demo.projects where try await thread(harness, candidate.id.rawValue).isEmpty {
            project = candidate
            break
        }
        let found = try #require(project)
        return ("/vinnytsia/budgets/\(demo.voting.id.rawValue)/projects/\(found.id.rawValue)", found.id.rawValue)
    }

    /// The comment a successful post went to, from its `#comment-…` address.
    static func commentID(_ page: Browser.Page, at path: String) throws -> String {
        let location = try #require(page.location)
        #expect(page.status == .seeOther && location.hasPrefix(path + "#comment-"), "\(page.status) \(location)")
        return String(location.dropFirst(path.count + "#comment-".count))
    }

    static func stored(_ harness: WebHarness, _ id: String) async throws -> HromadaDomain.Comment {
        let city = try await harness.city("vinnytsia")
        return try #require(try await harness.services.store.read { try await $0.comments.comment(CommentID(rawValue: id), in: city.id) }).comment
    }

    /// The project's comments as stored (the demo's discussion is on another project).
    static func thread(_ harness: WebHarness, _ projectID: String) async throws -> [CommentRepository.Listed] {
        let city = try await harness.city("vinnytsia")
        return try await harness.services.store.read { try await $0.comments.thread(of: CommentSubject(kind: "budget_project", id: projectID), in: city.id) }
    }

    static func setPolicy(_ policy: CommentPolicy, _ harness: WebHarness) async throws {
        let city = try await harness.city("vinnytsia")
        var settings = city.settings
        settings.commentPolicy = policy
        let changed = settings
        try await harness.services.store.write { try await $0.municipalities.updateSettings(changed, of: city.id) }
    }

    @Test(arguments: TestDatabase.available)
    func aVerifiedResidentCommentsRepliesAndEditsWithinFifteenMinutes(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (path, projectID) = try await Self.project(harness)
            var olena = Browser(client)
            try await olena.signIn(Self.olena.0, Self.olena.1)
            let page = try await olena.get(path)
            #expect(page.status == .ok && page.body.contains(#"id="comment-body" name="body""#))
            let text = "Підтримую! Деталі: https://vmr.gov.ua/budget?id=7&x=1.\n<script>alert(1)</script>"
            let first = try Self.commentID(try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", projectID), ("body", text)]), at: path)
            let shown = try await olena.get(path)
            #expect(shown.body.contains(#"id="comment-\#(first)""#))
            #expect(shown.body.contains(#"<a href="https://vmr.gov.ua/budget?id=7&amp;x=1" rel="nofollow ugc">https://vmr.gov.ua/budget?id=7&amp;x=1</a>.<br>"#))
            #expect(!shown.body.contains("<script>alert(1)") && shown.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(shown.body.contains("Олена"))

            // A reply hangs under the comment; a reply to the reply too (one level deep).
            // (Comments of the same second read in the order of their ids.)
            harness.clock.advance(by: 1)
            let reply = try Self.commentID(
                try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", projectID), ("parent", first), ("body", "Відповідь")]), at: path)
            harness.clock.advance(by: 1)
            let second = try Self.commentID(
                try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", projectID), ("parent", reply), ("body", "Ще одна")]), at: path)
            #expect(try await Self.stored(harness, reply).parentID?.rawValue == first)
            #expect(try await Self.stored(harness, second).parentID?.rawValue == first)

            // Edited within the window: the page marks it.
            let form = try await olena.get("/vinnytsia/comments/\(first)/edit")
            #expect(form.status == .ok && form.body.contains(escaped(text)))
            #expect(try await olena.post("/vinnytsia/comments/\(first)/edit", [("body", "Виправлений текст")]).location == "\(path)#comment-\(first)")
            let edited = try await olena.get(path)
            #expect(edited.body.contains("Виправлений текст") && edited.body.contains("змінено"))
            // Sixteen minutes on, the edit is refused and what was typed stays on the page.
            harness.clock.advance(by: 16 * 60 - 2)
            let late = try await olena.post("/vinnytsia/comments/\(first)/edit", [("body", "Запізніла правка")])
            #expect(late.status == .unprocessableContent && late.body.contains("протягом 15 хвилин"))
            #expect(try await Self.stored(harness, first).body == "Виправлений текст")
            // Nobody else edits it, at any time.
            harness.clock.advance(by: -16 * 60)
            var stranger = Browser(client)
            try await harness.makeAccount("stranger@example.com")
            try await stranger.signIn("stranger@example.com")
            try await stranger.get(path)
            #expect(try await stranger.post("/vinnytsia/comments/\(first)/edit", [("body", "Чуже")]).status == .notFound)

            // The API gives the thread.
            let (status, answer) = try await client.json(.get, "/api/v1/vinnytsia/comments?kind=budget_project&id=\(projectID)")
            #expect(status == .ok && answer["count"] as? Int == 3)
            let items = try #require(answer["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [first, reply, second])
            #expect(items.first?["text"] as? String == "Виправлений текст" && items[1]["parent"] as? String == first)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theTextSurvivesARefusedSubmission(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (path, projectID) = try await Self.project(harness)
            var olena = Browser(client)
            try await olena.signIn(Self.olena.0, Self.olena.1)
            try await olena.get(path)
            let long = "Дуже довгий коментар <b>з розміткою</b> & лапками \"так\"\n" + String(repeating: "ї", count: 2_000)
            let refused = try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", projectID), ("body", long)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains(">\(escaped(long))</textarea>"))
            #expect(refused.body.contains("не більше 2 000 символів"))
            #expect(refused.body.contains(#"<form method="post" action="/vinnytsia/comments""#))
            #expect(refused.body.contains(#"name="kind" value="budget_project""#) && refused.body.contains(#"name="id" value="\#(projectID)""#))
            #expect(refused.body.contains(#"href="\#(path)""#))
            let empty = try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", projectID), ("body", "  \n ")])
            #expect(empty.status == .unprocessableContent && empty.body.contains("Коментар порожній"))
            #expect(try await Self.thread(harness, projectID).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func whoMayCommentIsTheCitysSetting(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (path, projectID) = try await Self.project(harness)
            let fields = [("kind", "budget_project"), ("id", projectID), ("body", "Мій коментар як гостя міста")]
            // Signed out: what is needed, and a way to it.
            var visitor = Browser(client)
            try await visitor.get("/login")
            let anonymous = try await visitor.get(path)
            #expect(anonymous.body.contains("Щоб коментувати, увійдіть.") && anonymous.body.contains(#"href="/login?next="#))
            #expect(!anonymous.body.contains(#"id="comment-body""#))
            let signedOut = try await visitor.post("/vinnytsia/comments", fields)
            #expect(signedOut.status == .unprocessableContent && signedOut.body.contains("Мій коментар як гостя міста"))
            // A signed-in person who is not a verified resident, under `verified` (the default).
            try await harness.makeAccount("guest@example.com")
            var guest = Browser(client)
            try await guest.signIn("guest@example.com")
            let page = try await guest.get(path)
            #expect(page.body.contains("Коментувати можуть мешканці громади з підтвердженим проживанням.") && page.body.contains(#"href="/vinnytsia/verify""#))
            #expect(!page.body.contains(#"id="comment-body""#))
            let refused = try await guest.post("/vinnytsia/comments", fields)
            #expect(refused.status == .unprocessableContent && refused.body.contains("Мій коментар як гостя міста"))
            // `signed_in`: any account with a confirmed email.
            try await Self.setPolicy(.signedIn, harness)
            #expect(try await guest.get(path).body.contains(#"id="comment-body""#))
            _ = try Self.commentID(try await guest.post("/vinnytsia/comments", fields), at: path)
            // `off`: nobody, the comments there are still shown.
            try await Self.setPolicy(.off, harness)
            let closed = try await guest.get(path)
            #expect(closed.body.contains("Мій коментар як гостя міста") && closed.body.contains("не приймає коментарів") && !closed.body.contains(#"id="comment-body""#))
            #expect(try await guest.post("/vinnytsia/comments", fields).status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aModeratorHidesACommentWithAReasonTheAuthorSeesWhyAndTheAuditLogHasIt(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (path, projectID) = try await Self.project(harness)
            let city = try await harness.city("vinnytsia")
            var olena = Browser(client)
            try await olena.signIn(Self.olena.0, Self.olena.1)
            try await olena.get(path)
            let text = "Сусід із третього під'їзду — злодій"
            let id = try Self.commentID(try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", projectID), ("body", text)]), at: path)

            // A reader flags it; a second flag of theirs changes nothing.
            try await harness.makeAccount("reader@example.com")
            var reader = Browser(client)
            try await reader.signIn("reader@example.com")
            #expect(try await reader.get(path).body.contains("/vinnytsia/comments/\(id)/flag"))
            #expect(try await reader.post("/vinnytsia/comments/\(id)/flag", []).location == "\(path)#comment-\(id)")
            #expect(try await reader.post("/vinnytsia/comments/\(id)/flag", []).status == .seeOther)
            #expect(try await Self.stored(harness, id).flagCount == 1)
            #expect(try await reader.get(path).body.contains("Ви поскаржилися"))
            // The author cannot flag their own, even by posting the form.
            #expect(try await olena.post("/vinnytsia/comments/\(id)/flag", []).status == .unprocessableContent)
            #expect(try await Self.stored(harness, id).flagCount == 1)

            // Another city's moderator may not; nor may the author.
            try await harness.makeAccount("zhmerynka.moderator@example.com", role: .moderator, in: "zhmerynka")
            var elsewhere = Browser(client)
            try await elsewhere.signIn("zhmerynka.moderator@example.com")
            try await elsewhere.get("/zhmerynka")
            #expect(try await elsewhere.post("/vinnytsia/comments/\(id)/hide", [("reason", "Чужа громада")]).status == .notFound)
            #expect(try await elsewhere.post("/zhmerynka/comments/\(id)/hide", [("reason", "Чужа громада")]).status == .notFound)
            #expect(try await elsewhere.get("/vinnytsia/admin/comments").status == .notFound)
            #expect(try await olena.post("/vinnytsia/comments/\(id)/hide", [("reason", "Сама")]).status == .notFound)
            #expect(try await Self.stored(harness, id).hidden == nil)

            // This city's moderator: the desk lists it first, flagged; a reason too short is refused and kept.
            var moderator = try await Browser.vinnytsiaModerator(client)
            let desk = try await moderator.get("/vinnytsia/admin/comments")
            #expect(desk.status == .ok && desk.body.contains(escaped(text)) && desk.body.contains("скарг: 1") && desk.body.contains(#"href="\#(path)#comment-\#(id)""#))
            #expect(try await moderator.get("/vinnytsia/admin").body.contains(#"href="/vinnytsia/admin/comments""#))
            let short = try await moderator.post("/vinnytsia/comments/\(id)/hide", [("reason", "ab"), ("from", "desk")])
            #expect(short.status == .unprocessableContent && short.body.contains(#"value="ab""#) && short.body.contains("від 3 до 500 символів"))
            let reason = "Образа людини, яку названо без доказів"
            #expect(try await moderator.post("/vinnytsia/comments/\(id)/hide", [("reason", reason), ("from", "desk")]).location
                == "/vinnytsia/admin/comments#comment-\(id)")

            // Everyone sees that it was hidden, not what it said.
            var visitor = Browser(client)
            let public_ = try await visitor.get(path)
            #expect(public_.body.contains("Приховано модератором.") && !public_.body.contains(escaped(text)) && !public_.body.contains(escaped(reason)))
            let other = try await reader.get(path)
            #expect(!other.body.contains(escaped(text)) && !other.body.contains("/vinnytsia/comments/\(id)/flag"))
            #expect(try await reader.post("/vinnytsia/comments/\(id)/flag", []).status == .unprocessableContent)
            let items = try #require(try await client.json(.get, "/api/v1/vinnytsia/comments?kind=budget_project&id=\(projectID)").1["items"] as? [[String: Any]])
            #expect(items.first?["hidden"] as? Bool == true && items.first?["text"] is NSNull)
            // The author sees their text and why.
            let own = try await olena.get(path)
            #expect(own.body.contains(escaped(text)) && own.body.contains(escaped(reason)) && !own.body.contains("/vinnytsia/comments/\(id)/edit"))
            #expect(try await olena.post("/vinnytsia/comments/\(id)/edit", [("body", "Інакше")]).status == .unprocessableContent)

            // The audit log has the decision: the reason and a hash of the text, never the text.
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 20) }
            let hidden = try #require(entries.first { $0.action == AuditAction.commentHidden })
            #expect(hidden.subject == id && hidden.details.contains(reason) && hidden.details.contains(AuditEntry.hash(text)))
            #expect(!hidden.details.contains(text) && !hidden.details.contains(Self.olena.0))

            // Shown again: audited too, and the text is everyone's again.
            #expect(try await moderator.post("/vinnytsia/comments/\(id)/unhide", []).location == "\(path)#comment-\(id)")
            #expect(try await visitor.get(path).body.contains(escaped(text)))
            let after = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 20) }
            #expect(after.contains { $0.action == AuditAction.commentUnhidden && $0.subject == id })
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await WebHarness.run { harness, client in
            let (path, projectID) = try await Self.project(harness)
            var olena = Browser(client)
            try await olena.signIn(Self.olena.0, Self.olena.1)
            try await olena.get(path)
            let refused = try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", projectID), ("body", "Без токена")], csrf: false)
            #expect(refused.status == .forbidden)
            #expect(try await Self.thread(harness, projectID).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theSixthCommentInTenMinutesIsRateLimitedAndKeepsItsText(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (path, projectID) = try await Self.project(harness)
            var olena = Browser(client)
            try await olena.signIn(Self.olena.0, Self.olena.1)
            try await olena.get(path)
            for number in 1...5 {
                _ = try Self.commentID(try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", projectID), ("body", "Коментар \(number)")]), at: path)
            }
            let limited = try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", projectID), ("body", "Шостий, не загублений")])
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] != nil)
            #expect(limited.body.contains(">Шостий, не загублений</textarea>") && limited.body.contains("Забагато спроб"))
            // The limit is the account's: another resident still writes.
            harness.clock.advance(by: 601)
            _ = try Self.commentID(try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", projectID), ("body", "Шостий, пізніше")]), at: path)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCommentOnAWithdrawnProjectAGoalOrAnotherCitysThingIsRefused(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            var olena = Browser(client)
            try await olena.signIn(Self.olena.0, Self.olena.1)
            try await olena.get("/vinnytsia")
            // Another city's project, posted to this city and to the other.
            let project = try #require(demo.projects.first)
            #expect(try await olena.post("/zhmerynka/comments", [("kind", "budget_project"), ("id", project.id.rawValue), ("body", "Деінде")]).status == .notFound)
            // A withdrawn project takes no comments; the ones it had are still moderated.
            let projectPath = "/vinnytsia/budgets/\(demo.voting.id.rawValue)/projects/\(project.id.rawValue)"
            let before = try Self.commentID(
                try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", project.id.rawValue), ("body", "Поки не відкликали")]),
                at: projectPath)
            var withdrawn = project
            withdrawn.status = .withdrawn
            let changed = withdrawn
            try await harness.services.store.write { try await $0.budgets.update(changed, in: city.id) }
            #expect(try await olena.post("/vinnytsia/comments", [("kind", "budget_project"), ("id", project.id.rawValue), ("body", "Відкликаний")]).status == .notFound)
            var moderator = try await Browser.vinnytsiaModerator(client)
            try await moderator.get("/vinnytsia/admin/comments")
            #expect(try await moderator.post("/vinnytsia/comments/\(before)/hide", [("reason", "Проєкт відкликано")]).location
                == "/vinnytsia/admin/comments#comment-\(before)")
            // A goal of the strategy is not discussed; its measure is, on its page.
            let document = StrategyWeb.document
            let goal = try await olena.post("/vinnytsia/comments", [("kind", "strategy_node"), ("id", "\(document)/2"), ("body", "Про ціль")])
            #expect(goal.status == .unprocessableContent && goal.body.contains("Про ціль"))
            #expect(!(try await olena.get("/vinnytsia/strategy/\(document)/nodes/2").body.contains(#"id="comments""#)))
            let measurePath = "/vinnytsia/strategy/\(document)/nodes/2.4.1"
            #expect(try await olena.get(measurePath).body.contains(#"id="comment-body""#))
            let onMeasure = try Self.commentID(
                try await olena.post("/vinnytsia/comments", [("kind", "strategy_node"), ("id", "\(document)/2.4.1"), ("body", "Про захід")]), at: measurePath)
            #expect(try await olena.get(measurePath).body.contains(#"id="comment-\#(onMeasure)""#))
            // Unknown kinds and things are a 404, a kind that cannot be one too.
            #expect(try await olena.post("/vinnytsia/comments", [("kind", "auction_lot"), ("id", "nope"), ("body", "Лот")]).status == .notFound)
            #expect(try await olena.post("/vinnytsia/comments", [("kind", "<b>"), ("id", "x"), ("body", "Ні")]).status == .notFound)
            // A public petition takes comments on its page.
            let petition = try #require(try await harness.services.store.read { tx in
                try await tx.petitions.petitions(in: city.id, states: [.open], limit: 1).first
            })
            let petitionPath = "/vinnytsia/petitions/\(petition.petition.id.rawValue)"
            try await olena.get(petitionPath)
            let onPetition = try Self.commentID(
                try await olena.post("/vinnytsia/comments", [("kind", "petition"), ("id", petition.petition.id.rawValue), ("body", "Підписала")]), at: petitionPath)
            #expect(try await olena.get(petitionPath).body.contains(#"id="comment-\#(onPetition)""#))
        }
    }

    @Test func theAPIRefusesWhatCannotNameAThingAndNumbersOutOfRange() async throws {
        try await WebHarness.run { harness, client in
            let (_, projectID) = try await Self.project(harness)
            for (query, status) in [
                ("kind=budget_project&id=\(projectID)&limit=0", HTTPResponse.Status.unprocessableContent),
                ("kind=budget_project&id=\(projectID)&limit=501", .unprocessableContent),
                ("kind=budget_project&id=\(projectID)&limit=1e3", .unprocessableContent),
                ("kind=budget_project&id=\(projectID)&limit=99999999999999999999", .unprocessableContent),
                ("kind=budget_project", .unprocessableContent),
                ("id=\(projectID)", .unprocessableContent),
                ("kind=budget_project&id=nope", .notFound),
                ("kind=budget_project&id=\(projectID)&limit=1", .ok),
            ] {
                #expect(try await client.json(.get, "/api/v1/vinnytsia/comments?\(query)").0 == status, "\(query)")
            }
        }
    }

    @Test func theCitysAdminChoosesWhoMayCommentOnTheSettingsPageAndThroughTheAPI() async throws {
        try await WebHarness.run { harness, client in
            var admin = Browser(client)
            try await admin.signIn(StrategyWeb.admin.0, StrategyWeb.admin.1)
            let page = try await admin.get("/vinnytsia/admin/settings")
            #expect(page.body.contains(#"<select id="commentPolicy" name="commentPolicy""#) && page.body.contains(#"<option value="verified" selected>"#))
            let (_, session) = try await client.json(
                .post, "/api/v1/session", body: #"{"email": "\#(StrategyWeb.admin.0)", "password": "\#(StrategyWeb.admin.1)"}"#)
            let token = try #require(session["token"] as? String)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/settings", token: token).1["commentPolicy"] as? String == "verified")
            #expect(try await client.json(.patch, "/api/v1/vinnytsia/settings", body: #"{"commentPolicy": "everyone"}"#, token: token).0 == .unprocessableContent)
            let (status, changed) = try await client.json(.patch, "/api/v1/vinnytsia/settings", body: #"{"commentPolicy": "signed_in"}"#, token: token)
            #expect(status == .ok && changed["commentPolicy"] as? String == "signed_in")
            #expect(try await harness.city("vinnytsia").settings.commentPolicy == .signedIn)
            #expect(try await admin.get("/vinnytsia/admin/settings").body.contains(#"<option value="signed_in" selected>"#))
        }
    }

    @Test func theDemoShowsADiscussionWithAHiddenComment() async throws {
        try await WebHarness.run { harness, client in
            let city = try await harness.city("vinnytsia")
            let queue = try await harness.services.store.read { try await $0.comments.queue(in: city.id, limit: 10) }
            #expect(queue.count == 3 && queue.filter { $0.comment.isHidden }.count == 1)
            let hidden = try #require(queue.first { $0.comment.isHidden })
            let services = harness.services
            let linked = try await services.modules.linked(.budgetProject, id: hidden.comment.subject.id, in: city, services: services)
            let thing = try #require(linked)
            var visitor = Browser(client)
            let page = try await visitor.get(thing.path)
            #expect(page.body.contains("Приховано модератором.") && page.body.contains("rel=\"nofollow ugc\""))
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 500) }
            #expect(entries.contains { $0.action == AuditAction.commentHidden && $0.subject == hidden.comment.id.rawValue })
        }
    }
}
