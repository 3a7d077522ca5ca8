import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Waste

/// The day's plans on both databases: one plan a city and day, planned anew
/// only until a crew reports a stop; each stop reported once, in its own
/// city and day; the collections done read back for open data.
@Suite struct WastePlanContractTests {
    static let zhmerynka = WasteContractTests.zhmerynka, vinnytsia = WasteContractTests.vinnytsia
    static let t0 = WasteContractTests.t0
    static let day = CalendarDate(year: 2026, month: 9, day: 21)
    static let crew = AccountID(rawValue: "crew-1")

    /// A truck at a depot, and two containers.
    static func fleet(_ store: Store) async throws -> (TruckID, [ContainerID]) {
        let (site, _, first) = try await WasteContractTests.bin(store)
        let second = try WasteContractTests.container(at: site.id, sensor: nil)
        let (depot, truck) = try WasteContractTests.depotAndTruck()
        try await store.write { tx in
            #expect(try await tx.wasteRegister.insert(second))
            try await tx.wasteRegister.insert(depot)
            try await tx.wasteRegister.insert(truck)
        }
        return (truck.id, [first.id, second.id])
    }

    static func plan(_ truck: TruckID, _ containers: [ContainerID], metres: Int = 12_400, day: CalendarDate = day) -> PlanRepository.StoredPlan {
        .init(
            id: .random(), city: zhmerynka, day: day, plannedAt: t0, plannedBy: nil, distances: "straight-line", metres: metres, fixedMetres: 18_000,
            fixedStops: 5, routes: [.init(truck: truck, metres: metres, seconds: 5_400, litres: 8_000, trips: 1)],
            stops: containers.enumerated().map { index, container in
                var stop = PlanRepository.StoredStop(
                    id: .random(), truck: truck, position: index + 1, container: container, fill: 92 - index, litres: 4_000, mustGo: index == 0)
                stop.unloadsBefore = index == 1
                return stop
            } + [.init(id: .random(), truck: nil, position: 0, container: containers[0], fill: 99, litres: 4_950, mustGo: true)])
    }

