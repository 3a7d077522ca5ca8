import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The city's marketing campaigns: `/{city}/visit/campaigns` and each
/// campaign's page (goal, channels, dates, the strategy it serves, reach by
/// channel), and their staff forms (`visit.edit`): the campaign's terms and a
/// reach report at a time.
struct CampaignPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: CampaignService { CampaignService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/visit/campaigns", use: list)
        router.get(":city/visit/campaigns/:campaign", use: show)
        router.get(":city/admin/visit/campaigns/new", use: new)
        router.post(":city/admin/visit/campaigns", use: create)
        router.get(":city/admin/visit/campaigns/:campaign", use: edit)
        router.post(":city/admin/visit/campaigns/:campaign", use: save)
        router.post(":city/admin/visit/campaigns/:campaign/reach", use: report)
    }

    static func url(_ city: Municipality) -> String { "\(GuidePages.url(city))/campaigns" }
    static func url(_ city: Municipality, _ id: CampaignID) -> String { "\(url(city))/\(id.rawValue)" }
    static func staffURL(_ city: Municipality, _ id: CampaignID? = nil) -> String {
        "\(GuideEditorPages.url(city))/campaigns" + (id.map { "/\($0.rawValue)" } ?? "")
    }

    // MARK: Public

    struct Card {
        let title: String
        let url: String
        let dates: String
        let phase: String
        let channels: String
    }

    struct List {
        let campaigns: [Card]
        let empty: Bool
        let guideURL: String
        let staffURL: String?
    }

    func dates(_ campaign: MarketingCampaign) -> String { "\(DateText.day(campaign.startsOn)) – \(DateText.day(campaign.endsOn))" }

    func channels(_ campaign: MarketingCampaign, _ context: AppRequestContext) -> String {
        CampaignChannel.allCases.filter(campaign.channels.contains).map { html.t("visit.channel.\($0.rawValue)", context) }.joined(separator: " · ")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let cityID = city.id, language = context.language, today = CalendarDate.inKyiv(services.clock.now())
        let campaigns = try await services.store.read { try await $0.visitGuide.campaigns(in: cityID) }
        let page = List(
            campaigns: campaigns.map { campaign in
                Card(
                    title: campaign.title.localized(language), url: Self.url(city, campaign.id), dates: dates(campaign),
                    phase: html.t("visit.campaign.phase.\(campaign.phase(on: today).rawValue)", context), channels: channels(campaign, context))
            },
            empty: campaigns.isEmpty, guideURL: GuidePages.url(city),
            staffURL: context.principal?.may(.visitEdit, in: city.id) == true ? "\(Self.staffURL(city))/new" : nil)
        return try await html.render(
            "visit-campaigns", page: page, titleKey: "visit.campaign.list_title", titleArguments: ["city": city.name.localized(language)],
            request: request, context: context, city: city)
    }

    struct ReachRow {
        let channel: String
        let reached: String
        let engaged: String
    }

    struct Report {
        let date: String
        let channel: String
        let reached: String
        let note: String
    }

    struct Show {
        let goal: String
        let dates: String
        let phase: String
        let channels: String
        let strategy: Link?
        let rows: [ReachRow]
        let total: String
        let hasReach: Bool
        let reports: [Report]
        let listURL: String
        let editURL: String?
    }

    struct Link {
        let title: String
        let url: String
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let staff = context.principal?.may(.visitEdit, in: city.id) == true
        let campaign = try await stored(city, context)
        guard campaign.published || staff else { throw AppError.notFound }
        let language = context.language, today = CalendarDate.inKyiv(services.clock.now())
        var strategy: Link?
        if let id = campaign.strategy, let thing = try await services.modules.linked(.strategy, id: id, in: city, services: services) {
            strategy = Link(title: thing.title(in: language), url: thing.path)
        }
        let rows = campaign.reachByChannel.map { row in
            ReachRow(
                channel: html.t("visit.channel.\(row.channel.rawValue)", context), reached: NumberFormat.grouped(Int64(row.reached)),
                engaged: row.engaged.map { NumberFormat.grouped(Int64($0)) } ?? "—")
        }
        let page = Show(
            goal: campaign.goal.localized(language), dates: dates(campaign), phase: html.t("visit.campaign.phase.\(campaign.phase(on: today).rawValue)", context),
            channels: channels(campaign, context), strategy: strategy, rows: rows,
            total: NumberFormat.grouped(Int64(MarketingCampaign.sum(campaign.reach.map(\.reached)))), hasReach: !rows.isEmpty,
            reports: campaign.reach.sorted { $0.reportedOn > $1.reportedOn }.map { report in
                Report(
                    date: DateText.day(report.reportedOn), channel: html.t("visit.channel.\(report.channel.rawValue)", context),
                    reached: NumberFormat.grouped(Int64(report.reached)), note: report.note)
            },
            listURL: Self.url(city), editURL: staff ? Self.staffURL(city, campaign.id) : nil)
        return try await html.render(
            "visit-campaign", page: page, titleKey: "visit.campaign.title", titleArguments: ["campaign": campaign.title.localized(language)],
            request: request, context: context, city: city)
    }

    private func stored(_ city: Municipality, _ context: AppRequestContext) async throws -> MarketingCampaign {
        let id = CampaignID(rawValue: try context.parameters.require("campaign")), cityID = city.id
        guard let campaign = try await services.store.read({ try await $0.visitGuide.campaign(id, in: cityID) }) else { throw AppError.notFound }
        return campaign
    }

    // MARK: Staff

    private func staff(_ context: AppRequestContext) async throws -> Municipality {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.visitEdit, context.principal, in: city.id)
        return city
    }

    static func form(of campaign: MarketingCampaign) -> FormData {
        FormData(fields: [
            "titleUk": [campaign.title.uk], "titleEn": [campaign.title.en], "goalUk": [campaign.goal.uk], "goalEn": [campaign.goal.en],
            "channels": CampaignChannel.allCases.filter(campaign.channels.contains).map(\.rawValue), "startsOn": [campaign.startsOn.description],
            "endsOn": [campaign.endsOn.description], "strategy": [campaign.strategy ?? ""], "published": campaign.published ? ["1"] : [],
        ])
    }

    static func read(_ form: FormData, id: CampaignID, city: MunicipalityID, reach: [CampaignReach]) -> (MarketingCampaign?, [String: String]) {
        var problems: [String: String] = [:]
        let starts = CalendarDate.parse(form["startsOn"]), ends = CalendarDate.parse(form["endsOn"])
        if starts == nil { problems["startsOn"] = "visit_campaign_dates" }
        if ends == nil { problems["endsOn"] = "visit_campaign_dates" }
        let channels = Set((form.fields["channels"] ?? []).compactMap(CampaignChannel.init(rawValue:)))
        let strategy = form["strategy"].trimmingCharacters(in: .whitespaces)
        guard let starts, let ends else { return (nil, problems) }
        let campaign = MarketingCampaign(
            id: id, city: city, title: PlaceForm.text(form, "title"), goal: PlaceForm.text(form, "goal"), channels: channels, startsOn: starts,
            endsOn: ends, strategy: strategy.isEmpty ? nil : String(strategy.prefix(200)), reach: reach, published: !form["published"].isEmpty)
        return (campaign, problems)
    }

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staff(context)
        return try await render(request, context, city: city, editing: nil, form: FormData(fields: ["published": ["1"]]))
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staff(context)
        let campaign = try await stored(city, context)
        return try await render(request, context, city: city, editing: campaign, form: Self.form(of: campaign))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staff(context)
        return try await write(request, context, city: city, editing: nil)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staff(context)
        return try await write(request, context, city: city, editing: try await stored(city, context))
    }

    private func write(_ request: Request, _ context: AppRequestContext, city: Municipality, editing: MarketingCampaign?) async throws -> Response {
        let form = context.form ?? FormData()
        let (campaign, problems) = Self.read(form, id: editing?.id ?? .random(), city: city.id, reach: editing?.reach ?? [])
        do {
            guard let campaign else { throw GuideEditor.Refused(problems: problems) }
            try await service.save(campaign, extraProblems: problems, city: city, principal: context.principal)
            return HTML.redirect(Self.staffURL(city, campaign.id) + "?saved=1")
        } catch let refused as GuideEditor.Refused {
            return try await render(request, context, city: city, editing: editing, form: form, problems: refused.problems)
        }
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staff(context)
        let campaign = try await stored(city, context)
        let form = context.form ?? FormData()
        var problems: [String: String] = [:]
        let channel = CampaignChannel(rawValue: form["channel"])
        if channel == nil { problems["channel"] = "visit_campaign_channel" }
        let day = CalendarDate.parse(form["reportedOn"])
        if day == nil { problems["reportedOn"] = "visit_campaign_reported_on" }
        let reached = FormNumber.whole(form["reached"].filter { !$0.isWhitespace })
        if reached == nil { problems["reached"] = "visit_campaign_reached" }
        let engagedText = form["engaged"].filter { !$0.isWhitespace }
        let engaged = engagedText.isEmpty ? nil : FormNumber.whole(engagedText)
        if !engagedText.isEmpty, engaged == nil { problems["engaged"] = "visit_campaign_engaged" }
        do {
            guard let channel, let day, let reached, problems.isEmpty else { throw GuideEditor.Refused(problems: problems) }
            let reach = CampaignReach(
                channel: channel, reportedOn: day, reached: reached, engaged: engaged, note: form["note"].trimmingCharacters(in: .whitespacesAndNewlines))
            try await service.addReach(reach, extraProblems: [:], to: campaign.id, city: city, principal: context.principal)
            return HTML.redirect(Self.staffURL(city, campaign.id) + "?saved=1")
        } catch let refused as GuideEditor.Refused {
            return try await render(request, context, city: city, editing: campaign, form: Self.form(of: campaign), reachForm: form, reachProblems: refused.problems)
        }
    }

    struct Editor {
        let heading: String
        let action: String
        let alert: String?
        let saved: Bool
        let fields: [FormField]
        let channelsError: String?
        let channels: [FormField]
        let dates: [FormField]
        let submit: String
        let deskURL: String
        let publicURL: String?
        let reach: ReachForm?
    }

    struct ReachForm {
        let action: String
        let alert: String?
        let fields: [FormField]
    }

    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, editing: MarketingCampaign?, form: FormData,
        problems: [String: String] = [:], reachForm: FormData = FormData(), reachProblems: [String: String] = [:]
    ) async throws -> Response {
        func t(_ key: String) -> String { html.t(key, context) }
        func error(_ field: String, _ problems: [String: String]) -> String? { problems[field].map { t("errors.\($0)") } }
        func field(_ name: String, _ label: String, type: String = "text", required: Bool = false, maxlength: Int? = nil, rows: Int? = nil) -> FormField {
            FormField(name: name, label: t("visit.campaign.\(label)"), value: form[name], error: error(name, problems), type: type, required: required, maxlength: maxlength, rows: rows)
        }
        let language = context.language
        let strategies = try await services.modules.linkChoices(.strategy, in: city, limit: 200, services: services)
        let chosen = form["strategy"]
        let fields = [
            FormField(name: "titleUk", label: t("visit.editor.title_uk"), value: form["titleUk"], error: error("titleUk", problems), required: true, maxlength: MarketingCampaign.titleLength.upperBound),
            FormField(name: "titleEn", label: t("visit.editor.title_en"), value: form["titleEn"], error: error("titleEn", problems), required: true, maxlength: MarketingCampaign.titleLength.upperBound),
            field("goalUk", "goal_uk", maxlength: MarketingCampaign.goalLength.upperBound, rows: 3),
            field("goalEn", "goal_en", maxlength: MarketingCampaign.goalLength.upperBound, rows: 3),
            FormField(
                name: "strategy", label: t("visit.campaign.strategy"), value: chosen, error: error("strategy", problems), hint: t("visit.campaign.strategy_hint"),
                options: [SelectOption(value: "", label: t("visit.editor.no_stop"), selected: chosen.isEmpty)]
                    + strategies.map { SelectOption(value: $0.id, label: $0.title(in: language), selected: $0.id == chosen) }),
            FormField(name: "published", label: t("visit.editor.published"), value: "1", checked: !form["published"].isEmpty),
        ]
        let ticked = Set(form.fields["channels"] ?? [])
        let channels = CampaignChannel.allCases.map { channel in
            FormField(name: "channels", id: "channel-\(channel.rawValue)", label: t("visit.channel.\(channel.rawValue)"), value: channel.rawValue, checked: ticked.contains(channel.rawValue))
        }
        let dates = [field("startsOn", "starts_on", type: "date", required: true), field("endsOn", "ends_on", type: "date", required: true)]
        let reach = editing.map { campaign in
            let chosenChannel = reachForm["channel"]
            let fields = [
                FormField(
                    name: "channel", label: t("visit.campaign.channel"), value: chosenChannel, error: error("channel", reachProblems),
                    options: [SelectOption(value: "", label: t("visit.editor.choose"), selected: chosenChannel.isEmpty)]
                        + CampaignChannel.allCases.filter(campaign.channels.contains).map { SelectOption(value: $0.rawValue, label: t("visit.channel.\($0.rawValue)"), selected: $0.rawValue == chosenChannel) }),
                FormField(name: "reportedOn", label: t("visit.campaign.reported_on"), value: reachForm["reportedOn"], error: error("reportedOn", reachProblems), type: "date", required: true),
                FormField(name: "reached", label: t("visit.campaign.reached"), value: reachForm["reached"], error: error("reached", reachProblems), inputmode: "numeric", required: true, maxlength: 13),
                FormField(name: "engaged", label: t("visit.campaign.engaged"), value: reachForm["engaged"], error: error("engaged", reachProblems), hint: t("visit.campaign.engaged_hint"), inputmode: "numeric", maxlength: 13),
                FormField(name: "note", label: t("visit.campaign.note"), value: reachForm["note"], error: error("note", reachProblems), maxlength: CampaignReach.noteLength.upperBound),
            ]
            return ReachForm(action: Self.staffURL(city, campaign.id) + "/reach", alert: reachProblems.isEmpty ? nil : t("visit.editor.problems"), fields: fields)
        }
        let page = Editor(
            heading: t(editing == nil ? "visit.campaign.new" : "visit.campaign.edit"),
            action: editing.map { Self.staffURL(city, $0.id) } ?? Self.staffURL(city), alert: problems.isEmpty ? nil : t("visit.editor.problems"),
            saved: request.uri.queryParameters.get("saved") == "1" && problems.isEmpty && reachProblems.isEmpty, fields: fields,
            channelsError: error("channels", problems), channels: channels, dates: dates,
            submit: t(editing == nil ? "visit.editor.create" : "visit.editor.save"), deskURL: GuideEditorPages.url(city),
            publicURL: editing.map { Self.url(city, $0.id) }, reach: reach)
        return try await html.render(
            "visit-campaign-editor", page: page, titleKey: editing == nil ? "visit.campaign.new" : "visit.campaign.edit_title",
            titleArguments: ["campaign": editing?.title.localized(language) ?? ""], request: request, context: context, city: city,
            status: problems.isEmpty && reachProblems.isEmpty ? .ok : .unprocessableContent)
    }
}
