import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The register: collection sites, depots and transfer stations,
/// containers, sensors and trucks, each in its city.
///
/// A change is written only if the entry is as it was read
/// (`updated_at` unchanged), so of two staff editing at once one gets a
/// 409 instead of losing the other's change silently.
public struct WasteRegisterRepository: Sendable {
    let db: any SQLDatabase

    public typealias StoredSite = Registered<CollectionSiteID, CollectionSite>
    public typealias StoredFacility = Registered<FacilityID, Facility>
    public typealias StoredContainer = Registered<ContainerID, ContainerRecord>
    public typealias StoredSensor = Registered<SensorID, Sensor>
    public typealias StoredTruck = Registered<TruckID, Truck>

    /// A container and the sensor bound to it now.
    public struct ContainerRecord: Sendable, Equatable {
        public var container: Container
        public var sensor: SensorID?

        public init(container: Container, sensor: SensorID?) {
            self.container = container
            self.sensor = sensor
        }
    }

    // MARK: Sites

    public func insert(_ site: StoredSite) async throws {
        let value = site.value
        try await db.raw("""
            INSERT INTO waste_sites (id, municipality_id, name, address, lon_e7, lat_e7, created_at, updated_at)
            VALUES (\(bind: site.id.rawValue), \(bind: site.city.rawValue), \(bind: value.name), \(bind: value.address),
                    \(bind: value.point.longitudeE7), \(bind: value.point.latitudeE7), \(bind: site.createdAt.epochSeconds), \(bind: site.updatedAt.epochSeconds))
            """).run()
    }

    /// False when the site changed since `previous` was read (or is not in its city).
    public func update(_ site: StoredSite, from previous: Date) async throws -> Bool {
        let value = site.value
        return try await db.raw("""
            UPDATE waste_sites SET name = \(bind: value.name), address = \(bind: value.address), lon_e7 = \(bind: value.point.longitudeE7),
                   lat_e7 = \(bind: value.point.latitudeE7), updated_at = \(bind: site.updatedAt.epochSeconds)
            WHERE id = \(bind: site.id.rawValue) AND municipality_id = \(bind: site.city.rawValue) AND updated_at = \(bind: previous.epochSeconds)
            RETURNING id
            """).first() != nil
    }

    public func site(_ id: CollectionSiteID, in city: MunicipalityID) async throws -> StoredSite? {
        try await db.raw("SELECT * FROM waste_sites WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)")
            .first().map(Self.site)
    }

    public func sites(in city: MunicipalityID) async throws -> [StoredSite] {
        try await db.raw("SELECT * FROM waste_sites WHERE municipality_id = \(bind: city.rawValue) ORDER BY name, id").all().map(Self.site)
    }

