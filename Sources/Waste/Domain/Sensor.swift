import Foundation
import HromadaDomain

/// The sensor models whose payloads the platform decodes itself, and the
/// generic one for devices that post readings already decoded.
public enum SensorModel: String, Sendable, Codable, CaseIterable {
    /// Dingtek DF702: ultrasonic distance, tilt, temperature, LoRaWAN.
    case dingtekDF702 = "dingtek-df702"
    /// Anything that sends the platform's own reading JSON over HTTP.
    case generic
}

/// A fill-level sensor as registered: its device id, model and power.
///
/// Solar-powered bins charge a battery from a small panel; the battery's
/// and panel's ratings let the alerts tell a dirty panel from winter.
public struct Sensor: Sendable, Equatable, Codable {
    /// The LoRaWAN DevEUI (16 hex digits, upper case) or, for other
    /// devices, the maker's serial: how a network server names the device.
    public var deviceID: String
    public var model: SensorModel
    public var batteryMilliampHours: Int?
    public var solarPanelWatts: Int?

    public init(deviceID: String, model: SensorModel, batteryMilliampHours: Int?, solarPanelWatts: Int?) throws(RegisterProblem) {
        let id = deviceID.trimmingCharacters(in: .whitespaces).uppercased()
        guard !id.isEmpty else { throw RegisterProblem(field: "deviceId", reason: .missing) }
        guard id.utf8.count <= 64, id.utf8.allSatisfy({ Self.deviceIDCharacters.contains($0) }) else {
            throw RegisterProblem(field: "deviceId", reason: .malformed)
        }
        // A LoRaWAN sensor is found by its DevEUI, which must then be one.
        if model == .dingtekDF702, !(id.utf8.count == 16 && id.utf8.allSatisfy(Self.isHexDigit)) {
            throw RegisterProblem(field: "deviceId", reason: .malformed)
        }
        if let capacity = batteryMilliampHours, !(1...1_000_000).contains(capacity) {
            throw RegisterProblem(field: "batteryMah", reason: .outOfRange)
        }
        if let watts = solarPanelWatts, !(0...1_000).contains(watts) { throw RegisterProblem(field: "solarPanelW", reason: .outOfRange) }
        self.deviceID = id
        self.model = model
        self.batteryMilliampHours = batteryMilliampHours
        self.solarPanelWatts = solarPanelWatts
    }

    /// Upper-case letters, digits, `-`, `_` and `:`.
    private static let deviceIDCharacters = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:".utf8))

    static func isHexDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) || (65...70).contains(byte) }
}
