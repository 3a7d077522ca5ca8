import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// The WebSocket upgrade request's context: who connects, resolved by
/// `LiveSocketAuthentication` before the route decides to upgrade.
public struct LiveSocketContext: CityRequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket = WebSocketHandlerReference<Self>()
    public let peerAddress: String?
    public var clientAddress: String
    public var language: Language = .uk
    public var account: Account?
    /// The city named by the route, loaded once (`CityMiddleware`).
    public var city: Municipality?
    /// The session the connection came with, checked again at every bid: signing out ends bidding on open sockets too.
    var session: (token: String, kind: SessionKind)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
        clientAddress = peerAddress ?? "unknown"
    }
}

/// docs/interfaces.md: the live auction authenticates by the session cookie, or by
/// a `token` query parameter for API clients. Nobody needs to be signed in
/// to watch; only a bidder's own connection can bid.
struct LiveSocketAuthentication: RouterMiddleware {
    typealias Context = LiveSocketContext
    let services: AppServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = ClientMiddleware.clientAddress(
            peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor], trusted: services.configuration.trustedProxies)
        context.language = ClientMiddleware.language(request)
        let token: (String, SessionKind)? =
            if let query = request.uri.queryParameters.get("token"), !query.isEmpty { (String(query), .api) }
            else if let bearer = ClientMiddleware.bearerToken(request) { (bearer, .api) }
            // A page on another site could open a socket with our visitor's
            // cookie (cross-site WebSocket hijacking): the cookie counts only
            // from our own pages.
            else if Self.sameOrigin(request, publicURL: services.configuration.publicBaseURL),
                    let cookie = request.cookies[ClientMiddleware.sessionCookie]?.value { (cookie, .browser) }
            else { nil }
        if let (value, kind) = token, let (account, _) = try await services.accounts.principal(token: value, kind: kind) {
            context.account = account
            context.session = (value, kind)
        }
        return try await next(request, context)
    }

    /// Every `Origin` the request carries is our public address's origin:
    /// the same scheme, host and port (issue 13: a page on another port of our
    /// host is another site). A browser sends exactly one; a request with
    /// several is not a browser's and gets no cookie login. Loopback names are
    /// one machine, so a newcomer's http://localhost:8080 is the default
    /// http://127.0.0.1:8080.
    static func sameOrigin(_ request: Request, publicURL: String) -> Bool {
        let origins = request.headers[values: .origin]
        guard !origins.isEmpty, let ours = WebOrigin(publicURL) else { return false }
        return origins.allSatisfy { WebOrigin($0)?.isSameSite(as: ours) ?? false }
    }
}

/// The scheme, host and port of a URL, with the scheme's default port filled in.
struct WebOrigin: Equatable {
    let scheme: String
    let host: String
    let port: Int

    init?(_ text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), var host = url.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let port = url.port ?? ["http": 80, "https": 443][scheme] else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    func isSameSite(as other: WebOrigin) -> Bool {
        guard scheme == other.scheme, port == other.port else { return false }
        return host == other.host || (Loopback.isLoopback(host: host) && Loopback.isLoopback(host: other.host))
    }
}

/// `GET /api/v1/{city}/auctions/{id}/live`: the messages are in docs/live-auction.md.
struct AuctionLiveSocket {
    let services: AppServices

    func add(to router: Router<LiveSocketContext>) {
        router.ws("/api/v1/{city}/auctions/{lot}/live") { _, context in
            // An unknown city or lot is a 404 before any upgrade.
            _ = try await lot(context)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            try await run(inbound, outbound, context.requestContext)
        }
    }

    func lot(_ context: LiveSocketContext) async throws -> (city: Municipality, lot: Lot) {
        let id = LotID(rawValue: try context.parameters.require("lot"))
        guard let city = context.city, let (lot, _) = try await services.store.read({ try await $0.auctions.lot(id, in: city.id) })
        else { throw HTTPError(.notFound) }
        return (city, lot)
    }

