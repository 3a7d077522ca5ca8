import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HromadaWeb
import Testing
@testable import Auctions
@testable import Budgets
@testable import Invest
@testable import Petitions

/// The figures each module works out for a city and a Kyiv year, as a
/// strategy reads them through the registry (`ComputedIndicator`): what a
/// year counts, the year's edges in Kyiv time (a moment just after
/// midnight on 1 January is the new year there, the old one in UTC), a year
/// with nothing to count (nil, not zero), and another city's records left out.
@Suite struct ComputedIndicatorTests {
    // MARK: Participatory budget

    @Test(arguments: TestDatabase.available)
    func ballotsAreThoseCastInTheEditionsWhoseVotingClosedThatYearInKyiv(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let here = try await BudgetRun(harness, city: try await harness.world.city("testove"))
            let there = try await BudgetRun(harness, city: try await harness.world.city("inshe", name: "Інше"))
            _ = try await here.edition(closing: kyiv(2025, 6, 16), voters: 3)
            _ = try await there.edition(closing: kyiv(2025, 6, 23), voters: 4)
            // 22:30 UTC on 31 December 2025: in Kyiv, half past midnight in 2026.
            _ = try await here.edition(closing: kyiv(2026, 1, 1, 0, 30), voters: 2)
            _ = try await here.edition(closing: kyiv(2026, 3, 2), voters: 1, leaveOpen: true)

            #expect(try await harness.figure("budgets.ballots", here.city, 2025) == 3)
            #expect(try await harness.figure("budgets.ballots", there.city, 2025) == 4)
            #expect(try await harness.figure("budgets.ballots", here.city, 2026) == 2, "an edition still voting has not closed")
            #expect(try await harness.figure("budgets.ballots", here.city, 2024) == nil)
            #expect(try await harness.figure("budgets.ballots", there.city, 2026) == nil)

            harness.clock.set(kyiv(2026, 3, 2, 13))
            #expect(try await harness.figure("budgets.ballots", here.city, 2026) == 3)
        }
    }

    @Test(arguments: TestDatabase.available)
    func turnoutIsThoseBallotsAsAShareOfThePopulation(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let here = try await BudgetRun(harness, city: try await harness.world.city("testove"))
            let there = try await BudgetRun(harness, city: try await harness.world.city("inshe", name: "Інше"))
            _ = try await here.edition(closing: kyiv(2025, 6, 16), voters: 3)
            _ = try await there.edition(closing: kyiv(2025, 6, 23), voters: 5)

            // 3 ballots of 20 000 people.
            #expect(nearly(try await harness.figure("budgets.turnout", here.city, 2025), 0.015))
            #expect(nearly(try await harness.figure("budgets.turnout", there.city, 2025), 0.025))
            #expect(try await harness.figure("budgets.turnout", here.city, 2024) == nil)
            var unknown = here.city
            unknown.population = 0
            #expect(try await harness.figure("budgets.turnout", unknown, 2025) == nil, "no population on record, no turnout")
        }
    }

    @Test(arguments: TestDatabase.available)
    func projectsDeliveredAreWinnersMarkedDoneThatYear(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let here = try await BudgetRun(harness, city: try await harness.world.city("testove"))
            let there = try await BudgetRun(harness, city: try await harness.world.city("inshe", name: "Інше"))
            let (edition, projects) = try await here.edition(closing: kyiv(2025, 3, 10), projects: 2, voters: 2)
            let (elsewhere, theirs) = try await there.edition(closing: kyiv(2025, 3, 17), voters: 1)
            harness.clock.set(kyiv(2025, 3, 18, 10))
            try await here.publish(edition)
            try await there.publish(elsewhere)
            // Both won and are owed: none delivered yet is a true zero.
            #expect(try await harness.figure("budgets.projects_delivered", here.city, 2025) == 0)
            #expect(try await harness.figure("budgets.projects_delivered", here.city, 2024) == nil, "no results were out yet")

            try await here.deliver(projects[0], of: edition, .inProgress, at: kyiv(2025, 5, 5))
            try await here.deliver(projects[1], of: edition, .inProgress, at: kyiv(2025, 6, 2))
            try await there.deliver(theirs[0], of: elsewhere, .done, at: kyiv(2025, 8, 1))
            try await here.deliver(projects[0], of: edition, .done, at: kyiv(2025, 11, 20))
            // 22:30 UTC on 31 December: delivered in 2026 in Kyiv.
            try await here.deliver(projects[1], of: edition, .done, at: kyiv(2026, 1, 1, 0, 30))
            // A later note with the final spending does not move the day it was delivered.
            try await here.deliver(projects[1], of: edition, .done, at: kyiv(2026, 2, 2))
            harness.clock.set(kyiv(2026, 3, 2))

            #expect(try await harness.figure("budgets.projects_delivered", here.city, 2025) == 1)
            #expect(try await harness.figure("budgets.projects_delivered", here.city, 2026) == 1)
            #expect(try await harness.figure("budgets.projects_delivered", there.city, 2025) == 1)
            #expect(try await harness.figure("budgets.projects_delivered", there.city, 2026) == nil, "nothing was owed there any more")
            #expect(try await harness.figure("budgets.projects_delivered", here.city, 2027) == nil, "a year not begun")
        }
    }

    // MARK: E-petitions

    @Test(arguments: TestDatabase.available)
    func petitionsAnsweredOnTimeAreTheShareOfThoseDueThatYearAnsweredBeforeTheDeadline(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let here = try await PetitionRun(harness, slug: "testove")
            let there = try await PetitionRun(harness, slug: "inshe")
            // Ten working days (the default charter, weekends off) from the day the only signature needed came.
            let early = try await here.considered(opened: kyiv(2025, 2, 3, 10))
            try await here.answer(early, at: kyiv(2025, 2, 10, 10))
            let late = try await here.considered(opened: kyiv(2025, 3, 3, 10))
            try await here.answer(late, at: kyiv(2025, 3, 25, 10))
            _ = try await here.considered(opened: kyiv(2025, 6, 2, 10))
            harness.clock.set(kyiv(2025, 6, 10))
            #expect(nearly(try await harness.figure("petitions.answered_on_time", here.city, 2025), 50), "one not yet due is not judged")

            let theirs = try await there.considered(opened: kyiv(2025, 6, 11, 10))
            try await there.answer(theirs, at: kyiv(2025, 7, 10, 10))
            // Due on 5 January 2026 (1 January is a working day while martial law lasts).
            let december = try await here.considered(opened: kyiv(2025, 12, 22, 10))
            #expect(try #require(KyivYear(2026)).containsDeadline(try #require(december.answerDue)))
            try await here.answer(december, at: kyiv(2026, 1, 5, 10))
            harness.clock.set(kyiv(2026, 1, 5, 11))

            // The one never answered counts as late once its deadline has passed.
            #expect(nearly(try await harness.figure("petitions.answered_on_time", here.city, 2025), 100.0 / 3))
            #expect(try await harness.figure("petitions.answered_on_time", here.city, 2026) == 100)
            #expect(try await harness.figure("petitions.answered_on_time", there.city, 2025) == 0)
            #expect(try await harness.figure("petitions.answered_on_time", here.city, 2024) == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func petitionsSubmittedAreThosePublishedForSignaturesThatYear(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let here = try await PetitionRun(harness, slug: "testove", threshold: 100)
            let there = try await PetitionRun(harness, slug: "inshe", threshold: 100)
            _ = try await here.opened(at: kyiv(2025, 2, 3, 10))
            _ = try await there.opened(at: kyiv(2025, 3, 3, 10))
            try await here.rejected(at: kyiv(2025, 5, 5, 10))
            try await here.draft(at: kyiv(2025, 5, 6, 10))
            _ = try await here.opened(at: kyiv(2025, 12, 31, 23, 30))
            _ = try await here.opened(at: kyiv(2026, 1, 1, 0, 30))
            harness.clock.set(kyiv(2026, 2, 2))

            #expect(try await harness.figure("petitions.submitted", here.city, 2025) == 2, "neither the rejected one nor the draft")
            #expect(try await harness.figure("petitions.submitted", here.city, 2026) == 1)
            #expect(try await harness.figure("petitions.submitted", there.city, 2025) == 1)
            #expect(try await harness.figure("petitions.submitted", there.city, 2026) == 0, "a year without one, once the city has petitions")
            #expect(try await harness.figure("petitions.submitted", here.city, 2024) == nil, "before the city's first petition")
            #expect(try await harness.figure("petitions.submitted", here.city, 2027) == nil, "a year not begun")
        }
    }

    // MARK: Property auctions

    @Test(arguments: TestDatabase.available)
    func auctionProceedsAreTheWinningBidsOfContractsSignedThatYear(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let (here, there) = try await AuctionRun.lots(harness)
            #expect(try await harness.figure("auctions.proceeds", here, 2025) == 150_000)
            // Auctioned in December, its contract signed in January.
            #expect(try await harness.figure("auctions.proceeds", here, 2026) == 80_000)
            #expect(try await harness.figure("auctions.proceeds", here, 2023) == 0, "auctions held, nothing sold")
            #expect(try await harness.figure("auctions.proceeds", here, 2024) == nil)
            #expect(try await harness.figure("auctions.proceeds", there, 2025) == 1_000_000)
        }
    }

    @Test(arguments: TestDatabase.available)
    func soldShareIsTheShareOfLotsAuctionedThatYearThatEndedInAContract(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let (here, there) = try await AuctionRun.lots(harness)
            // Two sold, one unsuccessful; the one still in qualification and the one cancelled before its auction do not count.
            #expect(nearly(try await harness.figure("auctions.sold_share", here, 2025), 200.0 / 3))
            #expect(try await harness.figure("auctions.sold_share", here, 2023) == 0)
            #expect(try await harness.figure("auctions.sold_share", here, 2026) == nil)
            #expect(try await harness.figure("auctions.sold_share", there, 2025) == 100)
        }
    }

    // MARK: Investment portal

    @Test(arguments: TestDatabase.available)
    func enquiriesOnTimeAreTheShareOfFirstAnswersDueThatYearGivenInTime(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let here = try await EnquiryRun(harness, slug: "testove")
            let there = try await EnquiryRun(harness, slug: "inshe")
            // One working day (the default charter) from the investor's confirmation.
            try await here.answer(try await here.confirmed(at: kyiv(2025, 3, 3, 10)), at: kyiv(2025, 3, 4, 15))
            try await here.answer(try await here.confirmed(at: kyiv(2025, 3, 10, 10)), at: kyiv(2025, 3, 13, 10))
            _ = try await here.confirmed(at: kyiv(2025, 6, 2, 10))
            try await here.unconfirmed(at: kyiv(2025, 6, 2, 11))
            harness.clock.set(kyiv(2025, 6, 3, 10))
            #expect(nearly(try await harness.figure("invest.enquiries_on_time", here.city, 2025), 50), "one not yet due is not judged")

            try await there.answer(try await there.confirmed(at: kyiv(2025, 6, 3, 11)), at: kyiv(2025, 6, 3, 12))
            // Confirmed on 31 December: its first answer is due on 1 January.
            try await here.answer(try await here.confirmed(at: kyiv(2025, 12, 31, 10)), at: kyiv(2026, 1, 1, 10))
            harness.clock.set(kyiv(2026, 1, 1, 11))

            #expect(nearly(try await harness.figure("invest.enquiries_on_time", here.city, 2025), 100.0 / 3))
            #expect(try await harness.figure("invest.enquiries_on_time", here.city, 2026) == 100)
            #expect(try await harness.figure("invest.enquiries_on_time", there.city, 2025) == 100)
            #expect(try await harness.figure("invest.enquiries_on_time", here.city, 2024) == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func sitesOnOfferAreKnownForTheCurrentYearOnly(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            harness.clock.set(kyiv(2026, 2, 2))
            let world = harness.world
            let here = try await world.city("testove"), there = try await world.city("inshe", name: "Інше")
            let staff = try await world.staff(.capability(.manageInvest), in: here)
            _ = try await world.investPortal(in: here, by: staff)
            let reserved = try await world.site(in: here, cadastral: "0510100000:02:001:0043", by: staff)
            _ = try await harness.services.invest.move(reserved.id, to: .reserved, city: here, principal: staff)
            let leased = try await world.site(in: here, cadastral: "0510100000:02:001:0044", by: staff)
            _ = try await harness.services.invest.move(leased.id, to: .inAuction, city: here, principal: staff)
            _ = try await harness.services.invest.move(leased.id, to: .leased, city: here, principal: staff)
            _ = try await world.investPortal(in: there, by: try await world.staff(.capability(.manageInvest), in: there))

            #expect(try await harness.figure("invest.sites_on_offer", here, 2026) == 2, "available and reserved; leased has left the offer")
            #expect(try await harness.figure("invest.sites_on_offer", there, 2026) == 1)
            #expect(try await harness.figure("invest.sites_on_offer", here, 2025) == nil, "no history of statuses to tell")
            #expect(try await harness.figure("invest.sites_on_offer", here, 2027) == nil)
        }
    }
}

