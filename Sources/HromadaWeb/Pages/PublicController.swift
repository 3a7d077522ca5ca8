import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// Platform and city home pages, language switch, audit head, health and metrics.
struct PublicController {
    package let services: AppServices
    package var html: HTML { HTML(services: services) }

    package func add(to router: Router<AppRequestContext>) {
        router.get("/", use: platformHome)
        router.get("/uk") { request, context in try await switchLanguage(.uk, request, context) }
        router.get("/en") { request, context in try await switchLanguage(.en, request, context) }
        router.get("/audit", use: auditPage)
        router.get("/healthz", use: health)
        router.get("/livez", use: live)
        router.get("/readyz", use: ready)
        router.get("/metrics", use: metrics)
        router.get("/static/{file}", use: staticFile)
        router.get("/{city}", use: cityHome)
    }

    struct PlatformHome {
        struct OblastItem {
            package let slug: String
            package let name: String
            package let cities: [CityItem]
        }
        package let oblasts: [OblastItem]
    }

    struct CityItem {
        package let slug: String
        package let name: String
        package let population: String
        package let area: String
    }

    func cityItem(_ city: Municipality, _ language: Language) -> CityItem {
        CityItem(
            slug: city.slug.rawValue, name: city.name.localized(language), population: NumberFormat.grouped(city.population),
            area: String(format: "%.1f", city.areaKm2).replacingOccurrences(of: ".", with: language == .uk ? "," : "."))
    }

    @Sendable func platformHome(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (oblasts, cities) = try await services.store.read { tx in
            (try await tx.municipalities.oblasts(), try await tx.municipalities.all())
        }
        let items = oblasts.map { oblast in
            PlatformHome.OblastItem(
                slug: oblast.slug.rawValue, name: oblast.name.localized(context.language),
                cities: cities.filter { $0.oblastID == oblast.id }.map { cityItem($0, context.language) })
        }
        return try await html.render(
            "home", page: PlatformHome(oblasts: items), titleKey: "home.title", request: request, context: context, cities: cities)
    }

    struct CityHome {
        struct ModuleItem {
            package let name: String
            package let description: String
            package let url: String
        }
        /// A dataset of the city's modules, with its two files.
        struct DatasetItem {
            package let title: String
            package let module: String
            package let frequency: String
            package let csv: String
            package let json: String
        }
        package let city: CityItem
        package let modules: [ModuleItem]
        package let datasets: [DatasetItem]
        let hasDatasets: Bool
        /// The list of the city's datasets with their fields (`/api/v1/{city}/open-data`).
        package let openDataURL: String
        package let verified: Bool
        package let signedIn: Bool
        package let verifyURL: String
    }

    @Sendable func cityHome(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try context.parameters.require("city")
        let account = context.account?.id
        // One round trip for the city, the switcher's list and the reader's residency.
        let (cities, verified) = try await services.store.read { tx in
            let cities = try await tx.municipalities.all()
            guard let city = cities.first(where: { $0.slug.rawValue == slug }), let account else { return (cities, false) }
            return (cities, try await tx.residency.find(account: account, in: city.id) != nil)
        }
        guard !Slug.reserved.contains(slug), let city = cities.first(where: { $0.slug.rawValue == slug }) else {
            throw AppError.notFound
        }
        // Exactly the modules this deployment has and this city runs.
        let modules = services.modules.enabled(in: city).map { module in
            CityHome.ModuleItem(
                name: html.t("modules.\(module.slug.rawValue).name", context),
                description: html.t("modules.\(module.slug.rawValue).description", context),
                url: "/\(city.slug.rawValue)/\(module.slug.rawValue)")
        }
        // Likewise exactly the datasets of those modules.
        let datasets = OpenDataController.entries(services.modules, in: city).map { entry in
            CityHome.DatasetItem(
                title: html.t(entry.dataset.titleKey, context), module: html.t("modules.\(entry.module.slug.rawValue).name", context),
                frequency: html.t("open_data.frequency.\(entry.dataset.frequency.rawValue)", context),
                csv: entry.path(city, .csv), json: entry.path(city, .json))
        }
        let page = CityHome(
            city: cityItem(city, context.language), modules: modules, datasets: datasets, hasDatasets: !datasets.isEmpty,
            openDataURL: "/api/v1/\(city.slug.rawValue)/\(ModuleRegistry.openDataSegment)", verified: verified, signedIn: context.isSignedIn,
            verifyURL: "/\(city.slug.rawValue)/verify")
        return try await html.render(
            "city", page: page, titleKey: "city.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city, cities: cities)
    }

    func switchLanguage(_ language: Language, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let next = LocalPath.sanitize(request.uri.queryParameters.get("next"))
        // Signed in, the choice is theirs for mail too. A preference only:
        // a forged link can change nothing else.
        if let account = context.account, account.language != language {
            try await services.store.write { try await $0.accounts.setLanguage(of: account.id, to: language) }
        }
        var response = HTML.redirect(next)
        response.setCookie(Cookie(
            name: ClientMiddleware.languageCookie, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
            secure: context.isSecure, httpOnly: true, sameSite: .lax))
        return response
    }

    struct AuditPage {
        struct EntryItem {
            package let action: String
            package let actor: String
            package let occurredAt: String
            package let sealed: Bool
        }
        package let height: String
        package let hash: String
        package let sealedAt: String
        package let publicKey: String
        let hasBlocks: Bool
        package let entries: [EntryItem]
    }

    @Sendable func auditPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (block, entries) = try await services.store.read { tx in
            (try await tx.audit.latestBlock(), try await tx.audit.recentEntries(in: nil, limit: 20, excluding: AuditAction.withheldFromPublicList))
        }
        let page = AuditPage(
            height: block.map { String($0.height) } ?? "0", hash: block?.hash ?? "", sealedAt: block.map { DateText.kyiv($0.sealedAt) } ?? "",
            publicKey: Hex.encode(services.keys.auditSigning.publicKey.rawRepresentation), hasBlocks: block != nil,
            entries: entries.map { .init(action: $0.action, actor: $0.actor, occurredAt: DateText.kyiv($0.occurredAt), sealed: false) })
        return try await html.render("audit", page: page, titleKey: "audit.title", request: request, context: context)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        if await services.store.ping() {
            return try JSONResponse.encode(["status": "ok", "database": services.store.dialect.rawValue])
        }
        return try JSONResponse.encode(["status": "unavailable"], status: .serviceUnavailable)
    }

