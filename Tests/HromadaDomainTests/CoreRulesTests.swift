import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct MoneyTests {
    @Test func moneyIsShownInUkrainianNotation() {
        #expect(Money(kopiyky: 1_234_567).description == "12\u{00A0}345,67\u{00A0}грн")
        #expect(Money(kopiyky: 5).description == "0,05\u{00A0}грн")
        #expect(Money(kopiyky: -100_000).description == "-1\u{00A0}000,00\u{00A0}грн")
    }

    @Test func moneyArithmeticIsExactInKopiyky() {
        #expect(Money(hryvnias: 10) + Money(kopiyky: 1) == Money(kopiyky: 1001))
        #expect(Money(hryvnias: 10) - Money(hryvnias: 3) == Money(hryvnias: 7))
    }

    @Test func populationIsGroupedWithNoBreakSpaces() {
        #expect(NumberFormat.grouped(369_739) == "369\u{00A0}739")
        #expect(NumberFormat.grouped(999) == "999")
    }
}

@Suite struct SlugTests {
    @Test(arguments: ["api", "healthz", "metrics", "static", "admin", "login", "en", "uk"])
    func reservedSlugsNeverNameACity(_ slug: String) {
        #expect(throws: Slug.Problem.reserved) { try Slug.validated(slug) }
    }

    @Test func slugIsLowercaseLatinDigitsAndInnerHyphens() throws {
        #expect(try Slug.validated("vinnytsia").rawValue == "vinnytsia")
        #expect(try Slug.validated("bila-tserkva").rawValue == "bila-tserkva")
        #expect(throws: Slug.Problem.invalidCharacters) { try Slug.validated("Вінниця") }
        #expect(throws: Slug.Problem.invalidCharacters) { try Slug.validated("-vin") }
        #expect(throws: Slug.Problem.invalidCharacters) { try Slug.validated("Vin") }
        #expect(throws: Slug.Problem.empty) { try Slug.validated("") }
    }
}

@Suite struct AccountRulesTests {
    @Test func emailIsNormalisedToLowercaseWithoutSpaces() throws {
        #expect(try EmailAddress.validated("  Olena.Shevchuk@Example.COM ").rawValue == "olena.shevchuk@example.com")
    }

    @Test(arguments: ["", "olena", "olena@", "@example.com", "olena@example", "o lena@example.com", "olena@exa mple.com", "a@b@c.com", "x@-a.com"])
    func malformedEmailIsRefused(_ text: String) {
        #expect(throws: EmailAddress.Problem.self) { try EmailAddress.validated(text) }
    }

    @Test func passwordMustBeAtLeastTenCharacters() {
        #expect(throws: PasswordPolicy.Problem.tooShort) { try PasswordPolicy.check("short-pw", email: "a@b.ua") }
    }

    @Test func passwordOverBcryptLimitIsRefused() {
        #expect(throws: PasswordPolicy.Problem.tooLong) { try PasswordPolicy.check(String(repeating: "ab", count: 37), email: "a@b.ua") }
    }

    @Test func commonOrRepetitivePasswordIsRefused() {
        #expect(throws: PasswordPolicy.Problem.tooSimple) { try PasswordPolicy.check("1234567890", email: "a@b.ua") }
        #expect(throws: PasswordPolicy.Problem.tooSimple) { try PasswordPolicy.check("aaaaaaaaaaaa", email: "a@b.ua") }
    }

    @Test func passwordContainingTheEmailIsRefused() {
        #expect(throws: PasswordPolicy.Problem.containsEmail) { try PasswordPolicy.check("olena-forever-2026", email: "olena@b.ua") }
    }

    @Test func longPassphraseIsAccepted() throws {
        try PasswordPolicy.check("вишня цвіте навесні", email: "olena@b.ua")
    }

    @Test func fullNameIsTrimmedAndCollapsed() throws {
        #expect(try PersonName.validated("  Шевчук   Олена  Петрівна ") == "Шевчук Олена Петрівна")
        #expect(throws: PersonName.Problem.empty) { try PersonName.validated("   ") }
        #expect(throws: PersonName.Problem.invalidCharacters) { try PersonName.validated("<script>") }
    }
}
