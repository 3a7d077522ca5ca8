import Foundation

/// A LoRaWAN uplink turned into a reading, by the decoder of the sensor's model.
public enum UplinkReading {
    /// Why an uplink gives no reading.
    public enum Problem: Error, Equatable, Sendable {
        /// The model sends no LoRaWAN payload the platform decodes.
        case modelUnsupported
        /// Not the port the device sends its measurements on.
        case unexpectedPort(UInt8?)
        case payload(DF702.DecodeError)
    }

    /// The port a DF702 sends its frames on.
    public static let df702Port: UInt8 = 3

    /// What the uplink says, or nil for a frame that carries no measurement
    /// (a DF702's parameter report). The reading is timed by the network
    /// server's reception, which a retried webhook repeats, and identified
    /// by that time: LoRaWAN frame counters start again after every join.
    public static func input(_ uplink: LoRaWANUplink, model: SensorModel) throws(Problem) -> ReadingInput? {
        guard model == .dingtekDF702 else { throw .modelUnsupported }
        guard uplink.port == df702Port else { throw .unexpectedPort(uplink.port) }
        let frame: DF702.Frame
        do { frame = try DF702.decode(uplink.payload) } catch { throw .payload(error) }
        let measured: DF702.Reading
        switch frame {
        case .heartbeat(let reading), .alarm(let reading): measured = reading
        case .parameters: return nil
        }
        var alarms: ReadingAlarms = []
        if measured.full { alarms.insert(.full) }
        if measured.fire { alarms.insert(.fire) }
        if measured.tilted { alarms.insert(.tilted) }
        if measured.lowBattery { alarms.insert(.lowBattery) }
        return ReadingInput(
            time: uplink.receivedAt, distanceMillimetres: Double(measured.distanceMillimetres), temperatureCelsius: Double(measured.temperatureCelsius),
            tiltDegrees: measured.tiltAngleDegrees, rssi: uplink.rssi.map(Double.init), snr: uplink.snr, alarms: alarms)
    }
}
