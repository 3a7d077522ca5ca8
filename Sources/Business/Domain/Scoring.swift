import Foundation
import HromadaDomain

/// One committee member's scores of one application: a whole number from 0
/// to the call's scale for every criterion, each with a comment.
public struct ScoreSheet: Sendable, Equatable, Codable {
    public let member: AccountID
    public var points: [String: Int]
    public var comments: [String: String]

    public static let commentLength = 0...2_000

    public init(member: AccountID, points: [String: Int], comments: [String: String] = [:]) {
        self.member = member
        self.points = points
        self.comments = comments
    }

    public enum Problem: Error, Equatable, Sendable {
        /// A criterion (its id) has no score, or one out of 0…scale.
        case outOfRange(String)
        /// A comment (its criterion's id) is too long.
        case commentTooLong(String)
        /// A score for a criterion the call does not have.
        case unknownCriterion(String)
    }

    /// Whether this sheet scores every criterion of the call within its scale.
    public func check(against call: SupportCall) throws(Problem) {
        let known = Set(call.criteria.map(\.id))
        if let unknown = points.keys.sorted().first(where: { !known.contains($0) }) { throw .unknownCriterion(unknown) }
        for criterion in call.criteria {
            guard let value = points[criterion.id], (0...call.scale).contains(value) else { throw .outOfRange(criterion.id) }
            if !Self.commentLength.contains(comments[criterion.id]?.count ?? 0) { throw .commentTooLong(criterion.id) }
        }
    }
}

/// An application's total from its committee's sheets: each criterion's
/// points averaged over the members who scored (a member who declared a
/// conflict does not), weighed by the published weights, out of 100.
///
/// Kept exact, as the weighed sum of every member's points and the number of
/// members, so two totals compare without rounding: a tie is a tie.
public struct ScoreTotal: Sendable, Equatable, Comparable, Codable {
    /// Σ over criteria of weight × Σ over members of points.
    public let weighed: Int64
    public let members: Int
    public let scale: Int

    /// No committee is larger; with it, no product below passes 10¹³.
    public static let mostMembers = 1_000

    /// Nil when nobody scored yet, or a sheet does not fit the call.
    public init?(sheets: [ScoreSheet], call: SupportCall) {
        guard (1...Self.mostMembers).contains(sheets.count), Set(sheets.map(\.member)).count == sheets.count else { return nil }
        var sum: Int64 = 0
        for sheet in sheets {
            guard (try? sheet.check(against: call)) != nil else { return nil }
            // Weights (≤ 100 each, 100 in all) times points (≤ 100): no sheet passes 10 000.
            for criterion in call.criteria { sum += Int64(criterion.weight) * Int64(sheet.points[criterion.id] ?? 0) }
        }
        weighed = sum
        members = sheets.count
        scale = call.scale
    }

    /// The total in hundredths of a point (0…10 000), rounded half up, for display.
    public var hundredths: Int64 {
        let denominator = Int64(members) * Int64(scale)
        return (weighed * 100 + denominator / 2) / denominator
    }

    /// "73.50"
    public var formatted: String { Self.formatted(hundredths: hundredths) }

    /// Hundredths of a point as the page shows them: "73.50".
    public static func formatted(hundredths: Int64) -> String {
        let fraction = hundredths.magnitude % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Whether it reaches `minimum` points of 100, exactly.
    public func reaches(_ minimum: Int) -> Bool {
        weighed >= Int64(minimum) * Int64(members) * Int64(scale)
    }

    /// Totals of one call compare as fractions: weighed / (members × scale).
    public static func < (lhs: ScoreTotal, rhs: ScoreTotal) -> Bool {
        lhs.weighed * Int64(rhs.members) * Int64(rhs.scale) < rhs.weighed * Int64(lhs.members) * Int64(lhs.scale)
    }

    public static func == (lhs: ScoreTotal, rhs: ScoreTotal) -> Bool {
        !(lhs < rhs) && !(rhs < lhs)
    }
}

/// The call's list: the scored applications best first, and which are
/// funded. Down the list, an application at or above the minimum is funded
/// when what it asks fits what the fund has left; one that does not fit is
/// passed over and the next is tried (a smaller one may still fit). Equal
/// totals go to the application submitted first, then by id, so the list
/// is the same however it is computed.
public enum AwardList {
    public struct Candidate: Sendable, Equatable {
        public let id: SupportApplicationID
        public let total: ScoreTotal
        public let requested: Money
        public let submittedAt: Date

        public init(id: SupportApplicationID, total: ScoreTotal, requested: Money, submittedAt: Date) {
            self.id = id
            self.total = total
            self.requested = requested
            self.submittedAt = submittedAt
        }
    }

    public enum Verdict: String, Sendable, Equatable, Codable {
        case awarded
        case belowMinimum = "below_minimum"
        case beyondFund = "beyond_fund"
    }

    public struct Line: Sendable, Equatable {
        public let candidate: Candidate
        /// Its place on the list, from 1.
        public let rank: Int
        public let verdict: Verdict
    }

    public static func decide(_ candidates: [Candidate], fund: Money, minimumTotal: Int) -> [Line] {
        let ordered = candidates.sorted { a, b in
            if a.total != b.total { return a.total > b.total }
            if a.submittedAt != b.submittedAt { return a.submittedAt < b.submittedAt }
            return a.id.rawValue < b.id.rawValue
        }
        var left = fund
        return ordered.enumerated().map { index, candidate in
            let verdict: Verdict
            if !candidate.total.reaches(minimumTotal) {
                verdict = .belowMinimum
            } else if candidate.requested <= left {
                verdict = .awarded
                left = left - candidate.requested
            } else {
                verdict = .beyondFund
            }
            return Line(candidate: candidate, rank: index + 1, verdict: verdict)
        }
    }
}
