import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Waste

/// The alerts on both databases: one alert of a kind stands per container
/// however many raise it at once, a cleared alert lets the next one in,
/// acknowledging and closing happen once and only in the alert's city.
@Suite struct WasteAlertContractTests {
    static let zhmerynka = WasteContractTests.zhmerynka, vinnytsia = WasteContractTests.vinnytsia
    static let t0 = WasteContractTests.t0
    static let staff = AccountID(rawValue: "staff-1")

    static func alert(_ container: ContainerID, _ kind: AlertKind = .full, value: Int = 93, at instant: Date = t0, city: MunicipalityID = zhmerynka)
        -> AlertRepository.StoredAlert
    {
        .init(id: .random(), city: city, container: container, kind: kind, evidence: AlertEvidence(value: value, unit: .percent, observedAt: instant), raisedAt: instant)
    }

    @Test(arguments: TestDatabase.available)
    func oneAlertOfAKindStandsPerContainerHoweverManyRaiseItAtOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (_, _, container) = try await WasteContractTests.bin(store)
            let raised = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await store.write { try await $0.wasteAlerts.raise(Self.alert(container.id)) } }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(raised == 1)
            // Another kind stands beside it.
            #expect(try await store.write { try await $0.wasteAlerts.raise(Self.alert(container.id, .fire, value: 650)) })
            let standing = try await store.read { try await $0.wasteAlerts.standing(in: Self.zhmerynka) }
            #expect(Set(standing[container.id]?.keys.map(\.self) ?? []) == [.full, .fire])
            #expect(try await store.read { try await $0.wasteAlerts.standing(in: Self.vinnytsia) }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aClearedAlertLetsTheNextOneInAndKeepsItsOwnRecord(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (_, _, container) = try await WasteContractTests.bin(store)
            let first = Self.alert(container.id)
            #expect(try await store.write { try await $0.wasteAlerts.raise(first) })
            let later = Self.t0.addingTimeInterval(600)
            try await store.write { try await $0.wasteAlerts.seen(first.id, evidence: AlertEvidence(value: 97, unit: .percent, observedAt: later), at: later) }
            var stored = try #require(try await store.read { try await $0.wasteAlerts.alert(first.id, in: Self.zhmerynka) })
            #expect(stored.evidence.value == 97)
            #expect(stored.lastSeenAt == later)
            #expect(stored.raisedAt == Self.t0)
            try await store.write { try await $0.wasteAlerts.clear(first.id, at: later) }
            #expect(try await store.read { try await $0.wasteAlerts.standing(in: Self.zhmerynka) }.isEmpty)
            let second = Self.alert(container.id, at: later.addingTimeInterval(3_600))
            #expect(try await store.write { try await $0.wasteAlerts.raise(second) })
            stored = try #require(try await store.read { try await $0.wasteAlerts.alert(first.id, in: Self.zhmerynka) })
            #expect(stored.clearedAt == later)
            // A cleared alert's figure stays as it was when it cleared.
            try await store.write { try await $0.wasteAlerts.seen(first.id, evidence: AlertEvidence(value: 5, unit: .percent, observedAt: later), at: later) }
            #expect(try await store.read { try await $0.wasteAlerts.alert(first.id, in: Self.zhmerynka) }?.evidence.value == 97)
            let listed = try await store.read { try await $0.wasteAlerts.alerts(of: container.id, in: Self.zhmerynka, limit: 10) }
            #expect(listed.map(\.id) == [second.id, first.id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func anAlertIsAcknowledgedOnceAndClosedOnceInItsOwnCity(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (_, _, container) = try await WasteContractTests.bin(store)
            let alert = Self.alert(container.id)
            #expect(try await store.write { try await $0.wasteAlerts.raise(alert) })
            let t1 = Self.t0.addingTimeInterval(60), t2 = Self.t0.addingTimeInterval(120)
            // Another city's staff cannot touch it.
            #expect(try await store.write { try await $0.wasteAlerts.acknowledge(alert.id, in: Self.vinnytsia, by: Self.staff, at: t1) } == false)
            #expect(try await store.write { try await $0.wasteAlerts.close(alert.id, in: Self.vinnytsia, by: Self.staff, note: "", at: t1) } == false)
            #expect(try await store.read { try await $0.wasteAlerts.alert(alert.id, in: Self.vinnytsia) } == nil)
            #expect(try await store.write { try await $0.wasteAlerts.acknowledge(alert.id, in: Self.zhmerynka, by: Self.staff, at: t1) })
            #expect(try await store.write { try await $0.wasteAlerts.acknowledge(alert.id, in: Self.zhmerynka, by: Self.staff, at: t2) } == false)
            #expect(try await store.read { try await $0.wasteAlerts.alerts(in: Self.zhmerynka, open: true, limit: 10) }.map(\.id) == [alert.id])
            let closes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<20 {
                    group.addTask { try await store.write { try await $0.wasteAlerts.close(alert.id, in: Self.zhmerynka, by: Self.staff, note: "вивезено \(n)", at: t2) } }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(closes == 1)
            let closed = try #require(try await store.read { try await $0.wasteAlerts.alert(alert.id, in: Self.zhmerynka) })
            #expect(closed.acknowledgedAt == t1)
            #expect(closed.closedAt == t2)
            #expect(closed.closedBy == Self.staff)
            #expect(closed.note.hasPrefix("вивезено"))
            #expect(try await store.read { try await $0.wasteAlerts.alerts(in: Self.zhmerynka, open: true, limit: 10) }.isEmpty)
            #expect(try await store.read { try await $0.wasteAlerts.alerts(in: Self.zhmerynka, open: false, limit: 10) }.map(\.id) == [alert.id])
            // Closed but its condition still holds: it still stands, so the rule raises no new one.
            #expect(try await store.write { try await $0.wasteAlerts.raise(Self.alert(container.id)) } == false)
        }
    }

    @Test(arguments: TestDatabase.available)
    func recentReadingsAndTheBestSolarChargeAreFoundPerContainer(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (_, sensor, container) = try await WasteContractTests.bin(store)
            let readings = (0..<6).map { WasteContractTests.incoming(sensor.id, container.id, minute: $0 * 10) }
            try await store.write { _ = try await $0.wasteReadings.insert(readings) }
            let recent = try await store.read { try await $0.wasteReadings.recent(in: Self.zhmerynka, since: Self.t0.addingTimeInterval(25 * 60)) }
            #expect(recent[container.id]?.map(\.measuredAt) == [30, 40, 50].map { Self.t0.addingTimeInterval(Double($0) * 60) })
            #expect(try await store.read { try await $0.wasteReadings.recent(in: Self.vinnytsia, since: Self.t0) }.isEmpty)
            let hour = HourlyAggregate.hour(of: Reading(measuredAt: Self.t0))
            let hours = [4_100, 6_200, 5_000].enumerated().flatMap { offset, best in
                HourlyAggregate.hours(of: [Reading(measuredAt: Self.t0.addingTimeInterval(Double(offset) * 3_600), solarMillivolts: best)])
            }
            try await store.write { try await $0.wasteReadings.upsert(hours, of: container.id, in: Self.zhmerynka) }
            #expect(try await store.read { try await $0.wasteReadings.solarBest(in: Self.zhmerynka, fromHour: hour) } == [container.id: 6_200])
            #expect(try await store.read { try await $0.wasteReadings.solarBest(in: Self.zhmerynka, fromHour: hour + 2) } == [container.id: 5_000])
        }
    }
}
