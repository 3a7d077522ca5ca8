import MQTT
import Testing

/// How the subscriber meets a broker that misbehaves, scripted in-process.
@Suite("Subscriber against a scripted broker", .timeLimit(.minutes(1)))
struct MQTTSubscriberFailureTests {
    private static let topic = "application/+/device/+/event/up"

    private static func publish(_ packetID: UInt16?, qos: MQTTQoS, payload: [UInt8] = [1], duplicate: Bool = false) -> MQTTPacket {
        .publish(
            .init(topic: "application/1/device/2/event/up", payload: payload, qos: qos, duplicate: duplicate, packetID: packetID)
        )
    }

    /// The events from the first successful connection on.
    private static func sinceConnected(_ events: [MQTTConnectionEvent]) -> ArraySlice<MQTTConnectionEvent> {
        events.drop { !$0.isConnected }
    }

    /// Runs a subscriber against `broker` until `body` returns, then cancels it.
    private static func withSubscriber(
        _ configuration: MQTTConfiguration,
        events: Inbox<MQTTConnectionEvent>,
        deliveries: Int = 1,
        handle: @escaping MQTTSubscriber.Handler = { _ in },
        _ body: () async throws -> Void
    ) async throws {
        let subscriber = MQTTSubscriber(
            configuration: configuration, topics: [Self.topic], logger: TestBroker.logger, deliveries: deliveries, events: events.append)
        let run = Task { try await subscriber.run(handle) }
        do {
            try await body()
        } catch {
            run.cancel()
            try await run.value
            throw error
        }
        run.cancel()
        try await run.value
    }

    @Test
    func aBrokerThatStopsAnsweringPingsIsDeclaredDeadAndReconnected() async throws {
        let broker = try await ScriptedBroker.start(ScriptedBroker.healthy(answeringPings: false))
        let events = Inbox<MQTTConnectionEvent>()
        try await Self.withSubscriber(broker.configuration(keepAlive: .seconds(1)), events: events) {
            #expect(await events.wait { $0.filter { $0.isConnected }.count == 2 })
        }
        #expect(events.items.contains(.disconnected(reason: "\(MQTTError.keepAliveTimeout)")))
        #expect(broker.received.items.contains(.pingReq))
        await broker.stop()
    }

    @Test
    func aBrokerThatNeverSendsConnAckTimesOutAndIsRetried() async throws {
        let broker = try await ScriptedBroker.start { _ in [] }
        let events = Inbox<MQTTConnectionEvent>()
        let timedOut = MQTTConnectionEvent.disconnected(reason: "\(MQTTError.connAckTimeout)")
        try await Self.withSubscriber(broker.configuration(connectTimeout: .milliseconds(300)), events: events) {
            #expect(await events.wait { $0.filter { $0 == timedOut }.count == 2 })
        }
        await broker.stop()
    }

    @Test
    func aRefusedSubscriptionIsReportedAndRetriedNotMistakenForSuccess() async throws {
        let broker = try await ScriptedBroker.start { packet in
            switch packet {
            case .connect: [.connAck(.init(sessionPresent: false, returnCode: .accepted))]
            case .subscribe(let subscribe): [.subAck(.init(packetID: subscribe.packetID, results: [.failure]))]
            default: []
            }
        }
        let events = Inbox<MQTTConnectionEvent>()
        let refused = MQTTConnectionEvent.subscriptionRefused(filters: [Self.topic])
        try await Self.withSubscriber(broker.configuration(), events: events) {
            #expect(await events.wait { $0.filter { $0 == refused }.count == 2 })
        }
        #expect(!events.items.contains { $0.isConnected })
        await broker.stop()
    }

    @Test
    func aPacketAboveTheMaximumSizeClosesTheConnection() async throws {
        let broker = try await ScriptedBroker.start()
        var configuration = broker.configuration()
        configuration.maximumPacketSize = 1_024
        let events = Inbox<MQTTConnectionEvent>()
        let messages = Inbox<MQTTMessage>()
        let tooLarge = MQTTPacketError.packetTooLarge(size: 2_036, maximum: 1_024)
        try await Self.withSubscriber(configuration, events: events, handle: messages.append) {
            #expect(await events.wait { $0.contains { $0.isConnected } })
            try await broker.send(Self.publish(nil, qos: .atMostOnce, payload: [UInt8](repeating: 7, count: 2_000)))
            #expect(await events.wait { $0.contains(.disconnected(reason: "\(tooLarge)")) })
        }
        #expect(messages.items.isEmpty)
        await broker.stop()
    }

