import HromadaDomain

/// What the investment portal's staff may do (declared to the registry by `InvestModule`).
extension Capability {
    /// Add and edit sites and the city's passport figures.
    public static let manageInvest = Capability("invest.manage")
    /// Take, answer and close investors' enquiries.
    public static let answerEnquiries = Capability("invest.enquiries")
}

extension AuditAction {
    public static let investSiteAdded = "invest.site_added"
    public static let investSiteChanged = "invest.site_changed"
    /// Passport figures put in (by hand or by a CSV import): how many, not their values.
    public static let investPassportUpdated = "invest.passport_updated"
}
