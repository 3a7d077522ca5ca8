import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird
import ServiceLifecycle

/// Smart waste: the register of collection sites, containers and their
/// sensors, depots and trucks; telemetry from the device API, LoRaWAN
/// network servers and MQTT; the live map of fill levels.
public struct WasteModule: Module {
    public init() {}

    public var slug: ModuleSlug { .waste }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        WasteAPIController(services: services).add(to: router)
        WastePages(services: services).add(to: router)
        WasteDeskPages(services: services).add(to: router)
        WasteAlertPages(services: services).add(to: router)
        WasteContainerPage(services: services).add(to: router)
        WasteDayPages(services: services).add(to: router)
    }

    /// Жмеринка's underground bins at real-looking places, with a depot, a transfer station and two trucks.
    public func seedDemo(_ demo: DemoWorld) async throws {
        try await WasteDemoSeeder(services: demo.services).seed(demo.cities)
    }

    /// The readings' hours and retention, every five minutes on the lease
    /// holder; and the MQTT door, where the deployment names a broker.
    public func backgroundServices(_ services: AppServices) -> [any Service] {
        var background: [any Service] = [
            PeriodicTask("waste upkeep", every: .seconds(300), logger: services.logger) { try await services.wasteUpkeep.round() },
            PeriodicTask("waste alerts", every: AlertWatch.interval, logger: services.logger) { try await services.wasteAlerts.round() },
            PeriodicTask("waste route alerts", every: AlertWatch.routeInterval, logger: services.logger) { try await services.wasteAlerts.routeRound() },
            PeriodicTask("waste plans", every: .seconds(300), logger: services.logger) { try await services.wastePlanning.morning() },
        ]
        do {
            if let door = try MQTTDoor.configured(services) { background.append(door) }
        } catch {
            services.logger.error("HROMADA_WASTE_MQTT_URL is invalid; the MQTT door stays closed", metadata: ["error": "\(error)"])
        }
        return background
    }

    /// How long raw readings are kept, and each alert rule's line.
    public var settingFields: [CitySettingField] {
        [
            CitySettingField(
                name: "wasteRetentionDays", labelKey: "settings.waste_retention_days", range: WasteSettings.retentionRange,
                problemCode: "settings_wasteRetentionDays", read: { $0.waste.retentionDays }, write: { $0.waste.retentionDays = $1 }),
            alertRule("wasteAlertFullPercent", "waste_alert_full_percent", \.fullPercent, AlertRules.fullRange),
            alertRule("wasteAlertFireCelsius", "waste_alert_fire_celsius", \.fireCelsius, AlertRules.fireRange),
            alertRule("wasteAlertFireRiseCelsius", "waste_alert_fire_rise_celsius", \.fireRiseCelsius, AlertRules.fireRiseRange),
            alertRule("wasteAlertFireRiseMinutes", "waste_alert_fire_rise_minutes", \.fireRiseMinutes, AlertRules.fireRiseMinutesRange),
            alertRule("wasteAlertTiltDegrees", "waste_alert_tilt_degrees", \.tiltDegrees, AlertRules.tiltRange),
            alertRule("wasteAlertLidOpenMinutes", "waste_alert_lid_open_minutes", \.lidOpenMinutes, AlertRules.lidOpenRange),
            alertRule("wasteAlertLowBatteryPercent", "waste_alert_low_battery_percent", \.lowBatteryPercent, AlertRules.lowBatteryPercentRange),
            alertRule("wasteAlertLowBatteryMillivolts", "waste_alert_low_battery_millivolts", \.lowBatteryMillivolts, AlertRules.lowBatteryMillivoltsRange),
            alertRule("wasteAlertSolarShare", "waste_alert_solar_share", \.solarShareOfPeers, AlertRules.solarShareRange),
            alertRule("wasteAlertHeartbeatMinutes", "waste_alert_heartbeat_minutes", \.heartbeatMinutes, AlertRules.heartbeatRange),
            alertRule("wasteAlertMissedStopMinutes", "waste_alert_missed_stop_minutes", \.missedStopGraceMinutes, AlertRules.missedStopGraceRange),
            CitySettingField(
                name: "wasteMayGoPercent", labelKey: "settings.waste_may_go_percent", range: WasteSettings.mayGoRange,
                problemCode: "settings_wasteMayGoPercent", read: { $0.waste.mayGoPercent }, write: { $0.waste.mayGoPercent = $1 }),
            CitySettingField(
                name: "wasteFixedEveryDays", labelKey: "settings.waste_fixed_every_days", range: WasteSettings.fixedEveryRange,
                problemCode: "settings_wasteFixedEveryDays", read: { $0.waste.fixedEveryDays }, write: { $0.waste.fixedEveryDays = $1 }),
        ]
    }

    private func alertRule(_ name: String, _ label: String, _ rule: any WritableKeyPath<AlertRules, Int> & Sendable, _ range: ClosedRange<Int>) -> CitySettingField {
        CitySettingField(
            name: name, labelKey: "settings.\(label)", range: range, problemCode: "settings_\(name)",
            read: { $0.waste.alerts[keyPath: rule] }, write: { $0.waste.alerts[keyPath: rule] = $1 })
    }

    /// The ChirpStack application whose MQTT uplinks are this city's.
    public var textSettingFields: [CityTextSettingField] {
        [
            CityTextSettingField(
                name: "wasteChirpStackApplication", labelKey: "settings.waste_chirpstack_application", hintKey: "settings.waste_chirpstack_application_hint",
                problemCode: "settings_wasteChirpStackApplication", maxLength: 36, accept: WasteSettings.acceptApplication,
                read: { $0.waste.chirpStackApplication }, write: { $0.waste.chirpStackApplication = $1 }),
        ]
    }

    /// The readings' own group commit (`ReadingIntake`).
    public func makeState() -> [any Sendable] { [ReadingIntake()] }

    public var staffLinks: [StaffLink] {
        [
            StaffLink(titleKey: "waste.desk.link", path: "admin/waste", for: [.manageWaste]),
            StaffLink(titleKey: "waste.alerts.link", path: "admin/waste/alerts", for: [.dispatchWaste]),
            StaffLink(titleKey: "waste.letters.link", path: "admin/waste/letters", for: [.dispatchWaste]),
            StaffLink(titleKey: "waste.day.link", path: "admin/waste/day", for: [.dispatchWaste]),
            StaffLink(titleKey: "waste.crew.link", path: "waste/crew", for: [.crewWaste]),
        ]
    }

    /// The containers where they stand, and their daily fill; no device ids or keys.
    public var openDatasets: [OpenDataset] { WasteOpenData.datasets }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.manageWaste, in: [.admin]),
            CapabilityDeclaration(.dispatchWaste, in: [.admin]),
            CapabilityDeclaration(.crewWaste, in: [.admin]),
        ]
    }
}

extension ModuleSlug {
    public static let waste = ModuleSlug(rawValue: "waste")
}
