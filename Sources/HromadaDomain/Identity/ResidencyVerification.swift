import Foundation

/// How a residency was proved.
public enum VerificationMethod: String, Codable, Sendable, CaseIterable {
    /// A moderator saw the person's documents in a service centre (ЦНАП).
    case staff
    /// An OpenID Connect identity provider (BankID or Дія, usually through a broker) vouched for them.
    case oidc
    /// ID.GOV.UA, the state's integrated identification system, gave their РНОКПП.
    case idGovUA = "idgovua"
    /// Made-up identity, only in a demo deployment.
    case demo
}

/// What a kind of verifier can prove (issue 13): an identity provider knows
/// who a person is; only an address it vouches for, or staff who saw the
/// documents, say where they live.
public enum ResidencyProof: Sendable, Equatable {
    /// Who the person is, nothing about where they live (an OIDC provider
    /// without an address claim, ID.GOV.UA, the demo verifier).
    case identity
    /// Who the person is and the locality of their registered address (an
    /// OIDC provider with a configured address claim).
    case identityAndAddress
    /// Who the person is and that they live in the city: staff saw the documents.
    case identityAndResidence
}

/// What one verification proved.
public enum ResidencyEvidence: Sendable, Equatable {
    case identity
    /// The locality an identity provider's address claim names.
    case identityAndAddress(locality: String)
    case inPerson
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
    /// Whether the evidence makes the person a resident of the city: an
    /// in-person check does, an address in the city does, and identity alone
    /// does only where the city's settings accept it (issue 13).
    public static func provesResidence(_ evidence: ResidencyEvidence, in city: Municipality) -> Bool {
        switch evidence {
        case .inPerson: true
        case .identityAndAddress(let place): Self.locality(place, names: city) || city.settings.acceptsIdentityAsResidency
        case .identity: city.settings.acceptsIdentityAsResidency
        }
    }

    /// An address claim's locality names the city when it is one of the
    /// city's names, ignoring case, spacing and a leading «м.» or «місто».
    public static func locality(_ text: String, names city: Municipality) -> Bool {
        let wanted = normalizedLocality(text)
        return !wanted.isEmpty && [city.name.uk, city.name.en].contains { normalizedLocality($0) == wanted }
    }

    static func normalizedLocality(_ text: String) -> String {
        var words = text.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
        if let first = words.first, ["м.", "м", "місто", "city"].contains(first) { words.removeFirst() }
        if let first = words.first, first.hasPrefix("м."), first.count > 2 { words[0] = String(first.dropFirst(2)) }
        return words.joined(separator: " ")
    }

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
