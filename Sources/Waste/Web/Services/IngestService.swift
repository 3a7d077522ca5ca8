import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Readings in, from every door: checked, their fill worked out from the
/// container's gauge, and handed to the intake (`ReadingIntake`), which
/// writes them in batches. What comes in authenticated but cannot be read
/// is refused with a clear 4xx and kept as a dead letter for staff; what
/// comes in unauthenticated is refused and kept nowhere (anyone could fill
/// the list otherwise).
public struct IngestService: Sendable {
    let services: AppServices

    /// The most readings one request carries: a day of a sensor reporting every two minutes.
    public static let maximumBatch = 1_000
    /// A dead letter keeps this much of the body, and a city this many letters.
    static let deadLetterBodyLimit = 16 * 1_024
    static let deadLettersKept = 1_000

    /// What a request stored: readings new to the store, and those it had already.
    public struct Outcome: Sendable, Equatable {
        public let accepted: Int
        public let duplicates: Int
    }

    var intake: ReadingIntake {
        get throws {
            guard let intake = services.moduleState(ReadingIntake.self) else { throw AppError.notFound }
            return intake
        }
    }

    // MARK: The device API

    /// A device's readings, authenticated by its key (`Authorization: Bearer hwk_…`).
    public func deviceReadings(authorization: String?, body: Data, city: Municipality) async throws -> Outcome {
        let target = try await device(authorization: authorization, city: city)
        let now = services.clock.now()
        let inputs: [ReadingInput]
        do {
            inputs = try DeviceReadingBody.readings(from: body)
        } catch {
            try await deadLetter(error, door: .api, deviceID: target.deviceID, body: body, city: city)
            throw error
        }
        var incoming: [ReadingRepository.Incoming] = []
        incoming.reserveCapacity(inputs.count)
        for (index, input) in inputs.enumerated() {
            do {
                incoming.append(.init(
                    sensor: target.sensor, city: city.id, container: target.container, door: .api, receivedAt: now,
                    reading: try input.checked(receivedAt: now).filled(by: target.gauge)))
            } catch {
                let field = inputs.count == 1 && !DeviceReadingBody.isBatch(body) ? error.field : "readings.\(index).\(error.field)"
                let refusal = AppError.invalid(code: "reading_\(error.reason.rawValue.snakeCased)", field: field)
                try await deadLetter(refusal, door: .api, deviceID: target.deviceID, body: body, city: city)
                throw refusal
            }
        }
        let new = try await intake.store(incoming, in: services.store)
        await watchUrgent(incoming, city: city)
        return Outcome(accepted: new, duplicates: incoming.count - new)
    }

    /// A fresh reading that looks like fire is looked at now, for fire
    /// only, not at the next round. An old one (a network server flushing its
    /// queue after an outage) is history: the round sees it with the rest,
    /// once the backlog is in. The reading is stored whatever happens here: a
    /// failure is logged and the round tries again.
    func watchUrgent(_ incoming: [ReadingRepository.Incoming], city: Municipality) async {
        let rules = city.settings.waste.alerts, now = services.clock.now()
        let containers = Set(incoming.lazy.filter {
            AlertWatch.urgent($0.reading, rules: rules) && now.timeIntervalSince($0.reading.measuredAt) <= rules.window
        }.compactMap(\.container))
        guard !containers.isEmpty else { return }
        do {
            try await services.wasteAlerts.watch(city, at: now, only: containers, kinds: [.fire])
        } catch {
            services.logger.error("waste alerts: an urgent reading could not be looked at now", metadata: ["error": "\(error)"])
        }
    }

    /// The sensor whose key this is, in this city; anything else is the same 401.
    func device(authorization: String?, city: Municipality) async throws -> ReadingRepository.Target {
        guard let header = authorization, header.hasPrefix("Bearer "),
              let key = IngestSecret(presented: String(header.dropFirst("Bearer ".count)), kind: .device)
        else { throw AppError.unauthenticated(code: "device_key_invalid") }
        let hash = key.hash
        guard let target = try await services.store.read({ try await $0.wasteReadings.target(keyHash: hash) }), target.city == city.id else {
            throw AppError.unauthenticated(code: "device_key_invalid")
        }
        return target
    }

    // MARK: Network servers' webhooks

    /// What a webhook request did: stored a reading (new or not), or was a message that carries none.
    public enum WebhookOutcome: Sendable, Equatable {
        case stored(Outcome)
        case ignored(kind: String)
    }

    /// An uplink from The Things Stack or ChirpStack (`door` says which),
    /// whose sender has shown the city's webhook secret (`checkWebhookSecret`,
    /// before its body was read).
    public func webhook(_ door: ReadingDoor, body: Data, event: String?, city: Municipality) async throws -> WebhookOutcome {
        let message: LoRaWANMessage
        do {
            message = door == .chirpstack ? try LoRaWANEnvelope.chirpStack(body, event: event) : try LoRaWANEnvelope.theThingsStack(body)
        } catch {
            let refusal = AppError.badRequest(code: "lorawan_malformed")
            try await deadLetter(refusal, detail: error.description, door: door, deviceID: nil, body: body, city: city)
            throw refusal
        }
        guard case .uplink(let uplink) = message else {
            if case .other(let kind) = message { return .ignored(kind: kind) }
            return .ignored(kind: "")
        }
        guard let outcome = try await store(uplink, door: door, body: body, city: city) else { return .ignored(kind: "parameters") }
        return .stored(outcome)
    }

