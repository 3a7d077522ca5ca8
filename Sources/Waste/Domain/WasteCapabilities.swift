import HromadaDomain

/// What the waste service's staff may do (declared to the registry by `WasteModule`).
/// A dispatcher is usually given their one capability alone.
extension Capability {
    /// Keep the register (sites, containers, sensors and their keys, depots,
    /// trucks), the alert rules and the network servers' secret.
    public static let manageWaste = Capability("waste.manage")
    /// See what came in and could not be read (and, with the routes, plan the day and handle alerts).
    public static let dispatchWaste = Capability("waste.dispatch")
    /// A truck's crew: see the day's stops and say which were emptied and which skipped, and why.
    public static let crewWaste = Capability("waste.crew")
}

extension AuditAction {
    public static let wasteSiteSaved = "waste.site_saved"
    public static let wasteFacilitySaved = "waste.facility_saved"
    public static let wasteContainerSaved = "waste.container_saved"
    public static let wasteTruckSaved = "waste.truck_saved"
    /// A sensor registered or given a new key: its id and device id, never the key.
    public static let wasteSensorRegistered = "waste.sensor_registered"
    public static let wasteSensorKeyRenewed = "waste.sensor_key_renewed"
    /// The city's webhook secret renewed: that it happened, never the secret.
    public static let wasteWebhookSecretRenewed = "waste.webhook_secret_renewed"
    /// An alert raised by its rule (no actor), acknowledged or closed by staff.
    public static let wasteAlertRaised = "waste.alert_raised"
    public static let wasteAlertAcknowledged = "waste.alert_acknowledged"
    public static let wasteAlertClosed = "waste.alert_closed"
    /// The day's plan made anew by a dispatcher (the morning's own is not audited: no one made it).
    public static let wastePlanMade = "waste.plan_made"
    /// A crew's report of a stop: emptied or skipped, and why.
    public static let wasteStopReported = "waste.stop_reported"
}
