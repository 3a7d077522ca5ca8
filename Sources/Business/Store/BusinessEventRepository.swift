import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// Trainings and events (migration 0033) and the people registered: each
/// registration is decided under the event's lock, by `RegistrationRules`,
/// so any number of people at once leave exactly the capacity registered
/// and the rest waiting in the order they came.
public struct BusinessEventRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect

    static func decode(_ row: any SQLRow) throws -> BusinessEvent {
        try JSONColumn.value(BusinessEvent.self, try row.string("definition"))
    }

    /// Saves an event. A capacity raised lets the first waiting in.
    public func save(_ event: BusinessEvent, at instant: Date) async throws {
        _ = try await saveMovingUp(event, at: instant)
    }

    /// Saves an event; returns who moved up from the waiting list to the places a raised capacity made.
    public func saveMovingUp(_ event: BusinessEvent, at instant: Date) async throws -> [AccountID] {
        try await lock(event.id)
        try await db.raw("""
            INSERT INTO business_events (id, municipality_id, starts_at, capacity, definition, created_at, updated_at)
            VALUES (\(bind: event.id.rawValue), \(bind: event.city.rawValue), \(bind: event.startsAt.epochSeconds), \(bind: event.capacity),
                    \(bind: try JSONColumn.text(event)), \(bind: instant.epochSeconds), \(bind: instant.epochSeconds))
            ON CONFLICT (id) DO UPDATE SET starts_at = excluded.starts_at, capacity = excluded.capacity, definition = excluded.definition,
                updated_at = excluded.updated_at
            WHERE business_events.municipality_id = excluded.municipality_id
            """).run()
        try await SearchIndexRepository(db: db, dialect: dialect).put(event.searchDocument, as: BusinessSearch.event, id: event.id.rawValue, in: event.city)
        return try await fill(event.id, capacity: event.capacity)
    }

    public func event(_ id: BusinessEventID, in city: MunicipalityID) async throws -> BusinessEvent? {
        try await db.raw("""
            SELECT definition FROM business_events WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.decode)
    }

    /// Every event of a city, the earliest first (open data, the search index).
    public func allEvents(in city: MunicipalityID, limit: Int = 10_000) async throws -> [BusinessEvent] {
        try await db.raw("""
            SELECT definition FROM business_events WHERE municipality_id = \(bind: city.rawValue) ORDER BY starts_at, id LIMIT \(bind: limit)
            """).all().map(Self.decode)
    }

    /// A city's events starting from `from` (the coming ones), or before it (the past, newest first).
    public func events(in city: MunicipalityID, from: Date, past: Bool = false, limit: Int = 100) async throws -> [BusinessEvent] {
        try await db.raw("""
            SELECT definition FROM business_events
            WHERE municipality_id = \(bind: city.rawValue) AND starts_at \(unsafeRaw: past ? "<" : ">=") \(bind: from.epochSeconds)
            ORDER BY starts_at \(unsafeRaw: past ? "DESC" : "ASC"), id LIMIT \(bind: limit)
            """).all().map(Self.decode)
    }

    // MARK: Registrations

    public struct Registration: Sendable, Equatable {
        public let event: BusinessEventID
        public let account: AccountID
        public let state: RegistrationState
        public let position: Int64
        public let ticket: String
        public let registeredAt: Date
        public let checkedInAt: Date?
        public let feedback: EventFeedback?
    }

    private static let registrationColumns = "event_id, account_id, state, position, ticket, registered_at, checked_in_at, rating, comment"

    static func decodeRegistration(_ row: any SQLRow) throws -> Registration {
        let rating = try row.optionalInt("rating"), comment = try row.optionalString("comment") ?? ""
        return Registration(
            event: BusinessEventID(rawValue: try row.string("event_id")), account: AccountID(rawValue: try row.string("account_id")),
            state: RegistrationState(rawValue: try row.string("state")) ?? .cancelled, position: try row.int("position"), ticket: try row.string("ticket"),
            registeredAt: try row.date("registered_at"), checkedInAt: try row.optionalDate("checked_in_at"),
            feedback: rating.flatMap { EventFeedback(rating: Int($0), comment: comment) })
    }

    /// Registers a person: a place while there is one, else the end of the
    /// waiting list. Registering again changes nothing; after cancelling,
    /// they come again at the end.
    public func register(_ account: AccountID, for event: BusinessEvent, at instant: Date) async throws -> Registration {
        try await lock(event.id)
        if let existing = try await registration(of: account, at: event.id), existing.state != .cancelled { return existing }
        let counts = try await db.raw("""
            SELECT COALESCE(SUM(CASE WHEN state = \(bind: RegistrationState.registered.rawValue) THEN 1 ELSE 0 END), 0) AS registered,
                   COALESCE(MAX(position), 0) AS last
            FROM business_registrations WHERE event_id = \(bind: event.id.rawValue)
            """).first()
        let registered = Int(try counts?.int("registered") ?? 0), position = (try counts?.int("last") ?? 0) + 1
        let state = RegistrationRules.place(registered: registered, capacity: event.capacity)
        let ticket = RegistrationRules.ticketCode()
        try await db.raw("""
            INSERT INTO business_registrations (event_id, account_id, state, position, ticket, registered_at)
            VALUES (\(bind: event.id.rawValue), \(bind: account.rawValue), \(bind: state.rawValue), \(bind: position), \(bind: ticket), \(bind: instant.epochSeconds))
            ON CONFLICT (event_id, account_id) DO UPDATE SET state = excluded.state, position = excluded.position, ticket = excluded.ticket,
                registered_at = excluded.registered_at, checked_in_at = NULL
            """).run()
        return Registration(
            event: event.id, account: account, state: state, position: position, ticket: ticket, registeredAt: instant, checkedInAt: nil, feedback: nil)
    }

    /// Cancels a person's registration; a place freed goes to the first waiting.
    @discardableResult
    public func cancel(_ account: AccountID, at event: BusinessEvent) async throws -> Bool {
        try await cancelMovingUp(account, at: event) != nil
    }

    /// Cancels a person's registration: nil when they had none to cancel,
    /// else who moved up from the waiting list to the place it freed.
    public func cancelMovingUp(_ account: AccountID, at event: BusinessEvent) async throws -> [AccountID]? {
        try await lock(event.id)
        guard try await db.raw("""
            UPDATE business_registrations SET state = \(bind: RegistrationState.cancelled.rawValue)
            WHERE event_id = \(bind: event.id.rawValue) AND account_id = \(bind: account.rawValue) AND state <> \(bind: RegistrationState.cancelled.rawValue)
            RETURNING account_id
            """).first() != nil
        else { return nil }
        return try await fill(event.id, capacity: event.capacity)
    }

    /// Lets the first waiting in while places are free; returns who moved up.
    private func fill(_ event: BusinessEventID, capacity: Int) async throws -> [AccountID] {
        let registered = try await db.raw("""
            SELECT COUNT(*) AS n FROM business_registrations WHERE event_id = \(bind: event.rawValue) AND state = \(bind: RegistrationState.registered.rawValue)
            """).first()?.int("n") ?? 0
        let waiting = try await db.raw("""
            SELECT account_id, position FROM business_registrations
            WHERE event_id = \(bind: event.rawValue) AND state = \(bind: RegistrationState.waiting.rawValue) ORDER BY position LIMIT \(bind: max(0, capacity))
            """).all().map { (position: Int(try $0.int("position")), id: try $0.string("account_id")) }
        let moving = RegistrationRules.movingUp(waiting: waiting, free: capacity - Int(registered))
        guard !moving.isEmpty else { return [] }
        try await db.raw("""
            UPDATE business_registrations SET state = \(bind: RegistrationState.registered.rawValue)
            WHERE event_id = \(bind: event.rawValue) AND account_id IN (\(binds: moving))
            """).run()
        return moving.map(AccountID.init(rawValue:))
    }

    private func lock(_ event: BusinessEventID) async throws {
        try await dialect.lockUntilCommit("business-event:\(event.rawValue)", on: db)
    }

    public func registration(of account: AccountID, at event: BusinessEventID) async throws -> Registration? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.registrationColumns) FROM business_registrations
            WHERE event_id = \(bind: event.rawValue) AND account_id = \(bind: account.rawValue)
            """).first().map(Self.decodeRegistration)
    }

    /// Everyone registered or waiting, in the order they came.
    public func registrations(at event: BusinessEventID) async throws -> [Registration] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.registrationColumns) FROM business_registrations
            WHERE event_id = \(bind: event.rawValue) AND state <> \(bind: RegistrationState.cancelled.rawValue) ORDER BY position
            """).all().map(Self.decodeRegistration)
    }

    /// Everyone registered or waiting with their name, in the order they came (the staff's list).
    public func participants(at event: BusinessEventID) async throws -> [(registration: Registration, name: String)] {
        try await db.raw("""
            SELECT r.event_id, r.account_id, r.state, r.position, r.ticket, r.registered_at, r.checked_in_at, r.rating, r.comment, a.full_name
            FROM business_registrations r JOIN accounts a ON a.id = r.account_id
            WHERE r.event_id = \(bind: event.rawValue) AND r.state <> \(bind: RegistrationState.cancelled.rawValue) ORDER BY r.position
            """).all().map { (try Self.decodeRegistration($0), try $0.string("full_name")) }
    }

    /// The registration holding a ticket at an event, in any state.
    public func registration(ticket: String, at event: BusinessEventID) async throws -> Registration? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.registrationColumns) FROM business_registrations
            WHERE event_id = \(bind: event.rawValue) AND ticket = \(bind: ticket)
            """).first().map(Self.decodeRegistration)
    }

    /// How many wait ahead of a place on the waiting list.
    public func waitingAhead(of position: Int64, at event: BusinessEventID) async throws -> Int {
        Int(try await db.raw("""
            SELECT COUNT(*) AS n FROM business_registrations
            WHERE event_id = \(bind: event.rawValue) AND state = \(bind: RegistrationState.waiting.rawValue) AND position < \(bind: position)
            """).first()?.int("n") ?? 0)
    }

    /// Places taken and people waiting, for each of some events (those with nobody are left out).
    public func counts(of events: [BusinessEventID]) async throws -> [BusinessEventID: (registered: Int, waiting: Int)] {
        guard !events.isEmpty else { return [:] }
        let rows = try await db.raw("""
            SELECT event_id,
                   COALESCE(SUM(CASE WHEN state = \(bind: RegistrationState.registered.rawValue) THEN 1 ELSE 0 END), 0) AS registered,
                   COALESCE(SUM(CASE WHEN state = \(bind: RegistrationState.waiting.rawValue) THEN 1 ELSE 0 END), 0) AS waiting
            FROM business_registrations WHERE event_id IN (\(binds: events.map(\.rawValue))) GROUP BY event_id
            """).all()
        var counts: [BusinessEventID: (registered: Int, waiting: Int)] = [:]
        for row in rows {
            counts[BusinessEventID(rawValue: try row.string("event_id"))] = (Int(try row.int("registered")), Int(try row.int("waiting")))
        }
        return counts
    }

    /// Registrations with a place at events starting within `window` after
    /// `instant`, not reminded yet, each claimed by marking it (so two
    /// servers never both remind), with its event.
    public func claimReminders(at instant: Date, window: TimeInterval, limit: Int = 100) async throws -> [(Registration, BusinessEvent)] {
        let horizon = instant.addingTimeInterval(window)
        let claimed = try await db.raw("""
            UPDATE business_registrations SET reminded_at = \(bind: instant.epochSeconds)
            WHERE reminded_at IS NULL AND state = \(bind: RegistrationState.registered.rawValue) AND (event_id, account_id) IN (
                SELECT r.event_id, r.account_id FROM business_registrations r JOIN business_events e ON e.id = r.event_id
                WHERE r.reminded_at IS NULL AND r.state = \(bind: RegistrationState.registered.rawValue)
                  AND e.starts_at > \(bind: instant.epochSeconds) AND e.starts_at <= \(bind: horizon.epochSeconds)
                ORDER BY e.starts_at LIMIT \(bind: limit))
            RETURNING \(unsafeRaw: Self.registrationColumns)
            """).all().map(Self.decodeRegistration)
        guard !claimed.isEmpty else { return [] }
        let rows = try await db.raw("""
            SELECT definition FROM business_events WHERE id IN (\(binds: Array(Set(claimed.map(\.event.rawValue)))))
            """).all()
        var events: [BusinessEventID: BusinessEvent] = [:]
        for row in rows {
            let event = try Self.decode(row)
            events[event.id] = event
        }
        return claimed.compactMap { registration in events[registration.event].map { (registration, $0) } }
    }

    public enum CheckIn: Sendable, Equatable {
        case welcome(Registration)
        /// The ticket was already used, at that time.
        case already(Date)
        /// No registered place has this ticket at this event (waiting, cancelled, another event's, mistyped).
        case unknown
    }

    /// Checks in a ticket at the door, once.
    public func checkIn(ticket: String, at event: BusinessEventID, instant: Date) async throws -> CheckIn {
        if let row = try await db.raw("""
            UPDATE business_registrations SET checked_in_at = \(bind: instant.epochSeconds)
            WHERE event_id = \(bind: event.rawValue) AND ticket = \(bind: ticket) AND state = \(bind: RegistrationState.registered.rawValue)
              AND checked_in_at IS NULL
            RETURNING \(unsafeRaw: Self.registrationColumns)
            """).first() {
            return .welcome(try Self.decodeRegistration(row))
        }
        let earlier = try await db.raw("""
            SELECT checked_in_at FROM business_registrations
            WHERE event_id = \(bind: event.rawValue) AND ticket = \(bind: ticket) AND state = \(bind: RegistrationState.registered.rawValue)
            """).first()
        return try earlier?.optionalDate("checked_in_at").map(CheckIn.already) ?? .unknown
    }

    /// A participant's word after the event (again replaces it); false for one who had no place.
    @discardableResult
    public func giveFeedback(_ feedback: EventFeedback, by account: AccountID, at event: BusinessEventID) async throws -> Bool {
        try await db.raw("""
            UPDATE business_registrations SET rating = \(bind: feedback.rating), comment = \(bind: feedback.comment)
            WHERE event_id = \(bind: event.rawValue) AND account_id = \(bind: account.rawValue) AND state = \(bind: RegistrationState.registered.rawValue)
            RETURNING account_id
            """).first() != nil
    }

    /// A participant's word after the event, once: false for one who had no place or has given it already.
    public func giveFeedbackOnce(_ feedback: EventFeedback, by account: AccountID, at event: BusinessEventID) async throws -> Bool {
        try await db.raw("""
            UPDATE business_registrations SET rating = \(bind: feedback.rating), comment = \(bind: feedback.comment)
            WHERE event_id = \(bind: event.rawValue) AND account_id = \(bind: account.rawValue) AND state = \(bind: RegistrationState.registered.rawValue)
              AND rating IS NULL
            RETURNING account_id
            """).first() != nil
    }

    /// An event's figures for the programme's report.
    public struct Attendance: Sendable, Equatable {
        public let registered: Int
        public let waiting: Int
        public let attended: Int
        public let ratings: Int
        /// The mean rating in hundredths (450 is 4.50); nil without ratings.
        public let meanRatingHundredths: Int?
    }

    public func attendance(at event: BusinessEventID) async throws -> Attendance {
        let row = try await db.raw("""
            SELECT COALESCE(SUM(CASE WHEN state = \(bind: RegistrationState.registered.rawValue) THEN 1 ELSE 0 END), 0) AS registered,
                   COALESCE(SUM(CASE WHEN state = \(bind: RegistrationState.waiting.rawValue) THEN 1 ELSE 0 END), 0) AS waiting,
                   COALESCE(SUM(CASE WHEN checked_in_at IS NOT NULL AND state = \(bind: RegistrationState.registered.rawValue) THEN 1 ELSE 0 END), 0) AS attended,
                   COUNT(rating) AS ratings, COALESCE(SUM(rating), 0) AS rating_sum
            FROM business_registrations WHERE event_id = \(bind: event.rawValue)
            """).first()
        let ratings = Int(try row?.int("ratings") ?? 0), sum = try row?.int("rating_sum") ?? 0
        return Attendance(
            registered: Int(try row?.int("registered") ?? 0), waiting: Int(try row?.int("waiting") ?? 0), attended: Int(try row?.int("attended") ?? 0),
            ratings: ratings, meanRatingHundredths: ratings == 0 ? nil : Int((sum * 100 + Int64(ratings) / 2) / Int64(ratings)))
    }
}
