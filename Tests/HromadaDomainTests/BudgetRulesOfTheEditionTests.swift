import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// A Vinnytsia-style edition: large and small projects, 2 + 2 picks.
struct EditionFixture {
    let city = MunicipalityID(rawValue: "vinnytsia")
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let large = BudgetCategory(
        name: .init(uk: "Великі", en: "Large"), fund: Money(hryvnias: 3_000_000), minCost: Money(hryvnias: 500_001),
        maxCost: Money(hryvnias: 1_500_000), maxPicks: 2)
    let small = BudgetCategory(
        name: .init(uk: "Малі", en: "Small"), fund: Money(hryvnias: 1_000_000), minCost: Money(hryvnias: 50_000),
        maxCost: Money(hryvnias: 500_000), maxPicks: 2)

    var day: TimeInterval { 86_400 }

    func edition(_ rule: BallotRule = .approval(maxPicks: 4, minPicks: nil), announced: Bool = true) -> BudgetEdition {
        BudgetEdition(
            municipalityID: city, title: .init(uk: "Бюджет громадських ініціатив 2027", en: "Civic budget 2027"),
            schedule: BudgetSchedule(
                announcedAt: announced ? start : nil, proposalsOpen: start, reviewOpen: start.addingTimeInterval(30 * day),
                votingOpen: start.addingTimeInterval(60 * day), votingClose: start.addingTimeInterval(75 * day)),
            ballotRule: rule, categories: [large, small])
    }

    func project(_ edition: BudgetEdition, _ category: BudgetCategory, number: Int, cost: Int64, feasible: Bool = true) -> BudgetProject {
        BudgetProject(
            editionID: edition.id, categoryID: category.id, number: number, title: "Проєкт \(number)", summary: "Опис",
            costItems: [.init(label: "Роботи", amount: Money(hryvnias: cost))], authorID: AccountID(rawValue: "author"),
            status: feasible ? .feasible : .infeasible, submittedAt: start)
    }

    var voting: Date { start.addingTimeInterval(61 * day) }

    func resident(born: CalendarDate, in city: MunicipalityID? = nil) -> ResidencyVerification {
        ResidencyVerification(
            municipalityID: city ?? self.city, accountID: AccountID(rawValue: "voter"), identityHash: IdentityHash(rawValue: "h"),
            birthDate: born, method: .demo, verifiedBy: nil, verifiedAt: start)
    }
}

@Suite struct BudgetPhaseTests {
    let fixture = EditionFixture()

    @Test func editionIsADraftUntilAnAdminAnnouncesIt() {
        let edition = fixture.edition(announced: false)
        #expect(edition.phase(at: fixture.voting) == .draft)
    }

    @Test func phaseFollowsTheScheduleDates() {
        let edition = fixture.edition()
        let day = fixture.day
        #expect(edition.phase(at: fixture.start.addingTimeInterval(-1)) == .draft)
        #expect(edition.phase(at: fixture.start) == .proposals)
        #expect(edition.phase(at: fixture.start.addingTimeInterval(30 * day)) == .review)
        #expect(edition.phase(at: fixture.start.addingTimeInterval(60 * day)) == .voting)
        #expect(edition.phase(at: fixture.start.addingTimeInterval(75 * day)) == .counting)
    }

    @Test func resultsDeliveryAndFinishNeedAnAdminInOrder() throws {
        var schedule = fixture.edition().schedule
        let after = fixture.start.addingTimeInterval(80 * fixture.day)
        #expect(throws: BudgetError.wrongPhase(.voting)) { try schedule.publishingResults(at: fixture.voting) }
        #expect(throws: BudgetError.wrongPhase(.counting)) { try schedule.startingDelivery(at: after) }
        schedule = try schedule.publishingResults(at: after)
        #expect(schedule.phase(at: after) == .results)
        schedule = try schedule.startingDelivery(at: after)
        #expect(schedule.phase(at: after) == .delivery)
        schedule = try schedule.finishing(at: after)
        #expect(schedule.phase(at: after) == .finished)
    }

