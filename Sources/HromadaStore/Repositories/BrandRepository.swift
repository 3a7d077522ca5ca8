import Foundation
import HromadaDomain
import SQLKit

/// What every page of a branded city (or oblast) needs to wear its brand:
/// no bytes, so the layout reads it on each page for a few dozen bytes.
public struct BrandSummary: Hashable, Sendable {
    public let colours: BrandColours
    public let sloganUK: String?
    public let sloganEN: String?
    public let hasLogo: Bool
    public let fontFamily: String?
    /// Grows by one at each save: `brand.css?v=N`.
    public let version: Int64
    public let updatedAt: Date

    public func slogan(in language: Language) -> String? {
        Brand(sloganUK: sloganUK, sloganEN: sloganEN).slogan(in: language)
    }
}

/// A brand as stored, with its logo and font.
public struct StoredBrand: Hashable, Sendable {
    public let brand: Brand
    public let version: Int64
}

/// `brands`: one row per city or oblast that has a brand (migration 0034).
public struct BrandRepository: Sendable {
    package let db: any SQLDatabase

    private static let summaryColumns = """
        primary_colour, on_primary_colour, link_colour, background_colour, text_colour, slogan_uk, slogan_en,
        logo IS NOT NULL AS has_logo, font_family, version, updated_at
        """

    /// The owner's column and id: constant SQL and a bound value.
    private static func owner(_ owner: BrandOwner) -> (column: String, id: String) {
        switch owner {
        case .city(let id): ("municipality_id", id.rawValue)
        case .oblast(let id): ("oblast_id", id.rawValue)
        }
    }

    public func summary(of owner: BrandOwner) async throws -> BrandSummary? {
        let (column, id) = Self.owner(owner)
        guard let row = try await db.raw("SELECT \(unsafeRaw: Self.summaryColumns) FROM brands WHERE \(unsafeRaw: column) = \(bind: id)").first() else {
            return nil
        }
        return BrandSummary(
            colours: try Self.colours(row), sloganUK: try row.optionalString("slogan_uk"), sloganEN: try row.optionalString("slogan_en"),
            hasLogo: try row.decode(column: "has_logo", as: Bool.self), fontFamily: try row.optionalString("font_family"),
            version: try row.int("version"), updatedAt: try row.date("updated_at"))
    }

    /// The whole brand, its logo and font checked again on the way out.
    public func brand(of owner: BrandOwner) async throws -> StoredBrand? {
        let (column, id) = Self.owner(owner)
        guard let row = try await db.raw("""
            SELECT \(unsafeRaw: Self.summaryColumns), logo, font FROM brands WHERE \(unsafeRaw: column) = \(bind: id)
            """).first()
        else { return nil }
        let logo = try row.decode(column: "logo", as: Data?.self).map { data throws -> SVGLogo in
            do { return try SVGLogo(validating: [UInt8](data)) } catch { throw StoreError.unexpectedResult("a stored logo is refused: \(error)") }
        }
        let font = try row.decode(column: "font", as: Data?.self).map { data throws -> BrandFont in
            do { return try BrandFont(family: try row.optionalString("font_family") ?? "", bytes: [UInt8](data)) } catch {
                throw StoreError.unexpectedResult("a stored font is refused")
            }
        }
        let brand = Brand(
            colours: try Self.colours(row), sloganUK: try row.optionalString("slogan_uk"), sloganEN: try row.optionalString("slogan_en"),
            logo: logo, font: font)
        return StoredBrand(brand: brand, version: try row.int("version"))
    }

    /// The logo's bytes as served.
    public func logo(of owner: BrandOwner) async throws -> [UInt8]? {
        try await bytes("logo", of: owner)
    }

    /// The font's bytes as served.
    public func font(of owner: BrandOwner) async throws -> [UInt8]? {
        try await bytes("font", of: owner)
    }

    private func bytes(_ column: String, of owner: BrandOwner) async throws -> [UInt8]? {
        let (ownerColumn, id) = Self.owner(owner)
        return try await db.raw("SELECT \(unsafeRaw: column) AS bytes FROM brands WHERE \(unsafeRaw: ownerColumn) = \(bind: id)")
            .first()
            .flatMap { try $0.decode(column: "bytes", as: Data?.self) }
            .map { [UInt8]($0) }
    }

    /// Writes the whole brand; its version is one more than the last save's
    /// (1 for the first). Returns the new version.
    @discardableResult
    public func save(_ brand: Brand, of owner: BrandOwner, by account: AccountID?, at now: Date) async throws -> Int64 {
        let (column, id) = Self.owner(owner)
        let colours = brand.colours
        let row = try await db.raw("""
            INSERT INTO brands (\(unsafeRaw: column), primary_colour, on_primary_colour, link_colour, background_colour, text_colour,
                slogan_uk, slogan_en, logo, font, font_family, version, updated_by, updated_at)
            VALUES (\(bind: id), \(bind: colours.primary.hex), \(bind: colours.onPrimary.hex), \(bind: colours.link.hex),
                \(bind: colours.background.hex), \(bind: colours.text.hex), \(bind: brand.sloganUK), \(bind: brand.sloganEN),
                \(bind: brand.logo.map { Data($0.bytes) }), \(bind: brand.font.map { Data($0.bytes) }), \(bind: brand.font?.family),
                1, \(bind: account?.rawValue), \(bind: now.epochSeconds))
            ON CONFLICT (\(unsafeRaw: column)) DO UPDATE SET
                primary_colour = excluded.primary_colour, on_primary_colour = excluded.on_primary_colour, link_colour = excluded.link_colour,
                background_colour = excluded.background_colour, text_colour = excluded.text_colour,
                slogan_uk = excluded.slogan_uk, slogan_en = excluded.slogan_en, logo = excluded.logo, font = excluded.font,
                font_family = excluded.font_family, version = brands.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            RETURNING version
            """).first()
        guard let version = try row?.int("version") else { throw StoreError.unexpectedResult("saving a brand returned no version") }
        return version
    }

    private static func colours(_ row: any SQLRow) throws -> BrandColours {
        func colour(_ column: String) throws -> HexColour {
            guard let colour = HexColour(try row.string(column)) else { throw StoreError.unexpectedResult("brands.\(column) is not #rrggbb") }
            return colour
        }
        return BrandColours(
            primary: try colour("primary_colour"), onPrimary: try colour("on_primary_colour"), link: try colour("link_colour"),
            background: try colour("background_colour"), text: try colour("text_colour"))
    }
}

extension Repositories {
    public var brands: BrandRepository { .init(db: db) }
}
