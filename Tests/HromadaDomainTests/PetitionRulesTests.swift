import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// Kyiv-time instants for readable tests.
func kyiv(_ text: String) -> Date {
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? .gmt
    return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4])) ?? .distantPast
}

@Suite struct WorkingCalendarTests {
    @Test func calendarDatesKnowTheirWeekday() {
        #expect(CalendarDate(year: 1970, month: 1, day: 1).weekday == 4)
        #expect(CalendarDate(year: 2026, month: 11, day: 29).weekday == 7)
        #expect(CalendarDate(year: 2026, month: 11, day: 30).weekday == 1)
        #expect(CalendarDate(year: 2024, month: 2, day: 29).weekday == 4)
    }

    @Test func orthodoxEasterFallsOnItsSunday() {
        #expect(CalendarDate.orthodoxEaster(2025) == CalendarDate(year: 2025, month: 4, day: 20))
        #expect(CalendarDate.orthodoxEaster(2026) == CalendarDate(year: 2026, month: 4, day: 12))
        #expect(CalendarDate.orthodoxEaster(2027) == CalendarDate(year: 2027, month: 5, day: 2))
    }

    @Test func deadlinesSkipWeekends() {
        // Submitted on a Friday: 2 working days are Monday and Tuesday; the deadline is the end of Tuesday.
        let friday = kyiv("2026-12-04 15:30")
        #expect(WorkingCalendar.martialLaw.deadline(workingDays: 2, after: friday) == kyiv("2026-12-09 00:00"))
        // On a Saturday the same: the weekend never counts.
        #expect(WorkingCalendar.martialLaw.deadline(workingDays: 2, after: kyiv("2026-12-05 10:00")) == kyiv("2026-12-09 00:00"))
    }

    @Test func deadlinesSkipPublicHolidaysWhenTheCityHasThem() {
        // Peacetime: 24 August 2027 (Tuesday) is Independence Day.
        let calendar = WorkingCalendar.martialLaw.withPublicHolidays(of: 2027)
        let monday = kyiv("2027-08-23 12:00")
        #expect(calendar.deadline(workingDays: 1, after: monday) == kyiv("2027-08-26 00:00"))
        // Under martial law it is a working day.
        #expect(WorkingCalendar.martialLaw.deadline(workingDays: 1, after: monday) == kyiv("2027-08-25 00:00"))
    }

    @Test func aHolidayOnAWeekendMovesToTheNextWorkingDay() {
        // 1 May 2027 is a Saturday: Monday 3 May is the day off.
        let calendar = WorkingCalendar.martialLaw.withPublicHolidays(of: 2027)
        #expect(!calendar.isWorkingDay(CalendarDate(year: 2027, month: 5, day: 3)))
        // Easter (2 May 2027) moves to Tuesday, since Monday is already taken.
        #expect(!calendar.isWorkingDay(CalendarDate(year: 2027, month: 5, day: 4)))
    }

    @Test func aWorkedSaturdayCounts() {
        let saturday = CalendarDate(year: 2026, month: 12, day: 5)
        let calendar = WorkingCalendar(workedWeekendDays: [saturday])
        #expect(calendar.deadline(workingDays: 1, after: kyiv("2026-12-04 15:30")) == kyiv("2026-12-06 00:00"))
    }

    @Test func workingDaysLeftCountsToday() {
        let due = kyiv("2026-12-09 00:00")
        #expect(WorkingCalendar.martialLaw.workingDaysLeft(until: due, at: kyiv("2026-12-07 09:00")) == 2)
        #expect(WorkingCalendar.martialLaw.workingDaysLeft(until: due, at: kyiv("2026-12-05 09:00")) == 2)
        #expect(WorkingCalendar.martialLaw.workingDaysLeft(until: due, at: kyiv("2026-12-09 00:00")) == 0)
    }

