import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The demo of «Вінницький стандарт гостинності» in Вінниця: the
/// checklist's version 1 (25 criteria in seven sections, some required) and
/// ten places of its own (`demo-cert-…`: cafés, a hotel, a museum, …), one
/// in each state of the cycle: applied (Олена's café), self-assessed
/// (Андрій's bakery), booked (the hotel, its assessor's draft half done),
/// assessed and failed on a required criterion, certified, certified with
/// distinction, expiring within a month, expired, withdrawn with its
/// reason, and one flagged by its visitors' complaints; and free slots for
/// booking. Written through the domain's own steps with instants in the
/// past; applicants other than Олена and Андрій are generated people who cannot sign in.
struct CertificationDemoSeeder {
    let services: AppServices
    let day: TimeInterval = 86_400

    static func name(_ uk: String, _ en: String) -> LocalizedName { LocalizedName(uk: uk, en: en) }

    private static func criterion(
        _ id: String, _ section: StandardSection, _ uk: String, _ en: String, _ guidanceUK: String, _ guidanceEN: String, weight: Int, required: Bool = false
    ) -> StandardCriterion {
        StandardCriterion(id: id, section: section, title: name(uk, en), guidance: name(guidanceUK, guidanceEN), weight: weight, required: required)
    }

    /// Version 1 of the standard, as Вінниця's vision document sets it out (after Qualmark and VisitEngland's grading).
    static let checklistV1 = HospitalityChecklist(version: 1, criteria: [
        criterion("greeting", .welcome, "Гостя вітають протягом хвилини", "Guests are greeted within a minute",
                  "Персонал помічає гостя й вітається українською, поки той не встиг розгубитися.", "Staff notice the guest and greet them in Ukrainian before they feel lost.", weight: 3, required: true),
        criterion("english", .welcome, "Обслуговування англійською", "Service in English",
                  "На зміні є щонайменше одна людина, що пояснить меню чи послугу англійською.", "At least one person on shift can explain the menu or service in English.", weight: 3, required: true),
        criterion("languages", .welcome, "Меню чи прайс кількома мовами", "Menu or price list in several languages",
                  "Українською та англійською, друковане або за QR-кодом.", "Ukrainian and English, printed or by QR code.", weight: 2),
        criterion("waiting", .welcome, "Гостя не лишають чекати без пояснень", "Guests are not left waiting unexplained",
                  "Якщо треба зачекати, гостеві кажуть, скільки й чому.", "If there is a wait, the guest is told how long and why.", weight: 1),
        criterion("hours", .information, "Години роботи на вході й онлайн", "Opening hours at the door and online",
                  "Збігаються з картками в путівнику та на мапах.", "They match the city guide and online maps.", weight: 3, required: true),
        criterion("prices", .information, "Ціни видно до замовлення", "Prices visible before ordering",
                  "Жодних «ціна за запитом» на основні послуги.", "No «price on request» for the main services.", weight: 3, required: true),
        criterion("city-info", .information, "Порада, що подивитися поруч", "Advice on what to see nearby",
                  "Мапа міста, листівка ТІЦ або персонал, який порадить маршрут.", "A city map, a tourist office leaflet, or staff who suggest a route.", weight: 2),
        criterion("wifi", .information, "Безкоштовний Wi-Fi", "Free Wi-Fi",
                  "Пароль видно або його дають без прохання.", "The password is shown or given without asking.", weight: 1),
        criterion("clean", .cleanliness, "Чисті зали й столи", "Clean rooms and tables",
                  "Протягом візиту оцінювача немає брудного посуду чи сміття на видноті.", "During the visit no dirty dishes or litter are in sight.", weight: 3, required: true),
        criterion("toilet", .cleanliness, "Чиста вбиральня з милом і папером", "A clean toilet with soap and paper",
                  "Перевіряється двічі за візит.", "Checked twice during the visit.", weight: 3, required: true),
        criterion("fire", .cleanliness, "Пожежна безпека", "Fire safety",
                  "Вогнегасник із чинною перевіркою, позначені евакуаційні виходи.", "An extinguisher within its check date, marked emergency exits.", weight: 3, required: true),
        criterion("first-aid", .cleanliness, "Аптечка та людина, що вміє нею користуватися", "A first-aid kit and someone trained to use it",
                  "Аптечка укомплектована, на зміні є навчена людина.", "The kit is complete and a trained person is on shift.", weight: 2),
        criterion("step-free", .accessibility, "Вхід без сходинок або з пандусом", "Step-free entrance or a ramp",
                  "Або кнопка виклику персоналу біля входу.", "Or a call button for staff at the entrance.", weight: 3),
        criterion("accessible-toilet", .accessibility, "Доступна вбиральня", "An accessible toilet",
                  "Двері 90 см, поручні, місце для розвороту.", "A 90 cm door, grab rails, room to turn.", weight: 2),
        criterion("access-info", .accessibility, "Чесна інформація про доступність", "Honest information on access",
                  "Що доступно, а що ні, сказано на сайті чи в путівнику.", "What is and is not accessible is said on the website or in the guide.", weight: 2),
        criterion("families", .accessibility, "Зручно з дітьми", "Family friendly",
                  "Дитячий стілець чи сповивальний столик.", "A high chair or a baby-changing table.", weight: 1),
        criterion("cards", .payment, "Оплата карткою", "Card payment",
                  "Приймають картки й безконтактну оплату без мінімальної суми.", "Cards and contactless are accepted with no minimum.", weight: 3, required: true),
        criterion("receipts", .payment, "Чек для кожного гостя", "A receipt for every guest",
                  "Фіскальний чек видають без прохання.", "A fiscal receipt is given without asking.", weight: 3, required: true),
        criterion("price-as-shown", .payment, "Сума в чеку як у меню", "The bill matches the menu",
                  "Без прихованих зборів за обслуговування.", "No hidden service charges.", weight: 2),
        criterion("local-products", .localIdentity, "Подільські продукти чи вироби", "Podillia's produce or crafts",
                  "У меню чи в продажу є місцеве й про це сказано.", "Something local is on the menu or for sale, and it is said so.", weight: 2),
        criterion("local-stories", .localIdentity, "Історія місця", "The story of the place",
                  "Персонал чи табличка розповідають про будинок, вулицю, місто.", "Staff or a plaque tell of the building, the street, the city.", weight: 2),
        criterion("design", .localIdentity, "Українська мова й дизайн у просторі", "Ukrainian language and design in the space",
                  "Вивіски, меню й оформлення українською.", "Signs, menus and decoration in Ukrainian.", weight: 1),
        criterion("feedback-channel", .feedback, "Гість може залишити відгук", "Guests can leave feedback",
                  "Книга відгуків, QR-код чи адреса, видимі в закладі.", "A feedback book, QR code or address, visible on the premises.", weight: 2, required: true),
        criterion("response", .feedback, "Відповідь на відгук протягом 3 днів", "Feedback answered within 3 days",
                  "Перевіряється за відгуками останніх трьох місяців.", "Checked against the last three months' reviews.", weight: 2),
        criterion("complaints", .feedback, "Зрозумілий порядок скарг", "A clear complaints procedure",
                  "Хто розглядає скаргу і в який строк.", "Who handles a complaint and by when.", weight: 2),
    ])

