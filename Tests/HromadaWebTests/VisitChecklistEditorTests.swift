import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Visit

/// The standard's checklist revised by its staff: the next version
/// published whole, criteria keeping their ids, assessments already made
/// keeping theirs, and a form with a problem publishing nothing.
@Suite struct VisitChecklistEditorTests {
    static func pairs(_ form: FormData) -> [(String, String)] {
        form.fields.sorted { $0.key < $1.key }.flatMap { name, values in values.map { (name, $0) } }
    }

    @Test(arguments: TestDatabase.available) func staffPublishTheNextVersionAndEarlierAssessmentsKeepTheirs(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            let current = try #require(try await harness.services.store.read { try await $0.certification.currentChecklist(in: city.id) })
            #expect(current.version == 1)
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let page = try await admin.get("/vinnytsia/admin/visit/certification/checklist")
            #expect(page.status == .ok && page.body.contains(current.criteria[0].title.uk.replacingOccurrences(of: "'", with: "&#39;")))
            var fields = ChecklistEditorPages.form(of: current).fields
            let last = current.criteria.count
            // A weight out of range: refused beside its field, nothing published.
            fields["weight_0"] = ["11"]
            let refused = try await admin.post("/vinnytsia/admin/visit/certification/checklist", Self.pairs(FormData(fields: fields)))
            #expect(refused.status == .unprocessableContent && refused.body.contains("Вага — ціле число від 1 до 10.") && refused.body.contains(#"value="11""#))
            #expect(try await harness.services.store.read { try await $0.certification.currentChecklist(in: city.id) }?.version == 1)
            // The first criterion removed, the second reworded, one added, the thresholds raised.
            fields["weight_0"] = ["3"]
            fields["titleUk_0"] = [""]
            fields["titleEn_0"] = [""]
            fields["titleEn_1"] = ["Reworded"]
            fields["section_\(last)"] = ["payment"]
            fields["titleUk_\(last)"] = ["Оплата через NFC-браслет"]
            fields["titleEn_\(last)"] = ["Payment by NFC wristband"]
            fields["weight_\(last)"] = ["2"]
            fields["certified"] = ["75"]
            fields["distinction"] = ["95"]
            let published = try await admin.post("/vinnytsia/admin/visit/certification/checklist", Self.pairs(FormData(fields: fields)))
            #expect(published.status == .seeOther)
            let next = try #require(try await harness.services.store.read { try await $0.certification.currentChecklist(in: city.id) })
            #expect(next.version == 2 && next.criteria.count == current.criteria.count && next.certifiedThreshold == 750 && next.distinctionThreshold == 950)
            #expect(next.criterion(current.criteria[0].id) == nil && next.criterion(current.criteria[1].id)?.title.en == "Reworded")
            let added = try #require(next.criteria.last)
            #expect(added.title.en == "Payment by NFC wristband" && added.section == .payment && !added.required && !current.criteria.contains { $0.id == added.id })
            // Version 1 is kept as it was, for the assessments made on it.
            #expect(try await harness.services.store.read { try await $0.certification.checklist(version: 1, in: city.id) } == current)
            let audit = try await harness.services.store.read { tx in
                try await tx.db.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'visit.cert_checklist_published'").first()?.decode(column: "n", as: Int.self)
            }
            #expect(audit == 1)
            // Not for a resident, nor another city's staff.
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await olena.get("/vinnytsia/admin/visit/certification/checklist").status == .notFound)
            var other = Browser(client)
            try await other.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await other.post("/vinnytsia/admin/visit/certification/checklist", Self.pairs(FormData(fields: fields))).status == .notFound)
        }
    }
}
