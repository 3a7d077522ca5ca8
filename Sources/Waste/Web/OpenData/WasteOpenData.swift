import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Smart waste as open data: the containers and where they stand, each
/// container's daily fill statistics from its hours, and the collections
/// done. Never a device id or key, nothing about who keeps the register,
/// and nothing that follows a crew (no truck, no one who reported).
enum WasteOpenData {
    static let datasets: [OpenDataset] = [containers, fillDaily, collections]

    /// The last year's planned stops the crews reported emptied, oldest first.
    static let collections = OpenDataset(
        "collections", strings: "open_data.waste.collections", frequency: .continuous,
        fields: [
            OpenDataField("date", .date), OpenDataField("containerId", .text), OpenDataField("emptiedAt", .datetime),
            OpenDataField("plannedFillPercent", .integer, unit: "%"), OpenDataField("mustGo", .boolean),
        ]
    ) { services, city in
        let cityID = city.id, now = services.clock.now()
        let done = try await services.store.read {
            try await $0.wastePlans.emptied(in: cityID, from: now.addingTimeInterval(-366 * 86_400), to: now.addingTimeInterval(1), limit: 1_000_000)
        }
        return done.map { day, stop -> OpenDataRow in
            [.date(day), .text(stop.container.rawValue), .optional(stop.decidedAt), .int(stop.fill), .boolean(stop.mustGo)]
        }
    }

    static let containers = OpenDataset(
        "containers", strings: "open_data.waste.containers", frequency: .continuous,
        fields: [
            OpenDataField("containerId", .text), OpenDataField("siteId", .text), OpenDataField("siteName", .text), OpenDataField("address", .text),
            OpenDataField("longitude", .decimal), OpenDataField("latitude", .decimal), OpenDataField("fraction", .text),
            OpenDataField("volumeLitres", .integer, unit: "l"), OpenDataField("placement", .text), OpenDataField("maker", .text),
            OpenDataField("installedOn", .date), OpenDataField("hasSensor", .boolean),
        ]
    ) { services, city in
        let snapshot = try await services.wasteRegister.snapshot(of: city.id)
        let sites = Dictionary(snapshot.sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return snapshot.containers.compactMap { stored -> OpenDataRow? in
            let container = stored.value.container
            guard let site = sites[container.site] else { return nil }
            return [
                .text(stored.id.rawValue), .text(site.id.rawValue), .text(site.value.name), .text(site.value.address),
                .number(site.value.point.longitude), .number(site.value.point.latitude), .text(container.fraction.rawValue), .int(container.volumeLitres),
                .text(container.placement.rawValue), .text(container.maker), container.installedOn.map(OpenDataValue.date) ?? .null,
                .boolean(stored.value.sensor != nil),
            ]
        }
    }

    /// The days of the last year, container by container.
    static let fillDaily = OpenDataset(
        "fill-daily", strings: "open_data.waste.fill_daily", frequency: .daily,
        fields: [
            OpenDataField("date", .date), OpenDataField("containerId", .text), OpenDataField("readings", .integer),
            OpenDataField("fillMinPercent", .integer, unit: "%"), OpenDataField("fillMaxPercent", .integer, unit: "%"),
            OpenDataField("fillLastPercent", .integer, unit: "%"), OpenDataField("temperatureMaxC", .decimal, unit: "°C"),
            OpenDataField("alarms", .text, isList: true),
        ]
    ) { services, city in
        let cityID = city.id, now = services.clock.now()
        let to = now.epochSeconds / 3_600 + 1, from = to - 366 * 24
        let hours = try await services.store.read { try await $0.wasteReadings.hours(in: cityID, from: from, to: to) }
        let byContainer = Dictionary(grouping: hours, by: \.container)
        let days = byContainer.flatMap { container, hours in DailyFill.days(of: hours.map(\.hour)).map { (container, $0) } }
            .sorted { ($0.1.day, $0.0.rawValue) < ($1.1.day, $1.0.rawValue) }
        return days.map { container, day -> OpenDataRow in
            [
                .date(day.day), .text(container.rawValue), .int(day.readings), .optional(day.fillMin), .optional(day.fillMax), .optional(day.fillLast),
                day.temperatureMaxTenths.map { .number(Double($0) / 10) } ?? .null, .list(WasteMap.alarmNames(day.alarms).map(OpenDataValue.text)),
            ]
        }
    }
}
