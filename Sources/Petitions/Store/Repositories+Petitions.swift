import HromadaStore

extension Repositories {
    public var petitions: PetitionRepository { .init(db: db, dialect: dialect) }
}
