/// A role is granted per municipality. Platform admin is a flag on the
/// account, not a role, because it is global.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case citizen, moderator, admin

    private var rank: Int {
        switch self {
        case .citizen: 0
        case .moderator: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// Everything staff can do in a municipality, and who may do it.
public enum StaffAction: String, CaseIterable, Sendable {
    case verifyResidentInPerson
    case viewPeople
    case grantRole
    case revokeRole
    case editSettings
    /// Participatory budget: write feasibility decisions on projects.
    case reviewBudgetProject
    /// Participatory budget: type in paper ballots.
    case enterPaperBallot
    /// Participatory budget: create and configure editions, publish results, record delivery.
    case manageBudget
    /// E-petitions: publish or reject, invalidate signatures.
    case moderatePetition
    /// E-petitions: post the council's answer on its behalf.
    case answerPetition
    /// E-auctions: keep the property register, announce lots, record payments, qualify winners.
    case manageAuctions

    /// The lowest role that may take this action.
    public var minimumRole: Role {
        switch self {
        case .verifyResidentInPerson, .viewPeople, .reviewBudgetProject, .enterPaperBallot, .moderatePetition: .moderator
        case .grantRole, .revokeRole, .editSettings, .manageBudget, .answerPetition, .manageAuctions: .admin
        }
    }
}

/// Who someone is, for authorisation: their roles in each municipality.
public struct Principal: Hashable, Sendable {
    public var accountID: AccountID
    public var isPlatformAdmin: Bool
    public var roles: [MunicipalityID: Set<Role>]

    public init(accountID: AccountID, isPlatformAdmin: Bool, roles: [MunicipalityID: Set<Role>]) {
        self.accountID = accountID
        self.isPlatformAdmin = isPlatformAdmin
        self.roles = roles
    }

    public func highestRole(in municipality: MunicipalityID) -> Role? {
        roles[municipality]?.max()
    }

    /// The tenancy rule: a role counts only in the municipality that granted it.
    /// Platform admins may act everywhere.
    public func may(_ action: StaffAction, in municipality: MunicipalityID) -> Bool {
        if isPlatformAdmin { return true }
        guard let role = highestRole(in: municipality) else { return false }
        return role >= action.minimumRole
    }

    /// Granting the admin role is itself restricted: a city admin may appoint
    /// moderators and admins in their own city; only a platform admin may
    /// appoint anyone when the city has no admin yet (handled by callers).
    public func mayGrant(_ role: Role, in municipality: MunicipalityID) -> Bool {
        may(.grantRole, in: municipality)
    }
}
