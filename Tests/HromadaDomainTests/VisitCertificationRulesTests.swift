import Foundation
import HromadaDomain
import Testing
@testable import Visit

/// «Вінницький стандарт гостинності», its rules one by one: the versioned
/// checklist, the exact score and level, the cycle's state machine, the
/// visitors' ratings and the complaints' pattern, the expiry reminders.
@Suite struct VisitCertificationRulesTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let city = MunicipalityID(rawValue: "vinnytsia")
    let assessor = AccountID(rawValue: "assessor")
    let owner = AccountID(rawValue: "owner")

    func criterion(_ id: String, _ section: StandardSection = .welcome, weight: Int = 1, required: Bool = false) -> StandardCriterion {
        StandardCriterion(id: id, section: section, title: LocalizedName(uk: id, en: id), guidance: LocalizedName(uk: "", en: ""), weight: weight, required: required)
    }

    /// Three criteria: a required one of weight 3 and two of weight 1 and 6.
    var checklist: HospitalityChecklist {
        HospitalityChecklist(version: 1, criteria: [
            criterion("greeting", weight: 3, required: true), criterion("wifi", .information, weight: 1), criterion("ramp", .accessibility, weight: 6),
        ])
    }

    func sheet(_ marks: [String: CriterionMark], version: Int = 1) -> AssessmentSheet {
        AssessmentSheet(checklistVersion: version, answers: marks.mapValues { CriterionAnswer(mark: $0) })
    }

    // MARK: The checklist

    @Test func theDemoChecklistIsAPublishableVersionWithTwentyFiveCriteriaInSevenSections() {
        let demo = CertificationDemoSeeder.checklistV1
        #expect(demo.problem == nil)
        #expect(demo.criteria.count == 25 && demo.sections == StandardSection.allCases)
        #expect(demo.criteria.contains { $0.required } && demo.criteria.contains { !$0.required })
    }

    @Test func aChecklistWithARepeatedCriterionOrABadWeightOrThresholdIsNotPublished() {
        #expect(HospitalityChecklist(version: 1, criteria: [criterion("a"), criterion("a")]).problem == .duplicateCriterion("a"))
        #expect(HospitalityChecklist(version: 1, criteria: [criterion("a", weight: 11)]).problem == .weight("a"))
        #expect(HospitalityChecklist(version: 1, criteria: [criterion("a b")]).problem == .criterionID("a b"))
        #expect(HospitalityChecklist(version: 1, criteria: [criterion("a")], certifiedThreshold: 900, distinctionThreshold: 900).problem == .thresholds)
        #expect(HospitalityChecklist(version: 0, criteria: [criterion("a")]).problem == .version)
        #expect(HospitalityChecklist(version: 1, criteria: []).problem == .noCriteria)
    }

    @Test func anAssessmentKeepsTheVersionItWasMadeOnWhenANewVersionComes() throws {
        let v1 = checklist
        let outcome = try v1.evaluate(sheet(["greeting": .met, "wifi": .met, "ramp": .met]))
        let v2 = HospitalityChecklist(version: 2, criteria: v1.criteria + [criterion("menu-en", weight: 2, required: true)])
        // The old sheet is still read on its own version, and the new version refuses it.
        #expect(outcome.level == .certifiedWithDistinction)
        #expect(throws: CertificationProblem.wrongChecklistVersion) { try v2.evaluate(sheet(["greeting": .met, "wifi": .met, "ramp": .met])) }
        #expect(try v1.evaluate(sheet(["greeting": .met, "wifi": .met, "ramp": .met])) == outcome)
    }

    // MARK: Score and level

    @Test func theScoreIsMetWeightOverApplicableWeightAndNotApplicableCountsNeither() throws {
        let outcome = try checklist.evaluate(sheet(["greeting": .met, "wifi": .notApplicable, "ramp": .notMet]))
        #expect(outcome.score == AssessmentScore(met: 3, applicable: 9))
        #expect(outcome.score.tenths == 333 && outcome.score.percent(decimalComma: true) == "33,3")
        #expect(AssessmentScore(met: 7, applicable: 8).percent(decimalComma: false) == "87.5" && AssessmentScore(met: 1, applicable: 1).percent(decimalComma: true) == "100")
    }

    @Test func theLevelIsDecidedExactlyAtTheThresholdWithoutRounding() {
        let list = HospitalityChecklist(version: 1, criteria: [criterion("a")], certifiedThreshold: 700, distinctionThreshold: 900)
        // 7 of 10 is exactly 70 %; 699 of 1000 is not; 2 of 3 (66.67 %) is not; 9 of 10 is distinction.
        #expect(list.level(for: AssessmentScore(met: 7, applicable: 10), requiredFailed: false) == .certified)
        #expect(list.level(for: AssessmentScore(met: 699, applicable: 1000), requiredFailed: false) == .notCertified)
        #expect(list.level(for: AssessmentScore(met: 2, applicable: 3), requiredFailed: false) == .notCertified)
        #expect(list.level(for: AssessmentScore(met: 9, applicable: 10), requiredFailed: false) == .certifiedWithDistinction)
        #expect(list.level(for: AssessmentScore(met: 0, applicable: 0), requiredFailed: false) == .notCertified)
    }

    @Test func anyRequiredCriterionNotMetMeansNoCertificateWhateverTheScore() throws {
        let outcome = try checklist.evaluate(sheet(["greeting": .notMet, "wifi": .met, "ramp": .met]))
        #expect(outcome.score == AssessmentScore(met: 7, applicable: 10))
        #expect(outcome.level == .notCertified && outcome.requiredFailed == ["greeting"])
    }

    @Test func aRequiredCriterionIsNeverNotApplicable() {
        #expect(throws: CertificationProblem.requiredNotApplicable("greeting")) {
            try checklist.evaluate(sheet(["greeting": .notApplicable, "wifi": .met, "ramp": .met]))
        }
        var partial = AssessmentSheet(checklistVersion: 1)
        #expect(throws: CertificationProblem.requiredNotApplicable("greeting")) { try partial.record(["greeting": CriterionAnswer(mark: .notApplicable)], on: checklist) }
        #expect(partial.answers.isEmpty)
    }

    @Test func aMarkOfACriterionTheVersionLacksIsRefusedAndNothingIsRecorded() {
        var partial = AssessmentSheet(checklistVersion: 1)
        #expect(throws: CertificationProblem.unknownCriterion("parking")) {
            try partial.record(["wifi": CriterionAnswer(mark: .met), "parking": CriterionAnswer(mark: .met)], on: checklist)
        }
        #expect(partial.answers.isEmpty)
    }

    @Test func aSheetIsEvaluatedOnlyWhenEveryCriterionIsMarked() {
        #expect(throws: CertificationProblem.unanswered(["wifi", "ramp"])) { try checklist.evaluate(sheet(["greeting": .met])) }
    }

    @Test func aNoteIsAtMostAThousandCharactersAndACriterionTakesAtMostTenPhotos() {
        #expect(throws: CertificationProblem.noteTooLong("wifi")) { try checklist.check(CriterionAnswer(mark: .met, note: String(repeating: "я", count: 1_001)), for: "wifi") }
        #expect(throws: CertificationProblem.tooManyPhotos("wifi")) { try checklist.check(CriterionAnswer(mark: .met, photos: (0..<11).map(String.init)), for: "wifi") }
    }

    // MARK: The cycle

    func booked(_ checklist: HospitalityChecklist) throws -> Certification {
        var certification = Certification(id: CertificationID(rawValue: "c1"), city: city, place: PlaceID(rawValue: "cafe"), applicant: owner, checklistVersion: 1, at: t0)
        try certification.selfAssess(sheet(["greeting": .met, "wifi": .met, "ramp": .met]), on: checklist)
        try certification.book(AssessmentBooking(slot: AssessmentSlotID(rawValue: "s1"), startsAt: t0 + 86_400, assessor: assessor), checklist: checklist, at: t0)
        return certification
    }

    @Test func theCycleGoesFromApplicationThroughAssessmentToACertificateValidTwoYears() throws {
        var certification = try booked(checklist)
        #expect(certification.state == .booked)
        try certification.saveSection(.welcome, ["greeting": CriterionAnswer(mark: .met)], on: checklist, by: assessor)
        try certification.saveSection(.information, ["wifi": CriterionAnswer(mark: .met)], on: checklist, by: assessor)
        try certification.saveSection(.accessibility, ["ramp": CriterionAnswer(mark: .notMet)], on: checklist, by: assessor)
        let submitted = try certification.submitAssessment(on: checklist, by: assessor, at: t0 + 86_400)
        #expect(submitted.round.outcome.level == .notCertified && certification.state == .notCertified)
        // Re-assessed and passing: assessed, then the staff decide.
        try certification.book(AssessmentBooking(slot: AssessmentSlotID(rawValue: "s2"), startsAt: t0 + 10 * 86_400, assessor: assessor), checklist: checklist, at: t0 + 2 * 86_400)
        try certification.saveSection(.welcome, ["greeting": CriterionAnswer(mark: .met)], on: checklist, by: assessor)
        try certification.saveSection(.information, ["wifi": CriterionAnswer(mark: .notMet)], on: checklist, by: assessor)
        try certification.saveSection(.accessibility, ["ramp": CriterionAnswer(mark: .met)], on: checklist, by: assessor)
        #expect(try certification.submitAssessment(on: checklist, by: assessor, at: t0 + 10 * 86_400).round.outcome.level == .certifiedWithDistinction)
        #expect(certification.state == .assessed && certification.rounds.count == 2)
        let decided = Date(timeIntervalSince1970: 1_803_000_000)
        let issued = try certification.issue(CertificateID(rawValue: "k1"), at: decided)
        #expect(certification.state == .certified && issued.replaced == nil)
        let components = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: decided, to: issued.certificate.validUntil)
        #expect(components.year == 2 && components.month == 0 && components.day == 0)
        #expect(issued.certificate.status(at: issued.certificate.validUntil - 1) == .valid && issued.certificate.status(at: issued.certificate.validUntil) == .expired)
    }

    @Test func wrongStepsAreRefusedWithTheStateTheyCameIn() throws {
        var certification = Certification(id: CertificationID(rawValue: "c1"), city: city, place: PlaceID(rawValue: "cafe"), applicant: owner, checklistVersion: 1, at: t0)
        #expect(throws: CertificationProblem.notNow(.applied)) {
            try certification.book(AssessmentBooking(slot: AssessmentSlotID(rawValue: "s"), startsAt: t0 + 60, assessor: assessor), checklist: checklist, at: t0)
        }
        #expect(throws: CertificationProblem.notNow(.applied)) { _ = try certification.issue(CertificateID(rawValue: "k"), at: t0) }
        #expect(throws: CertificationProblem.notNow(.applied)) { _ = try certification.submitAssessment(on: checklist, by: assessor, at: t0) }
        #expect(throws: CertificationProblem.noCertificate) { _ = try certification.withdraw(reason: "Брудна кухня") }
        #expect(throws: CertificationProblem.notNow(.applied)) { try certification.orderReassessment(.ordered) }
        try certification.selfAssess(sheet(["greeting": .met, "wifi": .met, "ramp": .met]), on: checklist)
        #expect(throws: CertificationProblem.slotInThePast) {
            try certification.book(AssessmentBooking(slot: AssessmentSlotID(rawValue: "s"), startsAt: t0, assessor: assessor), checklist: checklist, at: t0)
        }
    }

    @Test func onlyTheBookedAssessorSavesOrSubmits() throws {
        var certification = try booked(checklist)
        let other = AccountID(rawValue: "other")
        #expect(throws: CertificationProblem.notYourAssessment) { try certification.saveSection(.welcome, ["greeting": CriterionAnswer(mark: .met)], on: checklist, by: other) }
        #expect(throws: CertificationProblem.notYourAssessment) { _ = try certification.submitAssessment(on: checklist, by: other, at: t0) }
    }

    @Test func aSectionTakesOnlyItsOwnCriteria() throws {
        var certification = try booked(checklist)
        #expect(throws: CertificationProblem.unknownCriterion("ramp")) { try certification.saveSection(.welcome, ["ramp": CriterionAnswer(mark: .met)], on: checklist, by: assessor) }
        #expect(certification.draft?.answers.isEmpty == true)
    }

    func certified() throws -> Certification {
        var certification = try booked(checklist)
        for (section, id) in [(StandardSection.welcome, "greeting"), (.information, "wifi"), (.accessibility, "ramp")] {
            try certification.saveSection(section, [id: CriterionAnswer(mark: .met)], on: checklist, by: assessor)
        }
        _ = try certification.submitAssessment(on: checklist, by: assessor, at: t0 + 86_400)
        _ = try certification.issue(CertificateID(rawValue: "k1"), at: t0 + 2 * 86_400)
        return certification
    }

    @Test func aFailedReassessmentEndsTheCertificateInForce() throws {
        var certification = try certified()
        try certification.orderReassessment(.ordered)
        try certification.book(AssessmentBooking(slot: AssessmentSlotID(rawValue: "s3"), startsAt: t0 + 30 * 86_400, assessor: assessor), checklist: checklist, at: t0 + 3 * 86_400)
        for (section, id, mark) in [(StandardSection.welcome, "greeting", CriterionMark.notMet), (.information, "wifi", .met), (.accessibility, "ramp", .met)] {
            try certification.saveSection(section, [id: CriterionAnswer(mark: mark)], on: checklist, by: assessor)
        }
        let submitted = try certification.submitAssessment(on: checklist, by: assessor, at: t0 + 30 * 86_400)
        #expect(submitted.endsCertificate == CertificateID(rawValue: "k1") && certification.certificate == nil && certification.state == .notCertified)
    }

    @Test func aPassingReassessmentReplacesTheOldCertificate() throws {
        var certification = try certified()
        try certification.orderReassessment(.complaints)
        try certification.book(AssessmentBooking(slot: AssessmentSlotID(rawValue: "s3"), startsAt: t0 + 30 * 86_400, assessor: assessor), checklist: checklist, at: t0 + 3 * 86_400)
        for (section, id) in [(StandardSection.welcome, "greeting"), (.information, "wifi"), (.accessibility, "ramp")] {
            try certification.saveSection(section, [id: CriterionAnswer(mark: .met)], on: checklist, by: assessor)
        }
        _ = try certification.submitAssessment(on: checklist, by: assessor, at: t0 + 30 * 86_400)
        #expect(try certification.issue(CertificateID(rawValue: "k2"), at: t0 + 31 * 86_400).replaced == CertificateID(rawValue: "k1"))
    }

    @Test func aWithdrawalNeedsAReasonOfFiveToFiveHundredCharacters() throws {
        var certification = try certified()
        #expect(throws: CertificationProblem.reasonLength) { _ = try certification.withdraw(reason: "  ні ") }
        #expect(try certification.withdraw(reason: "Брудна кухня під час перевірки") == CertificateID(rawValue: "k1"))
        #expect(certification.state == .withdrawn && certification.certificate == nil)
        // Withdrawn, the place may re-apply with a new self-assessment.
        try certification.selfAssess(sheet(["greeting": .met, "wifi": .met, "ramp": .met]), on: checklist)
        #expect(certification.state == .selfAssessed)
    }

    @Test func anExpiredCertificateLeavesThePlaceExpired() throws {
        var certification = try certified()
        certification.expire(CertificateID(rawValue: "other"))
        #expect(certification.state == .certified)
        certification.expire(CertificateID(rawValue: "k1"))
        #expect(certification.state == .expired && certification.certificate == nil)
    }

    @Test func aWithdrawnCertificateIsWithdrawnAndAReplacedOneSaysSo() {
        var certificate = Certificate(
            id: CertificateID(rawValue: "k"), city: city, certification: CertificationID(rawValue: "c"), place: PlaceID(rawValue: "p"), level: .certified,
            score: AssessmentScore(met: 8, applicable: 10), checklistVersion: 1, issuedAt: t0, validUntil: t0 + 100)
        certificate.replacedBy = CertificateID(rawValue: "k2")
        #expect(certificate.status(at: t0) == .replaced)
        certificate.withdrawnAt = t0
        #expect(certificate.status(at: t0 + 1_000) == .withdrawn)
    }

    // MARK: Visitors

    @Test func aPersonRatesAPlaceOnceInThirtyDaysWithOneToFiveStars() {
        #expect(VisitorRating(stars: 0, at: t0) == nil && VisitorRating(stars: 6, at: t0) == nil && VisitorRating(stars: 5, at: t0) != nil)
        #expect(VisitorRating.mayRate(last: nil, at: t0))
        #expect(!VisitorRating.mayRate(last: t0, at: t0 + 29 * 86_400))
        #expect(VisitorRating.mayRate(last: t0, at: t0 + 30 * 86_400))
    }

    @Test func threeOpenOrUpheldReportsInNinetyDaysMakeThePattern() {
        let recent: [(state: ReportState, at: Date)] = [(.open, t0 - 86_400), (.upheld, t0 - 10 * 86_400)]
        #expect(ComplaintPattern.holds(reports: recent, ratings: [], at: t0) == nil)
        #expect(ComplaintPattern.holds(reports: recent + [(.dismissed, t0)], ratings: [], at: t0) == nil)
        #expect(ComplaintPattern.holds(reports: recent + [(.open, t0 - 91 * 86_400)], ratings: [], at: t0) == nil)
        #expect(ComplaintPattern.holds(reports: recent + [(.open, t0 - 89 * 86_400)], ratings: [], at: t0) == .reports(3))
    }

    @Test func aMeanOfTheLastTenRatingsBelowThreeStarsMakesThePatternOnceThereAreFive() {
        #expect(ComplaintPattern.holds(reports: [], ratings: [1, 1, 1, 1], at: t0) == nil)
        #expect(ComplaintPattern.holds(reports: [], ratings: [3, 3, 3, 3, 3], at: t0) == nil)
        #expect(ComplaintPattern.holds(reports: [], ratings: [3, 3, 3, 3, 2], at: t0) == .ratings(meanTenths: 28))
        // Only the last ten count: older praise does not hide new trouble.
        #expect(ComplaintPattern.holds(reports: [], ratings: Array(repeating: 2, count: 10) + Array(repeating: 5, count: 30), at: t0) == .ratings(meanTenths: 20))
    }

    @Test func thePatternFlagsACertifiedPlaceOnce() throws {
        var certification = try certified()
        let first = certification.flag(at: t0), second = certification.flag(at: t0 + 60)
        #expect(first && !second)
    }

    // MARK: Reminders

    @Test func remindersGoNinetyAndThirtyDaysBeforeExpiryEachOnce() {
        let until = t0 + 200 * 86_400
        #expect(ExpiryReminder.due(validUntil: until, sent: [], at: until - 91 * 86_400) == nil)
        #expect(ExpiryReminder.due(validUntil: until, sent: [], at: until - 90 * 86_400) == 90)
        #expect(ExpiryReminder.due(validUntil: until, sent: [90], at: until - 60 * 86_400) == nil)
        #expect(ExpiryReminder.due(validUntil: until, sent: [90], at: until - 30 * 86_400) == 30)
        #expect(ExpiryReminder.due(validUntil: until, sent: [90, 30], at: until - 86_400) == nil)
        // First seen 20 days before: the 30-day letter alone.
        #expect(ExpiryReminder.due(validUntil: until, sent: [], at: until - 20 * 86_400) == 30)
        #expect(ExpiryReminder.due(validUntil: until, sent: [], at: until) == nil)
    }
}
