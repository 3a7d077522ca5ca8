import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// Numbers from outside that once stopped the whole process (issue 13's
/// security review): each rule here refuses them with a domain error, and
/// no arithmetic on them traps.
@Suite struct HostileNumberTests {
    let fixture = EditionFixture()

    @Test func moneySumsSaturateInsteadOfOverflowing() {
        let huge = Money(kopiyky: 5_000_000_000_000_000_000)
        #expect(huge + huge == Money(kopiyky: .max))
        #expect(Money(kopiyky: .min) - Money(kopiyky: 1) == Money(kopiyky: .min))
        #expect(Money(kopiyky: -5_000_000_000_000_000_000) + Money(kopiyky: -5_000_000_000_000_000_000) == Money(kopiyky: .min))
        #expect(Money.sum([huge, huge, huge]) == Money(kopiyky: .max))
        #expect(Money(hryvnias: .max) == Money(kopiyky: .max))
    }

    @Test func anAmountFromOutsideIsWithinTheCeiling() {
        #expect(Money(input: 1_000_000_000_000_000) == Money.ceiling)
        #expect(Money(input: 1_000_000_000_000_001) == nil)
        #expect(Money(input: -1) == nil)
        #expect(Money(input: .max) == nil)
    }

    @Test func aShareOfTheLargestAmountIsExact() {
        #expect(Money.ceiling.scaled(by: 10_000, over: 10_000) == Money.ceiling)
        #expect(Money(kopiyky: .max).scaled(by: 100, over: 1) == Money(kopiyky: .max), "saturates instead of trapping")
        #expect(Money(kopiyky: 1_000_001).scaled(by: 100, over: 10_000, roundingUp: true) == Money(kopiyky: 10_001))
        #expect(Money(kopiyky: 5).scaled(by: 1, over: 0) == .zero)
    }

    @Test func aMinimalStepInPercentOfTheCeilingDoesNotOverflow() {
        #expect(MinimalStep.percent(basisPoints: 1_000).amount(of: .ceiling) == Money(kopiyky: 100_000_000_000_000))
    }

