import Foundation
import HromadaDomain
import HromadaWeb

/// The demo's documents as data: names after what these cities really
/// adopted with PROMIS's help; every figure illustrative.
extension StrategyDemoSeeder {
    static let plans: [Plan] = [vinnytsiaDevelopment, vinnytsiaMarketing, khmilnykTourism, ladyzhynSME]

    static let economy = "Департамент економіки і інвестицій"
    static let transport = "Департамент транспорту та міської мобільності"
    static let energy = "Департамент енергетики"
    static let utilities = "Департамент житлового господарства"
    static let council = "Департамент адміністративних послуг"
    static let property = "Департамент комунального майна"

    static let vinnytsiaDevelopment = Plan(
        city: "vinnytsia", externalID: "vinnytsia-development-2027", kind: .developmentStrategy,
        title: .init(uk: "Стратегія розвитку Вінницької міської територіальної громади на 2021–2027 роки",
                     en: "Development strategy of the Vinnytsia city hromada for 2021–2027"),
        summary: .init(
            uk: "Три стратегічні цілі громади: конкурентоспроможна економіка, комфортне й безпечне місто, відкрита громада. Кожна операційна ціль має завдання з виконавцями і показники з базовим значенням 2020 року та цілями на кожен рік.",
            en: "The hromada's three strategic goals: a competitive economy, a comfortable and safe city, an open community. Each operational objective has tasks with the bodies that carry them out, and indicators with a 2020 baseline and a target for each year."),
        years: 2021...2027,
        decision: .init(number: "2538", date: CalendarDate(year: 2020, month: 12, day: 18), url: "https://www.vmr.gov.ua/"),
        goals: [
            Goal(code: "1", uk: "Конкурентоспроможна економіка", en: "A competitive economy", objectives: [
                Objective(code: "1.1", uk: "Інвестиції та індустріальні парки", en: "Investment and industrial parks", tasks: [
                    Task(code: "1.1.1", uk: "Облаштувати інфраструктуру індустріального парку «Вінницький кластер»", en: "Build the infrastructure of the «Vinnytsia cluster» industrial park",
                         responsible: economy, status: .inProgress, reported: 60, weight: Weight(thousandths: 2_000) ?? .one, planned: 180_000_000, spent: 96_500_000, links: [.investSite]),
                    Task(code: "1.1.2", uk: "Вести інвестиційний паспорт і каталог ділянок", en: "Keep the investment passport and the catalogue of sites",
                         responsible: economy, status: .inProgress, reported: 80, planned: 1_200_000, spent: 850_000, links: [.investSite]),
                    Task(code: "1.1.3", uk: "Супровід інвестора за принципом «єдиного вікна»", en: "One-stop support for investors",
                         responsible: economy, status: .done, planned: 600_000, spent: 560_000),
                ]),
                Objective(code: "1.2", uk: "Підтримка малого і середнього підприємництва", en: "Support for small and medium business", tasks: [
                    Task(code: "1.2.1", uk: "Програма часткової компенсації відсотків за кредитами МСП", en: "Partial compensation of SME loan interest",
                         responsible: economy, status: .inProgress, planned: 24_000_000, spent: 15_300_000),
                    Task(code: "1.2.2", uk: "Бізнес-інкубатор для стартапів", en: "A business incubator for start-ups",
                         responsible: economy, status: .inProgress, reported: 45, planned: 9_000_000, spent: 3_900_000),
                    Task(code: "1.2.3", uk: "Навчання підприємців: цикл тренінгів щороку", en: "Training for entrepreneurs: a course every year",
                         responsible: economy, status: .done, planned: 1_500_000, spent: 1_480_000),
                ]),
                Objective(code: "1.3", uk: "Туризм і бренд міста", en: "Tourism and the city's brand", tasks: [
                    Task(code: "1.3.1", uk: "Туристичний інформаційний центр і маршрути", en: "The tourist information centre and routes",
                         responsible: "Вінницький туристичний офіс", status: .done, planned: 2_800_000, spent: 2_750_000),
                    Task(code: "1.3.2", uk: "Запровадити «Вінницький стандарт гостинності»", en: "Introduce the «Vinnytsia hospitality standard»",
                         responsible: "Вінницький туристичний офіс", status: .inProgress, reported: 30, planned: 700_000, spent: 210_000),
                    Task(code: "1.3.3", uk: "Міжнародний фестиваль на Фонтані Рошен", en: "An international festival at the Roshen fountain",
                         responsible: "Департамент культури", status: .suspended, planned: 5_000_000, spent: 1_100_000),
                ]),
                Objective(code: "1.4", uk: "Цифрові послуги", en: "Digital services", tasks: [
                    Task(code: "1.4.1", uk: "Електронні послуги ЦНАП", en: "The administrative services centre online",
                         responsible: council, status: .done, planned: 3_200_000, spent: 3_050_000),
                    Task(code: "1.4.2", uk: "Відкриті дані міста за постановою КМУ № 835", en: "The city's open data under CMU Resolution 835",
                         responsible: council, status: .inProgress, reported: 70, planned: 400_000, spent: 260_000),
                    Task(code: "1.4.3", uk: "Безкоштовний Wi-Fi у громадському транспорті", en: "Free Wi-Fi on public transport",
                         responsible: transport, status: .done, planned: 2_100_000, spent: 1_940_000),
                ]),
            ]),
            Goal(code: "2", uk: "Комфортне й безпечне місто", en: "A comfortable and safe city", objectives: [
                Objective(code: "2.1", uk: "Громадський транспорт", en: "Public transport", tasks: [
                    Task(code: "2.1.1", uk: "Оновити рухомий склад трамваїв і тролейбусів", en: "Renew the trams and trolleybuses",
                         responsible: transport, status: .inProgress, reported: 55, weight: Weight(thousandths: 2_000) ?? .one, planned: 420_000_000, spent: 231_000_000),
                    Task(code: "2.1.2", uk: "Єдиний електронний квиток", en: "A single electronic ticket",
                         responsible: transport, status: .done, planned: 18_000_000, spent: 17_200_000),
                    Task(code: "2.1.3", uk: "Велосипедна мережа: 40 км смуг", en: "A cycle network: 40 km of lanes",
                         responsible: transport, status: .inProgress, planned: 36_000_000, spent: 19_800_000),
                ]),
                Objective(code: "2.2", uk: "Енергоефективність", en: "Energy efficiency", tasks: [
                    Task(code: "2.2.1", uk: "Термомодернізація шкіл і садочків", en: "Thermal retrofit of schools and kindergartens",
                         responsible: energy, status: .inProgress, planned: 260_000_000, spent: 148_000_000),
                    Task(code: "2.2.2", uk: "Сонячні станції на дахах комунальних будівель", en: "Solar plants on the roofs of municipal buildings",
                         responsible: energy, status: .inProgress, reported: 40, planned: 54_000_000, spent: 20_500_000),
                    Task(code: "2.2.3", uk: "Енергосервісні договори для лікарень", en: "Energy service contracts for hospitals",
                         responsible: energy, status: .planned, planned: 30_000_000),
                ]),
                Objective(code: "2.3", uk: "Поводження з відходами", en: "Waste management", tasks: [
                    Task(code: "2.3.1", uk: "Роздільний збір: контейнерні майданчики в кожному мікрорайоні", en: "Separate collection: container sites in every neighbourhood",
                         responsible: utilities, status: .inProgress, planned: 22_000_000, spent: 12_400_000),
                    Task(code: "2.3.2", uk: "Підземні контейнери з датчиками наповнення", en: "Underground containers with fill sensors",
                         responsible: utilities, status: .inProgress, reported: 25, planned: 15_000_000, spent: 3_600_000),
                    Task(code: "2.3.3", uk: "Сміттєпереробний комплекс", en: "A waste processing plant",
                         responsible: utilities, status: .cancelled, planned: 350_000_000),
                ]),
                Objective(code: "2.4", uk: "Публічні простори", en: "Public spaces", tasks: [
                    Task(code: "2.4.1", uk: "Оновити парки й сквери за проєктами мешканців", en: "Renew parks and squares after residents' projects",
                         responsible: utilities, status: .inProgress, planned: 48_000_000, spent: 31_000_000, links: [.budgetProject, .budgetProject]),
                    Task(code: "2.4.2", uk: "Доступність: пандуси, тактильна плитка, звукові світлофори", en: "Accessibility: ramps, tactile paving, sound signals",
                         responsible: transport, status: .inProgress, reported: 65, planned: 12_000_000, spent: 7_400_000, links: [.budgetProject]),
                    Task(code: "2.4.3", uk: "Освітлення вулиць LED-світильниками", en: "LED street lighting",
                         responsible: energy, status: .done, planned: 40_000_000, spent: 38_700_000),
                ]),
            ]),
            Goal(code: "3", uk: "Відкрита громада", en: "An open community", objectives: [
                Objective(code: "3.1", uk: "Участь мешканців у рішеннях", en: "Residents take part in decisions", tasks: [
                    Task(code: "3.1.1", uk: "Громадський бюджет щороку", en: "A participatory budget every year",
                         responsible: council, status: .inProgress, weight: Weight(thousandths: 2_000) ?? .one, planned: 50_000_000, spent: 36_000_000, links: [.budgetProject]),
                    Task(code: "3.1.2", uk: "Електронні петиції з розглядом у строк", en: "E-petitions answered on time",
                         responsible: council, status: .inProgress, links: [.petition]),
                    Task(code: "3.1.3", uk: "Молодіжна рада і шкільний бюджет участі", en: "A youth council and a school participatory budget",
                         responsible: "Департамент освіти", status: .planned, weight: Weight(thousandths: 500) ?? .one, planned: 2_000_000),
                ]),
                Objective(code: "3.2", uk: "Прозоре управління комунальним майном", en: "Municipal property managed openly", tasks: [
                    Task(code: "3.2.1", uk: "Продаж і оренда майна лише через електронні аукціони", en: "Sale and lease of property only by e-auction",
                         responsible: property, status: .inProgress, reported: 85, links: [.auctionLot]),
                    Task(code: "3.2.2", uk: "Відкритий реєстр комунального майна", en: "An open register of municipal property",
                         responsible: property, status: .done, planned: 800_000, spent: 790_000),
                    Task(code: "3.2.3", uk: "Приватизація малих об'єктів комунальної власності", en: "Privatisation of small municipal property",
                         responsible: property, status: .inProgress, reported: 50, links: [.auctionLot]),
                ]),
            ]),
        ],
        measures: [
            Measure(id: "I01", node: "1.1.1", uk: "Резиденти індустріального парку", en: "Residents of the industrial park", unitUK: "компаній", unitEN: "companies",
                    baseline: 0, target: 14, pace: 0.9),
            Measure(id: "I02", node: "1.1.1", uk: "Робочі місця в індустріальному парку", en: "Jobs in the industrial park", unitUK: "осіб", unitEN: "people",
                    baseline: 0, target: 2_500, pace: 0.82),
            Measure(id: "I03", node: "1.1.2", uk: "Прямі іноземні інвестиції в громаду", en: "Foreign direct investment in the hromada", unitUK: "млн дол. США", unitEN: "USD m",
                    baseline: 212.4, target: 320, pace: 0.7, decimals: 1, source: "Держстат, Головне управління статистики у Вінницькій області"),
            Measure(id: "I04", node: "1.1.3", uk: "Звернення інвесторів з першою відповіддю вчасно", en: "Investors' enquiries answered on time", unitUK: "%", unitEN: "%",
                    baseline: 70, target: 100, pace: 1, computed: "invest.enquiries_on_time"),
            Measure(id: "I05", node: "1.2.1", uk: "Кредити МСП з компенсацією відсотків", en: "SME loans with interest compensated", unitUK: "кредитів", unitEN: "loans",
                    baseline: 35, target: 160, pace: 1.02),
            Measure(id: "I06", node: "1.2.2", uk: "Стартапи, що пройшли інкубацію", en: "Start-ups incubated", unitUK: "стартапів", unitEN: "start-ups",
                    baseline: 0, target: 60, pace: 0.85),
            Measure(id: "I07", node: "1.2.3", uk: "Підприємці, що пройшли навчання", en: "Entrepreneurs trained", unitUK: "осіб", unitEN: "people",
                    baseline: 120, target: 900, pace: 1.05),
            Measure(id: "I08", node: "1.3.1", uk: "Туристи, що відвідали місто", en: "Tourists visiting the city", unitUK: "тис. осіб", unitEN: "thousand people",
                    baseline: 410, target: 900, pace: 0.78, decimals: 1, source: "Вінницький туристичний офіс"),
            Measure(id: "I09", node: "1.3.2", uk: "Заклади, сертифіковані за стандартом гостинності", en: "Places certified to the hospitality standard", unitUK: "закладів", unitEN: "places",
                    baseline: 0, target: 120, pace: 0.6),
            Measure(id: "I10", node: "1.4.1", uk: "Частка послуг ЦНАП, отриманих онлайн", en: "Share of administrative services used online", unitUK: "%", unitEN: "%",
                    baseline: 18, target: 65, pace: 1.04, decimals: 1),
            Measure(id: "I11", node: "1.4.2", uk: "Опубліковані набори відкритих даних", en: "Open datasets published", unitUK: "наборів", unitEN: "datasets",
                    baseline: 42, target: 180, pace: 0.97),
            Measure(id: "I12", node: "2.1.1", uk: "Частка низькопідлогового рухомого складу", en: "Share of low-floor vehicles", unitUK: "%", unitEN: "%",
                    baseline: 38, target: 85, pace: 0.93, decimals: 1, source: "КП «Вінницька транспортна компанія»"),
            Measure(id: "I13", node: "2.1.2", uk: "Поїздки за електронним квитком", en: "Trips paid with the e-ticket", unitUK: "%", unitEN: "%",
                    baseline: 12, target: 90, pace: 1.03, decimals: 1, source: "КП «Вінницька транспортна компанія»"),
            Measure(id: "I14", node: "2.1.3", uk: "Довжина велосмуг", en: "Length of cycle lanes", unitUK: "км", unitEN: "km",
                    baseline: 14, target: 54, pace: 0.88, decimals: 1),
            Measure(id: "I15", node: "2.2.1", uk: "Споживання тепла бюджетними закладами", en: "Heat used by municipal buildings", unitUK: "тис. Гкал", unitEN: "thousand Gcal",
                    direction: .lower, baseline: 96, target: 62, pace: 0.96, decimals: 1, source: "Департамент енергетики"),
            Measure(id: "I16", node: "2.2.2", uk: "Потужність сонячних станцій на комунальних дахах", en: "Solar capacity on municipal roofs", unitUK: "кВт", unitEN: "kW",
                    baseline: 150, target: 4_000, pace: 0.74, source: "Департамент енергетики"),
            Measure(id: "I17", node: "2.3.1", uk: "Частка відходів, зібраних роздільно", en: "Share of waste collected separately", unitUK: "%", unitEN: "%",
                    baseline: 6, target: 30, pace: 0.8, decimals: 1, source: "Департамент житлового господарства"),
            Measure(id: "I18", node: "2.3.2", uk: "Відходи, захоронені на полігоні", en: "Waste sent to landfill", unitUK: "тис. т", unitEN: "thousand t",
                    direction: .lower, baseline: 128, target: 90, pace: 0.55, decimals: 1, source: "Департамент житлового господарства"),
            Measure(id: "I19", node: "2.4.1", uk: "Оновлені парки й сквери", en: "Parks and squares renewed", unitUK: "об'єктів", unitEN: "places",
                    baseline: 0, target: 35, pace: 1.0),
            Measure(id: "I20", node: "2.4.2", uk: "Перехрестя, облаштовані для людей з інвалідністю", en: "Crossings made accessible", unitUK: "перехресть", unitEN: "crossings",
                    baseline: 40, target: 260, pace: 0.99),
            Measure(id: "I21", node: "3.1.1", uk: "Учасники голосування бюджету участі", en: "People voting in the participatory budget", unitUK: "бюлетенів", unitEN: "ballots",
                    baseline: 20_000, target: 40_000, pace: 1, computed: "budgets.ballots"),
            Measure(id: "I22", node: "3.1.1", uk: "Реалізовані проєкти бюджету участі", en: "Participatory budget projects delivered", unitUK: "проєктів", unitEN: "projects",
                    baseline: 10, target: 30, pace: 1, computed: "budgets.projects_delivered"),
            Measure(id: "I23", node: "3.1.2", uk: "Петиції з відповіддю в строк", en: "Petitions answered on time", unitUK: "%", unitEN: "%",
                    baseline: 60, target: 100, pace: 1, computed: "petitions.answered_on_time"),
            Measure(id: "I24", node: "3.2.1", uk: "Надходження від продажу майна на аукціонах", en: "Proceeds from property sold at auction", unitUK: "грн", unitEN: "UAH",
                    baseline: 5_000_000, target: 40_000_000, pace: 1, computed: "auctions.proceeds"),
            Measure(id: "I25", node: "3.2.2", uk: "Об'єкти реєстру з відкритими даними", en: "Register objects with open data", unitUK: "%", unitEN: "%",
                    baseline: 0, target: 100, pace: 1.0, decimals: 1, source: property),
        ],
        entries: [
            ("1.1.1", CalendarDate(year: 2022, month: 6, day: 14), "Підведено електромережу 10 кВ до першої черги парку.", "A 10 kV power line reached the park's first stage."),
            ("1.1.1", CalendarDate(year: 2024, month: 3, day: 5), "Третій резидент почав будівництво цеху.", "The third resident started building its plant."),
            ("2.1.1", CalendarDate(year: 2025, month: 9, day: 1), "На маршрути вийшли 10 нових трамваїв.", "Ten new trams started service."),
            ("2.3.3", CalendarDate(year: 2023, month: 11, day: 20), "Проєкт скасовано: обрано регіональний комплекс замість міського.", "Cancelled: a regional plant was chosen instead of the city's own."),
            ("3.1.1", CalendarDate(year: 2026, month: 5, day: 30), "Підбито підсумки голосування бюджету участі.", "The participatory budget vote was counted."),
        ])

