import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// A call's fund (`business.programmes`): what it holds, has committed and
/// has paid; an agreement signed with each supported applicant; the
/// payouts under each agreement; and the recipient's reports due. Every
/// amount is checked against the agreement and the fund in the statement
/// that records it.
struct FundPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: SupportService { SupportService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/business/calls/:call/fund", use: page)
        router.post(":city/admin/business/calls/:call/agreements", use: sign)
        router.post(":city/admin/business/calls/:call/payouts", use: pay)
    }

    static func url(_ city: Municipality, _ call: SupportCallID) -> String {
        "/\(city.slug.rawValue)/admin/business/calls/\(call.rawValue)/fund"
    }

    struct Awarded {
        let title: String
        let applicant: String
        let application: String
        let fields: [FormField]
    }

    struct AgreementRow {
        let applicant: String
        let reference: String
        let amount: String
        let paid: String
        let reports: String
        let agreement: String
        let fields: [FormField]
    }

    struct Page {
        let fund: String
        let committed: String
        let paid: String
        let left: String
        let awarded: [Awarded]
        let agreements: [AgreementRow]
        let hasAwarded: Bool
        let hasAgreements: Bool
        let signAction: String
        let payAction: String
        let reviewURL: String
    }

    private func staff(_ context: AppRequestContext) async throws -> (Municipality, Principal, SupportCallRepository.StoredCall) {
        let city = try await CityLookup(store: services.store).require(context)
        let staff = try requireStaff(.businessProgrammes, context.principal, in: city.id)
        return (city, staff, try await service.call(SupportCallID(rawValue: try context.parameters.require("call")), in: city.id))
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _, held) = try await staff(context)
        return try await render(request, context, city: city, held: held)
    }

    @Sendable func sign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff, held) = try await staff(context)
        let form = context.form ?? FormData()
        let application = SupportApplicationID(rawValue: form["application"])
        do {
            let stored = try await service.application(application, in: city.id)
            guard stored.application.callID == held.call.id else { throw AppError.notFound }
            _ = try await service.signAgreement(application, amount: try Self.amount(form), reference: form["reference"], city: city, by: staff.accountID)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, held: held, typed: (form["application"], form), error: error)
        }
        return HTML.redirect(Self.url(city, held.call.id))
    }

    @Sendable func pay(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff, held) = try await staff(context)
        let form = context.form ?? FormData()
        let agreement = form["agreement"]
        do {
            guard try await services.store.read({ try await $0.supportCalls.agreements(of: held.call.id) }).contains(where: { $0.id == agreement }) else {
                throw AppError.notFound
            }
            try await service.recordPayout(agreement, amount: try Self.amount(form), reference: form["reference"], city: city, by: staff.accountID)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, held: held, typed: (agreement, form), error: error)
        }
        return HTML.redirect(Self.url(city, held.call.id))
    }

    /// The amount typed, in hryvnias; none is an amount of nothing.
    static func amount(_ form: FormData) throws -> Money {
        guard let amount = try FormMoney.parse(form["amount"], field: "amount") else { throw AppError.invalid(code: "business_amount_not_positive", field: "amount") }
        return amount
    }

    /// The page, with what was typed into one row's form (`typed`: the row's id and the form) and the error beside its field.
    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, held: SupportCallRepository.StoredCall,
        typed: (String, FormData)? = nil, error: AppError? = nil
    ) async throws -> Response {
        let call = held.call
        let (awarded, agreements, reports) = try await services.store.read { tx in
            (
                try await tx.supportApplications.applications(to: call.id, states: [.awarded]), try await tx.supportCalls.agreements(of: call.id),
                try await tx.supportCalls.reports(ofCall: call.id)
            )
        }
        let agreed = Set(agreements.map(\.applicationID))
        let names = Dictionary(uniqueKeysWithValues: awarded.map { ($0.application.id, $0.form.name) })
        let problem = FormProblem(error, html: html, context: context)
        func money(_ value: Money) -> String { BusinessPages.money(value, html, context) }
        func fields(for row: String, amount: String) -> [FormField] {
            let mine = typed?.0 == row
            return [
                FormField(name: "amount", id: "amount-\(row)", label: html.t("business.fund.amount", context), value: mine ? typed?.1["amount"] ?? "" : amount,
                          error: mine ? problem?.message(for: "amount") : nil, inputmode: "decimal", required: true, maxlength: 20),
                FormField(name: "reference", id: "reference-\(row)", label: html.t("business.fund.reference", context), value: mine ? typed?.1["reference"] ?? "" : "",
                          error: mine ? problem?.message(for: "reference") : nil, required: true, maxlength: 100),
            ]
        }
        let rows = agreements.map { agreement in
            let reports = reports[agreement.id] ?? []
            return AgreementRow(
                applicant: names[agreement.applicationID] ?? agreement.applicationID.rawValue, reference: agreement.reference, amount: money(agreement.amount),
                paid: money(agreement.paid),
                reports: html.t("business.fund.reports", context, ["filed": String(reports.filter { $0.filedAt != nil }.count), "due": String(reports.count)]),
                agreement: agreement.id, fields: fields(for: agreement.id, amount: ""))
        }
        let position = held.position
        let page = Page(
            fund: money(position.fund), committed: money(position.committed), paid: money(position.paid), left: money(position.uncommitted),
            awarded: awarded.filter { !agreed.contains($0.application.id) }.map { stored in
                Awarded(title: stored.form.projectTitle, applicant: stored.form.name, application: stored.application.id.rawValue,
                        fields: fields(for: stored.application.id.rawValue, amount: stored.form.requested))
            },
            agreements: rows, hasAwarded: awarded.contains { !agreed.contains($0.application.id) }, hasAgreements: !rows.isEmpty,
            signAction: "/\(city.slug.rawValue)/admin/business/calls/\(call.id.rawValue)/agreements",
            payAction: "/\(city.slug.rawValue)/admin/business/calls/\(call.id.rawValue)/payouts",
            reviewURL: "/\(city.slug.rawValue)/admin/business/calls/\(call.id.rawValue)")
        return try await html.render(
            "business-fund", page: page, titleKey: "business.fund.title", titleArguments: ["call": call.title.localized(context.language)],
            request: request, context: context, city: city)
    }
}
