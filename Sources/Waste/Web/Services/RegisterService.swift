import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The register's operations for `waste.manage`, each one transaction with
/// its audit entry. The domain types check every field; this loads, stores
/// and says no in the statuses of docs/interfaces.md.
public struct RegisterService: Sendable {
    let services: AppServices

    public typealias Repository = WasteRegisterRepository

    static func appError(_ problem: RegisterProblem) -> AppError {
        .invalid(code: "waste_\(problem.reason.rawValue.snakeCased)", field: problem.field)
    }

    /// A changed entry's new time: later than the one it replaces even
    /// within one second, so `updated_at` always tells a change apart.
    func changeTime(after previous: Date) -> Date {
        Date(epochSeconds: max(services.clock.now().epochSeconds, previous.epochSeconds + 1))
    }

    func staff(_ principal: Principal?, _ city: Municipality) throws -> Principal {
        try requireStaff(.manageWaste, principal, in: city.id)
    }

    /// How one kind of entry is found, added and changed in the store.
    struct Kind<ID: Identifier, Value: Sendable & Equatable>: Sendable {
        let action: String
        var conflict = "waste_changed_meanwhile"
        let find: @Sendable (Repositories, ID, MunicipalityID) async throws -> Registered<ID, Value>?
        /// False when a unique rule refused it (nothing stored).
        let insert: @Sendable (Repositories, Registered<ID, Value>) async throws -> Bool
        let update: @Sendable (Repositories, Registered<ID, Value>, Date) async throws -> Bool
    }

    static let sites = Kind<CollectionSiteID, CollectionSite>(
        action: AuditAction.wasteSiteSaved, find: { try await $0.wasteRegister.site($1, in: $2) },
        insert: { try await $0.wasteRegister.insert($1); return true }, update: { try await $0.wasteRegister.update($1, from: $2) })
    static let facilities = Kind<FacilityID, Facility>(
        action: AuditAction.wasteFacilitySaved, find: { try await $0.wasteRegister.facility($1, in: $2) },
        insert: { try await $0.wasteRegister.insert($1); return true }, update: { try await $0.wasteRegister.update($1, from: $2) })
    static let containers = Kind<ContainerID, Repository.ContainerRecord>(
        action: AuditAction.wasteContainerSaved, conflict: "waste_container_conflict", find: { try await $0.wasteRegister.container($1, in: $2) },
        insert: { try await $0.wasteRegister.insert($1) }, update: { try await $0.wasteRegister.update($1, from: $2) })
    static let trucks = Kind<TruckID, Truck>(
        action: AuditAction.wasteTruckSaved, find: { try await $0.wasteRegister.truck($1, in: $2) },
        insert: { try await $0.wasteRegister.insert($1); return true }, update: { try await $0.wasteRegister.update($1, from: $2) })

    /// A new entry, or (with `id`) an entry's new value over the one read.
    func save<ID: Identifier, Value: Sendable & Equatable>(
        _ value: Value, id: ID?, as kind: Kind<ID, Value>, city: Municipality, staff: Principal, details: [String: String] = [:]
    ) async throws -> Registered<ID, Value> {
        let cityID = city.id
        guard let id else {
            let now = services.clock.now()
            let stored = Registered(id: ID.random(), city: cityID, value: value, createdAt: now, updatedAt: now)
            try await write(stored.id.rawValue, action: kind.action, staff, city, conflict: kind.conflict, details: details) { try await kind.insert($0, stored) }
            return stored
        }
        guard var stored = try await services.store.read({ try await kind.find($0, id, cityID) }) else { throw AppError.notFound }
        let previous = stored.updatedAt
        stored.value = value
        stored.updatedAt = changeTime(after: previous)
        let changed = stored
        try await write(id.rawValue, action: kind.action, staff, city, conflict: kind.conflict, details: details) { try await kind.update($0, changed, previous) }
        return changed
    }

    /// A new collection site, or (with `id`) a site's new name, address or position.
    public func saveSite(_ site: CollectionSite, id: CollectionSiteID? = nil, city: Municipality, principal: Principal?) async throws
        -> Repository.StoredSite
    {
        try await save(site, id: id, as: Self.sites, city: city, staff: try staff(principal, city))
    }

    /// A new depot or transfer station, or one's new details.
    public func saveFacility(_ facility: Facility, id: FacilityID? = nil, city: Municipality, principal: Principal?) async throws
        -> Repository.StoredFacility
    {
        try await save(facility, id: id, as: Self.facilities, city: city, staff: try staff(principal, city), details: ["kind": facility.kind.rawValue])
    }

    /// A new container or a container's new details. Its site and sensor
    /// must be the city's, and the sensor no other container's (409).
    public func saveContainer(
        _ container: Container, sensor: SensorID?, id: ContainerID? = nil, city: Municipality, principal: Principal?
    ) async throws -> Repository.StoredContainer {
        let staff = try staff(principal, city)
        let cityID = city.id
        let (site, bound) = try await services.store.read { tx in
            (try await tx.wasteRegister.site(container.site, in: cityID), try await sensor.asyncMap { try await tx.wasteRegister.sensor($0, in: cityID) })
        }
        guard site != nil else { throw AppError.invalid(code: "waste_unknown", field: "siteId") }
        if sensor != nil, bound == nil { throw AppError.invalid(code: "waste_unknown", field: "sensorId") }
        return try await save(Repository.ContainerRecord(container: container, sensor: sensor), id: id, as: Self.containers, city: city, staff: staff)
    }

