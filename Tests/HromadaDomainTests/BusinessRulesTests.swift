import Foundation
import HromadaDomain
import Testing
@testable import Business

/// The business module's rules: who may apply to a call, how an application
/// moves, how the committee's scores make the list, what the fund allows,
/// when recipients report, how an event fills, and what the directory holds.
@Suite struct BusinessRulesTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15, a Friday
    let city = MunicipalityID(rawValue: "ladyzhyn")

    func call(fund: Int64 = 1_000_000, maximum: Int64 = 200_000, kinds: Set<ApplicantKind> = [.soleProprietor, .company, .cooperative],
              sectors: [String] = ["10", "56.10", "01.1"], criteria: [(String, Int)] = [("jobs", 40), ("plan", 35), ("local", 25)]) -> SupportCall {
        SupportCall(
            id: SupportCallID(rawValue: "c1"), city: city, title: LocalizedName(uk: "Грант на обладнання", en: "Equipment grant"),
            description: LocalizedName(uk: "", en: ""), instrument: .grant, fund: Money(hryvnias: fund), maximumPerApplicant: Money(hryvnias: maximum),
            opensAt: t0, closesAt: t0.addingTimeInterval(30 * 86_400),
            eligibility: EligibilityRules(kinds: kinds, sizes: [.micro, .small], sectors: sectors.compactMap(KVEDCode.init)),
            criteria: criteria.map { ScoringCriterion(id: $0.0, title: LocalizedName(uk: $0.0, en: $0.0), weight: $0.1) },
            scale: 10, minimumTotal: 50,
            documents: [RequiredDocument(id: "plan", title: LocalizedName(uk: "Бізнес-план", en: "Business plan"))], publishedAt: t0)
    }

    func applicant(kind: ApplicantKind = .company, code: String = "32855961", size: SizeCategory = .micro, activity: String = "56.10") -> Applicant {
        Applicant(
            kind: kind, name: "ТОВ «Кульбабка»", code: code, size: size, activity: KVEDCode(activity) ?? KVEDCode("99")!, registeredInHromada: true,
            declaresNoTaxDebt: true, employees: 4)
    }

    @Test func aKVEDCodeIsADivisionAGroupOrAClassAndASectorHoldsItsClasses() {
        #expect(KVEDCode("56.10")?.description == "56.10" && KVEDCode(" 62 ")?.description == "62" && KVEDCode("10.1")?.description == "10.1")
        for bad in ["", "5", "561", "56.", "56.101", "00", "ab.cd", "56,10", "５６.10", "56.1.0"] { #expect(KVEDCode(bad) == nil, "\(bad)") }
        #expect(KVEDCode("56")!.contains(KVEDCode("56.10")!) && KVEDCode("10.1")!.contains(KVEDCode("10.13")!))
        #expect(!KVEDCode("10.1")!.contains(KVEDCode("10.20")!) && !KVEDCode("56.10")!.contains(KVEDCode("56")!))
        #expect(KVEDCode("56.10")!.isClass && !KVEDCode("56.1")!.isClass)
    }

    @Test func everyFailedEligibilityRuleIsNamedBesideItsField() {
        let call = call()
        #expect(call.eligibilityFailures(of: applicant(), requesting: Money(hryvnias: 150_000), attached: ["plan"]).isEmpty)
        // A wrong check digit of the ЄДРПОУ, a size, a sector and an amount the call does not allow, a missing document: each said.
        let failures = call.eligibilityFailures(
            of: applicant(code: "32855962", size: .medium, activity: "62.01"), requesting: Money(hryvnias: 250_000), attached: [])
        #expect(failures == [.codeInvalid, .sizeNotAllowed, .sectorNotAllowed, .amountOverMaximum, .documentMissing("plan")])
        #expect(failures.map(\.field) == ["code", "size", "activity", "requested", "document-plan"])
        // A sole proprietor is known by a valid РНОКПП; an NGO is not a kind this call takes.
        let person = NationalID.make(birthDate: CalendarDate(year: 1985, month: 3, day: 2), serial: 17).digits
        #expect(call.eligibilityFailures(of: applicant(kind: .soleProprietor, code: person), requesting: Money(hryvnias: 1), attached: ["plan"]).isEmpty)
        #expect(call.eligibilityFailures(of: applicant(kind: .ngo), requesting: Money(hryvnias: 1), attached: ["plan"]) == [.kindNotAllowed])
        #expect(call.eligibilityFailures(of: applicant(), requesting: .zero, attached: ["plan"]) == [.amountNotPositive])
        var declared = applicant()
        declared.registeredInHromada = false
        declared.declaresNoTaxDebt = false
        #expect(call.eligibilityFailures(of: declared, requesting: Money(hryvnias: 1), attached: ["plan"]) == [.notInHromada, .taxDebtNotDeclared])
    }

    @Test func aCallsWeightsMakeAHundredAndItsAmountsFitItsFund() {
        #expect(call().problems.isEmpty)
        #expect(call(criteria: [("jobs", 40), ("plan", 40)]).problems == [CallProblem(field: "criteria", reason: .weightsNotHundred)])
        #expect(call(criteria: [("jobs", 50), ("jobs", 50)]).problems == [CallProblem(field: "criteria", reason: .malformed)])
        #expect(call(fund: 100, maximum: 200).problems == [CallProblem(field: "maximumPerApplicant", reason: .outOfRange)])
        var backwards = call()
        backwards.closesAt = backwards.opensAt
        #expect(backwards.problems == [CallProblem(field: "closesAt", reason: .beforeOpening)])
    }

    @Test func aCallIsADraftThenAnnouncedOpenInReviewAndDecided() {
        var call = call()
        call.opensAt = t0.addingTimeInterval(86_400)
        #expect(call.phase(at: t0) == .announced && call.phase(at: t0.addingTimeInterval(2 * 86_400)) == .open)
        #expect(call.phase(at: call.closesAt) == .review)
        call.decidedAt = call.closesAt
        #expect(call.phase(at: call.closesAt) == .decided)
        call.publishedAt = nil
        #expect(call.phase(at: t0) == .draft)
    }

    @Test func recipientsArePublishedByNameUnfundedSoleProprietorsNeverAndTheRejectedOnlyAsCounts() {
        #expect(ApplicantPublication.name("ФОП Іваненко", kind: .soleProprietor, state: .awarded) == "ФОП Іваненко")
        #expect(ApplicantPublication.name("ФОП Іваненко", kind: .soleProprietor, state: .notAwarded) == nil)
        #expect(ApplicantPublication.name("ТОВ «Кульбабка»", kind: .company, state: .notAwarded) == "ТОВ «Кульбабка»")
        #expect(ApplicantPublication.name("ТОВ «Кульбабка»", kind: nil, state: .notAwarded) == nil)
        for state in [ApplicationState.rejected, .withdrawn, .draft, .submitted, .returned, .accepted] {
            #expect(ApplicantPublication.name("ТОВ «Кульбабка»", kind: .company, state: state) == nil)
        }
    }

    @Test func anOpenCallKeepsItsRulesAndItsDeadlineOnlyMovesLater() {
        var announced = call()
        announced.opensAt = t0.addingTimeInterval(86_400)
        var anything = announced
        anything.criteria = [ScoringCriterion(id: "jobs", title: LocalizedName(uk: "j", en: "j"), weight: 100)]
        anything.maximumPerApplicant = Money(hryvnias: 1)
        #expect(announced.lockedChanges(to: anything, at: t0).isEmpty)
        var unpublished = announced
        unpublished.publishedAt = nil
        #expect(announced.lockedChanges(to: unpublished, at: t0).map(\.field) == ["publishedAt"])

        let open = call(), during = t0.addingTimeInterval(86_400)
        var wording = open
        wording.title = LocalizedName(uk: "Новий заголовок", en: "New title")
        wording.fund = Money(hryvnias: 2_000_000)
        wording.reportMonths = [3]
        wording.closesAt = open.closesAt.addingTimeInterval(86_400)
        #expect(open.lockedChanges(to: wording, at: during).isEmpty)
        var rules = open
        rules.closesAt = open.closesAt.addingTimeInterval(-86_400)
        rules.eligibility.sizes = [.micro]
        rules.criteria[0].weight = 45
        rules.criteria[1].weight = 30
        rules.documents = []
        #expect(open.lockedChanges(to: rules, at: during).map(\.field) == ["closesAt", "sizes", "criteria", "documents"])
        var renamed = open
        renamed.criteria[0].title = LocalizedName(uk: "Нові робочі місця", en: "New jobs")
        #expect(open.lockedChanges(to: renamed, at: during).isEmpty)
        var later = open
        later.closesAt = open.closesAt.addingTimeInterval(86_400)
        #expect(open.lockedChanges(to: later, at: open.closesAt).map(\.field) == ["closesAt"])
    }

    @Test func anApplicationIsReturnedOnceWithAWorkingDayDeadlineAndLapsesUnfixed() throws {
        let call = call()
        var application = SupportApplication(
            id: SupportApplicationID(rawValue: "a1"), callID: call.id, city: city, account: AccountID(rawValue: "p1"), createdAt: t0)
        // Not before the call opens, then on time.
        #expect(throws: SupportApplication.Problem.callNotOpen) { try application.submit(to: call, at: t0.addingTimeInterval(-1)) }
        try application.submit(to: call, at: t0.addingTimeInterval(3_600))
        #expect(throws: SupportApplication.Problem.noteMissing) {
            try application.returnForFixes(note: "  ", call: call, calendar: .martialLaw, at: t0.addingTimeInterval(86_400))
        }
        // Returned on Saturday 16 January: five working days are Monday 18 to Friday 22, so the fixes are due as Saturday 23 begins.
        try application.returnForFixes(note: "Додайте кошторис", call: call, calendar: .martialLaw, at: t0.addingTimeInterval(86_400))
        #expect(application.state == .returned && application.fixDue == CalendarDate(year: 2027, month: 1, day: 23).startInKyiv)
        // Fixed after the call closed but before the deadline: back with staff, never returned again.
        var fixed = application
        var closed = call
        closed.closesAt = t0.addingTimeInterval(2 * 86_400)
        try fixed.submit(to: closed, at: t0.addingTimeInterval(4 * 86_400))
        #expect(fixed.state == .submitted && fixed.submittedAt == t0.addingTimeInterval(3_600))
        #expect(throws: SupportApplication.Problem.alreadyReturned) {
            try fixed.returnForFixes(note: "Ще раз", call: call, calendar: .martialLaw, at: t0.addingTimeInterval(5 * 86_400))
        }
        try fixed.accept(at: t0.addingTimeInterval(5 * 86_400))
        try fixed.settle(awarded: true, at: t0.addingTimeInterval(40 * 86_400))
        #expect(fixed.state == .awarded)
        // Not fixed in time: too late to send, and staff reject it.
        let late = application.fixDue ?? t0
        #expect(throws: SupportApplication.Problem.fixDeadlinePassed) { try application.submit(to: call, at: late) }
        #expect(throws: SupportApplication.Problem.notNow(.returned)) { try application.reject(reason: "Не виправлено", at: late.addingTimeInterval(-1)) }
        try application.reject(reason: "Не виправлено вчасно", at: late)
        #expect(application.state == .rejected && application.rejectionReason == "Не виправлено вчасно")
        #expect(throws: SupportApplication.Problem.notNow(.rejected)) { try application.withdraw() }
    }

    @Test func scoresAreAveragedPerCriterionWeighedAndComparedExactly() throws {
        let call = call()
        let a = ScoreSheet(member: AccountID(rawValue: "m1"), points: ["jobs": 8, "plan": 7, "local": 10])
        let b = ScoreSheet(member: AccountID(rawValue: "m2"), points: ["jobs": 6, "plan": 9, "local": 5])
        let total = try #require(ScoreTotal(sheets: [a, b], call: call))
        // (40·14 + 35·16 + 25·15) / (2 · 10) = 1 495 / 20 = 74.75 points of 100.
        #expect(total.weighed == 1_495 && total.formatted == "74.75" && total.reaches(74) && !total.reaches(75))
        // One member's 7.475 per point equals two members' same sum: a tie is exact, not a rounding.
        let one = ScoreSheet(member: AccountID(rawValue: "m3"), points: ["jobs": 7, "plan": 8, "local": 7])
        #expect(ScoreTotal(sheets: [one], call: call)?.weighed == 735)
        // A score out of the scale, a criterion missing or foreign, a member twice: no total.
        #expect(throws: ScoreSheet.Problem.outOfRange("jobs")) { try ScoreSheet(member: a.member, points: ["jobs": 11, "plan": 1, "local": 1]).check(against: call) }
        #expect(throws: ScoreSheet.Problem.outOfRange("local")) { try ScoreSheet(member: a.member, points: ["jobs": 1, "plan": 1]).check(against: call) }
        #expect(throws: ScoreSheet.Problem.unknownCriterion("cost")) { try ScoreSheet(member: a.member, points: ["cost": 1]).check(against: call) }
        #expect(ScoreTotal(sheets: [a, a], call: call) == nil && ScoreTotal(sheets: [], call: call) == nil)
    }

    @Test func theListFundsDownTheRanksPassesOverWhatDoesNotFitAndBreaksTiesByTheFirstSubmission() throws {
        let call = call()
        func candidate(_ id: String, _ points: Int, asks: Int64, at minutes: Double) throws -> AwardList.Candidate {
            let sheet = ScoreSheet(member: AccountID(rawValue: "m"), points: ["jobs": points, "plan": points, "local": points])
            return AwardList.Candidate(
                id: SupportApplicationID(rawValue: id), total: try #require(ScoreTotal(sheets: [sheet], call: call)),
                requested: Money(hryvnias: asks), submittedAt: t0.addingTimeInterval(minutes * 60))
        }
        let lines = AwardList.decide(
            [try candidate("late-tie", 9, asks: 300_000, at: 50), try candidate("best", 10, asks: 600_000, at: 90), try candidate("early-tie", 9, asks: 300_000, at: 10),
             try candidate("small", 6, asks: 50_000, at: 5), try candidate("weak", 4, asks: 10_000, at: 1)],
            fund: Money(hryvnias: 1_000_000), minimumTotal: 50)
        #expect(lines.map(\.candidate.id.rawValue) == ["best", "early-tie", "late-tie", "small", "weak"])
        #expect(lines.map(\.verdict) == [.awarded, .awarded, .beyondFund, .awarded, .belowMinimum])
        #expect(lines.map(\.rank) == [1, 2, 3, 4, 5])
    }

    @Test func theFundIsNeverCommittedOrPaidBeyondItselfOrAnAgreement() {
        let position = FundPosition(fund: Money(hryvnias: 1_000), committed: Money(hryvnias: 800), paid: Money(hryvnias: 500))
        #expect(position.uncommitted == Money(hryvnias: 200) && position.unpaid == Money(hryvnias: 500))
        #expect(throws: FundPosition.Problem.beyondFund) { try position.checkAgreement(Money(hryvnias: 201), maximumPerApplicant: Money(hryvnias: 500)) }
        #expect(throws: FundPosition.Problem.beyondMaximum) { try position.checkAgreement(Money(hryvnias: 600), maximumPerApplicant: Money(hryvnias: 500)) }
        #expect(throws: FundPosition.Problem.amountNotPositive) { try position.checkAgreement(.zero, maximumPerApplicant: Money(hryvnias: 500)) }
        #expect(throws: FundPosition.Problem.beyondAgreement) {
            try position.checkPayout(Money(hryvnias: 101), agreed: Money(hryvnias: 300), alreadyPaid: Money(hryvnias: 200))
        }
        #expect(throws: Never.self) { try position.checkPayout(Money(hryvnias: 100), agreed: Money(hryvnias: 300), alreadyPaid: Money(hryvnias: 200)) }
    }

    @Test func resultsAreDueTheCallsMonthsAfterTheAgreementAndRemindedAWeekBefore() {
        // Signed on 31 January: six months on is 31 July, a month on is the last of February.
        let signed = CalendarDate(year: 2027, month: 1, day: 31).startInKyiv.addingTimeInterval(12 * 3_600)
        let due = ReportSchedule.dueDates(signedAt: signed, months: [6, 1])
        #expect(due == [CalendarDate(year: 2027, month: 3, day: 1).startInKyiv, CalendarDate(year: 2027, month: 8, day: 1).startInKyiv])
        #expect(!ReportSchedule.remindNow(due: due[0], at: due[0].addingTimeInterval(-8 * 86_400)))
        #expect(ReportSchedule.remindNow(due: due[0], at: due[0].addingTimeInterval(-7 * 86_400)) && ReportSchedule.remindNow(due: due[0], at: due[0]))
        #expect(ResultReport(jobsCreated: 3, turnover: Money(hryvnias: 10), investment: .zero, note: "").problems.isEmpty)
        #expect(ResultReport(jobsCreated: -1, turnover: Money(kopiyky: -5), investment: .zero, note: "").problems == ["jobsCreated", "turnover"])
        #expect(CalendarDate(year: 2028, month: 2, day: 29).adding(months: 12) == CalendarDate(year: 2029, month: 2, day: 28))
        #expect(CalendarDate(year: 2027, month: 1, day: 15).adding(months: -13) == CalendarDate(year: 2025, month: 12, day: 15))
    }

    @Test func anEventFillsToItsCapacityThenTheWaitingListMovesUpInOrder() {
        #expect(RegistrationRules.place(registered: 29, capacity: 30) == .registered)
        #expect(RegistrationRules.place(registered: 30, capacity: 30) == .waiting)
        #expect(RegistrationRules.movingUp(waiting: [(7, "c"), (3, "a"), (5, "b")], free: 2) == ["a", "b"])
        #expect(RegistrationRules.movingUp(waiting: [(1, "a")], free: -1).isEmpty)
        let code = RegistrationRules.ticketCode()
        #expect(code.count == 10 && RegistrationRules.normalisedTicket(code) == code)
        #expect(RegistrationRules.normalisedTicket("ab1o-il 2345") == "AB101123 45".replacingOccurrences(of: " ", with: ""))
        #expect(RegistrationRules.normalisedTicket("short") == nil && RegistrationRules.normalisedTicket("ЖЖЖЖЖЖЖЖЖЖ") == nil)
        #expect(EventFeedback(rating: 0, comment: "") == nil && EventFeedback(rating: 5, comment: "Корисно")?.rating == 5)
    }

    @Test func anEventsPlacesDatesAndPlaceAreChecked() {
        let event = BusinessEvent(
            id: BusinessEventID(rawValue: "e"), city: city, title: LocalizedName(uk: "Тренінг", en: "Training"), description: LocalizedName(uk: "", en: ""),
            place: "ЦНАП", startsAt: t0, endsAt: t0.addingTimeInterval(3 * 3_600), capacity: 30, registrationClosesAt: t0.addingTimeInterval(-3_600))
        #expect(event.problems.isEmpty && event.takesRegistrations(at: t0.addingTimeInterval(-7_200)) && !event.takesRegistrations(at: t0))
        var wrong = event
        wrong.capacity = 0
        wrong.endsAt = t0
        wrong.registrationClosesAt = t0.addingTimeInterval(1)
        #expect(wrong.problems == ["endsAt", "capacity", "registrationClosesAt"])
        // A place on the map is within the globe, or there is none.
        #expect(Location(latitude: 48.67, longitude: 29.24) != nil && Location(latitude: 91, longitude: 0) == nil)
        #expect(Location(latitude: .nan, longitude: 0) == nil && Location(latitude: 0, longitude: -.infinity) == nil)
        #expect(event.takesFeedback(at: t0) && !event.takesFeedback(at: t0.addingTimeInterval(-1)))
    }

    @Test func aTicketCodeIsShownInTwoGroupsOfFiveAndReadBackWhole() {
        #expect(RegistrationRules.grouped("ABCDE12345") == "ABCDE-12345")
        #expect(RegistrationRules.normalisedTicket(RegistrationRules.grouped("ABCDE12345")) == "ABCDE12345")
        #expect(RegistrationRules.grouped("ABC") == "ABC")
    }

    @Test func aReminderGoesWithinTheDayBeforeTheStart() {
        #expect(!EventReminder.isDue(startsAt: t0, at: t0.addingTimeInterval(-86_401)))
        #expect(EventReminder.isDue(startsAt: t0, at: t0.addingTimeInterval(-86_400)))
        #expect(EventReminder.isDue(startsAt: t0, at: t0.addingTimeInterval(-60)))
        #expect(!EventReminder.isDue(startsAt: t0, at: t0))
    }

    @Test func placesLeftAreTheCapacityLessThoseRegisteredAndNeverBelowNone() {
        let event = BusinessEvent(
            id: BusinessEventID(rawValue: "e"), city: city, title: LocalizedName(uk: "Тренінг", en: "Training"), description: LocalizedName(uk: "", en: ""),
            place: "ЦНАП", startsAt: t0, endsAt: t0.addingTimeInterval(3_600), capacity: 30, registrationClosesAt: t0)
        #expect(event.placesLeft(registered: 0) == 30 && event.placesLeft(registered: 29) == 1 && event.placesLeft(registered: 32) == 0)
    }

    @Test func anOrganisationPublishesOnlyTheContactsItChoseAndMembersAreAccepted() {
        let club = Organisation(
            id: OrganisationID(rawValue: "o"), city: city, kind: .club, name: "Клуб підприємців Ладижина", description: LocalizedName(uk: "", en: ""),
            contacts: PublishedContacts(email: "club@ladyzhyn.example", website: "https://club.example"), createdAt: t0)
        #expect(club.problems.isEmpty)
        var wrong = club
        wrong.code = "12345679"
        wrong.contacts = PublishedContacts(email: "not mail", phone: "12", website: "javascript:alert(1)")
        #expect(wrong.problems == ["code", "email", "phone", "website"])
        #expect(MembershipState.requested.allows(.member) && MembershipState.left.allows(.requested) && !MembershipState.declined.allows(.member))
        #expect(MembershipState.admin.isMember && !MembershipState.requested.isMember)
        #expect(OrganisationKind.socialEnterprise.hasMission && !OrganisationKind.cluster.hasMission)
    }

    @Test func theLastAdminMayNeitherLeaveNorStepDown() {
        #expect(!MembershipState.admin.allows(.left, admins: 1) && !MembershipState.admin.allows(.member, admins: 1))
        #expect(MembershipState.admin.allows(.left, admins: 2) && MembershipState.admin.allows(.member, admins: 2))
        #expect(MembershipState.member.allows(.left, admins: 1) && MembershipState.member.allows(.admin, admins: 1))
        #expect(MembershipState.requested.allows(.member, admins: 0) && !MembershipState.requested.allows(.admin, admins: 3))
    }

    @Test func anOrganisationsAddressAndEnglishNameAreCheckedAndTheNameFollowsTheReader() {
        var club = Organisation(
            id: OrganisationID(rawValue: "o"), city: city, kind: .club, name: "Клуб підприємців", englishName: "Entrepreneurs' Club",
            description: LocalizedName(uk: "", en: ""), contacts: PublishedContacts(address: "вул. Соборна, 1"), createdAt: t0)
        #expect(club.problems.isEmpty && club.name(in: .en) == "Entrepreneurs' Club" && club.name(in: .uk) == "Клуб підприємців")
        club.englishName = "X"
        club.contacts.address = String(repeating: "а", count: 301)
        #expect(club.problems == ["englishName", "address"])
        club.englishName = nil
        #expect(club.name(in: .en) == "Клуб підприємців")
    }
}