    @Test
    func pubAckFollowsTheHandlersReturn() async throws {
        let broker = try await ScriptedBroker.start()
        let events = Inbox<MQTTConnectionEvent>()
        let handling = Inbox<MQTTMessage>()
        let handlerMayReturn = Gate()
        let handle: @Sendable (MQTTMessage) async -> Void = { message in
            handling.append(message)
            await handlerMayReturn.wait()
        }
        try await Self.withSubscriber(broker.configuration(), events: events, handle: handle) {
            #expect(await events.wait { $0.contains { $0.isConnected } })
            try await broker.send(Self.publish(7, qos: .atLeastOnce))
            #expect(await handling.wait { $0.count == 1 })
            #expect(!broker.received.items.contains(.pubAck(packetID: 7)))
            handlerMayReturn.open()
            #expect(await broker.received.wait { $0.contains(.pubAck(packetID: 7)) })
        }
        await broker.stop()
    }

    @Test
    func messagesHandledSideBySideAreAcknowledgedInTheOrderTheyCame() async throws {
        let broker = try await ScriptedBroker.start()
        let events = Inbox<MQTTConnectionEvent>()
        let handled = Inbox<UInt8>()
        let firstMayReturn = Gate()
        // The first message is held until the other four are stored: only side-by-side
        // handling gets there, and their PUBACKs must still wait for the first's.
        let handle: @Sendable (MQTTMessage) async -> Void = { message in
            if message.payload == [1] { await firstMayReturn.wait() }
            handled.append(message.payload[0])
        }
        try await Self.withSubscriber(broker.configuration(), events: events, deliveries: 5, handle: handle) {
            #expect(await events.wait { $0.contains { $0.isConnected } })
            for id in UInt16(1)...5 {
                try await broker.send(Self.publish(id, qos: .atLeastOnce, payload: [UInt8(id)]))
            }
            #expect(await handled.wait { Set($0) == [2, 3, 4, 5] })
            #expect(!broker.received.items.contains { if case .pubAck = $0 { true } else { false } })
            firstMayReturn.open()
            #expect(await broker.received.wait { $0.contains(.pubAck(packetID: 5)) })
        }
        let acknowledged = broker.received.items.compactMap { packet -> UInt16? in
            if case .pubAck(let id) = packet { id } else { nil }
        }
        #expect(acknowledged == [1, 2, 3, 4, 5])
        await broker.stop()
    }

    @Test
    func aFailureAmongMessagesHandledSideBySideAcknowledgesOnlyThoseBeforeIt() async throws {
        struct StoreUnavailable: Error {}
        let broker = try await ScriptedBroker.start()
        let events = Inbox<MQTTConnectionEvent>()
        let laterStored = Inbox<UInt8>()
        let thirdMayFail = Gate()
        let handle: @Sendable (MQTTMessage) async throws -> Void = { message in
            if message.payload == [3] {
                await thirdMayFail.wait()
                throw StoreUnavailable()
            }
            if message.payload[0] > 3 { laterStored.append(message.payload[0]) }
        }
        try await Self.withSubscriber(broker.configuration(), events: events, deliveries: 5, handle: handle) {
            #expect(await events.wait { $0.contains { $0.isConnected } })
            for id in UInt16(1)...5 {
                try await broker.send(Self.publish(id, qos: .atLeastOnce, payload: [UInt8(id)]))
            }
            #expect(await laterStored.wait { $0.count == 2 })
            thirdMayFail.open()
            #expect(await events.wait { $0.filter { $0.isConnected }.count == 2 })
        }
        let acknowledged = broker.received.items.compactMap { packet -> UInt16? in
            if case .pubAck(let id) = packet { id } else { nil }
        }
        // 4 and 5 were stored but stay unacknowledged: the broker sends them again with 3.
        #expect(acknowledged == [1, 2])
        #expect(events.items.contains { if case .disconnected(let reason) = $0 { reason.contains("StoreUnavailable") } else { false } })
        await broker.stop()
    }

