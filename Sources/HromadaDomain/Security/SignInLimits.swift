import Crypto
import Foundation

/// Sign-in limits that nobody can spend on someone else's behalf (issue 13;
/// OWASP's "device cookies"). Only failures count: per client address, per
/// address and account, and per account only from devices that have not
/// signed in to it before. A device that has signed in before has a budget
/// of its own, so a stranger's guesses never lock the owner out of the
/// browser they use.
public enum SignInLimits {
    /// What the browser proves about itself for the account it names.
    public enum Device: Equatable, Sendable {
        /// No valid device cookie entry for this account.
        case new
        /// The cookie entry (its nonce) that proves an earlier sign-in to this account.
        case known(String)
    }

    /// The counters one attempt draws on, as (rule, subject). `address` is
    /// the rate-limit subject of the client address; `email` the normalised
    /// address, or nil when what was typed is not one.
    public static func counters(address: String, email: String?, device: Device) -> [(rule: RateLimitRule, subject: String)] {
        var counters = [(rule: RateLimitRule.signInPerAddress, subject: address)]
        guard let email else { return counters }
        counters.append((rule: .signInPerAddressAndAccount, subject: "\(address) \(email)"))
        switch device {
        case .new: counters.append((rule: .signInPerAccountFromNewDevices, subject: email))
        case .known(let nonce): counters.append((rule: .signInPerKnownDevice, subject: nonce))
        }
        return counters
    }
}

/// The device cookie: proof that this browser signed in to an account before.
/// Its value lists entries `nonce.tag` (at most `capacity`, newest last),
/// where the tag is an HMAC of the account's email and the nonce under a key
/// only the server holds. The email itself is not in the cookie.
public struct DeviceCookie: Equatable, Sendable {
    public static let name = "hromada_device"
    /// A shared family computer signs in to a few accounts; the oldest go first.
    public static let capacity = 5
    /// A year: Chrome keeps no cookie longer than 400 days.
    public static let lifetime: TimeInterval = 365 * 24 * 3600

    public private(set) var entries: [String]

    /// Reads a cookie value, keeping only well-formed entries.
    public init(value: String?) {
        entries = (value ?? "").split(separator: "~").map(String.init).filter(Self.isWellFormed).suffix(Self.capacity).map { $0 }
    }

    public var value: String { entries.joined(separator: "~") }

    /// The nonce of the entry that proves an earlier sign-in to `email`, if any.
    public func nonce(provingSignInTo email: String, key: SymmetricKey) -> String? {
        for entry in entries {
            let parts = entry.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if ConstantTime.equal(Self.tag(email: email, nonce: parts[0], key: key), parts[1]) { return parts[0] }
        }
        return nil
    }

    /// Remembers a successful sign-in to `email`: adds an entry unless one
    /// already proves it, dropping the oldest beyond `capacity`.
    public mutating func remember(_ email: String, key: SymmetricKey, nonce: [UInt8]) {
        guard self.nonce(provingSignInTo: email, key: key) == nil else { return }
        let fresh = RandomToken.base64URL(nonce)
        entries.append("\(fresh).\(Self.tag(email: email, nonce: fresh, key: key))")
        entries = Array(entries.suffix(Self.capacity))
    }

    package static func tag(email: String, nonce: String, key: SymmetricKey) -> String {
        RandomToken.base64URL(HMAC<SHA256>.authenticationCode(for: Data("device\u{1F}\(email)\u{1F}\(nonce)".utf8), using: key))
    }

    /// base64url nonce and tag: nothing a cookie value could not hold.
    static func isWellFormed(_ entry: String) -> Bool {
        let parts = entry.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            (8...64).contains(part.utf8.count) && part.utf8.allSatisfy { $0.isBase64URL }
        }
    }
}

extension UInt8 {
    fileprivate var isBase64URL: Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "-") || self == UInt8(ascii: "_")
    }
}