    @Test func deadlinesHoldAcrossTheDaylightSavingChange() {
        // Kyiv moves to summer time on 29 March 2026; the deadline is still midnight local time.
        #expect(WorkingCalendar.martialLaw.deadline(workingDays: 1, after: kyiv("2026-03-27 12:00")) == kyiv("2026-03-31 00:00"))
    }
}

@Suite struct PetitionLifecycleTests {
    let city = MunicipalityID(rawValue: "vinnytsia")
    let author = Account(
        id: AccountID(rawValue: "author"), email: EmailAddress(rawValue: "olena@example.com"), fullName: "Олена Шевчук", passwordHash: "",
        emailConfirmedAt: Date(timeIntervalSince1970: 0), isPlatformAdmin: false, createdAt: Date(timeIntervalSince1970: 0))
    let moderator = AccountID(rawValue: "moderator")
    let settings = PetitionSettings(threshold: 350)
    let monday = kyiv("2026-12-07 10:00")

    func draft() throws -> Petition {
        try Petition.draft(
            title: "Облаштувати пандуси в усіх школах міста",
            text: "Прошу міську раду доручити управлінню освіти облаштувати пандуси в усіх школах міста до 1 вересня 2027 року.",
            category: "Освіта", in: city, by: author, at: monday)
    }

    func open() throws -> Petition {
        try draft().submitted(by: author.id, settings: settings, at: monday).published(settings: settings, at: monday)
    }

    @Test func aPetitionsPlaceIsBothNumbersWithinTheCityOrNone() throws {
        let vinnytsia = try GeoBox(west: 28.30, south: 49.15, east: 28.62, north: 49.32)
        func draft(_ longitude: Double?, _ latitude: Double?) throws(PetitionError) -> Petition {
            try Petition.draft(
                title: "Освітлити парк Хоткевича вночі", text: String(repeating: "Світло в парку потрібне. ", count: 4), category: "Благоустрій",
                in: city, by: author, place: (longitude, latitude), territory: vinnytsia, at: monday)
        }
        let placed = try draft(28.4795, 49.2366)
        #expect(placed.longitude == 28.4795 && placed.latitude == 49.2366)
        #expect(try draft(nil, nil).longitude == nil)
        #expect(throws: PetitionError.placeIncomplete) { try draft(28.4795, nil) }
        #expect(throws: PetitionError.placeOutsideCity) { try draft(30.52, 50.45) }
        #expect(throws: PetitionError.placeOutsideCity) { try draft(.infinity, 49.2) }
    }