// MARK: What the tests share

/// A moment in Kyiv (the days used are clear of the clock changes).
func kyiv(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12, _ minute: Int = 0) -> Date {
    CalendarDate(year: year, month: month, day: day).startInKyiv.addingTimeInterval(TimeInterval(hour * 3_600 + minute * 60))
}

/// Equal to within rounding, for percentages.
func nearly(_ value: Double?, _ expected: Double) -> Bool {
    value.map { abs($0 - expected) < 1e-9 } ?? false
}

extension WebHarness {
    /// The figure of that key for the city and year, as a strategy reads it through the registry.
    func figure(_ key: String, _ city: Municipality, _ year: Int) async throws -> Double? {
        let indicator = try #require(services.modules.computedIndicator(key, in: city), "no module of \(city.slug.rawValue) computes \(key)")
        return try await indicator.value(city, year, services)
    }

    /// A resident of `city` no other test line has made.
    func newResident(of city: Municipality) async throws -> Account {
        try await world.resident("resident-\(RandomToken.base32(byteCount: 6).lowercased())@example.com", of: city)
    }
}

/// Editions of one city's participatory budget, run through the module's
/// services on the harness's clock.
struct BudgetRun {
    let harness: WebHarness
    let city: Municipality
    let admin: Principal
    let author: Account

