import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// A city's investment programmes (migration 0021).
public struct ProgrammeRepository: Sendable {
    let db: any SQLDatabase

    public struct Stored: Sendable, Equatable {
        public let id: ProgrammeID
        public let city: MunicipalityID
        public let programme: InvestmentProgramme
        public let updatedAt: Date
    }

    static func decode(_ row: any SQLRow) throws -> Stored {
        Stored(
            id: ProgrammeID(rawValue: try row.string("id")), city: MunicipalityID(rawValue: try row.string("municipality_id")),
            programme: try JSONColumn.value(InvestmentProgramme.self, try row.string("definition")), updatedAt: try row.date("updated_at"))
    }

    /// Stores it new or in place of the city's programme of that id; false when the id is another city's.
    @discardableResult
    public func save(_ programme: InvestmentProgramme, id: ProgrammeID, city: MunicipalityID, at instant: Date) async throws -> Bool {
        try await db.raw("""
            INSERT INTO invest_programmes (id, municipality_id, first_year, definition, updated_at)
            VALUES (\(bind: id.rawValue), \(bind: city.rawValue), \(bind: programme.firstYear), \(bind: try JSONColumn.text(programme)), \(bind: instant.epochSeconds))
            ON CONFLICT (id) DO UPDATE SET first_year = excluded.first_year, definition = excluded.definition, updated_at = excluded.updated_at
            WHERE invest_programmes.municipality_id = excluded.municipality_id
            RETURNING id
            """).first() != nil
    }

    public func programmes(in city: MunicipalityID) async throws -> [Stored] {
        try await db.raw("""
            SELECT id, municipality_id, definition, updated_at FROM invest_programmes WHERE municipality_id = \(bind: city.rawValue)
            ORDER BY first_year DESC, id
            """).all().map(Self.decode)
    }
}

extension Repositories {
    public var programmes: ProgrammeRepository { .init(db: db) }
}
