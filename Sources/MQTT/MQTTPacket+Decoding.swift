import NIOCore

extension MQTTPacket {
    /// Takes one whole packet off the front of `buffer`.
    ///
    /// Returns nil, leaving `buffer` as it was, while the packet is still incomplete. Throws
    /// `MQTTPacketError` on any malformed input and never traps: every read is bounds-checked
    /// on a slice of exactly the remaining length, and sizes are at most 2^28, so no
    /// arithmetic can overflow. A packet larger than `maximumSize` is refused as soon as its
    /// length is known, before its body is buffered.
    public static func decode(from buffer: inout ByteBuffer, maximumSize: Int) throws(MQTTPacketError) -> MQTTPacket? {
        var view = buffer
        guard let firstByte: UInt8 = view.readInteger() else { return nil }
        let typeValue = firstByte >> 4
        let flags = firstByte & 0x0F
        guard let type = PacketType(rawValue: typeValue) else { throw .reservedPacketType(typeValue) }
        try type.checkFlags(flags)

        guard let remainingLength = try view.readRemainingLength() else { return nil }
        let size = view.readerIndex - buffer.readerIndex + remainingLength
        guard size <= maximumSize else { throw .packetTooLarge(size: size, maximum: maximumSize) }
        guard var body = view.readSlice(length: remainingLength) else { return nil }

        let packet = try self.decodeBody(type: type, flags: flags, body: &body)
        guard body.readableBytes == 0 else { throw .trailingBytes }
        buffer.moveReaderIndex(forwardBy: size)
        return packet
    }

    private static func decodeBody(
        type: PacketType,
        flags: UInt8,
        body: inout ByteBuffer
    ) throws(MQTTPacketError) -> MQTTPacket {
        switch type {
        case .connect:
            return .connect(try Connect.decode(from: &body))
        case .connAck:
            let acknowledgeFlags = try body.readMQTTByte()
            guard acknowledgeFlags & 0xFE == 0 else { throw .invalidConnAckFlags(acknowledgeFlags) }
            let code = try body.readMQTTByte()
            guard let returnCode = MQTTConnectReturnCode(rawValue: code) else {
                throw .unknownConnectReturnCode(code)
            }
            return .connAck(ConnAck(sessionPresent: acknowledgeFlags == 1, returnCode: returnCode))
        case .publish:
            return .publish(try Publish.decode(flags: flags, from: &body))
        case .pubAck:
            return .pubAck(packetID: try body.readPacketID())
        case .pubRec:
            return .pubRec(packetID: try body.readPacketID())
        case .pubRel:
            return .pubRel(packetID: try body.readPacketID())
        case .pubComp:
            return .pubComp(packetID: try body.readPacketID())
        case .subscribe:
            return .subscribe(try Subscribe.decode(from: &body))
        case .subAck:
            return .subAck(try SubAck.decode(from: &body))
        case .unsubscribe:
            let packetID = try body.readPacketID()
            var filters: [String] = []
            while body.readableBytes > 0 {
                let filter = try body.readMQTTString()
                guard MQTTTopic.isValidFilter(filter) else { throw .invalidTopicFilter(filter) }
                filters.append(filter)
            }
            guard !filters.isEmpty else { throw .emptyPayload }
            return .unsubscribe(Unsubscribe(packetID: packetID, filters: filters))
        case .unsubAck:
            return .unsubAck(packetID: try body.readPacketID())
        case .pingReq:
            return .pingReq
        case .pingResp:
            return .pingResp
        case .disconnect:
            return .disconnect
        }
    }
}

extension MQTTPacket.PacketType {
    /// The fixed header flags of table 2.2; PUBLISH's are checked for QoS 3 and DUP on QoS 0.
    func checkFlags(_ flags: UInt8) throws(MQTTPacketError) {
        switch self {
        case .publish:
            let qos = flags >> 1 & 0b11
            guard qos != 3 else { throw .invalidQoS(qos) }
            guard qos != 0 || flags & 0b1000 == 0 else {
                throw .invalidFlags(packetType: self.rawValue, flags: flags)
            }
        case .pubRel, .subscribe, .unsubscribe:
            guard flags == 0b0010 else { throw .invalidFlags(packetType: self.rawValue, flags: flags) }
        default:
            guard flags == 0 else { throw .invalidFlags(packetType: self.rawValue, flags: flags) }
        }
    }
}

