import Foundation
import HromadaDomain
import HromadaStore
import HTTPTypes
import HromadaWeb
import Hummingbird

/// The staff's pages for trainings and events (`business.events`): the
/// city's events with the form to add one; an event's registrations,
/// attendance and feedback with its form and cancellation; and the door,
/// where a ticket's code is typed (or scanned by the phone's camera, where
/// the browser can) and checked in once. Anyone without the capability in
/// this city finds nothing.
struct EventDeskPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: EventService { EventService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/business/events", use: list)
        router.post(":city/admin/business/events", use: create)
        router.get(":city/admin/business/events/:event", use: page)
        router.post(":city/admin/business/events/:event", use: update)
        router.post(":city/admin/business/events/:event/cancel", use: cancel)
        router.get(":city/admin/business/events/:event/check-in", use: door)
        router.post(":city/admin/business/events/:event/check-in", use: checkIn)
    }

    static func url(_ city: Municipality, _ id: BusinessEventID? = nil) -> String {
        "/\(city.slug.rawValue)/admin/business/events" + (id.map { "/\($0.rawValue)" } ?? "")
    }

    private func staff(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try requireStaff(.businessEvents, context.principal, in: city.id))
    }

    private func event(_ context: AppRequestContext, city: Municipality) async throws -> BusinessEvent {
        try await service.event(BusinessEventID(rawValue: try context.parameters.require("event")), in: city.id)
    }

    // MARK: The form

    /// The event form's inputs with what was typed, each problem beside its field.
    struct EventForm {
        let fields: [FormField]
        let place: PlaceFieldset
        let action: String
        let hasProblems: Bool
    }

    private func form(
        _ typed: EventService.Form, problems: [String: String], action: String, city: Municipality, context: AppRequestContext,
        programmes: [LinkedThing]
    ) -> EventForm {
        func t(_ key: String) -> String { html.t("business.events.form.\(key)", context) }
        func error(_ field: String) -> String? { problems[field].map { html.t($0, context) } }
        let fields = [
            FormField(name: "titleUk", label: t("title_uk"), value: typed.titleUk, error: error("titleUk"), required: true,
                      minlength: BusinessEvent.titleLength.lowerBound, maxlength: BusinessEvent.titleLength.upperBound),
            FormField(name: "titleEn", label: t("title_en"), value: typed.titleEn, error: error("titleEn"), required: true,
                      minlength: BusinessEvent.titleLength.lowerBound, maxlength: BusinessEvent.titleLength.upperBound),
            FormField(name: "descriptionUk", label: t("description_uk"), value: typed.descriptionUk, error: error("descriptionUk"),
                      maxlength: BusinessEvent.descriptionLength.upperBound, rows: 5),
            FormField(name: "descriptionEn", label: t("description_en"), value: typed.descriptionEn, error: error("descriptionEn"),
                      maxlength: BusinessEvent.descriptionLength.upperBound, rows: 5),
            FormField(name: "place", label: t("place"), value: typed.place, error: error("place"), hint: t("place_hint"), required: true,
                      maxlength: BusinessEvent.placeLength.upperBound),
            FormField(name: "startsAt", label: t("starts_at"), value: typed.startsAt, error: error("startsAt"), type: "datetime-local", required: true),
            FormField(name: "endsAt", label: t("ends_at"), value: typed.endsAt, error: error("endsAt"), type: "datetime-local", required: true),
            FormField(name: "capacity", label: t("capacity"), value: typed.capacity, error: error("capacity"), inputmode: "numeric", required: true,
                      maxlength: 6, pattern: "[0-9]*"),
            FormField(name: "registrationClosesAt", label: t("closes_at"), value: typed.registrationClosesAt, error: error("registrationClosesAt"),
                      hint: t("closes_at_hint"), type: "datetime-local", required: true),
        ] + (programmes.isEmpty && typed.programme.isEmpty ? [] : [
            FormField(
                name: "programme", label: t("programme"), value: typed.programme, error: error("programme"), hint: t("programme_hint"),
                options: [SelectOption(value: "", label: t("no_programme"), selected: typed.programme.isEmpty)]
                    + programmes.map { SelectOption(value: $0.id, label: $0.title(in: context.language), selected: typed.programme == $0.id) }),
        ])
        let pointProblem = ["latitude", "longitude"].first { problems[$0] != nil }.flatMap { field in
            problems[field].map { FormProblem(field: field, message: html.t($0, context)) }
        }
        let place = PlaceFieldset(
            services: services, context: context, city: city,
            form: FormData(fields: ["latitude": [typed.latitude], "longitude": [typed.longitude]]), problem: pointProblem,
            legend: t("point"), hint: t("point_hint"), mapLabel: t("point"))
        return EventForm(fields: fields, place: place, action: action, hasProblems: !problems.isEmpty)
    }

    // MARK: The city's events

    struct Row {
        let title: String
        let url: String
        let when: String
        let places: String
    }

    struct ListPage {
        let coming: [Row]
        let past: [Row]
        let empty: Bool
        let hasPast: Bool
        let form: EventForm
        let calendarURL: String
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await renderList(request, context, city: city, typed: EventService.Form(), problems: [:])
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        let typed = EventService.Form(context.form ?? FormData())
        do {
            let event = try await service.save(typed, existing: nil, city: city, by: staff.accountID)
            return HTML.redirect(Self.url(city, event.id))
        } catch let refused as EventService.Refused {
            return try await renderList(request, context, city: city, typed: typed, problems: refused.problems)
        }
    }

    private func renderList(
        _ request: Request, _ context: AppRequestContext, city: Municipality, typed: EventService.Form, problems: [String: String]
    ) async throws -> Response {
        let cityID = city.id, now = services.clock.now()
        let (coming, past, counts) = try await services.store.read { tx in
            let coming = try await tx.businessEvents.events(in: cityID, from: now), past = try await tx.businessEvents.events(in: cityID, from: now, past: true, limit: 50)
            return (coming, past, try await tx.businessEvents.counts(of: (coming + past).map(\.id)))
        }
        func row(_ event: BusinessEvent) -> Row {
            let count = counts[event.id] ?? (0, 0)
            return Row(
                title: event.title.localized(context.language), url: Self.url(city, event.id), when: EventPages.when(event),
                places: EventPages.places(event, registered: count.registered, waiting: count.waiting, html, context))
        }
        let page = ListPage(
            coming: coming.map(row), past: past.map(row), empty: coming.isEmpty, hasPast: !past.isEmpty,
            form: form(
                typed, problems: problems, action: Self.url(city), city: city, context: context,
                programmes: try await BusinessProgrammes.choices(in: city, services: services)),
            calendarURL: "/\(city.slug.rawValue)/business/events")
        return try await html.render(
            "business-event-desk", page: page, titleKey: "business.events.desk_title", request: request, context: context, city: city,
            status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    // MARK: An event

    struct Line {
        let label: String
        let value: String
    }

    struct Participant {
        let name: String
        let state: String
        let ticket: String
        /// When they came in; empty until they do.
        let checkedIn: String
        /// Their rating; empty until they give one.
        let feedback: String
    }

    struct EventDeskPage {
        let title: String
        let when: String
        let cancelled: Bool
        let figures: [Line]
        let participants: [Participant]
        let hasParticipants: Bool
        let comments: [String]
        let hasComments: Bool
        let form: EventForm
        let cancelAction: String?
        let publicURL: String
        let checkInURL: String
        let listURL: String
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let event = try await event(context, city: city)
        return try await renderEvent(request, context, city: city, event: event, typed: EventService.Form(event), problems: [:])
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        let event = try await event(context, city: city)
        let typed = EventService.Form(context.form ?? FormData())
        do {
            _ = try await service.save(typed, existing: event, city: city, by: staff.accountID)
        } catch let refused as EventService.Refused {
            return try await renderEvent(request, context, city: city, event: event, typed: typed, problems: refused.problems)
        }
        return HTML.redirect(Self.url(city, event.id))
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        let event = try await event(context, city: city)
        do {
            try await service.cancelEvent(event.id, city: city, by: staff.accountID)
        } catch let error as AppError where error.belongsOnTheForm {
            // Cancelled already (in another window): the page says so.
        }
        return HTML.redirect(Self.url(city, event.id))
    }

    private func renderEvent(
        _ request: Request, _ context: AppRequestContext, city: Municipality, event: BusinessEvent, typed: EventService.Form, problems: [String: String]
    ) async throws -> Response {
        let (attendance, participants) = try await services.store.read { tx in
            (try await tx.businessEvents.attendance(at: event.id), try await tx.businessEvents.participants(at: event.id))
        }
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { html.t("business.events.\(key)", context, arguments) }
        var waiting = 0
        let rows = participants.map { item -> Participant in
            let registration = item.registration
            let state: String
            if registration.state == .waiting {
                waiting += 1
                state = t("state_waiting", ["position": String(waiting)])
            } else {
                state = t("state_registered")
            }
            return Participant(
                name: item.name, state: state, ticket: RegistrationRules.grouped(registration.ticket),
                checkedIn: registration.checkedInAt.map(DateText.kyiv) ?? "",
                feedback: registration.feedback.map { t("stars.\($0.rating)") } ?? "")
        }
        let mean = attendance.meanRatingHundredths.map { "\($0 / 100).\(String(format: "%02d", $0 % 100))" } ?? "—"
        let page = EventDeskPage(
            title: event.title.localized(context.language), when: EventPages.when(event), cancelled: event.cancelledAt != nil,
            figures: [
                Line(label: t("figures.capacity"), value: String(event.capacity)),
                Line(label: t("figures.registered"), value: String(attendance.registered)),
                Line(label: t("figures.waiting"), value: String(attendance.waiting)),
                Line(label: t("figures.attended"), value: String(attendance.attended)),
                Line(label: t("figures.ratings"), value: String(attendance.ratings)),
                Line(label: t("figures.mean_rating"), value: mean),
            ],
            participants: rows, hasParticipants: !rows.isEmpty,
            comments: participants.compactMap { $0.registration.feedback?.comment }.filter { !$0.isEmpty },
            hasComments: participants.contains { !($0.registration.feedback?.comment ?? "").isEmpty },
            form: form(
                typed, problems: problems, action: Self.url(city, event.id), city: city, context: context,
                programmes: try await BusinessProgrammes.choices(in: city, services: services)),
            cancelAction: event.cancelledAt == nil ? Self.url(city, event.id) + "/cancel" : nil,
            publicURL: EventPages.url(city, event.id), checkInURL: Self.url(city, event.id) + "/check-in", listURL: Self.url(city))
        return try await html.render(
            "business-event-staff", page: page, titleKey: "business.events.desk_event_title",
            titleArguments: ["event": event.title.localized(context.language)], request: request, context: context, city: city,
            status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    // MARK: The door

    struct DoorPage {
        let title: String
        let when: String
        let action: String
        let field: FormField
        /// What the door says of the ticket just checked, and how (its class: `ok`, `warn`, `error`).
        let answer: String?
        let tone: String
        let deskURL: String
    }

    @Sendable func door(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await renderDoor(request, context, city: city, event: try await event(context, city: city))
    }

    @Sendable func checkIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        let event = try await event(context, city: city)
        let typed = (context.form ?? FormData())["ticket"]
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { html.t("business.events.door.\(key)", context, arguments) }
        do {
            switch try await service.checkIn(typed, at: event.id, city: city, by: staff.accountID) {
            case .welcome(let name): return try await renderDoor(request, context, city: city, event: event, answer: (t("welcome", ["name": name]), "ok"))
            case .already(let name, let when):
                return try await renderDoor(request, context, city: city, event: event, answer: (t("already", ["name": name, "when": DateText.kyiv(when)]), "warn"))
            case .waiting(let name): return try await renderDoor(request, context, city: city, event: event, answer: (t("waiting", ["name": name]), "error"))
            case .unknown: return try await renderDoor(request, context, city: city, event: event, answer: (t("unknown"), "error"))
            }
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderDoor(request, context, city: city, event: event, typed: typed, error: error)
        }
    }

    private func renderDoor(
        _ request: Request, _ context: AppRequestContext, city: Municipality, event: BusinessEvent, typed: String = "",
        answer: (String, String)? = nil, error: AppError? = nil
    ) async throws -> Response {
        let page = DoorPage(
            title: event.title.localized(context.language), when: EventPages.when(event), action: Self.url(city, event.id) + "/check-in",
            field: FormField(
                name: "ticket", label: html.t("business.events.door.ticket", context), value: typed,
                error: FormProblem(error, html: html, context: context)?.message, hint: html.t("business.events.door.ticket_hint", context),
                autocomplete: "off", required: true, maxlength: 40, placeholder: "ABCDE-12345"),
            answer: answer?.0, tone: answer?.1 ?? "", deskURL: Self.url(city, event.id))
        var response = try await html.render(
            "business-event-door", page: page, titleKey: "business.events.door.title", titleArguments: ["event": event.title.localized(context.language)],
            request: request, context: context, city: city, status: error?.status ?? .ok)
        // The scanner uses this page's camera, and only this page's (every other page keeps it off).
        if let policy = HTTPField.Name("Permissions-Policy") { response.headers[policy] = "camera=(self), microphone=(), geolocation=()" }
        return response
    }
}