    struct Hello: Encodable {
        let type = "hello"
        let lot: String
        /// `bidder`, `observer` (signed in, not admitted) or `anonymous`.
        let viewer: String
    }

    struct You: Encodable {
        let type = "you"
        let participant: Int
    }

    struct Ack: Encodable {
        let type = "ack"
        let ref: String?
    }

    struct Refusal: Encodable {
        let type = "error"
        let ref: String?
        let error: JSONResponse.ErrorBody.Detail
    }

    /// `{"type":"bid","move":"raise"|"pass"|"match","amount":KOPIYKY,"ref":…}`.
    struct Incoming: Decodable {
        let type: String
        let ref: String?
        let move: String?
        let amount: Int64?
    }

    func run(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, _ context: LiveSocketContext) async throws {
        let (city, lot) = try await lot(context)
        let account = context.account
        let admitted = try await account.asyncFlatMap { account in
            try await services.store.read { try await $0.auctions.bidders(of: lot.id) }.first { $0.accountID == account.id && $0.isAdmitted }
        }
        let viewer = admitted != nil ? "bidder" : account != nil ? "observer" : "anonymous"
        try await outbound.writeTextMessage(try Self.text(Hello(lot: lot.id.rawValue, viewer: viewer)))
        let feed = services.liveFeed
        let (watcher, updates) = await feed.watch(lot.id, city: city, services: services)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    var lookedUp = false
                    for await update in updates {
                        try await outbound.writeTextMessage(update.message(at: services.clock.now()))
                        // The bidder's own number, once the auction has numbered its participants: looked up
                        // once at the start (the organiser may admit a bidder after they connected, never after it).
                        if let account, !lookedUp, update.started {
                            lookedUp = true
                            let live = try await services.auctions.live(lot)
                            if let bidder = live.admitted.first(where: { $0.accountID == account.id }), let number = live.numbers[bidder.id] {
                                try await outbound.writeTextMessage(try Self.text(You(participant: number)))
                            }
                        }
                    }
                }
                group.addTask {
                    for try await message in inbound.messages(maxSize: 4096) {
                        guard case .text(let text) = message else { continue }
                        let answer = await answer(text, city: city, lot: lot.id, context: context)
                        try await outbound.writeTextMessage(answer)
                    }
                }
                // The client closed (or the socket failed): stop sending too.
                _ = try await group.next()
                group.cancelAll()
            }
        } catch {
            await feed.stopWatching(lot.id, id: watcher)
            throw error
        }
        await feed.stopWatching(lot.id, id: watcher)
    }

    /// A bid through the socket: the same move, checks and refusals as `POST …/bids`.
    func answer(_ text: String, city: Municipality, lot: LotID, context: LiveSocketContext) async -> String {
        var ref: String?
        do {
            guard let incoming = try? JSONDecoder().decode(Incoming.self, from: Data(text.utf8)) else {
                throw AppError.badRequest(code: "live_message_invalid")
            }
            ref = incoming.ref
            guard incoming.type == "bid" else { throw AppError.badRequest(code: "live_message_invalid") }
            guard let session = context.session,
                  let (account, _) = try await services.accounts.principal(token: session.token, kind: session.kind)
            else { throw AppError.notSignedIn }
            let move = try AuctionAPIController.move(incoming.move, amount: incoming.amount)
            _ = try await services.auctions.move(lot, move, city: city, by: account)
            return try Self.text(Ack(ref: ref))
        } catch {
            // A refusal is an answer; anything else is a bug, logged by type only (never the bid).
            let code: String, key: String
            if let refusal = error as? AppError {
                (code, key) = (refusal.code, refusal.messageKey)
            } else {
                context.logger.error("live bid failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                (code, key) = ("internal_error", "errors.internal_error")
            }
            let message = services.localizer.string(key, context.language)
            return (try? Self.text(Refusal(ref: ref, error: .init(code: code, message: message, field: (error as? AppError)?.field))))
                ?? #"{"type":"error","error":{"code":"internal_error","message":""}}"#
        }
    }

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try JSONResponse.data(value), as: UTF8.self)
    }
}
