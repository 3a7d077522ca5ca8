import NIOCore

extension MQTTPacket {
    /// Control packet types (§2.2.1, table 2.1).
    enum PacketType: UInt8 {
        case connect = 1, connAck, publish, pubAck, pubRec, pubRel, pubComp
        case subscribe, subAck, unsubscribe, unsubAck, pingReq, pingResp, disconnect
    }

    /// Appends the packet to `buffer`.
    ///
    /// It checks every rule the decoder checks first, so a packet that encodes also decodes,
    /// and a failed encode leaves `buffer` untouched.
    public func encode(into buffer: inout ByteBuffer) throws(MQTTPacketError) {
        let header = try self.fixedHeader()
        guard header.remainingLength <= ByteBuffer.maximumRemainingLength else {
            throw .remainingLengthOutOfRange(header.remainingLength)
        }
        buffer.writeInteger(header.type.rawValue << 4 | header.flags)
        buffer.writeRemainingLength(header.remainingLength)
        self.writeBody(into: &buffer)
    }

    private struct FixedHeader {
        var type: PacketType
        var flags: UInt8 = 0
        var remainingLength: Int
    }

    /// Validates the packet and measures its body.
    private func fixedHeader() throws(MQTTPacketError) -> FixedHeader {
        switch self {
        case .connect(let connect):
            // §3.1.2.9: no password without a user name.
            guard connect.username != nil || connect.password == nil else {
                throw .invalidConnectFlags(connect.flags)
            }
            var length = 10 + (try MQTTFieldSize.of(connect.clientID))
            if let will = connect.will {
                guard MQTTTopic.isValidName(will.topic) else { throw .invalidTopicName(will.topic) }
                length += try MQTTFieldSize.of(will.topic) + MQTTFieldSize.of(will.payload)
            }
            if let username = connect.username {
                length += try MQTTFieldSize.of(username)
            }
            if let password = connect.password {
                length += try MQTTFieldSize.of(password)
            }
            return FixedHeader(type: .connect, remainingLength: length)

        case .connAck:
            return FixedHeader(type: .connAck, remainingLength: 2)

        case .publish(let publish):
            guard MQTTTopic.isValidName(publish.topic) else { throw .invalidTopicName(publish.topic) }
            var length = try MQTTFieldSize.of(publish.topic) + publish.payload.count
            if publish.qos != .atMostOnce {
                guard let packetID = publish.packetID, packetID != 0 else { throw .invalidPacketIdentifier }
                length += 2
            }
            let flags = (publish.duplicate ? 0b1000 : 0) | publish.qos.rawValue << 1 | (publish.retain ? 1 : 0)
            // §3.3.1.1: DUP is always 0 for QoS 0.
            guard !(publish.duplicate && publish.qos == .atMostOnce) else {
                throw .invalidFlags(packetType: PacketType.publish.rawValue, flags: flags)
            }
            return FixedHeader(type: .publish, flags: flags, remainingLength: length)

        case .pubAck(let packetID), .pubRec(let packetID), .pubComp(let packetID), .unsubAck(let packetID):
            guard packetID != 0 else { throw .invalidPacketIdentifier }
            return FixedHeader(type: self.packetType, remainingLength: 2)

        case .pubRel(let packetID):
            guard packetID != 0 else { throw .invalidPacketIdentifier }
            return FixedHeader(type: .pubRel, flags: 0b0010, remainingLength: 2)

        case .subscribe(let subscribe):
            guard subscribe.packetID != 0 else { throw .invalidPacketIdentifier }
            guard !subscribe.subscriptions.isEmpty else { throw .emptyPayload }
            var length = 2
            for subscription in subscribe.subscriptions {
                guard MQTTTopic.isValidFilter(subscription.filter) else {
                    throw .invalidTopicFilter(subscription.filter)
                }
                length += try MQTTFieldSize.of(subscription.filter) + 1
            }
            return FixedHeader(type: .subscribe, flags: 0b0010, remainingLength: length)

        case .subAck(let subAck):
            guard subAck.packetID != 0 else { throw .invalidPacketIdentifier }
            guard !subAck.results.isEmpty else { throw .emptyPayload }
            return FixedHeader(type: .subAck, remainingLength: 2 + subAck.results.count)

        case .unsubscribe(let unsubscribe):
            guard unsubscribe.packetID != 0 else { throw .invalidPacketIdentifier }
            guard !unsubscribe.filters.isEmpty else { throw .emptyPayload }
            var length = 2
            for filter in unsubscribe.filters {
                guard MQTTTopic.isValidFilter(filter) else { throw .invalidTopicFilter(filter) }
                length += try MQTTFieldSize.of(filter)
            }
            return FixedHeader(type: .unsubscribe, flags: 0b0010, remainingLength: length)

        case .pingReq, .pingResp, .disconnect:
            return FixedHeader(type: self.packetType, remainingLength: 0)
        }
    }

