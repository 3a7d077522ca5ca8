import Foundation

/// A thing a resident follows (`ThingReference`).
public typealias FollowTarget = ThingReference

/// How a person wants to hear of what they follow: a letter for each event
/// as it happens, one letter a day with all of them, or no mail at all
/// (what they follow stays listed on their account page).
public enum NotificationMail: String, CaseIterable, Sendable {
    case immediate
    case daily
    case none
}

/// Something that happened to a thing people follow, as the module that
/// made it happen records it, in the same transaction as the change.
///
/// The letter names `about` (its title and page, asked of its module when
/// the letter is written, so in the reader's language and only while the
/// public may see it) and says `what` (a locale key of the module's, such as
/// `budgets.follow.review_decision`) with an optional `detail` (another key,
/// such as `budgets.status.feasible`). It reaches the followers of every
/// thing in `reaches` (a project's result reaches the project's followers
/// and the edition's), each person once.
public struct FollowEvent: Hashable, Sendable {
    public let id: String
    public let municipalityID: MunicipalityID
    public let what: String
    public let detail: String?
    public let about: FollowTarget
    public let reaches: [FollowTarget]
    public let occurredAt: Date

    public init(
        id: String = UUID().uuidString.lowercased(), in city: MunicipalityID, what: String, detail: String? = nil, about: FollowTarget,
        alsoReaching others: [FollowTarget] = [], at instant: Date
    ) {
        self.id = id
        self.municipalityID = city
        self.what = what
        self.detail = detail
        self.about = about
        var reaches = [about]
        for other in others where !reaches.contains(other) { reaches.append(other) }
        self.reaches = reaches
        self.occurredAt = instant
    }

    /// An event that follows from the calendar (voting opens, an auction
    /// starts) rather than from a write: its id is made of what it is, so two
    /// servers that notice it at once record it once.
    public static func scheduled(
        in city: MunicipalityID, what: String, detail: String? = nil, about: FollowTarget, alsoReaching others: [FollowTarget] = [], at instant: Date
    ) -> FollowEvent {
        FollowEvent(
            id: "at:\(instant.epochSeconds):\(what):\(about.kind):\(about.id)", in: city, what: what, detail: detail, about: about,
            alsoReaching: others, at: instant)
    }
}

/// The rules of following, each with a test named after it.
public enum FollowRules {
    /// A person follows at most this many things: enough for anyone, and a
    /// script cannot make one account's followed list unbounded.
    public static let mostFollowsPerAccount = 500

    /// The daily digest goes at 08:00 in Kyiv: in the morning, never at night.
    public static let digestHour = 8

    /// The latest digest moment at or before `instant`: a daily reader's
    /// letter carries what happened before it; what comes after waits for
    /// the next morning.
    public static func lastDigestMoment(atOrBefore instant: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? TimeZone(secondsFromGMT: 7200) ?? .current
        let today = calendar.startOfDay(for: instant)
        let moment = calendar.date(bySettingHour: digestHour, minute: 0, second: 0, of: today) ?? today
        if moment <= instant { return moment }
        return calendar.date(byAdding: .day, value: -1, to: moment) ?? moment
    }
}
