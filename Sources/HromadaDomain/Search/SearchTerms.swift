/// What a person typed into a search box (the city's search, the petition
/// list's), or a petition's own words when looking for similar ones, as
/// terms both databases' full-text indexes take (SQLite FTS5 and
/// PostgreSQL's `to_tsquery`).
///
/// Neither database ships a Ukrainian stemmer, so a word becomes a prefix
/// with its likely ending cut off: "пандуси", "пандусів" and "пандусами"
/// all start with "пандус". Only letters and digits survive, so nothing a
/// person types can become query syntax.
public struct SearchTerms: Sendable, Equatable {
    public let prefixes: [String]

    /// Words shorter than this say nothing on their own.
    static let shortest = 3
    /// Words every petition has, which would make every petition look similar.
    static let commonWords: Set<String> = [
        "просимо", "прошу", "просить", "просять", "міська", "міської", "міську", "раді", "ради", "рада", "раду", "міста", "місті", "місто", "громади",
        "громаді", "щоб", "для", "біля", "вулиці", "вулиця", "які", "яка", "який", "також", "цього", "цей", "року", "роки", "the", "and",
        "please", "city", "council",
    ]

    public init(_ text: String, limit: Int = 12) {
        var seen = Set<String>(), prefixes: [String] = []
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber || Self.apostrophes.contains($0)) }
        for word in words {
            let clean = Self.indexed(String(word)).filter { $0.isLetter || $0.isNumber }
            guard clean.count >= Self.shortest, !Self.commonWords.contains(clean) else { continue }
            let prefix = Self.stem(clean)
            guard seen.insert(prefix).inserted else { continue }
            prefixes.append(prefix)
            if prefixes.count == limit { break }
        }
        self.prefixes = prefixes
    }

    /// A text as the indexes should hold it: every apostrophe within a word
    /// ("м'ясо", "м’ясо", "мʼясо") written as the Ukrainian one, a letter, so
    /// the word stays one word however it was typed.
    public static func indexed(_ text: String) -> String {
        var result = "", previous: Character?
        var characters = text.makeIterator(), next = characters.next()
        while let character = next {
            next = characters.next()
            if Self.apostrophes.contains(character), previous?.isLetter == true, next?.isLetter == true {
                result.append("ʼ")
            } else {
                result.append(character)
            }
            previous = character
        }
        return result
    }

    static let apostrophes: Set<Character> = ["'", "’", "ʼ", "`"]

    /// Every term a query could look a text's words up by: each word's
    /// beginnings of 3 to 7 letters (a query's terms are such beginnings)
    /// and a longer number whole (a number is asked whole), once each. An
    /// index of these answers a query by exact terms rather than by prefix
    /// (PostgreSQL's GIN reads one list per term then, not every list of
    /// every word that starts so). No longer word is a term, so no text can
    /// make one of the index's scope tokens (`SearchIndexRepository.scope`).
    public static func lookupTerms(_ text: String) -> [String] {
        var seen = Set<String>(), terms: [String] = []
        for word in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || apostrophes.contains($0)) }) {
            let clean = indexed(String(word)).filter { $0.isLetter || $0.isNumber }
            guard clean.count >= shortest else { continue }
            for length in shortest...min(7, clean.count) where seen.insert(String(clean.prefix(length))).inserted {
                terms.append(String(clean.prefix(length)))
            }
            if clean.count > 7, clean.allSatisfy(\.isNumber), seen.insert(clean).inserted { terms.append(clean) }
        }
        return terms
    }

    /// The word without its likely inflectional ending: up to two letters
    /// off a long word, at most seven letters kept (compounds vary late).
    static func stem(_ word: String) -> String {
        guard word.count > 4, !word.allSatisfy(\.isNumber) else { return word }
        return String(word.prefix(min(7, max(4, word.count - 2))))
    }

    public var isEmpty: Bool { prefixes.isEmpty }

    /// Bumped whenever the rules above change what a text indexes as, so
    /// indexes made under the old rules are made again.
    public static let rulesVersion = 1

    /// How many of these terms the other text's words start with: the
    /// measure of two petitions asking for the same thing.
    public func shared(with other: SearchTerms) -> Int {
        prefixes.filter { prefix in other.prefixes.contains { $0.hasPrefix(prefix) || prefix.hasPrefix($0) } }.count
    }

    /// An FTS5 MATCH expression: every term (a search) or any of them (similar petitions).
    public func fts5(all: Bool) -> String {
        prefixes.map { "\"\($0)\"*" }.joined(separator: all ? " AND " : " OR ")
    }

    /// A PostgreSQL `to_tsquery('simple', …)` expression, the same way.
    public func tsquery(all: Bool) -> String {
        prefixes.map { "\($0):*" }.joined(separator: all ? " & " : " | ")
    }
}
