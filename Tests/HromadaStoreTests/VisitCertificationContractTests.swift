import Foundation
import HromadaDomain
import HromadaTestSupport
import HromadaWeb
import Testing
@testable import HromadaStore
@testable import Visit

/// The hospitality standard's store on both databases: checklist versions
/// that never change, one certification per place however many apply at
/// once, changes only from the revision read (two decisions at once leave
/// one certificate), a slot booked once, one rating per person in 30 days,
/// expiry and reminders claimed once, and every read kept to its city.
@Suite struct VisitCertificationContractTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")
    let checklist = CertificationDemoSeeder.checklistV1

    func place(_ id: String = "cafe", in city: MunicipalityID? = nil) throws -> Place {
        Place(
            id: PlaceID(rawValue: id), city: city ?? vinnytsia, kind: .food, name: LocalizedName(uk: "Кав'ярня «Дім кави»", en: "Dim Kavy"),
            summary: LocalizedName(uk: "", en: ""), description: LocalizedName(uk: "", en: ""), address: LocalizedName(uk: "вул. Соборна, 36", en: "36 Soborna St"),
            location: try GeoPoint(longitude: 28.4679, latitude: 49.2327), updatedAt: t0)
    }

    /// Two cities, a place and the checklist in Вінниця, and `count` people.
    func world(_ store: Store, people count: Int) async throws -> [Account] {
        try await seedCities(store)
        let people = (0..<count).map { account("p\($0)@example.com") }
        let cafe = try place(), checklist = checklist, city = vinnytsia
        try await store.write { tx async throws in
            for person in people { _ = try await tx.accounts.insert(person) }
            try await tx.visitGuide.save(cafe, at: t0)
            #expect(try await tx.certification.publish(checklist, in: city, at: t0))
        }
        return people
    }

    func application(by account: AccountID, id: String = CertificationID.random().rawValue) -> Certification {
        Certification(id: CertificationID(rawValue: id), city: vinnytsia, place: PlaceID(rawValue: "cafe"), applicant: account, checklistVersion: 1, at: t0)
    }

    /// Assessed and passing, ready for the staff's decision.
    func assessed(_ certification: Certification, assessor: AccountID) throws -> Certification {
        var certification = certification
        let whole = CertificationDemoSeeder.sheet(checklist)
        try certification.selfAssess(whole, on: checklist)
        try certification.book(AssessmentBooking(slot: AssessmentSlotID(rawValue: "s"), startsAt: t0 + 86_400, assessor: assessor), checklist: checklist, at: t0)
        for section in checklist.sections {
            try certification.saveSection(section, whole.answers.filter { checklist.criterion($0.key)?.section == section }, on: checklist, by: assessor)
        }
        _ = try certification.submitAssessment(on: checklist, by: assessor, at: t0 + 86_400)
        return certification
    }

    @Test(arguments: TestDatabase.available)
    func aChecklistVersionIsPublishedOnceAndTheNewestIsCurrent(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            _ = try await world(store, people: 0)
            let city = vinnytsia, checklist = checklist
            #expect(try await store.write { try await $0.certification.publish(checklist, in: city, at: t0) } == false)
            let v2 = HospitalityChecklist(version: 2, criteria: Array(checklist.criteria.prefix(3)))
            #expect(try await store.write { try await $0.certification.publish(v2, in: city, at: t0) })
            #expect(try await store.read { try await $0.certification.currentChecklist(in: city) } == v2)
            #expect(try await store.read { try await $0.certification.checklist(version: 1, in: city) } == checklist)
            #expect(try await store.read { try await $0.certification.currentChecklist(in: self.zhmerynka) } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoHundredApplicationsAtOnceByOnePersonForOnePlaceLeaveOne(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let person = try await world(store, people: 1)[0]
            let attempts = (0..<200).map { _ in application(by: person.id) }
            let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in attempts { group.addTask { try await store.write { try await $0.certification.apply(attempt, at: t0) }.created } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(created == 1)
            let city = vinnytsia
            let all = try await store.read { try await $0.certification.certifications(in: city) }
            #expect(all.count == 1 && all.first?.certification.applicant == person.id && all.first?.revision == 1)
            #expect(try await store.read { try await $0.certification.certifications(in: self.zhmerynka) }.isEmpty)
            #expect(try await store.read { try await $0.certification.certification(all[0].certification.id, in: self.zhmerynka) } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoDecisionsAtOnceLeaveOneCertificate(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let people = try await world(store, people: 2)
            let (owner, assessor) = (people[0].id, people[1].id)
            let stored = try await store.write { try await $0.certification.apply(self.application(by: owner), at: t0) }.stored
            let ready = try assessed(stored.certification, assessor: assessor)
            #expect(try await store.write { try await $0.certification.update(ready, from: stored.revision, at: t0) })
            let read = try #require(try await store.read { try await $0.certification.certification(ready.id, in: self.vinnytsia) })
            struct Lost: Error {}
            let issued = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in 0..<2 {
                    group.addTask {
                        var decided = read.certification
                        let result = try decided.issue(CertificateID(rawValue: "k\(attempt)"), at: t0 + 2 * 86_400)
                        let final = decided
                        do {
                            try await store.write { tx async throws in
                                guard try await tx.certification.update(final, from: read.revision, at: t0), try await tx.certification.insert(result.certificate, round: 1)
                                else { throw Lost() }
                            }
                            return true
                        } catch is Lost {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(issued == 1)
            let city = vinnytsia
            let certificates = try await store.read { try await $0.certification.certificates(in: city) }
            #expect(certificates.count == 1 && certificates[0].level == .certifiedWithDistinction && certificates[0].checklistVersion == 1)
            #expect(try await store.read { try await $0.certification.certification(ready.id, in: city) }?.certification.state == .certified)
            #expect(try await store.read { try await $0.certification.certificate(certificates[0].id, in: self.zhmerynka) } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSlotIsBookedOnceAndNeverInThePastOrAnotherCity(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let people = try await world(store, people: 21)
            let slot = CertificationRepository.Slot(id: AssessmentSlotID(rawValue: "s1"), city: vinnytsia, startsAt: t0 + 86_400, assessor: people[0].id, certification: nil)
            try await store.write { try await $0.certification.offer(slot, at: t0) }
            let city = vinnytsia
            let ids = (0..<20).map { CertificationID(rawValue: "c\($0)") }
            try await store.write { tx async throws in
                for (index, id) in ids.enumerated() {
                    var certification = Certification(id: id, city: city, place: PlaceID(rawValue: "place\(index)"), applicant: people[index + 1].id, checklistVersion: 1, at: t0)
                    certification.contactPhone = "+380671234567"
                    _ = try await tx.certification.apply(certification, at: t0)
                }
            }
            #expect(try await store.write { try await $0.certification.claim(slot.id, for: ids[0], in: self.zhmerynka, at: t0) } == nil)
            #expect(try await store.write { try await $0.certification.claim(slot.id, for: ids[0], in: city, at: t0 + 86_400) } == nil)
            let taken = try await withThrowingTaskGroup(of: Bool.self) { group in
                for id in ids { group.addTask { try await store.write { try await $0.certification.claim(slot.id, for: id, in: city, at: t0) } != nil } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(taken == 1)
            #expect(try await store.read { try await $0.certification.slots(in: city, from: t0, freeOnly: true) }.isEmpty)
            #expect(try await store.read { try await $0.certification.slots(in: city, from: t0) }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPersonRatesAPlaceOnceInThirtyDaysEvenAtOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let people = try await world(store, people: 2)
            let id = try await store.write { try await $0.certification.apply(self.application(by: people[0].id), at: t0) }.stored.certification.id
            let visitor = people[1].id
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in 0..<20 {
                    group.addTask {
                        guard let rating = VisitorRating(stars: 1 + attempt % 5, at: t0 + Double(attempt)) else { return false }
                        return try await store.write { try await $0.certification.rate(rating, of: id, by: visitor) }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(accepted == 1)
            #expect(try await store.read { try await $0.certification.ratings(of: id) }.count == 1)
            let later = try #require(VisitorRating(stars: 2, at: t0 + 31 * 86_400))
            #expect(try await store.write { try await $0.certification.rate(later, of: id, by: visitor) })
            #expect(try await store.read { try await $0.certification.ratingTotals(of: id) }.count == 2)
            try await store.write { try await $0.certification.report(id: "r1", of: id, by: visitor, body: "Брудна вбиральня, немає мила.", at: t0) }
            #expect(try await store.write { try await $0.certification.decideReport("r1", of: id, as: .dismissed, at: t0) })
            #expect(try await store.write { try await $0.certification.decideReport("r1", of: CertificationID(rawValue: "other"), as: .upheld, at: t0) } == false)
            #expect(try await store.read { try await $0.certification.reports(of: id) }.map(\.state) == [.dismissed])
        }
    }

    @Test(arguments: TestDatabase.available)
    func expiryAndEachReminderAreClaimedOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let people = try await world(store, people: 1)
            let city = vinnytsia
            let stored = try await store.write { try await $0.certification.apply(self.application(by: people[0].id), at: t0) }.stored
            func certificate(_ id: String, until: Date, round: Int) -> Certificate {
                Certificate(id: CertificateID(rawValue: id), city: city, certification: stored.certification.id, place: PlaceID(rawValue: "cafe"), level: .certified,
                            score: AssessmentScore(met: 8, applicable: 10), checklistVersion: 1, issuedAt: t0 - 700 * 86_400, validUntil: until)
            }
            // One expired, one 20 days from its end, one 60 days, one a year.
            let certificates = [certificate("gone", until: t0 - 1, round: 1), certificate("soon", until: t0 + 20 * 86_400, round: 2),
                                certificate("later", until: t0 + 60 * 86_400, round: 3), certificate("far", until: t0 + 365 * 86_400, round: 4)]
            try await store.write { tx async throws in for (index, item) in certificates.enumerated() { #expect(try await tx.certification.insert(item, round: index + 1)) } }
            #expect(try await store.write { try await $0.certification.insert(certificates[0], round: 1) } == false)
            #expect(try await store.write { try await $0.certification.claimExpired(at: t0) }.map(\.id.rawValue) == ["gone"])
            #expect(try await store.write { try await $0.certification.claimExpired(at: t0) }.isEmpty)
            let reminded = try await store.write { try await $0.certification.claimReminders(at: t0) }
            #expect(reminded.map { "\($0.certificate.id.rawValue):\($0.days)" } == ["soon:30", "later:90"])
            #expect(try await store.write { try await $0.certification.claimReminders(at: t0) }.isEmpty)
            // Thirty days on, the one that had its 90-day letter gets its 30-day one.
            #expect(try await store.write { try await $0.certification.claimReminders(at: t0 + 31 * 86_400) }.map { "\($0.certificate.id.rawValue):\($0.days)" } == ["later:30"])
            // Withdrawn and replaced certificates are neither reminded nor expired.
            try await store.write { tx async throws in
                try await tx.certification.withdraw(CertificateID(rawValue: "far"), reason: "Брудна кухня", at: t0)
            }
            #expect(try await store.read { try await $0.certification.certificate(CertificateID(rawValue: "far"), in: city) }?.status(at: t0) == .withdrawn)
            #expect(try await store.write { try await $0.certification.claimReminders(at: t0 + 300 * 86_400) }.isEmpty)
            #expect(try await store.write { try await $0.certification.claimExpired(at: t0 + 400 * 86_400) }.map(\.id.rawValue).sorted() == ["later", "soon"])
        }
    }
}
