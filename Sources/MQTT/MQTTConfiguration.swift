/// Where and how to reach a broker.
public struct MQTTConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// nil means plain TCP.
    public var tls: MQTTTLS?
    /// Must be stable when `cleanSession` is false: the broker finds the session by it.
    public var clientID: String
    public var username: String?
    public var password: String?
    /// The client sends PINGREQ after this much silence and gives the connection up when
    /// PINGRESP is this late; zero turns keep-alive off. Whole seconds on the wire (§3.1.2.10).
    public var keepAlive: Duration
    /// False keeps the broker-side session, so QoS 1 messages that arrive while the client is
    /// away are queued for it (§3.1.2.4).
    public var cleanSession: Bool
    public var backoff: MQTTBackoff
    /// Larger incoming packets close the connection instead of being buffered.
    public var maximumPacketSize: Int
    /// Bounds the TCP connect and the wait for CONNACK.
    public var connectTimeout: Duration

    public init(
        host: String,
        port: Int,
        tls: MQTTTLS? = nil,
        clientID: String = "",
        username: String? = nil,
        password: String? = nil,
        keepAlive: Duration = .seconds(30),
        cleanSession: Bool = true,
        backoff: MQTTBackoff = MQTTBackoff(),
        maximumPacketSize: Int = 1 << 20,
        connectTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.clientID = clientID
        self.username = username
        self.password = password
        self.keepAlive = keepAlive
        self.cleanSession = cleanSession
        self.backoff = backoff
        self.maximumPacketSize = maximumPacketSize
        self.connectTimeout = connectTimeout
    }

    /// Checks the rules a broker would otherwise refuse at CONNECT time, so that a typo
    /// fails once at start-up instead of on every reconnect.
    func validate() throws(MQTTError) {
        guard !self.host.isEmpty else { throw .invalidConfiguration("the host is empty") }
        guard (1...65535).contains(self.port) else {
            throw .invalidConfiguration("port \(self.port) is not in 1...65535")
        }
        // §3.1.3.1: an empty client identifier only comes with a clean session.
        guard !self.clientID.isEmpty || self.cleanSession else {
            throw .invalidConfiguration("a persistent session (cleanSession false) needs a client identifier")
        }
        // §3.1.2.9: no password without a user name.
        guard self.username != nil || self.password == nil else {
            throw .invalidConfiguration("a password needs a user name")
        }
        guard self.keepAlive >= .zero, self.keepAlive <= .seconds(Int(UInt16.max)) else {
            throw .invalidConfiguration("keep-alive must be between 0 and 65535 seconds")
        }
        guard self.maximumPacketSize >= 2 else {
            throw .invalidConfiguration("maximumPacketSize must be at least 2 bytes")
        }
    }

    /// The CONNECT packet for this configuration.
    var connectPacket: MQTTPacket.Connect {
        // Round up so that a sub-second keep-alive does not become "off".
        let (seconds, attoseconds) = self.keepAlive.components
        let keepAliveSeconds = UInt16(clamping: seconds + (attoseconds > 0 ? 1 : 0))
        return MQTTPacket.Connect(
            clientID: self.clientID,
            cleanSession: self.cleanSession,
            keepAliveSeconds: keepAliveSeconds,
            username: self.username,
            password: self.password.map { Array($0.utf8) }
        )
    }
}

/// TLS settings; the server certificate is always verified.
public struct MQTTTLS: Sendable, Equatable {
    /// PEM file with the CA certificates to trust; nil trusts the system store.
    public var caFile: String?
    /// The name to send in SNI and to check the certificate against; nil uses the host.
    /// When the host is an IP address and this is nil, the certificate must name that IP.
    public var serverName: String?

    public init(caFile: String? = nil, serverName: String? = nil) {
        self.caFile = caFile
        self.serverName = serverName
    }
}
