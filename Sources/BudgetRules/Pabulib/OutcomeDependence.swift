/// Whether a count depends on the defective ballots of a file: the outcome
/// of a rule with the ballot left out, compared with the outcome as read.
/// A defect whose ballot can be dropped without changing which projects are
/// funded cannot have changed the result, however the reader counted it.
public struct OutcomeDependence: Sendable, Equatable {
    public var rule: Rule
    /// Ballots checked one at a time (indices into `Election.votes`): whether
    /// leaving that ballot out changes which projects are funded.
    public var byBallot: [Int: Bool]
    /// The defective ballots past those, left out all together; nil when
    /// every defective ballot was checked on its own.
    public var remaining: Joint?

    public struct Joint: Sendable, Equatable {
        public var ballots: Int
        public var changesOutcome: Bool
    }

    public enum Check: String, Sendable {
        /// The defect's ballot was left out on its own.
        case ballot
        /// The defect's ballot was left out together with the other `remaining` ones.
        case joint
    }

    /// For a defect about a ballot: whether the outcome depends on it and how
    /// that was checked. A defect about no ballot cannot change the outcome
    /// (what the reader kept is what pabutools keeps): false, with no check.
    public func dependence(of defect: PabulibDefect) -> (changesOutcome: Bool, check: Check?) {
        guard let vote = defect.vote else { return (false, nil) }
        if let alone = byBallot[vote] { return (alone, .ballot) }
        if let remaining { return (remaining.changesOutcome, .joint) }
        return (false, nil)
    }
}

extension PabulibReading {
    /// How many defective ballots are checked one by one; each check runs
    /// the rule once more on the whole file, so past these one joint check
    /// covers the rest.
    public static let ballotsCheckedAlone = 24

    /// Runs `rule` on the election as read and again without each defective
    /// ballot (the first `checkingAlone` one by one, the rest together).
    public func outcomeDependence(on rule: Rule, checkingAlone limit: Int = ballotsCheckedAlone) throws(RuleError) -> OutcomeDependence {
        let funded = Set(try Tally.run(rule, on: election).selected)
        func changes(without left: some Sequence<Int>) throws(RuleError) -> Bool {
            var without = election
            without.votes = Self.votes(of: election.votes, leavingOut: left)
            return Set(try Tally.run(rule, on: without).selected) != funded
        }
        var byBallot: [Int: Bool] = [:]
        for vote in defectiveVotes.prefix(max(0, limit)) {
            byBallot[vote] = try changes(without: CollectionOfOne(vote))
        }
        let rest = defectiveVotes.dropFirst(max(0, limit))
        let remaining = rest.isEmpty ? nil : OutcomeDependence.Joint(ballots: rest.count, changesOutcome: try changes(without: rest))
        return OutcomeDependence(rule: rule, byBallot: byBallot, remaining: remaining)
    }

    /// `votes` without the ones at `left` (ascending indices).
    static func votes(of votes: [Vote], leavingOut left: some Sequence<Int>) -> [Vote] {
        var kept: [Vote] = []
        kept.reserveCapacity(votes.count)
        var next = 0
        for index in left where index >= next && index < votes.count {
            kept.append(contentsOf: votes[next..<index])
            next = index + 1
        }
        kept.append(contentsOf: votes[next...])
        return kept
    }
}
