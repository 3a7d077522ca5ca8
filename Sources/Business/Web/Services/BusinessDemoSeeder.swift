import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The demo's business support: in Вінниця calls in every phase (one
/// decided with its list, agreements, payouts and a report; one in review
/// with a conflict declared; one open with applications in every state;
/// one announced; a draft), a call in each other city, the directory
/// (Ладижин's entrepreneurs' club, the «Голден-Флора» cooperative and the
/// greenhouse farm in Дорожнє; the «Кульбабка» café; the Жмеринка
/// industrial cluster with its members) and trainings, one full with a
/// waiting list and one past with attendance and feedback. Applicants are
/// generated verified residents who cannot sign in; Олена has a draft of
/// her own. Written through the repositories with instants in the past,
/// each step by the domain's own methods.
struct BusinessDemoSeeder {
    let services: AppServices
    let day: TimeInterval = 86_400

    static let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% Демонстраційний документ / demo document\n%%EOF\n".utf8)

    func seed(_ demo: DemoWorld) async throws {
        let existing = try await services.store.read { tx in try await tx.db.raw("SELECT COUNT(*) AS n FROM business_calls").first()?.decode(column: "n", as: Int.self) ?? 0 }
        guard existing == 0 else { return }
        for city in demo.cities {
            let people = try await entrepreneurs(of: city, count: 8)
            guard people.count == 8 else { continue }
            switch city.slug.rawValue {
            case "vinnytsia": try await seedVinnytsia(city, people: people, olena: demo.resident)
            case "ladyzhyn": try await seedLadyzhyn(city, people: people)
            case "zhmerynka": try await seedZhmerynka(city, people: people)
            case "khmilnyk": try await seedKhmilnyk(city, people: people)
            default: continue
            }
        }
    }

    // MARK: Cities

