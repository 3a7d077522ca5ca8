import Foundation
import HromadaDomain

/// The levels of a strategy's tree (Minregion order 265: strategic goal →
/// operational objective → task; a task is carried out by projects).
public enum NodeLevel: String, Sendable, Codable, CaseIterable {
    case goal, objective, measure, project

    /// The level a node of this level hangs under; nil for a goal, the root.
    public var parentLevel: NodeLevel? {
        switch self {
        case .goal: nil
        case .objective: .goal
        case .measure: .objective
        case .project: .measure
        }
    }
}

/// A weight in a roll-up, kept in thousandths so that what is published
/// (`1`, `2.5`, `0.125`) is exactly what is counted. 0…1000.
public struct Weight: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let thousandths: Int

    public static let one = Weight(exactly: 1_000)
    public static let range = 0...1_000_000

    public init?(thousandths: Int) {
        guard Self.range.contains(thousandths) else { return nil }
        self.thousandths = thousandths
    }

    private init(exactly thousandths: Int) { self.thousandths = thousandths }

    /// From a number as typed or sent: finite, 0…1000, at most three decimals.
    public init?(_ value: Double) {
        guard value.isFinite, value >= 0, value <= 1_000 else { return nil }
        let scaled = (value * 1_000).rounded()
        guard abs(scaled - value * 1_000) < 1e-6 else { return nil }
        self.init(thousandths: Int(scaled))
    }

    /// `2.5` or `2,5` as typed.
    public init?(text: String) {
        guard let value = MeasuredValue.parse(text) else { return nil }
        self.init(value)
    }

    public var value: Double { Double(thousandths) / 1_000 }
    public var description: String { MeasuredValue.format(value) }

    public static func < (lhs: Weight, rhs: Weight) -> Bool { lhs.thousandths < rhs.thousandths }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(Int.self)
        guard let weight = Weight(thousandths: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "weight out of range"))
        }
        self = weight
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(thousandths)
    }
}

/// A number an indicator takes: finite, within ±10¹³ (hryvnias of any
/// budget, people, percent), at most six decimals as typed.
public enum MeasuredValue {
    public static let limit = 1e13

    public static func isAcceptable(_ value: Double) -> Bool { value.isFinite && abs(value) <= limit }

    /// `12 345,6` → 12345.6: spaces between thousands dropped, a decimal
    /// comma read as a point, up to 13 digits before it and 6 after, an optional minus.
    public static func parse(_ text: String) -> Double? {
        let cleaned = text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }.replacingOccurrences(of: ",", with: ".")
        let unsigned = cleaned.hasPrefix("-") ? cleaned.dropFirst() : Substring(cleaned)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...14).contains(parts[0].count), parts.count == 1 || (1...6).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let value = Double(cleaned), isAcceptable(value)
        else { return nil }
        return value
    }

    /// The shortest text that reads back as the value: `12`, `12.5`, `0.125`.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let shortest = String(value)
        // Swift writes a value below 1e-4 with an exponent (`1e-05`), which
        // `parse` refuses; six decimals are as many as a value may have.
        guard shortest.contains("e"), value.isFinite else { return shortest }
        var fixed = String(format: "%.6f", value)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }
}

/// What a node points at in the city's other modules, by kind and id
/// (the platform's link kinds; the strategy keeps only these two).
public struct NodeLink: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case budgetProject = "budget_project"
        case auctionLot = "auction_lot"
        case investSite = "invest_site"
        case petition
    }

    public let kind: Kind
    public let id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }
}

/// A goal, objective, measure or project: who answers for it, when, with
/// how much money, where it stands, and how much it counts in its parent's
/// progress. Its `id` is its external id, unique within its document: what
/// an import matches it by and what its page's address names.
public struct StrategyNode: Sendable, Equatable, Codable {
    public var id: String
    /// The node it hangs under; nil for a goal.
    public var parent: String?
    public var level: NodeLevel
    /// Its number as the document prints it (`2.1.3`); may be empty.
    public var code: String
    public var title: LocalizedName
    public var description: LocalizedName
    /// The body that carries it out (a department of the council, a utility).
    public var responsible: String
    public var start: CalendarDate?
    public var end: CalendarDate?
    public var planned: Money
    public var spent: Money
    public var status: WorkStatus
    /// A share done as the responsible body reports it, 0…100, for a leaf
    /// without indicators (a road's kilometres laid); nil when unreported.
    public var reportedProgress: Int?
    public var weight: Weight
    public var links: [NodeLink]

    public static let maxLinks = 50

    public init(
        id: String, parent: String?, level: NodeLevel, code: String = "", title: LocalizedName, description: LocalizedName = .init(uk: "", en: ""),
        responsible: String = "", start: CalendarDate? = nil, end: CalendarDate? = nil, planned: Money = .zero, spent: Money = .zero,
        status: WorkStatus = .planned, reportedProgress: Int? = nil, weight: Weight = .one, links: [NodeLink] = []
    ) {
        self.id = id
        self.parent = parent
        self.level = level
        self.code = code
        self.title = title
        self.description = description
        self.responsible = responsible
        self.start = start
        self.end = end
        self.planned = planned
        self.spent = spent
        self.status = status
        self.reportedProgress = reportedProgress
        self.weight = weight
        self.links = links
    }

    /// This node checked on its own (texts trimmed, dates in order, money
    /// within the ceiling); where it hangs is checked by `StrategyTree`.
    public func checked() throws(StrategyProblem) -> StrategyNode {
        var next = self
        next.id = try Checked.externalID(id, "id")
        if let parent { next.parent = try Checked.externalID(parent, "parent") }
        next.code = try Checked.text(code, "code", limit: 20, required: false)
        next.title = try Checked.name(title, "title", limit: 500)
        // 4,000 as a spreadsheet cell the import reads (`DelimitedText.maxFieldLength`) holds.
        next.description = try Checked.name(description, "description", limit: DelimitedText.maxFieldLength, required: false)
        next.responsible = try Checked.text(responsible, "responsible", limit: 300, required: false)
        for (field, date) in [("start", start), ("end", end)] {
            if let date, !StrategyDocument.years.contains(date.year) { throw StrategyProblem(field: field, reason: .outOfRange) }
        }
        if let start, let end, end < start { throw StrategyProblem(field: "end", reason: .outOfRange) }
        for (field, money) in [("planned", planned), ("spent", spent)] where !money.isWithinCeiling {
            throw StrategyProblem(field: field, reason: .outOfRange)
        }
        if let reportedProgress, !(0...100).contains(reportedProgress) { throw StrategyProblem(field: "reportedProgress", reason: .outOfRange) }
        guard links.count <= Self.maxLinks else { throw StrategyProblem(field: "links", reason: .outOfRange) }
        var seen = Set<NodeLink>()
        for (index, link) in links.enumerated() {
            // Ids of other modules' things are letters, digits, `.`, `-` and `_`, as an import's `links` cell separates them.
            guard (try? Checked.externalID(link.id, "")) == link.id else { throw StrategyProblem(field: "links.\(index).id", reason: .malformed) }
            guard seen.insert(link).inserted else { throw StrategyProblem(field: "links.\(index).id", reason: .duplicate) }
        }
        return next
    }
}
