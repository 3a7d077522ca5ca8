import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import HromadaWeb
@testable import Invest

/// The investment portal's sites and passports on both databases: the
/// database's search picks exactly the sites the domain's filters pick, a
/// plot is offered once per city however many try at once, a status change
/// is written once, and a passport's figures upsert by code and year.
@Suite struct InvestContractTests {
    static let vinnytsia = MunicipalityID(rawValue: "vinnytsia"), zhmerynka = MunicipalityID(rawValue: "zhmerynka")

    /// A site generated from a number: sizes, connections and places spread so every filter splits them.
    static func site(_ n: Int, cadastral: Bool = true) throws -> InvestmentSite {
        var generator = SeededGenerator(seed: UInt64(n) &+ 17)
        let area = Double(Int.random(in: 500...250_000, using: &generator)) / 10_000
        var utilities = InvestmentSite.Utilities()
        utilities.powerKw = n % 7 == 0 ? nil : Int.random(in: 0...12_000, using: &generator)
        utilities.gasM3PerHour = Bool.random(using: &generator) ? 80 : nil
        utilities.waterM3PerDay = Bool.random(using: &generator) ? 30 : (n % 5 == 0 ? 0 : nil)
        var distances = InvestmentSite.Distances()
        distances.roadKm = n % 6 == 0 ? nil : Double(Int.random(in: 0...5_000, using: &generator)) / 1_000
        distances.railKm = Bool.random(using: &generator) ? 0 : 4
        let centre = (28.30 + Double(Int.random(in: 0...3_000, using: &generator)) / 10_000, 49.15 + Double(Int.random(in: 0...2_000, using: &generator)) / 10_000)
        let right = SiteRight.allCases[n % 3]
        return try InvestmentSite.make(
            type: SiteType.allCases[n % SiteType.allCases.count], title: LocalizedName(uk: "Ділянка \(n)", en: "Site \(n)"),
            geometry: try InvestDemoSeeder.boundary(around: centre, areaHa: area, seed: n),
            cadastralNumber: cadastral ? "0510100000:0\(n % 10):\(String(100 + n % 900)):\(String(1000 + n))" : nil, areaHa: area, purposeCode: "11.02",
            ownership: .communal, right: right, termYears: right == .sale ? nil : 25, normativeValuation: nil,
            price: n % 4 == 0 ? nil : Money(hryvnias: Int64(Int.random(in: 10_000...50_000_000, using: &generator))), utilities: utilities,
            distances: distances)
    }

