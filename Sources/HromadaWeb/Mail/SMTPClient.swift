import Logging
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case connectionFailed(String)
    /// The server answered `command` with a reply the client cannot continue from. Also used with
    /// `command: "AUTH"` when credentials are configured but the server offers neither PLAIN nor LOGIN.
    case unexpectedReply(command: String, code: Int, message: String)
    /// TLS was required (credentials over `smtp://`) but the server does not offer STARTTLS.
    case tlsUnavailable
    case authenticationFailed(code: Int)
    /// A sender, recipient or HELO name that is malformed or could inject commands or headers.
    case invalidAddress(String)
    case timeout

    public var description: String {
        switch self {
        case .invalidURL(let reason):
            "Invalid SMTP URL: \(reason)"
        case .connectionFailed(let reason):
            "SMTP connection failed: \(reason)"
        case .unexpectedReply(let command, let code, let message):
            "SMTP server answered \(command) with \(code): \(message)"
        case .tlsUnavailable:
            "SMTP server does not offer STARTTLS; refusing to send credentials in clear text"
        case .authenticationFailed(let code):
            "SMTP authentication failed (\(code))"
        case .invalidAddress(let address):
            // Escaped because the address may carry the very CR/LF it was rejected for.
            "Invalid mail address: \(address.debugDescription)"
        case .timeout:
            "SMTP server did not answer in time"
        }
    }
}

/// Delivers one message per call over its own connection; there is no pooling because municipal
/// notification volume does not need it and a fresh connection never inherits a broken state.
public struct SMTPClient: Sendable {
    private let configuration: SMTPConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let timeout: TimeAmount
    private let tlsConfiguration: TLSConfiguration

    public init(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        timeout: TimeAmount = .seconds(30)
    ) {
        self.init(
            configuration: configuration,
            eventLoopGroup: eventLoopGroup,
            logger: logger,
            timeout: timeout,
            tlsConfiguration: .makeClientConfiguration()
        )
    }

    /// Lets tests trust a throwaway certificate; production always verifies against system roots.
    package init(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup,
        logger: Logger,
        timeout: TimeAmount,
        tlsConfiguration: TLSConfiguration
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.timeout = timeout
        self.tlsConfiguration = tlsConfiguration
    }

    /// Sends `message`. `timeout` applies to each step separately: connecting, and every reply.
    public func send(_ message: SMTPMessage) async throws {
        let from = message.from ?? configuration.from
        try SMTPAddressValidator.validate(from)
        try SMTPAddressValidator.validate(message.to)
        // The name goes verbatim into EHLO/HELO, so it gets the same injection check as addresses.
        guard SMTPAddressValidator.isValidHeloName(configuration.heloName) else {
            throw SMTPError.invalidAddress(configuration.heloName)
        }
        try Task.checkCancellation()

        var logger = self.logger
        logger[metadataKey: "smtp.host"] = "\(configuration.host)"
        logger[metadataKey: "smtp.message_id"] = "\(message.messageID)"
        logger.debug("Sending mail")

        let payload = SMTPMessageRenderer.dataPayload(SMTPMessageRenderer.render(message, from: from, date: Date()))
        let channel = try await connect()
        let session = SMTPSession(
            channel: channel,
            configuration: configuration,
            tlsUpgrade: { try makeTLSUpgrade() }
        )

        let outcome: Result<Void, any Error>
        do {
            try await withTaskCancellationHandler {
                try await session.deliver(from: from, to: message.to, payload: payload)
            } onCancel: {
                channel.close(promise: nil)
            }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        // Closing may race with the server's own close after QUIT; either way the socket is gone.
        try? await channel.close().get()

        switch outcome {
        case .success:
            logger.debug("Mail accepted by SMTP server")
        case .failure(let error):
            if Task.isCancelled { throw CancellationError() }
            throw Self.smtpError(from: error)
        }
    }

    private func connect() async throws -> any Channel {
        guard let bootstrap = ClientBootstrap(validatingGroup: eventLoopGroup) else {
            throw SMTPError.connectionFailed("event loop group is not supported by NIOPosix")
        }
        let implicitTLS = configuration.security == .implicitTLS ? try makeTLSUpgrade() : nil
        let replyTimeout = timeout
        do {
            return
                try await bootstrap
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(implicitTLS.makeHandler())
                        }
                        try channel.pipeline.syncOperations.addHandler(SMTPClientHandler(replyTimeout: replyTimeout))
                    }
                }
                .connect(host: configuration.host, port: configuration.port)
                .get()
        } catch ChannelError.connectTimeout {
            throw SMTPError.timeout
        } catch {
            throw SMTPError.connectionFailed(
                "cannot connect to \(configuration.host):\(configuration.port): \(error)"
            )
        }
    }

    private func makeTLSUpgrade() throws -> SMTPTLSUpgrade {
        do {
            // IP literals must not be sent as SNI; NIOSSL then verifies the certificate against the IP.
            let isIPAddress = (try? SocketAddress(ipAddress: configuration.host, port: 0)) != nil
            return SMTPTLSUpgrade(
                context: try NIOSSLContext(configuration: tlsConfiguration),
                serverHostname: isIPAddress ? nil : configuration.host
            )
        } catch {
            throw SMTPError.connectionFailed("cannot set up TLS: \(error)")
        }
    }

    private static func smtpError(from error: any Error) -> SMTPError {
        switch error {
        case let error as SMTPError:
            error
        case ChannelError.connectTimeout:
            .timeout
        case SMTPProtocolViolation.malformedReply:
            .connectionFailed("server sent a malformed reply")
        case SMTPProtocolViolation.replyTooLong:
            .connectionFailed("server reply exceeds the size limit")
        case SMTPProtocolViolation.unsolicitedReplies:
            .connectionFailed("server sent replies nobody asked for")
        case SMTPProtocolViolation.dataAfterSTARTTLS:
            .connectionFailed("server sent plain-text data after accepting STARTTLS")
        default:
            .connectionFailed(String(describing: error))
        }
    }
}

