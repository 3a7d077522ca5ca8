import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Waste
import HromadaModules

/// The day's collection as the dispatcher and the crew meet it: the plan
/// made on demand from the demo's bins, its routes and the fixed
/// schedule's distance on the dispatcher's page; the crew's stops in order,
/// each reported once; the plan kept once a crew starts; the route alerts
/// after the shift; and no one else sees any of it.
@Suite struct WasteDayTests {
    static func plan(_ harness: WebHarness) async throws -> PlanRepository.StoredPlan? {
        let city = try await harness.city("zhmerynka"), day = CalendarDate.inKyiv(harness.clock.now())
        return try await harness.services.store.read { try await $0.wastePlans.plan(in: city.id, on: day) }
    }

    @Test(arguments: TestDatabase.available)
    func theDispatcherPlansTheDayAndTheCrewReportsEachStopOnce(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var dispatcher = Browser(client)
            try await dispatcher.signIn(WasteWebTests.admin.0, WasteWebTests.admin.1)
            let empty = try await dispatcher.get("/zhmerynka/admin/waste/day")
            #expect(empty.status == .ok && empty.body.contains("плану ще немає"))
            // Without the form's token nothing is planned.
            #expect(try await dispatcher.post("/zhmerynka/admin/waste/day/plan", [], csrf: false).status == .forbidden)
            #expect(try await Self.plan(harness) == nil)
            let planned = try await dispatcher.post("/zhmerynka/admin/waste/day/plan", [])
            #expect(planned.status == .seeOther && planned.location == "/zhmerynka/admin/waste/day?done=planned")
            let plan = try #require(try await Self.plan(harness))
            #expect(!plan.routes.isEmpty && plan.fixedMetres != nil && plan.plannedBy != nil)
            // Every stop on a truck is must-go (full, or full by tomorrow's round: a fast filler may be under 60 % now) or over the may-go line.
            #expect(plan.stops.allSatisfy { $0.truck == nil || $0.mustGo || $0.fill >= 60 })
            #expect(plan.routes.allSatisfy { $0.litres <= 22_000 * $0.trips && $0.seconds <= 480 * 60 })
            // Every must-go container has a truck: with loads unloaded on the way the demo's two trucks take all.
            #expect(plan.stops.allSatisfy { $0.truck != nil })
            let page = try await dispatcher.get("/zhmerynka/admin/waste/day?done=planned")
            #expect(page.body.contains("Маніпулятор МАЗ № 1") && page.body.contains("За фіксованим графіком") && page.body.contains("data-shape="))
            #expect(page.body.contains("Спланувати знову"))

            // The crew: the truck's stops in order, each with a map link.
            let route = try #require(plan.routes.first)
            let stops = plan.stops.filter { $0.truck == route.truck }
            var crew = Browser(client)
            try await crew.signIn(WasteWebTests.admin.0, WasteWebTests.admin.1)
            let list = try await crew.get("/zhmerynka/waste/crew?truck=\(route.truck.rawValue)")
            #expect(list.status == .ok)
            let positions = try stops.map { try #require(list.body.range(of: "id=\"stop-\($0.id.rawValue)\"")).lowerBound }
            #expect(positions == positions.sorted(), "stops in the route's order")
            #expect(list.body.contains("href=\"geo:"))
            let first = try #require(stops.first), second = try #require(stops.dropFirst().first)
            let reported = try await crew.post("/zhmerynka/waste/crew/stops/\(first.id.rawValue)", [("outcome", "emptied"), ("truck", route.truck.rawValue)])
            #expect(reported.status == .seeOther)
            #expect(try await crew.post("/zhmerynka/waste/crew/stops/\(first.id.rawValue)", [("outcome", "skipped"), ("reason", "blocked")]).status == .conflict)
            // A skip needs its reason; "other" its note. Refused on the page, nothing stored.
            let noReason = try await crew.post("/zhmerynka/waste/crew/stops/\(second.id.rawValue)", [("outcome", "skipped"), ("reason", "")])
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("Оберіть, чому контейнер пропущено"))
            #expect(try await crew.post("/zhmerynka/waste/crew/stops/\(second.id.rawValue)", [("outcome", "skipped"), ("reason", "other")]).status == .unprocessableContent)
            #expect(try await crew.post("/zhmerynka/waste/crew/stops/\(second.id.rawValue)", [("outcome", "maybe")]).status == .unprocessableContent)
            #expect(try await crew.post("/zhmerynka/waste/crew/stops/nowhere", [("outcome", "emptied")]).status == .notFound)
            #expect(try await crew.post("/zhmerynka/waste/crew/stops/\(second.id.rawValue)", [("outcome", "skipped"), ("reason", "blocked"), ("note", "Авто на майданчику")])
                .status == .seeOther)
            let after = try #require(try await Self.plan(harness))
            #expect(after.stops.first { $0.id == first.id }?.outcome == .emptied)
            let skipped = try #require(after.stops.first { $0.id == second.id })
            #expect(skipped.outcome == .skipped && skipped.reason == .blocked && skipped.note == "Авто на майданчику")
            let city = try await harness.city("zhmerynka")
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 1_000) }
            #expect(entries.filter { $0.action == AuditAction.wasteStopReported }.count == 2)
            #expect(entries.filter { $0.action == AuditAction.wastePlanMade }.count == 1)

            // The collection done is open data, without the truck or who reported it; the skipped one is not a collection.
            let open = try await client.execute(uri: "/api/v1/zhmerynka/open-data/waste/collections.csv", method: .get)
            let csv = String(buffer: open.body)
            #expect(open.status == .ok && csv.hasPrefix("date,containerId,emptiedAt,plannedFillPercent,mustGo"))
            let today = CalendarDate.inKyiv(harness.clock.now()).description
            let todays = csv.split(separator: "\r\n").filter { $0.hasPrefix(today) }
            #expect(todays.count == 1 && todays.first?.contains(first.container.rawValue) == true, "\(csv)")
            #expect(!csv.contains(route.truck.rawValue) && !csv.contains(first.id.rawValue))

            // Under way: planning again is refused and the plan stays.
            let again = try await dispatcher.get("/zhmerynka/admin/waste/day")
            #expect(!again.body.contains("Спланувати знову") && again.body.contains("Відзвітовано: 2 з"))
            #expect(try await dispatcher.post("/zhmerynka/admin/waste/day/plan", []).status == .conflict)
            #expect(try await Self.plan(harness)?.id == plan.id)
        }
    }

    @Test func theMorningRoundPlansEachCityOnceAndLeavesADispatchersPlanAlone() async throws {
        try await WebHarness.run { harness, client in
            // Six in the morning, Kyiv time, tomorrow: past the round's hour whenever the test runs.
            let tomorrow = CalendarDate.inKyiv(harness.clock.now()).adding(days: 1)
            harness.clock.set(WastePlanning.kyiv(tomorrow, hour: 6))
            try await harness.services.wastePlanning.morning()
            let zhmerynka = try await harness.city("zhmerynka"), vinnytsia = try await harness.city("vinnytsia")
            let first = try #require(try await harness.services.store.read { try await $0.wastePlans.plan(in: zhmerynka.id, on: tomorrow) })
            #expect(first.plannedBy == nil && !first.routes.isEmpty)
            #expect(try await harness.services.store.read { try await $0.wastePlans.plan(in: vinnytsia.id, on: tomorrow) } != nil)
            // The next round finds the day planned and plans nothing.
            harness.clock.advance(by: 300)
            try await harness.services.wastePlanning.morning()
            #expect(try await harness.services.store.read { try await $0.wastePlans.plan(in: zhmerynka.id, on: tomorrow) }?.id == first.id)
        }
    }

    @Test func noOneButTheCitysDispatchersAndCrewsSeesTheDay() async throws {
        try await WebHarness.run { harness, client in
            var visitor = Browser(client)
            #expect(try await visitor.get("/zhmerynka/waste/crew").status == .unauthorized)
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await resident.get("/zhmerynka/admin/waste/day").status == .notFound)
            #expect(try await resident.get("/zhmerynka/waste/crew").status == .notFound)
            #expect(try await resident.post("/zhmerynka/admin/waste/day/plan", []).status == .notFound)
            var other = Browser(client)
            try await other.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            #expect(try await other.get("/zhmerynka/admin/waste/day").status == .notFound)
            #expect(try await other.post("/zhmerynka/admin/waste/day/plan", []).status == .notFound)
            #expect(try await Self.plan(harness) == nil)
        }
    }

    @Test func fiftySimultaneousReportsOfOneStopLeaveOneAndOneAuditEntry() async throws {
        try await WebHarness.run { harness, client in
            let city = try await harness.city("zhmerynka")
            let principal = try await harness.principal(WasteWebTests.admin.0)
            let plan = try await harness.services.wastePlanning.planNow(city: city, principal: principal)
            let stop = try #require(plan.stops.first { $0.truck != nil })
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        do {
                            try await harness.services.wastePlanning.report(
                                stop.id, outcome: index.isMultiple(of: 2) ? "emptied" : "skipped", reason: "blocked", note: "", city: city, principal: principal)
                            return true
                        } catch AppError.conflict(let code) {
                            #expect(code == "waste_stop_already_reported")
                            return false
                        }
                    }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(accepted == 1)
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 1_000) }
            #expect(entries.filter { $0.action == AuditAction.wasteStopReported }.count == 1)
        }
    }

    @Test func aStopNotEmptiedByTheEndOfItsShiftRaisesMissedStopAndAnEmptiedOneDoesNot() async throws {
        try await WebHarness.run { harness, client in
            let city = try await harness.city("zhmerynka")
            let principal = try await harness.principal(WasteWebTests.admin.0)
            let plan = try await harness.services.wastePlanning.planNow(city: city, principal: principal)
            let onTrucks = plan.stops.filter { $0.truck != nil }
            let emptied = try #require(onTrucks.first), forgotten = try #require(onTrucks.last)
            try await harness.services.wastePlanning.report(emptied.id, outcome: "emptied", reason: "", note: "", city: city, principal: principal)
            try await harness.services.wasteAlerts.routeRound()
            func missed() async throws -> Set<ContainerID> {
                Set(try await harness.services.store.read { try await $0.wasteAlerts.alerts(in: city.id, open: true, limit: 1_000) }
                    .filter { $0.kind == .missedStop }.map(\.container))
            }
            // During the shift nothing is missed.
            #expect(try await missed().isEmpty)
            // The shift (eight hours from the round's start: eight in the morning,
            // or now if later) and the grace (30 minutes) later, whatever the hour
            // the test runs at.
            let now = harness.clock.now()
            let roundStart = max(now, WastePlanning.kyiv(CalendarDate.inKyiv(now), hour: WastePlanning.roundHour))
            harness.clock.advance(by: roundStart.timeIntervalSince(now) + Double((480 + 31) * 60))
            try await harness.services.wasteAlerts.routeRound()
            let found = try await missed()
            #expect(found.contains(forgotten.container))
            #expect(!found.contains(emptied.container) || onTrucks.contains { $0.container == emptied.container && $0.id != emptied.id })
        }
    }
}
