import Foundation
import HromadaDomain

/// The containers as the public list, the API and the map show them:
/// each with its site's place and its newest reading.
enum WasteMap {
    static func containers(_ snapshot: RegisterService.Snapshot) -> [RegisterBodies.ContainerBody] {
        let sites = Dictionary(snapshot.sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return snapshot.containers.compactMap { stored in
            let container = stored.value.container
            guard let site = sites[container.site] else { return nil }
            let latest = snapshot.latest[stored.id]
            return RegisterBodies.ContainerBody(
                id: stored.id.rawValue, siteId: site.id.rawValue, siteName: site.value.name, address: site.value.address,
                longitude: site.value.point.longitude, latitude: site.value.point.latitude, fraction: container.fraction.rawValue,
                volumeLitres: container.volumeLitres, placement: container.placement.rawValue, hasSensor: stored.value.sensor != nil,
                fillPercent: latest?.fillPercent, measuredAt: latest?.measuredAt, temperatureC: latest?.temperatureTenths.map { Double($0) / 10 },
                alarms: alarmNames(latest?.alarms ?? []))
        }
    }

    static func alarmNames(_ alarms: ReadingAlarms) -> [String] {
        [(ReadingAlarms.full, "full"), (.fire, "fire"), (.tilted, "tilted"), (.lowBattery, "lowBattery")].compactMap { alarms.contains($0.0) ? $0.1 : nil }
    }
}
