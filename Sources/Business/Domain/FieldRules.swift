import HromadaDomain

/// Rules that more than one of the module's forms ask of a field.
public enum FieldRules {
    /// A phone number as people type it: 7 to 20 digits, with only `+`,
    /// spaces, dashes and brackets besides (an applicant's contact, an
    /// organisation's published phone).
    public static func isPhone(_ text: String) -> Bool {
        (7...20).contains(text.filter(\.isNumber).count) && text.allSatisfy { $0.isNumber || " +-()".contains($0) }
    }

    /// The fields (`<base>Uk`, `<base>En`) of a text in both languages whose length is outside `range`.
    public static func outside(_ range: ClosedRange<Int>, _ text: LocalizedName, field base: String) -> [String] {
        [(base + "Uk", text.uk), (base + "En", text.en)].filter { !range.contains($0.1.count) }.map(\.0)
    }
}
