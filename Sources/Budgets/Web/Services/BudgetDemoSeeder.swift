import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Vinnytsia's demo participatory budget: last year's edition in delivery,
/// this year's open for voting, next year's taking proposals. Ballots come
/// from a seeded generator, so every fresh demo looks the same.
struct BudgetDemoSeeder {
    let services: AppServices
    static let generatedBallots = 2400

    struct Idea {
        let title: String
        let summary: String
        let district: String
        let address: String
        let latitude: Double
        let longitude: Double
        let items: [(String, Int64)]
        let large: Bool
        /// How many voters, relatively, like it.
        let appeal: Double
    }

    static let ideas: [Idea] = [
        Idea(title: "Сучасний спортивний майданчик на Вишеньці", summary: "Воркаут-зона, гумове покриття, тренажери для людей різного віку та освітлення для вечірніх тренувань.",
             district: "Вишенька", address: "вул. Келецька, 61", latitude: 49.2097, longitude: 28.4276,
             items: [("Покриття", 420_000), ("Тренажери", 380_000), ("Освітлення", 160_000)], large: true, appeal: 1.6),
        Idea(title: "Інклюзивний простір у парку Дружби народів", summary: "Гойдалки та пісочниці, доступні дітям на кріслах колісних, тактильні доріжки, лавки з підлокітниками.",
             district: "Замостя", address: "вул. Замостянська, 7", latitude: 49.2318, longitude: 28.4862,
             items: [("Ігрове обладнання", 640_000), ("Доріжки", 290_000), ("Лавки", 85_000)], large: true, appeal: 1.4),
        Idea(title: "Безпечний пішохідний перехід біля школи № 17", summary: "Острівець безпеки, підсвічування переходу, світлофор з кнопкою виклику.",
             district: "Старе місто", address: "вул. Пирогова, 95", latitude: 49.2259, longitude: 28.4417,
             items: [("Острівець безпеки", 310_000), ("Світлофор", 270_000), ("Підсвічування", 120_000)], large: true, appeal: 1.2),
        Idea(title: "Велодоріжка вздовж Південного Бугу", summary: "Двосмугова велодоріжка 1,2 км від Центрального мосту до Київського, з велопарковками.",
             district: "Центр", address: "набережна Рошен", latitude: 49.2334, longitude: 28.4688,
             items: [("Покриття", 980_000), ("Розмітка", 120_000), ("Велопарковки", 90_000)], large: true, appeal: 1.0),
        Idea(title: "Сенсорна кімната для дітей з аутизмом у ЦПМСД № 3", summary: "Обладнання сенсорної кімнати: світлові панелі, м’які модулі, звукоізоляція.",
             district: "Слов’янка", address: "вул. Стрілецька, 32", latitude: 49.2457, longitude: 28.4809,
             items: [("Обладнання", 540_000), ("Ремонт приміщення", 260_000)], large: true, appeal: 0.9),
        Idea(title: "Сквер пам’яті захисників на Тяжилові", summary: "Благоустрій скверу: алея, меморіальна стела, квітники, лавки й освітлення.",
             district: "Тяжилів", address: "вул. Максимовича, 20", latitude: 49.2610, longitude: 28.4470,
             items: [("Алея та квітники", 520_000), ("Стела", 300_000), ("Освітлення", 140_000)], large: true, appeal: 1.1),
        Idea(title: "Ремонт спортивної зали ліцею № 9", summary: "Нове покриття підлоги, заміна вікон, роздягальні з душем.",
             district: "Центр", address: "вул. Театральна, 24", latitude: 49.2325, longitude: 28.4650,
             items: [("Підлога", 450_000), ("Вікна", 380_000), ("Роздягальні", 270_000)], large: true, appeal: 0.8),
        Idea(title: "Лавки та смітники на Хмельницькому шосе", summary: "Двадцять лавок і двадцять урн для роздільного збирання на зупинках.",
             district: "Поділля", address: "Хмельницьке шосе", latitude: 49.2244, longitude: 28.4190,
             items: [("Лавки", 160_000), ("Урни", 90_000)], large: false, appeal: 1.0),
        Idea(title: "Книжкова шафа та коворкінг у бібліотеці на Старому місті", summary: "Меблі, ноутбуки, стабільний Wi-Fi і генератор для бібліотеки-філії № 4.",
             district: "Старе місто", address: "вул. Магістратська, 42", latitude: 49.2279, longitude: 28.4557,
             items: [("Меблі", 140_000), ("Ноутбуки", 180_000), ("Генератор", 95_000)], large: false, appeal: 1.1),
        Idea(title: "Ліхтарі у дворах на Академічному", summary: "Сорок світлодіодних ліхтарів із датчиками руху у трьох дворах.",
             district: "Академічний", address: "вул. Академіка Янгеля, 4", latitude: 49.2202, longitude: 28.4045,
             items: [("Ліхтарі", 260_000), ("Монтаж", 110_000)], large: false, appeal: 1.3),
        Idea(title: "Майстерня ремонту велосипедів для школярів", summary: "Станція самообслуговування та інструменти у дворі гімназії № 30.",
             district: "Вишенька", address: "вул. 600-річчя, 21", latitude: 49.2140, longitude: 28.4160,
             items: [("Станція", 75_000), ("Інструменти", 40_000)], large: false, appeal: 0.7),
        Idea(title: "Озеленення двору на Київській", summary: "Тридцять дерев, живопліт і крапельний полив.",
             district: "Свердловський масив", address: "вул. Київська, 140", latitude: 49.2501, longitude: 28.4990,
             items: [("Саджанці", 120_000), ("Полив", 80_000)], large: false, appeal: 0.9),
        Idea(title: "Пандус і підйомник у ЦНАПі на Соборній", summary: "Безбар’єрний вхід: пандус, підйомник, кнопка виклику працівника.",
             district: "Центр", address: "вул. Соборна, 59", latitude: 49.2328, longitude: 28.4679,
             items: [("Пандус", 180_000), ("Підйомник", 290_000)], large: false, appeal: 1.0),
        Idea(title: "Шахово-шашковий клуб у парку Козицького", summary: "Столи з накриттям, великі шахи, освітлення і турнір раз на місяць.",
             district: "Центр", address: "парк ім. Козицького", latitude: 49.2365, longitude: 28.4712,
             items: [("Столи", 110_000), ("Великі шахи", 45_000), ("Освітлення", 60_000)], large: false, appeal: 0.6),
        Idea(title: "Укриття в дитячому садку № 21: обладнання", summary: "Вентиляція, ліжка-трансформери, запас води та аптечки для укриття садочка.",
             district: "Замостя", address: "вул. Брацлавська, 85", latitude: 49.2421, longitude: 28.5013,
             items: [("Вентиляція", 230_000), ("Меблі", 150_000), ("Запаси", 60_000)], large: false, appeal: 1.5),
    ]

