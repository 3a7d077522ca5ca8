import Foundation

/// A comment's body as HTML: no markup of the author's, only line breaks and
/// links. Everything is escaped; a line break becomes `<br>`; an http(s)
/// address becomes a link marked `rel="nofollow ugc"` (a comment's links
/// earn the target nothing from search engines), its trailing punctuation
/// left out (the full stop after an address ends the sentence, not the
/// address). Nothing else is ever produced.
public enum CommentText {
    public static func html(_ body: String) -> String {
        var out = ""
        let characters = Array(body)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\n" {
                out += "<br>\n"
                index += 1
            } else if let end = linkEnd(characters, from: index) {
                let address = escape(String(characters[index..<end]))
                out += "<a href=\"\(address)\" rel=\"nofollow ugc\">\(address)</a>"
                index = end
            } else {
                out += escape(String(character))
                index += 1
            }
        }
        return out
    }

    /// Where the address starting at `start` ends (exclusive), or nil when none starts there.
    static func linkEnd(_ characters: [Character], from start: Int) -> Int? {
        // An address starts a word: "xhttp://" is not one.
        if start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber { return nil }
        let scheme: Int
        if hasPrefix(characters, start, "https://") {
            scheme = 8
        } else if hasPrefix(characters, start, "http://") {
            scheme = 7
        } else {
            return nil
        }
        var end = start + scheme
        while end < characters.count, !stops.contains(characters[end]), !characters[end].isWhitespace { end += 1 }
        // Trailing punctuation ends the sentence; a closing bracket belongs
        // to the address only when the address opened one.
        while end > start + scheme {
            let last = characters[end - 1]
            if trailing.contains(last) {
                end -= 1
            } else if let opening = pairs[last], count(opening, characters[start..<end]) < count(last, characters[start..<end]) {
                end -= 1
            } else {
                break
            }
        }
        // Something must follow the scheme: a host of at least a letter or digit.
        guard end > start + scheme, characters[start + scheme].isLetter || characters[start + scheme].isNumber else { return nil }
        return end
    }

    private static let stops: Set<Character> = ["<", ">", "\"", "`", "{", "}", "|", "\\", "^"]
    private static let trailing: Set<Character> = [".", ",", ";", ":", "!", "?", "'", "*", "…"]
    private static let pairs: [Character: Character] = [")": "(", "]": "["]

    private static func count(_ character: Character, _ slice: ArraySlice<Character>) -> Int {
        slice.reduce(0) { $0 + ($1 == character ? 1 : 0) }
    }

    private static func hasPrefix(_ characters: [Character], _ start: Int, _ prefix: String) -> Bool {
        var index = start
        for expected in prefix {
            guard index < characters.count, characters[index].lowercased() == String(expected) else { return false }
            index += 1
        }
        return true
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