    /// A ChirpStack `up` event from the broker, on its topic. The body's
    /// DevEUI must be the topic's: a device cannot speak for another.
    public func uplink(_ body: Data, fromTopic topic: ChirpStackTopic, city: Municipality) async throws -> WebhookOutcome {
        let message: LoRaWANMessage
        do {
            message = try LoRaWANEnvelope.chirpStack(body, event: "up")
        } catch {
            let refusal = AppError.badRequest(code: "lorawan_malformed")
            try await deadLetter(refusal, detail: error.description, door: .mqtt, deviceID: topic.devEUI, body: body, city: city)
            throw refusal
        }
        guard case .uplink(let uplink) = message else { return .ignored(kind: "") }
        guard uplink.devEUI == topic.devEUI else {
            let refusal = AppError.invalid(code: "lorawan_malformed", field: "deviceInfo.devEui")
            try await deadLetter(refusal, detail: "the topic names \(topic.devEUI)", door: .mqtt, deviceID: uplink.devEUI, body: body, city: city)
            throw refusal
        }
        guard let outcome = try await store(uplink, door: .mqtt, body: body, city: city) else { return .ignored(kind: "parameters") }
        return .stored(outcome)
    }

    /// The city's secret, compared by its hash in constant time; no secret set, or another, is a 401.
    func checkWebhookSecret(_ presented: String?, city: Municipality) async throws {
        let cityID = city.id
        guard let presented, let secret = IngestSecret(presented: presented, kind: .webhook),
              let stored = try await services.store.read({ try await $0.wasteReadings.webhookSecret(of: cityID) }),
              ConstantTime.equal(secret.hash, stored.hash)
        else { throw AppError.unauthenticated(code: "webhook_secret_invalid") }
    }

    /// One uplink into the store (the webhooks' and MQTT's common path):
    /// the device found by its DevEUI in the city, its payload decoded by its
    /// model's decoder. Nil for a frame without measurements.
    func store(_ uplink: LoRaWANUplink, door: ReadingDoor, body: Data, city: Municipality) async throws -> Outcome? {
        let cityID = city.id, device = uplink.devEUI
        guard let target = try await services.store.read({ try await $0.wasteReadings.targets(deviceIDs: [device], in: cityID) })[device] else {
            let refusal = AppError.invalid(code: "lorawan_device_unknown", field: "devEUI")
            try await deadLetter(refusal, detail: device, door: door, deviceID: device, body: body, city: city)
            throw refusal
        }
        let now = services.clock.now()
        let reading: Reading
        do {
            guard let input = try UplinkReading.input(uplink, model: target.model) else { return nil }
            reading = try input.checked(receivedAt: now).filled(by: target.gauge)
        } catch let problem as UplinkReading.Problem {
            let (refusal, detail): (AppError, String) = switch problem {
            case .modelUnsupported: (.invalid(code: "lorawan_model_unsupported", field: "devEUI"), target.model.rawValue)
            case .unexpectedPort(let port): (.invalid(code: "lorawan_unexpected_port", field: "port"), port.map(String.init) ?? "—")
            case .payload(let error): (.invalid(code: "df702_malformed", field: "payload"), error.description)
            }
            try await deadLetter(refusal, detail: detail, door: door, deviceID: device, body: body, city: city)
            throw refusal
        } catch let problem as ReadingInput.Problem {
            let refusal = AppError.invalid(code: "reading_\(problem.reason.rawValue.snakeCased)", field: problem.field)
            try await deadLetter(refusal, door: door, deviceID: device, body: body, city: city)
            throw refusal
        }
        let incoming = ReadingRepository.Incoming(
            sensor: target.sensor, city: cityID, container: target.container, door: door, receivedAt: now, reading: reading)
        let new = try await intake.store([incoming], in: services.store)
        await watchUrgent([incoming], city: city)
        return Outcome(accepted: new, duplicates: 1 - new)
    }

    // MARK: Dead letters

    /// Keeps what could not be read, with the refusal its sender got.
    func deadLetter(_ error: any Error, detail: String? = nil, door: ReadingDoor, deviceID: String?, body: Data, city: Municipality) async throws {
        let refusal = error as? AppError ?? .badRequest(code: "malformed_payload")
        let letter = ReadingRepository.DeadLetter(
            id: RandomToken.base32(byteCount: 16), city: city.id, door: door, receivedAt: services.clock.now(), problem: refusal.code,
            detail: String((detail ?? refusal.field ?? "").prefix(500)), deviceID: deviceID, body: String(decoding: body.prefix(Self.deadLetterBodyLimit), as: UTF8.self))
        let cityID = city.id
        try await services.store.write { tx in
            try await tx.wasteReadings.insert(letter)
            try await tx.wasteReadings.pruneDeadLetters(in: cityID, keep: Self.deadLettersKept)
        }
    }

    public func deadLetters(city: Municipality, principal: Principal?, limit: Int = 200) async throws -> [ReadingRepository.DeadLetter] {
        _ = try requireStaff(.dispatchWaste, principal, in: city.id)
        let cityID = city.id
        return try await services.store.read { try await $0.wasteReadings.deadLetters(in: cityID, limit: limit) }
    }
}

extension AppServices {
    public var wasteIngest: IngestService { .init(services: self) }
}
