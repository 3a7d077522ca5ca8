import Foundation
import HromadaDomain
import HromadaWeb

/// An indicator's chart, drawn on the server as SVG (no script, prints,
/// passes the CSP): the baseline, the target path (dashed, through the
/// baseline and each year's target), and the actuals, each dot coloured by
/// its status that year. The table under it on the page says the same in words.
struct IndicatorChart {
    let indicator: StrategyIndicator
    let title: String
    let language: Language

    static let width = 360.0, height = 230.0
    static let left = 52.0, right = 12.0, top = 14.0, bottom = 28.0

    static func colour(_ status: IndicatorStatus) -> String {
        switch status {
        case .green: "#1a7f37"
        case .amber: "#9a6700"
        case .red: "#cf222e"
        case .none: "#8c959f"
        }
    }

    func render() -> String {
        let firstYear = indicator.baseline.year
        let lastYear = max(firstYear + 1, indicator.targets.last?.year ?? firstYear, indicator.actuals.last?.year ?? firstYear)
        let values = [indicator.baseline.value] + indicator.targets.map(\.value) + indicator.actuals.map(\.value)
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high - low < 1e-9 { low -= 1; high += 1 }
        // Round steps (1, 2, 2.5 or 5 times a power of ten) so the scale reads at a glance.
        let step = Self.niceStep((high - low) / 4)
        low = (low / step).rounded(.down) * step
        high = (high / step).rounded(.up) * step
        let ticks = Int(((high - low) / step).rounded())
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        func x(_ year: Int) -> Double { Self.left + plotWidth * Double(year - firstYear) / Double(lastYear - firstYear) }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - (value - low) / (high - low)) }
        func point(_ year: Int, _ value: Double) -> String { "\(Self.fixed(x(year))),\(Self.fixed(y(value)))" }

        var svg = #"<svg class="chart indicator-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(Int(Self.width)) \#(Int(Self.height))" role="img" aria-label="\#(Self.escape(title))">"#
        svg += "<title>\(Self.escape(title))</title>"
        for tick in 0...max(1, min(ticks, 10)) {
            let value = low + step * Double(tick)
            let lineY = Self.fixed(y(value))
            svg += ##"<line x1="\##(Int(Self.left))" x2="\##(Int(Self.width - Self.right))" y1="\##(lineY)" y2="\##(lineY)" stroke="#d0d7de" stroke-width="1"/>"##
            svg += ##"<text x="\##(Int(Self.left) - 4)" y="\##(lineY)" font-size="11" text-anchor="end" dominant-baseline="middle" fill="#57606a">\##(Self.escape(StrategyFormat.number(value, language)))</text>"##
        }
        let span = lastYear - firstYear, every = span <= 8 ? 1 : (span <= 16 ? 2 : 5)
        for year in stride(from: firstYear, through: lastYear, by: every) {
            svg += ##"<text x="\##(Self.fixed(x(year)))" y="\##(Int(Self.height) - 8)" font-size="11" text-anchor="middle" fill="#57606a">\##(year)</text>"##
        }
        let path = [point(indicator.baseline.year, indicator.baseline.value)] + indicator.targets.map { point($0.year, $0.value) }
        if path.count > 1 {
            svg += ##"<polyline points="\##(path.joined(separator: " "))" fill="none" stroke="#0969da" stroke-width="2" stroke-dasharray="6 4"/>"##
        }
        for target in indicator.targets {
            svg += ##"<circle cx="\##(Self.fixed(x(target.year)))" cy="\##(Self.fixed(y(target.value)))" r="3" fill="#ffffff" stroke="#0969da" stroke-width="2"/>"##
        }
        let baseline = (x(indicator.baseline.year), y(indicator.baseline.value))
        svg += ##"<rect x="\##(Self.fixed(baseline.0 - 4))" y="\##(Self.fixed(baseline.1 - 4))" width="8" height="8" fill="#57606a"/>"##
        let actuals = indicator.actuals.filter { $0.year >= firstYear }
        if actuals.count > 1 {
            svg += ##"<polyline points="\##(actuals.map { point($0.year, $0.value) }.joined(separator: " "))" fill="none" stroke="#1f2328" stroke-width="2"/>"##
        }
        for actual in actuals {
            let status = indicator.assessment(asOf: actual.year).status
            svg += ##"<circle cx="\##(Self.fixed(x(actual.year)))" cy="\##(Self.fixed(y(actual.value)))" r="5" fill="\##(Self.colour(status))" stroke="#1f2328" stroke-width="1"/>"##
        }
        return svg + "</svg>"
    }

    static func niceStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let power = pow(10, (log10(rough)).rounded(.down))
        let fraction = rough / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    static func fixed(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String { SVGBarChart.escape(text) }
}
