import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Demo e-petitions for every city, one in each state a visitor should be
/// able to look at: a draft, one in moderation (and one overdue there), open
/// ones (one a few signatures short of the threshold), one under
/// consideration, one answered, rejected, closed and withdrawn ones, and in
/// Хмільник (whose charter asks for supporters first) one gathering them;
/// and a few answered last year, one of them late, so last year's results
/// report has petitions to count.
///
/// Every petition is walked through the domain's own transitions at dates
/// before the seed, so its timeline, deadlines and counts are the ones the
/// live code would have produced. Signers are generated verified residents
/// of the city; they cannot sign in (one random password hash for all).
struct PetitionDemoSeeder {
    let services: AppServices

    enum Scenario {
        case draft
        case supporters
        /// Submitted this many days ago.
        case moderation(daysAgo: Double)
        /// Opened `daysAgo` days ago with this share of the threshold signed.
        case open(daysAgo: Double, share: Double)
        /// A few short of the threshold.
        case nearThreshold
        case underConsideration
        case answered(Petition.Answer.Decision)
        /// Last year's (`KyivYear.before`): opened on that year's `openedOnDay`,
        /// at the threshold 25 days later, answered `answeredAfterDays` after
        /// that (past the 10 working days: a late answer, as the results
        /// report should be able to show).
        case answeredLastYear(Petition.Answer.Decision, openedOnDay: Double, answeredAfterDays: Double)
        case rejected(RejectionReason)
        case closed
        case withdrawn
    }

    struct Idea {
        let title: String
        let text: String
        let category: String
        let scenario: Scenario
        /// Filed by the demo resident Олена Шевчук (Vinnytsia only) rather than a generated author.
        var byOlena = false
    }

