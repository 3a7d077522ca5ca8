import Foundation
import HromadaDomain
import HromadaStore

/// Proves that an account belongs to a resident, by one of the verifiers.
/// Every verifier ends in `record`, which applies the one-person-one-account rule.
public protocol ResidencyVerifier: Sendable {
    var method: VerificationMethod { get }
    /// What a verification by it proves (issue 13): identity alone makes a
    /// resident only where the city's settings accept it.
    var proves: ResidencyProof { get }
}

/// A moderator saw the documents in person and typed in the РНОКПП and birth date.
public struct StaffVerifier: ResidencyVerifier {
    public let method = VerificationMethod.staff
    public let proves = ResidencyProof.identityAndResidence
    package let services: AppServices

    public func verify(
        account: AccountID, in municipality: MunicipalityID, nationalID: String, birthDate: CalendarDate?, by moderator: Principal
    ) async throws -> ResidencyVerification {
        guard moderator.may(.verifyResidentInPerson, in: municipality) else { throw AppError.notFound }
        return try await services.residency.verify(
            account: account, in: municipality, nationalID: nationalID, birthDate: birthDate, method: method,
            verifiedBy: moderator.accountID)
    }
}

/// Demo deployments only: accepts a made-up РНОКПП (it must still be well
/// formed). It stands in for an identity provider, so it proves identity only;
/// the demo's cities accept that.
public struct DemoVerifier: ResidencyVerifier {
    public let method = VerificationMethod.demo
    public let proves = ResidencyProof.identity
    package let services: AppServices

    public func verify(account: AccountID, in municipality: MunicipalityID, nationalID: String) async throws -> ResidencyVerification {
        guard services.demoMode else { throw AppError.notFound }
        _ = try ResidencyService.nationalID(nationalID)
        try await services.residency.requireResidence(.identity, in: municipality)
        return try await services.residency.verify(
            account: account, in: municipality, nationalID: nationalID, birthDate: nil, method: method, verifiedBy: nil)
    }
}

/// An OpenID Connect identity provider (BankID or Дія, usually through a
/// broker): it proves identity, and an address only when a claim holding one
/// is configured.
public struct OIDCVerifier: ResidencyVerifier {
    public let method = VerificationMethod.oidc
    package let services: AppServices

    public var proves: ResidencyProof { services.configuration.oidc?.addressClaim == nil ? .identity : .identityAndAddress }

    /// Records what the provider vouched for, if it makes the person a resident of the city.
    public func verify(
        account: AccountID, in municipality: MunicipalityID, nationalID: String, birthDate: CalendarDate, addressLocality: String?
    ) async throws -> ResidencyVerification {
        let evidence: ResidencyEvidence = addressLocality.map { .identityAndAddress(locality: $0) } ?? .identity
        try await services.residency.requireResidence(evidence, in: municipality)
        return try await services.residency.record(
            account: account, municipality: municipality, hash: services.keys.identityHash(of: nationalID), birthDate: birthDate,
            method: method, verifiedBy: nil)
    }
}

/// ID.GOV.UA, the state's integrated identification system: plain OAuth 2.0
/// whose user-info gives the РНОКПП as `drfocode`. It proves identity only.
/// Its `address` field is free text from a signature's certificate or a bank's
/// records, not a registered address vouched for, so it is never read as
/// proof of living in a city: ID.GOV.UA makes a resident only where the city
/// accepts identity alone (issue 13).
public struct IDGovUAVerifier: ResidencyVerifier {
    public let method = VerificationMethod.idGovUA
    public let proves = ResidencyProof.identity
    package let services: AppServices

    /// Refuses where identity alone does not make a resident, before anyone is
    /// sent to ID.GOV.UA or anything is asked of it.
    public func requireResidence(in municipality: MunicipalityID) async throws {
        do {
            try await services.residency.requireResidence(.identity, in: municipality)
        } catch let error as AppError where error.code == "residence_not_proved" {
            // Said before the person signs in, so not "your identity was confirmed".
            throw AppError.invalid(code: "idgovua_identity_only")
        }
    }

    /// Records the person ID.GOV.UA vouched for, by the keyed hash of their
    /// РНОКПП and the birth date it encodes (ID.GOV.UA releases no other).
    public func verify(account: AccountID, in municipality: MunicipalityID, drfoCode: String?) async throws -> ResidencyVerification {
        try await requireResidence(in: municipality)
        let nationalID = try Self.nationalID(drfoCode)
        let born: CalendarDate
        do {
            born = try ResidencyRules.checkBirthDate(nil, nationalID: nationalID, today: CalendarDate.inKyiv(services.clock.now()))
        } catch {
            throw AppError.invalid(code: "idgovua_invalid_national_id")
        }
        return try await services.residency.record(
            account: account, municipality: municipality, hash: services.keys.identityHash(of: nationalID.digits), birthDate: born,
            method: method, verifiedBy: nil)
    }

