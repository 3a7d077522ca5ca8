import Foundation
import HTTPTypes
import HromadaDomain
import HromadaModules
import HromadaStore
import HromadaTestSupport
import HummingbirdTesting
import Testing
@testable import Business
@testable import HromadaWeb

/// Trainings and events: registration to capacity and the waiting list
/// that moves up by itself (and mails who moved), the staff's form and the
/// door's check-in, the feedback after, the reminder the day before and
/// the `.ics`.
@Suite struct EventPagesTests {
    /// An event of Вінниця a few days ahead: "Тренінг з експорту" in the ЦНАП.
    static func event(
        _ id: String = "export", city: MunicipalityID, now: Date, capacity: Int = 2, startsIn: TimeInterval = 3 * 86_400, location: Location? = nil
    ) -> BusinessEvent {
        BusinessEvent(
            id: BusinessEventID(rawValue: id), city: city, title: LocalizedName(uk: "Тренінг з експорту", en: "Export training"),
            description: LocalizedName(uk: "Як вийти на ринок ЄС, крок за кроком.", en: "Into the EU market, step by step."),
            place: "ЦНАП, вул. Соборна, 59", location: location, startsAt: now.addingTimeInterval(startsIn),
            endsAt: now.addingTimeInterval(startsIn + 3 * 3_600), capacity: capacity, registrationClosesAt: now.addingTimeInterval(startsIn - 3_600))
    }

    static func save(_ event: BusinessEvent, _ harness: WebHarness) async throws {
        let now = harness.clock.now()
        try await harness.services.store.write { try await $0.businessEvents.save(event, at: now) }
    }

    /// A new confirmed person signed in on a browser of their own.
    static func person(_ name: String, _ harness: WebHarness, _ client: any TestClientProtocol) async throws -> (Account, Browser) {
        let account = try await harness.makeAccount("\(name)@example.com")
        var browser = Browser(client)
        try await browser.signIn(account.email.rawValue)
        return (account, browser)
    }

    static func registration(_ account: AccountID, _ event: BusinessEventID, _ harness: WebHarness) async throws -> BusinessEventRepository.Registration? {
        try await harness.services.store.read { try await $0.businessEvents.registration(of: account, at: event) }
    }

    static let page = "/vinnytsia/business/events/export"

