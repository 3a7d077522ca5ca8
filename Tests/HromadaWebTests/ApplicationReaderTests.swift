import Foundation
import HromadaDomain
import Testing
@testable import Business

/// An application's form as typed becomes the applicant and the project,
/// or every mistake at once beside its field; nothing typed can trap.
@Suite struct ApplicationReaderTests {
    let call = SupportCall(
        id: SupportCallID(rawValue: "c"), city: MunicipalityID(rawValue: "ladyzhyn"), title: LocalizedName(uk: "Гранти", en: "Grants"),
        description: LocalizedName(uk: "", en: ""), instrument: .grant, fund: Money(hryvnias: 500_000), maximumPerApplicant: Money(hryvnias: 100_000),
        opensAt: Date(timeIntervalSince1970: 0), closesAt: Date(timeIntervalSince1970: 86_400),
        eligibility: EligibilityRules(kinds: [.company, .cooperative], sizes: [.micro, .small], sectors: [KVEDCode("01")].compactMap { $0 }),
        criteria: [ScoringCriterion(id: "jobs", title: LocalizedName(uk: "Робочі місця", en: "Jobs"), weight: 100)],
        documents: [RequiredDocument(id: "plan", title: LocalizedName(uk: "Бізнес-план", en: "Business plan"))])

    var good: ApplicationForm {
        var form = ApplicationForm()
        form.kind = "cooperative"
        form.name = "СОК «Голден-Флора»"
        form.code = "3285 5961"
        form.size = "micro"
        form.activity = "01.13"
        form.registeredInHromada = true
        form.declaresNoTaxDebt = true
        form.employees = "6"
        form.projectTitle = "Теплиця для розсади"
        form.plan = String(repeating: "Купимо обладнання для теплиці і візьмемо двох людей. ", count: 2)
        form.requested = "95 000,50"
        form.jobsPlanned = "2"
        form.email = "flora@example.com"
        form.phone = "+380 (67) 123-45-67"
        return form
    }

    @Test func aWholeFormBecomesTheApplicantAndTheProject() throws {
        guard case .read(let read) = ApplicationReader.read(good, for: call, attached: ["plan"]) else {
            Issue.record("the form was refused")
            return
        }
        #expect(read.applicant.code == "32855961" && read.applicant.activity.description == "01.13" && read.applicant.kind == .cooperative)
        #expect(read.project.requested == Money(kopiyky: 9_500_050) && read.project.jobsPlanned == 2)
    }

    @Test func everyMistakeIsNamedAtOnceBesideItsField() {
        var form = good
        form.kind = "bank"
        form.name = "ab"
        form.size = ""
        form.activity = "01"
        form.employees = "99999999999999999999999"
        form.projectTitle = ""
        form.plan = "коротко"
        form.requested = "сто тисяч"
        form.jobsPlanned = "-3"
        form.email = "flora"
        form.phone = "12"
        guard case .refused(let problems) = ApplicationReader.read(form, for: call, attached: []) else {
            Issue.record("a wrong form was read")
            return
        }
        #expect(problems.map(\.field) == [
            "kind", "name", "size", "activity", "employees", "projectTitle", "plan", "requested", "jobsPlanned", "email", "phone", "document-plan",
        ])
        #expect(problems.dropLast().allSatisfy { $0.key.hasPrefix("business.form.") } && problems.last?.key == "business.eligibility.document_missing")
    }

    @Test func aReadableFormStillMeetsTheCallsRules() {
        var form = good
        form.code = "32855962"
        form.activity = "56.10"
        form.requested = "150000"
        guard case .refused(let problems) = ApplicationReader.read(form, for: call, attached: []) else {
            Issue.record("an ineligible form was read")
            return
        }
        #expect(problems.map(\.field) == ["code", "activity", "requested", "document-plan"])
        #expect(problems.map(\.key) == [
            "business.eligibility.code_invalid", "business.eligibility.sector_not_allowed", "business.eligibility.amount_over_maximum",
            "business.eligibility.document_missing",
        ])
        // A sole proprietor's code is ten digits; an entity's eight.
        form = good
        form.kind = "company"
        form.code = "1234567890"
        guard case .refused(let wrongLength) = ApplicationReader.read(form, for: call, attached: ["plan"]) else { return }
        #expect(wrongLength == [ApplicationReader.Problem(field: "code", key: "business.form.code_entity_format")])
        #expect(ApplicationReader.whole("１２", in: 0...100) == nil && ApplicationReader.whole(" 12 ", in: 0...100) == 12)
    }
}