    @Test func anAdminMovesThePhasesAheadOfTheDatesButOnlyForward() throws {
        var schedule = fixture.edition().schedule
        let soon = fixture.start.addingTimeInterval(fixture.day)
        schedule = try schedule.openingReview(at: soon)
        #expect(schedule.phase(at: soon) == .review)
        #expect(throws: BudgetError.wrongPhase(.review)) { try schedule.closingVoting(at: soon) }
        schedule = try schedule.openingVoting(at: soon)
        #expect(schedule.phase(at: soon) == .voting)
        #expect(throws: BudgetError.wrongPhase(.voting)) { try schedule.openingReview(at: soon) }
        schedule = try schedule.closingVoting(at: soon.addingTimeInterval(60))
        #expect(schedule.phase(at: soon.addingTimeInterval(60)) == .counting)
    }

    @Test func aDraftCannotMoveUntilAnnounced() {
        let schedule = fixture.edition(announced: false).schedule
        #expect(throws: BudgetError.wrongPhase(.draft)) { try schedule.openingReview(at: fixture.start) }
    }

    @Test func deliveryIsOptional() throws {
        let after = fixture.start.addingTimeInterval(80 * fixture.day)
        let schedule = try fixture.edition().schedule.publishingResults(at: after).finishing(at: after)
        #expect(schedule.phase(at: after) == .finished)
    }

    @Test func votingMustCloseAfterItOpens() {
        var edition = fixture.edition()
        edition.schedule.votingClose = edition.schedule.votingOpen
        #expect(throws: BudgetError.scheduleOrder) { try edition.validate() }
    }

    @Test func ballotAndWinnerRulesAreFrozenOnceVotingOpens() throws {
        let edition = fixture.edition()
        let changed = try edition.changingRules(
            ballot: .knapsack(minimumSharePercent: 70), winner: .mesAdd1u, categories: edition.categories,
            at: fixture.start.addingTimeInterval(59 * fixture.day))
        #expect(changed.winnerRule == .mesAdd1u)
        #expect(throws: BudgetError.rulesFrozen) {
            try edition.changingRules(ballot: .chooseOne, winner: .greedy, categories: edition.categories, at: fixture.voting)
        }
    }
}

@Suite struct BallotRuleTests {
    let fixture = EditionFixture()

    func check(_ edition: BudgetEdition, _ projects: [BudgetProject], picks: [Int], points: [Int]? = nil) throws(BallotProblem) {
        let onBallot = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
        try BallotRules.check(BallotContent(projects: picks.map { projects[$0].id }, points: points), edition: edition, onBallot: onBallot)
    }

    func vinnytsia(_ rule: BallotRule = .approval(maxPicks: 4, minPicks: nil)) -> (BudgetEdition, [BudgetProject]) {
        let edition = fixture.edition(rule)
        let projects = [
            fixture.project(edition, fixture.large, number: 1, cost: 1_000_000),
            fixture.project(edition, fixture.large, number: 2, cost: 1_200_000),
            fixture.project(edition, fixture.large, number: 3, cost: 900_000),
            fixture.project(edition, fixture.small, number: 4, cost: 300_000),
            fixture.project(edition, fixture.small, number: 5, cost: 400_000),
            fixture.project(edition, fixture.small, number: 6, cost: 350_000),
            fixture.project(edition, fixture.small, number: 7, cost: 100_000, feasible: false),
        ]
        return (edition, projects)
    }

    @Test func twoLargeAndTwoSmallPicksAreAccepted() throws {
        let (edition, projects) = vinnytsia()
        try check(edition, projects, picks: [0, 1, 3, 4])
    }

    @Test func aThirdPickInACategoryIsTooMany() {
        let (edition, projects) = vinnytsia()
        #expect(throws: BallotProblem.tooManyPicks(limit: 2, category: fixture.large.id)) { try check(edition, projects, picks: [0, 1, 2]) }
    }

    @Test func moreThanTheOverallMaximumIsTooMany() {
        let (edition, projects) = vinnytsia(.approval(maxPicks: 1, minPicks: nil))
        #expect(throws: BallotProblem.tooManyPicks(limit: 1, category: nil)) { try check(edition, projects, picks: [0, 3]) }
    }

    @Test func fewerThanTheMinimumIsTooFew() {
        let (edition, projects) = vinnytsia(.approval(maxPicks: 4, minPicks: 2))
        #expect(throws: BallotProblem.tooFewPicks(minimum: 2, category: nil)) { try check(edition, projects, picks: [0]) }
    }

    @Test func anEmptyBallotIsRefused() {
        let (edition, projects) = vinnytsia()
        #expect(throws: BallotProblem.empty) { try check(edition, projects, picks: []) }
    }

