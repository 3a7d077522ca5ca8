import Foundation

/// РНОКПП (ІПН): the ten-digit taxpayer number every Ukrainian resident has.
/// The first five digits count days from 31.12.1899 to the birth date; the
/// tenth is a check digit. It never leaves memory: only its HMAC is stored.
public struct NationalID: Sendable, Equatable {
    public let digits: String

    public enum Problem: Error, Equatable, Sendable {
        case notTenDigits, checksumMismatch
    }

    private static let weights = [-1, 5, 7, 9, 4, 6, 10, 5, 7]

    public static func validated(_ text: String) throws(Problem) -> NationalID {
        let trimmed = text.filter { !$0.isWhitespace }
        let values = trimmed.compactMap { $0.wholeNumberValue }
        guard trimmed.count == 10, values.count == 10, trimmed.allSatisfy({ $0.isASCII }) else { throw .notTenDigits }
        guard checkDigit(values) == values[9] else { throw .checksumMismatch }
        return NationalID(digits: trimmed)
    }

    static func checkDigit(_ values: [Int]) -> Int {
        var sum = 0
        for index in 0..<9 { sum += values[index] * weights[index] }
        return ((sum % 11) + 11) % 11 % 10
    }

    private init(digits: String) { self.digits = digits }

    /// The birth date the number encodes, as a calendar date.
    public var birthDate: CalendarDate {
        let days = Int(digits.prefix(5)) ?? 0
        return CalendarDate.epoch1899.adding(days: days)
    }

    /// Makes a valid number for a birth date, for demo data and tests only.
    public static func make(birthDate: CalendarDate, serial: Int) -> NationalID {
        let days = CalendarDate.epoch1899.days(until: birthDate)
        var text = String(format: "%05d%04d", days, serial % 10_000)
        let values = text.compactMap { $0.wholeNumberValue }
        text += String(checkDigit(values))
        return NationalID(digits: text)
    }
}

/// A date without time, as on documents (YYYY-MM-DD).
public struct CalendarDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Day 0 of РНОКПП (day 1 is 1 January 1900).
    public static let epoch1899 = CalendarDate(year: 1899, month: 12, day: 31)

    public static func parse(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// ISO 8601, `2027-03-01`. Built by hand: `String(format:)` goes through
    /// Foundation's formatter and showed up in the ballot writer's profile.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (civil calendar, proleptic Gregorian).
    package var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    package init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(ordinal: ordinal + days) }
    public func days(until other: CalendarDate) -> Int { other.ordinal - ordinal }

    /// The same day `months` later (earlier when negative), or the month's
    /// last day when it has fewer: 31 January and a month is 28 or 29 February.
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let (newYear, newMonth) = (index >= 0 ? index / 12 : (index - 11) / 12, ((index % 12) + 12) % 12 + 1)
        return CalendarDate(year: newYear, month: newMonth, day: min(day, Self.daysIn(month: newMonth, year: newYear)))
    }

    /// Completed years of age on `date`.
    public func age(on date: CalendarDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// The calendar date in Kyiv at an instant (storage is UTC, people live in Kyiv time).
    public static func inKyiv(_ instant: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? TimeZone(secondsFromGMT: 7200) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
