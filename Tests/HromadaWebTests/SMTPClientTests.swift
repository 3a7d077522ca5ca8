import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

@Suite struct SMTPClientTests {
    static let sender = "noreply@city.gov.ua"
    static let recipient = "resident@example.org"
    static let cyrillicSubject = "Відключення води 12 червня"
    static let body = "Шановний мешканцю,\n.\nводу буде відключено з 9:00 до 17:00.\n"

    // MARK: Delivery

    @Test func messageIsDeliveredWithEnvelopeAndHeaders() async throws {
        try await FakeSMTPServer.withServer { server in
            try await client(port: server.port).send(
                SMTPMessage(
                    messageID: "notice-42",
                    to: Self.recipient,
                    subject: Self.cyrillicSubject,
                    textBody: Self.body
                )
            )

            #expect(
                server.recorder.commands == [
                    "EHLO localhost",
                    "MAIL FROM:<\(Self.sender)>",
                    "RCPT TO:<\(Self.recipient)>",
                    "DATA",
                    "QUIT",
                ]
            )
            let mail = try SMTPReceivedMail(try #require(server.recorder.messages.first))
            #expect(mail.header("From") == Self.sender)
            #expect(mail.header("To") == Self.recipient)
            #expect(mail.header("Message-ID") == "<notice-42@city.gov.ua>")
            #expect(mail.header("MIME-Version") == "1.0")
            #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(mail.header("Content-Transfer-Encoding") == "base64")
            let subject = try #require(mail.header("Subject"))
            #expect(subject.hasPrefix("=?UTF-8?B?"))
            #expect(try decodeSMTPEncodedWords(subject) == Self.cyrillicSubject)
            #expect(mail.bodyLines.allSatisfy { $0.count <= 76 })
            #expect(try mail.decodedBody() == Self.body.replacingOccurrences(of: "\n", with: "\r\n"))
        }
    }

