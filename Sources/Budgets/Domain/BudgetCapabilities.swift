import HromadaDomain

/// What the participatory budget's staff may do (declared to the registry by `BudgetsModule`).
extension Capability {
    /// Write feasibility decisions on projects, relate and merge them.
    public static let reviewBudgetProject = Capability("budgets.review")
    /// Type in paper ballots.
    public static let enterPaperBallot = Capability("budgets.paper_ballots")
    /// Create and configure editions, move their phases, publish results, record delivery.
    public static let manageBudget = Capability("budgets.manage")
}
