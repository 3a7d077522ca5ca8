/// What every analysis reads: the election as approval ballots, identical
/// ballots merged into groups with a multiplicity, money as integers of the
/// file's finest unit, and the outcome as a set of project indices.
///
/// Built on `PreparedElection`, so ranked ballots read as approval of the
/// ranked projects (as MES and pabutools' `Cost_Sat` read them) and the same
/// size limits hold: every sum of costs times the number of voters fits in
/// an Int64 with room to spare.
struct ApprovalGroups: Sendable {
    let ids: [String]
    /// Costs in units of 10^-scale currency.
    let costs: [Int64]
    let budget: Int64
    let scale: Int
    let voterCount: Int64
    /// Per group: its approved projects, ascending.
    let ballots: [[Int32]]
    let multiplicity: [Int64]
    /// Per project: the groups approving it, ascending.
    let supporters: [[Int32]]
    /// Per project: voters approving it.
    let approvals: [Int64]
    /// The outcome analysed.
    let funded: [Bool]

    var groupCount: Int { multiplicity.count }
    var projectCount: Int { ids.count }

    init(_ prepared: PreparedElection, funded: [Bool]) {
        ids = prepared.ids
        costs = prepared.costs
        budget = prepared.budget
        scale = prepared.scale
        voterCount = prepared.voterCount
        multiplicity = prepared.multiplicity
        supporters = prepared.supporters
        approvals = prepared.approvals
        // PreparedElection keeps each group's sorted ballot; no need to invert `supporters`.
        ballots = (0..<prepared.groupCount).map { Array(prepared.ballotProjects[prepared.ballotStart[$0]..<prepared.ballotStart[$0 + 1]]) }
        self.funded = funded
    }

    /// Each group's cost satisfaction (pabutools `Cost_Sat`): the total cost
    /// of the funded projects it approves. Never overflows: it is at most the
    /// sum of all costs, which `PreparedElection` bounds.
    var costSatisfaction: [Int64] {
        ballots.map { ballot in ballot.reduce(0) { funded[Int($1)] ? $0 + costs[Int($1)] : $0 } }
    }

    /// The currency value of an amount in the finest unit.
    func money(_ units: Double) -> Double { units / pow10(scale) }
}