    /// The РНОКПП in `drfocode`: exactly ten ASCII digits with a right check
    /// digit. Anything else (nothing; a passport's series and number, which
    /// people who refused a РНОКПП have instead) is refused with a message
    /// that says what is missing and never repeats the value.
    static func nationalID(_ drfoCode: String?) throws -> NationalID {
        guard let drfoCode, drfoCode.utf8.count == 10, drfoCode.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw AppError.invalid(code: "idgovua_no_national_id")
        }
        do {
            return try NationalID.validated(drfoCode)
        } catch {
            throw AppError.invalid(code: "idgovua_invalid_national_id")
        }
    }
}

public struct ResidencyService: Sendable {
    package let services: AppServices

    public var staff: StaffVerifier { StaffVerifier(services: services) }
    public var demo: DemoVerifier { DemoVerifier(services: services) }
    public var oidc: OIDCVerifier { OIDCVerifier(services: services) }
    public var idGovUA: IDGovUAVerifier { IDGovUAVerifier(services: services) }

    /// Refuses, before anything is stored, evidence that does not make the
    /// person a resident of the city (issue 13).
    func requireResidence(_ evidence: ResidencyEvidence, in municipality: MunicipalityID) async throws {
        guard let city = try await services.store.read({ try await $0.municipalities.find(id: municipality) }) else { throw AppError.notFound }
        guard ResidencyRules.provesResidence(evidence, in: city) else { throw AppError.invalid(code: "residence_not_proved") }
    }

    /// Verifies by a typed-in РНОКПП: its check digit, a stated birth date
    /// against the one it encodes (or that one when none is stated), then `record`.
    public func verify(
        account: AccountID, in municipality: MunicipalityID, nationalID: String, birthDate: CalendarDate?,
        method: VerificationMethod, verifiedBy: AccountID?
    ) async throws -> ResidencyVerification {
        let id = try Self.nationalID(nationalID)
        let born: CalendarDate
        do {
            born = try ResidencyRules.checkBirthDate(birthDate, nationalID: id, today: CalendarDate.inKyiv(services.clock.now()))
        } catch {
            throw AppError.invalid(code: error == .birthDateMismatch ? "birth_date_mismatch" : "birth_date_invalid", field: "birthDate")
        }
        return try await record(
            account: account, municipality: municipality, hash: services.keys.identityHash(of: id.digits), birthDate: born,
            method: method, verifiedBy: verifiedBy)
    }

    /// A typed-in РНОКПП, or the form error saying what is wrong with it.
    package static func nationalID(_ text: String) throws -> NationalID {
        do {
            return try NationalID.validated(text)
        } catch {
            throw AppError.invalid(code: error == .notTenDigits ? "national_id_format" : "national_id_checksum", field: "nationalId")
        }
    }

    /// Stores a verification, or refuses a second account of the same person
    /// (recording the conflict for staff). The unique index decides races.
    public func record(
        account: AccountID, municipality: MunicipalityID, hash: IdentityHash, birthDate: CalendarDate,
        method: VerificationMethod, verifiedBy: AccountID?
    ) async throws -> ResidencyVerification {
        let now = services.clock.now()
        let verification = ResidencyVerification(
            municipalityID: municipality, accountID: account, identityHash: hash, birthDate: birthDate, method: method,
            verifiedBy: verifiedBy, verifiedAt: now)
        let audit = services.audit
        let outcome: Result<ResidencyVerification, ResidencyError> = try await services.store.write { tx in
            if try await tx.residency.insert(verification) {
                try await audit.record(
                    tx, action: AuditAction.residencyVerified, actor: verifiedBy ?? account, municipality: municipality,
                    subject: "residency", details: ["method": method.rawValue])
                return .success(verification)
            }
            let existing = try await tx.residency.find(hash: hash, in: municipality)
            let own = try await tx.residency.find(account: account, in: municipality)
            do {
                try ResidencyRules.checkUniqueness(
                    account: account, hash: hash, existingForHash: existing?.accountID, accountAlreadyVerified: own != nil)
                throw StoreError.conflict("residency insert refused without a conflicting row")
            } catch let error as ResidencyError {
                if case .identityAlreadyVerified(let other) = error {
                    try await tx.residency.recordConflict(
                        in: municipality, account: account, existing: other, method: method, attemptedBy: verifiedBy, at: now)
                    try await audit.record(
                        tx, action: AuditAction.residencyConflict, actor: verifiedBy ?? account, municipality: municipality,
                        subject: "residency", details: ["method": method.rawValue])
                }
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let verification): return verification
        case .failure(.identityAlreadyVerified): throw AppError.conflict(code: "identity_already_verified")
        case .failure: throw AppError.conflict(code: "already_verified")
        }
    }
}
