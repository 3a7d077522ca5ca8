import Foundation
import HromadaDomain

/// What a place in the visitor guide is, for the guide's filter and its map.
public enum PlaceKind: String, CaseIterable, Codable, Sendable {
    case sight, museum, park, spa, viewpoint, accommodation, food
}

/// A fact about getting in and around a place that a visitor with a
/// wheelchair, a pram, poor sight or hearing plans by. Only what staff
/// checked is said; nothing is taken for granted.
public enum AccessibilityFeature: String, CaseIterable, Codable, Sendable {
    /// The entrance has no steps, or a ramp or a lift.
    case stepFree = "step_free"
    case accessibleToilet = "accessible_toilet"
    /// A wheelchair may be borrowed on site.
    case wheelchairLoan = "wheelchair_loan"
    case accessibleParking = "accessible_parking"
    case audioGuide = "audio_guide"
    /// Tactile exhibits, plans or signs in Braille.
    case tactile
    case signLanguage = "sign_language"
    case babyChanging = "baby_changing"
}

/// How to reach a place: each part optional, each checked when the place is saved.
public struct PlaceContacts: Sendable, Equatable, Codable {
    public var phone: String
    public var email: String
    public var website: String

    public init(phone: String = "", email: String = "", website: String = "") {
        self.phone = phone
        self.email = email
        self.website = website
    }

    /// The fields that are filled but not what they say.
    public var problems: [String] {
        var fields: [String] = []
        if !phone.isEmpty, !Self.isPhone(phone) { fields.append("phone") }
        if !email.isEmpty, (try? EmailAddress.validated(email)) == nil { fields.append("email") }
        if !website.isEmpty, !Self.isWebsite(website) { fields.append("website") }
        return fields
    }

    /// A phone number as people type it: 7 to 20 digits, with only `+`, spaces, dashes and brackets besides.
    public static func isPhone(_ text: String) -> Bool {
        (7...20).contains(text.filter(\.isNumber).count) && text.allSatisfy { $0.isNumber || " +-()".contains($0) }
    }

    /// An `https://` or `http://` address with a host, at most 300 characters: a link the guide may print.
    public static func isWebsite(_ text: String) -> Bool {
        guard text.count <= 300, let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, host.contains(".")
        else { return false }
        return true
    }
}

/// What a visit costs: from how much (nil when the guide does not say, zero
/// when it is free) and a note in both languages ("children under 7 free").
public struct PlacePrice: Sendable, Equatable, Codable {
    public var from: Money?
    public var note: LocalizedName

    public init(from: Money? = nil, note: LocalizedName = .init(uk: "", en: "")) {
        self.from = from
        self.note = note
    }

    public var isFree: Bool { from == .zero }
    /// No entry costs more than this: a larger figure is a typing slip.
    public static let highest = Money(hryvnias: 1_000_000)
}

/// A place in a city's visitor guide: a sight, a museum, a park, a spa, a
/// viewpoint, somewhere to stay or to eat.
public struct Place: Sendable, Equatable, Codable {
    public let id: PlaceID
    public let city: MunicipalityID
    public var kind: PlaceKind
    public var name: LocalizedName
    /// One or two sentences for the list.
    public var summary: LocalizedName
    public var description: LocalizedName
    public var address: LocalizedName
    public var location: GeoPoint
    public var hours: OpeningHours
    public var price: PlacePrice
    public var accessibility: Set<AccessibilityFeature>
    /// What the ticks do not say ("the upper hall by stairs only").
    public var accessibilityNote: LocalizedName
    public var contacts: PlaceContacts
    /// Shown to visitors; a draft is seen by staff only.
    public var published: Bool
    public var updatedAt: Date

    public static let nameLength = 2...160
    public static let summaryLength = 0...300
    public static let descriptionLength = 0...10_000
    public static let addressLength = 0...300
    public static let noteLength = 0...500

    public init(
        id: PlaceID, city: MunicipalityID, kind: PlaceKind, name: LocalizedName, summary: LocalizedName, description: LocalizedName,
        address: LocalizedName, location: GeoPoint, hours: OpeningHours = .unknown, price: PlacePrice = .init(),
        accessibility: Set<AccessibilityFeature> = [], accessibilityNote: LocalizedName = .init(uk: "", en: ""),
        contacts: PlaceContacts = .init(), published: Bool = true, updatedAt: Date
    ) {
        self.id = id
        self.city = city
        self.kind = kind
        self.name = name
        self.summary = summary
        self.description = description
        self.address = address
        self.location = location
        self.hours = hours
        self.price = price
        self.accessibility = accessibility
        self.accessibilityNote = accessibilityNote
        self.contacts = contacts
        self.published = published
        self.updatedAt = updatedAt
    }

    /// The fields that cannot be saved, by the form's names (`nameUk`, `priceFrom`, `email`).
    public var problems: [String] {
        var fields = Self.outside(Self.nameLength, name, field: "name") + Self.outside(Self.summaryLength, summary, field: "summary")
            + Self.outside(Self.descriptionLength, description, field: "description") + Self.outside(Self.addressLength, address, field: "address")
            + Self.outside(Self.noteLength, price.note, field: "priceNote") + Self.outside(Self.noteLength, accessibilityNote, field: "accessibilityNote")
        if let from = price.from, from < .zero || from > PlacePrice.highest { fields.append("priceFrom") }
        return fields + contacts.problems
    }

    /// The fields (`<base>Uk`, `<base>En`) of a text in both languages whose length is outside `range`.
    static func outside(_ range: ClosedRange<Int>, _ text: LocalizedName, field base: String) -> [String] {
        [(base + "Uk", text.uk), (base + "En", text.en)].filter { !range.contains($0.1.count) }.map(\.0)
    }
}

/// What a visitor narrows the guide to: a kind, facts about access that must
/// all hold, and whether it is open at the moment asked.
public struct PlaceFilter: Sendable, Equatable {
    public var kind: PlaceKind?
    public var accessibility: Set<AccessibilityFeature>
    public var openNow: Bool
    public var free: Bool

    public init(kind: PlaceKind? = nil, accessibility: Set<AccessibilityFeature> = [], openNow: Bool = false, free: Bool = false) {
        self.kind = kind
        self.accessibility = accessibility
        self.openNow = openNow
        self.free = free
    }

    /// Whether a published place passes, at an instant, with the city's public holidays.
    public func admits(_ place: Place, at instant: Date, holidays: Set<CalendarDate>) -> Bool {
        guard place.published else { return false }
        if let kind, place.kind != kind { return false }
        guard accessibility.isSubset(of: place.accessibility) else { return false }
        if free, !place.price.isFree { return false }
        if openNow, place.hours.state(at: instant, holidays: holidays) != .open { return false }
        return true
    }
}
