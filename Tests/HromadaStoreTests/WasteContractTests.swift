import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Waste

/// The waste register and readings on both databases: a reading sent again
/// is stored once (also when two arrive in one batch), a device id is
/// registered once per city, a sensor sits on one container, a change over
/// a stale read is refused, each container's newest reading is found, and
/// the dead letters are capped.
@Suite struct WasteContractTests {
    static let vinnytsia = MunicipalityID(rawValue: "vinnytsia"), zhmerynka = MunicipalityID(rawValue: "zhmerynka")
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func site(_ city: MunicipalityID = zhmerynka, name: String = "Вокзальна площа") throws -> WasteRegisterRepository.StoredSite {
        Registered(
            id: .random(), city: city, value: try CollectionSite(name: name, address: "пл. Вокзальна, 1", point: try GeoPoint(longitude: 28.1134, latitude: 49.0361)),
            createdAt: t0, updatedAt: t0)
    }

    static func sensor(_ city: MunicipalityID = zhmerynka, device: String = "70B3D5E75E00A001") throws -> WasteRegisterRepository.StoredSensor {
        Registered(id: .random(), city: city, value: try Sensor(deviceID: device, model: .dingtekDF702, batteryMilliampHours: 19_000, solarPanelWatts: 10), createdAt: t0, updatedAt: t0)
    }

    static func container(at site: CollectionSiteID, sensor: SensorID?, city: MunicipalityID = zhmerynka) throws -> WasteRegisterRepository.StoredContainer {
        Registered(
            id: .random(), city: city,
            value: .init(
                container: try Container(
                    site: site, fraction: .mixed, volumeLitres: 5_000, placement: .underground, maker: "Кластер", installedOn: CalendarDate(year: 2025, month: 9, day: 1),
                    gauge: try FillGauge(emptyMillimetres: 1_900, fullMillimetres: 300)),
                sensor: sensor),
            createdAt: t0, updatedAt: t0)
    }

    /// A site with a container and its sensor, stored.
    /// Жмеринка's depot and a truck based there.
    static func depotAndTruck() throws -> (WasteRegisterRepository.StoredFacility, WasteRegisterRepository.StoredTruck) {
        let depot = Registered(
            id: FacilityID.random(), city: Self.zhmerynka,
            value: try Facility(kind: .depot, name: "Автобаза", address: "вул. Промислова, 7", point: try GeoPoint(longitude: 28.0871, latitude: 49.0259)),
            createdAt: Self.t0, updatedAt: Self.t0)
        let truck = Registered(
            id: TruckID.random(), city: Self.zhmerynka,
            value: try Truck(name: "МАЗ 1", depot: depot.id, capacityLitres: 22_000, capacityKilograms: nil, shiftMinutes: 480, crew: 2),
            createdAt: Self.t0, updatedAt: Self.t0)
        return (depot, truck)
    }

    static func bin(_ store: Store, city: MunicipalityID = zhmerynka, device: String = "70B3D5E75E00A001", keyHash: String = "hash-a") async throws
        -> (WasteRegisterRepository.StoredSite, WasteRegisterRepository.StoredSensor, WasteRegisterRepository.StoredContainer)
    {
        let site = try site(city), sensor = try sensor(city, device: device), container = try container(at: site.id, sensor: sensor.id, city: city)
        try await store.write { tx in
            try await tx.wasteRegister.insert(site)
            #expect(try await tx.wasteRegister.insert(sensor, keyHash: keyHash))
            #expect(try await tx.wasteRegister.insert(container))
        }
        return (site, sensor, container)
    }

    static func incoming(_ sensor: SensorID, _ container: ContainerID?, minute: Int, counter: UInt32? = nil, fill: Int = 40, city: MunicipalityID = zhmerynka)
        -> ReadingRepository.Incoming
    {
        let time = t0.addingTimeInterval(Double(minute) * 60)
        return .init(
            sensor: sensor, city: city, container: container, door: .api, receivedAt: time,
            reading: Reading(measuredAt: time, counter: counter, fillPercent: fill, temperatureTenths: 125, tiltTenths: -15, lidOpen: false, alarms: [.full, .lowBattery]))
    }

