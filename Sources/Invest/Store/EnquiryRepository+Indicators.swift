import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// What the portal's yearly figure of first answers reads (`InvestIndicators`).
extension EnquiryRepository {
    /// `timeliness(in:at:)`'s first answers for one city, of the confirmed
    /// enquiries whose first answer fell due in `year`: those answered or
    /// due by `now`, and how many of them were answered in time.
    public func firstAnswers(in city: MunicipalityID, dueIn year: KyivYear, at now: Date) async throws -> (counted: Int, onTime: Int) {
        // A deadline is the midnight after its last day (`KyivYear.containsDeadline`).
        let row = try await db.raw("""
            SELECT SUM(CASE WHEN first_answered_at IS NOT NULL OR first_answer_due <= \(bind: now.epochSeconds) THEN 1 ELSE 0 END) AS counted,
                   SUM(CASE WHEN first_answered_at IS NOT NULL AND first_answered_at <= first_answer_due THEN 1 ELSE 0 END) AS on_time
            FROM invest_enquiries
            WHERE municipality_id = \(bind: city.rawValue) AND state <> \(bind: EnquiryState.awaitingConfirmation.rawValue)
              AND first_answer_due > \(bind: year.start.epochSeconds) AND first_answer_due <= \(bind: year.end.epochSeconds)
            """).first()
        return (Int(try row?.optionalInt("counted") ?? 0), Int(try row?.optionalInt("on_time") ?? 0))
    }
}
