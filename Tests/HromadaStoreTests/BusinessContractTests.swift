import Foundation
import HromadaDomain
import HromadaTestSupport
import HromadaWeb
import Testing
@testable import Business
@testable import HromadaStore

/// The business module's store on both databases: calls and their fund,
/// applications with the committee's conflicts and scores, agreements and
/// payouts that never pass the fund however many come at once, reports,
/// events that fill to capacity and a waiting list that keeps its order,
/// and the directory.
@Suite struct BusinessContractTests {
    /// The module is not in the deployment's registry until its pages are whole; its tables come with it here.
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")

    func call(_ id: String = "c1", fund: Int64 = 1_000, maximum: Int64 = 100, published: Bool = true) -> SupportCall {
        SupportCall(
            id: SupportCallID(rawValue: id), city: vinnytsia, title: LocalizedName(uk: "Гранти на обладнання", en: "Equipment grants"),
            description: LocalizedName(uk: "", en: ""), instrument: .grant, fund: Money(hryvnias: fund), maximumPerApplicant: Money(hryvnias: maximum),
            opensAt: t0, closesAt: t0.addingTimeInterval(30 * 86_400),
            eligibility: EligibilityRules(kinds: [.company, .soleProprietor], sizes: [.micro, .small]),
            criteria: [ScoringCriterion(id: "jobs", title: LocalizedName(uk: "Робочі місця", en: "Jobs"), weight: 100)],
            documents: [RequiredDocument(id: "plan", title: LocalizedName(uk: "Бізнес-план", en: "Business plan"))], reportMonths: [6, 12],
            publishedAt: published ? t0 : nil)
    }

    func accounts(_ store: Store, _ count: Int, prefix: String) async throws -> [Account] {
        let made = (0..<count).map { account("\(prefix)\($0)@example.com") }
        try await store.write { tx in for item in made { _ = try await tx.accounts.insert(item) } }
        return made
    }