    @Test func aPetitionNeedsATitleATextAndACategory() {
        #expect(throws: PetitionError.titleLength) {
            try Petition.draft(title: "Пандуси", text: String(repeating: "а", count: 80), category: "Освіта", in: city, by: author, at: monday)
        }
        #expect(throws: PetitionError.textLength) {
            try Petition.draft(title: "Облаштувати пандуси в школах", text: "Коротко.", category: "Освіта", in: city, by: author, at: monday)
        }
        #expect(throws: PetitionError.textLength) {
            try Petition.draft(
                title: "Облаштувати пандуси в школах", text: String(repeating: "а", count: 6_001), category: "Освіта", in: city, by: author, at: monday)
        }
        #expect(throws: PetitionError.categoryMissing) {
            try Petition.draft(title: "Облаштувати пандуси в школах", text: String(repeating: "а", count: 80), category: " ", in: city, by: author, at: monday)
        }
    }

    @Test func theAuthorsFullNameIsShownWithThePetition() throws {
        #expect(try draft().authorName == "Олена Шевчук")
    }

    @Test func submissionStartsModerationWithADeadlineInWorkingDays() throws {
        let friday = kyiv("2026-12-04 15:30")
        let petition = try draft().submitted(by: author.id, settings: settings, at: friday)
        #expect(petition.state == .moderation)
        #expect(petition.moderationDue == kyiv("2026-12-09 00:00"))
        #expect(!petition.isModerationOverdue(at: kyiv("2026-12-08 23:59")))
        #expect(petition.isModerationOverdue(at: kyiv("2026-12-09 00:00")))
    }

    @Test func supportersComeBeforeModerationWhenTheCityAsksForThem() throws {
        let settings = PetitionSettings(threshold: 350, supportersBeforeModeration: 5)
        let petition = try draft().submitted(by: author.id, settings: settings, at: monday)
        #expect(petition.state == .collectingSupporters)
        #expect(try petition.supported(by: 4, settings: settings, at: monday).state == .collectingSupporters)
        #expect(try petition.supported(by: 5, settings: settings, at: monday).state == .moderation)
        // Supporters sign the same way signers later do.
        try petition.checkSignable(at: monday)
    }

    @Test func onlyTheAuthorEditsAndOnlyTheDraft() throws {
        let petition = try draft()
        #expect(throws: PetitionError.notTheAuthor) {
            try petition.edited(title: petition.title, text: petition.text, category: "Інше", by: moderator)
        }
        let submitted = try petition.submitted(by: author.id, settings: settings, at: monday)
        #expect(throws: PetitionError.wrongState(.moderation)) {
            try submitted.edited(title: petition.title, text: petition.text, category: "Інше", by: author.id)
        }
    }

    @Test func publishingOpensCollectionForTheCitysPeriodAtTheCitysThreshold() throws {
        let petition = try open()
        #expect(petition.state == .open)
        #expect(petition.deadline == monday.addingTimeInterval(90 * 86_400))
        #expect(petition.threshold == 350)
    }

    @Test func rejectionNeedsAReasonAndAText() throws {
        let submitted = try draft().submitted(by: author.id, settings: settings, at: monday)
        #expect(throws: PetitionError.rejectionTextRequired) { try submitted.rejected(.duplicate, text: " ", by: moderator, at: monday) }
        let rejected = try submitted.rejected(.outsidePowers, text: "Питання належить до повноважень обласної ради.", by: moderator, at: monday)
        #expect(rejected.state == .rejected && rejected.rejection?.reason == .outsidePowers)
        #expect(throws: PetitionError.wrongState(.rejected)) { try rejected.published(settings: settings, at: monday) }
    }

    @Test func theAuthorWithdrawsOnlyBeforeItOpens() throws {
        #expect(try draft().withdrawn(by: author.id, at: monday).state == .withdrawn)
        #expect(throws: PetitionError.wrongState(.open)) { try open().withdrawn(by: author.id, at: monday) }
        #expect(throws: PetitionError.notTheAuthor) { try draft().withdrawn(by: moderator, at: monday) }
    }

    @Test func reachingTheThresholdStartsConsiderationAtOnce() throws {
        let petition = try open()
        #expect(petition.counted(349, settings: settings, at: monday).state == .open)
        let reached = petition.counted(350, settings: settings, at: kyiv("2026-12-11 16:00"))
        #expect(reached.state == .underConsideration)
        // Ten working days from a Friday: the end of the Friday two weeks on
        // (25 December is worked under martial law).
        #expect(reached.answerDue == kyiv("2026-12-26 00:00"))
        #expect(!reached.isAnswerOverdue(at: kyiv("2026-12-25 23:59")))
        #expect(reached.isAnswerOverdue(at: kyiv("2026-12-26 00:00")))
    }

    @Test func considerationSkipsPublicHolidaysInACityThatKeepsThem() throws {
        let peacetime = PetitionSettings(threshold: 350, calendar: WorkingCalendar.martialLaw.withPublicHolidays(of: 2026))
        let reached = try open().counted(350, settings: peacetime, at: kyiv("2026-12-11 16:00"))
        // Christmas (Friday 25 December) is a day off: the tenth working day is Monday the 28th.
        #expect(reached.answerDue == kyiv("2026-12-29 00:00"))
    }

    @Test func invalidationBelowTheThresholdReopensCollectionBeforeTheAnswer() throws {
        let reached = try open().counted(350, settings: settings, at: monday)
        let reopened = reached.counted(340, settings: settings, at: monday.addingTimeInterval(3_600))
        #expect(reopened.state == .open && reopened.answerDue == nil)
        // After the deadline it closes instead, handed on as an appeal.
        let late = reached.counted(340, settings: settings, at: monday.addingTimeInterval(91 * 86_400))
        #expect(late.state == .closed && late.handedOnAsAppeal)
    }

    @Test func aPetitionShortOfTheThresholdClosesAtItsDeadlineAsAnAppeal() throws {
        let petition = try open()
        #expect(petition.expired(signatures: 120, at: monday.addingTimeInterval(89 * 86_400)).state == .open)
        let closed = petition.expired(signatures: 120, at: monday.addingTimeInterval(90 * 86_400))
        #expect(closed.state == .closed && closed.handedOnAsAppeal)
    }

    @Test func theAnswerNeedsATextADecisionAndASigner() throws {
        let reached = try open().counted(400, settings: settings, at: monday)
        #expect(throws: PetitionError.answerTextRequired) {
            try reached.answered("Так.", decision: .supported, signedBy: "Міський голова", by: moderator, at: monday)
        }
        #expect(throws: PetitionError.answerSignerRequired) {
            try reached.answered(String(repeating: "Відповідь ", count: 5), decision: .supported, signedBy: "", by: moderator, at: monday)
        }
        let answered = try reached.answered(
            "Управлінню освіти доручено облаштувати пандуси в 12 школах до 1 вересня 2027 року.", decision: .partlySupported,
            signedBy: "Міський голова Сергій Моргунов", by: moderator, at: monday)
        #expect(answered.state == .answered && answered.answer?.decision == .partlySupported)
        #expect(answered.timeline.map(\.state) == [.draft, .moderation, .open, .underConsideration, .answered])
    }

    @Test func signaturesAreTakenOnlyWhileCollectionRuns() throws {
        #expect(throws: SignatureProblem.notOpenYet) { try draft().checkSignable(at: monday) }
        let petition = try open()
        try petition.checkSignable(at: monday)
        #expect(throws: SignatureProblem.closed) { try petition.checkSignable(at: monday.addingTimeInterval(90 * 86_400)) }
        // After the threshold, until the deadline, more signatures still count.
        try petition.counted(350, settings: settings, at: monday).checkSignable(at: monday)
    }

    @Test func onlyTheAuthorAndTheCitysModeratorsSeeAPetitionBeforeItOpens() throws {
        let submitted = try draft().submitted(by: author.id, settings: settings, at: monday)
        let reader = Principal(accountID: AccountID(rawValue: "reader"), isPlatformAdmin: false)
        let own = Principal(accountID: author.id, isPlatformAdmin: false)
        let local = Principal(accountID: moderator, isPlatformAdmin: false, capabilities: [city: [.moderatePetition]])
        let foreign = Principal(accountID: moderator, isPlatformAdmin: false, capabilities: [MunicipalityID(rawValue: "zhmerynka"): [.moderatePetition]])
        #expect(!submitted.isVisible(to: nil) && !submitted.isVisible(to: reader) && !submitted.isVisible(to: foreign))
        #expect(submitted.isVisible(to: own) && submitted.isVisible(to: local))
        #expect(try open().isVisible(to: nil))
    }

    @Test func citySettingsMustBeRunnable() {
        #expect(throws: PetitionError.settingsInvalid("threshold")) { try PetitionSettings(threshold: 0).validate() }
        #expect(throws: PetitionError.settingsInvalid("collectionDays")) { try PetitionSettings(collectionDays: 120).validate() }
    }
}

