import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The alert rules at work: a round every minute on the instance holding
/// the `waste-alerts` lease, and at once for a container whose reading
/// looks like fire (`urgent`). Each round compares what the rules find
/// (`AlertDetector`) with the alerts standing: a new finding raises an
/// alert (with its audit entry, and for a fire a mail to every dispatcher),
/// a finding still there updates its figure, and a standing alert whose
/// rule no longer holds is marked cleared (staff still close it).
public struct AlertWatch: Sendable {
    let services: AppServices

    static let lease = "waste-alerts"
    public static let interval: Duration = .seconds(60)

    public func round() async throws {
        let now = services.clock.now()
        for city in try await services.wasteCities(holding: Self.lease, at: now) {
            try await watch(city, at: now, kinds: AlertKind.readingKinds)
        }
    }

    /// The route rules, every quarter of an hour (they need four weeks of hours for the forecasts, not a minute's readings).
    public static let routeInterval: Duration = .seconds(900)

    public func routeRound() async throws {
        let now = services.clock.now()
        for city in try await services.wasteCities(holding: Self.lease, at: now) {
            try await watch(city, at: now, kinds: AlertKind.routeKinds, routes: try await routes(city, at: now))
        }
    }

    /// Each container against today's and yesterday's plans. Empty when the city has planned
    /// neither day: with no plan there is no round to be full before, and no stop to miss.
    func routes(_ city: Municipality, at now: Date) async throws -> [ContainerID: RouteWatch] {
        let cityID = city.id, today = CalendarDate.inKyiv(now), yesterday = today.adding(days: -1)
        let nowHour = HourlyAggregate.hour(of: Reading(measuredAt: now))
        let (todayPlan, yesterdayPlan, trucks) = try await services.store.read { tx in
            (try await tx.wastePlans.plan(in: cityID, on: today), try await tx.wastePlans.plan(in: cityID, on: yesterday), try await tx.wasteRegister.trucks(in: cityID))
        }
        guard todayPlan != nil || yesterdayPlan != nil else { return [:] }
        let hours = try await services.store.read { try await $0.wasteReadings.hours(in: cityID, from: nowHour - WastePlanning.historyDays * 24, to: nowHour + 1) }
        let shifts = Dictionary(trucks.map { ($0.id, $0.value.shiftMinutes) }, uniquingKeysWith: { first, _ in first })
        let tomorrowRound = WastePlanning.kyiv(today.adding(days: 1), hour: WastePlanning.roundHour)
        func onTrucks(_ plan: PlanRepository.StoredPlan?) -> Set<ContainerID>? { plan.map { Set($0.stops.filter { $0.truck != nil }.map(\.container)) } }
        let planned: [CalendarDate: Set<ContainerID>] = [today: onTrucks(todayPlan), yesterday: onTrucks(yesterdayPlan)].compactMapValues { $0 }
        // Each container's latest stop on a truck: today's plan over yesterday's (a late shift runs past midnight).
        var stops: [ContainerID: RouteWatch.PlannedStop] = [:]
        for plan in [yesterdayPlan, todayPlan].compactMap({ $0 }) {
            // The round starts at eight, or when the plan was made if later (a dispatcher's plan at noon).
            let roundStart = max(plan.plannedAt, WastePlanning.kyiv(plan.day, hour: WastePlanning.roundHour))
            for stop in plan.stops {
                guard let truck = stop.truck else { continue }
                stops[stop.container] = .init(
                    roundStart: roundStart, shiftEnds: roundStart.addingTimeInterval(Double(shifts[truck] ?? 480) * 60), fill: stop.fill, outcome: stop.outcome)
            }
        }
        let full = city.settings.waste.alerts.fullPercent
        var watches: [ContainerID: RouteWatch] = [:]
        let grouped = Dictionary(grouping: hours, by: \.container)
        // Containers with hours, and those on a truck today even without hours (a missed stop needs no forecast).
        for container in Set(grouped.keys).union(stops.keys) {
            let hours = (grouped[container] ?? []).map(\.hour)
            let forecast = FillForecast.make(hours, full: full)
            let stop = stops[container]
            // On a truck today and not reported yet: its collection is planned (missed-stop watches that it happens).
            let nextRound = stop.flatMap { $0.outcome == nil && now < $0.shiftEnds ? $0.roundStart : nil } ?? tomorrowRound
            let emptyings = Emptying.drops(in: hours).compactMap { found -> RouteWatch.SeenEmptying? in
                let at = FillForecast.start(ofHour: found.hour)
                guard now.timeIntervalSince(at) <= 86_400 else { return nil }
                return .init(at: at, drop: found.drop, planned: planned[CalendarDate.inKyiv(at)]?.contains(container) ?? true)
            }
            watches[container] = RouteWatch(
                fullAt: forecast.fullAt, fillAtNextRound: forecast.fill(at: HourlyAggregate.hour(of: Reading(measuredAt: nextRound))), nextRound: nextRound,
                stop: stop, emptyings: emptyings)
        }
        return watches
    }

