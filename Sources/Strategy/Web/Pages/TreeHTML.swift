import Foundation
import HromadaDomain
import HromadaWeb
import HromadaStore

/// A document's tree as the page shows it: nested lists of nodes, each with
/// its progress bar, its percentage and its indicators' status dots, and
/// `data-node` / `data-progress` for anyone who checks the figures
/// (scripts/check-strategy-rollup). Written here rather than by a template:
/// a 2,000-node tree through the template engine's reflection took most of
/// the page's time, and the same tree, year, language and computed figures
/// always make the same bytes, so they are kept (a tree is never changed in
/// place: a new tree has a new key).
struct TreeHTML {
    struct Words: Sendable {
        let statuses: [WorkStatus: String]
        let indicatorStatuses: [IndicatorStatus: String]
    }

    let view: StrategyService.View
    /// The document's page, which node addresses extend.
    let base: String
    let language: Language
    let words: Words

    /// Each is under a megabyte even for 2,000 nodes; a handful of large trees fit.
    private static let kept = KeptValues<String>(capacity: 24)

    /// What makes the bytes: the figures (the stored tree, the year, the
    /// computed actuals), the language and the page's address.
    var key: String { "\(view.figuresKey)|\(language.rawValue)|\(base)" }

    func render() -> String {
        Self.kept.value(for: key) { build() }
    }

    func build() -> String {
        var children: [String: [StrategyNode]] = [:]
        var roots: [StrategyNode] = []
        for node in view.tree.nodes {
            if let parent = node.parent { children[parent, default: []].append(node) } else { roots.append(node) }
        }
        var statusesByNode: [String: [(String, IndicatorStatus)]] = [:]
        for indicator in view.tree.indicators {
            statusesByNode[indicator.node, default: []].append((indicator.name.localized(language), view.assessments[indicator.id]?.status ?? .none))
        }
        var out = ""
        out.reserveCapacity(view.tree.nodes.count * 480)
        func write(_ node: StrategyNode) {
            let share = view.rollup.figures[node.id]?.progress ?? 0
            let percent = String(StrategyFormat.percent(share))
            let id = HTMLText.escape(node.id)
            out += "<li class=\"node level-\(node.level.rawValue) work-\(node.status.rawValue)\" data-node=\"\(id)\" data-progress=\"\(Self.share(share))\">"
            out += "<div class=\"node-head\"><a href=\"\(base)/nodes/\(StrategyPages.pathSegment(node.id))\">"
            if !node.code.isEmpty { out += "<span class=\"code\">\(HTMLText.escape(node.code))</span> " }
            out += HTMLText.escape(node.title.localized(language))
            out += "</a> <span class=\"node-figures\"><progress max=\"100\" value=\"\(percent)\"></progress> <b>\(percent)&nbsp;%</b>"
            if node.status == .cancelled { out += " <span class=\"tag\">\(HTMLText.escape(words.statuses[.cancelled] ?? ""))</span>" }
            for (name, status) in statusesByNode[node.id] ?? [] {
                let label = HTMLText.escape(name + ": " + (words.indicatorStatuses[status] ?? ""))
                out += " <span class=\"dot dot-\(status.rawValue)\" role=\"img\" aria-label=\"\(label)\" title=\"\(label)\"></span>"
            }
            out += "</span></div>"
            if let kids = children[node.id], !kids.isEmpty {
                out += "<ol class=\"branch\">"
                kids.forEach(write)
                out += "</ol>"
            }
            out += "</li>\n"
        }
        out += "<ol class=\"tree\">"
        roots.forEach(write)
        out += "</ol>"
        return out
    }

    /// A share with six decimals, as `data-progress` gives it: written by
    /// hand, since Foundation's formatter was a third of the tree's time.
    static func share(_ value: Double) -> String {
        let micro = Int((min(1, max(0, value)) * 1_000_000).rounded())
        let fraction = String(micro % 1_000_000)
        return "\(micro / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
