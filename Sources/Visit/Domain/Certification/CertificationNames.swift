import HromadaDomain

extension UploadOwner.Kind {
    /// The applicant's evidence (photos and PDFs) and the assessor's photos of a place's certification.
    public static let visitCertification = UploadOwner.Kind(rawValue: "visit_certification")
}

extension UploadOwner {
    public static func visitCertification(_ id: CertificationID) -> UploadOwner { UploadOwner(kind: .visitCertification, id: id.rawValue) }
}

/// The audit log's names for the standard's steps. Entries name the
/// certification or certificate by id, never the applicant or a complainant.
extension AuditAction {
    public static let visitCertApplied = "visit.cert_applied"
    public static let visitCertSelfAssessed = "visit.cert_self_assessed"
    public static let visitCertBooked = "visit.cert_booked"
    /// Every assessment submitted, passing or failing (`level`, `score`, `requiredFailed`).
    public static let visitCertAssessed = "visit.cert_assessed"
    public static let visitCertIssued = "visit.cert_issued"
    public static let visitCertWithdrawn = "visit.cert_withdrawn"
    public static let visitCertExpired = "visit.cert_expired"
    public static let visitCertReassessmentOrdered = "visit.cert_reassessment_ordered"
    public static let visitCertFlagged = "visit.cert_flagged"
    public static let visitCertSlotOffered = "visit.cert_slot_offered"
    public static let visitCertReportDecided = "visit.cert_report_decided"
    /// A new version of the standard's checklist published (`version`, `criteria`).
    public static let visitCertChecklistPublished = "visit.cert_checklist_published"
}
