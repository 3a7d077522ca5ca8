import MQTT

/// One or more packets of every type, with the corners the codec must keep: empty and
/// 256-byte payloads, Ukrainian topics, identifier 65535, every flag.
enum MQTTPacketSamples {
    static let all: [MQTTPacket] = [
        .connect(
            .init(
                clientID: "hromada-waste",
                cleanSession: false,
                keepAliveSeconds: 30,
                username: "hromada",
                password: Array("s3cret:@/".utf8),
                will: .init(topic: "hromada/status", payload: [0, 1, 255], qos: .atLeastOnce, retain: true)
            )
        ),
        .connect(.init(clientID: "", cleanSession: true, keepAliveSeconds: 0)),
        .connect(.init(clientID: "sim", cleanSession: true, keepAliveSeconds: 65535, username: "лічильник")),
        .connAck(.init(sessionPresent: true, returnCode: .accepted)),
        .connAck(.init(sessionPresent: false, returnCode: .notAuthorized)),
        .publish(
            .init(
                topic: "application/42/device/0018b20000000001/event/up",
                payload: Array(0...255),
                qos: .atLeastOnce,
                duplicate: true,
                packetID: 7
            )
        ),
        .publish(.init(topic: "a/b", payload: [], qos: .atMostOnce, retain: true, packetID: nil)),
        .publish(.init(topic: "громада/сміття/рівень", payload: Array("{}".utf8), qos: .exactlyOnce, packetID: 65535)),
        .pubAck(packetID: 1),
        .pubRec(packetID: 2),
        .pubRel(packetID: 3),
        .pubComp(packetID: 65535),
        .subscribe(
            .init(
                packetID: 10,
                subscriptions: [
                    .init(filter: "application/+/device/+/event/up", qos: .atLeastOnce),
                    .init(filter: "#", qos: .exactlyOnce),
                    .init(filter: "/", qos: .atMostOnce),
                ]
            )
        ),
        .subAck(.init(packetID: 10, results: [.granted(.atLeastOnce), .failure, .granted(.atMostOnce), .granted(.exactlyOnce)])),
        .unsubscribe(.init(packetID: 11, filters: ["a/+", "b/#", "+"])),
        .unsubAck(packetID: 11),
        .pingReq,
        .pingResp,
        .disconnect,
    ]
}