    static let ideas: [String: [Idea]] = [
        "vinnytsia": [
            Idea(title: "Облаштувати велодоріжку на вулиці Келецькій", text: "Просимо виділити окрему велосмугу з бетонним відбійником на вул. Келецькій від проспекту Космонавтів до вул. Пирогова. Щодня тут їздять сотні людей на роботу і до школи, а на проїжджій частині це небезпечно.", category: "Транспорт", scenario: .nearThreshold),
            Idea(title: "Продовжити роботу тролейбусів до 23:30", text: "Просимо продовжити роботу тролейбусних маршрутів № 4, 6 і 9 до 23:30 у будні. Після 22:00 мешканці Вишеньки та Замостя не мають як дістатися додому з центру після другої зміни.", category: "Транспорт", scenario: .open(daysAgo: 20, share: 0.35)),
            Idea(title: "Укриття в кожній школі Староміського району", text: "Просимо провести обстеження і облаштувати укриття, де їх бракує, у всіх школах Староміського району до 1 вересня, з вентиляцією, водою та туалетами, щоб навчання не переривалося під час тривог.", category: "Освіта", scenario: .underConsideration),
            Idea(title: "Зберегти сквер на вулиці Пирогова від забудови", text: "Просимо не погоджувати будівництво на місці скверу біля будинку № 56 на вул. Пирогова, надати скверу статус зеленої зони загального користування та облаштувати там лавки й освітлення.", category: "Довкілля", scenario: .answered(.partlySupported), byOlena: true),
            Idea(title: "Безкоштовний проїзд для донорів крові", text: "Просимо запровадити безкоштовний проїзд у міському електротранспорті протягом місяця для людей, які здали кров у Вінницькому обласному центрі служби крові.", category: "Соціальний захист", scenario: .closed),
            Idea(title: "Заборонити рекламу на фасадах пам'яток архітектури", text: "Просимо заборонити розміщення рекламних вивісок на фасадах будівель, що є пам'ятками архітектури місцевого значення, і демонтувати наявні протягом року.", category: "Містобудування", scenario: .rejected(.outsidePowers)),
            Idea(title: "Громадські туалети в парку Дружби народів", text: "Просимо встановити два модульні громадські туалети з доступом для людей на кріслах колісних у парку Дружби народів, біля дитячого майданчика і біля озера.", category: "Благоустрій", scenario: .moderation(daysAgo: 0.5)),
            Idea(title: "Перейменувати вулицю Малиновського", text: "Просимо перейменувати вулицю Малиновського на вулицю Героїв 59-ї бригади на честь захисників, які боронять Україну, і провести громадське обговорення назви.", category: "Топоніміка", scenario: .moderation(daysAgo: 6)),
            Idea(title: "Освітлення пішохідного переходу біля ліцею № 7", text: "Просимо встановити контрастне освітлення і кнопковий світлофор на пішохідному переході біля ліцею № 7, де взимку о 7:30 ще темно, а діти переходять дорогу.", category: "Безпека", scenario: .draft, byOlena: true),
            Idea(title: "Собачий майданчик на Вишеньці", text: "Просимо облаштувати огороджений майданчик для вигулу собак із тренувальними снарядами та урнами для пакетів на пустирі біля вул. 600-річчя.", category: "Благоустрій", scenario: .withdrawn),
            Idea(title: "Шумозахисні екрани вздовж Хмельницького шосе", text: "Просимо встановити шумозахисні екрани вздовж Хмельницького шосе на ділянці біля житлових будинків від вул. Пирогова до кільця, де вночі вантажівки не дають спати.", category: "Довкілля", scenario: .answeredLastYear(.supported, openedOnDay: 40, answeredAfterDays: 9)),
            Idea(title: "Пандуси до всіх входів ЦНАПу", text: "Просимо облаштувати пандуси з поручнями до всіх входів центру надання адміністративних послуг і кнопку виклику працівника біля кожного з них.", category: "Соціальний захист", scenario: .answeredLastYear(.supported, openedOnDay: 120, answeredAfterDays: 6)),
            Idea(title: "Питні фонтанчики на набережній Рошен", text: "Просимо встановити три питні фонтанчики на набережній Рошен, біля фонтану, дитячого майданчика і велопрокату, з водою, що проходить лабораторний контроль.", category: "Благоустрій", scenario: .answeredLastYear(.partlySupported, openedOnDay: 150, answeredAfterDays: 8)),
            Idea(title: "Заборонити нічний продаж алкоголю в кіосках", text: "Просимо заборонити продаж алкогольних напоїв у кіосках і малих архітектурних формах з 22:00 до 8:00 на території громади.", category: "Безпека", scenario: .answeredLastYear(.notSupported, openedOnDay: 200, answeredAfterDays: 31)),
        ],
        "zhmerynka": [
            Idea(title: "Відремонтувати підземний перехід біля вокзалу", text: "Просимо відремонтувати підземний перехід під коліями біля залізничного вокзалу: замінити освітлення, облаштувати пандуси і прибрати підтоплення після дощів.", category: "Транспорт", scenario: .nearThreshold),
            Idea(title: "Автобус до промзони у нічну зміну", text: "Просимо запустити рейс міського автобуса о 22:15 і о 6:10 до промислової зони, щоб працівники нічних змін могли дістатися на роботу і додому.", category: "Транспорт", scenario: .open(daysAgo: 40, share: 0.4)),
            Idea(title: "Басейн у спорткомплексі для дітей", text: "Просимо відновити роботу басейну в міському спорткомплексі і запровадити безкоштовні заняття з плавання для учнів молодших класів.", category: "Спорт", scenario: .underConsideration),
            Idea(title: "Контейнери для роздільного збору сміття", text: "Просимо встановити контейнери для пластику, скла та паперу біля кожного багатоквартирного будинку і щомісяця оприлюднювати обсяги вивезеного вторсировини.", category: "Довкілля", scenario: .answered(.supported)),
            Idea(title: "Ліхтарі на вулиці Барятинського", text: "Просимо встановити вуличне освітлення на вулиці Барятинського від школи № 2 до зупинки, де ввечері ходять діти.", category: "Безпека", scenario: .closed),
            Idea(title: "Купити новий автомобіль мерові", text: "Просимо виділити кошти з бюджету на новий службовий автомобіль для міського голови, бо нинішній застарів і часто ламається.", category: "Інше", scenario: .rejected(.noClearRequest)),
            Idea(title: "Лавки вздовж алеї на Богдана Хмельницького", text: "Просимо встановити лавки через кожні сто метрів уздовж алеї на вулиці Богдана Хмельницького, щоб літнім людям було де відпочити.", category: "Благоустрій", scenario: .moderation(daysAgo: 1)),
            Idea(title: "Дитячий майданчик на Коцюбинського", text: "Просимо замінити старі металеві гойдалки на безпечний дитячий майданчик з гумовим покриттям у дворі будинків на вулиці Коцюбинського.", category: "Благоустрій", scenario: .withdrawn),
            Idea(title: "Читальна зала бібліотеки у вихідні", text: "Просимо відкрити читальну залу центральної бібліотеки в суботу й неділю з 10:00 до 18:00, щоб студенти і школярі мали де готуватися до іспитів.", category: "Культура", scenario: .answeredLastYear(.supported, openedOnDay: 60, answeredAfterDays: 7)),
            Idea(title: "Ремонт даху школи № 5", text: "Просимо включити до програми капітального ремонту дах школи № 5, який протікає над спортзалом і двома класами, і провести ремонт до початку опалювального сезону.", category: "Освіта", scenario: .answeredLastYear(.partlySupported, openedOnDay: 180, answeredAfterDays: 28)),
        ],
        "khmilnyk": [
            Idea(title: "Термальний бювет у парку для мешканців", text: "Просимо облаштувати безкоштовний бювет радонової води в курортному парку для мешканців громади з графіком роботи і контролем якості води.", category: "Охорона здоров'я", scenario: .nearThreshold),
            Idea(title: "Пішохідний міст через Південний Буг", text: "Просимо відремонтувати пішохідний міст через Південний Буг біля замку Калиновського і встановити на ньому освітлення.", category: "Транспорт", scenario: .open(daysAgo: 10, share: 0.3)),
            Idea(title: "Укриття в міській лікарні", text: "Просимо облаштувати укриття з автономним живленням для пацієнтів і персоналу міської лікарні, щоб операції не переривалися під час тривог.", category: "Охорона здоров'я", scenario: .underConsideration),
            Idea(title: "Безкоштовний Wi-Fi у центрі міста", text: "Просимо встановити безкоштовні точки Wi-Fi на Соборній площі та біля центру надання адміністративних послуг.", category: "Цифровізація", scenario: .answered(.notSupported)),
            Idea(title: "Фестиваль вишиванок щороку", text: "Просимо проводити щорічний фестиваль вишиванок у травні з ярмарком майстрів та концертом місцевих колективів.", category: "Культура", scenario: .closed),
            Idea(title: "Те саме про міст: відремонтувати міст через Буг", text: "Просимо терміново відремонтувати пішохідний міст через Південний Буг, бо він в аварійному стані і людям небезпечно ним ходити.", category: "Транспорт", scenario: .rejected(.duplicate)),
            Idea(title: "Зупинка з навісом біля школи № 4", text: "Просимо встановити зупинку громадського транспорту з навісом і лавкою біля школи № 4, де діти чекають автобус під дощем.", category: "Транспорт", scenario: .supporters),
            Idea(title: "Секція скелелазіння в спортивній школі", text: "Просимо облаштувати скеледром у залі дитячо-юнацької спортивної школи і відкрити безкоштовну секцію скелелазіння.", category: "Спорт", scenario: .moderation(daysAgo: 0.2)),
            Idea(title: "Висадити липову алею на Шевченка", text: "Просимо висадити липову алею вздовж вулиці Шевченка замість аварійних тополь, які зрізали минулого року.", category: "Довкілля", scenario: .withdrawn),
            Idea(title: "Велопарковки біля санаторіїв", text: "Просимо встановити велопарковки біля курортних санаторіїв і в курортному парку, щоб гості та мешканці могли залишати велосипеди безпечно.", category: "Туризм", scenario: .answeredLastYear(.supported, openedOnDay: 90, answeredAfterDays: 9)),
            Idea(title: "Графік вивезення сміття на сайті громади", text: "Просимо публікувати на сайті громади графік вивезення побутових відходів для кожної вулиці і повідомляти про зміни заздалегідь.", category: "Благоустрій", scenario: .answeredLastYear(.supported, openedOnDay: 210, answeredAfterDays: 5)),
        ],
        "ladyzhyn": [
            Idea(title: "Набережна Південного Бугу для прогулянок", text: "Просимо облаштувати прогулянкову набережну вздовж Південного Бугу від греблі до пляжу з освітленням, лавками та велодоріжкою.", category: "Благоустрій", scenario: .nearThreshold),
            Idea(title: "Моніторинг викидів ТЕС у відкритому доступі", text: "Просимо встановити станцію моніторингу якості повітря біля Ладижинської ТЕС і публікувати її дані на сайті міста щогодини.", category: "Довкілля", scenario: .open(daysAgo: 55, share: 0.55)),
            Idea(title: "Рейс автобуса до Вінниці о 6:00", text: "Просимо домовитися з перевізником про ранковий рейс до Вінниці о 6:00, щоб люди встигали на роботу та до лікарень.", category: "Транспорт", scenario: .underConsideration),
            Idea(title: "Зала для настільного тенісу в ліцеї", text: "Просимо обладнати залу для настільного тенісу в ліцеї № 1 і відкрити її для всіх бажаючих увечері та у вихідні.", category: "Спорт", scenario: .answered(.supported)),
            Idea(title: "Муральний фестиваль на фасадах", text: "Просимо провести фестиваль муралів на глухих фасадах багатоповерхівок із залученням місцевих художників і школярів.", category: "Культура", scenario: .closed),
            Idea(title: "Реклама мого магазину на сайті міста", text: "Прошу розмістити банер мого магазину будматеріалів на головній сторінці сайту міської ради, бо це корисно для мешканців.", category: "Інше", scenario: .rejected(.advertising)),
            Idea(title: "Пункт незламності в кожному мікрорайоні", text: "Просимо облаштувати пункти незламності з генератором, водою та зв'язком у кожному мікрорайоні міста і позначити їх на мапі.", category: "Безпека", scenario: .moderation(daysAgo: 3)),
            Idea(title: "Зупинити вирубку лісу біля кладовища", text: "Просимо зупинити вирубку лісосмуги біля міського кладовища та провести громадські слухання щодо її збереження.", category: "Довкілля", scenario: .withdrawn),
            Idea(title: "Безкоштовні курси англійської для дорослих", text: "Просимо організувати при центрі культури безкоштовні вечірні курси англійської мови для дорослих мешканців громади, двічі на тиждень.", category: "Освіта", scenario: .answeredLastYear(.notSupported, openedOnDay: 100, answeredAfterDays: 10)),
            Idea(title: "Світлофор на перехресті біля ринку", text: "Просимо встановити світлофор на перехресті біля міського ринку, де за останній рік сталося кілька аварій за участю пішоходів.", category: "Безпека", scenario: .answeredLastYear(.supported, openedOnDay: 160, answeredAfterDays: 24)),
        ],
    ]

