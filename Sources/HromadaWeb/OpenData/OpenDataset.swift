import Foundation
import HromadaDomain

/// A dataset a module publishes as open data (CMU Resolution 835), as the
/// module declares it (`Module.openDatasets`): what it is called, what each
/// column means, how often it changes, and the query that makes its rows.
/// The platform lists every dataset of a city's enabled modules at
/// `/api/v1/{city}/open-data` and serves each at
/// `/api/v1/{city}/open-data/<module>/<slug>.csv|json`.
///
/// The query is the module's, and so are its privacy rules: it returns only
/// what may be public now (no personal data beyond what the law publishes,
/// no closed bid before its auction ends, no ballot before results).
/// Nothing downstream filters.
public struct OpenDataset: Sendable {
    /// Unique within its module; a path segment (`projects`, `signatures`, `lots`).
    public let slug: String
    /// The locale keys of its title and its description.
    public let titleKey: String
    public let descriptionKey: String
    public let frequency: OpenDataFrequency
    /// The locale keys of its passport's texts (CMU Resolution 835): its
    /// keywords (comma-separated), the purpose of collecting the data and
    /// the legal basis for it.
    public let keywordsKey: String
    public let purposeKey: String
    public let legalBasisKey: String
    /// The item of Resolution 835's list of mandatory datasets it fulfils
    /// (`MandatoryDataset` names them: `petitions`, `participatory_budget`, …), if any.
    public let mandatoryItem: String?
    /// Whether it exists in the city yet: a dataset that would reveal a
    /// running count (an edition's ballots before its results) is not in
    /// the catalogue at all until then. Nil: always.
    public let isPublished: (@Sendable (AppServices, Municipality) async throws -> Bool)?
    /// Its columns, in order.
    public let fields: [OpenDataField]
    /// Its rows in a city, each with one value per field, in the fields' order.
    public let query: @Sendable (AppServices, Municipality) async throws -> [OpenDataRow]
    /// The same rows in batches, for a dataset too large to hold at once
    /// (an edition's anonymous ballots): the files are then written as the
    /// batches come (`OpenDataWriter`). Nil: `query` in one batch.
    public let stream: (@Sendable (AppServices, Municipality, ([OpenDataRow]) async throws -> Void) async throws -> Void)?
    /// A cheap fingerprint of its rows, for a dataset costly to read (an
    /// edition's ballots): while it is what it was at the catalogue's last
    /// check, the files are taken to be unchanged and not read again. It must
    /// change whenever the rows could. Nil: the files are read at every check.
    public let version: (@Sendable (AppServices, Municipality) async throws -> String)?
    /// Its slices with files of their own (an edition's ballots, beside
    /// every edition's in one file), each a resource of the dataset in the
    /// catalogue, served at `…/open-data/<module>/<slug>/<key>.csv|json`.
    /// Like `query`, it offers only what may be public now. Nil: none.
    public let parts: (@Sendable (AppServices, Municipality) async throws -> [OpenDataPart])?
    /// The columns of every part's files: `fields` without those a part
    /// makes redundant (the edition of an edition's ballots).
    public let partFields: [OpenDataField]

    public init(
        slug: String, titleKey: String, descriptionKey: String, keywordsKey: String, purposeKey: String, legalBasisKey: String,
        mandatoryItem: String? = nil, frequency: OpenDataFrequency, fields: [OpenDataField],
        isPublished: (@Sendable (AppServices, Municipality) async throws -> Bool)? = nil,
        stream: (@Sendable (AppServices, Municipality, ([OpenDataRow]) async throws -> Void) async throws -> Void)? = nil,
        version: (@Sendable (AppServices, Municipality) async throws -> String)? = nil,
        parts: (@Sendable (AppServices, Municipality) async throws -> [OpenDataPart])? = nil, partsDrop: [String] = [],
        query: @escaping @Sendable (AppServices, Municipality) async throws -> [OpenDataRow]
    ) {
        self.slug = slug
        self.parts = parts
        partFields = fields.filter { !partsDrop.contains($0.name) }
        self.stream = stream
        self.version = version
        self.titleKey = titleKey
        self.descriptionKey = descriptionKey
        self.keywordsKey = keywordsKey
        self.purposeKey = purposeKey
        self.legalBasisKey = legalBasisKey
        self.mandatoryItem = mandatoryItem
        self.frequency = frequency
        self.fields = fields
        self.isPublished = isPublished
        self.query = query
    }

