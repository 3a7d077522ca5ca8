import Foundation
import HromadaDomain
import Routing

/// Planned rounds against the fixed schedule, day after day on the same
/// bins: what each policy empties today is what it finds tomorrow.
///
/// Both policies see the same waste going in: each bin gains the same
/// points each day whichever empties it (the simulation's rate, by weekday
/// and place, with the day's noise). Each morning at the round:
/// - a **fixed schedule** empties each bin every so many days, whatever
///   it holds. Two are played: the one `BinSimulation` keeps (twice a week,
///   the way many cities run today, which lets the busiest bins overflow),
///   and a careful one drawn from each bin's rates: as often as its busiest
///   day needs, so it never overflows (every day for a market bin, every
///   fourth day for a quiet park's). Both are routed by the same solver, so
///   only the choice of bins differs;
/// - the **planned round** empties what `CollectionPlanner` chooses from the
///   fill it reads and the fill it expects by the next morning (the bin's
///   weekday rate, as the forecast learns it).
/// Each policy's distance is driven from the depot, through the transfer
/// station, back to the depot; a bin that reached 100 % before its truck came
/// is an overflow, counted once a day for as long as it stays over.
public enum ScheduleComparison {
    public struct Outcome: Sendable, Equatable {
        public var metres = 0
        /// Containers emptied, and the days any truck went out.
        public var emptyings = 0
        public var daysOut = 0
        /// Bin-days at or over 100 % when the round came.
        public var overflowDays = 0
        /// Containers the fleet could not take on a day it meant to.
        public var leftOut = 0
    }

    public struct Setup: Sendable {
        public var depot: GeoPoint
        public var transfer: GeoPoint
        public var vehicles: [CollectionPlanner.Vehicle]
        public var volumeLitres = 3_000
        public var rules = CollectionPlanner.Rules()
        public var distances = StraightLineDistances()
        public var limit = RoutingSolver.Limit.individuals(200)

        public init(depot: GeoPoint, transfer: GeoPoint, vehicles: [CollectionPlanner.Vehicle]) {
            self.depot = depot
            self.transfer = transfer
            self.vehicles = vehicles
        }
    }

    /// The round's hour (Kyiv): both policies come at eight.
    static let roundHour = 8

    /// The three policies' month.
    public struct Result: Sendable, Equatable {
        public var planned = Outcome()
        /// The careful fixed schedule, by each bin's rate.
        public var byRate = Outcome()
        /// Twice a week, as the simulation's city does.
        public var twiceWeekly = Outcome()
    }

    public static func run(_ simulation: BinSimulation, setup: Setup) throws -> Result {
        let bins = simulation.bins
        let table = setup.distances.table([setup.depot, setup.transfer] + bins.map(\.point))
        let gains = dailyGains(simulation)
        let periods = bins.map { period(of: $0, full: setup.rules.fullPercent) }
        var result = Result()
        var plannedFill = bins.map { _ in 20.0 }, byRateFill = plannedFill, twiceWeeklyFill = plannedFill
        for day in 0..<simulation.days {
            let weekday = self.weekday(simulation, day: day)
            let tomorrow = weekday % 7 + 1
            // The fixed schedules: today's bins, all of them.
            let byRate = bins.indices.filter { (day + bins[$0].number) % periods[$0] == 0 }
            try round(byRate.map { ($0, true) }, fill: &byRateFill, outcome: &result.byRate, bins: bins, table: table, setup: setup, day: day)
            let twice = bins.indices.filter { bins[$0].emptyingDays.contains(weekday) }
            try round(twice.map { ($0, true) }, fill: &twiceWeeklyFill, outcome: &result.twiceWeekly, bins: bins, table: table, setup: setup, day: day)
            // Planned: what the planner chooses from today's fill and tomorrow's expected.
            let candidates = bins.indices.map { index in
                let expected = bins[index].dailyPoints * BinSimulation.weekdayFactor(bins[index].place, tomorrow)
                return CollectionPlanner.Candidate(
                    container: ContainerID(rawValue: String(index)), point: bins[index].point, volumeLitres: setup.volumeLitres,
                    fillAtRound: Int(plannedFill[index].rounded()), fillAtNextRound: Int((plannedFill[index] + expected).rounded()))
            }
            let chosen = CollectionPlanner.choose(candidates, rules: setup.rules).compactMap { choice in
                Int(choice.candidate.container.rawValue).map { ($0, choice.mustGo) }
            }
            try round(chosen, fill: &plannedFill, outcome: &result.planned, bins: bins, table: table, setup: setup, day: day)
            for index in bins.indices {
                plannedFill[index] = min(120, plannedFill[index] + gains[index][day])
                byRateFill[index] = min(120, byRateFill[index] + gains[index][day])
                twiceWeeklyFill[index] = min(120, twiceWeeklyFill[index] + gains[index][day])
            }
        }
        return result
    }

