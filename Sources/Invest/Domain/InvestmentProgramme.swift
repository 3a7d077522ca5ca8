import Foundation
import HromadaDomain

public struct ProgrammeID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A city's programme to attract investment («Програма сприяння залученню
/// інвестицій … на 2021–2023 роки»): the council's decision that adopted
/// it, its years, and its measures, each with who carries it out, its
/// years, the money planned and spent, where it stands, and the sites it
/// concerns. Made only whole through `make`, which names the first field at fault.
public struct InvestmentProgramme: Sendable, Equatable, Codable {
    public var title: LocalizedName
    public var firstYear: Int
    public var lastYear: Int
    /// The council's decision: its number and date.
    public var decisionNumber: String
    public var decisionDate: CalendarDate?
    public var measures: [Measure]

    public struct Measure: Sendable, Equatable, Codable {
        public var number: String
        public var title: LocalizedName
        /// The body that carries it out (a department of the council).
        public var responsible: String
        public var firstYear: Int
        public var lastYear: Int
        public var planned: Money
        public var spent: Money
        public var status: Status
        public var sites: [SiteID]
        /// Whether it is the promise to answer investors on time: its page shows the enquiries' figures beside it.
        public var tracksEnquiries: Bool

        public enum Status: String, Sendable, CaseIterable, Codable {
            case planned
            case inProgress = "in_progress"
            case done, cancelled
        }

        public init(
            number: String, title: LocalizedName, responsible: String, firstYear: Int, lastYear: Int, planned: Money, spent: Money, status: Status,
            sites: [SiteID] = [], tracksEnquiries: Bool = false
        ) {
            self.number = number
            self.title = title
            self.responsible = responsible
            self.firstYear = firstYear
            self.lastYear = lastYear
            self.planned = planned
            self.spent = spent
            self.status = status
            self.sites = sites
            self.tracksEnquiries = tracksEnquiries
        }
    }

    public static let years = 1991...2100
    public static let maxMeasures = 200

    /// The programme checked whole, texts trimmed; the first field at fault named as the API names it.
    public static func make(
        title: LocalizedName, firstYear: Int, lastYear: Int, decisionNumber: String, decisionDate: CalendarDate?, measures: [Measure]
    ) throws(InvestmentSite.Problem) -> InvestmentProgramme {
        func fail(_ field: String, _ reason: InvestmentSite.Problem.Reason) -> InvestmentSite.Problem { .init(field: field, reason: reason) }
        func text(_ value: String, _ field: String, limit: Int, required: Bool) throws(InvestmentSite.Problem) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if required, trimmed.isEmpty { throw fail(field, .missing) }
            guard trimmed.count <= limit else { throw fail(field, .outOfRange) }
            return trimmed
        }
        func span(_ first: Int, _ last: Int, _ field: String) throws(InvestmentSite.Problem) {
            guard years.contains(first) else { throw fail(field + "firstYear", .outOfRange) }
            guard years.contains(last), last >= first else { throw fail(field + "lastYear", .outOfRange) }
        }
        let title = LocalizedName(uk: try text(title.uk, "title.uk", limit: 300, required: true), en: try text(title.en, "title.en", limit: 300, required: true))
        try span(firstYear, lastYear, "")
        guard measures.count <= maxMeasures else { throw fail("measures", .outOfRange) }
        var checked: [Measure] = []
        var numbers = Set<String>()
        for (index, measure) in measures.enumerated() {
            let at = "measures.\(index)."
            var next = measure
            next.number = try text(measure.number, at + "number", limit: 20, required: true)
            guard numbers.insert(next.number).inserted else { throw fail(at + "number", .malformed) }
            next.title = LocalizedName(
                uk: try text(measure.title.uk, at + "title.uk", limit: 500, required: true), en: try text(measure.title.en, at + "title.en", limit: 500, required: true))
            next.responsible = try text(measure.responsible, at + "responsible", limit: 300, required: true)
            try span(measure.firstYear, measure.lastYear, at)
            guard measure.firstYear >= firstYear, measure.lastYear <= lastYear else { throw fail(at + "lastYear", .outOfRange) }
            for (field, money) in [("planned", measure.planned), ("spent", measure.spent)] where !money.isWithinCeiling {
                throw fail(at + field, .outOfRange)
            }
            guard measure.sites.count <= 100 else { throw fail(at + "sites", .outOfRange) }
            checked.append(next)
        }
        return InvestmentProgramme(
            title: title, firstYear: firstYear, lastYear: lastYear, decisionNumber: try text(decisionNumber, "decisionNumber", limit: 50, required: false),
            decisionDate: decisionDate, measures: checked)
    }

    /// The money of all its measures (never trapping: sums saturate far above any real figure).
    public var planned: Money { Money.sum(measures.map(\.planned)) }
    public var spent: Money { Money.sum(measures.map(\.spent)) }
}
