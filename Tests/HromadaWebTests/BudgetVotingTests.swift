import BudgetRules
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

/// The demo's Vinnytsia editions, as the API shows them.
struct DemoBudgets {
    let past: BudgetEdition
    let voting: BudgetEdition
    let proposals: BudgetEdition
    let projects: [BudgetProject]

    init(_ harness: WebHarness) async throws {
        let city = try await harness.city("vinnytsia")
        let editions = try await harness.services.store.read { try await $0.budgets.editions(in: city.id) }
        let now = harness.clock.now()
        past = try #require(editions.first { $0.phase(at: now) == .delivery })
        voting = try #require(editions.first { $0.phase(at: now) == .voting })
        proposals = try #require(editions.first { $0.phase(at: now) == .proposals })
        let votingID = voting.id
        projects = try await harness.services.store.read { try await $0.budgets.projects(of: votingID, in: city.id) }.filter(\.isOnBallot)
    }

    func picks(large: Int, small: Int) -> [String] {
        let large = projects.filter { $0.categoryID == voting.categories[0].id }.prefix(large)
        let small = projects.filter { $0.categoryID == voting.categories[1].id }.prefix(small)
        return (large + small).map(\.id.rawValue)
    }

    static func body(_ ids: [String]) -> String {
        #"{"projects": [\#(ids.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
    }
}

