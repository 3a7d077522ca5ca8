import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Routing

/// The day's collection, planned: each morning on the instance that holds
/// the `waste-plans` lease (once the day has no plan), and on demand by a
/// dispatcher until a crew reports the first stop.
///
/// Each container's fill when the round comes (eight in the morning, or
/// now if later) and a day after are its forecast's (`FillForecast`, from
/// four weeks of hours); the planner (`CollectionPlanner`) chooses and
/// routes them on the deployment's distances (`HROMADA_WASTE_OSRM_URL`, or
/// straight lines times a circuity factor). The city's fixed schedule for
/// the same day (each container every `fixedEveryDays` days, in turn) is
/// routed by the same solver on the same distances, for comparison.
public struct WastePlanning: Sendable {
    let services: AppServices

    /// Plans are made from this hour (Kyiv) on, for the round at `roundHour`.
    static let morningHour = 5, roundHour = 8
    static let historyDays: Int64 = 28

    /// The morning round: today's plan for every city with the module and none yet.
    public func morning() async throws {
        let now = services.clock.now()
        guard FillForecast.Rates.kyivHour(now) >= Self.morningHour else { return }
        let day = CalendarDate.inKyiv(now)
        for city in try await services.wasteCities(holding: "waste-plans", at: now) {
            let cityID = city.id
            guard try await services.store.read({ try await $0.wastePlans.plan(in: cityID, on: day) }) == nil else { continue }
            do {
                _ = try await plan(city, day: day, by: nil)
            } catch let error as AppError {
                // A city with no fleet registered yet has nothing to plan; said once a round, not thrown.
                services.logger.info("waste: no plan today", metadata: ["city": "\(city.slug)", "reason": "\(error)"])
            } catch {
                // One city's trouble (its OSRM server down) does not keep the next city's plan from being made; the next round tries again.
                services.logger.error("waste: the day could not be planned", metadata: ["city": "\(city.slug)", "error": "\(error)"])
            }
        }
    }

    /// A dispatcher's "plan now": today's plan made anew, unless a crew has started it.
    public func planNow(city: Municipality, principal: Principal?) async throws -> PlanRepository.StoredPlan {
        let staff = try requireStaff(.dispatchWaste, principal, in: city.id)
        let day = CalendarDate.inKyiv(services.clock.now())
        let (outcome, plan) = try await self.plan(city, day: day, by: staff.accountID)
        switch outcome {
        case .saved: break
        case .underWay: throw AppError.conflict(code: "waste_plan_under_way")
        case .raced: throw AppError.conflict(code: "waste_plan_raced")
        }
        let audit = services.audit, cityID = city.id
        try await services.store.write { tx in
            try await audit.record(
                tx, action: AuditAction.wastePlanMade, actor: staff.accountID, municipality: cityID, subject: plan.id.rawValue,
                details: ["day": day.description, "stops": String(plan.stops.count)])
        }
        return plan
    }

    /// Today's plan, for whoever may see it: dispatchers and crews.
    public func today(city: Municipality, principal: Principal?, as capability: Capability) async throws -> PlanRepository.StoredPlan? {
        _ = try requireStaff(capability, principal, in: city.id)
        let cityID = city.id, day = CalendarDate.inKyiv(services.clock.now())
        return try await services.store.read { try await $0.wastePlans.plan(in: cityID, on: day) }
    }

    /// A crew's report of one of today's stops, as the form or the API sends it: `emptied`, or `skipped` with a reason.
    public func report(_ stop: PlanStopID, outcome: String, reason: String, note: String, city: Municipality, principal: Principal?) async throws {
        let crew = try requireStaff(.crewWaste, principal, in: city.id)
        guard let outcome = StopOutcome(rawValue: outcome) else { throw AppError.invalid(code: "waste_stop_outcome_unknown", field: "outcome") }
        let why: SkipReason?
        if outcome == .skipped, !reason.isEmpty {
            guard let known = SkipReason(rawValue: reason) else { throw AppError.invalid(code: "waste_stop_reason_unknown", field: "reason") }
            why = known
        } else {
            why = nil
        }
        let report: StopReport
        do {
            report = try StopReport(outcome: outcome, reason: why, note: note)
        } catch {
            throw AppError.invalid(code: error.rawValue, field: error == .reasonMissing ? "reason" : "note")
        }
        let cityID = city.id, now = services.clock.now(), day = CalendarDate.inKyiv(now), audit = services.audit
        let reported = try await services.store.write { tx -> Bool in
            guard try await tx.wastePlans.report(stop, in: cityID, on: day, report, by: crew.accountID, at: now) else { return false }
            try await audit.record(
                tx, action: AuditAction.wasteStopReported, actor: crew.accountID, municipality: cityID, subject: stop.rawValue,
                details: ["outcome": outcome.rawValue, "reason": why?.rawValue ?? ""])
            return true
        }
        guard !reported else { return }
        let plan = try await services.store.read { try await $0.wastePlans.plan(in: cityID, on: day) }
        guard let found = plan?.stops.first(where: { $0.id == stop }), found.truck != nil else { throw AppError.notFound }
        throw AppError.conflict(code: "waste_stop_already_reported")
    }

