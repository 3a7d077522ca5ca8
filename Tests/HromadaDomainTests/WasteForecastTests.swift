import Foundation
import HromadaDomain
import Testing
@testable import Waste

/// Emptyings seen in the fill, and the forecast: weekday rates, the time to full and its backtest.
@Suite struct WasteForecastTests {
    /// Monday 2026-11-02 00:00 Kyiv (22:00 UTC the day before), in hours since 1970.
    static let monday: Int64 = 1_793_570_400 / 3_600

    static func hour(_ hour: Int64, fill: Int?, max: Int? = nil) -> HourlyAggregate {
        HourlyAggregate(
            hour: hour, readings: 1, fillMin: fill, fillMax: max ?? fill, fillLast: fill, temperatureMaxTenths: nil, batteryMinMillivolts: nil,
            solarMaxMillivolts: nil, alarms: [])
    }

    /// Weeks of hourly fills: `perHour(weekday)` points an hour, emptied to 5 % whenever it passes 90 %.
    static func history(weeks: Int, perHour: (Int) -> Double) -> [HourlyAggregate] {
        var fill = 5.0
        return (0..<Int64(weeks * 7 * 24)).map { offset in
            let hour = monday + offset
            fill += perHour(FillForecast.Rates.weekday(hour))
            if fill > 90 { fill = 5 }
            return Self.hour(hour, fill: Int(fill.rounded()))
        }
    }

    @Test func anEmptyingIsADropOfThirtyPointsWithinAnHourOrFromTheHourBefore() {
        let hours = [
            Self.hour(100, fill: 80), Self.hour(101, fill: 85), Self.hour(102, fill: 10),  // from the hour before
            Self.hour(103, fill: 12), Self.hour(104, fill: 5, max: 60),  // within the hour
            Self.hour(105, fill: 2),  // noise
            Self.hour(106, fill: 70), Self.hour(130, fill: 10),  // a day apart: no comparison
        ]
        #expect(Emptying.hours(in: hours) == [102, 104])
    }

    @Test func theWeekdayPatternIsLearnedAndEmptyingsAreNotCountedAsFilling() throws {
        let hours = Self.history(weeks: 4) { $0 == 6 ? 2.0 : 0.5 }
        let forecast = FillForecast.make(hours, full: 90)
        let saturday = try #require(forecast.ratePerHour[6]), tuesday = try #require(forecast.ratePerHour[2])
        #expect(abs(saturday - 2.0) < 0.15, "\(saturday)")
        #expect(abs(tuesday - 0.5) < 0.1, "\(tuesday)")
        #expect(forecast.ratePerHour.count == 7)
    }

    @Test func theTimeToFullStepsThroughTheWeekdaysRates() throws {
        // Friday fills 1 point an hour, Saturday 3, the rest 0.5; the history ends on the second Friday at midnight.
        let friday = Self.monday + 11 * 24
        let hours = Self.history(weeks: 2) { $0 == 6 ? 3 : $0 == 5 ? 1 : 0.5 }.filter { $0.hour <= friday }
        let start = try #require(hours.last?.fillLast)
        let forecast = FillForecast.make(hours, full: 90)
        let fullAt = try #require(forecast.fullAt)
        let hoursToFull = Int(fullAt.timeIntervalSince(FillForecast.start(ofHour: friday)) / 3_600)
        let expected = start + 24 >= 90 ? 90 - start : 24 + (90 - start - 24 + 2) / 3
        #expect(abs(hoursToFull - expected) <= 2, "from \(start): \(hoursToFull) hours, expected \(expected)")
        #expect(forecast.fill(at: friday + 24).map { abs($0 - min(start + 24, 120)) <= 2 } == true)
        #expect(forecast.fill(at: friday - 5) == start)
    }

    @Test func aContainerThatDoesNotFillHasNoTimeToFull() {
        let flat = (0..<Int64(48)).map { Self.hour(Self.monday + $0, fill: 20) }
        #expect(FillForecast.make(flat, full: 90).fullAt == nil)
        #expect(FillForecast.make([], full: 90) == FillForecast(
            ratePerHour: [:], overallRatePerHour: nil, lastFill: nil, lastHour: nil, fullAt: nil, backtest: nil))
        // Already full: full now.
        let full = [Self.hour(Self.monday, fill: 95)]
        #expect(FillForecast.make(full, full: 90).fullAt == FillForecast.start(ofHour: Self.monday))
    }

    @Test func theBacktestShowsTheWeekdayPatternBeatingOneFlatRate() throws {
        let hours = Self.history(weeks: 6) { $0 >= 6 ? 1.8 : 0.4 }
        let backtest = try #require(FillForecast.make(hours, full: 90).backtest)
        #expect(backtest.predictions >= 20)
        #expect(backtest.meanAbsoluteError < 2, "\(backtest)")
        #expect(backtest.flatRateError > backtest.meanAbsoluteError * 2, "\(backtest)")
        // A week is not history enough to replay.
        #expect(FillForecast.make(Self.history(weeks: 1) { _ in 1 }, full: 90).backtest == nil)
    }

    @Test func hoursNoClockReachesNeverStopTheProcess() {
        let wild = [Self.hour(.max, fill: 50), Self.hour(.min, fill: 10), Self.hour(Int64.max / 3_600 + 1, fill: 30)]
        let forecast = FillForecast.make(wild, full: 90)
        #expect(forecast.lastHour == nil)
        #expect(FillForecast.Rates.weekday(.max) == 4 && FillForecast.Rates.weekday(.min) == 4)
        #expect(forecast.fill(at: .max) == nil)
        #expect(Emptying.hours(in: wild + [Self.hour(.max, fill: 0)]).count <= 2)
    }

    @Test func weekdaysAreKyivs() {
        // Monday 00:00 in Kyiv is still Sunday in UTC.
        #expect(FillForecast.Rates.weekday(Self.monday) == 1)
        #expect(FillForecast.Rates.weekday(Self.monday - 1) == 7)
        #expect(FillForecast.Rates.weekday(Self.monday + 5 * 24 + 23) == 6)
    }
}
