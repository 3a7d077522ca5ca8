#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HromadaDomain
import HromadaStore
import Synchronization

/// What `/readyz` checks before a load balancer sends this instance work:
/// the database answers a read, a write reaches it through the same writer
/// every other write waits for (a stuck writer or a full disk fails it),
/// and every migration this build knows has been applied. `/healthz` stays
/// the plain "the database answers" it always was; `/livez` only says the
/// process runs.
enum Readiness {
    /// Why an instance is not ready, as `/readyz` names it.
    enum Problem: String, Sendable, CaseIterable {
        case databaseUnreachable = "database_unreachable"
        case writesFailing = "writes_failing"
        case writesStuck = "writes_stuck"
        case migrationsMissing = "migrations_missing"
        case diskFull = "disk_full"
    }

    /// Free space under which an SQLite database's disk counts as full. In
    /// WAL mode writes go on into the log's pages already on disk for a
    /// while after the disk fills (the write probe still succeeds), and then
    /// the first write that needs a new page fails: the disk is asked directly.
    static let minimumFreeBytes: UInt64 = 8 * 1024 * 1024

    /// Longest a probe may take before it counts as stuck: well inside the
    /// five seconds an operator's alert allows.
    static let timeout: Duration = .seconds(2)
    /// Probes still waiting on a stuck writer: past this many, no more are
    /// queued behind them (a polling load balancer must not pile them up).
    static let probesInFlightLimit = 3

    /// This process's row in `readiness_probes`.
    private static let instance = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(RandomToken.base32(byteCount: 5))"
    private static let inFlight = ProbesInFlight()

    static func problems(_ services: AppServices) async -> [Problem] {
        let store = services.store
        guard await within(timeout, { await store.ping() }) == true else { return [.databaseUnreachable] }
        var problems: [Problem] = []
        switch await probeWrite(store, at: services.clock.now()) {
        case .written: break
        case .failed: problems.append(.writesFailing)
        case .stuck: problems.append(.writesStuck)
        }
        if case .sqliteFile(let path) = services.configuration.database,
           let free = freeBytes(under: URL(fileURLWithPath: path).deletingLastPathComponent().path), free < minimumFreeBytes {
            problems.append(.diskFull)
        }
        let expected = (try? Migrator.migrations(for: store.dialect, modules: services.modules.migrations).map(\.version)) ?? []
        let applied = await within(timeout, { try? await store.appliedMigrations() }) ?? nil
        if applied.map({ !Set(expected).isSubset(of: $0) }) ?? true { problems.append(.migrationsMissing) }
        return problems
    }

    /// Bytes an unprivileged process may still write on the filesystem holding `directory`.
    static func freeBytes(under directory: String) -> UInt64? {
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return nil }
        let (bytes, overflow) = UInt64(info.f_bavail).multipliedReportingOverflow(by: UInt64(info.f_frsize))
        return overflow ? .max : bytes
    }

    private enum WriteOutcome: Sendable { case written, failed, stuck }

    private static func probeWrite(_ store: Store, at instant: Date) async -> WriteOutcome {
        guard inFlight.enter(limit: probesInFlightLimit) else { return .stuck }
        let outcome = await within(timeout) { () async -> WriteOutcome in
            defer { inFlight.leave() }
            do {
                try await store.probeWrite(instance: instance, at: instant)
                return .written
            } catch {
                return .failed
            }
        }
        return outcome ?? .stuck
    }

    /// `operation`'s result, or nil when it has not finished within `limit`.
    /// The operation goes on in the background: a write stuck behind a
    /// stalled disk cannot be called back, only no longer waited for.
    static func within<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async -> T) async -> T? {
        let answer = FirstAnswer<T>()
        return await withCheckedContinuation { continuation in
            answer.wait(continuation)
            Task { answer.give(await operation()) }
            Task {
                try? await Task.sleep(for: limit)
                answer.give(nil)
            }
        }
    }
}

/// A continuation resumed by whichever answer comes first; later ones are dropped.
private final class FirstAnswer<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T?, Never>?>(nil)

    func wait(_ waiting: CheckedContinuation<T?, Never>) { continuation.withLock { $0 = waiting } }

    func give(_ value: T?) { continuation.withLock { $0.take() }?.resume(returning: value) }
}

/// How many readiness writes have not come back yet, across requests.
private final class ProbesInFlight: Sendable {
    private let count = Mutex(0)

    func enter(limit: Int) -> Bool {
        count.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func leave() { count.withLock { $0 -= 1 } }
}
