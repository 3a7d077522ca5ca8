import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The day's collection as people use it.
/// - The dispatcher's day (`/{city}/admin/waste/day`, `waste.dispatch`):
///   today's plan, each truck's route on the map and as a list with what
///   the crews reported, the distance against the fixed schedule's, and
///   "plan again now" until a crew starts.
/// - The crew's phone page (`/{city}/waste/crew`, `waste.crew`): one
///   truck's stops in order, each with a link that opens the phone's map,
///   "emptied", and "skipped, because…". Plain forms: it works without JavaScript.
struct WasteDayPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/waste/day", use: day)
        router.post(":city/admin/waste/day/plan", use: planNow)
        router.get(":city/waste/crew", use: crew)
        router.post(":city/waste/crew/stops/:stop", use: report)
    }

    /// What a truck's id may carry unescaped in the crew page's query.
    static let queryValue = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))

    /// Route colours on the map and beside each list, told apart by hue and by name.
    static let colours = ["#0b57a4", "#b3261e", "#1e7b34", "#7b3fa0", "#b35900", "#00796b"]

    /// What the pages say about each container.
    struct Places {
        let names: [ContainerID: (site: String, address: String, point: GeoPoint, fraction: Fraction)]
        let trucks: [TruckID: String]
        let depot: GeoPoint?
        let transfer: GeoPoint?

        init(_ services: AppServices, _ city: MunicipalityID) async throws {
            let (sites, containers, trucks, facilities) = try await services.store.read { tx in
                (try await tx.wasteRegister.sites(in: city), try await tx.wasteRegister.containers(in: city), try await tx.wasteRegister.trucks(in: city),
                 try await tx.wasteRegister.facilities(in: city))
            }
            let byID = Dictionary(sites.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
            names = Dictionary(containers.compactMap { stored in
                byID[stored.value.container.site].map { (stored.id, ($0.name, $0.address, $0.point, stored.value.container.fraction)) }
            }, uniquingKeysWith: { first, _ in first })
            self.trucks = Dictionary(trucks.map { ($0.id, $0.value.name) }, uniquingKeysWith: { first, _ in first })
            let yards = WastePlanning.yards(trucks: trucks, facilities: facilities)
            depot = yards?.depot
            transfer = yards?.transfer
        }
    }

    // MARK: The dispatcher's day

    struct StopRow {
        let number: Int
        let place: String
        let url: String
        let fill: String
        let mustGo: Bool
        let unloadFirst: Bool
        let status: String?
        let skipped: Bool
        let emptied: Bool
    }

    struct RouteRow {
        let truck: String
        let colour: String
        let summary: String
        let stops: [StopRow]
    }

    struct DayPage {
        let date: String
        let hasPlan: Bool
        let madeBy: String
        let total: String
        let fixed: String?
        let progress: String
        let routes: [RouteRow]
        let leftOut: [StopRow]
        let hasLeftOut: Bool
        let map: MapView?
        let planAction: String?
        let underWay: Bool
        let done: String?
        let problem: String?
    }

    @Sendable func day(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderDay(request, context, city: try await services.wasteStaffCity(context, .dispatchWaste))
    }

    func renderDay(_ request: Request, _ context: AppRequestContext, city: Municipality, problem: AppError? = nil) async throws -> Response {
        let plan = try await services.wastePlanning.today(city: city, principal: context.principal, as: .dispatchWaste)
        let places = try await Places(services, city.id)
        let slug = city.slug.rawValue, language = context.language
        let routes = (plan?.routes ?? []).enumerated().map { index, route in
            let stops = plan?.stops.filter { $0.truck == route.truck } ?? []
            return RouteRow(
                truck: places.trucks[route.truck] ?? "—", colour: Self.colours[index % Self.colours.count],
                summary: summary(route, stops: stops.count, context),
                stops: stops.map { stopRow($0, places: places, city: slug, context) })
        }
        let stops = plan?.stops.filter { $0.truck != nil } ?? []
        let reported = stops.filter { $0.outcome != nil }.count
        let fixed: String? = plan.flatMap { plan in
            plan.fixedMetres.map { fixed in
                html.t("waste.day.against_fixed", context, [
                    "km": WasteFormat.kilometres(fixed, language), "stops": String(plan.fixedStops),
                    "share": fixed > 0 ? String(Int((Double(plan.metres) / Double(fixed) * 100).rounded())) : "—",
                ])
            }
        }
        let leftOut = (plan?.stops ?? []).filter { $0.truck == nil }.map { stopRow($0, places: places, city: slug, context) }
        let page = DayPage(
            date: plan.map { Self.longDate($0.day, language) } ?? Self.longDate(CalendarDate.inKyiv(services.clock.now()), language),
            hasPlan: plan != nil,
            madeBy: plan.map { plan in
                html.t(plan.plannedBy == nil ? "waste.day.made_morning" : "waste.day.made_by_dispatcher", context, [
                    "time": WasteFormat.time(plan.plannedAt, language), "distances": html.t("waste.day.distances.\(plan.distances)", context),
                ])
            } ?? "",
            total: html.t("waste.day.total", context, ["km": WasteFormat.kilometres(plan?.metres ?? 0, language), "stops": String(stops.count)]),
            fixed: fixed,
            progress: html.t("waste.day.progress", context, ["done": String(reported), "of": String(stops.count)]),
            routes: routes,
            leftOut: leftOut,
            hasLeftOut: !leftOut.isEmpty,
            map: plan.flatMap { mapView($0, places: places, context) },
            planAction: plan?.isUnderWay == true ? nil : "/\(slug)/admin/waste/day/plan",
            underWay: plan?.isUnderWay == true,
            done: request.uri.queryParameters.get("done") == "planned" ? html.t("waste.day.done_planned", context) : nil,
            problem: problem.map { html.t("errors.\($0.code)", context) })
        return try await html.render(
            "waste-day", page: page, titleKey: "waste.day.title", titleArguments: ["city": city.name.localized(language)], request: request,
            context: context, city: city, status: problem.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }

    func stopRow(_ stop: PlanRepository.StoredStop, places: Places, city: String, _ context: AppRequestContext) -> StopRow {
        let place = places.names[stop.container]
        return StopRow(
            number: stop.position, place: place.map { "\($0.site) · \(html.t("waste.fraction.\($0.fraction.rawValue)", context))" } ?? "—",
            url: "/\(city)/waste/containers/\(stop.container.rawValue)", fill: html.t("waste.fill", context, ["n": String(stop.fill)]), mustGo: stop.mustGo,
            unloadFirst: stop.unloadsBefore, status: status(stop, context), skipped: stop.outcome == .skipped, emptied: stop.outcome == .emptied)
    }

    func status(_ stop: PlanRepository.StoredStop, _ context: AppRequestContext) -> String? {
        guard let outcome = stop.outcome else { return nil }
        let time = stop.decidedAt.map { WasteFormat.time($0, context.language) } ?? ""
        switch outcome {
        case .emptied: return html.t("waste.crew.emptied_at", context, ["time": time])
        case .skipped:
            let reason = stop.reason.map { html.t("waste.crew.reason.\($0.rawValue)", context) } ?? ""
            return html.t("waste.crew.skipped_at", context, ["time": time, "reason": stop.note.isEmpty ? reason : "\(reason): \(stop.note)"])
        }
    }

    /// Each route as a coloured line from the depot through its stops to the transfer station and back, and its stops as points.
    func mapView(_ plan: PlanRepository.StoredPlan, places: Places, _ context: AppRequestContext) -> MapView? {
        var features: [[String: Any]] = []
        func position(_ point: GeoPoint) -> [Double] { [point.longitude, point.latitude] }
        for (index, route) in plan.routes.enumerated() {
            let colour = Self.colours[index % Self.colours.count]
            let stops = plan.stops.filter { $0.truck == route.truck }
            // Through the transfer station wherever the truck unloads on the way.
            let points = stops.flatMap { stop -> [GeoPoint] in
                guard let point = places.names[stop.container]?.point else { return [] }
                return stop.unloadsBefore ? [places.transfer, point].compactMap { $0 } : [point]
            }
            let line = [places.depot].compactMap { $0 } + points + [places.transfer, places.depot].compactMap { $0 }
            if line.count >= 2 {
                features.append([
                    "type": "Feature", "geometry": ["type": "LineString", "coordinates": line.map(position)],
                    "properties": ["colour": colour, "title": places.trucks[route.truck] ?? ""],
                ])
            }
            for stop in stops {
                guard let place = places.names[stop.container] else { continue }
                features.append([
                    "type": "Feature", "geometry": ["type": "Point", "coordinates": position(place.point)],
                    "properties": [
                        "colour": colour, "title": "\(stop.position). \(place.site)",
                        "url": "/\(plan.city.rawValue)/waste/containers/\(stop.container.rawValue)",
                        "label": "\(places.trucks[route.truck] ?? "") · \(html.t("waste.fill", context, ["n": String(stop.fill)]))",
                    ],
                ])
            }
        }
        guard !features.isEmpty,
              let data = try? JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features], options: [.sortedKeys]),
              let shape = String(data: data, encoding: .utf8)
        else { return nil }
        let centre = places.depot ?? places.names.values.first?.point
        return MapView(
            services: services, label: html.t("waste.day.map_label", context),
            centre: (centre?.longitude ?? 28.4682, centre?.latitude ?? 49.2331), shape: shape)
    }

    @Sendable func planNow(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await services.wasteStaffCity(context, .dispatchWaste)
        do {
            _ = try await services.wastePlanning.planNow(city: city, principal: context.principal)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderDay(request, context, city: city, problem: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/waste/day?done=planned")
    }

    /// "17 stops · 3 loads · 32.8 km · 2 h 26 min · 53,200 l": a truck's day, on both pages.
    func summary(_ route: PlanRepository.StoredRoute, stops: Int, _ context: AppRequestContext) -> String {
        html.t("waste.day.route_summary", context, [
            "stops": String(stops), "km": WasteFormat.kilometres(route.metres, context.language),
            "duration": duration(route.seconds, context), "litres": WasteFormat.number(route.litres, context.language), "trips": String(route.trips),
        ])
    }

    /// "3 год 05 хв" / "3 h 05 min".
    func duration(_ seconds: Int, _ context: AppRequestContext) -> String {
        let minutes = max(0, seconds) / 60
        return html.t("waste.day.duration", context, ["hours": String(minutes / 60), "minutes": String(format: "%02d", minutes % 60)])
    }

    static func longDate(_ day: CalendarDate, _ language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = WasteFormat.kyiv
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) else { return day.description }
        return date.formatted(
            Date.FormatStyle(locale: Locale(identifier: language == .uk ? "uk_UA" : "en_GB"), timeZone: WasteFormat.kyiv).weekday(.wide).day().month(.wide))
    }

    // MARK: The crew's page

    struct CrewStop {
        let id: String
        let number: Int
        let site: String
        let address: String
        let fraction: String
        let fill: String
        let mustGo: Bool
        /// Unload at the transfer station before this stop.
        let unloadFirst: Bool
        let mapURL: String
        let geoURL: String
        let status: String?
        let skipped: Bool
        let next: Bool
        let action: String?
        let problem: String?
    }

    struct TruckLink {
        let name: String
        let url: String
        let summary: String
    }

    struct CrewPage {
        let date: String
        let truck: String?
        /// The truck's id, so a report comes back to its page.
        let truckID: String
        let summary: String?
        let stops: [CrewStop]
        let trucks: [TruckLink]
        let pickTruck: Bool
        let reasons: [Choice]
        let noPlan: Bool
        let done: String?
        let allDone: Bool
    }

    struct Choice {
        let value: String
        let label: String
    }

    @Sendable func crew(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderCrew(request, context, city: try await services.wasteStaffCity(context, .crewWaste))
    }

    func renderCrew(
        _ request: Request, _ context: AppRequestContext, city: Municipality, truck chosen: String? = nil, failed: (PlanStopID, AppError)? = nil
    ) async throws -> Response {
        let plan = try await services.wastePlanning.today(city: city, principal: context.principal, as: .crewWaste)
        let places = try await Places(services, city.id)
        let slug = city.slug.rawValue, language = context.language
        let routes = plan?.routes ?? []
        // A refused report comes back to its stop's truck, whatever the form said.
        let failedTruck = failed.flatMap { failed in plan?.stops.first { $0.id == failed.0 }?.truck?.rawValue }
        let wanted = failedTruck ?? chosen ?? request.uri.queryParameters.get("truck")
        // One truck out today: its page. Several: the crew picks theirs (the link is theirs to keep).
        let route = routes.first { $0.truck.rawValue == wanted } ?? (routes.count == 1 ? routes.first : nil)
        let stops = route.map { route in plan?.stops.filter { $0.truck == route.truck } ?? [] } ?? []
        let next = stops.first { $0.outcome == nil }?.id
        let crewStops = stops.map { stop in
            let place = places.names[stop.container]
            let point = place?.point
            return CrewStop(
                id: stop.id.rawValue, number: stop.position, site: place?.site ?? "—", address: place?.address ?? "",
                fraction: place.map { html.t("waste.fraction.\($0.fraction.rawValue)", context) } ?? "",
                fill: html.t("waste.fill", context, ["n": String(stop.fill)]), mustGo: stop.mustGo, unloadFirst: stop.unloadsBefore,
                mapURL: point.map { "https://www.openstreetmap.org/?mlat=\($0.latitude)&mlon=\($0.longitude)#map=18/\($0.latitude)/\($0.longitude)" } ?? "",
                geoURL: point.map { "geo:\($0.latitude),\($0.longitude)" } ?? "",
                status: status(stop, context), skipped: stop.outcome == .skipped, next: stop.id == next,
                action: stop.outcome == nil ? "/\(slug)/waste/crew/stops/\(stop.id.rawValue)" : nil,
                problem: failed?.0 == stop.id ? html.t("errors.\(failed?.1.code ?? "")", context) : nil)
        }
        let page = CrewPage(
            date: Self.longDate(plan?.day ?? CalendarDate.inKyiv(services.clock.now()), language),
            truck: route.map { places.trucks[$0.truck] ?? "—" },
            truckID: route?.truck.rawValue ?? "",
            summary: route.map { summary($0, stops: stops.count, context) },
            stops: crewStops,
            trucks: route == nil ? routes.map { route in
                TruckLink(
                    name: places.trucks[route.truck] ?? "—", url: "/\(slug)/waste/crew?truck=\(route.truck.rawValue)",
                    summary: html.t("waste.crew.truck_stops", context, ["stops": String(plan?.stops.filter { $0.truck == route.truck }.count ?? 0)]))
            } : [],
            pickTruck: route == nil && !routes.isEmpty,
            reasons: SkipReason.allCases.map { Choice(value: $0.rawValue, label: html.t("waste.crew.reason.\($0.rawValue)", context)) },
            noPlan: routes.isEmpty,
            done: request.uri.queryParameters.get("done").flatMap { ["emptied", "skipped"].contains($0) ? html.t("waste.crew.done_\($0)", context) : nil },
            allDone: !stops.isEmpty && next == nil)
        return try await html.render(
            "waste-crew", page: page, titleKey: "waste.crew.title", titleArguments: ["city": city.name.localized(language)], request: request,
            context: context, city: city, status: failed.map { HTTPResponse.Status(code: $0.1.status.code) } ?? .ok)
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await services.wasteStaffCity(context, .crewWaste)
        let stop = PlanStopID(rawValue: try context.parameters.require("stop"))
        let form = context.form ?? FormData()
        let truck = form["truck"]
        do {
            try await services.wastePlanning.report(stop, outcome: form["outcome"], reason: form["reason"], note: form["note"], city: city, principal: context.principal)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderCrew(request, context, city: city, truck: truck, failed: (stop, error))
        }
        let query = truck.isEmpty ? "" : "truck=\(truck.addingPercentEncoding(withAllowedCharacters: Self.queryValue) ?? "")&"
        return HTML.redirect("/\(city.slug.rawValue)/waste/crew?\(query)done=\(form["outcome"] == "skipped" ? "skipped" : "emptied")")
    }
}
