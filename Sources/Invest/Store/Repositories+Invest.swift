import HromadaStore

extension Repositories {
    public var invest: InvestRepository { .init(db: db, dialect: dialect) }
}
