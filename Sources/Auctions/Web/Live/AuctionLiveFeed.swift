import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Everyone in this process watching a live auction, and the one message
/// they all get whenever the auction's state changes.
///
/// The state is rendered once per change and the same text goes to every
/// watcher: nothing in it depends on who watches (a bidder learns their own
/// participant number from a message of their own). Changes come from three
/// places: a move written here, a move or status change written by another
/// instance (PostgreSQL NOTIFY, `AuctionLiveRelay`), and the clock — a turn
/// that ends without a move, which no write announces, so the feed wakes
/// itself at each stage's end.
public actor AuctionLiveFeed {
    /// What a watcher receives.
    public struct Update: Sendable, Equatable {
        /// The lot as the API shows it, JSON: the same text for every watcher.
        public let lot: String
        /// Whether the auction has started (a bidder's connection looks up its number then).
        public let started: Bool

        /// The `state` message of docs/live-auction.md. The server's time is
        /// the moment of sending, not of rendering: a watcher who joins later
        /// gets the last state with a fresh clock for its countdown.
        public func message(at now: Date) -> String {
            #"{"type":"state","serverTime":""# + now.formatted(.iso8601) + #"","lot":"# + lot + "}"
        }
    }

    private struct Watch {
        let city: Municipality
        /// A lot watched again after everyone left is a new watch; a render of the old one stops.
        let generation = UUID()
        var watchers: [UUID: AsyncStream<Update>.Continuation] = [:]
        /// The last state sent, without the server time, so an unchanged state is not sent again.
        var last: String?
        var lastUpdate: Update?
        var rendering = false
        /// A change arrived while rendering: render once more after.
        var dirty = false
        /// Wakes the feed at the current stage's end.
        var alarm: Task<Void, Never>?
    }

    private var watches: [LotID: Watch] = [:]

    public init() {}

    /// How many connections watch, over all lots (for metrics and tests).
    public var watcherCount: Int { watches.values.reduce(0) { $0 + $1.watchers.count } }

    /// Starts watching a lot: the stream yields the current state first, then every change.
    func watch(_ lot: LotID, city: Municipality, services: AppServices) -> (id: UUID, updates: AsyncStream<Update>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Update.self, bufferingPolicy: .bufferingNewest(8))
        var watch = watches[lot] ?? Watch(city: city)
        watch.watchers[id] = continuation
        let first = watch.lastUpdate
        watches[lot] = watch
        if let first { continuation.yield(first) }
        // The first watcher (or a feed that has never rendered) renders now;
        // later watchers got the last state above and share the next render.
        if first == nil || watch.watchers.count == 1 { changed(lot, services: services) }
        return (id, stream)
    }

    func stopWatching(_ lot: LotID, id: UUID) {
        guard var watch = watches[lot] else { return }
        watch.watchers.removeValue(forKey: id)?.finish()
        if watch.watchers.isEmpty {
            watch.alarm?.cancel()
            watches.removeValue(forKey: lot)
        } else {
            watches[lot] = watch
        }
    }

    /// The lot changed (or may have): render it again for its watchers. Cheap
    /// when nobody watches; coalesced when changes come faster than renders.
    public func changed(_ lot: LotID, services: AppServices) {
        guard var watch = watches[lot] else { return }
        if watch.rendering {
            watch.dirty = true
            watches[lot] = watch
            return
        }
        watch.rendering = true
        watches[lot] = watch
        let city = watch.city, generation = watch.generation
        Task { await self.render(lot, city: city, generation: generation, services: services) }
    }

    private func render(_ lot: LotID, city: Municipality, generation: UUID, services: AppServices) async {
        while var watch = watches[lot], watch.generation == generation {
            guard watch.rendering else { return }
            watch.dirty = false
            watches[lot] = watch
            let state: LiveState?
            do {
                state = try await LiveState.read(lot, city: city, services: services)
            } catch {
                services.logger.error("live auction state failed", metadata: ["lot": "\(lot.rawValue)", "error": "\(String(reflecting: type(of: error)))"])
                state = nil
            }
            // Everyone may have left while the state was read.
            guard var watch = watches[lot], watch.generation == generation else { return }
            if let state {
                if state.body != watch.last {
                    let update = Update(lot: state.body, started: state.started)
                    watch.last = state.body
                    watch.lastUpdate = update
                    for continuation in watch.watchers.values { continuation.yield(update) }
                }
                watch.alarm?.cancel()
                watch.alarm = state.until.map { alarm(lot, at: $0, services: services) }
            } else {
                // The read failed: try again shortly, or watchers of a turn that ends by the clock would wait for a move.
                watch.alarm?.cancel()
                watch.alarm = alarm(lot, at: services.clock.now().addingTimeInterval(1), services: services)
            }
            // Render again only if a change came in meanwhile.
            watch.rendering = watch.dirty
            watches[lot] = watch
        }
    }

    /// Wakes the feed just after `end`, when the stage has moved on by the clock alone.
    private func alarm(_ lot: LotID, at end: Date, services: AppServices) -> Task<Void, Never> {
        // Bounded both ways: a clock set back or far ahead must neither spin nor sleep for ever.
        let delay = min(max(end.timeIntervalSince(services.clock.now()) + 0.002, 0.01), 60)
        return Task {
            try? await Task.sleep(for: .seconds(delay))
            guard !Task.isCancelled else { return }
            self.changed(lot, services: services)
        }
    }
}

/// One rendering of a lot's live state, as docs/live-auction.md gives it.
struct LiveState: Sendable {
    /// The lot as the API shows it (`GET /api/v1/{city}/auctions/{id}`), JSON.
    let body: String
    /// When the current stage ends by the clock; nil once the auction is over.
    let until: Date?
    let started: Bool

    static func read(_ id: LotID, city: Municipality, services: AppServices) async throws -> LiveState? {
        guard let (lot, number) = try await services.store.read({ try await $0.auctions.lot(id, in: city.id) }) else { return nil }
        let body = try await AuctionAPIController(services: services).body(lot, number: number, city: city)
        let json = String(decoding: try JSONResponse.data(body), as: UTF8.self)
        // Before the bidding deadline the feed wakes then, and at each stage's end after; once it is over, only a write changes anything.
        let until: Date? = if let stage = body.stage { stage.kind == "finished" ? nil : stage.until } else { lot.tenderPeriodEnd }
        let started = body.stage.map { $0.kind != "scheduled" } ?? false
        return LiveState(body: json, until: until, started: started)
    }
}
