import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Logging
import MQTT
import ServiceLifecycle

/// The third door: a ChirpStack broker's uplinks over MQTT.
///
/// Configured by the deployment (`HROMADA_WASTE_MQTT_URL`, the password in
/// `HROMADA_WASTE_MQTT_PASSWORD` or its `_FILE`, a CA in
/// `HROMADA_WASTE_MQTT_CA`); each city names its ChirpStack application
/// (`wasteChirpStackApplication`), which is how a topic finds its city.
/// Only the instance holding the `waste-mqtt` lease subscribes, so two
/// instances never split or double a session; the client id is fixed, so
/// the broker keeps the session's QoS 1 messages while no one holds it and
/// hands them to the next holder.
public struct MQTTDoor: Service {
    let services: AppServices
    let configuration: MQTTConfiguration
    let topic: String

    static let lease = "waste-mqtt"
    /// Renewed well within the lease's life, so the holder keeps it while it runs.
    static let leaseRound: Duration = .seconds(2)
    /// Uplinks handled side by side: their readings share the intake's commits instead of
    /// taking one each. A broker sends no more than its in-flight limit anyway.
    static let deliveries = 100

    /// The door as the deployment configures it, or nil when it has no broker.
    public static func configured(_ services: AppServices) throws -> MQTTDoor? {
        let environment = services.configuration.environment
        guard let url = environment["HROMADA_WASTE_MQTT_URL"], !url.isEmpty else { return nil }
        var configuration = try MQTTConfiguration(url: url, clientID: environment["HROMADA_WASTE_MQTT_CLIENT_ID"] ?? "hromada-waste")
        if let password = environment["HROMADA_WASTE_MQTT_PASSWORD"], !password.isEmpty { configuration.password = password }
        if let ca = environment["HROMADA_WASTE_MQTT_CA"], !ca.isEmpty {
            configuration.tls = MQTTTLS(caFile: ca, serverName: configuration.tls?.serverName)
        }
        // A persistent session: what arrives while no instance holds the lease waits at the broker.
        configuration.cleanSession = false
        return MQTTDoor(services: services, configuration: configuration, topic: environment["HROMADA_WASTE_MQTT_TOPIC"] ?? ChirpStackTopic.uplinks)
    }

    /// Holds the subscription while this instance holds the lease; lets it go when the lease goes.
    public func run() async throws {
        var subscription: Task<Void, any Error>?
        defer { subscription?.cancel() }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let holds = (try? await services.holdsLease(Self.lease, at: services.clock.now())) ?? false
            if holds, subscription == nil {
                let subscriber = MQTTSubscriber(configuration: configuration, topics: [topic], logger: services.logger, deliveries: Self.deliveries)
                let door = self
                subscription = Task { try await subscriber.run { try await door.receive($0) } }
            } else if !holds, let running = subscription {
                running.cancel()
                subscription = nil
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.leaseRound) }
        }
    }

    /// One message. Returning acknowledges it: a message that cannot be read
    /// is kept as a dead letter (or, with no city to keep it in, logged) and
    /// acknowledged, since sending it again would not make it readable.
    /// Throwing (the database is down) leaves it with the broker for later.
    func receive(_ message: MQTTMessage) async throws {
        guard let topic = ChirpStackTopic(message.topic) else {
            services.logger.warning("waste MQTT: a message on a topic that is no uplink's", metadata: ["topic": "\(message.topic.prefix(120))"])
            return
        }
        let cities = try await services.store.read { try await $0.municipalities.all() }
        guard let city = cities.first(where: { $0.settings.waste.chirpStackApplication == topic.application }),
              services.modules.enabled(in: city).contains(where: { $0.slug == .waste })
        else {
            services.logger.warning("waste MQTT: an uplink of an application no city names", metadata: ["application": "\(topic.application)"])
            return
        }
        let body = Data(message.payload)
        do {
            _ = try await services.wasteIngest.uplink(body, fromTopic: topic, city: city)
        } catch let refusal as AppError {
            // Kept as a dead letter by the ingest; nothing to send again.
            services.logger.notice("waste MQTT: uplink refused", metadata: ["code": "\(refusal.code)", "device": "\(topic.devEUI)"])
        }
    }
}
