import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Invest
@testable import Petitions

/// The modules' builders: each makes one thing through the module's own
/// service or repository, in the city the test made.
extension TestWorld {
    /// An edition of the participatory budget in its proposals phase, with one category.
    func edition(in city: Municipality, fund: Money = Money(hryvnias: 1_000_000), by principal: Principal) async throws -> BudgetEdition {
        let now = services.clock.now()
        let edition = BudgetEdition(
            municipalityID: city.id, title: .init(uk: "Бюджет участі", en: "Participatory budget"),
            schedule: BudgetSchedule(
                announcedAt: now, proposalsOpen: now, reviewOpen: now.addingTimeInterval(86_400), votingOpen: now.addingTimeInterval(2 * 86_400),
                votingClose: now.addingTimeInterval(3 * 86_400)),
            ballotRule: .approval(maxPicks: 2, minPicks: nil),
            categories: [BudgetCategory(name: .init(uk: "Малі", en: "Small"), fund: fund, minCost: Money(hryvnias: 1), maxCost: fund)])
        return try await services.budgetAdmin.create(edition, city: city, by: principal)
    }

    /// A petition filed by `author` and published by `moderator`, open for signatures.
    func openPetition(in city: Municipality, by author: Account, moderator: Principal, title: String = "Облаштувати пандуси в усіх школах міста")
        async throws -> Petition
    {
        let filed = try await services.petitions.file(
            title: title, text: "Прошу міську раду доручити управлінню освіти облаштувати пандуси в усіх школах міста до 1 вересня 2027 року.",
            category: "Освіта", city: city, by: author, submit: true)
        return try await services.petitions.decide(filed.id, .publish, city: city, by: moderator)
    }

    /// An object of the property register and a lease lot on it, taking closed bids for a minute.
    func lot(
        in city: Municipality, value: Money = Money(hryvnias: 10_000), objectTitle: String = "Нежитлове приміщення",
        balanceHolder: String = "КП «Міська нерухомість»"
    ) async throws -> Lot {
        let now = services.clock.now()
        let object = try PropertyObject.recorded(
            kind: .premises, title: objectTitle, address: "вул. Соборна, 64", areaM2: 86.4, cadastralNumber: nil,
            latitude: nil, longitude: nil, balanceHolder: balanceHolder, leaseList: .first, in: city.id)
        let lot = try Lot.announced(
            title: "Оренда приміщення на Соборній, 64", object: object, procedure: .leaseEnglish, value: value,
            minimalStep: .amount(Money(hryvnias: 500)), guarantee: Money(hryvnias: 1_000), registrationFee: Money(hryvnias: 200),
            tenderPeriodEnd: now.addingTimeInterval(60), auctionStart: now.addingTimeInterval(120),
            timings: AuctionTimings(pause: 10, turn: 6, rounds: 3), at: now)
        try await services.store.write { tx in
            try await tx.auctions.insert(object, at: now)
            try await tx.auctions.insert(lot, at: now)
        }
        return lot
    }

    /// A passport of two figures and one site on offer, through the module's service (as `staff`).
    func investPortal(in city: Municipality, by staff: Principal) async throws -> InvestRepository.StoredSite {
        let csv = """
            code,section,name_uk,name_en,unit,year,value,source,checked
            population.total,population_labour,Наявне населення,Population,persons,2022,20500,Держстат,2026-10-01
            population.total,population_labour,Наявне населення,Population,persons,2023,20140,Держстат,2026-10-01
            wages.average,economy_wages,Середня зарплата,Average wage,uah,2023,15200.5,Держстат,
            """
        _ = try await services.invest.importPassport(Data(csv.utf8), city: city, principal: staff)
        let geometry = try InvestDemoSeeder.boundary(around: (28.53, 49.2), areaHa: 3.2, seed: 1)
        var utilities = InvestmentSite.Utilities()
        utilities.powerKw = 1_600
        utilities.gasM3PerHour = 60
        var distances = InvestmentSite.Distances()
        distances.roadKm = 0.5
        let site = try InvestmentSite.make(
            type: .greenfield, title: LocalizedName(uk: "Ділянка біля об'їзної", en: "Plot by the ring road"), geometry: geometry,
            cadastralNumber: "0510100000:02:001:0042", areaHa: 3.2, purposeCode: "11.02", ownership: .communal, right: .lease, termYears: 25,
            normativeValuation: Money(hryvnias: 1_900_000), price: Money(hryvnias: 150_000), utilities: utilities, distances: distances)
        return try await services.invest.add(site, city: city, principal: staff)
    }
}

extension WebHarness {
    /// The builder over this harness's services (run it with `demo: false` for an empty database).
    var world: TestWorld { TestWorld(services: services) }
}
