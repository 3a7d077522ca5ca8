/// How long to wait before reconnecting: exponential, capped, with jitter.
public struct MQTTBackoff: Sendable, Equatable {
    /// The delay after the first failure.
    public var first: Duration
    /// The delay never grows beyond this.
    public var maximum: Duration
    /// A connection that stayed up this long counts as healthy and starts the delays over.
    public var resetAfter: Duration

    public init(
        first: Duration = .milliseconds(500),
        maximum: Duration = .seconds(60),
        resetAfter: Duration = .seconds(30)
    ) {
        self.first = first
        self.maximum = maximum
        self.resetAfter = resetAfter
    }

    /// The delay before attempt `failures + 1`: `first` doubled per earlier failure, capped at
    /// `maximum`, then scaled into its upper half by `jitter` (0...1) so that many clients
    /// dropped by one broker restart do not all return in the same instant.
    public func delay(afterFailures failures: Int, jitter: Double) -> Duration {
        var base = min(self.first, self.maximum)
        for _ in 0..<max(0, min(failures - 1, 64)) {
            // Compared before doubling, so the doubling cannot overflow.
            guard base < self.maximum / 2 else {
                base = self.maximum
                break
            }
            base = base * 2
        }
        let fraction = 0.5 + 0.5 * min(max(jitter, 0), 1)
        return base * fraction
    }
}