    @Test func anInfeasibleProjectIsNotOnTheBallot() {
        let (edition, projects) = vinnytsia()
        #expect(throws: BallotProblem.unknownProject(projects[6].id)) { try check(edition, projects, picks: [6]) }
    }

    @Test func aProjectFromAnotherEditionIsUnknown() {
        let (edition, projects) = vinnytsia()
        let other = fixture.edition()
        let foreign = fixture.project(other, fixture.small, number: 1, cost: 200_000)
        let onBallot = Dictionary(uniqueKeysWithValues: (projects + [foreign]).map { ($0.id, $0) })
        #expect(throws: BallotProblem.unknownProject(foreign.id)) {
            try BallotRules.check(BallotContent(projects: [foreign.id]), edition: edition, onBallot: onBallot)
        }
    }

    @Test func theSameProjectTwiceIsRefused() {
        let (edition, projects) = vinnytsia()
        #expect(throws: BallotProblem.duplicateProject(projects[0].id)) { try check(edition, projects, picks: [0, 0]) }
    }

    @Test func knapsackBallotOverTheCategoryFundIsRefused() {
        let (edition, projects) = vinnytsia(.knapsack(minimumSharePercent: 0))
        #expect(throws: BallotProblem.overBudget(category: fixture.large.id)) { try check(edition, projects, picks: [0, 1, 2]) }
    }

    @Test func knapsackBallotMustSpendTheMinimumShare() throws {
        let (edition, projects) = vinnytsia(.knapsack(minimumSharePercent: 70))
        #expect(throws: BallotProblem.underMinimumShare(category: fixture.large.id, percent: 70)) { try check(edition, projects, picks: [0]) }
        try check(edition, projects, picks: [0, 1])
    }

    @Test func knapsackMinimumShareIsCappedByWhatIsOnOffer() throws {
        // 100 % of the small fund is out of reach for two projects; with one project on offer, it is enough.
        let (edition, projects) = vinnytsia(.knapsack(minimumSharePercent: 100))
        let smallOnly = Array(projects[3...5])
        #expect(throws: BallotProblem.underMinimumShare(category: fixture.small.id, percent: 100)) {
            try check(edition, smallOnly, picks: [0, 1])
        }
        let cheap = [fixture.project(edition, fixture.small, number: 9, cost: 100_000)]
        try check(edition, cheap, picks: [0])
    }

    @Test func chooseOneAllowsOneProjectPerCategory() throws {
        let (edition, projects) = vinnytsia(.chooseOne)
        try check(edition, projects, picks: [0, 3])
        #expect(throws: BallotProblem.notOnePerCategory(category: fixture.small.id)) { try check(edition, projects, picks: [3, 4]) }
    }

    @Test func cumulativePointsMustMatchAndStayWithinTheLimits() throws {
        let (edition, projects) = vinnytsia(.cumulative(points: 10, maxPerProject: 6))
        try check(edition, projects, picks: [0, 3], points: [6, 4])
        #expect(throws: BallotProblem.pointsMismatch) { try check(edition, projects, picks: [0, 3], points: [6]) }
        #expect(throws: BallotProblem.pointsOverPerProject(limit: 6)) { try check(edition, projects, picks: [0, 3], points: [7, 3]) }
        #expect(throws: BallotProblem.pointsOverTotal(limit: 10)) { try check(edition, projects, picks: [0, 3, 4], points: [5, 5, 1]) }
        #expect(throws: BallotProblem.pointsNotPositive) { try check(edition, projects, picks: [0, 3], points: [0, 4]) }
    }

    @Test func pointsOnANonCumulativeBallotAreRefused() {
        let (edition, projects) = vinnytsia()
        #expect(throws: BallotProblem.pointsMismatch) { try check(edition, projects, picks: [0], points: [1]) }
    }
}

@Suite struct VoterEligibilityTests {
    let fixture = EditionFixture()

    @Test func verifiedResidentOfAgeMayVoteOnline() throws {
        let group = try BallotRules.checkOnlineVoter(
            verification: fixture.resident(born: .init(year: 1990, month: 5, day: 1)), edition: fixture.edition(), at: fixture.voting)
        #expect(group == .from30)
    }

