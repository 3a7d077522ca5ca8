import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// `GET /api/v1/{city}/waste/alerts` and staff's acknowledge and close (`waste.dispatch`).
struct AlertAPI {
    let services: AppServices

    func add(to waste: RouterGroup<AppRequestContext>) {
        waste.get("alerts", use: alerts)
        waste.post("alerts/:alert/acknowledge", use: acknowledge)
        waste.post("alerts/:alert/close", use: close)
    }

    struct AlertBody: Encodable {
        let id: String
        let containerId: String
        let kind: String
        let value: Int
        let unit: String
        let observedAt: Date
        let raisedAt: Date
        let clearedAt: Date?
        let acknowledgedAt: Date?
        let closedAt: Date?
        let note: String

        init(_ alert: AlertRepository.StoredAlert) {
            id = alert.id.rawValue
            containerId = alert.container.rawValue
            kind = alert.kind.rawValue
            value = alert.evidence.value
            unit = alert.evidence.unit.rawValue
            observedAt = alert.evidence.observedAt
            raisedAt = alert.raisedAt
            clearedAt = alert.clearedAt
            acknowledgedAt = alert.acknowledgedAt
            closedAt = alert.closedAt
            note = alert.note
        }
    }

    struct CloseRequest: Decodable {
        let note: String?
    }

    func city(_ context: AppRequestContext) async throws -> Municipality {
        try await services.wasteStaffCity(context, .dispatchWaste)
    }

    /// `?state=open` (the default) or `closed`, newest first, at most 200.
    @Sendable func alerts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await city(context)
        let state = request.uri.queryParameters.get("state") ?? "open"
        guard state == "open" || state == "closed" else { throw AppError.invalid(code: "waste_unknown", field: "state") }
        let alerts = try await services.wasteAlerts.alerts(city: city, principal: context.principal, open: state == "open")
        return try JSONResponse.encode(APIController.ListBody(items: alerts.map(AlertBody.init), next: nil))
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await city(context)
        let id = WasteAlertID(rawValue: try context.parameters.require("alert"))
        try await services.wasteAlerts.acknowledge(id, city: city, principal: context.principal)
        return try await answer(id, city)
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await city(context)
        let id = WasteAlertID(rawValue: try context.parameters.require("alert"))
        let input = try await APIController.decode(CloseRequest.self, request, context)
        try await services.wasteAlerts.close(id, note: input.note ?? "", city: city, principal: context.principal)
        return try await answer(id, city)
    }

    private func answer(_ id: WasteAlertID, _ city: Municipality) async throws -> Response {
        let cityID = city.id
        guard let alert = try await services.store.read({ try await $0.wasteAlerts.alert(id, in: cityID) }) else { throw AppError.notFound }
        return try JSONResponse.encode(AlertBody(alert))
    }
}
