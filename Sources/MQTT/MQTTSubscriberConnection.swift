import Logging
import NIOCore
import NIOSSL

/// One connection of a subscriber: connect, subscribe, deliver until it ends.
struct MQTTSubscriberConnection {
    let configuration: MQTTConfiguration
    let topics: [String]
    let tlsContext: NIOSSLContext?
    let logger: Logger
    let events: @Sendable (MQTTConnectionEvent) -> Void
    /// How many QoS 1 messages the handler may hold at once (`MQTTSubscriber.deliveries`).
    let deliveries: Int

    /// The only packet identifier this connection sends: one SUBSCRIBE, and no QoS > 0 PUBLISH.
    private static let subscribePacketID: UInt16 = 1

    /// Returns when the task is cancelled; throws why the connection ended otherwise.
    func run(
        _ handle: @escaping MQTTSubscriber.Handler,
        exactlyOnce: inout MQTTExactlyOnceReceipts,
        connectedAt: inout ContinuousClock.Instant?
    ) async throws {
        let connection = try await MQTTChannel.connect(to: self.configuration, tlsContext: self.tlsContext)
        let channel = connection.channel
        try await connection.executeThenClose { inbound in
            var packets = inbound.makeAsyncIterator()
            var isConnected = false
            do {
                let sessionPresent = try await MQTTHandshake.connect(
                    self.configuration.connectPacket,
                    channel: channel,
                    packets: &packets,
                    timeout: self.configuration.connectTimeout
                )
                isConnected = true
                self.logger.debug("MQTT connected", metadata: ["mqtt.session_present": "\(sessionPresent)"])

                // A resumed session may deliver queued messages before the SUBACK; the loop takes both.
                let subscriptions = self.topics.map { MQTTPacket.TopicSubscription(filter: $0, qos: .atLeastOnce) }
                try await channel.writeAndFlush(
                    MQTTPacket.subscribe(.init(packetID: Self.subscribePacketID, subscriptions: subscriptions))
                ).get()

                try await withThrowingTaskGroup(of: Void.self) { group in
                    var inFlight = MQTTInFlight(group: group, limit: self.deliveries)
                    let acknowledgements = MQTTAcknowledgements(channel: channel)
                    do {
                        while let packet = try await packets.next() {
                            switch packet {
                            case .subAck(let subAck):
                                try self.checkSubscription(subAck)
                                // Connected means subscribed: from here on, messages flow.
                                connectedAt = .now
                                self.events(.connected(sessionPresent: sessionPresent))
                            case .publish(let publish) where publish.qos == .atLeastOnce && self.deliveries > 1:
                                guard let packetID = publish.packetID else { throw MQTTError.unexpectedPacket("PUBLISH") }
                                try await inFlight.makeRoom()
                                let ticket = acknowledgements.arrived(packetID)
                                inFlight.start {
                                    do {
                                        try await handle(MQTTMessage(publish))
                                    } catch {
                                        // Ends the connection: what is unacknowledged comes again.
                                        channel.close(promise: nil)
                                        throw MQTTError.handlerFailed(String(describing: error))
                                    }
                                    acknowledgements.stored(ticket)
                                }
                            default:
                                // Anything else waits for the messages in flight, so every
                                // acknowledgement keeps the order of arrival.
                                try await inFlight.drain()
                                try await self.receive(packet, on: channel, handle: handle, exactlyOnce: &exactlyOnce)
                            }
                        }
                    } catch {
                        // A handler's failure closed the connection: report that, not the closing.
                        try await inFlight.drain()
                        throw error
                    }
                    try await inFlight.drain()
                    throw MQTTError.connectionClosed
                }
            } catch {
                guard Task.isCancelled else { throw MQTTChannel.reason(for: error) }
                if isConnected {
                    // A clean DISCONNECT (§3.14) tells the broker we left on purpose.
                    try? await channel.writeAndFlush(MQTTPacket.disconnect).get()
                }
            }
        }
    }

    private func receive(
        _ packet: MQTTPacket,
        on channel: any Channel,
        handle: MQTTSubscriber.Handler,
        exactlyOnce: inout MQTTExactlyOnceReceipts
    ) async throws {
        switch packet {
        case .publish(let publish):
            try await self.deliver(publish, on: channel, handle: handle, exactlyOnce: &exactlyOnce)
        case .pubRel(let packetID):
            // §4.3.3 method B: the message was delivered when it arrived; now forget its identifier.
            exactlyOnce.released(packetID)
            try await channel.writeAndFlush(MQTTPacket.pubComp(packetID: packetID)).get()
        case .pingResp:
            // The keep-alive handler takes these; one can only get here with keep-alive off.
            break
        default:
            throw MQTTError.unexpectedPacket(packet.name)
        }
    }

