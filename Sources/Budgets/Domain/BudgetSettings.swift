import HromadaDomain

/// The participatory budget's section of a city's settings.
public struct BudgetSettings: CitySettingsSection {
    public static let key = "budgets"
    /// Before issue 14 the minimum age sat at the top of the settings.
    public static let legacyKeys = ["budgetMinimumAge"]
    /// What a council may choose as the youngest age to vote or propose.
    public static let minimumAgeRange = 14...18

    /// Youngest age allowed to vote or propose (Vinnytsia: 16); a new edition starts from it.
    public var minimumAge: Int

    public init() {
        minimumAge = 16
    }

    public static func read(from sections: [String: JSONValue]) -> BudgetSettings {
        if let stored = stored(in: sections) { return stored }
        var settings = BudgetSettings()
        if let age = sections["budgetMinimumAge"]?.wholeNumber { settings.minimumAge = age }
        return settings
    }
}

extension MunicipalitySettings {
    /// The city's participatory-budget settings.
    public var budgets: BudgetSettings {
        get { section(BudgetSettings.self) }
        set { setSection(newValue) }
    }

    /// Youngest age allowed to vote or propose; a new edition starts from it.
    public var budgetMinimumAge: Int {
        get { budgets.minimumAge }
        set { budgets.minimumAge = newValue }
    }
}
