import Foundation
import HromadaDomain
import Testing
@testable import Waste

/// The waste module's rules: how a distance becomes a fill level, which
/// readings are refused and why, what a device's key looks like, and what
/// the register accepts.
@Suite struct WasteRulesTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func fillIsWhereTheDistanceFallsBetweenEmptyAndFull() throws {
        let gauge = try FillGauge(emptyMillimetres: 1_900, fullMillimetres: 300)
        #expect(gauge.percent(atDistance: 1_900) == 0)
        #expect(gauge.percent(atDistance: 300) == 100)
        #expect(gauge.percent(atDistance: 1_100) == 50)
        // Farther than the bottom: an empty container seen through a gap.
        #expect(gauge.percent(atDistance: 2_500) == 0)
        // Waste heaped towards the sensor reads over 100 %, but never without bound.
        #expect(gauge.percent(atDistance: 140) == 110)
        #expect(gauge.percent(atDistance: 0) == 119)
        #expect(gauge.percent(atDistance: Int.min) == 119)
        #expect(try FillGauge(emptyMillimetres: 1_000, fullMillimetres: 900).percent(atDistance: 0) == FillGauge.maximumPercent)
        #expect(gauge.percent(atDistance: Int.max) == 0)
    }

    @Test func aGaugeNeedsTenCentimetresOfTravelWithinTenMetres() {
        #expect(throws: RegisterProblem(field: "fullDistanceMm", reason: .outOfRange)) { try FillGauge(emptyMillimetres: 500, fullMillimetres: 450) }
        #expect(throws: RegisterProblem(field: "emptyDistanceMm", reason: .outOfRange)) { try FillGauge(emptyMillimetres: 10_001, fullMillimetres: 300) }
        #expect(throws: RegisterProblem(field: "fullDistanceMm", reason: .outOfRange)) { try FillGauge(emptyMillimetres: 1_000, fullMillimetres: -1) }
    }

    @Test func aReadingWithADistanceGetsItsFillFromTheGauge() throws {
        let gauge = try FillGauge(emptyMillimetres: 1_900, fullMillimetres: 300)
        let reading = try ReadingInput(distanceMillimetres: 1_100).checked(receivedAt: Self.now)
        #expect(reading.filled(by: gauge).fillPercent == 50)
        // A sensor's own fill is kept as it said.
        let own = try ReadingInput(fillPercent: 12, distanceMillimetres: 1_100).checked(receivedAt: Self.now)
        #expect(own.filled(by: gauge).fillPercent == 12)
        #expect(reading.filled(by: nil).fillPercent == nil)
    }

    @Test func everyMeasurementOutsideWhatASensorReportsIsRefusedByName() {
        let cases: [(ReadingInput, String)] = [
            (ReadingInput(fillPercent: 121), "fillPercent"), (ReadingInput(fillPercent: -1), "fillPercent"),
            (ReadingInput(fillPercent: .nan), "fillPercent"), (ReadingInput(distanceMillimetres: .infinity), "distanceMm"),
            (ReadingInput(temperatureCelsius: 201), "temperatureC"), (ReadingInput(tiltDegrees: -180.5), "tiltDegrees"),
            (ReadingInput(batteryMillivolts: 1e300), "batteryMv"), (ReadingInput(batteryPercent: 101), "batteryPercent"),
            (ReadingInput(solarMillivolts: -5), "solarMv"), (ReadingInput(rssi: 1), "rssi"), (ReadingInput(snr: 51), "snr"),
            (ReadingInput(counter: -1, fillPercent: 1), "counter"), (ReadingInput(counter: 4_294_967_296, fillPercent: 1), "counter"),
        ]
        for (input, field) in cases {
            #expect(throws: ReadingInput.Problem(field: field, reason: .outOfRange), "\(field)") { try input.checked(receivedAt: Self.now) }
        }
    }

    @Test func aCounterMustBeWhole() {
        #expect(throws: ReadingInput.Problem(field: "counter", reason: .notWhole)) { try ReadingInput(counter: 1.5, fillPercent: 3).checked(receivedAt: Self.now) }
    }

    @Test func aReadingFromTheFutureOrOverAYearOldIsRefused() throws {
        #expect(throws: ReadingInput.Problem(field: "time", reason: .inTheFuture)) {
            try ReadingInput(time: Self.now.addingTimeInterval(301), fillPercent: 1).checked(receivedAt: Self.now)
        }
        #expect(throws: ReadingInput.Problem(field: "time", reason: .tooOld)) {
            try ReadingInput(time: Self.now.addingTimeInterval(-367 * 86_400), fillPercent: 1).checked(receivedAt: Self.now)
        }
        // A device clock a little ahead is fine.
        _ = try ReadingInput(time: Self.now.addingTimeInterval(299), fillPercent: 1).checked(receivedAt: Self.now)
    }

    @Test func aReadingWithoutAnyMeasurementIsRefused() throws {
        #expect(throws: ReadingInput.Problem(field: "reading", reason: .empty)) { try ReadingInput(counter: 5).checked(receivedAt: Self.now) }
        _ = try ReadingInput(alarms: [.fire]).checked(receivedAt: Self.now)
        _ = try ReadingInput(lidOpen: true).checked(receivedAt: Self.now)
    }

    @Test func decimalsAreKeptAsTenthsRoundedToTheNearest() throws {
        let reading = try ReadingInput(temperatureCelsius: -12.34, tiltDegrees: 2.25, snr: 7.96).checked(receivedAt: Self.now)
        #expect(reading.temperatureTenths == -123)
        #expect(reading.tiltTenths == 23)
        #expect(reading.snrTenths == 80)
    }

    @Test func aReadingIsTheSameReadingByItsCounterOrElseItsTime() throws {
        let time = Self.now.addingTimeInterval(-60)
        let counted = try ReadingInput(time: time, counter: 42, fillPercent: 1).checked(receivedAt: Self.now)
        let timed = try ReadingInput(time: time, fillPercent: 1).checked(receivedAt: Self.now)
        #expect(counted.identity == "c42")
        #expect(timed.identity == "t\(time.epochMilliseconds)")
        // Without a time of its own, a reading is timed on arrival.
        #expect(try ReadingInput(fillPercent: 1).checked(receivedAt: Self.now).measuredAt == Self.now)
    }

    @Test func millisecondsOfAnyDateNeverStopTheProcess() {
        #expect(Date(timeIntervalSince1970: 1e300).epochMilliseconds == .max)
        #expect(Date(timeIntervalSince1970: -1e300).epochMilliseconds == .min)
        #expect(Date(timeIntervalSince1970: .nan).epochMilliseconds == .min)
        #expect(Date(timeIntervalSince1970: 1.2345).epochMilliseconds == 1_234)
    }

    @Test func aDeviceKeyIsRecognisedByItsPrefixAndLengthAndKeptAsItsHash() throws {
        let key = IngestSecret.generate(.device)
        #expect(key.secret.hasPrefix("hwk_") && key.secret.utf8.count == 47)
        let presented = try #require(IngestSecret(presented: key.secret, kind: .device))
        #expect(presented.hash == key.hash && key.hash.count == 64)
        #expect(IngestSecret(presented: key.secret, kind: .webhook) == nil)
        #expect(IngestSecret(presented: String(key.secret.dropLast()), kind: .device) == nil)
        #expect(IngestSecret.generate(.device) != key)
        #expect(IngestSecret.generate(.webhook).secret.hasPrefix("hws_"))
    }

    @Test func aLoRaWANSensorIsNamedByItsDevEUI() throws {
        #expect(try Sensor(deviceID: " 70b3d5e75e00a001 ", model: .dingtekDF702, batteryMilliampHours: nil, solarPanelWatts: nil).deviceID == "70B3D5E75E00A001")
        #expect(throws: RegisterProblem(field: "deviceId", reason: .malformed)) {
            try Sensor(deviceID: "70B3D5E75E00A0", model: .dingtekDF702, batteryMilliampHours: nil, solarPanelWatts: nil)
        }
        #expect(throws: RegisterProblem(field: "deviceId", reason: .malformed)) {
            try Sensor(deviceID: "bin <7>", model: .generic, batteryMilliampHours: nil, solarPanelWatts: nil)
        }
        #expect(throws: RegisterProblem(field: "deviceId", reason: .missing)) { try Sensor(deviceID: "  ", model: .generic, batteryMilliampHours: nil, solarPanelWatts: nil) }
        _ = try Sensor(deviceID: "bin-17", model: .generic, batteryMilliampHours: 5_000, solarPanelWatts: 0)
    }

    @Test func theRegisterRefusesWhatNoEquipmentHas() throws {
        let site = CollectionSiteID(rawValue: "s"), gauge = try FillGauge(emptyMillimetres: 1_000, fullMillimetres: 200)
        #expect(throws: RegisterProblem(field: "volumeLitres", reason: .outOfRange)) {
            try Container(site: site, fraction: .glass, volumeLitres: 20_000, placement: .surface, maker: "", installedOn: nil, gauge: gauge)
        }
        #expect(throws: RegisterProblem(field: "shiftMinutes", reason: .outOfRange)) {
            try Truck(name: "МАЗ", depot: FacilityID(rawValue: "d"), capacityLitres: 22_000, capacityKilograms: nil, shiftMinutes: 2_000, crew: 2)
        }
        #expect(throws: RegisterProblem(field: "capacityKilograms", reason: .outOfRange)) {
            try Truck(name: "МАЗ", depot: FacilityID(rawValue: "d"), capacityLitres: 22_000, capacityKilograms: 50, shiftMinutes: 480, crew: 2)
        }
        #expect(throws: RegisterProblem(field: "name", reason: .missing)) {
            try CollectionSite(name: " ", address: "", point: try GeoPoint(longitude: 28, latitude: 49))
        }
        #expect(throws: RegisterProblem(field: "name", reason: .tooLong)) {
            try CollectionSite(name: String(repeating: "я", count: 201), address: "", point: try GeoPoint(longitude: 28, latitude: 49))
        }
    }

    @Test func aPointOnTheMapIsWithinTheGlobe() throws {
        #expect(throws: GeoPoint.Problem.longitude) { try GeoPoint(longitude: 181, latitude: 0) }
        #expect(throws: GeoPoint.Problem.latitude) { try GeoPoint(longitude: 0, latitude: .nan) }
        #expect(throws: GeoPoint.Problem.latitude) { try GeoPoint(longitude: 500, latitude: -91) }
        let station = try GeoPoint(longitude: 28.11346, latitude: 49.03612)
        #expect(try GeoPoint(longitudeE7: station.longitudeE7, latitudeE7: station.latitudeE7) == station)
        // Жмеринка's station to Вінниця's: about 34 km as the crow flies.
        let vinnytsia = try GeoPoint(longitude: 28.4682, latitude: 49.2331)
        #expect((33_000...35_500).contains(station.metres(to: vinnytsia)))
    }
}

