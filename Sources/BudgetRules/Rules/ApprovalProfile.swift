import BigInt

/// The election reduced to what the rules compute on: projects by index,
/// costs as integers of the finest decimal unit in the file, each project's
/// score, and identical approval sets merged into groups with a multiplicity.
struct PreparedElection: Sendable {
    let ids: [String]
    /// Costs in units of 10^-scale currency.
    let costs: [Int64]
    let budget: Int64
    let scale: Int
    /// Whether ballots carry points (cumulative, scoring, or ranks turned into points).
    let usesPoints: Bool
    /// Per project: approvals, or the sum of points (in `scale` units when `usesPoints`).
    let scores: [Int64]
    /// Distinct approval sets, and how many voters cast each.
    let groupCount: Int
    let multiplicity: [Int64]
    /// The multiplicities as Double, for the floating-point guide.
    let weight: [Double]
    /// Per project: the groups that approve it.
    let supporters: [[Int32]]
    /// Per project: voters approving it (with multiplicity).
    let approvals: [Int64]
    /// Per group: the projects its ballot approves, as `ballotProjects[ballotStart[g]..<ballotStart[g + 1]]`.
    let ballotProjects: [Int32]
    let ballotStart: [Int]
    let voterCount: Int64

    /// The rules compute with Int64 on what a file says: a cost times the
    /// number of voters (MES prices), a budget raised by a currency unit per
    /// voter (Add1), a remainder times 100 (reserve rules), sums of costs and
    /// of points. Swift stops the process when any of them overflows, so a
    /// file is refused as too large unless its biggest such product fits
    /// with room to spare, checked once here with overflow reported.
    static let headroom: Int64 = 128