func apiToken(_ client: any TestClientProtocol, _ email: String, _ password: String) async throws -> String {
    let (status, body) = try await client.json(.post, "/api/v1/session", body: #"{"email": "\#(email)", "password": "\#(password)"}"#)
    #expect(status == .created)
    return try #require(body["token"] as? String)
}

@Suite struct BudgetVotingTests {
    @Test(arguments: TestDatabase.available) func verifiedResidentVotesOnceAndGetsAReceipt(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let token = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let path = "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/ballots"
            let before = try await harness.ballotsCast(in: demo.voting.id)
            let (status, body) = try await client.json(.post, path, body: DemoBudgets.body(demo.picks(large: 2, small: 2)), token: token)
            #expect(status == .created)
            let receipt = try #require(body["receipt"] as? String)
            // In the box, sealed, until the mixer opens it in a pool.
            let stored = try await harness.everyBallot(of: demo.voting.id).first { $0.receipt == receipt }
            #expect(stored?.content.projects.map(\.rawValue) == demo.picks(large: 2, small: 2))
            #expect(stored?.channel == .online)
            let (again, error) = try await client.json(.post, path, body: DemoBudgets.body(demo.picks(large: 1, small: 0)), token: token)
            #expect(again == .conflict)
            #expect(errorCode(error) == "already_voted")
            #expect(try await harness.ballotsCast(in: demo.voting.id) == before + 1)
        }
    }

    @Test(arguments: [
        ("three large", "too_many_picks"),
        ("unknown", "unknown_project"),
        ("next year's", "unknown_project"),
        ("twice", "duplicate_project"),
        ("empty", "ballot_empty"),
    ])
    func invalidBallotIsA422NamingTheRuleAndStoresNothing(_ kind: String, _ code: String) async throws {
        try await WebHarness.run { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let proposalsID = demo.proposals.id
            let nextYear = try await harness.services.store.read { try await $0.budgets.projects(of: proposalsID, in: city.id) }
            let ids: [String] = switch kind {
            case "three large": demo.picks(large: 3, small: 0)
            case "unknown": ["no-such-project"]
            case "next year's": [nextYear[0].id.rawValue]
            case "twice": demo.picks(large: 1, small: 0) + demo.picks(large: 1, small: 0)
            default: []
            }
            let token = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let before = try await harness.ballotsCast(in: demo.voting.id)
            let (status, body) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/ballots", body: DemoBudgets.body(ids), token: token)
            #expect(status == .unprocessableContent)
            #expect(errorCode(body) == code)
            #expect(((body["error"] as? [String: Any])?["message"] as? String)?.isEmpty == false)
            #expect(try await harness.ballotsCast(in: demo.voting.id) == before)
            // The refusal used nothing up: a valid ballot still counts.
            let (valid, _) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/ballots", body: DemoBudgets.body(demo.picks(large: 1, small: 1)), token: token)
            #expect(valid == .created)
        }
    }

    @Test(arguments: TestDatabase.available) func repeatedAttemptsFromOneAccountAreRateLimited(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let token = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let path = "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/ballots"
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<(RateLimitRule.votingPerAccount.limit + 1) {
                statuses.append(try await client.json(.post, path, body: DemoBudgets.body(demo.picks(large: 3, small: 0)), token: token).0)
            }
            #expect(statuses.dropLast().allSatisfy { $0 == .unprocessableContent })
            #expect(statuses.last == .tooManyRequests)
            // Over the limit, even a valid ballot waits for the window: nothing is stored.
            let before = try await harness.ballotsCast(in: demo.voting.id)
            let response = try await client.execute(
                uri: path, method: .post, headers: [.contentType: "application/json", .authorization: "Bearer \(token)"],
                body: ByteBuffer(string: DemoBudgets.body(demo.picks(large: 1, small: 1))))
            #expect(response.status == .tooManyRequests)
            #expect(response.headers[.retryAfter] != nil)
            #expect(try await harness.ballotsCast(in: demo.voting.id) == before)
        }
    }

    @Test(arguments: TestDatabase.available) func unverifiedAccountIsA403AndAnonymousA401(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            try await harness.makeAccount("newcomer@example.com")
            let token = try await apiToken(client, "newcomer@example.com", "correct horse battery")
            let path = "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/ballots"
            let (status, body) = try await client.json(.post, path, body: DemoBudgets.body(demo.picks(large: 1, small: 1)), token: token)
            #expect(status == .forbidden)
            #expect(errorCode(body) == "not_verified_resident")
            let (anonymous, _) = try await client.json(.post, path, body: DemoBudgets.body(demo.picks(large: 1, small: 1)))
            #expect(anonymous == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.available) func anotherCitysEditionIsA404(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let token = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let (status, _) = try await client.json(
                .post, "/api/v1/zhmerynka/budgets/\(demo.voting.id.rawValue)/ballots", body: DemoBudgets.body(demo.picks(large: 1, small: 1)),
                token: token)
            #expect(status == .notFound)
            // An edition no city has: the vote reads it with the voter's residency, and finds nothing.
            let (unknown, _) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/no-such-edition/ballots", body: DemoBudgets.body(demo.picks(large: 1, small: 1)), token: token)
            #expect(unknown == .notFound)
            let (results, _) = try await client.json(.get, "/api/v1/zhmerynka/budgets/\(demo.past.id.rawValue)/results")
            #expect(results == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func votingOutsideTheVotingPhaseIsA409(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let token = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let (status, body) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/\(demo.proposals.id.rawValue)/ballots", body: DemoBudgets.body(["x"]), token: token)
            #expect(status == .conflict)
            #expect(errorCode(body) == "voting_closed")
            // And once the dates move past the close, the open edition closes too.
            harness.clock.set(demo.voting.schedule.votingClose)
            let (closed, closedBody) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/ballots", body: DemoBudgets.body(demo.picks(large: 1, small: 1)),
                token: token)
            #expect(closed == .conflict)
            #expect(errorCode(closedBody) == "voting_closed")
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoHundredSimultaneousBallotsOfOnePersonCountOnce(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let token = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let path = "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/ballots"
            let body = DemoBudgets.body(demo.picks(large: 2, small: 1))
            let before = try await harness.ballotsCast(in: demo.voting.id)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<200 { group.addTask { try await client.json(.post, path, body: body, token: token).0 } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            // The rest are refused as a second ballot or by the per-person rate limit; never a 5xx.
            #expect(statuses.allSatisfy { $0 == .created || $0 == .conflict || $0 == .tooManyRequests })
            #expect(try await harness.ballotsCast(in: demo.voting.id) == before + 1)
        }
    }

    @Test(arguments: TestDatabase.available) func ballotsEnterTheAuditChainInShuffledPools(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let mixer = harness.mixer
            // One more ballot: it waits sealed in the box, alone in its stratum.
            let token = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let (cast, _) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/ballots", body: DemoBudgets.body(demo.picks(large: 1, small: 1)),
                token: token)
            #expect(cast == .created)
            let pending = try await harness.services.store.read { try await $0.budgets.unauditedBallotCounts() }
            let waiting = Dictionary(uniqueKeysWithValues: pending.map { ($0.edition, $0.count) })
            let mixed = try await mixer.mix()
            // The closed edition is flushed whole; the open one only in whole pools of ten.
            let expected = (waiting[demo.past.id] ?? 0) + (waiting[demo.voting.id] ?? 0) / 10 * 10
            #expect(Int64(mixed) == expected)
            let left = try await harness.services.store.read { try await $0.budgets.unauditedBallotCounts() }
            #expect(left.allSatisfy { $0.edition == demo.voting.id && $0.count > 0 && $0.count < 10 })
            #expect(try await harness.services.store.read { try await $0.budgets.sealedBallotCount(in: demo.voting.id) } == 1)
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 10_000) }
            #expect(entries.filter { $0.action == AuditAction.budgetBallotCast }.count == mixed)
            #expect(entries.filter { $0.action == AuditAction.budgetBallotCast }.allSatisfy { $0.actor == "anonymous" })
        }
    }

    @Test(arguments: TestDatabase.available) func theDemoShowsLastYearsWinnersBeingDelivered(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let published = try await harness.services.store.read { try await $0.budgets.publishedResults(of: demo.past.id) }
            #expect(published.count == 2)
            #expect(published.values.allSatisfy { !$0.isEmpty })
            var reader = Browser(client)
            let page = try await reader.get("/vinnytsia/budgets/\(demo.past.id.rawValue)")
            #expect(page.body.contains("Реалізація проєктів-переможців"))
            #expect(page.body.contains("Реалізовано"))
        }
    }

    @Test(arguments: TestDatabase.available) func resultsAndExportExistOnlyOncePublished(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let (early, earlyBody) = try await client.json(.get, "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/results")
            #expect(early == .conflict)
            #expect(errorCode(earlyBody) == "results_not_published")
            let export = try await client.execute(uri: "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/export.pb", method: .get)
            #expect(export.status == .conflict)
            let (status, results) = try await client.json(.get, "/api/v1/vinnytsia/budgets/\(demo.past.id.rawValue)/results")
            #expect(status == .ok)
            let categories = try #require(results["categories"] as? [[String: Any]])
            #expect(categories.count == 2)
            // Pabutools-compatible: the exported category, tallied again, funds what the results page funds.
            for (category, published) in zip(demo.past.categories, categories) {
                let file = try await client.execute(
                    uri: "/api/v1/vinnytsia/budgets/\(demo.past.id.rawValue)/export.pb?category=\(category.id.rawValue)", method: .get)
                #expect(file.status == .ok)
                let election = try PabulibReader.read(String(buffer: file.body))
                #expect(election.votes.count == published["voters"] as? Int)
                #expect(election.votes.allSatisfy { $0.voterID.count == 19 })
                let outcome = try Tally.run(.greedy, on: election)
                #expect(outcome.selected.sorted() == (published["selected"] as? [String])?.sorted())
            }
            let (mes, mesBody) = try await client.json(.get, "/api/v1/vinnytsia/budgets/\(demo.past.id.rawValue)/results?rule=mes-add1u")
            #expect(mes == .ok)
            #expect(mesBody["rule"] as? String == "mes-add1u")
            let (bad, badBody) = try await client.json(.get, "/api/v1/vinnytsia/budgets/\(demo.past.id.rawValue)/results?rule=coinflip")
            #expect(bad == .unprocessableContent)
            #expect(errorCode(badBody) == "unknown_rule")
        }
    }
}

