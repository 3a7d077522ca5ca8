import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The enquiry managers' side (`invest.enquiries`): the queue with each
/// enquiry's state and the time left on its clock, overdue ones first, and
/// an enquiry's page where a manager takes it, answers, sends a shortlist
/// of sites and closes it. Every step is audited and mailed to the investor.
struct EnquiryAdminPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/invest/enquiries", use: queue)
        router.get(":city/admin/invest/enquiries/:enquiry", use: show)
        router.post(":city/admin/invest/enquiries/:enquiry/take", use: take)
        router.post(":city/admin/invest/enquiries/:enquiry/answer", use: answer)
        router.post(":city/admin/invest/enquiries/:enquiry/shortlist", use: shortlist)
        router.post(":city/admin/invest/enquiries/:enquiry/close", use: close)
    }

    struct Row {
        let url: String
        let received: String
        let investor: String
        let company: String
        let site: String?
        let state: String
        let manager: String?
        let clock: String
        let overdue: Bool
    }

    struct QueuePage {
        let rows: [Row]
        let empty: Bool
        let closed: Bool
        let openURL: String
        let closedURL: String
        let onTime: String
    }

    /// The time left on what is owed next: working days, or since when it is overdue.
    func clock(_ enquiry: Enquiry, calendar: WorkingCalendar, at now: Date, _ context: AppRequestContext) -> (String, Bool) {
        guard let due = enquiry.nextDue else { return (html.t("invest.queue.nothing_owed", context), false) }
        let what = html.t(enquiry.firstAnsweredAt == nil ? "invest.queue.owed_answer" : "invest.queue.owed_shortlist", context)
        let last = EnquiryPages.lastDay(before: due)
        if now > due { return (html.t("invest.queue.overdue", context, ["what": what, "when": last]), true) }
        let days = calendar.workingDaysLeft(until: due, at: now)
        return (html.t("invest.queue.left", context, ["what": what, "days": String(days), "when": last]), false)
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let closed = request.uri.queryParameters.get("closed") != nil
        let enquiries = try await services.enquiries.queue(in: city, closed: closed, principal: context.principal)
        let now = services.clock.now(), calendar = city.settings.workingCalendar ?? .martialLaw, slug = city.slug.rawValue, cityID = city.id
        let sites = try await services.store.read { try await $0.invest.sites(Array(Set(enquiries.compactMap(\.siteID))), in: [cityID]) }
        let titles = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0.site.title.localized(context.language)) })
        let rows = enquiries.map { enquiry in
            let (text, overdue) = clock(enquiry, calendar: calendar, at: now, context)
            return Row(
                url: "/\(slug)/admin/invest/enquiries/\(enquiry.id.rawValue)", received: DateText.kyiv(enquiry.receivedAt),
                investor: enquiry.investor.name, company: enquiry.investor.company, site: enquiry.siteID.map { titles[$0] ?? $0.rawValue },
                state: html.t("invest.enquiry.state.\(enquiry.state.rawValue)", context), manager: enquiry.manager?.name, clock: text, overdue: overdue)
        }
        let figures = try await services.store.read { try await $0.enquiries.timeliness(in: [cityID], at: now) }[cityID]
        let page = QueuePage(
            rows: rows, empty: rows.isEmpty, closed: closed, openURL: "/\(slug)/admin/invest/enquiries",
            closedURL: "/\(slug)/admin/invest/enquiries?closed=1",
            onTime: html.t("invest.queue.on_time", context, ["onTime": String(figures?.onTime ?? 0), "counted": String(figures?.counted ?? 0)]))
        return try await html.render(
            "invest-queue", page: page, titleKey: "invest.queue.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city)
    }

    struct SiteChoice {
        let value: String
        let label: String
        let checked: Bool
    }

    struct EnquiryPage {
        let contact: [InvestPages.Fact]
        let message: String
        let state: String
        let clock: [InvestPages.Fact]
        let steps: [EnquiryPages.StepItem]
        let siteTitle: String?
        let siteURL: String?
        let open: Bool
        let mine: Bool
        let manager: String?
        let base: String
        let answerField: FormField
        let noteField: FormField
        let sites: [SiteChoice]
        let error: String?
        let queueURL: String
    }

    func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, enquiry: Enquiry, form: FormData? = nil, error: AppError? = nil
    ) async throws -> Response {
        let slug = city.slug.rawValue, cityID = city.id
        let pages = EnquiryPages(services: services)
        let steps = try await pages.steps(enquiry, city: city, context)
        let problem = FormProblem(error, html: html, context: context)
        let answer = FormField(
            name: "text", id: "answer-text", label: html.t("invest.queue.answer_label", context), value: form?["text"] ?? "",
            error: problem.message(for: "text"), required: true, maxlength: 10_000, rows: 6)
        let note = FormField(
            name: "note", label: html.t("invest.queue.note_label", context), value: form?["note"] ?? "", error: problem.message(for: "note"),
            required: true, maxlength: 10_000, rows: 4)
        let offered = try await services.store.read {
            try await $0.invest.sites(in: [cityID], matching: SiteSearch(), limit: 200)
        }
        let chosen = Set(form.map { $0.all("sites") } ?? enquiry.siteID.map { [$0.rawValue] } ?? [])
        let sites = offered.map { stored in
            SiteChoice(
                value: stored.id.rawValue,
                label: "\(stored.site.title.localized(context.language)) — \(InvestPages(services: services).hectares(stored.site.areaHa, context))",
                checked: chosen.contains(stored.id.rawValue))
        }
        let investor = enquiry.investor
        func fact(_ key: String, _ value: String) -> InvestPages.Fact? { value.isEmpty ? nil : .init(label: html.t(key, context), value: value) }
        let page = EnquiryPage(
            contact: [
                fact("invest.enquiry.field.name", investor.name), fact("invest.enquiry.field.email", investor.email.rawValue),
                fact("invest.enquiry.field.company", investor.company), fact("invest.enquiry.field.country", investor.country),
                fact("invest.enquiry.field.phone", investor.phone), fact("invest.queue.language", enquiry.language == .uk ? "українська" : "English"),
            ].compactMap { $0 },
            message: enquiry.message, state: html.t("invest.enquiry.state.\(enquiry.state.rawValue)", context),
            clock: pages.clock(enquiry, city: city, context), steps: steps,
            siteTitle: enquiry.siteID.flatMap { id in offered.first { $0.id == id }?.site.title.localized(context.language) },
            siteURL: enquiry.siteID.map { "/\(slug)/invest/sites/\($0.rawValue)" },
            open: [.received, .assigned, .answered, .shortlisted].contains(enquiry.state),
            mine: enquiry.manager?.account == context.principal?.accountID, manager: enquiry.manager?.name,
            base: "/\(slug)/admin/invest/enquiries/\(enquiry.id.rawValue)", answerField: answer, noteField: note, sites: sites,
            error: problem?.alert(unlessShownBy: [answer, note]), queueURL: "/\(slug)/admin/invest/enquiries")
        return try await html.render(
            "invest-queue-enquiry", page: page, titleKey: "invest.queue.enquiry_title", titleArguments: ["name": investor.name],
            request: request, context: context, city: city, status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }

    func enquiryID(_ context: AppRequestContext) throws -> EnquiryID { EnquiryID(rawValue: try context.parameters.require("enquiry")) }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let enquiry = try await services.enquiries.forManager(try enquiryID(context), city: city, principal: context.principal)
        return try await render(request, context, city: city, enquiry: enquiry)
    }

    /// Runs a manager's step and comes back to the enquiry; a refusal is shown on its page with what was typed.
    private func act(
        _ request: Request, _ context: AppRequestContext, _ step: (Municipality, EnquiryID, FormData) async throws -> Enquiry
    ) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = try enquiryID(context), form = context.form ?? FormData()
        do {
            _ = try await step(city, id, form)
        } catch let error as AppError where error.belongsOnTheForm {
            let enquiry = try await services.enquiries.forManager(id, city: city, principal: context.principal)
            return try await render(request, context, city: city, enquiry: enquiry, form: form, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/invest/enquiries/\(id.rawValue)")
    }

    @Sendable func take(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { city, id, _ in try await services.enquiries.take(id, city: city, principal: context.principal) }
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { city, id, form in
            try await services.enquiries.answer(id, text: form["text"], city: city, principal: context.principal)
        }
    }

    @Sendable func shortlist(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { city, id, form in
            try await services.enquiries.shortlist(
                id, sites: form.all("sites").prefix(50).map(SiteID.init(rawValue:)), note: form["note"], city: city, principal: context.principal)
        }
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { city, id, _ in try await services.enquiries.close(id, city: city, principal: context.principal) }
    }
}
