import Foundation
import HTTPTypes
import HromadaDomain
import HromadaModules
import HromadaStore
import HromadaTestSupport
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Visit

/// The standard's pages besides the walk: the door's verification of a
/// valid, an expired and a withdrawn certificate (on the demo's places),
/// the printable certificate's QR code, ratings and reports with the
/// complaints' flag, who may assess where, bad input that changes nothing,
/// the background's expiry and reminders, and the open data.
@Suite struct VisitCertificationPagesTests {
    static let valid = "/vinnytsia/visit/standard/certificates/demo-4-kofein"
    static let expired = "/vinnytsia/visit/standard/certificates/demo-7-hostel-vezha"
    static let withdrawn = "/vinnytsia/visit/standard/certificates/demo-8-fontan"

    @Test(arguments: TestDatabase.available)
    func aVisitorSeesAValidAnExpiredAndAWithdrawnCertificateUnmistakably(_ database: TestDatabase) async throws {
        try await VisitCertificationFixture.run(database, emptied: false) { harness, client in
            var visitor = Browser(client)
            let valid = try await visitor.get(Self.valid)
            #expect(valid.status == .ok && valid.body.contains(#"class="cert-status cert-valid""#) && valid.body.contains("Сертифікат чинний"))
            #expect(valid.body.contains("«Кофеїн на Соборній»") && valid.body.contains("Увійдіть, щоб оцінити заклад"))
            #expect(valid.headers[.cacheControl] == "no-cache")
            let expired = try await visitor.get(Self.expired)
            #expect(expired.body.contains(#"class="cert-status cert-expired""#) && expired.body.contains("Строк дії минув") && !expired.body.contains("Увійдіть, щоб оцінити"))
            let withdrawn = try await visitor.get(Self.withdrawn)
            #expect(withdrawn.body.contains(#"class="cert-status cert-withdrawn""#) && withdrawn.body.contains("Сертифікат відкликано"))
            #expect(withdrawn.body.contains("брудна кухня й відсутня книга відгуків"))
            // The register lists the valid and the expiring, never the expired or withdrawn.
            let register = try await visitor.get("/vinnytsia/visit/standard")
            #expect(register.body.contains(Self.valid) && !register.body.contains(Self.expired) && !register.body.contains(Self.withdrawn))
            #expect(register.body.contains("Сертифіковано з відзнакою") && register.body.contains("data-map"))
            // Another city has none of Вінниця's certificates.
            #expect(try await visitor.get("/zhmerynka/visit/standard/certificates/demo-4-kofein").status == .notFound)
            // A city that has not adopted the standard says so, and is no error.
            let none = try await visitor.get("/zhmerynka/visit/standard")
            #expect(none.status == .ok && none.body.contains("ще не запровадила стандарт гостинності"))
            // In English too.
            try await visitor.get("/en?next=/vinnytsia/visit/standard/certificates/demo-4-kofein")
            #expect(try await visitor.get(Self.valid).body.contains("Certificate valid"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCertificatesQRCodeHoldsTheAbsoluteAddressOfItsVerificationPage(_ database: TestDatabase) async throws {
        try await VisitCertificationFixture.run(database, emptied: false) { harness, client in
            let page = try await VisitCertificationFixture.visit(client, Self.valid + "/print")
            let address = harness.services.configuration.publicBaseURL + Self.valid
            let symbol = try #require(QRCode(text: address, correction: .medium))
            #expect(page.status == .ok && page.body.contains(symbol.svg(label: "QR-код: перевірка сертифіката")) && page.body.contains(address))
        }
    }

    @Test(arguments: TestDatabase.available)
    func visitorsRateOnceInThirtyDaysAndThreeReportsFlagThePlaceAndMailTheStaff(_ database: TestDatabase) async throws {
        try await VisitCertificationFixture.run(database, emptied: false) { harness, client in
            // Андрій rated the café in the demo 10 days ago: not again within 30 days.
            var andrii = try await VisitCertificationFixture.andrii(client)
            try await andrii.get(Self.valid)
            let again = try await andrii.post(Self.valid + "/rate", [("stars", "1")])
            #expect(again.status == .conflict && again.body.contains("протягом останніх 30 днів"))
            let rater = try await harness.makeAccount("rater@example.com")
            var visitor = Browser(client)
            try await visitor.signIn(rater.email.rawValue)
            try await visitor.get(Self.valid)
            let badStars = try await visitor.post(Self.valid + "/rate", [("stars", "99999999999999999999")])
            #expect(badStars.status == .unprocessableContent && badStars.body.contains("Оберіть оцінку від 1 до 5."))
            #expect(try await visitor.post(Self.valid + "/rate", [("stars", "2")]).location == Self.valid + "?done=rated")
            #expect(try await visitor.get(Self.valid + "?done=rated").body.contains("Дякуємо за оцінку!"))
            // A report too short keeps what was typed.
            let short = try await andrii.post(Self.valid + "/report", [("report", "Погано")])
            #expect(short.status == .unprocessableContent && short.body.contains("від 10 до 2000 знаків") && short.body.contains(">Погано</textarea>"))
            // Three reports from three people make the pattern: flagged on the desk, staff mailed.
            let olena = try await VisitCertificationFixture.olena(client)
            var third = Browser(client)
            let stranger = try await harness.makeAccount("guest@example.com")
            try await third.signIn(stranger.email.rawValue)
            for (index, browser) in [andrii, olena, third].enumerated() {
                var person = browser
                try await person.get(Self.valid)
                #expect(try await person.post(Self.valid + "/report", [("report", "Чекали замовлення годину, скарга номер \(index + 1).")]).location == Self.valid + "?done=reported")
            }
            let stored = try await VisitCertificationFixture.stored(harness, place: "demo-cert-kofein")
            #expect(stored.certification.flaggedAt != nil)
            let letters = try await harness.outbox().filter { $0.recipient == "vinnytsia.admin@demo.hromada.ua" && $0.subject.contains("Кофеїн на Соборній") }
            #expect(letters.count == 1)
            var admin = try await VisitCertificationFixture.admin(client)
            let desk = try await admin.get("/vinnytsia/admin/visit/certification")
            #expect(desk.body.contains("Потрібне повторне оцінювання (скарги)") && desk.body.contains("/vinnytsia/admin/visit/certification/demo-cert-4"))
            // The reports are the staff's only: never on the public page.
            #expect(!(try await VisitCertificationFixture.visit(client, Self.valid).body.contains("Чекали замовлення")))
            // Staff order a re-assessment; the owner is asked to book.
            #expect(try await admin.get("/vinnytsia/admin/visit/certification/demo-cert-4").body.contains("Чекали замовлення"))
            #expect(try await admin.post("/vinnytsia/admin/visit/certification/demo-cert-4/reassess", []).location == "/vinnytsia/admin/visit/certification/demo-cert-4")
            #expect(try await VisitCertificationFixture.stored(harness, place: "demo-cert-kofein").certification.maybeBooked)
            // Withdrawing needs a reason; with one, the door says withdrawn.
            let noReason = try await admin.post("/vinnytsia/admin/visit/certification/demo-cert-4/withdraw", [("reason", " ")])
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("Вкажіть причину: від 5 до 500 знаків."))
            #expect(try await admin.post("/vinnytsia/admin/visit/certification/demo-cert-4/withdraw", [("reason", "Підтверджені скарги на обслуговування.")]).status == .seeOther)
            let door = try await VisitCertificationFixture.visit(client, Self.valid)
            #expect(door.body.contains("cert-withdrawn") && door.body.contains("Підтверджені скарги на обслуговування."))
            let city = try await harness.city("vinnytsia").id
            let actions = try await harness.services.store.read { try await $0.audit.recentEntries(in: city, limit: 100) }.map(\.action)
            #expect(actions.contains(AuditAction.visitCertFlagged) && actions.contains(AuditAction.visitCertWithdrawn))
        }
    }

