import Foundation
import Testing

/// Key pages compared, as HTML, with the copies kept in `Snapshots/`.
///
/// Written here rather than with swift-snapshot-testing: all these tests
/// need is "this text equals that file", and the library brings
/// swift-syntax into every clean CI build (a few minutes of a budget of
/// 60) for macros the suite does not use.
///
/// A page differs from its copy: the test fails and writes what it got
/// beside the copy (`*.received.html`) to compare. A copy is written anew
/// when missing or when `HROMADA_RECORD_SNAPSHOTS=1`; review it with
/// `git diff` like any other change.
enum PageSnapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// `names` replaces what changes from run to run (the ids of what the
    /// test made) with stable placeholders; the CSRF token is always replaced.
    static func expect(
        _ html: String, named name: String, replacing names: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var page = html
        for (value, placeholder) in names where !value.isEmpty { page = page.replacingOccurrences(of: value, with: placeholder) }
        page = page.replacing(try Regex(#"name="_csrf" value="[^"]*""#), with: #"name="_csrf" value="{csrf}""#)
        page = page.replacing(try Regex(#"<meta name="csrf" content="[^"]*""#), with: #"<meta name="csrf" content="{csrf}""#)
        let file = folder.appendingPathComponent("\(name).html")
        let received = folder.appendingPathComponent("\(name).received.html")
        let record = ProcessInfo.processInfo.environment["HROMADA_RECORD_SNAPSHOTS"] == "1"
        guard !record, let kept = try? String(contentsOf: file, encoding: .utf8) else {
            try page.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        if kept == page {
            try? FileManager.default.removeItem(at: received)
        } else {
            try page.write(to: received, atomically: true, encoding: .utf8)
            Issue.record("\(name) differs from Snapshots/\(name).html; what the page is now: Snapshots/\(name).received.html", sourceLocation: sourceLocation)
        }
    }
}
