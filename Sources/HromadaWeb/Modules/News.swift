import Foundation
import HromadaDomain

/// One piece of a city's news (a petition opened or answered, a lot announced
/// or sold, a budget's results or a delivery update): an entry of the city's
/// Atom feed, `/{city}/feed.atom`.
public struct NewsEntry: Sendable, Equatable {
    /// Stable within the module and the city (`petition-answer/ID`): the entry's Atom id is made from it.
    public let key: String
    public let title: String
    public let summary: String
    /// The thing's page, from the site's root (`/vinnytsia/petitions/ID`).
    public let path: String
    public let updated: Date

    public init(key: String, title: String, summary: String, path: String, updated: Date) {
        self.key = key
        self.title = title
        self.summary = summary
        self.path = path
        self.updated = updated
    }
}

/// A dated event of the city (a budget phase opening, an auction's start): an
/// event of the city's calendar, `/{city}/calendar.ics`.
public struct CalendarEvent: Sendable, Equatable {
    /// Stable within the module and the city: the event's UID is made from it, so a calendar app updates it in place.
    public let key: String
    public let title: String
    public let description: String
    public let path: String
    public let start: Date
    /// Nil: a moment (a deadline, a start), shown as such.
    public let end: Date?

    public init(key: String, title: String, description: String, path: String, start: Date, end: Date? = nil) {
        self.key = key
        self.title = title
        self.description = description
        self.path = path
        self.start = start
        self.end = end
    }
}

/// What a module tells the city's feed and calendar, in the reader's language.
public struct NewsSource: Sendable {
    /// Its latest news in the city, any order, at most `limit`.
    public let entries: @Sendable (_ city: Municipality, _ limit: Int, _ language: Language, _ services: AppServices) async throws -> [NewsEntry]
    /// Its dated events in the city that end (or happen) after `from`.
    public let events: @Sendable (_ city: Municipality, _ from: Date, _ language: Language, _ services: AppServices) async throws -> [CalendarEvent]

    public init(
        entries: @escaping @Sendable (_ city: Municipality, _ limit: Int, _ language: Language, _ services: AppServices) async throws -> [NewsEntry],
        events: @escaping @Sendable (_ city: Municipality, _ from: Date, _ language: Language, _ services: AppServices) async throws
            -> [CalendarEvent] = { _, _, _, _ in [] }
    ) {
        self.entries = entries
        self.events = events
    }
}

extension AppServices {
    /// The dated events of every module a city runs (but `except`) that end or
    /// happen after `from`, in order of their start: the city's calendar as
    /// one module shows it to its readers (the visitor guide's "what's on").
    package func cityCalendar(_ city: Municipality, from: Date, language: Language, except: ModuleSlug? = nil) async throws -> [CalendarEvent] {
        var events: [CalendarEvent] = []
        for module in modules.enabled(in: city) where module.slug != except {
            guard let news = module.news else { continue }
            events += try await news.events(city, from, language, self)
        }
        return events.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
    }
}
