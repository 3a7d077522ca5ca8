import HromadaWeb

/// The participatory budget's services, per actor, over the platform's.
extension AppServices {
    public var budgetVoting: BudgetVoting { BudgetVoting(services: self) }
    public var budgetResults: BudgetResults { BudgetResults(services: self) }
    public var budgetAdmin: BudgetAdmin { BudgetAdmin(services: self) }
    public var budgetPhotos: BudgetPhotos { BudgetPhotos(services: self) }
    public var ballotBox: BallotBox { BallotBox(keys: keys) }
}
