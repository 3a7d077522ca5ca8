import Foundation
import Synchronization

/// The source of "now". Deadlines and expiries are computed from an injected
/// clock, never from `Date()` inline, so tests can move time without sleeping.
public protocol Clock: Sendable {
    func now() -> Date
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that tests (and the demo seeder) move by hand.
public final class ManualClock: Clock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}

extension Date {
    /// Storage keeps whole seconds since the epoch in UTC. A date no clock
    /// or calendar gives (beyond ±292 billion years, or not a number) is
    /// clamped rather than converted: the conversion would stop the process.
    public var epochSeconds: Int64 {
        let seconds = timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite else { return seconds.isNaN || seconds < 0 ? .min : .max }
        return Int64(exactly: seconds) ?? (seconds < 0 ? .min : .max)
    }

    public init(epochSeconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(epochSeconds))
    }
}