    /// Whether a fresh reading should be looked at now rather than at the next round: the sensor says fire, or it is that hot.
    static func urgent(_ reading: Reading, rules: AlertRules) -> Bool {
        reading.alarms.contains(.fire) || (reading.temperatureTenths ?? .min) >= rules.fireCelsius * 10
    }

    /// Applies the rules to the city's containers (or only to `only`, and
    /// only the `kinds` given) and records what changed. Returns the alerts raised.
    @discardableResult
    public func watch(
        _ city: Municipality, at now: Date, only: Set<ContainerID>? = nil, kinds: Set<AlertKind> = AlertKind.readingKinds,
        routes: [ContainerID: RouteWatch]? = nil
    ) async throws -> [AlertRepository.StoredAlert] {
        let cityID = city.id, rules = city.settings.waste.alerts
        let solarFrom = HourlyAggregate.hour(of: Reading(measuredAt: now.addingTimeInterval(-AlertRules.solarWindow)))
        let (sites, containers, sensors, recent, latest, solar, standing) = try await services.store.read { tx in
            (try await tx.wasteRegister.sites(in: cityID), try await tx.wasteRegister.containers(in: cityID), try await tx.wasteRegister.sensors(in: cityID),
             try await tx.wasteReadings.recent(in: cityID, since: now.addingTimeInterval(-rules.window)),
             try await tx.wasteReadings.latest(in: cityID), try await tx.wasteReadings.solarBest(in: cityID, fromHour: solarFrom),
             try await tx.wasteAlerts.standing(in: cityID))
        }
        let registered = Dictionary(sensors.map { ($0.id, $0.createdAt) }, uniquingKeysWith: { first, _ in first })
        let peers = AlertDetector.solarPeers(solar)
        var raise: [AlertRepository.StoredAlert] = []
        var seen: [(WasteAlertID, AlertEvidence)] = []
        var clear: [WasteAlertID] = []
        for container in containers where only?.contains(container.id) ?? true {
            let standingHere = standing[container.id] ?? [:]
            // A container without a sensor has no rules to break; what stood for it clears.
            var found: [AlertKind: AlertEvidence] = [:]
            if let sensor = container.value.sensor, let since = registered[sensor] {
                let watched = ContainerWatch(
                    container: container.id, recent: recent[container.id] ?? [], latest: latest[container.id], watchedSince: since,
                    solarBest: solar[container.id], route: routes?[container.id])
                found = AlertDetector.conditions(watched, rules: rules, solarPeers: peers[container.id] ?? [], now: now).filter { kinds.contains($0.key) }
            }
            for (kind, evidence) in found {
                if let alert = standingHere[kind] {
                    if alert.evidence.value != evidence.value || alert.evidence.unit != evidence.unit { seen.append((alert.id, evidence)) }
                } else {
                    raise.append(.init(id: .random(), city: cityID, container: container.id, kind: kind, evidence: evidence, raisedAt: now))
                }
            }
            for (kind, alert) in standingHere where kinds.contains(kind) && found[kind] == nil { clear.append(alert.id) }
        }
        guard !raise.isEmpty || !seen.isEmpty || !clear.isEmpty else { return [] }
        let audit = services.audit, mail = services.mail, link = "\(services.configuration.publicBaseURL)/\(city.slug.rawValue)/admin/waste/alerts"
        let dispatchers = services.modules.grants(giving: .dispatchWaste)
        let (toRaise, toSee, toClear) = (raise, seen, clear)
        let places = Dictionary(sites.map { ($0.id, "\($0.value.name), \($0.value.address)") }, uniquingKeysWith: { first, _ in first })
        let placeOf = Dictionary(containers.map { ($0.id, places[$0.value.container.site] ?? "") }, uniquingKeysWith: { first, _ in first })
        return try await services.store.write { tx -> [AlertRepository.StoredAlert] in
            var raised: [AlertRepository.StoredAlert] = []
            for alert in toRaise where try await tx.wasteAlerts.raise(alert) {
                raised.append(alert)
                try await audit.record(
                    tx, action: AuditAction.wasteAlertRaised, actor: nil, municipality: cityID, subject: alert.id.rawValue,
                    details: ["container": alert.container.rawValue, "kind": alert.kind.rawValue, "value": String(alert.evidence.value)])
                guard alert.kind.isUrgent else { continue }
                for staff in try await tx.roles.holders(of: dispatchers, in: cityID) {
                    guard let account = try await tx.accounts.find(id: staff) else { continue }
                    try await tx.outbox.enqueue(mail.wasteAlert(alert, place: placeOf[alert.container] ?? "", to: account, link: link, at: now))
                }
            }
            for (id, evidence) in toSee { try await tx.wasteAlerts.seen(id, evidence: evidence, at: now) }
            for id in toClear { try await tx.wasteAlerts.clear(id, at: now) }
            return raised
        }
    }