extension SMTPError {
    /// The server refused this message for good (RFC 5321 4.2.1: a 5yz
    /// reply) when it named the recipient or took the message: sending the
    /// same letter again cannot succeed. A 5yz to the greeting, EHLO, AUTH
    /// or the sender is about the mail setup, not the letter, and once the
    /// setup is mended the letter goes, so those are retried.
    public var refusesThisMessageForGood: Bool {
        guard case .unexpectedReply(let command, let code, _) = self else { return false }
        return (500..<600).contains(code) && ["RCPT TO", "DATA", "end of DATA"].contains(command)
    }
}

// MARK: - Protocol conversation

extension SMTPError {
    fileprivate var isRefusalOnHealthyConnection: Bool {
        switch self {
        case .unexpectedReply, .authenticationFailed, .tlsUnavailable: true
        case .invalidURL, .connectionFailed, .invalidAddress, .timeout: false
        }
    }
}

/// One SMTP transaction over an already connected channel.
private struct SMTPSession: Sendable {
    package let channel: any Channel
    package let configuration: SMTPConfiguration
    let tlsUpgrade: @Sendable () throws -> SMTPTLSUpgrade

    func deliver(from: String, to: String, payload: [UInt8]) async throws {
        do {
            try await transact(from: from, to: to, payload: payload)
        } catch let error as SMTPError where error.isRefusalOnHealthyConnection {
            // RFC 5321 asks for QUIT even after a refusal, so the server logs a clean end of session.
            _ = try? await exchange("QUIT")
            throw error
        }
        // The message is accepted at this point; a failing QUIT must not make the caller retry and
        // deliver it twice.
        _ = try? await exchange("QUIT")
    }

    private func transact(from: String, to: String, payload: [UInt8]) async throws {
        let greeting = try await exchange(nil)
        guard greeting.code == 220 else {
            throw greeting.unexpected(for: "greeting")
        }

        var capabilities = try await hello()
        var isEncrypted = configuration.security == .implicitTLS
        if configuration.security == .startTLS && capabilities.supportsSTARTTLS {
            let reply = try await exchange("STARTTLS", upgrade: try tlsUpgrade())
            guard reply.code == 220 else {
                throw reply.unexpected(for: "STARTTLS")
            }
            isEncrypted = true
            // RFC 3207: everything learned before the handshake is void and must be asked again.
            capabilities = try await hello()
        }

        if let username = configuration.username {
            if configuration.security != .none && !isEncrypted {
                throw SMTPError.tlsUnavailable
            }
            try await authenticate(username: username, password: configuration.password ?? "", capabilities)
        }

        let mail = try await exchange("MAIL FROM:<\(from)>")
        guard mail.code == 250 else {
            throw mail.unexpected(for: "MAIL FROM")
        }
        let recipient = try await exchange("RCPT TO:<\(to)>")
        guard recipient.code == 250 || recipient.code == 251 else {
            throw recipient.unexpected(for: "RCPT TO")
        }
        let data = try await exchange("DATA")
        guard data.code == 354 else {
            throw data.unexpected(for: "DATA")
        }
        let accepted = try await exchange(bytes: channel.allocator.buffer(bytes: payload))
        guard accepted.code == 250 else {
            throw accepted.unexpected(for: "end of DATA")
        }
    }

