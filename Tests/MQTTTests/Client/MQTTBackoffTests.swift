import MQTT
import Testing

@Suite("Reconnect backoff")
struct MQTTBackoffTests {
    private let backoff = MQTTBackoff(first: .milliseconds(500), maximum: .seconds(60))

    @Test
    func theDelayDoublesFromFirstToMaximum() {
        let delays = (1...10).map { self.backoff.delay(afterFailures: $0, jitter: 1) }
        let expected: [Duration] = [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32), .seconds(60)]
        #expect(Array(delays.prefix(8)) == expected)
        #expect(delays.last == .seconds(60))
    }

    @Test
    func jitterKeepsTheDelayInItsUpperHalf() {
        #expect(self.backoff.delay(afterFailures: 3, jitter: 0) == .seconds(1))
        #expect(self.backoff.delay(afterFailures: 3, jitter: 0.5) == .milliseconds(1_500))
        #expect(self.backoff.delay(afterFailures: 3, jitter: 7) == .seconds(2))
    }

    @Test
    func daysOfFailuresStayAtTheMaximum() {
        #expect(self.backoff.delay(afterFailures: 1_000_000, jitter: 1) == .seconds(60))
        #expect(self.backoff.delay(afterFailures: .max, jitter: 1) == .seconds(60))
    }

    @Test
    func aFirstDelayAboveTheMaximumIsCapped() {
        let odd = MQTTBackoff(first: .seconds(90), maximum: .seconds(60))
        #expect(odd.delay(afterFailures: 1, jitter: 1) == .seconds(60))
    }
}
