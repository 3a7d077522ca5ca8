import Crypto
import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import Hummingbird
import Metrics
import NIOCore
import Synchronization

/// Serves the pages an anonymous reader sees from memory: rendered once per
/// change of the data, then copied out (issue 25). A page is the same for
/// every anonymous reader in one language but for one thing, the CSRF token
/// of its forms, which is bound to the reader's cookie; the cache keeps the
/// page cut at that token and puts each reader's own back in.
///
/// What is cached: a GET from a reader who is not signed in, outside the
/// API, answered 200 with HTML of known length and no cookie of its own.
/// Everything else passes through untouched.
///
/// When a copy is used: while `Store.version` (bumped by every committed
/// write readers may see, in this process) is what it was when the page
/// began to render, and for at most `maximumAge` after that, by the app's
/// clock, which bounds both pages that change with time (a deadline passing)
/// and writes by another process on the same database. The first reader
/// after `maximumAge` renders it again while the others still get the copy;
/// after a write, nobody gets the old copy.
struct PageCacheMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    package let services: AppServices
    package let cache: PageCache

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let key = PageCache.key(request, context: context) else { return try await next(request, context) }
        let token = services.keys.csrfToken(for: context.csrfCookie)
        // Read before rendering: a write that commits while the page renders
        // makes this copy out of date at once.
        let version = services.store.version.current
        let now = services.clock.now()
        if let page = cache.page(for: key, version: version, at: now) {
            PageCache.hits.increment()
            return page.response(csrf: token, ifNoneMatch: request.headers[.ifNoneMatch])
        }
        PageCache.misses.increment()
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            cache.abandon(key)
            throw error
        }
        guard let page = await CachedPage(response, csrf: token, version: version, renderedAt: now) else {
            cache.abandon(key)
            return response
        }
        cache.keep(page, for: key)
        return page.response(csrf: token, ifNoneMatch: request.headers[.ifNoneMatch])
    }
}

/// The rendered pages, by language and address (path and query).
package final class PageCache: Sendable {
    package struct Key: Hashable, Sendable {
        let language: Language
        let target: String
    }

    /// How long a copy serves without being rendered again, even if no write
    /// in this process touched it.
    static let maximumAge: TimeInterval = 1
    /// A refresh that never came back (its render failed) stops blocking others after this.
    static let refreshPatience: TimeInterval = 5
    /// Bounds on memory: a page over `largestPage` is never kept; past
    /// `budget` bytes or `maximumPages` pages, the oldest half goes.
    static let largestPage = 2 << 20
    static let budget = 64 << 20
    static let maximumPages = 4096
    /// Addresses longer than this (a crawler's query string) are not kept.
    static let longestTarget = 512

    static let hits = Counter(label: "hromada_page_cache_total", dimensions: [("result", "hit")])
    static let misses = Counter(label: "hromada_page_cache_total", dimensions: [("result", "miss")])

    private struct Slot {
        var page: CachedPage
        /// When a reader began rendering it again, while the others still get this copy.
        var refreshing: Date?
    }

    private struct State {
        var slots: [Key: Slot] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())

    package init() {}

    /// The key of a request whose answer may be cached, nil for any other.
    static func key(_ request: Request, context: AppRequestContext) -> Key? {
        guard request.method == .get, !context.isSignedIn, request.headers[.authorization] == nil else { return nil }
        let path = request.uri.path
        guard !path.hasPrefix("/api/"), path != "/healthz", path != "/readyz", path != "/metrics" else { return nil }
        let query = request.uri.query ?? ""
        let target = query.isEmpty ? path : path + "?" + query
        guard target.utf8.count <= longestTarget else { return nil }
        return Key(language: context.language, target: target)
    }

    /// The copy to serve, or nil when the caller must render (and then
    /// `keep` or `abandon`).
    func page(for key: Key, version: UInt64, at now: Date) -> CachedPage? {
        state.withLock { state in
            guard var slot = state.slots[key], slot.page.version == version else { return nil }
            let age = now.timeIntervalSince(slot.page.renderedAt)
            if age >= 0, age < Self.maximumAge { return slot.page }
            // Too old by the clock (or a clock that went back): one reader
            // renders it again, the rest keep getting this copy meanwhile.
            if let started = slot.refreshing, now.timeIntervalSince(started) < Self.refreshPatience, age >= 0 { return slot.page }
            slot.refreshing = now
            state.slots[key] = slot
            return nil
        }
    }

    func keep(_ page: CachedPage, for key: Key) {
        state.withLock { state in
            if let old = state.slots[key] {
                // A slower render of older data never replaces a newer one.
                guard old.page.version <= page.version else { return }
                state.bytes -= old.page.size
            }
            state.slots[key] = Slot(page: page)
            state.bytes += page.size
            guard state.bytes > Self.budget || state.slots.count > Self.maximumPages else { return }
            // Past the bounds: the older half goes (by render time), in one sweep.
            let byAge = state.slots.sorted { $0.value.page.renderedAt < $1.value.page.renderedAt }
            for (key, slot) in byAge.prefix(byAge.count / 2) {
                state.slots[key] = nil
                state.bytes -= slot.page.size
            }
        }
    }

    /// A render that will not be kept: the next reader tries again.
    func abandon(_ key: Key) {
        state.withLock { state in state.slots[key]?.refreshing = nil }
    }
}

