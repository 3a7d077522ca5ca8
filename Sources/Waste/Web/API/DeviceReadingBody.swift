import Foundation
import HromadaWeb

/// The device API's body: one reading, or `{"readings": [...]}`.
///
/// ```json
/// {"time": "2026-12-04T07:30:00Z", "counter": 1042, "fillPercent": 63, "distanceMm": 540,
///  "temperatureC": 8.5, "tiltDegrees": -1.5, "lidOpen": false, "batteryMv": 3610,
///  "batteryPercent": 87, "solarMv": 5120, "rssi": -97, "snr": 7.25,
///  "alarms": ["full", "fire", "tilted", "lowBattery"]}
/// ```
/// Numbers are read as doubles and checked by `ReadingInput.checked`, the
/// one place their ranges live; a field of the wrong type is a 422 naming it.
struct DeviceReadingBody: Decodable {
    struct One: Decodable {
        let time: Date?
        let counter: Double?
        let fillPercent: Double?
        let distanceMm: Double?
        let temperatureC: Double?
        let tiltDegrees: Double?
        let lidOpen: Bool?
        let batteryMv: Double?
        let batteryPercent: Double?
        let solarMv: Double?
        let rssi: Double?
        let snr: Double?
        let alarms: [Alarm]?

        enum Alarm: String, Decodable { case full, fire, tilted, lowBattery }

        var input: ReadingInput {
            var alarms: ReadingAlarms = []
            for alarm in self.alarms ?? [] {
                switch alarm {
                case .full: alarms.insert(.full)
                case .fire: alarms.insert(.fire)
                case .tilted: alarms.insert(.tilted)
                case .lowBattery: alarms.insert(.lowBattery)
                }
            }
            return ReadingInput(
                time: time, counter: counter, fillPercent: fillPercent, distanceMillimetres: distanceMm, temperatureCelsius: temperatureC,
                tiltDegrees: tiltDegrees, lidOpen: lidOpen, batteryMillivolts: batteryMv, batteryPercent: batteryPercent, solarMillivolts: solarMv,
                rssi: rssi, snr: snr, alarms: alarms)
        }
    }

    struct Batch: Decodable { let readings: [One] }

    /// Whether the body is a batch: an object with `readings`, whatever they hold.
    static func isBatch(_ body: Data) -> Bool {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["readings"] != nil
    }

    /// The readings of a body, each still to be checked; a 400 or 422 for a body that is not one.
    static func readings(from body: Data) throws(AppError) -> [ReadingInput] {
        if isBatch(body) {
            let batch = try APIController.decode(Batch.self, from: body)
            guard !batch.readings.isEmpty else { throw AppError.invalid(code: "readings_empty", field: "readings") }
            guard batch.readings.count <= IngestService.maximumBatch else { throw AppError.invalid(code: "readings_too_many", field: "readings") }
            return batch.readings.map(\.input)
        }
        return [try APIController.decode(One.self, from: body).input]
    }
}