    func seed(into city: Municipality, author: AccountID) async throws {
        let existing = try await services.store.read { try await $0.budgets.editions(in: city.id) }
        guard existing.isEmpty else { return }
        // Whole days at 09:00 Kyiv (07:00 UTC in winter), as a city would announce them.
        let now = Date(epochSeconds: services.clock.now().epochSeconds / 86_400 * 86_400 + 7 * 3600)
        let day: TimeInterval = 86_400
        func edition(_ year: Int, proposals: TimeInterval, review: TimeInterval, opens: TimeInterval, closes: TimeInterval) -> BudgetEdition {
            BudgetEdition(
                municipalityID: city.id,
                title: .init(uk: "Бюджет громадських ініціатив \(year)", en: "Civic Initiatives Budget \(year)"),
                schedule: BudgetSchedule(
                    announcedAt: now.addingTimeInterval((proposals - 7) * day), proposalsOpen: now.addingTimeInterval(proposals * day),
                    reviewOpen: now.addingTimeInterval(review * day), votingOpen: now.addingTimeInterval(opens * day),
                    votingClose: now.addingTimeInterval(closes * day)),
                eligibility: .init(minimumAge: 16, paperForWorkersAndStudents: true),
                ballotRule: .approval(maxPicks: 4, minPicks: nil),
                receiptsEnabled: true, receiptByEmailAllowed: true,
                categories: [
                    BudgetCategory(
                        name: .init(uk: "Великі проєкти", en: "Large projects"), fund: Money(hryvnias: 3_000_000),
                        minCost: Money(hryvnias: 500_001), maxCost: Money(hryvnias: 1_500_000), maxPicks: 2),
                    BudgetCategory(
                        name: .init(uk: "Малі проєкти", en: "Small projects"), fund: Money(hryvnias: 1_000_000),
                        minCost: Money(hryvnias: 50_000), maxCost: Money(hryvnias: 500_000), maxPicks: 2),
                ])
        }
        // Last year's voting closed a year and ten days ago, so last year's
        // results report counts its ballots (the strategy's computed figures).
        var past = edition(2025, proposals: -495, review: -435, opens: -395, closes: -375)
        past.schedule.resultsPublishedAt = now.addingTimeInterval(-365 * day)
        past.schedule.deliveryStartedAt = now.addingTimeInterval(-355 * day)
        let current = edition(2026, proposals: -90, review: -45, opens: -5, closes: 25)
        let next = edition(2027, proposals: -3, review: 40, opens: 70, closes: 85)
        var generator = SeededGenerator(seed: 2026)
        for (edition, ballots) in [(past, Self.generatedBallots), (current, Self.generatedBallots), (next, 0)] {
            let projects = Self.projects(for: edition, author: author, reviewed: edition.id != next.id, at: now, using: &generator)
            try await services.store.write { tx in
                try await tx.budgets.insert(edition, at: now)
                for project in projects { try await tx.budgets.insert(project, in: city.id) }
            }
            try await vote(ballots, in: edition, projects: projects, city: city.id, using: &generator)
            if edition.id == past.id { try await publishAndDeliver(edition, city: city, projects: projects, by: author, at: now) }
        }
    }

