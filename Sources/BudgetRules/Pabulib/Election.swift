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

    public init(
        meta: [(key: String, value: String)], projectColumns: [String], projects: [Project], voteColumns: [String], votes: [Vote],
        budget: Amount, voteType: VoteType
    ) {
        self.meta = meta
        self.projectColumns = projectColumns
        self.projects = projects
        self.voteColumns = voteColumns
        self.votes = votes
        self.budget = budget
        self.voteType = voteType
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

    public init(id: String, cost: Amount, fields: [String: String]) {
        self.id = id
        self.cost = cost
        self.fields = fields
    }
}

public struct Vote: Sendable, Equatable {
    public var voterID: String
    /// Project ids in ballot order (ranked order for ordinal ballots).
    public var projects: [String] {
        get { choices.ids }
        set { choices = .ids(newValue) }
    }
    /// Points per project, in the same order, for cumulative and scoring ballots.
    public var points: [Amount]?
    /// The row's values by column, as in `Election.voteColumns` (kept for round trips
    /// and for columns such as age or sex that the rules do not read). The
    /// voter_id, vote and points cells read as empty: they live in the properties above.
    public var row: [String] {
        get { cells.values }
        set { cells = Cells(newValue) }
    }
    /// Compact storage: files run to hundreds of thousands of ballots, and an
    /// array of strings per ballot would cost more memory than the file.
    var choices: Choices
    var cells: Cells

    public init(voterID: String, projects: [String], points: [Amount]?, row: [String]) {
        self.init(voterID: voterID, choices: .ids(projects), points: points, cells: Cells(row))
    }

    init(voterID: String, choices: Choices, points: [Amount]?, cells: Cells) {
        self.voterID = voterID
        self.choices = choices
        self.points = points
        self.cells = cells
    }

    public func field(_ column: String, in election: Election) -> String? {
        let row = self.row
        return election.voteColumns.firstIndex(of: column).flatMap { $0 < row.count ? row[$0] : nil }
    }

    public static func == (lhs: Vote, rhs: Vote) -> Bool {
        lhs.voterID == rhs.voterID && lhs.projects == rhs.projects && lhs.points == rhs.points && lhs.row == rhs.row
    }
}

/// The project ids of one file, shared by all its votes, so that a vote keeps
/// small indices into it instead of strings.
final class ProjectIDs: Sendable {
    let ids: [String]
    init(_ ids: [String]) { self.ids = ids }
}

/// A ballot's projects: ids as given, or indices into the file's project list.
enum Choices: Sendable {
    case ids([String])
    case indexed([Int32], ProjectIDs)

    var ids: [String] {
        switch self {
        case .ids(let ids): ids
        case .indexed(let indices, let table): indices.map { table.ids[Int($0)] }
        }
    }

    var count: Int {
        switch self {
        case .ids(let ids): ids.count
        case .indexed(let indices, _): indices.count
        }
    }
}

/// A row's cells joined by U+001F (the unit separator) into one string: one
/// small allocation per ballot instead of an array of strings. The rare row
/// whose cells contain U+001F themselves keeps the array.
enum Cells: Sendable {
    case packed(String)
    case list([String])

    init(_ values: [String]) {
        if values.isEmpty || values.contains(where: { $0.utf8.contains(0x1F) }) {
            self = .list(values)
        } else {
            self = .packed(values.joined(separator: "\u{1F}"))
        }
    }

    var values: [String] {
        switch self {
        case .list(let values): values
        case .packed(let text):
            text.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
