import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct PetitionContractTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")
    let settings = PetitionSettings(threshold: 3)

    /// Two cities, an author, and an open Vinnytsia petition.
    func seeded(_ store: Store) async throws -> (Petition, Account) {
        try await seedCities(store)
        let author = try await insertAccounts(store, "author@example.com")[0]
        let petition = try Petition.draft(
            title: "Облаштувати пандуси в усіх школах міста", text: String(repeating: "Прошу облаштувати пандуси. ", count: 4),
            category: "Освіта", in: vinnytsia, by: author, at: t0
        ).submitted(by: author.id, settings: settings, at: t0).published(settings: settings, at: t0)
        _ = try await store.write { try await $0.petitions.insert(petition) }
        return (petition, author)
    }

    func signature(_ petition: Petition, _ identity: String, by account: Account, address: String = "203.0.113.7", confirmed: Bool = true)
        -> PetitionRepository.NewSignature
    {
        .init(
            petitionID: petition.id, identityKey: identity, accountID: account.id, signerName: "Підписант \(identity)", signedAt: t0,
            clientAddress: address, emailDomain: "example.com", confirmed: confirmed, notifyOnAnswer: false,
            confirmationDigest: confirmed ? nil : "digest-\(identity)")
    }

    @Test(arguments: TestDatabase.available)
    func petitionsRoundTripWithinTheirCityAndAreNumbered(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (petition, author) = try await seeded(store)
            let city = vinnytsia, other = zhmerynka
            let stored = try #require(try await store.read { try await $0.petitions.petition(petition.id, in: city) })
            #expect(stored.petition == petition && stored.number == 1 && stored.signatureCount == 0)
            #expect(try await store.read { try await $0.petitions.petition(petition.id, in: other) } == nil)
            let second = try Petition.draft(
                title: "Відновити освітлення парку Хоткевича", text: String(repeating: "Прошу відновити ліхтарі. ", count: 4),
                category: "Благоустрій", in: city, by: author, at: t0.addingTimeInterval(60))
            #expect(try await store.write { try await $0.petitions.insert(second) } == 2)
            let open = try await store.read { try await $0.petitions.petitions(in: city, states: [.open]) }
            #expect(open.map(\.petition.id) == [petition.id])
            let drafts = try await store.read { try await $0.petitions.petitions(in: city, states: [.draft, .open], order: .newest) }
            #expect(drafts.map(\.number) == [2, 1])
            // An update through another city changes nothing.
            let moved = { var changed = petition; changed.municipalityID = other; changed.title = "Чужа назва для перевірки меж"; return changed }()
            #expect(try await store.write { try await $0.petitions.update(moved, from: .open) } == false)
            #expect(try await store.read { try await $0.petitions.petition(petition.id, in: city) }?.petition.title == petition.title)
            // Of two changes decided from the same state, only the first is written.
            let closed = petition.expired(signatures: 0, at: t0.addingTimeInterval(91 * 86_400))
            #expect(try await store.write { try await $0.petitions.update(closed, from: .open) })
            #expect(try await store.write { try await $0.petitions.update(closed, from: .open) } == false)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoHundredSimultaneousSignaturesOfOnePersonCountOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (petition, author) = try await seeded(store)
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        try await store.write { try await $0.petitions.sign(signature(petition, "resident:one-person", by: author)) } != nil
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(accepted == 1)
            #expect(try await store.read { try await $0.petitions.exactCount(of: petition.id) } == 1)
            let recount = try await store.write { try await $0.petitions.recount(petition.id) }
            #expect(recount.counted == 1 && recount.counters == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func manySignersAreCountedExactlyAndListedByNameAndDateOnly(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (petition, author) = try await seeded(store)
            let counts = try await withThrowingTaskGroup(of: Int?.self) { group in
                for index in 0..<100 {
                    group.addTask { try await store.write { try await $0.petitions.sign(signature(petition, "resident:\(index)", by: author)) } }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(counts.allSatisfy { $0.map { (1...100).contains($0) } ?? false })
            #expect(try await store.read { try await $0.petitions.exactCount(of: petition.id) } == 100)
            if store.dialect == .sqlite {
                // One writer: each signature saw a distinct exact count, so exactly one saw the threshold crossed.
                #expect(Set(counts.compactMap { $0 }) == Set(1...100))
            }
            // On PostgreSQL two concurrent signers can each miss the other's
            // uncommitted increment; the scheduler's recount catches a crossing
            // that no signer saw, within its tick.
            try await store.write { try await $0.petitions.refreshDisplayedCounts() }
            #expect(try await store.read { try await $0.petitions.petition(petition.id, in: vinnytsia) }?.signatureCount == 100)
            let page = try await store.read { try await $0.petitions.signers(of: petition.id, limit: 10, offset: 0) }
            #expect(page.count == 10 && page.allSatisfy { $0.name.hasPrefix("Підписант") })
        }
    }

    @Test(arguments: TestDatabase.available)
    func signersOfTheSameSecondAreListedInTheOrderTheySigned(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (petition, author) = try await seeded(store)
            // Identity keys sort the other way round from the signing order.
            let identities = ["resident:z", "resident:m", "resident:a"]
            for identity in identities {
                _ = try await store.write { try await $0.petitions.sign(signature(petition, identity, by: author)) }
            }
            let listed = try await store.read { try await $0.petitions.signers(of: petition.id, limit: 10, offset: 0) }
            #expect(listed.map(\.name) == identities.map { "Підписант \($0)" })
            #expect(try await store.read { try await $0.petitions.signers(of: petition.id, limit: 1, offset: 1) }.map(\.name) == ["Підписант resident:m"])
            let open = try await store.read { try await $0.petitions.publicSignatures(in: vinnytsia) }
            #expect(open.filter { $0.petitionID == petition.id }.map(\.name) == identities.map { "Підписант \($0)" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func unconfirmedSignaturesCountOnlyOnceConfirmed(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (petition, author) = try await seeded(store)
            #expect(try await store.write { try await $0.petitions.sign(signature(petition, "email:olena@gmail.com", by: author, confirmed: false)) } == 0)
            #expect(try await store.read { try await $0.petitions.signers(of: petition.id, limit: 10, offset: 0) }.isEmpty)
            #expect(try await store.read { try await $0.petitions.pendingSignature(petition.id, digest: "digest-email:olena@gmail.com") }?.accountID == author.id)
            #expect(try await store.write { try await $0.petitions.confirm(petition.id, digest: "wrong") } == nil)
            #expect(try await store.write { try await $0.petitions.confirm(petition.id, digest: "digest-email:olena@gmail.com") } == 1)
            // The link works once.
            #expect(try await store.write { try await $0.petitions.confirm(petition.id, digest: "digest-email:olena@gmail.com") } == nil)
            #expect(try await store.read { try await $0.petitions.signers(of: petition.id, limit: 10, offset: 0) }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func bulkInvalidationTakesSignaturesOffTheCount(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (petition, author) = try await seeded(store)
            for index in 0..<6 {
                let address = index < 4 ? "198.51.100.9" : "203.0.113.7"
                _ = try await store.write { try await $0.petitions.sign(signature(petition, "resident:\(index)", by: author, address: address)) }
            }
            #expect(try await store.read { try await $0.petitions.busyAddresses(since: t0, over: 0) }
                .contains { $0.1 == "198.51.100.9" && $0.2 == 4 })
            let removed = try await store.write {
                try await $0.petitions.invalidate(petition.id, .init(clientAddress: "198.51.100.9"), reason: "Підписи з однієї адреси за хвилину", at: t0)
            }
            #expect(removed == 4)
            #expect(try await store.read { try await $0.petitions.exactCount(of: petition.id) } == 2)
            #expect(try await store.read { try await $0.petitions.signers(of: petition.id, limit: 10, offset: 0) }.count == 2)
            // An empty selection invalidates nothing.
            #expect(try await store.write { try await $0.petitions.invalidate(petition.id, .init(), reason: "усе", at: t0) } == 0)
            let recount = try await store.write { try await $0.petitions.recount(petition.id) }
            #expect(recount.counted == 2 && recount.counters == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func oneModeratorHoldsAPetitionUntilTheHoldGoesStale(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (petition, _) = try await seeded(store)
            let people = try await insertAccounts(store, "first@example.com", "second@example.com")
            let city = vinnytsia
            #expect(try await store.write { try await $0.petitions.take(petition.id, in: city, by: people[0].id, at: t0, staleBefore: t0.addingTimeInterval(-3_600)) })
            #expect(try await store.write { try await $0.petitions.take(petition.id, in: city, by: people[1].id, at: t0, staleBefore: t0.addingTimeInterval(-3_600)) } == false)
            let later = t0.addingTimeInterval(7_200)
            #expect(try await store.write { try await $0.petitions.take(petition.id, in: city, by: people[1].id, at: later, staleBefore: later.addingTimeInterval(-3_600)) })
            #expect(try await store.read { try await $0.petitions.petition(petition.id, in: city) }?.takenBy == people[1].id)
        }
    }

    @Test(arguments: TestDatabase.available)
    func searchFindsInflectedWordsAndSimilarPetitionsRankTheClosestFirst(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (ramps, author) = try await seeded(store)
            func file(_ title: String, _ text: String, in city: MunicipalityID) throws -> Petition {
                try Petition.draft(title: title, text: text, category: "Інше", in: city, by: author, at: t0)
                    .submitted(by: author.id, settings: settings, at: t0)
            }
            let lights = try file("Освітлення переходів біля шкіл", "Просимо встановити освітлення на всіх пішохідних переходах біля шкіл міста.", in: vinnytsia)
            let park = try file("Новий сквер на Замості", "Просимо облаштувати сквер з лавками та деревами на пустирі біля ринку на Замості.", in: vinnytsia)
            let elsewhere = try file("Пандуси в школах Жмеринки", "Просимо облаштувати пандуси в усіх школах Жмеринки до вересня наступного року.", in: zhmerynka)
            try await store.write { tx in
                for petition in [lights, park, elsewhere] { try await tx.petitions.insert(petition) }
            }
            let city = vinnytsia
            let everything = PetitionState.allCases
            // "пандусів" finds "пандуси"; every word must match; other cities stay out.
            let found = try await store.read { try await $0.petitions.petitions(in: city, states: everything, search: PetitionSearch("пандусів")) }
            #expect(found.map(\.petition.id) == [ramps.id])
            #expect(try await store.read { try await $0.petitions.petitions(in: city, states: everything, search: PetitionSearch("пандуси сквер")) }.isEmpty)
            // A petition whose text the author edits is found by its new words.
            let draft = try file("Чернетка про щось інше", "Текст чернетки, який автор ще перепише кілька разів до подання на модерацію.", in: vinnytsia)
            _ = try await store.write { try await $0.petitions.insert(draft) }
            var edited = draft
            edited.text = "Тепер про велодоріжку на Келецькій, яка потрібна мешканцям для поїздок на роботу."
            let rewritten = edited
            _ = try await store.write { try await $0.petitions.update(rewritten, from: .moderation) }
            #expect(try await store.read { try await $0.petitions.petitions(in: city, states: everything, search: PetitionSearch("велодоріжки")) }
                .map(\.petition.id) == [edited.id])
            #expect(try await store.read { try await $0.petitions.petitions(in: city, states: everything, search: PetitionSearch("перепише")) }.isEmpty)

            let duplicate = try file("Пандуси для шкіл міста", "Просимо облаштувати пандуси в школах, щоб діти на кріслах колісних могли навчатися.", in: vinnytsia)
            let similar = try await store.read { try await $0.petitions.similar(to: duplicate, states: everything) }
            #expect(similar.first?.petition.id == ramps.id)
            #expect(!similar.contains { $0.petition.id == elsewhere.id || $0.petition.id == duplicate.id })
            #expect(try await store.read { try await $0.petitions.categories(in: city) } == ["Освіта"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func anAddressIsRaisedOncePerHourAndOneInstanceHoldsTheLease(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (petition, author) = try await seeded(store)
            for index in 0..<5 {
                _ = try await store.write { try await $0.petitions.sign(signature(petition, "resident:\(index)", by: author, address: "198.51.100.9")) }
            }
            _ = try await store.write { try await $0.petitions.sign(signature(petition, "resident:x", by: author, address: "203.0.113.7")) }
            let busy = try await store.read { try await $0.petitions.busyAddresses(since: t0.addingTimeInterval(-1), over: 3) }
            #expect(busy.count == 1 && busy.first?.1 == "198.51.100.9" && busy.first?.2 == 5)
            let alert = PetitionRepository.Alert(municipalityID: vinnytsia, clientAddress: "198.51.100.9", hourStart: t0, signatures: 5, raisedAt: t0)
            #expect(try await store.write { try await $0.petitions.raise(alert) })
            #expect(try await store.write { try await $0.petitions.raise(alert) } == false)
            let city = vinnytsia
            #expect(try await store.read { try await $0.petitions.alerts(in: city, since: t0) } == [alert])

            #expect(try await store.write { try await $0.leases.claim("petitions", holder: "a", until: t0.addingTimeInterval(5), at: t0) })
            #expect(try await store.write { try await $0.leases.claim("petitions", holder: "b", until: t0.addingTimeInterval(6), at: t0.addingTimeInterval(1)) } == false)
            #expect(try await store.write { try await $0.leases.claim("petitions", holder: "a", until: t0.addingTimeInterval(7), at: t0.addingTimeInterval(2)) })
            // "a" stopped renewing: "b" takes over once the lease lapses.
            #expect(try await store.write { try await $0.leases.claim("petitions", holder: "b", until: t0.addingTimeInterval(13), at: t0.addingTimeInterval(8)) })
            // Leases by other names are their own.
            #expect(try await store.write { try await $0.leases.claim("auctions", holder: "a", until: t0.addingTimeInterval(13), at: t0.addingTimeInterval(8)) })
        }
    }
}
