import Foundation

/// A person's sign-in identity. Residency is proved separately
/// (`ResidencyVerification`), per municipality.
public struct Account: Hashable, Codable, Sendable {
    public var id: AccountID
    public var email: EmailAddress
    public var fullName: String
    public var passwordHash: String
    public var emailConfirmedAt: Date?
    public var isPlatformAdmin: Bool
    public var createdAt: Date
    /// The language mail sent on its own (not in answer to a request) is written in.
    public var language: Language

    public init(
        id: AccountID, email: EmailAddress, fullName: String, passwordHash: String,
        emailConfirmedAt: Date?, isPlatformAdmin: Bool, createdAt: Date, language: Language = .uk
    ) {
        self.language = language
        self.id = id
        self.email = email
        self.fullName = fullName
        self.passwordHash = passwordHash
        self.emailConfirmedAt = emailConfirmedAt
        self.isPlatformAdmin = isPlatformAdmin
        self.createdAt = createdAt
    }

    public var isEmailConfirmed: Bool { emailConfirmedAt != nil }
}
