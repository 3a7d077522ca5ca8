import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The demo's investment portal: Вінниця's passport (a few years of each
/// figure, every one with its source), a short passport for each other
/// city, and 26 sites across the four cities near their real industrial
/// zones. The figures are illustrative and every source says so.
struct InvestDemoSeeder {
    let services: AppServices

    /// Said in every demo figure's source: these are not official statistics.
    static let illustrative = " (ілюстративне значення демо / illustrative demo figure)"

    func seed(_ cities: [Municipality]) async throws {
        let now = services.clock.now(), audit = services.audit
        for city in cities {
            let indicators = Self.passport(city)
            var made = try Self.sites(city, now: now)
            // The site in auction is the register's former boiler house, whose
            // privatisation lot the auctions seeded first: found through the
            // platform by its title, as a clerk would pick it from the list.
            if let index = made.firstIndex(where: { $0.site.status == .inAuction }) {
                let lots = try await services.modules.linkChoices(.auctionLot, in: city, services: services).filter(\.isActive)
                let title = made[index].site.title.uk
                if let lot = lots.first(where: { $0.title.hasSuffix(title) }) ?? lots.first {
                    made[index].site.details.auctionLotID = lot.id
                }
            }
            let sites = made
            try await services.store.write { tx in
                try await tx.invest.upsert(indicators, into: .city(city.id), at: now)
                try await audit.record(
                    tx, action: AuditAction.investPassportUpdated, actor: nil, municipality: city.id, subject: "passport:" + city.id.rawValue,
                    details: ["indicators": String(indicators.count)])
                for site in sites {
                    try await tx.invest.insert(site)
                    try await audit.record(
                        tx, action: AuditAction.investSiteAdded, actor: nil, municipality: city.id, subject: site.id.rawValue,
                        details: ["type": site.site.type.rawValue])
                }
            }
            try await seedPassports(city, sites: sites)
            if city.slug.rawValue == "vinnytsia" {
                try await seedEnquiries(city, sites: sites)
                let programme = try Self.programme(sites: sites)
                try await services.store.write { tx in
                    try await tx.programmes.save(programme, id: ProgrammeID(rawValue: "vinnytsia-2021-2023"), city: city.id, at: now)
                    try await audit.record(
                        tx, action: AuditAction.investProgrammeSaved, actor: nil, municipality: city.id, subject: "vinnytsia-2021-2023",
                        details: ["measures": String(programme.measures.count)])
                }
            }
        }
        // The oblast's own figures, once per oblast of the demo's cities.
        for oblast in Set(cities.map(\.oblastID)) {
            let figures = Self.oblastPassport
            try await services.store.write { tx in
                try await tx.invest.upsert(figures, into: .oblast(oblast), at: now)
                try await audit.record(
                    tx, action: AuditAction.investPassportUpdated, actor: nil, municipality: nil, subject: "passport:oblast:" + oblast.rawValue,
                    details: ["indicators": String(figures.count)])
            }
        }
    }

    // MARK: Documents

    /// Each site on offer gets its one-page passport as a PDF, uploaded by the city's demo admin.
    func seedPassports(_ city: Municipality, sites: [InvestRepository.StoredSite]) async throws {
        guard let admin = try await services.store.read({
            try await $0.accounts.find(email: EmailAddress(rawValue: "\(city.slug.rawValue).admin@demo.hromada.ua"))
        }) else { return }
        for stored in sites where stored.site.status.isOnOffer {
            let site = stored.site
            let lines = [
                "Investment site passport", site.title.en, "Illustrative demo data, not an official document.", "",
                "Kind: \(site.type.rawValue)", "Cadastral number: \(site.cadastralNumber?.rawValue ?? "none (a building)")",
                "Area: \(InvestPages.plain(site.areaHa)) ha", "Right offered: \(site.right.rawValue)\(site.termYears.map { ", \($0) years" } ?? "")",
                "Power: \(site.utilities.powerKw.map { "\($0) kW" } ?? "not connected")",
                "Road: \(site.distances.roadKm.map { "\(InvestPages.plain($0)) km" } ?? "unknown")",
                "Source: State Land Cadastre; the city's GIS (illustrative).",
            ]
            let file = UploadedFile(filename: "passport.pdf", declaredType: "application/pdf", bytes: DemoSitePassport.pdf(lines: lines))
            _ = try await services.attachments.add(
                file, title: "Паспорт ділянки / Site passport", to: .investSite(stored.id), city: city, by: admin.id)
        }
    }

    // MARK: Enquiries

    /// Enquiries in every state in Вінниця, walked through the domain's own
    /// steps at dates before the seed, answered by the demo moderator; and a
    /// few closed last year (one answered late), so last year's results
    /// report has enquiries to count.
    func seedEnquiries(_ city: Municipality, sites: [InvestRepository.StoredSite]) async throws {
        guard let moderator = try await services.store.read({
            try await $0.accounts.find(email: EmailAddress(rawValue: "\(city.slug.rawValue).moderator@demo.hromada.ua"))
        }) else { return }
        let manager = Enquiry.Manager(account: moderator.id, name: moderator.fullName)
        let now = services.clock.now(), rules = city.settings.investEnquiries, calendar = city.settings.workingCalendar ?? .martialLaw
        let open = sites.filter { $0.site.status.isOnOffer }
        func day(_ ago: Double) -> Date { now.addingTimeInterval(-ago * 86_400) }
        struct Plan {
            let name: String, company: String, country: String, language: Language, message: String, daysAgo: Double, steps: Int
            /// Sent on this day of last year (`KyivYear.before`) instead of `daysAgo`.
            var lastYearDay: Double?
            /// The first answer, this many hours after sending.
            var answerAfterHours: Double = 5
        }
        let plans = [
            Plan(name: "Jan Novák", company: "Novák Logistics s.r.o.", country: "Czechia", language: .en,
                 message: "We look for 8–12 ha with a rail siding for a regional warehouse, about 60 jobs. Is the Nemyriv highway plot still free?",
                 daysAgo: 0.1, steps: 0),
            Plan(name: "Олег Мельник", company: "ТОВ «Агро-Поділля»", country: "Україна", language: .uk,
                 message: "Шукаємо ділянку 3–5 га з газом і водою під цех переробки ягід, 40 робочих місць. Які умови оренди?",
                 daysAgo: 4, steps: 1),
            Plan(name: "Maria Rossi", company: "Rossi Meccanica S.p.A.", country: "Italy", language: .en,
                 message: "We plan a machining plant (2 MW, 150 jobs). Which industrial park plots have 110 kV nearby and what incentives apply?",
                 daysAgo: 2, steps: 2),
            Plan(name: "Thomas Weber", company: "Weber Kunststoff GmbH", country: "Germany", language: .en,
                 message: "Plastic packaging line, 1.5 MW, 6 ha. We would like a shortlist and the normative valuation of each plot.",
                 daysAgo: 6, steps: 3),
            Plan(name: "Ірина Коваль", company: "ФОП Коваль І. В.", country: "Україна", language: .uk,
                 message: "Цікавить приміщення до 300 м² у центрі під коворкінг. Чи є комунальні об'єкти в оренду?",
                 daysAgo: 12, steps: 4),
            Plan(name: "Li Wei", company: "Sunrise Solar Ltd.", country: "China", language: .en,
                 message: "A solar panel assembly plant needs 20 ha and 25 MW. Please tell us whether any site in the region fits.",
                 daysAgo: 20, steps: 5),
            Plan(name: "Андрій Бойко", company: "ТОВ «Поділля Агрохолдинг»", country: "Україна", language: .uk,
                 message: "Потрібна ділянка 5 га під елеватор біля залізниці. Які ділянки в промзоні мають під'їзні колії?",
                 daysAgo: 0, steps: 5, lastYearDay: 52),
            Plan(name: "Anna Kowalska", company: "Kowalska Meble Sp. z o.o.", country: "Poland", language: .en,
                 message: "A furniture factory of 120 jobs needs 4 ha with gas. Could you send us sites and the local incentives?",
                 daysAgo: 0, steps: 5, lastYearDay: 131),
            Plan(name: "Peter Jansen", company: "Jansen Greenhouses B.V.", country: "Netherlands", language: .en,
                 message: "Greenhouse complex of 10 ha, heat from a cogeneration unit. Is there a site near a gas main with 10 kV?",
                 daysAgo: 0, steps: 5, lastYearDay: 198, answerAfterHours: 150),
            Plan(name: "Світлана Гнатюк", company: "ТОВ «Вінницькі ІТ-рішення»", country: "Україна", language: .uk,
                 message: "Шукаємо приміщення 600–800 м² під офіс на 80 робочих місць з резервним живленням.",
                 daysAgo: 0, steps: 5, lastYearDay: 287),
        ]
        let audit = services.audit, keys = services.keys
        for (index, plan) in plans.enumerated() {
            let sent = if let lastYearDay = plan.lastYearDay, let lastYear = KyivYear.before(now) {
                lastYear.after(days: lastYearDay)
            } else {
                day(plan.daysAgo)
            }
            var enquiry = try Enquiry.send(
                city: city.id, site: index % 2 == 0 ? open.first?.id : nil, name: plan.name,
                email: "investor\(index + 1)@example.com", company: plan.company, country: plan.country, phone: "", language: plan.language,
                message: plan.message, at: sent)
            if plan.steps >= 1 { enquiry = try enquiry.confirmed(at: sent.addingTimeInterval(600), rules: rules, calendar: calendar) }
            if plan.steps >= 2 { enquiry = try enquiry.assigned(to: manager, at: sent.addingTimeInterval(3_600)) }
            if plan.steps >= 3 {
                enquiry = try enquiry.answered(
                    plan.language == .uk ? "Дякуємо за запит! Підбираємо ділянки, надішлемо добірку." : "Thank you! We are choosing sites and will send a shortlist.",
                    by: manager, at: sent.addingTimeInterval(plan.answerAfterHours * 3_600))
            }
            if plan.steps >= 4 {
                enquiry = try enquiry.shortlisted(
                    Array(open.prefix(3).map(\.id)), note: plan.language == .uk ? "Ці об'єкти відповідають запиту." : "These sites fit your need.",
                    by: manager, at: sent.addingTimeInterval(max(2 * 86_400, (plan.answerAfterHours + 1) * 3_600)))
            }
            if plan.steps >= 5 {
                enquiry = try enquiry.closed(by: manager, at: sent.addingTimeInterval(max(5 * 86_400, (plan.answerAfterHours + 25) * 3_600)))
            }
            let stored = enquiry, digest = keys.sessionDigest(of: EnquiryService.key(of: enquiry.id, keys: keys))
            try await services.store.write { tx in
                try await tx.enquiries.insert(stored, keyDigest: digest)
                try await audit.record(
                    tx, action: AuditAction.investEnquirySent, actor: nil, municipality: city.id, subject: stored.id.rawValue,
                    details: ["site": stored.siteID?.rawValue ?? ""])
            }
        }
    }

    // MARK: The programme

    /// Вінниця's programme of 2021–2023, its measures and money illustrative.
    static func programme(sites: [InvestRepository.StoredSite]) throws -> InvestmentProgramme {
        let parks = sites.filter { $0.site.type == .industrialPark }.map(\.id)
        let brownfields = sites.filter { $0.site.type == .brownfield || $0.site.type == .privatisation }.map(\.id)
        func measure(
            _ number: String, _ uk: String, _ en: String, _ responsible: String, _ first: Int, _ last: Int, planned: Int64, spent: Int64,
            _ status: InvestmentProgramme.Measure.Status, sites: [SiteID] = [], enquiries: Bool = false
        ) -> InvestmentProgramme.Measure {
            .init(number: number, title: LocalizedName(uk: uk, en: en), responsible: responsible, firstYear: first, lastYear: last,
                  planned: Money(hryvnias: planned), spent: Money(hryvnias: spent), status: status, sites: sites, tracksEnquiries: enquiries)
        }
        let economy = "Департамент економіки і інвестицій міської ради"
        return try InvestmentProgramme.make(
            title: LocalizedName(
                uk: "Програма сприяння залученню інвестицій у Вінницьку міську територіальну громаду на 2021–2023 роки (ілюстративні дані демо)",
                en: "Programme to attract investment to the Vinnytsia city hromada, 2021–2023 (illustrative demo data)"),
            firstYear: 2021, lastYear: 2023, decisionNumber: "2731", decisionDate: CalendarDate(year: 2020, month: 12, day: 18),
            measures: [
                measure("1", "Облаштування інженерних мереж Вінницького індустріального парку", "Utilities for the Vinnytsia Industrial Park",
                        "Департамент капітального будівництва", 2021, 2023, planned: 48_000_000, spent: 41_250_000, .done, sites: Array(parks.prefix(3))),
                measure("2", "Паспорти земельних ділянок і браунфілдів для інвесторів", "Passports of land plots and brownfields for investors",
                        economy, 2021, 2022, planned: 1_200_000, spent: 1_150_000, .done, sites: Array(brownfields.prefix(3))),
                measure("3", "Відповідь на запит інвестора протягом одного робочого дня", "An answer to every investor's enquiry within one working day",
                        economy, 2021, 2023, planned: 0, spent: 0, .inProgress, enquiries: true),
                measure("4", "Участь у міжнародних інвестиційних форумах", "Taking part in international investment forums", economy, 2021, 2023,
                        planned: 2_500_000, spent: 1_640_000, .inProgress),
                measure("5", "Англомовний інвестиційний портал і паспорт громади", "An English investment portal and passport of the hromada",
                        "Департамент інформаційних технологій", 2022, 2023, planned: 900_000, spent: 900_000, .done),
                measure("6", "Компенсація відсотків за кредитами на обладнання для МСП", "Interest compensation on SME equipment loans", economy, 2022, 2023,
                        planned: 6_000_000, spent: 0, .cancelled),
            ])
    }

    // MARK: Passports

    /// One figure over the years given (oldest first), all from one source.
    static func figure(
        _ code: String, _ section: IndicatorSection, _ uk: String, _ en: String, _ unit: String, _ source: String, _ values: [(Int, String)]
    ) -> PassportIndicator? {
        let checked = CalendarDate(year: 2026, month: 10, day: 15)
        let values = values.compactMap { try? IndicatorValue(year: $0.0, value: $0.1, source: source + illustrative, checkedOn: checked) }
        guard !values.isEmpty else { return nil }
        return PassportIndicator(code: code, section: section, name: LocalizedName(uk: uk, en: en), unit: unit, values: values)
    }

    static let statistics = "Головне управління статистики у Вінницькій області"
    static let treasury = "Департамент фінансів міської ради, звіт про виконання бюджету"
    static let education = "Департамент освіти міської ради"

    static func passport(_ city: Municipality) -> [PassportIndicator] {
        let population = Double(city.population)
        func scaled(_ share: Double) -> String { String(Int((population * share).rounded())) }
        var figures: [PassportIndicator?] = [
            figure("population.total", .populationAndLabour, "Наявне населення", "Population", "persons", statistics,
                   [(2021, String(Int((population * 1.012).rounded()))), (2022, String(Int((population * 1.005).rounded()))), (2023, String(city.population))]),
            figure("population.working_age", .populationAndLabour, "Населення працездатного віку", "Working-age population", "persons", statistics,
                   [(2022, scaled(0.63)), (2023, scaled(0.62))]),
            figure("area.total", .infrastructure, "Площа території громади", "Area of the hromada", "km2", "Державний земельний кадастр",
                   [(2023, String(format: "%.1f", city.areaKm2))]),
        ]
        if city.slug.rawValue == "vinnytsia" {
            figures += [
                figure("labour.employed", .populationAndLabour, "Зайняте населення", "Employed persons", "persons", statistics,
                       [(2021, "171200"), (2022, "158900"), (2023, "163400")]),
                figure("labour.unemployment", .populationAndLabour, "Рівень безробіття (за методологією МОП)", "Unemployment rate (ILO)", "percent", statistics,
                       [(2021, "8.9"), (2022, "11.4"), (2023, "10.2")]),
                figure("labour.students", .education, "Студенти закладів вищої освіти", "Students in higher education", "persons", education,
                       [(2021, "34100"), (2022, "32600"), (2023, "33800")]),
                figure("education.universities", .education, "Заклади вищої освіти", "Universities and institutes", "units", education,
                       [(2023, "11")]),
                figure("education.vocational", .education, "Заклади професійно-технічної освіти", "Vocational schools", "units", education,
                       [(2023, "9")]),
                figure("wages.average", .economyAndWages, "Середня місячна заробітна плата штатних працівників", "Average monthly wage", "uah", statistics,
                       [(2021, "13512"), (2022, "15094"), (2023, "17630")]),
                figure("economy.industrial_output", .economyAndWages, "Обсяг реалізованої промислової продукції", "Industrial sales", "uah_million", statistics,
                       [(2021, "38420.5"), (2022, "36118.2"), (2023, "41907.9")]),
                figure("economy.fdi", .economyAndWages, "Прямі іноземні інвестиції (акціонерний капітал)", "Foreign direct investment (equity)", "usd_million",
                       "Національний банк України", [(2021, "412.6"), (2022, "388.1"), (2023, "401.3")]),
                figure("economy.capital_investment", .economyAndWages, "Капітальні інвестиції", "Capital investment", "uah_million", statistics,
                       [(2021, "9835.0"), (2022, "6120.4"), (2023, "8244.7")]),
                figure("economy.smes", .economyAndWages, "Суб'єкти малого і середнього підприємництва", "Small and medium enterprises", "units", statistics,
                       [(2022, "29840"), (2023, "31205")]),
                figure("budget.revenue", .budget, "Доходи загального фонду бюджету громади", "General fund revenue", "uah_million", treasury,
                       [(2021, "4912.3"), (2022, "5488.0"), (2023, "6105.7")]),
                figure("budget.development", .budget, "Видатки бюджету розвитку", "Development spending", "uah_million", treasury,
                       [(2021, "1240.8"), (2022, "702.5"), (2023, "1180.2")]),
                figure("budget.pit_share", .budget, "Частка ПДФО у доходах загального фонду", "Personal income tax share of revenue", "percent", treasury,
                       [(2021, "61.2"), (2022, "63.8"), (2023, "64.1")]),
                figure("logistics.airport_km", .infrastructure, "Відстань до міжнародного аеропорту «Вінниця»", "Distance to Vinnytsia International Airport",
                       "km", "Вінницька міська рада", [(2023, "12")]),
                figure("logistics.kyiv_km", .infrastructure, "Відстань до Києва автошляхом М-21/М-06", "Distance to Kyiv by road", "km",
                       "Укравтодор", [(2023, "268")]),
                figure("logistics.border_km", .infrastructure, "Відстань до пункту пропуску «Могилів-Подільський»", "Distance to the Mohyliv-Podilskyi border crossing",
                       "km", "Укравтодор", [(2023, "118")]),
                figure("utilities.power_reserve", .infrastructure, "Вільна потужність підстанцій 110 кВ", "Spare capacity of 110 kV substations", "mw",
                       "АТ «Вінницяобленерго»", [(2022, "64"), (2023, "71")]),
                figure("parks.count", .industrialParks, "Індустріальні парки в реєстрі Мінекономіки", "Industrial parks in the Ministry of Economy register",
                       "units", "Реєстр індустріальних парків", [(2021, "1"), (2022, "2"), (2023, "2")]),
                figure("parks.free_area", .industrialParks, "Вільні ділянки в індустріальних парках", "Free plots in industrial parks", "ha",
                       "Вінницька міська рада", [(2022, "31.5"), (2023, "24.2")]),
                figure("parks.residents", .industrialParks, "Учасники індустріальних парків", "Industrial park residents", "units",
                       "Вінницька міська рада", [(2021, "4"), (2022, "7"), (2023, "9")]),
                figure("taxes.land_rate", .taxesAndIncentives, "Ставка плати за землю промислового призначення", "Land tax rate for industrial land",
                       "percent_of_valuation", "Рішення міської ради про місцеві податки", [(2023, "1")]),
                figure("taxes.property_rate", .taxesAndIncentives, "Ставка податку на нерухоме майно (нежитлове)", "Property tax rate (non-residential)",
                       "percent_of_minimum_wage_per_m2", "Рішення міської ради про місцеві податки", [(2023, "1.5")]),
                figure("taxes.park_relief", .taxesAndIncentives, "Пільга з плати за землю для учасників індустріальних парків", "Land tax relief for industrial park residents",
                       "percent_of_rate", "Рішення міської ради про місцеві податки", [(2023, "100")]),
            ]
        }
        return figures.compactMap { $0 }
    }

    /// Вінницька область's own figures (illustrative, near the published ones).
    static let oblastPassport: [PassportIndicator] = [
        figure("population.total", .populationAndLabour, "Наявне населення області", "Population of the oblast", "persons", statistics,
               [(2021, "1529123"), (2022, "1509515"), (2023, "1497284")]),
        figure("area.total", .infrastructure, "Площа області", "Area of the oblast", "km2", "Державний земельний кадастр", [(2023, "26513")]),
        figure("economy.grp_per_capita", .economyAndWages, "Валовий регіональний продукт на особу", "Gross regional product per person", "uah",
               statistics, [(2020, "104386"), (2021, "141705")]),
        figure("economy.agri_share", .economyAndWages, "Частка сільського господарства у валовій доданій вартості", "Agriculture's share of gross value added",
               "percent", statistics, [(2021, "31.4")]),
        figure("wages.average", .economyAndWages, "Середня місячна заробітна плата", "Average monthly wage", "uah", statistics,
               [(2021, "12340"), (2022, "13650"), (2023, "16120")]),
        figure("parks.count", .industrialParks, "Індустріальні парки області в реєстрі", "Industrial parks of the oblast in the register", "units",
               "Реєстр індустріальних парків", [(2022, "9"), (2023, "11")]),
        figure("logistics.border_crossings", .infrastructure, "Пункти пропуску на кордоні з Молдовою", "Border crossings to Moldova", "units",
               "Державна прикордонна служба", [(2023, "4")]),
    ].compactMap { $0 }

    // MARK: Sites

    struct Plot {
        let type: SiteType
        let uk: String
        let en: String
        /// The centre, longitude and latitude.
        let at: (Double, Double)
        let areaHa: Double
        let right: SiteRight
        var powerKw: Int? = nil
        var gas = false
        var water = false
        var rail = false
        var roadKm: Double? = nil
        var priceUAH: Int64? = nil
        var status: SiteStatus = .available
        var building: SiteDetails.Building? = nil
        var ownership: SiteOwnership = .communal
    }

    /// КОАТУУ codes of the cities' councils, the first ten digits of their cadastral numbers.
    static let territory = ["vinnytsia": "0510100000", "ladyzhyn": "0510600000", "khmilnyk": "0510900000", "zhmerynka": "0510400000"]

    static let plots: [String: [Plot]] = [
        "vinnytsia": [
            Plot(type: .industrialPark, uk: "Індустріальний парк «Вінницький», ділянка 1", en: "Vinnytsia Industrial Park, plot 1", at: (28.3962, 49.1968),
                 areaHa: 6.2, right: .lease, powerKw: 4_000, gas: true, water: true, rail: false, roadKm: 0.3, priceUAH: 310_000),
            Plot(type: .industrialPark, uk: "Індустріальний парк «Вінницький», ділянка 4", en: "Vinnytsia Industrial Park, plot 4", at: (28.4011, 49.1941),
                 areaHa: 3.1, right: .lease, powerKw: 1_500, gas: true, water: true, roadKm: 0.6, priceUAH: 165_000),
            Plot(type: .industrialPark, uk: "Індустріальний парк «Вінницький», ділянка 7", en: "Vinnytsia Industrial Park, plot 7", at: (28.4050, 49.1920),
                 areaHa: 12.4, right: .superficies, powerKw: 6_300, gas: true, water: true, rail: true, roadKm: 0.9, priceUAH: 520_000, status: .reserved),
            Plot(type: .greenfield, uk: "Ділянка на Хмельницькому шосе", en: "Plot on the Khmelnytskyi highway", at: (28.3931, 49.2565),
                 areaHa: 2.45, right: .sale, powerKw: 800, gas: true, roadKm: 0.1, priceUAH: 9_800_000),
            Plot(type: .greenfield, uk: "Ділянка біля аеропорту «Вінниця»", en: "Plot near Vinnytsia Airport", at: (28.5980, 49.2391),
                 areaHa: 8.0, right: .lease, powerKw: 2_500, water: true, roadKm: 1.2, priceUAH: 420_000),
            Plot(type: .brownfield, uk: "Колишній цех заводу на вул. Гонти", en: "Former factory shop, Honty Street", at: (28.4852, 49.2238),
                 areaHa: 1.6, right: .sale, powerKw: 1_200, gas: true, water: true, rail: true, roadKm: 0.8, priceUAH: 14_500_000,
                 building: .init(areaM2: 5_400, floors: 2, condition: .needsRepair)),
            Plot(type: .building, uk: "Адмінбудівля на вул. Соборній", en: "Office building, Soborna Street", at: (28.4711, 49.2330),
                 areaHa: 0.12, right: .lease, powerKw: 150, gas: true, water: true, roadKm: 0.1, priceUAH: 96_000,
                 building: .init(areaM2: 1_850, floors: 4, condition: .good)),
            Plot(type: .privatisation, uk: "Будівля колишньої котельні, вул. Келецька, 51а", en: "Former boiler house, 51a Keletska Street",
                 at: (28.4170, 49.2290), areaHa: 0.35, right: .sale, powerKw: 250, gas: true, water: true, roadKm: 0.2, priceUAH: 1_250_000,
                 status: .inAuction, building: .init(areaM2: 312, floors: 2, condition: .needsRepair)),
            Plot(type: .ppp, uk: "Сміттєсортувальна станція (ДПП)", en: "Waste sorting plant (PPP)", at: (28.5420, 49.2023),
                 areaHa: 4.5, right: .superficies, powerKw: 1_000, water: true, roadKm: 2.0, priceUAH: 120_000),
            Plot(type: .greenfield, uk: "Ділянка на Немирівському шосе", en: "Plot on the Nemyriv highway", at: (28.5302, 49.1995),
                 areaHa: 15.0, right: .lease, powerKw: 10_000, gas: true, water: true, rail: true, roadKm: 0.5, priceUAH: 780_000),
        ],
        "ladyzhyn": [
            Plot(type: .industrialPark, uk: "Індустріальний парк «Ладижин», ділянка 2", en: "Ladyzhyn Industrial Park, plot 2", at: (29.2571, 48.6702),
                 areaHa: 5.0, right: .lease, powerKw: 8_000, gas: true, water: true, rail: true, roadKm: 1.5, priceUAH: 190_000),
            Plot(type: .industrialPark, uk: "Індустріальний парк «Ладижин», ділянка 5", en: "Ladyzhyn Industrial Park, plot 5", at: (29.2620, 48.6681),
                 areaHa: 9.8, right: .lease, powerKw: 15_000, gas: true, water: true, rail: true, roadKm: 1.9, priceUAH: 350_000),
            Plot(type: .greenfield, uk: "Ділянка біля ТЕС", en: "Plot next to the power plant", at: (29.2450, 48.6655),
                 areaHa: 20.0, right: .superficies, powerKw: 25_000, water: true, rail: true, roadKm: 2.5, priceUAH: 600_000),
            Plot(type: .brownfield, uk: "Колишня котельня на вул. Наречній", en: "Former boiler house, Narechna Street", at: (29.2302, 48.6850),
                 areaHa: 0.8, right: .sale, powerKw: 630, gas: true, water: true, roadKm: 0.2, priceUAH: 3_200_000,
                 building: .init(areaM2: 900, floors: 2, condition: .ruined)),
            Plot(type: .building, uk: "Склад на вул. Заводській", en: "Warehouse, Zavodska Street", at: (29.2395, 48.6772),
                 areaHa: 0.5, right: .lease, powerKw: 250, water: true, roadKm: 0.3, priceUAH: 60_000, status: .leased,
                 building: .init(areaM2: 2_200, floors: 1, condition: .good)),
            Plot(type: .greenfield, uk: "Ділянка для агропереробки", en: "Plot for agri-food processing", at: (29.2105, 48.6921),
                 areaHa: 3.4, right: .sale, powerKw: 500, gas: true, roadKm: 0.7, priceUAH: 5_100_000),
        ],
        "khmilnyk": [
            Plot(type: .greenfield, uk: "Ділянка для санаторно-курортного комплексу", en: "Plot for a spa resort", at: (27.9702, 49.5421),
                 areaHa: 4.2, right: .lease, powerKw: 600, gas: true, water: true, roadKm: 0.4, priceUAH: 210_000),
            Plot(type: .greenfield, uk: "Ділянка в промзоні на вул. Монастирській", en: "Plot in the Monastyrska Street industrial zone", at: (27.9380, 49.5610),
                 areaHa: 2.1, right: .sale, powerKw: 1_000, gas: true, water: true, roadKm: 0.2, priceUAH: 4_400_000),
            Plot(type: .brownfield, uk: "Колишній льонозавод", en: "Former flax mill", at: (27.9851, 49.5702),
                 areaHa: 3.7, right: .sale, powerKw: 800, water: true, rail: true, roadKm: 1.1, priceUAH: 7_900_000,
                 building: .init(areaM2: 6_800, floors: 2, condition: .ruined)),
            Plot(type: .ppp, uk: "Міські очисні споруди (ДПП)", en: "Municipal wastewater plant (PPP)", at: (27.9255, 49.5488),
                 areaHa: 6.0, right: .superficies, powerKw: 1_600, water: true, roadKm: 1.4, priceUAH: 90_000),
            Plot(type: .building, uk: "Нежитлове приміщення на вул. Столярчука", en: "Commercial premises, Stoliarchuka Street", at: (27.9581, 49.5560),
                 areaHa: 0.05, right: .lease, powerKw: 60, gas: true, water: true, roadKm: 0.1, priceUAH: 36_000,
                 building: .init(areaM2: 240, floors: 1, condition: .good)),
        ],
        "zhmerynka": [
            Plot(type: .greenfield, uk: "Логістична ділянка біля сортувальної станції", en: "Logistics plot by the marshalling yard", at: (28.1250, 49.0301),
                 areaHa: 11.5, right: .lease, powerKw: 3_000, gas: true, water: true, rail: true, roadKm: 0.8, priceUAH: 410_000),
            Plot(type: .industrialPark, uk: "Промисловий кластер, ділянка 3", en: "Industrial cluster, plot 3", at: (28.0952, 49.0480),
                 areaHa: 2.8, right: .lease, powerKw: 1_250, gas: true, water: true, roadKm: 0.5, priceUAH: 120_000),
            Plot(type: .brownfield, uk: "Колишнє вагонне депо", en: "Former railcar depot", at: (28.1181, 49.0352),
                 areaHa: 5.6, right: .sale, powerKw: 2_000, water: true, rail: true, roadKm: 1.0, priceUAH: 12_000_000,
                 building: .init(areaM2: 7_500, floors: 1, condition: .needsRepair), ownership: .state),
            Plot(type: .greenfield, uk: "Ділянка на об'їзній дорозі", en: "Plot on the ring road", at: (28.0801, 49.0250),
                 areaHa: 1.9, right: .sale, powerKw: 400, roadKm: 0.05, priceUAH: 2_600_000, status: .sold),
            Plot(type: .privatisation, uk: "Будівля колишньої друкарні", en: "Former printing house", at: (28.1102, 49.0395),
                 areaHa: 0.3, right: .sale, powerKw: 100, gas: true, water: true, roadKm: 0.3, priceUAH: 1_750_000,
                 building: .init(areaM2: 1_100, floors: 3, condition: .needsRepair)),
        ],
    ]

    /// A four-cornered boundary of about `areaHa` around a centre, a little
    /// skewed as real plots are (deterministic, from the plot's number).
    static func boundary(around centre: (Double, Double), areaHa: Double, seed: Int) throws -> SiteGeometry {
        let side = (areaHa * 10_000).squareRoot()
        let aspect = 1.2 + Double(seed % 5) * 0.15
        let width = side * aspect.squareRoot(), height = side / aspect.squareRoot()
        let metresPerDegreeLat = 111_320.0, metresPerDegreeLon = 111_320.0 * cos(centre.1 * .pi / 180)
        let skew = Double(seed % 3) * 0.08 * width
        let corners = [(-width / 2, -height / 2), (width / 2, -height / 2), (width / 2 + skew, height / 2), (-width / 2 + skew, height / 2)]
        var ring = corners.map { [$0.0 / metresPerDegreeLon + centre.0, $0.1 / metresPerDegreeLat + centre.1] }
        ring.append(ring[0])
        let coordinates = SiteGeometry.Coordinates.list([.list(ring.map { .list($0.map { .number(($0 * 1_000_000).rounded() / 1_000_000) }) })])
        return try SiteGeometry(SiteGeometry.GeoJSON(type: "Polygon", coordinates: coordinates))
    }

    static func sites(_ city: Municipality, now: Date) throws -> [InvestRepository.StoredSite] {
        let slug = city.slug.rawValue
        guard let plots = plots[slug], let territory = territory[slug] else { return [] }
        return try plots.enumerated().map { index, plot in
            var utilities = InvestmentSite.Utilities()
            utilities.powerKw = plot.powerKw
            utilities.gasM3PerHour = plot.gas ? Double(50 + 25 * (index % 4)) : nil
            utilities.waterM3PerDay = plot.water ? Double(40 + 30 * (index % 3)) : nil
            utilities.sewer = plot.water
            utilities.fibre = index % 2 == 0
            var distances = InvestmentSite.Distances()
            distances.roadKm = plot.roadKm
            distances.railKm = plot.rail ? 0 : 3.5 + Double(index)
            distances.airportKm = slug == "vinnytsia" ? 8 + Double(index) : 60 + Double(index * 3)
            distances.borderKm = slug == "ladyzhyn" ? 95 : 120 + Double(index * 2)
            var details = SiteDetails()
            details.description = LocalizedName(
                uk: "\(plot.uk). Дані ділянки наведено для демонстрації і є ілюстративними.",
                en: "\(plot.en). The site's data are shown for the demo and are illustrative.")
            details.landCategory = plot.type == .building
                ? "землі житлової та громадської забудови / residential and public development land"
                : "землі промисловості, транспорту, зв'язку, енергетики / industrial, transport, communications and energy land"
            details.zoning = plot.type == .greenfield ? "ВП — виробнича зона / production zone" : "КС — комунально-складська зона / utility and storage zone"
            details.voltageKv = (plot.powerKw ?? 0) >= 2_500 ? 110 : 10
            if let building = plot.building { details.buildings = [building] }
            details.manager = SiteDetails.Manager(name: "Відділ інвестицій / Investment office", email: "invest@\(slug).demo.hromada.example", phone: "+380 43 200 00 00")
            details.verifiedOn = CalendarDate(year: 2026, month: 9, day: 1 + index)
            details.dataSource = "Державний земельний кадастр; ГІС міської ради / State Land Cadastre; the city's GIS (ілюстративні дані демо / illustrative demo data)"
            let number = "\(territory):0\(1 + index % 5):00\(1 + index % 9):\(String(1000 + index * 37 % 9000))"
            var site = try InvestmentSite.make(
                type: plot.type, title: LocalizedName(uk: plot.uk, en: plot.en),
                geometry: try boundary(around: plot.at, areaHa: plot.areaHa, seed: index), cadastralNumber: plot.type == .building ? nil : number,
                areaHa: plot.areaHa, purposeCode: plot.type == .building ? "03.07" : "11.02", ownership: plot.ownership, right: plot.right,
                termYears: plot.right == .sale ? nil : (plot.right == .lease ? 25 : 49),
                normativeValuation: plot.priceUAH.map { Money(hryvnias: $0 * (plot.right == .sale ? 6 : 90) / 10) },
                price: plot.priceUAH.map { Money(hryvnias: $0) }, utilities: utilities, distances: distances, details: details)
            site.status = plot.status
            let added = now.addingTimeInterval(-Double(86_400 * (3 + index * 5)))
            return InvestRepository.StoredSite(id: .random(), city: city.id, site: site, createdAt: added, updatedAt: added)
        }
    }
}
