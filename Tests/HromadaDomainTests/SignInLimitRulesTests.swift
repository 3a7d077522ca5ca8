import Crypto
import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// Issue 13, finding 2: sign-in limits a stranger cannot spend on the owner's behalf.
@Suite struct SignInLimitRulesTests {
    let key = SymmetricKey(data: Data(repeating: 7, count: 32))

    @Test func aNewDeviceDrawsOnTheAccountsNewDeviceBudget() {
        let counters = SignInLimits.counters(address: "203.0.113.9", email: "olena@example.com", device: .new)
        #expect(counters.map(\.rule) == [.signInPerAddress, .signInPerAddressAndAccount, .signInPerAccountFromNewDevices])
        #expect(counters.map(\.subject) == ["203.0.113.9", "203.0.113.9 olena@example.com", "olena@example.com"])
    }

    @Test func aKnownDeviceNeverDrawsOnTheAccountsBudget() {
        let counters = SignInLimits.counters(address: "198.51.100.7", email: "olena@example.com", device: .known("nonce-1"))
        #expect(counters.map(\.rule) == [.signInPerAddress, .signInPerAddressAndAccount, .signInPerKnownDevice])
        #expect(!counters.contains { $0.rule == .signInPerAccountFromNewDevices })
        #expect(counters.last?.subject == "nonce-1")
    }

    @Test func somethingThatIsNotAnEmailCountsOnlyAgainstTheAddress() {
        #expect(SignInLimits.counters(address: "203.0.113.9", email: nil, device: .new).map(\.rule) == [.signInPerAddress])
    }

    @Test func theAddressAndAccountPairIsTighterThanTheAccountsNewDeviceBudget() {
        // One address alone cannot use up what every new device shares.
        #expect(RateLimitRule.signInPerAddressAndAccount.limit < RateLimitRule.signInPerAccountFromNewDevices.limit)
    }

    @Test func aDeviceCookieProvesOnlyTheAccountItSignedInTo() {
        var cookie = DeviceCookie(value: nil)
        cookie.remember("olena@example.com", key: key, nonce: Array(repeating: 1, count: 16))
        let nonce = cookie.nonce(provingSignInTo: "olena@example.com", key: key)
        #expect(nonce != nil)
        #expect(cookie.nonce(provingSignInTo: "andrii@example.com", key: key) == nil)
        // The email is not in the cookie, and another server key does not accept it.
        #expect(!cookie.value.contains("olena"))
        #expect(cookie.nonce(provingSignInTo: "olena@example.com", key: SymmetricKey(data: Data(repeating: 8, count: 32))) == nil)
        // Read back from the browser, it still proves the sign-in.
        #expect(DeviceCookie(value: cookie.value).nonce(provingSignInTo: "olena@example.com", key: key) == nonce)
    }

    @Test func aForgedOrMangledDeviceCookieProvesNothing() {
        var cookie = DeviceCookie(value: nil)
        cookie.remember("olena@example.com", key: key, nonce: Array(repeating: 1, count: 16))
        let entry = cookie.value
        let tampered = String(entry.dropLast()) + (entry.hasSuffix("A") ? "B" : "A")
        #expect(DeviceCookie(value: tampered).nonce(provingSignInTo: "olena@example.com", key: key) == nil)
        #expect(DeviceCookie(value: "x.y~<script>~;;;").entries.isEmpty)
    }

    @Test func aDeviceCookieRemembersAFewAccountsNewestLast() {
        var cookie = DeviceCookie(value: nil)
        for index in 0..<7 {
            cookie.remember("person\(index)@example.com", key: key, nonce: Array(repeating: UInt8(index + 1), count: 16))
        }
        #expect(cookie.entries.count == DeviceCookie.capacity)
        #expect(cookie.nonce(provingSignInTo: "person0@example.com", key: key) == nil)
        #expect(cookie.nonce(provingSignInTo: "person6@example.com", key: key) != nil)
        // Signing in again to a remembered account adds nothing.
        let before = cookie
        cookie.remember("person6@example.com", key: key, nonce: Array(repeating: 9, count: 16))
        #expect(cookie == before)
    }
}
