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
    /// An investor's enquiry, by its id only: who sent it stays in the enquiry.
    public static let investEnquirySent = "invest.enquiry_sent"
    public static let investEnquiryConfirmed = "invest.enquiry_confirmed"
    public static let investEnquiryReplied = "invest.enquiry_replied"
    public static let investEnquiryAssigned = "invest.enquiry_assigned"
    public static let investEnquiryAnswered = "invest.enquiry_answered"
    public static let investEnquiryShortlisted = "invest.enquiry_shortlisted"
    public static let investEnquiryClosed = "invest.enquiry_closed"
    public static let investProgrammeSaved = "invest.programme_saved"
}
