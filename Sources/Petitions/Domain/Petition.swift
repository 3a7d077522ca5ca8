import Foundation
import HromadaDomain

public struct PetitionID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A city's charter settings for e-petitions (Law "Про звернення громадян", art. 23-1).
public struct PetitionSettings: CitySettingsSection {
    public static let key = "petitions"
    /// Rows written before issue 14 kept the threshold and the collection
    /// period at the top of the settings too, and those won over the
    /// charter's copy: read, never written.
    public static let legacyKeys = ["petitionSignatureThreshold", "petitionCollectionDays"]
    /// Signatures a council may ask for.
    public static let thresholdRange = 1...1_000_000
    /// art. 23-1: collection lasts no longer than three months.
    public static let collectionDaysRange = 1...92

    public enum Signers: String, Codable, Sendable, CaseIterable {
        /// Verified residents of the city, one signature per person (the default).
        case verifiedResidents = "verified_residents"
        /// Anyone with a confirmed email, one signature per normalised address.
        case confirmedEmail = "confirmed_email"
    }

    /// Signatures needed for consideration (Vinnytsia: 350).
    public var threshold: Int
    /// Calendar days a petition collects signatures (art. 23-1: up to three months).
    public var collectionDays: Int
    public var signers: Signers
    /// Supporters needed before moderation (the UK asks for 5; 0 skips the step).
    public var supportersBeforeModeration: Int
    public var moderationWorkingDays: Int
    public var considerationWorkingDays: Int
    public var calendar: WorkingCalendar
    /// More signatures than this from one address within an hour alert the moderators.
    public var trendingAddressPerHour: Int

    public init(
        threshold: Int = 250, collectionDays: Int = 90, signers: Signers = .verifiedResidents, supportersBeforeModeration: Int = 0,
        moderationWorkingDays: Int = 2, considerationWorkingDays: Int = 10, calendar: WorkingCalendar = .martialLaw,
        trendingAddressPerHour: Int = 50
    ) {
        self.threshold = threshold
        self.collectionDays = collectionDays
        self.signers = signers
        self.supportersBeforeModeration = supportersBeforeModeration
        self.moderationWorkingDays = moderationWorkingDays
        self.considerationWorkingDays = considerationWorkingDays
        self.calendar = calendar
        self.trendingAddressPerHour = trendingAddressPerHour
    }

    public init() {
        self.init(threshold: 250)
    }

    public static func read(from sections: [String: JSONValue]) -> PetitionSettings {
        var settings = stored(in: sections) ?? PetitionSettings()
        if let threshold = sections["petitionSignatureThreshold"]?.wholeNumber { settings.threshold = threshold }
        if let days = sections["petitionCollectionDays"]?.wholeNumber { settings.collectionDays = days }
        return settings
    }

    /// Settings a city can actually run with.
    public func validate() throws(PetitionError) {
        guard Self.thresholdRange.contains(threshold) else { throw .settingsInvalid("threshold") }
        guard Self.collectionDaysRange.contains(collectionDays) else { throw .settingsInvalid("collectionDays") }
        guard (0...100).contains(supportersBeforeModeration) else { throw .settingsInvalid("supportersBeforeModeration") }
        guard (1...30).contains(moderationWorkingDays) else { throw .settingsInvalid("moderationWorkingDays") }
        guard (1...30).contains(considerationWorkingDays) else { throw .settingsInvalid("considerationWorkingDays") }
        guard trendingAddressPerHour >= 1 else { throw .settingsInvalid("trendingAddressPerHour") }
    }
}

/// The states of docs/interfaces.md.
public enum PetitionState: String, Codable, Sendable, CaseIterable {
    case draft
    case collectingSupporters = "collecting_supporters"
    case moderation
    case open
    case underConsideration = "under_consideration"
    case answered
    case rejected
    case closed
    case withdrawn

    /// No further change can come.
    public var isFinal: Bool { [.answered, .rejected, .closed, .withdrawn].contains(self) }

    /// States anyone may see; drafts and moderation are their author's and the moderators' business.
    public static let publicStates: [PetitionState] = [.open, .underConsideration, .answered, .closed, .rejected]
}

