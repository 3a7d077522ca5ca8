import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The readings' upkeep, a round every few minutes on the instance that
/// holds the `waste-upkeep` lease: what arrived since the last round is
/// made into hours (each touched hour recomputed whole from its raw
/// readings, so a late or retried reading lands in its hour), and raw
/// readings older than the city's retention, once in the hours, are deleted.
public struct WasteUpkeep: Sendable {
    let services: AppServices

    /// Readings are answered once durable, but a request timed at one second
    /// may commit in the next: the mark stays this far behind the clock.
    static let settle: TimeInterval = 60

    public func round() async throws {
        let now = services.clock.now()
        for city in try await services.wasteCities(holding: "waste-upkeep", at: now) {
            try await aggregate(city, until: now.addingTimeInterval(-Self.settle))
            try await expire(city, at: now)
        }
    }

    /// Hours for every reading received in `[mark, until)`.
    func aggregate(_ city: Municipality, until: Date) async throws {
        let cityID = city.id
        let mark = try await services.store.read { try await $0.wasteReadings.upkeepMark(of: cityID) } ?? Date(epochSeconds: 0)
        guard mark < until else { return }
        let touched = try await services.store.read { try await $0.wasteReadings.touchedHours(in: cityID, receivedFrom: mark, before: until) }
        for (container, range) in touched {
            let from = Date(epochMilliseconds: range.lowerBound * HourlyAggregate.millisecondsPerHour)
            let to = Date(epochMilliseconds: (range.upperBound + 1) * HourlyAggregate.millisecondsPerHour)
            let readings = try await services.store.read { try await $0.wasteReadings.readings(of: container, in: cityID, from: from, to: to, limit: 1_000_000) }
            let hours = HourlyAggregate.hours(of: readings)
            try await services.store.write { try await $0.wasteReadings.upsert(hours, of: container, in: cityID) }
        }
        try await services.store.write { try await $0.wasteReadings.setUpkeepMark(until, of: cityID) }
    }

    /// Raw readings past the city's retention, once they are in the hours.
    func expire(_ city: Municipality, at now: Date) async throws {
        let cityID = city.id
        guard let mark = try await services.store.read({ try await $0.wasteReadings.upkeepMark(of: cityID) }) else { return }
        let cutoff = now.addingTimeInterval(-Double(city.settings.waste.retentionDays) * 86_400)
        _ = try await services.store.write { try await $0.wasteReadings.deleteReadings(in: cityID, measuredBefore: cutoff, receivedBefore: mark) }
    }
}

extension AppServices {
    public var wasteUpkeep: WasteUpkeep { .init(services: self) }

    /// The cities with the waste module, when this instance holds `lease`; none when it does not.
    /// Every periodic round of the module walks these.
    func wasteCities(holding lease: String, at now: Date) async throws -> [Municipality] {
        guard try await holdsLease(lease, at: now) else { return [] }
        let cities = try await store.read { try await $0.municipalities.all() }
        return cities.filter { city in modules.enabled(in: city).contains { $0.slug == .waste } }
    }
}
