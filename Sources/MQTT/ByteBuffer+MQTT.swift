import NIOCore

/// The primitive MQTT fields (§1.5, §2.2.3) on top of `ByteBuffer`.
///
/// Readers work on a slice that holds exactly one packet's remaining length, so running
/// out of bytes there means the packet is malformed (`.truncated`), never "wait for more".
extension ByteBuffer {
    /// The largest value four 7-bit groups can carry (§2.2.3).
    static let maximumRemainingLength = 268_435_455

    /// Reads the variable-length remaining length; nil when the buffer ends inside it.
    mutating func readRemainingLength() throws(MQTTPacketError) -> Int? {
        var value = 0
        var shift = 0
        var view = self
        for _ in 0..<4 {
            guard let byte: UInt8 = view.readInteger() else { return nil }
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                self = view
                return value
            }
            shift += 7
        }
        throw .remainingLengthTooLong
    }

    mutating func writeRemainingLength(_ length: Int) {
        var remaining = length
        repeat {
            var byte = UInt8(truncatingIfNeeded: remaining & 0x7F)
            remaining >>= 7
            if remaining > 0 {
                byte |= 0x80
            }
            self.writeInteger(byte)
        } while remaining > 0
    }

    mutating func readMQTTByte() throws(MQTTPacketError) -> UInt8 {
        guard let byte: UInt8 = self.readInteger() else { throw .truncated }
        return byte
    }

    mutating func readMQTTUInt16() throws(MQTTPacketError) -> UInt16 {
        guard let value: UInt16 = self.readInteger(endianness: .big) else { throw .truncated }
        return value
    }

    /// A packet identifier, which is never 0 (§2.3.1).
    mutating func readPacketID() throws(MQTTPacketError) -> UInt16 {
        let packetID = try self.readMQTTUInt16()
        guard packetID != 0 else { throw .invalidPacketIdentifier }
        return packetID
    }

    /// A length-prefixed UTF-8 string without U+0000 (§1.5.3).
    mutating func readMQTTString() throws(MQTTPacketError) -> String {
        let length = Int(try self.readMQTTUInt16())
        guard let bytes = self.readSlice(length: length) else { throw .truncated }
        let view = bytes.readableBytesView
        guard !view.contains(0), let string = String(validating: view, as: UTF8.self) else {
            throw .invalidUTF8
        }
        return string
    }

    /// Length-prefixed binary data (§1.5.5, used by the password).
    mutating func readMQTTBinary() throws(MQTTPacketError) -> [UInt8] {
        let length = Int(try self.readMQTTUInt16())
        guard let bytes = self.readBytes(length: length) else { throw .truncated }
        return bytes
    }

    mutating func writeMQTTString(_ string: String) {
        self.writeInteger(UInt16(truncatingIfNeeded: string.utf8.count), endianness: .big)
        self.writeString(string)
    }

    mutating func writeMQTTBinary(_ bytes: [UInt8]) {
        self.writeInteger(UInt16(truncatingIfNeeded: bytes.count), endianness: .big)
        self.writeBytes(bytes)
    }
}

/// Sizes of length-prefixed fields; they check the 16-bit limit so that writing later cannot truncate.
enum MQTTFieldSize {
    static func of(_ string: String) throws(MQTTPacketError) -> Int {
        try self.prefixed(string.utf8.count)
    }

    static func of(_ bytes: [UInt8]) throws(MQTTPacketError) -> Int {
        try self.prefixed(bytes.count)
    }

    private static func prefixed(_ count: Int) throws(MQTTPacketError) -> Int {
        guard count <= Int(UInt16.max) else { throw .fieldTooLong(count) }
        return 2 + count
    }
}
