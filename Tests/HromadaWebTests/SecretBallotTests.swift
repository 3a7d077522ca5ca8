import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

extension WebHarness {
    /// Ballots of an edition wherever they are: mixed, or sealed in the box.
    func ballotsCast(in edition: BudgetEditionID) async throws -> Int64 {
        try await services.store.read { try await $0.budgets.ballotCount(in: edition) + (try await $0.budgets.sealedBallotCount(in: edition)) }
    }

    /// Every ballot of an edition, those in the box opened in memory.
    func everyBallot(of edition: BudgetEditionID) async throws -> [AnonymousBallot] {
        let box = services.ballotBox
        return try await services.store.read { try await box.everyBallot(of: edition, in: $0) }
    }

    var mixer: BallotAuditMixer { BallotAuditMixer(store: services.store, box: services.ballotBox, clock: clock, logger: services.logger) }
}

/// A Vinnytsia edition in its voting phase (ten days left), with no ballots
/// of the demo's, and voters who all fall in one stratum (online, one age group).
struct SecretBallotFixture {
    let harness: WebHarness
    let city: Municipality
    let edition: BudgetEdition
    let projects: [BudgetProject]

    init(_ harness: WebHarness, paperDoubleEntry: Bool = true) async throws {
        self.harness = harness
        city = try await harness.city("vinnytsia")
        let now = harness.clock.now(), day: TimeInterval = 86_400
        let author = try #require(try await harness.account("olena@demo.hromada.ua"))
        let category = BudgetCategory(
            name: .init(uk: "Усі проєкти", en: "All projects"), fund: Money(hryvnias: 1_000_000), minCost: Money(hryvnias: 1),
            maxCost: Money(hryvnias: 1_000_000))
        var edition = BudgetEdition(
            municipalityID: city.id, title: .init(uk: "Таємне голосування", en: "Secret ballot"),
            schedule: BudgetSchedule(
                announcedAt: now.addingTimeInterval(-3 * day), proposalsOpen: nil, reviewOpen: now.addingTimeInterval(-2 * day),
                votingOpen: now.addingTimeInterval(-3600), votingClose: now.addingTimeInterval(10 * day)),
            ballotRule: .approval(maxPicks: nil, minPicks: nil), categories: [category])
        edition.paperDoubleEntry = paperDoubleEntry
        let projects = (1...4).map {
            BudgetProject(
                editionID: edition.id, categoryID: category.id, number: $0, title: "Проєкт \($0)", summary: "Опис",
                costItems: [.init(label: "Роботи", amount: Money(hryvnias: 1_000))], authorID: author.id, status: .feasible, submittedAt: now)
        }
        let stored = edition, cityID = city.id
        try await harness.services.store.write { tx in
            try await tx.budgets.insert(stored, at: now)
            for project in projects { try await tx.budgets.insert(project, in: cityID) }
        }
        self.edition = edition
        self.projects = projects
    }

    /// A verified resident born on 5 May 1980, like every other voter here.
    func voter(_ n: Int) async throws -> AccountID {
        let account = try await harness.makeAccount("voter\(n)@example.com")
        let born = CalendarDate(year: 1980, month: 5, day: 5)
        let verification = ResidencyVerification(
            municipalityID: city.id, accountID: account.id,
            identityHash: harness.services.keys.identityHash(of: NationalID.make(birthDate: born, serial: 2000 + n).digits), birthDate: born,
            method: .demo, verifiedBy: nil, verifiedAt: harness.clock.now())
        #expect(try await harness.services.store.write { try await $0.residency.insert(verification) })
        return account.id
    }

    /// Votes online; returns the receipt.
    func vote(_ voter: AccountID, _ n: Int) async throws -> String {
        let picks = (0..<projects.count).filter { (n + 1) >> $0 & 1 == 1 }.map { projects[$0].id }
        let confirmation = try await harness.services.budgetVoting.castOnline(
            BallotContent(projects: picks.isEmpty ? [projects[0].id] : picks), in: edition.id, city: city.id, by: voter,
            clientAddress: "10.7.\(n / 200).\(n % 200)")
        return try #require(confirmation.receipt)
    }

