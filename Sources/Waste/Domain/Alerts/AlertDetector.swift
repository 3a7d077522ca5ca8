import Foundation

/// What the rules look at for one container: its recent readings, its
/// newest one, and its panel's best charge of the last days.
public struct ContainerWatch: Sendable, Equatable {
    public var container: ContainerID
    /// Readings measured within `AlertRules.window` before now, oldest first.
    public var recent: [Reading]
    /// The newest reading of all, however old (silence counts from it).
    public var latest: Reading?
    /// When its sensor was registered: silence counts from here until the first reading.
    public var watchedSince: Date
    /// The best solar charge (mV) over `AlertRules.solarWindow`, if the sensor reports one.
    public var solarBest: Int?
    /// The container against the day's plans; nil when the route rules are not asked.
    public var route: RouteWatch?

    public init(container: ContainerID, recent: [Reading], latest: Reading?, watchedSince: Date, solarBest: Int?, route: RouteWatch? = nil) {
        self.container = container
        self.recent = recent
        self.latest = latest
        self.watchedSince = watchedSince
        self.solarBest = solarBest
        self.route = route
    }
}

/// What the route rules look at for one container: its forecast, the next
/// round that could take it, today's stop for it, and the emptyings its sensor saw.
public struct RouteWatch: Sendable, Equatable {
    /// When the forecast reaches the full line (nil: not within its horizon).
    public var fullAt: Date?
    /// The fill the forecast gives for `nextRound`.
    public var fillAtNextRound: Int?
    /// When a truck comes for it: today's round's start when today's plan has it and no one has
    /// reported it yet (so it is planned, and the rule holds no more), else tomorrow's round.
    public var nextRound: Date
    /// Today's stop for it on a truck, if the plan has one.
    public var stop: PlannedStop?
    /// Emptyings seen in the last day, oldest first, each with whether that day's plan had the container
    /// (a day with no plan counts as planned: there is nothing to hold it against).
    public var emptyings: [SeenEmptying]

    public struct PlannedStop: Sendable, Equatable {
        /// The round's start and the end of its truck's shift.
        public var roundStart: Date
        public var shiftEnds: Date
        public var fill: Int
        public var outcome: StopOutcome?

        public init(roundStart: Date, shiftEnds: Date, fill: Int, outcome: StopOutcome?) {
            self.roundStart = roundStart
            self.shiftEnds = shiftEnds
            self.fill = fill
            self.outcome = outcome
        }
    }

    public struct SeenEmptying: Sendable, Equatable {
        public var at: Date
        public var drop: Int
        public var planned: Bool

        public init(at: Date, drop: Int, planned: Bool) {
            self.at = at
            self.drop = drop
            self.planned = planned
        }
    }

    public init(fullAt: Date?, fillAtNextRound: Int?, nextRound: Date, stop: PlannedStop?, emptyings: [SeenEmptying]) {
        self.fullAt = fullAt
        self.fillAtNextRound = fillAtNextRound
        self.nextRound = nextRound
        self.stop = stop
        self.emptyings = emptyings
    }
}

/// The alert rules, applied: which conditions hold for a container now.
/// Pure, so each rule has its test; raising, clearing and mailing are the service's.
public enum AlertDetector {
    /// Below this median the city's panels see no sun to compare by (night-long winter days, snow on all).
    static let solarDarkMillivolts = 100

    public static func conditions(_ watch: ContainerWatch, rules: AlertRules, solarPeers: [Int], now: Date) -> [AlertKind: AlertEvidence] {
        var found: [AlertKind: AlertEvidence] = [:]
        // Newest last; the latest reading joins the window when it is older than it.
        var readings = watch.recent
        if let latest = watch.latest, readings.last.map({ $0.measuredAt < latest.measuredAt }) ?? true { readings.append(latest) }
        found[.full] = full(readings, rules)
        found[.fire] = fire(readings, rules)
        found[.tilted] = tilted(readings, rules)
        found[.lidOpen] = lidOpen(readings, rules, now: now)
        found[.lowBattery] = lowBattery(readings, rules)
        found[.solarLow] = solarLow(watch.solarBest, peers: solarPeers, rules, watchedFor: now.timeIntervalSince(watch.watchedSince), now: now)
        found[.silent] = silent(since: watch.latest?.measuredAt ?? watch.watchedSince, rules, now: now)
        if let route = watch.route {
            found[.fullBeforeRound] = fullBeforeRound(route, now: now)
            found[.unplannedEmptying] = unplannedEmptying(route)
            found[.missedStop] = missedStop(route, rules, now: now)
        }
        return found
    }

