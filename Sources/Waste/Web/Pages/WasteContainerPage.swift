import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// A container's page (`/{city}/waste/containers/{id}`): what it is, its
/// newest reading, its fill over the last two weeks as a chart (an SVG drawn
/// here, so it needs no JavaScript, with the days as a table beside it), the
/// forecast with its backtest, and, for dispatchers, its alerts.
struct WasteContainerPage {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    /// Two weeks of hours on the chart, and eight weeks of history behind the forecast.
    static let chartHours: Int64 = 14 * 24
    static let historyHours: Int64 = 8 * 7 * 24
    /// The forecast drawn this far ahead of the newest reading.
    static let aheadHours: Int64 = 48

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/waste/containers/:container", use: page)
    }

    struct Fact {
        let label: String
        let value: String
    }

    struct Tick {
        let x: Int
        let label: String
    }

    struct Chart {
        let label: String
        let points: String
        let forecast: String?
        let fullY: Int
        let ticks: [Tick]
        let emptied: [Int]
    }

    struct Rate {
        let day: String
        let perDay: String
    }

    struct Day {
        let day: String
        let low: String
        let high: String
        let last: String
    }

    struct AlertRow {
        let kind: String
        let figure: String
        let raised: String
        let state: String
        let urgent: Bool
    }

    struct Page {
        let facts: [Fact]
        let now: String
        let seen: String?
        let chart: Chart?
        let rates: [Rate]
        let fullAt: String
        let backtest: String?
        let days: [Day]
        let alerts: [AlertRow]?
        let alertsURL: String?
        let mapURL: String
        /// Mustache sees stored properties only: whether the tables have rows.
        let hasRates: Bool
        let hasDays: Bool
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = ContainerID(rawValue: try context.parameters.require("container"))
        let cityID = city.id, language = context.language, now = services.clock.now()
        let nowHour = HourlyAggregate.hour(of: Reading(measuredAt: now))
        let dispatcher = context.principal?.may(.dispatchWaste, in: cityID) == true
        guard let stored = try await services.store.read({ try await $0.wasteRegister.container(id, in: cityID) }) else { throw AppError.notFound }
        let container = stored.value.container
        let (site, hours, latest, alerts) = try await services.store.read { tx in
            (try await tx.wasteRegister.site(container.site, in: cityID),
             try await tx.wasteReadings.hours(of: id, in: cityID, from: nowHour - Self.historyHours, to: nowHour + 1),
             try await tx.wasteReadings.latest(of: id, in: cityID),
             dispatcher ? try await tx.wasteAlerts.alerts(of: id, in: cityID, limit: 20) : [])
        }
        let rules = city.settings.waste.alerts
        let forecast = FillForecast.make(hours, full: rules.fullPercent)
        let fraction = html.t("waste.fraction.\(container.fraction.rawValue)", context)
        let siteName = site?.value.name ?? "—"
        let text = AlertText(localizer: services.localizer, language: language)
        let facts = [
            Fact(label: html.t("waste.container.address", context), value: site?.value.address ?? "—"),
            Fact(label: html.t("waste.container.volume", context), value: html.t("waste.litres", context, ["n": String(container.volumeLitres)])),
            Fact(label: html.t("waste.container.placement", context), value: html.t("waste.placement.\(container.placement.rawValue)", context)),
            Fact(label: html.t("waste.container.maker", context), value: container.maker.isEmpty ? "—" : container.maker),
            Fact(label: html.t("waste.container.installed", context), value: container.installedOn.map { "\($0)" } ?? "—"),
            Fact(label: html.t("waste.container.sensor", context), value: html.t(stored.value.sensor == nil ? "waste.container.no" : "waste.container.yes", context)),
        ]
        let rates = (1...7).compactMap { day in
            forecast.ratePerHour[day].map { Rate(day: Self.weekdayName(day, language), perDay: String(format: "%.1f", $0 * 24)) }
        }
        let days = DailyFill.days(of: hours).suffix(14).reversed().map { day in
            // Day and month only, so the four columns fit a phone.
            Day(day: "\(day.day.day).\(String(format: "%02d", day.day.month))", low: day.fillMin.map { "\($0) %" } ?? "—", high: day.fillMax.map { "\($0) %" } ?? "—", last: day.fillLast.map { "\($0) %" } ?? "—")
        }
        let page = Page(
            facts: facts,
            now: latest?.fillPercent.map { html.t("waste.fill", context, ["n": String($0)]) }
                ?? html.t(stored.value.sensor == nil ? "waste.no_sensor" : "waste.fill_unknown", context),
            seen: latest.map { html.t("waste.seen", context, ["time": WasteFormat.time($0.measuredAt, language)]) },
            chart: chart(hours, forecast: forecast, nowHour: nowHour, full: rules.fullPercent, context: context),
            rates: rates,
            fullAt: forecast.fullAt.map { html.t("waste.container.full_at", context, ["time": WasteFormat.time($0, language)]) }
                ?? html.t("waste.container.full_unknown", context),
            backtest: forecast.backtest.map {
                html.t("waste.container.backtest", context, [
                    "n": String($0.predictions), "error": String(format: "%.1f", $0.meanAbsoluteError), "flat": String(format: "%.1f", $0.flatRateError),
                ])
            },
            days: days,
            alerts: dispatcher ? alerts.map { alert in
                AlertRow(
                    kind: text.kind(alert.kind), figure: text.figure(alert.evidence), raised: WasteFormat.time(alert.raisedAt, language),
                    state: alert.closedAt.map { html.t("waste.alerts.closed_at", context, ["time": WasteFormat.time($0, language)]) }
                        ?? alert.clearedAt.map { html.t("waste.alerts.cleared", context, ["time": WasteFormat.time($0, language)]) }
                        ?? html.t("waste.alerts.standing", context),
                    urgent: alert.kind.isUrgent && alert.isOpen)
            } : nil,
            alertsURL: dispatcher ? "/\(city.slug.rawValue)/admin/waste/alerts" : nil, mapURL: "/\(city.slug.rawValue)/waste",
            hasRates: !rates.isEmpty, hasDays: !days.isEmpty)
        return try await html.render(
            "waste-container", page: page, titleKey: "waste.container.title", titleArguments: ["site": siteName, "fraction": fraction], request: request,
            context: context, city: city)
    }

    /// The chart's geometry: 336 × 120 units, an hour a unit across, the
    /// fill 0–120 % bottom to top; the forecast dashed beyond the newest reading.
    func chart(_ hours: [HourlyAggregate], forecast: FillForecast, nowHour: Int64, full: Int, context: AppRequestContext) -> Chart? {
        let start = nowHour - Self.chartHours
        let shown = hours.filter { $0.hour >= start && $0.fillLast != nil }
        guard !shown.isEmpty else { return nil }
        func y(_ fill: Int) -> Int { 120 - min(max(fill, 0), 120) }
        func x(_ hour: Int64) -> Int { Int(hour - start) }
        let points = shown.compactMap { hour in hour.fillLast.map { "\(x(hour.hour)),\(y($0))" } }.joined(separator: " ")
        var ahead: String?
        if let lastHour = forecast.lastHour, let lastFill = forecast.lastFill, lastHour >= start {
            let end = min(lastHour + Self.aheadHours, nowHour + Self.aheadHours)
            ahead = ([(lastHour, lastFill)] + stride(from: lastHour + 6, through: end, by: 6).compactMap { hour in forecast.fill(at: hour).map { (hour, $0) } })
                .map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ")
        }
        // A tick at each Kyiv midnight, labelled every other day so they fit a phone.
        var ticks: [Tick] = []
        for hour in start...nowHour where FillForecast.Rates.weekday(hour) != FillForecast.Rates.weekday(hour - 1) {
            let date = FillForecast.start(ofHour: hour)
            ticks.append(Tick(x: x(hour), label: ticks.count % 2 == 0 ? WasteFormat.day(date, context.language) : ""))
        }
        let emptied = Emptying.hours(in: shown).map(x)
        let last = shown.last?.fillLast ?? 0
        return Chart(
            label: html.t("waste.container.chart_label", context, ["n": String(last), "emptied": String(emptied.count)]), points: points, forecast: ahead,
            fullY: y(full), ticks: ticks, emptied: emptied)
    }

    static func weekdayName(_ day: Int, _ language: Language) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language == .uk ? "uk_UA" : "en_GB")
        // standaloneWeekdaySymbols start on Sunday; ours on Monday.
        let symbols: [String] = formatter.standaloneWeekdaySymbols
        let index = day % 7
        return symbols.indices.contains(index) ? symbols[index] : String(day)
    }
}
