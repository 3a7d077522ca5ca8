import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Budgets
import HromadaModules

/// The budget's forms tell what is wrong beside the field it is about (the
/// shared field partial: the message under the input, `aria-invalid` and
/// `aria-describedby` on it), never also in the alert above the form, keep
/// what was typed, and store nothing.
@Suite struct BudgetFormFieldTests {
    /// The opening tag of the element with this id, e.g. `<input id="title" …>`.
    static func tag(_ body: String, id: String) -> String? {
        guard let start = body.range(of: #" id="\#(id)""#) else { return nil }
        let open = body[..<start.lowerBound].lastIndex(of: "<") ?? start.lowerBound
        guard let close = body[start.upperBound...].firstIndex(of: ">") else { return nil }
        return String(body[open...close])
    }

    /// The field `id` is marked wrong and points at its message, which stands beside it and nowhere else.
    static func expectExplainedBeside(_ body: String, id: String, message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let input = tag(body, id: id) ?? ""
        #expect(input.contains(#"aria-invalid="true""#), "\(id) is not marked invalid: \(input)", sourceLocation: sourceLocation)
        #expect(input.contains("\(id)-error"), "\(id) does not point at its message: \(input)", sourceLocation: sourceLocation)
        #expect(body.contains(#"<p class="error" id="\#(id)-error">"#), "no message beside \(id)", sourceLocation: sourceLocation)
        #expect(!body.contains(#"role="alert""#), "the problem is also in the alert", sourceLocation: sourceLocation)
        #expect(body.components(separatedBy: #"aria-invalid="true""#).count == 2, "another field is marked invalid", sourceLocation: sourceLocation)
        if let message {
            #expect(body.components(separatedBy: message).count == 2, "the message is not told exactly once", sourceLocation: sourceLocation)
        }
    }

    static func projects(_ harness: WebHarness, _ edition: BudgetEdition) async throws -> [BudgetProject] {
        let city = try await harness.city("vinnytsia")
        return try await harness.services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }
    }