    /// Last year's edition: its results stored as published, and a delivery record for each winner.
    func publishAndDeliver(_ edition: BudgetEdition, city: Municipality, projects: [BudgetProject], by author: AccountID, at now: Date) async throws {
        let id = edition.id
        let ballots = try await services.store.read { try await $0.budgets.ballots(of: id) }
        // Delivery is recorded by the city's staff, not by the author.
        let staff = try await services.store.read { try await $0.accounts.find(email: EmailAddress(rawValue: "vinnytsia.admin@demo.hromada.ua")) }?.id ?? author
        let outcomes = try services.budgetResults.compute(edition: edition, city: city, projects: projects, ballots: ballots)
        let notes: [(DeliveryUpdate.Status, Int, String)] = [
            (.done, 98, "Роботи завершено, об’єкт відкрито для мешканців. Акт приймання підписано."),
            (.inProgress, 55, "Підрядника визначено через Prozorro, роботи тривають за графіком."),
            (.contracting, 0, "Оголошено закупівлю в Prozorro, очікуємо пропозиції."),
        ]
        try await services.store.write { tx in
            for outcome in outcomes {
                let funded = outcome.projects.filter(\.funded).map(\.project)
                try await tx.budgets.saveResult(edition: id, category: outcome.category.id, funded: funded.map(\.id), at: edition.schedule.resultsPublishedAt ?? now)
                for (index, project) in funded.enumerated() {
                    let (status, percent, note) = notes[index % notes.count]
                    try await tx.budgets.insert(DeliveryUpdate(
                        projectID: project.id, status: status, spent: Money(kopiyky: project.cost.kopiyky * Int64(percent) / 100), note: note,
                        postedBy: staff, postedAt: now.addingTimeInterval(-Double(10 + index * 7) * 86_400)))
                }
            }
        }
    }