@Suite struct BudgetAPIWriteTests {
    static let edition = """
        {"title": {"uk": "Бюджет участі 2028", "en": "Participatory budget 2028"}, "ballotRule": "approval", "maxPicks": 3,
         "winnerRule": "mes-add1u", "announce": true, "proposalsOpen": "2020-01-01T07:00:00Z", "reviewOpen": "2099-01-01T07:00:00Z",
         "votingOpen": "2099-02-01T07:00:00Z", "votingClose": "2099-02-15T07:00:00Z",
         "categories": [{"name": {"uk": "Загальноміські"}, "fund": 200000000, "minCost": 5000000, "maxCost": 100000000}]}
        """

    @Test(arguments: TestDatabase.available) func cityAdminCreatesAnEditionAndAResidentSubmitsAProject(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let (status, body) = try await client.json(.post, "/api/v1/vinnytsia/budgets", body: Self.edition, token: admin)
            #expect(status == .created)
            #expect(body["phase"] as? String == "proposals")
            #expect(body["winnerRule"] as? String == "mes-add1u")
            let id = try #require(body["id"] as? String)
            let category = try #require((body["categories"] as? [[String: Any]])?.first?["id"] as? String)
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let project = #"{"category": "\#(category)", "title": "Скейт-парк на Київській", "summary": "Рампи, перила й освітлення для скейтерів і роликерів.", "costItems": [{"label": "Рампи", "amount": 60000000}]}"#
            let (submitted, projectBody) = try await client.json(.post, "/api/v1/vinnytsia/budgets/\(id)/projects", body: project, token: olena)
            #expect(submitted == .created)
            #expect(projectBody["status"] as? String == "submitted")
            #expect(projectBody["cost"] as? Int == 60_000_000)
            let tooDear = project.replacingOccurrences(of: "60000000", with: "600000000")
            let (refused, refusal) = try await client.json(.post, "/api/v1/vinnytsia/budgets/\(id)/projects", body: tooDear, token: olena)
            #expect(refused == .unprocessableContent)
            #expect(errorCode(refusal) == "cost_outside_category")
            _ = harness
        }
    }

    @Test(arguments: TestDatabase.available) func editionsAreCreatedOnlyByThatCitysAdminsAndOnlyWhenCoherent(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let zhmerynka = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            let (foreign, _) = try await client.json(.post, "/api/v1/vinnytsia/budgets", body: Self.edition, token: zhmerynka)
            #expect(foreign == .notFound)
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let (citizen, _) = try await client.json(.post, "/api/v1/vinnytsia/budgets", body: Self.edition, token: olena)
            #expect(citizen == .notFound)
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let backwards = Self.edition.replacingOccurrences(of: "2099-02-15", with: "2098-01-01")
            let (invalid, body) = try await client.json(.post, "/api/v1/vinnytsia/budgets", body: backwards, token: admin)
            #expect(invalid == .unprocessableContent)
            #expect(errorCode(body) == "edition_schedule_order")
            let (listed, list) = try await client.json(.get, "/api/v1/vinnytsia/budgets")
            #expect(listed == .ok)
            #expect((list["items"] as? [[String: Any]])?.count == 3)
        }
    }
}

