import Foundation
import HromadaDomain
import HromadaStore

/// Registration, email confirmation, sign-in and password reset.
public struct AccountService: Sendable {
    package let services: AppServices

    public static let browserSessionLifetime: TimeInterval = 30 * 24 * 3600
    public static let apiTokenLifetime: TimeInterval = 90 * 24 * 3600
    static let confirmationLifetime: TimeInterval = 7 * 24 * 3600
    static let resetLifetime: TimeInterval = 3600

    public struct Registration: Sendable {
        public var email: String
        public var password: String
        public var fullName: String
        public init(email: String, password: String, fullName: String) {
            self.email = email
            self.password = password
            self.fullName = fullName
        }
    }

    /// Field problems, keyed by form field, as locale keys.
    public struct ValidationErrors: Error, Sendable, Equatable {
        public var fields: [String: String]
        public init(_ fields: [String: String]) { self.fields = fields }
    }

    public func validate(_ registration: Registration) -> Result<(EmailAddress, String), ValidationErrors> {
        var errors: [String: String] = [:]
        var email: EmailAddress?
        var name: String?
        do { email = try EmailAddress.validated(registration.email) } catch {
            errors["email"] = error == .empty ? "errors.email_required" : "errors.email_invalid"
        }
        do { name = try PersonName.validated(registration.fullName) } catch {
            errors["fullName"] = error == .empty ? "errors.name_required" : "errors.name_invalid"
        }
        do { try PasswordPolicy.check(registration.password, email: registration.email) } catch {
            errors["password"] = "errors." + Self.passwordCode(error)
        }
        guard errors.isEmpty, let email, let name else { return .failure(ValidationErrors(errors)) }
        return .success((email, name))
    }

    /// Creates the account and queues the confirmation email. Throws
    /// `ValidationErrors` (nothing stored) or `AppError.conflict(email_taken)`.
    public func register(
        _ registration: Registration, language: Language, confirmed: Bool = false, platformAdmin: Bool = false
    ) async throws -> Account {
        let (email, name) = try validate(registration).get()
        let hash = try await services.passwords.hash(registration.password)
        let now = services.clock.now()
        let account = Account(
            id: .random(), email: email, fullName: name, passwordHash: hash, emailConfirmedAt: confirmed ? now : nil,
            isPlatformAdmin: platformAdmin, createdAt: now, language: language)
        let token = RandomToken.base64URL(byteCount: 32)
        let digest = services.keys.sessionDigest(of: token)
        var letter = services.mail.confirmation(to: account, token: token, language: language, at: now)
        letter.linkDigest = digest
        let message = letter
        let audit = services.audit
        try await services.store.write { tx in
            guard try await tx.accounts.insert(account) else { throw AppError.conflict(code: "email_taken") }
            if !confirmed {
                try await tx.emailTokens.create(
                    digest: digest, account: account.id, purpose: .confirmEmail, at: now,
                    expiresAt: now.addingTimeInterval(Self.confirmationLifetime))
                try await tx.outbox.enqueue(message)
            }
            try await audit.record(tx, action: AuditAction.accountRegistered, actor: account.id, municipality: nil, subject: "account")
        }
        return account
    }

    /// Uses a confirmation link; returns the account it confirmed.
    public func confirmEmail(token: String) async throws -> AccountID {
        let digest = services.keys.sessionDigest(of: token)
        let now = services.clock.now()
        return try await services.store.write { tx in
            guard let account = try await tx.emailTokens.consume(digest: digest, purpose: .confirmEmail, at: now) else {
                throw AppError.invalid(code: "link_expired")
            }
            try await tx.accounts.confirmEmail(of: account, at: now)
            try await Self.retireLinks(digest, of: account, purpose: .confirmEmail, at: now, in: tx)
            return account
        }
    }

    /// Checks the password. Only failures count against the limits, per
    /// address, per address and account, and per account only from devices
    /// that never signed in to it (`SignInLimits`): a stranger's guesses
    /// cannot lock the owner out of the browser they use (issue 13).
    public func authenticate(
        email rawEmail: String, password: String, clientAddress: String, device: DeviceCookie? = nil
    ) async throws -> Account {
        let email = try? EmailAddress.validated(rawEmail)
        let known = email.flatMap { device?.nonce(provingSignInTo: $0.rawValue, key: services.keys.devices) }
        let counters = SignInLimits.counters(
            address: CIDR.rateLimitSubject(clientAddress), email: email?.rawValue,
            device: known.map(SignInLimits.Device.known) ?? .new)
        let reservation: RateLimiter.Reservation
        switch try await services.rateLimiter.reserve(counters) {
        case .success(let reserved): reservation = reserved
        case .failure(let over) where over.rule == .signInPerAccountFromNewDevices:
            throw AppError.limited(code: "sign_in_new_devices_paused", retryAfter: over.retryAfter)
        case .failure(let over): throw AppError.rateLimited(retryAfter: over.retryAfter)
        }
        guard let email else {
            _ = try await services.passwords.verify(password, hash: services.passwords.decoy)
            throw AppError.invalid(code: "wrong_credentials")
        }
        let account = try await services.store.read { try await $0.accounts.find(email: email) }
        let ok = try await services.passwords.verify(password, hash: account?.passwordHash ?? services.passwords.decoy)
        guard let account, ok else { throw AppError.invalid(code: "wrong_credentials") }
        try await services.rateLimiter.refund(reservation)
        return account
    }