    @Test func senderOverrideIsUsedForEnvelopeAndHeader() async throws {
        try await FakeSMTPServer.withServer { server in
            try await client(port: server.port).send(
                SMTPMessage(
                    messageID: "m1",
                    to: Self.recipient,
                    subject: "Hi",
                    textBody: "x",
                    from: "mayor@rada.gov.ua"
                )
            )

            #expect(server.recorder.commands.contains("MAIL FROM:<mayor@rada.gov.ua>"))
            let mail = try SMTPReceivedMail(try #require(server.recorder.messages.first))
            #expect(mail.header("From") == "mayor@rada.gov.ua")
            #expect(mail.header("Message-ID") == "<m1@rada.gov.ua>")
        }
    }

    @Test func ehloRejectionFallsBackToHelo() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.acceptsEHLO = false
        try await FakeSMTPServer.withServer(behaviour) { server in
            try await client(port: server.port).send(sampleMessage())

            #expect(
                Array(server.recorder.commands.prefix(3)) == [
                    "EHLO localhost", "HELO localhost", "MAIL FROM:<\(Self.sender)>",
                ]
            )
            #expect(server.recorder.messages.count == 1)
        }
    }

    // MARK: Authentication

    @Test func authPlainSendsCredentials() async throws {
        try await FakeSMTPServer.withServer { server in
            try await client(port: server.port, username: "міська-рада", password: "p@ss:wörd").send(sampleMessage())

            #expect(
                server.recorder.credentials == [FakeSMTPCredentials(username: "міська-рада", password: "p@ss:wörd")]
            )
            #expect(server.recorder.commands.filter { $0.hasPrefix("AUTH") }.count == 1)
            #expect(server.recorder.commands.contains { $0.hasPrefix("AUTH PLAIN ") })
            #expect(server.recorder.messages.count == 1)
        }
    }

    @Test func authLoginIsUsedWhenServerOffersOnlyLogin() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.extensions = ["AUTH LOGIN"]
        try await FakeSMTPServer.withServer(behaviour) { server in
            try await client(port: server.port, username: "clerk", password: "secret").send(sampleMessage())

            #expect(server.recorder.commands.contains("AUTH LOGIN"))
            #expect(server.recorder.credentials == [FakeSMTPCredentials(username: "clerk", password: "secret")])
            #expect(server.recorder.messages.count == 1)
        }
    }

    @Test func rejectedCredentialsThrowAuthenticationFailed() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.authReply = (535, "5.7.8 Authentication credentials invalid")
        try await FakeSMTPServer.withServer(behaviour) { server in
            await #expect(throws: SMTPError.authenticationFailed(code: 535)) {
                try await client(port: server.port, username: "clerk", password: "wrong").send(sampleMessage())
            }
            #expect(!server.recorder.commands.contains { $0.hasPrefix("MAIL") })
        }
    }

    @Test func credentialsWithoutOfferedAuthMechanismFail() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.extensions = ["AUTH CRAM-MD5"]
        try await FakeSMTPServer.withServer(behaviour) { server in
            let error = await #expect(throws: SMTPError.self) {
                try await client(port: server.port, username: "clerk", password: "secret").send(sampleMessage())
            }
            guard case .unexpectedReply(command: "AUTH", _, _) = error else {
                Issue.record("unexpected error \(String(describing: error))")
                return
            }
            #expect(server.recorder.credentials.isEmpty)
        }
    }

    // MARK: Rejections and failures

    /// Which refusals end a letter's tries: a 5yz to the recipient or the
    /// letter; never a 4yz, nor a 5yz about the mail setup (mended, it sends).
    @Test func onlyAPermanentRefusalOfTheRecipientOrTheLetterIsForGood() {
        #expect(SMTPError.unexpectedReply(command: "RCPT TO", code: 550, message: "").refusesThisMessageForGood)
        #expect(SMTPError.unexpectedReply(command: "end of DATA", code: 554, message: "").refusesThisMessageForGood)
        #expect(!SMTPError.unexpectedReply(command: "RCPT TO", code: 450, message: "").refusesThisMessageForGood)
        #expect(!SMTPError.unexpectedReply(command: "MAIL FROM", code: 553, message: "").refusesThisMessageForGood)
        #expect(!SMTPError.unexpectedReply(command: "EHLO", code: 554, message: "").refusesThisMessageForGood)
        #expect(!SMTPError.authenticationFailed(code: 535).refusesThisMessageForGood)
        #expect(!SMTPError.timeout.refusesThisMessageForGood)
    }

    @Test func rejectedRecipientThrowsUnexpectedReply() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.recipientReply = (550, "5.1.1 Mailbox unavailable")
        try await FakeSMTPServer.withServer(behaviour) { server in
            await #expect(
                throws: SMTPError.unexpectedReply(command: "RCPT TO", code: 550, message: "5.1.1 Mailbox unavailable")
            ) {
                try await client(port: server.port).send(sampleMessage())
            }
            #expect(!server.recorder.commands.contains("DATA"))
            #expect(server.recorder.commands.last == "QUIT")
            #expect(server.recorder.messages.isEmpty)
        }
    }

    @Test(arguments: [
        "resident@example.org\r\nBcc: everyone@example.org",
        "resident@example.org\nRCPT TO:<victim@example.org>",
        "<resident@example.org>",
        "resident@example.org>\r\nDATA",
        "Resident <resident@example.org>",
        "no-at-sign",
        "",
    ])
    func addressWithHeaderInjectionIsRejectedWithoutConnecting(address: String) async throws {
        try await FakeSMTPServer.withServer { server in
            await #expect(throws: SMTPError.invalidAddress(address)) {
                try await client(port: server.port).send(
                    SMTPMessage(messageID: "x", to: address, subject: "s", textBody: "b")
                )
            }
            await #expect(throws: SMTPError.invalidAddress(address)) {
                try await client(port: server.port).send(
                    SMTPMessage(messageID: "x", to: Self.recipient, subject: "s", textBody: "b", from: address)
                )
            }
            #expect(server.recorder.connections == 0)
        }
    }

    @Test func silentServerTimesOut() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.silentOn = "DATA"
        try await FakeSMTPServer.withServer(behaviour) { server in
            await #expect(throws: SMTPError.timeout) {
                try await client(port: server.port, timeout: .milliseconds(250)).send(sampleMessage())
            }
        }
    }

    @Test func missingGreetingTimesOut() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.silentOn = "GREETING"
        try await FakeSMTPServer.withServer(behaviour) { server in
            await #expect(throws: SMTPError.timeout) {
                try await client(port: server.port, timeout: .milliseconds(250)).send(sampleMessage())
            }
            #expect(server.recorder.commands.isEmpty)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingSendClosesTheConnection() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.silentOn = "GREETING"
        try await FakeSMTPServer.withServer(behaviour) { server in
            let client = try client(port: server.port, timeout: .seconds(600))
            let message = sampleMessage()
            var events = server.recorder.connectionEvents.makeAsyncIterator()
            let delivery = Task { try await client.send(message) }

            #expect(await events.next() == .opened)
            delivery.cancel()
            await #expect(throws: CancellationError.self) { try await delivery.value }
            #expect(await events.next() == .closed)
        }
    }

    @Test(arguments: ["web1\r\nRSET", "", "two words"])
    func invalidHeloNameIsRejectedWithoutConnecting(heloName: String) async throws {
        try await FakeSMTPServer.withServer { server in
            var configuration = configuration(port: server.port)
            configuration.heloName = heloName
            let client = SMTPClient(configuration: configuration, logger: Logger(label: "smtp-test"))
            await #expect(throws: SMTPError.invalidAddress(heloName)) {
                try await client.send(sampleMessage())
            }
            #expect(server.recorder.connections == 0)
        }
    }

    @Test func refusedConnectionThrowsConnectionFailed() async throws {
        // A port that was just released is as close to "nothing listening" as a test can get.
        let port = try await FakeSMTPServer.withServer { $0.port }
        let error = await #expect(throws: SMTPError.self) {
            try await client(port: port).send(sampleMessage())
        }
        guard case .connectionFailed = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    // MARK: TLS

    @Test func credentialsAreNotSentWhenStartTLSIsNotOffered() async throws {
        try await FakeSMTPServer.withServer { server in
            await #expect(throws: SMTPError.tlsUnavailable) {
                try await client(port: server.port, security: .startTLS, username: "clerk", password: "secret")
                    .send(sampleMessage())
            }
            #expect(!server.recorder.commands.contains { $0.hasPrefix("AUTH") })
            #expect(server.recorder.credentials.isEmpty)
        }
    }

    @Test func startTLSIsSkippedWhenNotOfferedAndNoCredentials() async throws {
        try await FakeSMTPServer.withServer { server in
            try await client(port: server.port, security: .startTLS).send(sampleMessage())

            #expect(!server.recorder.commands.contains("STARTTLS"))
            #expect(server.recorder.messages.count == 1)
        }
    }

    @Test func startTLSUpgradesAndGreetsAgainBeforeAuthenticating() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.tls = try FakeSMTPTLS.serverContext()
        try await FakeSMTPServer.withServer(behaviour) { server in
            try await client(port: server.port, security: .startTLS, username: "clerk", password: "secret")
                .send(sampleMessage())

            #expect(server.recorder.tlsUpgrades == 1)
            #expect(
                Array(server.recorder.commands.prefix(4)) == [
                    "EHLO localhost", "STARTTLS", "EHLO localhost",
                    "AUTH PLAIN \(Data("\0clerk\0secret".utf8).base64EncodedString())",
                ]
            )
            #expect(server.recorder.messages.count == 1)
        }
    }

    @Test func implicitTLSDeliversOverEncryptedConnection() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.implicitTLS = try FakeSMTPTLS.serverContext()
        try await FakeSMTPServer.withServer(behaviour) { server in
            try await client(port: server.port, security: .implicitTLS, username: "clerk", password: "secret")
                .send(sampleMessage())

            #expect(server.recorder.credentials == [FakeSMTPCredentials(username: "clerk", password: "secret")])
            #expect(server.recorder.messages.count == 1)
        }
    }

    @Test func untrustedCertificateFailsTheConnection() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.implicitTLS = try FakeSMTPTLS.serverContext()
        try await FakeSMTPServer.withServer(behaviour) { server in
            let client = SMTPClient(
                configuration: configuration(port: server.port, security: .implicitTLS),
                logger: Logger(label: "test")
            )
            let error = await #expect(throws: SMTPError.self) {
                try await client.send(sampleMessage())
            }
            guard case .connectionFailed = error else {
                Issue.record("unexpected error \(String(describing: error))")
                return
            }
            #expect(server.recorder.messages.isEmpty)
        }
    }

    @Test func plainTextInjectedAfterSTARTTLSIsRejected() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.tls = try FakeSMTPTLS.serverContext()
        behaviour.injectsAfterSTARTTLS = true
        try await FakeSMTPServer.withServer(behaviour) { server in
            let error = await #expect(throws: SMTPError.self) {
                try await client(port: server.port, security: .startTLS).send(sampleMessage())
            }
            guard case .connectionFailed(let reason) = error else {
                Issue.record("unexpected error \(String(describing: error))")
                return
            }
            #expect(reason.contains("STARTTLS"))
            #expect(server.recorder.messages.isEmpty)
        }
    }

    // MARK: Logging

    @Test func passwordAndBodyAreNeverLogged() async throws {
        let capture = LogLines()
        let logger = Logger(label: "smtp-test") { _ in CapturingLogHandler(capture: capture) }
        try await FakeSMTPServer.withServer { server in
            try await client(port: server.port, username: "clerk", password: "hunter2-secret", logger: logger)
                .send(
                    SMTPMessage(messageID: "log-check", to: Self.recipient, subject: "s", textBody: "confidential-body")
                )
        }

        let lines = capture.lines
        #expect(!lines.isEmpty)
        #expect(lines.contains { $0.contains("log-check") && $0.contains("127.0.0.1") })
        let authString = Data("\0clerk\0hunter2-secret".utf8).base64EncodedString()
        let encodedBody = Data("confidential-body".utf8).base64EncodedString()
        for line in lines {
            #expect(!line.contains("hunter2-secret"))
            #expect(!line.contains(authString))
            #expect(!line.contains("confidential-body"))
            #expect(!line.contains(encodedBody))
        }
    }

    // MARK: Wire format

    @Test func multiLineRepliesAreParsedAcrossPacketBoundaries() throws {
        var parser = SMTPReplyParser()
        var first = ByteBuffer(string: "250-mail.example.org greets you\r\n250-STARTTLS\r\n25")
        parser.append(&first)
        #expect(try parser.nextReply() == nil)
        var second = ByteBuffer(string: "0 AUTH PLAIN LOGIN\r\n354 go ahead\r\n")
        parser.append(&second)

        let ehlo = try #require(try parser.nextReply())
        #expect(ehlo.code == 250)
        #expect(ehlo.lines == ["mail.example.org greets you", "STARTTLS", "AUTH PLAIN LOGIN"])
        let capabilities = SMTPCapabilities(ehloReply: ehlo)
        #expect(capabilities.supportsSTARTTLS)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN"])
        #expect(try parser.nextReply() == SMTPReply(code: 354, lines: ["go ahead"]))
        #expect(try parser.nextReply() == nil)
        #expect(!parser.hasBufferedData)
    }

    @Test func malformedAndOversizedRepliesAreRejected() throws {
        var garbage = SMTPReplyParser()
        var bytes = ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\n")
        garbage.append(&bytes)
        #expect(throws: SMTPProtocolViolation.malformedReply) { try garbage.nextReply() }

        var endless = SMTPReplyParser()
        var long = ByteBuffer(string: "250 " + String(repeating: "x", count: SMTPReplyParser.maximumLineLength + 1))
        endless.append(&long)
        #expect(throws: SMTPProtocolViolation.replyTooLong) { try endless.nextReply() }
    }

    @Test func linesStartingWithDotAreStuffedAndTerminated() {
        let payload = SMTPMessageRenderer.dataPayload(Array(".hidden\r\nkeep\r\n.\r\n..two\r\nlast".utf8))
        #expect(String(decoding: payload, as: UTF8.self) == "..hidden\r\nkeep\r\n..\r\n...two\r\nlast\r\n.\r\n")
    }

    @Test func bodyIsBase64InLinesOf76CharactersWithCRLF() throws {
        let text = String(repeating: "Громада ", count: 40) + "\r\nold mac\rline\n"
        let rendered = SMTPMessageRenderer.render(
            SMTPMessage(messageID: "b", to: Self.recipient, subject: "s", textBody: text),
            from: Self.sender,
            date: Date(timeIntervalSince1970: 0)
        )
        let mail = try SMTPReceivedMail(String(decoding: rendered, as: UTF8.self))
        #expect(mail.bodyLines.count > 1)
        #expect(mail.bodyLines.dropLast().allSatisfy { $0.count == 76 })
        #expect(try mail.decodedBody() == String(repeating: "Громада ", count: 40) + "\r\nold mac\r\nline\r\n")
        // Every line break in the rendered message is CRLF.
        let bytes = Array(rendered)
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r"))
        }
    }

    @Test func longCyrillicSubjectIsSplitIntoEncodedWordsOnCharacterBoundaries() throws {
        let subject = String(repeating: "Засідання виконавчого комітету ", count: 4) + "🇺🇦"
        let header = SMTPMessageRenderer.encodedHeader(name: "Subject", value: subject)
        let lines = header.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" =?UTF-8?B?") })
        // Each encoded-word must decode on its own, i.e. no character was cut in half.
        for word in header.dropFirst("Subject: ".count).split(whereSeparator: { $0 == " " || $0 == "\r\n" }) {
            #expect(throws: Never.self) { try decodeSMTPEncodedWords(String(word)) }
        }
        #expect(try decodeSMTPEncodedWords(String(header.dropFirst("Subject: ".count))) == subject)
    }

    @Test func asciiSubjectStaysReadableAndLineBreaksCannotInjectHeaders() throws {
        #expect(SMTPMessageRenderer.encodedHeader(name: "Subject", value: "Water outage") == "Subject: Water outage")

        let injected = SMTPMessageRenderer.encodedHeader(name: "Subject", value: "Hello\r\nBcc: all@example.org")
        #expect(injected == "Subject: Hello  Bcc: all@example.org")

        let long = String(repeating: "word ", count: 30)
        let folded = SMTPMessageRenderer.encodedHeader(name: "Subject", value: long)
        let lines = folded.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + long)
    }

    @Test func dateHeaderUsesRFC5322Format() {
        #expect(
            SMTPMessageRenderer.rfc5322Date(Date(timeIntervalSince1970: 1_709_211_909))
                == "Thu, 29 Feb 2024 13:05:09 +0000"
        )
        #expect(SMTPMessageRenderer.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(
            SMTPMessageRenderer.rfc5322Date(Date(timeIntervalSince1970: 951_782_400))
                == "Tue, 29 Feb 2000 00:00:00 +0000"
        )
        #expect(SMTPMessageRenderer.rfc5322Date(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 +0000")
    }

    @Test func messageIDCannotBreakTheHeader() {
        #expect(SMTPMessageRenderer.messageIDLocalPart("notice-42") == "notice-42")
        #expect(SMTPMessageRenderer.messageIDLocalPart("a>\r\nBcc: x@y") == "a---Bcc--x-y")
        #expect(SMTPMessageRenderer.messageIDLocalPart(".a..b.") == "a.b")
        #expect(!SMTPMessageRenderer.messageIDLocalPart("").isEmpty)
    }

    // MARK: URL parsing

    @Test(arguments: [
        ("smtp://mail.example.org?from=noreply@city.gov.ua", SMTPConfiguration.Security.startTLS, 587),
        ("smtps://mail.example.org?from=noreply@city.gov.ua", .implicitTLS, 465),
        ("smtp+plain://localhost?from=noreply@city.gov.ua", .none, 25),
        ("SMTP://mail.example.org/?from=noreply@city.gov.ua", .startTLS, 587),
    ])
    func urlSchemeSelectsSecurityAndDefaultPort(url: String, security: SMTPConfiguration.Security, port: Int) throws {
        let configuration = try SMTPConfiguration(url: url)
        #expect(configuration.security == security)
        #expect(configuration.port == port)
        #expect(configuration.from == "noreply@city.gov.ua")
        #expect(configuration.username == nil)
        #expect(configuration.password == nil)
        #expect(configuration.heloName == "localhost")
    }

    @Test func urlExplicitPortOverridesDefault() throws {
        let configuration = try SMTPConfiguration(url: "smtps://mail.example.org:2465?from=noreply@city.gov.ua")
        #expect(configuration.host == "mail.example.org")
        #expect(configuration.port == 2465)
        #expect(configuration.security == .implicitTLS)
    }

    @Test func urlUserAndPasswordArePercentDecoded() throws {
        let configuration = try SMTPConfiguration(
            url: "smtp://clerk%40city.gov.ua:p%40ss%3Aw%2Fo%23rd%20%D1%97@mail.example.org:2525"
                + "?from=noreply%2Balerts@city.gov.ua&helo=web1.city.gov.ua"
        )
        #expect(configuration.username == "clerk@city.gov.ua")
        #expect(configuration.password == "p@ss:w/o#rd ї")
        #expect(configuration.host == "mail.example.org")
        #expect(configuration.port == 2525)
        #expect(configuration.from == "noreply+alerts@city.gov.ua")
        #expect(configuration.heloName == "web1.city.gov.ua")
    }

    @Test func urlAcceptsIPv6HostAndUserWithoutPassword() throws {
        let configuration = try SMTPConfiguration(url: "smtp+plain://relay@[::1]:2525?from=noreply@city.gov.ua")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 2525)
        #expect(configuration.username == "relay")
        #expect(configuration.password == nil)
    }

    @Test(arguments: [
        "smtp://?from=noreply@city.gov.ua",
        "smtp://user:pw@:587?from=noreply@city.gov.ua",
        "smtps://user:pw@?from=noreply@city.gov.ua",
    ])
    func urlWithoutHostIsRejected(url: String) {
        #expect(throws: SMTPError.invalidURL("SMTP URL is missing the host")) {
            try SMTPConfiguration(url: url)
        }
    }

    @Test(arguments: [
        "smtp://mail.example.org",
        "smtp://mail.example.org?from=",
        "smtp://mail.example.org?helo=web1",
    ])
    func urlWithoutFromIsRejected(url: String) {
        #expect(throws: SMTPError.invalidURL("SMTP URL is missing the sender, e.g. ?from=noreply@example.org")) {
            try SMTPConfiguration(url: url)
        }
    }

    @Test(arguments: [
        "http://user:s3cr3t@mail.example.org?from=noreply@city.gov.ua",
        "mail.example.org",
        "smtp://user:s3cr3t@mail.example.org:99999?from=noreply@city.gov.ua",
        "smtp://user:s3cr3t@mail.example.org:25x?from=noreply@city.gov.ua",
        "smtp://user:s3cr3t/x@mail.example.org?from=noreply@city.gov.ua",
        "smtp://user:s3cr3t?x@mail.example.org?from=noreply@city.gov.ua",
        "smtp://user:s3cr3t%zz@mail.example.org?from=noreply@city.gov.ua",
        "smtp://user:s3cr3t@mail.example.org?from=not-an-address",
        "smtp://user:s3cr3t@mail.example.org?from=a@b&s3cr3t=1",
        "smtp://user:s3cr3t@mail example.org?from=noreply@city.gov.ua",
    ])
    func invalidURLIsRejectedWithoutRevealingThePassword(url: String) {
        let error = #expect(throws: SMTPError.self) { try SMTPConfiguration(url: url) }
        guard case .invalidURL(let reason) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
        #expect(!reason.contains("s3cr3t"))
        #expect(!String(describing: error).contains("s3cr3t"))
    }

    @Test func configurationDescriptionRedactsPassword() throws {
        let configuration = try SMTPConfiguration(url: "smtp://clerk:s3cr3t@mail.example.org?from=noreply@city.gov.ua")
        #expect(!String(describing: configuration).contains("s3cr3t"))
        #expect(!String(reflecting: configuration).contains("s3cr3t"))
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
        #expect(dumped.contains("clerk"))
    }

    // MARK: Helpers

    private func sampleMessage() -> SMTPMessage {
        SMTPMessage(messageID: "sample", to: Self.recipient, subject: "Test", textBody: "Hello")
    }

    private func configuration(
        port: Int,
        security: SMTPConfiguration.Security = .none,
        username: String? = nil,
        password: String? = nil
    ) -> SMTPConfiguration {
        SMTPConfiguration(
            host: "127.0.0.1",
            port: port,
            security: security,
            username: username,
            password: password,
            from: Self.sender
        )
    }

    private func client(
        port: Int,
        security: SMTPConfiguration.Security = .none,
        username: String? = nil,
        password: String? = nil,
        timeout: TimeAmount = .seconds(10),
        logger: Logger = Logger(label: "smtp-test")
    ) throws -> SMTPClient {
        SMTPClient(
            configuration: configuration(port: port, security: security, username: username, password: password),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger,
            timeout: timeout,
            tlsConfiguration: try FakeSMTPTLS.clientConfiguration()
        )
    }
}

