import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The investment portal's sites and passport figures.
///
/// A site is one row: its document as JSON, plus whole-number copies of
/// what the search filters on (migration 0019 says why whole numbers), so
/// a search with every filter and a map box is one indexed query that
/// decodes only the page it returns.
public struct InvestRepository: Sendable {
    let db: any SQLDatabase
    let dialect: DatabaseDialect
    /// Its things' places in the city's search, written with the things.
    var searchIndex: SearchIndexRepository { .init(db: db, dialect: dialect) }

    /// A site as stored, with what lives beside the document.
    public struct StoredSite: Sendable, Equatable {
        public let id: SiteID
        public let city: MunicipalityID
        public var site: InvestmentSite
        public let createdAt: Date
        public var updatedAt: Date

        public init(id: SiteID, city: MunicipalityID, site: InvestmentSite, createdAt: Date, updatedAt: Date) {
            self.id = id
            self.city = city
            self.site = site
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }
    }

    private static let documents = KeptValues<InvestmentSite>(capacity: 4096)
    private static let columns = "id, municipality_id, definition, created_at, updated_at"

    static func decode(_ row: any SQLRow) throws -> StoredSite {
        StoredSite(
            id: SiteID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            site: try documents.value(of: try row.string("definition")) { try JSONColumn.value(InvestmentSite.self, $0) },
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    /// The whole-number columns of a site (areas in m², distances in m, degrees × 10⁷).
    struct Columns {
        let areaM2: Int64, powerKw: Int64?, gas: Int, water: Int, rail: Int, roadM: Int64?, price: Int64?, lon: Int64, lat: Int64
        let geometry: String

        init(_ site: InvestmentSite) throws {
            let facts = site.facts
            areaM2 = Int64((site.areaHa * 10_000).rounded())
            powerKw = site.utilities.powerKw.map(Int64.init)
            gas = facts.gas ? 1 : 0
            water = facts.water ? 1 : 0
            rail = facts.rail ? 1 : 0
            roadM = site.distances.roadKm.map { Int64(($0 * 1_000).rounded()) }
            price = site.price?.kopiyky
            lon = InvestRepository.e7(site.geometry.marker.longitude)
            lat = InvestRepository.e7(site.geometry.marker.latitude)
            geometry = try JSONColumn.text(site.geometry)
        }
    }

    /// Degrees in ten-millionths (a centimetre on the ground). Only checked
    /// positions (±180) and checked filters come here, far inside Int64.
    static func e7(_ degrees: Double, _ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> Int64 {
        Int64((degrees * 10_000_000).rounded(rule))
    }

    // MARK: Sites

    /// Stores a new site; false (and nothing stored) when its city already offers a plot with its cadastral number.
    @discardableResult
    public func insert(_ stored: StoredSite) async throws -> Bool {
        let site = stored.site, c = try Columns(site)
        let written = try await db.raw("""
            INSERT INTO invest_sites (id, municipality_id, type, status, right_offered, area_m2, power_kw, gas, water, rail, road_m, price,
                                      marker_lon_e7, marker_lat_e7, cadastral_number, geometry, definition, created_at, updated_at)
            VALUES (\(bind: stored.id.rawValue), \(bind: stored.city.rawValue), \(bind: site.type.rawValue), \(bind: site.status.rawValue),
                    \(bind: site.right.rawValue), \(bind: c.areaM2), \(bind: c.powerKw), \(bind: c.gas), \(bind: c.water), \(bind: c.rail),
                    \(bind: c.roadM), \(bind: c.price), \(bind: c.lon), \(bind: c.lat), \(bind: site.cadastralNumber?.rawValue),
                    \(bind: c.geometry), \(bind: try JSONColumn.text(site)), \(bind: stored.createdAt.epochSeconds), \(bind: stored.updatedAt.epochSeconds))
            ON CONFLICT DO NOTHING
            RETURNING id
            """).first() != nil
        if written { try await searchIndex.put(site.searchDocument(id: stored.id, at: stored.updatedAt), in: stored.city) }
        return written
    }

    /// Writes a site's new version if its status is still `from` (of two
    /// changes racing, one wins). False when it was not written: another
    /// change came first, or the new cadastral number is another site's.
    @discardableResult
    public func update(_ stored: StoredSite, from status: SiteStatus) async throws -> Bool {
        let site = stored.site, c = try Columns(site)
        let taken = try await db.raw("""
            SELECT id FROM invest_sites WHERE municipality_id = \(bind: stored.city.rawValue)
              AND cadastral_number = \(bind: site.cadastralNumber?.rawValue) AND id <> \(bind: stored.id.rawValue)
            """).first()
        guard taken == nil else { return false }
        let written = try await db.raw("""
            UPDATE invest_sites SET type = \(bind: site.type.rawValue), status = \(bind: site.status.rawValue), right_offered = \(bind: site.right.rawValue),
                   area_m2 = \(bind: c.areaM2), power_kw = \(bind: c.powerKw), gas = \(bind: c.gas), water = \(bind: c.water), rail = \(bind: c.rail),
                   road_m = \(bind: c.roadM), price = \(bind: c.price), marker_lon_e7 = \(bind: c.lon), marker_lat_e7 = \(bind: c.lat),
                   cadastral_number = \(bind: site.cadastralNumber?.rawValue), geometry = \(bind: c.geometry),
                   definition = \(bind: try JSONColumn.text(site)), updated_at = \(bind: stored.updatedAt.epochSeconds)
            WHERE id = \(bind: stored.id.rawValue) AND municipality_id = \(bind: stored.city.rawValue) AND status = \(bind: status.rawValue)
            RETURNING id
            """).first() != nil
        if written { try await searchIndex.put(site.searchDocument(id: stored.id, at: stored.updatedAt), in: stored.city) }
        return written
    }

    public func site(_ id: SiteID, in city: MunicipalityID) async throws -> StoredSite? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM invest_sites WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: city.rawValue)
            """).first().map(Self.decode)
    }

    /// The sites of these cities that meet every filter of `search`, in its
    /// order; only those still on offer unless `everyStatus` (staff).
    public func sites(
        in cities: [MunicipalityID], matching search: SiteSearch, everyStatus: Bool = false, limit: Int, offset: Int = 0
    ) async throws -> [StoredSite] {
        guard !cities.isEmpty else { return [] }
        return try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM invest_sites WHERE \(Self.conditions(cities, search, everyStatus: everyStatus))
            ORDER BY \(unsafeRaw: Self.order(search.sort)) LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map(Self.decode)
    }

    /// How many sites meet the search, for the page's "N sites".
    public func count(in cities: [MunicipalityID], matching search: SiteSearch, everyStatus: Bool = false) async throws -> Int {
        guard !cities.isEmpty else { return 0 }
        let row = try await db.raw("""
            SELECT COUNT(*) AS n FROM invest_sites WHERE \(Self.conditions(cities, search, everyStatus: everyStatus))
            """).first()
        return Int(try row?.int("n") ?? 0)
    }

    /// What matching weighs of every site on offer in these cities, read
    /// from the columns alone (no document decoded), so a need is ranked
    /// against thousands of sites at once.
    public func facts(in cities: [MunicipalityID]) async throws -> [(id: SiteID, city: MunicipalityID, facts: SiteFacts)] {
        guard !cities.isEmpty else { return [] }
        return try await db.raw("""
            SELECT id, municipality_id, area_m2, power_kw, gas, water, rail, road_m, price FROM invest_sites
            WHERE \(Self.conditions(cities, SiteSearch(), everyStatus: false))
            """).all().map { row in
                let facts = SiteFacts(
                    areaHa: Double(try row.int("area_m2")) / 10_000, powerKw: try row.optionalInt("power_kw").map { Int(clamping: $0) },
                    gas: try row.int("gas") != 0, water: try row.int("water") != 0, rail: try row.int("rail") != 0,
                    roadKm: try row.optionalInt("road_m").map { Double($0) / 1_000 }, priceKopiyky: try row.optionalInt("price"))
                return (SiteID(rawValue: try row.string("id")), MunicipalityID(rawValue: try row.string("municipality_id")), facts)
            }
    }

    /// These sites, whichever of the cities they are in (the order is not kept).
    public func sites(_ ids: [SiteID], in cities: [MunicipalityID]) async throws -> [StoredSite] {
        guard !ids.isEmpty, !cities.isEmpty else { return [] }
        return try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM invest_sites
            WHERE id IN (\(binds: ids.map(\.rawValue))) AND municipality_id IN (\(binds: cities.map(\.rawValue)))
            """).all().map(Self.decode)
    }

