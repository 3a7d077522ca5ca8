import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Testing
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// How the fake server answers. Defaults describe a well-behaved submission server.
struct FakeSMTPServerBehaviour: Sendable {
    var extensions = ["PIPELINING", "8BITMIME", "AUTH PLAIN LOGIN"]
    var acceptsEHLO = true
    var authReply = (code: 235, text: "2.7.0 Authentication successful")
    var recipientReply = (code: 250, text: "2.1.5 Ok")
    /// Command verb (or "GREETING") the server swallows without answering.
    var silentOn: String?
    /// When set, STARTTLS is advertised and performed with this context.
    var tls: NIOSSLContext?
    /// When set, the connection is TLS from the first byte (SMTPS).
    var implicitTLS: NIOSSLContext?
    /// Sends a second, plain-text reply in the same packet as the STARTTLS go-ahead.
    var injectsAfterSTARTTLS = false
}

struct FakeSMTPCredentials: Sendable, Equatable {
    var username: String
    var password: String
}

enum FakeSMTPConnectionEvent: Sendable, Equatable {
    case opened
    case closed
}

/// Everything the fake server saw, across all connections.
final class FakeSMTPRecorder: Sendable {
    private struct State {
        var connections = 0
        var tlsUpgrades = 0
        var commands: [String] = []
        var credentials: [FakeSMTPCredentials] = []
        var messages: [String] = []
    }

    private let state = Mutex(State())
    private let eventContinuation: AsyncStream<FakeSMTPConnectionEvent>.Continuation
    /// Lets tests wait for the client to connect or disconnect instead of sleeping.
    let connectionEvents: AsyncStream<FakeSMTPConnectionEvent>

    init() {
        (connectionEvents, eventContinuation) = AsyncStream.makeStream(of: FakeSMTPConnectionEvent.self)
    }

    deinit {
        eventContinuation.finish()
    }

    var connections: Int { state.withLock { $0.connections } }
    var tlsUpgrades: Int { state.withLock { $0.tlsUpgrades } }
    /// Command lines as received, without CRLF (AUTH LOGIN continuation lines included).
    var commands: [String] { state.withLock { $0.commands } }
    var credentials: [FakeSMTPCredentials] { state.withLock { $0.credentials } }
    /// DATA contents after removing dot-stuffing, lines joined with CRLF.
    var messages: [String] { state.withLock { $0.messages } }

    func connectionOpened() {
        state.withLock { $0.connections += 1 }
        eventContinuation.yield(.opened)
    }

    func connectionClosed() { eventContinuation.yield(.closed) }

    func tlsStarted() { state.withLock { $0.tlsUpgrades += 1 } }
    func command(_ line: String) { state.withLock { $0.commands.append(line) } }
    func credentials(_ value: FakeSMTPCredentials) { state.withLock { $0.credentials.append(value) } }
    func message(_ text: String) { state.withLock { $0.messages.append(text) } }
}

/// A minimal SMTP server on 127.0.0.1 with an ephemeral port, for exercising `SMTPClient` end to end.
struct FakeSMTPServer: Sendable {
    let port: Int
    let recorder: FakeSMTPRecorder

    /// Runs `body` against a fresh server and always shuts it down afterwards.
    @discardableResult
    static func withServer<Result>(
        _ behaviour: FakeSMTPServerBehaviour = FakeSMTPServerBehaviour(),
        _ body: (FakeSMTPServer) async throws -> Result
    ) async throws -> Result {
        let recorder = FakeSMTPRecorder()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if let implicitTLS = behaviour.implicitTLS {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: implicitTLS))
                    }
                    try child.pipeline.syncOperations.addHandler(
                        FakeSMTPSessionHandler(behaviour: behaviour, recorder: recorder)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        do {
            let port = try #require(channel.localAddress?.port)
            let result = try await body(FakeSMTPServer(port: port, recorder: recorder))
            try await channel.close().get()
            return result
        } catch {
            try? await channel.close().get()
            throw error
        }
    }
}

