import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The catalogue's record of every dataset: what its files were when last
/// checked (digests, sizes, rows) and when it was first published and last
/// changed. Times are milliseconds since the epoch, UTC.
public struct OpenDataRepository: Sendable {
    let db: any SQLDatabase

    /// One dataset of one city as last checked.
    public struct Record: Sendable, Equatable {
        public let city: MunicipalityID
        public let module: String
        public let dataset: String
        /// Whether it is in the catalogue now (a dataset whose module was
        /// switched off, or whose data is not public yet, is not).
        public let published: Bool
        public let firstPublished: Date
        public let modified: Date
        /// When its data was last read: the date it is current as of.
        public let checked: Date
        public let rows: Int64
        public let csv: FileDigest
        public let json: FileDigest
        /// The dataset's fingerprint when its files were read ('' if it has none).
        public let version: String

        public init(
            city: MunicipalityID, module: String, dataset: String, published: Bool, firstPublished: Date, modified: Date, checked: Date,
            rows: Int64, csv: FileDigest, json: FileDigest, version: String = ""
        ) {
            self.city = city
            self.module = module
            self.dataset = dataset
            self.published = published
            self.firstPublished = firstPublished
            self.modified = modified
            self.checked = checked
            self.rows = rows
            self.csv = csv
            self.json = json
            self.version = version
        }
    }

    /// A file's size in bytes and its SHA-256, lowercase hex.
    public struct FileDigest: Sendable, Equatable {
        public let bytes: Int64
        public let sha256: String

