import Foundation
import HromadaDomain

public struct TimelineEntryID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A dated entry on a node's timeline: what happened (a contract signed,
/// a stage finished, a delay and why), with photos beside it. Decidim's
/// users found its timelines thin; here each says when and what, in both
/// languages where the city writes both.
public struct TimelineEntry: Sendable, Equatable, Codable {
    public var day: CalendarDate
    public var text: LocalizedName

    public static func make(day: CalendarDate, text: LocalizedName) throws(StrategyProblem) -> TimelineEntry {
        guard StrategyDocument.years.contains(day.year) else { throw StrategyProblem(field: "day", reason: .outOfRange) }
        return TimelineEntry(day: day, text: try Checked.name(text, "text", limit: 4000))
    }
}
