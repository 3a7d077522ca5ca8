import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Trainings and events as people and staff use them: registering (a place
/// or the waiting list), cancelling (the first waiting moves up and is told
/// by mail), the feedback once the event has begun; staff save and cancel
/// events and check tickets in at the door. Capabilities are checked by the
/// pages; this checks the rest and writes each step in one transaction.
struct EventService {
    let services: AppServices

    /// An event form that cannot be saved: each field with the locale key of what to say beside it.
    struct Refused: Error {
        let problems: [String: String]
    }

    /// The event of a city, or 404.
    func event(_ id: BusinessEventID, in city: MunicipalityID) async throws -> BusinessEvent {
        guard let event = try await services.store.read({ try await $0.businessEvents.event(id, in: city) }) else { throw AppError.notFound }
        return event
    }

    // MARK: Participants

    /// Registers a signed-in person: a place while there is one, else the
    /// waiting list; registering again changes nothing.
    func register(_ id: BusinessEventID, city: Municipality, by account: AccountID) async throws -> BusinessEventRepository.Registration {
        let event = try await self.event(id, in: city.id)
        let now = services.clock.now()
        guard event.takesRegistrations(at: now) else {
            throw AppError.conflict(code: event.cancelledAt == nil ? "business_event_registration_closed" : "business_event_cancelled")
        }
        return try await services.store.write { try await $0.businessEvents.register(account, for: event, at: now) }
    }

    /// Cancels a person's place (or their place on the waiting list) before
    /// the event starts; whoever moves up to a freed place is told by mail.
    func cancel(_ id: BusinessEventID, city: Municipality, by account: AccountID) async throws {
        let event = try await self.event(id, in: city.id)
        let now = services.clock.now()
        guard now < event.startsAt else { throw AppError.conflict(code: "business_event_started") }
        let letters = self
        try await services.store.write { tx in
            guard let moved = try await tx.businessEvents.cancelMovingUp(account, at: event) else {
                throw AppError.conflict(code: "business_event_not_registered")
            }
            try await letters.tellMovedUp(moved, event: event, city: city, tx: tx, at: now)
        }
    }

    /// A participant with a place rates the event once it has begun, once.
    func giveFeedback(_ id: BusinessEventID, rating: String, comment: String, city: Municipality, by account: AccountID) async throws {
        let event = try await self.event(id, in: city.id)
        guard event.takesFeedback(at: services.clock.now()) else { throw AppError.conflict(code: "business_event_feedback_closed") }
        guard let stars = FormNumber.whole(rating), EventFeedback.ratingRange.contains(stars) else {
            throw AppError.invalid(code: "business_event_rating", field: "rating")
        }
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let feedback = EventFeedback(rating: stars, comment: comment) else { throw AppError.invalid(code: "business_field_too_long", field: "comment") }
        try await services.store.write { tx in
            guard let registration = try await tx.businessEvents.registration(of: account, at: event.id), registration.state == .registered else {
                throw AppError.conflict(code: "business_event_feedback_no_place")
            }
            guard try await tx.businessEvents.giveFeedbackOnce(feedback, by: account, at: event.id) else {
                throw AppError.conflict(code: "business_event_feedback_given")
            }
        }
    }

    // MARK: Staff

    /// What a staff member typed into the event form, kept as typed.
    struct Form: Sendable {
        var titleUk = "", titleEn = "", descriptionUk = "", descriptionEn = "", place = ""
        var latitude = "", longitude = ""
        var startsAt = "", endsAt = "", capacity = "", registrationClosesAt = ""
        /// The strategy's programme it belongs to (a `strategy` link id), for the programme's report; empty for none.
        var programme = ""

        init() {}

        init(_ form: FormData) {
            titleUk = form["titleUk"]
            titleEn = form["titleEn"]
            descriptionUk = form["descriptionUk"]
            descriptionEn = form["descriptionEn"]
            place = form["place"]
            latitude = form["latitude"]
            longitude = form["longitude"]
            startsAt = form["startsAt"]
            endsAt = form["endsAt"]
            capacity = form["capacity"]
            registrationClosesAt = form["registrationClosesAt"]
            programme = form["programme"]
        }

        init(_ event: BusinessEvent) {
            titleUk = event.title.uk
            titleEn = event.title.en
            descriptionUk = event.description.uk
            descriptionEn = event.description.en
            place = event.place
            latitude = event.location.map { String($0.latitude) } ?? ""
            longitude = event.location.map { String($0.longitude) } ?? ""
            startsAt = DateText.kyivInput(event.startsAt)
            endsAt = DateText.kyivInput(event.endsAt)
            capacity = String(event.capacity)
            registrationClosesAt = DateText.kyivInput(event.registrationClosesAt)
            programme = event.programme ?? ""
        }
    }

    /// The locale key said beside each field the domain refuses.
    static let problemKeys = [
        "titleUk": "title_length", "titleEn": "title_length", "descriptionUk": "description_length", "descriptionEn": "description_length",
        "place": "place_length", "endsAt": "ends_after_start", "capacity": "capacity_range", "registrationClosesAt": "closes_before_start",
    ]

    /// The event the form describes (a new one, or `existing` changed), or every field that is wrong.
    static func read(_ form: Form, id: BusinessEventID, city: MunicipalityID, existing: BusinessEvent?, programmes: Set<String> = []) throws -> BusinessEvent {
        var problems: [String: String] = [:]
        func problem(_ field: String, _ key: String) { problems[field] = problems[field] ?? "business.events.form.\(key)" }
        let startsAt = DateText.kyivInput(form.startsAt), endsAt = DateText.kyivInput(form.endsAt)
        let closesAt = DateText.kyivInput(form.registrationClosesAt)
        if startsAt == nil { problem("startsAt", "date_format") }
        if endsAt == nil { problem("endsAt", "date_format") }
        if closesAt == nil { problem("registrationClosesAt", "date_format") }
        let capacity = FormNumber.whole(form.capacity)
        if capacity == nil { problem("capacity", "capacity_range") }
        var location: Location?
        do {
            let latitude = try FormPlace.degrees(form.latitude, field: "latitude"), longitude = try FormPlace.degrees(form.longitude, field: "longitude")
            switch (latitude, longitude) {
            case (nil, nil): location = nil
            case (let latitude?, let longitude?):
                location = Location(latitude: latitude, longitude: longitude)
                if location == nil { problem("latitude", "point") }
            case (nil, _): problem("latitude", "point")
            case (_, nil): problem("longitude", "point")
            }
        } catch let error as AppError {
            problem(error.field ?? "latitude", "point")
        }
        let trim = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
        let fallback = Date(timeIntervalSince1970: 0)
        var event = existing ?? BusinessEvent(
            id: id, city: city, title: LocalizedName(uk: "", en: ""), description: LocalizedName(uk: "", en: ""), place: "", startsAt: fallback,
            endsAt: fallback, capacity: 1, registrationClosesAt: fallback)
        event.title = LocalizedName(uk: trim(form.titleUk), en: trim(form.titleEn))
        event.description = LocalizedName(uk: trim(form.descriptionUk), en: trim(form.descriptionEn))
        event.place = trim(form.place)
        event.location = location
        event.startsAt = startsAt ?? fallback
        event.endsAt = endsAt ?? fallback
        event.registrationClosesAt = closesAt ?? fallback
        event.capacity = capacity ?? 1
        // One of the city's programmes as offered, or the one it had (a programme since retired stays until changed).
        let programme = trim(form.programme)
        if !programme.isEmpty, !programmes.contains(programme), programme != existing?.programme { problem("programme", "programme_unknown") }
        event.programme = programme.isEmpty ? nil : programme
        // The dates' rules are said only of dates that were read.
        let datesRead = startsAt != nil && endsAt != nil && closesAt != nil
        for field in event.problems where datesRead || !["endsAt", "registrationClosesAt"].contains(field) {
            if let key = problemKeys[field] { problem(field, key) }
        }
        guard problems.isEmpty else { throw Refused(problems: problems) }
        return event
    }

    /// Creates an event (`existing` nil) or changes one; a capacity raised lets the waiting in, and tells them.
    func save(_ form: Form, existing: BusinessEvent?, city: Municipality, by staff: AccountID) async throws -> BusinessEvent {
        let programmes = Set(try await BusinessProgrammes.choices(in: city, services: services).map(\.id))
        let event = try Self.read(
            form, id: existing?.id ?? BusinessEventID(rawValue: RandomToken.base32(byteCount: 10)), city: city.id, existing: existing, programmes: programmes)
        let now = services.clock.now()
        let entry = try services.audit.entry(action: AuditAction.businessEventSaved, actor: staff, municipality: city.id, subject: event.id.rawValue)
        let letters = self
        try await services.store.write { tx in
            let moved = try await tx.businessEvents.saveMovingUp(event, at: now)
            try await letters.tellMovedUp(moved, event: event, city: city, tx: tx, at: now)
            try await tx.audit.append(entry)
        }
        return event
    }

    /// Cancels an event: it takes no registrations and says it is cancelled.
    func cancelEvent(_ id: BusinessEventID, city: Municipality, by staff: AccountID) async throws {
        var event = try await self.event(id, in: city.id)
        guard event.cancelledAt == nil else { throw AppError.conflict(code: "business_event_cancelled") }
        let now = services.clock.now()
        event.cancelledAt = now
        let entry = try services.audit.entry(action: AuditAction.businessEventCancelled, actor: staff, municipality: city.id, subject: id.rawValue)
        let cancelled = event
        try await services.store.write { tx in
            try await tx.businessEvents.save(cancelled, at: now)
            try await tx.audit.append(entry)
        }
    }

    /// What the door says of a ticket.
    enum DoorAnswer: Equatable {
        case welcome(name: String)
        case already(name: String, at: Date)
        /// On the waiting list: no place, so no entry.
        case waiting(name: String)
        /// Not a ticket of this event's list (another event's, cancelled, mistyped).
        case unknown
    }

    /// Checks a ticket in at the door, once; the code as typed (spaces, dashes, O for 0 are fine).
    func checkIn(_ typed: String, at id: BusinessEventID, city: Municipality, by staff: AccountID) async throws -> DoorAnswer {
        let event = try await self.event(id, in: city.id)
        guard let ticket = RegistrationRules.normalisedTicket(typed) else { throw AppError.invalid(code: "business_event_ticket_unreadable", field: "ticket") }
        let now = services.clock.now()
        let entry = try services.audit.entry(action: AuditAction.businessCheckedIn, actor: staff, municipality: city.id, subject: event.id.rawValue)
        return try await services.store.write { tx in
            func name(_ account: AccountID) async throws -> String { try await tx.accounts.find(id: account)?.fullName ?? "" }
            switch try await tx.businessEvents.checkIn(ticket: ticket, at: event.id, instant: now) {
            case .welcome(let registration):
                try await tx.audit.append(entry)
                return .welcome(name: try await name(registration.account))
            case .already(let when):
                let holder = try await tx.businessEvents.registration(ticket: ticket, at: event.id)
                return .already(name: try await holder.asyncFlatMap { try await name($0.account) } ?? "", at: when)
            case .unknown:
                guard let holder = try await tx.businessEvents.registration(ticket: ticket, at: event.id), holder.state == .waiting else { return .unknown }
                return .waiting(name: try await name(holder.account))
            }
        }
    }

    // MARK: Mail

    /// The public page of an event, in full (for letters).
    func link(_ event: BusinessEvent, city: Municipality, ticket: Bool = false) -> String {
        services.configuration.publicBaseURL + EventPages.url(city, event.id) + (ticket ? "/ticket" : "")
    }

    /// What a letter says of an event: its title, when and where, in `language`.
    func details(_ event: BusinessEvent, city: Municipality, language: Language) -> [String: String] {
        [
            "event": event.title.localized(language), "when": DateText.kyiv(event.startsAt), "place": event.place,
            "city": city.name.localized(language),
        ]
    }

    /// Letters to those the waiting list moved up to a place, in the same transaction as the move.
    func tellMovedUp(_ moved: [AccountID], event: BusinessEvent, city: Municipality, tx: Repositories, at now: Date) async throws {
        for id in moved {
            guard let account = try await tx.accounts.find(id: id) else { continue }
            var letter = services.mail.message(
                "business.events.mail.moved_up", to: account, link: link(event, city: city, ticket: true), language: account.language, at: now,
                extra: details(event, city: city, language: account.language))
            letter.municipalityID = city.id
            try await tx.outbox.enqueue(letter)
        }
    }

    /// One round of reminders: each participant with a place at an event
    /// starting within the day is mailed once, in their language; the row
    /// is claimed (marked) in the letter's transaction, so two servers never
    /// both send it. Returns how many were claimed.
    @discardableResult
    func remind(limit: Int = 100) async throws -> Int {
        let now = services.clock.now()
        let cities = try await services.store.read { try await $0.municipalities.all() }
        let byID = Dictionary(cities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let letters = self
        return try await services.store.write { tx in
            let claimed = try await tx.businessEvents.claimReminders(at: now, window: EventReminder.window, limit: limit)
            for (registration, event) in claimed {
                // A cancelled event is not reminded of; the row stays claimed.
                guard event.cancelledAt == nil, let city = byID[event.city], let account = try await tx.accounts.find(id: registration.account) else {
                    continue
                }
                var letter = letters.services.mail.message(
                    "business.events.mail.reminder", to: account, link: letters.link(event, city: city, ticket: true), language: account.language,
                    at: now, extra: letters.details(event, city: city, language: account.language))
                letter.municipalityID = city.id
                try await tx.outbox.enqueue(letter)
            }
            return claimed.count
        }
    }

    /// Reminds until no one is left to remind now.
    func remindAll() async throws {
        while try await remind() > 0 {}
    }
}