    init(_ harness: WebHarness, city: Municipality) async throws {
        self.harness = harness
        self.city = city
        admin = try await harness.world.staff(.role(.admin), in: city)
        author = try await harness.newResident(of: city)
    }

    /// An edition whose voting closes at `close`, with `projects` feasible
    /// projects and `voters` online ballots picking all of them. The clock is
    /// left an hour after the close, or in the voting with `leaveOpen`.
    func edition(closing close: Date, projects: Int = 1, voters: Int, leaveOpen: Bool = false) async throws -> (BudgetEdition, [BudgetProject]) {
        let services = harness.services
        // The builder's edition takes proposals now and closes its voting three days later.
        harness.clock.set(close.addingTimeInterval(-3 * 86_400))
        let edition = try await harness.world.edition(in: city, by: admin)
        var made: [BudgetProject] = []
        for index in 0..<projects {
            let proposal = ProjectProposal(
                categoryID: edition.categories[0].id, title: "Лавки в сквері № \(index + 1)",
                summary: "Встановити десять лавок у сквері біля школи й висадити кущі.", district: "", address: "",
                costItems: [.init(label: "Лавки", amount: Money(hryvnias: 50_000))])
            let project = try await services.budgetAdmin.propose(proposal, edition: edition.id, city: city, by: author.id)
            try await services.budgetAdmin.review(
                project: project.id, edition: edition.id, city: city, by: admin, feasible: true, reason: "", revisedCost: nil)
            made.append(project)
        }
        harness.clock.set(close.addingTimeInterval(-12 * 3_600))
        for _ in 0..<voters {
            let voter = try await harness.newResident(of: city)
            _ = try await services.budgetVoting.castOnline(
                BallotContent(projects: made.map(\.id)), in: edition.id, city: city.id, by: voter.id, clientAddress: "203.0.113.7")
        }
        if !leaveOpen { harness.clock.set(close.addingTimeInterval(3_600)) }
        return (edition, made)
    }

