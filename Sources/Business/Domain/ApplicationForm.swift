/// An application's form as the applicant typed it, step by step: kept as
/// typed in every field, so a draft, or a form refused for one field,
/// loses nothing. The web layer reads it into an `Applicant` and a
/// `ProjectPlan` when the applicant submits.
public struct ApplicationForm: Sendable, Equatable, Codable {
    public var kind = ""
    public var name = ""
    public var code = ""
    public var size = ""
    public var activity = ""
    public var registeredInHromada = false
    public var declaresNoTaxDebt = false
    public var employees = ""
    public var projectTitle = ""
    public var plan = ""
    /// Hryvnias as typed.
    public var requested = ""
    public var jobsPlanned = ""
    /// How staff reach the applicant: personal data, kept apart once submitted.
    public var email = ""
    public var phone = ""

    public init() {}

    /// The steps of the form, in order: each a page of its own on a phone.
    public enum Step: String, Sendable, CaseIterable {
        case applicant, project, documents, declarations, review
    }

    /// A text field never holds more than this (the plan excepted, which the domain bounds).
    public static let fieldLength = 0...300
}
