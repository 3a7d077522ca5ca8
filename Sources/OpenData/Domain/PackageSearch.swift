import Foundation

/// What `package_search` of the CKAN Action API was asked, checked: the
/// free-text query, the filters of `fq`, the page and its order. Parsed from
/// outside text only here; every number is range-checked, every unknown
/// filter refused (a harvester that filters on something this catalogue
/// does not know must not silently get everything).
public struct PackageSearch: Sendable, Equatable {
    /// Words every result must contain (in its name, title, description or tags), lowercased; empty: every dataset.
    public var words: [String] = []
    /// `organization:NAME` (or `owner_org:`): only this publisher's datasets.
    public var organizations: [String] = []
    /// `groups:NAME`: only datasets of this group (a module).
    public var groups: [String] = []
    /// `name:NAME`: only this dataset.
    public var names: [String] = []
    /// `res_format:CSV`: only datasets with a resource in this format (upper case).
    public var formats: [String] = []
    /// `metadata_modified:[FROM TO UNTIL]`, either end open (`*`).
    public var modifiedFrom: Date?
    public var modifiedUntil: Date?
    public var rows = 10
    public var start = 0
    public var sort: Sort = .default

    /// The largest page (CKAN's default `ckan.search.rows_max`).
    public static let maximumRows = 1000
    /// A page that starts beyond this is refused rather than walked.
    public static let maximumStart = 1_000_000

    public enum Sort: Equatable, Sendable {
        /// `score desc, metadata_modified desc`: CKAN's default; with no ranking here, newest first.
        case `default`
        case field(Field, ascending: Bool)

        public enum Field: String, Sendable, CaseIterable {
            case id, name, title
            case metadataModified = "metadata_modified"
            case metadataCreated = "metadata_created"
        }
    }

    /// A parameter that cannot be used: CKAN answers these with a
    /// "Validation Error" (409) naming the parameter.
    public struct Problem: Error, Equatable, Sendable {
        public let parameter: String
        public let message: String
    }

    public init() {}

    /// From the request's parameters, by name (query string or JSON body, as text).
    public init(_ parameters: [String: String]) throws(Problem) {
        if let q = parameters["q"] { try readQuery(q) }
        if let fq = parameters["fq"] { try readFilters(fq) }
        if let text = parameters["rows"] { rows = try Self.number(text, "rows", in: 0...Self.maximumRows) }
        if let text = parameters["start"] { start = try Self.number(text, "start", in: 0...Self.maximumStart) }
        if let text = parameters["sort"] { sort = try Self.sort(text) }
    }

