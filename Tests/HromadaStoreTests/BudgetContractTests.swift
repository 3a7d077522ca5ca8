import Foundation
import HromadaDomain
import HromadaTestSupport
import SQLKit
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct BudgetContractTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")

    func edition(in city: MunicipalityID) -> BudgetEdition {
        BudgetEdition(
            municipalityID: city, title: .init(uk: "Бюджет громадських ініціатив 2027", en: "Civic budget 2027"),
            schedule: BudgetSchedule(
                announcedAt: t0, proposalsOpen: t0, reviewOpen: t0.addingTimeInterval(86_400), votingOpen: t0.addingTimeInterval(2 * 86_400),
                votingClose: t0.addingTimeInterval(3 * 86_400)),
            ballotRule: .approval(maxPicks: 2, minPicks: nil),
            categories: [
                BudgetCategory(name: .init(uk: "Малі", en: "Small"), fund: Money(hryvnias: 1_000_000), minCost: Money(hryvnias: 1), maxCost: Money(hryvnias: 500_000))
            ])
    }

    func project(_ edition: BudgetEdition, number: Int, author: AccountID) -> BudgetProject {
        BudgetProject(
            editionID: edition.id, categoryID: edition.categories[0].id, number: number, title: "Сквер на Замостянській \(number)",
            summary: "Лавки, ліхтарі та дерева", address: "вул. Замостянська, 12", latitude: 49.23, longitude: 28.47,
            costItems: [.init(label: "Лавки", amount: Money(hryvnias: 120_000)), .init(label: "Ліхтарі", amount: Money(kopiyky: 8_000_050))],
            authorID: author, status: .feasible, submittedAt: t0)
    }

    func ballot(_ edition: BudgetEdition, _ projects: [BudgetProject], receipt: String = BallotReceipt.generate()) -> AnonymousBallot {
        AnonymousBallot(
            editionID: edition.id, receipt: receipt, content: BallotContent(projects: projects.map(\.id)), channel: .online, ageGroup: .from30)
    }

    /// The day voters take part in these tests, and the later day their ballots are stored on.
    let castDay = CalendarDate(year: 2027, month: 3, day: 1)
    let poolDay = CalendarDate(year: 2027, month: 3, day: 4)

    /// Two cities, an author, and a Vinnytsia edition with `count` feasible projects, stored.
    func seeded(_ store: Store, projects count: Int = 1) async throws -> (BudgetEdition, [BudgetProject]) {
        try await seedCities(store)
        let author = try await insertAccounts(store, "author@example.com")[0]
        let edition = edition(in: vinnytsia)
        let projects = (1...max(1, count)).map { project(edition, number: $0, author: author.id) }
        let city = vinnytsia
        try await store.write { tx in
            try await tx.budgets.insert(edition, at: t0)
            for p in projects { try await tx.budgets.insert(p, in: city) }
        }
        return (edition, projects)
    }

    @Test(arguments: TestDatabase.available)
    func editionsAndProjectsRoundTripWithinTheirCity(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let author = try await insertAccounts(store, "author@example.com")[0]
            let edition = edition(in: vinnytsia)
            let project = project(edition, number: 1, author: author.id)
            try await store.write { tx in
                try await tx.budgets.insert(edition, at: t0)
                try await tx.budgets.insert(project, in: vinnytsia)
            }
            #expect(try await store.read { try await $0.budgets.edition(edition.id, in: vinnytsia) } == edition)
            #expect(try await store.read { try await $0.budgets.edition(edition.id, in: zhmerynka) } == nil)
            #expect(try await store.read { try await $0.budgets.projects(of: edition.id, in: vinnytsia) } == [project])
            #expect(try await store.read { try await $0.budgets.projects(of: edition.id, in: zhmerynka) }.isEmpty)
            #expect(try await store.read { try await $0.budgets.project(project.id, in: zhmerynka) } == nil)
            #expect(try await store.read { try await $0.budgets.nextProjectNumber(in: edition.id) } == 2)
            let reviewed = { var changed = project; changed.status = .infeasible; return changed }()
            // An update through another city's id changes nothing.
            try await store.write { try await $0.budgets.update(reviewed, in: zhmerynka) }
            #expect(try await store.read { try await $0.budgets.project(project.id, in: vinnytsia) }?.status == .feasible)
            try await store.write { try await $0.budgets.update(reviewed, in: vinnytsia) }
            #expect(try await store.read { try await $0.budgets.project(project.id, in: vinnytsia) }?.status == .infeasible)
        }
    }

    @Test(arguments: TestDatabase.available)
    func secondParticipationOfTheSameIdentityIsRefused(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let edition = edition(in: vinnytsia)
            try await store.write { try await $0.budgets.insert(edition, at: t0) }
            let day = CalendarDate(year: 2027, month: 3, day: 1)
            let person = IdentityHash(rawValue: "person")
            #expect(try await store.write { try await $0.budgets.recordParticipation(in: edition.id, identity: person, channel: .online, day: day) })
            #expect(try await store.write { try await $0.budgets.recordParticipation(in: edition.id, identity: person, channel: .paper, day: day) } == false)
            #expect(try await store.read { try await $0.budgets.participation(in: edition.id, identity: person) } == .online)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoHundredSimultaneousBallotsOfOnePersonLeaveExactlyOne(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (edition, _) = try await seeded(store)
            let person = IdentityHash(rawValue: "one-person"), day = castDay
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in 0..<200 {
                    group.addTask {
                        try await store.write { tx in
                            guard try await tx.budgets.recordParticipation(in: edition.id, identity: person, channel: .online, day: day)
                            else { return false }
                            try await tx.budgets.insertSealed(.init(id: RandomToken.base32(byteCount: 16), sealed: "sealed-\(attempt)"), in: edition.id)
                            return true
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(accepted == 1)
            #expect(try await store.read { try await $0.budgets.sealedBallotCount(in: edition.id) } == 1)
            #expect(try await store.read { try await $0.budgets.participationCount(in: edition.id) } == 1)
        }
    }

    /// The secret ballot: no stored column of a participation equals, orders
    /// or dates one of the ballots more finely than the day.
    @Test(arguments: TestDatabase.available)
    func participationsCannotBeJoinedToBallots(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (edition, projects) = try await seeded(store, projects: 2)
            // Voters with ordered identities vote in order, each for a distinct pattern.
            for index in 0..<20 {
                let ballot = ballot(edition, index % 2 == 0 ? [projects[0]] : [projects[1]])
                try await store.write { tx in
                    _ = try await tx.budgets.recordParticipation(
                        in: edition.id, identity: IdentityHash(rawValue: String(format: "identity-%02d", index)), channel: .online, day: castDay)
                    try await tx.budgets.insert(ballot, storedOn: castDay)
                }
            }
            // The audit mixer shelves ballots in pools; here, one pool of all twenty.
            let pool = try await store.read { try await $0.budgets.unauditedBallots(of: edition.id, limit: 100) }
            let poolDay = poolDay
            try await store.write { try await $0.budgets.shelve(pool, storedOn: poolDay) }
            let (participations, ballots) = try await store.read { tx in
                (try await tx.db.raw("SELECT * FROM budget_participations").all(), try await tx.db.raw("SELECT * FROM budget_ballots").all())
            }
            let participationColumns = participations.first?.allColumns ?? []
            let ballotColumns = ballots.first?.allColumns ?? []
            // No shared column beyond the edition and the (coarse) day and channel.
            let shared = Set(participationColumns).intersection(ballotColumns)
            #expect(shared == ["edition_id", "day", "channel"])
            #expect(ballots.count == 20)
            // A ballot's day is its pool's, not the day its voter took part.
            #expect(try ballots.allSatisfy { try $0.text("day") == poolDay.description })
            // No value of a participation appears in any ballot column.
            let participationValues = Set(try participations.flatMap { row in try participationColumns.map { try row.text($0) } })
            for ballot in ballots {
                for column in ballotColumns where !shared.contains(column) {
                    #expect(!participationValues.contains(try ballot.text(column)), "ballot column \(column) repeats a participation value")
                }
            }
            // Reading both tables in their natural order does not pair voter i with ballot i.
            let contents = try ballots.map { try $0.text("content") }
            let votedFirst = projects[0].id.rawValue
            let insertionPattern = (0..<20).map { $0 % 2 == 0 }
            let storedPattern = contents.map { $0.contains(votedFirst) }
            // With random ids the chance of the exact insertion pattern is 1 in C(20,10) = 184,756.
            #expect(storedPattern != insertionPattern)
        }
    }

    @Test(arguments: TestDatabase.available)
    func ballotsAreFoundByReceiptAndAuditedOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (edition, projects) = try await seeded(store)
            let ballots = (0..<3).map { _ in ballot(edition, projects) }
            let day = castDay
            try await store.write { tx in for b in ballots { try await tx.budgets.insert(b, storedOn: day) } }
            #expect(try await store.read { try await $0.budgets.ballot(receipt: ballots[1].receipt, in: edition.id) } == ballots[1])
            #expect(try await store.read { try await $0.budgets.unauditedBallotCounts() }.map(\.count) == [3])
            let pending = try await store.read { try await $0.budgets.unauditedBallots(of: edition.id, limit: 2) }
            #expect(pending.map(\.id) == pending.map(\.id).sorted { $0.rawValue < $1.rawValue })
            let poolDay = poolDay
            try await store.write { try await $0.budgets.shelve(pending, storedOn: poolDay) }
            #expect(try await store.read { try await $0.budgets.unauditedBallotCounts() }.map(\.count) == [1])
        }
    }
}