    static let vinnytsiaMarketing = Plan(
        city: "vinnytsia", externalID: "vinnytsia-marketing-2026", kind: .marketingStrategy,
        title: .init(uk: "Маркетингова стратегія міста Вінниці на 2022–2026 роки", en: "Marketing strategy of Vinnytsia for 2022–2026"),
        summary: .init(uk: "Бренд «Вінниця — місто ідей»: для мешканців, гостей та інвесторів.", en: "The brand «Vinnytsia — a city of ideas»: for residents, visitors and investors."),
        years: 2022...2026, decision: .init(number: "869", date: CalendarDate(year: 2022, month: 2, day: 25), url: ""),
        goals: [
            Goal(code: "1", uk: "Впізнаваний бренд міста", en: "A recognised city brand", objectives: [
                Objective(code: "1.1", uk: "Айдентика і бренд-бук", en: "Identity and brand book", tasks: [
                    Task(code: "1.1.1", uk: "Бренд-бук і шаблони для всіх департаментів", en: "A brand book and templates for every department", responsible: "Відділ маркетингу міста", status: .done),
                    Task(code: "1.1.2", uk: "Брендовані сувеніри та навігація", en: "Branded souvenirs and signage", responsible: "Відділ маркетингу міста", status: .inProgress, reported: 50),
                ]),
                Objective(code: "1.2", uk: "Комунікація з гостями міста", en: "Talking to the city's visitors", tasks: [
                    Task(code: "1.2.1", uk: "Туристичний сайт англійською та польською", en: "A tourist site in English and Polish", responsible: "Вінницький туристичний офіс", status: .done),
                    Task(code: "1.2.2", uk: "Участь у міжнародних туристичних виставках", en: "Presence at international tourism fairs", responsible: "Вінницький туристичний офіс", status: .suspended),
                ]),
            ]),
            Goal(code: "2", uk: "Місто для інвестора", en: "A city for investors", objectives: [
                Objective(code: "2.1", uk: "Інвестиційний маркетинг", en: "Investment marketing", tasks: [
                    Task(code: "2.1.1", uk: "Презентації громади для іноземних інвесторів", en: "Presentations of the hromada to foreign investors", responsible: economy, status: .inProgress, reported: 60),
                    Task(code: "2.1.2", uk: "Англомовний інвестиційний портал", en: "An investment portal in English", responsible: economy, status: .done),
                ]),
                Objective(code: "2.2", uk: "Історії успіху", en: "Success stories", tasks: [
                    Task(code: "2.2.1", uk: "Щорічний звіт «Інвестори Вінниці»", en: "A yearly report «Vinnytsia's investors»", responsible: economy, status: .inProgress),
                    Task(code: "2.2.2", uk: "Відеоісторії резидентів парку", en: "Video stories of the park's residents", responsible: economy, status: .planned),
                ]),
            ]),
        ],
        measures: [
            Measure(id: "M1", node: "1.1.1", uk: "Впізнаваність бренду серед мешканців", en: "Residents who recognise the brand", unitUK: "%", unitEN: "%",
                    baseline: 22, target: 70, pace: 0.95, decimals: 1, source: "Опитування відділу маркетингу"),
            Measure(id: "M2", node: "1.2.1", uk: "Відвідувачі туристичного сайту", en: "Visitors to the tourist site", unitUK: "тис.", unitEN: "thousand",
                    baseline: 35, target: 250, pace: 1.1, decimals: 1, source: "Вінницький туристичний офіс"),
            Measure(id: "M3", node: "2.1.1", uk: "Презентації для інвесторів", en: "Presentations to investors", unitUK: "подій", unitEN: "events",
                    baseline: 2, target: 20, pace: 0.8),
            Measure(id: "M4", node: "2.1.2", uk: "Відвідувачі інвестиційного порталу з-за кордону", en: "Visitors to the investment portal from abroad", unitUK: "тис.", unitEN: "thousand",
                    baseline: 1.5, target: 12, pace: 0.9, decimals: 1),
        ],
        entries: [("1.1.1", CalendarDate(year: 2022, month: 9, day: 10), "Представлено бренд-бук «Вінниця — місто ідей».", "The «Vinnytsia — a city of ideas» brand book was presented.")])