    func publish(_ edition: BudgetEdition) async throws {
        try await harness.services.budgetAdmin.transition(.publishResults, edition: edition.id, city: city, by: admin)
    }

    func deliver(_ project: BudgetProject, of edition: BudgetEdition, _ status: DeliveryUpdate.Status, at instant: Date) async throws {
        harness.clock.set(instant)
        try await harness.services.budgetAdmin.recordDelivery(
            project: project.id, edition: edition.id, city: city, by: admin, status: status, spent: Money(hryvnias: 40_000), note: "")
    }
}

/// One city's petitions, filed, published, signed and answered through the
/// module's service on the harness's clock.
struct PetitionRun {
    let harness: WebHarness
    let city: Municipality
    let moderator: Principal
    let admin: Principal

    init(_ harness: WebHarness, slug: String, threshold: Int = 1) async throws {
        self.harness = harness
        var settings = MunicipalitySettings()
        settings.petitionSignatureThreshold = threshold
        city = try await harness.world.city(slug, name: slug.capitalized, settings: settings)
        moderator = try await harness.world.staff(.role(.moderator), in: city)
        admin = try await harness.world.staff(.role(.admin), in: city)
    }

    /// Published for signatures at `instant`.
    func opened(at instant: Date) async throws -> Petition {
        harness.clock.set(instant)
        return try await harness.world.openPetition(in: city, by: try await harness.newResident(of: city), moderator: moderator)
    }

