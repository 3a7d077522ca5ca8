import Foundation
import HTTPTypes
import HromadaDomain
import HromadaModules
import HromadaStore
import HromadaWeb
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import Synchronization

/// Made on the first input: the demo city takes a few seconds to seed.
let harness: Harness = {
    do {
        return try Harness.start()
    } catch {
        fatalError("the application does not start: \(error)")
    }
}()

/// One request the fuzzer sends.
struct Call: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let token: String?
    let body: [UInt8]
}

/// The application on `sqlite::memory:` with the demo data, its router's
/// responder called directly (no socket), the people who call it, and the
/// operations that take a JSON body with the paths each is tried on.
final class Harness: Sendable {
    enum Caller: String, Sendable {
        case admin, olena, andrii, resident, anonymous
    }

    struct Operation: Sendable {
        let name: String
        let method: HTTPRequest.Method
        let paths: [String]
        let caller: Caller
    }

    let responder: RouterResponder<AppRequestContext>
    /// Every request comes from 127.0.0.1, a trusted proxy, with an address
    /// of its own in X-Forwarded-For: the per-address limits of a few
    /// thousand requests from one client would otherwise answer 429 to all.
    let channel: NIOAsyncTestingChannel
    let logger: Logger
    let operations: [Operation]
    let tokens: [Caller: String]
    /// Verified residents of Vinnytsia, so that a ballot or a bid that
    /// succeeds does not turn every later one into "already voted".
    let residents: [String]
    /// `$NAME` → an id of the demo data, longest names first.
    let placeholders: [(name: [UInt8], value: [UInt8])]
    private let requests = Atomic<Int>(0)

    private init(
        responder: RouterResponder<AppRequestContext>, channel: NIOAsyncTestingChannel, logger: Logger, operations: [Operation],
        tokens: [Caller: String], residents: [String], placeholders: [String: String]
    ) {
        self.responder = responder
        self.channel = channel
        self.logger = logger
        self.operations = operations
        self.tokens = tokens
        self.residents = residents
        self.placeholders = placeholders.sorted { $0.key.utf8.count > $1.key.utf8.count }.map { (name: Array($0.key.utf8), value: Array($0.value.utf8)) }
    }

    // MARK: One input

    /// The request an input describes (see FuzzAPI.swift for the format).
    func call(for input: [UInt8]) -> Call {
        let newline = input.prefix(128).firstIndex(of: UInt8(ascii: "\n"))
        let header = newline.map { Array(input[..<$0]) } ?? []
        let body = newline.map { Array(input[($0 + 1)...]) } ?? input
        let words = String(decoding: header, as: UTF8.self).split(separator: " ").map(String.init)
        let name = words.first ?? ""
        let operation = operations.first { $0.name == name } ?? operations[Int(Self.fnv(header) % UInt64(operations.count))]
        let variant = words.count > 1 ? Int(words[1]) ?? 0 : 0
        let path = operation.paths[Int(variant.magnitude % UInt(operation.paths.count))]
        let caller = words.count > 2 ? Caller(rawValue: words[2]) ?? operation.caller : operation.caller
        let token: String? = switch caller {
        case .anonymous: nil
        case .resident: residents.isEmpty ? tokens[.olena] : residents[Int(Self.fnv(body) % UInt64(residents.count))]
        default: tokens[caller]
        }
        return Call(method: operation.method, path: path, token: token, body: substitute(body))
    }

    func send(_ call: Call) async throws -> HTTPResponse.Status {
        try await fetch(call).status
    }

    func fetch(_ call: Call) async throws -> (status: HTTPResponse.Status, body: [UInt8]) {
        let serial = requests.add(1, ordering: .relaxed).newValue
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let token = call.token { headers[.authorization] = "Bearer \(token)" }
        if let forwardedFor = HTTPField.Name("X-Forwarded-For") {
            headers[forwardedFor] = "10.\(serial >> 16 & 0xFF).\(serial >> 8 & 0xFF).\(serial & 0xFF)"
        }
        let request = Request(
            head: HTTPRequest(method: call.method, scheme: "http", authority: "localhost", path: call.path, headerFields: headers),
            body: RequestBody(buffer: ByteBuffer(bytes: call.body)))
        let context = AppRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        let response = try await responder.respond(to: request, context: context)
        let sink = Sink()
        try await response.body.write(Collector(sink: sink))
        return (response.status, sink.bytes)
    }

    /// `$NAME` placeholders replaced on the bytes, so invalid UTF-8 stays as the fuzzer made it.
    func substitute(_ body: [UInt8]) -> [UInt8] {
        guard body.contains(UInt8(ascii: "$")) else { return body }
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var index = 0
        scan: while index < body.count {
            if body[index] == UInt8(ascii: "$") {
                for (name, value) in placeholders where body[index...].starts(with: name) {
                    output += value
                    index += name.count
                    continue scan
                }
            }
            output.append(body[index])
            index += 1
        }
        return output
    }

    /// FNV-1a: the same input picks the same operation and resident in every run (Swift's Hasher is seeded per process).
    static func fnv(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    // MARK: Start

    static let secret = "fuzz-secret-that-is-long-enough-0123456789"

    static func start() throws -> Harness {
        let logger = {
            var logger = Logger(label: "fuzz-api")
            logger.logLevel = .error
            return logger
        }()
        var configuration = AppConfiguration(
            database: .sqliteMemory, secret: secret, trustedProxies: CIDR("127.0.0.1/32").map { [$0] } ?? [], forceDemo: true,
            runBackgroundServices: false)
        configuration.passwordCost = 4
        let settings = configuration
        let services = try waitFor { try await makeServices(configuration: settings, clock: SystemClock(), logger: logger, modules: .standard) }
        let tokensFile = FileManager.default.temporaryDirectory.appendingPathComponent("hromada-fuzz-api-\(getpid()).tokens").path
        let created = try waitFor { try await BulkResidents(services: services).create(count: 500, city: "vinnytsia", tokensOut: tokensFile) }
        let residents = ((try? String(contentsOfFile: tokensFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        try? FileManager.default.removeItem(atPath: tokensFile)
        guard created > 0, !residents.isEmpty else { fatalError("no residents were made") }

        let channel = NIOAsyncTestingChannel()
        channel.remoteAddress = try SocketAddress(ipAddress: "127.0.0.1", port: 40_000)
        let bare = Harness(
            responder: buildRouter(services: services).buildResponder(), channel: channel, logger: logger, operations: [], tokens: [:],
            residents: residents, placeholders: [:])
        let demo = try waitFor { try await DemoData.discover(with: bare) }
        return Harness(
            responder: bare.responder, channel: channel, logger: logger, operations: demo.operations, tokens: demo.tokens,
            residents: residents, placeholders: demo.placeholders)
    }
}

/// Collects a response's body.
private struct Collector: ResponseBodyWriter {
    let sink: Sink

    mutating func write(_ buffer: ByteBuffer) async throws { sink.append(buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

private final class Sink: Sendable {
    private let collected = Mutex<[UInt8]>([])

    func append(_ buffer: ByteBuffer) { collected.withLock { $0 += buffer.readableBytesView } }
    var bytes: [UInt8] { collected.withLock { $0 } }
}
