import Foundation
import HromadaDomain

/// A dated note on how a funded project is being delivered (реалізація).
public struct DeliveryUpdate: Hashable, Codable, Sendable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case planned, contracting
        case inProgress = "in_progress"
        case done, cancelled
    }

    public var id: String
    public var projectID: BudgetProjectID
    public var status: Status
    /// Spending to date, in total (not this update's increment).
    public var spent: Money
    public var note: String
    public var postedBy: AccountID
    public var postedAt: Date

    public init(
        id: String = RandomToken.base32(byteCount: 16), projectID: BudgetProjectID, status: Status, spent: Money, note: String,
        postedBy: AccountID, postedAt: Date
    ) {
        self.id = id
        self.projectID = projectID
        self.status = status
        self.spent = spent
        self.note = note
        self.postedBy = postedBy
        self.postedAt = postedAt
    }

    /// A cancelled project needs its reason on record; spending is never negative.
    public static func make(
        project: BudgetProject, funded: Bool, status: Status, spent: Money, note: String, by author: AccountID, at instant: Date
    ) throws(DeliveryError) -> DeliveryUpdate {
        guard funded else { throw .notFunded }
        guard spent.kopiyky >= 0 else { throw .negativeSpending }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if status == .cancelled, note.isEmpty { throw .reasonRequired }
        guard note.count <= 4000 else { throw .noteTooLong }
        return DeliveryUpdate(projectID: project.id, status: status, spent: spent, note: note, postedBy: author, postedAt: instant)
    }
}

public enum DeliveryError: Error, Equatable, Sendable {
    case notFunded
    case negativeSpending
    case reasonRequired
    case noteTooLong
}
