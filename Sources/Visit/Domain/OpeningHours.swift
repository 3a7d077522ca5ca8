import Foundation
import HromadaDomain

/// When a place is open, in Kyiv time: hours for each day of the week, what
/// it does on the city's public holidays, and dates that differ (closed for
/// repairs, short hours on New Year's Eve). A place whose hours the guide
/// does not know says so rather than showing "closed".
public struct OpeningHours: Sendable, Equatable, Codable {
    /// From `opens` to `closes`, in minutes after midnight. A span that closes
    /// at or before it opens runs past midnight into the next day (a bar open
    /// 18:00–02:00); 0–1440 is the whole day.
    public struct Span: Sendable, Equatable, Hashable, Codable, Comparable {
        public let opens: Int
        public let closes: Int

        public init?(opens: Int, closes: Int) {
            guard (0..<1440).contains(opens), (0...1440).contains(closes), opens != closes else { return nil }
            self.opens = opens
            self.closes = closes
        }

        public static let wholeDay = Span(uncheckedOpens: 0, closes: 1440)

        private init(uncheckedOpens: Int, closes: Int) {
            self.opens = uncheckedOpens
            self.closes = closes
        }

        /// Read back with the same checks as when made: a stored span out of range is refused, not drawn.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let opens = try container.decode(Int.self, forKey: .opens), closes = try container.decode(Int.self, forKey: .closes)
            guard let span = Span(opens: opens, closes: closes) else {
                throw DecodingError.dataCorruptedError(forKey: .opens, in: container, debugDescription: "not a span of a day")
            }
            self = span
        }

        public var runsPastMidnight: Bool { closes < opens }

        public static func < (lhs: Span, rhs: Span) -> Bool { (lhs.opens, lhs.closes) < (rhs.opens, rhs.closes) }

        /// `09:00–18:00`, or `00:00–24:00` for the whole day.
        public var text: String { "\(Self.clock(opens))–\(Self.clock(closes))" }

        static func clock(_ minutes: Int) -> String {
            let hours = minutes / 60, rest = minutes % 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
        }
    }

    /// What a place does on a public holiday of the city's calendar.
    public enum OnHolidays: String, Sendable, Equatable, Codable, CaseIterable {
        case asUsual = "as_usual"
        case closed
        /// The hours of a Sunday.
        case asSunday = "as_sunday"
    }

    /// Whether the place is open at an instant, or the guide cannot say.
    public enum State: Sendable, Equatable {
        case open, closed, unknown
    }

    /// Spans for Monday (index 0) to Sunday (index 6); nil when the guide does not know the hours.
    public var week: [[Span]]?
    public var onHolidays: OnHolidays
    /// Dates that differ from the week: no spans is closed that day.
    public var exceptions: [CalendarDate: [Span]]

    public init(week: [[Span]]?, onHolidays: OnHolidays = .asUsual, exceptions: [CalendarDate: [Span]] = [:]) {
        self.week = week.map { days in (0..<7).map { $0 < days.count ? days[$0].sorted() : [] } }
        self.onHolidays = onHolidays
        self.exceptions = exceptions
    }

    private enum CodingKeys: String, CodingKey { case week, onHolidays, exceptions }

    /// Stored as `{"week": [[span…] ×7] or null, "onHolidays": "closed", "exceptions": {"2027-01-01": []}}`,
    /// and read back through the same normalising init (seven days, spans in order).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let byText = try container.decode([String: [Span]].self, forKey: .exceptions)
        var exceptions: [CalendarDate: [Span]] = [:]
        for (text, spans) in byText {
            guard let date = CalendarDate.parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: .exceptions, in: container, debugDescription: "not a date: \(text)")
            }
            exceptions[date] = spans
        }
        self.init(
            week: try container.decodeIfPresent([[Span]].self, forKey: .week), onHolidays: try container.decode(OnHolidays.self, forKey: .onHolidays),
            exceptions: exceptions)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(week, forKey: .week)
        try container.encode(onHolidays, forKey: .onHolidays)
        try container.encode(Dictionary(uniqueKeysWithValues: exceptions.map { ($0.key.description, $0.value) }), forKey: .exceptions)
    }

    public static let unknown = OpeningHours(week: nil)
    /// A park or a viewpoint: open at any hour.
    public static let always = OpeningHours(week: Array(repeating: [.wholeDay], count: 7))

    /// The spans of one day, with its exceptions and the holidays (nil: not known).
    public func spans(on day: CalendarDate, holidays: Set<CalendarDate>) -> [Span]? {
        if let exception = exceptions[day] { return exception }
        guard let week else { return nil }
        if holidays.contains(day) {
            switch onHolidays {
            case .asUsual: break
            case .closed: return []
            case .asSunday: return week.last
            }
        }
        let index = day.weekday - 1
        return week.indices.contains(index) ? week[index] : nil
    }

    /// Open, closed or not known at an instant, Kyiv time. A span that runs
    /// past midnight keeps the place open into the small hours of the next day.
    public func state(at instant: Date, holidays: Set<CalendarDate>) -> State {
        let (day, minute) = Self.kyivDayAndMinute(instant)
        guard let today = spans(on: day, holidays: holidays) else { return .unknown }
        for span in today {
            if span.runsPastMidnight ? minute >= span.opens : (minute >= span.opens && minute < span.closes) { return .open }
        }
        let yesterday = spans(on: day.adding(days: -1), holidays: holidays) ?? []
        if yesterday.contains(where: { $0.runsPastMidnight && minute < $0.closes }) { return .open }
        return .closed
    }

    static func kyivDayAndMinute(_ instant: Date) -> (CalendarDate, Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? TimeZone(secondsFromGMT: 7200) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let day = CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        return (day, (parts.hour ?? 0) * 60 + (parts.minute ?? 0))
    }
}

