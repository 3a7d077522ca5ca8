import Crypto
import Foundation

/// A signed link of the audit chain: the hashes of the entries sealed in it,
/// the previous block's hash, and an Ed25519 signature over its own hash.
public struct AuditBlock: Hashable, Codable, Sendable {
    public var height: Int64
    public var previousHash: String
    public var sealedAt: Date
    /// Sorted, so the order inside a block says nothing about commit order
    /// (the secret ballot needs participation and ballot entries unlinkable).
    public var entryHashes: [String]
    public var hash: String
    public var signature: String

    public init(height: Int64, previousHash: String, sealedAt: Date, entryHashes: [String], hash: String, signature: String) {
        self.height = height
        self.previousHash = previousHash
        self.sealedAt = sealedAt
        self.entryHashes = entryHashes
        self.hash = hash
        self.signature = signature
    }

    public static let genesisHash = String(repeating: "0", count: 64)

    public static func computeHash(height: Int64, previousHash: String, sealedAt: Date, entryHashes: [String]) -> String {
        AuditHashing.digest(["block/v1", String(height), previousHash, String(sealedAt.epochSeconds)] + entryHashes)
    }

    /// Seals entries into the block that follows `previous`.
    public static func seal(
        entries: [AuditEntry], after previous: AuditBlock?, at instant: Date, key: Curve25519.Signing.PrivateKey
    ) throws -> AuditBlock {
        let height = (previous?.height ?? 0) + 1
        let previousHash = previous?.hash ?? genesisHash
        let hashes = entries.map(\.contentHash).sorted()
        let hash = computeHash(height: height, previousHash: previousHash, sealedAt: instant, entryHashes: hashes)
        let signature = try key.signature(for: Data(hash.utf8))
        return AuditBlock(
            height: height, previousHash: previousHash, sealedAt: instant, entryHashes: hashes, hash: hash,
            signature: Hex.encode(signature))
    }
}

/// What `hromada audit verify` finds.
public enum AuditVerificationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case blockHashMismatch(height: Int64)
    case brokenLink(height: Int64)
    case badSignature(height: Int64)
    case heightGap(expected: Int64, found: Int64)
    case entryAltered(entry: AuditEntryID, height: Int64)
    case entryMissing(height: Int64, hash: String)

    public var description: String {
        switch self {
        case .blockHashMismatch(let h): "block \(h): its stored hash does not match its contents"
        case .brokenLink(let h): "block \(h): previous-hash does not match block \(h - 1)"
        case .badSignature(let h): "block \(h): signature does not verify with the deployment's audit key"
        case .heightGap(let e, let f): "expected block \(e), found block \(f)"
        case .entryAltered(let id, let h): "entry \(id) in block \(h) was altered after sealing"
        case .entryMissing(let h, let hash): "block \(h) lists entry hash \(hash.prefix(16))… but no stored entry has it"
        }
    }
}

public enum AuditChainVerifier {
    /// Checks one block against its predecessor and the entries stored as sealed in it.
    public static func verify(
        block: AuditBlock, previous: AuditBlock?, entries: [AuditEntry], publicKey: Curve25519.Signing.PublicKey
    ) throws(AuditVerificationFailure) {
        let expectedHeight = (previous?.height ?? 0) + 1
        guard block.height == expectedHeight else { throw .heightGap(expected: expectedHeight, found: block.height) }
        guard block.previousHash == (previous?.hash ?? AuditBlock.genesisHash) else { throw .brokenLink(height: block.height) }
        let recomputed = AuditBlock.computeHash(
            height: block.height, previousHash: block.previousHash, sealedAt: block.sealedAt, entryHashes: block.entryHashes)
        guard recomputed == block.hash else { throw .blockHashMismatch(height: block.height) }
        guard let signature = Hex.decode(block.signature),
              publicKey.isValidSignature(signature, for: Data(block.hash.utf8))
        else { throw .badSignature(height: block.height) }
        let listed = Set(block.entryHashes)
        var seen = Set<String>()
        for entry in entries {
            let hash = entry.contentHash
            guard listed.contains(hash) else {
                // Either the entry was edited, or it was slipped into this block later.
                throw .entryAltered(entry: entry.id, height: block.height)
            }
            seen.insert(hash)
        }
        if let missing = block.entryHashes.first(where: { !seen.contains($0) }) {
            throw .entryMissing(height: block.height, hash: missing)
        }
    }
}
