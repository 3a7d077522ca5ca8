import Foundation
import Waste

/// Any bytes as what a LoRaWAN network server sends the waste module: the
/// first byte picks the door (a DF702 payload alone, a The Things Stack
/// webhook, a ChirpStack event; or, every fourth, an OSRM server's table
/// answer, the module's other outside bytes), the rest is the body. An error is an
/// answer; whatever is read goes on through the reading's checks, as the
/// webhook takes it, and must come out within the bounds the store keeps.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzLoRaWAN(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let door = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    if door % 4 == 3 {
        let sources = Int(door >> 2 & 3) + 1, destinations = Int(door >> 4 & 3) + 1
        guard let table = try? OSRMTableResponse.read(Data(body), sources: sources, destinations: destinations) else { return 0 }
        precondition(table.metres.count == sources && table.seconds.allSatisfy { $0.count == destinations })
        precondition((table.metres + table.seconds).allSatisfy { $0.allSatisfy { (0...TravelTable.maximum).contains($0) } })
        return 0
    }
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let uplink: LoRaWANUplink
    switch door % 3 {
    case 0:
        uplink = LoRaWANUplink(
            devEUI: "70B3D5E75E00A001", frameCounter: 1, port: 3, payload: Array(body.prefix(LoRaWANEnvelope.maximumPayloadBytes)), receivedAt: now,
            rssi: -90, snr: 7)
    case 1:
        guard case .uplink(let read)? = try? LoRaWANEnvelope.theThingsStack(Data(body)) else { return 0 }
        uplink = read
    default:
        guard case .uplink(let read)? = try? LoRaWANEnvelope.chirpStack(Data(body), event: door & 4 == 0 ? "up" : nil) else { return 0 }
        uplink = read
    }
    // What an envelope lets through is within LoRaWAN's limits.
    precondition(uplink.payload.count <= LoRaWANEnvelope.maximumPayloadBytes && uplink.devEUI.utf8.count == 16)
    guard let input = try? UplinkReading.input(uplink, model: .dingtekDF702), let reading = try? input.checked(receivedAt: now) else { return 0 }
    if let fill = reading.distanceMillimetres.map({ try? FillGauge(emptyMillimetres: 1_900, fullMillimetres: 300).percent(atDistance: $0) }) {
        precondition((fill ?? 0) >= 0 && (fill ?? 0) <= FillGauge.maximumPercent)
    }
    _ = reading.identity
    return 0
}