    /// Writes the variable header and payload; `fixedHeader()` has validated them.
    private func writeBody(into buffer: inout ByteBuffer) {
        switch self {
        case .connect(let connect):
            buffer.writeMQTTString("MQTT")
            buffer.writeInteger(UInt8(4))
            buffer.writeInteger(connect.flags)
            buffer.writeInteger(connect.keepAliveSeconds, endianness: .big)
            buffer.writeMQTTString(connect.clientID)
            if let will = connect.will {
                buffer.writeMQTTString(will.topic)
                buffer.writeMQTTBinary(will.payload)
            }
            if let username = connect.username {
                buffer.writeMQTTString(username)
            }
            if let password = connect.password {
                buffer.writeMQTTBinary(password)
            }

        case .connAck(let connAck):
            buffer.writeInteger(UInt8(connAck.sessionPresent ? 1 : 0))
            buffer.writeInteger(connAck.returnCode.rawValue)

        case .publish(let publish):
            buffer.writeMQTTString(publish.topic)
            if publish.qos != .atMostOnce, let packetID = publish.packetID {
                buffer.writeInteger(packetID, endianness: .big)
            }
            buffer.writeBytes(publish.payload)

        case .pubAck(let packetID), .pubRec(let packetID), .pubRel(let packetID),
            .pubComp(let packetID), .unsubAck(let packetID):
            buffer.writeInteger(packetID, endianness: .big)

        case .subscribe(let subscribe):
            buffer.writeInteger(subscribe.packetID, endianness: .big)
            for subscription in subscribe.subscriptions {
                buffer.writeMQTTString(subscription.filter)
                buffer.writeInteger(subscription.qos.rawValue)
            }

        case .subAck(let subAck):
            buffer.writeInteger(subAck.packetID, endianness: .big)
            for result in subAck.results {
                switch result {
                case .granted(let qos): buffer.writeInteger(qos.rawValue)
                case .failure: buffer.writeInteger(UInt8(0x80))
                }
            }

        case .unsubscribe(let unsubscribe):
            buffer.writeInteger(unsubscribe.packetID, endianness: .big)
            for filter in unsubscribe.filters {
                buffer.writeMQTTString(filter)
            }

        case .pingReq, .pingResp, .disconnect:
            break
        }
    }

    var packetType: PacketType {
        switch self {
        case .connect: .connect
        case .connAck: .connAck
        case .publish: .publish
        case .pubAck: .pubAck
        case .pubRec: .pubRec
        case .pubRel: .pubRel
        case .pubComp: .pubComp
        case .subscribe: .subscribe
        case .subAck: .subAck
        case .unsubscribe: .unsubscribe
        case .unsubAck: .unsubAck
        case .pingReq: .pingReq
        case .pingResp: .pingResp
        case .disconnect: .disconnect
        }
    }
}

extension MQTTPacket.Connect {
    /// The connect flags byte (§3.1.2.3).
    var flags: UInt8 {
        var flags: UInt8 = self.cleanSession ? 0b0000_0010 : 0
        if let will = self.will {
            flags |= 0b0000_0100 | will.qos.rawValue << 3 | (will.retain ? 0b0010_0000 : 0)
        }
        if self.password != nil {
            flags |= 0b0100_0000
        }
        if self.username != nil {
            flags |= 0b1000_0000
        }
        return flags
    }
}
