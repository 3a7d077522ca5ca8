import HromadaDomain

extension MunicipalitySettings {
    /// The city's e-petition charter, threshold and collection period
    /// included: stored once, in the petitions section (issue 14).
    public var petitions: PetitionSettings {
        get { section(PetitionSettings.self) }
        set { setSection(newValue) }
    }

    /// The e-petition settings in force: the charter, counted in the city's
    /// working calendar (the one every module reads) once it has one.
    public var petitionSettings: PetitionSettings {
        var settings = petitions
        if let shared = workingCalendar { settings.calendar = shared }
        return settings
    }

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
}