    @Test func unverifiedPersonMayNotVote() {
        #expect(throws: VoterProblem.notVerifiedResident) {
            try BallotRules.checkOnlineVoter(verification: nil, edition: fixture.edition(), at: fixture.voting)
        }
    }

    @Test func residentOfAnotherCityMayNotVote() {
        let zhmerynka = fixture.resident(born: .init(year: 1990, month: 5, day: 1), in: MunicipalityID(rawValue: "zhmerynka"))
        #expect(throws: VoterProblem.notVerifiedResident) {
            try BallotRules.checkOnlineVoter(verification: zhmerynka, edition: fixture.edition(), at: fixture.voting)
        }
    }

    @Test func voterUnderTheMinimumAgeIsRefused() {
        let today = CalendarDate.inKyiv(fixture.voting)
        let fifteen = CalendarDate(year: today.year - 15, month: 1, day: 1)
        #expect(throws: VoterProblem.underAge(minimum: 16)) {
            try BallotRules.checkOnlineVoter(verification: fixture.resident(born: fifteen), edition: fixture.edition(), at: fixture.voting)
        }
    }

    @Test func onlineVotingIsOnlyOpenDuringTheVotingPhase() {
        let resident = fixture.resident(born: .init(year: 1990, month: 5, day: 1))
        #expect(throws: VoterProblem.votingClosed(.review)) {
            try BallotRules.checkOnlineVoter(verification: resident, edition: fixture.edition(), at: fixture.start.addingTimeInterval(40 * 86_400))
        }
    }

    @Test func paperBallotsAreAcceptedWhileCounting() throws {
        let counting = fixture.start.addingTimeInterval(76 * 86_400)
        _ = try BallotRules.checkPaperVoter(born: .init(year: 1980, month: 1, day: 1), basis: .resident, edition: fixture.edition(), at: counting)
    }

    @Test func peopleWhoWorkOrStudyHereVoteOnPaperOnlyWhenTheEditionAllows() throws {
        var edition = fixture.edition()
        #expect(throws: VoterProblem.notVerifiedResident) {
            try BallotRules.checkPaperVoter(born: .init(year: 2000, month: 1, day: 1), basis: .studiesHere, edition: edition, at: fixture.voting)
        }
        edition.eligibility.paperForWorkersAndStudents = true
        _ = try BallotRules.checkPaperVoter(born: .init(year: 2000, month: 1, day: 1), basis: .studiesHere, edition: edition, at: fixture.voting)
    }
}

@Suite struct ProjectReviewTests {
    let fixture = EditionFixture()

    @Test func infeasibleDecisionNeedsAReason() {
        let edition = fixture.edition()
        let project = fixture.project(edition, fixture.small, number: 1, cost: 200_000)
        #expect(throws: ProjectReviewError.reasonRequired) {
            try project.reviewed(by: AccountID(rawValue: "r"), feasible: false, reason: "  ", revisedCost: nil, in: fixture.small, at: fixture.start)
        }
    }

    @Test func revisedCostMustFitTheCategory() throws {
        let edition = fixture.edition()
        let project = fixture.project(edition, fixture.small, number: 1, cost: 200_000)
        #expect(throws: ProjectReviewError.costOutsideCategory) {
            try project.reviewed(
                by: AccountID(rawValue: "r"), feasible: true, reason: "", revisedCost: Money(hryvnias: 600_000), in: fixture.small,
                at: fixture.start)
        }
        let revised = try project.reviewed(
            by: AccountID(rawValue: "r"), feasible: true, reason: "Кошторис уточнено", revisedCost: Money(hryvnias: 250_000),
            in: fixture.small, at: fixture.start)
        #expect(revised.cost == Money(hryvnias: 250_000))
        #expect(revised.isOnBallot)
    }

    @Test func receiptCodesReadTheSameHoweverTyped() {
        let code = BallotReceipt.generate()
        #expect(code.count == 19)
        #expect(BallotReceipt.normalized(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
    }
}

@Suite struct ProjectProposalTests {
    let fixture = EditionFixture()

    func proposal(cost: Int64, title: String = "Лавки біля школи № 5") -> ProjectProposal {
        ProjectProposal(
            categoryID: fixture.small.id, title: title, summary: "Десять лавок і п’ять урн уздовж алеї біля школи.", district: "Центр",
            address: "вул. Соборна, 1", costItems: [.init(label: "Лавки", amount: Money(hryvnias: cost))])
    }

    @Test func verifiedResidentProposesDuringTheProposalPhase() throws {
        let project = try proposal(cost: 120_000).validate(
            edition: fixture.edition(), author: AccountID(rawValue: "a"), verified: true, number: 3, at: fixture.start)
        #expect(project.status == .submitted)
        #expect(project.cost == Money(hryvnias: 120_000))
        #expect(project.number == 3)
    }

