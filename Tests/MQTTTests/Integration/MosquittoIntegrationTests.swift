import Foundation
import MQTT
import Testing

/// The client against a real Debian mosquitto started by `scripts/mosquitto-up`.
@Suite(
    "Against mosquitto",
    .enabled(if: TestBroker.isConfigured, "export the output of scripts/mosquitto-up to run these"),
    .timeLimit(.minutes(1))
)
struct MosquittoIntegrationTests {
    @Test
    func tlsWithTheTestCAAndThePasswordConnects() async throws {
        let name = TestBroker.uniqueName("tls")
        let events = Inbox<MQTTConnectionEvent>()
        let subscriber = MQTTSubscriber(
            configuration: try TestBroker.tls(clientID: name),
            topics: ["hromada-test/\(name)/#"],
            logger: TestBroker.logger,
            events: events.append
        )
        let run = Task { try await subscriber.run { _ in } }
        #expect(await events.wait { $0.contains(.connected(sessionPresent: false)) })
        run.cancel()
        try await run.value
        #expect(events.items.first == .connecting)
        #expect(events.items.last == .disconnected(reason: "the task was cancelled"))

        let publisher = MQTTPublisher(configuration: try TestBroker.tls(clientID: "\(name)-publisher"), logger: TestBroker.logger)
        try await publisher.connect()
        try await publisher.publish(topic: "hromada-test/\(name)/hello", payload: [1, 2, 3], qos: .atLeastOnce)
        await publisher.disconnect()
    }

    @Test
    func aWrongPasswordIsReportedAsNotAuthorizedAndRetried() async throws {
        var configuration = try TestBroker.tls(clientID: TestBroker.uniqueName("intruder"))
        configuration.password = "not-the-password"
        let events = Inbox<MQTTConnectionEvent>()
        let subscriber = MQTTSubscriber(
            configuration: configuration,
            topics: ["application/+/device/+/event/up"],
            logger: TestBroker.logger,
            events: events.append
        )
        let run = Task { try await subscriber.run { _ in Issue.record("a refused client received a message") } }
        let refusedTwice = await events.wait { $0.filter { $0 == .refused(.notAuthorized) }.count >= 2 }
        run.cancel()
        try await run.value
        #expect(refusedTwice)
        #expect(!events.items.contains { $0.isConnected })

        let publisher = MQTTPublisher(configuration: configuration, logger: TestBroker.logger)
        await #expect(throws: MQTTError.connectionRefused(.notAuthorized)) { try await publisher.connect() }
    }

