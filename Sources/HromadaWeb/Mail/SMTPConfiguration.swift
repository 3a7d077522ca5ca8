/// Where and how outgoing mail is handed to an SMTP server.
public struct SMTPConfiguration: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: Sendable, Equatable {
        /// Never negotiate TLS, and send any credentials in clear text. Meant for relays on the same
        /// host or a trusted network, and for tests.
        case none
        /// Upgrade with STARTTLS whenever the server offers it. When credentials are configured the
        /// upgrade is mandatory: a server that does not offer it fails with `SMTPError.tlsUnavailable`
        /// rather than receiving the password in clear text.
        case startTLS
        /// TLS from the first byte (SMTPS, usually port 465).
        case implicitTLS
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// Envelope sender and `From` header, unless a message overrides it.
    public var from: String
    /// Name announced in EHLO/HELO.
    public var heloName: String

    public init(
        host: String,
        port: Int,
        security: Security,
        username: String? = nil,
        password: String? = nil,
        from: String,
        heloName: String = "localhost"
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.heloName = heloName
    }

    /// Parses a URL such as `smtp://user:pass@smtp.example.org:587?from=noreply@city.gov.ua`.
    ///
    /// Schemes:
    /// - `smtp://` — STARTTLS when offered (required when credentials are given), default port 587.
    /// - `smtps://` — implicit TLS, default port 465.
    /// - `smtp+plain://` — never TLS, default port 25; for local relays and tests.
    ///
    /// Query parameters: `from` (required) and `helo` (optional, defaults to `localhost`).
    /// User and password are percent-decoded, so reserved characters in them (`@ : / ? #`) must be
    /// percent-encoded. Error messages never repeat the password.
    public init(url: String) throws {
        var rest = Substring(url).trimmingWhitespace()

        guard let schemeEnd = rest.firstRange(of: "://") else {
            throw SMTPError.invalidURL("SMTP URL must start with smtp://, smtps:// or smtp+plain://")
        }
        let scheme = rest[..<schemeEnd.lowerBound].lowercased()
        rest = rest[schemeEnd.upperBound...]

        let defaultPort: Int
        switch scheme {
        case "smtp":
            self.security = .startTLS
            defaultPort = 587
        case "smtps":
            self.security = .implicitTLS
            defaultPort = 465
        case "smtp+plain":
            self.security = .none
            defaultPort = 25
        default:
            throw SMTPError.invalidURL("unsupported SMTP URL scheme; use smtp://, smtps:// or smtp+plain://")
        }

        // Standard URL semantics: the authority ends at the first '/', '?' or '#'.
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var tail = rest[authorityEnd...]

        if let fragmentStart = tail.firstIndex(of: "#") {
            guard tail[fragmentStart...].count == 1 else {
                throw SMTPError.invalidURL("SMTP URL must not contain a fragment (#…)")
            }
            tail = tail[..<fragmentStart]
        }
        var query: Substring = ""
        if let queryStart = tail.firstIndex(of: "?") {
            query = tail[tail.index(after: queryStart)...]
            tail = tail[..<queryStart]
        }
        guard tail.isEmpty || tail == "/" else {
            throw SMTPError.invalidURL("SMTP URL must not contain a path")
        }

        let hostAndPort: Substring
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostAndPort = authority[authority.index(after: at)...]
            let rawUser: Substring
            let rawPassword: Substring?
            if let colon = userInfo.firstIndex(of: ":") {
                rawUser = userInfo[..<colon]
                rawPassword = userInfo[userInfo.index(after: colon)...]
            } else {
                rawUser = userInfo
                rawPassword = nil
            }
            guard let user = SMTPPercentDecoding.decode(rawUser) else {
                throw SMTPError.invalidURL("SMTP URL user name has invalid percent-encoding")
            }
            if let rawPassword {
                // Deliberately vague: anything more specific could leak part of the secret.
                guard let password = SMTPPercentDecoding.decode(rawPassword) else {
                    throw SMTPError.invalidURL("SMTP URL password has invalid percent-encoding")
                }
                self.password = password
            } else {
                self.password = nil
            }
            guard !user.isEmpty else {
                throw SMTPError.invalidURL("SMTP URL has credentials but an empty user name")
            }
            self.username = user
        } else {
            hostAndPort = authority
            self.username = nil
            self.password = nil
        }

