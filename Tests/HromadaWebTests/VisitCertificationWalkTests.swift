import Foundation
import HTTPTypes
import HromadaDomain
import HromadaModules
import HromadaStore
import HromadaTestSupport
import HummingbirdTesting
import SQLKit
import Testing
@testable import HromadaWeb
@testable import Visit

/// What the hospitality standard's web tests start from: the demo's people,
/// places and Вінниця's checklist, with the demo's certifications emptied
/// (their cafés would otherwise stand in the lists these tests count).
enum VisitCertificationFixture {
    static func run(_ database: TestDatabase, emptied: Bool = true, _ body: @escaping @Sendable (WebHarness, any TestClientProtocol) async throws -> Void) async throws {
        try await WebHarness.run(database) { harness, client in
            if emptied {
                try await harness.services.store.write { tx in
                    for table in ["visit_cert_reports", "visit_cert_ratings", "visit_cert_slots", "visit_certificates", "visit_certifications"] {
                        try await tx.db.raw("DELETE FROM \(unsafeRaw: table)").run()
                    }
                }
            }
            try await body(harness, client)
        }
    }

    static let checklist = CertificationDemoSeeder.checklistV1

    /// A page as a visitor who is not signed in sees it.
    static func visit(_ client: any TestClientProtocol, _ path: String) async throws -> Browser.Page {
        var browser = Browser(client)
        return try await browser.get(path)
    }

    /// Every criterion of a section marked as given (met unless named), as the section's form sends it.
    static func section(_ section: StandardSection, notMet: Set<String> = [], notes: [String: String] = [:]) -> [(String, String)] {
        checklist.criteria(in: section).flatMap { criterion in
            [("mark.\(criterion.id)", notMet.contains(criterion.id) ? "not_met" : "met"), ("note.\(criterion.id)", notes[criterion.id] ?? "")]
        }
    }

    /// The whole checklist as one form (the self-assessment).
    static func whole() -> [(String, String)] { checklist.sections.flatMap { section($0) } }

    static func signedIn(_ client: any TestClientProtocol, _ email: String, _ password: String) async throws -> Browser {
        var browser = Browser(client)
        try await browser.signIn(email, password)
        return browser
    }