private final class FakeSMTPSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Mode {
        case command
        case authLoginUsername
        case authLoginPassword(username: String)
        case data(lines: [String])
    }

    private let behaviour: FakeSMTPServerBehaviour
    private let recorder: FakeSMTPRecorder
    private var buffer = ByteBuffer()
    private var mode = Mode.command

    init(behaviour: FakeSMTPServerBehaviour, recorder: FakeSMTPRecorder) {
        self.behaviour = behaviour
        self.recorder = recorder
    }

    func channelActive(context: ChannelHandlerContext) {
        recorder.connectionOpened()
        if behaviour.silentOn != "GREETING" {
            reply("220 fake.test ESMTP ready", context: context)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        recorder.connectionClosed()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")),
            let bytes = buffer.readBytes(length: newline - buffer.readerIndex + 1)
        {
            var line = bytes.dropLast()
            if line.last == UInt8(ascii: "\r") {
                line = line.dropLast()
            }
            handle(String(decoding: line, as: UTF8.self), context: context)
        }
    }

    private func handle(_ line: String, context: ChannelHandlerContext) {
        switch mode {
        case .data(var lines):
            if line == "." {
                mode = .command
                recorder.message(lines.map { $0 + "\r\n" }.joined())
                reply("250 2.0.0 Ok: queued", context: context)
            } else {
                lines.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
                mode = .data(lines: lines)
            }
        case .authLoginUsername:
            recorder.command(line)
            mode = .authLoginPassword(username: Self.decodeBase64(line))
            reply("334 UGFzc3dvcmQ6", context: context)
        case .authLoginPassword(let username):
            recorder.command(line)
            mode = .command
            recorder.credentials(FakeSMTPCredentials(username: username, password: Self.decodeBase64(line)))
            reply("\(behaviour.authReply.code) \(behaviour.authReply.text)", context: context)
        case .command:
            recorder.command(line)
            handleCommand(line, context: context)
        }
    }

    private func handleCommand(_ line: String, context: ChannelHandlerContext) {
        let words = line.split(separator: " ").map(String.init)
        let verb = words.first?.uppercased() ?? ""
        if verb == behaviour.silentOn { return }
        switch verb {
        case "EHLO":
            guard behaviour.acceptsEHLO else {
                reply("502 5.5.2 Error: command not recognized", context: context)
                return
            }
            let keywords = behaviour.extensions + (behaviour.tls != nil ? ["STARTTLS"] : [])
            let lines = ["fake.test greets \(words.dropFirst().joined())"] + keywords
            let text = lines.enumerated().map { index, text in
                "250\(index == lines.count - 1 ? " " : "-")\(text)"
            }
            reply(text.joined(separator: "\r\n"), context: context)
        case "HELO":
            reply("250 fake.test", context: context)
        case "STARTTLS":
            guard let tls = behaviour.tls else {
                reply("502 5.5.1 STARTTLS not offered", context: context)
                return
            }
            if behaviour.injectsAfterSTARTTLS {
                reply("220 2.0.0 Ready to start TLS\r\n250 injected", context: context)
                return
            }
            // The go-ahead must leave in plain text, so it is flushed before TLS joins the pipeline.
            reply("220 2.0.0 Ready to start TLS", context: context)
            do {
                try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                recorder.tlsStarted()
            } catch {
                context.close(promise: nil)
            }
        case "AUTH" where words.count >= 2 && words[1].uppercased() == "PLAIN":
            let parts = Self.decodeBase64(words.count > 2 ? words[2] : "")
                .split(separator: "\0", omittingEmptySubsequences: false)
                .map(String.init)
            recorder.credentials(
                FakeSMTPCredentials(
                    username: parts.count > 1 ? parts[1] : "",
                    password: parts.count > 2 ? parts[2] : ""
                )
            )
            reply("\(behaviour.authReply.code) \(behaviour.authReply.text)", context: context)
        case "AUTH" where words.count == 2 && words[1].uppercased() == "LOGIN":
            mode = .authLoginUsername
            reply("334 VXNlcm5hbWU6", context: context)
        case "MAIL":
            reply("250 2.1.0 Ok", context: context)
        case "RCPT":
            reply("\(behaviour.recipientReply.code) \(behaviour.recipientReply.text)", context: context)
        case "DATA":
            mode = .data(lines: [])
            reply("354 End data with <CR><LF>.<CR><LF>", context: context)
        case "RSET", "NOOP":
            reply("250 2.0.0 Ok", context: context)
        case "QUIT":
            let bye = context.channel.allocator.buffer(string: "221 2.0.0 Bye\r\n")
            context.writeAndFlush(wrapOutboundOut(bye)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        default:
            reply("500 5.5.2 Error: command not recognized", context: context)
        }
    }

    private func reply(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text + "\r\n")), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private static func decodeBase64(_ text: String) -> String {
        Data(base64Encoded: text).map { String(decoding: $0, as: UTF8.self) } ?? "<invalid base64>"
    }
}

/// A throwaway self-signed certificate for 127.0.0.1/localhost, valid 2000–2100. It protects
/// nothing: it only lets tests run a real TLS handshake without touching the file system.
enum FakeSMTPTLS {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBiDCCAS2gAwIBAgIBATAKBggqhkjOPQQDAjAcMRowGAYDVQQDDBFIcm9tYWRh
        IHRlc3QgU01UUDAgFw0wMDAxMDEwMDAwMDBaGA8yMTAwMDEwMTAwMDAwMFowHDEa
        MBgGA1UEAwwRSHJvbWFkYSB0ZXN0IFNNVFAwWTATBgcqhkjOPQIBBggqhkjOPQMB
        BwNCAAQPiRIGUt9PnfI43Nh1tfCslKLkXeVXDUnIAyWEZm4T0Q5C5ml3VYe0S9Yv
        X64BrI2IDTOjbWpRYZ2K5Wmvw5Ato14wXDAaBgNVHREEEzARhwR/AAABgglsb2Nh
        bGhvc3QwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAoQwHQYDVR0OBBYE
        FAqVx9x9HqvlyuAps7YBMRVeFsjBMAoGCCqGSM49BAMCA0kAMEYCIQDQXR+/8td0
        8D34Ol5QFLDBhJr4//1j6P6lSbqQ+PFwIAIhAIDnW11D5v8iw1blAHP4ytM46r3A
        jG8tWuKmRic4peqa
        -----END CERTIFICATE-----
        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgb+/J0yDM+UnZ2JDF
        zp3dV+A4RsCYKts36U52q3dykCShRANCAAQPiRIGUt9PnfI43Nh1tfCslKLkXeVX
        DUnIAyWEZm4T0Q5C5ml3VYe0S9YvX64BrI2IDTOjbWpRYZ2K5Wmvw5At
        -----END PRIVATE KEY-----
        """

    static func serverContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem))
        )
        return try NIOSSLContext(configuration: configuration)
    }

    /// Client configuration that trusts only the throwaway certificate.
    static func clientConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates([
            try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)
        ])
        return configuration
    }
}