    /// Hands the message over, then acknowledges it: at-least-once into the caller's store.
    private func deliver(
        _ publish: MQTTPacket.Publish,
        on channel: any Channel,
        handle: MQTTSubscriber.Handler,
        exactlyOnce: inout MQTTExactlyOnceReceipts
    ) async throws {
        switch (publish.qos, publish.packetID) {
        case (.atLeastOnce, let packetID?):
            try await self.hand(publish, to: handle)
            try await channel.writeAndFlush(MQTTPacket.pubAck(packetID: packetID)).get()
        case (.exactlyOnce, let packetID?):
            // We subscribe at QoS 1, so a broker only sends QoS 2 for a subscription an
            // older client made in the same persistent session. It still gets handled properly.
            if !exactlyOnce.isAwaitingRelease(packetID) {
                try await self.hand(publish, to: handle)
                exactlyOnce.received(packetID)
            }
            try await channel.writeAndFlush(MQTTPacket.pubRec(packetID: packetID)).get()
        default:
            do {
                try await handle(MQTTMessage(publish))
            } catch {
                // QoS 0 is never delivered again, so dropping the connection would only lose more.
                self.logger.error(
                    "MQTT message handler failed on a QoS 0 message, which is lost: \(error)",
                    metadata: ["mqtt.topic": "\(publish.topic)"]
                )
            }
        }
    }

    /// MQTT 3.1.1 has no negative acknowledgement: a message the handler could not take stays
    /// unacknowledged, and only a new connection makes the broker deliver it again.
    private func hand(_ publish: MQTTPacket.Publish, to handle: MQTTSubscriber.Handler) async throws {
        do {
            try await handle(MQTTMessage(publish))
        } catch {
            throw MQTTError.handlerFailed(String(describing: error))
        }
    }

    private func checkSubscription(_ subAck: MQTTPacket.SubAck) throws {
        guard subAck.packetID == Self.subscribePacketID, subAck.results.count == self.topics.count else {
            throw MQTTError.unexpectedPacket("SUBACK")
        }
        var refused: [String] = []
        for (topic, result) in zip(self.topics, subAck.results) {
            switch result {
            case .failure:
                refused.append(topic)
            case .granted(.atMostOnce):
                self.logger.warning("MQTT broker granted only QoS 0 for \(topic): messages can be lost")
            case .granted:
                break
            }
        }
        guard refused.isEmpty else { throw MQTTError.subscriptionRefused(filters: refused) }
        self.logger.info("MQTT connected and subscribed", metadata: ["mqtt.topics": "\(self.topics.joined(separator: ", "))"])
    }
}

/// QoS 2 messages delivered and answered with PUBREC, awaiting the broker's PUBREL (§4.3.3).
///
/// Kept across reconnects: a PUBLISH the broker resends before it has seen our PUBREC
/// must not reach the handler twice.
struct MQTTExactlyOnceReceipts {
    private var awaitingRelease: Set<UInt16> = []

    func isAwaitingRelease(_ packetID: UInt16) -> Bool {
        self.awaitingRelease.contains(packetID)
    }

    mutating func received(_ packetID: UInt16) {
        self.awaitingRelease.insert(packetID)
    }

    mutating func released(_ packetID: UInt16) {
        self.awaitingRelease.remove(packetID)
    }
}

/// The QoS 1 messages being handled side by side, at most `limit` at once.
struct MQTTInFlight {
    private var group: ThrowingTaskGroup<Void, any Error>
    private let limit: Int
    private var running = 0

    init(group: ThrowingTaskGroup<Void, any Error>, limit: Int) {
        self.group = group
        self.limit = max(1, limit)
    }

    /// Waits until one more may start; a handler's failure surfaces here.
    mutating func makeRoom() async throws {
        while self.running >= self.limit {
            try await self.group.next()
            self.running -= 1
        }
    }

    mutating func start(_ delivery: @escaping @Sendable () async throws -> Void) {
        self.group.addTask(operation: delivery)
        self.running += 1
    }

    /// Waits for every message in flight; the first failure among them is thrown.
    mutating func drain() async throws {
        while self.running > 0 {
            self.running -= 1
            try await self.group.next()
        }
    }
}
