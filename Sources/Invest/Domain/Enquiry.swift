import Foundation
import HromadaDomain

public struct EnquiryID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// Where an investor's enquiry stands. It counts from the moment the
/// investor confirms their address (`received`); the city's charter gives
/// the first answer and a tailored shortlist their working days.
public enum EnquiryState: String, Sendable, CaseIterable, Codable {
    /// Sent, the investor's address not yet confirmed: no clock, no manager sees it.
    case awaitingConfirmation = "awaiting_confirmation"
    case received
    /// A manager has taken it.
    case assigned
    /// The first answer is given; a shortlist may follow.
    case answered
    /// A shortlist of sites was sent.
    case shortlisted
    case closed

    public var isConfirmed: Bool { self != .awaitingConfirmation }
}

/// How long a city gives itself, in working days, from the investor's
/// confirmation: the charter's promise (a first answer within 1, a
/// tailored shortlist within 5).
public struct EnquiryRules: CitySettingsSection {
    public static let key = "invest"
    public var firstAnswerWorkingDays = 1
    public var shortlistWorkingDays = 5

    public static let dayRange = 1...30

    public init() {}

    public init(firstAnswerWorkingDays: Int, shortlistWorkingDays: Int) {
        self.firstAnswerWorkingDays = firstAnswerWorkingDays
        self.shortlistWorkingDays = shortlistWorkingDays
    }
}

/// An investor's enquiry about a site or about investing in the city: who
/// asks (no account needed), what, and every step since, each dated. Made
/// and moved only through its methods, which check the step and set the
/// clock; the store keeps it whole.
public struct Enquiry: Sendable, Equatable, Codable {
    public let id: EnquiryID
    public let city: MunicipalityID
    /// The site it is about; nil for a general enquiry.
    public let siteID: SiteID?
    public let investor: Investor
    /// The investor's language: every mail and their page speak it.
    public let language: Language
    public let message: String
    public private(set) var state: EnquiryState
    public let receivedAt: Date
    public private(set) var confirmedAt: Date?
    public private(set) var firstAnswerDue: Date?
    public private(set) var shortlistDue: Date?
    public private(set) var firstAnsweredAt: Date?
    public private(set) var shortlistedAt: Date?
    public private(set) var closedAt: Date?
    public private(set) var manager: Manager?
    public private(set) var steps: [Step]

    /// Who asks. Personal data: shown to the city's enquiry managers only,
    /// never in open data, logs or the audit log.
    public struct Investor: Sendable, Equatable, Codable {
        public let name: String
        public let email: EmailAddress
        public let company: String
        public let country: String
        public let phone: String
    }

    /// The manager answering, by account and the name the investor sees.
    public struct Manager: Sendable, Equatable, Codable {
        public let account: AccountID
        public let name: String

        public init(account: AccountID, name: String) {
            self.account = account
            self.name = name
        }
    }

    /// One dated step: what happened, by whom (a manager's name, or the investor), and what was said.
    public struct Step: Sendable, Equatable, Codable {
        public let at: Date
        public let kind: Kind
        public let by: String
        public let text: String
        /// The sites a shortlist offers.
        public let sites: [SiteID]

        public enum Kind: String, Sendable, Codable {
            case sent, confirmed, assigned, answer, shortlist
            case investorReply = "investor_reply"
            case closed
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        /// A field of the form, and why: the web layer names it.
        case invalid(field: String, reason: Reason)
        /// The step does not follow from where the enquiry is.
        case notNow(EnquiryState)
        /// A shortlist names no site, or more than 20.
        case shortlistSize

        public enum Reason: String, Sendable {
            case missing, malformed
            case tooLong = "too_long"
            case tooShort = "too_short"
        }
    }

    public static let messageLength = 20...5_000
    public static let answerLength = 1...10_000

    /// A new enquiry, checked field by field, waiting for its sender to confirm their address.
    public static func send(
        id: EnquiryID = .random(), city: MunicipalityID, site: SiteID?, name: String, email: String, company: String, country: String,
        phone: String, language: Language, message: String, at instant: Date
    ) throws(Problem) -> Enquiry {
        func text(_ value: String, _ field: String, limit: Int, required: Bool = false) throws(Problem) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if required, trimmed.isEmpty { throw .invalid(field: field, reason: .missing) }
            guard trimmed.count <= limit, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\r" && $0 != "\t" })
            else { throw .invalid(field: field, reason: .tooLong) }
            return trimmed
        }
        let name = try text(name, "name", limit: 200, required: true)
        let address: EmailAddress
        do { address = try EmailAddress.validated(email) } catch {
            throw .invalid(field: "email", reason: error == .empty ? .missing : .malformed)
        }
        let investor = Investor(
            name: name, email: address, company: try text(company, "company", limit: 200), country: try text(country, "country", limit: 100),
            phone: try text(phone, "phone", limit: 40))
        let message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if message.isEmpty { throw .invalid(field: "message", reason: .missing) }
        if message.count < messageLength.lowerBound { throw .invalid(field: "message", reason: .tooShort) }
        if message.count > messageLength.upperBound { throw .invalid(field: "message", reason: .tooLong) }
        return Enquiry(
            id: id, city: city, siteID: site, investor: investor, language: language, message: message, state: .awaitingConfirmation,
            receivedAt: instant, steps: [Step(at: instant, kind: .sent, by: name, text: message, sites: [])])
    }