/// Why a moderator refuses to publish a petition; the text says more.
public enum RejectionReason: String, Codable, Sendable, CaseIterable {
    case duplicate
    case outsidePowers = "outside_powers"
    case offensive
    case advertising
    case noClearRequest = "no_clear_request"
    case personalData = "personal_data"
    case unlawful
}

/// One e-petition, from the author's draft to the council's answer.
/// Every change is a method that returns the next petition or says why not;
/// every deadline is computed here from the instant given and the calendar.
public struct Petition: Hashable, Codable, Sendable {
    public struct Event: Hashable, Codable, Sendable {
        public var state: PetitionState
        public var at: Date
    }

    public struct Rejection: Hashable, Codable, Sendable {
        public var reason: RejectionReason
        public var text: String
        public var by: AccountID
    }

    public struct Answer: Hashable, Codable, Sendable {
        public enum Decision: String, Codable, Sendable, CaseIterable {
            case supported
            case partlySupported = "partly_supported"
            case notSupported = "not_supported"
        }
        public var text: String
        public var decision: Decision
        /// Who signed the answer: the mayor, the council's secretary, …
        public var signedBy: String
        public var postedBy: AccountID
        public var answeredAt: Date
    }

    public var id: PetitionID
    public var municipalityID: MunicipalityID
    public var title: String
    public var text: String
    public var category: String
    public var authorID: AccountID
    /// Shown with the petition, as art. 23-1 requires.
    public var authorName: String
    public var state: PetitionState
    public var createdAt: Date
    /// When the moderators must have decided (working days after submission).
    public var moderationDue: Date?
    public var openedAt: Date?
    /// End of signature collection.
    public var deadline: Date?
    /// The city's threshold when the petition opened; later changes do not move it.
    public var threshold: Int?
    public var thresholdReachedAt: Date?
    /// When the council must have answered.
    public var answerDue: Date?
    public var rejection: Rejection?
    public var answer: Answer?
    /// Closed short of the threshold: handed on as an ordinary appeal (звернення).
    public var handedOnAsAppeal: Bool
    public var timeline: [Event]
    /// The place the petition is about, when it names one (a tap on the form's map): within the city's territory.
    public var longitude: Double? = nil
    public var latitude: Double? = nil

    public static let titleLength = 10...200
    public static let textLength = 50...6_000
    public static let categoryLength = 1...60

    /// A new draft; title, text and category are checked now.
    public static func draft(
        title: String, text: String, category: String, in municipality: MunicipalityID, by author: Account,
        place: (longitude: Double?, latitude: Double?) = (nil, nil), territory: GeoBox = .ukraine, at instant: Date
    ) throws(PetitionError) -> Petition {
        let content = try checkedContent(title: title, text: text, category: category)
        let point = try checkedPlace(place, within: territory)
        return Petition(
            id: .random(), municipalityID: municipality, title: content.title, text: content.text, category: content.category,
            authorID: author.id, authorName: author.fullName, state: .draft, createdAt: instant, handedOnAsAppeal: false,
            timeline: [Event(state: .draft, at: instant)], longitude: point?.longitude, latitude: point?.latitude)
    }

    /// Both numbers or neither; a place within the city's territory.
    static func checkedPlace(_ place: (longitude: Double?, latitude: Double?), within territory: GeoBox) throws(PetitionError) -> CityPlace? {
        do {
            return try CityPlace.optional(longitude: place.longitude, latitude: place.latitude, within: territory)
        } catch {
            throw error == .incomplete ? .placeIncomplete : .placeOutsideCity
        }
    }

    static func checkedContent(title: String, text: String, category: String) throws(PetitionError) -> (title: String, text: String, category: String) {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let category = category.trimmingCharacters(in: .whitespacesAndNewlines)
        guard titleLength.contains(title.count) else { throw .titleLength }
        guard textLength.contains(text.count) else { throw .textLength }
        guard categoryLength.contains(category.count) else { throw .categoryMissing }
        return (title, text, category)
    }

    private func moving(to state: PetitionState, at instant: Date) -> Petition {
        var next = self
        next.state = state
        next.timeline.append(Event(state: state, at: instant))
        return next
    }

    /// The author changes the draft; once submitted the text is what people sign.
    public func edited(title: String, text: String, category: String, by author: AccountID) throws(PetitionError) -> Petition {
        guard author == authorID else { throw .notTheAuthor }
        guard state == .draft else { throw .wrongState(state) }
        let content = try Self.checkedContent(title: title, text: text, category: category)
        var next = self
        (next.title, next.text, next.category) = content
        return next
    }

