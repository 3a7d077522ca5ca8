import Foundation
import HromadaDomain
import SQLKit

/// The city's search index: the documents modules put there as they write
/// their things, and the query the search page and API ask.
public struct SearchIndexRepository: Sendable {
    package let db: any SQLDatabase
    package let dialect: DatabaseDialect

    /// A module's repository writes its things' documents through one of these, on its own connection.
    package init(db: any SQLDatabase, dialect: DatabaseDialect) {
        self.db = db
        self.dialect = dialect
    }

    /// What a result shows; the index also keeps the body, which may be long and is never read back.
    private static let shown = ["module", "kind", "item_id", "title_uk", "title_en", "summary_uk", "summary_en", "path", "updated_at"]

    /// Puts the thing's document in place of the one it had, or takes it out
    /// (`document` nil: the public may not see the thing now).
    public func put(_ document: SearchDocument?, as searchKind: SearchKind, id: String, in city: MunicipalityID) async throws {
        let (module, kind) = (searchKind.module, searchKind.name)
        guard let document else {
            try await db.raw("""
                DELETE FROM search_documents
                WHERE municipality_id = \(bind: city.rawValue) AND module = \(bind: module) AND kind = \(bind: kind) AND item_id = \(bind: id)
                """).run()
            return
        }
        // PostgreSQL's index is of the words' beginnings (`lookupTerms`); SQLite's FTS5 makes its own.
        let lookup: SQLQueryString = dialect == .postgres
            ? ", \(bind: SearchTerms.lookupTerms(document.titleText).joined(separator: " ")), \(bind: SearchTerms.lookupTerms(document.body).joined(separator: " "))"
            : ""
        try await db.raw("""
            INSERT INTO search_documents (municipality_id, \(unsafeRaw: Self.shown.joined(separator: ", ")), body, title, scope\(unsafeRaw: dialect == .postgres ? ", title_terms, body_terms" : ""))
            VALUES (\(bind: city.rawValue), \(bind: document.module), \(bind: document.kind), \(bind: document.id),
                    \(bind: document.title.uk), \(bind: document.title.en), \(bind: document.summary.uk), \(bind: document.summary.en),
                    \(bind: document.path), \(bind: document.updated.epochSeconds), \(bind: SearchTerms.indexed(document.body)),
                    \(bind: SearchTerms.indexed(document.titleText)), \(bind: Self.scope(city: city, module: document.module))\(lookup))
            ON CONFLICT (municipality_id, module, kind, item_id) DO UPDATE SET
                title_uk = excluded.title_uk, title_en = excluded.title_en, summary_uk = excluded.summary_uk,
                summary_en = excluded.summary_en, path = excluded.path, body = excluded.body, updated_at = excluded.updated_at,
                title = excluded.title\(unsafeRaw: dialect == .postgres ? ", title_terms = excluded.title_terms, body_terms = excluded.body_terms" : "")
            WHERE search_documents.title <> excluded.title OR search_documents.body <> excluded.body
               OR search_documents.title_uk <> excluded.title_uk OR search_documents.title_en <> excluded.title_en
               OR search_documents.summary_uk <> excluded.summary_uk OR search_documents.summary_en <> excluded.summary_en
               OR search_documents.path <> excluded.path
            """).run()
    }

    public func put(_ document: SearchDocument, in city: MunicipalityID) async throws {
        try await put(document, as: SearchKind(module: document.module, name: document.kind), id: document.id, in: city)
    }

    /// Takes out every document of a kind whose id starts so (a strategy's
    /// nodes, `DOC/…`, when its tree is written again).
    public func remove(_ kind: SearchKind, idsStartingWith prefix: String, in city: MunicipalityID) async throws {
        try await db.raw("""
            DELETE FROM search_documents
            WHERE municipality_id = \(bind: city.rawValue) AND module = \(bind: kind.module) AND kind = \(bind: kind.name)
              AND substr(item_id, 1, CAST(\(bind: prefix.count) AS INTEGER)) = \(bind: prefix)
            """).run()
    }

    /// Makes a module's part of a city's index again from all its documents
    /// (a start under new rules, a database made before the index).
    public func replace(module: String, in city: MunicipalityID, with documents: [SearchDocument]) async throws {
        try await db.raw("DELETE FROM search_documents WHERE municipality_id = \(bind: city.rawValue) AND module = \(bind: module)").run()
        for document in documents where document.module == module {
            try await put(document, in: city)
        }
    }

    /// The version a module's documents were made under, if they were.
    public func version(of module: String) async throws -> String? {
        try await db.raw("SELECT version FROM search_index_state WHERE module = \(bind: module)").first().map { try $0.string("version") }
    }

