import Foundation

/// A rate-limit rule: at most `limit` attempts per `window` per key.
/// Thresholds are settings; these are the defaults.
public struct RateLimitRule: Sendable, Hashable {
    public var name: String
    public var limit: Int
    public var window: TimeInterval

    public init(name: String, limit: Int, window: TimeInterval) {
        self.name = name
        self.limit = limit
        self.window = window
    }

    /// Failed sign-ins from one address, whichever accounts they name.
    public static let signInPerAddress = RateLimitRule(name: "signin-ip", limit: 20, window: 300)
    /// Failed sign-ins from one address to one account: a guesser's own budget.
    public static let signInPerAddressAndAccount = RateLimitRule(name: "signin-ip-account", limit: 8, window: 900)
    /// Failed sign-ins to one account from devices that never signed in to it:
    /// guessers spread over many addresses, never the owner's own browser.
    public static let signInPerAccountFromNewDevices = RateLimitRule(name: "signin-account-new-device", limit: 10, window: 900)
    /// Failed sign-ins from one device that signed in to the account before.
    public static let signInPerKnownDevice = RateLimitRule(name: "signin-device", limit: 10, window: 900)
    public static let registrationPerAddress = RateLimitRule(name: "register-ip", limit: 10, window: 3600)
    public static let passwordResetPerAddress = RateLimitRule(name: "reset-ip", limit: 10, window: 3600)
    /// A household or a library shares an address; a script hammering one does not.
    public static let votingPerAddress = RateLimitRule(name: "vote-ip", limit: 60, window: 600)
    /// A person votes once per edition; a few retries after a refusal are normal.
    public static let votingPerAccount = RateLimitRule(name: "vote-account", limit: 10, window: 600)
    /// Signing: a shared address signs many different petitions in a storm; a script signs far more.
    public static let signingPerAddress = RateLimitRule(name: "sign-ip", limit: 120, window: 600)
    public static let signingPerAccount = RateLimitRule(name: "sign-account", limit: 30, window: 600)
    /// Bidding: one move per turn, a closed bid edited a few times; a script sends many more.
    public static let biddingPerAccount = RateLimitRule(name: "bid-account", limit: 60, window: 60)
    /// Finding an address on the form's map: a person tries a few spellings; the
    /// geocoder's own budget (Nominatim allows one search a second) is the deployment's.
    public static let geocodingPerAccount = RateLimitRule(name: "geocode-account", limit: 30, window: 600)
    /// Comments: a person writes a few in a discussion; a script writes many more.
    public static let commentsPerAccount = RateLimitRule(name: "comment-account", limit: 5, window: 600)
    public static let commentsPerAccountDaily = RateLimitRule(name: "comment-account-day", limit: 30, window: 86_400)
    /// Flags: a reader flags what offends them, not the whole city.
    public static let flagsPerAccount = RateLimitRule(name: "flag-account", limit: 30, window: 3_600)

    /// The fixed window an instant falls into.
    public func windowStart(at instant: Date) -> Int64 {
        let seconds = instant.epochSeconds
        let length = max(1, Int64(window))
        return seconds - (seconds % length)
    }

    /// Seconds until the window resets, for `Retry-After`.
    public func retryAfter(at instant: Date) -> Int {
        Int(windowStart(at: instant) + Int64(window) - instant.epochSeconds)
    }
}

public enum RateLimitDecision: Equatable, Sendable {
    case allowed
    case limited(retryAfter: Int)
}