    @Test(arguments: TestDatabase.available)
    func aDaysPlanIsPlannedAnewUntilACrewReportsAStop(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (truck, containers) = try await Self.fleet(store)
            let first = Self.plan(truck, containers)
            #expect(try await store.replaceWastePlan(first) == .saved)
            var stored = try #require(try await store.read { try await $0.wastePlans.plan(in: Self.zhmerynka, on: Self.day) })
            #expect(stored == first.sorted())
            #expect(try await store.read { try await $0.wastePlans.plan(in: Self.vinnytsia, on: Self.day) } == nil)
            // Planned again before anyone reported: the new plan replaces the old, stops and routes too.
            let second = Self.plan(truck, containers.reversed(), metres: 9_900)
            #expect(try await store.replaceWastePlan(second) == .saved)
            stored = try #require(try await store.read { try await $0.wastePlans.plan(in: Self.zhmerynka, on: Self.day) })
            #expect(stored == second.sorted())
            // A crew reports a stop: the plan stands.
            let report = try StopReport(outcome: .emptied, reason: nil, note: "")
            let stop = try #require(second.stops.first)
            #expect(try await store.write { try await $0.wastePlans.report(stop.id, in: Self.zhmerynka, on: Self.day, report, by: Self.crew, at: Self.t0) })
            #expect(try await store.replaceWastePlan(Self.plan(truck, containers)) == .underWay)
            stored = try #require(try await store.read { try await $0.wastePlans.plan(in: Self.zhmerynka, on: Self.day) })
            #expect(stored.id == second.id && stored.isUnderWay)
            // Another day is its own.
            let tomorrow = Self.plan(truck, containers, day: Self.day.adding(days: 1))
            #expect(try await store.replaceWastePlan(tomorrow) == .saved)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoHundredSimultaneousReportsOfOneStopLeaveOne(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (truck, containers) = try await Self.fleet(store)
            let plan = Self.plan(truck, containers)
            #expect(try await store.replaceWastePlan(plan) == .saved)
            let stop = try #require(plan.stops.first)
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let report = index.isMultiple(of: 2)
                            ? try StopReport(outcome: .emptied, reason: nil, note: "")
                            : try StopReport(outcome: .skipped, reason: .blocked, note: "авто \(index)")
                        return try await store.write { try await $0.wastePlans.report(stop.id, in: Self.zhmerynka, on: Self.day, report, by: Self.crew, at: Self.t0) }
                    }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(accepted == 1)
            let stored = try #require(try await store.read { try await $0.wastePlans.plan(in: Self.zhmerynka, on: Self.day) })
            #expect(stored.stops.filter { $0.outcome != nil }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aStopIsReportedOnlyInItsCityOnItsDayAndOnlyOnATruck(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (truck, containers) = try await Self.fleet(store)
            let plan = Self.plan(truck, containers)
            #expect(try await store.replaceWastePlan(plan) == .saved)
            let report = try StopReport(outcome: .skipped, reason: .damaged, note: "кришка")
            let stop = try #require(plan.stops.first), leftOut = try #require(plan.stops.last)
            #expect(try await store.write { try await $0.wastePlans.report(stop.id, in: Self.vinnytsia, on: Self.day, report, by: Self.crew, at: Self.t0) } == false)
            #expect(try await store.write { try await $0.wastePlans.report(stop.id, in: Self.zhmerynka, on: Self.day.adding(days: 1), report, by: Self.crew, at: Self.t0) } == false)
            #expect(try await store.write { try await $0.wastePlans.report(leftOut.id, in: Self.zhmerynka, on: Self.day, report, by: Self.crew, at: Self.t0) } == false)
            #expect(try await store.write { try await $0.wastePlans.report(stop.id, in: Self.zhmerynka, on: Self.day, report, by: Self.crew, at: Self.t0) })
            let stored = try #require(try await store.read { try await $0.wastePlans.plan(in: Self.zhmerynka, on: Self.day) })
            let reported = try #require(stored.stops.first { $0.id == stop.id })
            #expect(reported.outcome == .skipped && reported.reason == .damaged && reported.note == "кришка" && reported.decidedBy == Self.crew)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCollectionsDoneAreTheEmptiedStopsInTheirTime(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (truck, containers) = try await Self.fleet(store)
            let plan = Self.plan(truck, containers)
            #expect(try await store.replaceWastePlan(plan) == .saved)
            let emptied = try StopReport(outcome: .emptied, reason: nil, note: ""), skipped = try StopReport(outcome: .skipped, reason: .blocked, note: "")
            #expect(try await store.write { try await $0.wastePlans.report(plan.stops[0].id, in: Self.zhmerynka, on: Self.day, emptied, by: Self.crew, at: Self.t0) })
            #expect(try await store.write { try await $0.wastePlans.report(plan.stops[1].id, in: Self.zhmerynka, on: Self.day, skipped, by: Self.crew, at: Self.t0) })
            let done = try await store.read { try await $0.wastePlans.emptied(in: Self.zhmerynka, from: Self.t0, to: Self.t0.addingTimeInterval(1), limit: 10) }
            #expect(done.map(\.stop.id) == [plan.stops[0].id] && done.first?.day == Self.day)
            #expect(try await store.read { try await $0.wastePlans.emptied(in: Self.zhmerynka, from: Self.t0.addingTimeInterval(1), to: Self.t0.addingTimeInterval(60), limit: 10) }.isEmpty)
            #expect(try await store.read { try await $0.wastePlans.emptied(in: Self.vinnytsia, from: Self.t0, to: Self.t0.addingTimeInterval(1), limit: 10) }.isEmpty)
        }
    }
}

extension PlanRepository.StoredPlan {
    /// In the order the store reads it back: each truck's stops by position, those on no truck last; routes by truck.
    func sorted() -> Self {
        var plan = self
        func key(_ stop: PlanRepository.StoredStop) -> (Int, String, Int, String) {
            (stop.truck == nil ? 1 : 0, stop.truck?.rawValue ?? "", stop.position, stop.id.rawValue)
        }
        plan.stops.sort { key($0) < key($1) }
        plan.routes.sort { $0.truck.rawValue < $1.truck.rawValue }
        return plan
    }
}
