import Foundation
import Routing

/// The day's collection, planned: which containers to empty and in which
/// order each truck takes them.
///
/// A container is **must-go** when its fill at the round reaches the full
/// line, or its forecast reaches it before the next round; **may-go** when
/// it is over the lower line: worth a detour, and taken when the detour
/// costs less than its prize (the Routing solver's prize-collecting
/// objective; a fuller container's prize is larger). Each truck carries its
/// capacity in litres and works at most its shift, stops included. Trucks
/// unload at the transfer station at the end of their route: the solver
/// plans depot to depot on one figure per pair (its matrix is symmetric), and
/// each route's length is then told as it is driven, the last stop to the
/// transfer station and on to the depot.
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

        public init() {}
    }

    public struct Stop: Sendable, Equatable {
        public let container: ContainerID
        public let fill: Int
        public let litres: Int
        public let mustGo: Bool
    }

    public struct Route: Sendable, Equatable {
        public let truck: TruckID
        public let stops: [Stop]
        /// As driven: the depot, the stops, the transfer station, the depot.
        public let metres: Int
        public let seconds: Int
        public let litres: Int
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
        let problem = try RoutingProblem(
            fleet: vehicles.map { VehicleType(capacity: $0.capacityLitres, count: 1, maxDuration: $0.shiftMinutes * 60) },
            demands: [0] + litres, distances: distances, durations: durations,
            serviceTimes: [0] + chosen.map { _ in rules.serviceMinutes * 60 },
            prizes: [0] + chosen.map { $0.mustGo ? 0 : max(0, $0.candidate.fillAtRound) * rules.prizeMetresPerPoint },
            required: [true] + chosen.map(\.mustGo))
        let solution = RoutingSolver.solve(problem, limit: limit, seed: seed)
        var routes: [Route] = []
        var taken = Set<Int>()
        for (index, route) in solution.routes.enumerated() where !route.isEmpty {
            let type = solution.vehicleTypes.indices.contains(index) ? solution.vehicleTypes[index] : index
            guard vehicles.indices.contains(type) else { continue }
            let vehicle = vehicles[type]
            // With a fleet too small for the day the solver's routes may be over a
            // truck's capacity or shift: a route keeps the stops that fit, in its
            // order, and what is left is said (`leftOut`), never loaded anyway.
            var kept: [Int] = [], load = 0, seconds = 0, at = 0
            for node in route {
                let place = node + 1
                let arrive = seconds + table.seconds[at][place] + rules.serviceMinutes * 60
                let home = arrive + table.seconds[place][1] + table.seconds[1][0]
                guard load + litres[node - 1] <= vehicle.capacityLitres, home <= vehicle.shiftMinutes * 60 else { continue }
                kept.append(node)
                load += litres[node - 1]
                seconds = arrive
                at = place
            }
            guard !kept.isEmpty else { continue }
            taken.formUnion(kept)
            let stops = kept.map { node in
                Stop(container: chosen[node - 1].candidate.container, fill: chosen[node - 1].candidate.fillAtRound, litres: litres[node - 1], mustGo: chosen[node - 1].mustGo)
            }
            // As driven, on the road table: depot → stops → transfer station → depot.
            let path = [0] + kept.map { $0 + 1 } + [1, 0]
            let metres = zip(path, path.dropFirst()).reduce(0) { $0 + table.metres[$1.0][$1.1] }
            let driven = zip(path, path.dropFirst()).reduce(0) { $0 + table.seconds[$1.0][$1.1] } + kept.count * rules.serviceMinutes * 60
            routes.append(Route(truck: vehicle.truck, stops: stops, metres: metres, seconds: driven, litres: load))
        }
        let leftOut = chosen.indices.filter { chosen[$0].mustGo && !taken.contains($0 + 1) }.map { chosen[$0].candidate.container }
        return Plan(routes: routes, leftOut: leftOut)
    }

    public enum PlanningProblem: Error, Equatable {
        /// The travel table is not square over the points, or holds a figure the solver cannot take.
        case table
    }
}
