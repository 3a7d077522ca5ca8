import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The hourly aggregates and the retention of raw readings.
extension ReadingRepository {
    /// The containers whose readings arrived in `[from, before)`, each with
    /// the first and last hour those readings were measured in.
    public func touchedHours(in city: MunicipalityID, receivedFrom from: Date, before: Date) async throws -> [ContainerID: ClosedRange<Int64>] {
        let rows = try await db.raw("""
            SELECT container_id, MIN(measured_at_ms) AS first_ms, MAX(measured_at_ms) AS last_ms FROM waste_readings
            WHERE municipality_id = \(bind: city.rawValue) AND received_at >= \(bind: from.epochSeconds) AND received_at < \(bind: before.epochSeconds)
              AND container_id IS NOT NULL
            GROUP BY container_id
            """).all()
        var touched: [ContainerID: ClosedRange<Int64>] = [:]
        for row in rows {
            let first = HourlyAggregate.hour(of: Reading(measuredAt: Date(epochMilliseconds: try row.int("first_ms"))))
            let last = HourlyAggregate.hour(of: Reading(measuredAt: Date(epochMilliseconds: try row.int("last_ms"))))
            touched[ContainerID(rawValue: try row.string("container_id"))] = first...max(first, last)
        }
        return touched
    }

    /// Writes these hours of a container over whatever they held.
    public func upsert(_ hours: [HourlyAggregate], of container: ContainerID, in city: MunicipalityID) async throws {
        for hour in hours {
            try await db.raw("""
                INSERT INTO waste_reading_hours (container_id, hour, municipality_id, readings, fill_min, fill_max, fill_last, temperature_max_dc,
                                                 battery_min_mv, solar_max_mv, alarms)
                VALUES (\(bind: container.rawValue), \(bind: hour.hour), \(bind: city.rawValue), \(bind: hour.readings), \(bind: hour.fillMin),
                        \(bind: hour.fillMax), \(bind: hour.fillLast), \(bind: hour.temperatureMaxTenths), \(bind: hour.batteryMinMillivolts),
                        \(bind: hour.solarMaxMillivolts), \(bind: hour.alarms.rawValue))
                ON CONFLICT (container_id, hour) DO UPDATE SET readings = excluded.readings, fill_min = excluded.fill_min, fill_max = excluded.fill_max,
                    fill_last = excluded.fill_last, temperature_max_dc = excluded.temperature_max_dc, battery_min_mv = excluded.battery_min_mv,
                    solar_max_mv = excluded.solar_max_mv, alarms = excluded.alarms
                """).run()
        }
    }

    /// A container's hours in `[from, to)`, oldest first.
    public func hours(of container: ContainerID, in city: MunicipalityID, from: Int64, to: Int64) async throws -> [HourlyAggregate] {
        try await db.raw("""
            SELECT * FROM waste_reading_hours WHERE container_id = \(bind: container.rawValue) AND municipality_id = \(bind: city.rawValue)
              AND hour >= \(bind: from) AND hour < \(bind: to) ORDER BY hour
            """).all().map(Self.hour)
    }

    /// Each container's best solar charge (mV) in the hours from `from` on, where its sensor reports one.
    public func solarBest(in city: MunicipalityID, fromHour from: Int64) async throws -> [ContainerID: Int] {
        let rows = try await db.raw("""
            SELECT container_id, MAX(solar_max_mv) AS best FROM waste_reading_hours
            WHERE municipality_id = \(bind: city.rawValue) AND hour >= \(bind: from) AND solar_max_mv IS NOT NULL
            GROUP BY container_id
            """).all()
        var best: [ContainerID: Int] = [:]
        for row in rows { best[ContainerID(rawValue: try row.string("container_id"))] = Int(clamping: try row.int("best")) }
        return best
    }

    /// Deletes the city's raw readings measured before `cutoff` that are
    /// already in the hours (received before the upkeep's mark). Returns how many.
    @discardableResult
    public func deleteReadings(in city: MunicipalityID, measuredBefore cutoff: Date, receivedBefore mark: Date) async throws -> Int {
        try await db.raw("""
            DELETE FROM waste_readings WHERE municipality_id = \(bind: city.rawValue) AND measured_at_ms < \(bind: cutoff.epochMilliseconds)
              AND received_at < \(bind: mark.epochSeconds)
            RETURNING sensor_id
            """).all().count
    }

    /// Until when the city's readings are in the hours; nil before the first round.
    public func upkeepMark(of city: MunicipalityID) async throws -> Date? {
        try await db.raw("SELECT aggregated_until FROM waste_upkeep WHERE municipality_id = \(bind: city.rawValue)").first()?.date("aggregated_until")
    }

    public func setUpkeepMark(_ mark: Date, of city: MunicipalityID) async throws {
        try await db.raw("""
            INSERT INTO waste_upkeep (municipality_id, aggregated_until) VALUES (\(bind: city.rawValue), \(bind: mark.epochSeconds))
            ON CONFLICT (municipality_id) DO UPDATE SET aggregated_until = excluded.aggregated_until
            """).run()
    }
}

extension ReadingRepository {
    /// Every container's hours in `[from, to)`, by container and hour.
    public func hours(in city: MunicipalityID, from: Int64, to: Int64) async throws -> [(container: ContainerID, hour: HourlyAggregate)] {
        try await db.raw("""
            SELECT * FROM waste_reading_hours WHERE municipality_id = \(bind: city.rawValue) AND hour >= \(bind: from) AND hour < \(bind: to)
            ORDER BY container_id, hour
            """).all().map { row in
                (ContainerID(rawValue: try row.string("container_id")), try Self.hour(row))
            }
    }

    static func hour(_ row: any SQLRow) throws -> HourlyAggregate {
        func int(_ column: String) throws -> Int? { try row.optionalInt(column).map { Int(clamping: $0) } }
        return HourlyAggregate(
            hour: try row.int("hour"), readings: Int(clamping: try row.int("readings")), fillMin: try int("fill_min"), fillMax: try int("fill_max"),
            fillLast: try int("fill_last"), temperatureMaxTenths: try int("temperature_max_dc"), batteryMinMillivolts: try int("battery_min_mv"),
            solarMaxMillivolts: try int("solar_max_mv"), alarms: ReadingAlarms(rawValue: Int(clamping: try row.int("alarms"))).intersection(.known))
    }
}
