import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOEmbedded
import Synchronization
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Issue 13, finding 1: a large multipart body is read only on a route that
/// takes uploads, from a signed-in browser whose CSRF token (the form's first
/// field) is right, and only a few at a time.
@Suite struct UploadGateTests {
    /// A 10 MB photo form, as a browser sends it: `_csrf` first, then the file.
    static func photoForm(csrf: String, boundary: String = "----hromada-gate") -> [UInt8] {
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"big.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
        body += [UInt8](repeating: 0xFF, count: 10 * 1024 * 1024)
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    /// Sends `body` in 64 KB chunks through the whole router (route, client,
    /// errors, CSRF) and counts the chunks the server pulled.
    static func send(
        _ harness: WebHarness, _ path: String, body: [UInt8], cookies: [String: String] = [:],
        contentType: String = "multipart/form-data; boundary=----hromada-gate"
    ) async throws -> (status: HTTPResponse.Status, chunksRead: Int, chunks: Int) {
        let chunks = CountedChunks(bytes: body, size: 64 * 1024)
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentLength] = String(body.count)
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: path, headerFields: headers),
            body: RequestBody(asyncSequence: chunks))
        let context = AppRequestContext(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: TestDatabase.logger))
        let response = try await buildRouter(services: harness.services).buildResponder().respond(to: request, context: context)
        return (response.status, chunks.pulled, chunks.count)
    }

    @Test(arguments: TestDatabase.available) func uploadToAPathThatTakesNoneIsRefusedBeforeItsBodyIsRead(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var browser = Browser(client)
            try await browser.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let body = Self.photoForm(csrf: browser.csrf ?? "")
            for path in ["/vinnytsia/no-such-page/photos", "/vinnytsia/images", "/nowhere/documents"] {
                let anonymous = try await Self.send(harness, path, body: body)
                #expect(anonymous.status == .notFound, "\(path)")
                #expect(anonymous.chunksRead == 0, "\(path): \(anonymous.chunksRead) of \(anonymous.chunks) chunks read")
                let signedIn = try await Self.send(harness, path, body: body, cookies: browser.cookies)
                #expect(signedIn.status == .notFound, "\(path)")
                #expect(signedIn.chunksRead == 0, "\(path): \(signedIn.chunksRead) of \(signedIn.chunks) chunks read")
            }
            // A route that takes forms but no files does not read a multipart body either.
            let form = try await Self.send(harness, "/vinnytsia/petitions/new", body: body, cookies: browser.cookies)
            #expect(form.status == .badRequest)
            #expect(form.chunksRead == 0)
        }
    }

    @Test(arguments: TestDatabase.available) func uploadWithoutASessionIsRefusedBeforeItsBodyIsRead(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var visitor = Browser(client)
            try await visitor.get("/login")
            let body = Self.photoForm(csrf: visitor.csrf ?? "")
            let paths = ["/vinnytsia/budgets/e/projects/p/photos", "/vinnytsia/admin/property/o/photos", "/vinnytsia/admin/property/o/documents"]
            for path in paths {
                // No cookie at all, and a visitor's CSRF cookie with its right token but no session.
                for cookies in [[:], visitor.cookies] {
                    let answer = try await Self.send(harness, path, body: body, cookies: cookies)
                    #expect(answer.status == .unauthorized, "\(path)")
                    #expect(answer.chunksRead == 0, "\(path): \(answer.chunksRead) of \(answer.chunks) chunks read")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available) func uploadWithAForgedCSRFTokenIsRefusedAfterItsFirstPart(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var browser = Browser(client)
            try await browser.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let path = "/vinnytsia/budgets/e/projects/p/photos"
            let forged = try await Self.send(harness, path, body: Self.photoForm(csrf: "forged-token"), cookies: browser.cookies)
            #expect(forged.status == .forbidden)
            #expect(forged.chunksRead <= 1, "\(forged.chunksRead) of \(forged.chunks) chunks read")
            // A session without its CSRF cookie is refused before anything is read.
            let noCSRFCookie = browser.cookies.filter { $0.key != "hromada_csrf" }
            let bare = try await Self.send(harness, path, body: Self.photoForm(csrf: browser.csrf ?? ""), cookies: noCSRFCookie)
            #expect(bare.status == .forbidden)
            #expect(bare.chunksRead == 0)
        }
    }

    @Test(arguments: TestDatabase.available) func theCSRFTokenMustBeTheFormsFirstField(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var browser = Browser(client)
            try await browser.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let boundary = "----hromada-gate"
            var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nДвір\r\n".utf8)
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.csrf ?? "")\r\n--\(boundary)--\r\n".utf8)
            let answer = try await Self.send(harness, "/vinnytsia/budgets/e/projects/p/photos", body: body, cookies: browser.cookies)
            #expect(answer.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.available) func uploadsOverTheCapWaitWithRetryAfterAndNeverFail(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let own = try #require(try await harness.services.store.read { try await $0.budgets.projects(of: demo.proposals.id, in: city.id) }.first)
            let photos = "/vinnytsia/budgets/\(demo.proposals.id.rawValue)/projects/\(own.id.rawValue)/photos"
            var author = Browser(client)
            try await author.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            try await author.get(photos)
            let uploads = harness.services.uploads
            // Every slot is held by uploads in flight.
            for _ in 0..<uploads.capacity { #expect(uploads.take()) }
            let busy = try await author.upload(photos, [("kind", "project")], file: ("photo", "a.jpg", "image/jpeg", SampleImages.jpeg()))
            #expect(busy.status == .tooManyRequests)
            #expect(busy.headers[.retryAfter] == String(CSRFMiddleware.uploadRetryAfter))
            #expect(busy.body.contains("Зачекайте кілька секунд"))
            #expect(try await harness.services.store.read { try await $0.photos.photos(of: .project(own.id), in: city.id) }.isEmpty)
            uploads.release()
            let added = try await author.upload(photos, [("kind", "project")], file: ("photo", "a.jpg", "image/jpeg", SampleImages.jpeg()))
            #expect(added.status == .seeOther)
            // The upload gave its slot back.
            #expect(uploads.taken == uploads.capacity - 1)
            for _ in 1..<uploads.capacity { uploads.release() }
        }
    }

    @Test func slotsAreTakenUpToTheCapacityAndGivenBack() {
        let slots = UploadSlots(capacity: 2)
        #expect(slots.take() && slots.take())
        #expect(!slots.take())
        slots.release()
        #expect(slots.take())
        #expect(UploadSlots(capacity: 0).capacity == 1)
    }

    @Test func onlyTheRoutesThatTakeUploadsHaveALargeLimit() {
        let routes = ModuleRegistry.standard.uploadRoutes
        #expect(UploadRoute.matching("/{city}/budgets/{edition}/projects/{project}/photos", in: routes) == .budgetProjectPhotos)
        #expect(UploadRoute.matching("/{city}/admin/property/{object}/documents", in: routes) == .propertyDocuments)
        #expect(UploadRoute.matching("/{city}/petitions/new", in: routes) == nil)
        #expect(UploadRoute.matching("/{city}/photos", in: routes) == nil)
        #expect(UploadRoute.propertyDocuments.limit > UploadRoute.propertyPhotos.limit)
    }

    @Test func theFirstPartIsReadBeforeTheRest() {
        let form = Array(UploadGateTests.photoForm(csrf: "token-123").prefix(4096))
        #expect(FormData.firstPart(of: form, boundary: "----hromada-gate") == .field(name: "_csrf", value: "token-123"))
        #expect(FormData.firstPart(of: Array(form.prefix(40)), boundary: "----hromada-gate") == .incomplete)
        let file = Array("------hromada-gate\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\n\r\nxx\r\n------hromada-gate--".utf8)
        #expect(FormData.firstPart(of: file, boundary: "----hromada-gate") == .other)
        #expect(FormData.firstPart(of: Array("garbage that is no multipart body at all".utf8), boundary: "----hromada-gate") == .other)
    }
}

/// A request body in chunks that counts how many the server pulled.
final class CountedChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    private let chunks: [ByteBuffer]
    private let read = Mutex(0)

    init(bytes: [UInt8], size: Int) {
        chunks = stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<Swift.min($0 + size, bytes.count)]) }
    }

    var count: Int { chunks.count }
    var pulled: Int { read.withLock { $0 } }

    struct AsyncIterator: AsyncIteratorProtocol {
        let source: CountedChunks
        var index = 0

        mutating func next() async -> ByteBuffer? {
            guard index < source.chunks.count else { return nil }
            source.read.withLock { $0 += 1 }
            defer { index += 1 }
            return source.chunks[index]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(source: self) }
}
