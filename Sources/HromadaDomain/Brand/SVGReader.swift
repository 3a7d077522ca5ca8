/// A strict reader of the part of XML 1.0 a logo needs (see `SVGLogo` for
/// why it is ours). It reads UTF-8 bytes into one element tree, refusing a
/// DTD, any entity but the five predefined ones and character references,
/// any processing instruction but the XML declaration, CDATA, and anything
/// not well-formed. Every index is checked before it is read.
struct SVGReader {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    typealias Refusal = SVGLogo.Refusal

    /// The root element, with nothing but comments and white space around it.
    mutating func document() throws(Refusal) -> SVGElement {
        if starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        if starts(with: "<?xml"), let after = byte(at: index + 5), Self.isSpace(after) || after == UInt8(ascii: "?") {
            try skipDeclaration()
        }
        var root: SVGElement?
        // Elements open, innermost last; the root is the first.
        var open: [SVGElement] = []
        while index < bytes.count {
            if open.isEmpty {
                // Outside the root: white space, comments, and the root itself.
                if let current = byte(at: index), Self.isSpace(current) {
                    index += 1
                    continue
                }
                guard byte(at: index) == UInt8(ascii: "<") else { throw .malformed }
            }
            if starts(with: "<!--") {
                try skipComment()
            } else if starts(with: "<![CDATA[") {
                throw .cdata
            } else if starts(with: "<!") {
                let word = asciiWord(from: index + 2).uppercased()
                if word == "DOCTYPE" || word == "ENTITY" || word == "ELEMENT" || word == "ATTLIST" || word == "NOTATION" { throw .doctype }
                throw .malformed
            } else if starts(with: "<?") {
                index += 2
                throw .processingInstruction(name())
            } else if starts(with: "</") {
                index += 2
                let closing = name()
                skipSpace()
                guard byte(at: index) == UInt8(ascii: ">"), let element = open.popLast(), element.name == closing else { throw .malformed }
                index += 1
                if open.isEmpty {
                    root = element
                } else {
                    open[open.count - 1].children.append(.element(element))
                }
            } else if byte(at: index) == UInt8(ascii: "<") {
                guard root == nil else { throw .malformed }
                index += 1
                let (element, selfClosing) = try startTag()
                if open.count >= SVGLogo.maximumDepth { throw .tooDeep(limit: SVGLogo.maximumDepth) }
                if selfClosing {
                    if open.isEmpty {
                        root = element
                    } else {
                        open[open.count - 1].children.append(.element(element))
                    }
                } else {
                    open.append(element)
                }
            } else {
                let text = try characterData()
                if !open.isEmpty { open[open.count - 1].children.append(.text(text)) }
            }
        }
        guard open.isEmpty, let root else { throw .malformed }
        return root
    }

