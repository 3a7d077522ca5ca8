import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The guide's staff (`visit.edit`) save places and routes: each checked
/// whole against the domain's rules, nothing stored while any field is
/// wrong, and each save in the audit log.
struct GuideEditor {
    let services: AppServices

    /// A refused save: the problem codes (`errors.<code>`) by the form's field names.
    struct Refused: Error {
        let problems: [String: String]
    }

    /// A place's field names as the domain names them, with the message each gets.
    static let placeCodes: [String: String] = [
        "nameUk": "visit_name", "nameEn": "visit_name", "summaryUk": "visit_summary", "summaryEn": "visit_summary",
        "descriptionUk": "visit_description", "descriptionEn": "visit_description", "addressUk": "visit_address", "addressEn": "visit_address",
        "priceNoteUk": "visit_note", "priceNoteEn": "visit_note", "accessibilityNoteUk": "visit_note", "accessibilityNoteEn": "visit_note",
        "priceFrom": "visit_price", "phone": "visit_phone", "email": "visit_email", "website": "visit_website",
    ]

    static let routeCodes: [String: String] = [
        "titleUk": "visit_route_title", "titleEn": "visit_route_title", "summaryUk": "visit_summary", "summaryEn": "visit_summary",
        "descriptionUk": "visit_description", "descriptionEn": "visit_description", "stops": "visit_route_stops", "track": "visit_route_track",
    ]

    func save(_ place: Place, extraProblems: [String: String], city: Municipality, principal: Principal?) async throws {
        let staff = try requireStaff(.visitEdit, principal, in: city.id)
        var problems = extraProblems
        for field in place.problems where problems[field] == nil { problems[field] = Self.placeCodes[field] ?? "visit_field" }
        guard problems.isEmpty else { throw Refused(problems: problems) }
        let audit = services.audit, now = services.clock.now()
        try await services.store.write { tx in
            guard try await tx.visitGuide.save(place, at: now) else { throw AppError.notFound }
            try await audit.record(
                tx, action: AuditAction.visitPlaceSaved, actor: staff.accountID, municipality: city.id, subject: place.id.rawValue,
                details: ["kind": place.kind.rawValue, "published": place.published ? "yes" : "no"])
        }
    }

    /// Saves a route whose stops are all places of this city.
    func save(_ route: VisitRoute, extraProblems: [String: String], city: Municipality, principal: Principal?) async throws {
        let staff = try requireStaff(.visitEdit, principal, in: city.id)
        var problems = extraProblems
        for field in route.problems where problems[field] == nil { problems[field] = Self.routeCodes[field] ?? "visit_field" }
        let cityID = city.id
        let known = try await services.store.read { try await $0.visitGuide.places(route.stops.map(\.place), in: cityID) }
        if route.stops.contains(where: { known[$0.place] == nil }), problems["stops"] == nil { problems["stops"] = "visit_route_stops" }
        guard problems.isEmpty else { throw Refused(problems: problems) }
        let audit = services.audit, now = services.clock.now()
        try await services.store.write { tx in
            guard try await tx.visitGuide.save(route, at: now) else { throw AppError.notFound }
            try await audit.record(
                tx, action: AuditAction.visitRouteSaved, actor: staff.accountID, municipality: cityID, subject: route.id.rawValue,
                details: ["stops": String(route.stops.count), "published": route.published ? "yes" : "no"])
        }
    }

    /// Replaces a route's track (empty: the line goes from stop to stop again), under the route's lock.
    func setTrack(_ track: [GeoPoint], of id: VisitRouteID, city: Municipality, principal: Principal?) async throws {
        let staff = try requireStaff(.visitEdit, principal, in: city.id)
        let audit = services.audit, now = services.clock.now(), cityID = city.id
        try await services.store.write { tx in
            try await tx.visitGuide.lockRoute(id)
            guard var route = try await tx.visitGuide.route(id, in: cityID) else { throw AppError.notFound }
            route.track = track
            route.updatedAt = now
            guard try await tx.visitGuide.save(route, at: now) else { throw AppError.notFound }
            try await audit.record(
                tx, action: AuditAction.visitRouteSaved, actor: staff.accountID, municipality: cityID, subject: id.rawValue,
                details: ["track": String(track.count)])
        }
    }
}
