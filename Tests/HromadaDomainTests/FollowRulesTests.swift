import Foundation
import Testing
@testable import HromadaDomain

/// The rules of following, each named after the rule.
@Suite struct FollowRulesTests {
    func kyiv(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? .gmt
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) ?? .distantPast
    }

    @Test func theDailyDigestGoesAtEightInKyivWithWhatCameBefore() {
        #expect(FollowRules.lastDigestMoment(atOrBefore: kyiv(2026, 12, 5, 9, 30)) == kyiv(2026, 12, 5, 8))
        #expect(FollowRules.lastDigestMoment(atOrBefore: kyiv(2026, 12, 5, 8)) == kyiv(2026, 12, 5, 8))
        #expect(FollowRules.lastDigestMoment(atOrBefore: kyiv(2026, 12, 5, 7, 59)) == kyiv(2026, 12, 4, 8))
        #expect(FollowRules.lastDigestMoment(atOrBefore: kyiv(2027, 1, 1, 0, 5)) == kyiv(2026, 12, 31, 8))
    }

    @Test func theDigestHourStaysEightAcrossTheClockChanges() {
        // Summer time starts on 29 March 2026 and ends on 25 October 2026 in Kyiv.
        #expect(FollowRules.lastDigestMoment(atOrBefore: kyiv(2026, 3, 29, 12)) == kyiv(2026, 3, 29, 8))
        #expect(FollowRules.lastDigestMoment(atOrBefore: kyiv(2026, 3, 29, 12)).timeIntervalSince(kyiv(2026, 3, 28, 8)) == 23 * 3_600)
        #expect(FollowRules.lastDigestMoment(atOrBefore: kyiv(2026, 10, 25, 12)).timeIntervalSince(kyiv(2026, 10, 24, 8)) == 25 * 3_600)
    }

    @Test func anEventReachesTheThingItIsAboutFirstAndEachThingOnce() {
        let edition = FollowTarget(kind: "budget_edition", id: "e"), project = FollowTarget(kind: "budget_project", id: "p")
        let event = FollowEvent(
            in: MunicipalityID(rawValue: "c"), what: "x", about: edition, alsoReaching: [project, edition, project], at: Date(epochSeconds: 0))
        #expect(event.reaches == [edition, project])
    }

    @Test func aScheduledEventHasTheSameIdWhoeverNoticesIt() {
        let about = FollowTarget(kind: "budget_edition", id: "e")
        let one = FollowEvent.scheduled(in: MunicipalityID(rawValue: "c"), what: "budgets.follow.phase", about: about, at: Date(epochSeconds: 100))
        let two = FollowEvent.scheduled(in: MunicipalityID(rawValue: "c"), what: "budgets.follow.phase", about: about, at: Date(epochSeconds: 100))
        let later = FollowEvent.scheduled(in: MunicipalityID(rawValue: "c"), what: "budgets.follow.phase", about: about, at: Date(epochSeconds: 101))
        #expect(one.id == two.id && one.id != later.id)
        #expect(FollowEvent(in: MunicipalityID(rawValue: "c"), what: "w", about: about, at: .now).id
            != FollowEvent(in: MunicipalityID(rawValue: "c"), what: "w", about: about, at: .now).id)
    }

    @Test func aFollowedThingIsNamedByAShortKindAndId() {
        #expect(FollowTarget(kind: "budget_project", id: "0f3a").isWellFormed)
        #expect(!FollowTarget(kind: "", id: "x").isWellFormed)
        #expect(!FollowTarget(kind: "Budget", id: "x").isWellFormed)
        #expect(!FollowTarget(kind: "petition", id: "").isWellFormed)
        #expect(!FollowTarget(kind: "petition", id: String(repeating: "x", count: 201)).isWellFormed)
        #expect(!FollowTarget(kind: "petition", id: "a\nb").isWellFormed)
    }
}
