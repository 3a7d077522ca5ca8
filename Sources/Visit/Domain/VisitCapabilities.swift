import HromadaDomain

public struct PlaceID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct VisitRouteID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// What the city's tourism staff may do (declared to the registry by `VisitModule`).
extension Capability {
    /// Keep the visitor guide: its places, routes and marketing campaigns.
    public static let visitEdit = Capability("visit.edit")
    /// Assess a place against the hospitality standard on site, filling its checklist.
    public static let visitAssess = Capability("visit.assess")
    /// Run the hospitality standard: its checklist, the bookings, the certificates and their withdrawal.
    public static let visitCertify = Capability("visit.certify")
}

/// The audit log's names for the visitor guide's steps.
extension AuditAction {
    public static let visitPlaceSaved = "visit.place_saved"
    public static let visitRouteSaved = "visit.route_saved"
    public static let visitCampaignSaved = "visit.campaign_saved"
    /// A reach report added to a campaign.
    public static let visitCampaignReach = "visit.campaign_reach"
}
