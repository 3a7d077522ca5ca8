import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// What the petitions' yearly figures read (`PetitionIndicators`).
extension PetitionRepository {
    /// Every petition of the city in these states, oldest first, unpaged:
    /// the deadlines and dates the figures count are in the documents.
    public func everyPetition(in municipality: MunicipalityID, states: [PetitionState]) async throws -> [Petition] {
        guard !states.isEmpty else { return [] }
        return try await db.raw("""
            SELECT id, number, definition, signature_count, taken_by, taken_at FROM petitions
            WHERE municipality_id = \(bind: municipality.rawValue) AND state IN (\(binds: states.map(\.rawValue)))
            ORDER BY created_at, id
            """).all().map { try Self.decode($0).petition }
    }
}
