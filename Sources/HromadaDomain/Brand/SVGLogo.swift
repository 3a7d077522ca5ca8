import Foundation

/// A city's or an oblast's logo: an SVG accepted only within an allowlist of
/// elements and attributes (docs/brand.md), and kept in a form made again
/// from what the allowlist saw.
///
/// Why a tokenizer of our own and not Foundation's `XMLParser`: on Linux it
/// is libxml2, which reads the internal DTD subset, expands the entities it
/// declares and may be configured to fetch external ones; it answers a
/// document after its own recovery rules and reports what it resolved, not
/// what the bytes said. A gate has to refuse a DTD, not interpret it. The
/// grammar below is the small part of XML 1.0 a logo needs (elements,
/// attributes, text, the five predefined entities and character
/// references, comments and the XML declaration); everything else is
/// refused by name, and every index is checked, so no input traps.
///
/// Why the stored bytes are re-serialised from the parsed tree rather than
/// kept as uploaded: a browser's XML parser and ours may disagree on some
/// odd input (an encoding trick, a comment's edge, a spelling of an entity).
/// The bytes we serve are written by us from the elements, attributes and
/// text the allowlist accepted, escaped by us, so whatever ours did not see
/// can never reach a reader. Comments and the declaration's details go.
public struct SVGLogo: Sendable, Equatable {
    /// The logo as served: UTF-8 XML written from the accepted tree.
    public let bytes: [UInt8]

    /// 256 KiB: a logo is a few kilobytes; more is a picture traced into paths.
    public static let maximumBytes = 256 * 1024
    /// How deep elements may nest (`svg > g > g > …`).
    public static let maximumDepth = 32
    /// How many elements a logo may have.
    public static let maximumElements = 5_000

    /// Why an upload is not taken as a logo. `name` carries the element or
    /// attribute at fault, for the message beside the field.
    public enum Refusal: Error, Equatable, Sendable {
        case empty
        case tooLarge(limit: Int)
        case notUTF8
        /// Not well-formed XML (an unclosed tag, a stray `<`, a bare `&`).
        case malformed
        /// A DTD: `<!DOCTYPE` or `<!ENTITY` (entities expand and can fetch).
        case doctype
        /// An entity reference other than the five XML predefines and character references.
        case entity(String)
        /// A processing instruction other than the XML declaration.
        case processingInstruction(String)
        /// `<![CDATA[`: text is written with the predefined entities instead.
        case cdata
        /// An element that runs script or brings in other content (`script`, `foreignObject`, `style`, …).
        case forbiddenElement(String)
        /// An element not on the allowlist.
        case unknownElement(String)
        /// An event handler attribute (`onload`, `onclick`, …).
        case eventAttribute(String)
        /// A `style` attribute: CSS can fetch (`background:url(…)`, `@import`).
        case styleAttribute
        /// An attribute not on the allowlist (or on it with a value it may not take).
        case unknownAttribute(String)
        /// `href` or `xlink:href` that is not a fragment of this document (`#id`).
        case externalReference(String)
        /// `url(…)` other than `url(#id)` in this attribute's value.
        case externalURL(String)
        /// `javascript:` or `data:` in this attribute's value or in the text.
        case scriptURL(String)
        /// The root element is this, not `svg`.
        case rootNotSVG(String)
        case tooDeep(limit: Int)
        case tooManyElements(limit: Int)

        /// A short, stable name of the rule, for locale keys (`brand.logo.<code>`).
        public var code: String {
            switch self {
            case .empty: "empty"
            case .tooLarge: "too_large"
            case .notUTF8: "not_utf8"
            case .malformed: "malformed"
            case .doctype: "doctype"
            case .entity: "entity"
            case .processingInstruction: "processing_instruction"
            case .cdata: "cdata"
            case .forbiddenElement: "forbidden_element"
            case .unknownElement: "unknown_element"
            case .eventAttribute: "event_attribute"
            case .styleAttribute: "style_attribute"
            case .unknownAttribute: "unknown_attribute"
            case .externalReference: "external_reference"
            case .externalURL: "external_url"
            case .scriptURL: "script_url"
            case .rootNotSVG: "root_not_svg"
            case .tooDeep: "too_deep"
            case .tooManyElements: "too_many_elements"
            }
        }

        /// The element or attribute at fault, or the limit, for the message.
        public var name: String {
            switch self {
            case .entity(let name), .processingInstruction(let name), .forbiddenElement(let name), .unknownElement(let name),
                 .eventAttribute(let name), .unknownAttribute(let name), .externalReference(let name), .externalURL(let name),
                 .scriptURL(let name), .rootNotSVG(let name):
                name
            case .tooLarge(let limit), .tooDeep(let limit), .tooManyElements(let limit): String(limit)
            case .styleAttribute: "style"
            case .empty, .notUTF8, .malformed, .doctype, .cdata: ""
            }
        }
    }

    /// Elements a logo may use: shapes, paths, groups, gradients, text and
    /// its descriptions. Text is safe: it draws glyphs of fonts the reader
    /// has, and with no CSS nothing can fetch one.
    public static let elements: Set<String> = [
        "svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "linearGradient", "radialGradient", "stop", "clipPath", "text", "tspan",
    ]

    /// Elements refused as dangerous rather than merely unknown.
    static let forbidden: Set<String> = [
        "script", "foreignObject", "style", "iframe", "object", "embed", "image", "use", "a", "animate", "set",
        "animateTransform", "animateMotion", "handler", "listener", "feImage",
    ]