    @Test
    func aHandlerThatThrowsLeavesTheMessageUnacknowledgedAndReconnects() async throws {
        struct StoreUnavailable: Error {}
        let broker = try await ScriptedBroker.start()
        let events = Inbox<MQTTConnectionEvent>()
        try await Self.withSubscriber(broker.configuration(), events: events, handle: { _ in throw StoreUnavailable() }) {
            #expect(await events.wait { $0.contains { $0.isConnected } })
            try await broker.send(Self.publish(9, qos: .atLeastOnce))
            #expect(await events.wait { $0.filter { $0.isConnected }.count == 2 })
        }
        let failed = MQTTError.handlerFailed(String(describing: StoreUnavailable()))
        #expect(events.items.contains(.disconnected(reason: "\(failed)")))
        #expect(!broker.received.items.contains(.pubAck(packetID: 9)))
        await broker.stop()
    }

    @Test
    func aHandlerThatThrowsOnQoS0IsLoggedAndTheConnectionStays() async throws {
        struct StoreUnavailable: Error {}
        let broker = try await ScriptedBroker.start()
        let events = Inbox<MQTTConnectionEvent>()
        let calls = Inbox<MQTTMessage>()
        let handle: MQTTSubscriber.Handler = { message in
            calls.append(message)
            throw StoreUnavailable()
        }
        try await Self.withSubscriber(broker.configuration(), events: events, handle: handle) {
            #expect(await events.wait { $0.contains { $0.isConnected } })
            try await broker.send(Self.publish(nil, qos: .atMostOnce))
            try await broker.send(Self.publish(nil, qos: .atMostOnce))
            #expect(await calls.wait { $0.count == 2 })
            // Both handled on the one connection: nothing dropped it meanwhile. (What happened
            // before it connected is not this test's business: a loaded machine may retry.)
            #expect(!Self.sinceConnected(events.items).contains { $0.isDisconnected })
        }
        // How the cancelled connection's end is reported (one event or two) varies with timing; it never reconnected.
        #expect(events.items.filter { $0.isConnected }.count == 1)
        await broker.stop()
    }

    /// §4.3.3 method B: deliver on PUBLISH, then answer repeats with PUBREC only until PUBREL.
    @Test
    func aRepeatedQoS2PublishReachesTheHandlerOnceAndIsCompleted() async throws {
        let broker = try await ScriptedBroker.start()
        let events = Inbox<MQTTConnectionEvent>()
        let messages = Inbox<MQTTMessage>()
        try await Self.withSubscriber(broker.configuration(), events: events, handle: messages.append) {
            #expect(await events.wait { $0.contains { $0.isConnected } })
            try await broker.send(Self.publish(5, qos: .exactlyOnce))
            #expect(await broker.received.wait { $0.contains(.pubRec(packetID: 5)) })
            try await broker.send(Self.publish(5, qos: .exactlyOnce, duplicate: true))
            #expect(await broker.received.wait { $0.filter { $0 == .pubRec(packetID: 5) }.count == 2 })
            try await broker.send(.pubRel(packetID: 5))
            #expect(await broker.received.wait { $0.contains(.pubComp(packetID: 5)) })
            // Released: the identifier may carry a new message now.
            try await broker.send(Self.publish(5, qos: .exactlyOnce, payload: [2]))
            #expect(await messages.wait { $0.count == 2 })
        }
        #expect(messages.items.map(\.payload) == [[1], [2]])
        await broker.stop()
    }

    @Test
    func aBrokerSendingAClientOnlyPacketIsDisconnected() async throws {
        let broker = try await ScriptedBroker.start()
        let events = Inbox<MQTTConnectionEvent>()
        try await Self.withSubscriber(broker.configuration(), events: events) {
            #expect(await events.wait { $0.contains { $0.isConnected } })
            try await broker.send(.subscribe(.init(packetID: 1, subscriptions: [.init(filter: "x", qos: .atMostOnce)])))
            #expect(await events.wait { $0.contains(.disconnected(reason: "\(MQTTError.unexpectedPacket("SUBSCRIBE"))")) })
        }
        await broker.stop()
    }
}
