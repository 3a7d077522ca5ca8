/// Decoder for uplinks of the Dingtek DF702, an ultrasonic fill-level sensor
/// mounted under the lid of a waste bin (датчик заповнення сміттєвого контейнера).
///
/// The device sends all its frames on LoRaWAN port 3; checking the port is the
/// caller's job, this type only reads the application payload. The frame layout,
/// and where this decoder deliberately differs from Dingtek's own JavaScript
/// codec, is written down in DF702-NOTES.md.
public enum DF702 {
    /// Decodes one application payload (FRMPayload) of a DF702.
    ///
    /// Every byte comes from the radio, so nothing here trusts it: sizes, markers
    /// and every value with a physical meaning are checked before use.
    public static func decode(_ payload: [UInt8]) throws(DecodeError) -> Frame {
        let frame = try FrameBytes(validating: payload)
        switch frame.type {
        case FrameBytes.heartbeatType:
            return .heartbeat(try Reading(frame))
        case FrameBytes.alarmType:
            return .alarm(try Reading(frame))
        case FrameBytes.parametersType:
            return .parameters(try Parameters(frame))
        default:
            // FrameBytes only lets the three known types through.
            throw .unknownFrameType(frame.type)
        }
    }
}