    @Test func costItemsAboveTheCeilingAreRefusedBeforeTheyAreSummed() {
        let proposal = ProjectProposal(
            categoryID: fixture.small.id, title: "Лавки біля школи № 5", summary: "Десять лавок і п’ять урн уздовж алеї біля школи.",
            district: "", address: "",
            costItems: [.init(label: "Лавки", amount: Money(kopiyky: 5_000_000_000_000_000_000)), .init(label: "Урни", amount: Money(kopiyky: 5_000_000_000_000_000_000))])
        #expect(throws: ProposalError.badCostItem(index: 0)) {
            try proposal.validate(edition: fixture.edition(), author: AccountID(rawValue: "a"), verified: true, number: 1, at: fixture.start)
        }
    }

    @Test func aProposalHasAtMostAHundredCostItems() {
        let proposal = ProjectProposal(
            categoryID: fixture.small.id, title: "Лавки біля школи № 5", summary: "Десять лавок і п’ять урн уздовж алеї біля школи.",
            district: "", address: "", costItems: Array(repeating: .init(label: "Цвях", amount: Money(kopiyky: 1)), count: 101))
        #expect(throws: ProposalError.tooManyCostItems) {
            try proposal.validate(edition: fixture.edition(), author: AccountID(rawValue: "a"), verified: true, number: 1, at: fixture.start)
        }
    }

    @Test func aHalfFilledCostItemIsNamedByItsPlace() {
        let proposal = ProjectProposal(
            categoryID: fixture.small.id, title: "Лавки біля школи № 5", summary: "Десять лавок і п’ять урн уздовж алеї біля школи.",
            district: "", address: "",
            costItems: [.init(label: "Лавки", amount: Money(hryvnias: 100_000)), .init(label: "", amount: .zero), .init(label: "Урни", amount: .zero)])
        #expect(throws: ProposalError.badCostItem(index: 2)) {
            try proposal.validate(edition: fixture.edition(), author: AccountID(rawValue: "a"), verified: true, number: 1, at: fixture.start)
        }
    }

    @Test func cumulativePointsThatWouldOverflowAreRefused() {
        let edition = fixture.edition(.cumulative(points: 10, maxPerProject: nil))
        let projects = [
            fixture.project(edition, fixture.large, number: 1, cost: 1_000_000),
            fixture.project(edition, fixture.small, number: 2, cost: 300_000),
        ]
        let onBallot = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
        #expect(throws: BallotProblem.pointsOverTotal(limit: 10)) {
            try BallotRules.check(BallotContent(projects: projects.map(\.id), points: [.max, 1]), edition: edition, onBallot: onBallot)
        }
    }

    @Test func aKnapsackShareOfAHugeFundDoesNotOverflow() {
        var edition = fixture.edition(.knapsack(minimumSharePercent: 90))
        edition.categories[0].fund = Money(kopiyky: .max)
        let picked = fixture.project(edition, edition.categories[0], number: 1, cost: 1_000_000)
        let other = fixture.project(edition, edition.categories[0], number: 2, cost: 1_000_000)
        // 90 % of the fund is computed without overflow; the share is then of everything on offer.
        #expect(throws: BallotProblem.underMinimumShare(category: edition.categories[0].id, percent: 90)) {
            try BallotRules.check(BallotContent(projects: [picked.id]), edition: edition, onBallot: [picked.id: picked, other.id: other])
        }
    }

    @Test func anEditionsFundsAndLimitsStayWithinBounds() {
        var edition = fixture.edition()
        edition.categories[0].fund = Money(kopiyky: Money.ceiling.kopiyky + 1)
        #expect(throws: BudgetError.categoryCostRange(edition.categories[0].id)) { try edition.validate() }
        edition = fixture.edition(.approval(maxPicks: -1, minPicks: nil))
        #expect(throws: BudgetError.pickLimits) { try edition.validate() }
        edition = fixture.edition(.cumulative(points: 2_000_000, maxPerProject: nil))
        #expect(throws: BudgetError.pointLimits) { try edition.validate() }
        edition = fixture.edition()
        edition.categories = Array(repeating: fixture.small, count: 101)
        #expect(throws: BudgetError.tooManyCategories) { try edition.validate() }
    }

    @Test func aDateBeyondAnyCalendarHasClampedEpochSeconds() {
        #expect(Date(timeIntervalSinceReferenceDate: 1e300).epochSeconds == .max)
        #expect(Date(timeIntervalSinceReferenceDate: -1e300).epochSeconds == .min)
        #expect(Date(timeIntervalSince1970: 1_800_000_000.5).epochSeconds == 1_800_000_000)
    }

    @Test func aPropertyAreaIsFiniteAndBounded() {
        #expect(throws: PropertyError.areaInvalid) {
            try PropertyObject.recorded(
                kind: .premises, title: "Приміщення", address: "вул. Соборна, 1", areaM2: 1e300, cadastralNumber: nil, latitude: nil, longitude: nil,
                balanceHolder: "КП", leaseList: nil, in: MunicipalityID(rawValue: "vinnytsia"))
        }
    }
}

@Suite struct AuditPseudonymTests {
    @Test func aPersonsPseudonymDiffersForEveryObject() throws {
        let keys = try KeyRing(secret: String(repeating: "s", count: 40))
        let olena = AccountID(rawValue: "olena"), andrii = AccountID(rawValue: "andrii")
        let petition = keys.pseudonym(of: olena, about: "petition-1")
        #expect(petition == keys.pseudonym(of: olena, about: "petition-1"), "stable within one object")
        #expect(petition != keys.pseudonym(of: olena, about: "lot-1"))
        #expect(petition != keys.pseudonym(of: olena, about: "petition-2"))
        #expect(petition != keys.pseudonym(of: andrii, about: "petition-1"))
        let other = try KeyRing(secret: String(repeating: "t", count: 40))
        #expect(petition != other.pseudonym(of: olena, about: "petition-1"), "keyed by the deployment's secret")
    }
}
