import Foundation
import HromadaDomain
import Testing
@testable import Waste

/// A month of simulated bins: the planted faults, and only they, raise the
/// fault alerts; the bins fill by weekday and place and are emptied on the
/// fixed schedule; the forecast's backtest has something to say about them.
@Suite struct WasteSimulationTests {
    static let end = Date(timeIntervalSince1970: 1_796_162_400)  // 2026-12-01 22:00 UTC
    /// Жмеринка's station square.
    static func centre() throws -> GeoPoint { try GeoPoint(longitude: 28.1115, latitude: 49.0386) }

    /// At any minute of the hour: the bins report at different minutes, and an
    /// end a little past the hour once put the first dawn of the high-numbered
    /// bins an hour behind the others' (2026-11-06 03:15:50 UTC is such a start).
    @Test(arguments: [0, 18_950, 25_710, 42_130])
    func aMonthOfSimulatedBinsRaisesEachPlantedFaultAndNoOtherFault(_ secondsPastTheEnd: Int) throws {
        let end = Self.end.addingTimeInterval(Double(secondsPastTheEnd))
        let simulation = BinSimulation(bins: 40, days: 30, endingAt: end, centre: try Self.centre())
        let readings = Dictionary(uniqueKeysWithValues: simulation.bins.map { ($0.number, simulation.readings(of: $0)) })
        let replay = SimulationReplay(simulation, readings: readings, rules: AlertRules())
        #expect(replay.faults == simulation.planted.mapValues { [$0] }, "\(replay.faults)")
        #expect(simulation.planted.count == 5)
        // Full bins are operations, not faults: the fixed schedule lets plenty of them fill up.
        let full = Set(replay.raised.filter { $0.kind == .full }.map(\.bin))
        #expect(full.count >= 5, "\(full.count) bins were full at some point")
    }

    @Test func theSimulationIsTheSameForASeedAndItsBinsFillAndEmpty() throws {
        let centre = try Self.centre()
        let one = BinSimulation(bins: 12, days: 14, endingAt: Self.end, centre: try Self.centre())
        let two = BinSimulation(bins: 12, days: 14, endingAt: Self.end, centre: try Self.centre())
        #expect(one.bins == two.bins)
        let bin = try #require(one.bins.first { $0.fault == nil && $0.model == .generic })
        let readings = one.readings(of: bin)
        #expect(readings == two.readings(of: bin))
        #expect(readings.count == 14 * 24)
        #expect(readings.allSatisfy { $0.measuredAt <= Self.end && $0.measuredAt >= one.start })
        let hours = HourlyAggregate.hours(of: readings)
        // Emptied twice a week on the schedule.
        #expect((3...5).contains(Emptying.hours(in: hours).count), "\(Emptying.hours(in: hours).count)")
        // The DF702s report a distance the container's gauge turns into the fill.
        let lora = try #require(one.bins.first { $0.model == .dingtekDF702 })
        #expect(one.readings(of: lora).allSatisfy { $0.fillPercent == nil && $0.distanceMillimetres != nil && $0.batteryPercent == nil })
        // Every bin within a few kilometres of the centre.
        #expect(one.bins.allSatisfy { $0.point.metres(to: centre) < 3_000 })
        #expect(Set(one.bins.map { $0.deviceID(prefix: 0xA0) }).count == 12)
    }

    @Test func theLastReadingIsMinutesBeforeTheEndWhateverItsMinute() throws {
        // Else a run that ends late in an hour would find its sensors silent.
        for minute in [0.0, 1, 30, 59, 59.9] {
            let end = Self.end.addingTimeInterval(minute * 60)
            let simulation = BinSimulation(bins: 60, days: 2, endingAt: end, centre: try Self.centre())
            for bin in simulation.bins where bin.fault == nil {
                let last = try #require(simulation.readings(of: bin).last)
                #expect(last.measuredAt <= end && end.timeIntervalSince(last.measuredAt) <= 20 * 60, "bin \(bin.number) at :\(minute)")
            }
        }
    }

    @Test func theForecastsBacktestOnAMonthBeatsOneFlatRate() throws {
        let simulation = BinSimulation(bins: 24, days: 30, endingAt: Self.end, centre: try Self.centre())
        var errors: [Double] = [], flat: [Double] = []
        for bin in simulation.bins where bin.model == .generic && bin.fault == nil {
            guard let backtest = FillForecast.make(HourlyAggregate.hours(of: simulation.readings(of: bin)), full: 90).backtest else { continue }
            errors.append(backtest.meanAbsoluteError)
            flat.append(backtest.flatRateError)
        }
        #expect(errors.count >= 5)
        let mean = errors.reduce(0, +) / Double(errors.count), flatMean = flat.reduce(0, +) / Double(flat.count)
        #expect(mean < flatMean, "weekday \(mean) against flat \(flatMean)")
        #expect(mean < 10, "\(mean)")
    }

    @Test func theSimulationsKyivHourIsTheCalendarsAcrossBothClockChanges() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = FillForecast.Rates.kyiv
        // A week from 26 March 2026 (summer time from the 29th), from 22 October (winter time from the 25th), and one in July; every 20 minutes.
        for start in [1_774_483_200.0, 1_792_627_200.0, 1_782_864_000.0] {
            for step in 0..<(7 * 72) {
                let time = Date(timeIntervalSince1970: start + Double(step) * 1_200)
                #expect(BinSimulation.kyivHour(time) == calendar.component(.hour, from: time), "\(time)")
            }
        }
    }
}
