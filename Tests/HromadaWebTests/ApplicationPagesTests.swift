import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import Testing
@testable import Business
@testable import HromadaWeb

/// The applicant's pages: apply from a call's page, fill the steps (each
/// kept as a draft), attach the PDF, see every problem at once on the
/// review, send; nobody else sees the application.
@Suite struct ApplicationPagesTests {
    @Test(arguments: TestDatabase.available) func aResidentAppliesInStepsWithAPDFAndSendsIt(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            let now = harness.clock.now()
            let call = BusinessFixture.call(city: city.id, now: now)
            try await harness.services.store.write { _ = try await $0.supportCalls.save(call, at: now) }

            // Signed out, the button leads to signing in.
            var stranger = Browser(client)
            #expect(try await stranger.get("/vinnytsia/business/calls/micro").body.contains("Подати заявку"))
            #expect(try await stranger.post("/vinnytsia/business/calls/micro/apply", []).location?.hasPrefix("/login") == true)

            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let started = try await olena.post("/vinnytsia/business/calls/micro/apply", [])
            let location = try #require(started.location)
            #expect(started.status == .seeOther && location.hasSuffix("?step=applicant"))
            let base = String(location.prefix { $0 != "?" })
            // Applying again opens the same application.
            #expect(try await olena.post("/vinnytsia/business/calls/micro/apply", []).location == location)

            let applicant = try await olena.post(base, [
                ("step", "applicant"), ("go", "project"), ("kind", "company"), ("name", "ТОВ «Кульбабка»"), ("code", "32855961"), ("size", "micro"),
                ("activity", "56.10"), ("employees", "3"),
            ])
            #expect(applicant.location == base + "?step=project")
            // What was typed is there when she comes back, and a wrong amount is kept as typed until she sends.
            #expect(try await olena.get(base + "?step=applicant").body.contains(#"value="ТОВ «Кульбабка»""#))
            _ = try await olena.post(base, [
                ("step", "project"), ("go", "declarations"), ("projectTitle", "Кав'ярня"), ("requested", "сто тисяч"), ("jobsPlanned", "2"),
                ("plan", String(repeating: "Відкриємо кав'ярню з інклюзивним наймом. ", count: 3)),
            ])
            #expect(try await olena.get(base + "?step=project").body.contains(#"value="сто тисяч""#))
            _ = try await olena.post(base, [
                ("step", "declarations"), ("go", "documents"), ("email", "kulbabka@example.com"), ("phone", "+380671234567"),
                ("registeredInHromada", "yes"), ("declaresNoTaxDebt", "yes"),
            ])
            // The review names both problems at once, each a link to its step.
            let review = try await olena.post(base, [("step", "review"), ("go", "submit")])
            #expect(review.status == .ok && review.body.contains("Сума в гривнях") && review.body.contains("Додайте цей документ (PDF)."))
            #expect(review.body.contains("?step=project#requested") && review.body.contains("?step=documents#document-plan"))
            // A file that is not a PDF is refused beside its field; the PDF is attached.
            let png = try await olena.upload(base + "/documents/plan", [], file: ("document", "plan.pdf", "application/pdf", SampleImages.png()))
            #expect(png.status == .ok && png.body.contains("aria-invalid"))
            let uploaded = try await olena.upload(base + "/documents/plan", [], file: ("document", "plan.pdf", "application/pdf", BusinessFixture.pdf))
            #expect(uploaded.location == base + "?step=documents")
            _ = try await olena.post(base, [
                ("step", "project"), ("go", "review"), ("projectTitle", "Кав'ярня"), ("requested", "95000"), ("jobsPlanned", "2"),
                ("plan", String(repeating: "Відкриємо кав'ярню з інклюзивним наймом. ", count: 3)),
            ])
            let sent = try await olena.post(base, [("step", "review"), ("go", "submit")])
            #expect(sent.location == base + "?sent=1")
            let status = try await olena.get(base + "?sent=1")
            #expect(status.body.contains("Заявку подано") && status.body.contains("Подано, перевіряється") && !status.body.contains(#"name="step""#))

            // Another resident sees neither the application nor its PDF.
            var andrii = Browser(client)
            try await andrii.signIn("andrii@demo.hromada.ua", "resident-demo-2026")
            #expect(try await andrii.get(base).status == .notFound)
            let owner = try #require(try await harness.account("olena@demo.hromada.ua")).id
            let stored = try await harness.services.store.read { try await $0.supportApplications.application(of: owner, to: call.id) }
            let applicationID = try #require(stored).application.id
            let documents = try await harness.services.store.read { try await $0.supportApplications.documents(of: applicationID) }
            let pdfURL = base + "/documents/" + (documents["plan"]?.rawValue ?? "")
            let hers = try await olena.get(pdfURL), his = try await andrii.get(pdfURL)
            #expect(hers.status == .ok && his.status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func aLateSubmissionIsSaidOnTheReviewAndTheDraftStaysWhole(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            let now = harness.clock.now()
            let call = BusinessFixture.call(city: city.id, now: now, documents: false, closesIn: 3_600)
            try await harness.services.store.write { _ = try await $0.supportCalls.save(call, at: now) }
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let base = String(try #require(try await olena.post("/vinnytsia/business/calls/micro/apply", []).location).prefix { $0 != "?" })
            // The whole form typed in time, but sent after the call closed.
            let owner = try #require(try await harness.account("olena@demo.hromada.ua")).id
            let draft = try #require(try await harness.services.store.read { try await $0.supportApplications.application(of: owner, to: call.id) })
            #expect(try await harness.services.store.write { try await $0.supportApplications.update(draft.application, form: BusinessFixture.form(), fromVersion: draft.version) })
            harness.clock.advance(by: 2 * 3_600)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let late = try await olena.post(base, [("step", "review"), ("go", "submit")])
            #expect(late.status == .ok && late.body.contains("Конкурс зараз не приймає заявок."))
            let stored = try #require(try await harness.services.store.read { try await $0.supportApplications.application(of: owner, to: call.id) })
            #expect(stored.application.state == .draft && stored.form.name == "ТОВ «Кульбабка»" && stored.form.code == "32855961")
        }
    }
}
