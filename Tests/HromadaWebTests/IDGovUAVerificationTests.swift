import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Synchronization
import Testing
@testable import HromadaWeb

/// Residency through ID.GOV.UA as it really is: plain OAuth 2.0 whose user-info gives the
/// РНОКПП as `drfocode`, end to end through the verify page, a loopback stand-in for
/// ID.GOV.UA (`TestIDGovUAProvider`) and our callback.
@Suite struct IDGovUAVerificationTests {
    static let rnokpp = NationalIDs.born1985

    // MARK: Helpers

    /// A town with default settings (identity alone is no residence there) beside the demo's cities.
    static func addTown(_ harness: WebHarness, acceptsIdentity: Bool = false) async throws -> Municipality {
        let town = try await ResidencyEvidenceWebTests.addTown(harness)
        if acceptsIdentity { try await setAcceptsIdentity(true, in: town, harness) }
        return try await harness.city("bar")
    }

    static func setAcceptsIdentity(_ accepts: Bool, in city: Municipality, _ harness: WebHarness) async throws {
        var settings = city.settings
        settings.acceptsIdentityAsResidency = accepts
        try await harness.services.store.write { [settings] in try await $0.municipalities.updateSettings(settings, of: city.id) }
    }

    /// Signs in at ID.GOV.UA from the city's page and comes back; the start's redirect, the
    /// provider's approval and the page the callback shows.
    static func verifyThroughIDGovUA(_ browser: inout Browser, city: String) async throws -> (authorize: String, callback: String, page: Browser.Page) {
        let start = try await browser.get("/\(city)/verify/idgovua")
        #expect(start.status == .seeOther)
        let authorize = try #require(start.location)
        let callback = try await Self.approve(authorize)
        return (authorize, callback, try await browser.get(callback))
    }

    /// What ID.GOV.UA redirects the browser to after the person signs in: our callback's path and query.
    static func approve(_ authorizeURL: String) async throws -> String {
        let approval = try #require(URL(string: try await HTTPClientRequests.location(of: authorizeURL)))
        #expect(approval.host == "hromada.test")
        return approval.path + "?" + (approval.query ?? "")
    }

    static func verifications(_ harness: WebHarness, of account: Account) async throws -> [ResidencyVerification] {
        try await harness.services.store.read { try await $0.residency.verifications(of: account.id) }
    }

