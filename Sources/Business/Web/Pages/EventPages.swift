import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// Trainings and events, as the public sees them: the calendar
/// (`/{city}/business/events`, coming ones by month in Kyiv time, or the
/// past), an event's page with registration, the waiting list, the
/// feedback once it has begun and its `.ics`, and the participant's ticket
/// to show at the door. The staff's pages are `EventDeskPages`.
struct EventPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: EventService { EventService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/business/events", use: calendar)
        router.get(":city/business/events/:event", use: page)
        router.get(":city/business/events/:event/calendar.ics", use: ics)
        router.get(":city/business/events/:event/ticket", use: ticket)
        router.post(":city/business/events/:event/register", use: register)
        router.post(":city/business/events/:event/cancel", use: cancel)
        router.post(":city/business/events/:event/feedback", use: feedback)
        EventDeskPages(services: services).add(to: router)
    }

    static func url(_ city: Municipality, _ id: BusinessEventID) -> String {
        "/\(city.slug.rawValue)/business/events/\(id.rawValue)"
    }

    /// When it runs, in Kyiv time: `12.03.2027 10:00 – 13:00`, or both dates when it ends on another day.
    static func when(_ event: BusinessEvent) -> String {
        let start = DateText.kyiv(event.startsAt), end = DateText.kyiv(event.endsAt)
        return start.prefix(10) == end.prefix(10) ? "\(start) – \(end.dropFirst(11))" : "\(start) – \(end)"
    }

    /// Places left, or how many wait when none are; a cancelled event says so.
    static func places(_ event: BusinessEvent, registered: Int, waiting: Int, _ html: HTML, _ context: AppRequestContext) -> String {
        if event.cancelledAt != nil { return html.t("business.events.cancelled", context) }
        let left = event.placesLeft(registered: registered)
        return left > 0
            ? html.t("business.events.places_left", context, ["left": String(left), "capacity": String(event.capacity)])
            : html.t("business.events.full", context, ["waiting": String(waiting)])
    }

    // MARK: The calendar

    struct Item {
        let title: String
        let url: String
        let when: String
        let place: String
        let places: String
        let cancelled: Bool
    }

    struct Month {
        let name: String
        let events: [Item]
    }

    struct CalendarPage {
        let months: [Month]
        let empty: Bool
        let past: Bool
        let otherURL: String
        let homeURL: String
    }

    @Sendable func calendar(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let past = request.uri.queryParameters.get("past") == "1"
        let cityID = city.id, now = services.clock.now()
        let (events, counts) = try await services.store.read { tx in
            let events = try await tx.businessEvents.events(in: cityID, from: now, past: past, limit: 200)
            return (events, try await tx.businessEvents.counts(of: events.map(\.id)))
        }
        var months: [Month] = []
        for event in events {
            let date = CalendarDate.inKyiv(event.startsAt)
            let name = html.t("business.events.month.\(date.month)", context, ["year": String(date.year)])
            let count = counts[event.id] ?? (0, 0)
            let item = Item(
                title: event.title.localized(context.language), url: Self.url(city, event.id), when: Self.when(event), place: event.place,
                places: Self.places(event, registered: count.registered, waiting: count.waiting, html, context), cancelled: event.cancelledAt != nil)
            if months.last?.name == name {
                months[months.count - 1] = Month(name: name, events: months[months.count - 1].events + [item])
            } else {
                months.append(Month(name: name, events: [item]))
            }
        }
        let base = "/\(city.slug.rawValue)/business/events"
        let page = CalendarPage(months: months, empty: months.isEmpty, past: past, otherURL: past ? base : base + "?past=1", homeURL: "/\(city.slug.rawValue)/business")
        return try await html.render(
            "business-events", page: page, titleKey: past ? "business.events.past_title" : "business.events.title",
            titleArguments: ["city": city.name.localized(context.language)], request: request, context: context, city: city)
    }

    // MARK: An event

    struct EventPage {
        let description: String?
        let when: String
        let place: String
        let map: MapView?
        let places: String
        let cancelled: Bool
        let closes: String
        let open: Bool
        /// Where an anonymous reader signs in and comes back.
        let loginURL: String?
        /// Register, or join the waiting list, while registration is open and the reader has no place.
        let registerAction: String?
        let registerLabel: String
        /// The reader's place: registered, or waiting at a position.
        let state: String?
        let ticketURL: String?
        let cancelAction: String?
        let feedbackAction: String?
        let feedbackFields: [FormField]
        let feedbackGiven: String?
        let calendarURL: String
        let icsURL: String
        let error: String?
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let event = try await service.event(BusinessEventID(rawValue: try context.parameters.require("event")), in: city.id)
        return try await render(request, context, city: city, event: event)
    }

    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, event: BusinessEvent, typed: FormData? = nil, error: AppError? = nil
    ) async throws -> Response {
        let account = context.account?.id, now = services.clock.now()
        let (attendance, mine) = try await services.store.read { tx in
            (try await tx.businessEvents.attendance(at: event.id), try await account.asyncFlatMap { try await tx.businessEvents.registration(of: $0, at: event.id) })
        }
        let current = mine.flatMap { $0.state == .cancelled ? nil : $0 }
        var state: String?
        if let current {
            if current.state == .registered {
                state = html.t(current.checkedInAt == nil ? "business.events.you_registered" : "business.events.you_attended", context)
            } else {
                let ahead = try await services.store.read { try await $0.businessEvents.waitingAhead(of: current.position, at: event.id) }
                state = html.t("business.events.you_waiting", context, ["position": String(ahead + 1)])
            }
        }
        let open = event.takesRegistrations(at: now)
        let base = Self.url(city, event.id)
        let full = event.placesLeft(registered: attendance.registered) == 0
        let feedbackOpen = current?.state == .registered && event.takesFeedback(at: now)
        let problem = FormProblem(error, html: html, context: context)
        let feedbackFields = feedbackOpen && current?.feedback == nil ? [
            FormField(
                name: "rating", label: html.t("business.events.rating", context), value: typed?["rating"] ?? "", error: problem?.message(for: "rating"),
                required: true,
                options: [SelectOption(value: "", label: html.t("business.events.rating_choose", context), selected: (typed?["rating"] ?? "").isEmpty)]
                    + (1...5).reversed().map { SelectOption(value: String($0), label: html.t("business.events.stars.\($0)", context), selected: typed?["rating"] == String($0)) }),
            FormField(
                name: "comment", label: html.t("business.events.comment", context), value: typed?["comment"] ?? "", error: problem?.message(for: "comment"),
                maxlength: EventFeedback.commentLength.upperBound, rows: 4),
        ] : []
        let page = EventPage(
            description: event.description.localized(context.language).isEmpty ? nil : event.description.localized(context.language),
            when: Self.when(event), place: event.place,
            map: event.location.map { MapView.point(services: services, label: html.t("business.events.map", context), longitude: $0.longitude, latitude: $0.latitude) },
            places: Self.places(event, registered: attendance.registered, waiting: attendance.waiting, html, context),
            cancelled: event.cancelledAt != nil,
            closes: html.t(open ? "business.events.closes" : "business.events.closed", context, ["closes": DateText.kyiv(event.registrationClosesAt)]),
            open: open,
            loginURL: account == nil && (open || event.takesFeedback(at: now)) ? "/login?next=\(HTML.nextParameter(base))" : nil,
            registerAction: account != nil && open && current == nil ? base + "/register" : nil,
            registerLabel: html.t(full ? "business.events.join_waiting" : "business.events.register", context),
            state: state,
            ticketURL: current?.state == .registered ? base + "/ticket" : nil,
            cancelAction: current != nil && now < event.startsAt ? base + "/cancel" : nil,
            feedbackAction: feedbackFields.isEmpty ? nil : base + "/feedback",
            feedbackFields: feedbackFields,
            feedbackGiven: current?.feedback.map { html.t("business.events.feedback_given", context, ["rating": String($0.rating)]) },
            calendarURL: "/\(city.slug.rawValue)/business/events", icsURL: base + "/calendar.ics",
            error: problem.alert(unlessShownBy: feedbackFields))
        return try await html.render(
            "business-event", page: page, titleKey: "business.events.event_title", titleArguments: ["event": event.title.localized(context.language)],
            request: request, context: context, city: city, status: error?.status ?? .ok)
    }

    /// A step the reader takes on the page; a refusal is said on the page, with what was typed.
    private func step(
        _ request: Request, _ context: AppRequestContext, _ body: (EventService, Municipality, BusinessEvent, AccountID, FormData) async throws -> Void
    ) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let event = try await service.event(BusinessEventID(rawValue: try context.parameters.require("event")), in: city.id)
        guard let account = context.account else { return HTML.redirect("/login?next=\(HTML.nextParameter(Self.url(city, event.id)))") }
        let form = context.form ?? FormData()
        do {
            try await body(service, city, event, account.id, form)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, event: event, typed: form, error: error)
        }
        return HTML.redirect(Self.url(city, event.id))
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { service, city, event, account, _ in _ = try await service.register(event.id, city: city, by: account) }
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { service, city, event, account, _ in try await service.cancel(event.id, city: city, by: account) }
    }

    @Sendable func feedback(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { service, city, event, account, form in
            try await service.giveFeedback(event.id, rating: form["rating"], comment: form["comment"], city: city, by: account)
        }
    }

    // MARK: The ticket

    struct TicketPage {
        let event: String
        let when: String
        let place: String
        let name: String
        let code: String
        /// The code as a QR symbol (our own SVG, nothing typed in it but the escaped label), for the door's scanner.
        let qr: String?
        let eventURL: String
        let checkedIn: String?
    }

    /// The participant's ticket: shown at the door, its code read aloud when the camera fails.
    @Sendable func ticket(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let event = try await service.event(BusinessEventID(rawValue: try context.parameters.require("event")), in: city.id)
        let base = Self.url(city, event.id)
        guard let account = context.account else { return HTML.redirect("/login?next=\(HTML.nextParameter(base + "/ticket"))") }
        let accountID = account.id
        guard let registration = try await services.store.read({ try await $0.businessEvents.registration(of: accountID, at: event.id) }),
              registration.state == .registered
        else { return HTML.redirect(base) }
        let page = TicketPage(
            event: event.title.localized(context.language), when: Self.when(event), place: event.place, name: account.fullName,
            code: RegistrationRules.grouped(registration.ticket),
            qr: QRCode(text: registration.ticket, correction: .medium)?.svg(label: html.t("business.events.ticket_qr", context)), eventURL: base,
            checkedIn: registration.checkedInAt.map { html.t("business.events.checked_in_at", context, ["when": DateText.kyiv($0)]) })
        var response = try await html.render(
            "business-event-ticket", page: page, titleKey: "business.events.ticket_title", request: request, context: context, city: city)
        // The ticket's code opens the door: not kept by shared caches.
        response.headers[.cacheControl] = "private, no-store"
        return response
    }

    // MARK: .ics

    /// The event as an iCalendar file (RFC 5545), through the platform's writer.
    @Sendable func ics(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let event = try await service.event(BusinessEventID(rawValue: try context.parameters.require("event")), in: city.id)
        let language = context.language
        let host = URL(string: services.configuration.publicBaseURL)?.host ?? "localhost"
        let description = [event.cancelledAt == nil ? "" : html.t("business.events.cancelled", context), event.description.localized(language)]
            .filter { !$0.isEmpty }.joined(separator: "\n\n")
        let calendar = ICalendar(
            name: event.title.localized(language), stamp: services.clock.now(),
            events: [
                .init(
                    uid: "\(city.slug.rawValue)/business/event-\(event.id.rawValue)@\(host)", summary: event.title.localized(language),
                    description: description, url: services.configuration.publicBaseURL + Self.url(city, event.id), start: event.startsAt,
                    end: event.endsAt, location: event.place)
            ])
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8", .cacheControl: "public, max-age=300",
                .contentDisposition: "attachment; filename=\"event-\(event.id.rawValue).ics\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: calendar.render())))
    }
}