        public init(bytes: Int64, sha256: String) {
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// When a city was last checked, and its newest audit entry then.
    public struct Refresh: Sendable, Equatable {
        public let auditSequence: Int64?
        public let at: Date
    }

    private static let columns = """
        municipality_id, module, dataset, published, first_published_ms, modified_ms, checked_ms, row_count,
        csv_bytes, csv_sha256, json_bytes, json_sha256, version
        """

    /// The records of these cities (all of them when nil).
    public func records(in cities: [MunicipalityID]? = nil) async throws -> [Record] {
        try await select(Self.columns, from: "open_data_datasets", in: cities).map { row in
            Record(
                city: MunicipalityID(rawValue: try row.string("municipality_id")), module: try row.string("module"), dataset: try row.string("dataset"),
                published: try row.int("published") != 0, firstPublished: Self.date(try row.int("first_published_ms")),
                modified: Self.date(try row.int("modified_ms")), checked: Self.date(try row.int("checked_ms")), rows: try row.int("row_count"),
                csv: FileDigest(bytes: try row.int("csv_bytes"), sha256: try row.string("csv_sha256")),
                json: FileDigest(bytes: try row.int("json_bytes"), sha256: try row.string("json_sha256")), version: try row.string("version"))
        }
    }

    /// Records what a check found, `at` its time. The dataset's `modified`
    /// moves to `at` only if its files' digests or whether it is published
    /// changed (decided by the database, so two instances checking at once
    /// agree); `first_published` is set the first time it is published.
    public func record(
        city: MunicipalityID, module: String, dataset: String, published: Bool, rows: Int64, csv: FileDigest, json: FileDigest, version: String = "",
        at: Date
    ) async throws {
        let now = Self.milliseconds(at)
        try await db.raw("""
            INSERT INTO open_data_datasets (\(unsafeRaw: Self.columns))
            VALUES (\(bind: city.rawValue), \(bind: module), \(bind: dataset), \(bind: published ? 1 : 0), \(bind: published ? now : 0), \(bind: now),
                    \(bind: now), \(bind: rows), \(bind: csv.bytes), \(bind: csv.sha256), \(bind: json.bytes), \(bind: json.sha256), \(bind: version))
            ON CONFLICT (municipality_id, module, dataset) DO UPDATE SET
                modified_ms = CASE WHEN open_data_datasets.csv_sha256 <> excluded.csv_sha256 OR open_data_datasets.json_sha256 <> excluded.json_sha256
                                    OR open_data_datasets.published <> excluded.published
                              THEN excluded.modified_ms ELSE open_data_datasets.modified_ms END,
                first_published_ms = CASE WHEN open_data_datasets.first_published_ms = 0 AND excluded.published = 1
                                     THEN excluded.checked_ms ELSE open_data_datasets.first_published_ms END,
                published = excluded.published, checked_ms = excluded.checked_ms, row_count = excluded.row_count,
                csv_bytes = excluded.csv_bytes, csv_sha256 = excluded.csv_sha256, json_bytes = excluded.json_bytes, json_sha256 = excluded.json_sha256,
                version = excluded.version
            """).run()
    }

    /// A part of a dataset with files of its own, as last checked.
    public struct Part: Sendable, Equatable {
        public let key: String
        public let title: LocalizedName
        public let rows: Int64
        public let csv: FileDigest
        public let json: FileDigest

        public init(key: String, title: LocalizedName, rows: Int64, csv: FileDigest, json: FileDigest) {
            self.key = key
            self.title = title
            self.rows = rows
            self.csv = csv
            self.json = json
        }
    }

    /// The parts of these cities' datasets, by city and `module/dataset`, each dataset's in their order.
    public func parts(in cities: [MunicipalityID]? = nil) async throws -> [MunicipalityID: [String: [Part]]] {
        let columns = "municipality_id, module, dataset, part, title_uk, title_en, row_count, csv_bytes, csv_sha256, json_bytes, json_sha256"
        var parts: [MunicipalityID: [String: [Part]]] = [:]
        for row in try await select(columns, from: "open_data_parts", in: cities, orderBy: "municipality_id, module, dataset, position") {
            let city = MunicipalityID(rawValue: try row.string("municipality_id"))
            let part = Part(
                key: try row.string("part"), title: LocalizedName(uk: try row.string("title_uk"), en: try row.string("title_en")),
                rows: try row.int("row_count"), csv: FileDigest(bytes: try row.int("csv_bytes"), sha256: try row.string("csv_sha256")),
                json: FileDigest(bytes: try row.int("json_bytes"), sha256: try row.string("json_sha256")))
            parts[city, default: [:]]["\(try row.string("module"))/\(try row.string("dataset"))", default: []].append(part)
        }
        return parts
    }

    /// Replaces a dataset's parts with these, in this order.
    public func replaceParts(city: MunicipalityID, module: String, dataset: String, with parts: [Part]) async throws {
        try await db.raw("""
            DELETE FROM open_data_parts WHERE municipality_id = \(bind: city.rawValue) AND module = \(bind: module) AND dataset = \(bind: dataset)
            """).run()
        for (position, part) in parts.enumerated() {
            try await db.raw("""
                INSERT INTO open_data_parts
                    (municipality_id, module, dataset, part, position, title_uk, title_en, row_count, csv_bytes, csv_sha256, json_bytes, json_sha256)
                VALUES (\(bind: city.rawValue), \(bind: module), \(bind: dataset), \(bind: part.key), \(bind: position), \(bind: part.title.uk),
                        \(bind: part.title.en), \(bind: part.rows), \(bind: part.csv.bytes), \(bind: part.csv.sha256), \(bind: part.json.bytes),
                        \(bind: part.json.sha256))
                """).run()
        }
    }

    /// A table's rows of these cities (all of them when nil; none for an empty list).
    private func select(_ columns: String, from table: String, in cities: [MunicipalityID]?, orderBy order: String? = nil) async throws -> [any SQLRow] {
        let ordered = order.map { " ORDER BY " + $0 } ?? ""
        guard let cities else { return try await db.raw("SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table)\(unsafeRaw: ordered)").all() }
        guard !cities.isEmpty else { return [] }
        return try await db.raw("""
            SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) WHERE municipality_id IN (\(binds: cities.map(\.rawValue)))\(unsafeRaw: ordered)
            """).all()
    }

    /// When each city was last checked.
    public func refreshes() async throws -> [MunicipalityID: Refresh] {
        let rows = try await db.raw("SELECT municipality_id, audit_seq, refreshed_ms FROM open_data_refreshes").all()
        var refreshes: [MunicipalityID: Refresh] = [:]
        for row in rows {
            refreshes[MunicipalityID(rawValue: try row.string("municipality_id"))] =
                Refresh(auditSequence: try row.optionalInt("audit_seq"), at: Self.date(try row.int("refreshed_ms")))
        }
        return refreshes
    }

    /// Notes that a city was checked at `at`, its newest audit entry then being `auditSequence`.
    public func noteRefresh(of city: MunicipalityID, auditSequence: Int64?, at: Date) async throws {
        try await db.raw("""
            INSERT INTO open_data_refreshes (municipality_id, audit_seq, refreshed_ms)
            VALUES (\(bind: city.rawValue), \(bind: auditSequence), \(bind: Self.milliseconds(at)))
            ON CONFLICT (municipality_id) DO UPDATE SET audit_seq = excluded.audit_seq, refreshed_ms = excluded.refreshed_ms
            """).run()
    }

    /// Whole milliseconds since the epoch, clamped to what a column holds.
    static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard value.isFinite else { return 0 }
        return value >= 9.2e18 ? .max : value <= -9.2e18 ? .min : Int64(value)
    }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}

extension Repositories {
    public var openData: OpenDataRepository { .init(db: db) }
}
