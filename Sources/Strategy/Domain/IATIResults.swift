import Foundation
import HromadaDomain

/// A strategic document's results as an IATI activity file (standard 2.03):
/// the document is one activity, each node with indicators one `result`,
/// each indicator its baseline and one period per year that has a target or
/// an actual. Donors and the State's monitoring read the same figures the
/// pages show, in the shape the whole sector reads. The order of elements
/// follows `iati-activities-schema.xsd` (its sequences are ordered), and the
/// codes are IATI's codelists, named where each is used.
public enum IATIResults {
    /// The file, UTF-8 XML. `tree` is the tree as published (with computed
    /// actuals already in it, `StrategyIndicator.withComputed`);
    /// `identifier` is the activity's IATI identifier (the reporting
    /// organisation's ref, a hyphen, the document's own id); `language` is
    /// the activity's default language; `generatedAt` stamps the file and
    /// tells started or ended years that are past from those still planned.
    public static func document(
        document: StrategyDocument, tree: StrategyTree, reportingOrg: (ref: String, name: LocalizedName), identifier: String,
        language: Language, generatedAt: Date
    ) -> String {
        let now = Timestamp(generatedAt)
        var xml = XMLText()
        xml.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        xml.open("iati-activities", ["version": "2.03", "generated-datetime": now.dateTime])
        xml.open("iati-activity", ["xml:lang": language.rawValue])
        xml.element("iati-identifier", text: identifier)
        xml.open("reporting-org", ["ref": reportingOrg.ref, "type": localGovernment])
        xml.narratives(reportingOrg.name)
        xml.close("reporting-org")
        xml.open("title")
        xml.narratives(document.title)
        xml.close("title")
        // DescriptionType 1: general. The schema requires one; a document without a summary is described by its title.
        xml.open("description", ["type": "1"])
        xml.narratives(document.summary.uk.isEmpty ? document.title : document.summary)
        xml.close("description")
        // OrganisationRole 2 (accountable) and 4 (implementing): the council adopts the document and carries it out.
        for role in ["2", "4"] {
            xml.open("participating-org", ["ref": reportingOrg.ref, "type": localGovernment, "role": role])
            xml.narratives(reportingOrg.name)
            xml.close("participating-org")
        }
        xml.empty("activity-status", ["code": activityStatus(document.status)])
        let start = CalendarDate(year: document.firstYear, month: 1, day: 1)
        let end = CalendarDate(year: document.lastYear, month: 12, day: 31)
        // ActivityDateType 1/2: planned/actual start; 3/4: planned/actual end. IATI refuses an actual date in the future.
        let started = document.status != .draft && start <= now.date
        let ended = document.status == .completed && end <= now.date
        xml.empty("activity-date", ["type": started ? "2" : "1", "iso-date": start.description])
        xml.empty("activity-date", ["type": ended ? "4" : "3", "iso-date": end.description])
        let byNode = Dictionary(grouping: tree.indicators, by: \.node)
        for node in tree.nodes {
            guard let indicators = byNode[node.id], !indicators.isEmpty else { continue }
            result(node, indicators, into: &xml)
        }
        xml.close("iati-activity")
        xml.close("iati-activities")
        return xml.text
    }

    /// OrganisationType 11: local government (a city, settlement or village council).
    static let localGovernment = "11"

    /// ActivityStatus: 1 pipeline (a draft under discussion), 2 implementation,
    /// 4 closed (its period over and its report in), 5 cancelled (repealed).
    static func activityStatus(_ status: DocumentStatus) -> String {
        switch status {
        case .draft: "1"
        case .inForce: "2"
        case .completed: "4"
        case .repealed: "5"
        }
    }

    /// ResultType: a goal's and an operational objective's indicators measure a
    /// change in the city (2, outcome: Minregion order 265 states objectives by
    /// the change they bring); a measure's or project's, what it delivers (1, output).
    static func resultType(_ level: NodeLevel) -> String {
        switch level {
        case .goal, .objective: "2"
        case .measure, .project: "1"
        }
    }