    @Test(arguments: TestDatabase.available) func aProposalWithoutATitleIsExplainedBesideTheTitle(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let base = "/vinnytsia/budgets/\(demo.proposals.id.rawValue)"
            let before = try await Self.projects(harness, demo.proposals)
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let form = try await olena.get(base + "/propose")
            #expect(!form.body.contains("aria-invalid"))
            let refused = try await olena.post(base + "/propose", [
                ("category", demo.proposals.categories[1].id.rawValue), ("title", " "), ("summary", "Питний фонтанчик біля дитячого майданчика."),
                ("district", "Центр"), ("itemLabel", "Фонтанчик"), ("itemAmount", "85 000"),
            ])
            #expect(refused.status == .unprocessableContent)
            Self.expectExplainedBeside(refused.body, id: "title")
            // What was typed stays, in the same fields.
            #expect(refused.body.contains(">Питний фонтанчик біля дитячого майданчика.</textarea>"))
            #expect(Self.tag(refused.body, id: "district")?.contains(#"value="Центр""#) == true)
            #expect(Self.tag(refused.body, id: "a1")?.contains(#"value="85 000""#) == true)
            #expect(try await Self.projects(harness, demo.proposals) == before)
        }
    }

    @Test(arguments: TestDatabase.available) func aBadEstimateRowIsExplainedBesideThatRow(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let base = "/vinnytsia/budgets/\(demo.proposals.id.rawValue)"
            let before = try await Self.projects(harness, demo.proposals)
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            try await olena.get(base + "/propose")
            let proposal = [
                ("category", demo.proposals.categories[1].id.rawValue), ("title", "Фонтанчик з питною водою"),
                ("summary", "Питний фонтанчик біля дитячого майданчика."), ("itemLabel", "Фонтанчик"),
            ]
            // An amount that is not a sum: beside that row's amount.
            let unreadable = try await olena.post(base + "/propose", proposal + [("itemAmount", "дорого")])
            #expect(unreadable.status == .unprocessableContent)
            Self.expectExplainedBeside(unreadable.body, id: "a1")
            #expect(Self.tag(unreadable.body, id: "a1")?.contains(#"value="дорого""#) == true)
            // A sum without saying what it is for: beside the second row's label.
            let unnamed = try await olena.post(base + "/propose", proposal + [("itemAmount", "85000"), ("itemLabel", ""), ("itemAmount", "1000")])
            #expect(unnamed.status == .unprocessableContent)
            Self.expectExplainedBeside(unnamed.body, id: "l2")
            // The estimate as a whole has no field of its own: the alert says it.
            let tooDear = try await olena.post(base + "/propose", proposal + [("itemAmount", "5 000 000")])
            #expect(tooDear.status == .unprocessableContent)
            #expect(tooDear.body.contains(#"role="alert">Вартість виходить за межі категорії"#))
            #expect(!tooDear.body.contains("aria-invalid"))
            #expect(try await Self.projects(harness, demo.proposals) == before)
        }
    }

    @Test(arguments: TestDatabase.available) func anUnreadableDateOfANewEditionIsExplainedBesideTheDate(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            let before = try await harness.services.store.read { try await $0.budgets.editions(in: city.id) }
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let form = try await admin.get("/vinnytsia/admin/budgets/new")
            #expect(!form.body.contains("aria-invalid"))
            let fields: [(String, String)] = [
                ("titleUk", "Бюджет громадських ініціатив 2028"), ("titleEn", "Civic budget 2028"),
                ("reviewOpen", "2027-03-01T09:00"), ("votingClose", "2027-04-15T21:00"), ("minimumAge", "16"), ("receipts", "on"),
                ("ballotRule", "approval"), ("winnerRule", "greedy"),
                ("catId", ""), ("catNameUk", "Великі"), ("catNameEn", "Large"), ("catFund", "3000000"), ("catMin", "500001"), ("catMax", "1500000"),
                ("catMaxPicks", "2"),
            ]
            let refused = try await admin.post("/vinnytsia/admin/budgets/new", fields + [("votingOpen", "першого квітня")])
            #expect(refused.status == .unprocessableContent)
            Self.expectExplainedBeside(refused.body, id: "votingOpen")
            #expect(Self.tag(refused.body, id: "votingOpen")?.contains(#"value="першого квітня""#) == true)
            #expect(Self.tag(refused.body, id: "titleUk")?.contains(#"value="Бюджет громадських ініціатив 2028""#) == true)
            #expect(Self.tag(refused.body, id: "receipts")?.contains(" checked") == true)
            #expect(Self.tag(refused.body, id: "announce")?.contains(" checked") == false)
            // The domain's "title" is the Ukrainian title on this form.
            let untitled = try await admin.post(
                "/vinnytsia/admin/budgets/new", fields.filter { $0.0 != "titleUk" } + [("titleUk", "Б"), ("votingOpen", "2027-04-01T09:00")])
            #expect(untitled.status == .unprocessableContent)
            Self.expectExplainedBeside(untitled.body, id: "titleUk")
            #expect(try await harness.services.store.read { try await $0.budgets.editions(in: city.id) } == before)
        }
    }

    @Test(arguments: TestDatabase.available) func aCategoryFundThatIsNotASumIsExplainedBesideThatCategory(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let rules = "/vinnytsia/admin/budgets/\(demo.proposals.id.rawValue)/rules"
            try await admin.get(rules)
            var fields = EditionAdminTests.ruleFields(demo.proposals.categories)
            let second = try #require(fields.indices.filter { fields[$0].0 == "catFund" }.dropFirst().first)
            fields[second].1 = "три мільйони"
            let refused = try await admin.post(rules, fields)
            #expect(refused.status == .unprocessableContent)
            Self.expectExplainedBeside(refused.body, id: "cf2")
            #expect(Self.tag(refused.body, id: "cf2")?.contains(#"value="три мільйони""#) == true)
            #expect(Self.tag(refused.body, id: "cf1")?.contains("aria-invalid") == false)
            // A ballot rule's number that is not one: beside it.
            let picks = try await admin.post(rules, EditionAdminTests.ruleFields(demo.proposals.categories, maxPicks: "чотири"))
            #expect(picks.status == .unprocessableContent)
            Self.expectExplainedBeside(picks.body, id: "maxPicks")
            #expect(try await harness.services.store.read { try await $0.budgets.edition(demo.proposals.id, in: city.id) } == demo.proposals)
        }
    }

    @Test(arguments: TestDatabase.available) func aReviewWithoutAReasonIsExplainedBesideTheReasonOfThatProject(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let desk = "/vinnytsia/admin/budgets/\(demo.proposals.id.rawValue)"
            let before = try await Self.projects(harness, demo.proposals)
            let project = try #require(before.first { $0.status == .submitted })
            let id = project.id.rawValue
            var moderator = Browser(client)
            try await moderator.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            try await moderator.get(desk)
            let refused = try await moderator.post(desk + "/projects/\(id)/review", [("decision", "infeasible"), ("reason", " "), ("revisedCost", "")])
            #expect(refused.status == .unprocessableContent)
            Self.expectExplainedBeside(refused.body, id: "r-\(id)")
            // That project's review form is open again with the decision as it was; the others stay closed.
            #expect(Self.tag(refused.body, id: "i-\(id)")?.contains(" checked") == true)
            #expect(refused.body.components(separatedBy: "<details open>").count == 2)
            // Without a decision, the radio group says so.
            let undecided = try await moderator.post(desk + "/projects/\(id)/review", [("reason", "Не на землі громади")])
            #expect(undecided.status == .unprocessableContent)
            #expect(undecided.body.contains(#"<p class="error" id="decision-\#(id)-error">"#))
            #expect(!undecided.body.contains(#"role="alert""#))
            #expect(undecided.body.contains(">Не на землі громади</textarea>"))
            #expect(try await Self.projects(harness, demo.proposals) == before)
        }
    }
}
