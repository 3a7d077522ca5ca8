import Foundation
import HromadaDomain
import Testing
@testable import Waste

/// Each alert rule, by name: what makes it hold and what does not.
@Suite struct WasteAlertRulesTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let container = ContainerID(rawValue: "c1")
    static let rules = AlertRules()

    static func at(minutesAgo minutes: Double, _ change: (inout Reading) -> Void = { _ in }) -> Reading {
        var reading = Reading(measuredAt: now.addingTimeInterval(-minutes * 60))
        change(&reading)
        return reading
    }

    static func found(
        _ recent: [Reading], latest: Reading? = nil, since: Date = now.addingTimeInterval(-86_400), solar: Int? = nil, peers: [Int] = [],
        rules: AlertRules = rules
    ) -> [AlertKind: AlertEvidence] {
        let watch = ContainerWatch(container: container, recent: recent, latest: latest ?? recent.last, watchedSince: since, solarBest: solar)
        return AlertDetector.conditions(watch, rules: rules, solarPeers: peers, now: now)
    }

    @Test func fullHoldsAtTheThresholdOrByTheSensorsOwnFlag() {
        #expect(Self.found([Self.at(minutesAgo: 5) { $0.fillPercent = 89 }])[.full] == nil)
        #expect(Self.found([Self.at(minutesAgo: 5) { $0.fillPercent = 90 }])[.full]?.value == 90)
        // The newest fill counts, not the highest: an emptied container is not full.
        let emptied = [Self.at(minutesAgo: 30) { $0.fillPercent = 98 }, Self.at(minutesAgo: 5) { $0.fillPercent = 3 }]
        #expect(Self.found(emptied)[.full] == nil)
        #expect(Self.found([Self.at(minutesAgo: 5) { $0.alarms = .full }])[.full]?.unit == .flag)
        var lower = Self.rules
        lower.fullPercent = 75
        #expect(Self.found([Self.at(minutesAgo: 5) { $0.fillPercent = 80 }], rules: lower)[.full]?.value == 80)
    }

    @Test func fireHoldsOverTheThresholdOrAtAFastRiseOrByTheSensorsFlag() {
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.temperatureTenths = 599 }])[.fire] == nil)
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.temperatureTenths = 600 }])[.fire] == AlertEvidence(
            value: 600, unit: .tenthsCelsius, observedAt: Self.now.addingTimeInterval(-60)))
        // From 12 °C to 28 °C in twenty minutes: a fire starting, well under 60 °C.
        let rising = [Self.at(minutesAgo: 21) { $0.temperatureTenths = 120 }, Self.at(minutesAgo: 1) { $0.temperatureTenths = 280 }]
        #expect(Self.found(rising)[.fire]?.value == 160)
        #expect(Self.found(rising)[.fire]?.unit == .tenthsCelsiusRise)
        // The same rise over two hours is a summer morning.
        let slow = [Self.at(minutesAgo: 121) { $0.temperatureTenths = 120 }, Self.at(minutesAgo: 1) { $0.temperatureTenths = 280 }]
        #expect(Self.found(slow)[.fire] == nil)
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.alarms = .fire }])[.fire]?.unit == .flag)
    }

    @Test func aFireThatCooledDownNoLongerHolds() {
        let cooled = [Self.at(minutesAgo: 20) { $0.temperatureTenths = 700 }, Self.at(minutesAgo: 2) { $0.temperatureTenths = 150 }]
        #expect(Self.found(cooled)[.fire] == nil)
    }

    @Test func tiltedHoldsPastTheAngleEitherWayOrByTheSensorsFlag() {
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.tiltTenths = 199 }])[.tilted] == nil)
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.tiltTenths = 200 }])[.tilted]?.value == 200)
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.tiltTenths = -350 }])[.tilted]?.value == -350)
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.alarms = .tilted }])[.tilted]?.unit == .flag)
    }

    @Test func lidOpenHoldsWhenEveryReportSinceTheFirstOpenOneSaysOpenLongEnough() {
        let brief = [Self.at(minutesAgo: 20) { $0.lidOpen = true }]
        #expect(Self.found(brief)[.lidOpen] == nil)
        let long = [Self.at(minutesAgo: 50) { $0.lidOpen = false }, Self.at(minutesAgo: 40) { $0.lidOpen = true }, Self.at(minutesAgo: 5) { $0.lidOpen = true }]
        #expect(Self.found(long)[.lidOpen] == AlertEvidence(value: 40, unit: .minutes, observedAt: Self.now.addingTimeInterval(-40 * 60)))
        // Closed in between: open only since the last opening.
        let reopened = [Self.at(minutesAgo: 50) { $0.lidOpen = true }, Self.at(minutesAgo: 30) { $0.lidOpen = false }, Self.at(minutesAgo: 10) { $0.lidOpen = true }]
        #expect(Self.found(reopened)[.lidOpen] == nil)
        let closed = [Self.at(minutesAgo: 90) { $0.lidOpen = true }, Self.at(minutesAgo: 1) { $0.lidOpen = false }]
        #expect(Self.found(closed)[.lidOpen] == nil)
    }

    @Test func lowBatteryHoldsByPercentElseByVoltageOrByTheSensorsFlag() {
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.batteryPercent = 21 }])[.lowBattery] == nil)
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.batteryPercent = 20 }])[.lowBattery]?.value == 20)
        // A sensor that gives a percentage is judged by it, not by its voltage under load.
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.batteryPercent = 60; $0.batteryMillivolts = 3_200 }])[.lowBattery] == nil)
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.batteryMillivolts = 3_300 }])[.lowBattery] == AlertEvidence(
            value: 3_300, unit: .millivolts, observedAt: Self.now.addingTimeInterval(-60)))
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.batteryMillivolts = 3_301 }])[.lowBattery] == nil)
        #expect(Self.found([Self.at(minutesAgo: 1) { $0.alarms = .lowBattery }])[.lowBattery]?.unit == .flag)
    }

    @Test func solarLowHoldsWhenAPanelFallsFarBehindTheCitysOthers() {
        let reading = [Self.at(minutesAgo: 1) { $0.fillPercent = 10 }]
        let peers = [5_600, 5_800, 6_000, 6_100, 6_300]
        #expect(Self.found(reading, solar: 2_900, peers: peers)[.solarLow]?.value == 48)
        #expect(Self.found(reading, solar: 3_100, peers: peers)[.solarLow] == nil)
        // A dark winter week for everyone is no fault of one panel.
        #expect(Self.found(reading, solar: 1_000, peers: [1_900, 2_000, 2_100, 2_000, 1_950])[.solarLow] == nil)
        #expect(Self.found(reading, solar: 10, peers: [40, 50, 60, 70, 80])[.solarLow] == nil)
        // Too few panels to compare with.
        #expect(Self.found(reading, solar: 100, peers: [6_000, 6_000, 6_000, 6_000])[.solarLow] == nil)
        #expect(Self.found(reading, solar: nil, peers: peers)[.solarLow] == nil)
    }

    @Test func solarLowWaitsUntilAPanelHasBeenWatchedForADay() {
        let reading = [Self.at(minutesAgo: 1) { $0.fillPercent = 10 }]
        let peers = [5_600, 5_800, 6_000, 6_100, 6_300]
        #expect(Self.found(reading, since: Self.now.addingTimeInterval(-86_399), solar: 0, peers: peers)[.solarLow] == nil)
        #expect(Self.found(reading, since: Self.now.addingTimeInterval(-86_400), solar: 0, peers: peers)[.solarLow]?.value == 0)
    }

    @Test func aPanelsPeersAreEveryOtherPanel() {
        let peers = AlertDetector.solarPeers([ContainerID(rawValue: "a"): 1, ContainerID(rawValue: "b"): 2, ContainerID(rawValue: "c"): 3])
        #expect(peers[ContainerID(rawValue: "a")]?.sorted() == [2, 3])
        #expect(peers[ContainerID(rawValue: "c")]?.sorted() == [1, 2])
    }

    @Test func silentHoldsAfterTwoHeartbeatsWithoutAReading() {
        #expect(Self.found([Self.at(minutesAgo: 119)])[.silent] == nil)
        #expect(Self.found([], latest: Self.at(minutesAgo: 120))[.silent]?.value == 120)
        // Never heard from: counted from registration.
        #expect(Self.found([], latest: nil, since: Self.now.addingTimeInterval(-3 * 3_600))[.silent]?.value == 180)
        #expect(Self.found([], latest: nil, since: Self.now.addingTimeInterval(-3_600))[.silent] == nil)
        var daily = Self.rules
        daily.heartbeatMinutes = 1_440
        #expect(Self.found([], latest: Self.at(minutesAgo: 600), rules: daily)[.silent] == nil)
    }

    @Test func aQuietHealthyContainerRaisesNothing() {
        let healthy = [Self.at(minutesAgo: 30) { $0.fillPercent = 40; $0.temperatureTenths = 80; $0.tiltTenths = 15; $0.lidOpen = false; $0.batteryPercent = 90 }]
        #expect(Self.found(healthy, solar: 5_900, peers: [5_600, 5_800, 6_000, 6_100, 6_300]).isEmpty)
    }

    @Test func minutesOfAnyIntervalNeverStopTheProcess() {
        #expect(AlertDetector.wholeMinutes(.infinity) == .max)
        #expect(AlertDetector.wholeMinutes(-.infinity) == 0)
        #expect(AlertDetector.wholeMinutes(.nan) == 0)
        #expect(AlertDetector.wholeMinutes(1e300) == .max)
        #expect(AlertDetector.wholeMinutes(-1e300) == .min)
        #expect(AlertDetector.wholeMinutes(179.9) == 2)
    }

    @Test func rulesSavedByAnOlderReleaseKeepWhatTheyHadAndDefaultTheRest() throws {
        let older = Data(#"{"fullPercent": 80, "tiltDegrees": 500, "fireCelsius": 9223372036854775807}"#.utf8)
        let rules = try JSONDecoder().decode(AlertRules.self, from: older)
        #expect(rules.fullPercent == 80)
        // Out of its range is kept, for the settings check to refuse...
        #expect(rules.tiltDegrees == 500)
        // ...but a value that would overflow the rules' arithmetic is the default.
        #expect(rules.fireCelsius == AlertRules().fireCelsius)
        #expect(rules.heartbeatMinutes == AlertRules().heartbeatMinutes)
        let settings = try JSONDecoder().decode(WasteSettings.self, from: Data(#"{"retentionDays": 30}"#.utf8))
        #expect(settings.retentionDays == 30)
        #expect(settings.alerts == AlertRules())
    }
}

/// The three rules that hold a container against the day's plans.
@Suite struct WasteRouteAlertRulesTests {
    static let now = WasteAlertRulesTests.now
    static let hour: TimeInterval = 3_600

    static func found(_ route: RouteWatch, rules: AlertRules = AlertRules()) -> [AlertKind: AlertEvidence] {
        let watch = ContainerWatch(
            container: WasteAlertRulesTests.container, recent: [Reading(measuredAt: now.addingTimeInterval(-60))], latest: nil,
            watchedSince: now.addingTimeInterval(-86_400), solarBest: nil, route: route)
        return AlertDetector.conditions(watch, rules: rules, solarPeers: [], now: now).filter { AlertKind.routeKinds.contains($0.key) }
    }

    static func route(fullIn hours: Double?, next: Double = 16, stop: RouteWatch.PlannedStop? = nil, emptyings: [RouteWatch.SeenEmptying] = []) -> RouteWatch {
        RouteWatch(
            fullAt: hours.map { now.addingTimeInterval($0 * hour) }, fillAtNextRound: 104, nextRound: now.addingTimeInterval(next * hour), stop: stop,
            emptyings: emptyings)
    }

    @Test func fullBeforeRoundHoldsWhenTheForecastReachesTheLineBeforeATruckCanCome() {
        #expect(Self.found(Self.route(fullIn: 5))[.fullBeforeRound] == AlertEvidence(value: 104, unit: .percent, observedAt: Self.now.addingTimeInterval(5 * Self.hour)))
        // Full after the next round: that round takes it.
        #expect(Self.found(Self.route(fullIn: 20))[.fullBeforeRound] == nil)
        // No forecast, or already full (the full rule says so): not this rule's.
        #expect(Self.found(Self.route(fullIn: nil))[.fullBeforeRound] == nil)
        #expect(Self.found(Self.route(fullIn: 0))[.fullBeforeRound] == nil)
    }

    @Test func unplannedEmptyingHoldsForADropThatDaysPlanDidNotHave() {
        let planned = RouteWatch.SeenEmptying(at: Self.now.addingTimeInterval(-3 * Self.hour), drop: 80, planned: true)
        let unplanned = RouteWatch.SeenEmptying(at: Self.now.addingTimeInterval(-2 * Self.hour), drop: 65, planned: false)
        #expect(Self.found(Self.route(fullIn: nil, emptyings: [planned]))[.unplannedEmptying] == nil)
        #expect(Self.found(Self.route(fullIn: nil, emptyings: [planned, unplanned]))[.unplannedEmptying] == AlertEvidence(value: 65, unit: .percent, observedAt: unplanned.at))
    }

    @Test func missedStopHoldsAfterTheShiftAndItsGraceUnlessEmptiedByCrewOrSensor() {
        let start = Self.now.addingTimeInterval(-9 * Self.hour), ends = Self.now.addingTimeInterval(-1 * Self.hour)
        func stop(_ outcome: StopOutcome?, ends: Date = ends) -> RouteWatch.PlannedStop { .init(roundStart: start, shiftEnds: ends, fill: 93, outcome: outcome) }
        // No word from the crew and no drop: missed.
        #expect(Self.found(Self.route(fullIn: nil, stop: stop(nil)))[.missedStop] == AlertEvidence(value: 93, unit: .percent, observedAt: ends))
        // Skipped is not emptied.
        #expect(Self.found(Self.route(fullIn: nil, stop: stop(.skipped)))[.missedStop] != nil)
        // Emptied by the crew's word, or seen emptied by the sensor since the round began.
        #expect(Self.found(Self.route(fullIn: nil, stop: stop(.emptied)))[.missedStop] == nil)
        let seen = RouteWatch.SeenEmptying(at: start.addingTimeInterval(Self.hour), drop: 70, planned: true)
        #expect(Self.found(Self.route(fullIn: nil, stop: stop(nil), emptyings: [seen]))[.missedStop] == nil)
        // Within the grace after the shift: not yet.
        #expect(Self.found(Self.route(fullIn: nil, stop: stop(nil, ends: Self.now.addingTimeInterval(-10 * 60))))[.missedStop] == nil)
        var rules = AlertRules()
        rules.missedStopGraceMinutes = 5
        #expect(Self.found(Self.route(fullIn: nil, stop: stop(nil, ends: Self.now.addingTimeInterval(-10 * 60))), rules: rules)[.missedStop] != nil)
    }

    @Test func aStopReportNeedsAReasonToSkipAndANoteForOther() throws {
        #expect(throws: StopReport.Problem.reasonMissing) { try StopReport(outcome: .skipped, reason: nil, note: "") }
        #expect(throws: StopReport.Problem.noteMissing) { try StopReport(outcome: .skipped, reason: .other, note: "  ") }
        #expect(throws: StopReport.Problem.noteTooLong) { try StopReport(outcome: .emptied, reason: nil, note: String(repeating: "я", count: 501)) }
        #expect(try StopReport(outcome: .skipped, reason: .blocked, note: "").reason == .blocked)
        // Emptied carries no reason, whatever was sent.
        #expect(try StopReport(outcome: .emptied, reason: .hazard, note: "").reason == nil)
    }
}