    static let khmilnykTourism = Plan(
        city: "khmilnyk", externalID: "khmilnyk-tourism-2027", kind: .tourismStrategy,
        title: .init(uk: "Стратегія розвитку туризму Хмільницької громади до 2027 року", en: "Tourism strategy of the Khmilnyk hromada to 2027"),
        summary: .init(uk: "Курорт радонових вод і зелений туризм на Південному Бузі.", en: "A radon spa resort and green tourism on the Southern Bug."),
        years: 2022...2027, decision: .init(number: "1134", date: CalendarDate(year: 2021, month: 12, day: 17), url: ""),
        goals: [
            Goal(code: "1", uk: "Курорт цілий рік", en: "A resort all year round", objectives: [
                Objective(code: "1.1", uk: "Курортна інфраструктура", en: "Resort infrastructure", tasks: [
                    Task(code: "1.1.1", uk: "Оновити бювет і променад курортної зони", en: "Renew the pump room and the resort promenade", responsible: "Управління розвитку курорту", status: .inProgress, reported: 40,
                         planned: 28_000_000, spent: 11_000_000),
                    Task(code: "1.1.2", uk: "Велодоріжка від центру до курорту", en: "A cycle path from the centre to the resort", responsible: "Управління розвитку курорту", status: .done, planned: 9_500_000, spent: 9_300_000),
                ]),
                Objective(code: "1.2", uk: "Просування курорту", en: "Promoting the resort", tasks: [
                    Task(code: "1.2.1", uk: "Туристичний інформаційний центр", en: "A tourist information centre", responsible: "Відділ туризму", status: .done),
                    Task(code: "1.2.2", uk: "Маршрути «Хмільник радоновий»", en: "The «Radon Khmilnyk» routes", responsible: "Відділ туризму", status: .inProgress),
                ]),
            ]),
            Goal(code: "2", uk: "Зелений туризм", en: "Green tourism", objectives: [
                Objective(code: "2.1", uk: "Садиби й ремесла", en: "Rural homesteads and crafts", tasks: [
                    Task(code: "2.1.1", uk: "Мікрогранти для садиб зеленого туризму", en: "Micro-grants for rural homesteads", responsible: "Відділ економіки", status: .inProgress, planned: 2_000_000, spent: 900_000),
                    Task(code: "2.1.2", uk: "Фестиваль ремесел на Бузі", en: "A crafts festival on the Bug", responsible: "Відділ культури", status: .planned),
                ]),
            ]),
        ],
        measures: [
            Measure(id: "T1", node: "1.1.1", uk: "Відпочивальники в санаторіях", en: "Guests at the sanatoriums", unitUK: "тис. осіб", unitEN: "thousand people",
                    baseline: 38, target: 70, pace: 0.86, decimals: 1, source: "Управління розвитку курорту"),
            Measure(id: "T2", node: "1.2.2", uk: "Надходження туристичного збору", en: "Tourist tax received", unitUK: "тис. грн", unitEN: "UAH thousand",
                    baseline: 420, target: 1_200, pace: 1.05, source: "Фінансове управління"),
            Measure(id: "T3", node: "2.1.1", uk: "Садиби зеленого туризму", en: "Rural homesteads", unitUK: "садиб", unitEN: "homesteads",
                    baseline: 6, target: 30, pace: 0.65, source: "Відділ економіки"),
        ],
        entries: [("1.1.2", CalendarDate(year: 2024, month: 6, day: 1), "Відкрито велодоріжку до курортної зони.", "The cycle path to the resort opened.")])