/// Hours as staff type them on the place's form, and back: a day is
/// `09:00-18:00`, several spans are separated by commas (`10:00-14:00,
/// 15:00-19:00`), a day off is left empty or `-`, and a whole day is
/// `00:00-24:00`. An exception is a line `2027-01-01 closed` or
/// `2026-12-31 10:00-15:00`.
public enum HoursText {
    public enum Problem: Error, Equatable, Sendable {
        /// A day's text that is not spans (the field is named by the form).
        case day
        /// The exception line, counted from 1, that is not a date and spans.
        case exceptionLine(Int)
    }

    /// At most this many spans a day and this many exception lines: more is not hours but a paste gone wrong.
    public static let spansPerDay = 6
    public static let exceptionLines = 366

    public static func day(_ text: String) throws(Problem) -> [OpeningHours.Span] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "-" || trimmed == "–" { return [] }
        let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= spansPerDay else { throw .day }
        var spans: [OpeningHours.Span] = []
        for part in parts {
            let ends = part.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let opens = minutes(ends[0]), let closes = minutes(ends[1]),
                  let span = OpeningHours.Span(opens: opens, closes: closes)
            else { throw .day }
            spans.append(span)
        }
        return spans.sorted()
    }

    public static func exceptions(_ text: String) throws(Problem) -> [CalendarDate: [OpeningHours.Span]] {
        var result: [CalendarDate: [OpeningHours.Span]] = [:]
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard lines.count <= exceptionLines else { throw .exceptionLine(exceptionLines + 1) }
        for (index, line) in lines.enumerated() {
            let head = line.prefix { !$0.isWhitespace }
            let rest = line.dropFirst(head.count).trimmingCharacters(in: .whitespaces)
            guard let date = CalendarDate.parse(String(head)), result[date] == nil else { throw .exceptionLine(index + 1) }
            if ["closed", "зачинено", "вихідний"].contains(rest.lowercased()) {
                result[date] = []
            } else {
                do { result[date] = try day(rest) } catch { throw .exceptionLine(index + 1) }
                if result[date]?.isEmpty == true { throw .exceptionLine(index + 1) }
            }
        }
        return result
    }

    /// A day's spans as the form shows them back.
    public static func text(_ spans: [OpeningHours.Span]) -> String {
        spans.map { "\(OpeningHours.Span.clock($0.opens))-\(OpeningHours.Span.clock($0.closes))" }.joined(separator: ", ")
    }

    public static func text(_ exceptions: [CalendarDate: [OpeningHours.Span]]) -> String {
        exceptions.keys.sorted().map { date in
            let spans = exceptions[date] ?? []
            return "\(date) " + (spans.isEmpty ? "closed" : text(spans))
        }.joined(separator: "\n")
    }

    /// `HH:MM` (or `H:MM`) as minutes after midnight, `24:00` included; anything else nil.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              (parts[0] + parts[1]).allSatisfy({ $0.isASCII && $0.isNumber }),
              let hours = Int(parts[0]), let rest = Int(parts[1]), (0...24).contains(hours), (0...59).contains(rest)
        else { return nil }
        let total = hours * 60 + rest
        return total <= 1440 ? total : nil
    }
}
