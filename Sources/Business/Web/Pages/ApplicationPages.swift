import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The applicant's pages: starting an application from a call's page, the
/// form in steps (each a page of its own on a phone, each saved as a draft
/// when left), the required PDFs, the review with every problem beside a
/// link to its step, and where the application stands once sent.
struct ApplicationPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: SupportService { SupportService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.post(":city/business/calls/:call/apply", use: start)
        router.get(":city/business/applications/:application", use: page)
        router.post(":city/business/applications/:application", use: save)
        router.post(UploadRoute.businessDocument.routerPath, use: upload)
        router.get(":city/business/applications/:application/documents/:document", use: document)
        router.post(":city/business/applications/:application/reports", use: report)
    }

    static func url(_ city: Municipality, _ id: SupportApplicationID, step: ApplicationForm.Step? = nil) -> String {
        "/\(city.slug.rawValue)/business/applications/\(id.rawValue)" + (step.map { "?step=\($0.rawValue)" } ?? "")
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let call = SupportCallID(rawValue: try context.parameters.require("call"))
        guard let account = context.account else {
            return HTML.redirect("/login?next=/\(city.slug.rawValue)/business/calls/\(call.rawValue)")
        }
        let stored = try await service.start(call, city: city, by: account.id)
        return HTML.redirect(Self.url(city, stored.application.id, step: .applicant))
    }

    // MARK: A step

    struct StepLink {
        let label: String
        let url: String
        let current: Bool
    }

    struct DocumentRow {
        let title: String
        let attachedURL: String?
        let action: String
        let fields: [FormField]
        let error: String?
    }

    struct ProblemLine {
        let message: String
        let url: String
    }

    /// A report the recipient owes: filed (with what it said), or its form once it may be filed.
    struct ReportRow {
        let due: String
        let filed: String?
        let dueSeconds: String
        let fields: [FormField]
        let open: Bool
    }

    struct Page {
        let callTitle: String
        let callURL: String
        let steps: [StepLink]
        let editable: Bool
        let step: String
        let action: String
        let fields: [FormField]
        let isDocuments: Bool
        let documents: [DocumentRow]
        let isReview: Bool
        let problems: [ProblemLine]
        let hasProblems: Bool
        let nextStep: String?
        let status: String
        let note: String?
        let sent: Bool
        let reports: [ReportRow]
        let hasReports: Bool
        let reportAction: String
        /// What was wrong with a report just sent, above the reports.
        let reportError: String?
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _, stored) = try await own(context)
        let step = request.uri.queryParameters.get("step").flatMap(ApplicationForm.Step.init(rawValue:)) ?? .applicant
        return try await render(request, context, city: city, stored: stored, step: step, form: stored.form, problems: [],
                                sent: request.uri.queryParameters.get("sent") == "1")
    }

    /// Saves the step's fields into the draft and goes on (`go`: a step, or `submit` from the review).
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, account, stored) = try await own(context)
        let posted = context.form ?? FormData()
        guard let step = ApplicationForm.Step(rawValue: posted["step"]) else { throw AppError.invalid(code: "business_step", field: "step") }
        let form = Self.merge(posted, step: step, into: stored.form)
        if posted["go"] == "submit" {
            do {
                try await service.submit(stored.application.id, form: form, city: city, by: account)
            } catch let refused as SupportService.Refused {
                let kept = try await service.application(stored.application.id, in: city.id)
                return try await render(request, context, city: city, stored: kept, step: .review, form: form, problems: refused.problems, sent: false)
            } catch let error as AppError where error.status == .conflict {
                // Too late (the call closed, the fixes' deadline passed) or sent already: said on the review, the draft as it was kept.
                let kept = try await service.application(stored.application.id, in: city.id)
                return try await render(
                    request, context, city: city, stored: kept, step: .review, form: form, problems: [ApplicationReader.Problem(field: "submit", key: error.messageKey)],
                    sent: false)
            }
            return HTML.redirect(Self.url(city, stored.application.id) + "?sent=1")
        }
        do {
            try await service.saveDraft(stored.application.id, form: form, city: city, by: account)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderError(error, request, context, city: city, stored: stored, step: step, form: form)
        }
        let next = ApplicationForm.Step(rawValue: posted["go"]) ?? step
        return HTML.redirect(Self.url(city, stored.application.id, step: next))
    }

    static func fieldName(of error: AppError) -> String? {
        if case .invalid(_, let field) = error { return field }
        return nil
    }

    /// A step again with what was posted and the error beside its field.
    private func renderError(
        _ error: AppError, _ request: Request, _ context: AppRequestContext, city: Municipality, stored: SupportApplicationRepository.Stored,
        step: ApplicationForm.Step, form: ApplicationForm, field: String? = nil
    ) async throws -> Response {
        let field = field ?? Self.fieldName(of: error) ?? ""
        let message = FormProblem(error, html: html, context: context)?.message(for: Self.fieldName(of: error) ?? "") ?? html.t(error.messageKey, context)
        return try await render(request, context, city: city, stored: stored, step: step, form: form,
                                problems: [ApplicationReader.Problem(field: field, key: "")], sent: false, message: message)
    }

    /// The form with the posted step's fields put in, the others as they were.
    static func merge(_ posted: FormData, step: ApplicationForm.Step, into form: ApplicationForm) -> ApplicationForm {
        var form = form
        switch step {
        case .applicant:
            form.kind = posted["kind"]
            form.name = posted["name"]
            form.code = posted["code"]
            form.size = posted["size"]
            form.activity = posted["activity"]
            form.employees = posted["employees"]
        case .project:
            form.projectTitle = posted["projectTitle"]
            form.plan = posted["plan"]
            form.requested = posted["requested"]
            form.jobsPlanned = posted["jobsPlanned"]
        case .declarations:
            form.email = posted["email"]
            form.phone = posted["phone"]
            form.registeredInHromada = posted["registeredInHromada"] == "yes"
            form.declaresNoTaxDebt = posted["declaresNoTaxDebt"] == "yes"
        case .documents, .review:
            break
        }
        return form
    }

    /// Which step a field is on.
    static func step(of field: String) -> ApplicationForm.Step {
        switch field {
        case "kind", "name", "code", "size", "activity", "employees": .applicant
        case "projectTitle", "plan", "requested", "jobsPlanned": .project
        case "email", "phone", "registeredInHromada", "declaresNoTaxDebt": .declarations
        default: field.hasPrefix("document-") ? .documents : .review
        }
    }

    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, stored: SupportApplicationRepository.Stored,
        step: ApplicationForm.Step, form: ApplicationForm, problems: [ApplicationReader.Problem], sent: Bool, message: String? = nil,
        typedReport: FormData? = nil
    ) async throws -> Response {
        let call = try await service.call(stored.application.callID, in: city.id).call
        let application = stored.application, language = context.language
        let editable = [.draft, .returned].contains(application.state)
        let attached = try await services.store.read { try await $0.supportApplications.documents(of: application.id) }
        func error(_ field: String) -> String? {
            guard let problem = problems.first(where: { $0.field == field }) else { return nil }
            return problem.key.isEmpty ? message : html.t(problem.key, context)
        }
        func t(_ key: String) -> String { html.t("business.apply.\(key)", context) }
        let fields: [FormField]
        switch step {
        case .applicant:
            fields = [
                FormField(name: "kind", label: t("kind"), value: form.kind, error: error("kind"), required: true, options:
                    [SelectOption(value: "", label: t("choose"), selected: form.kind.isEmpty)]
                    + ApplicantKind.allCases.map { SelectOption(value: $0.rawValue, label: html.t("business.applicant_kind.\($0.rawValue)", context), selected: form.kind == $0.rawValue) }),
                FormField(name: "name", label: t("name"), value: form.name, error: error("name"), required: true, maxlength: Applicant.nameLength.upperBound),
                FormField(name: "code", label: t("code"), value: form.code, error: error("code"), hint: t("code_hint"), inputmode: "numeric", required: true, maxlength: 12),
                FormField(name: "size", label: t("size"), value: form.size, error: error("size"), required: true, options:
                    [SelectOption(value: "", label: t("choose"), selected: form.size.isEmpty)]
                    + SizeCategory.allCases.map { SelectOption(value: $0.rawValue, label: html.t("business.size.\($0.rawValue)", context), selected: form.size == $0.rawValue) }),
                FormField(name: "activity", label: t("activity"), value: form.activity, error: error("activity"), hint: t("activity_hint"), required: true, maxlength: 5, placeholder: "56.10"),
                FormField(name: "employees", label: t("employees"), value: form.employees, error: error("employees"), inputmode: "numeric", required: true, maxlength: 9),
            ]
        case .project:
            fields = [
                FormField(name: "projectTitle", label: t("project_title"), value: form.projectTitle, error: error("projectTitle"), required: true, maxlength: ProjectPlan.titleLength.upperBound),
                FormField(name: "plan", label: t("plan"), value: form.plan, error: error("plan"), hint: t("plan_hint"), required: true,
                          minlength: ProjectPlan.planLength.lowerBound, maxlength: ProjectPlan.planLength.upperBound, rows: 10),
                FormField(name: "requested", label: t("requested"), value: form.requested, error: error("requested"),
                          hint: html.t("business.apply.requested_hint", context, ["maximum": BusinessPages.money(call.maximumPerApplicant, html, context)]),
                          inputmode: "decimal", required: true, maxlength: 20),
                FormField(name: "jobsPlanned", label: t("jobs"), value: form.jobsPlanned, error: error("jobsPlanned"), inputmode: "numeric", required: true, maxlength: 5),
            ]
        case .declarations:
            fields = [
                FormField(name: "email", label: t("email"), value: form.email, error: error("email"), hint: t("contacts_hint"), type: "email", autocomplete: "email", required: true, maxlength: 254),
                FormField(name: "phone", label: t("phone"), value: form.phone, error: error("phone"), type: "tel", autocomplete: "tel", required: true, maxlength: 20),
                FormField(name: "registeredInHromada", label: t("registered"), value: "yes", error: error("registeredInHromada"), checked: form.registeredInHromada),
                FormField(name: "declaresNoTaxDebt", label: t("no_tax_debt"), value: "yes", error: error("declaresNoTaxDebt"), checked: form.declaresNoTaxDebt),
            ]
        case .documents, .review:
            fields = []
        }
        let forms = UploadForms(html: html, context: context)
        let documents = call.documents.map { required in
            DocumentRow(
                title: required.title.localized(language),
                attachedURL: attached[required.id].map { "\(Self.url(city, application.id))/documents/\($0.rawValue)" },
                action: "\(Self.url(city, application.id))/documents/\(required.id)",
                fields: [FormField(name: "document", id: "document-\(required.id)", label: t("pdf"), value: "", error: error("document-\(required.id)"),
                                   hint: forms.size(AttachmentRules.maximumBytes), type: "file", required: true, accept: "application/pdf,.pdf")],
                error: error("document-\(required.id)"))
        }
        let reports = try await reportRows(application, context: context, typed: typedReport, error: error)
        let order = ApplicationForm.Step.allCases
        let page = Page(
            callTitle: call.title.localized(language), callURL: "/\(city.slug.rawValue)/business/calls/\(call.id.rawValue)",
            steps: order.map { StepLink(label: t("step.\($0.rawValue)"), url: Self.url(city, application.id, step: $0), current: $0 == step) },
            editable: editable, step: step.rawValue, action: Self.url(city, application.id), fields: fields,
            isDocuments: step == .documents, documents: documents, isReview: step == .review,
            problems: problems.filter { !$0.key.isEmpty }.map {
                ProblemLine(message: html.t($0.key, context), url: Self.url(city, application.id, step: Self.step(of: $0.field)) + "#\($0.field)")
            },
            hasProblems: problems.contains { !$0.key.isEmpty },
            nextStep: order.firstIndex(of: step).flatMap { $0 + 1 < order.count ? order[$0 + 1].rawValue : nil },
            status: html.t("business.apply.state.\(application.state.rawValue)", context),
            note: application.state == .returned
                ? html.t("business.apply.returned", context, ["note": application.returnNote ?? "", "due": application.fixDue.map(DateText.kyiv) ?? ""])
                : application.rejectionReason,
            sent: sent, reports: reports, hasReports: !reports.isEmpty, reportAction: "\(Self.url(city, application.id))/reports",
            reportError: typedReport == nil ? nil : message)
        return try await html.render(
            "business-apply", page: page, titleKey: "business.apply.title", titleArguments: ["call": page.callTitle], request: request,
            context: context, city: city)
    }

    // MARK: Results

    private func reportRows(
        _ application: SupportApplication, context: AppRequestContext, typed: FormData?, error: (String) -> String?
    ) async throws -> [ReportRow] {
        guard application.state == .awarded,
              let agreement = try await services.store.read({ try await $0.supportCalls.agreement(for: application.id) })
        else { return [] }
        let due = try await services.store.read { try await $0.supportCalls.reports(of: agreement.id) }
        let now = services.clock.now()
        return due.map { item in
            let mine = typed?["due"] == String(item.due.epochSeconds)
            func value(_ name: String) -> String { mine ? typed?[name] ?? "" : "" }
            func t(_ key: String) -> String { html.t("business.report.\(key)", context) }
            let suffix = String(item.due.epochSeconds)
            return ReportRow(
                due: DateText.kyiv(item.due),
                filed: item.report.map { report in
                    html.t("business.report.filed", context, [
                        "jobs": String(report.jobsCreated), "turnover": BusinessPages.money(report.turnover, html, context),
                        "investment": BusinessPages.money(report.investment, html, context),
                    ])
                },
                dueSeconds: suffix,
                fields: [
                    FormField(name: "jobsCreated", id: "jobsCreated-\(suffix)", label: t("jobs"), value: value("jobsCreated"), error: mine ? error("jobsCreated") : nil,
                              inputmode: "numeric", required: true, maxlength: 6),
                    FormField(name: "turnover", id: "turnover-\(suffix)", label: t("turnover"), value: value("turnover"), error: mine ? error("turnover") : nil,
                              inputmode: "decimal", required: true, maxlength: 20),
                    FormField(name: "investment", id: "investment-\(suffix)", label: t("investment"), value: value("investment"), error: mine ? error("investment") : nil,
                              inputmode: "decimal", required: true, maxlength: 20),
                    FormField(name: "note", id: "note-\(suffix)", label: t("note"), value: value("note"), error: mine ? error("note") : nil,
                              maxlength: ResultReport.noteLength.upperBound, rows: 4),
                ],
                open: item.filedAt == nil && ReportSchedule.remindNow(due: item.due, at: now))
        }
    }

    /// The recipient files a report; a wrong field is said beside it, with what was typed.
    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, account, stored) = try await own(context)
        let form = context.form ?? FormData()
        do {
            let dueText = form["due"]
            guard (1...12).contains(dueText.count), dueText.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int64(dueText) else {
                throw AppError.notFound
            }
            guard let jobs = ApplicationReader.whole(form["jobsCreated"], in: ResultReport.jobRange) else {
                throw AppError.invalid(code: "business_report_field", field: "jobsCreated")
            }
            guard let turnover = try FormMoney.parse(form["turnover"], field: "turnover") else { throw AppError.invalid(code: "business_report_field", field: "turnover") }
            guard let investment = try FormMoney.parse(form["investment"], field: "investment") else {
                throw AppError.invalid(code: "business_report_field", field: "investment")
            }
            let report = ResultReport(jobsCreated: jobs, turnover: turnover, investment: investment, note: form["note"])
            try await service.fileReport(stored.application.id, due: Date(epochSeconds: seconds), report: report, city: city, by: account)
        } catch let error as AppError where error.belongsOnTheForm {
            let field = Self.fieldName(of: error) ?? "note"
            let message = html.t(error.messageKey, context)
            return try await render(request, context, city: city, stored: stored, step: .applicant, form: stored.form,
                                    problems: [ApplicationReader.Problem(field: field, key: "")], sent: false, message: message, typedReport: form)
        }
        return HTML.redirect(Self.url(city, stored.application.id))
    }

    // MARK: Documents

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, account, stored) = try await own(context)
        guard [.draft, .returned].contains(stored.application.state) else {
            throw AppError.conflict(code: "business_application_sent")
        }
        let call = try await service.call(stored.application.callID, in: city.id).call
        let documentID = try context.parameters.require("document")
        guard let required = call.documents.first(where: { $0.id == documentID }) else { throw AppError.notFound }
        let form = context.form ?? FormData()
        do {
            let attachment = try await services.attachments.add(
                form.file("document"), title: required.title.uk, to: Self.owner(stored.application.id), city: city, by: account)
            try await services.store.write { try await $0.supportApplications.attach(attachment.id, as: required.id, to: stored.application.id) }
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderError(error, request, context, city: city, stored: stored, step: .documents, form: stored.form, field: "document-\(required.id)")
        }
        return HTML.redirect(Self.url(city, stored.application.id, step: .documents))
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _, stored) = try await own(context)
        let id = AttachmentID(rawValue: try context.parameters.require("document"))
        return try await services.attachments.response(id, of: Self.owner(stored.application.id), city: city.id)
    }

    static func owner(_ id: SupportApplicationID) -> UploadOwner {
        UploadOwner(kind: .init(rawValue: "business_application"), id: id.rawValue)
    }

    /// The signed-in applicant's own application in this city; anyone else's is not there.
    private func own(_ context: AppRequestContext) async throws -> (Municipality, AccountID, SupportApplicationRepository.Stored) {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { throw AppError.notSignedIn }
        let id = SupportApplicationID(rawValue: try context.parameters.require("application"))
        return (city, account.id, try await service.own(id, city: city, by: account.id))
    }
}

extension UploadRoute {
    static let businessDocument = UploadRoute(path: "/{city}/business/applications/{application}/documents/{document}", fileLimit: AttachmentRules.maximumBytes)
}
