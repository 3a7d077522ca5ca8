import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The investment portal's yearly figures, worked out from its own records
/// for a strategy to follow and the results report to show
/// (`ComputedIndicator`). Years are Kyiv's (`KyivYear`).
enum InvestIndicators {
    static let all = [enquiriesOnTime, sitesOnOffer]

    /// The charter's promise (`EnquiryRules`: a first answer within so many
    /// working days of the investor's confirmation), kept or not.
    static let enquiriesOnTime = ComputedIndicator(
        key: "invest.enquiries_on_time", nameKey: "invest.indicators.enquiries_on_time", meaningKey: "invest.indicators.enquiries_on_time_meaning",
        unit: .percent, direction: .higher
    ) { city, year, services in
        guard let span = KyivYear(year) else { return nil }
        let cityID = city.id, now = services.clock.now()
        let answers = try await services.store.read { tx in try await tx.enquiries.firstAnswers(in: cityID, dueIn: span, at: now) }
        guard answers.counted > 0 else { return nil }
        return Double(answers.onTime) / Double(answers.counted) * 100
    }

    /// Sites keep no history of their statuses, so how many were on offer
    /// is known for now only: this year's figure is today's, and a past
    /// year's cannot be told.
    static let sitesOnOffer = ComputedIndicator(
        key: "invest.sites_on_offer", nameKey: "invest.indicators.sites_on_offer", meaningKey: "invest.indicators.sites_on_offer_meaning",
        unit: .count, direction: .higher
    ) { city, year, services in
        guard year == CalendarDate.inKyiv(services.clock.now()).year else { return nil }
        let cityID = city.id
        let totals = try await services.store.read { tx in try await tx.invest.offerTotals(in: [cityID]) }
        return Double(totals[cityID]?.sites ?? 0)
    }
}