    /// Published at `opened` and signed at once: with a threshold of one, under consideration from then.
    func considered(opened instant: Date) async throws -> Petition {
        let petition = try await opened(at: instant)
        _ = try await harness.services.petitions.sign(petition.id, city: city, by: try await harness.newResident(of: city), clientAddress: "203.0.113.9")
        let cityID = city.id
        let stored = try #require(try await harness.services.store.read { try await $0.petitions.petition(petition.id, in: cityID) }?.petition)
        #expect(stored.state == .underConsideration)
        return stored
    }

    func answer(_ petition: Petition, at instant: Date) async throws {
        harness.clock.set(instant)
        _ = try await harness.services.petitions.answer(
            petition.id, text: "Управлінню освіти доручено виконати прохання до кінця року.", decision: .supported,
            signedBy: "Міський голова", city: city, by: admin)
    }

    /// Sent for moderation at `instant` and refused there.
    func rejected(at instant: Date) async throws {
        harness.clock.set(instant)
        let filed = try await harness.services.petitions.file(
            title: "Заборонити все, що заважає", text: String(repeating: "Прошу заборонити все, що заважає жити. ", count: 2), category: "Інше",
            city: city, by: try await harness.newResident(of: city), submit: true)
        _ = try await harness.services.petitions.decide(
            filed.id, .reject(.noClearRequest, text: "Петиція не містить чіткої вимоги до міської ради."), city: city, by: moderator)
    }

    /// Kept as a draft by its author.
    func draft(at instant: Date) async throws {
        harness.clock.set(instant)
        _ = try await harness.services.petitions.file(
            title: "Висадити липи на вулиці Соборній", text: String(repeating: "Прошу висадити липи вздовж вулиці Соборної. ", count: 2),
            category: "Благоустрій", city: city, by: try await harness.newResident(of: city), submit: false)
    }
}

/// Lots of two cities' registers, stored through the module's repository
/// as their auctions ended (the live auction has tests of its own).
enum AuctionRun {
    /// Here: sold in April 2025 for 150 000 грн; auctioned in December 2025
    /// for 80 000 грн with its contract signed in January; unsuccessful in
    /// July; a winner still in qualification; one cancelled before its
    /// auction; one unsuccessful in 2023. There: sold in 2025 for 1 000 000 грн.
    static func lots(_ harness: WebHarness) async throws -> (here: Municipality, there: Municipality) {
        harness.clock.set(kyiv(2026, 2, 2))
        let world = harness.world
        let here = try await world.city("testove"), there = try await world.city("inshe", name: "Інше")
        let winner = AuctionBidderID(rawValue: "bidder-1")
        func sold(_ amount: Int64, signed: Date) -> AwardChain {
            AwardChain(awards: [.init(bidder: winner, amount: Money(hryvnias: amount), status: .active, decidedAt: signed)], contractSignedAt: signed)
        }
        try await store(in: here, held: kyiv(2025, 4, 10), awards: sold(150_000, signed: kyiv(2025, 5, 5)), harness: harness)
        try await store(in: here, held: kyiv(2025, 12, 20), awards: sold(80_000, signed: kyiv(2026, 1, 15)), harness: harness)
        try await store(in: here, held: kyiv(2025, 7, 1), awards: AwardChain(ranking: []), harness: harness)
        try await store(in: here, held: kyiv(2025, 11, 3), awards: AwardChain(ranking: [(winner, Money(hryvnias: 60_000))]), harness: harness)
        try await store(in: here, held: kyiv(2025, 9, 1), awards: nil, cancelled: true, harness: harness)
        try await store(in: here, held: kyiv(2023, 9, 1), awards: AwardChain(ranking: []), harness: harness)
        try await store(in: there, held: kyiv(2025, 4, 10), awards: sold(1_000_000, signed: kyiv(2025, 5, 1)), harness: harness)
        return (here, there)
    }