    @Test(arguments: TestDatabase.available)
    func anotherCitysStaffAndSomeoneWithoutTheCapabilityFindNothingAndAnotherAssessorIsForbidden(_ database: TestDatabase) async throws {
        try await VisitCertificationFixture.run(database, emptied: false) { harness, client in
            let hotel = "/vinnytsia/admin/visit/assessments/demo-cert-2"
            var zhmerynka = try await VisitCertificationFixture.signedIn(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await zhmerynka.get(hotel).status == .notFound)
            #expect(try await zhmerynka.get("/vinnytsia/admin/visit/certification").status == .notFound)
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(try await moderator.get(hotel).status == .notFound)
            var olena = try await VisitCertificationFixture.olena(client)
            #expect(try await olena.get("/vinnytsia/admin/visit/certification").status == .notFound)
            #expect(try await olena.post(hotel + "/sections/welcome", VisitCertificationFixture.section(.welcome)).status == .notFound)
            #expect(try await VisitCertificationFixture.visit(client, hotel).status == .unauthorized)
            // An assessor of the city who is not the booked one sees the sheet but may not change it.
            let other = try await harness.makeAccount("assessor2@example.com")
            try await harness.services.roles.grant(.capability(.visitAssess), to: other.id, in: try await harness.city("vinnytsia").id, by: nil)
            var second = Browser(client)
            try await second.signIn("assessor2@example.com")
            #expect(try await second.get(hotel).body.contains("призначене іншому оцінювачу"))
            #expect(try await second.post(hotel + "/sections/welcome", VisitCertificationFixture.section(.welcome)).status == .forbidden)
            // Another's application and its evidence are nobody else's business.
            #expect(try await olena.get("/vinnytsia/visit/standard/applications/demo-cert-2").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func badInputGetsAClearMessageBesideItsFieldAndChangesNothing(_ database: TestDatabase) async throws {
        try await VisitCertificationFixture.run(database, emptied: false) { harness, client in
            let hotel = "/vinnytsia/admin/visit/assessments/demo-cert-2"
            var admin = try await VisitCertificationFixture.admin(client)
            try await admin.get(hotel)
            let before = try await VisitCertificationFixture.stored(harness, place: "demo-cert-hotel-podillia")
            // A mark of a criterion the version lacks.
            let unknown = try await admin.post(hotel + "/sections/welcome", VisitCertificationFixture.section(.welcome) + [("mark.parking", "met")])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("У цій версії чек-листа немає такого критерію."))
            // Not applicable on a required criterion: beside it, with what was typed kept.
            var fields = VisitCertificationFixture.section(.welcome, notes: ["english": "Адміністраторка говорить лише українською"])
            fields[fields.firstIndex { $0.0 == "mark.english" } ?? 0] = ("mark.english", "na")
            let required = try await admin.post(hotel + "/sections/welcome", fields)
            #expect(required.status == .unprocessableContent && required.body.contains("критерій не може бути «не стосується»"))
            #expect(required.body.contains("Адміністраторка говорить лише українською</textarea>") && required.body.contains(#"id="mark.english-error""#))
            #expect(required.body.contains(#"aria-invalid="true""#))
            // A mark that is no mark, and a photo that is not an image.
            #expect(try await admin.post(hotel + "/sections/welcome", [("mark.greeting", "maybe")]).status == .unprocessableContent)
            let notImage = try await admin.upload(hotel + "/photos", [("criterion", "clean"), ("caption", "Кухня")],
                                                  file: ("photo", "kitchen.jpg", "image/jpeg", Array("<?php echo 'not an image'; ?>".utf8)))
            #expect(notImage.status == .unprocessableContent && notImage.body.contains(#"value="clean" selected"#))
            // A submission with unmarked criteria is refused.
            let early = try await admin.post(hotel + "/submit", [])
            #expect(early.status == .unprocessableContent && early.body.contains("Оцініть усі критерії"))
            let after = try await VisitCertificationFixture.stored(harness, place: "demo-cert-hotel-podillia")
            #expect(after == before)
            let city = try await harness.city("vinnytsia").id
            #expect(try await harness.services.store.read { try await $0.photos.photos(of: .visitCertification(before.certification.id), in: city) }.isEmpty)
            // A slot in the past or with someone who does not assess is refused beside its field.
            try await admin.get("/vinnytsia/admin/visit/certification")
            let past = try await admin.post("/vinnytsia/admin/visit/certification/slots", [("startsAt", "2020-01-01T10:00"), ("assessor", "vinnytsia.admin@demo.hromada.ua")])
            #expect(past.status == .unprocessableContent && past.body.contains("Ця дата вже минула.") && past.body.contains(#"value="2020-01-01T10:00""#))
            let stranger = try await admin.post("/vinnytsia/admin/visit/certification/slots", [("startsAt", "2099-01-01T10:00"), ("assessor", "olena@demo.hromada.ua")])
            #expect(stranger.status == .unprocessableContent && stranger.body.contains("Це не email людини, що оцінює заклади"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func certificatesPastTheirDateExpireWithAnAuditEntryAndTheirOwnersAreRemindedOnce(_ database: TestDatabase) async throws {
        try await VisitCertificationFixture.run(database, emptied: false) { harness, client in
            let service = CertificationService(services: harness.services)
            // The restaurant's certificate ends in 20 days: the 30-day letter, once.
            #expect(try await service.remind() >= 1)
            #expect(try await service.remind() == 0)
            let letters = try await harness.outbox().filter { $0.recipient == "vinnytsia.host5@demo.hromada.ua" }
            #expect(letters.count == 1 && letters.first?.subject == "Сертифікат «Ресторан «Подільська кухня»» спливає через 30 днів")
            harness.clock.advance(by: 21 * 86_400)
            #expect(try await service.expire() == 1)
            #expect(try await VisitCertificationFixture.stored(harness, place: "demo-cert-podilska-kukhnia").certification.state == .expired)
            let city = try await harness.city("vinnytsia").id
            #expect(try await harness.services.store.read { try await $0.audit.recentEntries(in: city, limit: 50) }.contains { $0.action == AuditAction.visitCertExpired && $0.subject == "demo-6-podilska-kukhnia" })
            #expect(try await VisitCertificationFixture.visit(client, "/vinnytsia/visit/standard/certificates/demo-6-podilska-kukhnia").body.contains("cert-expired"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theRegistersOpenDataHasEveryCertificateAndNothingPersonal(_ database: TestDatabase) async throws {
        try await VisitCertificationFixture.run(database, emptied: false) { _, client in
            let csv = try await VisitCertificationFixture.visit(client, "/api/v1/vinnytsia/open-data/visit/certificates.csv")
            #expect(csv.status == .ok)
            let lines = csv.body.split(whereSeparator: \.isNewline)
            #expect(lines.first?.hasPrefix("certificateId,municipality,placeId,place,placeEn,placeKind,latitude,longitude,level,status") == true)
            #expect(lines.count == 7 && csv.body.contains("demo-4-kofein") && csv.body.contains("withdrawn") && csv.body.contains("expired"))
            for personal in ["+380", "@", "Оксана", "Чекали"] { #expect(!csv.body.contains(personal), "open data holds \(personal)") }
            let list = try await VisitCertificationFixture.visit(client, "/api/v1/vinnytsia/open-data")
            #expect(list.body.contains("visit/certificates"))
        }
    }
}
