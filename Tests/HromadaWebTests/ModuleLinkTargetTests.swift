import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HromadaWeb
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Auctions
@testable import Budgets
@testable import Invest
@testable import Petitions
import HromadaModules

/// What the modules offer others through the platform's links
/// (`Module.linkTargets`, `LinkReferrer`) and the plans they keep
/// (`Module.strategicDocuments`): a thing is found by id in its own city
/// only, with its public page and where it stands; staff pick from the
/// city's things newest first; a page shows what points at its thing.
@Suite struct ModuleLinkTargetTests {
    @Test(arguments: TestDatabase.available)
    func aBudgetProjectIsFoundInItsOwnCityAndLinkedToItsCardOnTheEditionsPage(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, client in
            harness.clock.set(kyiv(2025, 3, 3, 10))
            let here = try await BudgetRun(harness, city: try await harness.world.city("testove"))
            let there = try await BudgetRun(harness, city: try await harness.world.city("inshe", name: "Інше"))
            let first = try await here.proposed(in: try await harness.world.edition(in: here.city, by: here.admin), "Лавки в сквері")
            harness.clock.advance(by: 3_600)
            let edition = try await harness.world.edition(in: here.city, by: here.admin)
            let second = try await here.proposed(in: edition, "Велодоріжка до школи")
            harness.clock.advance(by: 3_600)
            let third = try await here.proposed(in: edition, "Сцена в парку")
            let theirs = try await there.proposed(in: try await harness.world.edition(in: there.city, by: there.admin), "Фонтан на площі")

            let found = try #require(try await harness.linked(.budgetProject, second.id.rawValue, in: here.city))
            #expect(found.path == "/testove/budgets/\(edition.id.rawValue)/projects/\(second.id.rawValue)" && found.isDiscussable)
            // The year its voting opens tells a project from another edition's of the same number.
            let year = CalendarDate.inKyiv(edition.schedule.votingOpen).year
            #expect(found.title == "№ 1 · Велодоріжка до школи · \(year)" && found.statusKey == "budgets.status.submitted" && found.isActive)
            try harness.expectKnown(found.statusKey)
            #expect(try await harness.linked(.budgetProject, theirs.id.rawValue, in: here.city) == nil, "another city's project")
            #expect(try await harness.linked(.budgetProject, "no-such-project", in: here.city) == nil)
            #expect(try await harness.choices(.budgetProject, in: here.city) == [third.id.rawValue, second.id.rawValue, first.id.rawValue])
            #expect(try await harness.choices(.budgetProject, in: here.city, limit: 2) == [third.id.rawValue, second.id.rawValue])

            // The page the link leads to.
            let page = try await client.execute(uri: found.path, method: .get)
            #expect(page.status == .ok && String(buffer: page.body).contains("Велодоріжка до школи"))

            // The edition is a target too, which residents follow.
            let followed = try #require(try await harness.linked(.budgetEdition, edition.id.rawValue, in: here.city))
            #expect(followed.path == "/testove/budgets/\(edition.id.rawValue)" && !followed.isDiscussable)
            try harness.expectKnown(followed.statusKey)
            #expect(try await harness.linked(.budgetEdition, edition.id.rawValue, in: there.city) == nil, "another city's edition")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPetitionIsFoundInItsOwnCityOnceItIsPublic(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let here = try await PetitionRun(harness, slug: "testove", threshold: 100)
            let there = try await PetitionRun(harness, slug: "inshe", threshold: 100)
            let first = try await here.opened(at: kyiv(2025, 3, 3, 10))
            let second = try await here.opened(at: kyiv(2025, 3, 3, 11))
            try await here.draft(at: kyiv(2025, 3, 3, 12))
            let cityID = here.city.id
            let draft = try #require(try await harness.services.store.read {
                try await $0.petitions.petitions(in: cityID, states: [.draft])
            }.first).petition
            let theirs = try await there.opened(at: kyiv(2025, 3, 3, 13))

            let found = try #require(try await harness.linked(.petition, first.id.rawValue, in: here.city))
            #expect(found.path == "/testove/petitions/\(first.id.rawValue)" && found.title == "№ 1 · \(first.title)")
            #expect(found.statusKey == "petitions.state.open" && found.isActive)
            try harness.expectKnown(found.statusKey)
            #expect(try await harness.linked(.petition, draft.id.rawValue, in: here.city) == nil, "a draft is its author's")
            #expect(try await harness.linked(.petition, theirs.id.rawValue, in: here.city) == nil, "another city's petition")
            #expect(try await harness.linked(.petition, "no-such-petition", in: here.city) == nil)
            #expect(try await harness.choices(.petition, in: here.city) == [second.id.rawValue, first.id.rawValue])
            #expect(try await harness.choices(.petition, in: here.city, limit: 1) == [second.id.rawValue])
        }
    }

    @Test(arguments: TestDatabase.available)
    func anInvestmentSiteIsFoundInItsOwnCityWhileItIsOnOffer(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            harness.clock.set(kyiv(2025, 3, 3, 10))
            let world = harness.world
            let here = try await world.city("testove"), there = try await world.city("inshe", name: "Інше")
            let staff = try await world.staff(.capability(.manageInvest), in: here)
            let first = try await world.investPortal(in: here, by: staff)
            harness.clock.advance(by: 3_600)
            let second = try await world.site(in: here, cadastral: "0510100000:02:001:0043", by: staff)
            harness.clock.advance(by: 3_600)
            let leased = try await world.site(in: here, cadastral: "0510100000:02:001:0044", by: staff)
            _ = try await harness.services.invest.move(leased.id, to: .inAuction, city: here, principal: staff)
            _ = try await harness.services.invest.move(leased.id, to: .leased, city: here, principal: staff)
            let theirs = try await world.investPortal(in: there, by: try await world.staff(.capability(.manageInvest), in: there))

            let found = try #require(try await harness.linked(.investSite, first.id.rawValue, in: here))
            #expect(found.path == "/testove/invest/sites/\(first.id.rawValue)" && found.title == "Ділянка біля об'їзної")
            #expect(found.statusKey == "invest.status.available" && found.isActive)
            try harness.expectKnown(found.statusKey)
            #expect(try await harness.linked(.investSite, leased.id.rawValue, in: here) == nil, "leased: no longer in the public catalogue")
            #expect(try await harness.linked(.investSite, theirs.id.rawValue, in: here) == nil, "another city's site")
            #expect(try await harness.linked(.investSite, "no-such-site", in: here) == nil)
            #expect(try await harness.choices(.investSite, in: here) == [second.id.rawValue, first.id.rawValue])
            #expect(try await harness.choices(.investSite, in: here, limit: 1) == [second.id.rawValue])
        }
    }

    @Test(arguments: TestDatabase.available)
    func theInvestmentProgrammeIsProvidedWithItsMeasuresStatusesAndSites(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let world = harness.world
            let here = try await world.city("testove"), there = try await world.city("inshe", name: "Інше")
            let staff = try await world.staff(.capability(.manageInvest), in: here)
            let site = try await world.investPortal(in: here, by: staff)
            let statuses: [InvestmentProgramme.Measure.Status] = [.planned, .inProgress, .done, .cancelled]
            let programme = try InvestmentProgramme.make(
                title: LocalizedName(uk: "Програма залучення інвестицій на 2025–2027 роки", en: "Investment programme 2025–2027"), firstYear: 2025,
                lastYear: 2027, decisionNumber: "1234", decisionDate: CalendarDate(year: 2024, month: 12, day: 20),
                measures: statuses.enumerated().map { index, status in
                    InvestmentProgramme.Measure(
                        number: "1.\(index + 1)", title: LocalizedName(uk: "Захід \(index + 1)", en: "Measure \(index + 1)"),
                        responsible: "Департамент економіки", firstYear: 2025, lastYear: 2026, planned: Money(hryvnias: 100_000),
                        spent: Money(hryvnias: Int64(index) * 10_000), status: status, sites: index == 0 ? [site.id] : [])
                })
            let id = ProgrammeID(rawValue: "programme-2025")
            try await harness.services.invest.saveProgramme(programme, id: id, city: here, principal: staff)

            let provided = try await harness.services.modules.providedDocuments(in: here, services: harness.services).filter { $0.module == .invest }
            let document = try #require(provided.first?.document)
            #expect(provided.count == 1)
            #expect(document.kind == .investmentProgramme && document.id == id.rawValue && document.path == "/testove/invest/programme")
            #expect(document.title == programme.title && document.firstYear == 2025 && document.lastYear == 2027)
            #expect(document.decisionNumber == "1234" && document.decisionDate == CalendarDate(year: 2024, month: 12, day: 20))
            #expect(document.measures.map(\.number) == ["1.1", "1.2", "1.3", "1.4"])
            #expect(document.measures.map(\.status) == [.planned, .inProgress, .done, .cancelled])
            #expect(document.measures.map(\.spent) == [0, 10_000, 20_000, 30_000].map { Money(hryvnias: $0) })
            #expect(document.measures[0].links.map { "\($0.kind.rawValue):\($0.id)" } == ["invest_site:\(site.id.rawValue)"])
            #expect(document.measures[1].links.isEmpty)
            #expect(try await harness.services.modules.providedDocuments(in: there, services: harness.services).filter { $0.module == .invest }.isEmpty)
        }
    }

    /// Today no module refers to anything; a module that does (the strategy
    /// soon) gets its things shown on the page of what they point at.
    @Test(arguments: TestDatabase.available)
    func aPetitionsPageShowsWhatAnotherModulePointsAtIt(_ database: TestDatabase) async throws {
        let registry = ModuleRegistry(ModuleRegistry.standard.modules + [ReferringModule()])
        try await WebHarness.run(database, demo: false, modules: registry) { harness, client in
            let here = try await PetitionRun(harness, slug: "testove", threshold: 100)
            let referred = try await here.opened(at: kyiv(2025, 3, 3, 10))
            harness.clock.set(kyiv(2025, 3, 3, 11))
            let other = try await harness.world.openPetition(
                in: here.city, by: try await harness.newResident(of: here.city), moderator: here.moderator, title: "Відновити освітлення парку Хоткевича")

            let page = try await client.execute(uri: "/testove/petitions/\(referred.id.rawValue)?lang=en", method: .get)
            let body = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(body.contains("Part of the city&#39;s strategy") || body.contains("Part of the city's strategy"))
            #expect(body.contains("<a href=\"/testove/strategy/measures/2-1-4\">Захід 2.1.4 · Доступні школи</a>"))
            #expect(body.contains("Захід 2.1.4 · Доступні школи</a> <span class=\"tag\">Collecting signatures</span>"), "where it stands, in the reader's language")
            let unreferred = try await client.execute(uri: "/testove/petitions/\(other.id.rawValue)?lang=en", method: .get)
            #expect(unreferred.status == .ok && !String(buffer: unreferred.body).contains("referrers-heading"))
        }
    }

    /// The edition's page asks for each project card.
    @Test(arguments: TestDatabase.available)
    func aBudgetProjectsCardShowsWhatAnotherModulePointsAtIt(_ database: TestDatabase) async throws {
        let registry = ModuleRegistry(ModuleRegistry.standard.modules + [ReferringModule()])
        try await WebHarness.run(database, demo: false, modules: registry) { harness, client in
            harness.clock.set(kyiv(2025, 3, 3, 10))
            let here = try await BudgetRun(harness, city: try await harness.world.city("testove"))
            let edition = try await harness.world.edition(in: here.city, by: here.admin)
            let referred = try await here.proposed(in: edition, "Пандус до поліклініки")
            let other = try await here.proposed(in: edition, "Сцена в парку")

            let page = try await client.execute(uri: "/testove/budgets/\(edition.id.rawValue)", method: .get)
            let body = String(buffer: page.body)
            let cards = body.components(separatedBy: "<li class=\"card project\"")
            let card = try #require(cards.first { $0.contains("id=\"project-\(referred.id.rawValue)\"") })
            #expect(card.contains("<a href=\"/testove/strategy/measures/2-1-4\">Захід 2.1.4 · Доступні школи</a>"))
            let plain = try #require(cards.first { $0.contains("id=\"project-\(other.id.rawValue)\"") })
            #expect(!plain.contains("referrers"))
        }
    }
}

