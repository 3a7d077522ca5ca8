import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The visitor guide's places and routes (migration 0035), each kept whole
/// as its JSON document with the columns the guide filters on. Every read
/// and write names the city: a place of one city is never found in another's.
public struct VisitGuideRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect

    // MARK: Places

    /// Saves a place, new or changed; false when a place of another city has its id (that one is left alone).
    @discardableResult
    public func save(_ place: Place, at instant: Date) async throws -> Bool {
        let saved = try await db.raw("""
            INSERT INTO visit_places (id, municipality_id, kind, published, definition, created_at, updated_at)
            VALUES (\(bind: place.id.rawValue), \(bind: place.city.rawValue), \(bind: place.kind.rawValue), \(bind: place.published ? 1 : 0),
                    \(bind: try JSONColumn.text(place)), \(bind: instant.epochSeconds), \(bind: instant.epochSeconds))
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, published = excluded.published, definition = excluded.definition,
                updated_at = excluded.updated_at
            WHERE visit_places.municipality_id = excluded.municipality_id
            RETURNING id
            """).first() != nil
        if saved { try await SearchIndexRepository(db: db, dialect: dialect).put(place.searchDocument, as: VisitSearch.place, id: place.id.rawValue, in: place.city) }
        return saved
    }

    public func place(_ id: PlaceID, in city: MunicipalityID) async throws -> Place? {
        try await db.raw("""
            SELECT definition FROM visit_places WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.place)
    }

    /// A city's places, published only unless `drafts`, of one kind if given, in no particular order
    /// (the guide sorts them by name in the reader's language).
    public func places(in city: MunicipalityID, kind: PlaceKind? = nil, drafts: Bool = false, limit: Int = 2_000) async throws -> [Place] {
        let kindCode = kind?.rawValue ?? ""
        return try await db.raw("""
            SELECT definition FROM visit_places WHERE municipality_id = \(bind: city.rawValue)
            AND (\(bind: kindCode) = '' OR kind = \(bind: kindCode)) AND published >= \(bind: drafts ? 0 : 1)
            ORDER BY id LIMIT \(bind: limit)
            """).all().map(Self.place)
    }

    /// The places of a city among `ids` (a route's stops), published or not: the caller decides what it shows.
    public func places(_ ids: [PlaceID], in city: MunicipalityID) async throws -> [PlaceID: Place] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.raw("""
            SELECT definition FROM visit_places WHERE municipality_id = \(bind: city.rawValue)
            AND id IN (\(binds: ids.map(\.rawValue)))
            """).all()
        return Dictionary(try rows.map(Self.place).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func place(_ row: any SQLRow) throws -> Place {
        try JSONColumn.value(Place.self, try row.string("definition"))
    }

    // MARK: Routes

    /// Saves a route, new or changed; false when a route of another city has its id.
    @discardableResult
    public func save(_ route: VisitRoute, at instant: Date) async throws -> Bool {
        let saved = try await db.raw("""
            INSERT INTO visit_routes (id, municipality_id, published, definition, created_at, updated_at)
            VALUES (\(bind: route.id.rawValue), \(bind: route.city.rawValue), \(bind: route.published ? 1 : 0),
                    \(bind: try JSONColumn.text(route)), \(bind: instant.epochSeconds), \(bind: instant.epochSeconds))
            ON CONFLICT (id) DO UPDATE SET published = excluded.published, definition = excluded.definition, updated_at = excluded.updated_at
            WHERE visit_routes.municipality_id = excluded.municipality_id
            RETURNING id
            """).first() != nil
        if saved { try await SearchIndexRepository(db: db, dialect: dialect).put(route.searchDocument, as: VisitSearch.route, id: route.id.rawValue, in: route.city) }
        return saved
    }

    /// Holds the route until the transaction ends (PostgreSQL; SQLite's writes are one at a time anyway).
    public func lockRoute(_ id: VisitRouteID) async throws {
        try await dialect.lockUntilCommit("visit_route:\(id.rawValue)", on: db)
    }

    public func route(_ id: VisitRouteID, in city: MunicipalityID) async throws -> VisitRoute? {
        try await db.raw("""
            SELECT definition FROM visit_routes WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.route)
    }

    public func routes(in city: MunicipalityID, drafts: Bool = false, limit: Int = 500) async throws -> [VisitRoute] {
        try await db.raw("""
            SELECT definition FROM visit_routes WHERE municipality_id = \(bind: city.rawValue) AND published >= \(bind: drafts ? 0 : 1)
            ORDER BY id LIMIT \(bind: limit)
            """).all().map(Self.route)
    }

    static func route(_ row: any SQLRow) throws -> VisitRoute {
        try JSONColumn.value(VisitRoute.self, try row.string("definition"))
    }
}

// MARK: Campaigns

extension VisitGuideRepository {
    /// Saves a campaign; false when a campaign of another city has its id.
    @discardableResult
    public func save(_ campaign: MarketingCampaign, at instant: Date) async throws -> Bool {
        try await db.raw("""
            INSERT INTO visit_campaigns (id, municipality_id, starts_on, published, definition, created_at, updated_at)
            VALUES (\(bind: campaign.id.rawValue), \(bind: campaign.city.rawValue), \(bind: campaign.startsOn.description), \(bind: campaign.published ? 1 : 0),
                    \(bind: try JSONColumn.text(campaign)), \(bind: instant.epochSeconds), \(bind: instant.epochSeconds))
            ON CONFLICT (id) DO UPDATE SET starts_on = excluded.starts_on, published = excluded.published, definition = excluded.definition,
                updated_at = excluded.updated_at
            WHERE visit_campaigns.municipality_id = excluded.municipality_id
            RETURNING id
            """).first() != nil
    }

    /// A campaign of the city, locked until the transaction ends when `forUpdate` (two reach reports at once both stay).
    public func campaign(_ id: CampaignID, in city: MunicipalityID, forUpdate: Bool = false) async throws -> MarketingCampaign? {
        if forUpdate { try await dialect.lockUntilCommit("visit_campaign:\(id.rawValue)", on: db) }
        return try await db.raw("""
            SELECT definition FROM visit_campaigns WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map { try JSONColumn.value(MarketingCampaign.self, try $0.string("definition")) }
    }

    /// The city's campaigns, the latest to start first.
    public func campaigns(in city: MunicipalityID, drafts: Bool = false, limit: Int = 500) async throws -> [MarketingCampaign] {
        try await db.raw("""
            SELECT definition FROM visit_campaigns WHERE municipality_id = \(bind: city.rawValue) AND published >= \(bind: drafts ? 0 : 1)
            ORDER BY starts_on DESC, id LIMIT \(bind: limit)
            """).all().map { try JSONColumn.value(MarketingCampaign.self, try $0.string("definition")) }
    }
}

extension Repositories {
    /// The visitor guide: places and themed routes.
    public var visitGuide: VisitGuideRepository { .init(db: db, dialect: dialect) }
}
