import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import HTTPTypes
import Hummingbird

/// The waste paths of docs/interfaces.md under `/api/v1/{city}/waste`:
/// the public list of containers, the doors readings come in by, and the
/// register for staff.
struct WasteAPIController {
    let services: AppServices

    /// A batch of a thousand readings is about 200 KB of JSON.
    static let maximumBody = 1 << 20

    func add(to router: Router<AppRequestContext>) {
        let waste = router.group("api/v1/:city/waste")
        waste.get("containers", use: containers)
        waste.post("readings", use: readings)
        waste.post("webhooks/ttn", use: { request, context in try await webhook(.ttn, request, context) })
        waste.post("webhooks/chirpstack", use: { request, context in try await webhook(.chirpstack, request, context) })
        waste.post("sites", use: addSite)
        waste.post("facilities", use: addFacility)
        waste.post("containers", use: addContainer)
        waste.post("sensors", use: addSensor)
        waste.post("sensors/:sensor/key", use: renewKey)
        waste.post("trucks", use: addTruck)
        waste.get("open-data/:file", use: openData)
        AlertAPI(services: services).add(to: waste)
    }

    /// `containers.csv|json`, `fill-daily.csv|json`: the module's declared datasets.
    @Sendable func openData(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        return try OpenDataFile.download(
            try context.parameters.require("file"), prefix: "\(city.slug.rawValue)-waste", datasets: WasteOpenData.datasets, services: services, city: city)
    }

    static func body(_ request: Request) async throws -> Data {
        var request = request
        guard (request.headers[.contentType] ?? "").hasPrefix("application/json") else { throw AppError.badRequest(code: "unsupported_content_type") }
        do { return Data(buffer: try await request.collectBody(upTo: maximumBody)) } catch { throw AppError.payloadTooLarge }
    }

    // MARK: Readings

    struct OutcomeBody: Encodable {
        let accepted: Int
        let duplicates: Int
    }

    /// A device's readings, with its own key; never a staff session.
    @Sendable func readings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        // The key first: a stranger learns nothing from how their body would be refused.
        let authorization = request.headers[.authorization]
        _ = try await services.wasteIngest.device(authorization: authorization, city: city)
        let outcome = try await services.wasteIngest.deviceReadings(authorization: authorization, body: try await Self.body(request), city: city)
        return try JSONResponse.encode(OutcomeBody(accepted: outcome.accepted, duplicates: outcome.duplicates))
    }

    struct WebhookBody: Encodable {
        let accepted: Int
        let duplicates: Int
        /// The kind of a message that carries no reading (a join, a status, a DF702's settings), answered 200 so the server does not retry it.
        let ignored: String?
    }

    static let webhookSecretHeader = HTTPField.Name("X-Webhook-Secret")

    /// A LoRaWAN network server's uplink, with the city's secret in `X-Webhook-Secret`.
    func webhook(_ door: ReadingDoor, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let secret = Self.webhookSecretHeader.flatMap { request.headers[$0] }
        try await services.wasteIngest.checkWebhookSecret(secret, city: city)
        var request = request
        let body: Data
        do { body = Data(buffer: try await request.collectBody(upTo: LoRaWANEnvelope.maximumBodyBytes)) } catch { throw AppError.payloadTooLarge }
        let event = request.uri.queryParameters.get("event")
        switch try await services.wasteIngest.webhook(door, body: body, event: event, city: city) {
        case .stored(let outcome): return try JSONResponse.encode(WebhookBody(accepted: outcome.accepted, duplicates: outcome.duplicates, ignored: nil))
        case .ignored(let kind): return try JSONResponse.encode(WebhookBody(accepted: 0, duplicates: 0, ignored: kind))
        }
    }

    // MARK: The public list

    @Sendable func containers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let snapshot = try await services.wasteRegister.snapshot(of: city.id)
        return try JSONResponse.encode(APIController.ListBody(items: WasteMap.containers(snapshot), next: nil))
    }

    // MARK: The register

    func staffCity(_ context: AppRequestContext) async throws -> Municipality {
        // Rights first: a stranger learns nothing from how their body is refused.
        try await services.wasteStaffCity(context, .manageWaste)
    }

    @Sendable func addSite(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let input = try await APIController.decode(RegisterBodies.SiteRequest.self, request, context)
        let stored = try await services.wasteRegister.saveSite(try input.site(), city: city, principal: context.principal)
        return try JSONResponse.encode(RegisterBodies.Saved(id: stored.id.rawValue), status: .created)
    }

    @Sendable func addFacility(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let input = try await APIController.decode(RegisterBodies.FacilityRequest.self, request, context)
        let stored = try await services.wasteRegister.saveFacility(try input.facility(), city: city, principal: context.principal)
        return try JSONResponse.encode(RegisterBodies.Saved(id: stored.id.rawValue), status: .created)
    }

    @Sendable func addContainer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let input = try await APIController.decode(RegisterBodies.ContainerRequest.self, request, context)
        let stored = try await services.wasteRegister.saveContainer(try input.container(), sensor: input.sensor, city: city, principal: context.principal)
        return try JSONResponse.encode(RegisterBodies.Saved(id: stored.id.rawValue), status: .created)
    }

    @Sendable func addSensor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let input = try await APIController.decode(RegisterBodies.SensorRequest.self, request, context)
        let new = try await services.wasteRegister.registerSensor(try input.sensor(), city: city, principal: context.principal)
        return try JSONResponse.encode(
            RegisterBodies.SensorKey(id: new.sensor.id.rawValue, deviceId: new.sensor.value.deviceID, key: new.key.secret), status: .created)
    }

    @Sendable func renewKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let new = try await services.wasteRegister.renewKey(
            of: SensorID(rawValue: try context.parameters.require("sensor")), city: city, principal: context.principal)
        return try JSONResponse.encode(RegisterBodies.SensorKey(id: new.sensor.id.rawValue, deviceId: new.sensor.value.deviceID, key: new.key.secret))
    }

    @Sendable func addTruck(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let input = try await APIController.decode(RegisterBodies.TruckRequest.self, request, context)
        let stored = try await services.wasteRegister.saveTruck(try input.truck(), city: city, principal: context.principal)
        return try JSONResponse.encode(RegisterBodies.Saved(id: stored.id.rawValue), status: .created)
    }
}
