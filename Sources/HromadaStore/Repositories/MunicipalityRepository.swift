import Foundation
import HromadaDomain
import SQLKit

public struct MunicipalityRepository: Sendable {
    package let db: any SQLDatabase
    package let dialect: DatabaseDialect

    public func insert(_ oblast: Oblast) async throws {
        try await db.raw("""
            INSERT INTO oblasts (id, slug, name_uk, name_en)
            VALUES (\(bind: oblast.id.rawValue), \(bind: oblast.slug.rawValue), \(bind: oblast.name.uk), \(bind: oblast.name.en))
            ON CONFLICT (slug) DO NOTHING
            """).run()
    }

    public func insert(_ municipality: Municipality, at instant: Date) async throws {
        let settings = try Self.encode(municipality.settings)
        try await db.raw("""
            INSERT INTO municipalities (id, oblast_id, slug, name_uk, name_en, population, area_km2, settings, created_at)
            VALUES (\(bind: municipality.id.rawValue), \(bind: municipality.oblastID.rawValue), \(bind: municipality.slug.rawValue),
                    \(bind: municipality.name.uk), \(bind: municipality.name.en), \(bind: municipality.population),
                    \(bind: municipality.areaKm2), \(bind: settings), \(bind: instant.epochSeconds))
            ON CONFLICT (slug) DO NOTHING
            """).run()
    }

    public func oblasts() async throws -> [Oblast] {
        try await db.raw("SELECT id, slug, name_uk, name_en FROM oblasts ORDER BY name_uk").all().map(Self.decodeOblast)
    }

    private static func decodeOblast(_ row: any SQLRow) throws -> Oblast {
        Oblast(id: .init(rawValue: try row.string("id")), slug: Slug(rawValue: try row.string("slug")),
               name: LocalizedName(uk: try row.string("name_uk"), en: try row.string("name_en")))
    }

    /// One oblast, by the slug in its address (`/oblast/vinnytska`).
    public func oblast(slug: String) async throws -> Oblast? {
        try await db.raw("SELECT id, slug, name_uk, name_en FROM oblasts WHERE slug = \(bind: slug)").first().map(Self.decodeOblast)
    }

    private static let columns = "id, oblast_id, slug, name_uk, name_en, population, area_km2, settings"

    public func all() async throws -> [Municipality] {
        try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM municipalities ORDER BY population DESC, slug")
            .all().map(Self.decode)
    }

    public func find(slug: String) async throws -> Municipality? {
        try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM municipalities WHERE slug = \(bind: slug)")
            .first().map(Self.decode)
    }

    public func find(id: MunicipalityID) async throws -> Municipality? {
        try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM municipalities WHERE id = \(bind: id.rawValue)")
            .first().map(Self.decode)
    }

    public func updateSettings(_ settings: MunicipalitySettings, of id: MunicipalityID) async throws {
        try await db.raw("UPDATE municipalities SET settings = \(bind: try Self.encode(settings)) WHERE id = \(bind: id.rawValue)").run()
    }

    /// Stores `settings` only if the city's settings are still `read`, what
    /// the change was decided from; false (nothing written) if someone
    /// changed them meanwhile. Compares decoded values, so a row written by
    /// an older release compares equal to what it decodes to. Call it in a
    /// write transaction: on PostgreSQL the row stays locked until it ends.
    public func updateSettings(_ settings: MunicipalitySettings, of id: MunicipalityID, ifStill read: MunicipalitySettings) async throws -> Bool {
        let locking = dialect.rowLock("FOR UPDATE")
        guard let current = try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM municipalities WHERE id = \(bind: id.rawValue) \(unsafeRaw: locking)
            """).first().map(Self.decode), current.settings == read
        else { return false }
        try await updateSettings(settings, of: id)
        return true
    }

    public func count() async throws -> Int64 {
        try await db.raw("SELECT COUNT(*) AS n FROM municipalities").first()?.int("n") ?? 0
    }

    package static func encode(_ settings: MunicipalitySettings) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(settings), as: UTF8.self)
    }

    private static let settingsDocuments = KeptValues<MunicipalitySettings>(capacity: 256)

    package static func decode(_ row: any SQLRow) throws -> Municipality {
        // Settings added later decode with their defaults.
        let settings = try settingsDocuments.value(of: try row.string("settings")) { text in
            (try? JSONDecoder().decode(MunicipalitySettings.self, from: Data(text.utf8))) ?? .init()
        }
        return Municipality(
            id: .init(rawValue: try row.string("id")), oblastID: .init(rawValue: try row.string("oblast_id")),
            slug: Slug(rawValue: try row.string("slug")),
            name: LocalizedName(uk: try row.string("name_uk"), en: try row.string("name_en")),
            population: try row.int("population"), areaKm2: try row.decode(column: "area_km2", as: Double.self),
            settings: settings)
    }
}
