import HromadaDomain
import Testing
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct LegalEntityCodeTests {
    @Test func theLastDigitOfAnEDRPOUCodeChecksTheFirstSeven() {
        // Published codes: a bank, a city council, a code in the 30–60 million range.
        for code in ["14360570", "25512617", "31316718"] { #expect(LegalEntityCode.isValid(code), "\(code)") }
        for code in ["14360571", "25512610", "31316710"] { #expect(!LegalEntityCode.isValid(code), "\(code)") }
    }

    @Test func aRemainderOfTenIsRecomputedWithWeightsRaisedByTwo() {
        // 0000003x: 3·7 = 21, remainder 10; with every weight raised by two, 3·9 = 27, remainder 5.
        #expect(LegalEntityCode.isValid("00000035"))
        #expect(!LegalEntityCode.isValid("00000030"))
    }

    @Test func aCodeIsEightASCIIDigits() {
        for code in ["1436057", "143605700", "1436057O", "１４３６０５７０", ""] { #expect(!LegalEntityCode.isValid(code), "\(code)") }
    }
}