    /// Per city: how many sites are on offer and their square metres together.
    public func offerTotals(in cities: [MunicipalityID]) async throws -> [MunicipalityID: (sites: Int, squareMetres: Int64)] {
        guard !cities.isEmpty else { return [:] }
        let rows = try await db.raw("""
            SELECT municipality_id, COUNT(*) AS n, CAST(SUM(area_m2) AS BIGINT) AS m2 FROM invest_sites
            WHERE \(Self.conditions(cities, SiteSearch(), everyStatus: false)) GROUP BY municipality_id
            """).all()
        var totals: [MunicipalityID: (sites: Int, squareMetres: Int64)] = [:]
        for row in rows {
            totals[MunicipalityID(rawValue: try row.string("municipality_id"))] = (Int(try row.int("n")), try row.optionalInt("m2") ?? 0)
        }
        return totals
    }

    /// A site on offer as a map or a GIS needs it: its id, title and the boundary as stored GeoJSON.
    public struct Shape: Sendable, Equatable {
        public let id: SiteID
        public let site: InvestmentSite
        /// GeoJSON text, as stored: written out without decoding it again.
        public let geometry: String
    }

    /// The sites meeting the search with their stored boundaries, for `sites.geojson` and the map.
    public func shapes(
        in cities: [MunicipalityID], matching search: SiteSearch, limit: Int, offset: Int = 0
    ) async throws -> [Shape] {
        guard !cities.isEmpty else { return [] }
        return try await db.raw("""
            SELECT \(unsafeRaw: Self.columns), geometry FROM invest_sites WHERE \(Self.conditions(cities, search, everyStatus: false))
            ORDER BY \(unsafeRaw: Self.order(search.sort)) LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map { row in
                let stored = try Self.decode(row)
                return Shape(id: stored.id, site: stored.site, geometry: try row.string("geometry"))
            }
    }

    private static func conditions(_ cities: [MunicipalityID], _ search: SiteSearch, everyStatus: Bool) -> SQLQueryString {
        var sql: SQLQueryString = "municipality_id IN (\(binds: cities.map(\.rawValue)))"
        if !everyStatus { sql = sql + " AND status IN (\(binds: SiteStatus.allCases.filter(\.isOnOffer).map(\.rawValue)))" }
        if !search.types.isEmpty { sql = sql + " AND type IN (\(binds: search.types.map(\.rawValue).sorted()))" }
        // Filters were range-checked where read (`SiteSearch`): these conversions cannot trap.
        if let low = search.minAreaHa { sql = sql + " AND area_m2 >= \(bind: Int64((low * 10_000).rounded(.up)))" }
        if let high = search.maxAreaHa { sql = sql + " AND area_m2 <= \(bind: Int64((high * 10_000).rounded(.down)))" }
        if let right = search.right { sql = sql + " AND right_offered = \(bind: right.rawValue)" }
        if let power = search.minPowerKw { sql = sql + " AND power_kw >= \(bind: Int64(power))" }
        if search.gas { sql = sql + " AND gas = 1" }
        if search.water { sql = sql + " AND water = 1" }
        if search.rail { sql = sql + " AND rail = 1" }
        if let road = search.maxRoadKm { sql = sql + " AND road_m <= \(bind: Int64((road * 1_000).rounded(.down)))" }
        if let box = search.box {
            sql = sql + " AND marker_lon_e7 BETWEEN \(bind: e7(box.west, .down)) AND \(bind: e7(box.east, .up))"
            sql = sql + " AND marker_lat_e7 BETWEEN \(bind: e7(box.south, .down)) AND \(bind: e7(box.north, .up))"
        }
        return sql
    }

    private static func order(_ sort: SiteSearch.Sort) -> String {
        switch sort {
        case .newest: "created_at DESC, id"
        case .areaAscending: "area_m2 ASC, id"
        case .areaDescending: "area_m2 DESC, id"
        // A site with no price goes last either way.
        case .priceAscending: "price IS NULL, price ASC, id"
        case .priceDescending: "price IS NULL, price DESC, id"
        }
    }

    // MARK: Passports

    /// Whose passport: a city's, or an oblast's own figures.
    public enum Passport: Sendable, Hashable {
        case city(MunicipalityID)
        case oblast(OblastID)

        var key: String {
            switch self {
            case .city(let id): id.rawValue
            case .oblast(let id): "oblast:" + id.rawValue
            }
        }
    }

    /// Every figure of a passport with its values, by section in the passport's order, then as first given.
    public func indicators(of passport: Passport) async throws -> [PassportIndicator] {
        let definitions = try await db.raw("""
            SELECT code, section, name_uk, name_en, unit FROM invest_indicators WHERE passport = \(bind: passport.key) ORDER BY position, code
            """).all()
        let values = try await db.raw("""
            SELECT code, year, value, source, checked_on FROM invest_indicator_values WHERE passport = \(bind: passport.key) ORDER BY code, year
            """).all()
        var byCode: [String: [IndicatorValue]] = [:]
        for row in values {
            let year = try row.int("year")
            // Checked when stored; a row outside the rules is skipped, never a trap.
            guard let value = try? IndicatorValue(
                year: Int(clamping: year), value: try row.string("value"), source: try row.string("source"),
                checkedOn: try row.optionalString("checked_on").flatMap(CalendarDate.parse))
            else { continue }
            byCode[try row.string("code"), default: []].append(value)
        }
        let indicators = try definitions.compactMap { row -> PassportIndicator? in
            guard let section = IndicatorSection(rawValue: try row.string("section")) else { return nil }
            let code = try row.string("code")
            return PassportIndicator(
                code: code, section: section, name: LocalizedName(uk: try row.string("name_uk"), en: try row.string("name_en")),
                unit: try row.string("unit"), values: byCode[code] ?? [])
        }
        let order = Dictionary(uniqueKeysWithValues: IndicatorSection.allCases.enumerated().map { ($1, $0) })
        // A stable sort: within a section the order given.
        return indicators.enumerated().sorted { a, b in
            let sa = order[a.element.section] ?? 0, sb = order[b.element.section] ?? 0
            return sa != sb ? sa < sb : a.offset < b.offset
        }.map(\.element)
    }

    /// Puts figures in: a new code is added after the passport's others; a
    /// known one gets the definition given; each value replaces that year's.
    /// Values of years not given stay.
    public func upsert(_ indicators: [PassportIndicator], into passport: Passport, at now: Date) async throws {
        let key = passport.key
        for indicator in indicators {
            try await db.raw("""
                INSERT INTO invest_indicators (passport, code, section, name_uk, name_en, unit, position, updated_at)
                VALUES (\(bind: key), \(bind: indicator.code), \(bind: indicator.section.rawValue), \(bind: indicator.name.uk), \(bind: indicator.name.en),
                        \(bind: indicator.unit), (SELECT COALESCE(MAX(position), 0) + 1 FROM invest_indicators WHERE passport = \(bind: key)),
                        \(bind: now.epochSeconds))
                ON CONFLICT (passport, code) DO UPDATE SET section = excluded.section, name_uk = excluded.name_uk, name_en = excluded.name_en,
                    unit = excluded.unit, updated_at = excluded.updated_at
                """).run()
            for value in indicator.values {
                try await db.raw("""
                    INSERT INTO invest_indicator_values (passport, code, year, value, source, checked_on)
                    VALUES (\(bind: key), \(bind: indicator.code), \(bind: value.year), \(bind: value.value), \(bind: value.source),
                            \(bind: value.checkedOn?.description))
                    ON CONFLICT (passport, code, year) DO UPDATE SET value = excluded.value, source = excluded.source, checked_on = excluded.checked_on
                    """).run()
            }
        }
    }

    /// Removes a figure and its values; false when the passport has no such code.
    @discardableResult
    public func removeIndicator(_ code: String, from passport: Passport) async throws -> Bool {
        try await db.raw("DELETE FROM invest_indicator_values WHERE passport = \(bind: passport.key) AND code = \(bind: code)").run()
        return try await db.raw("""
            DELETE FROM invest_indicators WHERE passport = \(bind: passport.key) AND code = \(bind: code) RETURNING code
            """).first() != nil
    }
}
