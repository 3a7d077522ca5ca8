import HromadaStore

extension Repositories {
    /// Calls, their fund, agreements, payouts and recipients' reports.
    public var supportCalls: SupportCallRepository { .init(db: db, dialect: dialect) }
    /// Applications, their documents, the committee's conflicts and scores, and the published list.
    public var supportApplications: SupportApplicationRepository { .init(db: db, dialect: dialect) }
    /// The directory: organisations, their members and posts.
    public var organisations: OrganisationRepository { .init(db: db, dialect: dialect) }
    /// Trainings and events, and who registered.
    public var businessEvents: BusinessEventRepository { .init(db: db, dialect: dialect) }
}
