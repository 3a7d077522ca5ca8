import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Invest
import HromadaModules

/// An investor's enquiry on the city's clock, end to end: sent without an
/// account, acknowledged by mail in the investor's language, confirmed by
/// the private link (the clock starts in working days), taken and answered
/// by a manager whose queue shows the time left, overdue ones first, and
/// read back by the investor through the same link.
@Suite struct InvestEnquiryTests {
    static let message = "We plan a furniture factory with 120 jobs and need 2–3 ha with 1 MW and gas near the ring road, from spring 2027."

    /// An available site of Вінниця.
    static func site(_ harness: WebHarness) async throws -> InvestRepository.StoredSite {
        let city = try await harness.city("vinnytsia")
        return try #require(try await harness.services.store.read {
            try await $0.invest.sites(in: [city.id], matching: SiteSearch(), limit: 100)
        }.first { $0.site.status == .available })
    }

    static func enquiries(_ harness: WebHarness) async throws -> Int {
        try await harness.services.store.read { try await $0.db.raw("SELECT COUNT(*) AS n FROM invest_enquiries").first()?.decode(column: "n", as: Int.self) } ?? 0
    }

    @Test(arguments: TestDatabase.available)
    func anEnquiryRunsFromTheFormToTheAnswerOnTheClock(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            // A Thursday morning in Kyiv, so one working day is Friday.
            harness.clock.set(Date(timeIntervalSince1970: 1_796_284_800))  // 2026-12-03 08:00 UTC
            let site = try await Self.site(harness)
            var investor = Browser(client)
            _ = try await investor.get("/en")
            let form = try await investor.get("/vinnytsia/invest/enquire?site=\(site.id.rawValue)")
            #expect(form.status == .ok && form.body.contains(site.site.title.en) && form.body.contains("1 working day"))
            let sent = try await investor.post("/vinnytsia/invest/enquire", [
                ("siteId", site.id.rawValue), ("name", "Anna Kowalska"), ("email", "anna@furniture.example"), ("company", "Meble Kowalski"),
                ("country", "Poland"), ("phone", ""), ("message", Self.message), ("website", ""),
            ])
            #expect(sent.status == .seeOther)
            let letter = try #require(try await harness.outbox().first { $0.recipient == "anna@furniture.example" })
            #expect(letter.subject.contains("please confirm") && letter.body.contains("Hello, Anna Kowalska"), "in the investor's language")
            let link = try await harness.lastLink(to: "anna@furniture.example")
            #expect(link.contains("/vinnytsia/invest/enquiries/") && link.contains("key="))

            // Managers see nothing before the address is confirmed.
            var manager = Browser(client)
            try await manager.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            #expect(!(try await manager.get("/vinnytsia/admin/invest/enquiries")).body.contains("Anna Kowalska"))

            let page = try await investor.get(link)
            #expect(page.status == .ok && page.body.contains("Confirm and send") && page.headers[.referrerPolicy] == "no-referrer")
            let key = try #require(link.split(separator: "=").last.map(String.init))
            let id = try #require(link.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            #expect(try await investor.post("/vinnytsia/invest/enquiries/\(id)/confirm", [("key", "wrong")]).status == .notFound)
            #expect(try await investor.post("/vinnytsia/invest/enquiries/\(id)/confirm", [("key", key)]).status == .seeOther)
            var stranger = Browser(client)
            #expect(try await stranger.get("/vinnytsia/invest/enquiries/\(id)?key=nope").status == .notFound)
            #expect(try await stranger.get("/zhmerynka/invest/enquiries/\(id)?key=\(key)").status == .notFound)

            // The queue shows it with its clock; a manager takes it and answers.
            let queue = try await manager.get("/vinnytsia/admin/invest/enquiries")
            #expect(queue.body.contains("Anna Kowalska") && queue.body.contains("04.12.2026") || queue.body.contains("05.12.2026"))
            let desk = "/vinnytsia/admin/invest/enquiries/\(id)"
            #expect(try await manager.get(desk).body.contains("anna@furniture.example"))
            #expect(try await manager.post(desk + "/take", []).status == .seeOther)
            #expect(try await manager.post(desk + "/answer", [("text", "")]).status == .unprocessableContent)
            harness.clock.advance(by: 3 * 3_600)
            #expect(try await manager.post(desk + "/answer", [("text", "Thank you! Three plots fit; a shortlist follows today.")]).status == .seeOther)
            #expect(try await manager.post(desk + "/shortlist", [("sites", site.id.rawValue), ("note", "These fit your need.")]).status == .seeOther)
            let answered = try await harness.outbox().filter { $0.recipient == "anna@furniture.example" }
            #expect(answered.contains { $0.subject.contains("has answered") } && answered.contains { $0.subject.contains("sent you 1 site") })

            // The investor reads it by the private link, and may write again.
            let thread = try await investor.get(link)
            #expect(thread.body.contains("Three plots fit") && thread.body.contains("on time") && thread.body.contains(site.site.title.en))
            #expect(try await investor.post("/vinnytsia/invest/enquiries/\(id)/reply", [("key", key), ("text", "When can we visit?")]).status == .seeOther)

            let city = try await harness.city("vinnytsia")
            let figures = try #require(try await harness.services.store.read { try await $0.enquiries.timeliness(in: [city.id], at: harness.clock.now()) }[city.id])
            #expect(figures.onTime >= 1 && figures.counted >= figures.onTime)
            // Another city's manager sees none of it.
            var other = Browser(client)
            try await other.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await other.get("/vinnytsia/admin/invest/enquiries/\(id)").status == .notFound)
            // The audit log has the steps by the enquiry's id, and never the investor's name or address.
            let audit = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 50) }
            #expect(audit.contains { $0.action == AuditAction.investEnquiryAnswered && $0.subject == id })
            #expect(!audit.contains { $0.details.contains("anna@") || $0.details.contains("Kowalsk") })
        }
    }

    @Test func anOverdueEnquiryLeadsTheQueue() async throws {
        try await WebHarness.run { harness, client in
            harness.clock.set(Date(timeIntervalSince1970: 1_796_284_800))
            let city = try await harness.city("vinnytsia")
            func confirmed(_ name: String) async throws -> Enquiry {
                let sent = try await harness.services.enquiries.send(
                    site: nil, name: name, email: "\(name.lowercased())@example.com", company: "", country: "", phone: "", message: Self.message,
                    language: .uk, city: city, clientAddress: "10.0.0.\(name.count)")
                return try await harness.services.enquiries.confirm(sent.id, key: harness.services.enquiries.key(of: sent.id), city: city)
            }
            let early = try await confirmed("Early")
            harness.clock.advance(by: 5 * 86_400)
            _ = try await confirmed("Late")
            var manager = Browser(client)
            try await manager.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            let queue = try await manager.get("/vinnytsia/admin/invest/enquiries").body
            let first = try #require(queue.range(of: "Early")), second = try #require(queue.range(of: "Late"))
            #expect(first.lowerBound < second.lowerBound && queue.contains("Прострочено"))
            #expect(early.firstAnswerDue == WorkingCalendar.martialLaw.deadline(workingDays: 1, after: early.confirmedAt ?? .distantPast))
        }
    }

    @Test func badInputChangesNothingAndTheSenderPaysForTheirOwnFlood() async throws {
        try await WebHarness.run(trustedProxies: [CIDR("127.0.0.1/32"), CIDR("::1/128")].compactMap { $0 }, live: true) { harness, client in
            var visitor = Browser(client)
            visitor.forwardedFor = "203.0.113.7"
            _ = try await visitor.get("/vinnytsia/invest/enquire")
            let before = try await Self.enquiries(harness)
            let bad = try await visitor.post("/vinnytsia/invest/enquire", [("name", "Ivan"), ("email", "not-an-address"), ("message", Self.message)])
            #expect(bad.status == .unprocessableContent && bad.body.contains("aria-invalid"))
            let short = try await visitor.post("/vinnytsia/invest/enquire", [("name", "Ivan"), ("email", "ivan@example.com"), ("message", "Hi")])
            #expect(short.status == .unprocessableContent)
            let robot = try await visitor.post("/vinnytsia/invest/enquire", [
                ("name", "Bot"), ("email", "bot@example.com"), ("message", Self.message), ("website", "http://spam.example"),
            ])
            #expect(robot.status == .seeOther)
            #expect(try await Self.enquiries(harness) == before, "nothing stored")

            // Five an hour from one address; the sixth is a 429, and another address is not held back.
            for n in 0..<5 {
                let sent = try await visitor.post("/vinnytsia/invest/enquire", [("name", "Ivan"), ("email", "ivan\(n)@example.com"), ("message", Self.message)])
                #expect(sent.status == .seeOther)
            }
            #expect(try await visitor.post("/vinnytsia/invest/enquire", [("name", "Ivan"), ("email", "ivan9@example.com"), ("message", Self.message)]).status == .tooManyRequests)
            var neighbour = Browser(client)
            neighbour.forwardedFor = "198.51.100.20"
            _ = try await neighbour.get("/vinnytsia/invest/enquire")
            #expect(try await neighbour.post("/vinnytsia/invest/enquire", [("name", "Olha"), ("email", "olha@example.com"), ("message", Self.message)]).status == .seeOther)

            // The API takes the same, answering 202 without the private link.
            let (status, body) = try await client.json(.post, "/api/v1/vinnytsia/invest/enquiries", body: """
                {"name": "Li Wei", "email": "li@example.com", "message": "\(Self.message)", "language": "en"}
                """)
            #expect(status == .accepted && body["state"] as? String == "awaiting_confirmation" && body["key"] == nil)
            let (refused, problem) = try await client.json(.post, "/api/v1/vinnytsia/invest/enquiries", body: #"{"name": "Li", "email": "li@example.com", "message": "short"}"#)
            #expect(refused == .unprocessableContent && (problem["error"] as? [String: Any])?["field"] as? String == "message")
        }
    }

    @Test(arguments: TestDatabase.available)
    func ofManyAnswersSentAtOnceFromOneVersionOneIsWritten(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            let services = harness.services
            let sent = try await services.enquiries.send(
                site: nil, name: "Race", email: "race@example.com", company: "", country: "", phone: "", message: Self.message, language: .en,
                city: city, clientAddress: "10.9.9.9")
            let confirmed = try await services.enquiries.confirm(sent.id, key: services.enquiries.key(of: sent.id), city: city)
            let moderator = try await harness.principal("vinnytsia.moderator@demo.hromada.ua")
            let results = await withTaskGroup(of: Bool.self) { group in
                for n in 0..<50 {
                    group.addTask { (try? await services.enquiries.answer(sent.id, text: "Answer \(n)", city: city, principal: moderator)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            let stored = try #require(try await services.store.read { try await $0.enquiries.enquiry(sent.id, in: city.id) }).enquiry
            #expect(stored.steps.count == confirmed.steps.count + results.filter { $0 }.count, "every answer written is in the thread once")
            #expect(results.filter { $0 }.count >= 1)
            #expect(stored.steps.filter { $0.kind == .answer }.count == results.filter { $0 }.count)
        }
    }
}
