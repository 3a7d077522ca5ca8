import HromadaStore

extension Repositories {
    /// Sites, depots, containers, sensors and trucks.
    public var wasteRegister: WasteRegisterRepository { .init(db: db) }
    /// Readings, the dead letters and the webhook secret.
    public var wasteReadings: ReadingRepository { .init(db: db, dialect: dialect) }
}

extension Repositories {
    /// The alerts the rules raise and staff acknowledge and close.
    public var wasteAlerts: AlertRepository { .init(db: db) }
}
