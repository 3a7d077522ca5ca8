extension DF702 {
    /// Why a payload is not a DF702 frame we can trust. Each description is a
    /// sentence a technician in the field can act on.
    public enum DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Fewer bytes than the smallest frame of this kind.
        case tooShort(expected: Int, got: Int)
        /// The first byte is not the 0x80 start marker.
        case badHeader(UInt8)
        /// The device-type byte is not the waste-bin family (0x01).
        case unknownDeviceType(UInt8)
        /// The data-type byte is none of heartbeat, alarm or parameters.
        case unknownFrameType(UInt8)
        /// The length byte disagrees with the number of bytes received.
        case badLength(declared: Int, actual: Int)
        /// The length is consistent but not one this frame type uses.
        case unexpectedSize(frameType: UInt8, size: Int)
        /// The last byte is not the 0x81 end marker.
        case badTrailer(UInt8)
        /// A field holds a value the device cannot produce.
        case valueOutOfRange(field: Field, reported: String)

        public var description: String {
            switch self {
            case .tooShort(let expected, let got):
                "The sensor message is too short: it has \(got) bytes but needs at least "
                    + "\(expected). It was probably cut off in transmission."
            case .badHeader(let byte):
                "This is not a DF702 waste-bin sensor message: it should start with byte 0x80 "
                    + "but starts with \(hex(byte)). Check that the device on this port is really a DF702."
            case .unknownDeviceType(let byte):
                "The message comes from a Dingtek device of type \(hex(byte)), "
                    + "not from a waste-bin sensor (type 0x01). Check which device is registered here."
            case .unknownFrameType(let byte):
                "The sensor sent a message of type \(hex(byte)), which is not a regular report (0x01), "
                    + "an alarm (0x02) or a settings report (0x03). The firmware may be newer than this decoder."
            case .badLength(let declared, let actual):
                "The message says it is \(declared) bytes long, but \(actual) bytes arrived. "
                    + "It was damaged or cut off in transmission."
            case .unexpectedSize(let frameType, let size):
                "A message of type \(hex(frameType)) cannot be \(size) bytes long "
                    + "(reports are 17 or 25 bytes, settings reports 25). The firmware may be newer than this decoder."
            case .badTrailer(let byte):
                "The message should end with byte 0x81 but ends with \(hex(byte)). "
                    + "It was probably damaged in transmission."
            case .valueOutOfRange(let field, let reported):
                "The sensor reported a \(field.rawValue) of \(reported)\(field.unit), outside the possible "
                    + "range \(field.allowed). The message is probably damaged."
            }
        }

        private func hex(_ byte: UInt8) -> String {
            let digits = String(byte, radix: 16, uppercase: true)
            return "0x" + (digits.count < 2 ? "0" + digits : digits)
        }
    }

    /// The fields whose values are range-checked, named as a technician would.
    public enum Field: String, Sendable, Equatable {
        case tiltAngle = "tilt angle"
        case latitude
        case longitude
        case reportingInterval = "reporting interval"
        case detectionInterval = "measuring interval"
        case fullThreshold = "full-bin threshold"
        case tiltThreshold = "tilt alarm threshold"

        var unit: String {
            switch self {
            case .tiltAngle, .latitude, .longitude, .tiltThreshold: "°"
            case .reportingInterval: " h"
            case .detectionInterval: " min"
            case .fullThreshold: " cm"
            }
        }

        var allowed: String {
            switch self {
            case .tiltAngle: "0° to 180° either way"
            case .latitude: "-90° to 90°"
            case .longitude: "-180° to 180°"
            case .reportingInterval: "1 to 168 hours"
            case .detectionInterval: "1 to 60 minutes"
            case .fullThreshold: "15 to 255 cm"
            case .tiltThreshold: "15° to 90°"
            }
        }
    }
}
