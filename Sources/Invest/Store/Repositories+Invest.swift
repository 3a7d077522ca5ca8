import HromadaStore

extension Repositories {
    public var invest: InvestRepository { .init(db: db, dialect: dialect) }
}

extension Repositories {
    public var enquiries: EnquiryRepository { .init(db: db) }
}
