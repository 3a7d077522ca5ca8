import Dispatch
import Logging

/// A thread of its own for SQLite work that waits on the disk. The writer's
/// batches end in an fsync, and checkpoints write the database file; on
/// Swift's cooperative pool (two threads on a two-core machine) those waits
/// would stall half the server, here they stall only their own work.
final class SQLiteThread: TaskExecutor {
    private let queue: DispatchQueue

    package init(label: String) {
        queue = DispatchQueue(label: label)
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// Copies committed pages from the write-ahead log into the database file,
/// on a connection and thread of its own, about twice a second.
///
/// SQLite would otherwise do this inside the writer's COMMIT every 1000
/// pages, and the writer is the one thing every vote waits for. A PASSIVE
/// checkpoint never blocks the writer or readers; whatever it cannot copy
/// yet it copies next time, and closing the last connection copies the rest.
final class SQLiteCheckpointer: Sendable {
    private let handle: SQLiteHandle
    private let thread = SQLiteThread(label: "hromada.sqlite.checkpoint")
    private let task: Task<Void, Never>

    package init(handle: SQLiteHandle, every interval: Duration = .milliseconds(500), logger: Logger) {
        self.handle = handle
        task = Task(executorPreference: thread) {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                do {
                    try handle.execute("PRAGMA wal_checkpoint(PASSIVE)", []) { _ in }
                } catch {
                    logger.warning("SQLite checkpoint failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    package func stop() async {
        task.cancel()
        await task.value
        handle.close()
    }
}
