import Foundation
import HromadaDomain
import Hummingbird

/// The city's news feed (`/{city}/feed.atom`) and calendar
/// (`/{city}/calendar.ics`), made of what each of its modules tells
/// (`Module.news`); `?module=petitions` keeps one module's. In the reader's
/// language (the `/en` switch, or `?lang=en` for a feed reader with no cookie).
struct FeedController {
    let services: AppServices

    /// Newest first; a reader polls, so a longer feed only costs bytes.
    static let entryLimit = 50
    /// The calendar keeps what ended in the last three months and all that is to come.
    static let calendarPast: TimeInterval = 92 * 86_400

    func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/feed.atom", use: feed)
        router.get("/{city}/calendar.ics", use: calendar)
    }

    /// The city's modules that tell news, or the one `?module=` names (404 for one the city does not run).
    func sources(_ request: Request, city: Municipality) throws -> [(slug: ModuleSlug, news: NewsSource)] {
        let enabled = services.modules.enabled(in: city).compactMap { module in module.news.map { (slug: module.slug, news: $0) } }
        guard let wanted = request.uri.queryParameters.get("module") else { return enabled }
        guard let one = enabled.first(where: { $0.slug.rawValue == wanted }) else { throw AppError.notFound }
        return [one]
    }

    /// `?lang=` for a feed reader (no language cookie), else the reader's language.
    func language(_ request: Request, _ context: AppRequestContext) -> Language {
        request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) ?? context.language
    }

    /// The deployment's host (`HROMADA_PUBLIC_URL`), which names ids and UIDs.
    var host: String { URL(string: services.configuration.publicBaseURL)?.host ?? "localhost" }

    /// A permanent id for an entry or event: a tag URI (RFC 4151) on the deployment's host.
    func tag(_ city: Municipality, _ module: ModuleSlug, _ key: String) -> String {
        "tag:\(host),2026:\(city.slug.rawValue)/\(module.rawValue)/\(key)"
    }

    /// An event's UID as RFC 5545 suggests: unique on the left, the deployment's host on the right.
    func uid(_ city: Municipality, _ module: ModuleSlug, _ key: String) -> String {
        "\(city.slug.rawValue)/\(module.rawValue)/\(key)@\(host)"
    }

    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let language = language(request, context)
        var entries: [(ModuleSlug, NewsEntry)] = []
        for (slug, news) in try sources(request, city: city) {
            entries += try await news.entries(city, Self.entryLimit, language, services).map { (slug, $0) }
        }
        entries.sort { ($0.1.updated, $0.1.key) > ($1.1.updated, $1.1.key) }
        let base = services.configuration.publicBaseURL
        let cityName = city.name.localized(language)
        let t = { (key: String) in services.localizer.string(key, language, ["city": cityName]) }
        let query = request.uri.query.map { "?" + $0 } ?? ""
        let atom = AtomFeed(
            id: tag(city, ModuleSlug(rawValue: "feed"), request.uri.queryParameters.get("module") ?? "all"),
            title: t("feed.title"), subtitle: t("feed.subtitle"), selfLink: "\(base)/\(city.slug.rawValue)/feed.atom\(query)",
            alternateLink: "\(base)/\(city.slug.rawValue)", author: cityName, language: language.rawValue,
            entries: entries.prefix(Self.entryLimit).map { slug, entry in
                .init(id: tag(city, slug, entry.key), title: entry.title, summary: entry.summary, link: base + entry.path, updated: entry.updated,
                      category: slug.rawValue)
            })
        return Self.text(atom.render(), type: "application/atom+xml; charset=utf-8")
    }

    @Sendable func calendar(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let language = language(request, context)
        let now = services.clock.now()
        var events: [(ModuleSlug, CalendarEvent)] = []
        for (slug, news) in try sources(request, city: city) {
            events += try await news.events(city, now.addingTimeInterval(-Self.calendarPast), language, services).map { (slug, $0) }
        }
        events.sort { ($0.1.start, $0.1.key) < ($1.1.start, $1.1.key) }
        let base = services.configuration.publicBaseURL
        let calendar = ICalendar(
            name: services.localizer.string("feed.calendar_name", language, ["city": city.name.localized(language)]), stamp: now,
            events: events.map { slug, event in
                .init(uid: uid(city, slug, event.key), summary: event.title, description: event.description, url: base + event.path,
                      start: event.start, end: event.end)
            })
        return Self.text(calendar.render(), type: "text/calendar; charset=utf-8")
    }

    static func text(_ body: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
