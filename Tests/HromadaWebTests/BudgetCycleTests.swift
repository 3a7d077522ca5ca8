import BudgetRules
import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// A whole edition through the browser pages, as a newcomer would run it
/// from the demo: propose, review, vote, paper ballot, publish, deliver.
@Suite struct BudgetCycleTests {
    /// A valid РНОКПП for a birth date (check digit per the State Tax Service algorithm).
    static func nationalID(born: CalendarDate, serial: Int) -> String { NationalID.make(birthDate: born, serial: serial).digits }

    @Test(arguments: TestDatabase.available) func aWholeEditionRunsInTheBrowser(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let edition = demo.proposals
            let base = "/vinnytsia/budgets/\(edition.id.rawValue)"
            let desk = "/vinnytsia/admin/budgets/\(edition.id.rawValue)"
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            var moderator = Browser(client)
            try await moderator.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            let small = edition.categories[1].id.rawValue

            // Propose: a bad estimate is explained and the form keeps what was typed.
            try await olena.get(base + "/propose")
            let bad = try await olena.post(base + "/propose", [
                ("category", small), ("title", "Фонтанчик з питною водою"), ("summary", "Питний фонтанчик біля дитячого майданчика."),
                ("itemLabel", "Фонтанчик"), ("itemAmount", "5 000 000"),
            ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Вартість виходить за межі категорії"))
            #expect(bad.body.contains("Фонтанчик з питною водою"))
            let proposed = try await olena.post(base + "/propose", [
                ("category", small), ("title", "Фонтанчик з питною водою"), ("summary", "Питний фонтанчик біля дитячого майданчика."),
                ("district", "Центр"), ("itemLabel", "Фонтанчик"), ("itemAmount", "85 000"), ("itemLabel", "Підключення"), ("itemAmount", "40000,50"),
            ])
            #expect(proposed.status == .seeOther)
            let city = try await harness.city("vinnytsia")
            let project = try #require(try await harness.services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }
                .first { $0.title == "Фонтанчик з питною водою" })
            #expect(project.cost == Money(kopiyky: 12_500_050))

            // Review: a moderator may review but not move phases.
            try await moderator.get(desk)
            #expect(try await moderator.post(desk + "/phase", [("transition", "open_review")]).status == .notFound)
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/phase", [("transition", "open_review")]).status == .seeOther)
            try await moderator.get(desk)
            let noReason = try await moderator.post(desk + "/projects/\(project.id.rawValue)/review", [("decision", "infeasible"), ("reason", " ")])
            #expect(noReason.status == .unprocessableContent)
            #expect(try await moderator.post(
                desk + "/projects/\(project.id.rawValue)/review", [("decision", "feasible"), ("reason", ""), ("revisedCost", "130000")]).status == .seeOther)
            #expect(try await harness.outbox().contains { $0.recipient == "olena@demo.hromada.ua" && $0.subject.contains("допущено") })

            // Vote online, and a paper ballot for someone else; the same person on paper again is refused.
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/phase", [("transition", "open_voting")]).status == .seeOther)
            try await olena.get(base + "/vote")
            let review = try await olena.post(base + "/vote/review", [("project", project.id.rawValue)])
            #expect(review.status == .ok)
            #expect(review.body.contains("Фонтанчик з питною водою"))
            let cast = try await olena.post(base + "/vote", [("project", project.id.rawValue)])
            #expect(cast.status == .created)
            let receipt = try #require(cast.body.range(of: "<code>").map { String(cast.body[$0.upperBound...].prefix(19)) })
            let voter = Self.nationalID(born: CalendarDate(year: 1985, month: 2, day: 3), serial: 4321)
            // Double entry, on for every new edition: a second clerk types it too.
            try await moderator.get(desk + "/paper")
            let paper = try await moderator.post(desk + "/paper", [("nationalId", voter), ("basis", "resident"), ("project", project.id.rawValue)])
            #expect(paper.status == .seeOther)
            try await admin.get(desk + "/paper")
            let second = try await admin.post(desk + "/paper", [("nationalId", voter), ("basis", "resident"), ("project", project.id.rawValue)])
            #expect(second.status == .created)
            try await moderator.get(desk + "/paper")
            let again = try await moderator.post(desk + "/paper", [("nationalId", voter), ("basis", "resident"), ("project", project.id.rawValue)])
            #expect(again.status == .conflict)
            #expect(again.body.contains("Ця особа вже проголосувала"))

