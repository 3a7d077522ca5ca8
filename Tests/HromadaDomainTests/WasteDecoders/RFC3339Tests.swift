import Foundation
import Testing
@testable import Waste

@Suite struct RFC3339Tests {
    @Test func nanosecondsWithZuluAsTTSWritesThem() {
        #expect(isClose(RFC3339.date(from: "2020-02-12T15:15:46.014773143Z"),
                        utc(2020, 2, 12, 15, 15, 46, nanoseconds: 14_773_143)))
    }

    @Test func numericOffsetAsChirpStackWritesIt() {
        #expect(isClose(RFC3339.date(from: "2022-10-03T03:17:10.427430120+00:00"),
                        utc(2022, 10, 3, 3, 17, 10, nanoseconds: 427_430_120)))
        // Kyiv summer time, three hours ahead of UTC.
        #expect(isClose(RFC3339.date(from: "2024-07-01T12:00:00+03:00"), utc(2024, 7, 1, 9, 0, 0)))
        #expect(isClose(RFC3339.date(from: "2024-07-01T00:30:00-01:30"), utc(2024, 7, 1, 2, 0, 0)))
    }

    @Test func anyFractionLengthIsAccepted() {
        #expect(isClose(RFC3339.date(from: "2024-11-05T07:31:12Z"), utc(2024, 11, 5, 7, 31, 12)))
        #expect(isClose(RFC3339.date(from: "2024-11-05T07:31:12.5Z"),
                        utc(2024, 11, 5, 7, 31, 12, nanoseconds: 500_000_000)))
        #expect(isClose(RFC3339.date(from: "2024-11-05T07:31:12.123456789123456789Z"),
                        utc(2024, 11, 5, 7, 31, 12, nanoseconds: 123_456_789)))
    }

    @Test func leapDayExistsOnlyInLeapYears() {
        #expect(RFC3339.date(from: "2024-02-29T00:00:00Z") != nil)
        #expect(RFC3339.date(from: "2023-02-29T00:00:00Z") == nil)
        #expect(RFC3339.date(from: "2100-02-29T00:00:00Z") == nil)
        #expect(RFC3339.date(from: "2000-02-29T00:00:00Z") != nil)
    }

    @Test(arguments: [
        "", "2024", "2024-11-05", "2024-11-05T07:31", "2024-11-05T07:31:12", "2024-11-05T07:31:12.Z",
        "2024-13-05T07:31:12Z", "2024-11-31T07:31:12Z", "2024-11-05T24:00:00Z", "2024-11-05T07:60:00Z",
        "2024-11-05T07:31:61Z", "2024-11-05T07:31:12+24:00", "2024-11-05T07:31:12+0300", "2024-11-05T07:31:12Zjunk",
        "２０２４-11-05T07:31:12Z", "-024-11-05T07:31:12Z", "2024-11-05T07:31:12.+00:00",
    ])
    func malformedTimesAreRefused(text: String) {
        #expect(RFC3339.date(from: text) == nil)
    }
}
