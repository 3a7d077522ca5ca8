import Foundation
import HromadaDomain
import HromadaWeb

/// Business support in the city's feed and calendar: each call when it was
/// announced and when its list was published, each training when it was
/// announced; in the calendar, the days a call opens and closes and each
/// training's hours. Drafts and cancelled events never.
enum BusinessNews {
    static let source = NewsSource(
        entries: { city, limit, language, services in
            let cityID = city.id, now = services.clock.now()
            let (calls, events) = try await services.store.read { tx in
                (try await tx.supportCalls.calls(in: cityID, limit: max(limit, 1)),
                 try await tx.businessEvents.events(in: cityID, from: now, limit: max(limit, 1)))
            }
            let t = { (key: String, arguments: [String: String]) in services.localizer.string(key, language, arguments) }
            var entries: [NewsEntry] = []
            for call in calls.map(\.call) {
                guard let publishedAt = call.publishedAt else { continue }
                let path = "/\(city.slug.rawValue)/business/calls/\(call.id.rawValue)"
                let names = ["title": call.title.localized(language)]
                let dates = t("business.call.dates", ["opens": DateText.kyiv(call.opensAt), "closes": DateText.kyiv(call.closesAt)])
                entries.append(NewsEntry(key: "call/\(call.id.rawValue)", title: t("business.news.announced", names), summary: dates, path: path, updated: publishedAt))
                if let decidedAt = call.decidedAt {
                    entries.append(NewsEntry(
                        key: "call-list/\(call.id.rawValue)", title: t("business.news.decided", names), summary: call.description.localized(language), path: path,
                        updated: decidedAt))
                }
            }
            for event in events where event.cancelledAt == nil {
                entries.append(NewsEntry(
                    key: "event/\(event.id.rawValue)", title: t("business.news.event", ["title": event.title.localized(language)]),
                    summary: "\(DateText.kyiv(event.startsAt)) · \(event.place)", path: "/\(city.slug.rawValue)/business/events/\(event.id.rawValue)",
                    updated: min(now, event.startsAt)))
            }
            return entries
        },
        events: { city, from, language, services in
            let cityID = city.id
            let (calls, events) = try await services.store.read { tx in
                (try await tx.supportCalls.calls(in: cityID), try await tx.businessEvents.events(in: cityID, from: from, limit: 500))
            }
            let t = { (key: String, arguments: [String: String]) in services.localizer.string(key, language, arguments) }
            var found: [CalendarEvent] = []
            for call in calls.map(\.call) where call.publishedAt != nil && call.closesAt >= from {
                let path = "/\(city.slug.rawValue)/business/calls/\(call.id.rawValue)"
                let names = ["title": call.title.localized(language)]
                found.append(CalendarEvent(key: "call-opens/\(call.id.rawValue)", title: t("business.news.opens", names), description: names["title"] ?? "", path: path, start: call.opensAt))
                found.append(CalendarEvent(key: "call-closes/\(call.id.rawValue)", title: t("business.news.closes", names), description: names["title"] ?? "", path: path, start: call.closesAt))
            }
            for event in events where event.cancelledAt == nil {
                found.append(CalendarEvent(
                    key: "event/\(event.id.rawValue)", title: event.title.localized(language), description: event.place,
                    path: "/\(city.slug.rawValue)/business/events/\(event.id.rawValue)", start: event.startsAt, end: event.endsAt))
            }
            return found
        })
}