    static func olena(_ client: any TestClientProtocol) async throws -> Browser { try await signedIn(client, "olena@demo.hromada.ua", "resident-demo-2026") }
    static func andrii(_ client: any TestClientProtocol) async throws -> Browser { try await signedIn(client, "andrii@demo.hromada.ua", "resident-demo-2026") }
    static func admin(_ client: any TestClientProtocol) async throws -> Browser { try await signedIn(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026") }

    static func stored(_ harness: WebHarness, place: String = "demo-cert-dim-kavy") async throws -> CertificationRepository.Stored {
        let city = try await harness.city("vinnytsia").id
        return try #require(try await harness.services.store.read { try await $0.certification.certification(place: PlaceID(rawValue: place), in: city) })
    }

    /// Staff offer a slot two days on (Kyiv time) with the admin as the assessor; its id.
    static func offerSlot(_ staff: inout Browser, _ harness: WebHarness, days: Double = 2) async throws -> String {
        let when = DateText.kyivInput(harness.clock.now().addingTimeInterval(days * 86_400))
        try await staff.get("/vinnytsia/admin/visit/certification")
        let offered = try await staff.post("/vinnytsia/admin/visit/certification/slots", [("startsAt", when), ("assessor", "vinnytsia.admin@demo.hromada.ua")])
        #expect(offered.status == .seeOther)
        let city = try await harness.city("vinnytsia").id, now = harness.clock.now()
        let free = try await harness.services.store.read { try await $0.certification.slots(in: city, from: now, freeOnly: true) }
        return try #require(free.first { DateText.kyivInput($0.startsAt) == when }).id.rawValue
    }
}

/// The done-when walk of the standard, through the pages' own forms: an
/// application, a self-assessment, a booking; an assessor on a phone fills
/// the checklist section by section with a photo, fails a required
/// criterion (no certificate); a re-assessment passes and the certificate
/// is issued; the audit log has both assessments.
@Suite struct VisitCertificationWalkTests {
    @Test(arguments: TestDatabase.available)
    func anAssessorFailsARequiredCriterionThenAReassessmentPassesAndTheAuditHasBoth(_ database: TestDatabase) async throws {
        try await VisitCertificationFixture.run(database) { harness, client in
            var olena = try await VisitCertificationFixture.olena(client)
            // The standard's page explains it and offers to apply.
            let standard = try await olena.get("/vinnytsia/visit/standard")
            #expect(standard.status == .ok && standard.body.contains("Чистота та безпека") && standard.body.contains("Оплата карткою"))
            #expect(standard.body.contains("/vinnytsia/visit/standard/apply"))
            #expect(try await olena.get("/vinnytsia/visit/standard/apply").body.contains("«Дім кави»"))
            // A phone that is not one is refused beside its field, the place chosen kept.
            let badPhone = try await olena.post("/vinnytsia/visit/standard/apply", [("place", "demo-cert-dim-kavy"), ("phone", "дзвоніть")])
            #expect(badPhone.status == .unprocessableContent && badPhone.body.contains("Вкажіть телефон: 7–20 цифр.") && badPhone.body.contains(#"value="demo-cert-dim-kavy" selected"#))
            let applied = try await olena.post("/vinnytsia/visit/standard/apply", [("place", "demo-cert-dim-kavy"), ("phone", "+380 67 123 45 67")])
            let application = try #require(applied.location)
            #expect(try await olena.get(application).body.contains("Заявку подано"))
            // Someone else cannot apply for the same place, nor see Олена's application.
            var andrii = try await VisitCertificationFixture.andrii(client)
            try await andrii.get("/vinnytsia/visit/standard/apply")
            let taken = try await andrii.post("/vinnytsia/visit/standard/apply", [("place", "demo-cert-dim-kavy"), ("phone", "+380671112233")])
            #expect(taken.status == .conflict && taken.body.contains("На цей заклад уже подано заявку."))
            #expect(try await andrii.get(application).status == .notFound)

            // The self-assessment, whole, then evidence.
            #expect(try await olena.post(application + "/self-assessment", VisitCertificationFixture.whole()).location == application + "?done=1")
            let photo = try await olena.upload(application + "/photos", [("caption", "Вхід із пандусом")], file: ("photo", "entrance.png", "image/png", SampleImages.png()))
            #expect(photo.location == application + "?done=1")
            let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
            #expect(try await olena.upload(application + "/documents", [("title", "Акт пожежної перевірки")], file: ("document", "fire.pdf", "application/pdf", pdf)).location != nil)
            let evidence = try await olena.get(application)
            #expect(evidence.body.contains("Самооцінку подано") && evidence.body.contains("Вхід із пандусом") && evidence.body.contains("Акт пожежної перевірки"))

            // Staff offer a slot; Олена books it.
            var admin = try await VisitCertificationFixture.admin(client)
            let slot = try await VisitCertificationFixture.offerSlot(&admin, harness)
            try await olena.get(application)
            #expect(try await olena.post(application + "/book", [("slot", slot)]).location == application + "?done=1")
            #expect(try await olena.get(application).body.contains("Оцінювання призначено на"))
            let id = try await VisitCertificationFixture.stored(harness).certification.id
            let assessment = "/vinnytsia/admin/visit/assessments/\(id.rawValue)"

            // The assessor on a phone: section by section, a photo of the card terminal, payment failed.
            let list = try await admin.get("/vinnytsia/admin/visit/assessments")
            #expect(list.body.contains(assessment) && list.body.contains("«Дім кави»"))
            let sheet = try await admin.get(assessment)
            #expect(sheet.status == .ok && sheet.body.contains(#"data-keep="visit-assessment-\#(id.rawValue)-welcome""#) && sheet.body.contains("/static/visit-assessment.js"))
            #expect(sheet.body.contains(#"name="viewport""#))
            for section in VisitCertificationFixture.checklist.sections {
                let fields = VisitCertificationFixture.section(section, notMet: ["cards"], notes: ["cards": "Термінал не працює, лише готівка."])
                let saved = try await admin.post(assessment + "/sections/\(section.rawValue)", fields)
                #expect(saved.location == assessment + "?saved=\(section.rawValue)#section-\(section.rawValue)")
            }
            let withPhoto = try await admin.upload(assessment + "/photos", [("criterion", "cards"), ("caption", "Термінал вимкнено")],
                                                   file: ("photo", "terminal.jpg", "image/jpeg", SampleImages.jpeg()))
            #expect(withPhoto.location == assessment + "#photos")
            let draft = try await VisitCertificationFixture.stored(harness).certification.draft
            #expect(draft?.answers["cards"]?.photos.count == 1 && draft?.answers["cards"]?.note == "Термінал не працює, лише готівка.")
            #expect(try await admin.get(assessment).body.contains("/vinnytsia/visit/standard/applications/\(id.rawValue)/photos/"))
            #expect(try await admin.post(assessment + "/submit", []).location == assessment)
            var stored = try await VisitCertificationFixture.stored(harness)
            #expect(stored.certification.state == .notCertified && stored.certification.rounds.last?.outcome.requiredFailed == ["cards"])
            let failedPage = try await olena.get(application)
            #expect(failedPage.body.contains("Не сертифіковано") && failedPage.body.contains("Оплата карткою"))
            // No certificate can be issued from a failed assessment.
            let desk = "/vinnytsia/admin/visit/certification/\(id.rawValue)"
            #expect(!(try await admin.get(desk).body.contains(desk + "/issue")))
            #expect(try await admin.post(desk + "/issue", []).status == .conflict)

            // The re-assessment: a new slot, everything met, the certificate issued.
            let second = try await VisitCertificationFixture.offerSlot(&admin, harness, days: 5)
            try await olena.get(application)
            #expect(try await olena.post(application + "/book", [("slot", second)]).location == application + "?done=1")
            try await admin.get(assessment)
            for section in VisitCertificationFixture.checklist.sections {
                #expect(try await admin.post(assessment + "/sections/\(section.rawValue)", VisitCertificationFixture.section(section)).status == .seeOther)
            }
            #expect(try await admin.post(assessment + "/submit", []).location == assessment)
            #expect(try await VisitCertificationFixture.stored(harness).certification.state == .assessed)
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/issue", []).location == desk)
            stored = try await VisitCertificationFixture.stored(harness)
            #expect(stored.certification.state == .certified && stored.certification.rounds.count == 2)
            let certificate = try #require(stored.certification.certificate)
            let verify = try await VisitCertificationFixture.visit(client, "/vinnytsia/visit/standard/certificates/\(certificate.rawValue)")
            #expect(verify.status == .ok && verify.body.contains("Сертифікат чинний") && verify.body.contains("Сертифіковано з відзнакою"))
            #expect(try await olena.get("/vinnytsia/visit/standard").body.contains("/vinnytsia/visit/standard/certificates/\(certificate.rawValue)"))

            // The audit log: both assessments, failed and passing, and the certificate.
            let city = try await harness.city("vinnytsia").id
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: city, limit: 200) }.filter { $0.subject == id.rawValue }
            let assessed = entries.filter { $0.action == AuditAction.visitCertAssessed }.map(\.details)
            #expect(assessed.count == 2)
            #expect(assessed.contains { $0.contains(#""level":"not_certified""#) && $0.contains(#""requiredFailed":"cards""#) })
            #expect(assessed.contains { $0.contains(#""level":"certified_with_distinction""#) })
            #expect(entries.contains { $0.action == AuditAction.visitCertIssued })
            #expect(!entries.contains { $0.details.contains("+380") || $0.details.contains("Олена") })
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoHundredApplicationsAtOnceByOnePersonLeaveOneAndTwoDecisionsOneCertificate(_ database: TestDatabase) async throws {
        try await VisitCertificationFixture.run(database) { harness, _ in
            let city = try await harness.city("vinnytsia"), cityID = city.id
            let olena = try #require(try await harness.account("olena@demo.hromada.ua")).id
            let service = CertificationService(services: harness.services)
            let made = try await withThrowingTaskGroup(of: CertificationID.self) { group in
                for _ in 0..<200 { group.addTask { try await service.apply(place: "demo-cert-dim-kavy", phone: "+380671234567", city: city, by: olena).id } }
                return try await group.reduce(into: Set<CertificationID>()) { $0.insert($1) }
            }
            #expect(made.count == 1)
            let all = try await harness.services.store.read { try await $0.certification.certifications(in: cityID) }
            #expect(all.count == 1)
            let applied = try await harness.services.store.read { try await $0.audit.recentEntries(in: cityID, limit: 500) }
            #expect(applied.filter { $0.action == AuditAction.visitCertApplied }.count == 1)

            // Assessed and passing; two staff decide at once: one certificate.
            let admin = try #require(try await harness.account("vinnytsia.admin@demo.hromada.ua")).id
            let checklist = VisitCertificationFixture.checklist, whole = CertificationDemoSeeder.sheet(checklist), now = harness.clock.now()
            var ready = all[0].certification
            try ready.selfAssess(whole, on: checklist)
            try ready.book(AssessmentBooking(slot: AssessmentSlotID(rawValue: "s"), startsAt: now + 60, assessor: admin), checklist: checklist, at: now)
            for section in checklist.sections {
                try ready.saveSection(section, whole.answers.filter { checklist.criterion($0.key)?.section == section }, on: checklist, by: admin)
            }
            _ = try ready.submitAssessment(on: checklist, by: admin, at: now)
            let final = ready, revision = all[0].revision
            #expect(try await harness.services.store.write { try await $0.certification.update(final, from: revision, at: now) })
            let issued = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do {
                            _ = try await service.issue(final.id, city: city, by: admin)
                            return true
                        } catch AppError.conflict {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(issued == 1)
            let certificates = try await harness.services.store.read { try await $0.certification.certificates(in: cityID) }
            #expect(certificates.count == 1)
        }
    }
}