    private func hello() async throws -> SMTPCapabilities {
        let ehlo = try await exchange("EHLO \(configuration.heloName)")
        if ehlo.code == 250 {
            return SMTPCapabilities(ehloReply: ehlo)
        }
        // Only "command not recognised"-style rejections warrant the RFC 821 fallback; a 4xx or a
        // 421 shutdown would fail HELO just the same.
        guard (500...599).contains(ehlo.code) else {
            throw ehlo.unexpected(for: "EHLO")
        }
        let helo = try await exchange("HELO \(configuration.heloName)")
        guard helo.code == 250 else {
            throw helo.unexpected(for: "HELO")
        }
        return SMTPCapabilities()
    }

    private func authenticate(username: String, password: String, _ capabilities: SMTPCapabilities) async throws {
        if capabilities.authMechanisms.contains("PLAIN") {
            let credentials = base64(Array("\0\(username)\0\(password)".utf8))
            let reply = try await exchange("AUTH PLAIN \(credentials)")
            guard reply.code == 235 else {
                throw SMTPError.authenticationFailed(code: reply.code)
            }
        } else if capabilities.authMechanisms.contains("LOGIN") {
            let start = try await exchange("AUTH LOGIN")
            guard start.code == 334 else {
                throw SMTPError.authenticationFailed(code: start.code)
            }
            let user = try await exchange(base64(Array(username.utf8)))
            guard user.code == 334 else {
                throw SMTPError.authenticationFailed(code: user.code)
            }
            let verdict = try await exchange(base64(Array(password.utf8)))
            guard verdict.code == 235 else {
                throw SMTPError.authenticationFailed(code: verdict.code)
            }
        } else {
            throw SMTPError.unexpectedReply(
                command: "AUTH",
                code: 0,
                message: "server offers no supported AUTH mechanism (PLAIN or LOGIN)"
            )
        }
    }

    private func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    private func exchange(_ command: String?, upgrade: SMTPTLSUpgrade? = nil) async throws -> SMTPReply {
        try await exchange(bytes: command.map { channel.allocator.buffer(string: "\($0)\r\n") }, upgrade: upgrade)
    }

    private func exchange(bytes: ByteBuffer?, upgrade: SMTPTLSUpgrade? = nil) async throws -> SMTPReply {
        let replyPromise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let writePromise = channel.eventLoop.makePromise(of: Void.self)
        // A write that never reaches the handler (channel already closed) would otherwise leave the
        // reply promise pending forever.
        writePromise.futureResult.whenFailure { replyPromise.fail($0) }
        channel.writeAndFlush(
            SMTPRequest(bytes: bytes, tlsUpgrade: upgrade, replyPromise: replyPromise),
            promise: writePromise
        )
        return try await replyPromise.futureResult.get()
    }
}

// MARK: - Wire types

struct SMTPReply: Sendable, Equatable {
    package var code: Int
    package var lines: [String]

    package var message: String { lines.joined(separator: " ") }

    package func unexpected(for command: String) -> SMTPError {
        // Bounded so that a hostile server cannot blow up logs through our error messages.
        .unexpectedReply(command: command, code: code, message: String(message.prefix(512)))
    }
}

struct SMTPCapabilities: Sendable, Equatable {
    var supportsSTARTTLS = false
    var authMechanisms: Set<String> = []

    package init() {}

    package init(ehloReply: SMTPReply) {
        // The first line is the server's greeting; each following line is one extension keyword.
        for line in ehloReply.lines.dropFirst() {
            // Some old servers still write "AUTH=LOGIN PLAIN".
            let tokens = line.uppercased()
                .split(whereSeparator: { $0 == " " || $0 == "=" })
                .map(String.init)
            guard let keyword = tokens.first else { continue }
            switch keyword {
            case "STARTTLS":
                supportsSTARTTLS = true
            case "AUTH":
                authMechanisms.formUnion(tokens.dropFirst())
            default:
                break
            }
        }
    }
}

struct SMTPTLSUpgrade: Sendable {
    package var context: NIOSSLContext
    var serverHostname: String?

    func makeHandler() throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
    }
}

/// What the session hands to the pipeline: bytes to send (none for the greeting) and the promise
/// for the reply that answers them.
struct SMTPRequest: Sendable {
    package var bytes: ByteBuffer?
    /// When set and the reply is 220, TLS is spliced into the pipeline before anything else is read.
    var tlsUpgrade: SMTPTLSUpgrade?
    var replyPromise: EventLoopPromise<SMTPReply>
}

enum SMTPProtocolViolation: Error, Equatable {
    case malformedReply
    case replyTooLong
    case unsolicitedReplies
    case dataAfterSTARTTLS
}

/// Splits the byte stream into SMTP replies, joining `250-…` continuation lines.
struct SMTPReplyParser {
    /// RFC 5321 limits reply lines to 512 octets; generous headroom still bounds memory.
    static let maximumLineLength = 4096
    static let maximumLinesPerReply = 256

    private var buffer = ByteBuffer()
    private var pendingLines: [String] = []

    var hasBufferedData: Bool { buffer.readableBytes > 0 || !pendingLines.isEmpty }