    static let answers: [Petition.Answer.Decision: String] = [
        .supported: "Виконавчий комітет підтримує петицію. Управлінню житлово-комунального господарства доручено підготувати кошторис і включити роботи до плану на наступний рік; про хід виконання буде повідомлено на сайті міської ради.",
        .partlySupported: "Петицію підтримано частково. Земельна ділянка залишається зеленою зоною, містобудівні умови для забудови не видаватимуться; облаштування лавок та освітлення включено до програми благоустрою, але статус скверу потребує рішення сесії міської ради, проєкт якого подано до профільної комісії.",
        .notSupported: "Петицію не підтримано: на наступний рік кошти на ці цілі в бюджеті громади не передбачені, а пріоритетом залишаються укриття та енергонезалежність закладів. Питання буде розглянуто повторно під час підготовки бюджету на наступний рік.",
    ]

    static let rejections: [RejectionReason: String] = [
        .outsidePowers: "Розміщення реклами на пам'ятках регулюється законом і не належить до повноважень міської ради. Звернення передано до обласного управління культури.",
        .noClearRequest: "Петиція не містить суспільно значущої вимоги і стосується витрат, які визначаються бюджетом, а не петицією.",
        .duplicate: "Така сама вимога вже є в петиції про пішохідний міст через Південний Буг, яка збирає підписи. Долучайтеся до неї.",
        .advertising: "Петиція містить рекламу комерційного закладу, що не допускається правилами розміщення петицій.",
    ]

