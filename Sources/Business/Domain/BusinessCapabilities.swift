import HromadaDomain

public struct SupportCallID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct SupportApplicationID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct OrganisationID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct BusinessEventID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// What the city's business-support staff may do (declared to the registry by `BusinessModule`).
extension Capability {
    /// Set up programmes' calls, record agreements and payouts, follow the recipients' reports.
    public static let businessProgrammes = Capability("business.programmes")
    /// Check applications for completeness, return them for fixes, decide and publish a call's list.
    public static let businessReview = Capability("business.review")
    /// Sit on a call's committee: declare conflicts of interest and score applications.
    public static let businessScore = Capability("business.score")
    /// Keep the directory of associations, clusters, cooperatives and social enterprises.
    public static let businessDirectory = Capability("business.directory")
    /// Run trainings and events: registrations, check-in at the door, attendance.
    public static let businessEvents = Capability("business.events")
}

/// The audit log's names for the business module's steps. Each entry names
/// the thing by its id; who applied, and their codes, stay in the module's tables.
extension AuditAction {
    public static let businessCallSaved = "business.call_saved"
    public static let businessApplicationSubmitted = "business.application_submitted"
    public static let businessApplicationReturned = "business.application_returned"
    public static let businessApplicationAccepted = "business.application_accepted"
    public static let businessApplicationRejected = "business.application_rejected"
    public static let businessConflictDeclared = "business.conflict_declared"
    public static let businessScored = "business.scored"
    public static let businessListPublished = "business.list_published"
    public static let businessAgreementSigned = "business.agreement_signed"
    public static let businessPayoutRecorded = "business.payout_recorded"
    public static let businessReportFiled = "business.report_filed"
    public static let businessOrganisationSaved = "business.organisation_saved"
    public static let businessOrganisationAdminAppointed = "business.organisation_admin_appointed"
    public static let businessMembershipRequested = "business.membership_requested"
    /// A request accepted or declined, a member made admin, stepping down, removed or leaving (`from`, `to`).
    public static let businessMembershipMoved = "business.membership_moved"
    public static let businessOrganisationPosted = "business.organisation_posted"
    public static let businessEventSaved = "business.event_saved"
    public static let businessCheckedIn = "business.checked_in"
    public static let businessEventCancelled = "business.event_cancelled"
}