    /// A lot whose auction began at `held`, as it stands after it: its
    /// status follows its awards (or it was cancelled before the auction).
    static func store(in city: Municipality, held: Date, awards: AwardChain?, cancelled: Bool = false, harness: WebHarness) async throws {
        let announced = held.addingTimeInterval(-10 * 86_400)
        let object = try PropertyObject.recorded(
            kind: .premises, title: "Нежитлове приміщення", address: "вул. Соборна, 64", areaM2: 86.4, cadastralNumber: nil, latitude: nil,
            longitude: nil, balanceHolder: "КП «Міська нерухомість»", leaseList: nil, in: city.id)
        var lot = try Lot.announced(
            title: "Приміщення на Соборній, 64", object: object, procedure: .privatizationEnglish, value: Money(hryvnias: 50_000),
            minimalStep: .amount(Money(hryvnias: 500)), guarantee: Money(hryvnias: 5_000), registrationFee: Money(hryvnias: 200),
            tenderPeriodEnd: held.addingTimeInterval(-3_600), auctionStart: held, at: announced)
        lot.awards = awards
        lot.status = cancelled ? .cancelled : (awards?.lotStatus ?? lot.status)
        let written = lot
        try await harness.services.store.write { tx in
            try await tx.auctions.insert(object, at: announced)
            try await tx.auctions.insert(written, at: announced)
        }
    }
}

/// One city's investors' enquiries, sent, confirmed and answered through
/// the module's service on the harness's clock.
struct EnquiryRun {
    let harness: WebHarness
    let city: Municipality
    let manager: Principal

    init(_ harness: WebHarness, slug: String) async throws {
        self.harness = harness
        city = try await harness.world.city(slug, name: slug.capitalized)
        manager = try await harness.world.staff(.capability(.answerEnquiries), in: city)
    }

    func sent(at instant: Date) async throws -> Enquiry {
        harness.clock.set(instant)
        let tag = RandomToken.base32(byteCount: 6).lowercased()
        return try await harness.services.enquiries.send(
            site: nil, name: "Investor \(tag)", email: "investor-\(tag)@example.com", company: "", country: "", phone: "",
            message: InvestEnquiryTests.message, language: .en, city: city, clientAddress: "198.51.100.\(Int.random(in: 1...250))")
    }

    /// Sent and confirmed at `instant`: the clock of its first answer starts.
    func confirmed(at instant: Date) async throws -> Enquiry {
        let sent = try await sent(at: instant)
        return try await harness.services.enquiries.confirm(sent.id, key: harness.services.enquiries.key(of: sent.id), city: city)
    }

    /// Sent and never confirmed: no clock runs for it.
    func unconfirmed(at instant: Date) async throws {
        _ = try await sent(at: instant)
    }

    func answer(_ enquiry: Enquiry, at instant: Date) async throws {
        harness.clock.set(instant)
        _ = try await harness.services.enquiries.answer(enquiry.id, text: "Thank you: here is what we can offer.", city: city, principal: manager)
    }
}

extension TestWorld {
    /// A site on offer with this cadastral number, through the module's service (as `staff`).
    func site(in city: Municipality, cadastral: String, by staff: Principal) async throws -> InvestRepository.StoredSite {
        let site = try InvestmentSite.make(
            type: .greenfield, title: LocalizedName(uk: "Ділянка \(cadastral)", en: "Plot \(cadastral)"),
            geometry: try InvestDemoSeeder.boundary(around: (28.53, 49.2), areaHa: 2, seed: 2), cadastralNumber: cadastral, areaHa: 2,
            purposeCode: "11.02", ownership: .communal, right: .lease, termYears: 25, normativeValuation: nil, price: Money(hryvnias: 90_000),
            utilities: InvestmentSite.Utilities(), distances: InvestmentSite.Distances())
        return try await services.invest.add(site, city: city, principal: staff)
    }
}
