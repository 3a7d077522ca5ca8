import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The city's investment programme: its page (`/{city}/invest/programme`:
/// each measure with who carries it out, its years, money planned and
/// spent, status and sites; the promise to investors beside the figures
/// that show whether it is kept), and the API that lists and saves it.
struct ProgrammePages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/invest/programme", use: page)
        router.get("api/v1/:city/invest/programmes", use: list)
        router.post("api/v1/:city/invest/programmes", use: create)
        router.put("api/v1/:city/invest/programmes/:programme", use: replace)
    }

    // MARK: The page

    struct MeasureRow {
        struct Site {
            let title: String
            let url: String
        }
        let number: String
        let title: String
        let responsible: String
        let years: String
        let planned: String
        let spent: String
        let status: String
        let sites: [Site]
        let hasSites: Bool
        let enquiries: String?
    }

    struct Programme {
        let title: String
        let years: String
        let decision: String?
        let planned: String
        let spent: String
        let measures: [MeasureRow]
    }

    struct Page {
        let programmes: [Programme]
        let empty: Bool
        let jsonURL: String
        let passportURL: String
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let cityID = city.id, slug = city.slug.rawValue, language = context.language, now = services.clock.now()
        let (stored, figures) = try await services.store.read { tx in
            (try await tx.programmes.programmes(in: cityID), try await tx.enquiries.timeliness(in: [cityID], at: now)[cityID])
        }
        let ids = Array(Set(stored.flatMap { $0.programme.measures.flatMap(\.sites) }))
        let sites = Dictionary(uniqueKeysWithValues: try await services.store.read { try await $0.invest.sites(ids, in: [cityID]) }.map { ($0.id, $0) })
        let pages = InvestPages(services: services)
        func years(_ first: Int, _ last: Int) -> String { first == last ? String(first) : "\(first)–\(last)" }
        let programmes = stored.map { item in
            let programme = item.programme
            return Programme(
                title: programme.title.localized(language), years: years(programme.firstYear, programme.lastYear),
                decision: programme.decisionNumber.isEmpty ? nil : html.t("invest.programme.decision", context, [
                    "number": programme.decisionNumber, "date": programme.decisionDate.map { InvestPages.day($0, language) } ?? "",
                ]),
                planned: pages.money(programme.planned, context), spent: pages.money(programme.spent, context),
                measures: programme.measures.map { measure in
                    let linked = measure.sites.compactMap { sites[$0] }.map {
                        MeasureRow.Site(title: $0.site.title.localized(language), url: "/\(slug)/invest/sites/\($0.id.rawValue)")
                    }
                    return MeasureRow(
                        number: measure.number, title: measure.title.localized(language), responsible: measure.responsible,
                        years: years(measure.firstYear, measure.lastYear), planned: pages.money(measure.planned, context),
                        spent: pages.money(measure.spent, context), status: html.t("invest.programme.status.\(measure.status.rawValue)", context),
                        sites: linked, hasSites: !linked.isEmpty,
                        enquiries: measure.tracksEnquiries
                            ? html.t("invest.queue.on_time", context, ["onTime": String(figures?.onTime ?? 0), "counted": String(figures?.counted ?? 0)])
                            : nil)
                })
        }
        let page = Page(
            programmes: programmes, empty: programmes.isEmpty, jsonURL: "/api/v1/\(slug)/invest/programmes", passportURL: "/\(slug)/invest")
        return try await html.render(
            "invest-programme", page: page, titleKey: "invest.programme.title", titleArguments: ["city": city.name.localized(language)],
            request: request, context: context, city: city)
    }

    // MARK: The API

    struct Body: Codable {
        struct Measure: Codable {
            let number: String
            let title: LocalizedName
            let responsible: String
            let firstYear: Int
            let lastYear: Int
            /// Kopiyky.
            let planned: Int64
            let spent: Int64
            let status: String
            let sites: [String]?
            let tracksEnquiries: Bool?
        }
        let id: String?
        let title: LocalizedName
        let firstYear: Int
        let lastYear: Int
        let decisionNumber: String?
        /// `YYYY-MM-DD`.
        let decisionDate: String?
        let measures: [Measure]

        init(_ stored: ProgrammeRepository.Stored) {
            let programme = stored.programme
            id = stored.id.rawValue
            title = programme.title
            firstYear = programme.firstYear
            lastYear = programme.lastYear
            decisionNumber = programme.decisionNumber
            decisionDate = programme.decisionDate?.description
            measures = programme.measures.map {
                Measure(
                    number: $0.number, title: $0.title, responsible: $0.responsible, firstYear: $0.firstYear, lastYear: $0.lastYear,
                    planned: $0.planned.kopiyky, spent: $0.spent.kopiyky, status: $0.status.rawValue, sites: $0.sites.map(\.rawValue),
                    tracksEnquiries: $0.tracksEnquiries)
            }
        }

        /// The programme this asks for, checked whole.
        func programme() throws(AppError) -> InvestmentProgramme {
            var date: CalendarDate?
            if let text = decisionDate, !text.isEmpty {
                guard let parsed = CalendarDate.parse(text) else { throw .invalid(code: "site_malformed", field: "decisionDate") }
                date = parsed
            }
            var checked: [InvestmentProgramme.Measure] = []
            for (index, measure) in measures.prefix(InvestmentProgramme.maxMeasures + 1).enumerated() {
                guard let status = InvestmentProgramme.Measure.Status(rawValue: measure.status) else {
                    throw .invalid(code: "site_unknown_value", field: "measures.\(index).status")
                }
                guard let planned = Money(input: measure.planned) else { throw .invalid(code: "amount_out_of_range", field: "measures.\(index).planned") }
                guard let spent = Money(input: measure.spent) else { throw .invalid(code: "amount_out_of_range", field: "measures.\(index).spent") }
                checked.append(.init(
                    number: measure.number, title: measure.title, responsible: measure.responsible, firstYear: measure.firstYear,
                    lastYear: measure.lastYear, planned: planned, spent: spent, status: status,
                    sites: (measure.sites ?? []).prefix(101).map(SiteID.init(rawValue:)), tracksEnquiries: measure.tracksEnquiries ?? false))
            }
            do {
                return try InvestmentProgramme.make(
                    title: title, firstYear: firstYear, lastYear: lastYear, decisionNumber: decisionNumber ?? "", decisionDate: date, measures: checked)
            } catch {
                throw InvestService.appError(error)
            }
        }
    }

    struct ListBody: Encodable {
        let items: [Body]
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let cityID = city.id
        let stored = try await services.store.read { try await $0.programmes.programmes(in: cityID) }
        return try JSONResponse.encode(ListBody(items: stored.map(Body.init)))
    }

    func save(_ request: Request, _ context: AppRequestContext, id: ProgrammeID, status: HTTPResponse.Status) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.manageInvest, context.principal, in: city.id)
        let input = try await APIController.decode(Body.self, request, context)
        try await services.invest.saveProgramme(try input.programme(), id: id, city: city, principal: context.principal)
        let cityID = city.id
        guard let stored = try await services.store.read({ try await $0.programmes.programmes(in: cityID) }).first(where: { $0.id == id }) else {
            throw AppError.notFound
        }
        return try JSONResponse.encode(Body(stored), status: status)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await save(request, context, id: .random(), status: .created)
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("programme")
        guard (1...64).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { throw AppError.notFound }
        return try await save(request, context, id: ProgrammeID(rawValue: id), status: .ok)
    }
}
