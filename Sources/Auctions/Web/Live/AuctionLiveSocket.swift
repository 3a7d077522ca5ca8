import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

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
