import Foundation

/// Demo mode publishes its accounts' passwords and shows every mailed link
/// on /dev/mail, so it answers on loopback only, unless the operator says
/// that this is a public demonstration (`serve --allow-public-demo`).
public enum DemoExposure: Equatable, Sendable {
    case notDemo
    /// Demo mode on a loopback address: only this machine reaches it.
    case loopback
    /// Demo mode on a public address, as the operator asked.
    case publicAllowed
    /// Demo mode on a public address without `--allow-public-demo`: refuse to start.
    case refused

    public static func decide(demoMode: Bool, host: String, allowPublicDemo: Bool) -> DemoExposure {
        guard demoMode else { return .notDemo }
        if Loopback.isLoopback(host: host) { return .loopback }
        return allowPublicDemo ? .publicAllowed : .refused
    }

    /// The line `serve` logs at start in demo mode.
    public func warning(host: String) -> String {
        switch self {
        case .publicAllowed:
            "DEMO MODE ON A PUBLIC ADDRESS (\(host), --allow-public-demo): anyone who reaches it can sign in as the demo platform admin with the published password and read every reset link on /dev/mail. Never use it for real residents."
        default:
            "Demo mode: the demo accounts' passwords are published and /dev/mail shows every letter with its links. It answers on \(host) only; never use it for real residents."
        }
    }
}

/// `serve` in demo mode on a public address without `--allow-public-demo`.
public struct DemoModeRefused: Error, CustomStringConvertible, Equatable {
    public let host: String

    public var description: String {
        "Demo mode is on (the database holds the demo data: published passwords, every reset link on /dev/mail), and \(host) can be reached from other machines, so Hromada will not start. Listen on loopback (drop --host, or --host 127.0.0.1), use a database without demo data (--database or HROMADA_DATABASE_URL, with --no-demo), or pass --allow-public-demo if this is meant to be a public demonstration."
    }
}
