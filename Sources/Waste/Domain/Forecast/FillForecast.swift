import Foundation

/// How fast a container fills, by day of the week, when it will be full,
/// and how good that guess has been.
///
/// The model is deliberately plain, so a dispatcher can check it: for each
/// day of the week (Kyiv time) the points gained per hour between readings
/// with no emptying in between; the prediction steps forward hour by hour
/// at each day's rate. A backtest replays the history: at each day's first
/// reading it predicts the fill a day later from what was known until
/// then, and compares with what the sensor then said, beside the same for
/// one flat rate (the weekday pattern has to beat it to be worth having).
public struct FillForecast: Sendable, Equatable {
    /// Points gained per hour, by weekday (1 Monday … 7 Sunday); a day never seen is missing.
    public let ratePerHour: [Int: Double]
    /// Points per hour over all days: for a weekday not yet seen.
    public let overallRatePerHour: Double?
    /// The newest fill and its hour.
    public let lastFill: Int?
    public let lastHour: Int64?
    /// When the fill is predicted to reach the line (nil: not within two weeks, or no rate yet).
    public let fullAt: Date?
    public let backtest: Backtest?

    /// The replayed predictions: how many, and their mean absolute error in points.
    public struct Backtest: Sendable, Equatable {
        public let predictions: Int
        public let meanAbsoluteError: Double
        /// The same for one flat rate.
        public let flatRateError: Double
    }

    /// How far ahead a prediction looks, and how far the backtest predicts.
    public static let horizonHours: Int64 = 14 * 24
    static let backtestAheadHours: Int64 = 24
    /// 1970 to about 3100.
    static let plausibleHours: ClosedRange<Int64> = 0...10_000_000
    /// The backtest starts once this much history trains it.
    static let backtestTrainingHours: Int64 = 7 * 24

    /// The forecast from a container's hours (oldest first), to the fill `full`.
    public static func make(_ hours: [HourlyAggregate], full: Int) -> FillForecast {
        // Hours come from checked readings; any other (a hand-edited row) is left out, so no arithmetic on them can overflow.
        let hours = hours.filter { Self.plausibleHours.contains($0.hour) }
        let points = hours.compactMap { hour in hour.fillLast.map { Point(hour: hour.hour, fill: $0) } }
        let emptied = Set(Emptying.hours(in: hours))
        var rates = Rates()
        var steps: [Step] = []
        for (previous, next) in zip(points, points.dropFirst()) {
            let gap = next.hour - previous.hour
            guard gap > 0, gap <= Emptying.longestGapHours, !emptied.contains(next.hour) else { continue }
            steps.append(Step(hour: next.hour, gap: gap, gain: next.fill - previous.fill))
        }
        for step in steps { rates.add(step) }
        let last = points.last
        let fullAt = last.flatMap { rates.hoursUntil(from: $0, reaching: full) }.map(Self.start(ofHour:))
        return FillForecast(
            ratePerHour: rates.byWeekday(), overallRatePerHour: rates.overall, lastFill: last?.fill, lastHour: last?.hour, fullAt: fullAt,
            backtest: backtest(points, steps: steps, emptied: emptied))
    }

    /// The fill predicted at an hour after the newest reading (at most the
    /// horizon ahead, at most 120 %); the newest fill for an hour before it. For route planning.
    public func fill(at hour: Int64) -> Int? {
        guard let lastFill, let lastHour, hour >= lastHour, Self.plausibleHours.contains(hour) else { return lastFill }
        var rates = Rates()
        rates.set(ratePerHour, overall: overallRatePerHour)
        return rates.predict(from: Point(hour: lastHour, fill: lastFill), to: min(hour, lastHour + Self.horizonHours))
    }

    /// The instant an hour since 1970 starts.
    public static func start(ofHour hour: Int64) -> Date { Date(timeIntervalSince1970: Double(hour) * 3_600) }

    struct Point: Equatable {
        let hour: Int64
        let fill: Int
    }

    struct Step {
        let hour: Int64
        let gap: Int64
        let gain: Int
    }

    /// Running sums of gain and hours, per weekday and over all.
    struct Rates {
        private var gain = [Double](repeating: 0, count: 8)
        private var hours = [Double](repeating: 0, count: 8)
        private var fixed: [Int: Double]?
        private var fixedOverall: Double?

        mutating func add(_ step: Step) {
            let day = Self.weekday(step.hour)
            gain[day] += Double(step.gain)
            hours[day] += Double(step.gap)
            gain[0] += Double(step.gain)
            hours[0] += Double(step.gap)
        }

        mutating func set(_ byWeekday: [Int: Double], overall: Double?) {
            fixed = byWeekday
            fixedOverall = overall
        }

