import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The waste desk (`/{city}/admin/waste`, for `waste.manage`): the register
/// with a form for each kind of entry, a sensor's key shown once when it is
/// registered, and the network servers' secret. The readings that could
/// not be read are the dispatchers' (`/{city}/admin/waste/letters`).
struct WasteDeskPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/waste", use: desk)
        for form in RegisterForm.Kind.allCases {
            router.post(":city/admin/waste/\(form.rawValue)", use: { request, context in try await save(form, request, context) })
        }
        router.post(":city/admin/waste/sensors/:sensor/key", use: renewKey)
        router.post(":city/admin/waste/webhook-secret", use: renewSecret)
        router.get(":city/admin/waste/letters", use: letters)
    }

    func staffCity(_ context: AppRequestContext, _ capability: Capability = .manageWaste) async throws -> Municipality {
        try await services.wasteStaffCity(context, capability)
    }

    struct Row {
        let title: String
        let details: String
        let action: String?
    }

    struct Letter {
        let time: String
        let door: String
        let device: String
        let problem: String
        let body: String
    }

    struct Page {
        let secret: String?
        let key: String?
        let keyDevice: String?
        let saved: Bool
        let forms: [RegisterForm]
        let sites: [Row]
        let containers: [Row]
        let sensors: [Row]
        let facilities: [Row]
        let trucks: [Row]
        let lettersURL: String?
        let secretAction: String
        let secretSetAt: String?
    }

    /// What the page shows after a POST that made a secret: the secret, this once.
    struct Revealed {
        var key: (secret: String, device: String)?
        var webhookSecret: String?
    }

    func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, failed: (RegisterForm.Kind, FormData, AppError)? = nil,
        revealed: Revealed = Revealed(), status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let slug = city.slug.rawValue, cityID = city.id, language = context.language
        let snapshot = try await services.wasteRegister.snapshot(of: cityID)
        let secret = try await services.store.read { try await $0.wasteReadings.webhookSecret(of: cityID) }
        let sites = Dictionary(snapshot.sites.map { ($0.id, $0.value.name) }, uniquingKeysWith: { first, _ in first })
        let facilities = Dictionary(snapshot.facilities.map { ($0.id, $0.value.name) }, uniquingKeysWith: { first, _ in first })
        let boundSensors = Set(snapshot.containers.compactMap(\.value.sensor))
        let forms = RegisterForm.Kind.allCases.map { kind in
            RegisterForm(
                kind: kind, snapshot: snapshot, typed: failed?.0 == kind ? failed?.1 : nil, error: failed?.0 == kind ? failed?.2 : nil,
                action: "/\(slug)/admin/waste/\(kind.rawValue)", html: html, context: context)
        }
        let page = Page(
            secret: revealed.webhookSecret, key: revealed.key?.secret, keyDevice: revealed.key?.device,
            saved: request.uri.queryParameters.get("saved") != nil, forms: forms,
            sites: snapshot.sites.map { Row(title: $0.value.name, details: $0.value.address, action: nil) },
            containers: snapshot.containers.map { stored in
                let container = stored.value.container
                return Row(
                    title: "\(sites[container.site] ?? "—"): \(html.t("waste.fraction.\(container.fraction.rawValue)", context))",
                    details: html.t("waste.desk.container_details", context, [
                        "volume": String(container.volumeLitres), "placement": html.t("waste.placement.\(container.placement.rawValue)", context),
                        "fill": snapshot.latest[stored.id]?.fillPercent.map { "\($0) %" } ?? "—",
                    ]), action: nil)
            },
            sensors: snapshot.sensors.map { stored in
                Row(
                    title: stored.value.deviceID,
                    details: html.t("waste.model.\(stored.value.model.rawValue)", context) + " · "
                        + html.t(boundSensors.contains(stored.id) ? "waste.desk.bound" : "waste.desk.unbound", context),
                    action: "/\(slug)/admin/waste/sensors/\(stored.id.rawValue)/key")
            },
            facilities: snapshot.facilities.map {
                Row(title: $0.value.name, details: html.t("waste.facility.\($0.value.kind.rawValue)", context) + " · " + $0.value.address, action: nil)
            },
            trucks: snapshot.trucks.map { stored in
                Row(
                    title: stored.value.name,
                    details: html.t("waste.desk.truck_details", context, [
                        "litres": String(stored.value.capacityLitres), "hours": String(format: "%.1f", Double(stored.value.shiftMinutes) / 60),
                        "depot": facilities[stored.value.depot] ?? "—",
                    ]), action: nil)
            },
            lettersURL: context.principal?.may(.dispatchWaste, in: cityID) == true ? "/\(slug)/admin/waste/letters" : nil, secretAction: "/\(slug)/admin/waste/webhook-secret",
            secretSetAt: secret.map { html.t("waste.desk.secret_set", context, ["time": WasteFormat.time($0.createdAt, language)]) })
        return try await html.render(
            "waste-desk", page: page, titleKey: "waste.desk.title", titleArguments: ["city": city.name.localized(language)], request: request,
            context: context, city: city, status: status)
    }

    @Sendable func desk(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context, city: try await staffCity(context))
    }

    func save(_ kind: RegisterForm.Kind, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let form = context.form ?? FormData()
        let register = services.wasteRegister, principal = context.principal
        do {
            switch kind {
            case .sites: _ = try await register.saveSite(try RegisterForm.site(form), city: city, principal: principal)
            case .facilities: _ = try await register.saveFacility(try RegisterForm.facility(form), city: city, principal: principal)
            case .containers:
                let sensor = form["sensorId"].isEmpty ? nil : SensorID(rawValue: form["sensorId"])
                _ = try await register.saveContainer(try RegisterForm.container(form), sensor: sensor, city: city, principal: principal)
            case .trucks: _ = try await register.saveTruck(try RegisterForm.truck(form), city: city, principal: principal)
            case .sensors:
                let new = try await register.registerSensor(try RegisterForm.sensor(form), city: city, principal: principal)
                // The key is shown in this answer only: no redirect, so it is never in a URL or a later page.
                return try await render(request, context, city: city, revealed: Revealed(key: (new.key.secret, new.sensor.value.deviceID)))
            }
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, failed: (kind, form, error), status: HTTPResponse.Status(code: error.status.code))
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/waste?saved=1#\(kind.rawValue)")
    }

    @Sendable func renewKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let new = try await services.wasteRegister.renewKey(
            of: SensorID(rawValue: try context.parameters.require("sensor")), city: city, principal: context.principal)
        return try await render(request, context, city: city, revealed: Revealed(key: (new.key.secret, new.sensor.value.deviceID)))
    }

    @Sendable func renewSecret(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let secret = try await services.wasteRegister.renewWebhookSecret(city: city, principal: context.principal)
        return try await render(request, context, city: city, revealed: Revealed(webhookSecret: secret.secret))
    }

    // MARK: Dead letters

    struct LettersPage {
        let letters: [Letter]
        let empty: Bool
    }

    /// What came in authenticated and could not be read, newest first, for dispatchers.
    @Sendable func letters(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context, .dispatchWaste)
        let letters = try await services.wasteIngest.deadLetters(city: city, principal: context.principal)
        let page = LettersPage(
            letters: letters.map { letter in
                Letter(
                    time: WasteFormat.time(letter.receivedAt, context.language), door: html.t("waste.door.\(letter.door.rawValue)", context),
                    device: letter.deviceID ?? "—",
                    problem: html.t("errors.\(letter.problem)", context) + (letter.detail.isEmpty ? "" : " (\(letter.detail))"),
                    body: String(letter.body.prefix(500)))
            },
            empty: letters.isEmpty)
        return try await html.render(
            "waste-letters", page: page, titleKey: "waste.letters.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city)
    }
}