    @Test(arguments: TestDatabase.available)
    func aReadingSentAgainIsStoredOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (_, sensor, container) = try await Self.bin(store)
            let first = (0..<10).map { Self.incoming(sensor.id, container.id, minute: $0) }
            let stored = try await store.write { try await $0.wasteReadings.insert(first) }
            #expect(stored.count == 10)
            // A retry of the last five, and the same reading twice in one batch: only one new row.
            let again = Array(first.suffix(5)) + [Self.incoming(sensor.id, container.id, minute: 20), Self.incoming(sensor.id, container.id, minute: 20)]
            let second = try await store.write { try await $0.wasteReadings.insert(again) }
            #expect(second == [ReadingRepository.Key(sensor: sensor.id, identity: again[5].reading.identity)])
            #expect(try await store.read { try await $0.wasteReadings.count(in: Self.zhmerynka) } == 11)
            // A counter makes the identity: the same counter at another time is the same reading.
            let counted = try await store.write { tx in
                try await tx.wasteReadings.insert([Self.incoming(sensor.id, container.id, minute: 30, counter: 7), Self.incoming(sensor.id, container.id, minute: 31, counter: 7)])
            }
            #expect(counted.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aReadingKeepsEveryValueItWasStoredWith(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (_, sensor, container) = try await Self.bin(store)
            let reading = Reading(
                measuredAt: Self.t0, counter: 4_000_000_000, fillPercent: 120, distanceMillimetres: 0, temperatureTenths: -600, tiltTenths: -1_800, lidOpen: true,
                batteryMillivolts: 3_612, batteryPercent: 0, solarMillivolts: 5_100, rssi: -200, snrTenths: -500, alarms: .known)
            _ = try await store.write { tx in
                try await tx.wasteReadings.insert([.init(sensor: sensor.id, city: Self.zhmerynka, container: container.id, door: .ttn, receivedAt: Self.t0, reading: reading)])
            }
            let back = try await store.read { try await $0.wasteReadings.readings(of: container.id, in: Self.zhmerynka, from: Self.t0, to: Self.t0 + 1, limit: 10) }
            #expect(back == [reading])
        }
    }

    @Test(arguments: TestDatabase.available)
    func eachContainersNewestReadingIsFoundAndOnlyInItsCity(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (_, sensor, container) = try await Self.bin(store)
            let (_, other, otherContainer) = try await Self.bin(store, device: "70B3D5E75E00A002", keyHash: "hash-b")
            let (_, vinnytsia, vinnytsiaContainer) = try await Self.bin(store, city: Self.vinnytsia, keyHash: "hash-c")
            _ = try await store.write { tx in
                try await tx.wasteReadings.insert((0..<5).map { Self.incoming(sensor.id, container.id, minute: $0, fill: 10 * $0) })
                // Two readings in one millisecond, told apart by their counters: the larger identity wins, consistently.
                _ = try await tx.wasteReadings.insert([
                    Self.incoming(other.id, otherContainer.id, minute: 3, counter: 1, fill: 11), Self.incoming(other.id, otherContainer.id, minute: 3, counter: 2, fill: 22),
                ])
                return try await tx.wasteReadings.insert([Self.incoming(vinnytsia.id, vinnytsiaContainer.id, minute: 9, fill: 99, city: Self.vinnytsia)])
            }
            let latest = try await store.read { try await $0.wasteReadings.latest(in: Self.zhmerynka) }
            #expect(latest.count == 2)
            #expect(latest[container.id]?.fillPercent == 40)
            #expect(latest[otherContainer.id]?.fillPercent == 22)
            #expect(latest[vinnytsiaContainer.id] == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDeviceIsRegisteredOncePerCityAndFoundByItsKey(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (_, sensor, container) = try await Self.bin(store, keyHash: "key-1")
            let again = try Self.sensor()
            #expect(try await store.write { try await $0.wasteRegister.insert(again, keyHash: "key-2") } == false)
            // The same DevEUI in another city is that city's own sensor.
            #expect(try await store.write { try await $0.wasteRegister.insert(try Self.sensor(Self.vinnytsia), keyHash: "key-3") })
            let target = try await store.read { try await $0.wasteReadings.target(keyHash: "key-1") }
            #expect(target?.sensor == sensor.id && target?.city == Self.zhmerynka && target?.container == container.id)
            #expect(target?.gauge == container.value.container.gauge)
            #expect(try await store.read { try await $0.wasteReadings.target(keyHash: "key-2") } == nil)
            let renewed = try await store.write { try await $0.wasteRegister.renewKey(of: sensor.id, in: Self.zhmerynka, keyHash: "key-4", at: Self.t0) }
            #expect(renewed)
            #expect(try await store.read { try await $0.wasteReadings.target(keyHash: "key-1") } == nil)
            let byDevice = try await store.read { try await $0.wasteReadings.targets(deviceIDs: ["70B3D5E75E00A001", "0000000000000000"], in: Self.vinnytsia) }
            #expect(byDevice.count == 1 && byDevice["70B3D5E75E00A001"]?.city == Self.vinnytsia && byDevice["70B3D5E75E00A001"]?.container == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSensorSitsOnOneContainerAndAStaleChangeIsRefused(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (site, sensor, container) = try await Self.bin(store)
            let second = try Self.container(at: site.id, sensor: sensor.id)
            #expect(try await store.write { try await $0.wasteRegister.insert(second) } == false)
            var free = try Self.container(at: site.id, sensor: nil)
            let unbound = free
            #expect(try await store.write { try await $0.wasteRegister.insert(unbound) })
            let previous = free.updatedAt
            free.value.sensor = sensor.id
            free.updatedAt = previous + 1
            let moved = free
            #expect(try await store.write { try await $0.wasteRegister.update(moved, from: previous) } == false)
            var changed = container
            changed.value.container.volumeLitres = 3_000
            changed.updatedAt = container.updatedAt + 1
            let write = changed
            #expect(try await store.write { try await $0.wasteRegister.update(write, from: container.updatedAt) })
            #expect(try await store.write { try await $0.wasteRegister.update(write, from: container.updatedAt) } == false)
            #expect(try await store.read { try await $0.wasteRegister.container(container.id, in: Self.zhmerynka) }?.value.container.volumeLitres == 3_000)
            #expect(try await store.read { try await $0.wasteRegister.container(container.id, in: Self.vinnytsia) } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theRegisterKeepsSitesFacilitiesAndTrucks(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let site = try Self.site()
            let (depot, truck) = try Self.depotAndTruck()
            try await store.write { tx in
                try await tx.wasteRegister.insert(site)
                try await tx.wasteRegister.insert(depot)
                try await tx.wasteRegister.insert(truck)
            }
            #expect(try await store.read { try await $0.wasteRegister.sites(in: Self.zhmerynka) } == [site])
            #expect(try await store.read { try await $0.wasteRegister.facilities(in: Self.zhmerynka) } == [depot])
            #expect(try await store.read { try await $0.wasteRegister.trucks(in: Self.zhmerynka) } == [truck])
            #expect(try await store.read { try await $0.wasteRegister.trucks(in: Self.vinnytsia) }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func deadLettersAreKeptNewestFirstAndCapped(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            try await store.write { tx in
                for n in 0..<12 {
                    try await tx.wasteReadings.insert(ReadingRepository.DeadLetter(
                        id: "letter-\(n)", city: Self.zhmerynka, door: .ttn, receivedAt: Self.t0 + Double(n), problem: "malformed_payload", detail: "",
                        deviceID: nil, body: "{}"))
                }
                try await tx.wasteReadings.pruneDeadLetters(in: Self.zhmerynka, keep: 5)
            }
            let letters = try await store.read { try await $0.wasteReadings.deadLetters(in: Self.zhmerynka, limit: 100) }
            #expect(letters.map(\.id) == ["letter-11", "letter-10", "letter-9", "letter-8", "letter-7"])
            #expect(try await store.read { try await $0.wasteReadings.deadLetters(in: Self.vinnytsia, limit: 100) }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCitysWebhookSecretIsReplacedWhole(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            #expect(try await store.read { try await $0.wasteReadings.webhookSecret(of: Self.zhmerynka) } == nil)
            try await store.write { try await $0.wasteReadings.setWebhookSecret(hash: "one", of: Self.zhmerynka, at: Self.t0) }
            try await store.write { try await $0.wasteReadings.setWebhookSecret(hash: "two", of: Self.zhmerynka, at: Self.t0 + 5) }
            let secret = try await store.read { try await $0.wasteReadings.webhookSecret(of: Self.zhmerynka) }
            #expect(secret?.hash == "two" && secret?.createdAt == Self.t0 + 5)
        }
    }
}
