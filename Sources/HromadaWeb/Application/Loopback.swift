/// Loopback hosts and addresses: the machine itself.
public enum Loopback {
    /// A listening host: `localhost`, 127.0.0.0/8 or ::1 (not 0.0.0.0 or ::, which mean every interface).
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        return isLoopback(address: name)
    }

    /// A socket's peer address.
    public static func isLoopback(address: String?) -> Bool {
        guard let address else { return false }
        let normalized = CIDR.normalized(address)
        return CIDR("127.0.0.0/8")?.contains(normalized) == true || CIDR("::1/128")?.contains(normalized) == true
    }
}
