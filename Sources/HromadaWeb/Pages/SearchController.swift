import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// The city's search: `/{city}/search?q=…&module=…&page=…` and
/// `GET /api/v1/{city}/search?q=…&module=…&offset=…&limit=…`. It finds what
/// the modules the city runs put in the index (`SearchSource`), by the same
/// word-prefix rules the petition list uses, every word required.
struct SearchController {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    static let pageSize = 20
    /// Deeper than this nobody reads; a narrower search is the way on.
    static let deepest = 50
    static let apiLimit = 1...50
    static let apiOffset = 0...1_000
    /// A search box takes a sentence, not a document.
    static let queryLength = 200

    func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/search", use: page)
        router.get("/api/v1/{city}/search", use: api)
    }

    /// The city's searchable modules, and the one `module=` names if it names
    /// one (a 422 for one the city does not run or that has nothing to find).
    struct Sections {
        let all: [any Module]
        let one: (any Module)?

        /// The modules whose things are listed: the one named, or all.
        var chosen: [any Module] { one.map { [$0] } ?? all }
        var oneSlug: String? { one?.slug.rawValue }
    }

    func sections(_ request: Request, city: Municipality) throws -> Sections {
        let all = services.modules.enabled(in: city).filter { $0.search != nil }
        guard let wanted = request.uri.queryParameters.get("module"), !wanted.isEmpty else { return Sections(all: all, one: nil) }
        guard let one = all.first(where: { $0.slug.rawValue == wanted }) else { throw AppError.invalid(code: "search_module", field: "module") }
        return Sections(all: all, one: one)
    }

    static func query(_ request: Request) -> String {
        String((request.uri.queryParameters.get("q") ?? "").prefix(queryLength))
    }

    /// A whole number from the query string within `range`, or `fallback` when absent; anything else is a 422 naming it.
    static func number(_ request: Request, _ name: String, in range: ClosedRange<Int>, fallback: Int) throws -> Int {
        guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return fallback }
        guard text.count <= 6, text.allSatisfy(\.isASCII), let value = Int(text), range.contains(value) else {
            throw AppError.invalid(code: "search_\(name)", field: name)
        }
        return value
    }

    /// A page of what the chosen modules have, counted in every module the city runs.
    func results(_ terms: SearchTerms, city: Municipality, sections: Sections, limit: Int, offset: Int) async throws -> SearchResults {
        // Nothing to look for asks the database nothing.
        guard !terms.isEmpty, !sections.chosen.isEmpty else { return SearchResults(hits: [], countsByModule: [:], hasMore: false) }
        return try await services.store.read { tx in
            try await tx.searchIndex.search(
                terms, in: city.id, modules: sections.chosen.map(\.slug.rawValue), counting: sections.all.map(\.slug.rawValue), limit: limit,
                offset: offset)
        }
    }

    /// Counts as the page shows them: their sum, or "1000+" when the index stopped counting any of them.
    static func shown(_ counts: [Int]) -> String {
        counts.contains { $0 > SearchIndexRepository.countLimit } ? "\(SearchIndexRepository.countLimit)+" : String(counts.reduce(0, +))
    }

    // MARK: The page

    struct Page {
        struct Hit {
            let title: String
            let summary: String
            let url: String
            let kind: String
        }
        struct Filter {
            let label: String
            let url: String
            let count: String
            let current: Bool
        }
        let action: String
        let search: FormField
        let module: String
        let searched: Bool
        let summary: String
        let hits: [Hit]
        let filters: [Filter]
        let hasFilters: Bool
        let empty: Bool
        let previousURL: String?
        let nextURL: String?
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let sections = try sections(request, city: city)
        let pageNumber = try Self.number(request, "page", in: 1...Self.deepest, fallback: 1)
        let query = Self.query(request)
        let terms = SearchTerms(query)
        let found = try await results(terms, city: city, sections: sections, limit: Self.pageSize, offset: (pageNumber - 1) * Self.pageSize)
        let counts = found.countsByModule
        let language = context.language

        let base = "/\(city.slug.rawValue)/search"
        func url(module: String?, page: Int) -> String {
            var items = [URLQueryItem(name: "q", value: query)]
            if let module { items.append(URLQueryItem(name: "module", value: module)) }
            if page > 1 { items.append(URLQueryItem(name: "page", value: String(page))) }
            var components = URLComponents()
            components.queryItems = items
            return base + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
        let chosenSlug = sections.oneSlug
        let filters: [Page.Filter] = terms.isEmpty ? [] : [
            Page.Filter(label: html.t("search.all", context), url: url(module: nil, page: 1), count: Self.shown(Array(counts.values)), current: chosenSlug == nil)
        ] + sections.all.filter { (counts[$0.slug.rawValue] ?? 0) > 0 || $0.slug.rawValue == chosenSlug }.map { module in
            Page.Filter(
                label: html.t("modules.\(module.slug.rawValue).name", context), url: url(module: module.slug.rawValue, page: 1),
                count: Self.shown([counts[module.slug.rawValue] ?? 0]), current: chosenSlug == module.slug.rawValue)
        }
        let hits = found.hits.map { hit in
            Page.Hit(
                title: hit.title.localized(language), summary: hit.summary.localized(language), url: "/\(city.slug.rawValue)/\(hit.path)",
                kind: html.t("search.kinds.\(hit.module).\(hit.kind)", context))
        }
        let total = Self.shown(chosenSlug.map { [counts[$0] ?? 0] } ?? Array(counts.values))
        let page = Page(
            action: base,
            search: FormField(name: "q", label: html.t("search.label", context), value: query, type: "search", maxlength: Self.queryLength),
            module: chosenSlug ?? "", searched: !query.isEmpty,
            summary: terms.isEmpty
                ? (query.isEmpty ? "" : html.t("search.too_short", context))
                : html.t("search.found", context, ["count": total, "query": query]),
            hits: hits, filters: filters, hasFilters: filters.count > 2 || chosenSlug != nil, empty: !terms.isEmpty && hits.isEmpty,
            previousURL: pageNumber > 1 ? url(module: chosenSlug, page: pageNumber - 1) : nil,
            nextURL: found.hasMore && pageNumber < Self.deepest ? url(module: chosenSlug, page: pageNumber + 1) : nil)
        return try await html.render(
            "search", page: page, titleKey: "search.title", titleArguments: ["city": city.name.localized(language)],
            request: request, context: context, city: city)
    }

    // MARK: The API

    struct Answer: Encodable {
        struct Item: Encodable {
            let module: String
            let kind: String
            let id: String
            let title: String
            let summary: String
            let url: String
        }
        let query: String
        let items: [Item]
        let counts: [String: Int]
        let offset: Int
        let hasMore: Bool
    }

    @Sendable func api(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let sections = try sections(request, city: city)
        let limit = try Self.number(request, "limit", in: Self.apiLimit, fallback: Self.pageSize)
        let offset = try Self.number(request, "offset", in: Self.apiOffset, fallback: 0)
        let query = Self.query(request)
        let found = try await results(SearchTerms(query), city: city, sections: sections, limit: limit, offset: offset)
        let counts = found.countsByModule
        let base = services.configuration.publicBaseURL
        return try JSONResponse.encode(Answer(
            query: query,
            items: found.hits.map { hit in
                .init(module: hit.module, kind: hit.kind, id: hit.id, title: hit.title.localized(context.language),
                      summary: hit.summary.localized(context.language), url: "\(base)/\(city.slug.rawValue)/\(hit.path)")
            },
            counts: Dictionary(uniqueKeysWithValues: sections.all.map { ($0.slug.rawValue, counts[$0.slug.rawValue] ?? 0) }),
            offset: offset, hasMore: found.hasMore))
    }
}
