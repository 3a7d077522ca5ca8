import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Puts a `BinSimulation` into a city: its sites, containers and sensors
/// in the register (ids `sim-…`, so running it again adds nothing), a fresh
/// key for each sensor (so the readings can go in by the device API), and
/// the readings themselves, either straight into the store (the demo) or
/// handed back for a door to carry (`hromada waste simulate`).
public struct WasteSimulator: Sendable {
    let services: AppServices

    /// One simulated bin as registered: its container, sensor and the key to post with.
    public struct Registered: Sendable {
        public let bin: BinSimulation.Bin
        public let container: ContainerID
        public let deviceID: String
        public let key: String
    }

    /// What a simulation registered: sites, containers and sensors made, and each bin's identity.
    public struct Fleet: Sendable {
        public let bins: [Registered]
        public let made: Int
    }

    static let label = "Симуляція"

    /// Registers the simulation's bins in the city (those already there are
    /// kept) and gives every one of their sensors a new key.
    public func register(_ simulation: BinSimulation, in city: Municipality) async throws -> Fleet {
        let cityID = city.id, now = services.clock.now(), prefix = Self.prefix(city)
        let existing = Set(try await services.store.read { try await $0.wasteRegister.containers(in: cityID) }.map(\.id))
        let gauge = try BinSimulation.gauge()
        var fleet: [Registered] = []
        var made = 0
        for bin in simulation.bins {
            let container = ContainerID(rawValue: "sim-container-\(bin.number)"), sensorID = SensorID(rawValue: "sim-sensor-\(bin.number)")
            let key = IngestSecret.generate(.device), hash = key.hash
            let deviceID = bin.deviceID(prefix: prefix)
            if !existing.contains(container) {
                let site = WasteRegisterRepository.StoredSite(
                    id: CollectionSiteID(rawValue: "sim-site-\(bin.number)"), city: cityID,
                    value: try CollectionSite(name: "\(Self.label) \(bin.number + 1)", address: Self.address(bin), point: bin.point), createdAt: now, updatedAt: now)
                let sensor = WasteRegisterRepository.StoredSensor(
                    id: sensorID, city: cityID,
                    value: try Sensor(deviceID: deviceID, model: bin.model, batteryMilliampHours: 19_000, solarPanelWatts: bin.model == .generic ? 10 : nil),
                    createdAt: simulation.start, updatedAt: now)
                let stored = WasteRegisterRepository.StoredContainer(
                    id: container, city: cityID,
                    value: .init(
                        container: try Container(
                            site: site.id, fraction: bin.fraction, volumeLitres: 3_000, placement: .underground, maker: Self.label, installedOn: nil, gauge: gauge),
                        sensor: sensorID),
                    createdAt: now, updatedAt: now)
                try await services.store.write { tx in
                    try await tx.wasteRegister.insert(site)
                    guard try await tx.wasteRegister.insert(sensor, keyHash: hash) else { throw AppError.conflict(code: "waste_device_taken") }
                    guard try await tx.wasteRegister.insert(stored) else { throw AppError.conflict(code: "waste_container_conflict") }
                }
                made += 1
            } else {
                _ = try await services.store.write { try await $0.wasteRegister.renewKey(of: sensorID, in: cityID, keyHash: hash, at: now) }
            }
            fleet.append(Registered(bin: bin, container: container, deviceID: deviceID, key: key.secret))
        }
        return Fleet(bins: fleet, made: made)
    }

    /// Every reading of the fleet straight into the store, as the doors
    /// would leave them (a distance becomes a fill by the gauge). Returns how many were new.
    public func storeDirectly(_ simulation: BinSimulation, fleet: Fleet, in city: Municipality) async throws -> Int {
        let cityID = city.id, now = services.clock.now()
        let gauge = try BinSimulation.gauge()
        var stored = 0
        for registered in fleet.bins {
            let sensor = SensorID(rawValue: "sim-sensor-\(registered.bin.number)")
            let incoming = simulation.readings(of: registered.bin).map {
                ReadingRepository.Incoming(
                    sensor: sensor, city: cityID, container: registered.container, door: registered.bin.model == .generic ? .api : .mqtt,
                    receivedAt: now, reading: $0.filled(by: gauge))
            }
            stored += try await services.store.write { try await $0.wasteReadings.insert(incoming) }.count
        }
        return stored
    }

    /// A distinct device-id prefix per city, so two cities' simulations never share a DevEUI.
    static func prefix(_ city: Municipality) -> UInt32 {
        city.id.rawValue.utf8.reduce(UInt32(0)) { ($0 &* 31) &+ UInt32($1) } & 0xFF
    }

    static func address(_ bin: BinSimulation.Bin) -> String {
        String(format: "%.5f, %.5f", bin.point.latitude, bin.point.longitude)
    }

    // MARK: What a door carries

    /// A reading as the device API takes it (`POST …/waste/readings`).
    public static func deviceJSON(_ reading: Reading) -> [String: Any] {
        var body: [String: Any] = ["time": ISO8601DateFormatter().string(from: reading.measuredAt)]
        if let counter = reading.counter { body["counter"] = counter }
        if let fill = reading.fillPercent { body["fillPercent"] = fill }
        if let distance = reading.distanceMillimetres { body["distanceMm"] = distance }
        if let temperature = reading.temperatureTenths { body["temperatureC"] = Double(temperature) / 10 }
        if let tilt = reading.tiltTenths { body["tiltDegrees"] = Double(tilt) / 10 }
        if let millivolts = reading.batteryMillivolts { body["batteryMv"] = millivolts }
        if let percent = reading.batteryPercent { body["batteryPercent"] = percent }
        if let solar = reading.solarMillivolts { body["solarMv"] = solar }
        let alarms = WasteMap.alarmNames(reading.alarms)
        if !alarms.isEmpty { body["alarms"] = alarms }
        return body
    }

    /// A reading as ChirpStack v4 publishes a DF702's uplink (`up` event), its frame in `data`.
    public static func chirpStackUp(_ reading: Reading, deviceID: String, application: String, frameCounter: Int) -> [String: Any] {
        let frame = DF702.frame(DF702.Reading(
            distanceMillimetres: reading.distanceMillimetres ?? 0, temperatureCelsius: Int(((Double(reading.temperatureTenths ?? 0)) / 10).rounded()),
            tiltAngleDegrees: Double(reading.tiltTenths ?? 0) / 10, full: reading.alarms.contains(.full), fire: reading.alarms.contains(.fire),
            tilted: reading.alarms.contains(.tilted), lowBattery: reading.alarms.contains(.lowBattery), frameCounter: frameCounter))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return [
            "deduplicationId": UUID().uuidString.lowercased(), "time": formatter.string(from: reading.measuredAt),
            "deviceInfo": ["devEui": deviceID.lowercased(), "applicationId": application, "deviceName": deviceID],
            "fCnt": frameCounter, "fPort": Int(UplinkReading.df702Port), "data": Data(frame).base64EncodedString(),
            "rxInfo": [["rssi": -90 - frameCounter % 15, "snr": 7.5]],
        ]
    }
}

extension AppServices {
    public var wasteSimulator: WasteSimulator { .init(services: self) }
}
