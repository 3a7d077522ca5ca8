import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The guide's desk (`visit.edit`, per city): `/{city}/admin/visit` lists
/// places and routes, drafts included; a place's form (texts in both
/// languages, its point on the map, hours with holidays and exceptions,
/// price, accessibility, contacts) and its photos; a route's form (its
/// stops in order). A refused form comes back (422) with every problem
/// beside its field and everything typed kept.
struct GuideEditorPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var editor: GuideEditor { GuideEditor(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/visit", use: desk)
        router.get(":city/admin/visit/places/new", use: newPlace)
        router.post(":city/admin/visit/places", use: createPlace)
        router.get(":city/admin/visit/places/:place", use: editPlace)
        router.post(":city/admin/visit/places/:place", use: savePlace)
        router.post(UploadRoute.visitPlacePhotos.routerPath, use: uploadPhoto)
        router.post(":city/admin/visit/places/:place/photos/:photo/remove", use: removePhoto)
        router.get(":city/admin/visit/routes/new", use: newRoute)
        router.post(":city/admin/visit/routes", use: createRoute)
        router.get(":city/admin/visit/routes/:route", use: editRoute)
        router.post(":city/admin/visit/routes/:route", use: saveRoute)
        router.post(UploadRoute.visitRouteTrack.routerPath, use: uploadTrack)
        router.post(":city/admin/visit/routes/:route/track/remove", use: removeTrack)
    }

    static func url(_ city: Municipality) -> String { "/\(city.slug.rawValue)/admin/visit" }
    static func url(_ city: Municipality, _ place: PlaceID) -> String { "\(url(city))/places/\(place.rawValue)" }
    static func url(_ city: Municipality, _ route: VisitRouteID) -> String { "\(url(city))/routes/\(route.rawValue)" }

