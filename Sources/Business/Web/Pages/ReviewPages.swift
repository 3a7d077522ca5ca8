import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The staff's review of a call's applications (`business.review`): the
/// call's applications by state, and each application whole (the form, the
/// applicant's code and contacts, the PDFs) with its next steps: return it
/// once for fixes with a note, accept it to the committee, or reject it
/// with a reason. Anyone without the capability in this city finds nothing.
struct ReviewPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: SupportService { SupportService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/business/calls/:call", use: call)
        router.get(":city/admin/business/applications/:application", use: application)
        router.post(":city/admin/business/applications/:application/:step", use: step)
        router.get(":city/admin/business/applications/:application/documents/:document", use: document)
    }

    private func staff(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try requireStaff(.businessReview, context.principal, in: city.id))
    }

    static func url(_ city: Municipality, _ id: SupportApplicationID) -> String {
        "/\(city.slug.rawValue)/admin/business/applications/\(id.rawValue)"
    }

    // MARK: A call's applications

    struct Row {
        let title: String
        let applicant: String
        let url: String
        let submitted: String
        /// Its place and total on the published list.
        let line: String?
    }

    struct Section {
        let state: String
        let count: Int
        let rows: [Row]
    }

    struct CallPage {
        let sections: [Section]
        let empty: Bool
        let publicURL: String
        let committeeURL: String
        let fundURL: String
        /// Where the list is decided, once applications are closed and until it is published.
        let decideURL: String?
    }


    @Sendable func call(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let stored = try await service.call(SupportCallID(rawValue: try context.parameters.require("call")), in: city.id)
        let sent = ApplicationState.allCases.filter(\.isSubmitted)
        let applications = try await services.store.read { try await $0.supportApplications.applications(to: stored.call.id, states: sent) }
        let sections = sent.compactMap { state -> Section? in
            let rows = applications.filter { $0.application.state == state }.map { item in
                Row(title: item.form.projectTitle, applicant: item.form.name, url: Self.url(city, item.application.id),
                    submitted: item.application.submittedAt.map(DateText.kyiv) ?? "",
                    line: item.rank.flatMap { rank in
                        item.verdict.map { verdict in
                            html.t("business.review.line", context, [
                                "rank": String(rank), "total": ScoreTotal.formatted(hundredths: item.totalHundredths ?? 0),
                                "verdict": html.t("business.review.verdict.\(verdict.rawValue)", context),
                            ])
                        }
                    })
            }
            return rows.isEmpty ? nil : Section(state: html.t("business.apply.state.\(state.rawValue)", context), count: rows.count, rows: rows)
        }
        let page = CallPage(
            sections: sections, empty: sections.isEmpty, publicURL: "/\(city.slug.rawValue)/business/calls/\(stored.call.id.rawValue)",
            committeeURL: CommitteePages.url(city, stored.call.id), fundURL: FundPages.url(city, stored.call.id),
            decideURL: stored.call.phase(at: services.clock.now()) == .review ? "/\(city.slug.rawValue)/admin/business/calls/\(stored.call.id.rawValue)/decide" : nil)
        return try await html.render(
            "business-review-call", page: page, titleKey: "business.review.call_title",
            titleArguments: ["call": stored.call.title.localized(context.language)], request: request, context: context, city: city)
    }

    // MARK: An application

    struct Fact {
        let label: String
        let value: String
    }

    struct Document {
        let title: String
        let url: String?
    }

    struct ApplicationPage {
        let state: String
        let facts: [Fact]
        let plan: String
        let documents: [Document]
        let note: String?
        let callURL: String
        let action: String
        let canReturn: Bool
        let canDecide: Bool
        let noteField: FormField
        let error: String?
    }

    /// The call's required documents, each linked to the application's copy under `base` when there is one.
    static func documents(of call: SupportCall, attached: [String: AttachmentID], under base: String, _ language: Language) -> [Document] {
        call.documents.map { required in
            Document(title: required.title.localized(language), url: attached[required.id].map { "\(base)/documents/\($0.rawValue)" })
        }
    }

    @Sendable func application(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let stored = try await submitted(context, city: city)
        return try await render(request, context, city: city, stored: stored)
    }

    /// Returns, accepts or rejects; a wrong step is said beside the note, with what was typed.
    @Sendable func step(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        let stored = try await submitted(context, city: city)
        let form = context.form ?? FormData()
        let id = stored.application.id
        do {
            switch try context.parameters.require("step") {
            case "return": try await service.returnForFixes(id, note: form["note"], city: city, by: staff.accountID)
            case "accept": try await service.accept(id, city: city, by: staff.accountID)
            case "reject": try await service.reject(id, reason: form["note"], city: city, by: staff.accountID)
            default: throw AppError.notFound
            }
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, stored: stored, typed: form["note"], error: html.t(error.messageKey, context))
        }
        return HTML.redirect(Self.url(city, id))
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let stored = try await submitted(context, city: city)
        let id = AttachmentID(rawValue: try context.parameters.require("document"))
        return try await services.attachments.response(id, of: ApplicationPages.owner(stored.application.id), city: city.id)
    }

    /// An application staff may see: one that was sent (a draft is the applicant's alone).
    private func submitted(_ context: AppRequestContext, city: Municipality) async throws -> SupportApplicationRepository.Stored {
        let stored = try await service.application(SupportApplicationID(rawValue: try context.parameters.require("application")), in: city.id)
        guard stored.application.state.isSubmitted else { throw AppError.notFound }
        return stored
    }

    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, stored: SupportApplicationRepository.Stored, typed: String = "",
        error: String? = nil
    ) async throws -> Response {
        let application = stored.application, form = stored.form
        let call = try await service.call(application.callID, in: city.id).call
        let (details, attached) = try await services.store.read { tx in
            (try await tx.supportApplications.privateDetails(of: application.id), try await tx.supportApplications.documents(of: application.id))
        }
        func t(_ key: String) -> String { html.t("business.apply.\(key)", context) }
        let facts = [
            Fact(label: t("kind"), value: ApplicantKind(rawValue: form.kind).map { html.t("business.applicant_kind.\($0.rawValue)", context) } ?? form.kind),
            Fact(label: t("name"), value: form.name),
            Fact(label: t("code"), value: details?.code ?? form.code),
            Fact(label: t("size"), value: SizeCategory(rawValue: form.size).map { html.t("business.size.\($0.rawValue)", context) } ?? form.size),
            Fact(label: t("activity"), value: form.activity), Fact(label: t("employees"), value: form.employees),
            Fact(label: t("project_title"), value: form.projectTitle), Fact(label: t("requested"), value: form.requested),
            Fact(label: t("jobs"), value: form.jobsPlanned), Fact(label: t("email"), value: details?.email ?? form.email),
            Fact(label: t("phone"), value: details?.phone ?? form.phone),
            Fact(label: t("registered"), value: html.t(form.registeredInHromada ? "business.review.yes" : "business.review.no", context)),
            Fact(label: t("no_tax_debt"), value: html.t(form.declaresNoTaxDebt ? "business.review.yes" : "business.review.no", context)),
            Fact(label: html.t("business.review.submitted", context), value: application.submittedAt.map(DateText.kyiv) ?? ""),
        ]
        let page = ApplicationPage(
            state: html.t("business.apply.state.\(application.state.rawValue)", context), facts: facts, plan: form.plan,
            documents: Self.documents(of: call, attached: attached, under: Self.url(city, application.id), context.language),
            note: application.returnNote.map { html.t("business.review.returned_note", context, ["note": $0, "due": application.fixDue.map(DateText.kyiv) ?? ""]) }
                ?? application.rejectionReason,
            callURL: "/\(city.slug.rawValue)/admin/business/calls/\(call.id.rawValue)", action: Self.url(city, application.id),
            canReturn: application.state == .submitted && application.returnedAt == nil,
            canDecide: application.state == .submitted || (application.state == .returned && application.fixDue.map { services.clock.now() >= $0 } == true),
            noteField: FormField(name: "note", label: html.t("business.review.note", context), value: typed, error: error,
                                 hint: html.t("business.review.note_hint", context), maxlength: SupportApplication.noteLength.upperBound, rows: 4),
            error: error)
        return try await html.render(
            "business-review-application", page: page, titleKey: "business.review.application_title",
            titleArguments: ["applicant": form.name], request: request, context: context, city: city)
    }
}
