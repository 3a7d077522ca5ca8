import Synchronization

/// Per-municipality settings. Defaults follow docs/domain.md; each city's
/// charter may change them.
public struct MunicipalitySettings: Hashable, Codable, Sendable {
    /// The modules this city runs; nil: every module of the deployment
    /// (what a new city gets). Slugs this deployment does not have are kept
    /// as stored, so a module that lands later keeps the city's choice.
    public var enabledModules: [ModuleSlug]?
    /// Contact shown on the city's home page.
    public var contactEmail: String
    /// Whether proof of identity alone (an identity provider without an
    /// address claim) makes a person a resident here. Off by default: then
    /// residency needs an address in the city or a visit to the ЦНАП.
    public var acceptsIdentityAsResidency = false
    /// Who may comment on the city's projects, petitions and measures
    /// (issue 21): verified residents by default.
    public var commentPolicy: CommentPolicy = .verified
    /// The city's working days, for every deadline counted in them. nil in
    /// rows saved before it moved here (a petition charter kept its own,
    /// which the petitions still read until the charter is saved again).
    public var workingCalendar: WorkingCalendar?
    /// The box the city's territory lies in: its maps open there, and a
    /// place named in it must lie within (`GeoBox.ukraine` where unset).
    public var territory: GeoBox?
    /// Every other key of the stored settings, as stored: each module's
    /// section (`CitySettingsSection`) under its key, and keys older rows
    /// carry that a module still reads. The platform never looks inside.
    public var sections: [String: JSONValue] = [:]

    /// Where the city's places may lie: its territory, or Ukraine where it has none.
    public var placeBounds: GeoBox { territory ?? .ukraine }

    /// Whether the city runs the module; `everyModule` is what nil stands for.
    public func enables(_ module: ModuleSlug) -> Bool {
        enabledModules?.contains(module) ?? true
    }

    public init(enabledModules: [ModuleSlug]? = nil, contactEmail: String = "") {
        self.enabledModules = enabledModules
        self.contactEmail = contactEmail
    }

    /// A module's section; its defaults where the city has none (or one this
    /// release cannot read, which the next save replaces).
    public func section<Section: CitySettingsSection>(_ type: Section.Type = Section.self) -> Section {
        Section.read(from: sections)
    }

    /// Stores a module's section under its key, dropping the older keys it replaces.
    public mutating func setSection<Section: CitySettingsSection>(_ section: Section) {
        for key in Section.legacyKeys { sections[key] = nil }
        sections[Section.key] = try? JSONValue(encoding: section)
    }

    /// The keys of the platform's own fields; every other key is a section.
    private enum Key {
        static let enabledModules = NamedCodingKey("enabledModules")
        static let contactEmail = NamedCodingKey("contactEmail")
        static let acceptsIdentityAsResidency = NamedCodingKey("acceptsIdentityAsResidency")
        static let workingCalendar = NamedCodingKey("workingCalendar")
        static let territory = NamedCodingKey("territory")
        static let commentPolicy = NamedCodingKey("commentPolicy")
        static let platform: Set<String> = [
            enabledModules.stringValue, contactEmail.stringValue, acceptsIdentityAsResidency.stringValue, workingCalendar.stringValue,
            territory.stringValue, commentPolicy.stringValue,
        ]
    }

