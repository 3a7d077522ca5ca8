import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// A city's strategic documents, their trees and timelines (migration 0024).
///
/// A tree is written whole: every change (an import, a node edited on its
/// form) is checked as a whole tree by `StrategyTree.make` and replaces the
/// stored one in one transaction, and only if the document's revision is
/// still the one it was made from. Reading a 2,000-node tree decodes 2,500
/// JSON documents, so decoded trees are kept by document and revision.
public struct StrategyRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect
    /// Its things' places in the city's search, written with the things.
    var searchIndex: SearchIndexRepository { .init(db: db, dialect: dialect) }

    public struct StoredDocument: Sendable, Equatable {
        public let id: StrategyDocumentID
        public let city: MunicipalityID
        public var document: StrategyDocument
        public var revision: Int64
        /// Random, new with every tree written: what a decoded tree is kept under.
        public var treeKey: String
        public var updatedAt: Date
    }

    private static let documents = KeptValues<StrategyDocument>(capacity: 512)
    private static let columns: SQLQueryString = "id, municipality_id, definition, revision, tree_key, updated_at"

    static func decode(_ row: any SQLRow) throws -> StoredDocument {
        StoredDocument(
            id: StrategyDocumentID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            document: try documents.value(of: try row.string("definition")) { try JSONColumn.value(StrategyDocument.self, $0) },
            revision: try row.int("revision"), treeKey: try row.string("tree_key"), updatedAt: try row.date("updated_at"))
    }

    // MARK: Documents

    /// Writes that give a document an external id wait for each other
    /// (PostgreSQL; SQLite has one writer), so a check that the id is free
    /// still holds when the row is written: two renames to one id at once
    /// are one success and one refusal, never a unique-constraint error.
    func lockExternalID(_ externalID: String, in city: MunicipalityID) async throws {
        try await dialect.lockUntilCommit("strategy-external-id:\(city.rawValue):\(externalID)", on: db)
    }

    /// A new document with an empty tree; false when the city has one of that external id.
    public func insert(_ document: StrategyDocument, id: StrategyDocumentID, city: MunicipalityID, at instant: Date) async throws -> Bool {
        try await lockExternalID(document.externalID, in: city)
        return try await db.raw("""
            INSERT INTO strategy_documents (id, municipality_id, external_id, first_year, definition, revision, tree_key, updated_at)
            VALUES (\(bind: id.rawValue), \(bind: city.rawValue), \(bind: document.externalID), \(bind: document.firstYear),
                    \(bind: try JSONColumn.text(document)), 1, \(bind: RandomToken.base32(byteCount: 16)), \(bind: instant.epochSeconds))
            ON CONFLICT (municipality_id, external_id) DO NOTHING
            RETURNING id
            """).first() != nil
    }

    /// Whether another of the city's documents than `id` has this external
    /// id; the answer holds until the transaction ends (`lockExternalID`).
    public func externalIDTaken(_ externalID: String, by id: StrategyDocumentID, in city: MunicipalityID) async throws -> Bool {
        try await lockExternalID(externalID, in: city)
        return try await db.raw("""
            SELECT id FROM strategy_documents
            WHERE municipality_id = \(bind: city.rawValue) AND external_id = \(bind: externalID) AND id <> \(bind: id.rawValue)
            """).first() != nil
    }

    /// The document's new terms, if its revision is still `revision`; false otherwise
    /// (or when another of the city's documents has that external id).
    public func update(_ document: StrategyDocument, id: StrategyDocumentID, city: MunicipalityID, ifRevision revision: Int64, at instant: Date) async throws -> Bool {
        guard try await !externalIDTaken(document.externalID, by: id, in: city) else { return false }
        return try await db.raw("""
            UPDATE strategy_documents SET external_id = \(bind: document.externalID), first_year = \(bind: document.firstYear),
                definition = \(bind: try JSONColumn.text(document)), revision = revision + 1, updated_at = \(bind: instant.epochSeconds)
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue) AND revision = \(bind: revision)
            RETURNING id
            """).first() != nil
    }

    /// The city's documents, newest period first.
    public func documents(in city: MunicipalityID) async throws -> [StoredDocument] {
        try await db.raw("""
            SELECT \(Self.columns) FROM strategy_documents WHERE municipality_id = \(bind: city.rawValue)
            ORDER BY first_year DESC, external_id
            """).all().map(Self.decode)
    }

    public func document(_ id: StrategyDocumentID, in city: MunicipalityID) async throws -> StoredDocument? {
        try await db.raw("""
            SELECT \(Self.columns) FROM strategy_documents WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.decode)
    }

    // MARK: Trees

    /// Decoded trees by their random key (a tree is never changed in place: a new tree is a new key).
    private static let trees = KeptValues<StrategyTree>(capacity: 256)

    /// The document's tree as of its stored revision (or a later one, if a
    /// change lands while it is read).
    public func tree(of stored: StoredDocument) async throws -> StrategyTree {
        if let kept = Self.trees[stored.treeKey] { return kept }
        let document = stored.id.rawValue, city = stored.city.rawValue
        // Nodes and indicators are two reads; the tree's key, drawn anew by
        // every write of a tree in its transaction, read after both and equal
        // to the one before them shows no write landed in between.
        var expected = stored.treeKey
        for _ in 0..<5 {
            let nodeRows = try await db.raw("""
                SELECT definition FROM strategy_nodes WHERE document_id = \(bind: document) AND municipality_id = \(bind: city) ORDER BY position
                """).all()
            let indicatorRows = try await db.raw("""
                SELECT definition FROM strategy_indicators WHERE document_id = \(bind: document) AND municipality_id = \(bind: city) ORDER BY position
                """).all()
            let key = try await db.raw("SELECT tree_key FROM strategy_documents WHERE id = \(bind: document)").first()?.string("tree_key")
            guard let key, key == expected else {
                expected = key ?? expected
                continue
            }
            let tree = StrategyTree(
                checkedNodes: try nodeRows.map { try JSONColumn.value(StrategyNode.self, try $0.string("definition")) },
                indicators: try indicatorRows.map { try JSONColumn.value(StrategyIndicator.self, try $0.string("definition")) })
            Self.trees.keep(tree, for: key)
            return tree
        }
        throw StoreError.unexpectedResult("the strategy \(document) kept changing while it was read")
    }

    /// Puts a checked tree in place of the document's, if its revision is
    /// still `revision`; the new revision, or nil when someone changed it meanwhile.
    public func replaceTree(
        _ tree: StrategyTree, of id: StrategyDocumentID, city: MunicipalityID, ifRevision revision: Int64, at instant: Date
    ) async throws -> Int64? {
        guard let row = try await db.raw("""
            UPDATE strategy_documents SET revision = revision + 1, tree_key = \(bind: RandomToken.base32(byteCount: 16)),
                updated_at = \(bind: instant.epochSeconds)
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue) AND revision = \(bind: revision)
            RETURNING revision
            """).first() else { return nil }
        let document = id.rawValue, cityID = city.rawValue
        for table in ["strategy_nodes", "strategy_indicators", "strategy_links"] {
            try await db.raw("DELETE FROM \(unsafeRaw: table) WHERE document_id = \(bind: document)").run()
        }
        try await searchIndex.remove(StrategyNode.searchKind, idsStartingWith: StrategyNode.searchID(document: id, node: ""), in: city)
        for node in tree.nodes { try await searchIndex.put(node.searchDocument(in: id, at: instant), in: city) }
        // Batches of 400 rows keep each statement well under either database's limit of bound values.
        for part in tree.nodes.enumerated().chunked(400) {
            let values = try part.map { position, node -> SQLQueryString in
                "(\(bind: document), \(bind: node.id), \(bind: cityID), \(bind: position), \(bind: try JSONColumn.text(node)))"
            }
            try await db.raw("""
                INSERT INTO strategy_nodes (document_id, node_id, municipality_id, position, definition) VALUES \(values.joined(separator: ", "))
                """).run()
        }
        for part in tree.indicators.enumerated().chunked(400) {
            let values = try part.map { position, indicator -> SQLQueryString in
                "(\(bind: document), \(bind: indicator.id), \(bind: cityID), \(bind: indicator.node), \(bind: position), \(bind: try JSONColumn.text(indicator)))"
            }
            try await db.raw("""
                INSERT INTO strategy_indicators (document_id, indicator_id, municipality_id, node_id, position, definition)
                VALUES \(values.joined(separator: ", "))
                """).run()
        }
        let links = tree.nodes.flatMap { node in node.links.map { (node.id, $0) } }
        for part in links.enumerated().chunked(400) {
            let values = part.map { _, link -> SQLQueryString in
                "(\(bind: cityID), \(bind: link.1.kind.rawValue), \(bind: link.1.id), \(bind: document), \(bind: link.0))"
            }
            try await db.raw("""
                INSERT INTO strategy_links (municipality_id, kind, target_id, document_id, node_id) VALUES \(values.joined(separator: ", "))
                """).run()
        }
        return try row.int("revision")
    }

    /// The nodes of the city's documents that link to any of the things `ids` of `kind`.
    public func referrers(
        to kind: NodeLink.Kind, ids: [String], in city: MunicipalityID
    ) async throws -> [(target: String, document: StrategyDocumentID, node: String)] {
        guard !ids.isEmpty else { return [] }
        var found: [(String, StrategyDocumentID, String)] = []
        for part in ids.chunked(500) {
            found += try await db.raw("""
                SELECT target_id, document_id, node_id FROM strategy_links
                WHERE municipality_id = \(bind: city.rawValue) AND kind = \(bind: kind.rawValue) AND target_id IN (\(binds: part))
                ORDER BY document_id, node_id
                """).all().map { (try $0.string("target_id"), StrategyDocumentID(rawValue: try $0.string("document_id")), try $0.string("node_id")) }
        }
        return found
    }

    /// Some nodes of a document by id, decoded (a referrer's title), without the whole tree.
    public func nodes(_ ids: [String], of document: StrategyDocumentID, in city: MunicipalityID) async throws -> [StrategyNode] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw("""
            SELECT definition FROM strategy_nodes
            WHERE document_id = \(bind: document.rawValue) AND municipality_id = \(bind: city.rawValue) AND node_id IN (\(binds: ids))
            ORDER BY position
            """).all().map { try JSONColumn.value(StrategyNode.self, try $0.string("definition")) }
    }
}

extension Sequence {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        var result: [[Element]] = []
        var current: [Element] = []
        for element in self {
            current.append(element)
            if current.count == size {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

extension Repositories {
    public var strategy: StrategyRepository { .init(db: db, dialect: dialect) }
}

extension StrategyRepository {
    public struct StoredEntry: Sendable, Equatable {
        public let id: TimelineEntryID
        public let document: StrategyDocumentID
        public let node: String
        public let entry: TimelineEntry
    }

    static func decodeEntry(_ row: any SQLRow) throws -> StoredEntry {
        StoredEntry(
            id: TimelineEntryID(rawValue: try row.string("id")), document: StrategyDocumentID(rawValue: try row.string("document_id")),
            node: try row.string("node_id"), entry: try JSONColumn.value(TimelineEntry.self, try row.string("definition")))
    }

    public func add(_ entry: TimelineEntry, id: TimelineEntryID, to node: String, of document: StrategyDocumentID, city: MunicipalityID, at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO strategy_entries (id, document_id, node_id, municipality_id, day, definition, created_at)
            VALUES (\(bind: id.rawValue), \(bind: document.rawValue), \(bind: node), \(bind: city.rawValue), \(bind: entry.day.description),
                    \(bind: try JSONColumn.text(entry)), \(bind: instant.epochSeconds))
            """).run()
    }

    /// Removes the city's entry; false when it has none of that id.
    public func removeEntry(_ id: TimelineEntryID, in city: MunicipalityID) async throws -> Bool {
        try await db.raw("""
            DELETE FROM strategy_entries WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue) RETURNING id
            """).first() != nil
    }

    public func entry(_ id: TimelineEntryID, in city: MunicipalityID) async throws -> StoredEntry? {
        try await db.raw("""
            SELECT id, document_id, node_id, definition FROM strategy_entries WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.decodeEntry)
    }

    /// A node's entries (or, with `node` nil, the whole document's), newest first.
    public func entries(of document: StrategyDocumentID, node: String?, in city: MunicipalityID, limit: Int = 500) async throws -> [StoredEntry] {
        let onNode: SQLQueryString = node.map { "AND node_id = \(bind: $0)" } ?? ""
        return try await db.raw("""
            SELECT id, document_id, node_id, definition FROM strategy_entries
            WHERE document_id = \(bind: document.rawValue) AND municipality_id = \(bind: city.rawValue) \(onNode)
            ORDER BY day DESC, created_at DESC, id LIMIT \(bind: limit)
            """).all().map(Self.decodeEntry)
    }
}

extension StrategyRepository {
    /// Whose report: a city's or an oblast's.
    public enum ReportOwner: Sendable, Equatable {
        case city(MunicipalityID)
        case oblast(OblastID)
    }

    public struct StoredReport: Sendable, Equatable {
        public let year: Int
        public let commentary: ResultsCommentary
        public let publishedAt: Date
    }

    /// Publishes (or publishes again) the year's commentary.
    public func publish(_ commentary: ResultsCommentary, year: Int, of owner: ReportOwner, at instant: Date) async throws {
        let text = try JSONColumn.text(commentary)
        switch owner {
        case .city(let city):
            try await db.raw("""
                INSERT INTO strategy_reports (municipality_id, year, definition, published_at)
                VALUES (\(bind: city.rawValue), \(bind: year), \(bind: text), \(bind: instant.epochSeconds))
                ON CONFLICT (municipality_id, year) DO UPDATE SET definition = excluded.definition, published_at = excluded.published_at
                """).run()
        case .oblast(let oblast):
            try await db.raw("""
                INSERT INTO strategy_oblast_reports (oblast_id, year, definition, published_at)
                VALUES (\(bind: oblast.rawValue), \(bind: year), \(bind: text), \(bind: instant.epochSeconds))
                ON CONFLICT (oblast_id, year) DO UPDATE SET definition = excluded.definition, published_at = excluded.published_at
                """).run()
        }
    }

    public func report(_ year: Int, of owner: ReportOwner) async throws -> StoredReport? {
        let row: (any SQLRow)?
        switch owner {
        case .city(let city):
            row = try await db.raw("""
                SELECT year, definition, published_at FROM strategy_reports WHERE municipality_id = \(bind: city.rawValue) AND year = \(bind: year)
                """).first()
        case .oblast(let oblast):
            row = try await db.raw("""
                SELECT year, definition, published_at FROM strategy_oblast_reports WHERE oblast_id = \(bind: oblast.rawValue) AND year = \(bind: year)
                """).first()
        }
        return try row.map {
            StoredReport(
                year: Int(try $0.int("year")), commentary: try JSONColumn.value(ResultsCommentary.self, try $0.string("definition")),
                publishedAt: try $0.date("published_at"))
        }
    }
}