    private func seedVinnytsia(_ city: Municipality, people: [AccountID], olena: AccountID?) async throws {
        let now = services.clock.now()
        let staff = try await staffMembers(of: city)
        // Decided: last spring's micro-grants, with its list, agreements, payouts and a report.
        let decided = call(
            "vinnytsia-microgrants-2026", city, uk: "Мікрогранти для малого бізнесу 2026", en: "Micro-grants for small business 2026",
            instrument: .grant, fund: 450_000, maximum: 150_000, opened: now - 260 * day, closes: now - 230 * day,
            criteria: [("jobs", "Нові робочі місця", "New jobs", 40), ("plan", "Якість бізнес-плану", "The business plan", 35), ("local", "Користь для громади", "Benefit to the hromada", 25)])
        let decidedApplicants: [Applicant] = [
            .init("ТОВ «Кульбабка»", kind: .socialEnterprise, code: "32855961", activity: "56.10", project: "Інклюзивна кав'ярня на Замостя", asks: 150_000, points: [9, 9, 8]),
            .init("ФОП Ковальчук Ігор Петрович", kind: .soleProprietor, code: "3012456780", activity: "95.23", project: "Майстерня ремонту взуття", asks: 80_000, points: [7, 8, 8]),
            .init("ТОВ «Поділля Агро Сервіс»", kind: .company, code: "40312347", activity: "01.61", project: "Сервіс для фермерів", asks: 150_000, points: [8, 7, 7]),
            .init("ФОП Мельник Оксана Іванівна", kind: .soleProprietor, code: "2987654320", activity: "47.71", project: "Крамниця українського одягу", asks: 150_000, points: [6, 7, 6]),
            .init("ТОВ «Вінтех»", kind: .company, code: "37421589", activity: "62.01", project: "Навчальний ІТ-клас", asks: 150_000, points: [5, 4, 4]),
            .init("ФОП Бондар Василь", kind: .soleProprietor, code: "3123456789", activity: "56.10", project: "Кав'ярня", asks: 60_000, points: nil),
            .init("ТОВ «Смарт Ритейл»", kind: .company, code: "44123453", activity: "47.91", project: "Інтернет-крамниця", asks: 120_000, points: nil),
        ]
        try await cycle(decided, city: city, applicants: decidedApplicants, people: people, staff: staff, finish: .decided)

        // In review: the committee is scoring, one member declared a conflict.
        let review = call(
            "vinnytsia-equipment-2026", city, uk: "Компенсація вартості обладнання 2026", en: "Equipment cost compensation 2026",
            instrument: .equipmentCompensation, fund: 900_000, maximum: 200_000, opened: now - 40 * day, closes: now - 5 * day,
            criteria: [("jobs", "Нові робочі місця", "New jobs", 50), ("plan", "Окупність обладнання", "Payback of the equipment", 50)])
        try await cycle(review, city: city, applicants: [
            .init("ТОВ «Вінницький хліб»", kind: .company, code: "40312347", activity: "10.71", project: "Піч для пекарні", asks: 200_000, points: [8, 9]),
            .init("ФОП Ткаченко Марія", kind: .soleProprietor, code: "3012456780", activity: "13.92", project: "Швейне обладнання", asks: 90_000, points: nil),
            .init("ТОВ «Кульбабка»", kind: .socialEnterprise, code: "32855961", activity: "56.10", project: "Кавомашина", asks: 60_000, points: nil),
        ], people: people, staff: staff, finish: .review)

        // Open: applications in every state a person can see while it runs.
        let open = call(
            "vinnytsia-veterans-2027", city, uk: "Гранти для ветеранського бізнесу 2027", en: "Grants for veterans' businesses 2027",
            instrument: .grant, fund: 1_000_000, maximum: 250_000, opened: now - 10 * day, closes: now + 20 * day,
            criteria: [("jobs", "Нові робочі місця", "New jobs", 40), ("plan", "Якість бізнес-плану", "The business plan", 40), ("vets", "Робота для ветеранів", "Work for veterans", 20)])
        try await cycle(open, city: city, applicants: [
            .init("ФОП Савчук Андрій", kind: .soleProprietor, code: "3012456780", activity: "45.20", project: "СТО з ветеранською командою", asks: 250_000, points: nil),
            .init("ТОВ «Броня Поділля»", kind: .company, code: "37421589", activity: "25.62", project: "Механічна майстерня", asks: 240_000, points: nil),
            .init("ФОП Поліщук Ірина", kind: .soleProprietor, code: "3344556671", activity: "10.71", project: "Пекарня, де працюють ветерани", asks: 180_000, points: nil),
        ], people: people, staff: staff, finish: .open)
        if let olena { try await draft(of: olena, to: open, city: city, name: "ФОП Шевчук Олена Петрівна") }

        try await save(call(
            "vinnytsia-incubator-2027", city, uk: "Місця в бізнес-інкубаторі «Вінниця — місто ідей»", en: "Places in the business incubator",
            instrument: .incubator, fund: 300_000, maximum: 30_000, opened: now + 14 * day, closes: now + 44 * day,
            criteria: [("idea", "Новизна ідеї", "Novelty of the idea", 60), ("team", "Команда", "The team", 40)]), published: true)
        try await save(call(
            "vinnytsia-loans-2027", city, uk: "Компенсація відсотків за кредитами 2027", en: "Loan interest compensation 2027",
            instrument: .loanInterestCompensation, fund: 500_000, maximum: 50_000, opened: now + 60 * day, closes: now + 120 * day,
            criteria: [("jobs", "Нові робочі місця", "New jobs", 100)]), published: false)

        try await organisation(city, "kulbabka", .socialEnterprise, "Кульбабка", en: "Kulbabka café",
                               uk: "Кав'ярня, де працюють люди з інвалідністю: кава, випічка і навчання бариста.",
                               enText: "A café where people with disabilities work: coffee, pastries and barista training.",
                               mission: "Робота й навчання для людей з інвалідністю; частина прибутку — на інклюзивні програми міста.",
                               at: (49.2331, 28.4682), members: [(people[0], "Кульбабка")],
                               posts: [(.impact, "Рік роботи: 9 робочих місць", "За рік кав'ярня працевлаштувала 9 людей з інвалідністю, 14 пройшли курс бариста."),
                                       (.news, "Відкрили літню терасу", "Чекаємо на Замості щодня з 8:00.")])
        try await organisation(city, "vinnytsia-entrepreneurs", .association, "Асоціація підприємців Вінниччини", en: "Vinnytsia Region Entrepreneurs' Association",
                               uk: "Об'єднує малий і середній бізнес області: навчання, юридичні консультації, діалог з міською радою.",
                               enText: "Brings together the region's small and medium business: training, legal advice, dialogue with the city council.",
                               at: (49.2328, 28.4810), members: [(people[1], "ФОП Ковальчук І. П."), (people[2], "ТОВ «Поділля Агро Сервіс»")],
                               posts: [(.news, "Круглий стіл про оренду комунального майна", "Обговорили з міською радою умови аукціонів оренди.")])

        try await events(city, people: people, [
            ("vinnytsia-pitch", "Пітчинг для ветеранського бізнесу", "Pitching for veterans' businesses", 6, 30, false),
            ("vinnytsia-tax", "Податки для ФОП у 2027 році", "Taxes for sole proprietors in 2027", 3, 6, false),
            ("vinnytsia-grants", "Як подати заявку на міський грант", "How to apply for a city grant", -20, 25, true),
        ])
    }