/// A received message split into unfolded headers and body lines.
private struct SMTPReceivedMail {
    var headers: [(name: String, value: String)] = []
    var bodyLines: [String] = []

    init(_ raw: String) throws {
        let lines = raw.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let separator = try #require(lines.firstIndex(of: ""))
        for line in lines[..<separator] {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), let last = headers.indices.last {
                headers[last].value += line
            } else {
                let colon = try #require(line.firstIndex(of: ":"))
                headers.append(
                    (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                )
            }
        }
        bodyLines = lines[(separator + 1)...].filter { !$0.isEmpty }
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    func decodedBody() throws -> String {
        let data = try #require(Data(base64Encoded: bodyLines.joined()))
        return String(decoding: data, as: UTF8.self)
    }
}

private struct SMTPEncodedWordError: Error {}

/// Decodes a header value made only of RFC 2047 `B` encoded-words; whitespace between them is dropped
/// as the RFC requires.
private func decodeSMTPEncodedWords(_ value: String) throws -> String {
    var bytes = Data()
    for word in value.split(whereSeparator: { $0 == " " || $0 == "\r\n" || $0 == "\t" }) {
        guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
            let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
        else {
            throw SMTPEncodedWordError()
        }
        guard String(validating: data, as: UTF8.self) != nil else {
            throw SMTPEncodedWordError()
        }
        bytes.append(data)
    }
    return String(decoding: bytes, as: UTF8.self)
}
