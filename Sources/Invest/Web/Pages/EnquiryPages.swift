import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The investor's side of an enquiry: the form (about a site, or in
/// general), the "check your mail" page, and the private page the mailed
/// link opens, where the investor confirms, follows the clock, reads the
/// answers and writes again. No account is needed; the link is the key.
struct EnquiryPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/invest/enquire", use: form)
        router.post(":city/invest/enquire", use: send)
        router.get(":city/invest/enquiries/:enquiry", use: show)
        router.post(":city/invest/enquiries/:enquiry/confirm", use: confirm)
        router.post(":city/invest/enquiries/:enquiry/reply", use: reply)
    }

    struct FormPage {
        let action: String
        let siteID: String
        let siteTitle: String?
        let siteURL: String?
        let fields: [FormField]
        let error: String?
        let sent: Bool
        let sitesURL: String
        let promise: String
    }

    func promise(_ city: Municipality, _ context: AppRequestContext) -> String {
        let rules = city.settings.investEnquiries
        return html.t("invest.enquiry.promise", context, [
            "first": String(rules.firstAnswerWorkingDays), "shortlist": String(rules.shortlistWorkingDays),
        ])
    }

    func renderForm(
        _ request: Request, _ context: AppRequestContext, city: Municipality, form: FormData?, error: AppError?, sent: Bool = false
    ) async throws -> Response {
        let slug = city.slug.rawValue
        let siteID = form?["siteId"] ?? request.uri.queryParameters.get("site") ?? ""
        var site: InvestRepository.StoredSite?
        if !siteID.isEmpty, siteID.count <= 64 {
            let cityID = city.id
            site = try await services.store.read { try await $0.invest.site(SiteID(rawValue: siteID), in: cityID) }.flatMap { $0.site.status.isOnOffer ? $0 : nil }
        }
        let problem = FormProblem(error, html: html, context: context)
        func field(_ name: String, _ type: String = "text", required: Bool = false, max: Int, autocomplete: String? = nil) -> FormField {
            FormField(
                name: name, label: html.t("invest.enquiry.field.\(name)", context), value: form?[name] ?? "", error: problem.message(for: name),
                type: type, autocomplete: autocomplete, required: required, maxlength: max)
        }
        let fields = [
            field("name", required: true, max: 200, autocomplete: "name"), field("email", "email", required: true, max: 254, autocomplete: "email"),
            field("company", max: 200, autocomplete: "organization"), field("country", max: 100, autocomplete: "country-name"),
            field("phone", "tel", max: 40, autocomplete: "tel"),
            FormField(
                name: "message", label: html.t("invest.enquiry.field.message", context), value: form?["message"] ?? "",
                error: problem.message(for: "message"), hint: html.t("invest.enquiry.message_hint", context), required: true, minlength: 20,
                maxlength: 5_000, rows: 8),
        ]
        let page = FormPage(
            action: "/\(slug)/invest/enquire", siteID: site?.id.rawValue ?? "", siteTitle: site?.site.title.localized(context.language),
            siteURL: site.map { "/\(slug)/invest/sites/\($0.id.rawValue)" }, fields: fields,
            error: problem?.alert(unlessShownBy: fields), sent: sent, sitesURL: "/\(slug)/invest/sites", promise: promise(city, context))
        return try await html.render(
            "invest-enquire", page: page, titleKey: sent ? "invest.enquiry.sent_title" : "invest.enquiry.title",
            titleArguments: ["city": city.name.localized(context.language)], request: request, context: context, city: city,
            status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        return try await renderForm(request, context, city: city, form: nil, error: nil, sent: request.uri.queryParameters.get("sent") != nil)
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let form = context.form ?? FormData()
        let done = HTML.redirect("/\(city.slug.rawValue)/invest/enquire?sent=1")
        // A field people do not see: what fills it is a robot, told it worked and given nothing.
        guard form["website"].isEmpty else { return done }
        let site = form["siteId"].isEmpty ? nil : SiteID(rawValue: form["siteId"])
        do {
            _ = try await services.enquiries.send(
                site: site, name: form["name"], email: form["email"], company: form["company"], country: form["country"], phone: form["phone"],
                message: form["message"], language: context.language, city: city, clientAddress: context.clientAddress)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderForm(request, context, city: city, form: form, error: error)
        }
        return done
    }

    // MARK: The private page

    struct StepItem {
        struct Site {
            let title: String
            let url: String
        }
        let when: String
        let who: String
        let what: String
        let text: String
        let sites: [Site]
        let hasSites: Bool
        let fromCity: Bool
    }

    struct InvestorPage {
        let state: String
        let awaiting: Bool
        let open: Bool
        let confirmAction: String
        let replyAction: String
        let key: String
        let clock: [InvestPages.Fact]
        let steps: [StepItem]
        let siteTitle: String?
        let siteURL: String?
        let manager: String?
        let replyField: FormField
        let error: String?
        let done: Bool
    }

    /// The steps as both sides read them, in the reader's language; a shortlist's sites by their titles.
    func steps(_ enquiry: Enquiry, city: Municipality, _ context: AppRequestContext) async throws -> [StepItem] {
        let ids = Set(enquiry.steps.flatMap(\.sites) + (enquiry.siteID.map { [$0] } ?? []))
        let cityID = city.id, slug = city.slug.rawValue
        let sites = try await services.store.read { try await $0.invest.sites(Array(ids), in: [cityID]) }
        let titles = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0.site.title.localized(context.language)) })
        return enquiry.steps.map { step in
            let sites = step.sites.map { StepItem.Site(title: titles[$0] ?? $0.rawValue, url: "/\(slug)/invest/sites/\($0.rawValue)") }
            return StepItem(
                when: DateText.kyiv(step.at), who: step.by, what: html.t("invest.enquiry.step.\(step.kind.rawValue)", context), text: step.text,
                sites: sites, hasSites: !sites.isEmpty, fromCity: ![.sent, .confirmed, .investorReply].contains(step.kind))
        }
    }

    /// A deadline that passes at midnight, as people say it: the last day it allows (`04.12.2026` for the midnight that starts the 5th).
    static func lastDay(before deadline: Date) -> String {
        let day = CalendarDate.inKyiv(deadline.addingTimeInterval(-1))
        return InvestPages.day(day, .uk)
    }

    /// What is owed and by when, as both sides see it.
    func clock(_ enquiry: Enquiry, city: Municipality, _ context: AppRequestContext) -> [InvestPages.Fact] {
        var facts: [InvestPages.Fact] = []
        func line(_ key: String, due: Date?, done: Date?) {
            guard let due else { return }
            let value: String
            if let done {
                value = html.t(done <= due ? "invest.enquiry.done_on_time" : "invest.enquiry.done_late", context, ["when": DateText.kyiv(done)])
            } else {
                value = html.t("invest.enquiry.due_by", context, ["when": Self.lastDay(before: due)])
            }
            facts.append(InvestPages.Fact(label: html.t(key, context), value: value))
        }
        line("invest.enquiry.first_answer", due: enquiry.firstAnswerDue, done: enquiry.firstAnsweredAt)
        line("invest.enquiry.shortlist", due: enquiry.shortlistDue, done: enquiry.shortlistedAt)
        return facts
    }

    func renderInvestor(
        _ request: Request, _ context: AppRequestContext, city: Municipality, enquiry: Enquiry, key: String, form: FormData? = nil,
        error: AppError? = nil, done: Bool = false
    ) async throws -> Response {
        let slug = city.slug.rawValue, base = "/\(slug)/invest/enquiries/\(enquiry.id.rawValue)"
        let steps = try await steps(enquiry, city: city, context)
        let problem = FormProblem(error, html: html, context: context)
        let reply = FormField(
            name: "text", label: html.t("invest.enquiry.reply_label", context), value: form?["text"] ?? "", error: problem.message(for: "text"),
            required: true, maxlength: 10_000, rows: 5)
        let page = InvestorPage(
            state: html.t("invest.enquiry.state.\(enquiry.state.rawValue)", context), awaiting: enquiry.state == .awaitingConfirmation,
            open: [.received, .assigned, .answered, .shortlisted].contains(enquiry.state), confirmAction: base + "/confirm",
            replyAction: base + "/reply", key: key, clock: clock(enquiry, city: city, context), steps: steps,
            siteTitle: enquiry.siteID.flatMap { id in steps.first?.sites.first { $0.url.hasSuffix(id.rawValue) }?.title },
            siteURL: enquiry.siteID.map { "/\(slug)/invest/sites/\($0.rawValue)" }, manager: enquiry.manager?.name, replyField: reply,
            error: problem?.alert(unlessShownBy: [reply]), done: done)
        return try await html.render(
            "invest-enquiry", page: page, titleKey: "invest.enquiry.page_title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city, status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }

    func enquiryID(_ context: AppRequestContext) throws -> EnquiryID { EnquiryID(rawValue: try context.parameters.require("enquiry")) }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let key = request.uri.queryParameters.get("key") ?? ""
        let enquiry = try await services.enquiries.forInvestor(try enquiryID(context), key: key, city: city.id)
        var response = try await renderInvestor(request, context, city: city, enquiry: enquiry, key: key, done: request.uri.queryParameters.get("done") != nil)
        // The key is in the address: no referrer carries it to a site the page links to.
        response.headers[.referrerPolicy] = "no-referrer"
        return response
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let key = (context.form ?? FormData())["key"]
        let enquiry = try await services.enquiries.confirm(try enquiryID(context), key: key, city: city)
        return HTML.redirect("/\(city.slug.rawValue)/invest/enquiries/\(enquiry.id.rawValue)?key=\(key)&done=1")
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let form = context.form ?? FormData()
        let key = form["key"], id = try enquiryID(context)
        do {
            _ = try await services.enquiries.reply(id, key: key, text: form["text"], city: city)
        } catch let error as AppError where error.belongsOnTheForm {
            let enquiry = try await services.enquiries.forInvestor(id, key: key, city: city.id)
            return try await renderInvestor(request, context, city: city, enquiry: enquiry, key: key, form: form, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/invest/enquiries/\(id.rawValue)?key=\(key)&done=1")
    }
}
