import Foundation

/// Horizontal bar charts drawn on the server as SVG: they need no script,
/// print well, and pass the CSP (attributes, not inline styles). Labels are
/// XML-escaped here because the SVG is inserted unescaped into the page.
package struct SVGBarChart {
    package struct Bar {
        package let label: String
        package let value: Int64
        package let valueText: String
        /// Funded projects and the like are drawn in the accent colour.
        package let highlighted: Bool
        package init(label: String, value: Int64, valueText: String, highlighted: Bool) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.highlighted = highlighted
        }
    }

    package let bars: [Bar]
    package let title: String

    package func render() -> String {
        let rowHeight = 42, labelHeight = 18, width = 360
        let height = max(1, bars.count) * rowHeight + 8
        let largest = max(1, bars.map(\.value).max() ?? 1)
        // The picture is for eyes; a screen reader reads the same figures from the table after it.
        var svg = #"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width) \#(height)" aria-hidden="true" focusable="false">"#
        svg += "<title>\(Self.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let top = index * rowHeight + 4
            let length = Int((Double(bar.value) / Double(largest) * Double(width - 90)).rounded())
            let fill = bar.highlighted ? "#1a7f37" : "#8c959f"
            svg += ##"<text x="0" y="\##(top + labelHeight - 2)" font-size="15" fill="#1f2328">\##(Self.escape(Self.shortened(bar.label)))</text>"##
            svg += ##"<rect x="0" y="\##(top + labelHeight + 2)" width="\##(max(2, length))" height="14" rx="2" fill="\##(fill)"/>"##
            svg += ##"<text x="\##(max(2, length) + 6)" y="\##(top + labelHeight + 14)" font-size="14" fill="#1f2328">\##(Self.escape(bar.valueText))</text>"##
        }
        return svg + "</svg>" + table()
    }

    /// The chart's figures as a table that only screen readers meet: its title as the
    /// caption, a row per bar with its whole label (the picture may shorten it).
    package func table() -> String {
        // The wrapper, not the table, is hidden: a table grows to its content, and one
        // positioned off-screen would still widen the page on a phone.
        var html = #"<div class="visually-hidden"><table><caption>\#(Self.escape(title))</caption><tbody>"#
        for bar in bars {
            html += #"<tr><th scope="row">\#(Self.escape(bar.label))</th><td>\#(Self.escape(bar.valueText))</td></tr>"#
        }
        return html + "</tbody></table></div>"
    }

    static func shortened(_ text: String) -> String {
        text.count > 38 ? String(text.prefix(37)) + "…" : text
    }

    package static func escape(_ text: String) -> String { XMLText.escape(text) }
    package init(bars: [Bar], title: String) {
        self.bars = bars
        self.title = title
    }
}