    @Test(arguments: TestDatabase.available) func registrationsFillThePlacesThenJoinTheWaitingList(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            try await Self.save(Self.event(city: city.id, now: harness.clock.now(), location: Location(latitude: 49.2331, longitude: 28.4682)), harness)
            var visitor = Browser(client)
            let anonymous = try await visitor.get(Self.page)
            #expect(anonymous.status == .ok && anonymous.body.contains("Тренінг з експорту") && anonymous.body.contains("Вільних місць: 2 з 2"))
            #expect(anonymous.body.contains(#"href="/login?next=/vinnytsia/business/events/export""#) && !anonymous.body.contains(Self.page + "/register"))
            #expect(anonymous.body.contains("data-map") && anonymous.body.contains("28.4682"))
            let calendar = try await visitor.get("/vinnytsia/business/events")
            #expect(calendar.status == .ok && calendar.body.contains(#"href="/vinnytsia/business/events/export""#) && calendar.body.contains("?past=1"))
            #expect(try await visitor.get("/vinnytsia/business/events?past=1").body.contains("Минулих заходів немає."))
            #expect(try await visitor.get("/vinnytsia/business").body.contains(#"href="/vinnytsia/business/events/export""#))
            #expect(try await visitor.get("/zhmerynka/business/events/export").status == .notFound)

            var people: [(Account, Browser)] = []
            for name in ["anna", "bohdan", "vira"] { people.append(try await Self.person(name, harness, client)) }
            for index in 0..<2 {
                let before = try await people[index].1.get(Self.page)
                #expect(before.body.contains("Зареєструватися"))
                #expect(try await people[index].1.post(Self.page + "/register", []).location == Self.page)
            }
            let mine = try await people[0].1.get(Self.page)
            #expect(mine.body.contains("Ви зареєстровані.") && mine.body.contains(Self.page + "/ticket") && mine.body.contains("Скасувати реєстрацію"))
            let full = try await people[2].1.get(Self.page)
            #expect(full.body.contains("Місць немає, у черзі: 0") && full.body.contains("Стати в чергу"))
            #expect(try await people[2].1.post(Self.page + "/register", []).location == Self.page)
            let waiting = try await people[2].1.get(Self.page)
            #expect(waiting.body.contains("Ви в черзі: 1-й") && !waiting.body.contains(Self.page + "/ticket"))
            // The waiting have no ticket: its page sends them back to the event.
            #expect(try await people[2].1.get(Self.page + "/ticket").location == Self.page)
            let ticket = try await people[0].1.get(Self.page + "/ticket")
            let code = try #require(try await Self.registration(people[0].0.id, BusinessEventID(rawValue: "export"), harness)).ticket
            #expect(ticket.status == .ok && ticket.body.contains(RegistrationRules.grouped(code)) && ticket.body.contains("Тест Тестович"))
            #expect(ticket.headers[.cacheControl] == "private, no-store")
            // The QR symbol on the ticket is the code's own: the scanner at the door reads exactly it.
            let symbol = try #require(QRCode(text: code, correction: .medium))
            #expect(ticket.body.contains(symbol.svg(label: "QR-код квитка: покажіть його на вході")))
            // Registration closes an hour before the start.
            harness.clock.advance(by: 3 * 86_400 - 1_800)
            var late = try await Self.person("late", harness, client).1
            let closed = try await late.get(Self.page)
            #expect(closed.body.contains("Реєстрацію завершено.") && !closed.body.contains("Стати в чергу"))
            let refused = try await late.post(Self.page + "/register", [])
            #expect(refused.status == .conflict && refused.body.contains("Реєстрацію на цей захід завершено."))
        }
    }

    @Test(arguments: TestDatabase.available) func aCancellationMovesTheFirstWaitingUpAndMailsThem(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            try await Self.save(Self.event(city: city.id, now: harness.clock.now(), capacity: 1), harness)
            var people: [(Account, Browser)] = []
            for name in ["anna", "bohdan", "vira"] {
                var person = try await Self.person(name, harness, client)
                try await person.1.post(Self.page + "/register", [])
                people.append(person)
            }
            let event = BusinessEventID(rawValue: "export")
            #expect(try await Self.registration(people[1].0.id, event, harness)?.state == .waiting)
            #expect(try await people[0].1.post(Self.page + "/cancel", []).location == Self.page)
            #expect(try await Self.registration(people[0].0.id, event, harness)?.state == .cancelled)
            #expect(try await Self.registration(people[1].0.id, event, harness)?.state == .registered)
            #expect(try await Self.registration(people[2].0.id, event, harness)?.state == .waiting)
            let letters = try await harness.outbox().filter { $0.recipient == "bohdan@example.com" }
            #expect(letters.count == 1 && letters.first?.subject == "Для вас звільнилося місце: «Тренінг з експорту»")
            #expect(letters.first?.body.contains("/vinnytsia/business/events/export/ticket") == true)
            #expect(try await harness.outbox().filter { ["anna@example.com", "vira@example.com"].contains($0.recipient) }.isEmpty)
            #expect(try await people[2].1.get(Self.page).body.contains("Ви в черзі: 1-й"))
            // Cancelling again finds nothing to cancel.
            let again = try await people[0].1.post(Self.page + "/cancel", [])
            #expect(again.status == .conflict && again.body.contains("Ви не зареєстровані на цей захід."))
        }
    }

    @Test(arguments: TestDatabase.available) func twoHundredPeopleAtOnceLeaveExactlyThirtyRegistered(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, _ in
            let city = try await harness.city("vinnytsia"), now = harness.clock.now()
            let event = Self.event(city: city.id, now: now, capacity: 30)
            try await Self.save(event, harness)
            let people = (0..<200).map { index in
                Account(
                    id: AccountID(rawValue: "crowd-\(index)"), email: EmailAddress(rawValue: "crowd\(index)@example.com"), fullName: "Учасник \(index)",
                    passwordHash: "x", emailConfirmedAt: now, isPlatformAdmin: false, createdAt: now)
            }
            try await harness.services.store.write { tx in for person in people { _ = try await tx.accounts.insert(person) } }
            let service = EventService(services: harness.services)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for person in people {
                    group.addTask { _ = try await service.register(event.id, city: city, by: person.id) }
                }
                try await group.waitForAll()
            }
            let attendance = try await harness.services.store.read { try await $0.businessEvents.attendance(at: event.id) }
            #expect(attendance.registered == 30 && attendance.waiting == 170)
        }
    }

    @Test(arguments: TestDatabase.available) func onePersonRegisteringTwiceKeepsOneRegistration(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            try await Self.save(Self.event(city: city.id, now: harness.clock.now()), harness)
            let (anna, signedIn) = try await Self.person("anna", harness, client)
            var browser = signedIn
            #expect(try await browser.post(Self.page + "/register", []).location == Self.page)
            let first = try await Self.registration(anna.id, BusinessEventID(rawValue: "export"), harness)
            #expect(try await browser.post(Self.page + "/register", []).location == Self.page)
            let service = EventService(services: harness.services)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<10 { group.addTask { _ = try await service.register(BusinessEventID(rawValue: "export"), city: city, by: anna.id) } }
                try await group.waitForAll()
            }
            let all = try await harness.services.store.read { try await $0.businessEvents.registrations(at: BusinessEventID(rawValue: "export")) }
            #expect(all.count == 1 && all.first == first)
        }
    }

    @Test(arguments: TestDatabase.available) func staffSeeEachBadFieldBesideItAndNothingIsSaved(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            var moderator = try await Browser.vinnytsiaModerator(client)
            let desk = "/vinnytsia/admin/business/events"
            #expect(try await moderator.get(desk).status == .ok)
            let bad = try await moderator.post(desk, [
                ("titleUk", "Ок"), ("titleEn", "Export training"), ("descriptionUk", ""), ("descriptionEn", ""), ("place", "  "),
                ("startsAt", "2027-13-01T10:00"), ("endsAt", "2027-03-01T12:00"), ("capacity", "99999999999999999999999"),
                ("registrationClosesAt", "2027-02-28T18:00"), ("latitude", "91"), ("longitude", "28.4"),
            ])
            #expect(bad.status == .unprocessableContent)
            for message in ["Назва — від 3 до 200 знаків.", "Вкажіть місце: до 300 знаків.", "Вкажіть дату й час, наприклад 2027-03-12T10:00.",
                            "Кількість місць — ціле число від 1 до 10 000.", "Широта від −90 до 90"] {
                #expect(bad.body.contains(message), "missing: \(message)")
            }
            #expect(bad.body.contains(#"value="Ок""#) && bad.body.contains(#"value="99999999999999999999999""#) && bad.body.contains(#"aria-invalid="true""#))
            let dates = try await moderator.post(desk, [
                ("titleUk", "Тренінг з експорту"), ("titleEn", "Export training"), ("place", "ЦНАП"), ("startsAt", "2027-03-01T10:00"),
                ("endsAt", "2027-03-01T09:00"), ("capacity", "0"), ("registrationClosesAt", "2027-03-01T11:00"), ("latitude", ""), ("longitude", ""),
            ])
            #expect(dates.status == .unprocessableContent && dates.body.contains("Кінець — після початку"))
            #expect(dates.body.contains("Реєстрація закривається не пізніше за початок.") && dates.body.contains("ціле число від 1 до 10 000"))
            let city = try await harness.city("vinnytsia").id, now = harness.clock.now()
            #expect(try await harness.services.store.read { try await $0.businessEvents.events(in: city, from: now.addingTimeInterval(-1e9)) }.isEmpty)
            // A programme the city does not have is refused beside its field.
            let whole: [(String, String)] = [
                ("titleUk", "Тренінг з експорту"), ("titleEn", "Export training"), ("place", "ЦНАП"), ("startsAt", "2030-03-01T10:00"),
                ("endsAt", "2030-03-01T13:00"), ("capacity", "30"), ("registrationClosesAt", "2030-02-28T18:00"), ("latitude", "49.23"), ("longitude", "28.47"),
            ]
            let stranger = try await moderator.post(desk, whole + [("programme", "zhmerynka-strategy")])
            #expect(stranger.status == .unprocessableContent && stranger.body.contains("Оберіть програму зі списку."))
            let programme = try #require(try await harness.services.modules.linkChoices(.strategy, in: harness.city("vinnytsia"), services: harness.services).first)
            // A whole form is saved and audited; the event's desk shows it.
            let saved = try await moderator.post(desk, whole + [("programme", programme.id)])
            let location = try #require(saved.location)
            let page = try await moderator.get(location)
            #expect(page.status == .ok && page.body.contains("Тренінг з експорту") && page.body.contains("Ще ніхто не зареєструвався."))
            let stored = try #require(try await harness.services.store.read { try await $0.businessEvents.events(in: city, from: now) }.first)
            #expect(stored.capacity == 30 && stored.location == Location(latitude: 49.23, longitude: 28.47) && stored.programme == programme.id)
            #expect(DateText.kyiv(stored.startsAt) == "01.03.2030 10:00")
            // Cancelled, it says so and takes no one.
            #expect(try await moderator.post(location + "/cancel", []).location == location)
            var visitor = try await Self.person("anna", harness, client).1
            let cancelled = try await visitor.get("/vinnytsia/business/events/\(stored.id.rawValue)")
            #expect(cancelled.body.contains("Захід скасовано.") && !cancelled.body.contains("Зареєструватися"))
            #expect(try await visitor.post("/vinnytsia/business/events/\(stored.id.rawValue)/register", []).status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.available) func theDoorChecksATypedTicketInOnce(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia"), now = harness.clock.now()
            try await Self.save(Self.event(city: city.id, now: now, capacity: 1), harness)
            try await Self.save(Self.event("other", city: city.id, now: now), harness)
            var anna = try await Self.person("anna", harness, client)
            var bohdan = try await Self.person("bohdan", harness, client)
            try await anna.1.post(Self.page + "/register", [])
            try await bohdan.1.post(Self.page + "/register", [])
            try await bohdan.1.post("/vinnytsia/business/events/other/register", [])
            let export = BusinessEventID(rawValue: "export")
            let code = try #require(try await Self.registration(anna.0.id, export, harness)).ticket
            let waiting = try #require(try await Self.registration(bohdan.0.id, export, harness)).ticket
            let other = try #require(try await Self.registration(bohdan.0.id, BusinessEventID(rawValue: "other"), harness)).ticket
            // As typed at the door: lower case, O for 0 and l for 1, grouped with a dash.
            let typed = RegistrationRules.grouped(code).lowercased().replacingOccurrences(of: "0", with: "o").replacingOccurrences(of: "1", with: "l")
            var moderator = try await Browser.vinnytsiaModerator(client)
            let door = "/vinnytsia/admin/business/events/export/check-in"
            let form = try await moderator.get(door)
            #expect(form.status == .ok && form.body.contains(#"src="/static/ticket-scan.js""#) && form.body.contains(#"name="ticket""#))
            #expect(form.headers[HTTPField.Name("Permissions-Policy")!] == "camera=(self), microphone=(), geolocation=()")
            #expect(try await moderator.get("/vinnytsia/admin/business/events").headers[HTTPField.Name("Permissions-Policy")!] == "camera=(), microphone=(), geolocation=()")
            #expect(try await moderator.get("/static/ticket-scan.js").body.contains("BarcodeDetector"))
            let welcome = try await moderator.post(door, [("ticket", " \(typed) ")])
            #expect(welcome.status == .ok && welcome.body.contains("Вхід відмічено: Тест Тестович."))
            let again = try await moderator.post(door, [("ticket", code)])
            #expect(again.body.contains("Цей квиток уже відмічено о \(DateText.kyiv(now))"))
            #expect(try await moderator.post(door, [("ticket", other)]).body.contains("Такого квитка немає в списку цього заходу."))
            #expect(try await moderator.post(door, [("ticket", waiting)]).body.contains("у черзі, місця немає"))
            let unreadable = try await moderator.post(door, [("ticket", "ЖЖЖ")])
            #expect(unreadable.status == .unprocessableContent && unreadable.body.contains("10 літер і цифр") && unreadable.body.contains(#"value="ЖЖЖ""#))
            let desk = try await moderator.get("/vinnytsia/admin/business/events/export")
            #expect(desk.body.contains("<dt>Прийшли</dt><dd>1</dd>") && desk.body.contains("у черзі: 1-й"))
            #expect(try await anna.1.get(Self.page + "/ticket").body.contains("Вхід відмічено \(DateText.kyiv(now))."))
        }
    }

    @Test(arguments: TestDatabase.available) func aModeratorOfAnotherCityFindsNothing(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            try await Self.save(Self.event(city: try await harness.city("vinnytsia").id, now: harness.clock.now()), harness)
            try await harness.makeAccount("zh.moderator@example.com", role: .moderator, in: "zhmerynka")
            var stranger = Browser(client)
            try await stranger.signIn("zh.moderator@example.com")
            for path in ["/vinnytsia/admin/business/events", "/vinnytsia/admin/business/events/export", "/vinnytsia/admin/business/events/export/check-in"] {
                #expect(try await stranger.get(path).status == .notFound, "\(path)")
            }
            #expect(try await stranger.post("/vinnytsia/admin/business/events/export/check-in", [("ticket", "ABCDE12345")]).status == .notFound)
            #expect(try await stranger.get("/zhmerynka/admin/business/events").status == .ok)
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await resident.get("/vinnytsia/admin/business/events").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func theEventsCalendarFileIsValidICalendar(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            var event = Self.event(city: city.id, now: harness.clock.now())
            event.description = LocalizedName(uk: String(repeating: "Експорт, сертифікація; митниця. ", count: 5), en: "Export")
            try await Self.save(event, harness)
            var visitor = Browser(client)
            let file = try await visitor.get(Self.page + "/calendar.ics")
            #expect(file.status == .ok && file.headers[.contentType] == "text/calendar; charset=utf-8")
            let text = file.body
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
            #expect(text.contains("\r\nDTSTART:\(ICalendar.utc(event.startsAt))\r\n") && ICalendar.utc(event.startsAt).hasSuffix("Z"))
            #expect(text.contains("\r\nDTEND:\(ICalendar.utc(event.endsAt))\r\n") && text.contains("SUMMARY:Тренінг з експорту"))
            #expect(text.contains("LOCATION:ЦНАП\\, вул. Соборна\\, 59") && text.contains("UID:vinnytsia/business/event-export@"))
            // Every line ends in CRLF and none is longer than 75 octets.
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
            #expect(try await visitor.get("/vinnytsia/business/events/nope/calendar.ics").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func feedbackIsTakenOnlyAfterTheStartAndOnlyOnce(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            try await Self.save(Self.event(city: city.id, now: harness.clock.now(), capacity: 1), harness)
            var anna = try await Self.person("anna", harness, client).1
            var bohdan = try await Self.person("bohdan", harness, client).1
            try await anna.post(Self.page + "/register", [])
            try await bohdan.post(Self.page + "/register", [])
            #expect(!(try await anna.get(Self.page).body.contains(#"name="rating""#)))
            let early = try await anna.post(Self.page + "/feedback", [("rating", "5"), ("comment", "Корисно")])
            #expect(early.status == .conflict && early.body.contains("від початку заходу"))
            harness.clock.advance(by: 3 * 86_400 + 600)
            try await anna.signIn("anna@example.com")
            try await bohdan.signIn("bohdan@example.com")
            let open = try await anna.get(Self.page)
            #expect(open.body.contains(#"name="rating""#) && !open.body.contains("Скасувати реєстрацію"))
            let huge = try await anna.post(Self.page + "/feedback", [("rating", "99999999999999999999"), ("comment", "Корисно")])
            #expect(huge.status == .unprocessableContent && huge.body.contains("Оберіть оцінку від 1 до 5.") && huge.body.contains("Корисно"))
            #expect(try await anna.post(Self.page + "/feedback", [("rating", "4"), ("comment", "Корисно <b>дуже</b>")]).location == Self.page)
            let twice = try await anna.post(Self.page + "/feedback", [("rating", "1"), ("comment", "")])
            #expect(twice.status == .conflict && twice.body.contains("Ви вже залишили відгук"))
            let waiting = try await bohdan.post(Self.page + "/feedback", [("rating", "5"), ("comment", "")])
            #expect(waiting.status == .conflict && waiting.body.contains("мали місце"))
            var moderator = try await Browser.vinnytsiaModerator(client)
            let desk = try await moderator.get("/vinnytsia/admin/business/events/export")
            #expect(desk.body.contains("<dt>Середня оцінка (з 5)</dt><dd>4.00</dd>") && desk.body.contains("Корисно &lt;b&gt;дуже&lt;/b&gt;"))
        }
    }

    @Test(arguments: TestDatabase.available) func theReminderGoesOnceTheDayBeforeEvenWhenTheServiceRunsTwice(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            try await Self.save(Self.event(city: city.id, now: harness.clock.now(), capacity: 1), harness)
            var anna = try await Self.person("anna", harness, client).1
            var bohdan = try await Self.person("bohdan", harness, client).1
            try await anna.post(Self.page + "/register", [])
            try await bohdan.post(Self.page + "/register", [])
            let service = EventService(services: harness.services)
            func reminders() async throws -> [OutboxMessage] { try await harness.outbox().filter { $0.subject.hasPrefix("Нагадування") } }
            try await service.remindAll()
            #expect(try await reminders().isEmpty)
            harness.clock.advance(by: 2 * 86_400 + 3_600)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 { group.addTask { try await service.remindAll() } }
                try await group.waitForAll()
            }
            try await service.remindAll()
            let sent = try await reminders()
            #expect(sent.map(\.recipient) == ["anna@example.com"])
            #expect(sent.first?.body.contains("ЦНАП, вул. Соборна, 59") == true && sent.first?.body.contains("/vinnytsia/business/events/export/ticket") == true)
            #expect(sent.first?.municipalityID == city.id)
        }
    }
}