    private func seedLadyzhyn(_ city: Municipality, people: [AccountID]) async throws {
        let now = services.clock.now()
        let staff = try await staffMembers(of: city)
        let open = call(
            "ladyzhyn-agro-2027", city, uk: "Підтримка сільськогосподарських кооперативів 2027", en: "Support for farming cooperatives 2027",
            instrument: .equipmentCompensation, fund: 400_000, maximum: 100_000, opened: now - 5 * day, closes: now + 25 * day,
            criteria: [("jobs", "Нові робочі місця", "New jobs", 50), ("members", "Кількість членів кооперативу", "Members of the cooperative", 50)],
            kinds: [.cooperative, .socialEnterprise, .soleProprietor])
        try await cycle(open, city: city, applicants: [
            .init("СОК «Голден-Флора»", kind: .cooperative, code: "40312347", activity: "01.13", project: "Холодильна камера для зелені", asks: 100_000, points: nil),
        ], people: people, staff: staff, finish: .open)
        try await organisation(city, "ladyzhyn-club", .club, "Клуб підприємців Ладижина", en: "Ladyzhyn Entrepreneurs' Club",
                               uk: "Щомісячні зустрічі підприємців громади, наставництво для початківців, спільні закупівлі.",
                               enText: "Monthly meetings of the hromada's entrepreneurs, mentoring for beginners, joint purchasing.",
                               at: (48.6847, 29.2366), members: [(people[0], "ФОП Лисенко Т. В."), (people[1], "ТОВ «Ладижин-Транс»"), (people[2], "СОК «Голден-Флора»")],
                               pending: [(people[3], "ФОП Гончар Н. С.")],
                               posts: [(.news, "Зустріч клубу в грудні", "Говоримо про енергонезалежність малого бізнесу.")])
        try await organisation(city, "golden-flora", .cooperative, "Сільськогосподарський обслуговуючий кооператив «Голден-Флора»", en: "Golden-Flora farming cooperative",
                               uk: "Кооператив дрібних виробників зелені й квітів: спільне зберігання, пакування і збут.",
                               enText: "A cooperative of small growers of greens and flowers: shared storage, packing and sales.",
                               mission: "Стабільний дохід для родинних господарств громади.", code: "40312347",
                               at: (48.6700, 29.2200), members: [(people[2], "СОК «Голден-Флора»")], posts: [])
        try await organisation(city, "dorozhnie-greenhouse", .socialEnterprise, "Тепличне господарство в Дорожньому", en: "The greenhouse farm in Dorozhnie",
                               uk: "Соціальне підприємство: тепличні овочі, робота для внутрішньо переміщених осіб і людей старшого віку.",
                               enText: "A social enterprise: greenhouse vegetables, and work for internally displaced and older people.",
                               mission: "Робочі місця для ВПО та людей передпенсійного віку в селі Дорожнє.",
                               at: (48.7020, 29.1800), members: [(people[4], "Тепличне господарство «Дорожнє»")],
                               posts: [(.impact, "Перший сезон", "12 робочих місць, 18 тонн овочів, з них 2 тонни — соціальним закладам громади.")])
        try await events(city, people: people, [("ladyzhyn-club-meeting", "Зустріч клубу підприємців", "The entrepreneurs' club meeting", 9, 40, false)])
    }

