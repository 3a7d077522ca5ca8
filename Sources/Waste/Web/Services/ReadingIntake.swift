import Foundation
import HromadaDomain
import HromadaStore

/// Where every door's readings meet on their way into the store: a group
/// commit of its own for the readings.
///
/// Sensors report in bursts (a network server flushes its queue, the
/// simulator plays a month), and each request holding a write of its own
/// would take the one SQLite writer from ballots, signatures and bids once
/// per request. Instead a request's readings join a batch: when no batch is
/// being written, the first one goes at once; while one is being written,
/// everything that arrives waits and goes together in the next, so the
/// batch grows with the load (up to `maximumBatch`) and a storm costs the
/// writer one slot per batch, not per request. A request is answered once
/// its readings are durable, so a network server that sees a 2xx never
/// needs to retry, and one that retries anyway is deduplicated by the key.
actor ReadingIntake {
    typealias Incoming = ReadingRepository.Incoming

    private struct Waiter {
        let readings: Range<Int>
        let continuation: CheckedContinuation<Int, any Error>
    }

    private var pending: [Incoming] = []
    private var waiters: [Waiter] = []
    private var writing = false

    /// Rows of one batch: a few thousand readings commit in tens of milliseconds.
    static let maximumBatch = 4_000

    /// Stores the readings (together with whatever else is waiting) and
    /// answers how many were new once they are durable.
    func store(_ readings: [Incoming], in store: Store) async throws -> Int {
        guard !readings.isEmpty else { return 0 }
        return try await withCheckedThrowingContinuation { continuation in
            let start = pending.count
            pending.append(contentsOf: readings)
            waiters.append(Waiter(readings: start..<pending.count, continuation: continuation))
            if !writing { startWriting(to: store) }
        }
    }

    private func startWriting(to store: Store) {
        writing = true
        // Whole requests only, so one request's readings commit together.
        var count = 0, taken = 0
        while taken < waiters.count, count == 0 || count + waiters[taken].readings.count <= Self.maximumBatch {
            count += waiters[taken].readings.count
            taken += 1
        }
        let batch = Array(pending.prefix(count))
        let answered = Array(waiters.prefix(taken))
        pending.removeFirst(count)
        waiters.removeFirst(taken)
        for index in waiters.indices {
            let range = waiters[index].readings
            waiters[index] = Waiter(readings: (range.lowerBound - count)..<(range.upperBound - count), continuation: waiters[index].continuation)
        }
        Task {
            let result: Result<Set<ReadingRepository.Key>, any Error>
            do {
                result = .success(try await store.write { try await $0.wasteReadings.insert(batch) })
            } catch {
                result = .failure(error)
            }
            self.finish(batch, answered, result, store: store)
        }
    }

    private func finish(_ batch: [Incoming], _ answered: [Waiter], _ result: Result<Set<ReadingRepository.Key>, any Error>, store: Store) {
        switch result {
        case .success(var new):
            // A reading sent twice in one batch is new only for the first to send it.
            for waiter in answered {
                var count = 0
                for incoming in batch[waiter.readings] where new.remove(.init(sensor: incoming.sensor, identity: incoming.reading.identity)) != nil {
                    count += 1
                }
                waiter.continuation.resume(returning: count)
            }
        case .failure(let error):
            for waiter in answered { waiter.continuation.resume(throwing: error) }
        }
        writing = false
        if !waiters.isEmpty { startWriting(to: store) }
    }
}
