import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// Site matching (`/{city}/invest/match`): an investor describes a need
/// (area, power, gas, water, rail, road distance, budget), and every site
/// on offer in the city, or in its whole oblast, is ranked by how well it
/// fits, saying per criterion what fits and by how much it falls short.
/// The same as JSON at `/api/v1/{city}/invest/match`.
struct MatchPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    static let shown = 30

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/invest/match", use: page)
        router.get("api/v1/:city/invest/match", use: json)
    }

    struct Ranked {
        let stored: InvestRepository.StoredSite
        let score: Int
        let verdicts: [(SiteNeed.Criterion, SiteNeed.Verdict)]
    }

    /// The need read from the query, the cities searched, and the best sites.
    func match(_ request: Request, city: Municipality) async throws -> (SiteNeed, Bool, [Ranked], Int) {
        let parameters = InvestAPIController.parameters(request)
        let need: SiteNeed
        do { need = try SiteNeed(parameters) } catch { throw InvestService.appError(error) }
        let wholeOblast = parameters["scope"] == "oblast"
        var cities = [city.id]
        if wholeOblast {
            let all = try await services.store.read { try await $0.municipalities.all() }
            cities = all.filter { $0.oblastID == city.oblastID && $0.settings.enables(.invest) }.map(\.id)
        }
        let scope = cities
        let candidates = try await services.store.read { try await $0.invest.facts(in: scope) }
        let ranked = need.rank(candidates.map { (key: $0.id.rawValue, facts: $0.facts) }).prefix(Self.shown)
        let ids = ranked.map { SiteID(rawValue: $0.key) }
        let stored = Dictionary(uniqueKeysWithValues: try await services.store.read { try await $0.invest.sites(ids, in: scope) }.map { ($0.id, $0) })
        let results = ranked.compactMap { item -> Ranked? in
            guard let site = stored[SiteID(rawValue: item.key)] else { return nil }
            return Ranked(stored: site, score: item.score, verdicts: need.verdicts(for: site.site.facts))
        }
        return (need, wholeOblast, results, candidates.count)
    }

    struct Verdict {
        let criterion: String
        let text: String
        let fits: Bool
        let unknown: Bool
    }

    struct Item {
        let url: String
        let title: String
        let city: String
        let score: Int
        let verdicts: [Verdict]
        let enquireURL: String
    }

    struct Page {
        let action: String
        let fields: [FormField]
        let gas: Bool
        let water: Bool
        let rail: Bool
        let oblast: Bool
        let asked: Bool
        let items: [Item]
        let summary: String
        let error: String?
        let sitesURL: String
    }

    func verdictText(_ criterion: SiteNeed.Criterion, _ verdict: SiteNeed.Verdict, _ context: AppRequestContext) -> String {
        let name = html.t("invest.match.criterion.\(criterion.rawValue)", context)
        switch verdict {
        case .fits: return html.t("invest.match.fits", context, ["criterion": name])
        case .unknown: return html.t("invest.match.unknown", context, ["criterion": name])
        case .short(let by):
            guard let by else { return html.t("invest.match.missing", context, ["criterion": name]) }
            let amount: String
            switch criterion {
            case .area: amount = html.t("invest.hectares", context, ["n": InvestPages.decimal(InvestPages.plain(by), context.language)])
            case .power: amount = html.t("invest.kilowatts", context, ["n": InvestPages.whole(Int(by.rounded()), context.language)])
            case .road: amount = html.t("invest.kilometres", context, ["n": InvestPages.decimal(InvestPages.plain(by), context.language)])
            case .budget:
                amount = InvestPages(services: services).money(Money(kopiyky: Int64(by.rounded())), context)
            default: amount = ""
            }
            return html.t("invest.match.short", context, ["criterion": name, "by": amount])
        }
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let query = request.uri.queryParameters
        var refusal: AppError?
        var found: (SiteNeed, Bool, [Ranked], Int) = (SiteNeed(), false, [], 0)
        do { found = try await match(request, city: city) } catch let error as AppError where error.belongsOnTheForm { refusal = error }
        let (need, oblast, ranked, total) = found
        let problem = FormProblem(refusal, html: html, context: context)
        func field(_ name: String, _ mode: String) -> FormField {
            FormField(
                name: name, label: html.t("invest.match.field.\(name)", context), value: query.get(name) ?? "", error: problem.message(for: name),
                inputmode: mode, maxlength: 24)
        }
        let fields = [
            field("minAreaHa", "decimal"), field("maxAreaHa", "decimal"), field("minPowerKw", "numeric"), field("maxRoadKm", "decimal"),
            field("budget", "numeric"),
        ]
        let names = try await services.store.read { try await $0.municipalities.all() }
        let cityNames = Dictionary(uniqueKeysWithValues: names.map { ($0.id, ($0.name.localized(context.language), $0.slug.rawValue)) })
        let items = ranked.map { item in
            let (name, slug) = cityNames[item.stored.city] ?? ("", city.slug.rawValue)
            return Item(
                url: "/\(slug)/invest/sites/\(item.stored.id.rawValue)", title: item.stored.site.title.localized(context.language), city: name,
                score: item.score,
                verdicts: item.verdicts.map { criterion, verdict in
                    Verdict(
                        criterion: criterion.rawValue, text: verdictText(criterion, verdict, context), fits: verdict == .fits, unknown: verdict == .unknown)
                },
                enquireURL: "/\(slug)/invest/enquire?site=\(item.stored.id.rawValue)")
        }
        let page = Page(
            action: "/\(city.slug.rawValue)/invest/match", fields: fields, gas: need.gas, water: need.water, rail: need.rail, oblast: oblast,
            asked: !need.isEmpty && refusal == nil, items: need.isEmpty ? [] : items,
            summary: html.t("invest.match.summary", context, ["shown": String(items.count), "total": String(total)]),
            error: problem?.alert(unlessShownBy: fields), sitesURL: "/\(city.slug.rawValue)/invest/sites")
        return try await html.render(
            "invest-match", page: page, titleKey: "invest.match.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city, status: refusal == nil ? .ok : .unprocessableContent)
    }

    struct Body: Encodable {
        struct Item: Encodable {
            struct Verdict: Encodable {
                let criterion: String
                /// `fits`, `short` or `unknown` (the site's data does not say).
                let verdict: String
                /// How far it falls short, in the criterion's unit (ha, kW, km, kopiyky), where that means anything.
                let shortBy: Double?
            }
            let id: String
            let city: String
            let title: LocalizedName
            let score: Int
            let verdicts: [Verdict]
            let url: String
        }
        let scope: String
        let considered: Int
        let items: [Item]
    }

    @Sendable func json(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let (_, oblast, ranked, total) = try await match(request, city: city)
        let all = try await services.store.read { try await $0.municipalities.all() }
        let slugs = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.slug.rawValue) })
        return try JSONResponse.encode(Body(
            scope: oblast ? "oblast" : "city", considered: total,
            items: ranked.map { item in
                let slug = slugs[item.stored.city] ?? city.slug.rawValue
                return .init(
                    id: item.stored.id.rawValue, city: slug, title: item.stored.site.title, score: item.score,
                    verdicts: item.verdicts.map { criterion, verdict in
                        switch verdict {
                        case .fits: .init(criterion: criterion.rawValue, verdict: "fits", shortBy: nil)
                        case .unknown: .init(criterion: criterion.rawValue, verdict: "unknown", shortBy: nil)
                        case .short(let by): .init(criterion: criterion.rawValue, verdict: "short", shortBy: by)
                        }
                    },
                    url: "/\(slug)/invest/sites/\(item.stored.id.rawValue)")
            }))
    }
}