    private static func number(_ text: String, _ parameter: String, in range: ClosedRange<Int>) throws(Problem) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 9, let value = Int(trimmed), range.contains(value) else {
            throw Problem(parameter: parameter, message: "Must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private static func sort(_ text: String) throws(Problem) -> Sort {
        let clauses = text.split(separator: ",").map { $0.split(whereSeparator: \.isWhitespace).map { $0.lowercased() } }
        // CKAN's default order, however it is spelt, and a first clause the rest only break ties of.
        if clauses.first == ["score", "desc"] || clauses.first == ["score"] {
            return clauses.count == 1 || clauses[1] == ["metadata_modified", "desc"] ? .default : try sort(clauses.dropFirst().map { $0.joined(separator: " ") }.joined(separator: ","))
        }
        guard let clause = clauses.first, (1...2).contains(clause.count), let field = Sort.Field(rawValue: clause[0]) else {
            throw Problem(parameter: "sort", message: "Sort by id, name, title, metadata_modified or metadata_created, asc or desc")
        }
        guard clause.count == 1 || ["asc", "desc"].contains(clause[1]) else {
            throw Problem(parameter: "sort", message: "Sort order must be asc or desc")
        }
        return .field(field, ascending: clause.count == 1 || clause[1] == "asc")
    }

    /// `q`: words, `*:*` for everything, or `field:value` terms as in `fq`.
    private mutating func readQuery(_ q: String) throws(Problem) {
        for term in try Self.terms(q, parameter: "q") where term != "*:*" && term != "*" {
            if term.contains(":") { try readFilter(term, parameter: "q") } else { words.append(term.lowercased()) }
        }
    }

    private mutating func readFilters(_ fq: String) throws(Problem) {
        for term in try Self.terms(fq, parameter: "fq") where term != "*:*" {
            try readFilter(term, parameter: "fq")
        }
    }

    private mutating func readFilter(_ term: String, parameter: String) throws(Problem) {
        guard let colon = term.firstIndex(of: ":") else {
            throw Problem(parameter: parameter, message: "A filter is field:value; \(term) is not")
        }
        let field = term[..<colon].lowercased()
        let value = Self.unquoted(String(term[term.index(after: colon)...]))
        guard !value.isEmpty else { throw Problem(parameter: parameter, message: "The filter \(field) has no value") }
        switch field {
        case "organization", "owner_org": organizations.append(value)
        case "groups": groups.append(value)
        case "name": names.append(value)
        case "res_format": formats.append(value.uppercased())
        case "metadata_modified":
            let (from, until) = try Self.range(value, parameter: parameter)
            if let from { modifiedFrom = max(modifiedFrom ?? from, from) }
            if let until { modifiedUntil = min(modifiedUntil ?? until, until) }
        default:
            throw Problem(parameter: parameter, message: "Cannot filter on \(field): use organization, groups, name, res_format or metadata_modified")
        }
    }

    /// `[FROM TO UNTIL]` (inclusive) or `{FROM TO UNTIL}`; either end `*`.
    private static func range(_ text: String, parameter: String) throws(Problem) -> (Date?, Date?) {
        let problem = Problem(parameter: parameter, message: "metadata_modified takes [FROM TO UNTIL] with ISO 8601 times or *")
        guard let open = text.first, let close = text.last, "[{".contains(open), "]}".contains(close), text.count >= 2 else { throw problem }
        let parts = text.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
        guard parts.count == 3, parts[1] == "TO" else { throw problem }
        func time(_ part: Substring) throws(Problem) -> Date? {
            if part == "*" { return nil }
            guard let date = SolrTime.parse(String(part)) else { throw problem }
            return date
        }
        return (try time(parts[0]), try time(parts[2]))
    }

    private static func unquoted(_ text: String) -> String {
        text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") ? String(text.dropFirst().dropLast()) : text
    }

    /// Whitespace-separated terms; a bracketed range or a quoted value stays one term; a leading `+` (must) is dropped.
    static func terms(_ text: String, parameter: String) throws(Problem) -> [String] {
        guard text.utf8.count <= 4096 else { throw Problem(parameter: parameter, message: "Too long") }
        var terms: [String] = [], current = "", depth = 0, quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if !quoted, character == "[" || character == "{" { depth += 1 }
            if !quoted, character == "]" || character == "}" { depth -= 1 }
            if character.isWhitespace, depth <= 0, !quoted {
                if !current.isEmpty { terms.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { terms.append(current) }
        guard depth == 0, !quoted else { throw Problem(parameter: parameter, message: "Unbalanced brackets or quotes") }
        return terms.map { $0.hasPrefix("+") ? String($0.dropFirst()) : $0 }.filter { !$0.isEmpty && $0 != "AND" }
    }
}

/// Times as Solr and CKAN write them: `2026-12-01T10:00:00Z`, with or without
/// fractions of a second or the `Z`, or a date alone (its midnight, UTC).
public enum SolrTime {
    public static func parse(_ text: String) -> Date? {
        var text = text
        if text.hasSuffix("Z") { text.removeLast() }
        if let dot = text.firstIndex(of: ".") {
            let fraction = text[text.index(after: dot)...]
            guard !fraction.isEmpty, fraction.count <= 9, fraction.allSatisfy(\.isASCII), fraction.allSatisfy(\.isNumber) else { return nil }
            text = String(text[..<dot])
        }
        if text.count == 10 { text += "T00:00:00" }
        guard text.count == 19 else { return nil }
        return try? Date(text + "Z", strategy: .iso8601)
    }

    /// CKAN's own form: `2026-12-01T10:00:00.123456`, UTC without a zone.
    public static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let micros = min(999_999, max(0, Int(((seconds - whole) * 1_000_000).rounded())))
        let base = Date(timeIntervalSince1970: whole).formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
        let digits = String(micros)
        return base.replacingOccurrences(of: "Z", with: "") + "." + String(repeating: "0", count: 6 - digits.count) + digits
    }
}
