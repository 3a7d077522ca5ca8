import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Petitions

/// The city's Atom feed and iCalendar file, made of what its modules tell,
/// and checked by the tools people read them with (feedparser, the Atom
/// RELAX NG schema through lxml, icalendar) where those are installed.
@Suite struct FeedTests {
    /// scripts/check-feeds.py on the two files, or nil where python3 lacks its packages (CI installs them).
    static func outsideCheck(feed: String, calendar: String) throws -> (status: Int32, output: String)? {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import feedparser, lxml, icalendar"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { return nil }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hromada-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let atom = folder.appendingPathComponent("feed.atom"), ics = folder.appendingPathComponent("calendar.ics")
        try Data(feed.utf8).write(to: atom)
        try Data(calendar.utf8).write(to: ics)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", root.appendingPathComponent("scripts/check-feeds.py").path, atom.path, ics.path]
        let pipe = Pipe()
        check.standardOutput = pipe
        check.standardError = pipe
        try check.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        return (check.terminationStatus, output)
    }

    @Test(arguments: TestDatabase.available) func theCityFeedAndCalendarTellEachModulesNewsAndDates(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            // A title that would break XML if it were not escaped, on a petition that gets an answer.
            let answered = try #require(try await harness.services.store.read { tx in
                try await tx.petitions.petitions(in: city.id, states: [.answered], limit: 1).first
            })
            var tricky = answered.petition
            tricky.title = #"Сквер <b>"&"</b> \#u{0007}на Соборній"#
            let changed = tricky
            _ = try await harness.services.store.write { try await $0.petitions.update(changed, from: changed.state) }

            let feed = try await client.execute(uri: "/vinnytsia/feed.atom", method: .get)
            #expect(feed.status == .ok && feed.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let atom = String(buffer: feed.body)
            #expect(atom.contains(#"<category term="petitions"/>"#) && atom.contains(#"<category term="auctions"/>"#)
                && atom.contains(#"<category term="budgets"/>"#))
            #expect(atom.contains("Відповідь на петицію № \(answered.number): Сквер &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt; на Соборній"))
            #expect(atom.contains("Результати: "))
            // Nothing that is not public: petitions in moderation, drafts.
            let hidden = try await harness.services.store.read { tx in
                try await tx.petitions.petitions(in: city.id, states: [.moderation, .draft, .collectingSupporters], limit: 100)
            }
            for item in hidden { #expect(!atom.contains(item.petition.id.rawValue)) }

            // One module's, in English for a feed reader without the language cookie.
            let petitions = String(buffer: try await client.execute(uri: "/vinnytsia/feed.atom?module=petitions&lang=en", method: .get).body)
            #expect(petitions.contains("Answer to petition No.") && !petitions.contains(#"term="auctions""#) && petitions.contains(#"xml:lang="en""#))
            #expect(try await client.execute(uri: "/vinnytsia/feed.atom?module=nothing", method: .get).status == .notFound)

            let calendar = try await client.execute(uri: "/vinnytsia/calendar.ics", method: .get)
            #expect(calendar.status == .ok && calendar.headers[.contentType] == "text/calendar; charset=utf-8")
            let ics = String(buffer: calendar.body)
            #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
            #expect(ics.contains("SUMMARY:Голосування: ") && ics.contains("SUMMARY:Аукціон: лот № "))
            #expect(ics.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })

            if let checked = try Self.outsideCheck(feed: atom, calendar: ics) {
                #expect(checked.status == 0, "\(checked.output)")
            }

            // A city that switches petitions off has none in its feed, and no petitions feed at all.
            var settings = city.settings
            settings.enabledModules = [.budgets, .auctions]
            let off = settings
            try await harness.services.store.write { try await $0.municipalities.updateSettings(off, of: city.id) }
            #expect(!String(buffer: try await client.execute(uri: "/vinnytsia/feed.atom", method: .get).body).contains(#"term="petitions""#))
            #expect(try await client.execute(uri: "/vinnytsia/feed.atom?module=petitions", method: .get).status == .notFound)
        }
    }

    @Test func anAtomFeedEscapesTextAndAnICalendarFoldsAndEscapesIt() {
        #expect(AtomFeed.escape("a<b>&\"'c\u{0001}\u{FFFE}\n") == "a&lt;b&gt;&amp;&quot;&#39;c\n")
        #expect(ICalendar.text("a,b;c\\d\ne\r\u{0007}") == #"a\,b\;c\\d\ne"#)
        let long = "SUMMARY:" + String(repeating: "Голосування ", count: 12)
        let folded = ICalendar.fold(long)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == long)
        #expect(ICalendar.utc(Date(timeIntervalSince1970: 1_800_000_000)) == "20270115T080000Z")
    }
}
