import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The staff's form for a site (`invest.manage`): a new one, or one
/// changed. Every input is named as the API names the field
/// (`utilities.powerKw`), so a refusal of the domain's lands beside the
/// input it is about, with everything typed kept. The boundary is GeoJSON
/// pasted from the cadastral map or a GIS, or a point typed as longitude
/// and latitude.
struct SiteFormPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/invest/sites/new", use: blank)
        router.post(":city/admin/invest/sites", use: create)
        router.get(":city/admin/invest/sites/:site/edit", use: edit)
        router.post(":city/admin/invest/sites/:site", use: save)
    }

    /// The form's values, read from a stored site or from what was posted.
    struct Values {
        var text: [String: String] = [:]
        var flags: Set<String> = []

        init() {}

        init(form: FormData) {
            for (name, values) in form.fields { text[name] = values.first ?? "" }
            flags = Set(Self.flagNames.filter { form[$0] == "on" || form[$0] == "true" })
        }

        static let flagNames = ["utilities.sewer", "utilities.heat", "utilities.fibre"]

        init(_ site: InvestmentSite, language: Language) {
            func plain(_ value: Double?) -> String { value.map(InvestPages.plain) ?? "" }
            func uah(_ money: Money?) -> String { money.map { OpenDataFile.hryvnias($0) } ?? "" }
            text = [
                "type": site.type.rawValue, "title.uk": site.title.uk, "title.en": site.title.en,
                "geometry": (try? OpenDataFile.json(site.geometry)) ?? "", "cadastralNumber": site.cadastralNumber?.rawValue ?? "",
                "areaHa": plain(site.areaHa), "purposeCode": site.purposeCode ?? "", "ownership": site.ownership.rawValue, "right": site.right.rawValue,
                "termYears": site.termYears.map(String.init) ?? "", "normativeValuation": uah(site.normativeValuation), "price": uah(site.price),
                "utilities.powerKw": site.utilities.powerKw.map(String.init) ?? "", "utilities.voltageKv": plain(site.details.voltageKv),
                "utilities.gasM3PerHour": plain(site.utilities.gasM3PerHour), "utilities.waterM3PerDay": plain(site.utilities.waterM3PerDay),
                "utilities.connectionKm": plain(site.utilities.connectionKm), "distances.roadKm": plain(site.distances.roadKm),
                "distances.railKm": plain(site.distances.railKm), "distances.airportKm": plain(site.distances.airportKm),
                "distances.borderKm": plain(site.distances.borderKm), "details.description.uk": site.details.description.uk,
                "details.description.en": site.details.description.en, "details.landCategory": site.details.landCategory,
                "details.zoning": site.details.zoning, "details.encumbrances": site.details.encumbrances,
                "details.manager.name": site.details.manager.name, "details.manager.email": site.details.manager.email,
                "details.manager.phone": site.details.manager.phone, "details.verifiedOn": site.details.verifiedOn?.description ?? "",
                "details.dataSource": site.details.dataSource, "details.auctionLotId": site.details.auctionLotID ?? "",
            ]
            flags = Set([site.utilities.sewer ? "utilities.sewer" : nil, site.utilities.heat ? "utilities.heat" : nil,
                         site.utilities.fibre ? "utilities.fibre" : nil].compactMap { $0 })
        }

        subscript(_ name: String) -> String { text[name] ?? "" }
    }

    /// The site the form describes, checked whole; the first input at fault named.
    static func site(from values: Values) throws(AppError) -> InvestmentSite {
        func number(_ name: String, _ range: ClosedRange<Double>) throws(AppError) -> Double? {
            let text = values[name].filter { !$0.isWhitespace && $0 != "\u{00A0}" }.replacingOccurrences(of: ",", with: ".")
            guard !text.isEmpty else { return nil }
            guard text.count <= 24, let value = Double(text), value.isFinite else { throw .invalid(code: "site_malformed", field: name) }
            guard range.contains(value) else { throw .invalid(code: "site_out_of_range", field: name) }
            return value
        }
        func whole(_ name: String, _ range: ClosedRange<Int>) throws(AppError) -> Int? {
            let text = values[name].filter { !$0.isWhitespace && $0 != "\u{00A0}" }
            guard !text.isEmpty else { return nil }
            guard text.count <= 12, let value = Int(text) else { throw .invalid(code: "site_malformed", field: name) }
            guard range.contains(value) else { throw .invalid(code: "site_out_of_range", field: name) }
            return value
        }
        func money(_ name: String) throws(AppError) -> Money? {
            do { return try FormMoney.parse(values[name], field: name) } catch { throw .invalid(code: "site_malformed", field: name) }
        }
        func choice<T: RawRepresentable<String>>(_ name: String) throws(AppError) -> T {
            guard let value = T(rawValue: values[name]) else { throw .invalid(code: "site_unknown_value", field: name) }
            return value
        }
        let type: SiteType = try choice("type"), ownership: SiteOwnership = try choice("ownership"), right: SiteRight = try choice("right")
        let geometry: SiteGeometry
        let shape = values["geometry"].trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            if !shape.isEmpty {
                guard shape.utf8.count <= 200_000 else { throw SiteGeometry.Problem.tooLarge }
                guard let decoded = try? JSONDecoder().decode(SiteGeometry.GeoJSON.self, from: Data(shape.utf8)) else {
                    throw SiteGeometry.Problem.malformedPosition
                }
                geometry = try SiteGeometry(decoded)
            } else {
                guard let lon = try number("longitude", -180...180), let lat = try number("latitude", -90...90) else {
                    throw AppError.invalid(code: "site_missing", field: "geometry")
                }
                geometry = .point(try SiteGeometry.Position(longitude: lon, latitude: lat))
            }
        } catch let problem as SiteGeometry.Problem {
            throw InvestService.appError(problem)
        } catch let error as AppError {
            throw error
        } catch {
            throw .invalid(code: "geometry_malformed_position", field: "geometry")
        }
        var utilities = InvestmentSite.Utilities()
        utilities.powerKw = try whole("utilities.powerKw", 0...SiteSearch.maxPowerLimit)
        utilities.gasM3PerHour = try number("utilities.gasM3PerHour", 0...1_000_000)
        utilities.waterM3PerDay = try number("utilities.waterM3PerDay", 0...1_000_000)
        utilities.connectionKm = try number("utilities.connectionKm", 0...SiteSearch.maxDistanceLimit)
        utilities.sewer = values.flags.contains("utilities.sewer")
        utilities.heat = values.flags.contains("utilities.heat")
        utilities.fibre = values.flags.contains("utilities.fibre")
        var distances = InvestmentSite.Distances()
        distances.roadKm = try number("distances.roadKm", 0...SiteSearch.maxDistanceLimit)
        distances.railKm = try number("distances.railKm", 0...SiteSearch.maxDistanceLimit)
        distances.airportKm = try number("distances.airportKm", 0...SiteSearch.maxDistanceLimit)
        distances.borderKm = try number("distances.borderKm", 0...SiteSearch.maxDistanceLimit)
        var details = SiteDetails()
        details.description = LocalizedName(uk: values["details.description.uk"], en: values["details.description.en"])
        details.landCategory = values["details.landCategory"]
        details.zoning = values["details.zoning"]
        details.encumbrances = values["details.encumbrances"]
        details.manager = .init(name: values["details.manager.name"], email: values["details.manager.email"], phone: values["details.manager.phone"])
        details.dataSource = values["details.dataSource"]
        details.voltageKv = try number("utilities.voltageKv", 0...1_150)
        details.auctionLotID = values["details.auctionLotId"].isEmpty ? nil : values["details.auctionLotId"]
        if !values["details.verifiedOn"].isEmpty {
            guard let date = CalendarDate.parse(values["details.verifiedOn"]) else { throw .invalid(code: "site_malformed", field: "details.verifiedOn") }
            details.verifiedOn = date
        }
        guard let area = try number("areaHa", 0...InvestmentSite.maxAreaHa) else { throw .invalid(code: "site_missing", field: "areaHa") }
        do {
            return try InvestmentSite.make(
                type: type, title: LocalizedName(uk: values["title.uk"], en: values["title.en"]), geometry: geometry,
                cadastralNumber: values["cadastralNumber"], areaHa: area, purposeCode: values["purposeCode"], ownership: ownership, right: right,
                termYears: try whole("termYears", 0...InvestmentSite.maxTermYears), normativeValuation: try money("normativeValuation"),
                price: try money("price"), utilities: utilities, distances: distances, details: details)
        } catch let problem as InvestmentSite.Problem {
            throw InvestService.appError(problem)
        } catch let error as AppError {
            throw error
        } catch {
            throw .badRequest(code: "malformed_form")
        }
    }

    struct Group {
        let legend: String
        let fields: [FormField]
    }

    struct Page {
        let action: String
        let groups: [Group]
        let flags: [FormField]
        let error: String?
        let deskURL: String
        let editing: Bool
    }

    func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, values: Values, action: String, editing: Bool, error: AppError? = nil
    ) async throws -> Response {
        let problem = FormProblem(error, html: html, context: context)
        func field(_ name: String, mode: String? = nil, required: Bool = false, rows: Int? = nil, max: Int = 200, hint: Bool = false) -> FormField {
            FormField(
                name: name, id: name.replacingOccurrences(of: ".", with: "-"), label: html.t("invest.form.\(name)", context), value: values[name],
                error: problem.message(for: name), hint: hint ? html.t("invest.form.\(name)_hint", context) : nil, inputmode: mode, required: required,
                maxlength: max, rows: rows)
        }
        func select<T: RawRepresentable<String> & CaseIterable>(_ name: String, _ type: T.Type, key: String) -> FormField {
            FormField(
                name: name, label: html.t("invest.form.\(name)", context), value: values[name], error: problem.message(for: name), required: true,
                options: T.allCases.map { SelectOption(value: $0.rawValue, label: html.t("invest.\(key).\($0.rawValue)", context), selected: values[name] == $0.rawValue) })
        }
        let geometry = field("geometry", rows: 5, max: 200_000, hint: true)
        // The city's auction lots, from the auctions module through the platform; none when the city runs no auctions.
        let lots = try await services.modules.linkChoices(.auctionLot, in: city, services: services)
        var lotOptions = [SelectOption(value: "", label: html.t("invest.form.no_lot", context), selected: values["details.auctionLotId"].isEmpty)]
        lotOptions += lots.map { SelectOption(value: $0.id, label: $0.title, selected: values["details.auctionLotId"] == $0.id) }
        if !values["details.auctionLotId"].isEmpty, !lots.contains(where: { $0.id == values["details.auctionLotId"] }) {
            lotOptions.append(SelectOption(value: values["details.auctionLotId"], label: values["details.auctionLotId"], selected: true))
        }
        let lotField = FormField(
            name: "details.auctionLotId", id: "details-auctionLotId", label: html.t("invest.form.auctionLotId", context), value: values["details.auctionLotId"],
            error: problem.message(for: "details.auctionLotId"), hint: html.t("invest.form.auctionLotId_hint", context), options: lotOptions)
        let groups = [
            Group(legend: html.t("invest.form.group.what", context), fields: [
                select("type", SiteType.self, key: "type"), field("title.uk", required: true), field("title.en", required: true),
                field("details.description.uk", rows: 4, max: 2_000), field("details.description.en", rows: 4, max: 2_000),
            ]),
            Group(legend: html.t("invest.form.group.where", context), fields: [
                geometry, field("longitude", mode: "decimal", max: 24), field("latitude", mode: "decimal", max: 24),
                field("cadastralNumber", max: 22, hint: true), field("areaHa", mode: "decimal", required: true, max: 24),
                field("purposeCode", max: 5), field("details.landCategory"), field("details.zoning"), field("details.encumbrances", rows: 3, max: 2_000),
            ]),
            Group(legend: html.t("invest.form.group.terms", context), fields: [
                select("ownership", SiteOwnership.self, key: "ownership"), select("right", SiteRight.self, key: "right"),
                field("termYears", mode: "numeric", max: 3), field("normativeValuation", mode: "decimal", max: 24), field("price", mode: "decimal", max: 24),
            ] + (lotOptions.count > 1 ? [lotField] : [])),
            Group(legend: html.t("invest.form.group.utilities", context), fields: [
                field("utilities.powerKw", mode: "numeric", max: 9), field("utilities.voltageKv", mode: "decimal", max: 24),
                field("utilities.gasM3PerHour", mode: "decimal", max: 24), field("utilities.waterM3PerDay", mode: "decimal", max: 24),
                field("utilities.connectionKm", mode: "decimal", max: 24), field("distances.roadKm", mode: "decimal", max: 24),
                field("distances.railKm", mode: "decimal", max: 24, hint: true), field("distances.airportKm", mode: "decimal", max: 24),
                field("distances.borderKm", mode: "decimal", max: 24),
            ]),
            Group(legend: html.t("invest.form.group.contact", context), fields: [
                field("details.manager.name"), field("details.manager.email", max: 254), field("details.manager.phone", max: 40),
                field("details.verifiedOn", max: 10, hint: true), field("details.dataSource", max: 500),
            ]),
        ]
        let flags = Values.flagNames.map { name in
            FormField(name: name, id: name.replacingOccurrences(of: ".", with: "-"), label: html.t("invest.form.\(name)", context), value: "on",
                      type: "checkbox", checked: values.flags.contains(name))
        }
        let page = Page(
            action: action, groups: groups, flags: flags, error: problem?.alert(unlessShownBy: groups.flatMap(\.fields)),
            deskURL: "/\(city.slug.rawValue)/admin/invest", editing: editing)
        return try await html.render(
            "invest-site-form", page: page, titleKey: editing ? "invest.form.edit_title" : "invest.form.new_title", request: request, context: context,
            city: city, status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }

    func staffCity(_ context: AppRequestContext) async throws -> Municipality {
        try await InvestAdminPages(services: services).staffCity(context)
    }

    @Sendable func blank(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        var values = Values()
        values.text = ["type": SiteType.greenfield.rawValue, "ownership": SiteOwnership.communal.rawValue, "right": SiteRight.lease.rawValue]
        return try await render(request, context, city: city, values: values, action: "/\(city.slug.rawValue)/admin/invest/sites", editing: false)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let form = context.form ?? FormData(), values = Values(form: form)
        let action = "/\(city.slug.rawValue)/admin/invest/sites"
        do {
            let stored = try await services.invest.add(
                try Self.site(from: values), city: city, principal: context.principal)
            return HTML.redirect("/\(city.slug.rawValue)/invest/sites/\(stored.id.rawValue)")
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, values: values, action: action, editing: false, error: error)
        }
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let stored = try await services.invest.site(SiteID(rawValue: try context.parameters.require("site")), in: city.id, principal: context.principal)
        return try await render(
            request, context, city: city, values: Values(stored.site, language: context.language),
            action: "/\(city.slug.rawValue)/admin/invest/sites/\(stored.id.rawValue)", editing: true)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let id = SiteID(rawValue: try context.parameters.require("site"))
        let form = context.form ?? FormData(), values = Values(form: form)
        let action = "/\(city.slug.rawValue)/admin/invest/sites/\(id.rawValue)"
        do {
            _ = try await services.invest.change(
                id, to: try Self.site(from: values), city: city, principal: context.principal)
            return HTML.redirect("/\(city.slug.rawValue)/invest/sites/\(id.rawValue)")
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, values: values, action: action, editing: true, error: error)
        }
    }
}