    /// Starts a session and returns its token (cookie value or bearer token).
    public func startSession(for account: AccountID, kind: SessionKind) async throws -> String {
        let token = RandomToken.base64URL(byteCount: 32)
        let digest = services.keys.sessionDigest(of: token)
        let now = services.clock.now()
        let lifetime = kind == .browser ? Self.browserSessionLifetime : Self.apiTokenLifetime
        try await services.store.write(seenByReaders: false) { tx in
            try await tx.sessions.create(digest: digest, account: account, kind: kind, at: now, expiresAt: now.addingTimeInterval(lifetime))
        }
        return token
    }

    public func endSession(token: String) async throws {
        let digest = services.keys.sessionDigest(of: token)
        try await services.store.write(seenByReaders: false) { try await $0.sessions.delete(digest: digest) }
    }

    /// The account and its roles and capabilities behind a session token.
    public func principal(token: String, kind: SessionKind) async throws -> (Account, Principal)? {
        let digest = services.keys.sessionDigest(of: token)
        let now = services.clock.now()
        return try await services.store.read { tx in
            guard let id = try await tx.sessions.account(digest: digest, kind: kind, at: now),
                  let account = try await tx.accounts.find(id: id)
            else { return nil }
            return (account, try await principal(of: account, in: tx))
        }
    }

    /// The account's roles and capabilities as they stand, by city and by oblast.
    public func principal(of account: Account) async throws -> Principal {
        try await services.store.read { tx in try await principal(of: account, in: tx) }
    }

    private func principal(of account: Account, in tx: Repositories) async throws -> Principal {
        services.modules.principal(
            of: account, grants: try await tx.roles.grants(of: account.id), oblastGrants: try await tx.oblastRoles.grants(of: account.id))
    }

    /// Queues a reset link when the address has an account. The answer is the
    /// same either way, so the form does not reveal who is registered.
    public func requestPasswordReset(email rawEmail: String, language: Language, clientAddress: String) async throws {
        try await services.rateLimiter.check(.passwordResetPerAddress, address: clientAddress)
        guard let email = try? EmailAddress.validated(rawEmail) else { throw AppError.invalid(code: "email_invalid", field: "email") }
        let now = services.clock.now()
        let token = RandomToken.base64URL(byteCount: 32)
        let digest = services.keys.sessionDigest(of: token)
        let mail = services.mail
        try await services.store.write { tx in
            guard let account = try await tx.accounts.find(email: email) else { return }
            try await tx.emailTokens.create(
                digest: digest, account: account.id, purpose: .resetPassword, at: now, expiresAt: now.addingTimeInterval(Self.resetLifetime))
            var letter = mail.passwordReset(to: account, token: token, language: language, at: now)
            letter.linkDigest = digest
            try await tx.outbox.enqueue(letter)
        }
    }

    public func isResetTokenValid(_ token: String) async throws -> Bool {
        let digest = services.keys.sessionDigest(of: token)
        let now = services.clock.now()
        return try await services.store.read { try await $0.emailTokens.account(digest: digest, purpose: .resetPassword, at: now) } != nil
    }

    /// Sets a new password from a reset link and signs out every session.
    /// Returns the account's address: the browser that followed the link
    /// proved the mailbox, and becomes a known device for sign-in limits.
    @discardableResult
    public func resetPassword(token: String, newPassword: String) async throws -> EmailAddress {
        let digest = services.keys.sessionDigest(of: token)
        let now = services.clock.now()
        // Validate before consuming the token, so a weak password does not burn the link.
        let accountID = try await services.store.read { try await $0.emailTokens.account(digest: digest, purpose: .resetPassword, at: now) }
        guard let accountID else { throw AppError.invalid(code: "link_expired") }
        guard let email = try await services.store.read({ try await $0.accounts.find(id: accountID)?.email }) else {
            throw AppError.invalid(code: "link_expired")
        }
        do { try PasswordPolicy.check(newPassword, email: email.rawValue) } catch {
            throw AppError.invalid(code: Self.passwordCode(error), field: "password")
        }
        let hash = try await services.passwords.hash(newPassword)
        try await services.store.write { tx in
            guard let account = try await tx.emailTokens.consume(digest: digest, purpose: .resetPassword, at: now) else {
                throw AppError.invalid(code: "link_expired")
            }
            try await tx.accounts.updatePasswordHash(of: account, to: hash)
            // Following a reset link proves the mailbox too.
            try await tx.accounts.confirmEmail(of: account, at: now)
            try await tx.sessions.deleteAll(of: account)
            try await Self.retireLinks(digest, of: account, purpose: .resetPassword, at: now, in: tx)
        }
        return email
    }

    /// A used link and every other unused link of its kind for the account
    /// stop working, and the letters that carried them are deleted: the
    /// outbox never keeps a link that still opens anything (issue 13).
    static func retireLinks(_ used: String, of account: AccountID, purpose: EmailTokenPurpose, at now: Date, in tx: Repositories) async throws {
        let others = try await tx.emailTokens.retireAll(of: account, purpose: purpose, at: now)
        try await tx.outbox.deleteLetters(carrying: [used] + others)
    }

    static func passwordCode(_ problem: PasswordPolicy.Problem) -> String {
        switch problem {
        case .tooShort: "password_too_short"
        case .tooLong: "password_too_long"
        case .tooSimple: "password_too_simple"
        case .containsEmail: "password_contains_email"
        }
    }
}
