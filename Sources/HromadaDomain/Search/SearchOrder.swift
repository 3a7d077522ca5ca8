/// The order of the city's search results: every document with all the
/// words in its title, newest first, then every other match, newest first.
///
/// "Newest" is the order documents came into the index (a thing's
/// document keeps its place when it is written again), which both
/// databases keep as the order of their keys. So each tier is read from the
/// full-text index newest first and stops after a page, however common the
/// word: no score is computed for every match, which on a word in half the
/// city's things is what made a search slow. A title holding every word is
/// the match a person means far more often than the body's, and within a
/// tier the newer thing is the live one.
public enum SearchOrder {
    /// The furthest a search pages; deeper than this nobody reads.
    public static let deepestOffset = 10_000
    /// The longest page.
    public static let longestPage = 1_000

    /// How many of a tier a page of `limit` from `offset` needs: the page,
    /// what comes before it, and one more to tell whether there are more.
    /// Nil for a page that is not one (nothing to read).
    public static func wanted(offset: Int, limit: Int) -> Int? {
        guard (0...deepestOffset).contains(offset), (1...longestPage).contains(limit) else { return nil }
        return offset + limit + 1
    }

    /// The page of `limit` from `offset`, from the title tier (newest first,
    /// at most `wanted`) and, when that tier ran short, the newest matches
    /// of all (at most `wanted` more than the title tier had, so enough
    /// remain once those are left out). `key` names a match.
    public static func page<Match, Key: Hashable>(
        inTitle: [Match], all: [Match], key: (Match) -> Key, offset: Int, limit: Int
    ) -> (matches: [Match], hasMore: Bool) {
        let titled = Set(inTitle.map(key))
        let ordered = inTitle + all.filter { !titled.contains(key($0)) }
        let page = ordered.dropFirst(offset)
        return (Array(page.prefix(limit)), page.count > limit)
    }
}