            // Close, publish, deliver.
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/phase", [("transition", "close_voting")]).status == .seeOther)
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/phase", [("transition", "publish_results")]).status == .seeOther)
            let results = try await olena.get(base + "/results")
            #expect(results.status == .ok)
            #expect(results.body.contains("<svg"))
            #expect(try await harness.outbox().contains { $0.recipient == "olena@demo.hromada.ua" && $0.subject.contains("переміг") })
            let published = try await harness.services.store.read { try await $0.budgets.publishedResults(of: edition.id) }
            #expect(published[edition.categories[1].id] == [project.id])
            // The receipt finds the anonymous ballot in the export.
            let export = try await client.execute(uri: "/api/v1\(base)/export.pb", method: .get)
            #expect(String(buffer: export.body).contains(receipt))
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/phase", [("transition", "start_delivery")]).status == .seeOther)
            try await admin.get(desk)
            #expect(try await admin.post(
                desk + "/projects/\(project.id.rawValue)/delivery", [("status", "contracting"), ("spent", "12 500"), ("note", "Оголошено закупівлю")]).status == .seeOther)
            let overview = try await olena.get(base)
            #expect(overview.body.contains("Укладання договору"))
            #expect(overview.body.contains("Оголошено закупівлю"))
        }
    }

    @Test(arguments: TestDatabase.available) func anotherCitysStaffCannotTouchTheBudget(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let desk = "/vinnytsia/admin/budgets/\(demo.voting.id.rawValue)"
            var zhmerynka = Browser(client)
            try await zhmerynka.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await zhmerynka.get(desk).status == .notFound)
            try await zhmerynka.get("/zhmerynka/admin")
            #expect(try await zhmerynka.post(desk + "/phase", [("transition", "close_voting")]).status == .notFound)
            #expect(try await zhmerynka.post(desk + "/paper", [("nationalId", "1234567890"), ("project", demo.picks(large: 1, small: 0)[0])]).status == .notFound)
            let edition = try await harness.services.store.read { try await $0.budgets.edition(demo.voting.id) }
            #expect(edition?.phase(at: harness.clock.now()) == .voting)
        }
    }
}

@Suite struct BudgetResultsPageTests {
    @Test(arguments: TestDatabase.available) func resultsPageExplainsEqualSharesWhenComparing(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            var reader = Browser(client)
            let base = "/vinnytsia/budgets/\(demo.past.id.rawValue)/results"
            let official = try await reader.get(base)
            #expect(official.status == .ok)
            #expect(official.body.contains("<svg"))
            #expect(!official.body.contains("class=\"why\""))
            // Every rule's outcome is analysed as researchers analyse it.
            #expect(official.body.contains("class=\"analysis\""))
            #expect(official.body.contains("EJR до одного проєкту"))
            #expect(official.body.contains("Ефективна підтримка"))
            let mes = try await reader.get(base + "?rule=mes-add1u")
            #expect(mes.status == .ok)
            #expect(mes.body.contains("class=\"why\""))
            #expect(mes.body.contains("заплатили по"))
            #expect(mes.body.contains("Це порівняння"))
            #expect(try await reader.get(base + "?rule=coinflip").status == .unprocessableContent)
            try await reader.get("/en?next=" + base)
            let english = try await reader.get(base + "?rule=mes-add1u")
            #expect(english.body.contains("Why these projects"))
            #expect(english.body.contains("Voters with at least one funded project"))
            #expect(english.body.contains("Turnout"))
            // Before results are published there is nothing to show.
            #expect(try await reader.get("/vinnytsia/budgets/\(demo.voting.id.rawValue)/results").status == .conflict)
        }
    }
}

@Suite struct KeptCountsTests {
    /// Issue 25: the results are counted once per state of what they are made
    /// from; a new ballot, an edited project or a sealed ballot is never
    /// answered with a count kept from before.
    @Test(arguments: TestDatabase.available) func aKeptCountServesOnlyTheBallotsEditionAndProjectsItWasMadeFrom(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let services = harness.services, demo = try await DemoBudgets(harness), city = try await harness.city("vinnytsia")
            let kept = try #require(services.moduleState(KeptCounts.self))
            let edition = demo.past, key = KeptCounts.Key(edition: demo.past.id, rule: demo.past.winnerRule)
            func projects() async throws -> [BudgetProject] {
                try await services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }
            }
            func source() async throws -> KeptCounts.Source {
                let read = try await services.store.read { try await $0.budgets.ballotSetStamp(of: edition.id) }
                let stamp = try #require(read)
                return .init(stamp: stamp, edition: edition, projects: try await projects(), city: city)
            }
            let first = try await services.budgetResults.count(edition: edition, city: city, projects: try await projects())
            #expect(first.details == nil)
            #expect(kept.count(for: key, from: try await source())?.ballots == first.ballots)
            // Asked for the explanations, it adds them to the kept count.
            let detailed = try await services.budgetResults.count(edition: edition, city: city, projects: try await projects(), detailed: true)
            #expect(detailed.details?.count == edition.categories.count)
            #expect(kept.count(for: key, from: try await source())?.details != nil)