    /// A new truck or a truck's new details; its depot must be one of the city's depots.
    public func saveTruck(_ truck: Truck, id: TruckID? = nil, city: Municipality, principal: Principal?) async throws -> Repository.StoredTruck {
        let staff = try staff(principal, city)
        let cityID = city.id
        guard let depot = try await services.store.read({ try await $0.wasteRegister.facility(truck.depot, in: cityID) }), depot.value.kind == .depot else {
            throw AppError.invalid(code: "waste_unknown", field: "depotId")
        }
        return try await save(truck, id: id, as: Self.trucks, city: city, staff: staff)
    }

    // MARK: Sensors

    /// A registered sensor and its key, which is shown this once and kept nowhere.
    public struct NewSensor: Sendable {
        public let sensor: Repository.StoredSensor
        public let key: IngestSecret
    }

    public func registerSensor(_ sensor: Sensor, city: Municipality, principal: Principal?) async throws -> NewSensor {
        let staff = try staff(principal, city)
        let audit = services.audit, cityID = city.id, now = services.clock.now()
        let key = IngestSecret.generate(.device), hash = key.hash
        let stored = Repository.StoredSensor(id: .random(), city: cityID, value: sensor, createdAt: now, updatedAt: now)
        let registered = try await services.store.write { tx -> Bool in
            guard try await tx.wasteRegister.insert(stored, keyHash: hash) else { return false }
            try await audit.record(
                tx, action: AuditAction.wasteSensorRegistered, actor: staff.accountID, municipality: cityID, subject: stored.id.rawValue,
                details: ["deviceId": sensor.deviceID, "model": sensor.model.rawValue])
            return true
        }
        guard registered else { throw AppError.conflict(code: "waste_device_taken") }
        return NewSensor(sensor: stored, key: key)
    }

    /// A new key for a sensor whose key was lost or leaked: the old one stops working at once.
    public func renewKey(of id: SensorID, city: Municipality, principal: Principal?) async throws -> NewSensor {
        let staff = try staff(principal, city)
        let cityID = city.id, now = services.clock.now()
        guard let stored = try await services.store.read({ try await $0.wasteRegister.sensor(id, in: cityID) }) else { throw AppError.notFound }
        let key = IngestSecret.generate(.device), hash = key.hash
        try await write(id.rawValue, action: AuditAction.wasteSensorKeyRenewed, staff, city) {
            try await $0.wasteRegister.renewKey(of: id, in: cityID, keyHash: hash, at: now)
        }
        return NewSensor(sensor: stored, key: key)
    }

    // MARK: The webhook secret

    /// A new secret for the city's network servers (shown once); the old one stops working at once.
    public func renewWebhookSecret(city: Municipality, principal: Principal?) async throws -> IngestSecret {
        let staff = try staff(principal, city)
        let audit = services.audit, cityID = city.id, now = services.clock.now()
        let secret = IngestSecret.generate(.webhook), hash = secret.hash
        try await services.store.write { tx in
            try await tx.wasteReadings.setWebhookSecret(hash: hash, of: cityID, at: now)
            try await audit.record(tx, action: AuditAction.wasteWebhookSecretRenewed, actor: staff.accountID, municipality: cityID, subject: cityID.rawValue, details: [:])
        }
        return secret
    }

    // MARK: Reading the register

    /// Everything the desk and the map show, read in one transaction.
    public struct Snapshot: Sendable {
        public let sites: [Repository.StoredSite]
        public let facilities: [Repository.StoredFacility]
        public let containers: [Repository.StoredContainer]
        public let sensors: [Repository.StoredSensor]
        public let trucks: [Repository.StoredTruck]
        public let latest: [ContainerID: Reading]
    }

    public func snapshot(of city: MunicipalityID) async throws -> Snapshot {
        try await services.store.read { tx in
            Snapshot(
                sites: try await tx.wasteRegister.sites(in: city), facilities: try await tx.wasteRegister.facilities(in: city),
                containers: try await tx.wasteRegister.containers(in: city), sensors: try await tx.wasteRegister.sensors(in: city),
                trucks: try await tx.wasteRegister.trucks(in: city), latest: try await tx.wasteReadings.latest(in: city))
        }
    }

    /// One write with its audit entry; a write that finds the entry changed meanwhile is a 409.
    private func write(
        _ subject: String, action: String, _ staff: Principal, _ city: Municipality, conflict: String = "waste_changed_meanwhile",
        details: [String: String] = [:], _ body: @escaping @Sendable (Repositories) async throws -> Bool
    ) async throws {
        let audit = services.audit, cityID = city.id
        let written = try await services.store.write { tx -> Bool in
            guard try await body(tx) else { return false }
            try await audit.record(tx, action: action, actor: staff.accountID, municipality: cityID, subject: subject, details: details)
            return true
        }
        guard written else { throw AppError.conflict(code: conflict) }
    }
}

extension Optional where Wrapped: Sendable {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension String {
    /// `outOfRange` → `out_of_range`, for error codes.
    var snakeCased: String {
        reduce(into: "") { text, character in
            if character.isUppercase { text += "_" + character.lowercased() } else { text.append(character) }
        }
    }
}

extension AppServices {
    public var wasteRegister: RegisterService { .init(services: self) }
}