@Suite struct SignerRuleTests {
    let account = Account(
        id: AccountID(rawValue: "a"), email: EmailAddress(rawValue: "O.Lena+petitions@GoogleMail.com"), fullName: "Олена", passwordHash: "",
        emailConfirmedAt: Date(timeIntervalSince1970: 0), isPlatformAdmin: false, createdAt: Date(timeIntervalSince1970: 0))

    @Test func gmailDotsAndPlusAliasesAreOneMailbox() {
        #expect(account.email.deduplicationKey == "olena@gmail.com")
        #expect(EmailAddress(rawValue: "petro.ivanenko+x@ukr.net").deduplicationKey == "petro.ivanenko@ukr.net")
    }

    @Test func residentsSignAsThemselvesWhateverTheAccount() throws {
        let verification = ResidencyVerification(
            municipalityID: MunicipalityID(rawValue: "vinnytsia"), accountID: account.id, identityHash: IdentityHash(rawValue: "h1"),
            birthDate: CalendarDate(year: 1990, month: 1, day: 1), method: .demo, verifiedBy: nil, verifiedAt: Date(timeIntervalSince1970: 0))
        #expect(try SignerRules.identity(of: account, verification: verification, settings: PetitionSettings()) == .resident(IdentityHash(rawValue: "h1")))
    }