            // An edited title is another source.
            var renamed = try await projects()
            let onBallot = try #require(renamed.firstIndex { $0.isOnBallot })
            renamed[onBallot].title += " (уточнено)"
            let stamp = try await source().stamp
            #expect(kept.count(for: key, from: .init(stamp: stamp, edition: edition, projects: renamed, city: city)) == nil)
            try await services.store.write { [renamed] in try await $0.budgets.update(renamed[onBallot], in: city.id) }
            let retitled = try await services.budgetResults.count(edition: edition, city: city, projects: try await projects())
            #expect(retitled.outcomes.flatMap(\.projects).contains { $0.project.title == renamed[onBallot].title })

            // A ballot more is counted.
            let project = renamed[onBallot]
            let ballot = AnonymousBallot(
                editionID: edition.id, receipt: BallotReceipt.generate(), content: BallotContent(projects: [project.id]), channel: .paper, ageGroup: .from30)
            try await services.store.write { try await $0.budgets.insert(ballot, storedOn: CalendarDate(year: 2026, month: 12, day: 6)) }
            let more = try await services.budgetResults.count(edition: edition, city: city, projects: try await projects())
            #expect(more.ballots == first.ballots + 1)
            #expect(more.byChannel[.paper, default: 0] == first.byChannel[.paper, default: 0] + 1)
            let score = { (count: BudgetResults.EditionCount) in count.outcomes.flatMap(\.projects).first { $0.project.id == project.id }?.score }
            #expect(score(more) == (score(retitled) ?? 0) + 1)
            let (_, api) = try await client.json(.get, "/api/v1/vinnytsia/budgets/\(edition.id.rawValue)/results")
            let voters = (api["categories"] as? [[String: Any]])?.compactMap { $0["voters"] as? Int }.reduce(0, +)
            #expect(voters == more.outcomes.map(\.voters).reduce(0, +))

            // While a ballot waits sealed, nothing is kept.
            let counted = try await source()
            var sealedStamp = counted.stamp
            sealedStamp.anySealed = true
            let sealed = KeptCounts.Source(stamp: sealedStamp, edition: counted.edition, projects: counted.projects, city: counted.city)
            kept.keep(more, for: KeptCounts.Key(edition: edition.id, rule: .mes), from: sealed)
            #expect(kept.count(for: KeptCounts.Key(edition: edition.id, rule: .mes), from: sealed) == nil)
        }
    }
}

@Suite struct AnalysisMemoTests {
    static func election(_ votes: String) throws -> Election {
        try PabulibReader.read("META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;6\nb;5\nVOTES\nvoter_id;vote\n" + votes)
    }

    @Test func analysisMemoKeepsAReportOnlyForTheSameBallotsAndOutcome() throws {
        let election = try Self.election("v1;a\nv2;a,b\nv3;b\n")
        let key = AnalysisMemo.key(election, ["a"])
        #expect(AnalysisMemo.key(try Self.election("v1;a\nv2;a,b\nv3;b\n"), ["a"]) == key)
        // One ballot changed, one more ballot, or another funded set: another key.
        #expect(AnalysisMemo.key(try Self.election("v1;a\nv2;a\nv3;b\n"), ["a"]) != key)
        #expect(AnalysisMemo.key(try Self.election("v1;a\nv2;a,b\nv3;b\nv4;b\n"), ["a"]) != key)
        #expect(AnalysisMemo.key(election, ["b"]) != key)
    }
}

@Suite struct IncompatibleProjectsWebTests {
    @Test(arguments: TestDatabase.available) func incompatibleProjectsAreNeverBothFunded(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let edition = demo.proposals
            let desk = "/vinnytsia/admin/budgets/\(edition.id.rawValue)"
            let city = try await harness.city("vinnytsia")
            let small = try await harness.services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }
                .filter { $0.categoryID == edition.categories[1].id }
            var moderator = try await Browser.vinnytsiaModerator(client)
            try await moderator.get(desk)
            let marked = try await moderator.post(
                desk + "/projects/\(small[0].id.rawValue)/relate", [("relation", "incompatible"), ("other", small[1].id.rawValue)])
            #expect(marked.status == .seeOther)
            let merged = try await moderator.post(desk + "/projects/\(small[2].id.rawValue)/relate", [("relation", "merge"), ("other", small[3].id.rawValue)])
            #expect(merged.status == .seeOther)
            let crossCategory = try await moderator.post(
                desk + "/projects/\(small[0].id.rawValue)/relate", [("relation", "incompatible"), ("other", demo.projects[0].id.rawValue)])
            #expect(crossCategory.status == .unprocessableContent)
            let page = try await moderator.get("/vinnytsia/budgets/\(edition.id.rawValue)")
            #expect(page.body.contains("Несумісний з № \(small[1].number)"))
            #expect(page.body.contains("Об’єднано з проєктом № \(small[3].number)"))
            // The pair is public in the API too, for anyone recounting from the export.
            let (_, api) = try await client.json(.get, "/api/v1/vinnytsia/budgets/\(edition.id.rawValue)")
            #expect(api["incompatible"] as? [[String]] == [[small[0].id.rawValue, small[1].id.rawValue].sorted()])