    static func site(_ row: any SQLRow) throws -> StoredSite {
        Registered(
            id: CollectionSiteID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            value: try CollectionSite(name: try row.string("name"), address: try row.string("address"), point: try point(row)),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func point(_ row: any SQLRow) throws -> GeoPoint {
        try GeoPoint(longitudeE7: try row.int("lon_e7"), latitudeE7: try row.int("lat_e7"))
    }

    // MARK: Depots and transfer stations

    public func insert(_ facility: StoredFacility) async throws {
        let value = facility.value
        try await db.raw("""
            INSERT INTO waste_facilities (id, municipality_id, kind, name, address, lon_e7, lat_e7, created_at, updated_at)
            VALUES (\(bind: facility.id.rawValue), \(bind: facility.city.rawValue), \(bind: value.kind.rawValue), \(bind: value.name),
                    \(bind: value.address), \(bind: value.point.longitudeE7), \(bind: value.point.latitudeE7),
                    \(bind: facility.createdAt.epochSeconds), \(bind: facility.updatedAt.epochSeconds))
            """).run()
    }

    public func update(_ facility: StoredFacility, from previous: Date) async throws -> Bool {
        let value = facility.value
        return try await db.raw("""
            UPDATE waste_facilities SET kind = \(bind: value.kind.rawValue), name = \(bind: value.name), address = \(bind: value.address),
                   lon_e7 = \(bind: value.point.longitudeE7), lat_e7 = \(bind: value.point.latitudeE7), updated_at = \(bind: facility.updatedAt.epochSeconds)
            WHERE id = \(bind: facility.id.rawValue) AND municipality_id = \(bind: facility.city.rawValue) AND updated_at = \(bind: previous.epochSeconds)
            RETURNING id
            """).first() != nil
    }

    public func facility(_ id: FacilityID, in city: MunicipalityID) async throws -> StoredFacility? {
        try await db.raw("SELECT * FROM waste_facilities WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)")
            .first().map(Self.facility)
    }

    public func facilities(in city: MunicipalityID) async throws -> [StoredFacility] {
        try await db.raw("SELECT * FROM waste_facilities WHERE municipality_id = \(bind: city.rawValue) ORDER BY kind, name, id")
            .all().map(Self.facility)
    }

    static func facility(_ row: any SQLRow) throws -> StoredFacility {
        guard let kind = FacilityKind(rawValue: try row.string("kind")) else { throw StoreError.unexpectedResult("facility kind") }
        return Registered(
            id: FacilityID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            value: try Facility(kind: kind, name: try row.string("name"), address: try row.string("address"), point: try point(row)),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    // MARK: Sensors

    /// Registers a sensor with its key's hash; false (nothing stored) when
    /// its city already has a sensor with this device id.
    public func insert(_ sensor: StoredSensor, keyHash: String) async throws -> Bool {
        let value = sensor.value
        return try await db.raw("""
            INSERT INTO waste_sensors (id, municipality_id, device_id, model, key_hash, battery_mah, solar_panel_w, created_at, updated_at)
            VALUES (\(bind: sensor.id.rawValue), \(bind: sensor.city.rawValue), \(bind: value.deviceID), \(bind: value.model.rawValue),
                    \(bind: keyHash), \(bind: value.batteryMilliampHours), \(bind: value.solarPanelWatts),
                    \(bind: sensor.createdAt.epochSeconds), \(bind: sensor.updatedAt.epochSeconds))
            ON CONFLICT DO NOTHING
            RETURNING id
            """).first() != nil
    }

    /// A new key for a sensor (the old one stops working at once).
    public func renewKey(of id: SensorID, in city: MunicipalityID, keyHash: String, at instant: Date) async throws -> Bool {
        try await db.raw("""
            UPDATE waste_sensors SET key_hash = \(bind: keyHash), updated_at = \(bind: instant.epochSeconds)
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            RETURNING id
            """).first() != nil
    }

    public func sensor(_ id: SensorID, in city: MunicipalityID) async throws -> StoredSensor? {
        try await db.raw("SELECT * FROM waste_sensors WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)")
            .first().map(Self.sensor)
    }

    public func sensors(in city: MunicipalityID) async throws -> [StoredSensor] {
        try await db.raw("SELECT * FROM waste_sensors WHERE municipality_id = \(bind: city.rawValue) ORDER BY device_id")
            .all().map(Self.sensor)
    }

    static func sensor(_ row: any SQLRow) throws -> StoredSensor {
        guard let model = SensorModel(rawValue: try row.string("model")) else { throw StoreError.unexpectedResult("sensor model") }
        return Registered(
            id: SensorID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            value: try Sensor(
                deviceID: try row.string("device_id"), model: model, batteryMilliampHours: try row.optionalInt("battery_mah").map { Int(clamping: $0) },
                solarPanelWatts: try row.optionalInt("solar_panel_w").map { Int(clamping: $0) }),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    // MARK: Containers

    /// False (nothing stored) when its sensor is already bound to another container.
    public func insert(_ container: StoredContainer) async throws -> Bool {
        let record = container.value, value = record.container
        return try await db.raw("""
            INSERT INTO waste_containers (id, municipality_id, site_id, fraction, volume_litres, placement, maker, installed_on,
                                          empty_distance_mm, full_distance_mm, sensor_id, created_at, updated_at)
            VALUES (\(bind: container.id.rawValue), \(bind: container.city.rawValue), \(bind: value.site.rawValue), \(bind: value.fraction.rawValue),
                    \(bind: value.volumeLitres), \(bind: value.placement.rawValue), \(bind: value.maker), \(bind: value.installedOn?.description),
                    \(bind: value.gauge.emptyMillimetres), \(bind: value.gauge.fullMillimetres), \(bind: record.sensor?.rawValue),
                    \(bind: container.createdAt.epochSeconds), \(bind: container.updatedAt.epochSeconds))
            ON CONFLICT DO NOTHING
            RETURNING id
            """).first() != nil
    }

    /// False when it changed since `previous` was read, or its new sensor is bound to another container.
    public func update(_ container: StoredContainer, from previous: Date) async throws -> Bool {
        let record = container.value, value = record.container
        if let sensor = record.sensor {
            let taken = try await db.raw("""
                SELECT id FROM waste_containers WHERE sensor_id = \(bind: sensor.rawValue) AND id <> \(bind: container.id.rawValue)
                """).first()
            guard taken == nil else { return false }
        }
        return try await db.raw("""
            UPDATE waste_containers SET site_id = \(bind: value.site.rawValue), fraction = \(bind: value.fraction.rawValue),
                   volume_litres = \(bind: value.volumeLitres), placement = \(bind: value.placement.rawValue), maker = \(bind: value.maker),
                   installed_on = \(bind: value.installedOn?.description), empty_distance_mm = \(bind: value.gauge.emptyMillimetres),
                   full_distance_mm = \(bind: value.gauge.fullMillimetres), sensor_id = \(bind: record.sensor?.rawValue),
                   updated_at = \(bind: container.updatedAt.epochSeconds)
            WHERE id = \(bind: container.id.rawValue) AND municipality_id = \(bind: container.city.rawValue) AND updated_at = \(bind: previous.epochSeconds)
            RETURNING id
            """).first() != nil
    }

    public func container(_ id: ContainerID, in city: MunicipalityID) async throws -> StoredContainer? {
        try await db.raw("SELECT * FROM waste_containers WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)")
            .first().map(Self.container)
    }

    public func containers(in city: MunicipalityID) async throws -> [StoredContainer] {
        try await db.raw("SELECT * FROM waste_containers WHERE municipality_id = \(bind: city.rawValue) ORDER BY site_id, fraction, id")
            .all().map(Self.container)
    }

    static func container(_ row: any SQLRow) throws -> StoredContainer {
        guard let fraction = Fraction(rawValue: try row.string("fraction")),
              let placement = ContainerPlacement(rawValue: try row.string("placement"))
        else { throw StoreError.unexpectedResult("container fraction or placement") }
        let gauge = try FillGauge(
            emptyMillimetres: Int(clamping: try row.int("empty_distance_mm")), fullMillimetres: Int(clamping: try row.int("full_distance_mm")))
        let container = try Container(
            site: CollectionSiteID(rawValue: try row.string("site_id")), fraction: fraction, volumeLitres: Int(clamping: try row.int("volume_litres")),
            placement: placement, maker: try row.string("maker"), installedOn: try row.optionalString("installed_on").flatMap(CalendarDate.parse),
            gauge: gauge)
        return Registered(
            id: ContainerID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            value: ContainerRecord(container: container, sensor: try row.optionalString("sensor_id").map(SensorID.init(rawValue:))),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    // MARK: Trucks

    public func insert(_ truck: StoredTruck) async throws {
        let value = truck.value
        try await db.raw("""
            INSERT INTO waste_trucks (id, municipality_id, name, depot_id, capacity_litres, capacity_kg, shift_minutes, crew, created_at, updated_at)
            VALUES (\(bind: truck.id.rawValue), \(bind: truck.city.rawValue), \(bind: value.name), \(bind: value.depot.rawValue),
                    \(bind: value.capacityLitres), \(bind: value.capacityKilograms), \(bind: value.shiftMinutes), \(bind: value.crew),
                    \(bind: truck.createdAt.epochSeconds), \(bind: truck.updatedAt.epochSeconds))
            """).run()
    }

    public func update(_ truck: StoredTruck, from previous: Date) async throws -> Bool {
        let value = truck.value
        return try await db.raw("""
            UPDATE waste_trucks SET name = \(bind: value.name), depot_id = \(bind: value.depot.rawValue), capacity_litres = \(bind: value.capacityLitres),
                   capacity_kg = \(bind: value.capacityKilograms), shift_minutes = \(bind: value.shiftMinutes), crew = \(bind: value.crew),
                   updated_at = \(bind: truck.updatedAt.epochSeconds)
            WHERE id = \(bind: truck.id.rawValue) AND municipality_id = \(bind: truck.city.rawValue) AND updated_at = \(bind: previous.epochSeconds)
            RETURNING id
            """).first() != nil
    }

    public func truck(_ id: TruckID, in city: MunicipalityID) async throws -> StoredTruck? {
        try await db.raw("SELECT * FROM waste_trucks WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)")
            .first().map(Self.truck)
    }

    public func trucks(in city: MunicipalityID) async throws -> [StoredTruck] {
        try await db.raw("SELECT * FROM waste_trucks WHERE municipality_id = \(bind: city.rawValue) ORDER BY name, id").all().map(Self.truck)
    }

    static func truck(_ row: any SQLRow) throws -> StoredTruck {
        Registered(
            id: TruckID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            value: try Truck(
                name: try row.string("name"), depot: FacilityID(rawValue: try row.string("depot_id")),
                capacityLitres: Int(clamping: try row.int("capacity_litres")), capacityKilograms: try row.optionalInt("capacity_kg").map { Int(clamping: $0) },
                shiftMinutes: Int(clamping: try row.int("shift_minutes")), crew: Int(clamping: try row.int("crew"))),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