    /// Sent for moderation, or first for supporters when the city asks for them.
    public func submitted(by author: AccountID, settings: PetitionSettings, at instant: Date) throws(PetitionError) -> Petition {
        guard author == authorID else { throw .notTheAuthor }
        guard state == .draft else { throw .wrongState(state) }
        if settings.supportersBeforeModeration > 0 { return moving(to: .collectingSupporters, at: instant) }
        return toModeration(settings: settings, at: instant)
    }

    private func toModeration(settings: PetitionSettings, at instant: Date) -> Petition {
        var next = moving(to: .moderation, at: instant)
        next.moderationDue = settings.calendar.deadline(workingDays: settings.moderationWorkingDays, after: instant)
        return next
    }

    /// Supporters so far; enough of them send the petition to moderation.
    public func supported(by supporters: Int, settings: PetitionSettings, at instant: Date) throws(PetitionError) -> Petition {
        guard state == .collectingSupporters else { throw .wrongState(state) }
        return supporters >= settings.supportersBeforeModeration ? toModeration(settings: settings, at: instant) : self
    }

    /// A moderator publishes it: signatures are collected from now until the deadline.
    public func published(settings: PetitionSettings, at instant: Date) throws(PetitionError) -> Petition {
        guard state == .moderation else { throw .wrongState(state) }
        var next = moving(to: .open, at: instant)
        next.openedAt = instant
        next.deadline = instant.addingTimeInterval(TimeInterval(settings.collectionDays) * 86_400)
        next.threshold = settings.threshold
        return next
    }

    /// A moderator refuses it, with a reason from the list and a text the author can act on.
    public func rejected(_ reason: RejectionReason, text: String, by moderator: AccountID, at instant: Date) throws(PetitionError) -> Petition {
        guard state == .moderation || state == .collectingSupporters else { throw .wrongState(state) }
        let explanation = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (10...2_000).contains(explanation.count) else { throw .rejectionTextRequired }
        var next = moving(to: .rejected, at: instant)
        next.rejection = Rejection(reason: reason, text: explanation, by: moderator)
        return next
    }

    /// The author takes it back, only before it opens: after that it belongs to its signers.
    public func withdrawn(by author: AccountID, at instant: Date) throws(PetitionError) -> Petition {
        guard author == authorID else { throw .notTheAuthor }
        guard [.draft, .collectingSupporters, .moderation].contains(state) else { throw .wrongState(state) }
        return moving(to: .withdrawn, at: instant)
    }

    /// Applies the exact count of valid signatures. Reaching the threshold
    /// starts consideration at once; an invalidation that drops the count
    /// below it before the answer sends the petition back to collecting (or
    /// closes it, if its time is up).
    public func counted(_ signatures: Int, settings: PetitionSettings, at instant: Date) -> Petition {
        guard let threshold, let deadline else { return self }
        switch state {
        case .open where signatures >= threshold:
            var next = moving(to: .underConsideration, at: instant)
            next.thresholdReachedAt = instant
            next.answerDue = settings.calendar.deadline(workingDays: settings.considerationWorkingDays, after: instant)
            return next
        case .underConsideration where signatures < threshold:
            var next = moving(to: instant < deadline ? .open : .closed, at: instant)
            next.thresholdReachedAt = nil
            next.answerDue = nil
            next.handedOnAsAppeal = next.state == .closed
            return next
        default:
            return self
        }
    }

    /// Collection is over short of the threshold: closed, and handed on as an ordinary appeal.
    public func expired(signatures: Int, at instant: Date) -> Petition {
        guard state == .open, let deadline, instant >= deadline, signatures < (threshold ?? .max) else { return self }
        var next = moving(to: .closed, at: instant)
        next.handedOnAsAppeal = true
        return next
    }

