import Crypto
import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct NationalIDTests {
    @Test func checkDigitMustMatch() throws {
        let valid = NationalID.make(birthDate: CalendarDate(year: 1988, month: 3, day: 14), serial: 1234)
        _ = try NationalID.validated(valid.digits)
        let last = valid.digits.last?.wholeNumberValue ?? 0
        let broken = String(valid.digits.dropLast()) + String((last + 1) % 10)
        #expect(throws: NationalID.Problem.checksumMismatch) { try NationalID.validated(broken) }
    }

    @Test func nationalIDHasTenDigits() {
        #expect(throws: NationalID.Problem.notTenDigits) { try NationalID.validated("12345") }
        #expect(throws: NationalID.Problem.notTenDigits) { try NationalID.validated("12345678901") }
        #expect(throws: NationalID.Problem.notTenDigits) { try NationalID.validated("12345abcde") }
        #expect(throws: NationalID.Problem.notTenDigits) { try NationalID.validated("١٢٣٤٥٦٧٨٩٠") }
    }

    @Test func firstFiveDigitsEncodeTheBirthDate() throws {
        // 1 January 1900 is day 1.
        #expect(CalendarDate.epoch1899.adding(days: 1) == CalendarDate(year: 1900, month: 1, day: 1))
        let id = NationalID.make(birthDate: CalendarDate(year: 2001, month: 9, day: 11), serial: 42)
        #expect(try NationalID.validated(id.digits).birthDate == CalendarDate(year: 2001, month: 9, day: 11))
        #expect(id.digits.hasPrefix("37144"))
    }

    @Test func ageCountsCompletedYears() {
        let born = CalendarDate(year: 2010, month: 6, day: 15)
        #expect(born.age(on: CalendarDate(year: 2026, month: 6, day: 14)) == 15)
        #expect(born.age(on: CalendarDate(year: 2026, month: 6, day: 15)) == 16)
    }

    @Test func calendarDateParsesOnlyRealDates() {
        #expect(CalendarDate.parse("2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate.parse("2023-02-29") == nil)
        #expect(CalendarDate.parse("2023-13-01") == nil)
        #expect(CalendarDate.parse("01.02.2023") == nil)
    }

    @Test func kyivDateFollowsKyivMidnightNotUTC() {
        // 2026-11-28 22:30 UTC is already 29 November in Kyiv (UTC+2).
        let instant = Date(timeIntervalSince1970: 1_795_905_000)
        #expect(CalendarDate.inKyiv(instant) == CalendarDate(year: 2026, month: 11, day: 29))
    }
}

@Suite struct ResidencyRulesTests {
    let hash = IdentityHash(rawValue: "h")

    @Test func secondAccountOfTheSamePersonIsRefused() {
        let other = AccountID(rawValue: "other")
        #expect(throws: ResidencyError.identityAlreadyVerified(otherAccount: other)) {
            try ResidencyRules.checkUniqueness(account: AccountID(rawValue: "me"), hash: hash, existingForHash: other, accountAlreadyVerified: false)
        }
    }

    @Test func accountIsVerifiedOnlyOncePerMunicipality() {
        #expect(throws: ResidencyError.accountAlreadyVerified) {
            try ResidencyRules.checkUniqueness(account: AccountID(rawValue: "me"), hash: hash, existingForHash: nil, accountAlreadyVerified: true)
        }
    }

    @Test func statedBirthDateMustMatchTheNationalID() throws {
        let born = CalendarDate(year: 1990, month: 5, day: 17)
        let id = NationalID.make(birthDate: born, serial: 7)
        let today = CalendarDate(year: 2026, month: 11, day: 29)
        #expect(try ResidencyRules.checkBirthDate(nil, nationalID: id, today: today) == born)
        #expect(try ResidencyRules.checkBirthDate(born, nationalID: id, today: today) == born)
        #expect(throws: ResidencyError.birthDateMismatch) {
            try ResidencyRules.checkBirthDate(CalendarDate(year: 1990, month: 5, day: 18), nationalID: id, today: today)
        }
    }

    @Test func birthDateInTheFutureIsRefused() {
        let id = NationalID.make(birthDate: CalendarDate(year: 2030, month: 1, day: 1), serial: 7)
        #expect(throws: ResidencyError.birthDateInFuture) {
            try ResidencyRules.checkBirthDate(nil, nationalID: id, today: CalendarDate(year: 2026, month: 11, day: 29))
        }
    }
}