    /// Full before the next round: not full yet (the full rule has that), but the forecast reaches
    /// the line before any truck could come. The figure is the fill forecast for that round.
    static func fullBeforeRound(_ route: RouteWatch, now: Date) -> AlertEvidence? {
        guard let fullAt = route.fullAt, fullAt > now, fullAt < route.nextRound else { return nil }
        return AlertEvidence(value: route.fillAtNextRound ?? 100, unit: .percent, observedAt: fullAt)
    }

    /// An emptying no plan had: the newest such drop of the last day.
    static func unplannedEmptying(_ route: RouteWatch) -> AlertEvidence? {
        guard let emptying = route.emptyings.last(where: { !$0.planned }) else { return nil }
        return AlertEvidence(value: emptying.drop, unit: .percent, observedAt: emptying.at)
    }

    /// A planned stop missed: the grace after its truck's shift has passed, and the crew did not
    /// report it emptied (skipped it, or said nothing) and the sensor saw no emptying since the round began.
    static func missedStop(_ route: RouteWatch, _ rules: AlertRules, now: Date) -> AlertEvidence? {
        guard let stop = route.stop, stop.outcome != .emptied,
              now >= stop.shiftEnds.addingTimeInterval(Double(rules.missedStopGraceMinutes) * 60),
              !route.emptyings.contains(where: { $0.at >= stop.roundStart })
        else { return nil }
        return AlertEvidence(value: stop.fill, unit: .percent, observedAt: stop.shiftEnds)
    }

    /// Full: the newest fill at or over the threshold, or the sensor's own full flag on its newest reading.
    static func full(_ readings: [Reading], _ rules: AlertRules) -> AlertEvidence? {
        if let reading = readings.last(where: { $0.fillPercent != nil }), let fill = reading.fillPercent, fill >= rules.fullPercent {
            return AlertEvidence(value: fill, unit: .percent, observedAt: reading.measuredAt)
        }
        if let newest = readings.last, newest.alarms.contains(.full) {
            return AlertEvidence(value: 1, unit: .flag, observedAt: newest.measuredAt)
        }
        return nil
    }

    /// Fire: the newest temperature at or over the threshold; or a rise of
    /// the threshold's size within its minutes up to the newest temperature;
    /// or the sensor's fire flag on its newest reading.
    static func fire(_ readings: [Reading], _ rules: AlertRules) -> AlertEvidence? {
        if let newest = readings.last(where: { $0.temperatureTenths != nil }), let temperature = newest.temperatureTenths {
            if temperature >= rules.fireCelsius * 10 {
                return AlertEvidence(value: temperature, unit: .tenthsCelsius, observedAt: newest.measuredAt)
            }
            let from = newest.measuredAt.addingTimeInterval(-Double(rules.fireRiseMinutes) * 60)
            let lowest = readings.lazy.filter { $0.measuredAt >= from && $0.measuredAt < newest.measuredAt }.compactMap(\.temperatureTenths).min()
            if let lowest, temperature - lowest >= rules.fireRiseCelsius * 10 {
                return AlertEvidence(value: temperature - lowest, unit: .tenthsCelsiusRise, observedAt: newest.measuredAt)
            }
        }
        if let newest = readings.last, newest.alarms.contains(.fire) {
            return AlertEvidence(value: 1, unit: .flag, observedAt: newest.measuredAt)
        }
        return nil
    }

    /// Tilted: the newest angle past the threshold either way, or the sensor's tilt flag on its newest reading.
    static func tilted(_ readings: [Reading], _ rules: AlertRules) -> AlertEvidence? {
        if let newest = readings.last(where: { $0.tiltTenths != nil }), let tilt = newest.tiltTenths, abs(tilt) >= rules.tiltDegrees * 10 {
            return AlertEvidence(value: tilt, unit: .tenthsDegree, observedAt: newest.measuredAt)
        }
        if let newest = readings.last, newest.alarms.contains(.tilted) {
            return AlertEvidence(value: 1, unit: .flag, observedAt: newest.measuredAt)
        }
        return nil
    }

