import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HummingbirdTesting
import SQLKit
@testable import Business
@testable import HromadaWeb

/// What the business module's web tests start from: an open call of a city,
/// a whole application form, and a PDF attached as the call's document.
enum BusinessFixture {
    /// A harness on the demo's cities and people with the business module
    /// emptied: the demo's calls, organisations and events would otherwise
    /// stand in every list these tests count.
    static func run(_ database: TestDatabase, _ body: @escaping @Sendable (WebHarness, any TestClientProtocol) async throws -> Void) async throws {
        try await WebHarness.run(database) { harness, client in
            try await harness.services.store.write { tx in
                for table in [
                    "business_registrations", "business_events", "business_posts", "business_memberships", "business_organisations", "business_payouts",
                    "business_reports", "business_agreements", "business_scores", "business_conflicts", "business_application_documents",
                    "business_applicant_private", "business_applications", "business_calls",
                ] {
                    try await tx.db.raw("DELETE FROM \(unsafeRaw: table)").run()
                }
            }
            try await body(harness, client)
        }
    }

    static let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)

    /// An open, published call for micro companies: "Мікрогранти", 500 000 in all, at most 100 000 each.
    static func call(
        _ id: String = "micro", city: MunicipalityID, now: Date, criteria: [(String, Int)] = [("jobs", 100)], documents: Bool = true,
        closesIn: TimeInterval = 10 * 86_400
    ) -> SupportCall {
        SupportCall(
            id: SupportCallID(rawValue: id), city: city, title: LocalizedName(uk: "Мікрогранти", en: "Micro grants"),
            description: LocalizedName(uk: "", en: ""), instrument: .grant, fund: Money(hryvnias: 500_000), maximumPerApplicant: Money(hryvnias: 100_000),
            opensAt: now.addingTimeInterval(-60), closesAt: now.addingTimeInterval(closesIn), eligibility: EligibilityRules(kinds: [.company], sizes: [.micro]),
            criteria: criteria.map { ScoringCriterion(id: $0.0, title: LocalizedName(uk: $0.0 == "jobs" ? "Робочі місця" : "План", en: $0.0), weight: $0.1) },
            documents: documents ? [RequiredDocument(id: "plan", title: LocalizedName(uk: "Бізнес-план", en: "Business plan"))] : [], publishedAt: now)
    }

    /// A form every rule of `call` accepts.
    static func form(name: String = "ТОВ «Кульбабка»", code: String = "32855961") -> ApplicationForm {
        var form = ApplicationForm()
        form.kind = "company"
        form.name = name
        form.code = code
        form.size = "micro"
        form.activity = "56.10"
        form.registeredInHromada = true
        form.declaresNoTaxDebt = true
        form.employees = "3"
        form.projectTitle = "Проєкт \(name)"
        form.plan = String(repeating: "Відкриємо кав'ярню з інклюзивним наймом. ", count: 3)
        form.requested = "90000"
        form.jobsPlanned = "2"
        form.email = "kulbabka@example.com"
        form.phone = "+380671234567"
        return form
    }

    /// Attaches a PDF to the application as its `plan` document.
    static func attachPlan(to id: SupportApplicationID, city: MunicipalityID, by account: AccountID, at now: Date, store: Store) async throws {
        let attachment = Attachment(
            id: AttachmentID(rawValue: "att-\(id.rawValue)"), municipalityID: city, owner: ApplicationPages.owner(id), title: "Бізнес-план",
            mediaType: "application/pdf", byteCount: pdf.count, sha256: "x", uploadedBy: account, uploadedAt: now)
        try await store.write { tx in
            try await tx.attachments.insert(attachment, bytes: pdf)
            try await tx.supportApplications.attach(attachment.id, as: "plan", to: id)
        }
    }
}
