import Logging
import NIOCore

/// Connects once, publishes, disconnects: for the simulator and the tests.
///
/// It does not reconnect; after the connection ends `publish` throws `MQTTError.notConnected`
/// and the caller may `connect()` again. Call `disconnect()` when done: until then a task
/// reads from the broker and keeps the publisher alive.
public actor MQTTPublisher {
    public nonisolated let configuration: MQTTConfiguration
    private let logger: Logger
    private var state: State = .disconnected
    /// QoS 1 and 2 publishes that wait for the broker, by packet identifier.
    private var inFlight: [UInt16: InFlight] = [:]
    private var packetIdentifiers = MQTTPacketIdentifiers()

    private enum State {
        case disconnected
        case connecting
        case connected(Link)
    }

    private struct Link {
        let channel: any Channel
        let reader: Task<Void, Never>
    }

    private struct InFlight {
        var awaiting: Acknowledgement
        /// nil once the caller stopped waiting; the identifier stays taken until the broker answers.
        var caller: CheckedContinuation<Void, any Error>?
    }

    private enum Acknowledgement {
        case pubAck
        case pubRec
        case pubComp
    }

    public init(configuration: MQTTConfiguration, logger: Logger) {
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "mqtt.client_id"] = "\(configuration.clientID)"
        logger[metadataKey: "mqtt.broker"] = "\(configuration.host):\(configuration.port)"
        self.logger = logger
    }

    /// Connects and waits for CONNACK. Does nothing when already connected.
    ///
    /// - Throws: `MQTTError.connectionRefused` when the broker says no, `.alreadyConnecting`
    ///   while another `connect()` runs, or the network or TLS error.
    public func connect() async throws {
        switch self.state {
        case .connected: return
        case .connecting: throw MQTTError.alreadyConnecting
        case .disconnected: break
        }
        try self.configuration.validate()
        self.state = .connecting
        do {
            let tlsContext = try self.configuration.tls.map(MQTTChannel.makeTLSContext)
            let connection = try await MQTTChannel.connect(to: self.configuration, tlsContext: tlsContext)
            let sessionPresent = try await withCheckedThrowingContinuation { handshake in
                let reader = Task { await self.serve(connection, handshake: handshake) }
                self.state = .connected(Link(channel: connection.channel, reader: reader))
            }
            self.logger.debug("MQTT publisher connected", metadata: ["mqtt.session_present": "\(sessionPresent)"])
        } catch {
            self.state = .disconnected
            throw error
        }
    }

    /// Publishes one message. QoS 0 returns once the bytes are written, QoS 1 once the broker
    /// sent PUBACK, QoS 2 once it sent PUBCOMP.
    public func publish(
        topic: String,
        payload: [UInt8],
        qos: MQTTQoS = .atLeastOnce,
        retain: Bool = false
    ) async throws {
        guard case .connected(let link) = self.state else { throw MQTTError.notConnected }
        guard MQTTTopic.isValidName(topic) else { throw MQTTPacketError.invalidTopicName(topic) }
        guard qos != .atMostOnce else {
            let publish = MQTTPacket.Publish(topic: topic, payload: payload, qos: qos, retain: retain, packetID: nil)
            do {
                try await link.channel.writeAndFlush(MQTTPacket.publish(publish)).get()
            } catch {
                throw MQTTChannel.reason(for: error)
            }
            return
        }
        let packetID = try self.packetIdentifiers.next(isInUse: { self.inFlight[$0] != nil })
        let publish = MQTTPacket.Publish(topic: topic, payload: payload, qos: qos, retain: retain, packetID: packetID)
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (caller: CheckedContinuation<Void, any Error>) in
                guard !Task.isCancelled else {
                    caller.resume(throwing: CancellationError())
                    return
                }
                self.inFlight[packetID] = InFlight(awaiting: qos == .atLeastOnce ? .pubAck : .pubRec, caller: caller)
                link.channel.writeAndFlush(MQTTPacket.publish(publish)).whenFailure { error in
                    Task { await self.fail(packetID, with: MQTTChannel.reason(for: error), releasing: true) }
                }
            }
        } onCancel: {
            Task { await self.fail(packetID, with: CancellationError(), releasing: false) }
        }
    }

    /// Sends DISCONNECT and closes the connection; publishes still waiting fail.
    public func disconnect() async {
        guard case .connected(let link) = self.state else { return }
        self.state = .disconnected
        try? await link.channel.writeAndFlush(MQTTPacket.disconnect).get()
        try? await link.channel.close()
        await link.reader.value
        self.logger.debug("MQTT publisher disconnected")
    }

    /// Owns the connection from CONNACK to close; resumes `handshake` exactly once.
    private func serve(_ connection: MQTTChannel.Connection, handshake: CheckedContinuation<Bool, any Error>) async {
        let channel = connection.channel
        var isConnected = false
        do {
            try await connection.executeThenClose { inbound in
                var packets = inbound.makeAsyncIterator()
                do {
                    let sessionPresent = try await MQTTHandshake.connect(
                        self.configuration.connectPacket,
                        channel: channel,
                        packets: &packets,
                        timeout: self.configuration.connectTimeout
                    )
                    isConnected = true
                    handshake.resume(returning: sessionPresent)
                } catch {
                    handshake.resume(throwing: error)
                    throw error
                }
                while let packet = try await packets.next() {
                    try self.receive(packet, on: channel)
                }
                throw MQTTError.connectionClosed
            }
        } catch {
            self.connectionEnded(channel, reason: MQTTChannel.reason(for: error), wasConnected: isConnected)
        }
    }

    private func receive(_ packet: MQTTPacket, on channel: any Channel) throws {
        switch packet {
        case .pubAck(let packetID):
            self.acknowledge(packetID, expected: .pubAck)
        case .pubRec(let packetID):
            // §4.3.3: PUBREL is due even for an identifier we no longer track.
            if self.inFlight[packetID]?.awaiting == .pubRec {
                self.inFlight[packetID]?.awaiting = .pubComp
            }
            channel.writeAndFlush(MQTTPacket.pubRel(packetID: packetID), promise: nil)
        case .pubComp(let packetID):
            self.acknowledge(packetID, expected: .pubComp)
        case .publish(let publish):
            // A persistent session of this client identifier may hold subscriptions. Left
            // unacknowledged, the message stays with the broker for the next subscriber.
            self.logger.debug("MQTT publisher ignores a message", metadata: ["mqtt.topic": "\(publish.topic)"])
        case .pubRel(let packetID):
            channel.writeAndFlush(MQTTPacket.pubComp(packetID: packetID), promise: nil)
        case .pingResp, .subAck, .unsubAck:
            break
        case .connect, .connAck, .subscribe, .unsubscribe, .pingReq, .disconnect:
            throw MQTTError.unexpectedPacket(packet.name)
        }
    }

    private func acknowledge(_ packetID: UInt16, expected: Acknowledgement) {
        guard let inFlight = self.inFlight[packetID], inFlight.awaiting == expected else {
            self.logger.debug("MQTT publisher got an acknowledgement it did not wait for", metadata: ["mqtt.packet_id": "\(packetID)"])
            return
        }
        self.inFlight[packetID] = nil
        inFlight.caller?.resume()
    }

    /// The caller stops waiting. A write that failed never reached the broker, so its identifier
    /// is free again; a cancelled caller's message may still be acknowledged later.
    private func fail(_ packetID: UInt16, with error: any Error, releasing: Bool) {
        self.inFlight[packetID]?.caller?.resume(throwing: error)
        self.inFlight[packetID]?.caller = nil
        if releasing {
            self.inFlight[packetID] = nil
        }
    }

    private func connectionEnded(_ channel: any Channel, reason: any Error, wasConnected: Bool) {
        if case .connected(let link) = self.state, link.channel === channel {
            self.state = .disconnected
            // A failed handshake is connect()'s error to throw, not a loss to log.
            if wasConnected {
                self.logger.warning("MQTT publisher lost its connection: \(reason)")
            }
        }
        let waiting = self.inFlight.values.compactMap(\.caller)
        self.inFlight = [:]
        for caller in waiting {
            caller.resume(throwing: MQTTError.connectionClosed)
        }
    }
}