    @Test func proposalsOutsideThePhaseAreRefused() {
        #expect(throws: ProposalError.notAcceptingProposals) {
            try proposal(cost: 120_000).validate(edition: fixture.edition(), author: AccountID(rawValue: "a"), verified: true, number: 1, at: fixture.voting)
        }
    }

    @Test func unverifiedAuthorsMayNotPropose() {
        #expect(throws: ProposalError.notVerifiedResident) {
            try proposal(cost: 120_000).validate(edition: fixture.edition(), author: AccountID(rawValue: "a"), verified: false, number: 1, at: fixture.start)
        }
    }

    @Test func estimateMustFitTheCategoryRange() {
        #expect(throws: ProposalError.costOutsideCategory) {
            try proposal(cost: 600_000).validate(edition: fixture.edition(), author: AccountID(rawValue: "a"), verified: true, number: 1, at: fixture.start)
        }
    }

    @Test func titleNeedsSomeWords() {
        #expect(throws: ProposalError.titleLength) {
            try proposal(cost: 120_000, title: "  Ой ").validate(edition: fixture.edition(), author: AccountID(rawValue: "a"), verified: true, number: 1, at: fixture.start)
        }
    }
}

@Suite struct DeliveryTests {
    let fixture = EditionFixture()

    @Test func cancellingDeliveryNeedsAReason() throws {
        let edition = fixture.edition()
        let project = fixture.project(edition, fixture.small, number: 1, cost: 200_000)
        #expect(throws: DeliveryError.reasonRequired) {
            try DeliveryUpdate.make(project: project, funded: true, status: .cancelled, spent: Money(kopiyky: 0), note: " ", by: AccountID(rawValue: "s"), at: fixture.start)
        }
        #expect(throws: DeliveryError.notFunded) {
            try DeliveryUpdate.make(project: project, funded: false, status: .planned, spent: Money(kopiyky: 0), note: "", by: AccountID(rawValue: "s"), at: fixture.start)
        }
        let update = try DeliveryUpdate.make(
            project: project, funded: true, status: .inProgress, spent: Money(hryvnias: 50_000), note: "Підписано договір", by: AccountID(rawValue: "s"),
            at: fixture.start)
        #expect(update.status == .inProgress)
    }
}

@Suite struct IncompatibleAndMergedProjectTests {
    let fixture = EditionFixture()

    @Test func incompatiblePairsNeedGreedyCountingAndFreezeWithTheRules() throws {
        let edition = fixture.edition()
        let a = fixture.project(edition, fixture.small, number: 1, cost: 200_000)
        let b = fixture.project(edition, fixture.small, number: 2, cost: 250_000)
        let c = fixture.project(edition, fixture.large, number: 3, cost: 900_000)
        let marked = try edition.markingIncompatible(a, b, at: fixture.start)
        #expect(marked.incompatibilities == [IncompatiblePair(b.id, a.id)])
        #expect(throws: BudgetError.incompatiblePairInvalid) { try edition.markingIncompatible(a, c, at: fixture.start) }
        #expect(throws: BudgetError.rulesFrozen) { try edition.markingIncompatible(a, b, at: fixture.voting) }
        var mes = edition
        mes.winnerRule = .mesAdd1u
        #expect(throws: BudgetError.incompatibilityNeedsGreedy) { try mes.markingIncompatible(a, b, at: fixture.start) }
        #expect(throws: BudgetError.incompatibilityNeedsGreedy) {
            try marked.changingRules(ballot: marked.ballotRule, winner: .mes, categories: marked.categories, at: fixture.start)
        }
    }

    @Test func aMergedDuplicateLeavesTheBallot() throws {
        let edition = fixture.edition()
        let a = fixture.project(edition, fixture.small, number: 1, cost: 200_000)
        let b = fixture.project(edition, fixture.small, number: 2, cost: 250_000)
        let merged = try a.merged(into: b, phase: .review)
        #expect(merged.status == .merged)
        #expect(merged.mergedInto == b.id)
        #expect(!merged.isOnBallot)
        #expect(throws: ProjectReviewError.notReviewable) { try a.merged(into: b, phase: .voting) }
        #expect(throws: ProjectReviewError.mergeInvalid) { try a.merged(into: a, phase: .review) }
    }
}
