/// A participatory-budget election as Pabulib describes it: the instance
/// (budget and projects) and the profile (the ballots).
public struct Election: Sendable, Equatable {
    /// META in file order; every key is kept, known or not.
    public var meta: [(key: String, value: String)]
    public var projectColumns: [String]
    public var projects: [Project]
    public var voteColumns: [String]
    public var votes: [Vote]
    /// The budget in the file's currency units, exactly.
    public var budget: Amount
    public var voteType: VoteType

    public static func == (lhs: Election, rhs: Election) -> Bool {
        lhs.meta.map(\.key) == rhs.meta.map(\.key) && lhs.meta.map(\.value) == rhs.meta.map(\.value)
            && lhs.projectColumns == rhs.projectColumns && lhs.projects == rhs.projects
            && lhs.voteColumns == rhs.voteColumns && lhs.votes == rhs.votes && lhs.budget == rhs.budget
            && lhs.voteType == rhs.voteType
    }

    public func metaValue(_ key: String) -> String? {
        meta.first { $0.key == key }?.value
    }

    /// The rule the file says the city used (META `rule`).
    public var declaredRule: String? { metaValue("rule") }
}

public enum VoteType: String, Sendable, Equatable, CaseIterable {
    case approval, ordinal, cumulative, scoring
    case chooseOne = "choose-1"

    /// Approval-like ballots: a set of projects, each fully supported.
    public var isApprovalLike: Bool { self == .approval || self == .chooseOne }
}

public struct Project: Sendable, Equatable {
    public var id: String
    public var cost: Amount
    /// Every column of the PROJECTS row, by column name (including id and cost).
    public var fields: [String: String]
}

public struct Vote: Sendable, Equatable {
    public var voterID: String
    /// Project ids in ballot order (ranked order for ordinal ballots).
    public var projects: [String]
    /// Points per project, in the same order, for cumulative and scoring ballots.
    public var points: [Amount]?
    /// The row's values by column, as in `Election.voteColumns` (kept for round trips
    /// and for columns such as age or sex that the rules do not read).
    public var row: [String]

    public func field(_ column: String, in election: Election) -> String? {
        election.voteColumns.firstIndex(of: column).flatMap { $0 < row.count ? row[$0] : nil }
    }
}
