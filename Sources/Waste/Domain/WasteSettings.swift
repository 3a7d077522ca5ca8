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
    /// The day's plan takes a container over this fill if it is on the way (must-go is the full alert's line).
    public var mayGoPercent = 60
    /// The fixed schedule the plan is compared with: each container every
    /// so many days, in turn; 0 when the city keeps none.
    public var fixedEveryDays = 2

    public static let retentionRange = 7...3_650
    public static let mayGoRange = 20...95
    public static let fixedEveryRange = 0...14

    public init() {}

    public init(from decoder: any Decoder) throws {
        // A section saved before a setting existed keeps the rest and gets that setting's default.
        let container = try decoder.container(keyedBy: NamedCodingKey.self)
        self.init()
        // Kept as stored: the settings check reads back what it wrote, and refuses it there.
        retentionDays = try container.decodeIfPresent(Int.self, forKey: NamedCodingKey("retentionDays")) ?? retentionDays
        chirpStackApplication = try container.decodeIfPresent(String.self, forKey: NamedCodingKey("chirpStackApplication")) ?? ""
        alerts = try container.decodeIfPresent(AlertRules.self, forKey: NamedCodingKey("alerts")) ?? AlertRules()
        mayGoPercent = try container.decodeIfPresent(Int.self, forKey: NamedCodingKey("mayGoPercent")) ?? mayGoPercent
        fixedEveryDays = try container.decodeIfPresent(Int.self, forKey: NamedCodingKey("fixedEveryDays")) ?? fixedEveryDays
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