    // MARK: Pieces

    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`: read and dropped.
    private mutating func skipDeclaration() throws(Refusal) {
        guard let end = find("?>", from: index) else { throw .malformed }
        let inside = bytes[(index + 5)..<end]
        // Only the declaration's own words: no markup hides in it.
        guard !inside.contains(UInt8(ascii: "<")), !inside.contains(UInt8(ascii: ">")) else { throw .malformed }
        let text = String(decoding: inside, as: UTF8.self).lowercased()
        if text.contains("encoding"), !(text.contains("utf-8") || text.contains("utf8")) { throw .malformed }
        index = end + 2
    }

    private mutating func skipComment() throws(Refusal) {
        guard let end = find("-->", from: index + 4) else { throw .malformed }
        index = end + 3
    }

    /// After `<`: the name, the attributes, and `>` or `/>`.
    private mutating func startTag() throws(Refusal) -> (SVGElement, Bool) {
        let tag = name()
        guard !tag.isEmpty else { throw .malformed }
        var attributes: [(String, String)] = []
        while true {
            let spaced = skipSpace()
            guard let current = byte(at: index) else { throw .malformed }
            if current == UInt8(ascii: ">") {
                index += 1
                return (SVGElement(name: tag, attributes: attributes), false)
            }
            if current == UInt8(ascii: "/") {
                guard byte(at: index + 1) == UInt8(ascii: ">") else { throw .malformed }
                index += 2
                return (SVGElement(name: tag, attributes: attributes), true)
            }
            // Attributes are separated from the name and each other by white space.
            guard spaced else { throw .malformed }
            let key = name()
            guard !key.isEmpty, !attributes.contains(where: { $0.0 == key }) else { throw .malformed }
            skipSpace()
            guard byte(at: index) == UInt8(ascii: "=") else { throw .malformed }
            index += 1
            skipSpace()
            guard let quote = byte(at: index), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw .malformed }
            index += 1
            let value = try attributeValue(until: quote)
            attributes.append((key, value))
        }
    }

    /// Up to the closing quote, with references resolved and white space
    /// normalised as XML does (each tab or line end is one space).
    private mutating func attributeValue(until quote: UInt8) throws(Refusal) -> String {
        var out: [UInt8] = []
        while true {
            guard let current = byte(at: index) else { throw .malformed }
            if current == quote {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if current == UInt8(ascii: "<") || Self.isForbiddenControl(current) { throw .malformed }
            if current == UInt8(ascii: "&") {
                out += try reference()
            } else {
                out.append(Self.isSpace(current) ? UInt8(ascii: " ") : current)
                index += 1
            }
        }
    }

    /// Text up to the next `<`, with references resolved.
    private mutating func characterData() throws(Refusal) -> String {
        var out: [UInt8] = []
        while let current = byte(at: index), current != UInt8(ascii: "<") {
            if current == UInt8(ascii: "&") {
                out += try reference()
            } else {
                // `]]>` may not appear in text (XML 1.0 §2.4).
                if current == UInt8(ascii: "]"), starts(with: "]]>") { throw .malformed }
                if Self.isForbiddenControl(current) { throw .malformed }
                out.append(current)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `&amp;` and its four siblings, `&#NN;` and `&#xHH;`: the UTF-8 they
    /// stand for. Any other name is refused by name: it would need a DTD.
    private mutating func reference() throws(Refusal) -> [UInt8] {
        index += 1
        if byte(at: index) == UInt8(ascii: "#") {
            index += 1
            var radix: UInt32 = 10
            if byte(at: index) == UInt8(ascii: "x") {
                radix = 16
                index += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while let current = byte(at: index), current != UInt8(ascii: ";") {
                guard let digit = Self.digit(current, radix: radix), digits < 8 else { throw .malformed }
                value = value * radix + digit
                digits += 1
                index += 1
            }
            guard digits > 0, byte(at: index) == UInt8(ascii: ";"), Self.isXMLCharacter(value), let scalar = Unicode.Scalar(value) else {
                throw .malformed
            }
            index += 1
            return Array(String(Character(scalar)).utf8)
        }
        let entity = name()
        guard byte(at: index) == UInt8(ascii: ";") else {
            throw entity.isEmpty ? .malformed : .entity(entity)
        }
        index += 1
        switch entity {
        case "amp": return [UInt8(ascii: "&")]
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        case "": throw .malformed
        default: throw .entity(entity)
        }
    }

    /// An XML name, limited to ASCII: nothing on the allowlist needs more,
    /// and a name we cannot read is refused as malformed or unknown.
    private mutating func name() -> String {
        let start = index
        while let current = byte(at: index), Self.isNameByte(current) || current == UInt8(ascii: ":") {
            index += 1
            if index - start > 64 { break }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Skips white space; whether there was any.
    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = index
        while let current = byte(at: index), Self.isSpace(current) { index += 1 }
        return index > start
    }

    private func asciiWord(from start: Int) -> String {
        var end = start
        while let current = byte(at: end), (current >= 0x41 && current <= 0x5A) || (current >= 0x61 && current <= 0x7A), end - start < 16 {
            end += 1
        }
        guard start <= end, end <= bytes.count else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func byte(at position: Int) -> UInt8? {
        position >= 0 && position < bytes.count ? bytes[position] : nil
    }

    private func starts(with text: String) -> Bool { starts(with: Array(text.utf8)) }

    private func starts(with prefix: [UInt8]) -> Bool {
        guard index >= 0, index + prefix.count <= bytes.count else { return false }
        return bytes[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    private func find(_ text: String, from start: Int) -> Int? {
        let needle = Array(text.utf8)
        guard start >= 0, !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var position = start
        while position + needle.count <= bytes.count {
            if bytes[position] == needle[0], bytes[position..<(position + needle.count)].elementsEqual(needle) { return position }
            position += 1
        }
        return nil
    }

    /// A control character XML 1.0 does not allow in a document.
    static func isForbiddenControl(_ byte: UInt8) -> Bool { byte < 0x20 && !isSpace(byte) }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Letters, digits, `-`, `_` and `.`: what ids and names here are made of.
    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    private static func digit(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46 where radix == 16: UInt32(byte - 0x41 + 10)
        case 0x61...0x66 where radix == 16: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    /// XML 1.0's `Char`: what a character reference may stand for.
    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD)
            || (value >= 0x10000 && value <= 0x10FFFF)
    }
}