        let (host, port) = try Self.parseHostAndPort(hostAndPort)
        self.host = host
        self.port = port ?? defaultPort

        var from: String?
        var heloName = "localhost"
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].lowercased()
            // '+' stays literal: it is common in addresses (noreply+tag@…) and this is not a form post.
            guard let value = SMTPPercentDecoding.decode(parts.count > 1 ? parts[1] : "") else {
                throw SMTPError.invalidURL("SMTP URL query has invalid percent-encoding")
            }
            switch key {
            case "from":
                from = value
            case "helo":
                heloName = value
            default:
                // The key is not echoed: a password with an unencoded '?' ends up here.
                throw SMTPError.invalidURL("SMTP URL has an unknown query parameter; supported: from, helo")
            }
        }

        guard let from, !from.isEmpty else {
            throw SMTPError.invalidURL("SMTP URL is missing the sender, e.g. ?from=noreply@example.org")
        }
        do {
            try SMTPAddressValidator.validate(from)
        } catch {
            throw SMTPError.invalidURL("SMTP URL 'from' is not a valid mail address")
        }
        self.from = from

        guard SMTPAddressValidator.isValidHeloName(heloName) else {
            throw SMTPError.invalidURL("SMTP URL 'helo' must be a non-empty ASCII name without spaces")
        }
        self.heloName = heloName
    }

    private static func parseHostAndPort(_ text: Substring) throws -> (String, Int?) {
        let host: Substring
        let portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw SMTPError.invalidURL("SMTP URL has an unterminated IPv6 address")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let afterHost = text[text.index(after: close)...]
            if afterHost.isEmpty {
                portText = nil
            } else if afterHost.hasPrefix(":") {
                portText = afterHost.dropFirst()
            } else {
                throw SMTPError.invalidURL("SMTP URL has unexpected characters after the IPv6 address")
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw SMTPError.invalidURL("SMTP URL has an invalid IPv6 address")
            }
        } else {
            if let colon = text.firstIndex(of: ":") {
                host = text[..<colon]
                portText = text[text.index(after: colon)...]
            } else {
                host = text
                portText = nil
            }
            guard !host.isEmpty else {
                throw SMTPError.invalidURL("SMTP URL is missing the host")
            }
            let allowed = host.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                    true
                default:
                    false
                }
            }
            guard allowed else {
                throw SMTPError.invalidURL("SMTP URL host may contain only ASCII letters, digits, '-', '.' and '_'")
            }
        }

        guard let portText else { return (String(host), nil) }
        // The text is not echoed: with a mistyped URL it may well be part of the password.
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let port = Int(portText), (1...65535).contains(port)
        else {
            throw SMTPError.invalidURL("SMTP URL port must be a number between 1 and 65535")
        }
        return (String(host), port)
    }
}

extension SMTPConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    // The synthesized reflection would print the password wherever a configuration is logged or dumped.
    public var description: String {
        let credentials = username.map { "\($0):<redacted>@" } ?? ""
        return "SMTPConfiguration(\(security), \(credentials)\(host):\(port), from: \(from), helo: \(heloName))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host,
                "port": port,
                "security": security,
                "username": username as Any,
                "password": password == nil ? "nil" : "<redacted>",
                "from": from,
                "heloName": heloName,
            ],
            displayStyle: .struct
        )
    }
}

enum SMTPPercentDecoding {
    /// Returns nil for a malformed escape or for bytes that are not UTF-8.
    package static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else {
            return ""
        }
        return self[first...last]
    }
}
