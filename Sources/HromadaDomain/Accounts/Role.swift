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

/// Something staff may do in a city, named `<module>.<verb>`
/// (`petitions.moderate`, `budgets.paper_ballots`) or `platform.<verb>`
/// for the platform's own desk. Each module declares its capabilities, and
/// which built-in roles include each, in the module registry; a role is a
/// named bundle of capabilities, and a city may also grant one capability
/// alone (a clerk who only types paper ballots).
public struct Capability: RawRepresentable, Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public var description: String { rawValue }

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// `area.verb`: lowercase letters and underscores on each side of one dot.
    public var isWellFormed: Bool {
        let parts = rawValue.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || $0 == 95 } }
    }

    public static func < (lhs: Capability, rhs: Capability) -> Bool { lhs.rawValue < rhs.rawValue }

    // The platform's own desk.
    /// See who has an account with a role or residency here.
    public static let viewPeople = Capability("platform.view_people")
    /// Verify a resident in person (ЦНАП).
    public static let verifyResidentInPerson = Capability("platform.verify_residents")
    /// Grant and revoke roles and capabilities (only those one holds).
    public static let grantRole = Capability("platform.grant_roles")
    /// Change the city's settings, its modules included.
    public static let editSettings = Capability("platform.edit_settings")
    /// Set the city's brand: colours, slogan, logo and font (docs/brand.md).
    public static let editBrand = Capability("platform.edit_brand")
    /// Hide and unhide comments, with a reason (issue 21); see the flagged ones.
    public static let moderateComments = Capability("comments.moderate")
}

/// What a city grants a person: a role (a bundle) or one capability. Stored
/// by name in `role_grants.role`; capability names have a dot, role names
/// never do.
public enum StaffGrant: Hashable, Sendable, Comparable {
    case role(Role)
    case capability(Capability)

    public init?(rawValue: String) {
        if let role = Role(rawValue: rawValue) {
            self = .role(role)
        } else if Capability(rawValue).isWellFormed {
            self = .capability(Capability(rawValue))
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .role(let role): role.rawValue
        case .capability(let capability): capability.rawValue
        }
    }

    public static func < (lhs: StaffGrant, rhs: StaffGrant) -> Bool {
        switch (lhs, rhs) {
        case (.role(let a), .role(let b)): a < b
        case (.role, .capability): true
        case (.capability, .role): false
        case (.capability(let a), .capability(let b)): a < b
        }
    }
}

/// Who someone is, for authorisation: their grants in each municipality
/// and in each oblast, and the capabilities those give (resolved by the
/// module registry when the principal is loaded). A city's grants and an
/// oblast's are kept apart: neither ever gives anything in the other.
public struct Principal: Hashable, Sendable {
    public var accountID: AccountID
    public var isPlatformAdmin: Bool
    public var roles: [MunicipalityID: Set<Role>]
    public var capabilities: [MunicipalityID: Set<Capability>]
    /// Oblast roles, by oblast (`oblast_role_grants`).
    public var oblastRoles: [OblastID: Set<OblastRole>]
    /// What the oblast grants give, by oblast.
    public var oblastCapabilities: [OblastID: Set<Capability>]

    public init(
        accountID: AccountID, isPlatformAdmin: Bool, roles: [MunicipalityID: Set<Role>] = [:],
        capabilities: [MunicipalityID: Set<Capability>] = [:], oblastRoles: [OblastID: Set<OblastRole>] = [:],
        oblastCapabilities: [OblastID: Set<Capability>] = [:]
    ) {
        self.accountID = accountID
        self.isPlatformAdmin = isPlatformAdmin
        self.roles = roles
        self.capabilities = capabilities
        self.oblastRoles = oblastRoles
        self.oblastCapabilities = oblastCapabilities
    }

