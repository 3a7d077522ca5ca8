/// Text for XML and SVG written by hand (the charts, the Atom feed), escaped
/// by Unicode scalar, not by Character: `"` followed by a combining accent is
/// one Character that equals no `"`, and walking Characters let it out of an
/// attribute. Characters XML 1.0 forbids (controls but tab and newlines,
/// U+FFFE and U+FFFF) are dropped: one of them makes a whole feed unreadable.
package enum XMLText {
    package static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }
}
