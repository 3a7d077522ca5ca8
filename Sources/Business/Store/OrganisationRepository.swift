import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The city's business directory (migration 0033): organisations, the
/// people in them, and what they post.
public struct OrganisationRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect

    static func decode(_ row: any SQLRow) throws -> Organisation {
        try JSONColumn.value(Organisation.self, try row.string("definition"))
    }

    public func save(_ organisation: Organisation, at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO business_organisations (id, municipality_id, kind, name, definition, created_at, updated_at)
            VALUES (\(bind: organisation.id.rawValue), \(bind: organisation.city.rawValue), \(bind: organisation.kind.rawValue), \(bind: organisation.name),
                    \(bind: try JSONColumn.text(organisation)), \(bind: organisation.createdAt.epochSeconds), \(bind: instant.epochSeconds))
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, definition = excluded.definition, updated_at = excluded.updated_at
            WHERE business_organisations.municipality_id = excluded.municipality_id
            """).run()
        try await SearchIndexRepository(db: db, dialect: dialect)
            .put(organisation.searchDocument, as: BusinessSearch.organisation, id: organisation.id.rawValue, in: organisation.city)
    }

    public func organisation(_ id: OrganisationID, in city: MunicipalityID) async throws -> Organisation? {
        try await db.raw("""
            SELECT definition FROM business_organisations WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.decode)
    }

    /// A city's organisations by name, of one kind or all.
    public func organisations(in city: MunicipalityID, kind: OrganisationKind? = nil) async throws -> [Organisation] {
        let ofKind: SQLQueryString = kind.map { "AND kind = \(bind: $0.rawValue)" } ?? ""
        return try await db.raw("""
            SELECT definition FROM business_organisations WHERE municipality_id = \(bind: city.rawValue) \(ofKind)
            ORDER BY name, id LIMIT 1000
            """).all().map(Self.decode)
    }

    // MARK: Members

    public struct Membership: Sendable, Equatable {
        public let organisation: OrganisationID
        public let account: AccountID
        public let state: MembershipState
        /// The business the member brings (a cluster lists its members by them).
        public let businessName: String
        public let requestedAt: Date
    }

    /// A person asks to join (again, after leaving or being declined); nil
    /// when they are already in or waiting.
    public func requestMembership(of account: AccountID, in organisation: OrganisationID, businessName: String, at instant: Date) async throws -> Membership? {
        guard try await db.raw("""
            INSERT INTO business_memberships (organisation_id, account_id, state, business_name, requested_at)
            VALUES (\(bind: organisation.rawValue), \(bind: account.rawValue), \(bind: MembershipState.requested.rawValue), \(bind: businessName),
                    \(bind: instant.epochSeconds))
            ON CONFLICT (organisation_id, account_id) DO UPDATE SET state = excluded.state, business_name = excluded.business_name,
                requested_at = excluded.requested_at, decided_at = NULL
            WHERE business_memberships.state IN (\(binds: [MembershipState.declined.rawValue, MembershipState.left.rawValue]))
            RETURNING account_id
            """).first() != nil
        else { return nil }
        return Membership(organisation: organisation, account: account, state: .requested, businessName: businessName, requestedAt: instant)
    }

    /// Moves a person's membership to `next` if the domain allows it from
    /// where it is now and the organisation keeps an admin
    /// (`MembershipState.allows(_:admins:)`, checked in the statement under a
    /// lock on the organisation's members, so two admins stepping down at
    /// once cannot both pass as not the last); false otherwise.
    @discardableResult
    public func move(_ account: AccountID, in organisation: OrganisationID, to next: MembershipState, at instant: Date) async throws -> Bool {
        let from = MembershipState.allCases.filter { $0.allows(next) }.map(\.rawValue)
        guard !from.isEmpty else { return false }
        try await dialect.lockUntilCommit("business-members:\(organisation.rawValue)", on: db)
        let admin = MembershipState.admin.rawValue
        let keepsAnAdmin: SQLQueryString = MembershipState.admin.allows(next, admins: 1) ? "" : """
            AND (state <> \(bind: admin) OR (SELECT COUNT(*) FROM business_memberships AS others
                 WHERE others.organisation_id = \(bind: organisation.rawValue) AND others.state = \(bind: admin)) > 1)
            """
        return try await db.raw("""
            UPDATE business_memberships SET state = \(bind: next.rawValue), decided_at = \(bind: instant.epochSeconds)
            WHERE organisation_id = \(bind: organisation.rawValue) AND account_id = \(bind: account.rawValue) AND state IN (\(binds: from))
            \(keepsAnAdmin)
            RETURNING account_id
            """).first() != nil
    }

    /// Makes a person the organisation's admin outright (staff setting up its profile, or the demo).
    public func appoint(_ account: AccountID, to organisation: OrganisationID, businessName: String, at instant: Date) async throws {
        try await db.raw("""
            INSERT INTO business_memberships (organisation_id, account_id, state, business_name, requested_at, decided_at)
            VALUES (\(bind: organisation.rawValue), \(bind: account.rawValue), \(bind: MembershipState.admin.rawValue), \(bind: businessName),
                    \(bind: instant.epochSeconds), \(bind: instant.epochSeconds))
            ON CONFLICT (organisation_id, account_id) DO UPDATE SET state = excluded.state, decided_at = excluded.decided_at
            """).run()
    }

    public func memberships(of organisation: OrganisationID) async throws -> [Membership] {
        try await db.raw("""
            SELECT organisation_id, account_id, state, business_name, requested_at FROM business_memberships
            WHERE organisation_id = \(bind: organisation.rawValue) ORDER BY requested_at, account_id
            """).all().map(Self.decodeMembership)
    }

    public func membership(of account: AccountID, in organisation: OrganisationID) async throws -> Membership? {
        try await db.raw("""
            SELECT organisation_id, account_id, state, business_name, requested_at FROM business_memberships
            WHERE organisation_id = \(bind: organisation.rawValue) AND account_id = \(bind: account.rawValue)
            """).first().map(Self.decodeMembership)
    }

    static func decodeMembership(_ row: any SQLRow) throws -> Membership {
        Membership(
            organisation: OrganisationID(rawValue: try row.string("organisation_id")), account: AccountID(rawValue: try row.string("account_id")),
            state: MembershipState(rawValue: try row.string("state")) ?? .left, businessName: try row.string("business_name"),
            requestedAt: try row.date("requested_at"))
    }

    // MARK: Posts

    public enum PostKind: String, Sendable, CaseIterable {
        case news
        /// A social enterprise's report of its impact.
        case impact
    }

    public struct Post: Sendable, Equatable {
        public let id: String
        public let organisation: OrganisationID
        public let kind: PostKind
        public let title: String
        public let body: String
        public let postedBy: AccountID
        public let postedAt: Date

        public init(id: String, organisation: OrganisationID, kind: PostKind, title: String, body: String, postedBy: AccountID, postedAt: Date) {
            self.id = id
            self.organisation = organisation
            self.kind = kind
            self.title = title
            self.body = body
            self.postedBy = postedBy
            self.postedAt = postedAt
        }
    }

    public func post(_ post: Post) async throws {
        try await db.raw("""
            INSERT INTO business_posts (id, organisation_id, kind, title, body, posted_by, posted_at)
            VALUES (\(bind: post.id), \(bind: post.organisation.rawValue), \(bind: post.kind.rawValue), \(bind: post.title), \(bind: post.body),
                    \(bind: post.postedBy.rawValue), \(bind: post.postedAt.epochSeconds))
            """).run()
    }

    public func posts(of organisation: OrganisationID, limit: Int = 50) async throws -> [Post] {
        try await db.raw("""
            SELECT id, organisation_id, kind, title, body, posted_by, posted_at FROM business_posts
            WHERE organisation_id = \(bind: organisation.rawValue) ORDER BY posted_at DESC, id LIMIT \(bind: limit)
            """).all().map { row in
            Post(
                id: try row.string("id"), organisation: OrganisationID(rawValue: try row.string("organisation_id")),
                kind: PostKind(rawValue: try row.string("kind")) ?? .news, title: try row.string("title"), body: try row.string("body"),
                postedBy: AccountID(rawValue: try row.string("posted_by")), postedAt: try row.date("posted_at"))
        }
    }
}