    @Test
    func chirpStackUplinksArriveFromThePublisherAndFromMosquittoPub() async throws {
        let application = TestBroker.uniqueName("app")
        let messages = Inbox<MQTTMessage>()
        let events = Inbox<MQTTConnectionEvent>()
        let subscriber = MQTTSubscriber(
            configuration: try TestBroker.tls(clientID: TestBroker.uniqueName("waste")),
            topics: ["application/+/device/+/event/up"],
            logger: TestBroker.logger,
            events: events.append
        )
        // Other tests may share the wildcard; this one counts its own application only.
        let run = Task {
            try await subscriber.run { message in
                if message.topic.hasPrefix("application/\(application)/") {
                    messages.append(message)
                }
            }
        }
        defer { run.cancel() }
        #expect(await events.wait { $0.contains { $0.isConnected } })

        let json = Array(#"{"deviceInfo":{"devEui":"0018b20000000001"},"data":"AQI="}"#.utf8)
        let jsonTopic = "application/\(application)/device/0018b20000000001/event/up"
        let publisher = MQTTPublisher(configuration: try TestBroker.tls(clientID: TestBroker.uniqueName("sim")), logger: TestBroker.logger)
        try await publisher.connect()
        try await publisher.publish(topic: jsonTopic, payload: json, qos: .atLeastOnce)
        await publisher.disconnect()

        let binary = [UInt8](0...255)
        let binaryTopic = "application/\(application)/device/0018b20000000002/event/up"
        let payloadFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(application).bin")
        try Data(binary).write(to: payloadFile)
        defer { try? FileManager.default.removeItem(at: payloadFile) }
        try await TestBroker.mosquittoPub(try TestBroker.tls(clientID: ""), topic: binaryTopic, payloadFile: payloadFile.path, qos: 1)

        #expect(await messages.wait { $0.count == 2 })
        let received = Set(messages.items)
        #expect(received == [
            MQTTMessage(topic: jsonTopic, payload: json, qos: .atLeastOnce),
            MQTTMessage(topic: binaryTopic, payload: binary, qos: .atLeastOnce),
        ])
    }

    @Test
    func aMessageIsAcknowledgedOnlyAfterItsHandlerReturnsSoABreakRedeliversIt() async throws {
        let name = TestBroker.uniqueName("redelivery")
        let topic = "hromada-test/\(name)/up"
        var configuration = try TestBroker.tls(clientID: name)
        configuration.cleanSession = false
        let deliveries = Inbox<MQTTMessage>()
        let events = Inbox<MQTTConnectionEvent>()
        let handlerMayReturn = Gate()
        let subscriber = MQTTSubscriber(configuration: configuration, topics: [topic], logger: TestBroker.logger, events: events.append)
        let run = Task {
            try await subscriber.run { message in
                deliveries.append(message)
                if deliveries.items.count == 1 {
                    await handlerMayReturn.wait()
                }
            }
        }
        #expect(await events.wait { $0.contains { $0.isConnected } })

        let publisher = MQTTPublisher(configuration: try TestBroker.plain(clientID: "\(name)-publisher"), logger: TestBroker.logger)
        try await publisher.connect()
        try await publisher.publish(topic: topic, payload: Array("reading-1".utf8), qos: .atLeastOnce)
        #expect(await deliveries.wait { $0.count == 1 })

        // While the handler still holds the message, another connection takes the session over:
        // the broker drops the subscriber, which has not acknowledged anything yet.
        let takeover = MQTTPublisher(configuration: configuration, logger: TestBroker.logger)
        try await takeover.connect()
        await takeover.disconnect()
        handlerMayReturn.open()

        #expect(await deliveries.wait { $0.count == 2 })
        let redelivered = try #require(deliveries.items.last)
        #expect(redelivered.payload == Array("reading-1".utf8))
        #expect(redelivered.duplicate)
        #expect(await events.wait { $0.contains(.connected(sessionPresent: true)) })
        #expect(events.items.contains { $0.isDisconnected })
        run.cancel()
        try await run.value

        // The redelivery was acknowledged after its handler returned: the session now yields
        // only what is published next.
        let later = Inbox<MQTTMessage>()
        let laterEvents = Inbox<MQTTConnectionEvent>()
        let resumed = MQTTSubscriber(configuration: configuration, topics: [topic], logger: TestBroker.logger, events: laterEvents.append)
        let resumedRun = Task { try await resumed.run { later.append($0) } }
        #expect(await laterEvents.wait { $0.contains(.connected(sessionPresent: true)) })
        try await publisher.publish(topic: topic, payload: Array("reading-2".utf8), qos: .atLeastOnce)
        #expect(await later.wait { !$0.isEmpty })
        #expect(later.items.map(\.payload) == [Array("reading-2".utf8)])
        resumedRun.cancel()
        try await resumedRun.value
        await publisher.disconnect()
    }

    @Test
    func aMessageWhoseHandlerThrowsIsDeliveredAgainAfterTheReconnect() async throws {
        struct DatabaseDown: Error {}
        let name = TestBroker.uniqueName("retry")
        let topic = "hromada-test/\(name)/up"
        var configuration = try TestBroker.plain(clientID: name)
        configuration.cleanSession = false
        let attempts = Inbox<MQTTMessage>()
        let events = Inbox<MQTTConnectionEvent>()
        let subscriber = MQTTSubscriber(configuration: configuration, topics: [topic], logger: TestBroker.logger, events: events.append)
        let run = Task {
            try await subscriber.run { message in
                attempts.append(message)
                if attempts.items.count == 1 {
                    throw DatabaseDown()
                }
            }
        }
        #expect(await events.wait { $0.contains { $0.isConnected } })

        let publisher = MQTTPublisher(configuration: try TestBroker.plain(clientID: "\(name)-publisher"), logger: TestBroker.logger)
        try await publisher.connect()
        try await publisher.publish(topic: topic, payload: Array("reading".utf8), qos: .atLeastOnce)
        await publisher.disconnect()

        #expect(await attempts.wait { $0.count == 2 })
        #expect(attempts.items.map(\.payload) == [Array("reading".utf8), Array("reading".utf8)])
        #expect(attempts.items.last?.duplicate == true)
        run.cancel()
        try await run.value
    }

    @Test
    func messagesPublishedWhileAPersistentSubscriberIsAwayArriveWhenItReturns() async throws {
        let name = TestBroker.uniqueName("away")
        let topic = "hromada-test/\(name)/up"
        var configuration = try TestBroker.plain(clientID: name)
        configuration.cleanSession = false
        let firstEvents = Inbox<MQTTConnectionEvent>()
        let first = MQTTSubscriber(configuration: configuration, topics: [topic], logger: TestBroker.logger, events: firstEvents.append)
        let firstRun = Task { try await first.run { _ in } }
        #expect(await firstEvents.wait { $0.contains { $0.isConnected } })
        firstRun.cancel()
        try await firstRun.value

        let publisher = MQTTPublisher(configuration: try TestBroker.plain(clientID: "\(name)-publisher"), logger: TestBroker.logger)
        try await publisher.connect()
        for reading in 1...3 {
            try await publisher.publish(topic: topic, payload: [UInt8(reading)], qos: .atLeastOnce)
        }
        await publisher.disconnect()

        let messages = Inbox<MQTTMessage>()
        let events = Inbox<MQTTConnectionEvent>()
        let returning = MQTTSubscriber(configuration: configuration, topics: [topic], logger: TestBroker.logger, events: events.append)
        let run = Task { try await returning.run { messages.append($0) } }
        #expect(await messages.wait { $0.count == 3 })
        #expect(messages.items.map(\.payload) == [[1], [2], [3]])
        // The queued messages may come before the SUBACK that completes the connection.
        #expect(await events.wait { $0.contains(.connected(sessionPresent: true)) })
        run.cancel()
        try await run.value
    }

    @Test
    func aShortKeepAliveKeepsAnIdleConnectionUp() async throws {
        let name = TestBroker.uniqueName("idle")
        var configuration = try TestBroker.tls(clientID: name)
        // mosquitto drops a client that is silent for 1.5 × keep-alive. Four seconds leave the
        // client's PINGREQ two seconds of slack: with the whole suite on two cores, one second
        // of keep-alive (half a second of slack) was sometimes missed.
        configuration.keepAlive = .seconds(4)
        let messages = Inbox<MQTTMessage>()
        let events = Inbox<MQTTConnectionEvent>()
        let subscriber = MQTTSubscriber(
            configuration: configuration,
            topics: ["hromada-test/\(name)/up"],
            logger: TestBroker.logger,
            events: events.append
        )
        let run = Task { try await subscriber.run { messages.append($0) } }
        #expect(await events.wait { $0.contains { $0.isConnected } })

        // Real time is the point here: nothing but PINGREQ is sent for over 3 × keep-alive.
        let dropped = await events.wait(upTo: .milliseconds(13_000)) { $0.contains { $0.isDisconnected } }
        #expect(!dropped)

        let publisher = MQTTPublisher(configuration: try TestBroker.plain(clientID: "\(name)-publisher"), logger: TestBroker.logger)
        try await publisher.connect()
        try await publisher.publish(topic: "hromada-test/\(name)/up", payload: [42], qos: .atLeastOnce)
        await publisher.disconnect()
        #expect(await messages.wait { !$0.isEmpty })
        #expect(events.items.filter(\.isConnected).count == 1)
        run.cancel()
        try await run.value
    }

    @Test
    func aSubscriberDroppedByTheBrokerReconnectsByItselfAndReceivesLaterMessages() async throws {
        let name = TestBroker.uniqueName("dropped")
        let topic = "hromada-test/\(name)/up"
        let configuration = try TestBroker.tls(clientID: name)
        let messages = Inbox<MQTTMessage>()
        let events = Inbox<MQTTConnectionEvent>()
        let subscriber = MQTTSubscriber(configuration: configuration, topics: [topic], logger: TestBroker.logger, events: events.append)
        let run = Task { try await subscriber.run { messages.append($0) } }
        #expect(await events.wait { $0.contains { $0.isConnected } })

        // A second client with the same identifier makes mosquitto close the first connection.
        let twin = MQTTPublisher(configuration: configuration, logger: TestBroker.logger)
        try await twin.connect()
        #expect(await events.wait { $0.contains { $0.isDisconnected } })
        await twin.disconnect()
        #expect(await events.wait { $0.filter(\.isConnected).count == 2 })

        let publisher = MQTTPublisher(configuration: try TestBroker.plain(clientID: "\(name)-publisher"), logger: TestBroker.logger)
        try await publisher.connect()
        try await publisher.publish(topic: topic, payload: Array("after".utf8), qos: .atLeastOnce)
        await publisher.disconnect()
        #expect(await messages.wait { $0.contains { $0.payload == Array("after".utf8) } })
        run.cancel()
        try await run.value
    }

    @Test
    func cancellingTheRunTaskReturnsPromptlyWhileConnectedAndWhileWaitingToRetry() async throws {
        let events = Inbox<MQTTConnectionEvent>()
        let connected = MQTTSubscriber(
            configuration: try TestBroker.tls(clientID: TestBroker.uniqueName("cancel")),
            topics: ["hromada-test/cancel/#"],
            logger: TestBroker.logger,
            events: events.append
        )
        let run = Task { try await connected.run { _ in } }
        #expect(await events.wait { $0.contains { $0.isConnected } })
        let clock = ContinuousClock()
        let whileConnected = try await clock.measure {
            run.cancel()
            try await run.value
        }
        #expect(whileConnected < .seconds(2))

        var refusedConfiguration = try TestBroker.tls(clientID: TestBroker.uniqueName("cancel-refused"))
        refusedConfiguration.password = "wrong"
        refusedConfiguration.backoff = MQTTBackoff(first: .seconds(30), maximum: .seconds(60))
        let refusedEvents = Inbox<MQTTConnectionEvent>()
        let refused = MQTTSubscriber(
            configuration: refusedConfiguration,
            topics: ["hromada-test/cancel/#"],
            logger: TestBroker.logger,
            events: refusedEvents.append
        )
        let refusedRun = Task { try await refused.run { _ in } }
        #expect(await refusedEvents.wait { $0.contains(.refused(.notAuthorized)) })
        let whileWaiting = try await clock.measure {
            refusedRun.cancel()
            try await refusedRun.value
        }
        #expect(whileWaiting < .seconds(2))
    }

    @Test
    func publishingAtEveryQoSArrivesOverPlainTCP() async throws {
        let name = TestBroker.uniqueName("qos")
        let topic = "hromada-test/\(name)/up"
        let messages = Inbox<MQTTMessage>()
        let events = Inbox<MQTTConnectionEvent>()
        let subscriber = MQTTSubscriber(
            configuration: try TestBroker.plain(clientID: name),
            topics: [topic],
            logger: TestBroker.logger,
            events: events.append
        )
        let run = Task { try await subscriber.run { messages.append($0) } }
        #expect(await events.wait { $0.contains { $0.isConnected } })

        let publisher = MQTTPublisher(configuration: try TestBroker.plain(clientID: "\(name)-publisher"), logger: TestBroker.logger)
        try await publisher.connect()
        for qos in MQTTQoS.allCases {
            try await publisher.publish(topic: topic, payload: [qos.rawValue], qos: qos)
        }
        await publisher.disconnect()

        #expect(await messages.wait { $0.count == 3 })
        // Delivered at the lower of the published QoS and the granted QoS 1.
        #expect(messages.items.map(\.qos) == [.atMostOnce, .atLeastOnce, .atLeastOnce])
        #expect(messages.items.map(\.payload) == [[0], [1], [2]])
        run.cancel()
        try await run.value
    }

    /// A persistent session can hold a QoS 2 subscription from an older client; the
    /// subscriber then answers PUBREC/PUBCOMP and delivers each message once.
    @Test
    func qos2FromAnInheritedSubscriptionIsDeliveredOnceAndCompleted() async throws {
        let name = TestBroker.uniqueName("inherited")
        var configuration = try TestBroker.plain(clientID: name)
        configuration.cleanSession = false
        try await TestBroker.mosquittoSubscribeAndLeave(configuration, filter: "hromada-test/\(name)/qos2", qos: 2)

        let messages = Inbox<MQTTMessage>()
        let events = Inbox<MQTTConnectionEvent>()
        let subscriber = MQTTSubscriber(
            configuration: configuration,
            topics: ["hromada-test/\(name)/qos1"],
            logger: TestBroker.logger,
            events: events.append
        )
        let run = Task { try await subscriber.run { messages.append($0) } }
        #expect(await events.wait { $0.contains(.connected(sessionPresent: true)) })

        let publisher = MQTTPublisher(configuration: try TestBroker.plain(clientID: "\(name)-publisher"), logger: TestBroker.logger)
        try await publisher.connect()
        for index in 1...3 {
            try await publisher.publish(topic: "hromada-test/\(name)/qos2", payload: [UInt8(index)], qos: .exactlyOnce)
        }
        await publisher.disconnect()

        #expect(await messages.wait { $0.count == 3 })
        #expect(messages.items.map(\.qos) == [.exactlyOnce, .exactlyOnce, .exactlyOnce])
        #expect(messages.items.map(\.payload) == [[1], [2], [3]])
        #expect(!events.items.contains { $0.isDisconnected })
        run.cancel()
        try await run.value
    }
}
