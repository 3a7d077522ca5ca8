import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The register's view of lots: every lot on an object, its history.
extension AuctionRepository {
    /// Lots on one object, by number: the order they were announced in.
    public func lots(of object: PropertyObjectID, in municipality: MunicipalityID) async throws -> [(lot: Lot, number: Int)] {
        try await db.raw("""
            SELECT definition, number FROM lots
            WHERE municipality_id = \(bind: municipality.rawValue) AND object_id = \(bind: object.rawValue)
            ORDER BY number
            """).all().map { (try Self.decodeLot($0), Int(try $0.int("number"))) }
    }

    /// Every lot of the city grouped by object, for the register's list (one query, not one per object).
    public func lotsByObject(in municipality: MunicipalityID) async throws -> [PropertyObjectID: [Lot]] {
        let rows = try await db.raw("""
            SELECT definition FROM lots WHERE municipality_id = \(bind: municipality.rawValue) ORDER BY number
            """).all().map(Self.decodeLot)
        return Dictionary(grouping: rows, by: \.objectID)
    }
}