/// A module that says one of its things serves the city's petitions and
/// budget projects about ramps, as the strategy's measures will say of theirs.
struct ReferringModule: Module {
    var slug: ModuleSlug { ModuleSlug(rawValue: "referring") }

    func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {}

    var linkReferrer: LinkReferrer? {
        LinkReferrer { kind, ids, city, _, services in
            var found: [String: [LinkedThing]] = [:]
            for id in ids {
                let title: String?
                switch kind {
                case .petition: title = try await services.store.read { try await $0.petitions.petition(PetitionID(rawValue: id), in: city.id) }?.petition.title
                case .budgetProject: title = try await services.store.read { try await $0.budgets.project(BudgetProjectID(rawValue: id), in: city.id) }?.title
                default: title = nil
                }
                guard let title, title.lowercased().contains("пандус") else { continue }
                found[id] = [
                    LinkedThing(
                        kind: .strategyNode, id: "2.1.4", title: "Захід 2.1.4 · Доступні школи", path: "/\(city.slug.rawValue)/strategy/measures/2-1-4",
                        statusKey: "petitions.state.open", isActive: true),
                ]
            }
            return found
        }
    }
}

extension WebHarness {
    func linked(_ kind: LinkKind, _ id: String, in city: Municipality) async throws -> LinkedThing? {
        try await services.modules.linked(kind, id: id, in: city, services: services)
    }

    /// The ids staff may pick from, in the order offered.
    func choices(_ kind: LinkKind, in city: Municipality, limit: Int = 100) async throws -> [String] {
        try await services.modules.linkChoices(kind, in: city, limit: limit, services: services).map(\.id)
    }

    /// A status key said in both languages.
    func expectKnown(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let localizer = try ModuleRegistry.standard.localizer()
        #expect(localizer.keys(.uk).contains(key) && localizer.keys(.en).contains(key), "\(key)", sourceLocation: sourceLocation)
    }
}

extension BudgetRun {
    /// A project the author proposes to the edition, while it takes proposals.
    func proposed(in edition: BudgetEdition, _ title: String) async throws -> BudgetProject {
        let proposal = ProjectProposal(
            categoryID: edition.categories[0].id, title: title, summary: "Зробити місто зручнішим для мешканців району, як описано в проєкті.",
            district: "", address: "", costItems: [.init(label: "Роботи", amount: Money(hryvnias: 50_000))])
        return try await harness.services.budgetAdmin.propose(proposal, edition: edition.id, city: city, by: author.id)
    }
}
