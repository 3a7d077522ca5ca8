extension DF702 {
    /// A payload whose envelope has been checked: marker bytes, declared length,
    /// device family and frame type. Field reads stay bounds-checked anyway, so a
    /// mistake in an offset becomes an error, never a crash.
    struct FrameBytes {
        static let header: UInt8 = 0x80
        static let trailer: UInt8 = 0x81
        /// Dingtek's code for the DF70x waste-bin family.
        static let wasteBinDeviceType: UInt8 = 0x01

        static let heartbeatType: UInt8 = 0x01
        static let alarmType: UInt8 = 0x02
        static let parametersType: UInt8 = 0x03

        static let sizeWithoutPosition = 17
        static let sizeWithPosition = 25
        /// Header, forced bit, device type, frame type and length byte.
        static let envelopeSize = 5

        let bytes: [UInt8]

        var count: Int { bytes.count }
        var type: UInt8 { bytes[3] }

        init(validating payload: [UInt8]) throws(DF702.DecodeError) {
            guard let first = payload.first else {
                throw .tooShort(expected: Self.sizeWithoutPosition, got: 0)
            }
            guard first == Self.header else { throw .badHeader(first) }
            guard payload.count >= Self.envelopeSize else {
                throw .tooShort(expected: Self.sizeWithoutPosition, got: payload.count)
            }
            // Offset 1 is Dingtek's "forced bit"; its meaning is not documented
            // and the vendor ignores it, so do we.
            guard payload[2] == Self.wasteBinDeviceType else {
                throw .unknownDeviceType(payload[2])
            }
            let type = payload[3]
            let allowedSizes: [Int]
            switch type {
            case Self.heartbeatType, Self.alarmType:
                allowedSizes = [Self.sizeWithoutPosition, Self.sizeWithPosition]
            case Self.parametersType:
                allowedSizes = [Self.sizeWithPosition]
            default:
                throw .unknownFrameType(type)
            }
            let declared = Int(payload[4])
            guard declared == payload.count else {
                throw .badLength(declared: declared, actual: payload.count)
            }
            guard allowedSizes.contains(payload.count) else {
                throw .unexpectedSize(frameType: type, size: payload.count)
            }
            // Non-empty: checked by the first guard.
            let last = payload[payload.count - 1]
            guard last == Self.trailer else { throw .badTrailer(last) }
            bytes = payload
        }

        func byte(at offset: Int) throws(DF702.DecodeError) -> UInt8 {
            guard offset >= 0, offset < bytes.count else {
                throw .tooShort(expected: offset + 1, got: bytes.count)
            }
            return bytes[offset]
        }

        /// Distances and counters are big-endian.
        func uint16(at offset: Int) throws(DF702.DecodeError) -> UInt16 {
            let high = UInt16(try byte(at: offset))
            let low = UInt16(try byte(at: offset + 1))
            return high << 8 | low
        }

        /// The GPS floats are little-endian, unlike the integers.
        func uint32LittleEndian(at offset: Int) throws(DF702.DecodeError) -> UInt32 {
            var value: UInt32 = 0
            for index in (0..<4).reversed() {
                value = value << 8 | UInt32(try byte(at: offset + index))
            }
            return value
        }
    }
}
