import Foundation
import HromadaDomain
import HromadaModules
import HromadaStore
import HromadaTestSupport
import Testing
@testable import Business
@testable import HromadaWeb

/// A call's whole cycle through `SupportService`, as its pages will take it:
/// an applicant applies with a document, staff return it once, the fixes
/// come, two members score and a third declares a conflict, the list is
/// decided, the agreement signed and paid, and every step is audited.
@Suite struct SupportCycleTests {
    @Test(arguments: TestDatabase.available) func aCallGoesFromApplicationToPayout(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let services = harness.services, service = SupportService(services: services)
            let city = try await harness.city("vinnytsia")
            let now = harness.clock.now()
            let call = SupportCall(
                id: SupportCallID(rawValue: "grants-2027"), city: city.id, title: LocalizedName(uk: "Гранти для мікробізнесу", en: "Micro grants"),
                description: LocalizedName(uk: "", en: ""), instrument: .grant, fund: Money(hryvnias: 300_000), maximumPerApplicant: Money(hryvnias: 150_000),
                opensAt: now.addingTimeInterval(-3_600), closesAt: now.addingTimeInterval(10 * 86_400),
                eligibility: EligibilityRules(kinds: [.company], sizes: [.micro]),
                criteria: [
                    ScoringCriterion(id: "jobs", title: LocalizedName(uk: "Робочі місця", en: "Jobs"), weight: 70),
                    ScoringCriterion(id: "plan", title: LocalizedName(uk: "План", en: "Plan"), weight: 30),
                ],
                documents: [RequiredDocument(id: "plan", title: LocalizedName(uk: "Бізнес-план", en: "Business plan"))], publishedAt: now)
            try await services.store.write { _ = try await $0.supportCalls.save(call, at: now) }
            let olena = try #require(try await harness.account("olena@demo.hromada.ua")).id
            let andrii = try #require(try await harness.account("andrii@demo.hromada.ua")).id
            let staff = try #require(try await harness.account("vinnytsia.admin@demo.hromada.ua")).id
            let members = [staff, try #require(try await harness.account("vinnytsia.moderator@demo.hromada.ua")).id, try #require(try await harness.account("admin@demo.hromada.ua")).id]

            // Olena, a verified resident, applies for her company; a missing document and a wrong field are both said, and what she typed stays.
            let draft = try await service.start(call.id, city: city, by: olena)
            var form = ApplicationForm()
            form.kind = "company"; form.name = "ТОВ «Кульбабка»"; form.code = "32855961"; form.size = "micro"; form.activity = "56.10"
            form.registeredInHromada = true; form.declaresNoTaxDebt = true; form.employees = "3"; form.projectTitle = "Кав'ярня з інклюзивним наймом"
            form.plan = String(repeating: "Відкриємо кав'ярню і візьмемо на роботу людей з інвалідністю. ", count: 2)
            form.requested = "120000"; form.jobsPlanned = "four"; form.email = "kulbabka@example.com"; form.phone = "+380671234567"
            let id = draft.application.id
            do {
                try await service.submit(id, form: form, city: city, by: olena)
                Issue.record("an incomplete application was sent")
            } catch let refused as SupportService.Refused {
                #expect(refused.problems.map(\.field) == ["jobsPlanned", "document-plan"])
            }
            #expect(try await services.store.read { try await $0.supportApplications.application(id, in: city.id) }?.form.jobsPlanned == "four")
            form.jobsPlanned = "4"
            do {
                try await service.submit(id, form: form, city: city, by: olena)
                Issue.record("an application without its document was sent")
            } catch let refused as SupportService.Refused {
                #expect(refused.problems == [ApplicationReader.Problem(field: "document-plan", key: "business.eligibility.document_missing")])
            }
            let pdf = Array("%PDF-1.4 plan".utf8)
            let attachment = Attachment(
                id: AttachmentID(rawValue: "att-plan"), municipalityID: city.id, owner: UploadOwner(kind: .init(rawValue: "business_application"), id: id.rawValue),
                title: "Бізнес-план", mediaType: "application/pdf", byteCount: pdf.count, sha256: "x", uploadedBy: olena, uploadedAt: now)
            try await services.store.write { tx in
                try await tx.attachments.insert(attachment, bytes: pdf)
                try await tx.supportApplications.attach(attachment.id, as: "plan", to: id)
            }
            try await service.submit(id, form: form, city: city, by: olena)
            // Andrii cannot apply for the same company, and cannot touch Olena's application.
            let his = try await service.start(call.id, city: city, by: andrii).application.id
            try await services.store.write { try await $0.supportApplications.attach(attachment.id, as: "plan", to: his) }
            await #expect(throws: AppError.conflict(code: "business_applicant_applied")) { try await service.submit(his, form: form, city: city, by: andrii) }
            await #expect(throws: AppError.notFound) { try await service.withdraw(id, city: city, by: andrii) }

            // Returned once with a note; fixed; accepted.
            await #expect(throws: AppError.invalid(code: "business_note_missing", field: "note")) {
                try await service.returnForFixes(id, note: " ", city: city, by: staff)
            }
            try await service.returnForFixes(id, note: "Уточніть кошторис", city: city, by: staff)
            form.requested = "110000"
            try await service.submit(id, form: form, city: city, by: olena)
            await #expect(throws: AppError.conflict(code: "business_already_returned")) {
                try await service.returnForFixes(id, note: "Ще раз", city: city, by: staff)
            }
            try await service.accept(id, city: city, by: staff)

