/// How one gateway antenna heard an uplink.
struct GatewayReception: Sendable, Equatable {
    var rssi: Int
    var snr: Double

    /// RSSI from a server is a float in dBm; beyond this range it is not a reception.
    static let rssiRange: ClosedRange<Double> = -200...0
    /// SNR in dB; LoRa demodulates down to about -20 dB, +50 leaves room for any radio.
    static let snrRange: ClosedRange<Double> = -50...50

    /// The best reception: highest RSSI, then highest SNR.
    static func best(of receptions: [GatewayReception]) -> GatewayReception? {
        receptions.max { ($0.rssi, $0.snr) < ($1.rssi, $1.snr) }
    }

    /// Reads one gateway's metadata. An entry without RSSI cannot be ranked and
    /// is skipped. A missing SNR is 0 dB: proto3 JSON leaves zero values out.
    static func read(
        rssi rssiNode: JSONNode?, snr snrNode: JSONNode?
    ) throws(EnvelopeError) -> GatewayReception? {
        guard let rssiNode else { return nil }
        let rssiValue = try rssiNode.number(in: rssiRange)
        // In range and finite, so the conversion cannot trap; servers report
        // whole dBm in practice and TTS's float is rounded to the nearest.
        guard let rssi = Int(exactly: rssiValue.rounded()) else { return nil }
        let snr = try snrNode?.number(in: snrRange) ?? 0
        return GatewayReception(rssi: rssi, snr: snr)
    }
}
