import Foundation

/// Whose brand: a city's, or an oblast's (worn by the oblast's own pages).
public enum BrandOwner: Hashable, Sendable {
    case city(MunicipalityID)
    case oblast(OblastID)
}

/// The five colours pages wear. The defaults are the platform's own look
/// (`site.css`), so a city without a brand looks as it always has.
public struct BrandColours: Hashable, Sendable {
    /// The header and the buttons.
    public var primary: HexColour
    /// Text on the primary colour.
    public var onPrimary: HexColour
    /// Links, and secondary buttons' text and border.
    public var link: HexColour
    public var background: HexColour
    public var text: HexColour

    public init(primary: HexColour, onPrimary: HexColour, link: HexColour, background: HexColour, text: HexColour) {
        self.primary = primary
        self.onPrimary = onPrimary
        self.link = link
        self.background = background
        self.text = text
    }

    public static let platform = BrandColours(
        primary: HexColour(red: 0x0b, green: 0x57, blue: 0xa4), onPrimary: .white, link: HexColour(red: 0x0b, green: 0x57, blue: 0xa4),
        background: .white, text: HexColour(red: 0x1b, green: 0x1f, blue: 0x24))

    /// The platform's own colours that stay whatever the brand: secondary
    /// text (hints, dates) and errors, both shown on the brand's background.
    public static let platformMuted = HexColour(red: 0x55, green: 0x60, blue: 0x6b)
    public static let platformError = HexColour(red: 0xb3, green: 0x26, blue: 0x1e)

    /// Each colour of a brand, named as its form field and its CSS property are.
    public enum Name: String, CaseIterable, Sendable {
        case primary, onPrimary, link, background, text

        /// `--brand-on-primary`.
        public var cssProperty: String {
            switch self {
            case .onPrimary: "--brand-on-primary"
            default: "--brand-" + rawValue
            }
        }
    }

    public subscript(name: Name) -> HexColour {
        get {
            switch name {
            case .primary: primary
            case .onPrimary: onPrimary
            case .link: link
            case .background: background
            case .text: text
            }
        }
        set {
            switch name {
            case .primary: primary = newValue
            case .onPrimary: onPrimary = newValue
            case .link: link = newValue
            case .background: background = newValue
            case .text: text = newValue
            }
        }
    }

    /// A foreground read on a background somewhere on every page; each
    /// must reach WCAG AA (4.5:1). `field` is the colour a person changes
    /// to mend it.
    public struct Pair: Hashable, Sendable {
        /// A stable name, for the locale key of its description.
        public let name: String
        public let foreground: HexColour
        public let background: HexColour
        public let field: Name

        public var ratio: ContrastRatio { ContrastRatio(foreground, background) }
    }

    /// Text on the background, the primary's text on the primary (the
    /// header, a button), links on the background, and the platform's own
    /// secondary and error text on the background.
    public var pairs: [Pair] {
        [
            Pair(name: "text_on_background", foreground: text, background: background, field: .text),
            Pair(name: "on_primary", foreground: onPrimary, background: primary, field: .onPrimary),
            Pair(name: "link_on_background", foreground: link, background: background, field: .link),
            Pair(name: "muted_on_background", foreground: Self.platformMuted, background: background, field: .background),
            Pair(name: "error_on_background", foreground: Self.platformError, background: background, field: .background),
        ]
    }

    /// The pairs below AA, the first for each field.
    public var failingPairs: [Pair] {
        var seen = Set<Name>()
        return pairs.filter { !$0.ratio.passesAA && seen.insert($0.field).inserted }
    }

    /// A hover shade: `colour` a fifth further from `against`, so the
    /// contrast between them only grows (darker under light text, lighter
    /// under dark text).
    public static func hoverShade(of colour: HexColour, against: HexColour) -> HexColour {
        colour.mixed(with: against.relativeLuminance > colour.relativeLuminance ? .black : .white, 0.2)
    }
}

/// A self-hosted font for a brand: WOFF2 only, checked by its bytes.
public struct BrandFont: Hashable, Sendable {
    /// The family name `brand.css` declares, cleaned to letters, digits, spaces and hyphens.
    public let family: String
    public let bytes: [UInt8]

    /// 512 KiB: a subset of Latin and Cyrillic in one weight is 20–80 KiB.
    public static let maximumBytes = 512 * 1024
    public static let maximumFamilyLength = 40

    public enum Refusal: Error, Equatable, Sendable {
        case notWOFF2
        case tooLarge(limit: Int)
        case familyMissing
    }

    public init(family: String, bytes: [UInt8]) throws(Refusal) {
        guard bytes.count <= Self.maximumBytes else { throw .tooLarge(limit: Self.maximumBytes) }
        // `wOF2` and room for the rest of the 48-byte header (W3C WOFF2 §3).
        guard bytes.count >= 48, bytes.starts(with: Array("wOF2".utf8)) else { throw .notWOFF2 }
        guard let family = Self.cleanFamily(family) else { throw .familyMissing }
        self.family = family
        self.bytes = bytes
    }

    /// The family as `brand.css` may quote it: letters and digits of any
    /// script, spaces and hyphens; nothing that could end the string or the
    /// rule (quotes, backslashes, semicolons, braces). Nil if nothing is left.
    public static func cleanFamily(_ typed: String) -> String? {
        let kept = typed.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) || scalar == "-" ? Character(scalar) : " "
        }
        let words = String(kept).split(separator: " ", omittingEmptySubsequences: true)
        let family = String(words.joined(separator: " ").prefix(maximumFamilyLength)).trimmingCharacters(in: .whitespaces)
        return family.isEmpty ? nil : family
    }
}

/// A city's or an oblast's brand: its colours, its slogan in each language,
/// its logo and its font, each optional but the colours.
public struct Brand: Hashable, Sendable {
    public var colours: BrandColours
    public var sloganUK: String?
    public var sloganEN: String?
    public var logo: SVGLogo?
    public var font: BrandFont?

    public init(colours: BrandColours = .platform, sloganUK: String? = nil, sloganEN: String? = nil, logo: SVGLogo? = nil, font: BrandFont? = nil) {
        self.colours = colours
        self.sloganUK = sloganUK
        self.sloganEN = sloganEN
        self.logo = logo
        self.font = font
    }

    public static let maximumSloganLength = 120

    public enum SloganProblem: Error, Equatable, Sendable {
        case tooLong(limit: Int)
        case controlCharacters
    }

    /// A slogan as typed: trimmed, nil when empty, refused when too long or
    /// holding line breaks or other control characters.
    public static func slogan(_ typed: String) throws(SloganProblem) -> String? {
        let slogan = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !slogan.isEmpty else { return nil }
        guard !slogan.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else { throw .controlCharacters }
        guard slogan.count <= maximumSloganLength else { throw .tooLong(limit: maximumSloganLength) }
        return slogan
    }

    public func slogan(in language: Language) -> String? {
        switch language {
        case .uk: sloganUK ?? sloganEN
        case .en: sloganEN ?? sloganUK
        }
    }
}

extension SVGLogo: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