    private func staff(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try requireStaff(.visitEdit, context.principal, in: city.id))
    }

    // MARK: The desk

    struct Row {
        let title: String
        let detail: String
        let editURL: String
        let publicURL: String
        let draft: Bool
    }

    struct Desk {
        let places: [Row]
        let routes: [Row]
        let campaigns: [Row]
        let newCampaignURL: String
        let newPlaceURL: String
        let newRouteURL: String
        let guideURL: String
    }

    @Sendable func desk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let cityID = city.id, language = context.language
        let (places, routes, campaigns) = try await services.store.read { tx in
            (
                try await tx.visitGuide.places(in: cityID, drafts: true), try await tx.visitGuide.routes(in: cityID, drafts: true),
                try await tx.visitGuide.campaigns(in: cityID, drafts: true)
            )
        }
        let page = Desk(
            places: places.sorted { GuideService.precedes($0.name.localized(language), $1.name.localized(language), language) }.map { place in
                Row(
                    title: place.name.localized(language), detail: html.t("visit.kind.\(place.kind.rawValue)", context),
                    editURL: Self.url(city, place.id), publicURL: GuidePages.url(city, place.id), draft: !place.published)
            },
            routes: routes.sorted { GuideService.precedes($0.title.localized(language), $1.title.localized(language), language) }.map { route in
                Row(
                    title: route.title.localized(language), detail: html.t("visit.mode.\(route.mode.rawValue)", context),
                    editURL: Self.url(city, route.id), publicURL: GuidePages.url(city, route.id), draft: !route.published)
            },
            campaigns: campaigns.map { campaign in
                Row(
                    title: campaign.title.localized(language), detail: "\(DateText.day(campaign.startsOn)) – \(DateText.day(campaign.endsOn))",
                    editURL: CampaignPages.staffURL(city, campaign.id), publicURL: CampaignPages.url(city, campaign.id), draft: !campaign.published)
            },
            newCampaignURL: "\(CampaignPages.staffURL(city))/new",
            newPlaceURL: "\(Self.url(city))/places/new", newRouteURL: "\(Self.url(city))/routes/new", guideURL: GuidePages.url(city))
        return try await html.render(
            "visit-desk", page: page, titleKey: "visit.editor.title", titleArguments: ["city": city.name.localized(language)], request: request,
            context: context, city: city)
    }

    // MARK: A place

    static let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// The form's inputs for a stored place.
    static func form(of place: Place) -> FormData {
        var fields: [String: [String]] = [
            "kind": [place.kind.rawValue], "published": place.published ? ["1"] : [],
            "nameUk": [place.name.uk], "nameEn": [place.name.en], "summaryUk": [place.summary.uk], "summaryEn": [place.summary.en],
            "descriptionUk": [place.description.uk], "descriptionEn": [place.description.en],
            "addressUk": [place.address.uk], "addressEn": [place.address.en],
            "latitude": [FormPlace.text(place.location.latitude)], "longitude": [FormPlace.text(place.location.longitude)],
            "onHolidays": [place.hours.onHolidays.rawValue], "exceptions": [HoursText.text(place.hours.exceptions)],
            "priceFrom": [place.price.from.map { PlaceForm.hryvnias($0) } ?? ""],
            "priceNoteUk": [place.price.note.uk], "priceNoteEn": [place.price.note.en],
            "access": AccessibilityFeature.allCases.filter(place.accessibility.contains).map(\.rawValue),
            "accessibilityNoteUk": [place.accessibilityNote.uk], "accessibilityNoteEn": [place.accessibilityNote.en],
            "phone": [place.contacts.phone], "email": [place.contacts.email], "website": [place.contacts.website],
        ]
        for (index, day) in days.enumerated() {
            fields["hours_\(day)"] = [place.hours.week.map { HoursText.text($0[index]) } ?? ""]
        }
        return FormData(fields: fields)
    }

    @Sendable func newPlace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await renderPlace(request, context, city: city, editing: nil, form: FormData(fields: ["published": ["1"]]))
    }

    @Sendable func editPlace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let place = try await storedPlace(city, context)
        return try await renderPlace(request, context, city: city, editing: place, form: Self.form(of: place))
    }

    @Sendable func createPlace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await writePlace(request, context, city: city, editing: nil)
    }

    @Sendable func savePlace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await writePlace(request, context, city: city, editing: try await storedPlace(city, context))
    }

    private func storedPlace(_ city: Municipality, _ context: AppRequestContext) async throws -> Place {
        let id = PlaceID(rawValue: try context.parameters.require("place")), cityID = city.id
        guard let place = try await services.store.read({ try await $0.visitGuide.place(id, in: cityID) }) else { throw AppError.notFound }
        return place
    }

    private func writePlace(_ request: Request, _ context: AppRequestContext, city: Municipality, editing stored: Place?) async throws -> Response {
        let form = context.form ?? FormData()
        let (place, problems) = PlaceForm.read(form, id: stored?.id ?? .random(), city: city, at: services.clock.now())
        do {
            guard let place else { throw GuideEditor.Refused(problems: problems) }
            try await editor.save(place, extraProblems: problems, city: city, principal: context.principal)
            return HTML.redirect(Self.url(city, place.id) + "?saved=1")
        } catch let refused as GuideEditor.Refused {
            return try await renderPlace(request, context, city: city, editing: stored, form: form, problems: refused.problems)
        }
    }

    struct Photo {
        let url: String
        let caption: String
        let removeURL: String
    }

    struct PlaceEditor {
        let heading: String
        let action: String
        let alert: String?
        let saved: Bool
        let fields: [FormField]
        let texts: [FormField]
        let place: PlaceFieldset
        let hours: [FormField]
        let hoursExtra: [FormField]
        let price: [FormField]
        let access: [FormField]
        let accessNotes: [FormField]
        let contacts: [FormField]
        let submit: String
        let deskURL: String
        let publicURL: String?
        let photos: [Photo]
        let hasPhotos: Bool
        let photoUpload: PhotoUpload?
    }

    struct PhotoUpload {
        let action: String
        let fields: [FormField]
        let alert: String?
    }

    private func renderPlace(
        _ request: Request, _ context: AppRequestContext, city: Municipality, editing: Place?, form: FormData, problems: [String: String] = [:],
        photoError: AppError? = nil
    ) async throws -> Response {
        func t(_ key: String) -> String { html.t(key, context) }
        func error(_ field: String) -> String? { problems[field].map { html.t("errors.\($0)", context, ["line": problems["line"] ?? ""]) } }
        func field(_ name: String, _ label: String, hint: String? = nil, type: String = "text", inputmode: String? = nil, required: Bool = false, maxlength: Int? = nil, rows: Int? = nil) -> FormField {
            FormField(
                name: name, label: t("visit.editor.\(label)"), value: form[name], error: error(name), hint: hint.map { t("visit.editor.\($0)") }, type: type,
                inputmode: inputmode, required: required, maxlength: maxlength, rows: rows)
        }
        let kind = PlaceKind(rawValue: form["kind"])
        let fields = [
            FormField(
                name: "kind", label: t("visit.editor.kind"), value: form["kind"], error: error("kind"), required: true,
                options: [SelectOption(value: "", label: t("visit.editor.choose"), selected: kind == nil)]
                    + PlaceKind.allCases.map { SelectOption(value: $0.rawValue, label: t("visit.kind.\($0.rawValue)"), selected: $0 == kind) }),
            FormField(name: "published", label: t("visit.editor.published"), value: "1", hint: t("visit.editor.published_hint"), checked: !form["published"].isEmpty),
        ]
        let texts = [
            field("nameUk", "name_uk", required: true, maxlength: Place.nameLength.upperBound),
            field("nameEn", "name_en", required: true, maxlength: Place.nameLength.upperBound),
            field("summaryUk", "summary_uk", maxlength: Place.summaryLength.upperBound, rows: 2),
            field("summaryEn", "summary_en", maxlength: Place.summaryLength.upperBound, rows: 2),
            field("descriptionUk", "description_uk", maxlength: Place.descriptionLength.upperBound, rows: 6),
            field("descriptionEn", "description_en", maxlength: Place.descriptionLength.upperBound, rows: 6),
            field("addressUk", "address_uk", maxlength: Place.addressLength.upperBound),
            field("addressEn", "address_en", maxlength: Place.addressLength.upperBound),
        ]
        let placeProblem = ["latitude", "longitude"].first { problems[$0] != nil }.flatMap { name in
            problems[name].map { FormProblem(field: name, message: t("errors.\($0)")) }
        }
        let location = PlaceFieldset(
            services: services, context: context, city: city, form: form, problem: placeProblem, legend: t("visit.editor.location"),
            hint: t("visit.editor.location_hint"), mapLabel: t("visit.place_map_label"))
        let hours = Self.days.map { day in
            FormField(
                name: "hours_\(day)", label: t("visit.day.\(day)"), value: form["hours_\(day)"], error: error("hours_\(day)"), maxlength: 80,
                placeholder: "09:00-18:00")
        }
        let rule = OpeningHours.OnHolidays(rawValue: form["onHolidays"]) ?? .asUsual
        let hoursExtra = [
            FormField(
                name: "onHolidays", label: t("visit.editor.on_holidays"), value: rule.rawValue,
                options: OpeningHours.OnHolidays.allCases.map { SelectOption(value: $0.rawValue, label: t("visit.editor.holidays_\($0.rawValue)"), selected: $0 == rule) }),
            field("exceptions", "exceptions", hint: "exceptions_hint", maxlength: 20_000, rows: 3),
        ]
        let price = [
            field("priceFrom", "price_from", hint: "price_from_hint", inputmode: "decimal", maxlength: 20),
            field("priceNoteUk", "price_note_uk", maxlength: Place.noteLength.upperBound),
            field("priceNoteEn", "price_note_en", maxlength: Place.noteLength.upperBound),
        ]
        let ticked = Set(form.fields["access"] ?? [])
        let access = AccessibilityFeature.allCases.map { feature in
            FormField(name: "access", id: "access-\(feature.rawValue)", label: t("visit.access.\(feature.rawValue)"), value: feature.rawValue, checked: ticked.contains(feature.rawValue))
        }
        let accessNotes = [
            field("accessibilityNoteUk", "access_note_uk", maxlength: Place.noteLength.upperBound, rows: 2),
            field("accessibilityNoteEn", "access_note_en", maxlength: Place.noteLength.upperBound, rows: 2),
        ]
        let contacts = [
            field("phone", "phone", type: "tel", maxlength: 30), field("email", "email", type: "email", maxlength: 254),
            field("website", "website", type: "url", maxlength: 300),
        ]
        var photos: [Photo] = []
        if let id = editing?.id {
            let cityID = city.id
            photos = try await services.store.read { try await $0.photos.photos(of: .visitPlace(id), in: cityID) }.map { photo in
                Photo(
                    url: "\(GuidePages.url(city, id))/photos/\(photo.id.rawValue)", caption: photo.caption,
                    removeURL: "\(Self.url(city, id))/photos/\(photo.id.rawValue)/remove")
            }
        }
        let upload = editing.map { place in
            let problem = FormProblem(photoError, html: html, context: context)
            let fields = UploadForms(html: html, context: context).photoFields(form: FormData(), problem: problem, about: "photo")
            return PhotoUpload(action: UploadRoute.visitPlacePhotos.path(city: city, place.id), fields: fields, alert: problem.alert(unlessShownBy: fields))
        }
        let page = PlaceEditor(
            heading: t(editing == nil ? "visit.editor.new_place" : "visit.editor.edit_place"),
            action: editing.map { Self.url(city, $0.id) } ?? "\(Self.url(city))/places", alert: problems.isEmpty ? nil : t("visit.editor.problems"),
            saved: request.uri.queryParameters.get("saved") == "1" && problems.isEmpty, fields: fields, texts: texts, place: location, hours: hours,
            hoursExtra: hoursExtra, price: price, access: access, accessNotes: accessNotes, contacts: contacts,
            submit: t(editing == nil ? "visit.editor.create" : "visit.editor.save"), deskURL: Self.url(city),
            publicURL: editing.map { GuidePages.url(city, $0.id) }, photos: photos, hasPhotos: !photos.isEmpty, photoUpload: upload)
        return try await html.render(
            "visit-place-editor", page: page, titleKey: editing == nil ? "visit.editor.new_place" : "visit.editor.edit_place_title",
            titleArguments: ["place": editing?.name.localized(context.language) ?? ""], request: request, context: context, city: city,
            status: problems.isEmpty && photoError == nil ? .ok : photoError?.status ?? .unprocessableContent)
    }

    @Sendable func uploadPhoto(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        let place = try await storedPlace(city, context)
        let form = context.form ?? FormData()
        do {
            _ = try await services.photos.add(form.files["photo"]?.first, caption: form["caption"], to: .visitPlace(place.id), city: city, by: staff.accountID)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderPlace(request, context, city: city, editing: place, form: Self.form(of: place), photoError: error)
        }
        return HTML.redirect(Self.url(city, place.id))
    }

    @Sendable func removePhoto(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        let place = try await storedPlace(city, context)
        try await services.photos.remove(PhotoID(rawValue: try context.parameters.require("photo")), of: .visitPlace(place.id), city: city, by: staff.accountID)
        return HTML.redirect(Self.url(city, place.id))
    }

    // MARK: A route

    /// Rows for stops: those the route has and a few empty ones to add more, up to the most a route may have.
    static func stopRows(_ form: FormData) -> Int {
        let filled = (0..<VisitRoute.stopsRange.upperBound).last { !form["stop_\($0)"].isEmpty }.map { $0 + 1 } ?? 0
        return min(VisitRoute.stopsRange.upperBound, max(filled + 3, 5))
    }

    static func form(of route: VisitRoute) -> FormData {
        var fields: [String: [String]] = [
            "titleUk": [route.title.uk], "titleEn": [route.title.en], "summaryUk": [route.summary.uk], "summaryEn": [route.summary.en],
            "descriptionUk": [route.description.uk], "descriptionEn": [route.description.en], "mode": [route.mode.rawValue],
            "published": route.published ? ["1"] : [],
        ]
        for (index, stop) in route.stops.enumerated() {
            fields["stop_\(index)"] = [stop.place.rawValue]
            fields["stay_\(index)"] = [String(stop.minutes)]
            fields["noteUk_\(index)"] = [stop.note.uk]
            fields["noteEn_\(index)"] = [stop.note.en]
        }
        return FormData(fields: fields)
    }

    @Sendable func newRoute(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await renderRoute(request, context, city: city, editing: nil, form: FormData(fields: ["published": ["1"], "mode": ["walk"]]))
    }

    @Sendable func editRoute(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let route = try await storedRoute(city, context)
        return try await renderRoute(request, context, city: city, editing: route, form: Self.form(of: route))
    }

    @Sendable func createRoute(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await writeRoute(request, context, city: city, editing: nil)
    }

    @Sendable func saveRoute(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await writeRoute(request, context, city: city, editing: try await storedRoute(city, context))
    }

    private func storedRoute(_ city: Municipality, _ context: AppRequestContext) async throws -> VisitRoute {
        let id = VisitRouteID(rawValue: try context.parameters.require("route")), cityID = city.id
        guard let route = try await services.store.read({ try await $0.visitGuide.route(id, in: cityID) }) else { throw AppError.notFound }
        return route
    }

    private func writeRoute(_ request: Request, _ context: AppRequestContext, city: Municipality, editing stored: VisitRoute?) async throws -> Response {
        let form = context.form ?? FormData()
        let (route, problems) = PlaceForm.route(form, id: stored?.id ?? .random(), city: city, track: stored?.track ?? [], at: services.clock.now())
        do {
            guard let route else { throw GuideEditor.Refused(problems: problems) }
            try await editor.save(route, extraProblems: problems, city: city, principal: context.principal)
            return HTML.redirect(Self.url(city, route.id) + "?saved=1")
        } catch let refused as GuideEditor.Refused {
            return try await renderRoute(request, context, city: city, editing: stored, form: form, problems: refused.problems)
        }
    }

    struct StopRow {
        let number: Int
        let place: FormField
        let stay: FormField
        let noteUk: FormField
        let noteEn: FormField
    }

    struct RouteEditor {
        let heading: String
        let action: String
        let alert: String?
        let saved: Bool
        let texts: [FormField]
        let stopsError: String?
        let stops: [StopRow]
        let submit: String
        let deskURL: String
        let publicURL: String?
        let track: TrackBox?
    }

    /// The route's track: what it has, a GPX file to replace it, and taking it away.
    struct TrackBox {
        let state: String
        let action: String
        let field: FormField
        let alert: String?
        let removeURL: String?
    }

    private func renderRoute(
        _ request: Request, _ context: AppRequestContext, city: Municipality, editing: VisitRoute?, form: FormData, problems: [String: String] = [:],
        trackProblem: String? = nil
    ) async throws -> Response {
        func t(_ key: String) -> String { html.t(key, context) }
        func error(_ field: String) -> String? { problems[field].map { t("errors.\($0)") } }
        func field(_ name: String, _ label: String, required: Bool = false, maxlength: Int? = nil, rows: Int? = nil) -> FormField {
            FormField(name: name, label: t("visit.editor.\(label)"), value: form[name], error: error(name), required: required, maxlength: maxlength, rows: rows)
        }
        let cityID = city.id, language = context.language
        let places = try await services.store.read { try await $0.visitGuide.places(in: cityID, drafts: true) }
            .sorted { GuideService.precedes($0.name.localized(language), $1.name.localized(language), language) }
        let mode = RouteMode(rawValue: form["mode"]) ?? .walk
        let texts = [
            field("titleUk", "title_uk", required: true, maxlength: VisitRoute.titleLength.upperBound),
            field("titleEn", "title_en", required: true, maxlength: VisitRoute.titleLength.upperBound),
            FormField(
                name: "mode", label: t("visit.editor.mode"), value: mode.rawValue,
                options: RouteMode.allCases.map { SelectOption(value: $0.rawValue, label: t("visit.mode.\($0.rawValue)"), selected: $0 == mode) }),
            field("summaryUk", "summary_uk", maxlength: VisitRoute.summaryLength.upperBound, rows: 2),
            field("summaryEn", "summary_en", maxlength: VisitRoute.summaryLength.upperBound, rows: 2),
            field("descriptionUk", "description_uk", maxlength: VisitRoute.descriptionLength.upperBound, rows: 5),
            field("descriptionEn", "description_en", maxlength: VisitRoute.descriptionLength.upperBound, rows: 5),
            FormField(name: "published", label: t("visit.editor.published"), value: "1", hint: t("visit.editor.published_hint"), checked: !form["published"].isEmpty),
        ]
        let stops = (0..<Self.stopRows(form)).map { index in
            let chosen = form["stop_\(index)"]
            return StopRow(
                number: index + 1,
                place: FormField(
                    name: "stop_\(index)", label: html.t("visit.editor.stop", context, ["n": String(index + 1)]), value: chosen, error: error("stop_\(index)"),
                    options: [SelectOption(value: "", label: t("visit.editor.no_stop"), selected: chosen.isEmpty)]
                        + places.map { SelectOption(value: $0.id.rawValue, label: $0.name.localized(language), selected: $0.id.rawValue == chosen) }),
                stay: FormField(
                    name: "stay_\(index)", label: t("visit.editor.stay"), value: form["stay_\(index)"], error: error("stay_\(index)"), inputmode: "numeric", maxlength: 3),
                noteUk: FormField(name: "noteUk_\(index)", label: t("visit.editor.stop_note_uk"), value: form["noteUk_\(index)"], maxlength: Place.noteLength.upperBound),
                noteEn: FormField(name: "noteEn_\(index)", label: t("visit.editor.stop_note_en"), value: form["noteEn_\(index)"], maxlength: Place.noteLength.upperBound))
        }
        let page = RouteEditor(
            heading: t(editing == nil ? "visit.editor.new_route" : "visit.editor.edit_route"),
            action: editing.map { Self.url(city, $0.id) } ?? "\(Self.url(city))/routes", alert: problems.isEmpty ? nil : t("visit.editor.problems"),
            saved: request.uri.queryParameters.get("saved") == "1" && problems.isEmpty, texts: texts, stopsError: error("stops"), stops: stops,
            submit: t(editing == nil ? "visit.editor.create" : "visit.editor.save"), deskURL: Self.url(city),
            publicURL: editing.map { GuidePages.url(city, $0.id) },
            track: editing.map { route in
                TrackBox(
                    state: route.track.isEmpty ? t("visit.editor.track_none") : html.t("visit.editor.track_points", context, ["n": String(route.track.count)]),
                    action: "\(Self.url(city, route.id))/track",
                    field: FormField(
                        name: "gpx", label: t("visit.editor.track_file"), value: "", error: trackProblem.map { t("errors.\($0)") },
                        hint: t("visit.editor.track_hint"), type: "file", required: true, accept: ".gpx,application/gpx+xml"),
                    alert: nil, removeURL: route.track.isEmpty ? nil : "\(Self.url(city, route.id))/track/remove")
            })
        return try await html.render(
            "visit-route-editor", page: page, titleKey: editing == nil ? "visit.editor.new_route" : "visit.editor.edit_route_title",
            titleArguments: ["route": editing?.title.localized(language) ?? ""], request: request, context: context, city: city,
            status: problems.isEmpty && trackProblem == nil ? .ok : .unprocessableContent)
    }

    @Sendable func uploadTrack(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let route = try await storedRoute(city, context)
        let file = context.form?.files["gpx"]?.first
        let problem: String?
        do {
            guard let file, !file.bytes.isEmpty else { throw GPXTrack.Problem.noPoints }
            let track = GPXTrack.thinned(try GPXTrack.points(file.bytes))
            try await editor.setTrack(track, of: route.id, city: city, principal: context.principal)
            return HTML.redirect(Self.url(city, route.id) + "?saved=1")
        } catch let refused as GPXTrack.Problem {
            problem = switch refused {
            case .tooLarge: "visit_track_too_large"
            case .notXML, .notGPX: "visit_track_not_gpx"
            case .noPoints, .tooManyPoints: "visit_track_points"
            case .badPoint: "visit_track_bad_point"
            }
        }
        return try await renderRoute(request, context, city: city, editing: route, form: Self.form(of: route), trackProblem: problem)
    }

    @Sendable func removeTrack(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let route = try await storedRoute(city, context)
        try await editor.setTrack([], of: route.id, city: city, principal: context.principal)
        return HTML.redirect(Self.url(city, route.id) + "?saved=1")
    }
}

extension UploadRoute {
    static let visitRouteTrack = UploadRoute(path: "/{city}/admin/visit/routes/{route}/track", fileLimit: GPXTrack.maximumBytes)

    static let visitPlacePhotos = UploadRoute(path: "/{city}/admin/visit/places/{place}/photos", fileLimit: ImageSanitizer.maximumBytes)

    func path(city: Municipality, _ place: PlaceID) -> String {
        "/\(city.slug.rawValue)/admin/visit/places/\(place.rawValue)/photos"
    }
}
