import HromadaStore

extension Repositories {
    public var auctions: AuctionRepository { .init(db: db, dialect: dialect) }
}
