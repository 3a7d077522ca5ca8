import Foundation

/// One data uplink as a network server hands it over, reduced to what the
/// waste module needs. Every field has been checked where it was read.
public struct LoRaWANUplink: Sendable, Equatable {
    /// The device's EUI-64: exactly 16 upper-case hexadecimal digits.
    public var devEUI: String
    /// LoRaWAN FCntUp. Both supported servers marshal proto3 JSON, which leaves
    /// out a counter of 0 (the first uplink after a join), so an absent counter
    /// is read as 0 and this is never nil for them.
    public var frameCounter: UInt32?
    /// LoRaWAN FPort; nil when the server sent none, that is, a frame without
    /// application payload. (Port 0 carries MAC commands and never reaches an
    /// application, so "absent means 0" would only mislead.)
    public var port: UInt8?
    /// The decrypted application payload (FRMPayload), at most 242 bytes.
    public var payload: [UInt8]
    /// When the network server received the uplink.
    public var receivedAt: Date?
    /// RSSI in dBm at the gateway that heard the device best.
    public var rssi: Int?
    /// SNR in dB at that same gateway.
    public var snr: Double?

    public init(
        devEUI: String,
        frameCounter: UInt32?,
        port: UInt8?,
        payload: [UInt8],
        receivedAt: Date?,
        rssi: Int?,
        snr: Double?
    ) {
        self.devEUI = devEUI
        self.frameCounter = frameCounter
        self.port = port
        self.payload = payload
        self.receivedAt = receivedAt
        self.rssi = rssi
        self.snr = snr
    }
}