extension MQTTPacket.Connect {
    static func decode(from body: inout ByteBuffer) throws(MQTTPacketError) -> Self {
        let protocolName = try body.readMQTTString()
        let level = try body.readMQTTByte()
        guard protocolName == "MQTT", level == 4 else {
            throw .unsupportedProtocol(name: protocolName, level: level)
        }
        let flags = try body.readMQTTByte()
        let hasWill = flags & 0b0000_0100 != 0
        let willQoSValue = flags >> 3 & 0b11
        let willRetain = flags & 0b0010_0000 != 0
        let hasPassword = flags & 0b0100_0000 != 0
        let hasUsername = flags & 0b1000_0000 != 0
        guard
            flags & 0b0000_0001 == 0,  // §3.1.2.3: reserved
            let willQoS = MQTTQoS(rawValue: willQoSValue),
            hasWill || (willQoS == .atMostOnce && !willRetain),  // §3.1.2.6–7
            hasUsername || !hasPassword  // §3.1.2.9
        else {
            throw .invalidConnectFlags(flags)
        }
        let keepAliveSeconds = try body.readMQTTUInt16()
        let clientID = try body.readMQTTString()
        var will: MQTTPacket.Will?
        if hasWill {
            let topic = try body.readMQTTString()
            guard MQTTTopic.isValidName(topic) else { throw .invalidTopicName(topic) }
            let payload = try body.readMQTTBinary()
            will = MQTTPacket.Will(topic: topic, payload: payload, qos: willQoS, retain: willRetain)
        }
        let username = hasUsername ? try body.readMQTTString() : nil
        let password = hasPassword ? try body.readMQTTBinary() : nil
        return Self(
            clientID: clientID,
            cleanSession: flags & 0b0000_0010 != 0,
            keepAliveSeconds: keepAliveSeconds,
            username: username,
            password: password,
            will: will
        )
    }
}

extension MQTTPacket.Publish {
    static func decode(flags: UInt8, from body: inout ByteBuffer) throws(MQTTPacketError) -> Self {
        // checkFlags has refused QoS 3.
        let qos = MQTTQoS(rawValue: flags >> 1 & 0b11) ?? .atMostOnce
        let topic = try body.readMQTTString()
        guard MQTTTopic.isValidName(topic) else { throw .invalidTopicName(topic) }
        let packetID = qos == .atMostOnce ? nil : try body.readPacketID()
        let payload = body.readBytes(length: body.readableBytes) ?? []
        return Self(
            topic: topic,
            payload: payload,
            qos: qos,
            retain: flags & 0b0001 != 0,
            duplicate: flags & 0b1000 != 0,
            packetID: packetID
        )
    }
}

extension MQTTPacket.Subscribe {
    static func decode(from body: inout ByteBuffer) throws(MQTTPacketError) -> Self {
        let packetID = try body.readPacketID()
        var subscriptions: [MQTTPacket.TopicSubscription] = []
        while body.readableBytes > 0 {
            let filter = try body.readMQTTString()
            guard MQTTTopic.isValidFilter(filter) else { throw .invalidTopicFilter(filter) }
            let requested = try body.readMQTTByte()
            // §3.8.3.1: the upper six bits are reserved.
            guard requested & 0b1111_1100 == 0, let qos = MQTTQoS(rawValue: requested) else {
                throw .invalidRequestedQoS(requested)
            }
            subscriptions.append(MQTTPacket.TopicSubscription(filter: filter, qos: qos))
        }
        guard !subscriptions.isEmpty else { throw .emptyPayload }
        return Self(packetID: packetID, subscriptions: subscriptions)
    }
}

extension MQTTPacket.SubAck {
    static func decode(from body: inout ByteBuffer) throws(MQTTPacketError) -> Self {
        let packetID = try body.readPacketID()
        var results: [MQTTPacket.SubscriptionResult] = []
        while body.readableBytes > 0 {
            let code = try body.readMQTTByte()
            if code == 0x80 {
                results.append(.failure)
            } else if let qos = MQTTQoS(rawValue: code) {
                results.append(.granted(qos))
            } else {
                throw .invalidSubAckReturnCode(code)
            }
        }
        guard !results.isEmpty else { throw .emptyPayload }
        return Self(packetID: packetID, results: results)
    }
}