    /// The process runs and answers; nothing else is asked (a restart would not mend the database).
    @Sendable func live(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.encode(["status": "alive"])
    }

    /// Whether to send this instance work: 503 names what is wrong (`Readiness`).
    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        let problems = await Readiness.problems(services)
        guard problems.isEmpty else {
            struct NotReady: Encodable {
                let status = "unavailable"
                let problems: [String]
            }
            return try JSONResponse.encode(NotReady(problems: problems.map(\.rawValue)), status: .serviceUnavailable)
        }
        return try JSONResponse.encode(["status": "ready", "database": services.store.dialect.rawValue])
    }

    /// Prometheus text; with `HROMADA_METRICS_TOKEN`, or to a direct loopback client.
    @Sendable package func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        let allowed = Self.mayReadMetrics(
            peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor], trustedProxies: services.configuration.trustedProxies,
            token: services.configuration.metricsToken, bearer: ClientMiddleware.bearerToken(request))
        guard allowed else { throw AppError.notFound }
        await OperationalMetrics.refresh(services)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: services.metrics.emitToBuffer())))
    }

    /// The token opens the metrics. Without it, only a loopback peer that is
    /// the client itself does: behind a reverse proxy every request comes
    /// from the proxy's address, with or without `X-Forwarded-For`, so once
    /// trusted proxies are configured loopback proves nothing (issue 13).
    static func mayReadMetrics(peer: String?, forwardedFor: String?, trustedProxies: [CIDR], token: String?, bearer: String?) -> Bool {
        if let token, !token.isEmpty, let bearer { return ConstantTime.equal(bearer, token) }
        guard trustedProxies.isEmpty, forwardedFor == nil else { return false }
        return Loopback.isLoopback(address: peer)
    }

    @Sendable func staticFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = try context.parameters.require("file")
        guard let asset = StaticAssets.shared[name] else { throw AppError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}


/// Only same-site paths are followed after sign-in or a language switch:
/// an open redirect would help phishing.
enum LocalPath {
    package static func sanitize(_ path: String?) -> String {
        // Browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil`
        // or `/\evil` would become the off-site `//evil`: allow none of them.
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), path.utf8.count <= 2000,
              path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "\\" })
        else { return "/" }
        return path
    }
}

package enum DateText {
    private static var kyivCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? .gmt
        return calendar
    }

    /// Kyiv time, as people here read it: `29.11.2026 14:05`.
    package static func kyiv(_ date: Date) -> String {
        let c = kyivCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d.%02d.%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// A calendar day as people here read it: `31.12.2026`.
    package static func day(_ date: CalendarDate) -> String {
        String(format: "%02d.%02d.%04d", date.day, date.month, date.year)
    }

    /// Kyiv time to the second, as a protocol records moves: `29.11.2026 14:05:09`.
    package static func kyivSeconds(_ date: Date) -> String {
        let c = kyivCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%02d.%02d.%04d %02d:%02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// The value of an `<input type="datetime-local">`, `2027-01-08T09:00`, in Kyiv time.
    package static func kyivInput(_ date: Date) -> String {
        let c = kyivCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// Reads what `kyivInput` writes (seconds allowed); nil for anything else.
    package static func kyivInput(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" }).map { Int($0) }
        guard (5...6).contains(parts.count), !parts.contains(nil) else { return nil }
        let n = parts.compactMap { $0 }
        var components = DateComponents(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4], second: n.count > 5 ? n[5] : 0)
        components.timeZone = kyivCalendar.timeZone
        // The year is bounded before the calendar sees it: a year of 2^63 is not one to compute with.
        guard (1970...2200).contains(n[0]), (1...12).contains(n[1]), (1...31).contains(n[2]), (0...23).contains(n[3]), (0...59).contains(n[4]),
              n.count == 5 || (0...59).contains(n[5]),
              let date = kyivCalendar.date(from: components), kyivCalendar.component(.day, from: date) == n[2]
        else { return nil }
        return date
    }
}

/// The stylesheet and icon, read from the bundle once.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        package let bytes: [UInt8]
        package let contentType: String
    }

    package static let shared = StaticAssets()
    private let assets: [String: Asset]

    private init() {
        var assets: [String: Asset] = [:]
        if let folder = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("Public"),
           let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) {
            for file in files {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else { continue }
                let type = file.hasSuffix(".css") ? "text/css; charset=utf-8"
                    : file.hasSuffix(".svg") ? "image/svg+xml" : file.hasSuffix(".js") ? "text/javascript; charset=utf-8"
                    : file.hasSuffix(".txt") ? "text/plain; charset=utf-8" : "application/octet-stream"
                assets[file] = Asset(bytes: Array(data), contentType: type)
            }
        }
        self.assets = assets
    }

    package subscript(_ name: String) -> Asset? { assets[name] }
}
