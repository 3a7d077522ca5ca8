/// Область: the region a municipality belongs to.
public struct Oblast: Hashable, Codable, Sendable {
    public var id: OblastID
    public var slug: Slug
    public var name: LocalizedName

    public init(id: OblastID, slug: Slug, name: LocalizedName) {
        self.id = id
        self.slug = slug
        self.name = name
    }
}

/// A name in both UI languages.
public struct LocalizedName: Hashable, Codable, Sendable {
    public var uk: String
    public var en: String

    public init(uk: String, en: String) {
        self.uk = uk
        self.en = en
    }

    public func localized(_ language: Language) -> String {
        switch language {
        case .uk: uk
        case .en: en
        }
    }
}

public enum Language: String, CaseIterable, Codable, Sendable {
    case uk, en
}

/// A hromada: one tenant of the deployment.
public struct Municipality: Hashable, Codable, Sendable {
    public var id: MunicipalityID
    public var oblastID: OblastID
    public var slug: Slug
    public var name: LocalizedName
    public var population: Int64
    /// Square kilometres; shown to people, never used in a decision.
    public var areaKm2: Double
    public var settings: MunicipalitySettings

    public init(
        id: MunicipalityID, oblastID: OblastID, slug: Slug, name: LocalizedName,
        population: Int64, areaKm2: Double, settings: MunicipalitySettings = .init()
    ) {
        self.id = id
        self.oblastID = oblastID
        self.slug = slug
        self.name = name
        self.population = population
        self.areaKm2 = areaKm2
        self.settings = settings
    }
}

/// The name of a module in paths and settings: `budgets` in
/// `/vinnytsia/budgets` and in a city's `enabledModules`. Which modules
/// exist is the module registry's business, not the domain's: a slug here
/// is only a well-formed name, so settings stored by a deployment with more
/// modules than this one keep their names.
public struct ModuleSlug: RawRepresentable, Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public var description: String { rawValue }

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Lowercase Latin letters and inner hyphens, 2–30 characters: it is a path segment.
    public var isWellFormed: Bool {
        (2...30).contains(rawValue.utf8.count) && !rawValue.hasPrefix("-") && !rawValue.hasSuffix("-")
            && rawValue.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || $0 == 45 }
    }

    public static func < (lhs: ModuleSlug, rhs: ModuleSlug) -> Bool { lhs.rawValue < rhs.rawValue }
}