    /// The tenancy rule: a capability counts only in the municipality that
    /// granted it. Platform admins may act everywhere.
    public func may(_ capability: Capability, in municipality: MunicipalityID) -> Bool {
        isPlatformAdmin || capabilities[municipality]?.contains(capability) == true
    }

    /// The same rule one level up: an oblast capability counts only in the
    /// oblast it was granted for, never in a city of it (nor a city's in
    /// the oblast). Platform admins may act everywhere.
    public func may(_ capability: Capability, inOblast oblast: OblastID) -> Bool {
        isPlatformAdmin || oblastCapabilities[oblast]?.contains(capability) == true
    }

    /// Whether this person is on the oblast's staff: holds some oblast grant there.
    public func isStaff(inOblast oblast: OblastID) -> Bool {
        isPlatformAdmin || !(oblastCapabilities[oblast]?.isEmpty ?? true)
    }

    /// Who may grant and revoke oblast roles and capabilities: platform
    /// admins alone. An oblast's own staff cannot, nor can any city's admin.
    public var mayGrantOblastRoles: Bool { isPlatformAdmin }

    /// Whether this person may give someone these capabilities here: one
    /// grants roles and capabilities, and only those one holds oneself, so
    /// nobody hands out more than they have.
    public func mayGive(_ given: Set<Capability>, in municipality: MunicipalityID) -> Bool {
        isPlatformAdmin || (may(.grantRole, in: municipality) && given.isSubset(of: capabilities[municipality] ?? []))
    }
}

/// A role one holds for a whole oblast, not for one of its cities: a bundle
/// of oblast capabilities (`oblast.<verb>`). Granted by platform admins only.
public enum OblastRole: String, CaseIterable, Codable, Sendable, Comparable {
    /// Looks after the oblast's investment passport, results report, open-data catalogue and brand.
    case oblastAdmin = "oblast_admin"

    public static func < (lhs: OblastRole, rhs: OblastRole) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Capability {
    /// The area every oblast capability is named in: `oblast.<verb>`.
    public static let oblastArea = "oblast"

    /// Named `oblast.<verb>`: a capability for a whole oblast. A city never
    /// grants one, and an oblast grants nothing else.
    public var isOblastCapability: Bool {
        isWellFormed && rawValue.hasPrefix(Self.oblastArea + ".")
    }

    // The oblast's own staff (the pages themselves are to come, docs/interfaces.md).
    /// Edit the oblast's investment passport (`/oblast/{oblast}/invest`).
    public static let editOblastPassport = Capability("oblast.edit_passport")
    /// Publish the oblast's results report (`/oblast/{oblast}/results`).
    public static let publishOblastReport = Capability("oblast.publish_report")
    /// Curate the oblast's open-data catalogue (`/oblast/{oblast}/opendata`).
    public static let editOblastCatalogue = Capability("oblast.edit_catalogue")
    /// Look after the oblast's brand: its name, emblem and colours on its pages.
    public static let editOblastBrand = Capability("oblast.edit_brand")
}

/// What an oblast grants a person: an oblast role or one oblast capability,
/// stored by name in `oblast_role_grants.role` as a city's grants are in
/// `role_grants.role`. A city's role name (`admin`) or a city capability
/// (`budgets.manage`) is not an oblast grant.
public enum OblastGrant: Hashable, Sendable, Comparable {
    case role(OblastRole)
    case capability(Capability)

    public init?(rawValue: String) {
        if let role = OblastRole(rawValue: rawValue) {
            self = .role(role)
        } else if Capability(rawValue).isOblastCapability {
            self = .capability(Capability(rawValue))
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .role(let role): role.rawValue
        case .capability(let capability): capability.rawValue
        }
    }

    public static func < (lhs: OblastGrant, rhs: OblastGrant) -> Bool {
        switch (lhs, rhs) {
        case (.role(let a), .role(let b)): a < b
        case (.role, .capability): true
        case (.capability, .role): false
        case (.capability(let a), .capability(let b)): a < b
        }
    }
}
