import Foundation
import HromadaDomain

/// A training, a seminar or a meeting the city runs for businesses: when and
/// where, how many places, and until when people register.
public struct BusinessEvent: Sendable, Equatable, Codable {
    public let id: BusinessEventID
    public let city: MunicipalityID
    public var title: LocalizedName
    public var description: LocalizedName
    public var place: String
    public var location: Location?
    public var startsAt: Date
    public var endsAt: Date
    public var capacity: Int
    public var registrationClosesAt: Date
    /// The call or programme it belongs to, for the programme's report (a `strategy_node` link id).
    public var programme: String?
    public var cancelledAt: Date?

    public static let titleLength = 3...200
    public static let descriptionLength = 0...10_000
    public static let placeLength = 1...300
    public static let capacityRange = 1...10_000
    /// No event lasts longer than a fortnight.
    public static let longest: TimeInterval = 14 * 86_400

    public init(
        id: BusinessEventID, city: MunicipalityID, title: LocalizedName, description: LocalizedName, place: String, location: Location? = nil,
        startsAt: Date, endsAt: Date, capacity: Int, registrationClosesAt: Date, programme: String? = nil, cancelledAt: Date? = nil
    ) {
        self.id = id
        self.city = city
        self.title = title
        self.description = description
        self.place = place
        self.location = location
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.capacity = capacity
        self.registrationClosesAt = registrationClosesAt
        self.programme = programme
        self.cancelledAt = cancelledAt
    }

    /// The fields that cannot be saved, by name.
    public var problems: [String] {
        var fields = FieldRules.outside(Self.titleLength, title, field: "title") + FieldRules.outside(Self.descriptionLength, description, field: "description")
        if !Self.placeLength.contains(place.count) { fields.append("place") }
        if endsAt <= startsAt || endsAt.timeIntervalSince(startsAt) > Self.longest { fields.append("endsAt") }
        if !Self.capacityRange.contains(capacity) { fields.append("capacity") }
        if registrationClosesAt > startsAt { fields.append("registrationClosesAt") }
        return fields
    }

    /// Whether people may register (or join the waiting list) at an instant.
    public func takesRegistrations(at instant: Date) -> Bool {
        cancelledAt == nil && instant < registrationClosesAt
    }

    /// Places still free when `registered` people hold one (none while some wait).
    public func placesLeft(registered: Int) -> Int {
        max(0, capacity - registered)
    }

    /// Whether the feedback form is open: from the event's start, for a month.
    public func takesFeedback(at instant: Date) -> Bool {
        cancelledAt == nil && instant >= startsAt && instant < endsAt.addingTimeInterval(30 * 86_400)
    }
}

/// A person's place at an event.
public enum RegistrationState: String, Sendable, CaseIterable, Codable {
    /// Has a place.
    case registered
    /// On the waiting list, in the order they came.
    case waiting
    case cancelled
}

/// How registrations fill an event and the waiting list moves: a person
/// gets a place while there is one, else the list's next position; when
/// a registered person cancels, the first on the list takes the place, and
/// a freed place is never left empty while anyone waits. The store applies
/// these in the statement that writes, so 200 people at once leave exactly
/// the capacity registered and the rest waiting in the order they came.
public enum RegistrationRules {
    /// Where a newcomer goes when `registered` places of `capacity` are taken.
    public static func place(registered: Int, capacity: Int) -> RegistrationState {
        registered < capacity ? .registered : .waiting
    }

    /// Who moves up when places free: the first `free` of those waiting, by their position.
    public static func movingUp(waiting: [(position: Int, id: String)], free: Int) -> [String] {
        waiting.sorted { $0.position < $1.position }.prefix(max(0, free)).map(\.id)
    }

    /// The code on the participant's ticket, shown as a QR code and typed at
    /// the door when a camera fails: 10 characters of Crockford base32
    /// (no I, L, O, U), 50 bits, read aloud without confusion.
    public static func ticketCode() -> String {
        String(RandomToken.base32(byteCount: 7).prefix(10)).uppercased()
    }

    /// A ticket code as shown to read aloud: two groups of five, `ABCDE-12345`.
    public static func grouped(_ ticket: String) -> String {
        guard ticket.count > 5 else { return ticket }
        return "\(ticket.prefix(5))-\(ticket.dropFirst(5))"
    }

    /// A ticket code as typed at the door: spaces and dashes dropped, the
    /// letters people confuse read as the digits they look like.
    public static func normalisedTicket(_ text: String) -> String? {
        let mapped = text.uppercased().compactMap { character -> Character? in
            switch character {
            case " ", "-": nil
            case "O": "0"
            case "I", "L": "1"
            default: character
            }
        }
        let code = String(mapped)
        guard code.count == 10, code.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else { return nil }
        return code
    }
}

/// What a participant says after an event.
public struct EventFeedback: Sendable, Equatable, Codable {
    public let rating: Int
    public let comment: String

    public static let ratingRange = 1...5
    public static let commentLength = 0...2_000

    public init?(rating: Int, comment: String) {
        guard Self.ratingRange.contains(rating), Self.commentLength.contains(comment.count) else { return nil }
        self.rating = rating
        self.comment = comment
    }
}

/// When a participant is reminded of an event: once, within the day before it starts.
public enum EventReminder {
    public static let window: TimeInterval = 86_400

    /// Whether a reminder of an event starting at `startsAt` goes at `instant`.
    public static func isDue(startsAt: Date, at instant: Date) -> Bool {
        instant < startsAt && startsAt.timeIntervalSince(instant) <= window
    }
}