    /// A whole sheet: every criterion met but those named.
    static func sheet(_ checklist: HospitalityChecklist, notMet: Set<String> = [], na: Set<String> = [], notes: [String: String] = [:]) -> AssessmentSheet {
        var answers: [String: CriterionAnswer] = [:]
        for criterion in checklist.criteria {
            let mark: CriterionMark = notMet.contains(criterion.id) ? .notMet : na.contains(criterion.id) && !criterion.required ? .notApplicable : .met
            answers[criterion.id] = CriterionAnswer(mark: mark, note: notes[criterion.id] ?? "")
        }
        return AssessmentSheet(checklistVersion: checklist.version, answers: answers)
    }

    private struct Spot {
        let id: String
        let kind: PlaceKind
        let uk: String
        let en: String
        let addressUK: String
        let addressEN: String
        let latitude: Double
        let longitude: Double
    }

    private static let spots: [Spot] = [
        Spot(id: "demo-cert-dim-kavy", kind: .food, uk: "Кав'ярня «Дім кави»", en: "«Dim Kavy» coffee house", addressUK: "вул. Соборна, 36", addressEN: "36 Soborna St", latitude: 49.2327, longitude: 28.4679),
        Spot(id: "demo-cert-khlibna-khata", kind: .food, uk: "Пекарня «Хлібна хата»", en: "«Khlibna Khata» bakery", addressUK: "вул. Пирогова, 12", addressEN: "12 Pyrohova St", latitude: 49.2351, longitude: 28.4701),
        Spot(id: "demo-cert-hotel-podillia", kind: .accommodation, uk: "Готель «Поділля»", en: "«Podillia» hotel", addressUK: "вул. Пирогова, 4", addressEN: "4 Pyrohova St", latitude: 49.2338, longitude: 28.4712),
        Spot(id: "demo-cert-pid-kashtanamy", kind: .food, uk: "Кафе «Під каштанами»", en: "«Pid Kashtanamy» café", addressUK: "вул. Театральна, 15", addressEN: "15 Teatralna St", latitude: 49.2319, longitude: 28.4653),
        Spot(id: "demo-cert-kofein", kind: .food, uk: "Кав'ярня «Кофеїн на Соборній»", en: "«Kofein on Soborna» coffee house", addressUK: "вул. Соборна, 64", addressEN: "64 Soborna St", latitude: 49.2336, longitude: 28.4735),
        Spot(id: "demo-cert-tram-museum", kind: .museum, uk: "Музей вінницького трамвая", en: "Vinnytsia Tram Museum", addressUK: "вул. Хмельницьке шосе, 29", addressEN: "29 Khmelnytske Hwy", latitude: 49.2290, longitude: 28.4420),
        Spot(id: "demo-cert-podilska-kukhnia", kind: .food, uk: "Ресторан «Подільська кухня»", en: "«Podilian Cuisine» restaurant", addressUK: "вул. Магістратська, 8", addressEN: "8 Mahistratska St", latitude: 49.2301, longitude: 28.4641),
        Spot(id: "demo-cert-hostel-vezha", kind: .accommodation, uk: "Хостел «Вежа»", en: "«Vezha» hostel", addressUK: "вул. Козицького, 3", addressEN: "3 Kozytskoho St", latitude: 49.2344, longitude: 28.4668),
        Spot(id: "demo-cert-fontan", kind: .food, uk: "Піцерія «Фонтан»", en: "«Fontan» pizzeria", addressUK: "Набережна Рошен, 1", addressEN: "1 Roshen Embankment", latitude: 49.2362, longitude: 28.4762),
        Spot(id: "demo-cert-zamostia", kind: .food, uk: "Кафе «Замостя»", en: "«Zamostia» café", addressUK: "вул. Замостянська, 27", addressEN: "27 Zamostianska St", latitude: 49.2387, longitude: 28.4817),
    ]