    static let givenNames = ["Олена", "Андрій", "Марія", "Тарас", "Оксана", "Богдан", "Ірина", "Василь", "Наталія", "Юрій", "Світлана",
                             "Михайло", "Катерина", "Дмитро", "Людмила", "Сергій", "Галина", "Олег", "Тетяна", "Петро"]
    static let surnames = ["Коваленко", "Бондаренко", "Ткачук", "Кравченко", "Олійник", "Шевченко", "Мельничук", "Поліщук", "Лисенко",
                           "Гончаренко", "Савчук", "Руденко", "Марченко", "Кушнір", "Мороз", "Павлюк", "Романюк", "Іванченко"]

    /// Signatures each demo city asks for.
    static let thresholds = ["vinnytsia": 350, "zhmerynka": 150, "khmilnyk": 100, "ladyzhyn": 100]

    /// The demo city's petition charter, stored. Хмільник's asks for three
    /// supporters before moderation, so the demo shows that step too; the
    /// others skip it.
    static func adoptCharter(of city: Municipality, services: AppServices) async throws -> Municipality {
        var city = city
        city.settings.petitions.threshold = thresholds[city.slug.rawValue] ?? city.settings.petitions.threshold
        if city.slug.rawValue == "khmilnyk" { city.settings.petitions.supportersBeforeModeration = 3 }
        let settings = city.settings, id = city.id
        try await services.store.write { try await $0.municipalities.updateSettings(settings, of: id) }
        return city
    }