@Suite struct RoleRulesTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")
    let every: [Capability] = [.viewPeople, .verifyResidentInPerson, .grantRole, .editSettings, .reviewBudgetProject, .enterPaperBallot,
                               .manageBudget, .moderatePetition, .answerPetition, .manageAuctions]

    func staff(_ capabilities: Set<Capability>, in city: MunicipalityID) -> Principal {
        Principal(accountID: .init(rawValue: "m"), isPlatformAdmin: false, capabilities: [city: capabilities])
    }

    @Test func aCapabilityCountsOnlyInTheMunicipalityThatGrantedIt() {
        let moderator = staff(Set(every), in: vinnytsia)
        #expect(moderator.may(.verifyResidentInPerson, in: vinnytsia))
        for capability in every { #expect(!moderator.may(capability, in: zhmerynka), "\(capability)") }
    }

    @Test func aPersonMayExactlyWhatTheirCapabilitiesSay() {
        let clerk = staff([.enterPaperBallot], in: vinnytsia)
        for capability in every { #expect(clerk.may(capability, in: vinnytsia) == (capability == .enterPaperBallot), "\(capability)") }
    }

    @Test func platformAdminMayActInEveryMunicipality() {
        let admin = Principal(accountID: .init(rawValue: "p"), isPlatformAdmin: true)
        for capability in every { #expect(admin.may(capability, in: zhmerynka)) }
    }

    @Test func oneMayGiveOnlyWhatOneHolds() {
        let admin = staff([.grantRole, .manageBudget, .moderatePetition], in: vinnytsia)
        #expect(admin.mayGive([.manageBudget, .moderatePetition], in: vinnytsia))
        #expect(!admin.mayGive([.manageAuctions], in: vinnytsia))
        #expect(!admin.mayGive([.manageBudget], in: zhmerynka))
        #expect(!staff([.manageBudget], in: vinnytsia).mayGive([.manageBudget], in: vinnytsia), "holding is not granting")
    }

    @Test func aGrantIsARoleOrAWellFormedCapability() {
        #expect(StaffGrant(rawValue: "moderator") == .role(.moderator))
        #expect(StaffGrant(rawValue: "budgets.paper_ballots") == .capability(.enterPaperBallot))
        for bad in ["", "budgets", "budgets.", ".x", "Budgets.manage", "a.b.c", "budgets.manage; DROP"] {
            #expect(StaffGrant(rawValue: bad) == nil, "\(bad)")
        }
    }
}

@Suite struct KeyRingTests {
    let secret = String(repeating: "s3cr3t-", count: 6)

    @Test func secretShorterThan32CharactersIsRefused() {
        #expect(throws: KeyRing.Problem.secretTooShort) { try KeyRing(secret: "short") }
    }

    @Test func identityHashIsStableAndNeverTheIdentifier() throws {
        let keys = try KeyRing(secret: secret)
        let hash = keys.identityHash(of: "3214512345")
        #expect(hash == (try KeyRing(secret: secret)).identityHash(of: " 3214512345 "))
        #expect(!hash.rawValue.contains("3214512345"))
        #expect(hash != (try KeyRing(secret: secret + "x")).identityHash(of: "3214512345"))
    }

    @Test func separateIdentityKeyOutlivesSecretRotation() throws {
        let identityKey = String(repeating: "k", count: 40)
        let before = try KeyRing(secret: secret, identityKey: identityKey).identityHash(of: "3214512345")
        let after = try KeyRing(secret: secret + "rotated", identityKey: identityKey).identityHash(of: "3214512345")
        #expect(before == after)
    }

    @Test func csrfTokenIsBoundToTheBrowserCookie() throws {
        let keys = try KeyRing(secret: secret)
        let token = keys.csrfToken(for: "cookie-a")
        #expect(keys.isValidCSRFToken(token, for: "cookie-a"))
        #expect(!keys.isValidCSRFToken(token, for: "cookie-b"))
        #expect(!keys.isValidCSRFToken("", for: "cookie-a"))
    }

    @Test func aPreparedKeyGivesTheCodesOfTheKeyItself() throws {
        let keys = try KeyRing(secret: secret)
        // Set up once and used many times, the prepared state never changes.
        for token in ["a", "b", "a", String(repeating: "д", count: 200)] {
            #expect(keys.sessionDigest(of: token) == Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: keys.sessions)))
        }
        let account = AccountID(rawValue: "acc-1")
        let expected = "p-" + RandomToken.base32(Array(HMAC<SHA256>.authenticationCode(
            for: Data("v2\u{1F}petition-1\u{1F}acc-1".utf8), using: keys.pseudonyms).prefix(10)))
        #expect(keys.pseudonym(of: account, about: "petition-1") == expected)
        #expect(keys.pseudonym(of: account, about: "petition-2") != expected)
        #expect(keys.pseudonym(of: account, about: "petition-1") == expected)
        let token = keys.csrfToken(for: "cookie-a")
        #expect(token == RandomToken.base64URL(HMAC<SHA256>.authenticationCode(for: Data("cookie-a".utf8), using: keys.csrf)))
    }

    @Test func purposeKeysDiffer() throws {
        let keys = try KeyRing(secret: secret)
        #expect(keys.sessionDigest(of: "t") != keys.identityHash(of: "t").rawValue)
    }
}

@Suite struct SettingsRulesTests {
    @Test func collectionPeriodIsAtMostThreeMonths() {
        var settings = MunicipalitySettings()
        settings.petitionCollectionDays = 120
        #expect(!PetitionSettings.collectionDaysRange.contains(120) && PetitionSettings.collectionDaysRange.contains(92))
        #expect(throws: PetitionError.settingsInvalid("collectionDays")) { try settings.petitions.validate() }
    }

    @Test func signatureThresholdIsPositive() {
        var settings = MunicipalitySettings()
        settings.petitionSignatureThreshold = 0
        #expect(!PetitionSettings.thresholdRange.contains(0))
        #expect(throws: PetitionError.settingsInvalid("threshold")) { try settings.petitions.validate() }
    }

    @Test func aModulesSectionIsStoredUnderItsKeyAndOlderTopLevelKeysAreReadThenDropped() throws {
        let old = try JSONDecoder().decode(MunicipalitySettings.self, from: Data(#"{"budgetMinimumAge": 17, "petitionSignatureThreshold": 350}"#.utf8))
        #expect(old.budgetMinimumAge == 17 && old.petitionSignatureThreshold == 350)
        var changed = old
        changed.budgetMinimumAge = 18
        changed.petitionCollectionDays = 30
        let stored = try JSONSerialization.jsonObject(with: JSONEncoder().encode(changed)) as? [String: Any] ?? [:]
        #expect(stored["budgetMinimumAge"] == nil && stored["petitionSignatureThreshold"] == nil)
        #expect((stored["budgets"] as? [String: Any])?["minimumAge"] as? Int == 18)
        #expect((stored["petitions"] as? [String: Any])?["threshold"] as? Int == 350)
        let again = try JSONDecoder().decode(MunicipalitySettings.self, from: JSONEncoder().encode(changed))
        #expect(again == changed && again.petitionCollectionDays == 30)
    }

    @Test func aSectionOfAModuleThisDeploymentLacksIsKeptAsStored() throws {
        let text = #"{"contactEmail": "", "waste": {"routesAt": "06:00", "trucks": [1, 2]}}"#
        let settings = try JSONDecoder().decode(MunicipalitySettings.self, from: Data(text.utf8))
        let again = try JSONDecoder().decode(MunicipalitySettings.self, from: JSONEncoder().encode(settings))
        #expect(again.sections["waste"] == .object(["routesAt": .string("06:00"), "trucks": .array([.integer(1), .integer(2)])]))
    }

    @Test func settingsMissingFromOlderRowsTakeDefaults() throws {
        let decoded = try JSONDecoder().decode(MunicipalitySettings.self, from: Data(#"{"petitionSignatureThreshold": 350}"#.utf8))
        #expect(decoded.petitionSignatureThreshold == 350)
        #expect(decoded.petitionCollectionDays == 90)
        #expect(decoded.enabledModules == nil && decoded.enables(ModuleSlug(rawValue: "auctions")))
    }

    @Test func thePetitionThresholdIsStoredOnce() throws {
        var settings = MunicipalitySettings()
        settings.petitions.threshold = 400
        #expect(settings.petitionSignatureThreshold == 400 && settings.petitionSettings.threshold == 400)
        let json = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        #expect(!json.contains("petitionSignatureThreshold") && !json.contains("petitionCollectionDays"))
        let decoded = try JSONDecoder().decode(MunicipalitySettings.self, from: Data(json.utf8))
        #expect(decoded.petitionSettings.threshold == 400)
    }

    @Test func anOlderRowsTopLevelThresholdIsTheOneThatWasInForce() throws {
        // Such a row held the threshold twice, and the top-level copy won.
        let charter = String(decoding: try JSONEncoder().encode(PetitionSettings(threshold: 250, supportersBeforeModeration: 3)), as: UTF8.self)
        let row = #"{"petitionSignatureThreshold": 350, "petitionCollectionDays": 60, "petitions": "# + charter + "}"
        let decoded = try JSONDecoder().decode(MunicipalitySettings.self, from: Data(row.utf8))
        #expect(decoded.petitionSettings.threshold == 350 && decoded.petitionSettings.collectionDays == 60)
        #expect(decoded.petitionSettings.supportersBeforeModeration == 3)
    }

    @Test func enabledModulesTakeTheDeploymentsOrderAndKeepSlugsItLacks() throws {
        let budgets = ModuleSlug(rawValue: "budgets"), petitions = ModuleSlug(rawValue: "petitions"), invest = ModuleSlug(rawValue: "invest")
        var settings = MunicipalitySettings()
        settings.enabledModules = [invest, petitions, budgets, invest]
        #expect(try settings.validated(modules: [budgets, petitions]).enabledModules == [budgets, petitions, invest])
        #expect(try MunicipalitySettings().validated(modules: [budgets]).enabledModules == nil, "nil stays every module")
    }

    @Test func rateLimitWindowIsFixedAndRetryAfterCountsToItsEnd() {
        let rule = RateLimitRule(name: "x", limit: 3, window: 60)
        let instant = Date(epochSeconds: 1_000_030)
        #expect(rule.windowStart(at: instant) == 1_000_020)
        #expect(rule.retryAfter(at: instant) == 50)
    }
}

@Suite struct AuditEntryIDTests {
    @Test func orderedAuditIdsSortByTheirTimeAndNeverRepeat() {
        // One a millisecond (each in the middle of its millisecond, clear of rounding).
        let milliseconds: Int64 = 1_796_000_000_123
        let ids = (0..<200).map { AuditEntryID.ordered(at: Date(timeIntervalSince1970: (Double(milliseconds + Int64($0)) + 0.5) / 1000)) }
        let start = Date(timeIntervalSince1970: (Double(milliseconds) + 0.5) / 1000)
        #expect(ids.allSatisfy { $0.rawValue.count == 26 })
        #expect(ids.map(\.rawValue) == ids.map(\.rawValue).sorted())
        let sameInstant = (0..<1000).map { _ in AuditEntryID.ordered(at: start).rawValue }
        #expect(Set(sameInstant).count == 1000)
        // Made at one instant, they share the time and differ in the random part.
        #expect(Set(sameInstant.map { $0.prefix(9) }).count == 1)
    }

    @Test func anyInstantMakesAnOrderedAuditId() {
        for instant in [Date.distantPast, .distantFuture, Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: .nan),
                        Date(timeIntervalSince1970: .infinity), Date(timeIntervalSince1970: 0)] {
            #expect(AuditEntryID.ordered(at: instant).rawValue.count == 26)
        }
        #expect(AuditEntryID.ordered(at: .distantPast).rawValue < AuditEntryID.ordered(at: Date(timeIntervalSince1970: 1)).rawValue)
    }
}