    func seed(_ demo: DemoWorld) async throws {
        guard let city = demo.city("vinnytsia") else { return }
        let checklist = Self.checklistV1, now = services.clock.now(), cityID = city.id
        guard try await services.store.write({ try await $0.certification.publish(checklist, in: cityID, at: now.addingTimeInterval(-1_000 * 86_400)) }) else { return }
        let places = try Self.spots.map { spot in
            Place(
                id: PlaceID(rawValue: spot.id), city: city.id, kind: spot.kind, name: Self.name(spot.uk, spot.en),
                summary: Self.name("Учасник «Вінницького стандарту гостинності».", "A participant of the Vinnytsia Hospitality Standard."),
                description: Self.name("", ""), address: Self.name(spot.addressUK, spot.addressEN),
                location: try GeoPoint(longitude: spot.longitude, latitude: spot.latitude),
                hours: (spot.kind == .accommodation ? VisitDemoSeeder.Hours.always : spot.kind == .museum ? .museum : .cafe).value, updatedAt: now)
        }
        try await services.store.write { tx in for place in places { try await tx.visitGuide.save(place, at: now) } }
        let olena = try await account("olena@demo.hromada.ua"), andrii = try await account("andrii@demo.hromada.ua")
        guard let assessor = try await account("vinnytsia.admin@demo.hromada.ua"), let olena, let andrii else { return }
        let hosts = try await hosts(of: city, count: 8)
        guard hosts.count == 8 else { return }

        // Free slots to book, and the booked hotel's.
        let slots = (1...3).map { CertificationRepository.Slot(id: AssessmentSlotID(rawValue: "demo-cert-slot-\($0)"), city: cityID, startsAt: now + Double($0 * 3) * day + 3_600 * 7, assessor: assessor, certification: nil) }
        try await services.store.write { tx in for slot in slots { try await tx.certification.offer(slot, at: now) } }

        var cases: [(Certification, [Certificate], [String])] = []
        func fresh(_ index: Int, _ applicant: AccountID, appliedDaysAgo: Double) -> Certification {
            Certification(
                id: CertificationID(rawValue: "demo-cert-\(index)"), city: cityID, place: places[index].id, applicant: applicant, checklistVersion: 1,
                contactPhone: "+38067 55\(index) 12 3\(index)", at: now - appliedDaysAgo * day)
        }
        // Applied: Олена's café.
        cases.append((fresh(0, olena, appliedDaysAgo: 2), [], []))
        // Self-assessed: Андрій's bakery.
        var bakery = fresh(1, andrii, appliedDaysAgo: 12)
        try bakery.selfAssess(Self.sheet(checklist, notMet: ["accessible-toilet"], na: ["wifi"]), on: checklist)
        cases.append((bakery, [], []))
        // Booked: the hotel, its assessor's draft half done.
        var hotel = fresh(2, hosts[0], appliedDaysAgo: 30)
        try hotel.selfAssess(Self.sheet(checklist), on: checklist)
        let hotelSlot = CertificationRepository.Slot(id: AssessmentSlotID(rawValue: "demo-cert-slot-hotel"), city: cityID, startsAt: now + 2 * day, assessor: assessor, certification: hotel.id)
        try hotel.book(AssessmentBooking(slot: hotelSlot.id, startsAt: hotelSlot.startsAt, assessor: assessor), checklist: checklist, at: now - day)
        try hotel.saveSection(.welcome, ["greeting": .init(mark: .met), "english": .init(mark: .met, note: "Адміністраторка вільно говорить англійською."), "languages": .init(mark: .met)],
                              on: checklist, by: assessor)
        cases.append((hotel, [], []))
        // Assessed and failed: no card payment (required).
        var failed = fresh(3, hosts[1], appliedDaysAgo: 60)
        try assess(&failed, checklist: checklist, assessor: assessor, at: now - 20 * day,
                   sheet: Self.sheet(checklist, notMet: ["cards", "wifi"], notes: ["cards": "Термінал не працює вже тиждень, приймають лише готівку."]))
        cases.append((failed, [], []))
        // Certified, and certified with distinction.
        var certified = fresh(4, hosts[2], appliedDaysAgo: 220)
        let certifiedCertificate = try certify(&certified, checklist: checklist, assessor: assessor, decided: now - 200 * day,
                                               sheet: Self.sheet(checklist, notMet: ["accessible-toilet", "local-stories", "response"], na: ["families"]))
        cases.append((certified, [certifiedCertificate], []))
        var museum = fresh(5, hosts[3], appliedDaysAgo: 120)
        let distinction = try certify(&museum, checklist: checklist, assessor: assessor, decided: now - 100 * day, sheet: Self.sheet(checklist, na: ["wifi"]))
        cases.append((museum, [distinction], []))
        // Expiring within a month; expired; withdrawn.
        var expiring = fresh(6, hosts[4], appliedDaysAgo: 760)
        let expiringCertificate = try certify(&expiring, checklist: checklist, assessor: assessor, decided: Calendar.current.date(byAdding: .year, value: -2, to: now + 20 * day) ?? now,
                                              sheet: Self.sheet(checklist, notMet: ["step-free"]))
        cases.append((expiring, [expiringCertificate], []))
        var hostel = fresh(7, hosts[5], appliedDaysAgo: 800)
        let expired = try certify(&hostel, checklist: checklist, assessor: assessor, decided: Calendar.current.date(byAdding: .year, value: -2, to: now - 30 * day) ?? now,
                                  sheet: Self.sheet(checklist, notMet: ["design"]))
        cases.append((hostel, [expired], []))
        var pizzeria = fresh(8, hosts[6], appliedDaysAgo: 400)
        var withdrawn = try certify(&pizzeria, checklist: checklist, assessor: assessor, decided: now - 380 * day, sheet: Self.sheet(checklist))
        let reason = "Під час перевірки за скаргою 12 березня — брудна кухня й відсутня книга відгуків; заклад відмовився усунути порушення."
        _ = try pizzeria.withdraw(reason: reason)
        withdrawn.withdrawnAt = now - 10 * day
        withdrawn.withdrawnReason = reason
        cases.append((pizzeria, [withdrawn], []))
        // Flagged by complaints.
        var flagged = fresh(9, hosts[7], appliedDaysAgo: 300)
        let flaggedCertificate = try certify(&flagged, checklist: checklist, assessor: assessor, decided: now - 280 * day, sheet: Self.sheet(checklist, notMet: ["first-aid"]))
        _ = flagged.flag(at: now - 2 * day)
        cases.append((flagged, [flaggedCertificate], [
            "Чекали замовлення 50 хвилин, ніхто нічого не пояснив.", "Рахунок більший, ніж у меню: додали «сервісний збір».",
            "Вбиральня брудна, немає мила.",
        ]))

        let residents = [olena, andrii] + hosts
        let audit = services.audit, seeded = cases, ratedCafe = certified.id, oneDay = self.day
        try await services.store.write { tx in
            try await tx.certification.offer(hotelSlot, at: now)
            for (certification, certificates, reports) in seeded {
                _ = try await tx.certification.apply(certification, at: certification.appliedAt)
                if let stored = try await tx.certification.certification(certification.id, in: cityID) {
                    _ = try await tx.certification.update(certification, from: stored.revision, at: now)
                }
                for (index, certificate) in certificates.enumerated() {
                    _ = try await tx.certification.insert(certificate, round: index + 1)
                    try await audit.record(tx, action: AuditAction.visitCertIssued, actor: assessor, municipality: cityID, subject: certification.id.rawValue,
                                           details: ["certificate": certificate.id.rawValue, "level": certificate.level.rawValue])
                    if let withdrawnAt = certificate.withdrawnAt, let reason = certificate.withdrawnReason {
                        try await tx.certification.withdraw(certificate.id, reason: reason, at: withdrawnAt)
                    }
                }
                for round in certification.rounds {
                    try await audit.record(tx, action: AuditAction.visitCertAssessed, actor: round.assessor, municipality: cityID, subject: certification.id.rawValue,
                                           details: ["round": String(round.number), "level": round.outcome.level.rawValue])
                }
                for (index, report) in reports.enumerated() {
                    try await tx.certification.report(id: "demo-cert-report-\(index)", of: certification.id, by: residents[index % residents.count], body: report,
                                                      at: now - Double(10 - index * 3) * oneDay)
                }
            }
            // Ratings of the certified café: mostly good.
            for (index, stars) in [5, 4, 5, 5, 4].enumerated() {
                guard let rating = VisitorRating(stars: stars, at: now - Double(index + 1) * 5 * oneDay) else { continue }
                _ = try await tx.certification.rate(rating, of: ratedCafe, by: residents[index])
            }
        }
        // The hostel's certificate is past its date: expired by the same step the background runs.
        _ = try await CertificationService(services: services).expire()
    }