    @Test(arguments: TestDatabase.available)
    func callsKeepTheirDocumentAndAFundNeverShrinksBelowWhatItCommitted(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let (published, draft) = (call("c1"), call("c2", published: false))
            try await store.write { tx async throws in
                #expect(try await tx.supportCalls.save(published, at: t0))
                #expect(try await tx.supportCalls.save(draft, at: t0))
            }
            let city = vinnytsia
            #expect(try await store.read { try await $0.supportCalls.calls(in: city) }.map(\.call.id.rawValue) == ["c1"])
            #expect(try await store.read { try await $0.supportCalls.calls(in: city, includingDrafts: true) }.count == 2)
            #expect(try await store.read { try await $0.supportCalls.call(published.id, in: city) }?.call == published)
            #expect(try await store.read { try await $0.supportCalls.call(published.id, in: self.zhmerynka) } == nil)
            // 100 committed: the fund may fall to 100, not below.
            let application = try await applied(store, to: published, by: try await accounts(store, 1, prefix: "a")[0])
            _ = try await store.write {
                try await $0.supportCalls.signAgreement(id: "g1", call: published, application: application, amount: Money(hryvnias: 100), reference: "Д-1", at: t0)
            }
            var smaller = published
            smaller.fund = Money(hryvnias: 99)
            let tooSmall = smaller
            #expect(try await store.write { try await $0.supportCalls.save(tooSmall, at: t0) } == false)
            smaller.fund = Money(hryvnias: 100)
            let justEnough = smaller
            #expect(try await store.write { try await $0.supportCalls.save(justEnough, at: t0) })
            // Another city cannot overwrite the call by its id.
            let foreign = SupportCall(
                id: published.id, city: zhmerynka, title: published.title, description: published.description, instrument: .grant, fund: published.fund,
                maximumPerApplicant: published.maximumPerApplicant, opensAt: t0, closesAt: published.closesAt, eligibility: published.eligibility,
                criteria: published.criteria, documents: [])
            #expect(try await store.write { try await $0.supportCalls.save(foreign, at: t0) } == false)
        }
    }

    /// A submitted application of `account` to `call`.
    func applied(_ store: Store, to call: SupportCall, by account: Account, key: String? = nil) async throws -> SupportApplicationID {
        var application = SupportApplication(id: .random(), callID: call.id, city: call.city, account: account.id, createdAt: t0)
        let id = application.id
        try application.submit(to: call, at: t0.addingTimeInterval(60))
        let submitted = application
        try await store.write { tx async throws in
            _ = try await tx.supportApplications.start(SupportApplication(id: id, callID: call.id, city: call.city, account: account.id, createdAt: t0), form: ApplicationForm())
            #expect(try await tx.supportApplications.update(submitted, form: ApplicationForm(), fromVersion: 0))
            #expect(try await tx.supportApplications.claimApplicant(key ?? id.rawValue, for: id, call: call.id))
        }
        return id
    }

    @Test(arguments: TestDatabase.available)
    func anApplicationIsOnePerPersonAndApplicantAndItsCommitteeSeesOnlyWhatItMayScore(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let call = call()
            try await store.write { _ = try await $0.supportCalls.save(call, at: t0) }
            let people = try await accounts(store, 5, prefix: "p")
            let (author, colleague, m1, m2, m3) = (people[0], people[1], people[2], people[3], people[4])
            let id = try await applied(store, to: call, by: author, key: "digest-of-32855961")
            // One per person: a second start is refused; one per applicant: a colleague's application for the same company cannot claim it.
            let again = SupportApplication(id: .random(), callID: call.id, city: vinnytsia, account: author.id, createdAt: t0)
            #expect(try await store.write { try await $0.supportApplications.start(again, form: ApplicationForm()) } == nil)
            let other = SupportApplication(id: .random(), callID: call.id, city: vinnytsia, account: colleague.id, createdAt: t0)
            let otherID = other.id
            #expect(try await store.write { try await $0.supportApplications.start(other, form: ApplicationForm()) } != nil)
            #expect(try await store.write { try await $0.supportApplications.claimApplicant("digest-of-32855961", for: otherID, call: call.id) } == false)
            // A stale version is not written.
            var stored = try #require(try await store.read { try await $0.supportApplications.application(id, in: self.vinnytsia) })
            #expect(stored.version == 1 && stored.application.state == .submitted)
            var accepted = stored.application
            try accepted.accept(at: t0.addingTimeInterval(3_600))
            let acceptedNow = accepted
            let form = stored.form
            #expect(try await store.write { try await $0.supportApplications.update(acceptedNow, form: form, fromVersion: 0) } == false)
            #expect(try await store.write { try await $0.supportApplications.update(acceptedNow, form: form, fromVersion: 1) })
            stored = try #require(try await store.read { try await $0.supportApplications.application(id, in: self.vinnytsia) })
            #expect(stored.application.state == .accepted && stored.version == 2)
            #expect(try await store.read { try await $0.supportApplications.application(id, in: self.zhmerynka) } == nil)
            // Personal data apart.
            try await store.write {
                try await $0.supportApplications.putPrivate(.init(code: "32855961", email: "a@example.com", phone: "+380671234567"), of: id)
            }
            #expect(try await store.read { try await $0.supportApplications.privateDetails(of: id) }?.email == "a@example.com")
            // Its documents, by the application and by the call.
            let pdf = Array("%PDF-1.7".utf8)
            let attachment = Attachment(
                id: AttachmentID(rawValue: "att-1"), municipalityID: vinnytsia, owner: UploadOwner(kind: .init(rawValue: "business_application"), id: id.rawValue),
                title: "План", mediaType: "application/pdf", byteCount: pdf.count, sha256: "x", uploadedBy: author.id, uploadedAt: t0)
            try await store.write { tx async throws in
                try await tx.attachments.insert(attachment, bytes: pdf)
                try await tx.supportApplications.attach(attachment.id, as: "plan", to: id)
            }
            #expect(try await store.read { try await $0.supportApplications.documents(of: id) } == ["plan": attachment.id])
            #expect(try await store.read { try await $0.supportApplications.documents(ofCall: call.id) } == [id: ["plan": attachment.id]])

            // Two members score; the third declares a conflict, never sees it, and cannot score it.
            @Sendable func sheet(_ member: Account, _ points: Int) -> ScoreSheet { ScoreSheet(member: member.id, points: ["jobs": points], comments: ["jobs": "ok"]) }
            try await store.write { tx async throws in
                #expect(try await tx.supportApplications.score(sheet(m1, 8), on: id, at: t0))
                #expect(try await tx.supportApplications.score(sheet(m3, 2), on: id, at: t0))
                try await tx.supportApplications.declareConflict(m3.id, on: id, at: t0)
                #expect(try await tx.supportApplications.score(sheet(m3, 1), on: id, at: t0) == false)
                #expect(try await tx.supportApplications.score(sheet(m2, 6), on: id, at: t0))
                // Scored again, the sheet is replaced.
                #expect(try await tx.supportApplications.score(sheet(m2, 7), on: id, at: t0))
            }
            let sheets = try await store.read { try await $0.supportApplications.sheets(of: id) }
            #expect(Set(sheets.map(\.member)) == [m1.id, m2.id] && sheets.first { $0.member == m2.id }?.points["jobs"] == 7)
            #expect(try await store.read { try await $0.supportApplications.sheets(of: call.id) }[id]?.count == 2)
            #expect(try await store.read { try await $0.supportApplications.forCommittee(m1.id, call: call.id) }.map(\.application.id) == [id])
            #expect(try await store.read { try await $0.supportApplications.forCommittee(m3.id, call: call.id) }.isEmpty)
            #expect(try await store.read { try await $0.supportApplications.conflicts(on: id) } == [m3.id])
            // The list's line.
            let total = try #require(ScoreTotal(sheets: sheets, call: call))
            let line = try #require(AwardList.decide(
                [AwardList.Candidate(id: id, total: total, requested: Money(hryvnias: 100), submittedAt: t0)], fund: call.fund, minimumTotal: 50).first)
            try await store.write { try await $0.supportApplications.place(line) }
            stored = try #require(try await store.read { try await $0.supportApplications.application(id, in: self.vinnytsia) })
            #expect(stored.rank == 1 && stored.verdict == .awarded && stored.totalHundredths == 7_500)
            #expect(try await store.read { try await $0.supportApplications.counts(of: call.id) } == [.accepted: 1, .draft: 1])
            _ = otherID
        }
    }

    @Test(arguments: TestDatabase.available)
    func fiftyPayoutsAtOnceAgainstAFundWithRoomForTenLeaveExactlyTenPaid(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let call = call(fund: 1_000, maximum: 100)
            try await store.write { _ = try await $0.supportCalls.save(call, at: t0) }
            let people = try await accounts(store, 11, prefix: "r")
            var agreements: [String] = []
            for (index, person) in people.prefix(10).enumerated() {
                let application = try await applied(store, to: call, by: person)
                let agreement = try await store.write {
                    try await $0.supportCalls.signAgreement(
                        id: "g\(index)", call: call, application: application, amount: Money(hryvnias: 100), reference: "Д-\(index)", at: t0)
                }
                agreements.append(agreement.id)
            }
            // The fund is all committed: an eleventh agreement does not fit.
            let eleventh = try await applied(store, to: call, by: people[10])
            await #expect(throws: SupportCallRepository.FundRefusal.beyondFund) {
                try await store.write {
                    try await $0.supportCalls.signAgreement(id: "g10", call: call, application: eleventh, amount: Money(hryvnias: 1), reference: "Д", at: t0)
                }
            }
            let clerk = people[0].id, city = vinnytsia, chosen = agreements
            let paid = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in 0..<50 {
                    group.addTask {
                        do {
                            try await store.write {
                                try await $0.supportCalls.recordPayout(
                                    id: "pay\(attempt)", agreement: chosen[attempt % chosen.count], in: city, amount: Money(hryvnias: 100), reference: "П-\(attempt)",
                                    by: clerk, at: t0.addingTimeInterval(Double(attempt)))
                            }
                            return true
                        } catch is SupportCallRepository.FundRefusal {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(paid == 10)
            let position = try #require(try await store.read { try await $0.supportCalls.call(call.id, in: city) }).position
            #expect(position.paid == Money(hryvnias: 1_000) && position.committed == Money(hryvnias: 1_000))
            let rows = try await store.read { try await $0.supportCalls.agreements(of: call.id) }
            #expect(rows.count == 10 && rows.allSatisfy { $0.paid == Money(hryvnias: 100) })
            // Another city's clerk cannot pay under this city's agreement.
            await #expect(throws: SupportCallRepository.FundRefusal.noSuchAgreement) {
                try await store.write {
                    try await $0.supportCalls.recordPayout(id: "x", agreement: chosen[0], in: self.zhmerynka, amount: Money(hryvnias: 1), reference: "", by: clerk, at: t0)
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRecipientReportsAtTheCallsDatesAndIsRemindedOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let call = call()
            try await store.write { _ = try await $0.supportCalls.save(call, at: t0) }
            let person = try await accounts(store, 1, prefix: "q")[0]
            let application = try await applied(store, to: call, by: person)
            _ = try await store.write {
                try await $0.supportCalls.signAgreement(id: "g", call: call, application: application, amount: Money(hryvnias: 50), reference: "Д", at: t0)
            }
            let due = try await store.read { try await $0.supportCalls.reports(of: "g") }.map(\.due)
            #expect(due == ReportSchedule.dueDates(signedAt: t0, months: [6, 12]))
            // A week before the first, it is claimed once; the second is not yet due.
            let weekBefore = due[0].addingTimeInterval(-6 * 86_400)
            let claimed = try await store.write { try await $0.supportCalls.claimReminders(at: weekBefore, remindedBefore: weekBefore) }
            #expect(claimed.map(\.due) == [due[0]])
            #expect(try await store.write { try await $0.supportCalls.claimReminders(at: weekBefore, remindedBefore: weekBefore) }.isEmpty)
            let report = ResultReport(jobsCreated: 3, turnover: Money(hryvnias: 400_000), investment: Money(hryvnias: 90_000), note: "Нова лінія")
            #expect(try await store.write { try await $0.supportCalls.file(report, agreement: "g", due: due[0], at: weekBefore) })
            #expect(try await store.write { try await $0.supportCalls.file(report, agreement: "g", due: due[0], at: weekBefore) } == false)
            #expect(try await store.read { try await $0.supportCalls.reports(of: "g") }.first?.report == report)
            let byAgreement = try await store.read { try await $0.supportCalls.reports(ofCall: call.id) }
            #expect(byAgreement.keys.sorted() == ["g"] && byAgreement["g"]?.map(\.due) == due && byAgreement["g"]?.first?.report == report)
            let year = try #require(KyivYear(2027))
            let figures = try await store.read { try await $0.supportCalls.yearFigures(in: self.vinnytsia, from: year.start, until: year.end) }
            #expect(figures.jobs == 3 && figures.reports == 1 && figures.recipients == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoHundredRegistrationsAtOnceFillThirtyPlacesAndTheRestWaitInOrder(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let event = BusinessEvent(
                id: BusinessEventID(rawValue: "e1"), city: vinnytsia, title: LocalizedName(uk: "Тренінг з експорту", en: "Export training"),
                description: LocalizedName(uk: "", en: ""), place: "ЦНАП", startsAt: t0.addingTimeInterval(86_400),
                endsAt: t0.addingTimeInterval(90_000), capacity: 30, registrationClosesAt: t0.addingTimeInterval(80_000))
            try await store.write { try await $0.businessEvents.save(event, at: t0) }
            let people = try await accounts(store, 200, prefix: "v")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, person) in people.enumerated() {
                    group.addTask {
                        _ = try await store.write { try await $0.businessEvents.register(person.id, for: event, at: t0.addingTimeInterval(Double(index))) }
                    }
                }
                try await group.waitForAll()
            }
            var registrations = try await store.read { try await $0.businessEvents.registrations(at: event.id) }
            #expect(registrations.filter { $0.state == .registered }.count == 30)
            #expect(registrations.filter { $0.state == .waiting }.count == 170)
            // Positions are the order people came in, and everyone registered came before everyone waiting.
            #expect(registrations.map(\.position) == Array(1...200).map(Int64.init))
            #expect(registrations.prefix(30).allSatisfy { $0.state == .registered })
            #expect(Set(registrations.map(\.ticket)).count == 200)
            // Registering again changes nothing.
            let first = registrations[0]
            #expect(try await store.write { try await $0.businessEvents.register(first.account, for: event, at: t0) } == first)
            // A cancellation lets the first waiting in.
            #expect(try await store.write { try await $0.businessEvents.cancel(first.account, at: event) })
            registrations = try await store.read { try await $0.businessEvents.registrations(at: event.id) }
            #expect(registrations.filter { $0.state == .registered }.count == 30 && registrations[29].position == 31 && registrations[29].state == .registered)
            #expect(registrations.filter { $0.state == .waiting }.first?.position == 32)
            // Check-in at the door, once; a waiting person's ticket does not open it.
            let attendee = registrations[1], waiter = registrations[40]
            guard case .welcome = try await store.write({ try await $0.businessEvents.checkIn(ticket: attendee.ticket, at: event.id, instant: t0) }) else {
                Issue.record("the ticket did not check in")
                return
            }
            #expect(try await store.write { try await $0.businessEvents.checkIn(ticket: attendee.ticket, at: event.id, instant: t0) } == .already(t0))
            #expect(try await store.write { try await $0.businessEvents.checkIn(ticket: waiter.ticket, at: event.id, instant: t0) } == .unknown)
            let feedback = try #require(EventFeedback(rating: 5, comment: "Корисно"))
            #expect(try await store.write { try await $0.businessEvents.giveFeedback(feedback, by: attendee.account, at: event.id) })
            #expect(try await store.write { try await $0.businessEvents.giveFeedback(feedback, by: waiter.account, at: event.id) } == false)
            let attendance = try await store.read { try await $0.businessEvents.attendance(at: event.id) }
            #expect(attendance == .init(registered: 30, waiting: 169, attended: 1, ratings: 1, meanRatingHundredths: 500))
            // More places let the next waiting in, in order.
            var bigger = event
            bigger.capacity = 32
            let raised = bigger
            try await store.write { try await $0.businessEvents.save(raised, at: t0) }
            registrations = try await store.read { try await $0.businessEvents.registrations(at: event.id) }
            #expect(registrations.filter { $0.state == .registered }.map(\.position).suffix(2) == [32, 33])
        }
    }

    @Test(arguments: TestDatabase.available)
    func theDirectoryKeepsOrganisationsMembersAndPosts(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await accounts(store, 2, prefix: "o")
            let cluster = Organisation(
                id: OrganisationID(rawValue: "cluster"), city: vinnytsia, kind: .cluster, name: "Жмеринський промисловий кластер",
                description: LocalizedName(uk: "Підприємства міста", en: "The town's manufacturers"), createdAt: t0)
            try await store.write { try await $0.organisations.save(cluster, at: t0) }
            #expect(try await store.read { try await $0.organisations.organisations(in: self.vinnytsia, kind: .cluster) } == [cluster])
            #expect(try await store.read { try await $0.organisations.organisations(in: self.vinnytsia, kind: .club) }.isEmpty)
            #expect(try await store.read { try await $0.organisations.organisation(cluster.id, in: self.zhmerynka) } == nil)
            let (admin, member) = (people[0].id, people[1].id)
            try await store.write { try await $0.organisations.appoint(admin, to: cluster.id, businessName: "ТОВ «Завод»", at: t0) }
            #expect(try await store.write { try await $0.organisations.requestMembership(of: member, in: cluster.id, businessName: "ФОП Коваль", at: t0.addingTimeInterval(60)) } != nil)
            #expect(try await store.write { try await $0.organisations.requestMembership(of: member, in: cluster.id, businessName: "ФОП Коваль", at: t0) } == nil)
            #expect(try await store.write { try await $0.organisations.move(member, in: cluster.id, to: .admin, at: t0) } == false)
            #expect(try await store.write { try await $0.organisations.move(member, in: cluster.id, to: .member, at: t0) })
            #expect(try await store.read { try await $0.organisations.memberships(of: cluster.id) }.map(\.state) == [.admin, .member])
            let post = OrganisationRepository.Post(
                id: "n1", organisation: cluster.id, kind: .news, title: "Зустріч", body: "У четвер", postedBy: admin, postedAt: t0)
            try await store.write { try await $0.organisations.post(post) }
            #expect(try await store.read { try await $0.organisations.posts(of: cluster.id) } == [post])
        }
    }
}
