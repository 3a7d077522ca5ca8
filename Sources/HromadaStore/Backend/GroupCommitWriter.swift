import Logging
import SQLKit
import SQLiteKit

/// The single SQLite writer. Writes that arrive while a batch is committing
/// wait and then commit together in the next one. Each write runs in its own
/// savepoint, so one failing write (a duplicate signature, say) rolls back
/// only itself and the others in its batch still commit.
actor GroupCommitWriter {
    private struct Job {
        let body: @Sendable (any SQLDatabase) async throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private let connection: SQLiteConnection
    private let database: any SQLDatabase
    private let logger: Logger
    private var pending: [Job] = []
    private var draining = false
    private var closed = false
    /// Closers waiting for the batch in flight to finish.
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []
    /// Bounds a batch so one huge burst does not hold the lock for long.
    private let maximumBatch = 256

    init(connection: SQLiteConnection, logger: Logger) {
        self.connection = connection
        self.database = connection.sql(queryLogLevel: nil)
        self.logger = logger
    }

    func submit<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let result = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<any Sendable, any Error>) in
            guard !closed else {
                continuation.resume(throwing: StoreError.unexpectedResult("database is closed"))
                return
            }
            pending.append(Job(body: { try await body($0) }, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
        guard let typed = result as? T else { throw StoreError.unexpectedResult("write returned \(type(of: result))") }
        return typed
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maximumBatch))
            pending.removeFirst(batch.count)
            await commit(batch)
        }
        draining = false
        for waiter in drainWaiters { waiter.resume() }
        drainWaiters.removeAll()
    }

    private func commit(_ batch: [Job]) async {
        StoreMetrics.batchSize.record(batch.count)
        let started = ContinuousClock.now
        defer { StoreMetrics.commitDuration.recordNanoseconds(Store.nanoseconds(ContinuousClock.now - started)) }
        switch await commitTogether(batch) {
        case .committed: return
        case .failed(let error) where batch.count == 1:
            batch[0].continuation.resume(throwing: error)
        case .failed:
            // One write failed: run the batch again, each write in its own
            // savepoint, so only that one fails.
            await commitIsolated(batch)
        }
    }

    private enum Together {
        case committed
        case failed(any Error)
    }

    /// The common case, every write succeeding: one transaction without
    /// savepoints, which are a third of a typical write's statements. On the
    /// first failure everything is rolled back and nothing is answered yet.
    private func commitTogether(_ batch: [Job]) async -> Together {
        do {
            // IMMEDIATE takes the write lock up front: no deadlock upgrade
            // from a read transaction when another process also writes.
            _ = try await connection.query("BEGIN IMMEDIATE")
        } catch {
            return .failed(error)
        }
        var values: [any Sendable] = []
        values.reserveCapacity(batch.count)
        for job in batch {
            do {
                values.append(try await job.body(database))
            } catch {
                _ = try? await connection.query("ROLLBACK")
                return .failed(error)
            }
        }
        do {
            _ = try await connection.query("COMMIT")
        } catch {
            _ = try? await connection.query("ROLLBACK")
            return .failed(error)
        }
        for (job, value) in zip(batch, values) { job.continuation.resume(returning: value) }
        return .committed
    }

    /// Each write in its own savepoint, so one failing write does not fail its neighbours.
    private func commitIsolated(_ batch: [Job]) async {
        var outcomes: [Result<any Sendable, any Error>] = []
        outcomes.reserveCapacity(batch.count)
        do {
            _ = try await connection.query("BEGIN IMMEDIATE")
        } catch {
            for job in batch { job.continuation.resume(throwing: error) }
            return
        }
        for (index, job) in batch.enumerated() {
            do {
                _ = try await connection.query("SAVEPOINT job")
                let value = try await job.body(database)
                _ = try await connection.query("RELEASE job")
                outcomes.append(.success(value))
            } catch {
                do {
                    _ = try await connection.query("ROLLBACK TO job")
                    _ = try await connection.query("RELEASE job")
                    outcomes.append(.failure(error))
                } catch {
                    // Some failures (disk full, I/O error) make SQLite roll back the
                    // whole transaction. The writes before this one are gone with it:
                    // they fail; the writes not yet run go back to the queue.
                    _ = try? await connection.query("ROLLBACK")
                    for earlier in batch[...index] { earlier.continuation.resume(throwing: error) }
                    pending.insert(contentsOf: batch[(index + 1)...], at: 0)
                    logger.error("SQLite transaction lost; retrying the rest of the batch", metadata: ["error": "\(error)"])
                    return
                }
            }
        }
        do {
            _ = try await connection.query("COMMIT")
        } catch {
            _ = try? await connection.query("ROLLBACK")
            logger.error("SQLite commit failed", metadata: ["error": "\(error)", "batch": "\(batch.count)"])
            for job in batch { job.continuation.resume(throwing: error) }
            return
        }
        for (job, outcome) in zip(batch, outcomes) {
            job.continuation.resume(with: outcome)
        }
    }

    /// Refuses new writes, lets the batch in flight commit, then closes.
    func close() async {
        guard !closed else { return }
        closed = true
        if draining {
            await withCheckedContinuation { drainWaiters.append($0) }
        }
        try? await connection.close()
    }
}