    func seed(into city: Municipality, olena: AccountID?) async throws {
        guard let ideas = Self.ideas[city.slug.rawValue] else { return }
        let existing = try await services.store.read { try await $0.petitions.petitions(in: city.id, states: PetitionState.allCases, limit: 1) }
        guard existing.isEmpty else { return }
        let settings = city.settings.petitionSettings
        let people = try await residents(of: city, count: settings.threshold + 25)
        guard let firstAuthor = people.first else { return }
        let now = services.clock.now()
        let staff = try await services.store.read { tx in
            try await tx.accounts.find(email: EmailAddress(rawValue: "\(city.slug.rawValue).admin@demo.hromada.ua"))
        }?.id ?? firstAuthor.account.id

        var built: [(Petition, signers: [(Resident, Date)])] = []
        for (index, idea) in ideas.enumerated() {
            let author = idea.byOlena ? olena : nil
            let fallback = people[index % min(people.count, 10)]
            built.append(try walk(idea, in: city.id, author: author.map { ($0, "Олена Шевчук") } ?? (fallback.account.id, fallback.account.fullName),
                                  people: people, settings: settings, staff: staff, now: now))
        }
        let audit = services.audit
        // Numbers follow filing order, as they would have been given.
        let ordered = built.sorted { $0.0.createdAt < $1.0.createdAt }
        try await services.store.write { tx in
            for (petition, signers) in ordered {
                try await tx.petitions.insert(petition)
                for (number, (person, at)) in signers.enumerated() {
                    _ = try await tx.petitions.sign(.init(
                        petitionID: petition.id, identityKey: SignerRules.Identity.resident(person.identity).key, accountID: person.account.id,
                        signerName: person.account.fullName, signedAt: at, clientAddress: "10.\(number % 200).\(number / 200).\(7 + number % 31)",
                        emailDomain: "demo.hromada.ua", confirmed: true, notifyOnAnswer: number % 3 == 0))
                }
                try await audit.record(
                    tx, action: AuditAction.petitionFiled, actor: petition.authorID, municipality: city.id, subject: petition.id.rawValue,
                    details: ["state": petition.state.rawValue, "generated": String(signers.count)])
            }
            try await tx.petitions.refreshDisplayedCounts(in: PetitionState.allCases)
        }
    }