    @Test func onlyResidentsSignUnlessTheCityAllowsEmailSigners() throws {
        #expect(throws: SignatureProblem.notVerifiedResident) {
            try SignerRules.identity(of: account, verification: nil, settings: PetitionSettings())
        }
        let open = PetitionSettings(signers: .confirmedEmail)
        let byEmail = try SignerRules.identity(of: account, verification: nil, settings: open)
        #expect(byEmail == .email("olena@gmail.com"))
    }

    @Test func anEmailSignatureCountsOnlyOnceConfirmedAndAResidentsAtOnce() throws {
        #expect(SignerRules.Identity.email("olena@gmail.com").countsAtOnce == false)
        #expect(SignerRules.Identity.resident(IdentityHash(rawValue: "h1")).countsAtOnce)
    }
}

@Suite struct PetitionSearchTests {
    @Test func wordsBecomePrefixesWithoutTheirEndings() {
        let search = PetitionSearch("Пандуси у школах")
        #expect(search.prefixes == ["панду", "школ"])
        // Every form of the word starts with the prefix.
        for form in ["пандус", "пандусів", "пандусами"] { #expect(form.hasPrefix(search.prefixes[0])) }
    }

    @Test func commonAndShortWordsAreLeftOut() {
        #expect(PetitionSearch("Просимо міську раду: і в на").isEmpty)
        #expect(PetitionSearch("Просимо облаштувати сквер").prefixes == ["облашту", "скве"])
    }

    @Test func nothingTypedBecomesQuerySyntax() {
        let search = PetitionSearch("\"сквер\" OR * NEAR(a b) -- ; DROP TABLE petitions; 'парк'")
        for prefix in search.prefixes { #expect(prefix.allSatisfy { $0.isLetter || $0.isNumber }) }
        #expect(search.fts5(all: true) == search.prefixes.map { "\"\($0)\"*" }.joined(separator: " AND "))
        #expect(search.tsquery(all: false) == search.prefixes.map { "\($0):*" }.joined(separator: " | "))
    }

    @Test func similarityIsTheNumberOfSharedWords() {
        let ramps = PetitionSearch("Пандуси для шкіл міста")
        #expect(ramps.shared(with: PetitionSearch("Облаштувати пандуси в усіх школах і школі мистецтв")) == 1)
        #expect(ramps.shared(with: PetitionSearch("Пандусами обладнати всі школи; шкільні двори")) == 2)
        #expect(ramps.shared(with: PetitionSearch("Пандус біля шкіл")) == 2)
        #expect(ramps.shared(with: PetitionSearch("Новий сквер")) == 0)
    }

    @Test func repeatedWordsCountOnceAndTheListIsCapped() {
        #expect(PetitionSearch("парк парку парком").prefixes == ["парк"])
        let many = "абв", letters = Array("абвгдежзиклмнопрстуфх")
        let words = letters.map { "\($0)\(many)" }.joined(separator: " ")
        #expect(PetitionSearch(words).prefixes.count == 12)
    }
}