    init(_ election: Election) throws(RuleError) {
        let scale = ([election.budget.scale] + election.projects.map(\.cost.scale)).max() ?? 0
        // 10^18 is the largest power of ten an Int64 holds.
        guard scale <= 18 else { throw .tooLarge }
        func integer(_ amount: Amount) throws(RuleError) -> Int64 {
            guard let value = Int64(exactly: amount.units(atScale: scale)) else { throw .tooLarge }
            return value
        }
        func checked(_ result: (partialValue: Int64, overflow: Bool)) throws(RuleError) -> Int64 {
            guard !result.overflow else { throw .tooLarge }
            return result.partialValue
        }
        ids = election.projects.map(\.id)
        var costs: [Int64] = []
        for project in election.projects { costs.append(try integer(project.cost)) }
        self.costs = costs
        budget = try integer(election.budget)
        self.scale = scale
        // (budget + every cost + one unit) × (voters + 1) × headroom must fit.
        var total = try checked(budget.addingReportingOverflow(pow10Int(scale)))
        for cost in costs {
            guard cost >= 0 else { throw .tooLarge }
            total = try checked(total.addingReportingOverflow(cost))
        }
        let voters = Int64(election.votes.count)
        _ = try checked(try checked(total.multipliedReportingOverflow(by: voters + 1)).multipliedReportingOverflow(by: Self.headroom))
        let usesPoints = election.voteType == .cumulative || election.voteType == .scoring || election.voteType == .ordinal
        self.usesPoints = usesPoints
        // Ranked ballots score positional points: with up to L choices the first
        // gets L, the next L − 1, … (Kraków's count; it equals the file's `score`).
        let longest = election.votes.map(\.choices.count).max() ?? 0
        let rankLength = election.metaValue("max_length").flatMap { Int($0.trimmingCharacters()) } ?? longest
        var scores = [Int64](repeating: 0, count: ids.count)
        var groups = BallotGroups(expected: election.votes.count)
        var resolver = ChoiceResolver(ids: ids)
        var ballot: [Int32] = []
        for vote in election.votes {
            resolver.indices(of: vote.choices, into: &ballot)
            if usesPoints {
                for (offset, project) in ballot.enumerated() {
                    let points = election.voteType == .ordinal
                        ? try checked(Int64(max(1, min(rankLength, Int(Int32.max)) - offset)).multipliedReportingOverflow(by: pow10Int(scale)))
                        : try integer(vote.points.map { $0[offset] } ?? Amount(1))
                    scores[Int(project)] = try checked(scores[Int(project)].addingReportingOverflow(points))
                }
            } else {
                for project in ballot { scores[Int(project)] += 1 }
            }
            ballot.sort()
            groups.add(ballot)
        }
        self.scores = scores
        groupCount = groups.multiplicity.count
        multiplicity = groups.multiplicity
        weight = groups.multiplicity.map(Double.init)
        var supporters = [[Int32]](repeating: [], count: ids.count)
        var approvals = [Int64](repeating: 0, count: ids.count)
        for group in 0..<groups.multiplicity.count {
            for project in groups.ballot(group) {
                supporters[Int(project)].append(Int32(group))
                approvals[Int(project)] += groups.multiplicity[group]
            }
        }
        self.supporters = supporters
        self.approvals = approvals
        ballotProjects = groups.flat
        ballotStart = groups.offsets
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

/// Turns a vote's choices into project indices: directly when the vote came
/// from the reader with this election's project list, by id otherwise.
private struct ChoiceResolver {
    let ids: [String]
    let index: [String: Int32]
    private var verified: ObjectIdentifier?

    init(ids: [String]) {
        self.ids = ids
        index = Dictionary(ids.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func indices(of choices: Choices, into ballot: inout [Int32]) {
        ballot.removeAll(keepingCapacity: true)
        if case .indexed(let indices, let table) = choices, matches(table) {
            ballot.append(contentsOf: indices)
        } else {
            for id in choices.ids { if let project = index[id] { ballot.append(project) } }
        }
    }

    /// The election's projects may have been edited after reading; indices
    /// are trusted only while the list they point into is still the same.
    private mutating func matches(_ table: ProjectIDs) -> Bool {
        // Every vote holds its table, so an identifier seen here is never reused during the loop.
        let identity = ObjectIdentifier(table)
        if identity == verified { return true }
        guard table.ids == ids else { return false }
        verified = identity
        return true
    }
}

/// Distinct sorted ballots in one flat array, found again through an
/// open-addressing table of group numbers: no allocation per ballot.
private struct BallotGroups {
    private(set) var multiplicity: [Int64] = []
    private(set) var flat: [Int32] = []
    private(set) var offsets: [Int] = [0]
    private var slots: [Int32]
    private let mask: Int

    init(expected: Int) {
        var size = 16
        while size < 2 * expected { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    func ballot(_ group: Int) -> ArraySlice<Int32> { flat[offsets[group]..<offsets[group + 1]] }

    mutating func add(_ ballot: [Int32]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for project in ballot { hash = (hash ^ UInt64(UInt32(bitPattern: project))) &* 0x100_0000_01b3 }
        hash ^= hash >> 29
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let group = Int(slots[slot])
            if self.ballot(group).elementsEqual(ballot) {
                multiplicity[group] += 1
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(multiplicity.count)
        flat.append(contentsOf: ballot)
        offsets.append(flat.count)
        multiplicity.append(1)
    }
}

public enum RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedVoteType(rule: String, voteType: VoteType)
    case unknownRule(String)
    case noDeclaredRule
    case missingThreshold
    case tooLarge
    case exclusionUnsupported(rule: String)

    public var description: String {
        switch self {
        case .unsupportedVoteType(let rule, let type):
            "rule \(rule) cannot read \(type.rawValue) ballots: MES and max-welfare take approval, choose-1 or ranked ballots, Phragmén approval or choose-1"
        case .unknownRule(let name):
            "unknown rule '\(name)': use greedy, greedy-no-skip, greedy-threshold, greedy-reserve-80, mes, mes-add1, mes-add1u, "
                + "mes-cardinality, mes-then-greedy, max-welfare, phragmen or declared"
        case .noDeclaredRule: "the file's META has no rule, or one Hromada does not implement"
        case .missingThreshold: "greedy-threshold needs META min_project_score_threshold"
        case .tooLarge:
            "costs, budget or points are too large (or have more than 18 decimals) for exact 64-bit arithmetic with this many ballots: "
                + "(budget + all costs) × (ballots + 1) must stay below about 7·10^16 in the file's finest unit"
        case .exclusionUnsupported(let rule): "rule \(rule) is not defined with mutually exclusive projects: use greedy"
        }
    }
}