    /// A dataset whose strings follow the convention under `prefix`
    /// (`open_data.<module>.<slug>`): `.title`, `.description`,
    /// `.keywords`, `.purpose`, `.legal_basis`, and `.fields.<name>` for
    /// each field declared without a key of its own.
    public init(
        _ slug: String, strings prefix: String, mandatoryItem: String? = nil, frequency: OpenDataFrequency, fields: [OpenDataField],
        isPublished: (@Sendable (AppServices, Municipality) async throws -> Bool)? = nil,
        stream: (@Sendable (AppServices, Municipality, ([OpenDataRow]) async throws -> Void) async throws -> Void)? = nil,
        version: (@Sendable (AppServices, Municipality) async throws -> String)? = nil,
        parts: (@Sendable (AppServices, Municipality) async throws -> [OpenDataPart])? = nil, partsDrop: [String] = [],
        query: @escaping @Sendable (AppServices, Municipality) async throws -> [OpenDataRow]
    ) {
        self.init(
            slug: slug, titleKey: "\(prefix).title", descriptionKey: "\(prefix).description", keywordsKey: "\(prefix).keywords",
            purposeKey: "\(prefix).purpose", legalBasisKey: "\(prefix).legal_basis", mandatoryItem: mandatoryItem, frequency: frequency,
            fields: fields.map { field in
                field.descriptionKey.isEmpty
                    ? OpenDataField(field.name, field.type, unit: field.unit, isList: field.isList, descriptionKey: "\(prefix).fields.\(field.name)") : field
            },
            isPublished: isPublished, stream: stream, version: version, parts: parts, partsDrop: partsDrop, query: query)
    }

    /// Whether it is in the city's catalogue now.
    public func published(_ services: AppServices, in city: Municipality) async throws -> Bool {
        try await isPublished?(services, city) ?? true
    }

    /// The dataset's rows in this city, checked against its fields.
    public func table(_ services: AppServices, in city: Municipality) async throws -> OpenDataTable {
        try OpenDataTable(fields: fields, rows: try await query(services, city))
    }

    /// What a declaration must be: a slug that fits a path, and field names
    /// that are unique and fit a CSV header and a JSON key. Nil when it is
    /// fine, else what is wrong (the registry refuses to start with it).
    public var problem: String? {
        guard Self.isName(slug, extra: "-") else { return "the dataset slug \(slug) is not lowercase letters, digits and hyphens" }
        guard !fields.isEmpty else { return "the dataset \(slug) has no fields" }
        guard !titleKey.isEmpty, !descriptionKey.isEmpty, !keywordsKey.isEmpty, !purposeKey.isEmpty, !legalBasisKey.isEmpty, fields.allSatisfy({ !$0.descriptionKey.isEmpty }) else {
            return "the dataset \(slug) leaves a title, description or field undescribed"
        }
        guard partFields.count == fields.count || parts != nil else { return "the dataset \(slug) drops fields from parts it does not have" }
        var seen = Set<String>()
        for field in fields {
            guard Self.isName(field.name, extra: "_") else { return "the field \(field.name) of \(slug) is not letters, digits and underscores" }
            guard seen.insert(field.name).inserted else { return "the field \(field.name) of \(slug) is declared twice" }
        }
        return nil
    }

    private static func isName(_ text: String, extra: Character) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter, text.count <= 64 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == extra) }
            && (extra == "_" || text == text.lowercased())
    }
}