    /// Plans `day` for the city and saves it in place of the one there (unless under way).
    func plan(
        _ city: Municipality, day: CalendarDate, by account: AccountID?, individuals effort: Int? = nil
    ) async throws -> (PlanRepository.Replaced, PlanRepository.StoredPlan) {
        let cityID = city.id, now = services.clock.now()
        let roundAt = max(now, Self.kyiv(day, hour: Self.roundHour))
        let roundHour = HourlyAggregate.hour(of: Reading(measuredAt: roundAt))
        let (containers, sites, trucks, facilities, latest, hours) = try await services.store.read { tx in
            (try await tx.wasteRegister.containers(in: cityID), try await tx.wasteRegister.sites(in: cityID), try await tx.wasteRegister.trucks(in: cityID),
             try await tx.wasteRegister.facilities(in: cityID), try await tx.wasteReadings.latest(in: cityID),
             try await tx.wasteReadings.hours(in: cityID, from: roundHour - Self.historyDays * 24, to: roundHour + 1))
        }
        guard !trucks.isEmpty else { throw AppError.invalid(code: "waste_plan_no_trucks", field: nil) }
        guard let (depot, transfer) = Self.yards(trucks: trucks, facilities: facilities) else {
            throw AppError.invalid(code: "waste_plan_no_depot", field: nil)
        }
        let settings = city.settings.waste
        let rules = Self.rules(settings)
        // Each container's fill at the round and a day later, from its forecast; without hours yet, its newest reading.
        let points = Dictionary(sites.map { ($0.id, $0.value.point) }, uniquingKeysWith: { first, _ in first })
        let byContainer = Dictionary(grouping: hours, by: \.container).mapValues { $0.map(\.hour) }
        let candidates: [CollectionPlanner.Candidate] = containers.compactMap { container in
            guard let point = points[container.value.container.site] else { return nil }
            let forecast = FillForecast.make(byContainer[container.id] ?? [], full: rules.fullPercent)
            guard let now = forecast.fill(at: roundHour) ?? latest[container.id]?.fillPercent else { return nil }
            let next = forecast.fill(at: roundHour + 24) ?? now
            return .init(container: container.id, point: point, volumeLitres: container.value.container.volumeLitres, fillAtRound: now, fillAtNextRound: next)
        }
        let vehicles = trucks.map { CollectionPlanner.Vehicle(truck: $0.id, capacityLitres: $0.value.capacityLitres, shiftMinutes: $0.value.shiftMinutes) }
        // One table over the depot, the transfer station and every container; each plan takes its rows.
        let provider = distances()
        let table = try await provider.provider.table([depot, transfer] + candidates.map(\.point))
        let chosen = CollectionPlanner.choose(candidates, rules: rules)
        let index = Dictionary(candidates.enumerated().map { ($0.element.container, $0.offset + 2) }, uniquingKeysWith: { first, _ in first })
        let limit = RoutingSolver.Limit.individuals(effort ?? individuals)
        let planned = try await Self.offloaded {
            try CollectionPlanner.plan(chosen, vehicles: vehicles, table: table.rows([0, 1] + chosen.compactMap { index[$0.candidate.container] }), rules: rules, limit: limit)
        }
        // The fixed schedule's day: every container whose turn it is, whatever it holds.
        var fixed: (metres: Int?, stops: Int) = (nil, 0)
        if settings.fixedEveryDays > 0 {
            let turn = CalendarDate(year: 1970, month: 1, day: 1).days(until: day) % settings.fixedEveryDays
            let due = candidates.sorted { $0.container.rawValue < $1.container.rawValue }.enumerated()
                .filter { $0.offset % settings.fixedEveryDays == turn }.map { (candidate: $0.element, mustGo: true) }
            let route = try await Self.offloaded {
                try CollectionPlanner.plan(due, vehicles: vehicles, table: table.rows([0, 1] + due.compactMap { index[$0.candidate.container] }), rules: rules, limit: limit)
            }
            fixed = (route.metres, due.count)
        }
        var stops: [PlanRepository.StoredStop] = []
        for route in planned.routes {
            for (position, stop) in route.stops.enumerated() {
                var stored = PlanRepository.StoredStop(
                    id: .random(), truck: route.truck, position: position + 1, container: stop.container, fill: stop.fill, litres: stop.litres, mustGo: stop.mustGo)
                stored.unloadsBefore = stop.unloadsBefore
                stops.append(stored)
            }
        }
        let fills = Dictionary(candidates.map { ($0.container, $0) }, uniquingKeysWith: { first, _ in first })
        for container in planned.leftOut {
            let fill = fills[container]?.fillAtRound ?? 0
            stops.append(.init(id: .random(), truck: nil, position: 0, container: container, fill: fill, litres: 0, mustGo: true))
        }
        let plan = PlanRepository.StoredPlan(
            id: .random(), city: cityID, day: day, plannedAt: now, plannedBy: account, distances: provider.name, metres: planned.metres,
            fixedMetres: fixed.metres, fixedStops: fixed.stops,
            routes: planned.routes.map { .init(truck: $0.truck, metres: $0.metres, seconds: $0.seconds, litres: $0.litres, trips: $0.trips) }, stops: stops)
        return (try await services.store.replaceWastePlan(plan), plan)
    }

