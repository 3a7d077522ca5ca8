import Foundation
import HromadaDomain
import Routing

/// The day's collection, planned: which containers to empty and in which
/// order each truck takes them.
///
/// A container is **must-go** when its fill at the round reaches the full
/// line, or its forecast reaches it before the next round; **may-go** when
/// it is over the lower line: worth a detour, and taken when the detour
/// costs less than its prize (the Routing solver's prize-collecting
/// objective; a fuller container's prize is larger). Each truck carries its
/// capacity in litres and works at most its shift, stops included, in up to
/// `tripsPerTruck` trips: it unloads at the transfer station when full and
/// goes on from there. The solver plans each trip depot to depot on one
/// figure per pair (its matrix is symmetric); each truck's day is then told
/// as it is driven: from the depot through its first trip's stops to the
/// transfer station, on to the next trip's, and from the last unloading back
/// to the depot.
public enum CollectionPlanner {
    /// A container as the planner sees it.
    public struct Candidate: Sendable, Equatable {
        public let container: ContainerID
        public let point: GeoPoint
        public let volumeLitres: Int
        /// The fill expected when the truck comes, and when the round after would come.
        public let fillAtRound: Int
        public let fillAtNextRound: Int

        public init(container: ContainerID, point: GeoPoint, volumeLitres: Int, fillAtRound: Int, fillAtNextRound: Int) {
            self.container = container
            self.point = point
            self.volumeLitres = volumeLitres
            self.fillAtRound = fillAtRound
            self.fillAtNextRound = fillAtNextRound
        }
    }

    public struct Vehicle: Sendable, Equatable {
        public let truck: TruckID
        public let capacityLitres: Int
        public let shiftMinutes: Int

        public init(truck: TruckID, capacityLitres: Int, shiftMinutes: Int) {
            self.truck = truck
            self.capacityLitres = capacityLitres
            self.shiftMinutes = shiftMinutes
        }
    }

    /// The lines and the costs the plan weighs.
    public struct Rules: Sendable, Equatable {
        public var fullPercent = 90
        /// Over this, a container may be taken if it is on the way.
        public var mayGoPercent = 60
        /// Minutes at each stop: a crane lifting an underground container, emptying and lowering it.
        public var serviceMinutes = 4
        /// A may-go container's prize in metres of detour per point of fill: at 60 % a detour of up to 3 km.
        public var prizeMetresPerPoint = 50
        /// How many loads a truck may take to the transfer station in a shift.
        public var tripsPerTruck = 3

        public init() {}
    }

    public struct Stop: Sendable, Equatable {
        public let container: ContainerID
        public let fill: Int
        public let litres: Int
        public let mustGo: Bool
        /// The truck goes to the transfer station to unload before this stop.
        public var unloadsBefore = false
    }

    public struct Route: Sendable, Equatable {
        public let truck: TruckID
        public let stops: [Stop]
        /// As driven: the depot, the stops, the transfer station after each load, the depot.
        public let metres: Int
        public let seconds: Int
        /// All the loads together; each within the truck's capacity.
        public let litres: Int
        /// Loads taken to the transfer station.
        public let trips: Int
    }

    public struct Plan: Sendable, Equatable {
        public let routes: [Route]
        /// Must-go containers no truck could take (the fleet is too small today).
        public let leftOut: [ContainerID]
        public var metres: Int { routes.reduce(0) { $0 + $1.metres } }
    }

    /// Must-go first, then may-go; the rest stay.
    public static func choose(_ candidates: [Candidate], rules: Rules) -> [(candidate: Candidate, mustGo: Bool)] {
        candidates.compactMap { candidate in
            if candidate.fillAtRound >= rules.fullPercent || candidate.fillAtNextRound >= rules.fullPercent { return (candidate, true) }
            if candidate.fillAtRound >= rules.mayGoPercent { return (candidate, false) }
            return nil
        }
    }

