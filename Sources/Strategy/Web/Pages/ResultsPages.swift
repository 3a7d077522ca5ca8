import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The results report: a city's year at a glance across every module it
/// runs (`/{city}/results?year=`): its strategies' progress and indicators
/// on track, then each module's computed figures with the years before and
/// what each means; and the oblast's (`/oblast/{oblast}/results`), its
/// cities side by side. Figures are made from the data when read; staff
/// publish only the words around them (`strategy.report` in a city,
/// `oblast.publish_report` in an oblast). Printable on A4.
struct ResultsPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/results", use: cityReport)
        router.get(":city/admin/results", use: cityDesk)
        router.post(":city/admin/results", use: publishCity)
        router.get("oblast/:oblast/results", use: oblastReport)
        router.get("oblast/:oblast/admin/results", use: oblastDesk)
        router.post("oblast/:oblast/admin/results", use: publishOblast)
    }

    /// How many years a chart shows, the report's own last.
    static let chartYears = 5

    var currentYear: Int { services.strategy.currentYear }

    /// The report's year: `?year=` if it is one the report offers, else the last whole year.
    func year(_ request: Request) -> Int {
        let offered = offeredYears
        guard let text = request.uri.queryParameters.get("year"), let year = Int(text), offered.contains(year) else { return currentYear - 1 }
        return year
    }

    var offeredYears: ClosedRange<Int> { (currentYear - 9)...currentYear }

    func yearChoices(_ selected: Int) -> [StrategyPages.YearChoice] {
        offeredYears.reversed().map { StrategyPages.YearChoice(year: $0, selected: $0 == selected) }
    }

    /// A computed figure as the reader writes it, with its unit.
    func formatted(_ value: Double, _ indicator: ComputedIndicator, _ context: AppRequestContext) -> String {
        let number = StrategyFormat.number(indicator.unit == .percent ? value : value.rounded(), context.language)
        let unit = html.t(indicator.unitKey, context)
        return unit.isEmpty ? number : number + "\u{00A0}" + unit
    }

    // MARK: A city's report

    struct Figure {
        let name: String
        /// Nil when the year had nothing to count.
        let value: String?
        let change: String?
        let meaning: String
        let chart: String
    }

    struct ModuleSection {
        let title: String
        let figures: [Figure]
    }

    struct StatusCount {
        let status: String
        let label: String
        let count: Int
    }

    struct StrategyLine {
        let title: String
        let url: String
        let progress: StrategyPages.Progress?
        let statuses: [StatusCount]
        let chart: String?
    }

    struct CityPage {
        let city: String
        let year: Int
        let years: [StrategyPages.YearChoice]
        let introduction: String?
        let published: String?
        /// The year is still going on: its figures move as things happen.
        let ongoing: Bool
        let strategies: [StrategyLine]
        let hasStrategies: Bool
        let modules: [ModuleSection]
        let empty: Bool
        let oblastURL: String
        let deskURL: String?
    }

    /// Each of the city's documents as of the year: its roll-up, its indicators by status, its goals' bars.
    func strategyLines(_ city: Municipality, year: Int, _ context: AppRequestContext) async throws -> [StrategyLine] {
        var lines: [StrategyLine] = []
        for stored in try await services.strategy.documents(in: city.id) where stored.document.firstYear <= year {
            let view = try await services.strategy.view(of: stored, city: city, asOf: min(year, stored.document.lastYear))
            let counts = IndicatorStatus.allCases.map { status in
                StatusCount(
                    status: status.rawValue, label: html.t("strategy.status.\(status.rawValue)", context),
                    count: view.tree.indicators.filter { (view.assessments[$0.id]?.status ?? .none) == status }.count)
            }
            let goals = view.children(of: nil).filter { $0.status != .cancelled }
            let bars = goals.map { goal in
                let share = view.rollup.figures[goal.id]?.progress ?? 0
                return SVGBarChart.Bar(
                    label: StrategyPages.label(goal, context.language), value: Int64(StrategyFormat.percent(share)),
                    valueText: "\(StrategyFormat.percent(share)) %", highlighted: true)
            }
            lines.append(StrategyLine(
                title: stored.document.title.localized(context.language), url: "/\(city.slug.rawValue)/strategy/\(stored.id.rawValue)?year=\(year)",
                progress: view.rollup.documentProgress.map(StrategyPages.progress), statuses: counts.filter { $0.count > 0 },
                chart: bars.isEmpty ? nil : SVGBarChart(bars: bars, title: html.t("strategy.results.goals_chart", context)).render()))
        }
        return lines
    }

    /// Each module's computed figures for the year, with the years before drawn beside it.
    func moduleSections(_ city: Municipality, year: Int, _ context: AppRequestContext) async throws -> [ModuleSection] {
        var sections: [ModuleSection] = []
        for module in services.modules.enabled(in: city) where !module.computedIndicators.isEmpty {
            var figures: [Figure] = []
            for indicator in module.computedIndicators {
                var values: [(year: Int, value: Double)] = []
                for past in (year - Self.chartYears + 1)...year {
                    if let value = try await services.figure(indicator, city: city, year: past), value.isFinite { values.append((past, value)) }
                }
                guard let current = values.last(where: { $0.year == year }) else {
                    figures.append(Figure(
                        name: html.t(indicator.nameKey, context), value: nil, change: nil,
                        meaning: html.t(indicator.meaningKey, context), chart: ""))
                    continue
                }
                let previous = values.last { $0.year == year - 1 }
                let change = previous.map { previous -> String in
                    let delta = current.value - previous.value
                    let better = indicator.direction == .higher ? delta > 0 : delta < 0
                    let word = delta == 0 ? "same" : (better ? "better" : "worse")
                    return html.t("strategy.results.change_\(word)", context, ["previous": formatted(previous.value, indicator, context), "year": String(year - 1)])
                }
                // Bars scaled in tenths, so shares like 87.5 % keep their difference.
                let bars = values.map {
                    SVGBarChart.Bar(label: String($0.year), value: Int64(max(0, ($0.value * 10).rounded())), valueText: formatted($0.value, indicator, context), highlighted: $0.year == year)
                }
                figures.append(Figure(
                    name: html.t(indicator.nameKey, context), value: formatted(current.value, indicator, context), change: change,
                    meaning: html.t(indicator.meaningKey, context),
                    chart: values.count > 1 ? SVGBarChart(bars: bars, title: html.t(indicator.nameKey, context)).render() : ""))
            }
            sections.append(ModuleSection(title: html.t("modules.\(module.slug.rawValue).name", context), figures: figures))
        }
        return sections
    }

    @Sendable func cityReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let year = year(request), language = context.language, cityID = city.id
        let report = try await services.store.read { try await $0.strategy.report(year, of: .city(cityID)) }
        let strategies = try await strategyLines(city, year: year, context)
        let modules = try await moduleSections(city, year: year, context)
        let oblast = try await services.store.read { try await $0.municipalities.oblasts() }.first { $0.id == city.oblastID }
        let page = CityPage(
            city: city.name.localized(language), year: year, years: yearChoices(year),
            introduction: report.map { $0.commentary.introduction.localized(language) },
            published: report.map { StrategyFormat.day(CalendarDate.inKyiv($0.publishedAt), language) },
            ongoing: year >= services.strategy.currentYear, strategies: strategies,
            hasStrategies: !strategies.isEmpty, modules: modules, empty: strategies.isEmpty && modules.isEmpty,
            oblastURL: oblast.map { "/oblast/\($0.slug.rawValue)/results?year=\(year)" } ?? "",
            deskURL: context.principal?.may(.publishResults, in: city.id) == true ? "/\(city.slug.rawValue)/admin/results?year=\(year)" : nil)
        return try await html.render(
            "strategy-results", page: page, titleKey: "strategy.results.title", titleArguments: ["city": page.city, "year": String(year)],
            request: request, context: context, city: city)
    }

    // MARK: An oblast's report

    struct Cell {
        let value: String
    }

    struct Row {
        let name: String
        let meaning: String
        let cells: [Cell]
        let chart: String
    }

    struct OblastPage {
        let oblast: String
        let year: Int
        let years: [StrategyPages.YearChoice]
        let introduction: String?
        let published: String?
        let ongoing: Bool
        let cities: [StrategyPages.Link]
        let rows: [Row]
        let deskURL: String?
    }

    /// The oblast in the path and its cities.
    func oblast(_ context: AppRequestContext) async throws -> (Oblast, [Municipality]) {
        let (oblast, all) = try await OblastLookup(store: services.store).require(context)
        return (oblast, all.filter { $0.oblastID == oblast.id })
    }

    @Sendable func oblastReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (oblast, cities) = try await oblast(context)
        let year = year(request), language = context.language, oblastID = oblast.id
        let report = try await services.store.read { try await $0.strategy.report(year, of: .oblast(oblastID)) }
        var rows: [Row] = []
        // Each city's development strategy, as of the year.
        var progress: [Cell] = [], progressBars: [SVGBarChart.Bar] = []
        for city in cities {
            guard city.settings.enables(.strategy),
                  let stored = try await services.strategy.documents(in: city.id).first(where: { $0.document.kind == .developmentStrategy && $0.document.firstYear <= year })
            else {
                progress.append(Cell(value: "—"))
                continue
            }
            let share = try await services.strategy.view(of: stored, city: city, asOf: min(year, stored.document.lastYear)).rollup.documentProgress
            progress.append(Cell(value: share.map { "\(StrategyFormat.percent($0)) %" } ?? "—"))
            if let share {
                progressBars.append(.init(label: city.name.localized(language), value: Int64(StrategyFormat.percent(share)), valueText: "\(StrategyFormat.percent(share)) %", highlighted: true))
            }
        }
        rows.append(Row(
            name: html.t("strategy.results.development_progress", context), meaning: html.t("strategy.results.development_progress_meaning", context),
            cells: progress, chart: progressBars.count > 1 ? SVGBarChart(bars: progressBars, title: html.t("strategy.results.development_progress", context)).render() : ""))
        for indicator in services.modules.allComputedIndicators {
            var cells: [Cell] = [], bars: [SVGBarChart.Bar] = []
            for city in cities {
                guard services.modules.computedIndicator(indicator.key, in: city) != nil, let value = try await services.figure(indicator, city: city, year: year), value.isFinite else {
                    cells.append(Cell(value: "—"))
                    continue
                }
                cells.append(Cell(value: formatted(value, indicator, context)))
                bars.append(.init(label: city.name.localized(language), value: Int64(max(0, (value * 10).rounded())), valueText: formatted(value, indicator, context), highlighted: true))
            }
            guard !bars.isEmpty else { continue }
            rows.append(Row(
                name: html.t(indicator.nameKey, context), meaning: html.t(indicator.meaningKey, context), cells: cells,
                chart: bars.count > 1 ? SVGBarChart(bars: bars, title: html.t(indicator.nameKey, context)).render() : ""))
        }
        let page = OblastPage(
            oblast: oblast.name.localized(language), year: year, years: yearChoices(year),
            introduction: report.map { $0.commentary.introduction.localized(language) },
            published: report.map { StrategyFormat.day(CalendarDate.inKyiv($0.publishedAt), language) }, ongoing: year >= services.strategy.currentYear,
            cities: cities.map { .init(title: $0.name.localized(language), url: "/\($0.slug.rawValue)/results?year=\(year)") }, rows: rows,
            deskURL: context.principal?.may(.publishOblastReport, inOblast: oblast.id) == true ? "/oblast/\(oblast.slug.rawValue)/admin/results?year=\(year)" : nil)
        return try await html.render(
            "strategy-oblast-results", page: page, titleKey: "strategy.results.oblast_title", titleArguments: ["oblast": page.oblast, "year": String(year)],
            request: request, context: context, cities: cities)
    }

    // MARK: Publishing

    struct DeskPage {
        let heading: String
        let year: Int
        let years: [StrategyPages.YearChoice]
        let action: String
        let reportURL: String
        let fields: [FormField]
        let alert: String?
        let published: String?
    }

    func renderDesk(
        _ request: Request, _ context: AppRequestContext, owner: StrategyRepository.ReportOwner, heading: String, base: String, reportURL: String,
        year: Int, typed: LocalizedName? = nil, error: AppError? = nil, city: Municipality?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let report = try await services.store.read { try await $0.strategy.report(year, of: owner) }
        let problem = FormProblem(error, html: html, context: context)
        let values = typed ?? report?.commentary.introduction ?? .init(uk: "", en: "")
        let fields = [
            FormField(name: "introduction.uk", id: "intro-uk", label: html.t("strategy.results.introduction_uk", context), value: values.uk,
                      error: problem.message(for: "introduction.uk"), required: true, maxlength: 8000, rows: 8),
            FormField(name: "introduction.en", id: "intro-en", label: html.t("strategy.results.introduction_en", context), value: values.en,
                      error: problem.message(for: "introduction.en"), maxlength: 8000, rows: 8),
        ]
        let page = DeskPage(
            heading: heading, year: year, years: yearChoices(year), action: base + "?year=\(year)", reportURL: reportURL + "?year=\(year)", fields: fields,
            alert: problem.alert(unlessShownBy: fields),
            published: report.map { html.t("strategy.results.published_on", context, ["date": StrategyFormat.day(CalendarDate.inKyiv($0.publishedAt), context.language)]) })
        return try await html.render(
            "strategy-results-desk", page: page, titleKey: "strategy.results.desk_title", titleArguments: ["name": heading, "year": String(year)],
            request: request, context: context, city: city, status: status)
    }

    /// The commentary the form holds, checked.
    func commentary(_ context: AppRequestContext) throws(AppError) -> ResultsCommentary {
        let form = context.form ?? FormData()
        do { return try ResultsCommentary.make(introduction: .init(uk: form["introduction.uk"], en: form["introduction.en"])) } catch {
            throw StrategyService.appError(error)
        }
    }

    func publish(_ commentary: ResultsCommentary, year: Int, owner: StrategyRepository.ReportOwner, actor: AccountID, city: MunicipalityID?, subject: String) async throws {
        let now = services.clock.now(), audit = services.audit
        try await services.store.write { tx in
            try await tx.strategy.publish(commentary, year: year, of: owner, at: now)
            try await audit.record(tx, action: AuditAction.strategyReportPublished, actor: actor, municipality: city, subject: subject, details: ["year": String(year)])
        }
    }

    func staffCity(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try requireStaff(.publishResults, context.principal, in: city.id))
    }

    @Sendable func cityDesk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staffCity(context)
        return try await renderDesk(
            request, context, owner: .city(city.id), heading: city.name.localized(context.language), base: "/\(city.slug.rawValue)/admin/results",
            reportURL: "/\(city.slug.rawValue)/results", year: year(request), city: city)
    }

    @Sendable func publishCity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staffCity(context)
        let year = year(request), base = "/\(city.slug.rawValue)/admin/results"
        do {
            try await publish(try commentary(context), year: year, owner: .city(city.id), actor: staff.accountID, city: city.id, subject: "results:\(city.id.rawValue):\(year)")
            return HTML.redirect("/\(city.slug.rawValue)/results?year=\(year)")
        } catch let error as AppError where error.belongsOnTheForm {
            let form = context.form ?? FormData()
            return try await renderDesk(
                request, context, owner: .city(city.id), heading: city.name.localized(context.language), base: base, reportURL: "/\(city.slug.rawValue)/results",
                year: year, typed: .init(uk: form["introduction.uk"], en: form["introduction.en"]), error: error, city: city,
                status: HTTPResponse.Status(code: error.status.code))
        }
    }

    /// The oblast and its publisher: signed out is a 401, anyone without `oblast.publish_report` there a 404.
    func oblastStaff(_ context: AppRequestContext) async throws -> (Oblast, Principal) {
        let (oblast, _) = try await oblast(context)
        guard let principal = context.principal else { throw AppError.notSignedIn }
        guard principal.may(.publishOblastReport, inOblast: oblast.id) else { throw AppError.notFound }
        return (oblast, principal)
    }

    @Sendable func oblastDesk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (oblast, _) = try await oblastStaff(context)
        return try await renderDesk(
            request, context, owner: .oblast(oblast.id), heading: oblast.name.localized(context.language), base: "/oblast/\(oblast.slug.rawValue)/admin/results",
            reportURL: "/oblast/\(oblast.slug.rawValue)/results", year: year(request), city: nil)
    }

    @Sendable func publishOblast(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (oblast, staff) = try await oblastStaff(context)
        let year = year(request)
        do {
            try await publish(try commentary(context), year: year, owner: .oblast(oblast.id), actor: staff.accountID, city: nil, subject: "results:oblast:\(oblast.id.rawValue):\(year)")
            return HTML.redirect("/oblast/\(oblast.slug.rawValue)/results?year=\(year)")
        } catch let error as AppError where error.belongsOnTheForm {
            let form = context.form ?? FormData()
            return try await renderDesk(
                request, context, owner: .oblast(oblast.id), heading: oblast.name.localized(context.language),
                base: "/oblast/\(oblast.slug.rawValue)/admin/results", reportURL: "/oblast/\(oblast.slug.rawValue)/results", year: year,
                typed: .init(uk: form["introduction.uk"], en: form["introduction.en"]), error: error, city: nil, status: HTTPResponse.Status(code: error.status.code))
        }
    }
}
