import Foundation
import Testing
@testable import Budgets

/// `BallotContent(storedCompact:)`: the stored form read without a JSON
/// decoder gives what the decoder gives, and anything else is left to it.
@Suite struct BallotContentCompactTests {
    static func stored(_ content: BallotContent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(content), as: UTF8.self)
    }

    @Test func theCompactFormReadsAsTheJSONDecoderReadsIt() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let count = Int.random(in: 0...6, using: &generator)
            let projects = (0..<count).map { _ in BudgetProjectID(rawValue: String((0..<26).map { _ in "0123456789abcdefghjkmnpqrstvwxyzé".randomElement(using: &generator) ?? "a" })) }
            let points = Bool.random(using: &generator) ? (0..<count).map { _ in Int.random(in: 0...999_999_999, using: &generator) } : nil
            let content = BallotContent(projects: projects, points: points)
            let text = try Self.stored(content)
            #expect(BallotContent(storedCompact: text) == content, "\(text)")
            #expect(try JSONDecoder().decode(BallotContent.self, from: Data(text.utf8)) == content)
        }
    }

    @Test func anythingButTheCompactFormIsLeftToTheDecoder() {
        for text in [
            "", "{", "{}", #"{"projects":["a"]"#, #"{"projects":["a"]} "#, #" {"projects":["a"]}"#, #"{"projects":["a\"b"]}"#,
            #"{"projects":["a\u0062"]}"#, #"{"projects":[1]}"#, #"{"points":[-1],"projects":["a"]}"#, #"{"points":[1.5],"projects":["a"]}"#,
            #"{"points":[1234567890],"projects":["a"]}"#, #"{"points":[1,],"projects":["a"]}"#, #"{"projects":["a",]}"#,
            #"{"projects":["a"],"points":[1]}"#, "{\"projects\":[\"a\u{1}\"]}",
        ] {
            #expect(BallotContent(storedCompact: text) == nil, "\(text)")
        }
        #expect(BallotContent(storedCompact: #"{"projects":[]}"#) == BallotContent(projects: []))
        #expect(BallotContent(storedCompact: #"{"points":[],"projects":[]}"#) == BallotContent(projects: [], points: []))
    }
}