    // MARK: Staff

    /// Seen by a dispatcher: others see who took it.
    public func acknowledge(_ id: WasteAlertID, city: Municipality, principal: Principal?) async throws {
        try await decide(id, city: city, principal: principal, action: AuditAction.wasteAlertAcknowledged) { tx, staff, now in
            try await tx.wasteAlerts.acknowledge(id, in: city.id, by: staff, at: now)
        }
    }

    /// Dealt with, with a note of what was done (up to 500 characters).
    public func close(_ id: WasteAlertID, note: String, city: Municipality, principal: Principal?) async throws {
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= Self.noteLimit else { throw AppError.invalid(code: "waste_alert_note_too_long", field: "note") }
        try await decide(id, city: city, principal: principal, action: AuditAction.wasteAlertClosed) { tx, staff, now in
            try await tx.wasteAlerts.close(id, in: city.id, by: staff, note: text, at: now)
        }
    }

    static let noteLimit = 500

    private func decide(
        _ id: WasteAlertID, city: Municipality, principal: Principal?, action: String,
        _ change: @escaping @Sendable (Repositories, AccountID, Date) async throws -> Bool
    ) async throws {
        let staff = try requireStaff(.dispatchWaste, principal, in: city.id)
        let audit = services.audit, cityID = city.id, now = services.clock.now()
        guard try await services.store.read({ try await $0.wasteAlerts.alert(id, in: cityID) }) != nil else { throw AppError.notFound }
        let changed = try await services.store.write { tx -> Bool in
            guard try await change(tx, staff.accountID, now) else { return false }
            try await audit.record(tx, action: action, actor: staff.accountID, municipality: cityID, subject: id.rawValue, details: [:])
            return true
        }
        guard changed else { throw AppError.conflict(code: "waste_alert_already_decided") }
    }

    /// A city's alerts for the desk: the open ones (or the closed ones), newest first.
    public func alerts(city: Municipality, principal: Principal?, open: Bool, limit: Int = 200) async throws -> [AlertRepository.StoredAlert] {
        _ = try requireStaff(.dispatchWaste, principal, in: city.id)
        let cityID = city.id
        return try await services.store.read { try await $0.wasteAlerts.alerts(in: cityID, open: open, limit: limit) }
    }
}

extension AppServices {
    public var wasteAlerts: AlertWatch { .init(services: self) }
}
