import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// Following things and the mail about them (issue 21):
/// - `POST /{city}/follow`: follow or stop following a thing (the button on its page);
/// - `GET /account/follows`: what the person follows, and how they hear of it;
/// - `POST /account/follows/mail`: at once, a daily digest, or no mail;
/// - `GET|POST /unsubscribe?account=…&key=…`: the link in every letter. The
///   POST is RFC 8058's one click: a mail app sends it without cookies, so the
///   key in the link, not a CSRF token, is what lets it through.
struct FollowController {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    /// Follows and unfollows by one person: clicking about, not a script.
    static let followRule = RateLimitRule(name: "follow", limit: 120, window: 3_600)

    func add(to router: Router<AppRequestContext>) {
        router.post("/{city}/follow", use: follow)
        router.get("/account/follows", use: page)
        router.post("/account/follows/mail", use: chooseMail)
        router.get("/unsubscribe", use: unsubscribePage)
        router.post("/unsubscribe", use: unsubscribe)
    }

    // MARK: The button

    @Sendable func follow(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let form = context.form ?? FormData()
        let target = FollowTarget(kind: form["kind"], id: form["id"])
        guard target.isWellFormed, Followable.kinds.contains(target.linkKind) else { throw AppError.invalid(code: "follow_target", field: "id") }
        guard let account = context.account else {
            return HTML.redirect("/login?next=" + (Self.localPath(form["back"], city: city) ?? "/\(city.slug.rawValue)"))
        }
        // Only what the public may see in this city is followed.
        guard let thing = try await services.modules.linked(target, in: city, services: services) else {
            throw AppError.notFound
        }
        let stop = form["action"] == "unfollow", now = services.clock.now()
        let followed = try await services.store.write { tx -> Bool? in
            if let wait = try await RateLimiter.hit([(Self.followRule, account.id.rawValue)], in: tx, at: now) {
                throw AppError.rateLimited(retryAfter: wait)
            }
            if stop {
                try await tx.follows.unfollow(target, in: city.id, by: account.id)
                return nil
            }
            if try await tx.follows.follow(target, in: city.id, by: account.id, at: now) { return true }
            return try await tx.follows.isFollowing(target, in: city.id, by: account.id)
        }
        if followed == false { throw AppError.invalid(code: "follow_limit", field: "id") }
        return HTML.redirect(Self.localPath(form["back"], city: city) ?? thing.path)
    }

    /// Where to go back to: a path of this city or the account's list, never elsewhere.
    static func localPath(_ text: String?, city: Municipality) -> String? {
        guard let text, text.utf8.count <= 500, !text.contains("//"), !text.contains("\\"), !text.contains(where: \.isNewline),
              text.hasPrefix("/\(city.slug.rawValue)/") || text == "/\(city.slug.rawValue)" || text == "/account/follows"
        else { return nil }
        return text
    }

    // MARK: The account's list

    struct Page {
        struct Item {
            let title: String
            let url: String?
            let status: String
            let city: String
            let citySlug: String
            let kind: String
            let id: String
            let gone: Bool
        }
        struct Choice {
            let value: String
            let label: String
            let checked: Bool
        }
        let items: [Item]
        let empty: Bool
        let choices: [Choice]
        let confirmed: Bool
        let saved: Bool
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { return HTML.redirect("/login?next=/account/follows") }
        let (followed, mail, cities) = try await services.store.read { tx in
            (try await tx.follows.follows(of: account.id), try await tx.follows.mail(of: account.id), try await tx.municipalities.all())
        }
        let byID = Dictionary(cities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let language = context.language
        var items: [Page.Item] = []
        for entry in followed {
            guard let city = byID[entry.city] else { continue }
            let thing = try await services.modules.linked(entry.target, in: city, services: services)
            items.append(Page.Item(
                title: thing?.title(in: language) ?? html.t("follow.gone", context), url: thing?.path,
                status: thing.map { html.t($0.statusKey, context) } ?? "", city: city.name.localized(language), citySlug: city.slug.rawValue,
                kind: entry.target.kind, id: entry.target.id, gone: thing == nil))
        }
        let page = Page(
            items: items, empty: items.isEmpty,
            choices: NotificationMail.allCases.map { .init(value: $0.rawValue, label: html.t("follow.mail_choice.\($0.rawValue)", context), checked: $0 == mail) },
            confirmed: account.isEmailConfirmed, saved: request.uri.queryParameters.get("saved") != nil)
        return try await html.render("follows", page: page, titleKey: "follow.title", request: request, context: context, cities: cities)
    }

    @Sendable func chooseMail(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw AppError.notSignedIn }
        guard let choice = (context.form?["mail"]).flatMap(NotificationMail.init(rawValue:)) else {
            throw AppError.invalid(code: "follow_mail", field: "mail")
        }
        try await services.store.write { try await $0.follows.setMail(choice, of: account.id) }
        return HTML.redirect("/account/follows?saved=1")
    }

    // MARK: The link in every letter

    struct UnsubscribePage {
        let account: String
        let key: String
        let done: Bool
    }

    /// The account the link names, when its key is the one made for it.
    func unsubscribing(_ request: Request) -> AccountID? {
        let query = request.uri.queryParameters
        guard let account = query.get("account"), let key = query.get("key"), account.utf8.count <= 64, key.utf8.count <= 64,
              ConstantTime.equal(FollowMail.unsubscribeKey(for: AccountID(rawValue: account), keys: services.keys), key)
        else { return nil }
        return AccountID(rawValue: account)
    }

    @Sendable func unsubscribePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = unsubscribing(request) else { throw AppError.invalid(code: "unsubscribe_link") }
        let page = UnsubscribePage(account: account.rawValue, key: request.uri.queryParameters.get("key") ?? "", done: false)
        return try await html.render("unsubscribe", page: page, titleKey: "follow.unsubscribe.title", request: request, context: context)
    }

    @Sendable func unsubscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = unsubscribing(request) else { throw AppError.invalid(code: "unsubscribe_link") }
        try await services.store.write { try await $0.follows.setMail(.none, of: account) }
        let page = UnsubscribePage(account: account.rawValue, key: "", done: true)
        return try await html.render("unsubscribe", page: page, titleKey: "follow.unsubscribe.title", request: request, context: context)
    }
}
