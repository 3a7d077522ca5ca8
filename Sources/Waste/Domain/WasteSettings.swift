import Foundation
import HromadaDomain

/// A city's waste settings, kept in its settings under `waste`.
public struct WasteSettings: CitySettingsSection {
    public static let key = "waste"
    /// Days raw readings are kept; their hourly aggregates are kept for ever.
    public var retentionDays = 90
    /// The ChirpStack application whose MQTT topics
    /// (`application/{id}/device/+/event/up`) carry this city's sensors.
    public var chirpStackApplication = ""
    /// The alert rules' thresholds.
    public var alerts = AlertRules()

    public static let retentionRange = 7...3_650

    public init() {}

    public init(from decoder: any Decoder) throws {
        // A section saved before a setting existed keeps the rest and gets that setting's default.
        let container = try decoder.container(keyedBy: NamedCodingKey.self)
        self.init()
        // Kept as stored: the settings check reads back what it wrote, and refuses it there.
        retentionDays = try container.decodeIfPresent(Int.self, forKey: NamedCodingKey("retentionDays")) ?? retentionDays
        chirpStackApplication = try container.decodeIfPresent(String.self, forKey: NamedCodingKey("chirpStackApplication")) ?? ""
        alerts = try container.decodeIfPresent(AlertRules.self, forKey: NamedCodingKey("alerts")) ?? AlertRules()
    }

    /// A ChirpStack application id as ChirpStack v4 shows it (a UUID), in
    /// lower case; empty for none; nil for anything else.
    public static func acceptApplication(_ typed: String) -> String? {
        let text = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { return "" }
        guard UUID(uuidString: text) != nil else { return nil }
        return text
    }
}

extension MunicipalitySettings {
    public var waste: WasteSettings {
        get { section(WasteSettings.self) }
        set { setSection(newValue) }
    }
}
