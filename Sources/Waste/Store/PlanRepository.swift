import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The day's collection plans, their routes and stops, and what crews report.
public struct PlanRepository: Sendable {
    let db: any SQLDatabase

    public struct StoredPlan: Sendable, Equatable {
        public let id: CollectionPlanID
        public let city: MunicipalityID
        /// The Kyiv date the plan is for.
        public let day: CalendarDate
        public let plannedAt: Date
        /// Who asked for it; nil when the morning's round made it.
        public let plannedBy: AccountID?
        /// Where the distances came from: `straight-line` or `osrm`.
        public let distances: String
        public let metres: Int
        /// The fixed schedule's route for the day, on the same distances; nil when the city keeps none.
        public let fixedMetres: Int?
        public let fixedStops: Int
        public var routes: [StoredRoute]
        /// Every stop, each truck's in order; stops with no truck are must-go containers the fleet could not take.
        public var stops: [StoredStop]

        public init(
            id: CollectionPlanID, city: MunicipalityID, day: CalendarDate, plannedAt: Date, plannedBy: AccountID?, distances: String, metres: Int,
            fixedMetres: Int?, fixedStops: Int, routes: [StoredRoute], stops: [StoredStop]
        ) {
            self.id = id
            self.city = city
            self.day = day
            self.plannedAt = plannedAt
            self.plannedBy = plannedBy
            self.distances = distances
            self.metres = metres
            self.fixedMetres = fixedMetres
            self.fixedStops = fixedStops
            self.routes = routes
            self.stops = stops
        }

        /// A crew has reported a stop: the plan is under way and stays as it is.
        public var isUnderWay: Bool { stops.contains { $0.outcome != nil } }
    }

    public struct StoredRoute: Sendable, Equatable {
        public let truck: TruckID
        public let metres: Int
        public let seconds: Int
        /// All its loads together.
        public let litres: Int
        /// Loads taken to the transfer station.
        public let trips: Int

        public init(truck: TruckID, metres: Int, seconds: Int, litres: Int, trips: Int) {
            self.truck = truck
            self.metres = metres
            self.seconds = seconds
            self.litres = litres
            self.trips = trips
        }
    }

    public struct StoredStop: Sendable, Equatable {
        public let id: PlanStopID
        public let truck: TruckID?
        /// From 1, in the truck's order.
        public let position: Int
        public let container: ContainerID
        public let fill: Int
        public let litres: Int
        public let mustGo: Bool
        /// The truck unloads at the transfer station on the way to this stop.
        public var unloadsBefore = false
        public var outcome: StopOutcome?
        public var reason: SkipReason?
        public var note = ""
        public var decidedAt: Date?
        public var decidedBy: AccountID?

        public init(id: PlanStopID, truck: TruckID?, position: Int, container: ContainerID, fill: Int, litres: Int, mustGo: Bool) {
            self.id = id
            self.truck = truck
            self.position = position
            self.container = container
            self.fill = fill
            self.litres = litres
            self.mustGo = mustGo
        }
    }

    /// What `replace` did.
    public enum Replaced: Sendable, Equatable {
        case saved
        /// A crew has reported a stop of the day's plan: it stands, unchanged.
        case underWay
        /// Another planning of the same day saved first.
        case raced
    }

    /// Thrown inside the transaction to roll back a replacement that found a reported stop.
    struct UnderWay: Error {}

    /// Saves the day's plan in place of the one there, unless a crew has
    /// reported a stop of it. Run inside `Store.write`: it throws `UnderWay`
    /// to roll back, which `Replaced.underWay` reports. Deleting the old stops
    /// locks them, so a crew's report either lands first (and is seen here)
    /// or finds its stop gone.
    func replaceInTransaction(_ plan: StoredPlan) async throws -> Replaced {
        let old = try await db.raw("""
            SELECT id FROM waste_plans WHERE municipality_id = \(bind: plan.city.rawValue) AND day = \(bind: plan.day.description)
            """).all().map { try $0.string("id") }
        for id in old {
            let outcomes = try await db.raw("DELETE FROM waste_plan_stops WHERE plan_id = \(bind: id) RETURNING outcome").all()
            if try outcomes.contains(where: { try $0.optionalString("outcome") != nil }) { throw UnderWay() }
            try await db.raw("DELETE FROM waste_plan_routes WHERE plan_id = \(bind: id)").run()
            try await db.raw("DELETE FROM waste_plans WHERE id = \(bind: id)").run()
        }
        let inserted = try await db.raw("""
            INSERT INTO waste_plans (id, municipality_id, day, planned_at, planned_by, distances, metres, fixed_metres, fixed_stops)
            VALUES (\(bind: plan.id.rawValue), \(bind: plan.city.rawValue), \(bind: plan.day.description), \(bind: plan.plannedAt.epochSeconds),
                    \(bind: plan.plannedBy?.rawValue), \(bind: plan.distances), \(bind: plan.metres), \(bind: plan.fixedMetres), \(bind: plan.fixedStops))
            ON CONFLICT DO NOTHING
            RETURNING id
            """).all()
        guard !inserted.isEmpty else { return .raced }
        for route in plan.routes {
            try await db.raw("""
                INSERT INTO waste_plan_routes (plan_id, truck_id, metres, seconds, litres, trips)
                VALUES (\(bind: plan.id.rawValue), \(bind: route.truck.rawValue), \(bind: route.metres), \(bind: route.seconds), \(bind: route.litres),
                        \(bind: route.trips))
                """).run()
        }
        for stop in plan.stops {
            try await db.raw("""
                INSERT INTO waste_plan_stops (id, plan_id, municipality_id, truck_id, position, container_id, fill, litres, must_go, unloads_before, reason, note)
                VALUES (\(bind: stop.id.rawValue), \(bind: plan.id.rawValue), \(bind: plan.city.rawValue), \(bind: stop.truck?.rawValue),
                        \(bind: stop.position), \(bind: stop.container.rawValue), \(bind: stop.fill), \(bind: stop.litres), \(bind: stop.mustGo ? 1 : 0),
                        \(bind: stop.unloadsBefore ? 1 : 0), '', '')
                """).run()
        }
        return .saved
    }

