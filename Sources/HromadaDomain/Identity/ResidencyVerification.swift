import Foundation

/// How a residency was proved.
public enum VerificationMethod: String, Codable, Sendable, CaseIterable {
    /// A moderator saw the person's documents in a service centre (ЦНАП).
    case staff
    /// An OIDC identity provider (BankID, Дія, ID.GOV.UA) vouched for them.
    case oidc
    /// Made-up identity, only in a demo deployment.
    case demo
}

/// The keyed hash of a national identifier: the only trace of it we keep.
/// Equal hashes mean the same person, whichever account they use.
public struct IdentityHash: RawRepresentable, Hashable, Codable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// "This account belongs to a resident of this municipality": the fact that
/// lets a person vote and sign there.
public struct ResidencyVerification: Hashable, Codable, Sendable {
    public var municipalityID: MunicipalityID
    public var accountID: AccountID
    public var identityHash: IdentityHash
    public var birthDate: CalendarDate
    public var method: VerificationMethod
    /// The moderator who checked documents, for `.staff`.
    public var verifiedBy: AccountID?
    public var verifiedAt: Date

    public init(
        municipalityID: MunicipalityID, accountID: AccountID, identityHash: IdentityHash,
        birthDate: CalendarDate, method: VerificationMethod, verifiedBy: AccountID?, verifiedAt: Date
    ) {
        self.municipalityID = municipalityID
        self.accountID = accountID
        self.identityHash = identityHash
        self.birthDate = birthDate
        self.method = method
        self.verifiedBy = verifiedBy
        self.verifiedAt = verifiedAt
    }

    public func age(at instant: Date) -> Int {
        birthDate.age(on: CalendarDate.inKyiv(instant))
    }
}

/// Why a residency claim was refused.
public enum ResidencyError: Error, Equatable, Sendable {
    /// The same person (same identity hash) is already verified here under another account.
    case identityAlreadyVerified(otherAccount: AccountID)
    /// This account is already verified in this municipality.
    case accountAlreadyVerified
    case invalidNationalID(NationalID.Problem)
    /// The birth date given disagrees with the one the РНОКПП encodes.
    case birthDateMismatch
    case birthDateInFuture
    case demoVerifierDisabled
}

/// The rules every verifier applies before a verification is stored.
public enum ResidencyRules {
    /// One person, one verified account per municipality; one verification per account.
    public static func checkUniqueness(
        account: AccountID, hash: IdentityHash, existingForHash: AccountID?, accountAlreadyVerified: Bool
    ) throws(ResidencyError) {
        if let other = existingForHash {
            if other == account { throw .accountAlreadyVerified }
            throw .identityAlreadyVerified(otherAccount: other)
        }
        if accountAlreadyVerified { throw .accountAlreadyVerified }
    }

    /// A stated birth date must match the РНОКПП, which encodes it.
    public static func checkBirthDate(_ stated: CalendarDate?, nationalID: NationalID, today: CalendarDate)
        throws(ResidencyError) -> CalendarDate
    {
        let encoded = nationalID.birthDate
        if let stated, stated != encoded { throw .birthDateMismatch }
        guard encoded <= today else { throw .birthDateInFuture }
        return encoded
    }
}
