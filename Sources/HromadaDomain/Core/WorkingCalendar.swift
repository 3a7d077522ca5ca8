import Foundation

/// Which days are working days, for deadlines counted in them ("within 10
/// working days"): a petition's consideration, an investor's first answer.
/// Saturdays and Sundays are days off; the city's admins add public
/// holidays and the weekend days that are worked instead. One per city
/// (`MunicipalitySettings.workingCalendar`), read by every module.
///
/// While martial law lasts (since 2022) public holidays are working days
/// (Law 2136-IX), so the default calendar has none; `withPublicHolidays`
/// fills in the peacetime ones for a city that needs them.
public struct WorkingCalendar: Hashable, Codable, Sendable {
    /// Weekdays that are days off.
    public var holidays: Set<CalendarDate>
    /// Saturdays or Sundays that are worked (a day moved by government decree).
    public var workedWeekendDays: Set<CalendarDate>

    public init(holidays: Set<CalendarDate> = [], workedWeekendDays: Set<CalendarDate> = []) {
        self.holidays = holidays
        self.workedWeekendDays = workedWeekendDays
    }

    /// Weekends only: the calendar while martial law lasts.
    public static let martialLaw = WorkingCalendar()

    public func isWorkingDay(_ day: CalendarDate) -> Bool {
        if workedWeekendDays.contains(day) { return true }
        return !day.isWeekend && !holidays.contains(day)
    }

    /// The end of the `count`-th working day after the day of `start` (Kyiv
    /// time), the instant a deadline "within `count` working days" passes.
    /// The day of the event itself never counts, as in the law's "з дня …".
    public func deadline(workingDays count: Int, after start: Date) -> Date {
        var day = CalendarDate.inKyiv(start)
        var counted = 0
        while counted < max(0, count) {
            day = day.adding(days: 1)
            if isWorkingDay(day) { counted += 1 }
        }
        return day.adding(days: 1).startInKyiv
    }

    /// Working days left before `deadline`, today included while it is one.
    public func workingDaysLeft(until deadline: Date, at instant: Date) -> Int {
        guard instant < deadline else { return 0 }
        var day = CalendarDate.inKyiv(instant)
        let last = CalendarDate.inKyiv(deadline.addingTimeInterval(-1))
        var left = 0
        while day <= last {
            if isWorkingDay(day) { left += 1 }
            day = day.adding(days: 1)
        }
        return left
    }

    /// This calendar with Ukraine's peacetime public holidays of `year`
    /// (Labour Code art. 73, as amended in 2023): a holiday on a weekend
    /// moves to the next working day (art. 67).
    public func withPublicHolidays(of year: Int) -> WorkingCalendar {
        var calendar = self
        let easter = CalendarDate.orthodoxEaster(year)
        let fixed = [(1, 1), (3, 8), (5, 1), (5, 8), (6, 28), (7, 15), (8, 24), (10, 1), (12, 25)]
            .map { CalendarDate(year: year, month: $0.0, day: $0.1) }
        for holiday in fixed + [easter, easter.adding(days: 49)] {
            var day = holiday
            while !calendar.isWorkingDay(day) { day = day.adding(days: 1) }
            calendar.holidays.insert(day)
        }
        return calendar
    }
}

extension CalendarDate {
    /// ISO weekday: 1 is Monday, 7 is Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((ordinal % 7 + 7) % 7 + 3) % 7 + 1 }

    public var isWeekend: Bool { weekday >= 6 }

    /// Midnight at the start of this day in Kyiv.
    public var startInKyiv: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? TimeZone(secondsFromGMT: 7200) ?? .current
        return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: TimeInterval(ordinal) * 86_400)
    }

    /// Easter of the Orthodox Church of Ukraine, still by the Julian computus
    /// (Meeus), as a Gregorian date: 20 April in 2025, 12 April in 2026.
    public static func orthodoxEaster(_ year: Int) -> CalendarDate {
        let a = year % 4, b = year % 7, c = year % 19
        let d = (19 * c + 15) % 30
        let e = (2 * a + 4 * b - d + 34) % 7
        let month = (d + e + 114) / 31, day = (d + e + 114) % 31 + 1
        // Julian to Gregorian: 13 days apart from 1900 to 2099.
        return CalendarDate(year: year, month: month, day: day).adding(days: 13)
    }
}
