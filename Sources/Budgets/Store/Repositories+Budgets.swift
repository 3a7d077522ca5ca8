import HromadaStore

extension Repositories {
    public var budgets: BudgetRepository { .init(db: db, dialect: dialect) }
}
