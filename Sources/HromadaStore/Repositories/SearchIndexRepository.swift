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
        let scope = Self.scope(city: city, module: document.module)
        let written: SQLQueryString = """
            INSERT INTO search_documents (municipality_id, \(unsafeRaw: Self.shown.joined(separator: ", ")), body, title, scope)
            VALUES (\(bind: city.rawValue), \(bind: document.module), \(bind: document.kind), \(bind: document.id),
                    \(bind: document.title.uk), \(bind: document.title.en), \(bind: document.summary.uk), \(bind: document.summary.en),
                    \(bind: document.path), \(bind: document.updated.epochSeconds), \(bind: SearchTerms.indexed(document.body)),
                    \(bind: SearchTerms.indexed(document.titleText)), \(bind: scope))
            ON CONFLICT (municipality_id, module, kind, item_id) DO UPDATE SET
                title_uk = excluded.title_uk, title_en = excluded.title_en, summary_uk = excluded.summary_uk,
                summary_en = excluded.summary_en, path = excluded.path, body = excluded.body, updated_at = excluded.updated_at,
                title = excluded.title, scope = excluded.scope
            WHERE search_documents.title <> excluded.title OR search_documents.body <> excluded.body
               OR search_documents.title_uk <> excluded.title_uk OR search_documents.title_en <> excluded.title_en
               OR search_documents.summary_uk <> excluded.summary_uk OR search_documents.summary_en <> excluded.summary_en
               OR search_documents.path <> excluded.path OR search_documents.scope <> excluded.scope
            """
        switch dialect {
        case .sqlite:
            // FTS5 keeps its index by the table's triggers.
            try await db.raw(written).run()
        case .postgres:
            // The document's vectors are written with it, and only when it was
            // (a row the statement above left alone returns no id): the words'
            // beginnings (`lookupTerms`), so a query asks exact lexemes.
            let title = SearchTerms.lookupTerms(document.titleText).joined(separator: " ")
            let body = SearchTerms.lookupTerms(document.body).joined(separator: " ")
            try await db.raw("""
                WITH written AS (\(written) RETURNING id)
                INSERT INTO search_terms (id, title_vector, search_vector)
                SELECT id, strip(to_tsvector('simple', \(bind: title + " " + scope))),
                       strip(to_tsvector('simple', \(bind: title + " " + body + " " + scope))) FROM written
                ON CONFLICT (id) DO UPDATE SET title_vector = excluded.title_vector, search_vector = excluded.search_vector
                """).run()
        }
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
        // Oldest first, so the index's order (`SearchOrder`'s "newest") follows the things' own.
        for document in documents.filter({ $0.module == module }).sorted(by: { $0.updated < $1.updated }) {
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

    /// Matches are counted up to one more than this per module; more shows as "1000+".
    public static let countLimit = 1_000

    /// The city's documents matching every term in the given modules, in
    /// `SearchOrder` (every word in the title first, then the rest, each
    /// newest first), `limit` from `offset`, with how many match in each of
    /// the modules `counting` names (the filters: every module the city
    /// runs, whichever is chosen), each counted up to `countLimit + 1`.
    ///
    /// The city and the module are one term of the query itself (`scope`),
    /// so each database answers from its full-text index alone, reads each
    /// tier newest first and stops after the page, and never pairs the
    /// index with the table row by row.
    public func search(
        _ terms: SearchTerms, in city: MunicipalityID, modules: [String], counting: [String], limit: Int, offset: Int
    ) async throws -> SearchResults {
        guard !terms.isEmpty, !modules.isEmpty, let wanted = SearchOrder.wanted(offset: offset, limit: limit) else {
            return SearchResults(hits: [], countsByModule: [:], hasMore: false)
        }
        let (inTitle, all) = try await tiers(terms, in: city, modules: modules, wanted: wanted)
        let page = SearchOrder.page(inTitle: inTitle, all: all, key: \.key, offset: offset, limit: limit)
        let capped = Self.countLimit + 1
        let counts: [String: Int]
        switch dialect {
        case .sqlite:
            counts = try await Self.counts(db.raw(Self.perModule(counting) { module in
                "SELECT COUNT(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH \(bind: Self.fts5(terms, city: city, modules: [module], inTitle: false)) LIMIT \(bind: capped))"
            }).all())
        case .postgres:
            counts = try await Self.counts(db.raw(Self.perModule(counting) { module in
                "SELECT search_count(to_tsquery('simple', \(bind: Self.tsquery(terms, city: city, modules: [module]))), \(bind: capped))"
            }).all())
        }
        return SearchResults(hits: page.matches.map(\.document), countsByModule: counts.filter { $0.value > 0 }, hasMore: page.hasMore)
    }

    /// A match of a tier: its key in the index (the order of arrival) and what it shows.
    private struct Match {
        let key: Int64
        let document: SearchDocument
    }

    /// The newest `wanted` documents with every term in the title, and when
    /// there are fewer, the newest matches of all, as many more as those
    /// (`SearchOrder.page` leaves out the title tier's from them).
    private func tiers(_ terms: SearchTerms, in city: MunicipalityID, modules: [String], wanted: Int) async throws -> (inTitle: [Match], all: [Match]) {
        switch dialect {
        case .sqlite:
            let newest = { (inTitle: Bool, wanted: Int) async throws -> [Match] in
                try await self.db.raw("""
                    SELECT d.id, \(unsafeRaw: Self.prefixed) FROM search_index i JOIN search_documents d ON d.id = i.rowid
                    WHERE search_index MATCH \(bind: Self.fts5(terms, city: city, modules: modules, inTitle: inTitle))
                    ORDER BY i.rowid DESC LIMIT \(bind: wanted)
                    """).all().map(Self.match)
            }
            let inTitle = try await newest(true, wanted)
            return (inTitle, inTitle.count < wanted ? try await newest(false, wanted + inTitle.count) : [])
        case .postgres:
            // One round trip: the rest is asked for only when the title tier ran short (a one-time filter).
            let query = Self.tsquery(terms, city: city, modules: modules)
            let rows = try await db.raw("""
                WITH titled AS (SELECT id FROM search_newest(to_tsquery('simple', \(bind: query)), true, \(bind: wanted))),
                rest AS (
                    SELECT id FROM search_newest(to_tsquery('simple', \(bind: query)), false, \(bind: wanted) + (SELECT count(*) FROM titled))
                    WHERE (SELECT count(*) FROM titled) < \(bind: wanted))
                SELECT true AS in_title, d.id, \(unsafeRaw: Self.prefixed) FROM titled JOIN search_documents d ON d.id = titled.id
                UNION ALL
                SELECT false AS in_title, d.id, \(unsafeRaw: Self.prefixed) FROM rest JOIN search_documents d ON d.id = rest.id
                ORDER BY in_title DESC, id DESC
                """).all()
            let titled = try rows.map { try $0.decode(column: "in_title", as: Bool.self) }
            let matches = try rows.map(Self.match)
            return (zip(titled, matches).filter(\.0).map(\.1), zip(titled, matches).filter { !$0.0 }.map(\.1))
        }
    }

    private static func match(_ row: any SQLRow) throws -> Match {
        Match(key: Int64(try row.int("id")), document: try decode(row))
    }

    /// An FTS5 query: one of the modules' scope tokens, and every term in
    /// the title or anywhere. The scope column is matched only by scope
    /// tokens and the words only in the title and the body.
    static func fts5(_ terms: SearchTerms, city: MunicipalityID, modules: [String], inTitle: Bool) -> String {
        let scopes = modules.map { "\"\(scope(city: city, module: $0))\"" }.joined(separator: " OR ")
        return "scope : (\(scopes)) AND \(inTitle ? "title" : "{title body}") : (\(terms.fts5(all: true)))"
    }

    /// A `to_tsquery('simple', …)` query: one of the modules' scope tokens
    /// and every term as an exact lexeme (the vectors hold every word's
    /// beginnings), no weights and no prefix marks, so GIN answers with no
    /// recheck of rows. A typed word is never a scope token (a query's terms
    /// have at most 7 characters but numbers), and if one were, it would
    /// still find only this city's things.
    static func tsquery(_ terms: SearchTerms, city: MunicipalityID, modules: [String]) -> String {
        "(" + modules.map { scope(city: city, module: $0) }.joined(separator: " | ") + ") & (" + terms.prefixes.joined(separator: " & ") + ")"
    }

    /// One statement asking a count per module (`module`, `found` rows): one round trip, not one per module.
    private static func perModule(_ modules: [String], count: (String) -> SQLQueryString) -> SQLQueryString {
        guard !modules.isEmpty else { return "SELECT '' AS module, 0 AS found WHERE 1 = 0" }
        return modules.map { module -> SQLQueryString in "SELECT \(bind: module) AS module, (\(count(module))) AS found" }
            .joined(separator: " UNION ALL ")
    }

    /// The city's and the module's token in `scope`: both ids' bytes in hex,
    /// after a letter and joined by one, one word to either database's
    /// parser. One token of both, not two, so a search in one module reads
    /// that module's list, not the city's whole one as well.
    ///
    /// No text makes one, so a title cannot put a thing in another city's
    /// search: SQLite matches words in the title and body columns only, and
    /// PostgreSQL's vectors hold no word of a text longer than 7 characters
    /// but numbers (`SearchTerms.lookupTerms`), while a token has letters
    /// and at least 8 characters (a module's slug has two or more).
    static func scope(city: MunicipalityID, module: String) -> String {
        "s" + Hex.encode(city.rawValue.utf8) + "x" + Hex.encode(module.utf8)
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
