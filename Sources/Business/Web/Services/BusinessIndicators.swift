import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// What the SME programme's calls give a strategy to follow, year by year
/// (Kyiv time): the jobs recipients reported creating in the year, and the
/// support paid out. A year with no report, or no payout, has nothing to
/// count.
enum BusinessIndicators {
    static let all = [jobsCreated, supportPaid]

    /// Jobs created, as the recipients reported them in the year's reports.
    static let jobsCreated = ComputedIndicator(
        key: "business.jobs_created", nameKey: "business.indicators.jobs_created", meaningKey: "business.indicators.jobs_created_meaning",
        unit: .count, direction: .higher
    ) { city, year, services in
        guard let span = KyivYear(year) else { return nil }
        let cityID = city.id
        let figures = try await services.store.read { try await $0.supportCalls.yearFigures(in: cityID, from: span.start, until: span.end) }
        return figures.reports == 0 ? nil : Double(figures.jobs)
    }

    /// Support paid to recipients in the year, in whole hryvnias.
    static let supportPaid = ComputedIndicator(
        key: "business.support_paid", nameKey: "business.indicators.support_paid", meaningKey: "business.indicators.support_paid_meaning",
        unit: .hryvnias, direction: .higher
    ) { city, year, services in
        guard let span = KyivYear(year) else { return nil }
        let cityID = city.id
        let figures = try await services.store.read { try await $0.supportCalls.yearFigures(in: cityID, from: span.start, until: span.end) }
        return figures.recipients == 0 ? nil : Double(figures.paid.kopiyky / 100)
    }
}