    /// Plans the round. `table` is over the depot, the transfer station (or
    /// the depot again when there is none) and then `chosen`'s points, in that order.
    public static func plan(
        _ chosen: [(candidate: Candidate, mustGo: Bool)], vehicles: [Vehicle], table: TravelTable, rules: Rules, limit: RoutingSolver.Limit, seed: UInt64 = 1
    ) throws -> Plan {
        guard !chosen.isEmpty, !vehicles.isEmpty else { return Plan(routes: [], leftOut: chosen.filter(\.mustGo).map(\.candidate.container)) }
        // The solver's nodes: the depot (0) and each chosen container (1…); the transfer station stays outside.
        let nodes = [0] + chosen.indices.map { $0 + 2 }
        let symmetric = table.symmetric()
        guard let distances = DistanceMatrix(rows: nodes.map { i in nodes.map { symmetric.metres[i][$0] } }),
              let durations = DistanceMatrix(rows: nodes.map { i in nodes.map { symmetric.seconds[i][$0] } })
        else { throw PlanningProblem.table }
        let largest = vehicles.map(\.capacityLitres).max() ?? 1
        // A container fuller than any truck holds is taken whole by the largest (it is emptied, not shared).
        let litres = chosen.map { min(largest, $0.candidate.volumeLitres * min(max($0.candidate.fillAtRound, 0), 120) / 100) }
        let trips = max(1, rules.tripsPerTruck)
        let problem = try RoutingProblem(
            fleet: vehicles.map { VehicleType(capacity: $0.capacityLitres, count: trips, maxDuration: $0.shiftMinutes * 60) },
            demands: [0] + litres, distances: distances, durations: durations,
            serviceTimes: [0] + chosen.map { _ in rules.serviceMinutes * 60 },
            prizes: [0] + chosen.map { $0.mustGo ? 0 : max(0, $0.candidate.fillAtRound) * rules.prizeMetresPerPoint },
            required: [true] + chosen.map(\.mustGo))
        let solution = RoutingSolver.solve(problem, limit: limit, seed: seed)
        // Each truck's trips, in the solver's order.
        var tripsOf = [[[Int]]](repeating: [], count: vehicles.count)
        for (index, route) in solution.routes.enumerated() where !route.isEmpty {
            let type = solution.vehicleTypes.indices.contains(index) ? solution.vehicleTypes[index] : index
            guard vehicles.indices.contains(type) else { continue }
            tripsOf[type].append(route)
        }
        var routes: [Route] = []
        var taken = Set<Int>()
        for (type, truckTrips) in tripsOf.enumerated() where !truckTrips.isEmpty {
            let driven = drive(truckTrips, vehicle: vehicles[type], litres: litres, table: table, rules: rules)
            guard !driven.kept.isEmpty else { continue }
            taken.formUnion(driven.kept)
            let stops = driven.kept.map { node in
                Stop(
                    container: chosen[node - 1].candidate.container, fill: chosen[node - 1].candidate.fillAtRound, litres: litres[node - 1],
                    mustGo: chosen[node - 1].mustGo, unloadsBefore: driven.unloadBefore.contains(node))
            }
            routes.append(Route(
                truck: vehicles[type].truck, stops: stops, metres: driven.metres, seconds: driven.seconds, litres: driven.kept.reduce(0) { $0 + litres[$1 - 1] },
                trips: driven.loads))
        }
        let leftOut = chosen.indices.filter { chosen[$0].mustGo && !taken.contains($0 + 1) }.map { chosen[$0].candidate.container }
        return Plan(routes: routes, leftOut: leftOut)
    }

    /// A truck's day as driven on the road table (0 the depot, 1 the transfer
    /// station, a solver node `n` at `n + 1`): its trips' stops in order, to the
    /// transfer station after each trip and whenever the next stop would
    /// overfill it, and home from the last unloading. With a fleet too small
    /// for the day the solver's trips may be over the truck's capacity or
    /// shift (and together over the shift even when each is within it): a stop
    /// that would need a load more than the truck's trips, or keep it out past
    /// its shift, home included, is left, never driven anyway.
    static func drive(_ trips: [[Int]], vehicle: Vehicle, litres: [Int], table: TravelTable, rules: Rules)
        -> (kept: [Int], metres: Int, seconds: Int, loads: Int, unloadBefore: Set<Int>)
    {
        let service = rules.serviceMinutes * 60, shift = vehicle.shiftMinutes * 60, maxLoads = max(1, rules.tripsPerTruck)
        var kept: [Int] = [], path = [0], load = 0, seconds = 0, loads = 0, unloadBefore = Set<Int>()
        func go(_ place: Int) {
            seconds += table.seconds[path.last ?? 0][place]
            path.append(place)
        }
        for trip in trips {
            for node in trip {
                let place = node + 1, need = litres[node - 1]
                // Full: unload first, then on from the transfer station.
                let unloadFirst = load > 0 && load + need > vehicle.capacityLitres
                let from = unloadFirst ? 1 : path.last ?? 0
                let before = unloadFirst ? seconds + table.seconds[path.last ?? 0][1] : seconds
                let arrive = before + table.seconds[from][place] + service
                // The load this stop goes into, counted from 1: a truck takes at most its trips' worth.
                let loadNumber = loads + (unloadFirst ? 2 : 1)
                guard need <= vehicle.capacityLitres, loadNumber <= maxLoads, arrive + table.seconds[place][1] + table.seconds[1][0] <= shift else { continue }
                if unloadFirst {
                    go(1)
                    loads += 1
                    load = 0
                }
                // The first stop after an unloading, whether for a full truck or at a trip's end.
                if path.last == 1 { unloadBefore.insert(node) }
                go(place)
                seconds += service
                load += need
                kept.append(node)
            }
            // The trip's end: to the transfer station with what it holds.
            if load > 0 {
                go(1)
                loads += 1
                load = 0
            }
        }
        go(0)
        let metres = zip(path, path.dropFirst()).reduce(0) { $0 + table.metres[$1.0][$1.1] }
        return (kept, metres, seconds, loads, unloadBefore)
    }

    public enum PlanningProblem: Error, Equatable {
        /// The travel table is not square over the points, or holds a figure the solver cannot take.
        case table
    }
}
