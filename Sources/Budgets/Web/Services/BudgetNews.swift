import Foundation
import HromadaDomain
import HromadaWeb

/// The participatory budget's part of the city's feed and calendar: each
/// edition's results when they were published and every delivery update of
/// a winning project; the edition's dates (proposals, review, voting).
enum BudgetNews {
    static let source = NewsSource(
        entries: { city, limit, language, services in
            let now = services.clock.now()
            let editions = try await services.store.read { try await $0.budgets.editions(in: city.id) }.filter { $0.isVisible(to: nil, at: now) }
            let t = { (key: String, arguments: [String: String]) in services.localizer.string(key, language, arguments) }
            var entries: [NewsEntry] = []
            for edition in editions {
                let base = "/\(city.slug.rawValue)/budgets/\(edition.id.rawValue)"
                let title = edition.title.text(language.rawValue)
                if let published = edition.schedule.resultsPublishedAt, edition.phase(at: now) >= .results {
                    entries.append(NewsEntry(
                        key: "budget-results/\(edition.id.rawValue)", title: t("budgets.news.results", ["title": title]),
                        summary: t("budgets.news.results_summary", [:]), path: base + "/results", updated: published))
                }
                guard edition.phase(at: now) >= .results else { continue }
                let (updates, projects) = try await services.store.read { tx in
                    (try await tx.budgets.deliveryUpdates(of: edition.id, in: city.id), try await tx.budgets.projects(of: edition.id, in: city.id))
                }
                let byID = Dictionary(projects.map { ($0.id, $0) }) { first, _ in first }
                for update in updates.prefix(max(limit, 1)) {
                    guard let project = byID[update.projectID] else { continue }
                    entries.append(NewsEntry(
                        key: "budget-delivery/\(update.id)",
                        title: t("budgets.news.delivery", [
                            "number": String(project.number), "title": project.title,
                            "status": t("budget_admin.delivery_status.\(update.status.rawValue)", [:]),
                        ]),
                        summary: update.note, path: "\(base)/projects/\(project.id.rawValue)", updated: update.postedAt))
                }
            }
            return entries
        },
        events: { city, from, language, services in
            let now = services.clock.now()
            let editions = try await services.store.read { try await $0.budgets.editions(in: city.id) }.filter { $0.isVisible(to: nil, at: now) }
            let t = { (key: String, arguments: [String: String]) in services.localizer.string(key, language, arguments) }
            var events: [CalendarEvent] = []
            for edition in editions where edition.schedule.votingClose >= from {
                let base = "/\(city.slug.rawValue)/budgets/\(edition.id.rawValue)"
                let title = edition.title.text(language.rawValue)
                let schedule = edition.schedule
                // Each phase as a span from its opening to the next phase's.
                var phases: [(String, Date, Date)] = []
                if let proposals = schedule.proposalsOpen { phases.append(("proposals", proposals, schedule.reviewOpen)) }
                phases.append(("review", schedule.reviewOpen, schedule.votingOpen))
                phases.append(("voting", schedule.votingOpen, schedule.votingClose))
                for (phase, start, end) in phases {
                    events.append(CalendarEvent(
                        key: "budget-\(phase)/\(edition.id.rawValue)", title: t("budgets.news.\(phase)", ["title": title]), description: title,
                        path: base, start: start, end: end))
                }
                if let results = schedule.resultsPublishedAt {
                    events.append(CalendarEvent(
                        key: "budget-results/\(edition.id.rawValue)", title: t("budgets.news.results", ["title": title]), description: title,
                        path: base + "/results", start: results))
                }
            }
            return events
        })
}