    /// Attributes any allowed element may carry: geometry and presentation.
    public static let attributes: Set<String> = [
        "id", "xmlns", "xmlns:xlink", "version", "viewBox", "preserveAspectRatio", "role", "aria-label", "xml:space", "lang", "xml:lang",
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "transform", "clip-path", "clip-rule", "clipPathUnits",
        "d", "points", "x", "y", "x1", "y1", "x2", "y2", "width", "height", "r", "cx", "cy", "rx", "ry", "fx", "fy", "dx", "dy",
        "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
        "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing",
        "href", "xlink:href",
    ]

    /// The only namespaces a logo may declare.
    static let namespaces = ["xmlns": "http://www.w3.org/2000/svg", "xmlns:xlink": "http://www.w3.org/1999/xlink"]

    public init(validating bytes: [UInt8]) throws(Refusal) {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= Self.maximumBytes else { throw .tooLarge(limit: Self.maximumBytes) }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .notUTF8 }
        var reader = SVGReader(bytes)
        let root = try reader.document()
        try Self.check(root, depth: 1)
        let written = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.serialised(isRoot: true)).utf8)
        // Escaping may lengthen it: what we store must pass this gate again when it is read back.
        guard written.count <= Self.maximumBytes else { throw .tooLarge(limit: Self.maximumBytes) }
        self.bytes = written
    }

    /// The allowlist, applied to the whole tree (the reader already refused
    /// what XML itself allows but a logo may not: DTDs, entities, PIs).
    private static func check(_ root: SVGElement, depth: Int) throws(Refusal) {
        guard root.name == "svg" else { throw .rootNotSVG(root.name) }
        var count = 0
        try check(root, depth: depth, count: &count)
    }

    private static func check(_ element: SVGElement, depth: Int, count: inout Int) throws(Refusal) {
        guard depth <= maximumDepth else { throw .tooDeep(limit: maximumDepth) }
        count += 1
        guard count <= maximumElements else { throw .tooManyElements(limit: maximumElements) }
        if forbidden.contains(element.name) { throw .forbiddenElement(element.name) }
        guard elements.contains(element.name) else { throw .unknownElement(element.name) }
        for (name, value) in element.attributes { try check(attribute: name, value: value) }
        for child in element.children {
            switch child {
            case .element(let inner): try check(inner, depth: depth + 1, count: &count)
            case .text(let text): if containsScriptURL(text) { throw .scriptURL(element.name) }
            }
        }
    }

    private static func check(attribute name: String, value: String) throws(Refusal) {
        let lower = name.lowercased()
        if lower.hasPrefix("on") { throw .eventAttribute(name) }
        if lower == "style" { throw .styleAttribute }
        guard attributes.contains(name) else { throw .unknownAttribute(name) }
        if let namespace = namespaces[name], value != namespace { throw .unknownAttribute(name) }
        if containsScriptURL(value) { throw .scriptURL(name) }
        if name == "href" || name == "xlink:href" {
            guard value.first == "#", isName(value.dropFirst()) else { throw .externalReference(name) }
        }
        // A CSS escape (`u\72l(`) could spell what the checks below look for.
        if value.contains("\\") { throw .externalURL(name) }
        guard onlyLocalURLs(value) else { throw .externalURL(name) }
    }

    /// `javascript:` or `data:`, however spaced or cased.
    static func containsScriptURL(_ text: String) -> Bool {
        let folded = String(text.lowercased().unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        return folded.contains("javascript:") || folded.contains("data:") || folded.contains("vbscript:")
    }

    /// Every `url(` in the value is `url(#id)`.
    static func onlyLocalURLs(_ value: String) -> Bool {
        let folded = Array(String(value.lowercased().unicodeScalars.filter { $0.value > 0x20 }).utf8)
        let opener = Array("url(".utf8)
        var index = 0
        while index + opener.count <= folded.count {
            guard folded[index..<(index + opener.count)].elementsEqual(opener) else {
                index += 1
                continue
            }
            var cursor = index + opener.count
            guard cursor < folded.count, folded[cursor] == UInt8(ascii: "#") else { return false }
            cursor += 1
            let start = cursor
            while cursor < folded.count, SVGReader.isNameByte(folded[cursor]) { cursor += 1 }
            guard cursor > start, cursor < folded.count, folded[cursor] == UInt8(ascii: ")") else { return false }
            index = cursor + 1
        }
        return true
    }

    static func isName(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(SVGReader.isNameByte)
    }
}

/// One element as the reader found it: attributes in their order, children in theirs.
struct SVGElement: Sendable {
    enum Child: Sendable {
        case element(SVGElement)
        case text(String)
    }
    let name: String
    var attributes: [(String, String)]
    var children: [Child] = []

    /// The element as XML we write ourselves: every value and text escaped.
    func serialised(isRoot: Bool = false) -> String {
        var out = "<" + name
        var attributes = attributes
        // Served as a file of its own, an SVG without its namespace is not drawn.
        if isRoot, !attributes.contains(where: { $0.0 == "xmlns" }) { attributes.insert(("xmlns", "http://www.w3.org/2000/svg"), at: 0) }
        for (key, value) in attributes { out += " \(key)=\"\(Self.escape(value, quote: true))\"" }
        guard !children.isEmpty else { return out + "/>" }
        out += ">"
        for child in children {
            switch child {
            case .element(let element): out += element.serialised()
            case .text(let text): out += Self.escape(text, quote: false)
            }
        }
        return out + "</\(name)>"
    }

    static func escape(_ text: String, quote: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quote: out += "&quot;"
            // Attribute values are normalised by XML: keep what was meant.
            case "\t" where quote: out += "&#9;"
            case "\n" where quote: out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