    static func count(_ table: String, _ harness: WebHarness) async throws -> Int {
        try await harness.services.store.read { tx in
            try await tx.db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    static func query(of url: String) -> [String: String] {
        let items = URLComponents(string: url)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: The flow

    @Test(arguments: TestDatabase.available)
    func aResidentIsVerifiedThroughIDGovUAWhereTheCityAcceptsIdentity(_ database: TestDatabase) async throws {
        try await withTestIDGovUAProvider { provider in
            try await WebHarness.run(database, publicBaseURL: "https://hromada.test", idGovUA: provider.settings()) { harness, client in
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                let options = try await browser.get("/ladyzhyn/verify")
                #expect(options.body.contains(#"href="/ladyzhyn/verify/idgovua""#) && options.body.contains("Увійти через ID.GOV.UA"))

                let (authorize, callback, done) = try await Self.verifyThroughIDGovUA(&browser, city: "ladyzhyn")
                // The authorization request as ID.GOV.UA publishes it: no scope, nonce or PKCE.
                #expect(authorize.hasPrefix(provider.url + "/?"))
                let asked = Self.query(of: authorize)
                #expect(asked["response_type"] == "code" && asked["client_id"] == TestIDGovUAProvider.registeredClientID)
                #expect(asked["auth_type"] == "dig_sign,bank_id,diia_id")
                #expect(asked["redirect_uri"] == "https://hromada.test/auth/idgovua/callback")
                #expect((asked["state"]?.utf8.count ?? 0) >= 43)
                #expect(asked["scope"] == nil && asked["nonce"] == nil && asked["code_challenge"] == nil)
                #expect(done.status == .seeOther && done.location == "/ladyzhyn/verify")

                let ladyzhyn = try await harness.city("ladyzhyn")
                let verification = try #require(try await harness.services.store.read { try await $0.residency.find(account: person.id, in: ladyzhyn.id) })
                #expect(verification.method == .idGovUA)
                // ID.GOV.UA releases no birth date: it is the one the РНОКПП encodes.
                #expect(verification.birthDate == CalendarDate(year: 1985, month: 3, day: 14))
                #expect(verification.identityHash == harness.services.keys.identityHash(of: Self.rnokpp))
                #expect(try await browser.get("/ladyzhyn/verify").body.contains("Проживання підтверджено"))
                #expect(try await browser.get("/account").body.contains("через ID.GOV.UA"))
                // Replaying the callback does nothing: its state was used up.
                #expect(try await browser.get(callback).status == .unprocessableContent)
                #expect(await provider.tokenRequestCount == 1)
                #expect(await provider.userInfoRequestCount == 1)
            }
        }
    }

    /// Only `drfocode` is asked for, so the free-text `address` is not even received, let alone
    /// read as where the person lives; identity alone counts only where the city accepts it.
    @Test func onlyTheTaxpayerNumberIsAskedOfIDGovUA() async throws {
        try await withTestIDGovUAProvider { provider in
            try await WebHarness.run(publicBaseURL: "https://hromada.test", idGovUA: provider.settings()) { harness, client in
                try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                #expect(try await Self.verifyThroughIDGovUA(&browser, city: "vinnytsia").page.status == .seeOther)
                #expect(await provider.lastUserInfoFields == "drfocode")
            }
        }
    }

    @Test func identityFromIDGovUAMakesNoResidentOfACityThatDoesNotAcceptIt() async throws {
        try await withTestIDGovUAProvider { provider in
            try await WebHarness.run(publicBaseURL: "https://hromada.test", idGovUA: provider.settings()) { harness, client in
                // The stand-in's user-info names Бар as the address; it must make no difference.
                let town = try await Self.addTown(harness)
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                let options = try await browser.get("/bar/verify")
                #expect(!options.body.contains("/bar/verify/idgovua"))
                #expect(options.body.contains("Бар не вважає підтвердження особи без адреси доказом проживання"))
                // Going to the start anyway is refused before anyone is sent to ID.GOV.UA.
                let refused = try await browser.get("/bar/verify/idgovua")
                #expect(refused.status == .unprocessableContent)
                #expect(refused.body.contains("ID.GOV.UA підтверджує, хто ви, але не де ви проживаєте") && refused.body.contains("ЦНАП"))
                #expect(try await Self.count("oidc_logins", harness) == 0)
                #expect(await provider.tokenRequestCount == 0)
                #expect(try await Self.verifications(harness, of: person).isEmpty)
                #expect(try await harness.services.store.read { try await $0.residency.find(account: person.id, in: town.id) } == nil)
            }
        }
    }

    @Test func aCityThatStopsAcceptingIdentityDuringTheSignInRefusesWithoutAskingIDGovUA() async throws {
        try await withTestIDGovUAProvider { provider in
            try await WebHarness.run(publicBaseURL: "https://hromada.test", idGovUA: provider.settings()) { harness, client in
                let town = try await Self.addTown(harness, acceptsIdentity: true)
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                let start = try await browser.get("/bar/verify/idgovua")
                let callback = try await Self.approve(try #require(start.location))
                try await Self.setAcceptsIdentity(false, in: town, harness)
                let page = try await browser.get(callback)
                #expect(page.status == .unprocessableContent && page.body.contains("ЦНАП"))
                // The code was never exchanged: nothing about the person was fetched.
                #expect(await provider.tokenRequestCount == 0)
                #expect(await provider.userInfoRequestCount == 0)
                #expect(try await Self.verifications(harness, of: person).isEmpty)
            }
        }
    }

    // MARK: The state

    /// A state that is not ours, another account's, or one begun at the OIDC provider is refused
    /// at ID.GOV.UA's callback before any code is exchanged.
    @Test func aCallbackWithAStateNotIssuedToThisBrowserForIDGovUAIsRefused() async throws {
        try await withTestOIDCProvider { oidc in
            try await withTestIDGovUAProvider { provider in
                let oidcSettings = OIDCSettings(issuer: oidc.issuer, clientID: oidc.clientID, clientSecret: oidc.clientSecret)
                try await WebHarness.run(publicBaseURL: "https://hromada.test", oidc: oidcSettings, idGovUA: provider.settings()) { harness, client in
                    let victim = try await harness.makeAccount("victim@example.com")
                    try await harness.makeAccount("attacker@example.com")
                    var victimBrowser = Browser(client)
                    try await victimBrowser.signIn("victim@example.com")

                    // A forged state.
                    let forged = try await victimBrowser.get("/auth/idgovua/callback?code=abc&state=\(String(repeating: "A", count: 43))")
                    #expect(forged.status == .unprocessableContent)

                    // The attacker's own login, brought to the victim's browser.
                    var attacker = Browser(client)
                    try await attacker.signIn("attacker@example.com")
                    let attackerStart = try await attacker.get("/ladyzhyn/verify/idgovua")
                    let attackerCallback = try await Self.approve(try #require(attackerStart.location))
                    #expect(try await victimBrowser.get(attackerCallback).status == .unprocessableContent)

                    // The victim's own OIDC login's state, brought to ID.GOV.UA's callback.
                    let oidcStart = try await victimBrowser.get("/ladyzhyn/verify/oidc")
                    let oidcAuthorize = try #require(oidcStart.location)
                    let oidcState = try #require(Self.query(of: oidcAuthorize)["state"])
                    let crossed = try await victimBrowser.get("/auth/idgovua/callback?code=abc&state=\(oidcState)")
                    #expect(crossed.status == .unprocessableContent)
                    #expect(crossed.body.contains("Посилання недійсне"))

                    #expect(await provider.tokenRequestCount == 0)
                    #expect(try await Self.verifications(harness, of: victim).isEmpty)
                }
            }
        }
    }

    // MARK: Failures

    @Test func aSignInCancelledAtIDGovUAIsExplainedAndChangesNothing() async throws {
        try await withTestIDGovUAProvider(behavior: TestIDGovUABehavior(denyAuthorization: true)) { provider in
            try await WebHarness.run(publicBaseURL: "https://hromada.test", idGovUA: provider.settings()) { harness, client in
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                let page = try await Self.verifyThroughIDGovUA(&browser, city: "ladyzhyn").page
                #expect(page.status == .unprocessableContent)
                #expect(page.body.contains("вхід скасовано або він не завершився"))
                #expect(await provider.tokenRequestCount == 0)
                #expect(try await Self.verifications(harness, of: person).isEmpty)
            }
        }
    }

    /// What the person reads for each way ID.GOV.UA can fail.
    static func message(for fault: TestIDGovUAFault) -> String {
        switch fault {
        case .errorJSON: "вхід скасовано або він не завершився"
        case .notJSON, .hugeBody: "ми не змогли прочитати відповідь"
        case .serverError, .stallsBeforeAnswering, .stallsInBody: "ID.GOV.UA зараз не відповідає"
        }
    }

    @Test(arguments: TestIDGovUAFault.allCases, TestIDGovUAStep.allCases)
    func eachFailureOfIDGovUAGivesAClearPageAndChangesNothing(_ fault: TestIDGovUAFault, at step: TestIDGovUAStep) async throws {
        try await withTestIDGovUAProvider(behavior: TestIDGovUABehavior(fault: fault, at: step)) { provider in
            // Shorter than ten seconds, so a stalled answer ends the test soon; long enough that
            // a busy machine's good answer is not mistaken for a stall.
            let stalls = fault == .stallsBeforeAnswering || fault == .stallsInBody
            let settings = provider.settings(requestTimeout: stalls ? .seconds(2) : .seconds(10))
            try await WebHarness.run(publicBaseURL: "https://hromada.test", idGovUA: settings) { harness, client in
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                let auditBefore = try await Self.count("audit_entries", harness)
                let page = try await Self.verifyThroughIDGovUA(&browser, city: "ladyzhyn").page
                #expect(page.status == .unprocessableContent)
                #expect(page.body.contains(Self.message(for: fault)), "\(fault) at \(step)")
                #expect(page.body.contains("Нічого не збережено"))
                #expect(try await Self.verifications(harness, of: person).isEmpty)
                #expect(try await Self.count("residency_conflicts", harness) == 0)
                #expect(try await Self.count("audit_entries", harness) == auditBefore)
                // The fault was met at its step: user-info is asked only after a good token answer.
                #expect(await provider.tokenRequestCount == 1)
                #expect(await provider.userInfoRequestCount == (step == .userInfo ? 1 : 0))
            }
        }
    }

    @Test(arguments: [
        (TestDRFOCode.absent, "не передав РНОКПП"),
        (.string(""), "не передав РНОКПП"),
        // A passport's series and number: what people who refused a РНОКПП have instead.
        (.string("МЕ123456"), "не передав РНОКПП"),
        (.string("123456789"), "не передав РНОКПП"),
        (.string(NationalIDs.born1985 + "0"), "не передав РНОКПП"),
        (.string("３１２２３０４５６４"), "не передав РНОКПП"),
        (.string(NationalIDs.wrongCheckDigit), "не є правильним РНОКПП"),
        // A number would already have lost a РНОКПП's leading zeros.
        (.number(Int64(NationalIDs.born1985) ?? 0), "ми не змогли прочитати відповідь"),
        (.string(String(repeating: "1", count: 100)), "ми не змогли прочитати відповідь"),
    ])
    func aSignInWithoutAValidTaxpayerNumberIsRefusedClearly(_ drfocode: TestDRFOCode, _ message: String) async throws {
        let user = TestIDGovUAUser(userID: "1360042", drfocode: drfocode)
        try await withTestIDGovUAProvider(users: [user]) { provider in
            try await WebHarness.run(publicBaseURL: "https://hromada.test", idGovUA: provider.settings()) { harness, client in
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                let page = try await Self.verifyThroughIDGovUA(&browser, city: "ladyzhyn").page
                #expect(page.status == .unprocessableContent)
                #expect(page.body.contains(message))
                #expect(try await Self.verifications(harness, of: person).isEmpty)
                // The refusal never repeats what ID.GOV.UA sent.
                if case .string(let text) = drfocode, text.count > 3 { #expect(!page.body.contains(text)) }
            }
        }
    }

    // MARK: One person, one account

    @Test(arguments: TestDatabase.available)
    func onePersonThroughTwoAccountsCountsOnce(_ database: TestDatabase) async throws {
        // The same person signs in at ID.GOV.UA twice, from two of our accounts.
        try await withTestIDGovUAProvider { provider in
            try await WebHarness.run(database, publicBaseURL: "https://hromada.test", idGovUA: provider.settings()) { harness, client in
                let first = try await harness.makeAccount("first@example.com")
                let second = try await harness.makeAccount("second@example.com")
                var one = Browser(client)
                try await one.signIn("first@example.com")
                #expect(try await Self.verifyThroughIDGovUA(&one, city: "ladyzhyn").page.status == .seeOther)
                var two = Browser(client)
                try await two.signIn("second@example.com")
                let refused = try await Self.verifyThroughIDGovUA(&two, city: "ladyzhyn").page
                #expect(refused.status == .conflict)
                #expect(refused.body.contains("Ця людина вже має підтверджений обліковий запис"))
                #expect(try await Self.verifications(harness, of: first).count == 1)
                #expect(try await Self.verifications(harness, of: second).isEmpty)
                let ladyzhyn = try await harness.city("ladyzhyn")
                let conflicts = try await harness.services.store.read { try await $0.residency.conflicts(in: ladyzhyn.id, limit: 10) }
                #expect(conflicts.count == 1 && conflicts.first?.method == .idGovUA)
            }
        }
    }

    /// The identity hash is the person's, not the provider's: verified through an OIDC provider
    /// under one account, the same РНОКПП through ID.GOV.UA under another counts once.
    @Test func onePersonThroughTwoProvidersCountsOnce() async throws {
        var oidcUser = TestOIDCUser.resident
        oidcUser.nationalID = Self.rnokpp
        try await withTestOIDCProvider(user: oidcUser) { oidc in
            try await withTestIDGovUAProvider { provider in
                let oidcSettings = OIDCSettings(issuer: oidc.issuer, clientID: oidc.clientID, clientSecret: oidc.clientSecret)
                try await WebHarness.run(publicBaseURL: "https://hromada.test", oidc: oidcSettings, idGovUA: provider.settings()) { harness, client in
                    try await harness.makeAccount("bank@example.com")
                    let second = try await harness.makeAccount("gov@example.com")
                    var bank = Browser(client)
                    try await bank.signIn("bank@example.com")
                    #expect(try await ResidencyEvidenceWebTests.verifyThroughProvider(&bank, city: "ladyzhyn").status == .seeOther)
                    var gov = Browser(client)
                    try await gov.signIn("gov@example.com")
                    #expect(try await Self.verifyThroughIDGovUA(&gov, city: "ladyzhyn").page.status == .conflict)
                    #expect(try await Self.verifications(harness, of: second).isEmpty)
                }
            }
        }
    }

    // MARK: What is kept and logged

    @Test(arguments: TestDatabase.available)
    func theTaxpayerNumberNeverReachesTheLogsOrTheDatabase(_ database: TestDatabase) async throws {
        let capture = LogLines()
        let logger = Logger(label: "hromada") { _ in CapturingLogHandler(capture: capture) }
        // A success, a refusal whose description echoes the number, and a second account's conflict.
        try await withTestIDGovUAProvider { provider in
            try await withTestIDGovUAProvider(behavior: TestIDGovUABehavior(fault: .errorJSON, at: .userInfo)) { failing in
                for (settings, email) in [(failing.settings(), "failing@example.com"), (provider.settings(), "first@example.com")] {
                    try await WebHarness.run(database, publicBaseURL: "https://hromada.test", idGovUA: settings, logger: logger) { harness, client in
                        try await harness.makeAccount(email)
                        try await harness.makeAccount("second@example.com")
                        for account in [email, "second@example.com"] {
                            var browser = Browser(client)
                            try await browser.signIn(account)
                            _ = try await Self.verifyThroughIDGovUA(&browser, city: "ladyzhyn")
                        }
                        let snapshot = try await UpgradeTests.snapshot(harness.services.store)
                        let rows = snapshot.tables.values.flatMap { $0 }
                        #expect(!rows.isEmpty)
                        #expect(!rows.contains { $0.contains(Self.rnokpp) }, "a row holds the РНОКПП")
                        #expect(!rows.contains { $0.contains(TestIDGovUAProvider.registeredClientSecret) })
                    }
                }
            }
        }
        let lines = capture.lines
        #expect(lines.contains { $0.contains("ID.GOV.UA verification failed") && $0.contains("invalid_grant") })
        for line in lines {
            #expect(!line.contains(Self.rnokpp), "a log line holds the РНОКПП: \(line)")
            #expect(!line.contains(TestIDGovUAProvider.registeredClientSecret))
        }
    }

    // MARK: The page

    @Test func theVerifyPageOffersAButtonPerConfiguredProviderNamedForWhatIsConfigured() async throws {
        let idGovUA = IDGovUASettings(clientID: "c", clientSecret: "s", url: "https://test.id.gov.ua")
        let unnamed = OIDCSettings(issuer: "https://bankid.example.ua/realms/hromada", clientID: "c", clientSecret: "s")
        let named = OIDCSettings(issuer: "https://bankid.example.ua/realms/hromada", clientID: "c", clientSecret: "s", displayName: "BankID НБУ")
        let cases: [(OIDCSettings?, IDGovUASettings?, present: [String], absent: [String])] = [
            (nil, nil, [], ["/vinnytsia/verify/oidc", "/vinnytsia/verify/idgovua", "Увійти через"]),
            (unnamed, nil, ["/vinnytsia/verify/oidc", "Увійти через bankid.example.ua"], ["/vinnytsia/verify/idgovua", "ID.GOV.UA"]),
            (named, nil, ["Увійти через BankID НБУ"], ["bankid.example.ua", "ID.GOV.UA"]),
            (nil, idGovUA, ["/vinnytsia/verify/idgovua", "Увійти через ID.GOV.UA"], ["/vinnytsia/verify/oidc"]),
            (named, idGovUA, ["Увійти через BankID НБУ", "Увійти через ID.GOV.UA"], []),
        ]
        for (oidc, gov, present, absent) in cases {
            try await WebHarness.run(oidc: oidc, idGovUA: gov) { harness, client in
                try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                let page = try await browser.get("/vinnytsia/verify")
                for text in present { #expect(page.body.contains(text), "missing \(text)") }
                for text in absent { #expect(!page.body.contains(text), "unexpected \(text)") }
                #expect(page.body.contains(#"id="providers""#) == (oidc != nil || gov != nil))
                // A provider that is not configured has no route either.
                if gov == nil { #expect(try await browser.get("/vinnytsia/verify/idgovua").status == .notFound) }
            }
        }
    }
}
