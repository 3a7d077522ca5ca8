import Foundation

/// One thing of a city as the city's search finds it (a budget project, a
/// petition, a lot, a register object, an investment site, a strategy's
/// goal): what the result shows and the words it is found by.
///
/// A module makes one from its thing whenever it writes it, in the same
/// transaction, and none for a thing the public may not see (a withdrawn
/// project, a petition still in moderation), so the index never shows what
/// the thing's own page would refuse.
public struct SearchDocument: Sendable, Equatable {
    /// The module's slug and a kind of its things (`budgets`, `project`): results are filtered by module.
    public let module: String
    public let kind: String
    /// The thing's id within the module and kind.
    public let id: String
    public let title: LocalizedName
    /// A line or two under the title.
    public let summary: LocalizedName
    /// Its page after `/{city}/` (`petitions/PID`).
    public let path: String
    /// Everything it is found by besides the title (its text, address, codes), in any language.
    public let body: String
    /// The newer of two equally good matches comes first.
    public let updated: Date

    /// Titles and summaries longer than this are cut (the index keeps what a result shows, not the whole text).
    public static let summaryLength = 240
    /// The body kept for matching; a longer text is matched by its beginning.
    public static let bodyLength = 20_000

    public init(_ kind: SearchKind, id: String, title: LocalizedName, summary: LocalizedName, path: String, body: String, updated: Date) {
        self.module = kind.module
        self.kind = kind.name
        self.id = id
        self.title = LocalizedName(uk: Self.cut(title.uk, Self.summaryLength), en: Self.cut(title.en, Self.summaryLength))
        self.summary = LocalizedName(uk: Self.cut(summary.uk, Self.summaryLength), en: Self.cut(summary.en, Self.summaryLength))
        self.path = path
        self.body = Self.cut(body, Self.bodyLength)
        self.updated = updated
    }

    /// One text in both languages (what a resident wrote is in one language).
    public init(_ kind: SearchKind, id: String, title: String, summary: String, path: String, body: String, updated: Date) {
        self.init(
            kind, id: id, title: LocalizedName(uk: title, en: title), summary: LocalizedName(uk: summary, en: summary),
            path: path, body: body, updated: updated)
    }

    /// The words the title column of the index holds: both languages' titles, once each.
    public var titleText: String { title.uk == title.en ? title.uk : title.uk + "\n" + title.en }

    /// At most `length` characters, cut at a word where one is near, with an ellipsis.
    static func cut(_ text: String, _ length: Int) -> String {
        guard text.count > length else { return text }
        let head = text.prefix(length - 1)
        let atWord = head.lastIndex(where: \.isWhitespace).map { head[..<$0] } ?? head
        return String(atWord.count > length / 2 ? atWord : head).trimmingCharacters(in: .whitespacesAndNewlines) + "…"
    }
}

/// A kind of things a module puts in the index: the module's slug and the
/// kind's name within it (`budgets`, `project`).
public struct SearchKind: Sendable, Hashable {
    public let module: String
    public let name: String

    public init(module: String, name: String) {
        self.module = module
        self.name = name
    }
}

/// A page of the city's search: the results in their order and how many
/// match in each module (the filters' counts).
public struct SearchResults: Sendable, Equatable {
    public let hits: [SearchDocument]
    public let countsByModule: [String: Int]
    /// Whether there are more after this page.
    public let hasMore: Bool

    public init(hits: [SearchDocument], countsByModule: [String: Int], hasMore: Bool) {
        self.hits = hits
        self.countsByModule = countsByModule
        self.hasMore = hasMore
    }

    public var total: Int { countsByModule.values.reduce(0, +) }
}
