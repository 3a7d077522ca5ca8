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
            SELECT \(Self.firstAnswerSums(at: now))
            FROM invest_enquiries
            WHERE municipality_id = \(bind: city.rawValue) AND state <> \(bind: EnquiryState.awaitingConfirmation.rawValue)
              AND first_answer_due > \(bind: year.start.epochSeconds) AND first_answer_due <= \(bind: year.end.epochSeconds)
            """).first()
        return (Int(try row?.optionalInt("counted") ?? 0), Int(try row?.optionalInt("on_time") ?? 0))
    }
}