/// An hour of a container, as kept after its raw readings age out.
@Suite struct WasteHourlyAggregateTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func anHourKeepsItsExtremesItsLastFillAndEveryAlarm() {
        let readings = [
            Reading(measuredAt: Self.t0.addingTimeInterval(600), fillPercent: 40, temperatureTenths: 80, batteryMillivolts: 3_600, alarms: [.lowBattery]),
            Reading(measuredAt: Self.t0, fillPercent: 35, temperatureTenths: 95, batteryMillivolts: 3_650, solarMillivolts: 5_000),
            Reading(measuredAt: Self.t0.addingTimeInterval(1_200), batteryMillivolts: 3_590, alarms: [.tilted]),
            Reading(measuredAt: Self.t0.addingTimeInterval(3_600), fillPercent: 41),
        ]
        let hours = HourlyAggregate.hours(of: readings)
        #expect(hours.count == 2)
        let first = hours[0]
        #expect(first.hour == HourlyAggregate.hour(of: readings[1]) && first.readings == 3)
        #expect(first.fillMin == 35 && first.fillMax == 40 && first.fillLast == 40)
        #expect(first.temperatureMaxTenths == 95 && first.batteryMinMillivolts == 3_590 && first.solarMaxMillivolts == 5_000)
        #expect(first.alarms == [.lowBattery, .tilted])
        #expect(hours[1].readings == 1 && hours[1].fillLast == 41 && hours[1].temperatureMaxTenths == nil)
    }

    @Test func anHourBefore1970IsTheFloorOfItsTime() {
        #expect(HourlyAggregate.hour(of: Reading(measuredAt: Date(timeIntervalSince1970: -1))) == -1)
        #expect(HourlyAggregate.hour(of: Reading(measuredAt: Date(timeIntervalSince1970: 3_599.999))) == 0)
        #expect(HourlyAggregate.hour(of: Reading(measuredAt: Date(timeIntervalSince1970: 3_600))) == 1)
    }

    @Test func aChirpStackApplicationIsAUUIDOrNothing() {
        #expect(WasteSettings.acceptApplication(" 17C82E96-BE03-4F38-AEF3-F83D48582D97 ") == "17c82e96-be03-4f38-aef3-f83d48582d97")
        #expect(WasteSettings.acceptApplication("") == "")
        #expect(WasteSettings.acceptApplication("application/+") == nil)
    }
}