    package mutating func append(_ bytes: inout ByteBuffer) {
        buffer.writeBuffer(&bytes)
    }

    mutating func nextReply() throws(SMTPProtocolViolation) -> SMTPReply? {
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            guard length <= Self.maximumLineLength, var line = buffer.readBytes(length: length) else {
                throw .replyTooLong
            }
            buffer.moveReaderIndex(forwardBy: 1)
            // Bare LF is tolerated: some relays and test servers send it.
            if line.last == UInt8(ascii: "\r") {
                line.removeLast()
            }
            guard line.count >= 3, line[0...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
            else {
                throw .malformedReply
            }
            let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
            guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
                throw .malformedReply
            }
            pendingLines.append(String(decoding: line.dropFirst(4), as: UTF8.self))
            if separator == UInt8(ascii: "-") {
                guard pendingLines.count < Self.maximumLinesPerReply else {
                    throw .replyTooLong
                }
                continue
            }
            let code = line[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            defer { pendingLines = [] }
            return SMTPReply(code: code, lines: pendingLines)
        }
        guard buffer.readableBytes <= Self.maximumLineLength else {
            throw .replyTooLong
        }
        buffer.discardReadBytes()
        return nil
    }
}

/// Matches replies to requests in order. Replies are buffered when they arrive before anyone asks
/// (the greeting usually does), so the session can be written as plain request/response.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private struct Waiter {
        var promise: EventLoopPromise<SMTPReply>
        var tlsUpgrade: SMTPTLSUpgrade?
        package var deadline: Scheduled<Void>
    }

    /// A server may legitimately send one reply ahead (greeting, 421 shutdown); many more means it
    /// is not speaking SMTP to us.
    private static let maximumUnclaimedReplies = 4

    private let replyTimeout: TimeAmount
    private var parser = SMTPReplyParser()
    private var waiters = CircularBuffer<Waiter>()
    private var unclaimedReplies = CircularBuffer<SMTPReply>()
    private var terminalError: (any Error)?

    package init(replyTimeout: TimeAmount) {
        self.replyTimeout = replyTimeout
    }

    package func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let terminalError {
            request.replyPromise.fail(terminalError)
            promise?.fail(terminalError)
            return
        }
        let deadline = context.eventLoop.assumeIsolated().scheduleTask(in: replyTimeout) { [weak self] in
            guard let self else { return }
            self.fail(with: SMTPError.timeout, context: context)
        }
        waiters.append(Waiter(promise: request.replyPromise, tlsUpgrade: request.tlsUpgrade, deadline: deadline))
        if let bytes = request.bytes {
            context.write(wrapOutboundOut(bytes), promise: promise)
        } else {
            promise?.succeed()
        }
        while !waiters.isEmpty, let reply = unclaimedReplies.popFirst() {
            deliver(reply, context: context)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard terminalError == nil else { return }
        var bytes = unwrapInboundIn(data)
        parser.append(&bytes)
        do {
            while terminalError == nil, let reply = try parser.nextReply() {
                if waiters.isEmpty {
                    guard unclaimedReplies.count < Self.maximumUnclaimedReplies else {
                        throw SMTPProtocolViolation.unsolicitedReplies
                    }
                    unclaimedReplies.append(reply)
                } else {
                    deliver(reply, context: context)
                }
            }
        } catch {
            fail(with: error, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(with: SMTPError.connectionFailed("connection closed by the server"), context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(with: error, context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failWaiters(with: SMTPError.connectionFailed("connection closed"))
    }

    private func deliver(_ reply: SMTPReply, context: ChannelHandlerContext) {
        guard let waiter = waiters.popFirst() else { return }
        waiter.deadline.cancel()
        if let upgrade = waiter.tlsUpgrade, reply.code == 220 {
            // Bytes that arrived together with the 220 were sent in plain text but would be read
            // as if protected by TLS: the classic STARTTLS command injection (CVE-2011-0411).
            guard !parser.hasBufferedData, unclaimedReplies.isEmpty else {
                waiter.promise.fail(SMTPProtocolViolation.dataAfterSTARTTLS)
                fail(with: SMTPProtocolViolation.dataAfterSTARTTLS, context: context)
                return
            }
            do {
                try context.pipeline.syncOperations.addHandler(upgrade.makeHandler(), position: .first)
            } catch {
                waiter.promise.fail(error)
                fail(with: error, context: context)
                return
            }
        }
        waiter.promise.succeed(reply)
    }

    private func fail(with error: any Error, context: ChannelHandlerContext) {
        guard terminalError == nil else { return }
        terminalError = error
        failWaiters(with: error)
        context.close(promise: nil)
    }

    private func failWaiters(with error: any Error) {
        while let waiter = waiters.popFirst() {
            waiter.deadline.cancel()
            waiter.promise.fail(error)
        }
    }
}
