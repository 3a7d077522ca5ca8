import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The investment desk (`/{city}/admin/invest`, for `invest.manage`): every
/// site of the city whatever its status, with the steps each may take next,
/// and the passport's CSV import, which refuses a file with any bad row and
/// lists every such row so the clerk fixes them at once.
struct InvestAdminPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/invest", use: desk)
        router.post(UploadRoute.investPassport.routerPath, use: importPassport)
        router.post(":city/admin/invest/sites/:site/status", use: status)
    }

    func staffCity(_ context: AppRequestContext) async throws -> Municipality {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.manageInvest, context.principal, in: city.id)
        return city
    }

    struct SiteRow {
        let url: String
        let title: String
        let type: String
        let status: String
        let area: String
        let action: String
        let editURL: String
        let next: [InvestPages.Choice]
        let canMove: Bool
    }

    struct DeskPage {
        let name: String
        let rows: [SiteRow]
        let importAction: String
        let csvURL: String
        let figures: String
        let imported: String?
        let error: String?
        let problems: [String]
        let moved: Bool
        let newSiteURL: String
    }

    /// Where a site may go from where it is, as its right allows.
    static func nextSteps(of site: InvestmentSite) -> [SiteStatus] {
        SiteStatus.allCases.filter { (try? site.status.moving(to: $0, right: site.right)) != nil }
    }

    func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, imported: String? = nil, error: AppError? = nil,
        problems: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let cityID = city.id, slug = city.slug.rawValue
        let (sites, figures) = try await services.store.read { tx in
            (try await tx.invest.sites(in: [cityID], matching: SiteSearch(), everyStatus: true, limit: 1_000),
             try await tx.invest.indicators(of: .city(cityID)))
        }
        let pages = InvestPages(services: services)
        let rows = sites.map { stored in
            let next = Self.nextSteps(of: stored.site)
            return SiteRow(
                url: "/\(slug)/invest/sites/\(stored.id.rawValue)", title: stored.site.title.localized(context.language),
                type: html.t("invest.type.\(stored.site.type.rawValue)", context), status: html.t("invest.status.\(stored.site.status.rawValue)", context),
                area: pages.hectares(stored.site.areaHa, context), action: "/\(slug)/admin/invest/sites/\(stored.id.rawValue)/status",
                editURL: "/\(slug)/admin/invest/sites/\(stored.id.rawValue)/edit",
                next: next.map { InvestPages.Choice(value: $0.rawValue, label: html.t("invest.status.\($0.rawValue)", context), selected: false) },
                canMove: !next.isEmpty)
        }
        let page = DeskPage(
            name: city.name.localized(context.language), rows: rows, importAction: "/\(slug)/admin/invest/passport",
            csvURL: "/api/v1/\(slug)/invest/passport.csv",
            figures: html.t("invest.desk.figures", context, [
                "n": String(figures.count), "values": String(figures.reduce(0) { $0 + $1.values.count }),
            ]),
            imported: imported, error: error.map { html.t($0.messageKey, context) }, problems: problems,
            moved: request.uri.queryParameters.get("moved") != nil, newSiteURL: "/\(slug)/admin/invest/sites/new")
        return try await html.render(
            "invest-desk", page: page, titleKey: "invest.desk.title", titleArguments: ["city": page.name], request: request, context: context,
            city: city, status: status)
    }

    @Sendable func desk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        return try await render(request, context, city: city)
    }

    @Sendable func importPassport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        guard let file = (context.form ?? FormData()).file("file") else {
            return try await render(request, context, city: city, error: .invalid(code: "passport_csv_empty", field: "file"), status: .unprocessableContent)
        }
        let bytes = Data(file.bytes)
        do {
            _ = try IndicatorImport(bytes)
        } catch {
            return try await render(
                request, context, city: city, error: InvestService.appError(error), problems: rowProblems(error, context), status: .unprocessableContent)
        }
        let done = try await services.invest.importPassport(bytes, city: city, principal: context.principal)
        let message = html.t("invest.desk.imported", context, [
            "n": String(done.indicators.count), "values": String(done.indicators.reduce(0) { $0 + $1.values.count }),
        ])
        return try await render(request, context, city: city, imported: message)
    }

    /// Every bad row of a refused import, each with its line and column, for the clerk to fix at once.
    func rowProblems(_ error: IndicatorImport.Problem, _ context: AppRequestContext) -> [String] {
        guard case .rows(let rows) = error else { return [] }
        return rows.prefix(100).map { row in
            html.t("invest.desk.row_problem", context, [
                "line": String(row.line), "column": row.column ?? "—", "problem": html.t("errors.passport_csv_row_\(row.reason.rawValue)", context),
            ])
        }
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let form = context.form ?? FormData()
        guard let next = SiteStatus(rawValue: form["status"]) else {
            return try await render(request, context, city: city, error: .invalid(code: "site_unknown_value", field: "status"), status: .unprocessableContent)
        }
        do {
            _ = try await services.invest.move(
                SiteID(rawValue: try context.parameters.require("site")), to: next, city: city, principal: context.principal)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, error: error, status: HTTPResponse.Status(code: error.status.code))
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/invest?moved=1")
    }
}

extension UploadRoute {
    /// The passport's CSV import: a megabyte is thousands of figures.
    static let investPassport = UploadRoute(path: "/{city}/admin/invest/passport", fileLimit: InvestAPIController.maximumCSV)
}
