import Foundation

/// Builds the expected instant from UTC parts, independently of the parser.
func utc(
    _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
    nanoseconds: Int = 0
) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone.current
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    let whole = calendar.date(from: components) ?? .distantPast
    return whole.addingTimeInterval(Double(nanoseconds) / 1_000_000_000)
}

/// Date keeps a Double of seconds; compare within a microsecond.
func isClose(_ actual: Date?, _ expected: Date) -> Bool {
    guard let actual else { return false }
    return abs(actual.timeIntervalSince(expected)) < 0.000_001
}
