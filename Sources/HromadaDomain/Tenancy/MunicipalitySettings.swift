/// Per-municipality settings for the modules. Defaults follow DOMAIN.md;
/// each city's charter may change them.
public struct MunicipalitySettings: Hashable, Codable, Sendable {
    public var enabledModules: [Module]
    /// Electronic petitions: signatures needed for consideration (Vinnytsia: 350).
    public var petitionSignatureThreshold: Int
    /// Days a petition collects signatures (art. 23-1: up to three months).
    public var petitionCollectionDays: Int
    /// Participatory budget: youngest age allowed to vote or propose (Vinnytsia: 16).
    public var budgetMinimumAge: Int
    /// Contact shown on the city's home page.
    public var contactEmail: String
    /// The rest of the city's e-petition charter; nil until an admin sets it.
    public var petitions: PetitionSettings?
    /// Whether proof of identity alone (an identity provider without an
    /// address claim) makes a person a resident here. Off by default: then
    /// residency needs an address in the city or a visit to the ЦНАП.
    public var acceptsIdentityAsResidency = false

    /// The e-petition settings in force: the charter's, or the defaults with the threshold and period above.
    public var petitionSettings: PetitionSettings {
        var settings = petitions ?? PetitionSettings()
        settings.threshold = petitionSignatureThreshold
        settings.collectionDays = petitionCollectionDays
        return settings
    }

    public init(
        enabledModules: [Module] = Module.allCases,
        petitionSignatureThreshold: Int = 250,
        petitionCollectionDays: Int = 90,
        budgetMinimumAge: Int = 16,
        contactEmail: String = ""
    ) {
        self.enabledModules = enabledModules
        self.petitionSignatureThreshold = petitionSignatureThreshold
        self.petitionCollectionDays = petitionCollectionDays
        self.budgetMinimumAge = budgetMinimumAge
        self.contactEmail = contactEmail
    }

    /// Settings added in later releases are absent from older rows: they take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = MunicipalitySettings()
        enabledModules = (try container.decodeIfPresent([String].self, forKey: .enabledModules))?
            .compactMap(Module.init(rawValue:)) ?? defaults.enabledModules
        petitionSignatureThreshold = try container.decodeIfPresent(Int.self, forKey: .petitionSignatureThreshold)
            ?? defaults.petitionSignatureThreshold
        petitionCollectionDays = try container.decodeIfPresent(Int.self, forKey: .petitionCollectionDays)
            ?? defaults.petitionCollectionDays
        budgetMinimumAge = try container.decodeIfPresent(Int.self, forKey: .budgetMinimumAge) ?? defaults.budgetMinimumAge
        contactEmail = try container.decodeIfPresent(String.self, forKey: .contactEmail) ?? defaults.contactEmail
        petitions = try container.decodeIfPresent(PetitionSettings.self, forKey: .petitions)
        acceptsIdentityAsResidency = try container.decodeIfPresent(Bool.self, forKey: .acceptsIdentityAsResidency)
            ?? defaults.acceptsIdentityAsResidency
    }

    public enum Problem: Error, Equatable, Sendable {
        case thresholdOutOfRange, collectionDaysOutOfRange, minimumAgeOutOfRange, invalidContactEmail
    }

    /// The settings rules: bounds a council could sensibly choose.
    public func validated() throws(Problem) -> MunicipalitySettings {
        guard (1...1_000_000).contains(petitionSignatureThreshold) else { throw .thresholdOutOfRange }
        // art. 23-1: collection lasts no longer than three months.
        guard (1...92).contains(petitionCollectionDays) else { throw .collectionDaysOutOfRange }
        guard (14...18).contains(budgetMinimumAge) else { throw .minimumAgeOutOfRange }
        if !contactEmail.isEmpty, (try? EmailAddress.validated(contactEmail)) == nil { throw .invalidContactEmail }
        var copy = self
        copy.enabledModules = Module.allCases.filter { enabledModules.contains($0) }
        return copy
    }
}