@Suite struct BudgetOpenDataTests {
    @Test(arguments: TestDatabase.available) func projectsAndBallotsArePublishedAsOpenDataAfterResults(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let base = "/api/v1/vinnytsia/budgets/\(demo.past.id.rawValue)/open-data/"
            let csv = try await client.execute(uri: base + "projects.csv", method: .get)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = String(buffer: csv.body).split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("editionId,editionTitle,municipality,projectId,projectNumber") == true)
            #expect(lines.count == 16)
            let (status, _) = try await client.json(.get, base + "projects.json")
            #expect(status == .ok)
            let json = try await client.execute(uri: base + "ballots.json", method: .get)
            let ballots = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [[String: Any]])
            #expect(ballots.count == 2400)
            #expect(ballots.allSatisfy { ($0["receipt"] as? String)?.count == 19 })
            // A ballot carries no day: a participation's day would pair it on a quiet day.
            #expect(ballots.allSatisfy { $0["day"] == nil && $0["channel"] != nil && $0["ageGroup"] != nil })
            let ballotsCSV = String(buffer: try await client.execute(uri: base + "ballots.csv", method: .get).body)
            #expect(ballotsCSV.split(separator: "\r\n").first == "receipt,projects,points,channel,ageGroup")
            #expect(try await client.execute(uri: base + "secrets.csv", method: .get).status == .notFound)
            let early = try await client.execute(uri: "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/open-data/ballots.csv", method: .get)
            #expect(early.status == .conflict)
        }
    }

    @Test func csvCellsCannotRunAsSpreadsheetFormulas() {
        #expect(OpenDataFile.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(OpenDataFile.csvField("-12.5") == "-12.5")
        #expect(OpenDataFile.csvField("Сквер, алея") == "\"Сквер, алея\"")
    }
}
