import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// An oblast's investment passport (`/oblast/{oblast}/invest`): the
/// oblast's own figures, edited by its `oblast.edit_passport` holders by
/// CSV import, and figures made from its cities' (population, sites on
/// offer, hectares, enquiries answered on time), each saying how; the same
/// as JSON at `/api/v1/oblast/{oblast}/invest/passport`.
struct OblastPassportPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get("oblast/:oblast/invest", use: page)
        router.post(UploadRoute.oblastPassport.routerPath, use: importPassport)
        router.get("api/v1/oblast/:oblast/invest/passport", use: json)
    }

    struct Derived {
        let name: String
        let value: String
        let unit: String
        let how: String
        let missing: String?
    }

    struct CityRow {
        let name: String
        let url: String
        let population: String
        let sites: String
        let hectares: String
        let enquiries: String
    }

    struct Page {
        let sections: [InvestPages.Section]
        let derived: [Derived]
        let rows: [CityRow]
        let ownEmpty: Bool
        let editor: Bool
        let importAction: String
        let jsonURL: String
        let imported: String?
        let error: String?
        let problems: [String]
    }

    func derived(_ figure: DerivedFigure, names: [MunicipalityID: String], pages: InvestPages, _ context: AppRequestContext) -> Derived {
        let how: String
        switch figure.derivation {
        case .sum(let cities, let years):
            let span = years.map { $0.lowerBound == $0.upperBound ? String($0.lowerBound) : "\($0.lowerBound)–\($0.upperBound)" }
            how = span.map { html.t("invest.oblast.how_sum_years", context, ["n": String(cities), "years": $0]) }
                ?? html.t("invest.oblast.how_sum", context, ["n": String(cities)])
        case .share(let part, let whole, let cities):
            how = html.t("invest.oblast.how_share", context, ["part": String(part), "whole": String(whole), "n": String(cities)])
        }
        let missing = figure.missing.compactMap { names[$0] }
        return Derived(
            name: html.t("invest.oblast.figure.\(figure.code.rawValue)", context), value: InvestPages.decimal(figure.value, context.language),
            unit: pages.unit(figure.unit, context), how: how,
            missing: missing.isEmpty ? nil : html.t("invest.oblast.missing", context, ["cities": missing.joined(separator: ", ")]))
    }

    func render(
        _ request: Request, _ context: AppRequestContext, passport: InvestService.OblastPassport, imported: String? = nil, error: AppError? = nil,
        problems: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let pages = InvestPages(services: services), language = context.language
        let names = Dictionary(uniqueKeysWithValues: passport.cities.map { ($0.id, $0.name.localized(language)) })
        let rows = passport.cities.compactMap { city -> CityRow? in
            guard let part = passport.parts.first(where: { $0.city == city.id }) else { return nil }
            return CityRow(
                name: city.name.localized(language), url: "/\(city.slug.rawValue)/invest",
                population: part.population.map { "\(InvestPages.decimal($0.value, language)) (\($0.year))" } ?? "—",
                sites: String(part.sitesOnOffer),
                hectares: InvestPages.decimal(CityFigures.hectares(part.squareMetresOnOffer), language),
                enquiries: part.enquiriesDue == 0 ? "—" : "\(part.enquiriesOnTime) / \(part.enquiriesDue)")
        }
        let slug = passport.oblast.slug.rawValue
        let page = Page(
            sections: pages.sections(passport.own, context), derived: passport.derived.map { derived($0, names: names, pages: pages, context) },
            rows: rows, ownEmpty: passport.own.isEmpty,
            editor: context.principal?.may(.editOblastPassport, inOblast: passport.oblast.id) == true,
            importAction: "/oblast/\(slug)/admin/invest/passport", jsonURL: "/api/v1/oblast/\(slug)/invest/passport", imported: imported,
            error: error.map { html.t($0.messageKey, context) }, problems: problems)
        return try await html.render(
            "invest-oblast", page: page, titleKey: "invest.oblast.title", titleArguments: ["oblast": passport.oblast.name.localized(language)],
            request: request, context: context, status: status)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let passport = try await services.invest.oblastPassport(slug: try context.parameters.require("oblast"))
        return try await render(request, context, passport: passport)
    }

    @Sendable func importPassport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let passport = try await services.invest.oblastPassport(slug: try context.parameters.require("oblast"))
        guard let principal = context.principal else { throw AppError.notSignedIn }
        guard principal.may(.editOblastPassport, inOblast: passport.oblast.id) else { throw AppError.notFound }
        guard let file = (context.form ?? FormData()).file("file") else {
            return try await render(request, context, passport: passport, error: .invalid(code: "passport_csv_empty", field: "file"), status: .unprocessableContent)
        }
        let bytes = Data(file.bytes)
        do {
            _ = try IndicatorImport(bytes)
        } catch {
            return try await render(
                request, context, passport: passport, error: InvestService.appError(error),
                problems: InvestAdminPages(services: services).rowProblems(error, context), status: .unprocessableContent)
        }
        let done = try await services.invest.importOblastPassport(bytes, oblast: passport.oblast, principal: principal)
        let message = html.t("invest.desk.imported", context, [
            "n": String(done.indicators.count), "values": String(done.indicators.reduce(0) { $0 + $1.values.count }),
        ])
        let fresh = try await services.invest.oblastPassport(slug: passport.oblast.slug.rawValue)
        return try await render(request, context, passport: fresh, imported: message)
    }

    struct Body: Encodable {
        struct Derived: Encodable {
            let code: String
            let value: String
            let unit: String
            /// `sum` of the cities' figures, or `share` of summed parts over summed wholes.
            let derivation: String
            let cities: Int
            let years: [Int]?
            let part: Int?
            let whole: Int?
            let missing: [String]
        }
        let oblast: String
        let cities: [String]
        let indicators: [InvestAPIController.PassportBody.Indicator]
        let derived: [Derived]
    }

    @Sendable func json(_ request: Request, context: AppRequestContext) async throws -> Response {
        let passport = try await services.invest.oblastPassport(slug: try context.parameters.require("oblast"))
        let slugs = Dictionary(uniqueKeysWithValues: passport.cities.map { ($0.id, $0.slug.rawValue) })
        return try JSONResponse.encode(Body(
            oblast: passport.oblast.slug.rawValue, cities: passport.cities.map(\.slug.rawValue),
            indicators: passport.own.map(InvestAPIController.PassportBody.Indicator.init),
            derived: passport.derived.map { figure in
                switch figure.derivation {
                case .sum(let cities, let years):
                    Body.Derived(
                        code: figure.code.rawValue, value: figure.value, unit: figure.unit, derivation: "sum", cities: cities,
                        years: years.map { [$0.lowerBound, $0.upperBound] }, part: nil, whole: nil, missing: figure.missing.compactMap { slugs[$0] })
                case .share(let part, let whole, let cities):
                    Body.Derived(
                        code: figure.code.rawValue, value: figure.value, unit: figure.unit, derivation: "share", cities: cities, years: nil, part: part,
                        whole: whole, missing: figure.missing.compactMap { slugs[$0] })
                }
            }))
    }
}

extension UploadRoute {
    /// The oblast passport's CSV import.
    static let oblastPassport = UploadRoute(path: "/oblast/{oblast}/admin/invest/passport", fileLimit: InvestAPIController.maximumCSV)
}
