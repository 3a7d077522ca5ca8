import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The dispatchers' alerts (`/{city}/admin/waste/alerts`, for
/// `waste.dispatch`): open ones first with a button to acknowledge and a
/// form to close with a note, the closed ones on their own tab. The list
/// refreshes itself (`live-list.js`) so a fire shows without a reload; without JavaScript a reload does the same.
struct WasteAlertPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/waste/alerts", use: alerts)
        router.post(":city/admin/waste/alerts/:alert/acknowledge", use: acknowledge)
        router.post(":city/admin/waste/alerts/:alert/close", use: close)
    }

    struct Row {
        let id: String
        let kind: String
        let urgent: Bool
        let place: String
        let containerURL: String
        let figure: String
        let raised: String
        let state: String
        let acknowledged: String?
        let closed: String?
        let note: String?
        let acknowledgeAction: String?
        let closeAction: String?
        let noteError: String?
    }

    struct Page {
        let rows: [Row]
        let showingClosed: Bool
        let openURL: String
        let closedURL: String
        let done: String?
        let empty: String
    }

    func staffCity(_ context: AppRequestContext) async throws -> Municipality {
        try await services.wasteStaffCity(context, .dispatchWaste)
    }

    func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, failed: (WasteAlertID, AppError)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let showingClosed = request.uri.queryParameters.get("closed") != nil
        let slug = city.slug.rawValue, language = context.language, cityID = city.id
        let alerts = try await services.wasteAlerts.alerts(city: city, principal: context.principal, open: !showingClosed)
        let (sites, containers) = try await services.store.read { tx in
            (try await tx.wasteRegister.sites(in: cityID), try await tx.wasteRegister.containers(in: cityID))
        }
        let siteNames = Dictionary(sites.map { ($0.id, "\($0.value.name), \($0.value.address)") }, uniquingKeysWith: { first, _ in first })
        let places = Dictionary(containers.map { stored in
            (stored.id, "\(siteNames[stored.value.container.site] ?? "—") · \(html.t("waste.fraction.\(stored.value.container.fraction.rawValue)", context))")
        }, uniquingKeysWith: { first, _ in first })
        let text = AlertText(localizer: services.localizer, language: language)
        // Fires first, then the newest.
        let ordered = alerts.enumerated().sorted { ($0.element.kind.isUrgent ? 0 : 1, $0.offset) < ($1.element.kind.isUrgent ? 0 : 1, $1.offset) }.map(\.element)
        let rows = ordered.map { alert in
            let base = "/\(slug)/admin/waste/alerts/\(alert.id.rawValue)"
            return Row(
                id: alert.id.rawValue, kind: text.kind(alert.kind), urgent: alert.kind.isUrgent && alert.isOpen, place: places[alert.container] ?? "—",
                containerURL: "/\(slug)/waste/containers/\(alert.container.rawValue)", figure: text.figure(alert.evidence), raised: WasteFormat.time(alert.raisedAt, language),
                state: alert.clearedAt.map { html.t("waste.alerts.cleared", context, ["time": WasteFormat.time($0, language)]) }
                    ?? html.t("waste.alerts.standing", context),
                acknowledged: alert.acknowledgedAt.map { html.t("waste.alerts.acknowledged", context, ["time": WasteFormat.time($0, language)]) },
                closed: alert.closedAt.map { html.t("waste.alerts.closed_at", context, ["time": WasteFormat.time($0, language)]) },
                note: alert.note.isEmpty ? nil : alert.note,
                acknowledgeAction: alert.acknowledgedAt == nil && alert.isOpen ? "\(base)/acknowledge" : nil,
                closeAction: alert.isOpen ? "\(base)/close" : nil,
                noteError: failed?.0 == alert.id ? html.t("errors.\(failed?.1.code ?? "")", context) : nil)
        }
        let done = request.uri.queryParameters.get("done").flatMap { ["acknowledged", "closed"].contains($0) ? html.t("waste.alerts.done_\($0)", context) : nil }
        let page = Page(
            rows: rows, showingClosed: showingClosed, openURL: "/\(slug)/admin/waste/alerts", closedURL: "/\(slug)/admin/waste/alerts?closed=1",
            done: done, empty: html.t(showingClosed ? "waste.alerts.none_closed" : "waste.alerts.none", context))
        return try await html.render(
            "waste-alerts", page: page, titleKey: "waste.alerts.title", titleArguments: ["city": city.name.localized(language)], request: request,
            context: context, city: city, status: status)
    }

    @Sendable func alerts(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context, city: try await staffCity(context))
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let id = WasteAlertID(rawValue: try context.parameters.require("alert"))
        try await services.wasteAlerts.acknowledge(id, city: city, principal: context.principal)
        return HTML.redirect("/\(city.slug.rawValue)/admin/waste/alerts?done=acknowledged")
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let id = WasteAlertID(rawValue: try context.parameters.require("alert"))
        do {
            try await services.wasteAlerts.close(id, note: (context.form ?? FormData())["note"], city: city, principal: context.principal)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, failed: (id, error), status: HTTPResponse.Status(code: error.status.code))
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/waste/alerts?done=closed")
    }
}