/// One rendered page, cut where the reader's CSRF token goes.
struct CachedPage: Sendable {
    let status: HTTPResponse.Status
    /// The handler's headers but its length (set again for each copy).
    let headers: HTTPFields
    let pieces: [ByteBuffer]
    /// A digest of the pieces: with the reader's token, the page's ETag.
    let digest: String
    let version: UInt64
    let renderedAt: Date
    let size: Int

    /// The page in `response`, if it is one to keep; nil leaves the response
    /// as it was. Only a 200 HTML body of known size without a cookie is read.
    init?(_ response: Response, csrf: String, version: UInt64, renderedAt: Date) async {
        guard response.status == .ok, response.headers[.setCookie] == nil,
              response.headers[.contentType]?.hasPrefix("text/html") == true,
              let length = response.body.contentLength, length <= PageCache.largestPage,
              // A handler that forbids storing its page is taken at its word.
              response.headers[.cacheControl]?.contains("no-store") != true
        else { return nil }
        let collected = BodyCollector.Box(capacity: length)
        do {
            try await response.body.write(BodyCollector(buffer: collected))
        } catch {
            return nil
        }
        var body = collected.take()
        let bytes = body.readBytes(length: body.readableBytes) ?? []
        pieces = Self.cut(bytes, at: Array(csrf.utf8))
        var hash = SHA256()
        for piece in pieces {
            piece.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }
            hash.update(data: [0])
        }
        digest = Hex.encode(hash.finalize().prefix(12))
        var headers = response.headers
        headers[.contentLength] = nil
        self.status = response.status
        self.headers = headers
        self.version = version
        self.renderedAt = renderedAt
        size = bytes.count
    }

    /// `bytes` split at every occurrence of `token` (none, for a page without a form).
    static func cut(_ bytes: [UInt8], at token: [UInt8]) -> [ByteBuffer] {
        guard !token.isEmpty, bytes.count >= token.count else { return [ByteBuffer(bytes: bytes)] }
        var pieces: [ByteBuffer] = []
        var start = 0, index = 0
        let first = token[0], last = bytes.count - token.count
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + token.count)].elementsEqual(token) {
                pieces.append(ByteBuffer(bytes: bytes[start..<index]))
                index += token.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(ByteBuffer(bytes: bytes[start...]))
        return pieces
    }

    /// The ETag for a reader: the page and the reader's token, which is in its forms.
    func entityTag(csrf: String) -> String {
        pieces.count == 1 ? "\"\(digest)\"" : "\"\(digest)-\(csrf.prefix(12))\""
    }

    /// This page for the reader whose token is `csrf`; 304 when the reader's
    /// copy (`If-None-Match`) is this one.
    func response(csrf: String, ifNoneMatch: String?) -> Response {
        var headers = headers
        let tag = entityTag(csrf: csrf)
        headers[.eTag] = tag
        // The browser may keep the page but asks each time (the token in it is
        // the reader's own), unless the handler said how it is kept.
        if headers[.cacheControl] == nil { headers[.cacheControl] = "private, no-cache" }
        if let ifNoneMatch, Self.matches(ifNoneMatch, tag) {
            return Response(status: .notModified, headers: headers)
        }
        let token = ByteBuffer(string: csrf)
        var body = ByteBuffer()
        body.reserveCapacity(size + (pieces.count - 1) * token.readableBytes)
        for (index, piece) in pieces.enumerated() {
            if index > 0 { body.writeImmutableBuffer(token) }
            body.writeImmutableBuffer(piece)
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// RFC 9110 §13.1.2: `*`, or one of a comma-separated list (weak tags compare by their value).
    static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let candidate = candidate.trimmingHeaderSpace
            return candidate == "*" || candidate == tag || candidate == "W/" + tag
        }
    }
}

/// Collects a response body in memory (a page, under `PageCache.largestPage`).
private struct BodyCollector: ResponseBodyWriter {
    /// Shared with the middleware, which reads it after the body is written.
    final class Box: Sendable {
        private let bytes: Mutex<ByteBuffer>
        init(capacity: Int) { bytes = Mutex(ByteBufferAllocator().buffer(capacity: capacity)) }
        func append(_ buffer: ByteBuffer) { bytes.withLock { _ = $0.writeImmutableBuffer(buffer) } }
        func take() -> ByteBuffer { bytes.withLock { $0 } }
    }

    let buffer: Box

    mutating func write(_ buffer: ByteBuffer) async throws {
        self.buffer.append(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