    /// The council's answer, posted by a city admin on its behalf.
    public func answered(
        _ text: String, decision: Answer.Decision, signedBy: String, by admin: AccountID, at instant: Date
    ) throws(PetitionError) -> Petition {
        guard state == .underConsideration else { throw .wrongState(state) }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let signer = signedBy.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (20...20_000).contains(body.count) else { throw .answerTextRequired }
        guard (3...200).contains(signer.count) else { throw .answerSignerRequired }
        var next = moving(to: .answered, at: instant)
        next.answer = Answer(text: body, decision: decision, signedBy: signer, postedBy: admin, answeredAt: instant)
        return next
    }

    // MARK: Questions the pages and the scheduler ask

    /// Public states to everyone; the rest to the author and the city's moderators.
    public func isVisible(to reader: Principal?) -> Bool {
        PetitionState.publicStates.contains(state) || authorID == reader?.accountID || reader?.may(.moderatePetition, in: municipalityID) == true
    }

    public func isModerationOverdue(at instant: Date) -> Bool {
        state == .moderation && (moderationDue.map { instant >= $0 } ?? false)
    }

    public func isAnswerOverdue(at instant: Date) -> Bool {
        state == .underConsideration && (answerDue.map { instant >= $0 } ?? false)
    }

    /// Whether a signature may be added now; says why not.
    public func checkSignable(at instant: Date) throws(SignatureProblem) {
        switch state {
        case .open:
            guard let deadline, instant < deadline else { throw .closed }
        case .underConsideration:
            // Collection goes on until the deadline: more signatures after the
            // threshold still tell the council how many stand behind it.
            guard let deadline, instant < deadline else { throw .closed }
        case .collectingSupporters:
            // Supporters sign before moderation; their signatures count later too.
            return
        case .draft, .moderation: throw .notOpenYet
        case .answered, .rejected, .closed, .withdrawn: throw .closed
        }
    }
}

public enum PetitionError: Error, Equatable, Sendable {
    case notTheAuthor
    case wrongState(PetitionState)
    case titleLength
    case textLength
    case categoryMissing
    case rejectionTextRequired
    case answerTextRequired
    case answerSignerRequired
    case settingsInvalid(String)
    /// Only one of longitude and latitude.
    case placeIncomplete
    /// A place outside the city's territory.
    case placeOutsideCity
}

/// Why a person's signature is refused (the statuses of docs/interfaces.md in brackets).
public enum SignatureProblem: Error, Equatable, Sendable {
    /// In draft or moderation (409).
    case notOpenYet
    /// Collection is over (409).
    case closed
    /// Already signed, with this or another account of the same person (409).
    case alreadySigned
    /// Not a verified resident where only residents sign (403).
    case notVerifiedResident
}

/// Who may sign, by the city's rule.
public enum SignerRules {
    /// The identity a signature is deduplicated by: the residency HMAC for
    /// residents, the normalised email otherwise.
    public enum Identity: Hashable, Sendable {
        case resident(IdentityHash)
        case email(String)

        public var key: String {
            switch self {
            case .resident(let hash): "resident:\(hash.rawValue)"
            case .email(let address): "email:\(address)"
            }
        }

        /// A resident's signature counts at once; an email signer's only once
        /// they follow the link sent for this signature, which proves the
        /// mailbox is theirs now, whatever the account said before.
        public var countsAtOnce: Bool {
            if case .resident = self { return true }
            return false
        }
    }

    public static func identity(
        of account: Account, verification: ResidencyVerification?, settings: PetitionSettings
    ) throws(SignatureProblem) -> Identity {
        if let verification { return .resident(verification.identityHash) }
        switch settings.signers {
        case .verifiedResidents: throw .notVerifiedResident
        case .confirmedEmail:
            return .email(account.email.deduplicationKey)
        }
    }
}

extension EmailAddress {
    /// The mailbox behind the address, so one person cannot sign twice as
    /// `o.lena+1@gmail.com` and `olena@googlemail.com`: lower case, no `+tag`,
    /// and for Gmail no dots and one domain.
    public var deduplicationKey: String {
        let lowered = rawValue.lowercased()
        guard let at = lowered.lastIndex(of: "@") else { return lowered }
        var local = String(lowered[..<at])
        var domain = String(lowered[lowered.index(after: at)...])
        if let plus = local.firstIndex(of: "+") { local = String(local[..<plus]) }
        if domain == "googlemail.com" { domain = "gmail.com" }
        if domain == "gmail.com" { local.removeAll { $0 == "." } }
        return "\(local)@\(domain)"
    }
}
