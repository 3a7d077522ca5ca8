import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The e-petitions' yearly figures, worked out from the petitions
/// themselves for a strategy to follow and the results report to show
/// (`ComputedIndicator`). Years are Kyiv's (`KyivYear`).
enum PetitionIndicators {
    static let all = [answeredOnTime, submitted]

    static let answeredOnTime = ComputedIndicator(
        key: "petitions.answered_on_time", nameKey: "petitions.indicators.answered_on_time",
        meaningKey: "petitions.indicators.answered_on_time_meaning", unit: .percent, direction: .higher
    ) { city, year, services in
        try await answeredOnTime(in: city, year: year, services: services)
    }

    static let submitted = ComputedIndicator(
        key: "petitions.submitted", nameKey: "petitions.indicators.submitted", meaningKey: "petitions.indicators.submitted_meaning",
        unit: .count, direction: .higher
    ) { city, year, services in
        try await opened(in: city, year: year, services: services).map(Double.init)
    }

    /// Of the petitions whose answer fell due in `year` (art. 23-1: the
    /// consideration period that starts when the threshold is reached), the
    /// share answered before the deadline passed. One still unanswered
    /// counts once its deadline has passed, as a late one; one whose deadline
    /// is still ahead is not judged yet. Nil when none fell due.
    static func answeredOnTime(in city: Municipality, year: Int, services: AppServices) async throws -> Double? {
        guard let span = KyivYear(year) else { return nil }
        let now = services.clock.now(), cityID = city.id
        // Only these states keep a deadline: one that lost signatures
        // before its answer went back to collecting, and its deadline with it.
        let petitions = try await services.store.read { tx in
            try await tx.petitions.everyPetition(in: cityID, states: [.underConsideration, .answered])
        }
        var due = 0, onTime = 0
        for petition in petitions {
            guard let deadline = petition.answerDue, span.containsDeadline(deadline) else { continue }
            guard petition.answer != nil || deadline <= now else { continue }
            due += 1
            // `Petition.isAnswerOverdue`: from the deadline's instant on, it is late.
            if let answer = petition.answer, answer.answeredAt < deadline { onTime += 1 }
        }
        return due == 0 ? nil : Double(onTime) / Double(due) * 100
    }

    /// Petitions published for signatures in `year`. Nil for a year not
    /// begun yet, or one that ended before the city published its first
    /// petition (it had no e-petitions to count then); afterwards a year
    /// with none is a true zero.
    static func opened(in city: Municipality, year: Int, services: AppServices) async throws -> Int? {
        guard let span = KyivYear(year), span.start <= services.clock.now() else { return nil }
        let cityID = city.id
        // Every state a published petition can reach; rejected and withdrawn ones never opened.
        let petitions = try await services.store.read { tx in
            try await tx.petitions.everyPetition(in: cityID, states: [.open, .underConsideration, .answered, .closed])
        }
        let openings = petitions.compactMap(\.openedAt)
        guard let first = openings.min(), first < span.end else { return nil }
        return openings.filter(span.contains).count
    }
}
