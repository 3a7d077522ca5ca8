import Synchronization
import Testing
@testable import HromadaDomain

/// A module's settings section is decoded once per stored value (issue 25).
@Suite(.serialized) struct SettingsSectionMemoTests {
    /// A section that counts how often it is decoded.
    struct CountedSection: CitySettingsSection {
        static let key = "counted-section-test"
        static let decodes = Atomic<Int>(0)
        var threshold = 1

        enum CodingKeys: String, CodingKey { case threshold }

        init() {}

        init(from decoder: any Decoder) throws {
            Self.decodes.wrappingAdd(1, ordering: .relaxed)
            threshold = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .threshold)
        }
    }

    @Test func aStoredSectionIsDecodedOnceAndAChangedOneAgain() {
        let stored: [String: JSONValue] = [CountedSection.key: .object(["threshold": .integer(350)])]
        let before = CountedSection.decodes.load(ordering: .relaxed)
        #expect(CountedSection.read(from: stored).threshold == 350)
        #expect(CountedSection.read(from: stored).threshold == 350)
        #expect(CountedSection.decodes.load(ordering: .relaxed) == before + 1)
        let changed: [String: JSONValue] = [CountedSection.key: .object(["threshold": .integer(500)])]
        #expect(CountedSection.read(from: changed).threshold == 500)
        #expect(CountedSection.decodes.load(ordering: .relaxed) == before + 2)
    }

    @Test func anUnreadableSectionGivesTheDefaultsEveryTime() {
        let stored: [String: JSONValue] = [CountedSection.key: .object(["threshold": .string("many")])]
        #expect(CountedSection.read(from: stored).threshold == 1)
        #expect(CountedSection.read(from: stored).threshold == 1)
        #expect(CountedSection.read(from: [:]).threshold == 1)
    }
}