        /// A fill never falls between emptyings except by noise: a negative rate counts as none.
        var overall: Double? { fixed != nil ? fixedOverall : hours[0] > 0 ? max(0, gain[0] / hours[0]) : nil }

        func rate(on day: Int) -> Double? {
            if let fixed { return fixed[day] ?? fixedOverall }
            return hours[day] > 0 ? max(0, gain[day] / hours[day]) : overall
        }

        func byWeekday() -> [Int: Double] {
            var rates: [Int: Double] = [:]
            for day in 1...7 where hours[day] > 0 { rates[day] = max(0, gain[day] / hours[day]) }
            return rates
        }

        /// The hour the fill reaches `line` stepping from `start`, within the horizon.
        func hoursUntil(from start: Point, reaching line: Int) -> Int64? {
            var fill = Double(start.fill)
            if fill >= Double(line) { return start.hour }
            var hour = start.hour
            while hour < start.hour + FillForecast.horizonHours {
                hour += 1
                fill += rate(on: Self.weekday(hour)) ?? 0
                if fill >= Double(line) { return hour }
            }
            return nil
        }

        /// The fill at `end` stepping from `start`, at most 120 %.
        func predict(from start: Point, to end: Int64) -> Int {
            var fill = Double(start.fill)
            var hour = start.hour
            while hour < end {
                hour += 1
                fill += rate(on: Self.weekday(hour)) ?? 0
            }
            return Int(min(fill, Double(FillGauge.maximumPercent)).rounded())
        }

        /// 1 Monday … 7 Sunday, in Kyiv, of an hour since 1970.
        static func weekday(_ hour: Int64) -> Int {
            // Stored hours come from checked readings; an hour no clock reaches is simply a Thursday.
            let (seconds, overflow) = hour.multipliedReportingOverflow(by: 3_600)
            guard !overflow else { return 4 }
            let (local, past) = seconds.addingReportingOverflow(Int64(kyiv.secondsFromGMT(for: FillForecast.start(ofHour: hour))))
            guard !past else { return 4 }
            let (days, remainder) = local.quotientAndRemainder(dividingBy: 86_400)
            let day = remainder < 0 ? days - 1 : days
            // 1970-01-01 was a Thursday (4).
            let weekday = (day + 3) % 7
            return Int(weekday < 0 ? weekday + 7 : weekday) + 1
        }

        static let kyiv = TimeZone(identifier: "Europe/Kyiv") ?? TimeZone(secondsFromGMT: 7_200) ?? .gmt

        /// The hour of the day in Kyiv: the zone's offset at that instant, not a Calendar per call (the simulation's hot loop).
        static func kyivHour(_ time: Date) -> Int {
            let local = Int((time.timeIntervalSince1970).rounded(.down)) + kyiv.secondsFromGMT(for: time)
            let second = local % 86_400
            return (second < 0 ? second + 86_400 : second) / 3_600
        }
    }

    /// Replays the history: one prediction a day, from what was known before it.
    static func backtest(_ points: [Point], steps: [Step], emptied: Set<Int64>) -> Backtest? {
        guard let first = points.first else { return nil }
        var training = Rates()
        var learned = 0
        var lastOriginDay = Int64.min
        var errors: (weekday: Double, flat: Double, count: Int) = (0, 0, 0)
        let emptyings = emptied.sorted()
        for (index, origin) in points.enumerated() {
            // Everything measured up to the origin trains the prediction made there.
            while learned < steps.count, steps[learned].hour <= origin.hour {
                training.add(steps[learned])
                learned += 1
            }
            let day = origin.hour / 24
            guard origin.hour - first.hour >= backtestTrainingHours, day != lastOriginDay else { continue }
            let target = origin.hour + backtestAheadHours
            // The reading nearest a day later, within two hours, with no emptying on the way.
            guard let actual = points[(index + 1)...].prefix(while: { $0.hour <= target + 2 }).first(where: { $0.hour >= target - 2 }),
                  !emptyings.contains(where: { $0 > origin.hour && $0 <= actual.hour })
            else { continue }
            lastOriginDay = day
            let predicted = training.predict(from: origin, to: actual.hour)
            var flat = Rates()
            flat.set([:], overall: training.overall)
            let flatPredicted = flat.predict(from: origin, to: actual.hour)
            errors.weekday += Double(abs(predicted - actual.fill))
            errors.flat += Double(abs(flatPredicted - actual.fill))
            errors.count += 1
        }
        guard errors.count > 0 else { return nil }
        return Backtest(predictions: errors.count, meanAbsoluteError: errors.weekday / Double(errors.count), flatRateError: errors.flat / Double(errors.count))
    }
}