    struct Resident {
        let account: Account
        let identity: IdentityHash
    }

    /// The idea taken through the domain's transitions, with who signed and when.
    private func walk(
        _ idea: Idea, in city: MunicipalityID, author: (id: AccountID, name: String), people: [Resident], settings: PetitionSettings, staff: AccountID, now: Date
    ) throws -> (Petition, signers: [(Resident, Date)]) {
        let day: TimeInterval = 86_400
        let threshold = settings.threshold
        let account = Account(
            id: author.id, email: EmailAddress(rawValue: "author@demo.hromada.ua"), fullName: author.name, passwordHash: "",
            emailConfirmedAt: now, isPlatformAdmin: false, createdAt: now)
        /// Filed `daysAgo` days before the seed; sent on two hours later; published a day after that.
        func filed(_ daysAgo: Double) throws -> Petition {
            try Petition.draft(title: idea.title, text: idea.text, category: idea.category, in: city, by: account,
                               at: now.addingTimeInterval(-daysAgo * day))
        }
        /// Sent on two hours after filing; where supporters are asked for, they come within the next hour.
        func submitted(_ draft: Petition, waitingForSupporters: Bool = false) throws -> Petition {
            let sent = try draft.submitted(by: author.id, settings: settings, at: draft.createdAt.addingTimeInterval(7_200))
            guard sent.state == .collectingSupporters, !waitingForSupporters else { return sent }
            return try sent.supported(by: settings.supportersBeforeModeration, settings: settings, at: draft.createdAt.addingTimeInterval(10_800))
        }
        func opened(daysAgo: Double) throws -> Petition {
            try submitted(try filed(daysAgo + 1)).published(settings: settings, at: now.addingTimeInterval(-daysAgo * day))
        }
        /// `count` signers spread evenly from the opening to `until`.
        func signed(_ petition: Petition, count: Int, until end: Date) -> [(Resident, Date)] {
            let start = petition.openedAt ?? petition.createdAt
            let step = end.timeIntervalSince(start) / Double(max(1, count + 1))
            return people.prefix(count).enumerated().map { ($1, start.addingTimeInterval(step * Double($0 + 1))) }
        }
        switch idea.scenario {
        case .draft:
            return (try filed(2), [])
        case .supporters:
            let petition = try submitted(try filed(1), waitingForSupporters: true)
            return (petition, signed(petition, count: max(0, settings.supportersBeforeModeration - 2), until: now))
        case .moderation(let daysAgo):
            return (try submitted(try filed(daysAgo)), [])
        case .open(let daysAgo, let share):
            let petition = try opened(daysAgo: daysAgo)
            return (petition, signed(petition, count: Int(Double(threshold) * share), until: now))
        case .nearThreshold:
            let petition = try opened(daysAgo: 75)
            return (petition, signed(petition, count: threshold - max(3, threshold / 50), until: now))
        case .underConsideration, .answered:
            let open = try opened(daysAgo: 28)
            let reached = now.addingTimeInterval(-4 * day)
            var petition = open.counted(threshold, settings: settings, at: reached)
            var signers = signed(open, count: threshold, until: reached)
            if case .answered(let decision) = idea.scenario {
                // Answered a while ago: opened earlier, and more people signed after the threshold.
                let earlier = try opened(daysAgo: 120)
                let reachedEarlier = now.addingTimeInterval(-70 * day)
                petition = try earlier.counted(threshold, settings: settings, at: reachedEarlier)
                    .answered(Self.answers[decision] ?? "", decision: decision, signedBy: "Міський голова", by: staff,
                              at: now.addingTimeInterval(-61 * day))
                signers = signed(earlier, count: min(people.count, threshold + 12), until: now.addingTimeInterval(-62 * day))
            }
            return (petition, signers)
        case .answeredLastYear(let decision, let openedOnDay, let answeredAfterDays):
            guard let lastYear = KyivYear.before(now) else { return (try filed(2), []) }
            let openedAt = lastYear.after(days: openedOnDay)
            let open = try opened(daysAgo: now.timeIntervalSince(openedAt) / day)
            let reached = openedAt.addingTimeInterval(25 * day)
            let petition = try open.counted(threshold, settings: settings, at: reached)
                .answered(Self.answers[decision] ?? "", decision: decision, signedBy: "Міський голова", by: staff,
                          at: reached.addingTimeInterval(answeredAfterDays * day))
            return (petition, signed(open, count: threshold, until: reached))
        case .rejected(let reason):
            let petition = try submitted(try filed(12)).rejected(reason, text: Self.rejections[reason] ?? "", by: staff,
                                                                   at: now.addingTimeInterval(-11 * day))
            return (petition, [])
        case .closed:
            let open = try opened(daysAgo: Double(settings.collectionDays) + 8)
            let count = threshold / 5
            let signers = signed(open, count: count, until: open.deadline ?? now)
            return (open.expired(signatures: count, at: open.deadline ?? now), signers)
        case .withdrawn:
            return (try submitted(try filed(9)).withdrawn(by: author.id, at: now.addingTimeInterval(-8 * day)), [])
        }
    }

