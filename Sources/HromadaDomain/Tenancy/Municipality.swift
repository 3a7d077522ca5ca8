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

/// The modules a municipality can switch on (DESIGN.md).
public enum Module: String, CaseIterable, Codable, Sendable {
    case budgets, petitions, auctions, invest, strategy, opendata, waste
}
