import BigInt

/// The election reduced to what the rules compute on: projects by index,
/// costs as integers of the finest decimal unit in the file, and identical
/// ballots merged into groups with a multiplicity.
struct PreparedElection: Sendable {
    let ids: [String]
    /// Costs in units of 10^-scale currency.
    let costs: [Int64]
    let budget: Int64
    let scale: Int
    /// Distinct ballots as project-index lists, and how many voters cast each.
    let ballots: [[Int32]]
    let multiplicity: [Int64]
    /// The multiplicities as Double, for the floating-point guide.
    let weight: [Double]
    /// Per distinct ballot, the points it gives each listed project (cumulative/scoring), in `scale` units.
    let points: [[Int64]]?
    /// Per project: the ballot groups that approve it.
    let supporters: [[Int32]]
    /// Per project: voters approving it (with multiplicity).
    let approvals: [Int64]
    let voterCount: Int64

    init(_ election: Election) throws(RuleError) {
        let scale = ([election.budget.scale] + election.projects.map(\.cost.scale)).max() ?? 0
        func integer(_ amount: Amount) throws(RuleError) -> Int64 {
            guard let value = Int64(exactly: amount.units(atScale: scale)) else { throw .tooLarge }
            return value
        }
        ids = election.projects.map(\.id)
        var costs: [Int64] = []
        for project in election.projects { costs.append(try integer(project.cost)) }
        self.costs = costs
        budget = try integer(election.budget)
        self.scale = scale
        let index = Dictionary(uniqueKeysWithValues: election.projects.enumerated().map { ($1.id, Int32($0)) })
        var groupOf: [[Int32]: Int] = [:]
        var ballots: [[Int32]] = []
        var multiplicity: [Int64] = []
        var points: [[Int64]] = []
        let usesPoints = election.voteType == .cumulative || election.voteType == .scoring || election.voteType == .ordinal
        // Ranked ballots score positional points: with up to L choices the first
        // gets L, the next L − 1, … (Kraków's count; it equals the file's `score`).
        let longest = election.votes.map(\.projects.count).max() ?? 0
        let rankLength = election.metaValue("max_length").flatMap { Int($0.trimmingCharacters()) } ?? longest
        var pointGroups: [[Int64]: Int] = [:]
        for vote in election.votes {
            let projects = vote.projects.compactMap { index[$0] }
            if usesPoints {
                // Ballots with points merge only when the points agree too.
                var entries: [(Int32, Int64)] = []
                for (offset, project) in projects.enumerated() {
                    if election.voteType == .ordinal {
                        entries.append((project, Int64(max(1, rankLength - offset)) * pow10Int(scale)))
                        continue
                    }
                    let value = vote.points.map { $0[offset] } ?? Amount(1)
                    entries.append((project, try integer(value)))
                }
                entries.sort { $0.0 < $1.0 }
                let key = entries.flatMap { [Int64($0.0), $0.1] }
                if let existing = pointGroups[key] {
                    multiplicity[existing] += 1
                } else {
                    pointGroups[key] = ballots.count
                    ballots.append(entries.map(\.0))
                    points.append(entries.map(\.1))
                    multiplicity.append(1)
                }
            } else {
                let key = projects.sorted()
                if let existing = groupOf[key] {
                    multiplicity[existing] += 1
                } else {
                    groupOf[key] = ballots.count
                    ballots.append(key)
                    multiplicity.append(1)
                }
            }
        }
        self.ballots = ballots
        self.multiplicity = multiplicity
        self.weight = multiplicity.map(Double.init)
        self.points = usesPoints ? points : nil
        var supporters = [[Int32]](repeating: [], count: ids.count)
        var approvals = [Int64](repeating: 0, count: ids.count)
        for (group, ballot) in ballots.enumerated() {
            for project in ballot {
                supporters[Int(project)].append(Int32(group))
                approvals[Int(project)] += multiplicity[group]
            }
        }
        self.supporters = supporters
        self.approvals = approvals
        voterCount = Int64(election.votes.count)
    }

    /// pabutools' default tie-breaking: project ids in lexicographic order of code points.
    func precedes(_ a: Int, _ b: Int) -> Bool {
        ids[a].unicodeScalars.lexicographicallyPrecedes(ids[b].unicodeScalars)
    }

    func totalCost(_ projects: [Int]) -> Int64 { projects.reduce(0) { $0 + costs[$1] } }

    /// No other eligible project fits into what is left of the budget.
    func isExhaustive(_ selected: [Int], among eligible: [Int]) -> Bool {
        let chosen = Set(selected)
        let spent = totalCost(selected)
        return !eligible.contains { !chosen.contains($0) && spent + costs[$0] <= budget }
    }
}

public enum RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedVoteType(rule: String, voteType: VoteType)
    case unknownRule(String)
    case noDeclaredRule
    case missingThreshold
    case tooLarge

    public var description: String {
        switch self {
        case .unsupportedVoteType(let rule, let type):
            "rule \(rule) cannot read \(type.rawValue) ballots: MES takes approval, choose-1 or ranked ballots, Phragmén approval or choose-1"
        case .unknownRule(let name):
            "unknown rule '\(name)': use greedy, greedy-no-skip, greedy-threshold, greedy-reserve-80, mes, mes-add1, mes-add1u, phragmen or declared"
        case .noDeclaredRule: "the file's META has no rule, or one Hromada does not implement"
        case .missingThreshold: "greedy-threshold needs META min_project_score_threshold"
        case .tooLarge: "costs or budget are too large for exact integer arithmetic"
        }
    }
}
