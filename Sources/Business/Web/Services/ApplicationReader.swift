import Foundation
import HromadaDomain
import HromadaWeb

/// Reads an application's form, as typed, into what the domain checks: the
/// applicant and the project, or every field that is wrong, each with the
/// locale key of what to say beside it. Then the call's own rules
/// (`SupportCall.eligibilityFailures`) add theirs. Nothing here throws: a
/// form with five mistakes shows five messages at once, and keeps what was typed.
enum ApplicationReader {
    /// A field of the form and what to say beside it.
    struct Problem: Equatable, Sendable {
        let field: String
        let key: String
    }

    struct Read: Sendable {
        let applicant: Applicant
        let project: ProjectPlan
    }

    enum Outcome: Sendable {
        case read(Read)
        /// Every problem of the form, in its order.
        case refused([Problem])
    }

    /// The applicant and project the form describes, or its problems; with
    /// `attached` (the required documents' ids) also the call's rules.
    static func read(_ form: ApplicationForm, for call: SupportCall, attached: Set<String>) -> Outcome {
        var problems: [Problem] = []
        func problem(_ field: String, _ key: String) { problems.append(Problem(field: field, key: "business.form.\(key)")) }

        let kind = ApplicantKind(rawValue: form.kind)
        if kind == nil { problem("kind", "choose") }
        let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if !Applicant.nameLength.contains(name.count) { problem("name", "name_length") }
        let code = form.code.filter { !$0.isWhitespace }
        let codeLength = kind?.isPerson == true ? 10 : 8
        let codeReadable = code.count == codeLength && code.allSatisfy { $0.isASCII && $0.isNumber }
        if kind != nil, !codeReadable { problem("code", kind?.isPerson == true ? "code_person_format" : "code_entity_format") }
        let size = SizeCategory(rawValue: form.size)
        if size == nil { problem("size", "choose") }
        let activity = KVEDCode(form.activity)
        if activity?.isClass != true { problem("activity", "activity_format") }
        let employees = Self.whole(form.employees, in: Applicant.employeeRange)
        if employees == nil { problem("employees", "employees_range") }

        let title = form.projectTitle.trimmingCharacters(in: .whitespacesAndNewlines)
        if !ProjectPlan.titleLength.contains(title.count) { problem("projectTitle", "title_length") }
        let plan = form.plan.trimmingCharacters(in: .whitespacesAndNewlines)
        if !ProjectPlan.planLength.contains(plan.count) { problem("plan", "plan_length") }
        let requested = (try? FormMoney.parse(form.requested, field: "requested")) ?? nil
        if requested == nil { problem("requested", "amount_format") }
        let jobs = Self.whole(form.jobsPlanned, in: ProjectPlan.jobRange)
        if jobs == nil { problem("jobsPlanned", "jobs_range") }
        if (try? EmailAddress.validated(form.email)) == nil { problem("email", "email_format") }
        if !FieldRules.isPhone(form.phone) { problem("phone", "phone_format") }

        guard problems.isEmpty, let kind, let size, let activity, let employees, let requested, let jobs else {
            // What is missing of the documents is said too: it does not depend on the fields.
            let missing = call.documents.filter { !attached.contains($0.id) }.map { EligibilityFailure.documentMissing($0.id) }
            return .refused(problems + missing.map { Problem(field: $0.field, key: "business.eligibility.\($0.key)") })
        }
        let applicant = Applicant(
            kind: kind, name: name, code: code, size: size, activity: activity, registeredInHromada: form.registeredInHromada,
            declaresNoTaxDebt: form.declaresNoTaxDebt, employees: employees)
        let project = ProjectPlan(title: title, plan: plan, requested: requested, jobsPlanned: jobs)
        let failures = call.eligibilityFailures(of: applicant, requesting: requested, attached: attached)
        guard failures.isEmpty else {
            return .refused(failures.map { Problem(field: $0.field, key: "business.eligibility.\($0.key)") })
        }
        return .read(Read(applicant: applicant, project: project))
    }

    /// A whole number as typed (`FormNumber`), within `range`.
    static func whole(_ text: String, in range: ClosedRange<Int>) -> Int? {
        FormNumber.whole(text).flatMap { range.contains($0) ? $0 : nil }
    }
}