            // Two members score; the third declares a conflict and cannot score; out-of-range is refused by field.
            await #expect(throws: AppError.invalid(code: "business_score_out_of_range", field: "score-plan")) {
                try await service.score(id, points: ["jobs": 9, "plan": 11], comments: [:], city: city, by: members[0])
            }
            try await service.score(id, points: ["jobs": 9, "plan": 7], comments: ["jobs": "Чотири місця"], city: city, by: members[0])
            try await service.score(id, points: ["jobs": 7, "plan": 9], comments: [:], city: city, by: members[1])
            try await service.declareConflict(id, city: city, by: members[2])
            await #expect(throws: AppError.forbidden(reason: "business_conflict_declared")) {
                try await service.score(id, points: ["jobs": 1, "plan": 1], comments: [:], city: city, by: members[2])
            }

            // Not before the call closes; then the list: 70·16 + 30·16 over 2·10 = 80 points, awarded.
            await #expect(throws: AppError.conflict(code: "business_call_not_in_review")) { _ = try await service.decide(call.id, city: city, by: staff) }
            harness.clock.advance(by: 11 * 86_400)
            let lines = try await service.decide(call.id, city: city, by: staff)
            #expect(lines.count == 1 && lines[0].verdict == .awarded && lines[0].candidate.total.formatted == "80.00")
            #expect(lines[0].candidate.requested == Money(hryvnias: 110_000))
            let settled = try await services.store.read { try await $0.supportApplications.application(id, in: city.id) }
            #expect(settled?.application.state == .awarded && settled?.rank == 1 && settled?.totalHundredths == 8_000)

            // The agreement and its payouts, within the agreement.
            await #expect(throws: AppError.invalid(code: "business_amount_over_maximum", field: "amount")) {
                _ = try await service.signAgreement(id, amount: Money(hryvnias: 200_000), reference: "Д-1", city: city, by: staff)
            }
            let agreement = try await service.signAgreement(id, amount: Money(hryvnias: 110_000), reference: "Д-1/2027", city: city, by: staff)
            try await service.recordPayout(agreement.id, amount: Money(hryvnias: 60_000), reference: "ПД-1", city: city, by: staff)
            await #expect(throws: AppError.invalid(code: "business_amount_beyond_agreement", field: "amount")) {
                try await service.recordPayout(agreement.id, amount: Money(hryvnias: 60_000), reference: "ПД-2", city: city, by: staff)
            }
            try await service.recordPayout(agreement.id, amount: Money(hryvnias: 50_000), reference: "ПД-2", city: city, by: staff)
            #expect(try await services.store.read { try await $0.supportCalls.call(call.id, in: city.id) }?.position.paid == Money(hryvnias: 110_000))

            // Every step is in the audit log (in any order: entries of one instant), and the code and contacts are not.
            let actions = try await services.store.read { tx in
                try await tx.db.raw("SELECT action, details FROM audit_entries WHERE action LIKE 'business.%' ORDER BY id").all()
                    .map { (try $0.decode(column: "action", as: String.self), try $0.decode(column: "details", as: String.self)) }
            }
            #expect(actions.map(\.0).sorted() == [
                "business.application_submitted", "business.application_returned", "business.application_submitted", "business.application_accepted",
                "business.scored", "business.scored", "business.conflict_declared", "business.list_published", "business.agreement_signed",
                "business.payout_recorded", "business.payout_recorded",
            ].sorted())
            #expect(!actions.contains { $0.1.contains("32855961") || $0.1.contains("kulbabka@") })
            _ = client
        }
    }
}