    /// The city's plan for a day, with its routes and stops.
    public func plan(in city: MunicipalityID, on day: CalendarDate) async throws -> StoredPlan? {
        guard let row = try await db.raw("""
            SELECT * FROM waste_plans WHERE municipality_id = \(bind: city.rawValue) AND day = \(bind: day.description)
            """).first()
        else { return nil }
        let id = try row.string("id")
        let routes = try await db.raw("SELECT * FROM waste_plan_routes WHERE plan_id = \(bind: id) ORDER BY truck_id").all().map { row in
            StoredRoute(
                truck: TruckID(rawValue: try row.string("truck_id")), metres: Int(clamping: try row.int("metres")),
                seconds: Int(clamping: try row.int("seconds")), litres: Int(clamping: try row.int("litres")), trips: Int(clamping: try row.int("trips")))
        }
        let stops = try await db.raw("SELECT * FROM waste_plan_stops WHERE plan_id = \(bind: id) ORDER BY (truck_id IS NULL), truck_id, position, id").all().map(Self.stop)
        guard let stored = CalendarDate.parse(try row.string("day")) else { throw StoreError.unexpectedResult("waste_plans: day") }
        return StoredPlan(
            id: CollectionPlanID(rawValue: id), city: city, day: stored, plannedAt: try row.date("planned_at"),
            plannedBy: try row.optionalString("planned_by").map(AccountID.init(rawValue:)), distances: try row.string("distances"),
            metres: Int(clamping: try row.int("metres")), fixedMetres: try row.optionalInt("fixed_metres").map { Int(clamping: $0) },
            fixedStops: Int(clamping: try row.int("fixed_stops")), routes: routes, stops: stops)
    }

    /// A crew's report of a stop of the city's plan for `day`. False when
    /// the stop is not there (another city's, another day's, planned anew) or already reported.
    public func report(
        _ stop: PlanStopID, in city: MunicipalityID, on day: CalendarDate, _ report: StopReport, by account: AccountID, at instant: Date
    ) async throws -> Bool {
        try await !db.raw("""
            UPDATE waste_plan_stops SET outcome = \(bind: report.outcome.rawValue), reason = \(bind: report.reason?.rawValue ?? ""),
                note = \(bind: report.note), decided_at = \(bind: instant.epochSeconds), decided_by = \(bind: account.rawValue)
            WHERE id = \(bind: stop.rawValue) AND municipality_id = \(bind: city.rawValue) AND outcome IS NULL AND truck_id IS NOT NULL
              AND plan_id IN (SELECT id FROM waste_plans WHERE municipality_id = \(bind: city.rawValue) AND day = \(bind: day.description))
            RETURNING id
            """).all().isEmpty
    }

    /// Stops reported as emptied in `[from, to)`, oldest first: the collections done, for open data.
    public func emptied(in city: MunicipalityID, from: Date, to: Date, limit: Int) async throws -> [(day: CalendarDate, stop: StoredStop)] {
        try await db.raw("""
            SELECT s.*, p.day FROM waste_plan_stops s JOIN waste_plans p ON p.id = s.plan_id
            WHERE s.municipality_id = \(bind: city.rawValue) AND s.outcome = 'emptied'
              AND s.decided_at >= \(bind: from.epochSeconds) AND s.decided_at < \(bind: to.epochSeconds)
            ORDER BY s.decided_at, s.id LIMIT \(bind: limit)
            """).all().map { row in
            guard let day = CalendarDate.parse(try row.string("day")) else { throw StoreError.unexpectedResult("waste_plans: day") }
            return (day, try Self.stop(row))
        }
    }

    static func stop(_ row: any SQLRow) throws -> StoredStop {
        var stop = StoredStop(
            id: PlanStopID(rawValue: try row.string("id")), truck: try row.optionalString("truck_id").map(TruckID.init(rawValue:)),
            position: Int(clamping: try row.int("position")), container: ContainerID(rawValue: try row.string("container_id")),
            fill: Int(clamping: try row.int("fill")), litres: Int(clamping: try row.int("litres")), mustGo: try row.int("must_go") != 0)
        stop.unloadsBefore = try row.int("unloads_before") != 0
        if let outcome = try row.optionalString("outcome") {
            guard let known = StopOutcome(rawValue: outcome) else { throw StoreError.unexpectedResult("waste_plan_stops: outcome \(outcome)") }
            stop.outcome = known
        }
        let reason = try row.string("reason")
        stop.reason = reason.isEmpty ? nil : SkipReason(rawValue: reason)
        stop.note = try row.string("note")
        stop.decidedAt = try row.optionalDate("decided_at")
        stop.decidedBy = try row.optionalString("decided_by").map(AccountID.init(rawValue:))
        return stop
    }
}

extension Repositories {
    /// The day's collection plans and the crews' reports.
    public var wastePlans: PlanRepository { .init(db: db) }
}

extension Store {
    /// Saves the day's plan in place of the one there, unless a crew has started it.
    public func replaceWastePlan(_ plan: PlanRepository.StoredPlan) async throws -> PlanRepository.Replaced {
        do {
            return try await write { try await $0.wastePlans.replaceInTransaction(plan) }
        } catch is PlanRepository.UnderWay {
            return .underWay
        }
    }
}
