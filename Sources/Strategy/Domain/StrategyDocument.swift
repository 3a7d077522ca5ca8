import Foundation
import HromadaDomain

public struct StrategyDocumentID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// Where an adopted document stands.
public enum DocumentStatus: String, Sendable, Codable, CaseIterable {
    /// Being written or under public discussion: not yet adopted.
    case draft
    /// Adopted and being carried out.
    case inForce = "in_force"
    /// Its period is over and its report is in.
    case completed
    /// Cancelled or replaced by the council.
    case repealed
}

/// A field at fault, named as the API and the import name it
/// (`title.uk`, `decision.url`, `targets.2025`), and why.
public struct StrategyProblem: Error, Equatable, Sendable {
    public let field: String
    public let reason: Reason

    public enum Reason: String, Sendable {
        case missing
        case tooLong = "too_long"
        case outOfRange = "out_of_range"
        case malformed
        case unknown
        case duplicate
        /// A node under a parent of the wrong level, or a parent in another document.
        case misplaced
    }

    public init(field: String, reason: Reason) {
        self.field = field
        self.reason = reason
    }
}

/// Text as typed, trimmed; required or not, within a length.
enum Checked {
    static func text(_ value: String, _ field: String, limit: Int, required: Bool) throws(StrategyProblem) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if required, trimmed.isEmpty { throw StrategyProblem(field: field, reason: .missing) }
        guard trimmed.count <= limit else { throw StrategyProblem(field: field, reason: .tooLong) }
        return trimmed
    }

    /// Both languages; English may be left empty, and then reads the Ukrainian.
    static func name(_ value: LocalizedName, _ field: String, limit: Int, required: Bool = true) throws(StrategyProblem) -> LocalizedName {
        let uk = try text(value.uk, field + ".uk", limit: limit, required: required)
        let en = try text(value.en, field + ".en", limit: limit, required: false)
        return LocalizedName(uk: uk, en: en.isEmpty ? uk : en)
    }

    /// An external id: what an import matches rows by. Letters, digits and
    /// `.`, `-`, `_`, up to 64, as a spreadsheet's own numbering (`1.2.3`, `G1-O2`) is.
    static func externalID(_ value: String, _ field: String) throws(StrategyProblem) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw StrategyProblem(field: field, reason: .missing) }
        guard trimmed.count <= 64,
              trimmed.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) })
        else { throw StrategyProblem(field: field, reason: .malformed) }
        return trimmed
    }

    /// A web address of the decision: http or https, nothing else a page could be made to open.
    static func url(_ value: String, _ field: String) throws(StrategyProblem) -> String {
        let trimmed = try text(value, field, limit: 500, required: false)
        guard !trimmed.isEmpty else { return "" }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host?.isEmpty == false
        else { throw StrategyProblem(field: field, reason: .malformed) }
        return trimmed
    }
}

/// A strategic document of any kind (a development strategy, an SME
/// programme, a marketing or tourism strategy, an investment programme)
/// in one shape: its years, the council's decision that adopted it, and
/// where it stands. Its goals, objectives, measures and projects are
/// `StrategyNode`s. Made only through `make`, which names the first field at fault.
public struct StrategyDocument: Sendable, Equatable, Codable {
    public var externalID: String
    public var kind: StrategicDocumentKind
    public var title: LocalizedName
    /// A paragraph on what it is for (may be empty).
    public var summary: LocalizedName
    public var firstYear: Int
    public var lastYear: Int
    public var decision: Decision
    public var status: DocumentStatus
    /// Whether its figures are made up for the demo: its pages say so.
    public var isIllustrative: Bool

    /// The council's decision that adopted it («рішення … від … № …»).
    public struct Decision: Sendable, Equatable, Codable {
        public var number: String
        public var date: CalendarDate?
        /// Where the decision is published (the council's site, the register of acts).
        public var url: String

        public init(number: String = "", date: CalendarDate? = nil, url: String = "") {
            self.number = number
            self.date = date
            self.url = url
        }
    }

    public static let years = 1991...2100
    /// The longest plan a council adopts is a long-term strategy of 20 years; 30 leaves room.
    public static let longestSpan = 30

    public static func make(
        externalID: String, kind: StrategicDocumentKind, title: LocalizedName, summary: LocalizedName = .init(uk: "", en: ""),
        firstYear: Int, lastYear: Int, decision: Decision, status: DocumentStatus, isIllustrative: Bool = false
    ) throws(StrategyProblem) -> StrategyDocument {
        guard years.contains(firstYear) else { throw StrategyProblem(field: "firstYear", reason: .outOfRange) }
        guard years.contains(lastYear), lastYear >= firstYear, lastYear - firstYear < longestSpan else {
            throw StrategyProblem(field: "lastYear", reason: .outOfRange)
        }
        if let date = decision.date, !years.contains(date.year) { throw StrategyProblem(field: "decision.date", reason: .outOfRange) }
        if status != .draft, decision.number.trimmingCharacters(in: .whitespaces).isEmpty {
            // Adopted means adopted by a decision that has a number.
            throw StrategyProblem(field: "decision.number", reason: .missing)
        }
        return StrategyDocument(
            externalID: try Checked.externalID(externalID, "externalId"), kind: kind, title: try Checked.name(title, "title", limit: 300),
            summary: try Checked.name(summary, "summary", limit: 4000, required: false), firstYear: firstYear, lastYear: lastYear,
            decision: Decision(
                number: try Checked.text(decision.number, "decision.number", limit: 50, required: false), date: decision.date,
                url: try Checked.url(decision.url, "decision.url")),
            status: status, isIllustrative: isIllustrative)
    }
}
