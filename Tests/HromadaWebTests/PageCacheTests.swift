import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing
@testable import HromadaWeb

/// Anonymous pages from memory (issue 25): rendered once per change, each
/// reader's own form token put back, ETags, never for a signed-in reader.
@Suite struct PageCacheTests {
    /// Renames Vinnytsia behind the cache's back (`seenByReaders: false`),
    /// so only a page rendered again can show the new name.
    static func renameQuietly(_ services: AppServices, to name: String) async throws {
        try await services.store.write(seenByReaders: false) { tx in
            try await tx.db.raw("UPDATE municipalities SET name_uk = \(bind: name) WHERE slug = 'vinnytsia'").run()
        }
    }

    @Test(arguments: TestDatabase.available) func anAnonymousPageIsRenderedOncePerChange(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var browser = Browser(client)
            let version = harness.services.store.version.current
            #expect(try await browser.get("/vinnytsia").body.contains("Вінниця"))
            #expect(harness.services.store.version.current == version, "reading a page writes nothing readers see")
            try await Self.renameQuietly(harness.services, to: "Вінниця-на-Бузі")
            let copy = try await browser.get("/vinnytsia")
            #expect(copy.status == .ok)
            #expect(!copy.body.contains("Вінниця-на-Бузі"), "the copy in memory, not a new render")
            // Any write readers may see makes the copy out of date at once.
            try await harness.services.store.write { tx in
                try await tx.db.raw("UPDATE municipalities SET population = population WHERE slug = 'vinnytsia'").run()
            }
            #expect(try await browser.get("/vinnytsia").body.contains("Вінниця-на-Бузі"))
        }
    }

    @Test func aCopyOlderThanItsMaximumAgeIsRenderedAgain() async throws {
        try await WebHarness.run { harness, client in
            var browser = Browser(client)
            _ = try await browser.get("/vinnytsia/petitions")
            try await Self.renameQuietly(harness.services, to: "Вінниця-на-Бузі")
            #expect(!(try await browser.get("/vinnytsia/petitions").body.contains("Вінниця-на-Бузі")))
            // Pages that change with time (a deadline passing) and writes by
            // another process are caught by the copy's age.
            harness.clock.advance(by: PageCache.maximumAge + 0.5)
            #expect(try await browser.get("/vinnytsia/petitions").body.contains("Вінниця-на-Бузі"))
        }
    }

    @Test func eachReaderGetsItsOwnFormToken() async throws {
        try await WebHarness.run { harness, client in
            var first = Browser(client), second = Browser(client)
            let one = try await first.get("/login"), two = try await second.get("/login")
            let firstToken = try #require(first.csrf), secondToken = try #require(second.csrf)
            #expect(firstToken != secondToken)
            #expect(one.body.contains(firstToken) && !one.body.contains(secondToken))
            #expect(two.body.contains(secondToken) && !two.body.contains(firstToken))
            let cookie = try #require(second.cookies["hromada_csrf"])
            #expect(harness.services.keys.isValidCSRFToken(secondToken, for: cookie))
            // The served copy's form still works: the second reader signs in with it.
            try await second.signIn("olena@demo.hromada.ua", "resident-demo-2026")
        }
    }

    @Test(arguments: TestDatabase.available) func aReaderWithTheSameCopyIsAnsweredNotModified(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var browser = Browser(client)
            let page = try await browser.get("/vinnytsia/budgets")
            let tag = try #require(page.headers[.eTag])
            #expect(page.headers[.cacheControl] == "private, no-cache")
            #expect(try await browser.get("/vinnytsia/budgets").headers[.eTag] == tag)
            let again = try await browser.get("/vinnytsia/budgets", headers: [.ifNoneMatch: "\"other\", \(tag)"])
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
            try await harness.services.store.write { tx in
                try await tx.db.raw("UPDATE municipalities SET name_uk = 'Вінниця-на-Бузі' WHERE slug = 'vinnytsia'").run()
            }
            let changed = try await browser.get("/vinnytsia/budgets", headers: [.ifNoneMatch: tag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != tag)
            #expect(changed.body.contains("Вінниця-на-Бузі"))
        }
    }

    @Test func aSignedInReaderNeverGetsTheAnonymousCopy() async throws {
        try await WebHarness.run { harness, client in
            var browser = Browser(client)
            let anonymous = try await browser.get("/vinnytsia")
            #expect(anonymous.headers[.eTag] != nil)
            try await browser.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let signedIn = try await browser.get("/vinnytsia")
            #expect(signedIn.headers[.eTag] == nil)
            #expect(signedIn.headers[.cacheControl] == "no-store")
            #expect(signedIn.body.contains("Олена"))
            #expect(!anonymous.body.contains("Олена"))
        }
    }

    @Test func pagesInEachLanguageAreKeptApart() async throws {
        try await WebHarness.run { _, client in
            var browser = Browser(client)
            #expect(try await browser.get("/vinnytsia").body.contains(#"<html lang="uk">"#))
            _ = try await browser.get("/en?next=/vinnytsia")
            #expect(try await browser.get("/vinnytsia").body.contains(#"<html lang="en">"#))
            #expect(try await browser.get("/vinnytsia?lang=uk").body.contains(#"<html lang="uk">"#))
        }
    }

    @Test func aPageIsCutAtEveryTokenAndPutBackWhole() {
        let token = Array("TOKEN".utf8)
        for page in ["", "TOKEN", "aTOKENbTOKENc", "TOKENTOKEN", "no token here", "TOKE", "xTOKEN"] {
            let pieces = CachedPage.cut(Array(page.utf8), at: token)
            #expect(pieces.map { String(buffer: $0) }.joined(separator: "TOKEN") == page, "\(page)")
        }
        #expect(CachedPage.cut(Array("aTOKENbTOKENc".utf8), at: token).count == 3)
    }

    @Test func ifNoneMatchTakesAListAWeakTagOrAStar() {
        #expect(CachedPage.matches("\"a\", \"b\"", "\"b\""))
        #expect(CachedPage.matches("W/\"b\"", "\"b\""))
        #expect(CachedPage.matches("*", "\"b\""))
        #expect(!CachedPage.matches("\"a\"", "\"b\""))
        #expect(!CachedPage.matches("", "\"b\""))
    }
}