    /// Days between a careful schedule's visits: its busiest day, at the
    /// day's most (the noise's top), times the days, stays under the full line.
    static func period(of bin: BinSimulation.Bin, full: Int) -> Int {
        let busiest = (1...7).map { BinSimulation.weekdayFactor(bin.place, $0) }.max() ?? 1
        let worst = bin.dailyPoints * busiest * noise.upperBound
        guard worst > 0 else { return 7 }
        return max(1, min(7, Int((Double(full) / worst).rounded(.down))))
    }

    /// How much a day's gain varies around its rate.
    static let noise = 0.8...1.2

    /// One morning of one policy: overflows counted, the chosen bins routed and emptied.
    static func round(
        _ chosen: [(Int, Bool)], fill: inout [Double], outcome: inout Outcome, bins: [BinSimulation.Bin], table: TravelTable, setup: Setup, day: Int
    ) throws {
        outcome.overflowDays += fill.filter { $0 >= 100 }.count
        guard !chosen.isEmpty else { return }
        let candidates = chosen.map { index, mustGo in
            (candidate: CollectionPlanner.Candidate(
                container: ContainerID(rawValue: String(index)), point: bins[index].point, volumeLitres: setup.volumeLitres,
                fillAtRound: Int(fill[index].rounded()), fillAtNextRound: Int(fill[index].rounded())), mustGo: mustGo)
        }
        // The day's table: the depot, the transfer station, then the chosen bins' rows of the town's.
        let today = table.rows([0, 1] + chosen.map { $0.0 + 2 })
        let plan = try CollectionPlanner.plan(candidates, vehicles: setup.vehicles, table: today, rules: setup.rules, limit: setup.limit, seed: UInt64(day) + 1)
        for stop in plan.routes.flatMap(\.stops) {
            guard let index = Int(stop.container.rawValue) else { continue }
            fill[index] = 0
            outcome.emptyings += 1
        }
        outcome.metres += plan.metres
        outcome.leftOut += plan.leftOut.count
        if !plan.routes.isEmpty { outcome.daysOut += 1 }
    }

    /// Each bin's points gained over each day (from one round to the next), the same for both policies.
    static func dailyGains(_ simulation: BinSimulation) -> [[Double]] {
        simulation.bins.map { bin in
            var generator = SeededGenerator(seed: 0x6A1_0000 &+ UInt64(bin.number))
            return (0..<simulation.days).map { day in
                bin.dailyPoints * BinSimulation.weekdayFactor(bin.place, weekday(simulation, day: day)) * Double.random(in: noise, using: &generator)
            }
        }
    }

    /// The weekday (1 Monday … 7 Sunday) of a day's round.
    static func weekday(_ simulation: BinSimulation, day: Int) -> Int {
        let hour = Int64((simulation.start.timeIntervalSince1970 / 3_600).rounded(.down)) + Int64(day) * 24 + Int64(roundHour)
        return FillForecast.Rates.weekday(hour)
    }
}