extension SQLRow {
    /// Any column as text, for comparing values across tables.
    fileprivate func text(_ column: String) throws -> String {
        if let value = try? decode(column: column, as: String.self) { return value }
        if let value = try? decode(column: column, as: Int64.self) { return String(value) }
        return ""
    }
}

@Suite struct CoauthorContractTests {
    @Test(arguments: TestDatabase.available)
    func coauthorsBelongToOneProjectInOneCity(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = BudgetContractTests()
            let (edition, projects) = try await fixture.seeded(store, projects: 2)
            let people = try await insertAccounts(store, "one@example.com", "two@example.com")
            let city = fixture.vinnytsia, other = fixture.zhmerynka
            let first = projects[0].id
            #expect(try await store.write { try await $0.budgets.addCoauthor(people[0].id, to: first, in: city, at: t0) })
            #expect(try await store.write { try await $0.budgets.addCoauthor(people[1].id, to: first, in: city, at: t0.addingTimeInterval(1)) })
            // Naming the same person twice changes nothing.
            #expect(try await store.write { try await $0.budgets.addCoauthor(people[0].id, to: first, in: city, at: t0) } == false)
            #expect(try await store.read { try await $0.budgets.coauthors(of: first, in: city) } == [people[0].id, people[1].id])
            #expect(try await store.read { try await $0.budgets.coauthors(of: first, in: other) }.isEmpty)
            #expect(try await store.read { try await $0.budgets.coauthors(inEdition: edition.id, in: city) } == [first: [people[0].id, people[1].id]])
            #expect(try await store.write { try await $0.budgets.removeCoauthor(people[0].id, from: first, in: other) } == false)
            #expect(try await store.write { try await $0.budgets.removeCoauthor(people[0].id, from: first, in: city) })
            #expect(try await store.read { try await $0.budgets.coauthors(of: first, in: city) } == [people[1].id])
        }
    }
}