/// A slice of a dataset with files of its own: one edition's anonymous
/// ballots, for a reader who wants that edition alone. Its rows are the
/// dataset's rows of the slice with the dataset's `partFields`.
public struct OpenDataPart: Sendable {
    /// A path segment, unique within its dataset (the edition's id).
    public let key: String
    /// What it covers, in both languages (the edition's title).
    public let title: LocalizedName
    /// Its rows in batches, as `OpenDataset.stream` gives them.
    public let stream: @Sendable (([OpenDataRow]) async throws -> Void) async throws -> Void

    public init(key: String, title: LocalizedName, stream: @escaping @Sendable (([OpenDataRow]) async throws -> Void) async throws -> Void) {
        self.key = key
        self.title = title
        self.stream = stream
    }

    /// Whether the key fits a path segment and a file name.
    public var hasValidKey: Bool {
        !key.isEmpty && key.count <= 64 && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

/// One column of a dataset.
public struct OpenDataField: Sendable, Hashable {
    /// Its CSV header and JSON key (`projectNumber`).
    public let name: String
    public let type: OpenDataType
    /// The locale key of what it holds.
    public let descriptionKey: String
    /// Its unit where it has one (`UAH`, `degree`), the same in every language.
    public let unit: String?
    /// Several values of its type: space-separated in CSV, an array in JSON.
    public let isList: Bool

    /// `descriptionKey` may be left empty for `OpenDataset(_:strings:…)` to fill in.
    public init(_ name: String, _ type: OpenDataType, unit: String? = nil, isList: Bool = false, descriptionKey: String = "") {
        self.name = name
        self.type = type
        self.descriptionKey = descriptionKey
        self.unit = unit
        self.isList = isList
    }
}

/// What a column holds.
public enum OpenDataType: String, Sendable, CaseIterable {
    case text, integer, decimal, date, datetime, boolean
}

/// How often a dataset changes.
public enum OpenDataFrequency: String, Sendable, CaseIterable {
    /// As things happen (a signature, a bid): the file is made on each request.
    case continuous
    case daily, weekly, monthly, quarterly, annual
    /// Once an edition (of the participatory budget) publishes its results.
    case perEdition = "per_edition"
    case irregular
}

/// One value of a row. `null` is a value that is absent (an empty CSV cell, JSON `null`).
public enum OpenDataValue: Sendable, Hashable {
    case null
    case text(String)
    case integer(Int64)
    /// An exact decimal written with a point (`12500.00`), as money is.
    case decimal(String)
    /// A measured number (a coordinate), written as Swift writes a `Double`.
    case number(Double)
    case boolean(Bool)
    case date(CalendarDate)
    case datetime(Date)
    case list([OpenDataValue])

    /// Hryvnias with two decimals, from kopiyky.
    public static func hryvnias(_ money: Money) -> OpenDataValue { .decimal(OpenDataFile.hryvnias(money)) }

    public static func int(_ value: Int) -> OpenDataValue { .integer(Int64(value)) }

    /// Text, or `null` for none.
    public static func optional(_ value: String?) -> OpenDataValue { value.map(OpenDataValue.text) ?? .null }

    /// A whole number, or `null` for none.
    public static func optional(_ value: Int?) -> OpenDataValue { value.map { .integer(Int64($0)) } ?? .null }

    /// A measured number, or `null` for none.
    public static func optional(_ value: Double?) -> OpenDataValue { value.map(OpenDataValue.number) ?? .null }

    /// A time, or `null` for none.
    public static func optional(_ value: Date?) -> OpenDataValue { value.map(OpenDataValue.datetime) ?? .null }

    /// Whether it may stand in a column of this type.
    func fits(_ type: OpenDataType) -> Bool {
        switch (self, type) {
        case (.null, _), (.text, .text), (.integer, .integer), (.decimal, .decimal), (.number, .decimal), (.boolean, .boolean), (.date, .date),
             (.datetime, .datetime):
            true
        default: false
        }
    }
}

/// One row: a value per field, in the fields' order.
public typealias OpenDataRow = [OpenDataValue]
