import Foundation

extension LoRaWANEnvelope {
    /// Message kinds of a TTS v3 `ApplicationUp` other than a data uplink: the
    /// members of its `up` oneof (api/ttn/lorawan/v3/messages.proto).
    /// `uplink_normalized` repeats an uplink already delivered as
    /// `uplink_message`, so it is not counted a second time.
    static let theThingsStackOtherKinds = [
        "uplink_normalized", "join_accept",
        "downlink_ack", "downlink_nack", "downlink_sent", "downlink_failed", "downlink_queued",
        "downlink_queue_invalidated", "location_solved", "service_data",
    ]

    /// Parses a The Things Stack v3 webhook body (an `ApplicationUp` message).
    public static func theThingsStack(_ body: Data) throws(EnvelopeError) -> LoRaWANMessage {
        let message = try JSONNode.parse(body, limit: maximumBodyBytes)
        if let uplink = try message.member("uplink_message") {
            return .uplink(try theThingsStackUplink(message: message, uplink: uplink))
        }
        for kind in theThingsStackOtherKinds {
            if try message.member(kind) != nil { return .other(kind: kind) }
        }
        throw EnvelopeError.unrecognisedMessage(path: "$")
    }

    private static func theThingsStackUplink(
        message: JSONNode, uplink: JSONNode
    ) throws(EnvelopeError) -> LoRaWANUplink {
        // ABP devices may be registered without a DevEUI; the waste module
        // identifies bins by EUI, so such a device is refused here.
        let devEUI = try devEUI(try message.requiredMember("end_device_ids").requiredMember("dev_eui"))

        // The Network Server's reception time; the top-level time is when the
        // Application Server got it, later and only a fallback.
        var receivedAt: Date?
        if let time = try uplink.member("received_at") {
            receivedAt = try timestamp(time)
        } else if let time = try message.member("received_at") {
            receivedAt = try timestamp(time)
        }

        var receptions: [GatewayReception] = []
        for gateway in try uplink.member("rx_metadata")?.elements() ?? [] {
            // `rssi` equals `channel_rssi` per metadata.proto; older stacks sent only the latter.
            var rssi = try gateway.member("rssi")
            if rssi == nil { rssi = try gateway.member("channel_rssi") }
            if let reception = try GatewayReception.read(rssi: rssi, snr: try gateway.member("snr")) {
                receptions.append(reception)
            }
        }
        let best = GatewayReception.best(of: receptions)

        return LoRaWANUplink(
            devEUI: devEUI,
            frameCounter: try uplink.member("f_cnt")?.integer(UInt32.self, in: 0...UInt32.max) ?? 0,
            port: try uplink.member("f_port")?.integer(UInt8.self, in: 0...UInt8.max),
            payload: try uplink.member("frm_payload").map(payload) ?? [],
            receivedAt: receivedAt,
            rssi: best?.rssi,
            snr: best?.snr
        )
    }
}
