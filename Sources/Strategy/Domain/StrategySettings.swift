import Foundation
import HromadaDomain

/// A city's strategy settings: the council's ЄДРПОУ code, which names it as
/// the reporting organisation in the IATI export (`UA-EDR-<code>`, IATI's
/// identifier for Ukrainian legal entities). Empty: not set yet, and the
/// export names the city by its slug instead.
public struct StrategySettings: CitySettingsSection {
    public static let key = "strategy"

    public var councilCode: String = ""

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NamedCodingKey.self)
        councilCode = try container.decodeIfPresent(String.self, forKey: NamedCodingKey("councilCode")) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedCodingKey.self)
        try container.encode(councilCode, forKey: NamedCodingKey("councilCode"))
    }

    /// An ЄДРПОУ code with a valid check digit, or empty (not set).
    public static func acceptCouncilCode(_ typed: String) -> String? {
        let code = typed.trimmingCharacters(in: .whitespaces)
        return code.isEmpty || LegalEntityCode.isValid(code) ? code : nil
    }

    /// The IATI identifier of the reporting organisation.
    public static func organisationRef(code: String, citySlug: String) -> String {
        code.isEmpty ? "XX-HROMADA-\(citySlug)" : "UA-EDR-\(code)"
    }
}

extension MunicipalitySettings {
    public var strategy: StrategySettings {
        get { section(StrategySettings.self) }
        set { setSection(newValue) }
    }
}