    /// Settings added in later releases are absent from older rows: they take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NamedCodingKey.self)
        enabledModules = try container.decodeIfPresent([ModuleSlug].self, forKey: Key.enabledModules)
        contactEmail = try container.decodeIfPresent(String.self, forKey: Key.contactEmail) ?? ""
        acceptsIdentityAsResidency = try container.decodeIfPresent(Bool.self, forKey: Key.acceptsIdentityAsResidency) ?? false
        workingCalendar = try container.decodeIfPresent(WorkingCalendar.self, forKey: Key.workingCalendar)
        // A box this release cannot read is no box: the city's maps still open, on Ukraine.
        territory = (try? container.decodeIfPresent(GeoBox.self, forKey: Key.territory)) ?? nil
        // A choice this release does not know is the default, the strictest one but off.
        commentPolicy = (try? container.decodeIfPresent(CommentPolicy.self, forKey: Key.commentPolicy)) ?? .verified
        for key in container.allKeys where !Key.platform.contains(key.stringValue) {
            sections[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedCodingKey.self)
        try container.encodeIfPresent(enabledModules, forKey: Key.enabledModules)
        try container.encode(contactEmail, forKey: Key.contactEmail)
        try container.encode(acceptsIdentityAsResidency, forKey: Key.acceptsIdentityAsResidency)
        try container.encodeIfPresent(workingCalendar, forKey: Key.workingCalendar)
        try container.encodeIfPresent(territory, forKey: Key.territory)
        // The default is left out, so rows written before the setting read the same.
        if commentPolicy != .verified { try container.encode(commentPolicy, forKey: Key.commentPolicy) }
        for (key, value) in sections.sorted(by: { $0.key < $1.key }) where !Key.platform.contains(key) {
            try container.encode(value, forKey: NamedCodingKey(key))
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        case invalidContactEmail
    }

    /// The platform's settings rules (each module checks its own section). `modules`
    /// is the deployment's modules in their order: the city's list is kept
    /// in that order, slugs this deployment lacks after them as they were.
    public func validated(modules: [ModuleSlug]) throws(Problem) -> MunicipalitySettings {
        if !contactEmail.isEmpty, (try? EmailAddress.validated(contactEmail)) == nil { throw .invalidContactEmail }
        var copy = self
        if let enabled = enabledModules {
            var seen = Set<ModuleSlug>()
            copy.enabledModules = modules.filter { enabled.contains($0) } + enabled.filter { !modules.contains($0) && seen.insert($0).inserted }
        }
        return copy
    }
}

/// A module's part of a city's settings, stored under `key` beside the
/// platform's own. Its rules are the module's: the platform stores it.
public protocol CitySettingsSection: Codable, Hashable, Sendable {
    /// Its key in the stored settings (the module's slug).
    static var key: String { get }
    /// Top-level keys of rows written before the section existed that it
    /// reads (`read(from:)`); the next save drops them.
    static var legacyKeys: [String] { get }
    /// The defaults: what a new city has.
    init()
    /// The section from the stored settings: by default the one under
    /// `key`, or the defaults where there is none (or one this release
    /// cannot read, which the next save replaces).
    static func read(from sections: [String: JSONValue]) -> Self
}

extension CitySettingsSection {
    public static var legacyKeys: [String] { [] }

    public static func read(from sections: [String: JSONValue]) -> Self { stored(in: sections) ?? Self() }

    /// The section as stored under `key`, if there is one this release reads.
    public static func stored(in sections: [String: JSONValue]) -> Self? {
        guard let stored = sections[key] else { return nil }
        return SectionMemo.shared.section(Self.self, stored: stored) { try? stored.decoded(as: Self.self) }
    }
}

/// Sections already decoded, by their type and stored JSON. A city's
/// settings are read on most requests (every signature reads the petition
/// rules) and decoding a section goes through JSON text and back, which
/// was a tenth of a signature's CPU (issue 25); hashing the stored value is
/// far cheaper. The answer depends on nothing but the key, so a hit is the
/// decode it stands for. Bounded: emptied when full.
final class SectionMemo: Sendable {
    static let shared = SectionMemo()
    static let capacity = 512

    private struct Key: Hashable {
        let type: ObjectIdentifier
        let stored: JSONValue
    }

    private let sections = Mutex<[Key: any Sendable]>([:])

    func section<Section: CitySettingsSection>(_ type: Section.Type, stored: JSONValue, decode: () -> Section?) -> Section? {
        let key = Key(type: ObjectIdentifier(type), stored: stored)
        if let known = sections.withLock({ $0[key] }) as? Section { return known }
        guard let decoded = decode() else { return nil }
        sections.withLock { sections in
            if sections.count >= Self.capacity { sections.removeAll(keepingCapacity: true) }
            sections[key] = decoded
        }
        return decoded
    }
}
