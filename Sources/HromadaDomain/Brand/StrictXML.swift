/// The strict XML reader the brand's logo is checked with (`SVGReader`,
/// see `SVGLogo` for why it is ours), offered to whatever else reads XML
/// from outside: a route's GPX file. It refuses a DTD, any entity but the
/// five predefined ones and character references, processing instructions,
/// CDATA and anything not well-formed, and nests no deeper than
/// `SVGLogo.maximumDepth`; what it answers is the element tree with its text.
public enum StrictXML {
    public struct Element: Sendable {
        public let name: String
        public let attributes: [(name: String, value: String)]
        public let children: [Element]
        /// The element's own text, its parts joined (none of its children's).
        public let text: String

        public func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    /// The document's root element, from UTF-8 bytes.
    public static func parse(_ bytes: [UInt8]) throws(SVGLogo.Refusal) -> Element {
        guard !bytes.isEmpty else { throw .empty }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .notUTF8 }
        var reader = SVGReader(bytes)
        return element(try reader.document())
    }

    /// The reader's tree as this one; as deep as the reader allows, so the recursion is bounded.
    private static func element(_ read: SVGElement) -> Element {
        var children: [Element] = [], text = ""
        for child in read.children {
            switch child {
            case .element(let inner): children.append(element(inner))
            case .text(let part): text += part
            }
        }
        return Element(name: read.name, attributes: read.attributes.map { (name: $0.0, value: $0.1) }, children: children, text: text)
    }
}
