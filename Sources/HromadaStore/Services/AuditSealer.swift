import Crypto
import Foundation
import HromadaDomain
import Logging
import ServiceLifecycle

/// Chains unsealed audit entries into signed blocks about once a second
/// (docs/design.md). Writers never wait on the chain's tail: they only append.
public struct AuditSealer: PeriodicService {
    package let store: Store
    package let key: Curve25519.Signing.PrivateKey
    package let clock: any HromadaDomain.Clock
    public let logger: Logger
    public let interval: Duration
    /// Bounds one block, so a backlog is sealed in several steps. Each block
    /// is a write of its own that marks its entries, and on SQLite every vote
    /// and signature waits behind it: at 5,000 signatures a second a block of
    /// 5,000 held the writer for tens of milliseconds once a second, which
    /// showed as the slowest percent of signatures (issue 25). Blocks of
    /// 1,000 let other writes in between.
    let maximumEntries: Int

    public init(
        store: Store, key: Curve25519.Signing.PrivateKey, clock: any HromadaDomain.Clock, logger: Logger,
        interval: Duration = .seconds(1), maximumEntries: Int = 1000
    ) {
        self.store = store
        self.key = key
        self.clock = clock
        self.logger = logger
        self.interval = interval
        self.maximumEntries = maximumEntries
    }

    public var name: String { "audit sealing" }

    public func runOnce() async throws {
        try await sealPending()
    }

    /// Seals everything waiting, block by block; returns the blocks made.
    @discardableResult
    public func sealPending() async throws -> [AuditBlock] {
        var made: [AuditBlock] = []
        while let block = try await sealOnce() {
            made.append(block)
        }
        return made
    }

    /// Seals one block of waiting entries, if there are any.
    public func sealOnce() async throws -> AuditBlock? {
        let key = self.key
        let now = clock.now()
        let limit = maximumEntries
        return try await store.write { tx in
            guard try await tx.audit.trySealerLock() else { return nil }
            let entries = try await tx.audit.unsealed(limit: limit)
            guard !entries.isEmpty else { return nil }
            let previous = try await tx.audit.latestBlock()
            let block = try AuditBlock.seal(entries: entries, after: previous, at: now, key: key)
            try await tx.audit.insert(block, sealing: entries.map(\.id))
            return block
        }
    }
}

/// `hromada audit verify`: every block, every sealed entry.
public struct AuditChainCheck: Sendable {
    public struct Report: Sendable, Equatable {
        public var blocks: Int64
        public var entries: Int64
        public var unsealed: Int64
        public var head: String?
    }

    package let store: Store
    package let publicKey: Curve25519.Signing.PublicKey

    public init(store: Store, publicKey: Curve25519.Signing.PublicKey) {
        self.store = store
        self.publicKey = publicKey
    }

    public func run() async throws -> Result<Report, AuditVerificationFailure> {
        var report = Report(blocks: 0, entries: 0, unsealed: 0, head: nil)
        var previous: AuditBlock?
        var nextHeight: Int64 = 1
        let publicKey = self.publicKey
        while true {
            let from = nextHeight
            let page = try await store.read { tx in
                let blocks = try await tx.audit.blocks(fromHeight: from, limit: 200)
                var withEntries: [(AuditBlock, [AuditEntry])] = []
                for block in blocks { withEntries.append((block, try await tx.audit.entries(inBlock: block.height))) }
                return withEntries
            }
            if page.isEmpty { break }
            for (block, entries) in page {
                do {
                    try AuditChainVerifier.verify(block: block, previous: previous, entries: entries, publicKey: publicKey)
                } catch {
                    return .failure(error)
                }
                report.blocks += 1
                report.entries += Int64(entries.count)
                report.head = block.hash
                previous = block
                nextHeight = block.height + 1
            }
        }
        report.unsealed = try await store.read { try await $0.audit.unsealedCount() }
        return .success(report)
    }
}