    public func setVersion(_ version: String, of module: String, at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO search_index_state (module, version, indexed_at) VALUES (\(bind: module), \(bind: version), \(bind: instant.epochSeconds))
            ON CONFLICT (module) DO UPDATE SET version = excluded.version, indexed_at = excluded.indexed_at
            """).run()
    }

    /// How many of the newest matches are ranked: a word in half the city's
    /// things would otherwise have every one of them scored for a page of
    /// twenty. A search that matches fewer is ranked whole.
    public static let rankedCandidates = 1_000
    /// Matches are counted up to one more than this per module; more shows as "1000+".
    public static let countLimit = 1_000

    /// The city's documents matching every term, best first (a title match
    /// above a body match, then the newer) among the newest
    /// `rankedCandidates` matches, `limit` from `offset`, in the given
    /// modules, with how many match in each of the modules `counting` names
    /// (the filters: every module the city runs, whichever is chosen), each
    /// counted up to `countLimit + 1`.
    ///
    /// The city and the modules are terms of the query itself (`scope`), so
    /// each database answers from its full-text index alone, stops early on
    /// a word that is everywhere, and never pairs the index with the table
    /// row by row.
    public func search(
        _ terms: SearchTerms, in city: MunicipalityID, modules: [String], counting: [String], limit: Int, offset: Int
    ) async throws -> SearchResults {
        guard !terms.isEmpty, !modules.isEmpty, limit > 0, offset >= 0 else { return SearchResults(hits: [], countsByModule: [:], hasMore: false) }
        let candidates = Self.rankedCandidates, capped = Self.countLimit + 1
        let hits: [SearchDocument]
        let counts: [String: Int]
        switch dialect {
        case .sqlite:
            let within = { (modules: [String]) in
                "scope : \"\(Self.token("c", city.rawValue))\" AND scope : (\(modules.map { "\"\(Self.token("m", $0))\"" }.joined(separator: " OR "))) AND {title body} : (\(terms.fts5(all: true)))"
            }
            // bm25 is smaller for better matches; a title word weighs ten body words; the scope nothing.
            hits = try await db.raw("""
                SELECT \(unsafeRaw: Self.prefixed) FROM (
                    SELECT rowid AS id, bm25(search_index, 10.0, 1.0, 0.0) AS score FROM search_index
                    WHERE search_index MATCH \(bind: within(modules)) ORDER BY rowid DESC LIMIT \(bind: candidates)
                ) c JOIN search_documents d ON d.id = c.id
                ORDER BY c.score, d.updated_at DESC, d.id LIMIT \(bind: limit + 1) OFFSET \(bind: offset)
                """).all().map(Self.decode)
            counts = try await Self.counts(db.raw(Self.perModule(counting) { module in
                "SELECT COUNT(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH \(bind: within([module])) LIMIT \(bind: capped))"
            }).all())
        case .postgres:
            // Exact lexemes (the vector holds every word's beginnings) and no
            // weight labels: GIN keeps none, so a labelled query makes every
            // candidate row be read and checked again. A typed word cannot be
            // a scope token (those are hex after a letter, in no title), and
            // if one were, it would still find only the city's things.
            let within = { (modules: [String]) in
                "\(Self.token("c", city.rawValue)) & (\(modules.map { Self.token("m", $0) }.joined(separator: " | "))) & ("
                    + terms.prefixes.joined(separator: " & ") + ")"
            }
            hits = try await db.raw("""
                SELECT \(unsafeRaw: Self.prefixed) FROM (
                    SELECT id, ts_rank(search_vector, to_tsquery('simple', \(bind: within(modules)))) AS score FROM search_documents
                    WHERE search_vector @@ to_tsquery('simple', \(bind: within(modules))) ORDER BY id DESC LIMIT \(bind: candidates)
                ) c JOIN search_documents d ON d.id = c.id
                ORDER BY c.score DESC, d.updated_at DESC, d.id LIMIT \(bind: limit + 1) OFFSET \(bind: offset)
                """).all().map(Self.decode)
            counts = try await Self.counts(db.raw(Self.perModule(counting) { module in
                "SELECT COUNT(*) FROM (SELECT 1 FROM search_documents WHERE search_vector @@ to_tsquery('simple', \(bind: within([module]))) LIMIT \(bind: capped)) m"
            }).all())
        }
        return SearchResults(hits: Array(hits.prefix(limit)), countsByModule: counts.filter { $0.value > 0 }, hasMore: hits.count > limit)
    }

    /// One statement asking a count per module (`module`, `found` rows): one round trip, not one per module.
    private static func perModule(_ modules: [String], count: (String) -> SQLQueryString) -> SQLQueryString {
        guard !modules.isEmpty else { return "SELECT '' AS module, 0 AS found WHERE 1 = 0" }
        return modules.map { module -> SQLQueryString in "SELECT \(bind: module) AS module, (\(count(module))) AS found" }
            .joined(separator: " UNION ALL ")
    }

    /// The city's and the module's tokens in `scope`: the id's bytes in hex
    /// after a letter, one word to either database's parser, and no word a
    /// person types (their words are filtered to letters and digits, and
    /// matched only in the title and the body anyway).
    static func token(_ kind: String, _ id: String) -> String {
        kind + Hex.encode(id.utf8)
    }

    static func scope(city: MunicipalityID, module: String) -> String {
        token("c", city.rawValue) + " " + token("m", module)
    }

    /// How many documents a city's index holds per module.
    public func sizes(in city: MunicipalityID) async throws -> [String: Int] {
        try await Self.counts(db.raw("""
            SELECT module, COUNT(*) AS found FROM search_documents WHERE municipality_id = \(bind: city.rawValue) GROUP BY module
            """).all())
    }

    private static let prefixed = shown.map { "d." + $0 }.joined(separator: ", ")

    private static func counts(_ rows: [any SQLRow]) throws -> [String: Int] {
        Dictionary(try rows.map { (try $0.string("module"), Int(try $0.int("found"))) }, uniquingKeysWith: +)
    }

    private static func decode(_ row: any SQLRow) throws -> SearchDocument {
        SearchDocument(
            SearchKind(module: try row.string("module"), name: try row.string("kind")), id: try row.string("item_id"),
            title: LocalizedName(uk: try row.string("title_uk"), en: try row.string("title_en")),
            summary: LocalizedName(uk: try row.string("summary_uk"), en: try row.string("summary_en")),
            path: try row.string("path"), body: "", updated: try row.date("updated_at"))
    }
}