    /// Generated verified residents of the city: named, never able to sign in.
    private func residents(of city: Municipality, count: Int) async throws -> [Resident] {
        var generator = SeededGenerator(seed: UInt64(city.slug.rawValue.utf8.reduce(17) { $0 &* 31 &+ Int($1) }.magnitude))
        let sharedHash = try await services.passwords.hash(RandomToken.base64URL(byteCount: 24))
        let now = services.clock.now(), keys = services.keys
        let people = (0..<count).map { serial -> (Resident, CalendarDate) in
            let born = CalendarDate(year: 1950 + Int(generator.next() % 55), month: 1 + Int(generator.next() % 12), day: 1 + Int(generator.next() % 28))
            let given = Self.givenNames[Int(generator.next() % UInt64(Self.givenNames.count))]
            let surname = Self.surnames[Int(generator.next() % UInt64(Self.surnames.count))]
            let account = Account(
                id: .random(), email: EmailAddress(rawValue: "\(city.slug.rawValue).resident\(serial + 1)@demo.hromada.ua"),
                fullName: "\(given) \(surname)", passwordHash: sharedHash, emailConfirmedAt: now, isPlatformAdmin: false, createdAt: now)
            let identity = keys.identityHash(of: NationalID.make(birthDate: born, serial: 50_000 + serial).digits)
            return (Resident(account: account, identity: identity), born)
        }
        return try await services.store.write { tx in
            var stored: [Resident] = []
            for (person, born) in people {
                guard try await tx.accounts.insert(person.account),
                      try await tx.residency.insert(.init(
                          municipalityID: city.id, accountID: person.account.id, identityHash: person.identity, birthDate: born, method: .demo,
                          verifiedBy: nil, verifiedAt: now))
                else { continue }
                stored.append(person)
            }
            return stored
        }
    }
}