    static func stored(_ site: InvestmentSite, in city: MunicipalityID = vinnytsia, at seconds: Double = 1_000) -> InvestRepository.StoredSite {
        InvestRepository.StoredSite(
            id: .random(), city: city, site: site, createdAt: Date(timeIntervalSince1970: seconds), updatedAt: Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: TestDatabase.available)
    func theDatabasePicksExactlyTheSitesTheFiltersPick(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            var all: [InvestRepository.StoredSite] = []
            for n in 0..<80 {
                var stored = Self.stored(try Self.site(n), at: Double(1_000 + n))
                if n % 9 == 0 { stored.site.status = .sold }
                all.append(stored)
            }
            let elsewhere = Self.stored(try Self.site(999), in: Self.zhmerynka), inserted = all + [elsewhere]
            let written = try await store.write { tx in
                var written = 0
                for stored in inserted where try await tx.invest.insert(stored) { written += 1 }
                return written
            }
            #expect(written == inserted.count)
            let searches: [[String: String]] = [
                [:], ["minAreaHa": "2"], ["maxAreaHa": "3.5"], ["minAreaHa": "2", "minPowerKw": "1000"], ["minPowerKw": "0"], ["gas": "true"],
                ["water": "1"], ["rail": "true"], ["maxRoadKm": "1.5"], ["right": "lease"], ["type": "greenfield,brownfield"],
                ["bbox": "28.35,49.18,28.50,49.30"], ["minAreaHa": "2", "minPowerKw": "1000", "gas": "true", "bbox": "28.3,49.1,28.7,49.4"],
                ["minAreaHa": "1", "maxAreaHa": "1"], ["minAreaHa": "24.9", "maxRoadKm": "0"],
            ]
            for parameters in searches {
                let search = try SiteSearch(parameters)
                let expected = Set(all.filter { $0.site.status.isOnOffer && $0.site.matches(search) }.map(\.id))
                let found = try await store.read { try await $0.invest.sites(in: [Self.vinnytsia], matching: search, limit: 1_000) }
                #expect(Set(found.map(\.id)) == expected, "\(parameters)")
                #expect(try await store.read { try await $0.invest.count(in: [Self.vinnytsia], matching: search) } == expected.count)
                let shapes = try await store.read { try await $0.invest.shapes(in: [Self.vinnytsia], matching: search, limit: 1_000) }
                #expect(Set(shapes.map(\.id)) == expected)
            }
            let everything = try await store.read { try await $0.invest.sites(in: [Self.vinnytsia], matching: SiteSearch(), everyStatus: true, limit: 1_000) }
            #expect(everything.count == all.count && Set(everything.map(\.id)) == Set(all.map(\.id)), "staff see every status, and no other city's")
            #expect(Dictionary(uniqueKeysWithValues: everything.map { ($0.id, $0.site) }) == Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.site) }))

            // Orders: by area either way, by price with unpriced last, newest first; paging walks them without a gap.
            func order(_ sort: String) async throws -> [InvestRepository.StoredSite] {
                try await store.read { try await $0.invest.sites(in: [Self.vinnytsia], matching: try SiteSearch(["sort": sort]), limit: 1_000) }
            }
            let byArea = try await order("area").map(\.site.areaHa)
            #expect(byArea == byArea.sorted())
            let byAreaDown = try await order("-area").map(\.site.areaHa)
            #expect(byAreaDown == byAreaDown.sorted(by: >) && byAreaDown.count == byArea.count)
            let byPrice = try await order("price").map(\.site.price?.kopiyky)
            let priced = byPrice.compactMap { $0 }
            #expect(priced == priced.sorted() && byPrice.suffix(byPrice.count - priced.count).allSatisfy { $0 == nil })
            let newest = try await order("newest").map(\.createdAt)
            #expect(newest == newest.sorted(by: >))
            var paged: [SiteID] = []
            for offset in stride(from: 0, to: 80, by: 7) {
                paged += try await store.read { try await $0.invest.sites(in: [Self.vinnytsia], matching: SiteSearch(), limit: 7, offset: offset) }.map(\.id)
            }
            let newestIDs = try await order("newest").map(\.id)
            #expect(paged == newestIDs)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPlotIsOfferedOnceInItsCityHoweverManyTryAtOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let site = try Self.site(3)
            let added = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<50 { group.addTask { try await store.write { try await $0.invest.insert(Self.stored(site)) } } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(added == 1)
            #expect(try await store.read { try await $0.invest.count(in: [Self.vinnytsia], matching: SiteSearch()) } == 1)
            // Another city may offer a plot of that number (its own register), and sites without a number are many.
            #expect(try await store.write { try await $0.invest.insert(Self.stored(site, in: Self.zhmerynka)) })
            for n in 10..<13 { #expect(try await store.write { try await $0.invest.insert(Self.stored(try Self.site(n, cadastral: false))) }) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func ofTwoStatusChangesFromOneStatusOneIsWritten(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let original = Self.stored(try Self.site(5))
            #expect(try await store.write { try await $0.invest.insert(original) })
            var reserved = original, auctioned = original
            reserved.site.status = .reserved
            auctioned.site.status = .inAuction
            let first = reserved, second = auctioned
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask { try await store.write { try await $0.invest.update(first, from: .available) } }
                group.addTask { try await store.write { try await $0.invest.update(second, from: .available) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let now = try #require(try await store.read { try await $0.invest.site(original.id, in: Self.vinnytsia) })
            #expect(now.site.status == .reserved || now.site.status == .inAuction)
            #expect(try await store.read { try await $0.invest.site(original.id, in: Self.zhmerynka) } == nil, "another city's id is no site here")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPassportsFiguresUpsertByCodeAndYear(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            func value(_ year: Int, _ text: String) throws -> IndicatorValue {
                try IndicatorValue(year: year, value: text, source: "Держстат", checkedOn: CalendarDate(year: 2026, month: 1, day: 2))
            }
            let population = PassportIndicator(
                code: "population.total", section: .populationAndLabour, name: .init(uk: "Населення", en: "Population"), unit: "persons",
                values: [try value(2021, "370000"), try value(2022, "369000")])
            let budget = PassportIndicator(
                code: "budget.revenue", section: .budget, name: .init(uk: "Доходи", en: "Revenue"), unit: "uah_million", values: [try value(2022, "5488.0")])
            let wages = PassportIndicator(
                code: "wages.average", section: .economyAndWages, name: .init(uk: "Зарплата", en: "Wage"), unit: "uah", values: [try value(2023, "17630")])
            try await store.write { try await $0.invest.upsert([budget, population, wages], into: .city(Self.vinnytsia), at: Date(timeIntervalSince1970: 10)) }
            var read = try await store.read { try await $0.invest.indicators(of: .city(Self.vinnytsia)) }
            #expect(read.map(\.code) == ["population.total", "wages.average", "budget.revenue"], "by section, in the passport's order")
            #expect(read.first == population)

            // A second import: a year replaced, one added, a name changed; the years it leaves out stay.
            var changed = population
            changed.name = .init(uk: "Наявне населення", en: "Population")
            changed.values = [try value(2022, "368500"), try value(2023, "367000")]
            let second = changed
            try await store.write { try await $0.invest.upsert([second], into: .city(Self.vinnytsia), at: Date(timeIntervalSince1970: 20)) }
            read = try await store.read { try await $0.invest.indicators(of: .city(Self.vinnytsia)) }
            #expect(read.first?.name.uk == "Наявне населення")
            #expect(read.first?.values.map(\.year) == [2021, 2022, 2023] && read.first?.values.map(\.value) == ["370000", "368500", "367000"])

            // Other passports are apart: another city's and the oblast's own.
            #expect(try await store.read { try await $0.invest.indicators(of: .city(Self.zhmerynka)) }.isEmpty)
            try await store.write { try await $0.invest.upsert([budget], into: .oblast(OblastID(rawValue: "vinnytska")), at: Date(timeIntervalSince1970: 30)) }
            #expect(try await store.read { try await $0.invest.indicators(of: .oblast(OblastID(rawValue: "vinnytska"))) }.map(\.code) == ["budget.revenue"])
            #expect(try await store.read { try await $0.invest.indicators(of: .city(Self.vinnytsia)) }.count == 3)

            #expect(try await store.write { try await $0.invest.removeIndicator("wages.average", from: .city(Self.vinnytsia)) })
            #expect(!(try await store.write { try await $0.invest.removeIndicator("wages.average", from: .city(Self.vinnytsia)) }))
            #expect(try await store.read { try await $0.invest.indicators(of: .city(Self.vinnytsia)) }.map(\.code) == ["population.total", "budget.revenue"])
        }
    }
}

/// Enquiries and programmes on both databases: a versioned change is
/// written once, the queue leads with what is owed soonest, the on-time
/// figures count as the domain does, unconfirmed enquiries go after their
/// week, and a programme's id belongs to one city.
@Suite struct InvestEnquiryAndProgrammeContractTests {
    static let city = MunicipalityID(rawValue: "vinnytsia"), other = MunicipalityID(rawValue: "zhmerynka")
    static let manager = Enquiry.Manager(account: AccountID(rawValue: "m"), name: "Менеджер")

    static func enquiry(_ name: String, at seconds: Double, in city: MunicipalityID = city) throws -> Enquiry {
        try Enquiry.send(
            city: city, site: nil, name: name, email: "\(name.lowercased())@example.com", company: "", country: "", phone: "", language: .uk,
            message: "Потрібна ділянка 2 га з газом для цеху на 40 робочих місць.", at: Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: TestDatabase.available)
    func enquiriesQueueByWhatIsOwedAndCountOnTimeAsTheDomainDoes(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let rules = EnquiryRules()
            let start = 1_796_284_800.0  // Thursday 3 December 2026
            let early = try Self.enquiry("Early", at: start).confirmed(at: Date(timeIntervalSince1970: start), rules: rules, calendar: .martialLaw)
            let late = try Self.enquiry("Late", at: start + 86_400).confirmed(at: Date(timeIntervalSince1970: start + 86_400), rules: rules, calendar: .martialLaw)
            let waiting = try Self.enquiry("Waiting", at: start)
            let elsewhere = try Self.enquiry("Elsewhere", at: start, in: Self.other)
            try await store.write { tx in
                for item in [late, early, waiting, elsewhere] { try await tx.enquiries.insert(item, keyDigest: "d-" + item.id.rawValue) }
            }
            var queue = try await store.read { try await $0.enquiries.queue(in: Self.city) }
            #expect(queue.map(\.investor.name) == ["Early", "Late"], "confirmed only, the soonest owed first, this city's only")

            // Two answers from one version: one is written.
            let a = try early.answered("Перша", by: Self.manager, at: Date(timeIntervalSince1970: start + 3_600))
            let b = try early.answered("Друга", by: Self.manager, at: Date(timeIntervalSince1970: start + 3_700))
            let version = early.steps.count
            let written = try await withThrowingTaskGroup(of: Bool.self) { group in
                for item in [a, b] { group.addTask { try await store.write { try await $0.enquiries.update(item, fromVersion: version) } } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(written == 1)
            queue = try await store.read { try await $0.enquiries.queue(in: Self.city) }
            #expect(queue.map(\.investor.name) == ["Late", "Early"], "answered: its shortlist is owed later than the other's first answer")
            let stored = try #require(try await store.read { try await $0.enquiries.enquiry(early.id, in: Self.city) })
            #expect(stored.keyDigest == "d-" + early.id.rawValue && stored.enquiry.firstAnsweredAt != nil)
            #expect(try await store.read { try await $0.enquiries.enquiry(early.id, in: Self.other) } == nil)

            // A week on: one answered on time, one overdue; the unconfirmed one is deleted when the sweep runs.
            let later = Date(timeIntervalSince1970: start + 8 * 86_400)
            let figures = try #require(try await store.read { try await $0.enquiries.timeliness(in: [Self.city], at: later) }[Self.city])
            #expect(figures == .init(counted: 2, onTime: 1, open: 2, overdue: 2))
            try await store.write { try await $0.enquiries.deleteUnconfirmed(sentBefore: later.addingTimeInterval(-7 * 86_400)) }
            #expect(try await store.read { try await $0.enquiries.enquiry(waiting.id, in: Self.city) } == nil)
            #expect(try await store.read { try await $0.enquiries.enquiry(elsewhere.id, in: Self.other) } == nil, "unconfirmed anywhere")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aProgrammeIsSavedWholeAndItsIdIsOneCitys(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            @Sendable func programme(_ first: Int) throws -> InvestmentProgramme {
                try InvestmentProgramme.make(
                    title: .init(uk: "Програма \(first)", en: "Programme \(first)"), firstYear: first, lastYear: first + 2, decisionNumber: "1",
                    decisionDate: nil, measures: [
                        .init(number: "1", title: .init(uk: "Захід", en: "Measure"), responsible: "Відділ", firstYear: first, lastYear: first,
                              planned: Money(hryvnias: 10), spent: Money(hryvnias: 5), status: .done),
                    ])
            }
            let at = Date(timeIntervalSince1970: 1_000)
            #expect(try await store.write { try await $0.programmes.save(try programme(2021), id: ProgrammeID(rawValue: "p1"), city: Self.city, at: at) })
            #expect(try await store.write { try await $0.programmes.save(try programme(2024), id: ProgrammeID(rawValue: "p2"), city: Self.city, at: at) })
            #expect(!(try await store.write { try await $0.programmes.save(try programme(2030), id: ProgrammeID(rawValue: "p1"), city: Self.other, at: at) }))
            let listed = try await store.read { try await $0.programmes.programmes(in: Self.city) }
            let first = try programme(2021)
            #expect(listed.map(\.id.rawValue) == ["p2", "p1"] && listed.last?.programme == first)
            #expect(try await store.read { try await $0.programmes.programmes(in: Self.other) }.isEmpty)
            #expect(try await store.write { try await $0.programmes.save(try programme(2022), id: ProgrammeID(rawValue: "p1"), city: Self.city, at: at) })
            #expect(try await store.read { try await $0.programmes.programmes(in: Self.city) }.first { $0.id.rawValue == "p1" }?.programme.firstYear == 2022)
        }
    }
}