            // Both are the most popular, and both fit: greedy funds the first and passes over the second.
            let stored = try #require(try await harness.services.store.read { try await $0.budgets.edition(edition.id, in: city.id) })
            let feasible = try await harness.services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }.map { project in
                var project = project
                if project.status == .submitted { project.status = .feasible }
                return project
            }
            let ballots = (0..<10).map { index in
                AnonymousBallot(
                    editionID: edition.id, receipt: BallotReceipt.generate(),
                    content: BallotContent(projects: index < 6 ? [small[0].id, small[1].id] : [small[1].id]), channel: .online, ageGroup: .from30)
            }
            let outcome = try harness.services.budgetResults.compute(edition: stored, city: city, projects: feasible, ballots: ballots)
            let funded = Set(outcome[1].projects.filter(\.funded).map(\.project.id))
            #expect(funded.contains(small[1].id))
            #expect(!funded.contains(small[0].id))
            #expect(!funded.contains(small[2].id), "a merged duplicate is not on the ballot")
        }
    }
}

@Suite struct PaperDoubleEntryTests {
    @Test(arguments: TestDatabase.available) func aPaperBallotCountsOnlyWhenTwoClerksTypeTheSameOne(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            var edition = demo.voting
            edition.paperDoubleEntry = true
            let changed = edition
            try await harness.services.store.write { try await $0.budgets.update(changed) }
            let paper = "/vinnytsia/admin/budgets/\(edition.id.rawValue)/paper"
            let picks = demo.picks(large: 1, small: 1)
            let voter = NationalID.make(birthDate: CalendarDate(year: 1979, month: 6, day: 1), serial: 777).digits
            let before = try await harness.ballotsCast(in: changed.id)
            var first = Browser(client), second = Browser(client)
            try await first.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            try await second.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            func enter(_ browser: inout Browser, _ projects: [String]) async throws -> Browser.Page {
                try await browser.get(paper)
                return try await browser.post(paper, [("nationalId", voter), ("basis", "resident")] + projects.map { ("project", $0) })
            }
            #expect(try await enter(&first, picks).location == paper + "?pending=1")
            #expect(try await enter(&first, picks).status == .conflict)
            let differs = try await enter(&second, [picks[0]])
            #expect(differs.status == .conflict)
            #expect(differs.body.contains("не збігається"))
            #expect(try await harness.ballotsCast(in: changed.id) == before)
            let mismatched = try await harness.services.store.read { try await $0.budgets.mismatchedPaperEntries(in: changed.id) }
            #expect(mismatched.count == 1)
            try await first.get(paper)
            #expect(try await first.post(paper + "/\(mismatched[0].id)/discard", []).status == .seeOther)
            #expect(try await enter(&first, picks).location == paper + "?pending=1")
            let counted = try await enter(&second, picks)
            #expect(counted.status == .created)
            #expect(counted.location == nil)
            #expect(try await harness.ballotsCast(in: changed.id) == before + 1)
            #expect(try await harness.services.store.read { try await $0.budgets.paperEntryCounts(in: changed.id) }.pending == 0)
            _ = city
        }
    }
}

@Suite struct ProjectEditingTests {
    @Test(arguments: TestDatabase.available) func authorsEditTheirProjectUntilReview(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let edition = demo.proposals
            let own = try #require(try await harness.services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }.first)
            let edit = "/vinnytsia/budgets/\(edition.id.rawValue)/projects/\(own.id.rawValue)/edit"
            var author = Browser(client)
            try await author.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let form = try await author.get(edit)
            #expect(form.status == .ok)
            #expect(form.body.contains(own.title))
            let fields: [(String, String)] = [
                ("category", own.categoryID.rawValue), ("title", own.title + " (уточнено)"), ("summary", own.summary),
                ("itemLabel", "Усе разом"), ("itemAmount", "700000"),
            ]
            #expect(try await author.post(edit, fields).status == .seeOther)
            let changed = try await harness.services.store.read { try await $0.budgets.project(own.id, in: city.id) }
            #expect(changed?.title == own.title + " (уточнено)")
            #expect(changed?.number == own.number)
            // Someone else's project is not theirs to edit.
            try await harness.makeAccount("stranger@example.com")
            var stranger = Browser(client)
            try await stranger.signIn("stranger@example.com")
            #expect(try await stranger.get(edit).status == .notFound)
            // Once reviewed, it stays as reviewed.
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(try await moderator.reviewFeasible(own.id, in: edition.id).status == .seeOther)
            try await author.get(edit)
            #expect(try await author.post(edit, fields).status == .conflict)
        }
    }
}
