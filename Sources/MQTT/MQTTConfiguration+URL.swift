extension MQTTConfiguration {
    /// Reads `mqtt://user:password@host:1883` (plain TCP) or `mqtts://user:password@host:8883`
    /// (TLS, trusting the system store until `tls.caFile` is set). User and password are
    /// percent-decoded; the port defaults to 1883 and 8883. IPv6 hosts go in brackets.
    public init(url: String, clientID: String = "") throws(MQTTError) {
        guard let schemeEnd = url.firstRange(of: "://") else {
            throw .invalidURL("\(Self.redacted(url)): expected mqtt:// or mqtts://")
        }
        let tls: MQTTTLS?
        let defaultPort: Int
        switch url[..<schemeEnd.lowerBound].lowercased() {
        case "mqtt":
            tls = nil
            defaultPort = 1883
        case "mqtts":
            tls = MQTTTLS()
            defaultPort = 8883
        default:
            throw .invalidURL("\(Self.redacted(url)): expected mqtt:// or mqtts://")
        }

        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        // A broker URL names a server, nothing inside it.
        guard afterScheme[authorityEnd...].isEmpty || afterScheme[authorityEnd...] == "/" else {
            throw .invalidURL("\(Self.redacted(url)): paths, queries and fragments are not supported")
        }

        var username: String?
        var password: String?
        var hostAndPort = authority
        // The last "@" ends the user information: an unencoded "@" in a password is forgiven.
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostAndPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                username = try Self.percentDecoded(userInfo[..<colon])
                password = try Self.percentDecoded(userInfo[userInfo.index(after: colon)...])
            } else {
                username = try Self.percentDecoded(userInfo)
            }
        }

        let (host, port) = try Self.splitHostAndPort(hostAndPort, defaultPort: defaultPort)
        self.init(host: host, port: port, tls: tls, clientID: clientID, username: username, password: password)
    }

    private static func splitHostAndPort(
        _ hostAndPort: Substring,
        defaultPort: Int
    ) throws(MQTTError) -> (host: String, port: Int) {
        var host = hostAndPort
        var portText: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else {
                throw .invalidURL("unclosed \"[\" in host \(hostAndPort)")
            }
            host = hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]
            let rest = hostAndPort[hostAndPort.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw .invalidURL("unexpected \(rest) after the host") }
                portText = rest.dropFirst()
            }
        } else if let colon = hostAndPort.lastIndex(of: ":") {
            host = hostAndPort[..<colon]
            portText = hostAndPort[hostAndPort.index(after: colon)...]
        }
        guard !host.isEmpty else { throw .invalidURL("the host is missing") }
        guard let portText else { return (String(host), defaultPort) }
        guard portText.count <= 5, portText.allSatisfy(\.isASCIIDigit), let port = Int(portText),
            (1...65535).contains(port)
        else {
            throw .invalidURL("port \"\(portText)\" is not in 1...65535")
        }
        return (String(host), port)
    }

    /// RFC 3986 §2.1 percent-decoding; the result must be UTF-8.
    private static func percentDecoded(_ text: Substring) throws(MQTTError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else {
                throw .invalidURL("broken percent-encoding in the user information")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw .invalidURL("the user information is not UTF-8 after percent-decoding")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The URL without its password, for error messages that end up in logs.
    private static func redacted(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        return "…@" + url[url.index(after: at)...]
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool {
        self.isASCII && self.isNumber
    }
}