    private func seedZhmerynka(_ city: Municipality, people: [AccountID]) async throws {
        let now = services.clock.now()
        try await save(call(
            "zhmerynka-consulting-2027", city, uk: "Безоплатні консультації для МСП 2027", en: "Free consulting for SMEs 2027",
            instrument: .consulting, fund: 200_000, maximum: 20_000, opened: now + 7 * day, closes: now + 37 * day,
            criteria: [("need", "Обґрунтованість потреби", "The need", 100)]), published: true)
        try await organisation(city, "zhmerynka-cluster", .cluster, "Жмеринський промисловий кластер", en: "Zhmerynka Industrial Cluster",
                               uk: "Виробники, ремонтні підприємства залізниці й навчальні заклади: спільні замовлення, підготовка кадрів.",
                               enText: "Manufacturers, railway repair firms and colleges: joint orders and training of staff.",
                               at: (49.0377, 28.1120),
                               members: [(people[0], "ТОВ «Жмеринський машзавод»"), (people[1], "ПрАТ «Жмеринка-Ремонт»"), (people[2], "ТОВ «Подільські металоконструкції»"),
                                         (people[3], "Жмеринський професійний ліцей")],
                               posts: [(.news, "Кластер підготує 40 зварювальників", "Ліцей і підприємства кластера запускають дуальне навчання.")])
        try await events(city, people: people, [("zhmerynka-cluster-forum", "Форум промислового кластера", "The industrial cluster's forum", 12, 80, false)])
    }

    private func seedKhmilnyk(_ city: Municipality, people: [AccountID]) async throws {
        let now = services.clock.now()
        try await save(call(
            "khmilnyk-tourism-2027", city, uk: "Гранти для туристичного бізнесу курорту 2027", en: "Grants for the resort's tourism business 2027",
            instrument: .grant, fund: 350_000, maximum: 70_000, opened: now + 21 * day, closes: now + 51 * day,
            criteria: [("visitors", "Нові відвідувачі", "New visitors", 60), ("jobs", "Нові робочі місця", "New jobs", 40)]), published: true)
        try await events(city, people: people, [("khmilnyk-hospitality", "Стандарт гостинності для садиб", "The hospitality standard for guesthouses", 15, 25, false)])
    }

    // MARK: Calls and their cycle

    struct Applicant {
        let name: String
        let kind: ApplicantKind
        let code: String
        let activity: String
        let project: String
        let asks: Int64
        /// Each criterion's points from every member; nil: not scored (rejected, returned, waiting).
        let points: [Int]?

        init(_ name: String, kind: ApplicantKind, code: String, activity: String, project: String, asks: Int64, points: [Int]?) {
            self.name = name
            self.kind = kind
            self.code = code
            self.activity = activity
            self.project = project
            self.asks = asks
            self.points = points
        }
    }

    enum Finish { case open, review, decided }

    private func call(
        _ id: String, _ city: Municipality, uk: String, en: String, instrument: SupportInstrument, fund: Int64, maximum: Int64, opened: Date, closes: Date,
        criteria: [(String, String, String, Int)], kinds: Set<ApplicantKind> = [.soleProprietor, .company, .socialEnterprise, .cooperative]
    ) -> SupportCall {
        SupportCall(
            id: SupportCallID(rawValue: id), city: city.id, title: LocalizedName(uk: uk, en: en),
            description: LocalizedName(
                uk: "\(uk). Конкурс міської програми розвитку малого і середнього підприємництва. Дані демо ілюстративні.",
                en: "\(en). A call of the city's SME development programme. The demo's data are illustrative."),
            instrument: instrument, fund: Money(hryvnias: fund), maximumPerApplicant: Money(hryvnias: maximum), opensAt: opened, closesAt: closes,
            eligibility: EligibilityRules(kinds: kinds, sizes: [.micro, .small]),
            criteria: criteria.map { ScoringCriterion(id: $0.0, title: LocalizedName(uk: $0.1, en: $0.2), weight: $0.3) },
            documents: [RequiredDocument(id: "plan", title: LocalizedName(uk: "Бізнес-план", en: "Business plan"))], publishedAt: opened - 14 * day)
    }