    private static func result(_ node: StrategyNode, _ indicators: [StrategyIndicator], into xml: inout XMLText) {
        xml.open("result", ["type": resultType(node.level)])
        xml.open("title")
        xml.narratives(node.title)
        xml.close("title")
        if !node.description.uk.isEmpty {
            xml.open("description")
            xml.narratives(node.description)
            xml.close("description")
        }
        for indicator in indicators {
            // IndicatorMeasure 1: a unit (people, hryvnias, percent points as typed).
            xml.open("indicator", ["measure": "1", "ascending": indicator.direction == .higher ? "1" : "0"])
            xml.open("title")
            xml.narratives(indicator.name)
            xml.close("title")
            // The standard has no place for a unit; its description says it.
            if !indicator.unit.uk.isEmpty {
                xml.open("description")
                xml.narratives(LocalizedName(uk: "Одиниця виміру: \(indicator.unit.uk)", en: "Unit: \(indicator.unit.en)"))
                xml.close("description")
            }
            xml.empty("baseline", ["year": String(indicator.baseline.year), "value": MeasuredValue.format(indicator.baseline.value)])
            let years = Set(indicator.targets.map(\.year)).union(indicator.actuals.map(\.year)).sorted()
            for year in years {
                xml.open("period")
                xml.empty("period-start", ["iso-date": CalendarDate(year: year, month: 1, day: 1).description])
                xml.empty("period-end", ["iso-date": CalendarDate(year: year, month: 12, day: 31).description])
                if let target = indicator.target(in: year) { xml.empty("target", ["value": MeasuredValue.format(target)]) }
                if let actual = indicator.actual(in: year) {
                    xml.open("actual", ["value": MeasuredValue.format(actual.value)])
                    xml.open("comment")
                    xml.element("narrative", text: actual.source)
                    xml.close("comment")
                    xml.close("actual")
                }
                xml.close("period")
            }
            xml.close("indicator")
        }
        xml.close("result")
    }

    /// A moment in UTC, as a date and as `xsd:dateTime`.
    struct Timestamp {
        let date: CalendarDate
        let dateTime: String

        init(_ moment: Date) {
            // Within years 1…9999, which `xsd:dateTime` writes with four digits; a Date beyond is no real moment.
            let interval = moment.timeIntervalSince1970.isFinite ? moment.timeIntervalSince1970 : 0
            let seconds = Int(min(max(interval, -62_135_596_800), 253_402_300_799).rounded(.down))
            let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
            let rest = seconds - days * 86_400
            date = CalendarDate(ordinal: days)
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
            dateTime = "\(date)T\(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))Z"
        }
    }
}

extension IATIResults {
    /// XML written line by line, indented, every text and attribute escaped.
    struct XMLText {
        private(set) var text = ""
        private var depth = 0

        mutating func line(_ content: String) {
            text += String(repeating: "  ", count: depth) + content + "\n"
        }

        /// Attributes in name order, so the same tree always writes the same bytes.
        private static func tag(_ name: String, _ attributes: [String: String]) -> String {
            ([name] + attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(escaped($0.value, inAttribute: true))\"" }).joined(separator: " ")
        }

        mutating func open(_ name: String, _ attributes: [String: String] = [:]) {
            line("<\(Self.tag(name, attributes))>")
            depth += 1
        }

        mutating func close(_ name: String) {
            depth -= 1
            line("</\(name)>")
        }

        mutating func empty(_ name: String, _ attributes: [String: String] = [:]) {
            line("<\(Self.tag(name, attributes))/>")
        }

        mutating func element(_ name: String, _ attributes: [String: String] = [:], text content: String) {
            line("<\(Self.tag(name, attributes))>\(Self.escaped(content, inAttribute: false))</\(name)>")
        }

        /// A text in both languages, each marked with its `xml:lang`; English
        /// left empty reads the Ukrainian, as on the pages.
        mutating func narratives(_ name: LocalizedName) {
            element("narrative", ["xml:lang": "uk"], text: name.uk)
            element("narrative", ["xml:lang": "en"], text: name.en.isEmpty ? name.uk : name.en)
        }

        /// Markup characters as entities; characters XML 1.0 does not allow
        /// (control characters but tab and line breaks, U+FFFE, U+FFFF) dropped.
        /// In an attribute a tab or line break is written as a reference, which
        /// a parser keeps (a literal one it turns into a space); in text a
        /// carriage return is, which a parser would turn into a line feed.
        static func escaped(_ text: String, inAttribute: Bool) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&apos;"
                case "\r": out += "&#13;"
                case "\n": out += inAttribute ? "&#10;" : "\n"
                case "\t": out += inAttribute ? "&#9;" : "\t"
                default:
                    let value = scalar.value
                    if value >= 0x20 && value != 0xFFFE && value != 0xFFFF { out.unicodeScalars.append(scalar) }
                }
            }
            return out
        }
    }
}