    static let ladyzhynSME = Plan(
        city: "ladyzhyn", externalID: "ladyzhyn-sme-2026", kind: .smeProgramme,
        title: .init(uk: "Програма розвитку малого і середнього підприємництва Ладижинської громади на 2024–2026 роки",
                     en: "Small and medium business development programme of the Ladyzhyn hromada for 2024–2026"),
        summary: .init(uk: "Клуб підприємців, кооперація і гранти на обладнання.", en: "An entrepreneurs' club, cooperatives and equipment grants."),
        years: 2024...2026, decision: .init(number: "57", date: CalendarDate(year: 2023, month: 12, day: 22), url: ""),
        goals: [
            Goal(code: "1", uk: "Більше власної справи в громаді", en: "More businesses of the hromada's own", objectives: [
                Objective(code: "1.1", uk: "Фінансова підтримка", en: "Financial support", tasks: [
                    Task(code: "1.1.1", uk: "Гранти на обладнання для ФОП", en: "Equipment grants for sole traders", responsible: "Відділ економічного розвитку", status: .inProgress,
                         planned: 3_000_000, spent: 1_750_000),
                    Task(code: "1.1.2", uk: "Підтримка кооперативу «Голден-Флора»", en: "Support for the «Golden-Flora» cooperative", responsible: "Відділ економічного розвитку", status: .done,
                         planned: 800_000, spent: 800_000),
                ]),
                Objective(code: "1.2", uk: "Знання і спільнота", en: "Knowledge and community", tasks: [
                    Task(code: "1.2.1", uk: "Клуб підприємців: зустрічі щомісяця", en: "The entrepreneurs' club: monthly meetings", responsible: "Відділ економічного розвитку", status: .inProgress, reported: 75),
                    Task(code: "1.2.2", uk: "Тренінги з цифрового маркетингу", en: "Training in digital marketing", responsible: "Відділ економічного розвитку", status: .planned),
                ]),
            ]),
        ],
        measures: [
            Measure(id: "S1", node: "1.1.1", uk: "ФОП, що отримали грант", en: "Sole traders granted", unitUK: "ФОП", unitEN: "traders",
                    baseline: 0, target: 45, pace: 0.9, source: "Відділ економічного розвитку"),
            Measure(id: "S2", node: "1.2.1", uk: "Учасники клубу підприємців", en: "Members of the entrepreneurs' club", unitUK: "осіб", unitEN: "people",
                    baseline: 18, target: 80, pace: 1.1, source: "Відділ економічного розвитку"),
            Measure(id: "S3", node: "1.1.1", uk: "Зареєстровані ФОП у громаді", en: "Sole traders registered in the hromada", unitUK: "ФОП", unitEN: "traders",
                    baseline: 1_240, target: 1_400, pace: 0.8, source: "ДПС у Вінницькій області"),
        ],
        entries: [("1.1.2", CalendarDate(year: 2024, month: 10, day: 3), "Кооператив отримав холодильне обладнання.", "The cooperative received its refrigeration equipment.")])
}
