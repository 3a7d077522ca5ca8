import Foundation
import HromadaDomain

/// What a call's fund has committed and paid, and the rules every
/// agreement and payout is checked against: never more agreed than the
/// fund, never more paid to a recipient than agreed. The store applies the
/// same rule in the statement that records it, so concurrent payouts cannot
/// pass it between a check and a write.
public struct FundPosition: Sendable, Equatable {
    public let fund: Money
    /// The sum of the call's agreements.
    public let committed: Money
    /// The sum of every payout made.
    public let paid: Money

    public init(fund: Money, committed: Money, paid: Money) {
        self.fund = fund
        self.committed = committed
        self.paid = paid
    }

    public var uncommitted: Money { committed >= fund ? .zero : fund - committed }
    public var unpaid: Money { paid >= fund ? .zero : fund - paid }

    public enum Problem: Error, Equatable, Sendable {
        case amountNotPositive
        /// More than the fund has left to commit, or to pay.
        case beyondFund
        /// More than agreed with this recipient.
        case beyondAgreement
        /// More than the call's maximum for one applicant.
        case beyondMaximum
    }

    /// Whether an agreement of `amount` may be signed.
    public func checkAgreement(_ amount: Money, maximumPerApplicant: Money) throws(Problem) {
        guard amount > .zero, amount.isWithinCeiling else { throw .amountNotPositive }
        guard amount <= maximumPerApplicant else { throw .beyondMaximum }
        guard amount <= uncommitted else { throw .beyondFund }
    }

    /// Whether a payout of `amount` may be made under an agreement of which `alreadyPaid` is paid.
    public func checkPayout(_ amount: Money, agreed: Money, alreadyPaid: Money) throws(Problem) {
        guard amount > .zero, amount.isWithinCeiling else { throw .amountNotPositive }
        guard alreadyPaid + amount <= agreed else { throw .beyondAgreement }
        guard amount <= unpaid else { throw .beyondFund }
    }
}

/// What a recipient reports at each date the call set: the jobs the
/// support created, their turnover and the investment they made, with a
/// word on how it went.
public struct ResultReport: Sendable, Equatable, Codable {
    public var jobsCreated: Int
    public var turnover: Money
    public var investment: Money
    public var note: String

    public static let jobRange = 0...100_000
    public static let noteLength = 0...5_000

    public init(jobsCreated: Int, turnover: Money, investment: Money, note: String) {
        self.jobsCreated = jobsCreated
        self.turnover = turnover
        self.investment = investment
        self.note = note
    }

    /// The fields that are out of range, by name; empty when it may be filed.
    public var problems: [String] {
        var fields: [String] = []
        if !Self.jobRange.contains(jobsCreated) { fields.append("jobsCreated") }
        if !turnover.isWithinCeiling { fields.append("turnover") }
        if !investment.isWithinCeiling { fields.append("investment") }
        if !Self.noteLength.contains(note.count) { fields.append("note") }
        return fields
    }
}

/// When a recipient reports: the call's months after the agreement, each
/// due at the end of that day (Kyiv time), and reminded a week before.
public enum ReportSchedule {
    public static let reminderDays = 7

    /// The due instants, earliest first.
    public static func dueDates(signedAt: Date, months: [Int]) -> [Date] {
        let signed = CalendarDate.inKyiv(signedAt)
        return months.sorted().map { signed.adding(months: $0).adding(days: 1).startInKyiv }
    }

    /// Whether a reminder of a report due at `due` is to be sent at `instant`: within the week before, or overdue.
    public static func remindNow(due: Date, at instant: Date) -> Bool {
        instant >= due.addingTimeInterval(-Double(reminderDays) * 86_400)
    }
}
