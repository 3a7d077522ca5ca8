import Foundation
import HromadaDomain
import HromadaWeb

/// The petitions' part of the city's feed: each public petition when it
/// opened for signatures, and its answer when the city gave one.
enum PetitionNews {
    static let source = NewsSource(entries: { city, limit, language, services in
        // The newest public petitions carry both kinds of news; an answer comes within weeks of opening.
        let stored = try await services.store.read { tx in
            try await tx.petitions.petitions(in: city.id, states: PetitionState.publicStates, order: .newest, limit: max(limit, 1) * 2)
        }
        let t = { (key: String, arguments: [String: String]) in services.localizer.string(key, language, arguments) }
        var entries: [NewsEntry] = []
        for item in stored {
            let petition = item.petition
            let path = "/\(city.slug.rawValue)/petitions/\(petition.id.rawValue)"
            let names = ["number": String(item.number), "title": petition.title]
            if let opened = petition.openedAt {
                entries.append(NewsEntry(
                    key: "petition/\(petition.id.rawValue)", title: t("petitions.news.opened", names), summary: petition.text, path: path,
                    updated: opened))
            }
            if let answer = petition.answer {
                entries.append(NewsEntry(
                    key: "petition-answer/\(petition.id.rawValue)", title: t("petitions.news.answered", names),
                    summary: "\(t("petitions.decision.\(answer.decision.rawValue)", [:])). \(answer.text)", path: path, updated: answer.answeredAt))
            }
        }
        return entries
    })
}