    /// A round submitted on `sheet` by `assessor` at `at`.
    private func assess(_ certification: inout Certification, checklist: HospitalityChecklist, assessor: AccountID, at instant: Date, sheet: AssessmentSheet) throws {
        try certification.selfAssess(Self.sheet(checklist), on: checklist)
        try certification.book(AssessmentBooking(slot: AssessmentSlotID(rawValue: "demo-cert-past-\(certification.id.rawValue)"), startsAt: instant, assessor: assessor),
                               checklist: checklist, at: instant - 7 * day)
        for section in checklist.sections {
            let answers = sheet.answers.filter { checklist.criterion($0.key)?.section == section }
            try certification.saveSection(section, answers, on: checklist, by: assessor)
        }
        _ = try certification.submitAssessment(on: checklist, by: assessor, at: instant)
    }

    /// Assessed on `sheet` and certified at `decided`; the certificate.
    private func certify(_ certification: inout Certification, checklist: HospitalityChecklist, assessor: AccountID, decided: Date, sheet: AssessmentSheet) throws -> Certificate {
        try assess(&certification, checklist: checklist, assessor: assessor, at: decided - 3 * day, sheet: sheet)
        return try certification.issue(CertificateID(rawValue: "demo-\(certification.id.rawValue.dropFirst("demo-cert-".count))-\(certification.place.rawValue.dropFirst("demo-cert-".count))"), at: decided).certificate
    }

    private func account(_ email: String) async throws -> AccountID? {
        try await services.store.read { try await $0.accounts.find(email: EmailAddress(rawValue: email)) }?.id
    }

    /// Generated owners of the places: named, never able to sign in.
    private func hosts(of city: Municipality, count: Int) async throws -> [AccountID] {
        let names = ["Оксана Вербицька", "Ігор Сидоренко", "Марта Левчук", "Богдан Кравець", "Світлана Юрченко", "Роман Гнатюк", "Олег Фоменко", "Ірина Заїка"]
        let hash = try await services.passwords.hash(RandomToken.base64URL(byteCount: 24))
        let now = services.clock.now()
        return try await services.store.write { tx in
            var made: [AccountID] = []
            for serial in 0..<count {
                let email = EmailAddress(rawValue: "\(city.slug.rawValue).host\(serial + 1)@demo.hromada.ua")
                if let existing = try await tx.accounts.find(email: email) {
                    made.append(existing.id)
                    continue
                }
                let account = Account(
                    id: .random(), email: email, fullName: names[serial % names.count], passwordHash: hash, emailConfirmedAt: now, isPlatformAdmin: false, createdAt: now)
                if try await tx.accounts.insert(account) { made.append(account.id) }
            }
            return made
        }
    }
}