    /// Where the trucks start (the first truck's depot, or the city's first) and unload (the
    /// city's first transfer station, or the depot when it has none); nil without a depot.
    static func yards(
        trucks: [WasteRegisterRepository.StoredTruck], facilities: [WasteRegisterRepository.StoredFacility]
    ) -> (depot: GeoPoint, transfer: GeoPoint)? {
        let own = trucks.first.flatMap { truck in facilities.first { $0.id == truck.value.depot } }
        guard let depot = own ?? facilities.first(where: { $0.value.kind == .depot }) else { return nil }
        return (depot.value.point, facilities.first { $0.value.kind == .transfer }?.value.point ?? depot.value.point)
    }

    /// The planner's lines: must-go at the full alert's, may-go at the city's own (never above full).
    static func rules(_ settings: WasteSettings) -> CollectionPlanner.Rules {
        var rules = CollectionPlanner.Rules()
        rules.fullPercent = settings.alerts.fullPercent
        rules.mayGoPercent = min(settings.mayGoPercent, settings.alerts.fullPercent)
        return rules
    }

    /// The deployment's distances: an OSRM server when one is named, else straight lines.
    func distances() -> (name: String, provider: any DistanceProvider) {
        let environment = services.configuration.environment
        if let url = environment["HROMADA_WASTE_OSRM_URL"], !url.isEmpty {
            return ("osrm", OSRMTable(base: url, profile: environment["HROMADA_WASTE_OSRM_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "driving"))
        }
        return ("straight-line", StraightLineDistances())
    }

    /// How hard the solver works on a day's plan (`HROMADA_WASTE_PLAN_INDIVIDUALS`, 10 to 100 000;
    /// a number of offspring rather than seconds, so the same morning gives the same plan).
    var individuals: Int {
        guard let text = services.configuration.environment["HROMADA_WASTE_PLAN_INDIVIDUALS"], let value = Int(text), (10...100_000).contains(value) else {
            return 500
        }
        return value
    }

    /// The solver is seconds of pure computing: it runs on its own thread, not on the server's few.
    static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// The instant a Kyiv day's hour begins.
    static func kyiv(_ day: CalendarDate, hour: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = FillForecast.Rates.kyiv
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour)) ?? Date(epochSeconds: 0)
    }
}

extension AppServices {
    public var wastePlanning: WastePlanning { .init(services: self) }
}
