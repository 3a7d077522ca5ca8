/// Per-municipality settings. Defaults follow docs/domain.md; each city's
/// charter may change them.
public struct MunicipalitySettings: Hashable, Codable, Sendable {
    /// The modules this city runs; nil: every module of the deployment
    /// (what a new city gets). Slugs this deployment does not have are kept
    /// as stored, so a module that lands later keeps the city's choice.
    public var enabledModules: [ModuleSlug]?
    /// The city's e-petition charter, threshold and collection period
    /// included: stored once, here (issue 14).
    public var petitions: PetitionSettings
    /// Participatory budget: youngest age allowed to vote or propose
    /// (Vinnytsia: 16); a new edition starts from it.
    public var budgetMinimumAge: Int
    /// Contact shown on the city's home page.
    public var contactEmail: String
    /// Whether proof of identity alone (an identity provider without an
    /// address claim) makes a person a resident here. Off by default: then
    /// residency needs an address in the city or a visit to the ЦНАП.
    public var acceptsIdentityAsResidency = false

    /// Electronic petitions: signatures needed for consideration (Vinnytsia: 350).
    public var petitionSignatureThreshold: Int {
        get { petitions.threshold }
        set { petitions.threshold = newValue }
    }

    /// Days a petition collects signatures (art. 23-1: up to three months).
    public var petitionCollectionDays: Int {
        get { petitions.collectionDays }
        set { petitions.collectionDays = newValue }
    }

    /// The e-petition settings in force.
    public var petitionSettings: PetitionSettings { petitions }

    /// Whether the city runs the module; `everyModule` is what nil stands for.
    public func enables(_ module: ModuleSlug) -> Bool {
        enabledModules?.contains(module) ?? true
    }

    public init(
        enabledModules: [ModuleSlug]? = nil,
        petitionSignatureThreshold: Int = 250,
        petitionCollectionDays: Int = 90,
        budgetMinimumAge: Int = 16,
        contactEmail: String = ""
    ) {
        self.enabledModules = enabledModules
        self.petitions = PetitionSettings(threshold: petitionSignatureThreshold, collectionDays: petitionCollectionDays)
        self.budgetMinimumAge = budgetMinimumAge
        self.contactEmail = contactEmail
    }

    private enum CodingKeys: String, CodingKey {
        case enabledModules, petitions, budgetMinimumAge, contactEmail, acceptsIdentityAsResidency
        /// Rows written before issue 14 kept the threshold and period here
        /// too, and these won over the charter's copy: read, never written.
        case petitionSignatureThreshold, petitionCollectionDays
    }

    /// Settings added in later releases are absent from older rows: they take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = MunicipalitySettings()
        enabledModules = try container.decodeIfPresent([ModuleSlug].self, forKey: .enabledModules)
        petitions = try container.decodeIfPresent(PetitionSettings.self, forKey: .petitions) ?? defaults.petitions
        if let threshold = try container.decodeIfPresent(Int.self, forKey: .petitionSignatureThreshold) { petitions.threshold = threshold }
        if let days = try container.decodeIfPresent(Int.self, forKey: .petitionCollectionDays) { petitions.collectionDays = days }
        budgetMinimumAge = try container.decodeIfPresent(Int.self, forKey: .budgetMinimumAge) ?? defaults.budgetMinimumAge
        contactEmail = try container.decodeIfPresent(String.self, forKey: .contactEmail) ?? defaults.contactEmail
        acceptsIdentityAsResidency = try container.decodeIfPresent(Bool.self, forKey: .acceptsIdentityAsResidency)
            ?? defaults.acceptsIdentityAsResidency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(enabledModules, forKey: .enabledModules)
        try container.encode(petitions, forKey: .petitions)
        try container.encode(budgetMinimumAge, forKey: .budgetMinimumAge)
        try container.encode(contactEmail, forKey: .contactEmail)
        try container.encode(acceptsIdentityAsResidency, forKey: .acceptsIdentityAsResidency)
    }

    public enum Problem: Error, Equatable, Sendable {
        case thresholdOutOfRange, collectionDaysOutOfRange, minimumAgeOutOfRange, invalidContactEmail
    }

    /// The settings rules: bounds a council could sensibly choose. `modules`
    /// is the deployment's modules in their order: the city's list is kept
    /// in that order, slugs this deployment lacks after them as they were.
    public func validated(modules: [ModuleSlug]) throws(Problem) -> MunicipalitySettings {
        guard (1...1_000_000).contains(petitionSignatureThreshold) else { throw .thresholdOutOfRange }
        // art. 23-1: collection lasts no longer than three months.
        guard (1...92).contains(petitionCollectionDays) else { throw .collectionDaysOutOfRange }
        guard (14...18).contains(budgetMinimumAge) else { throw .minimumAgeOutOfRange }
        if !contactEmail.isEmpty, (try? EmailAddress.validated(contactEmail)) == nil { throw .invalidContactEmail }
        var copy = self
        if let enabled = enabledModules {
            var seen = Set<ModuleSlug>()
            copy.enabledModules = modules.filter { enabled.contains($0) } + enabled.filter { !modules.contains($0) && seen.insert($0).inserted }
        }
        return copy
    }
}
