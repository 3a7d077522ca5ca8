import Mustache

/// HTML escaping over UTF-8 bytes. Mustache's own escaper walks grapheme
/// clusters and was a fifth of a page's cost; most values (Ukrainian text
/// included) contain nothing to escape and are returned as they are.
/// Every template opts in with `{{% CONTENT_TYPE: HTML_UTF8}}`.
struct UTF8HTMLEscaping: MustacheContentType {
    package static let name = "HTML_UTF8"

    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: Self.needsEscape) else { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}

/// Text escaped for HTML the way every template escapes it, for pages that
/// write a large repetitive fragment by hand (a strategy's tree of 2,000
/// nodes), where a template's per-value lookups were most of the page's cost.
package enum HTMLText {
    package static func escape(_ text: String) -> String { UTF8HTMLEscaping().escapeText(text) }
}
