import Foundation
import HromadaDomain
import HromadaStore

/// Made-up verified residents with API tokens, for load tests and staging
/// (`hromada users bulk-create`, demo mode only).
public struct BulkResidents: Sendable {
    package let services: AppServices

    public init(services: AppServices) {
        self.services = services
    }

    /// Creates up to `count` residents and writes their bearer tokens, one
    /// per line. Returns how many were created.
    public func create(count: Int, city slug: String, tokensOut: String) async throws -> Int {
        guard services.demoMode else { throw AppError.forbidden(reason: "demo_mode_only") }
        guard let city = try await services.store.read({ try await $0.municipalities.find(slug: slug) }) else {
            throw AppError.notFound
        }
        guard FileManager.default.createFile(atPath: tokensOut, contents: nil, attributes: [.posixPermissions: 0o600]),
              let output = FileHandle(forWritingAtPath: tokensOut)
        else { throw AppError.invalid(code: "tokens_out_unwritable") }
        defer { try? output.close() }
        // Nobody signs in with these passwords: one hash for all keeps a
        // million accounts from costing a million bcrypt rounds.
        let sharedHash = try await services.passwords.hash(RandomToken.base64URL(byteCount: 24))
        let batchSize = 500
        var created = 0
        var serial = Int.random(in: 0..<10_000)
        while created < count {
            let size = min(batchSize, count - created)
            let now = services.clock.now()
            var batch: [(Account, IdentityHash, CalendarDate, String)] = []
            for _ in 0..<size {
                let born = CalendarDate(year: Int.random(in: 1950...2005), month: Int.random(in: 1...12), day: Int.random(in: 1...28))
                serial += 1
                let id = NationalID.make(birthDate: born, serial: serial)
                let account = Account(
                    id: .random(), email: EmailAddress(rawValue: "resident-\(RandomToken.base32(byteCount: 8))@bulk.demo.hromada.ua"),
                    fullName: "Мешканець \(serial)", passwordHash: sharedHash, emailConfirmedAt: now, isPlatformAdmin: false,
                    createdAt: now)
                batch.append((account, services.keys.identityHash(of: id.digits), born, RandomToken.base64URL(byteCount: 32)))
            }
            let keys = services.keys
            let audit = services.audit
            let rows = batch
            let tokens = try await services.store.write { tx in
                var tokens: [String] = []
                for (account, hash, born, token) in rows {
                    guard try await tx.accounts.insert(account) else { continue }
                    let verification = ResidencyVerification(
                        municipalityID: city.id, accountID: account.id, identityHash: hash, birthDate: born, method: .demo,
                        verifiedBy: nil, verifiedAt: now)
                    guard try await tx.residency.insert(verification) else { continue }
                    try await audit.record(
                        tx, action: AuditAction.residencyVerified, actor: account.id, municipality: city.id, subject: "residency",
                        details: ["method": "demo"])
                    try await tx.sessions.create(
                        digest: keys.sessionDigest(of: token), account: account.id, kind: .api, at: now,
                        expiresAt: now.addingTimeInterval(AccountService.apiTokenLifetime))
                    tokens.append(token)
                }
                return tokens
            }
            output.write(Data(tokens.map { $0 + "\n" }.joined().utf8))
            created += tokens.count
        }
        return created
    }
}