    static func projects(
        for edition: BudgetEdition, author: AccountID, reviewed: Bool, at now: Date, using generator: inout SeededGenerator
    ) -> [BudgetProject] {
        Self.ideas.enumerated().map { index, idea in
            let category = idea.large ? edition.categories[0] : edition.categories[1]
            // Each year's estimates differ a little, as real ones do.
            let drift = Int64(generator.next() % 9) - 4
            var project = BudgetProject(
                editionID: edition.id, categoryID: category.id, number: index + 1, title: idea.title, summary: idea.summary,
                district: idea.district, address: idea.address, latitude: idea.latitude, longitude: idea.longitude,
                costItems: idea.items.map { .init(label: $0.0, amount: Money(hryvnias: $0.1 + $0.1 * drift / 100)) },
                authorID: author, submittedAt: edition.schedule.proposalsOpen ?? now)
            guard reviewed else { return project }
            let feasible = index != 11
            project.status = feasible ? .feasible : .infeasible
            project.review = .init(
                reviewerID: author, feasible: feasible,
                reason: feasible ? "" : "Ділянка належить до земель лісового фонду: озеленення виконає КП «Вінницязеленбуд».",
                revisedCost: nil, decidedAt: edition.schedule.reviewOpen)
            return project
        }
    }

    /// Generated voters: random identities, an age, a channel, and picks drawn by each project's appeal.
    func vote(_ count: Int, in edition: BudgetEdition, projects: [BudgetProject], city: MunicipalityID, using generator: inout SeededGenerator) async throws {
        guard count > 0 else { return }
        let onBallot = projects.filter(\.isOnBallot)
        let appeal = Dictionary(uniqueKeysWithValues: zip(projects.map(\.id), Self.ideas.map(\.appeal)))
        var ballots: [AnonymousBallot] = []
        var days: [CalendarDate] = []
        for _ in 0..<count {
            var picks: [BudgetProjectID] = []
            for category in edition.categories {
                var pool = onBallot.filter { $0.categoryID == category.id }
                let wanted = 1 + Int(generator.next() % 2)
                for _ in 0..<wanted where !pool.isEmpty {
                    let total = pool.reduce(0.0) { $0 + (appeal[$1.id] ?? 1) }
                    var target = Double(generator.next() % 10_000) / 10_000 * total
                    var chosen = pool.count - 1
                    for (index, project) in pool.enumerated() {
                        target -= appeal[project.id] ?? 1
                        if target <= 0 { chosen = index; break }
                    }
                    picks.append(pool.remove(at: chosen).id)
                }
            }
            let ages: [AgeGroup] = [.under18, .from18, .from18, .from30, .from30, .from30, .from45, .from45, .from60]
            let votedOn = edition.schedule.votingOpen.addingTimeInterval(Double(generator.next() % 400_000))
            ballots.append(
                AnonymousBallot(
                    editionID: edition.id, receipt: BallotReceipt.generate(), content: BallotContent(projects: picks),
                    channel: generator.next() % 10 == 0 ? .paper : .online, ageGroup: ages[Int(generator.next() % UInt64(ages.count))]))
            days.append(CalendarDate.inKyiv(min(votedOn, services.clock.now())))
        }
        let audit = services.audit
        let cast = ballots, today = CalendarDate.inKyiv(services.clock.now())
        // Generated voters have made-up identities; each takes part on the channel and day of some ballot.
        let participations = zip(cast, days).map {
            (identity: IdentityHash(rawValue: "demo-" + RandomToken.base32(byteCount: 16)), channel: $0.channel, day: $1)
        }
        try await services.store.write { tx in
            try await tx.budgets.insertBulk(participations: participations, in: edition.id, ballots: cast, storedOn: today)
            try await audit.record(
                tx, action: AuditAction.budgetParticipated, actor: nil, municipality: city, subject: edition.id.rawValue,
                details: ["generated": String(cast.count)])
        }
    }
}
