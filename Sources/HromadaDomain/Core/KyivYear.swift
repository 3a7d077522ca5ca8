import Foundation

/// A calendar year as people in Kyiv live it, from the first midnight of
/// 1 January to the next: the span a module's yearly figures count in
/// (`ComputedIndicator`). Storage is UTC; a ballot cast at 00:30 on
/// 1 January Kyiv time belongs to the new year, whatever UTC says.
public struct KyivYear: Hashable, Sendable {
    public let year: Int
    public let start: Date
    /// The next year's first instant: the year is `start..<end`.
    public let end: Date

    /// Nil outside 1…9998: nothing the platform keeps is dated there, and
    /// `year + 1` stays far from trapping whatever year is asked for.
    public init?(_ year: Int) {
        guard (1...9998).contains(year) else { return nil }
        self.year = year
        start = CalendarDate(year: year, month: 1, day: 1).startInKyiv
        end = CalendarDate(year: year + 1, month: 1, day: 1).startInKyiv
    }

    /// The year before the one `instant` falls in, in Kyiv: the demo's
    /// history is dated there, so last year's report has something to show
    /// whenever the demo is seeded.
    public static func before(_ instant: Date) -> KyivYear? {
        KyivYear(CalendarDate.inKyiv(instant).year - 1)
    }

    /// The instant `days` days after the year began (fractions allowed).
    public func after(days: Double) -> Date { start.addingTimeInterval(days * 86_400) }

    /// Whether something that happened at `instant` happened in this year.
    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }

    /// Whether a deadline falls in this year. A deadline is kept as the
    /// instant it passes, the midnight after its last day
    /// (`WorkingCalendar.deadline`), so one passing at the first midnight of
    /// the next year is due on this year's last day.
    public func containsDeadline(_ deadline: Date) -> Bool { start < deadline && deadline <= end }
}
