import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The alerts the rules raise, and what staff do with them.
public struct AlertRepository: Sendable {
    let db: any SQLDatabase

    /// An alert as stored.
    public struct StoredAlert: Sendable, Equatable {
        public let id: WasteAlertID
        public let city: MunicipalityID
        public let container: ContainerID
        public let kind: AlertKind
        public var evidence: AlertEvidence
        public let raisedAt: Date
        public var lastSeenAt: Date
        /// When the rule stopped holding; nil while it holds.
        public var clearedAt: Date?
        public var acknowledgedAt: Date?
        public var acknowledgedBy: AccountID?
        public var closedAt: Date?
        public var closedBy: AccountID?
        public var note: String

        public init(id: WasteAlertID, city: MunicipalityID, container: ContainerID, kind: AlertKind, evidence: AlertEvidence, raisedAt: Date) {
            self.id = id
            self.city = city
            self.container = container
            self.kind = kind
            self.evidence = evidence
            self.raisedAt = raisedAt
            self.lastSeenAt = raisedAt
            self.note = ""
        }

        /// Open: not closed by staff (standing or not).
        public var isOpen: Bool { closedAt == nil }
    }

    /// Raises an alert unless one of its kind already stands for the
    /// container (the unique index decides, so two rounds at once raise one). True if raised.
    public func raise(_ alert: StoredAlert) async throws -> Bool {
        let rows = try await db.raw("""
            INSERT INTO waste_alerts (id, municipality_id, container_id, kind, value, unit, observed_at, raised_at, last_seen_at, note)
            VALUES (\(bind: alert.id.rawValue), \(bind: alert.city.rawValue), \(bind: alert.container.rawValue), \(bind: alert.kind.rawValue),
                    \(bind: alert.evidence.value), \(bind: alert.evidence.unit.rawValue), \(bind: alert.evidence.observedAt.epochSeconds),
                    \(bind: alert.raisedAt.epochSeconds), \(bind: alert.raisedAt.epochSeconds), '')
            ON CONFLICT DO NOTHING
            RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// The rule still holds: the alert's figure and time are brought up to date.
    public func seen(_ id: WasteAlertID, evidence: AlertEvidence, at instant: Date) async throws {
        try await db.raw("""
            UPDATE waste_alerts SET value = \(bind: evidence.value), unit = \(bind: evidence.unit.rawValue),
                observed_at = \(bind: evidence.observedAt.epochSeconds), last_seen_at = \(bind: instant.epochSeconds)
            WHERE id = \(bind: id.rawValue) AND cleared_at IS NULL
            """).run()
    }

    /// The rule no longer holds.
    public func clear(_ id: WasteAlertID, at instant: Date) async throws {
        try await db.raw("UPDATE waste_alerts SET cleared_at = \(bind: instant.epochSeconds) WHERE id = \(bind: id.rawValue) AND cleared_at IS NULL").run()
    }

    /// Staff have seen it. False if it is not this city's, already acknowledged or closed.
    public func acknowledge(_ id: WasteAlertID, in city: MunicipalityID, by account: AccountID, at instant: Date) async throws -> Bool {
        try await !db.raw("""
            UPDATE waste_alerts SET acknowledged_at = \(bind: instant.epochSeconds), acknowledged_by = \(bind: account.rawValue)
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue) AND acknowledged_at IS NULL AND closed_at IS NULL
            RETURNING id
            """).all().isEmpty
    }

    /// Staff have dealt with it. Closing acknowledges it too. False if it is not this city's or already closed.
    public func close(_ id: WasteAlertID, in city: MunicipalityID, by account: AccountID, note: String, at instant: Date) async throws -> Bool {
        try await !db.raw("""
            UPDATE waste_alerts SET closed_at = \(bind: instant.epochSeconds), closed_by = \(bind: account.rawValue), note = \(bind: note),
                acknowledged_at = COALESCE(acknowledged_at, \(bind: instant.epochSeconds)),
                acknowledged_by = COALESCE(acknowledged_by, \(bind: account.rawValue))
            WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue) AND closed_at IS NULL
            RETURNING id
            """).all().isEmpty
    }

    public func alert(_ id: WasteAlertID, in city: MunicipalityID) async throws -> StoredAlert? {
        try await db.raw("SELECT * FROM waste_alerts WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)")
            .first().map(Self.alert)
    }

    /// The alerts whose rule still holds, by container and kind: what a round compares its findings with.
    public func standing(in city: MunicipalityID) async throws -> [ContainerID: [AlertKind: StoredAlert]] {
        let rows = try await db.raw("SELECT * FROM waste_alerts WHERE municipality_id = \(bind: city.rawValue) AND cleared_at IS NULL").all()
        var standing: [ContainerID: [AlertKind: StoredAlert]] = [:]
        for row in rows {
            let alert = try Self.alert(row)
            standing[alert.container, default: [:]][alert.kind] = alert
        }
        return standing
    }

    /// A city's alerts, newest first: the open ones, or the closed ones.
    public func alerts(in city: MunicipalityID, open: Bool, limit: Int) async throws -> [StoredAlert] {
        try await db.raw("""
            SELECT * FROM waste_alerts WHERE municipality_id = \(bind: city.rawValue) AND closed_at IS \(unsafeRaw: open ? "NULL" : "NOT NULL")
            ORDER BY raised_at DESC, id LIMIT \(bind: limit)
            """).all().map(Self.alert)
    }

    /// A container's alerts, newest first.
    public func alerts(of container: ContainerID, in city: MunicipalityID, limit: Int) async throws -> [StoredAlert] {
        try await db.raw("""
            SELECT * FROM waste_alerts WHERE container_id = \(bind: container.rawValue) AND municipality_id = \(bind: city.rawValue)
            ORDER BY raised_at DESC, id LIMIT \(bind: limit)
            """).all().map(Self.alert)
    }

    static func alert(_ row: any SQLRow) throws -> StoredAlert {
        let kind = try row.string("kind"), unit = try row.string("unit")
        guard let alertKind = AlertKind(rawValue: kind), let alertUnit = AlertUnit(rawValue: unit) else {
            throw StoreError.unexpectedResult("waste_alerts: kind \(kind), unit \(unit)")
        }
        var alert = StoredAlert(
            id: WasteAlertID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            container: ContainerID(rawValue: try row.string("container_id")), kind: alertKind,
            evidence: AlertEvidence(value: Int(clamping: try row.int("value")), unit: alertUnit, observedAt: try row.date("observed_at")),
            raisedAt: try row.date("raised_at"))
        alert.lastSeenAt = try row.date("last_seen_at")
        alert.clearedAt = try row.optionalDate("cleared_at")
        alert.acknowledgedAt = try row.optionalDate("acknowledged_at")
        alert.acknowledgedBy = try row.optionalString("acknowledged_by").map(AccountID.init(rawValue:))
        alert.closedAt = try row.optionalDate("closed_at")
        alert.closedBy = try row.optionalString("closed_by").map(AccountID.init(rawValue:))
        alert.note = try row.string("note")
        return alert
    }
}
