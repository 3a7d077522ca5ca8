import Dispatch
import Logging
import NIOCore
import NIOPosix
import SQLKit
import Synchronization

/// The single SQLite writer. Writes that arrive while a batch is committing
/// wait and then commit together in the next one (one fsync per batch).
///
/// A batch runs on the writer's own thread (`SQLiteThread`) and calls
/// SQLite synchronously: a write's statements cost no thread switches, and
/// the fsync at COMMIT blocks only this thread, never Swift's cooperative
/// pool that serves requests.
final class GroupCommitWriter: Sendable {
    private struct Job: Sendable {
        package let body: @Sendable (any SQLDatabase) async throws -> any Sendable
        package let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct Queue: Sendable {
        package var pending: [Job] = []
        var draining = false
        package var closed = false
        /// Closers waiting for the batch in flight to finish.
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private enum Admission { case refused, queued, startsDrain }

    private let handle: SQLiteHandle
    private let database: SQLiteHandleDatabase
    private let thread = SQLiteThread(label: "hromada.sqlite.writer")
    private let queue = Mutex(Queue())
    private let logger: Logger
    /// Bounds a batch so one huge burst does not hold the lock for long.
    private let maximumBatch = 256

    package init(handle: SQLiteHandle, logger: Logger) {
        self.handle = handle
        self.database = SQLiteHandleDatabase(handle: handle, logger: logger, eventLoop: MultiThreadedEventLoopGroup.singleton.any())
        self.logger = logger
    }

    package func submit<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let result = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<any Sendable, any Error>) in
            let job = Job(body: { try await body($0) }, continuation: continuation)
            let admission = queue.withLock { queue -> Admission in
                guard !queue.closed else { return .refused }
                queue.pending.append(job)
                guard !queue.draining else { return .queued }
                queue.draining = true
                return .startsDrain
            }
            switch admission {
            case .refused: continuation.resume(throwing: StoreError.unexpectedResult("database is closed"))
            case .queued: break
            case .startsDrain: Task(executorPreference: thread) { await self.drain() }
            }
        }
        guard let typed = result as? T else { throw StoreError.unexpectedResult("write returned \(type(of: result))") }
        return typed
    }

    private func drain() async {
        while true {
            let next = queue.withLock { queue -> (batch: [Job], finished: [CheckedContinuation<Void, Never>]) in
                guard !queue.pending.isEmpty else {
                    queue.draining = false
                    defer { queue.drainWaiters.removeAll() }
                    return ([], queue.drainWaiters)
                }
                let batch = Array(queue.pending.prefix(maximumBatch))
                queue.pending.removeFirst(batch.count)
                return (batch, [])
            }
            guard !next.batch.isEmpty else {
                for waiter in next.finished { waiter.resume() }
                return
            }
            await commit(next.batch)
        }
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

    private func run(_ sql: String) throws {
        try handle.execute(sql, []) { _ in }
    }

    /// The common case, every write succeeding: one transaction without
    /// savepoints, which are a third of a typical write's statements. On the
    /// first failure everything is rolled back and nothing is answered yet.
    private func commitTogether(_ batch: [Job]) async -> Together {
        do {
            // IMMEDIATE takes the write lock up front: no deadlock upgrade
            // from a read transaction when another process also writes.
            try run("BEGIN IMMEDIATE")
        } catch {
            return .failed(error)
        }
        var values: [any Sendable] = []
        values.reserveCapacity(batch.count)
        for job in batch {
            do {
                values.append(try await job.body(database))
            } catch {
                try? run("ROLLBACK")
                return .failed(error)
            }
        }
        do {
            try run("COMMIT")
        } catch {
            try? run("ROLLBACK")
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
            try run("BEGIN IMMEDIATE")
        } catch {
            for job in batch { job.continuation.resume(throwing: error) }
            return
        }
        for (index, job) in batch.enumerated() {
            do {
                try run("SAVEPOINT job")
                let value = try await job.body(database)
                try run("RELEASE job")
                outcomes.append(.success(value))
            } catch {
                do {
                    try run("ROLLBACK TO job")
                    try run("RELEASE job")
                    outcomes.append(.failure(error))
                } catch {
                    // Some failures (disk full, I/O error) make SQLite roll back the
                    // whole transaction. The writes before this one are gone with it:
                    // they fail; the writes not yet run go back to the queue.
                    try? run("ROLLBACK")
                    for earlier in batch[...index] { earlier.continuation.resume(throwing: error) }
                    let rest = batch[(index + 1)...]
                    queue.withLock { $0.pending.insert(contentsOf: rest, at: 0) }
                    logger.error("SQLite transaction lost; retrying the rest of the batch", metadata: ["error": "\(error)"])
                    return
                }
            }
        }
        do {
            try run("COMMIT")
        } catch {
            try? run("ROLLBACK")
            logger.error("SQLite commit failed", metadata: ["error": "\(error)", "batch": "\(batch.count)"])
            for job in batch { job.continuation.resume(throwing: error) }
            return
        }
        for (job, outcome) in zip(batch, outcomes) {
            job.continuation.resume(with: outcome)
        }
    }

    /// Refuses new writes, lets the batch in flight commit, then closes.
    package func close() async {
        let wasClosed = queue.withLock { queue in
            defer { queue.closed = true }
            return queue.closed
        }
        guard !wasClosed else { return }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let waits = queue.withLock { queue in
                if queue.draining { queue.drainWaiters.append(waiter) }
                return queue.draining
            }
            if !waits { waiter.resume() }
        }
        handle.close()
    }
}