    /// Lid open too long: the newest lid report says open, and every report
    /// since the first open one in this run says so, for at least the rule's minutes until now.
    static func lidOpen(_ readings: [Reading], _ rules: AlertRules, now: Date) -> AlertEvidence? {
        let reports = readings.filter { $0.lidOpen != nil }
        guard let newest = reports.last, newest.lidOpen == true else { return nil }
        var since = newest.measuredAt
        for report in reports.reversed() {
            guard report.lidOpen == true else { break }
            since = report.measuredAt
        }
        let minutes = wholeMinutes(now.timeIntervalSince(since))
        guard minutes >= rules.lidOpenMinutes else { return nil }
        return AlertEvidence(value: minutes, unit: .minutes, observedAt: since)
    }

    /// Low battery: the newest percentage at or under the rule's, else the
    /// newest voltage at or under the rule's, or the sensor's own flag.
    static func lowBattery(_ readings: [Reading], _ rules: AlertRules) -> AlertEvidence? {
        if let newest = readings.last(where: { $0.batteryPercent != nil }), let percent = newest.batteryPercent {
            if percent <= rules.lowBatteryPercent { return AlertEvidence(value: percent, unit: .percent, observedAt: newest.measuredAt) }
        } else if let newest = readings.last(where: { $0.batteryMillivolts != nil }), let millivolts = newest.batteryMillivolts,
                  millivolts <= rules.lowBatteryMillivolts {
            return AlertEvidence(value: millivolts, unit: .millivolts, observedAt: newest.measuredAt)
        }
        if let newest = readings.last, newest.alarms.contains(.lowBattery) {
            return AlertEvidence(value: 1, unit: .flag, observedAt: newest.measuredAt)
        }
        return nil
    }

    /// Solar charge too low for the season: the panel's best of the last
    /// days under the rule's share of the median of the city's other panels
    /// over the same days. The season and the weather are the same for them
    /// all, so only a dirty or shaded panel falls that far behind. A panel
    /// watched for less than a day has not had a whole day's sun to show: at
    /// the first dawn, one that reports a few minutes earlier in the hour than
    /// its peers has only dark readings while theirs already have light.
    static func solarLow(_ best: Int?, peers: [Int], _ rules: AlertRules, watchedFor: TimeInterval, now: Date) -> AlertEvidence? {
        guard watchedFor >= 86_400, let best, peers.count >= AlertRules.solarPeersNeeded else { return nil }
        let sorted = peers.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        guard median >= solarDarkMillivolts else { return nil }
        // Both at most a few volts, so the products stay small.
        let share = best * 100 / median
        guard share < rules.solarShareOfPeers else { return nil }
        return AlertEvidence(value: share, unit: .percent, observedAt: now)
    }

    /// Silent: two heartbeats without a reading since the newest (or since registration).
    static func silent(since last: Date, _ rules: AlertRules, now: Date) -> AlertEvidence? {
        let quiet = now.timeIntervalSince(last)
        guard quiet >= rules.silence else { return nil }
        return AlertEvidence(value: wholeMinutes(quiet), unit: .minutes, observedAt: last)
    }

    /// Whole minutes of an interval between two stored times; never traps, whatever the times.
    static func wholeMinutes(_ interval: TimeInterval) -> Int {
        let minutes = (interval / 60).rounded(.down)
        guard minutes.isFinite else { return minutes > 0 ? .max : 0 }
        return Int(exactly: minutes) ?? (minutes > 0 ? .max : .min)
    }

    /// Each panel's peers: every other panel's best, by container.
    public static func solarPeers(_ best: [ContainerID: Int]) -> [ContainerID: [Int]] {
        var peers: [ContainerID: [Int]] = [:]
        for (container, _) in best {
            peers[container] = best.compactMap { $0.key == container ? nil : $0.value }
        }
        return peers
    }
}
