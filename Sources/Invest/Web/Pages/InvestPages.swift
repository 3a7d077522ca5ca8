import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The investor's pages: the city's passport (`/{city}/invest`), the site
/// catalogue with its filters (`/{city}/invest/sites`, a plain GET form
/// that works without JavaScript) and a site's page.
struct InvestPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    /// Sites a catalogue page lists.
    static let pageSize = 20

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/invest", use: passport)
        router.get(":city/invest/sites", use: sites)
        router.get(":city/invest/sites/:site", use: site)
    }

    // MARK: The passport

    struct Figure {
        struct Year {
            let year: Int
            let value: String
        }
        let code: String
        let name: String
        let value: String
        let unit: String
        let year: Int
        let source: String
        let checked: String?
        let history: [Year]
        let hasHistory: Bool
    }

    struct Section {
        let id: String
        let title: String
        let figures: [Figure]
    }

    struct PassportPage {
        let name: String
        let sections: [Section]
        let empty: Bool
        let sitesURL: String
        let siteCount: String
        let jsonURL: String
        let csvURL: String
        let importURL: String?
        let enquireURL: String
        let matchURL: String
        let programmeURL: String
    }

    @Sendable func passport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let indicators = try await services.invest.passport(of: city.id)
        let language = context.language, cityID = city.id
        let sections = sections(indicators, context)
        let count = try await services.store.read { try await $0.invest.count(in: [cityID], matching: SiteSearch()) }
        let slug = city.slug.rawValue
        let page = PassportPage(
            name: city.name.localized(language), sections: sections, empty: sections.isEmpty, sitesURL: "/\(slug)/invest/sites",
            siteCount: html.t("invest.sites_on_offer", context, ["n": String(count)]), jsonURL: "/api/v1/\(slug)/invest/passport",
            csvURL: "/api/v1/\(slug)/invest/passport.csv",
            importURL: context.principal?.may(.manageInvest, in: city.id) == true ? "/\(slug)/admin/invest" : nil,
            enquireURL: "/\(slug)/invest/enquire", matchURL: "/\(slug)/invest/match", programmeURL: "/\(slug)/invest/programme")
        return try await html.render(
            "invest", page: page, titleKey: "invest.title", titleArguments: ["city": page.name], request: request, context: context, city: city)
    }

    /// A passport's figures by section, each with its newest value, year, source and history.
    func sections(_ indicators: [PassportIndicator], _ context: AppRequestContext) -> [Section] {
        let language = context.language
        return IndicatorSection.allCases.compactMap { section -> Section? in
            let figures = indicators.filter { $0.section == section }.compactMap { indicator -> Figure? in
                guard let latest = indicator.latest else { return nil }
                let history = indicator.values.reversed().map { Figure.Year(year: $0.year, value: Self.decimal($0.value, language)) }
                return Figure(
                    code: indicator.code, name: indicator.name.localized(language), value: Self.decimal(latest.value, language),
                    unit: unit(indicator.unit, context), year: latest.year, source: latest.source,
                    checked: latest.checkedOn.map { Self.day($0, language) }, history: history, hasHistory: history.count > 1)
            }
            return figures.isEmpty ? nil : Section(id: section.rawValue, title: html.t("invest.section.\(section.rawValue)", context), figures: figures)
        }
    }

    /// A unit by its code in the reader's language (`uah_million` → `млн грн`), or as written when it has no name here.
    func unit(_ code: String, _ context: AppRequestContext) -> String {
        services.localizer.has("invest.unit.\(code)", context.language) ? html.t("invest.unit.\(code)", context) : code
    }

    /// `12345.6` as the reader writes it: `12 345,6` in Ukrainian, `12,345.6` in English.
    static func decimal(_ value: String, _ language: Language) -> String {
        let negative = value.hasPrefix("-")
        let parts = value.dropFirst(negative ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = parts.first, let digits = UInt64(whole) else { return value }
        var grouped = Money.group(digits)
        if language == .en { grouped = grouped.replacingOccurrences(of: "\u{00A0}", with: ",") }
        let fraction = parts.count > 1 ? (language == .uk ? "," : ".") + parts[1] : ""
        return (negative ? "−" : "") + grouped + fraction
    }

    static func day(_ date: CalendarDate, _ language: Language) -> String {
        language == .uk ? String(format: "%02d.%02d.%04d", date.day, date.month, date.year) : date.description
    }

    // MARK: The catalogue

    struct SiteItem {
        let url: String
        let title: String
        let type: String
        let status: String
        let area: String
        let right: String
        let power: String?
        let price: String?
        let flags: [String]
        let hasFlags: Bool
    }

    struct Choice {
        let value: String
        let label: String
        let selected: Bool
    }

    struct SitesPage {
        let name: String
        let passportURL: String
        let matchURL: String
        let formURL: String
        let types: [Choice]
        let rights: [Choice]
        let sorts: [Choice]
        let minAreaHa: String
        let maxAreaHa: String
        let minPowerKw: String
        let maxRoadKm: String
        let gas: Bool
        let water: Bool
        let rail: Bool
        let bbox: String
        let error: String?
        let errorField: String?
        let found: String
        let items: [SiteItem]
        let empty: Bool
        let previousURL: String?
        let nextURL: String?
        let geojsonURL: String
        let apiURL: String
        let map: MapView
        let clearBoxURL: String?
        /// Whether any filter is set: the form then folds away on a phone, the results first.
        let filtered: Bool
        let filtersSummary: String
    }

    @Sendable func sites(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let query = request.uri.queryParameters
        var parameters = InvestAPIController.parameters(request)
        // A form sends one `type` per box ticked; the API takes them joined by commas.
        let ticked = query[values: "type"].filter { !$0.isEmpty }.map(String.init)
        if !ticked.isEmpty { parameters["type"] = ticked.joined(separator: ",") }
        var search = SiteSearch(), refusal: AppError?
        do { search = try SiteSearch(parameters) } catch { refusal = InvestService.appError(error) }
        let offset = Int(query.get("after") ?? "0").map { min(max(0, $0), PageQuery.maximumOffset) } ?? 0
        let cityID = city.id, wanted = search
        let (found, total): ([InvestRepository.StoredSite], Int) =
            refusal != nil
            ? ([], 0)
            : try await services.store.read { tx in
                (try await tx.invest.sites(in: [cityID], matching: wanted, limit: Self.pageSize, offset: offset),
                 try await tx.invest.count(in: [cityID], matching: wanted))
            }
        let slug = city.slug.rawValue, language = context.language
        let queryText = request.uri.query.map { "?" + $0 } ?? ""
        let page = SitesPage(
            name: city.name.localized(language), passportURL: "/\(slug)/invest", matchURL: "/\(slug)/invest/match", formURL: "/\(slug)/invest/sites",
            types: SiteType.allCases.map { Choice(value: $0.rawValue, label: html.t("invest.type.\($0.rawValue)", context), selected: search.types.contains($0)) },
            rights: [Choice(value: "", label: html.t("invest.any_right", context), selected: search.right == nil)]
                + SiteRight.allCases.map { Choice(value: $0.rawValue, label: html.t("invest.right.\($0.rawValue)", context), selected: search.right == $0) },
            sorts: SiteSearch.Sort.allCases.map {
                Choice(value: $0.rawValue, label: html.t("invest.sort.\(Self.sortKey($0))", context), selected: search.sort == $0)
            },
            minAreaHa: parameters["minAreaHa"] ?? "", maxAreaHa: parameters["maxAreaHa"] ?? "", minPowerKw: parameters["minPowerKw"] ?? "",
            maxRoadKm: parameters["maxRoadKm"] ?? "", gas: search.gas, water: search.water, rail: search.rail, bbox: parameters["bbox"] ?? "",
            error: refusal.map { html.t($0.messageKey, context) }, errorField: refusal?.field,
            found: html.t("invest.found", context, ["n": String(total)]),
            items: found.map { item($0, slug: slug, context) }, empty: found.isEmpty && refusal == nil,
            previousURL: offset > 0 ? Self.catalogueURL(parameters, ticked, slug: slug, after: max(0, offset - Self.pageSize)) : nil,
            nextURL: offset + found.count < total ? Self.catalogueURL(parameters, ticked, slug: slug, after: offset + Self.pageSize) : nil,
            geojsonURL: "/api/v1/\(slug)/invest/sites.geojson" + queryText, apiURL: "/api/v1/\(slug)/invest/sites" + queryText,
            map: MapView(
                services: services, label: html.t("invest.map_label", context), centre: Self.centre(of: found),
                source: refusal == nil ? "/api/v1/\(slug)/invest/sites.geojson" + queryText : nil, boxField: "bbox",
                boxLabel: html.t("invest.map_search_here", context)),
            clearBoxURL: search.box == nil ? nil : Self.catalogueURL(parameters, ticked, slug: slug, dropping: "bbox"), filtered: Self.filterCount(search) > 0,
            filtersSummary: Self.filterCount(search) == 0
                ? html.t("invest.filters", context) : html.t("invest.filters_set", context, ["n": String(Self.filterCount(search))]))
        return try await html.render(
            "invest-sites", page: page, titleKey: "invest.sites_title", titleArguments: ["city": page.name], request: request, context: context,
            city: city, status: refusal == nil ? .ok : .unprocessableContent)
    }

    /// How many filters a search sets (its order and map box aside).
    static func filterCount(_ search: SiteSearch) -> Int {
        [!search.types.isEmpty, search.minAreaHa != nil, search.maxAreaHa != nil, search.right != nil, search.minPowerKw != nil, search.gas,
         search.water, search.rail, search.maxRoadKm != nil].filter { $0 }.count
    }

    /// Where a map opens: the first site's marker, or the centre of Вінниця.
    static func centre(of sites: [InvestRepository.StoredSite]) -> (longitude: Double, latitude: Double) {
        guard let marker = sites.first?.site.geometry.marker else { return (28.4682, 49.2331) }
        return (marker.longitude, marker.latitude)
    }

    /// The catalogue's address for this search: its page `after`, or the same search without `dropping` (its map box).
    static func catalogueURL(_ parameters: [String: String], _ ticked: [String], slug: String, dropping: String? = nil, after: Int = 0) -> String {
        var items = parameters.filter { $0.key != "after" && $0.key != "type" && $0.key != dropping }.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
        for type in ticked { items.append(("type", type)) }
        if after > 0 { items.append(("after", String(after))) }
        let text = items.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        return "/\(slug)/invest/sites" + (text.isEmpty ? "" : "?" + text)
    }

    static func sortKey(_ sort: SiteSearch.Sort) -> String {
        switch sort {
        case .newest: "newest"
        case .areaAscending: "area_up"
        case .areaDescending: "area_down"
        case .priceAscending: "price_up"
        case .priceDescending: "price_down"
        }
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~,"))) ?? ""
    }

    /// `310 000,00 грн` in Ukrainian, `310,000.00 UAH` in English.
    func money(_ money: Money, _ context: AppRequestContext) -> String {
        guard context.language == .en else { return money.formatted(currency: html.t("invest.currency", context)) }
        let cents = money.kopiyky.magnitude % 100
        let text = "\(money.kopiyky.magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
        return (money.kopiyky < 0 ? "−" : "") + Self.decimal(text, .en) + "\u{00A0}" + html.t("invest.currency", context)
    }

    /// A whole number grouped as the reader writes it.
    static func whole(_ value: Int, _ language: Language) -> String { decimal(String(value), language) }

    func hectares(_ value: Double, _ context: AppRequestContext) -> String {
        html.t("invest.hectares", context, ["n": Self.decimal(Self.plain(value), context.language)])
    }

    /// A decimal without a trailing `.0`, to 4 places: `12.5`, `3`.
    static func plain(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    func item(_ stored: InvestRepository.StoredSite, slug: String, _ context: AppRequestContext) -> SiteItem {
        let site = stored.site, facts = site.facts
        var flags: [String] = []
        if facts.gas { flags.append(html.t("invest.flag.gas", context)) }
        if facts.water { flags.append(html.t("invest.flag.water", context)) }
        if facts.rail { flags.append(html.t("invest.flag.rail", context)) }
        return SiteItem(
            url: "/\(slug)/invest/sites/\(stored.id.rawValue)", title: site.title.localized(context.language),
            type: html.t("invest.type.\(site.type.rawValue)", context), status: html.t("invest.status.\(site.status.rawValue)", context),
            area: hectares(site.areaHa, context), right: html.t("invest.right.\(site.right.rawValue)", context),
            power: site.utilities.powerKw.map { html.t("invest.kilowatts", context, ["n": Self.whole($0, context.language)]) },
            price: site.price.map { money($0, context) }, flags: flags, hasFlags: !flags.isEmpty)
    }

    // MARK: A site

    struct Fact {
        let label: String
        let value: String
    }

    struct SitePage {
        let title: String
        let type: String
        let status: String
        let description: String
        let facts: [Fact]
        let utilities: [Fact]
        let distances: [Fact]
        let buildings: [Fact]
        let hasBuildings: Bool
        let manager: [Fact]
        let hasUtilities: Bool
        let hasDistances: Bool
        let hasManager: Bool
        let verified: String?
        let catalogueURL: String
        let jsonURL: String
        let map: MapView
        let enquireURL: String?
        /// The auction lot the site is offered in, as the auctions module shows it.
        let auctionLot: LotLink?
        let photos: [Picture]
        let hasPhotos: Bool
        let documents: [Download]
        let hasDocuments: Bool
        /// For the city's staff: change the terms, add photos and documents.
        let editURL: String?
        let filesURL: String?
        /// What of the city's other modules points at the site (a strategy's measures).
        let referrers: Referrers?
        /// What a messenger shows when the site's link is shared.
        let preview: SharePreview
    }

    struct Picture {
        let url: String
        let caption: String
        let width: Int
        let height: Int
    }

    struct Download {
        let url: String
        let title: String
        let size: String
    }

    struct LotLink {
        let title: String
        let url: String
        let status: String
    }

    @Sendable func site(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.invest.site(SiteID(rawValue: try context.parameters.require("site")), in: city.id, principal: context.principal)
        let site = stored.site, details = site.details, language = context.language, slug = city.slug.rawValue
        func fact(_ key: String, _ value: String?) -> Fact? {
            guard let value, !value.isEmpty else { return nil }
            return Fact(label: html.t("invest.field.\(key)", context), value: value)
        }
        func km(_ value: Double?) -> String? { value.map { html.t("invest.kilometres", context, ["n": Self.decimal(Self.plain($0), language)]) } }
        let yes = html.t("invest.yes", context)
        let facts = [
            fact("area", hectares(site.areaHa, context)), fact("cadastral_number", site.cadastralNumber?.rawValue),
            fact("purpose_code", site.purposeCode), fact("land_category", details.landCategory), fact("zoning", details.zoning),
            fact("ownership", html.t("invest.ownership.\(site.ownership.rawValue)", context)),
            fact("right", html.t("invest.right.\(site.right.rawValue)", context)),
            fact("term", site.termYears.map { html.t("invest.years", context, ["n": String($0)]) }),
            fact(site.right == .sale ? "price" : "rent", site.price.map { money($0, context) }),
            fact("normative_valuation", site.normativeValuation.map { money($0, context) }),
            fact("encumbrances", details.encumbrances),
        ].compactMap { $0 }
        let u = site.utilities
        let utilities = [
            fact("power", u.powerKw.map { html.t("invest.kilowatts", context, ["n": Self.whole($0, language)]) }),
            fact("voltage", details.voltageKv.map { html.t("invest.kilovolts", context, ["n": Self.decimal(Self.plain($0), language)]) }),
            fact("gas", u.gasM3PerHour.map { html.t("invest.gas_flow", context, ["n": Self.decimal(Self.plain($0), language)]) }),
            fact("water", u.waterM3PerDay.map { html.t("invest.water_flow", context, ["n": Self.decimal(Self.plain($0), language)]) }),
            fact("sewer", u.sewer ? yes : nil), fact("heat", u.heat ? yes : nil), fact("fibre", u.fibre ? yes : nil),
            fact("connection", km(u.connectionKm)),
        ].compactMap { $0 }
        let d = site.distances
        let distances = [
            fact("road", km(d.roadKm)), fact("rail", d.railKm == 0 ? html.t("invest.own_siding", context) : km(d.railKm)),
            fact("airport", km(d.airportKm)), fact("border", km(d.borderKm)),
        ].compactMap { $0 }
        let buildings = details.buildings.enumerated().map { index, building in
            Fact(
                label: html.t("invest.building", context, ["n": String(index + 1)]),
                value: html.t("invest.building_facts", context, [
                    "area": Self.whole(Int(building.areaM2.rounded()), language), "floors": String(building.floors),
                    "condition": html.t("invest.condition.\(building.condition.rawValue)", context),
                ]))
        }
        let lot = try await services.invest.auctionLot(of: site, in: city)
        let referrers = try await Referrers.of(.investSite, id: stored.id.rawValue, in: city, context, services: services)
        let (photos, documents) = try await services.invest.files(of: stored.id, in: city.id)
        let siteURL = "/\(slug)/invest/sites/\(stored.id.rawValue)", admin = "/\(slug)/admin/invest/sites/\(stored.id.rawValue)"
        let staff = context.principal?.may(.manageInvest, in: city.id) == true
        let sizes = UploadForms(html: html, context: context)
        let manager = [fact("manager", details.manager.name), fact("email", details.manager.email), fact("phone", details.manager.phone)]
            .compactMap { $0 }
        let page = SitePage(
            title: site.title.localized(language), type: html.t("invest.type.\(site.type.rawValue)", context),
            status: html.t("invest.status.\(site.status.rawValue)", context), description: details.description.localized(language),
            facts: facts, utilities: utilities, distances: distances, buildings: buildings, hasBuildings: !buildings.isEmpty, manager: manager,
            hasUtilities: !utilities.isEmpty, hasDistances: !distances.isEmpty, hasManager: !manager.isEmpty,
            verified: details.verifiedOn.map { date in
                html.t("invest.verified", context, ["date": Self.day(date, language), "source": details.dataSource])
            },
            catalogueURL: "/\(slug)/invest/sites", jsonURL: "/api/v1/\(slug)/invest/sites/\(stored.id.rawValue)",
            map: MapView(
                services: services, label: html.t("invest.map_site_label", context),
                centre: (site.geometry.marker.longitude, site.geometry.marker.latitude), shape: try? OpenDataFile.json(site.geometry)),
            enquireURL: site.status.isOnOffer ? "/\(slug)/invest/enquire?site=\(stored.id.rawValue)" : nil,
            auctionLot: lot.map { LotLink(title: $0.title, url: $0.path, status: html.t($0.statusKey, context)) },
            photos: photos.map { Picture(url: "\(siteURL)/photos/\($0.id.rawValue)", caption: $0.caption, width: $0.width, height: $0.height) },
            hasPhotos: !photos.isEmpty,
            documents: documents.map { Download(url: "\(siteURL)/documents/\($0.id.rawValue)", title: $0.title, size: sizes.size($0.byteCount)) },
            hasDocuments: !documents.isEmpty, editURL: staff ? admin + "/edit" : nil, filesURL: staff ? admin + "/files" : nil,
            referrers: referrers,
            preview: SharePreview(
                services: services, title: site.title.localized(language),
                description: details.description.localized(language).isEmpty
                    ? "\(html.t("invest.type.\(site.type.rawValue)", context)) · \(html.t("invest.status.\(site.status.rawValue)", context))"
                    : details.description.localized(language), path: siteURL,
                city: city, language: context.language,
                image: photos.first.map { .init(photo: $0, path: "\(siteURL)/photos/\($0.id.rawValue)", alt: site.title.localized(language)) }))
        return try await html.render(
            "invest-site", page: page, titleKey: "invest.site_title", titleArguments: ["site": page.title], request: request, context: context,
            city: city)
    }
}
