import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The sensors' readings, what could not be read, and the webhook secrets.
public struct ReadingRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect

    /// A checked reading on its way into the store, with where it belongs.
    public struct Incoming: Sendable, Equatable {
        public let sensor: SensorID
        public let city: MunicipalityID
        public let container: ContainerID?
        public let door: ReadingDoor
        public let receivedAt: Date
        public let reading: Reading

        public init(sensor: SensorID, city: MunicipalityID, container: ContainerID?, door: ReadingDoor, receivedAt: Date, reading: Reading) {
            self.sensor = sensor
            self.city = city
            self.container = container
            self.door = door
            self.receivedAt = receivedAt
            self.reading = reading
        }
    }

    /// What a key or a device id lets in: the sensor, its city, and the
    /// container it is bound to now with that container's gauge.
    public struct Target: Sendable, Equatable {
        public let sensor: SensorID
        public let city: MunicipalityID
        public let deviceID: String
        public let model: SensorModel
        public let container: ContainerID?
        public let gauge: FillGauge?
    }

    /// The most rows one INSERT carries: 19 values each stays far below
    /// both databases' limits on bound parameters.
    static let rowsPerStatement = 500

    /// A stored reading's key: its sensor and identity (`Reading.identity`).
    public struct Key: Hashable, Sendable {
        public let sensor: SensorID
        public let identity: String

        public init(sensor: SensorID, identity: String) {
            self.sensor = sensor
            self.identity = identity
        }
    }

    /// Stores the readings; a reading already stored (same sensor and
    /// identity) is skipped. Returns the keys of those that were new.
    @discardableResult
    public func insert(_ readings: [Incoming]) async throws -> Set<Key> {
        var inserted = Set<Key>()
        var start = 0
        while start < readings.count {
            let chunk = readings[start..<min(start + Self.rowsPerStatement, readings.count)]
            start += chunk.count
            var values: [SQLQueryString] = []
            values.reserveCapacity(chunk.count)
            for incoming in chunk {
                let r = incoming.reading
                values.append("""
                    (\(bind: incoming.sensor.rawValue), \(bind: r.identity), \(bind: incoming.city.rawValue), \(bind: incoming.container?.rawValue),
                     \(bind: r.measuredAt.epochMilliseconds), \(bind: incoming.receivedAt.epochSeconds), \(bind: incoming.door.rawValue),
                     \(bind: r.counter.map(Int64.init)), \(bind: r.fillPercent), \(bind: r.distanceMillimetres), \(bind: r.temperatureTenths),
                     \(bind: r.tiltTenths), \(bind: r.lidOpen.map { $0 ? 1 : 0 }), \(bind: r.batteryMillivolts), \(bind: r.batteryPercent),
                     \(bind: r.solarMillivolts), \(bind: r.rssi), \(bind: r.snrTenths), \(bind: r.alarms.rawValue))
                    """)
            }
            let rows = try await db.raw("""
                INSERT INTO waste_readings (sensor_id, identity, municipality_id, container_id, measured_at_ms, received_at, door, counter,
                                            fill_percent, distance_mm, temperature_dc, tilt_dd, lid_open, battery_mv, battery_percent, solar_mv,
                                            rssi, snr_db10, alarms)
                VALUES \(values.joined(separator: ", "))
                ON CONFLICT DO NOTHING
                RETURNING sensor_id, identity
                """).all()
            for row in rows { inserted.insert(Key(sensor: SensorID(rawValue: try row.string("sensor_id")), identity: try row.string("identity"))) }
        }
        return inserted
    }

    /// The sensor a device key belongs to, in whichever city.
    public func target(keyHash: String) async throws -> Target? {
        try await db.raw("""
            SELECT s.id, s.municipality_id, s.device_id, s.model, c.id AS container_id, c.empty_distance_mm, c.full_distance_mm
            FROM waste_sensors s LEFT JOIN waste_containers c ON c.sensor_id = s.id
            WHERE s.key_hash = \(bind: keyHash)
            """).first().map(Self.target)
    }

    /// The sensors of a city with these device ids (a network server's batch).
    public func targets(deviceIDs: [String], in city: MunicipalityID) async throws -> [String: Target] {
        guard !deviceIDs.isEmpty else { return [:] }
        let rows = try await db.raw("""
            SELECT s.id, s.municipality_id, s.device_id, s.model, c.id AS container_id, c.empty_distance_mm, c.full_distance_mm
            FROM waste_sensors s LEFT JOIN waste_containers c ON c.sensor_id = s.id
            WHERE s.municipality_id = \(bind: city.rawValue) AND s.device_id IN (\(binds: Array(Set(deviceIDs))))
            """).all()
        var targets: [String: Target] = [:]
        for row in rows {
            let target = try Self.target(row)
            targets[target.deviceID] = target
        }
        return targets
    }

    static func target(_ row: any SQLRow) throws -> Target {
        guard let model = SensorModel(rawValue: try row.string("model")) else { throw StoreError.unexpectedResult("sensor model") }
        var gauge: FillGauge?
        if let empty = try row.optionalInt("empty_distance_mm"), let full = try row.optionalInt("full_distance_mm") {
            gauge = try FillGauge(emptyMillimetres: Int(clamping: empty), fullMillimetres: Int(clamping: full))
        }
        return Target(
            sensor: SensorID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            deviceID: try row.string("device_id"), model: model, container: try row.optionalString("container_id").map(ContainerID.init(rawValue:)),
            gauge: gauge)
    }

    // MARK: Reading back

    private static let readingColumnNames = [
        "measured_at_ms", "counter", "fill_percent", "distance_mm", "temperature_dc", "tilt_dd", "lid_open", "battery_mv", "battery_percent",
        "solar_mv", "rssi", "snr_db10", "alarms",
    ]
    private static let readingColumns = readingColumnNames.joined(separator: ", ")
    private static let joinedReadingColumns = readingColumnNames.map { "r." + $0 }.joined(separator: ", ")

    static func reading(_ row: any SQLRow) throws -> Reading {
        func int(_ column: String) throws -> Int? { try row.optionalInt(column).map { Int(clamping: $0) } }
        return Reading(
            measuredAt: Date(epochMilliseconds: try row.int("measured_at_ms")), counter: try row.optionalInt("counter").map { UInt32(clamping: $0) },
            fillPercent: try int("fill_percent"), distanceMillimetres: try int("distance_mm"), temperatureTenths: try int("temperature_dc"),
            tiltTenths: try int("tilt_dd"), lidOpen: try row.optionalInt("lid_open").map { $0 != 0 }, batteryMillivolts: try int("battery_mv"),
            batteryPercent: try int("battery_percent"), solarMillivolts: try int("solar_mv"), rssi: try int("rssi"), snrTenths: try int("snr_db10"),
            alarms: ReadingAlarms(rawValue: Int(clamping: try row.int("alarms"))).intersection(.known))
    }

    /// Each container's newest reading, for the map and the list.
    public func latest(in city: MunicipalityID) async throws -> [ContainerID: Reading] {
        let rows = try await db.raw("""
            SELECT c.id AS container, \(unsafeRaw: Self.joinedReadingColumns)
            FROM waste_containers c JOIN waste_readings r ON r.container_id = c.id
            WHERE c.municipality_id = \(bind: city.rawValue)
              AND r.identity = (SELECT r2.identity FROM waste_readings r2 WHERE r2.container_id = c.id
                                ORDER BY r2.measured_at_ms DESC, r2.identity DESC LIMIT 1)
            """).all()
        var latest: [ContainerID: Reading] = [:]
        for row in rows { latest[ContainerID(rawValue: try row.string("container"))] = try Self.reading(row) }
        return latest
    }

    /// One container's newest reading.
    public func latest(of container: ContainerID, in city: MunicipalityID) async throws -> Reading? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.readingColumns) FROM waste_readings
            WHERE container_id = \(bind: container.rawValue) AND municipality_id = \(bind: city.rawValue)
            ORDER BY measured_at_ms DESC, identity DESC LIMIT 1
            """).first().map(Self.reading)
    }

    /// A container's readings in a time window, oldest first.
    public func readings(of container: ContainerID, in city: MunicipalityID, from start: Date, to end: Date, limit: Int) async throws -> [Reading] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.readingColumns) FROM waste_readings
            WHERE container_id = \(bind: container.rawValue) AND municipality_id = \(bind: city.rawValue)
              AND measured_at_ms >= \(bind: start.epochMilliseconds) AND measured_at_ms < \(bind: end.epochMilliseconds)
            ORDER BY measured_at_ms, identity LIMIT \(bind: limit)
            """).all().map(Self.reading)
    }

    /// Each container's readings measured since `start`, oldest first: what the alert rules look at.
    public func recent(in city: MunicipalityID, since start: Date) async throws -> [ContainerID: [Reading]] {
        let rows = try await db.raw("""
            SELECT container_id, \(unsafeRaw: Self.readingColumns) FROM waste_readings
            WHERE municipality_id = \(bind: city.rawValue) AND measured_at_ms >= \(bind: start.epochMilliseconds) AND container_id IS NOT NULL
            ORDER BY container_id, measured_at_ms, identity
            """).all()
        var recent: [ContainerID: [Reading]] = [:]
        for row in rows { recent[ContainerID(rawValue: try row.string("container_id")), default: []].append(try Self.reading(row)) }
        return recent
    }

    /// How many readings a city holds (for the desk and the tests).
    public func count(in city: MunicipalityID) async throws -> Int {
        let row = try await db.raw("SELECT COUNT(*) AS n FROM waste_readings WHERE municipality_id = \(bind: city.rawValue)").first()
        return Int(try row?.int("n") ?? 0)
    }

    // MARK: Dead letters

    /// Something that came in authenticated and could not be read.
    public struct DeadLetter: Sendable, Equatable {
        public let id: String
        public let city: MunicipalityID
        public let door: ReadingDoor
        public let receivedAt: Date
        /// The error code the sender got (`reading_out_of_range`, …).
        public let problem: String
        /// Which field or rule, in words a technician reads.
        public let detail: String
        public let deviceID: String?
        public let body: String

        public init(id: String, city: MunicipalityID, door: ReadingDoor, receivedAt: Date, problem: String, detail: String, deviceID: String?, body: String) {
            self.id = id
            self.city = city
            self.door = door
            self.receivedAt = receivedAt
            self.problem = problem
            self.detail = detail
            self.deviceID = deviceID
            self.body = body
        }
    }

    public func insert(_ letter: DeadLetter) async throws {
        try await db.raw("""
            INSERT INTO waste_dead_letters (id, municipality_id, door, received_at, problem, detail, device_id, body)
            VALUES (\(bind: letter.id), \(bind: letter.city.rawValue), \(bind: letter.door.rawValue), \(bind: letter.receivedAt.epochSeconds),
                    \(bind: letter.problem), \(bind: letter.detail), \(bind: letter.deviceID), \(bind: letter.body))
            """).run()
    }

    public func deadLetters(in city: MunicipalityID, limit: Int) async throws -> [DeadLetter] {
        try await db.raw("""
            SELECT * FROM waste_dead_letters WHERE municipality_id = \(bind: city.rawValue) ORDER BY received_at DESC, id DESC LIMIT \(bind: limit)
            """).all().map { row in
                guard let door = ReadingDoor(rawValue: try row.string("door")) else { throw StoreError.unexpectedResult("dead letter door") }
                return DeadLetter(
                    id: try row.string("id"), city: MunicipalityID(rawValue: try row.string("municipality_id")), door: door,
                    receivedAt: try row.date("received_at"), problem: try row.string("problem"), detail: try row.string("detail"),
                    deviceID: try row.optionalString("device_id"), body: try row.string("body"))
            }
    }

    /// Keeps a city's newest `keep` dead letters: a sender stuck on a bad
    /// payload cannot fill the disk.
    public func pruneDeadLetters(in city: MunicipalityID, keep: Int) async throws {
        try await db.raw("""
            DELETE FROM waste_dead_letters WHERE municipality_id = \(bind: city.rawValue) AND id NOT IN (
                SELECT id FROM waste_dead_letters WHERE municipality_id = \(bind: city.rawValue) ORDER BY received_at DESC, id DESC LIMIT \(bind: keep))
            """).run()
    }

    // MARK: The webhook secret

    public func setWebhookSecret(hash: String, of city: MunicipalityID, at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO waste_webhook_secrets (municipality_id, secret_hash, created_at)
            VALUES (\(bind: city.rawValue), \(bind: hash), \(bind: instant.epochSeconds))
            ON CONFLICT (municipality_id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = excluded.created_at
            """).run()
    }

    /// The hash of the city's secret and when it was made; nil before the first.
    public func webhookSecret(of city: MunicipalityID) async throws -> (hash: String, createdAt: Date)? {
        try await db.raw("SELECT secret_hash, created_at FROM waste_webhook_secrets WHERE municipality_id = \(bind: city.rawValue)")
            .first().map { (try $0.string("secret_hash"), try $0.date("created_at")) }
    }
}