    private init(
        id: EnquiryID, city: MunicipalityID, siteID: SiteID?, investor: Investor, language: Language, message: String, state: EnquiryState,
        receivedAt: Date, steps: [Step]
    ) {
        self.id = id
        self.city = city
        self.siteID = siteID
        self.investor = investor
        self.language = language
        self.message = message
        self.state = state
        self.receivedAt = receivedAt
        self.steps = steps
    }

    /// The investor confirmed their address: the clock starts, in the city's working days.
    public func confirmed(at instant: Date, rules: EnquiryRules, calendar: WorkingCalendar) throws(Problem) -> Enquiry {
        guard state == .awaitingConfirmation else { throw .notNow(state) }
        var next = self
        next.state = .received
        next.confirmedAt = instant
        next.firstAnswerDue = calendar.deadline(workingDays: rules.firstAnswerWorkingDays, after: instant)
        next.shortlistDue = calendar.deadline(workingDays: rules.shortlistWorkingDays, after: instant)
        next.steps.append(Step(at: instant, kind: .confirmed, by: investor.name, text: "", sites: []))
        return next
    }

    /// A manager takes it (or hands it to another); open enquiries only.
    public func assigned(to manager: Manager, at instant: Date) throws(Problem) -> Enquiry {
        guard [.received, .assigned, .answered, .shortlisted].contains(state) else { throw .notNow(state) }
        var next = self
        next.manager = manager
        if state == .received { next.state = .assigned }
        next.steps.append(Step(at: instant, kind: .assigned, by: manager.name, text: "", sites: []))
        return next
    }

    static func answerText(_ text: String) throws(Problem) -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw .invalid(field: "text", reason: .missing) }
        if text.count > answerLength.upperBound { throw .invalid(field: "text", reason: .tooLong) }
        return text
    }

    /// A manager's answer; the first one stops the first clock. Whoever
    /// answers an enquiry nobody had taken takes it.
    public func answered(_ text: String, by manager: Manager, at instant: Date) throws(Problem) -> Enquiry {
        guard [.received, .assigned, .answered, .shortlisted].contains(state) else { throw .notNow(state) }
        var next = self
        next.steps.append(Step(at: instant, kind: .answer, by: manager.name, text: try Self.answerText(text), sites: []))
        if next.manager == nil { next.manager = manager }
        if next.firstAnsweredAt == nil { next.firstAnsweredAt = instant }
        if state == .received || state == .assigned { next.state = .answered }
        return next
    }

    /// A tailored shortlist of sites with a note; it also answers, if nothing had.
    public func shortlisted(_ sites: [SiteID], note: String, by manager: Manager, at instant: Date) throws(Problem) -> Enquiry {
        guard [.received, .assigned, .answered, .shortlisted].contains(state) else { throw .notNow(state) }
        var unique: [SiteID] = []
        for site in sites where !unique.contains(site) { unique.append(site) }
        guard (1...20).contains(unique.count) else { throw .shortlistSize }
        var next = self
        next.steps.append(Step(at: instant, kind: .shortlist, by: manager.name, text: try Self.answerText(note), sites: unique))
        if next.manager == nil { next.manager = manager }
        if next.firstAnsweredAt == nil { next.firstAnsweredAt = instant }
        if next.shortlistedAt == nil { next.shortlistedAt = instant }
        next.state = .shortlisted
        return next
    }

    /// The investor writes again on their page.
    public func investorReplied(_ text: String, at instant: Date) throws(Problem) -> Enquiry {
        guard [.received, .assigned, .answered, .shortlisted].contains(state) else { throw .notNow(state) }
        var next = self
        next.steps.append(Step(at: instant, kind: .investorReply, by: investor.name, text: try Self.answerText(text), sites: []))
        return next
    }

    /// Done: nothing more is owed.
    public func closed(by manager: Manager, at instant: Date) throws(Problem) -> Enquiry {
        guard [.received, .assigned, .answered, .shortlisted].contains(state) else { throw .notNow(state) }
        var next = self
        next.state = .closed
        next.closedAt = instant
        next.steps.append(Step(at: instant, kind: .closed, by: manager.name, text: "", sites: []))
        return next
    }

    // MARK: The clock

    /// What is owed next and by when: the first answer, then the shortlist
    /// (for an enquiry about investing, not one closed or answered fully).
    public var nextDue: Date? {
        guard state != .closed, state.isConfirmed else { return nil }
        if firstAnsweredAt == nil { return firstAnswerDue }
        if shortlistedAt == nil { return shortlistDue }
        return nil
    }

    /// Whether the first answer came within its working days; nil while it is not yet due and not given.
    public func answeredOnTime(at instant: Date) -> Bool? {
        guard let due = firstAnswerDue else { return nil }
        if let answered = firstAnsweredAt { return answered <= due }
        return instant > due ? false : nil
    }
}

extension MunicipalitySettings {
    /// The investment portal's promise to investors, in working days.
    public var investEnquiries: EnquiryRules {
        get { section(EnquiryRules.self) }
        set { setSection(newValue) }
    }
}
