import Foundation
import SQLKit

/// Work exactly one instance does at a time (the petition scheduler, the
/// auction clock): a named lease the holder renews every round and another
/// instance takes once it lapses. It spans many transactions, which a
/// PostgreSQL transaction-scoped advisory lock cannot.
public struct LeaseRepository: Sendable {
    package let db: any SQLDatabase

    /// Claims or renews the named lease for `holder` until `until`; false
    /// while another holder's lease runs.
    public func claim(_ name: String, holder: String, until: Date, at now: Date) async throws -> Bool {
        try await db.raw("""
            INSERT INTO scheduler_leases (name, holder, expires_at) VALUES (\(bind: name), \(bind: holder), \(bind: until.epochSeconds))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE scheduler_leases.holder = excluded.holder OR scheduler_leases.expires_at < \(bind: now.epochSeconds)
            RETURNING holder
            """).first() != nil
    }
}
