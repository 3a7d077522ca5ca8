import Foundation
import HromadaDomain

/// What kind of organisation the directory lists.
public enum OrganisationKind: String, Sendable, CaseIterable, Codable {
    /// A business association (an entrepreneurs' union, a chamber).
    case association
    /// A cluster of businesses of one trade (Жмеринський промисловий кластер), with its members.
    case cluster
    case cooperative
    /// A social enterprise, with its social mission and what it reports of its impact.
    case socialEnterprise = "social_enterprise"
    /// An entrepreneurs' club.
    case club

    /// Whether its profile has a social mission and impact reports.
    public var hasMission: Bool { self == .socialEnterprise || self == .cooperative }
}

/// The contacts an organisation chose to publish; none are required, and
/// nothing else of theirs is shown.
public struct PublishedContacts: Sendable, Equatable, Codable {
    /// The office's postal address, as the organisation writes it.
    public var address: String?
    public var email: String?
    public var phone: String?
    public var website: String?

    public static let addressLength = 1...300

    public init(address: String? = nil, email: String? = nil, phone: String? = nil, website: String? = nil) {
        self.address = address
        self.email = email
        self.phone = phone
        self.website = website
    }

    /// The fields that cannot be published, by name.
    public var problems: [String] {
        var fields: [String] = []
        if let address, !Self.addressLength.contains(address.count) { fields.append("address") }
        if let email, (try? EmailAddress.validated(email)) == nil { fields.append("email") }
        if let phone, !FieldRules.isPhone(phone) { fields.append("phone") }
        if let website, !(website.hasPrefix("https://") || website.hasPrefix("http://")) || website.count > 300
            || URL(string: website)?.host == nil
        {
            fields.append("website")
        }
        return fields
    }
}

/// An organisation in the city's business directory.
public struct Organisation: Sendable, Equatable, Codable {
    public let id: OrganisationID
    public let city: MunicipalityID
    public var kind: OrganisationKind
    /// Its name (in Ukrainian, as registered); the directory sorts by it.
    public var name: String
    /// Its name in English where it has one; readers in English see it, the others `name`.
    public var englishName: String?
    public var description: LocalizedName
    /// The social mission (social enterprises, cooperatives); empty otherwise.
    public var mission: String
    public var contacts: PublishedContacts
    public var location: Location?
    /// ЄДРПОУ, when it is a legal entity (a club may not be).
    public var code: String?
    public let createdAt: Date

    public static let nameLength = 2...200
    public static let descriptionLength = 0...10_000
    public static let missionLength = 0...2_000
    /// The business a member brings (a cluster lists its members by it).
    public static let businessNameLength = 2...200
    /// A news post's or impact report's title and text.
    public static let postTitleLength = 3...200
    public static let postBodyLength = 1...10_000

    public init(
        id: OrganisationID, city: MunicipalityID, kind: OrganisationKind, name: String, englishName: String? = nil, description: LocalizedName,
        mission: String = "", contacts: PublishedContacts = PublishedContacts(), location: Location? = nil, code: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.city = city
        self.kind = kind
        self.name = name
        self.englishName = englishName
        self.description = description
        self.mission = mission
        self.contacts = contacts
        self.location = location
        self.code = code
        self.createdAt = createdAt
    }

    /// Its name as a reader in `language` sees it.
    public func name(in language: Language) -> String {
        language == .en ? englishName ?? name : name
    }

    /// The fields that cannot be saved, by name.
    public var problems: [String] {
        var fields: [String] = []
        if !Self.nameLength.contains(name.count) { fields.append("name") }
        if let englishName, !Self.nameLength.contains(englishName.count) { fields.append("englishName") }
        fields += FieldRules.outside(Self.descriptionLength, description, field: "description")
        if !Self.missionLength.contains(mission.count) { fields.append("mission") }
        if let code, !LegalEntityCode.isValid(code) { fields.append("code") }
        return fields + contacts.problems
    }
}

/// A person's standing in an organisation.
public enum MembershipState: String, Sendable, CaseIterable, Codable {
    /// Asked to join; the organisation's admins decide.
    case requested
    case member
    /// Runs the organisation's profile, news and members.
    case admin
    case declined
    case left

    public var isMember: Bool { self == .member || self == .admin }

    /// Whether `next` may follow: a request is accepted or declined, a member
    /// may be made admin or leave, an admin step down, and a person who left
    /// or was declined may ask again.
    public func allows(_ next: MembershipState) -> Bool {
        switch (self, next) {
        case (.requested, .member), (.requested, .declined), (.member, .admin), (.member, .left), (.admin, .member), (.admin, .left),
            (.declined, .requested), (.left, .requested):
            true
        default:
            false
        }
    }

    /// Whether `next` may follow in an organisation that has `admins` admins:
    /// as `allows(_:)`, but its last admin may neither step down nor leave,
    /// so an organisation is never left without someone to run it.
    public func allows(_ next: MembershipState, admins: Int) -> Bool {
        allows(next) && !(self == .admin && next != .admin && admins <= 1)
    }
}
