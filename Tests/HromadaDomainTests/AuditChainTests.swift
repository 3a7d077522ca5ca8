import Crypto
import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct AuditChainTests {
    let key = Curve25519.Signing.PrivateKey()
    let t0 = Date(epochSeconds: 1_800_000_000)

    func entries(_ count: Int) -> [AuditEntry] {
        (0..<count).map {
            AuditEntry(municipalityID: MunicipalityID(rawValue: "vinnytsia"), actor: "p-\($0)", action: "vote.cast", subject: "s", occurredAt: t0)
        }
    }

    @Test func sealedChainVerifies() throws {
        let first = entries(3), second = entries(2)
        let b1 = try AuditBlock.seal(entries: first, after: nil, at: t0, key: key)
        let b2 = try AuditBlock.seal(entries: second, after: b1, at: t0, key: key)
        try AuditChainVerifier.verify(block: b1, previous: nil, entries: first, publicKey: key.publicKey)
        try AuditChainVerifier.verify(block: b2, previous: b1, entries: second, publicKey: key.publicKey)
        #expect(b2.previousHash == b1.hash)
    }

    @Test func entriesInsideABlockAreOrderedByHashNotByCommitOrder() throws {
        let block = try AuditBlock.seal(entries: entries(10), after: nil, at: t0, key: key)
        #expect(block.entryHashes == block.entryHashes.sorted())
    }

    @Test func alteredEntryIsDetected() throws {
        var sealed = entries(3)
        let block = try AuditBlock.seal(entries: sealed, after: nil, at: t0, key: key)
        sealed[1].action = "vote.deleted"
        #expect(throws: AuditVerificationFailure.entryAltered(entry: sealed[1].id, height: 1)) {
            try AuditChainVerifier.verify(block: block, previous: nil, entries: sealed, publicKey: key.publicKey)
        }
    }

    @Test func removedEntryIsDetected() throws {
        let sealed = entries(3)
        let block = try AuditBlock.seal(entries: sealed, after: nil, at: t0, key: key)
        #expect(throws: AuditVerificationFailure.self) {
            try AuditChainVerifier.verify(block: block, previous: nil, entries: Array(sealed.dropLast()), publicKey: key.publicKey)
        }
    }

    @Test func rewrittenBlockFailsItsSignature() throws {
        let sealed = entries(2)
        var block = try AuditBlock.seal(entries: sealed, after: nil, at: t0, key: key)
        let forged = entries(1)
        block.entryHashes = forged.map(\.contentHash)
        block.hash = AuditBlock.computeHash(height: 1, previousHash: block.previousHash, sealedAt: block.sealedAt, entryHashes: block.entryHashes)
        #expect(throws: AuditVerificationFailure.badSignature(height: 1)) {
            try AuditChainVerifier.verify(block: block, previous: nil, entries: forged, publicKey: key.publicKey)
        }
    }

    @Test func brokenLinkBetweenBlocksIsDetected() throws {
        let b1 = try AuditBlock.seal(entries: entries(1), after: nil, at: t0, key: key)
        let other = try AuditBlock.seal(entries: entries(1), after: nil, at: t0.addingTimeInterval(1), key: key)
        let e2 = entries(1)
        let b2 = try AuditBlock.seal(entries: e2, after: other, at: t0, key: key)
        #expect(throws: AuditVerificationFailure.brokenLink(height: 2)) {
            try AuditChainVerifier.verify(block: b2, previous: b1, entries: e2, publicKey: key.publicKey)
        }
    }

    @Test func blockSignedByAnotherKeyIsRejected() throws {
        let sealed = entries(1)
        let block = try AuditBlock.seal(entries: sealed, after: nil, at: t0, key: Curve25519.Signing.PrivateKey())
        #expect(throws: AuditVerificationFailure.badSignature(height: 1)) {
            try AuditChainVerifier.verify(block: block, previous: nil, entries: sealed, publicKey: key.publicKey)
        }
    }

    @Test func entryHashSeparatesFieldsUnambiguously() {
        let a = AuditEntry(id: .init(rawValue: "x"), municipalityID: nil, actor: "ab", action: "c", subject: "", occurredAt: t0)
        let b = AuditEntry(id: .init(rawValue: "x"), municipalityID: nil, actor: "a", action: "bc", subject: "", occurredAt: t0)
        #expect(a.contentHash != b.contentHash)
    }
}