    func rows(_ sql: String) async throws -> [any SQLRow] {
        try await harness.services.store.read { try await $0.db.raw(SQLQueryString(sql)).all() }
    }
}

@Suite struct SecretBallotTests {
    /// Issue 13: what a reader of the tables learns after votes. On
    /// PostgreSQL: transaction ids (xmin) and physical places (ctid); on
    /// SQLite: rowids and the order of `SELECT *`; on both: what changes after
    /// one vote at a quiet time, and every stored time.
    @Test(arguments: TestDatabase.available)
    func aReaderOfTheDatabaseCannotPairAVoterWithTheirBallot(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await SecretBallotFixture(harness)
            let edition = fixture.edition.id.rawValue
            var receipts: [String] = []
            // One voter at a time, at a quiet moment: the reader diffs the
            // tables after each vote and finds no new ballot to pair.
            for n in 0..<25 {
                receipts.append(try await fixture.vote(try await fixture.voter(n), n))
                #expect(try await fixture.rows("SELECT receipt FROM budget_ballots WHERE edition_id = '\(edition)'").isEmpty)
            }
            // In the box: no receipt, no choice, no time, one length for all.
            let box = try await fixture.rows("SELECT * FROM budget_ballot_box WHERE edition_id = '\(edition)'")
            #expect(box.count == 25)
            #expect(Set(box.first?.allColumns ?? []) == ["edition_id", "id", "sealed"])
            let sealed = try box.map { try $0.decode(column: "sealed", as: String.self) }
            #expect(Set(sealed.map(\.count)).count == 1)
            for text in sealed {
                #expect(!receipts.contains { text.contains($0) })
                #expect(!fixture.projects.contains { text.contains($0.id.rawValue) })
            }

            // 25 sealed in one stratum: a pool of 15 leaves, 10 stay for the last pool.
            let firstMix = harness.clock.now()
            #expect(try await harness.mixer.mixSealed() == 15)
            for n in 25..<30 { receipts.append(try await fixture.vote(try await fixture.voter(n), n)) }
            // 15 waiting, under 2k: nothing leaves, on this day or the next.
            #expect(try await harness.mixer.mixSealed() == 0)
            harness.clock.advance(by: 86_400)
            #expect(try await harness.mixer.mixSealed() == 0)
            // Online voting closes: after the grace the stratum's last pool leaves whole.
            harness.clock.set(fixture.edition.schedule.votingClose.addingTimeInterval(2 * BallotPools.grace))
            #expect(try await harness.mixer.mixSealed() == 15)
            #expect(try await fixture.rows("SELECT id FROM budget_ballot_box WHERE edition_id = '\(edition)'").isEmpty)

            let castOrder = Dictionary(uniqueKeysWithValues: receipts.enumerated().map { ($1, $0) })
            func isInCastOrder(_ rows: [any SQLRow]) throws -> Bool {
                let order = try rows.map { castOrder[try $0.decode(column: "receipt", as: String.self)] ?? -1 }
                return order == order.sorted()
            }
            // Times: the day only, on both sides.
            let participations = try await fixture.rows("SELECT * FROM budget_participations WHERE edition_id = '\(edition)'")
            let ballots = try await fixture.rows("SELECT * FROM budget_ballots WHERE edition_id = '\(edition)'")
            #expect(participations.count == 30)
            #expect(ballots.count == 30)
            #expect(Set(participations.first?.allColumns ?? []) == ["edition_id", "identity_hash", "channel", "day"])
            #expect(Set(ballots.first?.allColumns ?? []) == ["id", "edition_id", "receipt", "content", "channel", "age_group", "day", "audited"])
            // The physical order (`SELECT *`, a dump) is not the order of the votes.
            #expect(try !isInCastOrder(ballots))

            switch database {
            case .postgres:
                let voters = Set(try await fixture.rows("SELECT xmin::text AS x FROM budget_participations WHERE edition_id = '\(edition)'")
                    .map { try $0.decode(column: "x", as: String.self) })
                let stored = try await fixture.rows(
                    "SELECT xmin::text AS x, receipt FROM budget_ballots WHERE edition_id = '\(edition)' ORDER BY ctid")
                let pools = Dictionary(grouping: try stored.map { try $0.decode(column: "x", as: String.self) }, by: { $0 })
                // No ballot was written by a voter's transaction; each came in a pool of at least k.
                #expect(voters.isDisjoint(with: pools.keys))
                #expect(pools.values.map(\.count).sorted() == [15, 15])
                #expect(try !isInCastOrder(stored))
                for pool in pools.keys {
                    #expect(try !isInCastOrder(stored.filter { try $0.decode(column: "x", as: String.self) == pool }))
                }
            case .sqlite:
                // WITHOUT ROWID: no hidden insertion order to read.
                for table in ["budget_ballots", "budget_participations", "budget_ballot_box"] {
                    await #expect(throws: (any Error).self) { _ = try await fixture.rows("SELECT rowid FROM \(table)") }
                }
            }

            // The audit log: each ballot's entry carries its pool's time, in shuffled order.
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: fixture.city.id, limit: 1000) }
                .filter { $0.action == AuditAction.budgetBallotCast && castOrder[$0.subject] != nil }
            #expect(entries.count == 30)
            #expect(Dictionary(grouping: entries, by: \.occurredAt).mapValues(\.count) == [firstMix: 15, harness.clock.now(): 15])
            let logged = entries.reversed().map { castOrder[$0.subject] ?? -1 }
            #expect(logged != logged.sorted())
            _ = client
        }
    }

    /// Issue 13: a stratum of one channel and age group spans the whole
    /// edition. One voter of it on a quiet day D; twelve more on D+1 and ten on
    /// D+2. The quiet day's ballot is never mixed alone: it leaves in a pool of
    /// at least k, on a day that is not D, and nothing published or stored
    /// with it says D.
    @Test(arguments: TestDatabase.available)
    func aQuietDaysSingleBallotStillHidesAmongItsStratum(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await SecretBallotFixture(harness)
            let edition = fixture.edition.id.rawValue
            let k = harness.services.ballotBox.pools.poolSize
            let quietDay = CalendarDate.inKyiv(harness.clock.now())
            let quiet = try await fixture.vote(try await fixture.voter(0), 0)
            #expect(try await harness.mixer.mixSealed() == 0)
            // The quiet day is over: its one ballot still waits, sealed.
            harness.clock.advance(by: 86_400)
            #expect(try await harness.mixer.mixSealed() == 0)
            var receipts = [quiet]
            for n in 1...12 { receipts.append(try await fixture.vote(try await fixture.voter(n), n)) }
            #expect(try await harness.mixer.mixSealed() == 0)
            #expect(try await fixture.rows("SELECT id FROM budget_ballots WHERE edition_id = '\(edition)'").isEmpty)
            // D+2: 23 waiting, a random 13 leave and 10 stay for the last pool.
            harness.clock.advance(by: 86_400)
            for n in 13...22 { receipts.append(try await fixture.vote(try await fixture.voter(n), n)) }
            let firstPool = harness.clock.now()
            #expect(try await harness.mixer.mixSealed() == 13)
            let lastPool = fixture.edition.schedule.votingClose.addingTimeInterval(2 * BallotPools.grace)
            harness.clock.set(lastPool)
            #expect(try await harness.mixer.mixSealed() == 10)

            // The database: every ballot carries its pool's day; none says D.
            let stored = try await fixture.rows("SELECT receipt, day, age_group, channel FROM budget_ballots WHERE edition_id = '\(edition)'")
            #expect(stored.count == 23)
            let days = Dictionary(uniqueKeysWithValues: try stored.map {
                (try $0.decode(column: "receipt", as: String.self), try $0.decode(column: "day", as: String.self))
            })
            #expect(Set(days.values) == [CalendarDate.inKyiv(firstPool).description, CalendarDate.inKyiv(lastPool).description])
            #expect(!days.values.contains(quietDay.description))
            #expect(days[quiet] != nil)
            #expect(Set(try stored.map { try $0.decode(column: "age_group", as: String.self) }).count == 1)
            #expect(Set(try stored.map { try $0.decode(column: "channel", as: String.self) }) == ["online"])
            // Its pool, by the audit log's time and on PostgreSQL by transaction id: at least k.
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: fixture.city.id, limit: 1000) }
                .filter { $0.action == AuditAction.budgetBallotCast && receipts.contains($0.subject) }
            let quietEntry = try #require(entries.first { $0.subject == quiet })
            #expect(CalendarDate.inKyiv(quietEntry.occurredAt) != quietDay)
            #expect(entries.filter { $0.occurredAt == quietEntry.occurredAt }.count >= k)
            if database == .postgres {
                let pools = try await fixture.rows("SELECT xmin::text AS x, receipt FROM budget_ballots WHERE edition_id = '\(edition)'")
                let pool = try #require(try pools.first { try $0.decode(column: "receipt", as: String.self) == quiet }?.decode(column: "x", as: String.self))
                #expect(try pools.filter { try $0.decode(column: "x", as: String.self) == pool }.count >= k)
            }

            // Published: channel and age group, no day, in either file.
            let base = "/vinnytsia/budgets/\(edition)", desk = "/vinnytsia/admin/budgets/\(edition)"
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/phase", [("transition", "publish_results")]).status == .seeOther)
            let csv = String(buffer: try await client.execute(uri: "/api/v1\(base)/open-data/ballots.csv", method: .get).body)
            let lines = csv.split(separator: "\r\n")
            #expect(lines.first == "receipt,projects,points,channel,ageGroup")
            #expect(lines.count == 24)
            #expect(!csv.contains(quietDay.description))
            let json = try await client.execute(uri: "/api/v1\(base)/open-data/ballots.json", method: .get)
            let published = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [[String: Any]])
            #expect(published.count == 23)
            #expect(published.allSatisfy { Set($0.keys).isSubset(of: ["receipt", "projects", "points", "channel", "ageGroup"]) })
            #expect(published.contains { $0["receipt"] as? String == quiet })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aMixThatFailsHalfwayLeavesEveryBallotSealed(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            let fixture = try await SecretBallotFixture(harness)
            for n in 0..<20 { _ = try await fixture.vote(try await fixture.voter(n), n) }
            struct Crash: Error {}
            let box = harness.services.ballotBox, edition = fixture.edition, now = harness.clock.now()
            await #expect(throws: Crash.self) {
                try await harness.services.store.write { tx in
                    #expect(try await box.mix(edition, in: tx, at: now, whole: true, lastPools: true).mixed == 20)
                    throw Crash()
                }
            }
            #expect(try await harness.services.store.read { try await $0.budgets.sealedBallotCount(in: edition.id) } == 20)
            #expect(try await harness.services.store.read { try await $0.budgets.ballotCount(in: edition.id) } == 0)
            // Mixed again, every ballot lands once.
            #expect(try await harness.mixer.mixSealed() == 10)
            #expect(try await harness.ballotsCast(in: edition.id) == 20)
        }
    }

    /// The mixer plans its pools in a read; if another transaction mixes
    /// some of those ballots first, the planned move rolls back whole and the
    /// ballots are mixed once (issue 25).
    @Test(arguments: TestDatabase.available)
    func aPoolPlannedOutsideTheWriterThatLostABallotRollsBackWhole(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            let fixture = try await SecretBallotFixture(harness)
            for n in 0..<20 { _ = try await fixture.vote(try await fixture.voter(n), n) }
            let box = harness.services.ballotBox, edition = fixture.edition, now = harness.clock.now()
            let plan = try await harness.services.store.read { tx in
                box.plan(try await tx.budgets.sealedBallots(of: edition.id), edition: edition, at: now, whole: false, lastPools: true)
            }
            #expect(plan.pools.map(\.count) == [10])
            var generator = SystemRandomNumberGenerator()
            let pool = plan.pool(using: &generator)
            // Another transaction takes one of the pool's ballots first.
            let taken = try #require(pool.first?.boxID)
            try await harness.services.store.write { tx in
                try await tx.db.raw("DELETE FROM budget_ballot_box WHERE id = \(bind: taken)").run()
            }
            let move = try box.prepareMove(pool, municipality: edition.municipalityID, at: now)
            let auditBefore = try await fixture.rows("SELECT seq FROM audit_entries").count
            await #expect(throws: BallotBox.Problem.raced) {
                try await harness.services.store.write { tx in
                    try await box.move(move, from: edition.id, in: tx, at: now)
                }
            }
            #expect(try await harness.services.store.read { try await $0.budgets.sealedBallotCount(in: edition.id) } == 19)
            #expect(try await harness.services.store.read { try await $0.budgets.ballotCount(in: edition.id) } == 0)
            #expect(try await fixture.rows("SELECT seq FROM audit_entries").count == auditBefore)
        }
    }

    @Test(arguments: TestDatabase.available) func aBallotWaitsSealedAndIsCountedWhenResultsArePublished(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await SecretBallotFixture(harness)
            let receipts = try await (0..<3).asyncMap { n in try await fixture.vote(try await fixture.voter(n), n) }
            let base = "/vinnytsia/budgets/\(fixture.edition.id.rawValue)", desk = "/vinnytsia/admin/budgets/\(fixture.edition.id.rawValue)"
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/phase", [("transition", "close_voting")]).status == .seeOther)
            // The staff's preview while counting counts the sealed ballots too.
            let preview = try await admin.get(base + "/results")
            #expect(preview.status == .ok)
            #expect(preview.body.contains("<dd>3</dd>"))
            #expect(try await harness.services.store.read { try await $0.budgets.sealedBallotCount(in: fixture.edition.id) } == 3)
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/phase", [("transition", "publish_results")]).status == .seeOther)
            // Published: the box is empty and every receipt is in the export once.
            #expect(try await harness.services.store.read { try await $0.budgets.sealedBallotCount(in: fixture.edition.id) } == 0)
            let export = String(buffer: try await client.execute(uri: "/api/v1\(base)/export.pb", method: .get).body)
            for receipt in receipts { #expect(export.components(separatedBy: receipt).count == 2) }
        }
    }

    @Test(arguments: TestDatabase.available) func aBallotThatReachesTheDatabaseAfterResultsArePublishedIsRefused(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            let fixture = try await SecretBallotFixture(harness)
            let voter = try await fixture.voter(1)
            let ballot = AnonymousBallot(
                editionID: fixture.edition.id, receipt: BallotReceipt.generate(), content: BallotContent(projects: [fixture.projects[0].id]),
                channel: .paper, ageGroup: .from45)
            // Prepared while the edition still counted, written after results were out.
            let prepared = try harness.services.budgetVoting.prepare(
                ballot, paddedTo: BallotLength(edition: fixture.edition, onBallot: fixture.projects), actor: voter, city: fixture.city.id)
            var published = fixture.edition
            published.schedule.resultsPublishedAt = harness.clock.now()
            let changed = published
            try await harness.services.store.write { try await $0.budgets.update(changed) }
            let identity = IdentityHash(rawValue: "late-voter")
            await #expect(throws: AppError.conflict(code: "voting_closed")) {
                try await harness.services.store.write { tx in
                    try await BudgetVoting.write(prepared, identity: identity, limits: [], clerk: nil, in: tx)
                }
            }
            #expect(try await harness.services.store.read { try await $0.budgets.participation(in: fixture.edition.id, identity: identity) } == nil)
            #expect(try await harness.ballotsCast(in: fixture.edition.id) == 0)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
