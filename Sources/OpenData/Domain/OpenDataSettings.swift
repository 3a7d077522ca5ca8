import Foundation
import HromadaDomain

/// A city's open-data settings: who publishes (the council's ЄДРПОУ code),
/// the territory the data covers (КАТОТТГ), the licence, and the person
/// Resolution 835 names in every passport as responsible, with their email.
/// Stored in the `opendata` section of the city's settings; empty codes mean
/// "not set yet", and the catalogue page says so.
public struct OpenDataSettings: CitySettingsSection {
    public static let key = "opendata"

    public var publisherCode: String = ""
    public var territoryCode: String = ""
    public var licence: OpenLicence = .ccBy40
    public var responsibleName: String = ""
    public var responsibleEmail: String = ""

    public init() {}

    /// Older or hand-edited rows decode field by field: what is absent takes its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NamedCodingKey.self)
        func text(_ name: String) throws -> String { try container.decodeIfPresent(String.self, forKey: NamedCodingKey(name)) ?? "" }
        publisherCode = try text("publisherCode")
        territoryCode = try text("territoryCode")
        licence = try container.decodeIfPresent(String.self, forKey: NamedCodingKey("licence")).flatMap(OpenLicence.init(rawValue:)) ?? .ccBy40
        responsibleName = try text("responsibleName")
        responsibleEmail = try text("responsibleEmail")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedCodingKey.self)
        try container.encode(publisherCode, forKey: NamedCodingKey("publisherCode"))
        try container.encode(territoryCode, forKey: NamedCodingKey("territoryCode"))
        try container.encode(licence.rawValue, forKey: NamedCodingKey("licence"))
        try container.encode(responsibleName, forKey: NamedCodingKey("responsibleName"))
        try container.encode(responsibleEmail, forKey: NamedCodingKey("responsibleEmail"))
    }

    // MARK: What a council may type

    /// An ЄДРПОУ code with a valid check digit, or empty (not set).
    public static func acceptPublisherCode(_ typed: String) -> String? {
        let code = typed.trimmingCharacters(in: .whitespaces)
        return code.isEmpty || LegalEntityCode.isValid(code) ? code : nil
    }

    /// A КАТОТТГ code in its canonical form (`UA…`), or empty (not set).
    public static func acceptTerritoryCode(_ typed: String) -> String? {
        let code = typed.trimmingCharacters(in: .whitespaces)
        return code.isEmpty ? "" : TerritoryCode(code)?.rawValue
    }

    /// A licence this catalogue knows.
    public static func acceptLicence(_ typed: String) -> String? {
        OpenLicence(rawValue: typed.trimmingCharacters(in: .whitespaces))?.rawValue
    }

    /// A person's name: one line, no control characters; may be empty (not set).
    public static func acceptName(_ typed: String) -> String? {
        let name = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) ? nil : name
    }

    /// An email address, or empty (not set).
    public static func acceptEmail(_ typed: String) -> String? {
        let email = typed.trimmingCharacters(in: .whitespaces)
        guard !email.isEmpty else { return "" }
        return (try? EmailAddress.validated(email)).map(\.rawValue)
    }
}

/// The licences a city may publish under, by their SPDX identifiers (which
/// CKAN and data.gov.ua use as `license_id`).
public enum OpenLicence: String, CaseIterable, Sendable, Codable {
    case ccBy40 = "CC-BY-4.0"
    case ccBySa40 = "CC-BY-SA-4.0"
    case cc0 = "CC0-1.0"
    case odcBy = "ODC-By-1.0"

    public var title: String {
        switch self {
        case .ccBy40: "Creative Commons Attribution 4.0"
        case .ccBySa40: "Creative Commons Attribution Share-Alike 4.0"
        case .cc0: "Creative Commons CC0 1.0"
        case .odcBy: "Open Data Commons Attribution License 1.0"
        }
    }

    public var url: String {
        switch self {
        case .ccBy40: "https://creativecommons.org/licenses/by/4.0/"
        case .ccBySa40: "https://creativecommons.org/licenses/by-sa/4.0/"
        case .cc0: "https://creativecommons.org/publicdomain/zero/1.0/"
        case .odcBy: "https://opendatacommons.org/licenses/by/1-0/"
        }
    }
}

extension MunicipalitySettings {
    public var openData: OpenDataSettings {
        get { section(OpenDataSettings.self) }
        set { setSection(newValue) }
    }
}
