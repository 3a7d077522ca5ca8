import Foundation
import HromadaDomain

/// A visitor's stars for a certified place.
public struct VisitorRating: Sendable, Equatable {
    public let stars: Int
    public let at: Date

    public static let range = 1...5
    /// One rating per person per place in this many days.
    public static let spacingDays = 30

    public init?(stars: Int, at: Date) {
        guard Self.range.contains(stars) else { return nil }
        self.stars = stars
        self.at = at
    }

    /// Whether a person whose last rating of the place was `last` may rate it again at `instant`.
    public static func mayRate(last: Date?, at instant: Date) -> Bool {
        guard let last else { return true }
        return instant.timeIntervalSince(last) >= Double(spacingDays) * 86_400
    }
}

/// A visitor's report (complaint) about a certified place, and what the staff made of it.
public enum ReportState: String, CaseIterable, Codable, Sendable {
    case open, upheld, dismissed

    /// Whether it counts toward the complaints' pattern: not once dismissed.
    public var counts: Bool { self != .dismissed }
}

public enum VisitorReportText {
    public static let length = 10...2_000

    /// The text trimmed, or nil when it is too short or too long.
    public static func checked(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return length.contains(trimmed.count) ? trimmed : nil
    }
}

/// When visitors' word prompts a re-assessment of a certified place (docs/visit-standard.md):
/// - three or more reports in the last 90 days that are open or upheld (dismissed ones do not count), or
/// - among the last ten ratings, at least five, and their mean below 3.0 stars.
public enum ComplaintPattern {
    public static let reportWindowDays = 90
    public static let reportThreshold = 3
    public static let ratingsConsidered = 10
    public static let ratingsNeeded = 5
    /// The bar in tenths of a star: a mean below 3.0.
    public static let meanBarTenths = 30

    public enum Reason: Sendable, Equatable {
        case reports(Int)
        /// The mean of the ratings considered, in tenths rounded down.
        case ratings(meanTenths: Int)
    }

    /// The reason the pattern holds now, or nil. `ratings` newest first.
    public static func holds(reports: [(state: ReportState, at: Date)], ratings: [Int], at instant: Date) -> Reason? {
        let since = instant.addingTimeInterval(-Double(reportWindowDays) * 86_400)
        let counted = reports.filter { $0.state.counts && $0.at >= since && $0.at <= instant }.count
        if counted >= reportThreshold { return .reports(counted) }
        let recent = ratings.prefix(ratingsConsidered)
        if recent.count >= ratingsNeeded {
            let sum = recent.reduce(0, +)
            // Exact: sum / count < 3.0 ⇔ sum · 10 < 30 · count.
            if sum * 10 < meanBarTenths * recent.count { return .ratings(meanTenths: sum * 10 / recent.count) }
        }
        return nil
    }
}

/// The letters before a certificate expires: 90 and 30 days before, each once.
public enum ExpiryReminder {
    public static let daysBefore = [90, 30]

    /// The reminder due at `instant` for a certificate valid until `validUntil`,
    /// given those already sent: the nearest one whose day has come (a
    /// certificate first seen 20 days before gets the 30-day letter, not both).
    public static func due(validUntil: Date, sent: Set<Int>, at instant: Date) -> Int? {
        guard instant < validUntil else { return nil }
        let days = daysBefore.sorted()
        guard let nearest = days.first(where: { instant >= validUntil.addingTimeInterval(-Double($0) * 86_400) }) else { return nil }
        return sent.contains(nearest) ? nil : nearest
    }
}
