import Foundation

extension LoRaWANEnvelope {
    /// ChirpStack v4 integration events (api/proto/integration/integration.proto),
    /// with a member only that event type carries, in the order to test them.
    /// Used only when the caller cannot pass the `event` query parameter.
    static let chirpStackEventClues: [(event: String, members: [String])] = [
        ("up", ["rxInfo", "fCnt", "fPort", "data"]),
        ("txack", ["downlinkId", "gatewayId"]),
        ("ack", ["queueItemId", "acknowledged"]),
        ("log", ["level", "code", "description"]),
        ("status", ["margin", "externalPowerSource", "batteryLevelUnavailable", "batteryLevel"]),
        ("location", ["location"]),
        ("integration", ["integrationName", "eventType"]),
        ("join", ["devAddr"]),
    ]

    /// Parses the body of a ChirpStack v4 HTTP integration POST made with the
    /// JSON marshaler. `event` is the request's `event` query parameter
    /// ("up", "join", ...); pass nil to infer the event from the body.
    public static func chirpStack(_ body: Data, event: String?) throws(EnvelopeError) -> LoRaWANMessage {
        let message = try JSONNode.parse(body, limit: maximumBodyBytes)
        // Even events we ignore must be JSON objects: anything else means a
        // misconfigured integration, which the operator should hear about.
        _ = try message.members()
        let kind: String
        if let event {
            kind = event.lowercased()
            guard chirpStackEventClues.contains(where: { $0.event == kind }) else {
                throw EnvelopeError.unknownEvent(EnvelopeError.excerpt(event))
            }
        } else {
            kind = try chirpStackEvent(inferredFrom: message)
        }
        guard kind == "up" else { return .other(kind: kind) }
        return .uplink(try chirpStackUplink(message))
    }

    private static func chirpStackEvent(inferredFrom message: JSONNode) throws(EnvelopeError) -> String {
        let members = try message.members()
        for clue in chirpStackEventClues where clue.members.contains(where: { members[$0] != nil }) {
            return clue.event
        }
        throw EnvelopeError.unrecognisedMessage(path: "$")
    }

    private static func chirpStackUplink(_ event: JSONNode) throws(EnvelopeError) -> LoRaWANUplink {
        let devEUI = try devEUI(try event.requiredMember("deviceInfo").requiredMember("devEui"))

        var receivedAt: Date?
        if let time = try event.member("time") {
            receivedAt = try timestamp(time)
        }

        var receptions: [GatewayReception] = []
        for gateway in try event.member("rxInfo")?.elements() ?? [] {
            if let reception = try GatewayReception.read(
                rssi: try gateway.member("rssi"), snr: try gateway.member("snr"))
            {
                receptions.append(reception)
            }
        }
        let best = GatewayReception.best(of: receptions)

        return LoRaWANUplink(
            devEUI: devEUI,
            frameCounter: try event.member("fCnt")?.integer(UInt32.self, in: 0...UInt32.max) ?? 0,
            port: try event.member("fPort")?.integer(UInt8.self, in: 0...UInt8.max),
            payload: try event.member("data").map(payload) ?? [],
            receivedAt: receivedAt,
            rssi: best?.rssi,
            snr: best?.snr
        )
    }
}