    /// The city's SME programme among the strategy module's documents (by its title), if the city keeps one.
    private func smeProgramme(of city: Municipality) async throws -> String? {
        try await BusinessProgrammes.choices(in: city, services: services)
            .first { $0.title.localizedCaseInsensitiveContains("підприємництва") }?.id
    }

    private func save(_ call: SupportCall, published: Bool) async throws {
        let cityID = call.city
        var call = call
        if call.programme == nil, let city = try await services.store.read({ try await $0.municipalities.find(id: cityID) }) {
            call.programme = try await smeProgramme(of: city)
        }
        if !published { call.publishedAt = nil }
        let now = services.clock.now(), saved = call
        try await services.store.write { _ = try await $0.supportCalls.save(saved, at: now) }
    }

    /// Applications to `call` by `people`, each in its place of the cycle:
    /// scored and (when decided) settled, agreed and paid; the unscored
    /// ones returned, rejected or withdrawn, or waiting for the desk.
    private func cycle(
        _ original: SupportCall, city: Municipality, applicants: [Applicant], people: [AccountID], staff: [AccountID], finish: Finish
    ) async throws {
        var call = original
        if call.programme == nil { call.programme = try await smeProgramme(of: city) }
        let now = services.clock.now()
        let calendar = city.settings.workingCalendar ?? .martialLaw
        let keys = services.keys
        let fixedCall = call
        let stored = try await services.store.write { tx -> [(SupportApplication, ApplicationForm, Applicant)] in
            var stored: [(SupportApplication, ApplicationForm, Applicant)] = []
            _ = try await tx.supportCalls.save(fixedCall, at: now)
            for (index, applicant) in applicants.enumerated() where index < people.count {
                let submittedAt = fixedCall.opensAt + Double(index + 1) * 86_400 + 3_600
                var application = SupportApplication(id: .random(), callID: fixedCall.id, city: city.id, account: people[index], createdAt: submittedAt - 86_400)
                let form = Self.form(applicant)
                guard let started = try await tx.supportApplications.start(application, form: form) else { continue }
                try application.submit(to: fixedCall, at: submittedAt)
                let key = keys.identityHash(of: "business-applicant\u{1F}\(applicant.kind.isPerson ? "person" : "entity")\u{1F}\(applicant.code)")
                guard try await tx.supportApplications.claimApplicant(key.rawValue, for: application.id, call: fixedCall.id) else { continue }
                let attachment = Attachment(
                    id: AttachmentID(rawValue: "demo-\(application.id.rawValue)"), municipalityID: city.id, owner: ApplicationPages.owner(application.id),
                    title: "Бізнес-план", mediaType: "application/pdf", byteCount: Self.pdf.count, sha256: "demo", uploadedBy: people[index], uploadedAt: submittedAt)
                try await tx.attachments.insert(attachment, bytes: Self.pdf)
                try await tx.supportApplications.attach(attachment.id, as: "plan", to: application.id)
                try await tx.supportApplications.putPrivate(
                    .init(code: applicant.code, email: "applicant\(index + 1)@\(city.slug.rawValue).demo.hromada.example", phone: "+380 67 000 00 0\(index)"),
                    of: application.id)
                // The desk: scored ones accepted; of the rest, in turn returned for fixes, rejected, withdrawn, left waiting.
                let deskAt = submittedAt + 2 * 86_400
                if applicant.points != nil {
                    try application.accept(at: deskAt)
                } else if finish == .decided {
                    // A decided call's unscored applications are settled: rejected at the desk, or withdrawn.
                    if index % 2 == 0 { try application.reject(reason: "Основний вид діяльності за КВЕД не входить до дозволених конкурсом.", at: deskAt) } else { try application.withdraw() }
                } else {
                    switch index % 3 {
                    case 0:
                        try application.returnForFixes(note: "Додайте кошторис обладнання з цінами постачальника.", call: fixedCall, calendar: calendar, at: min(deskAt, now - 86_400))
                    case 1:
                        try application.reject(reason: "Основний вид діяльності за КВЕД не входить до дозволених конкурсом.", at: deskAt)
                    default:
                        break
                    }
                }
                guard try await tx.supportApplications.update(application, form: form, fromVersion: started.version) else { continue }
                stored.append((application, form, applicant))
            }
            // The committee: every member scores, except one who declared a conflict on the first application in review.
            for (position, (application, _, applicant)) in stored.enumerated() {
                guard let points = applicant.points else { continue }
                for (number, member) in staff.enumerated() {
                    if finish == .review && position == 0 && number == staff.count - 1 {
                        try await tx.supportApplications.declareConflict(member, on: application.id, at: application.submittedAt ?? now)
                        continue
                    }
                    let sheet = ScoreSheet(
                        member: member,
                        points: Dictionary(uniqueKeysWithValues: zip(fixedCall.criteria.map(\.id), points.map { max(0, min(fixedCall.scale, $0 - number % 2)) })),
                        comments: Dictionary(uniqueKeysWithValues: fixedCall.criteria.prefix(1).map {
                            ($0.id, points.first ?? 0 >= 8 ? "Переконливий план створення робочих місць." : "Мало конкретики щодо нових робочих місць.")
                        }))
                    _ = try await tx.supportApplications.score(sheet, on: application.id, at: (application.submittedAt ?? now) + 5 * 86_400)
                }
            }
            return stored
        }
        guard finish == .decided else { return }

        // The list, decided the week after applications closed, then agreements, payouts and the first report.
        let decidedAt = call.closesAt + 7 * day
        let sheets = try await services.store.read { try await $0.supportApplications.sheets(of: original.id) }
        let candidates = stored.compactMap { application, _, applicant -> AwardList.Candidate? in
            guard application.state == .accepted, let total = ScoreTotal(sheets: sheets[application.id] ?? [], call: call),
                  let submitted = application.submittedAt else { return nil }
            return AwardList.Candidate(id: application.id, total: total, requested: Money(hryvnias: applicant.asks), submittedAt: submitted)
        }
        let lines = AwardList.decide(candidates, fund: call.fund, minimumTotal: call.minimumTotal)
        call.decidedAt = decidedAt
        let decided = call, byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.0.id, $0) })
        let payer = staff.first
        try await services.store.write { tx in
            for line in lines {
                guard let (application, form, _) = byID[line.candidate.id],
                      let current = try await tx.supportApplications.application(application.id, in: city.id) else { continue }
                var settled = current.application
                try settled.settle(awarded: line.verdict == .awarded, at: decidedAt)
                guard try await tx.supportApplications.update(settled, form: form, fromVersion: current.version) else { continue }
                try await tx.supportApplications.place(line)
            }
            _ = try await tx.supportCalls.save(decided, at: decidedAt)
            for (number, line) in lines.filter({ $0.verdict == .awarded }).enumerated() {
                let signedAt = decidedAt + Double(number + 3) * 86_400
                let agreement = try await tx.supportCalls.signAgreement(
                    id: "demo-agreement-\(number + 1)-\(decided.id.rawValue)", call: decided, application: line.candidate.id, amount: line.candidate.requested,
                    reference: "Д-\(number + 14)/2026", at: signedAt)
                guard let payer else { continue }
                let half = Money(kopiyky: line.candidate.requested.kopiyky / 2)
                try await tx.supportCalls.recordPayout(
                    id: "demo-payout-a-\(agreement.id)", agreement: agreement.id, in: city.id, amount: half, reference: "ПД-\(number * 2 + 101)", by: payer,
                    at: signedAt + 10 * 86_400)
                if number == 0 {
                    try await tx.supportCalls.recordPayout(
                        id: "demo-payout-b-\(agreement.id)", agreement: agreement.id, in: city.id, amount: Money(kopiyky: line.candidate.requested.kopiyky - half.kopiyky),
                        reference: "ПД-\(number * 2 + 102)", by: payer, at: signedAt + 40 * 86_400)
                    if let first = try await tx.supportCalls.reports(of: agreement.id).first, first.due <= now + 7 * 86_400 {
                        _ = try await tx.supportCalls.file(
                            ResultReport(jobsCreated: 3, turnover: Money(hryvnias: 420_000), investment: Money(hryvnias: 180_000), note: "Відкрили кав'ярню, працевлаштували трьох людей."),
                            agreement: agreement.id, due: first.due, at: first.due - 3 * 86_400)
                    }
                }
            }
        }
    }

    /// Олена's own draft: the applicant's step filled in, the rest to do.
    private func draft(of account: AccountID, to call: SupportCall, city: Municipality, name: String) async throws {
        var form = ApplicationForm()
        form.kind = ApplicantKind.soleProprietor.rawValue
        form.name = name
        form.size = SizeCategory.micro.rawValue
        form.activity = "85.59"
        let application = SupportApplication(id: .random(), callID: call.id, city: city.id, account: account, createdAt: services.clock.now() - day)
        let draft = form
        try await services.store.write { _ = try await $0.supportApplications.start(application, form: draft) }
    }

    static func form(_ applicant: Applicant) -> ApplicationForm {
        var form = ApplicationForm()
        form.kind = applicant.kind.rawValue
        form.name = applicant.name
        form.code = applicant.code
        form.size = SizeCategory.micro.rawValue
        form.activity = applicant.activity
        form.registeredInHromada = true
        form.declaresNoTaxDebt = true
        form.employees = "4"
        form.projectTitle = applicant.project
        form.plan = "\(applicant.project): що купимо, скільки людей візьмемо на роботу і коли проєкт окупиться. Демонстраційний текст заявки."
        form.requested = String(applicant.asks)
        form.jobsPlanned = "3"
        return form
    }

    // MARK: The directory and events

    private func organisation(
        _ city: Municipality, _ id: String, _ kind: OrganisationKind, _ name: String, en: String, uk description: String, enText: String, mission: String = "",
        code: String? = nil, at point: (Double, Double), members: [(AccountID, String)], pending: [(AccountID, String)] = [],
        posts: [(OrganisationRepository.PostKind, String, String)]
    ) async throws {
        let now = services.clock.now()
        let organisation = Organisation(
            id: OrganisationID(rawValue: id), city: city.id, kind: kind, name: name, englishName: en, description: LocalizedName(uk: description, en: enText),
            mission: mission,
            contacts: PublishedContacts(address: "\(city.name.uk), вул. Соборна, \(10 + id.count)", phone: "+380 43 000 00 \(10 + id.count)",
                                        website: "https://\(id).demo.hromada.example"),
            location: Location(latitude: point.0, longitude: point.1), code: code, createdAt: now - 200 * day)
        try await services.store.write { tx in
            try await tx.organisations.save(organisation, at: now - 200 * day)
            for (index, member) in members.enumerated() {
                if index == 0 {
                    try await tx.organisations.appoint(member.0, to: organisation.id, businessName: member.1, at: now - 190 * day)
                } else if try await tx.organisations.requestMembership(of: member.0, in: organisation.id, businessName: member.1, at: now - Double(150 - index) * 86_400) != nil {
                    _ = try await tx.organisations.move(member.0, in: organisation.id, to: .member, at: now - Double(140 - index) * 86_400)
                }
            }
            for request in pending {
                _ = try await tx.organisations.requestMembership(of: request.0, in: organisation.id, businessName: request.1, at: now - 2 * 86_400)
            }
            for (index, post) in posts.enumerated() where !members.isEmpty {
                try await tx.organisations.post(.init(
                    id: "demo-\(id)-\(index)", organisation: organisation.id, kind: post.0, title: post.1, body: post.2, postedBy: members[0].0,
                    postedAt: now - Double(30 * (index + 1)) * 86_400))
            }
        }
    }

    /// Trainings: `(id, title uk, title en, days from now, capacity, past)`;
    /// a coming one of few places fills and gets a waiting list, a past one
    /// has its check-ins and feedback.
    private func events(_ city: Municipality, people: [AccountID], _ list: [(String, String, String, Int, Int, Bool)]) async throws {
        let now = services.clock.now(), programme = try await smeProgramme(of: city)
        for (id, uk, en, days, capacity, past) in list {
            let starts = Self.tenInTheMorning(now + Double(days) * 86_400)
            let event = BusinessEvent(
                id: BusinessEventID(rawValue: id), city: city.id, title: LocalizedName(uk: uk, en: en),
                description: LocalizedName(
                    uk: "\(uk): практичне заняття для підприємців громади. Вхід вільний за реєстрацією.",
                    en: "\(en): a practical session for the hromada's entrepreneurs. Free, with registration."),
                place: "\(city.name.uk), центр підтримки підприємництва", startsAt: starts, endsAt: starts + 3 * 3_600, capacity: capacity,
                registrationClosesAt: starts - 3_600, programme: programme)
            let attendees = past ? people : Array(people.prefix(min(people.count, capacity + 2)))
            try await services.store.write { tx in
                try await tx.businessEvents.save(event, at: now - 30 * 86_400)
                for (index, person) in attendees.enumerated() {
                    let registration = try await tx.businessEvents.register(person, for: event, at: min(now, starts - 3_600) - Double(20 - index) * 86_400 / 4)
                    guard past, registration.state == .registered, index % 4 != 3 else { continue }
                    _ = try await tx.businessEvents.checkIn(ticket: registration.ticket, at: event.id, instant: starts + Double(index) * 60)
                    if let feedback = EventFeedback(rating: 5 - index % 2, comment: index == 0 ? "Корисно, дякуємо! Хочемо продовження про гранти." : "") {
                        _ = try await tx.businessEvents.giveFeedbackOnce(feedback, by: person, at: event.id)
                    }
                }
            }
        }
    }

    /// 10:00 Kyiv time on the day of `instant`.
    static func tenInTheMorning(_ instant: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? .gmt
        let day = calendar.startOfDay(for: instant)
        return day + 10 * 3_600
    }

    // MARK: People

    /// The city's staff who sit on the committee: its admin and moderator demo accounts, and the platform's admin.
    private func staffMembers(of city: Municipality) async throws -> [AccountID] {
        let emails = ["\(city.slug.rawValue).admin@demo.hromada.ua", "\(city.slug.rawValue).moderator@demo.hromada.ua", "admin@demo.hromada.ua"]
        return try await services.store.read { tx in
            var found: [AccountID] = []
            for email in emails { if let account = try await tx.accounts.find(email: EmailAddress(rawValue: email)) { found.append(account.id) } }
            return found
        }
    }

    /// Generated verified residents who run small businesses: named, never able to sign in.
    private func entrepreneurs(of city: Municipality, count: Int) async throws -> [AccountID] {
        let names = ["Ігор Ковальчук", "Оксана Мельник", "Тарас Лисенко", "Наталія Гончар", "Василь Бондар", "Марія Ткаченко", "Андрій Савчук", "Ірина Поліщук"]
        let hash = try await services.passwords.hash(RandomToken.base64URL(byteCount: 24))
        let now = services.clock.now(), keys = services.keys
        return try await services.store.write { tx in
            var made: [AccountID] = []
            for serial in 0..<count {
                let email = EmailAddress(rawValue: "\(city.slug.rawValue).entrepreneur\(serial + 1)@demo.hromada.ua")
                // A seeding cut short before left them: the same people again.
                if let existing = try await tx.accounts.find(email: email) {
                    made.append(existing.id)
                    continue
                }
                let account = Account(
                    id: .random(), email: email,
                    fullName: names[serial % names.count], passwordHash: hash, emailConfirmedAt: now, isPlatformAdmin: false, createdAt: now)
                let born = CalendarDate(year: 1970 + serial * 3, month: 1 + serial, day: 5 + serial)
                let identity = keys.identityHash(of: NationalID.make(birthDate: born, serial: 70_000 + serial).digits)
                guard try await tx.accounts.insert(account),
                      try await tx.residency.insert(.init(
                          municipalityID: city.id, accountID: account.id, identityHash: identity, birthDate: born, method: .demo, verifiedBy: nil, verifiedAt: now))
                else { continue }
                made.append(account.id)
            }
            return made
        }
    }
}
