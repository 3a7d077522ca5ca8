import Foundation
import HromadaDomain

/// What the city's search finds of the module: published calls, the
/// directory's organisations and the events, each made when it is written
/// (in the same transaction) and none for a call still in draft.
public enum BusinessSearch {
    public static let call = SearchKind(module: "business", name: "call")
    public static let organisation = SearchKind(module: "business", name: "organisation")
    public static let event = SearchKind(module: "business", name: "event")
}

extension SupportCall {
    public var searchDocument: SearchDocument? {
        guard let publishedAt else { return nil }
        return SearchDocument(
            BusinessSearch.call, id: id.rawValue, title: title, summary: description, path: "business/calls/\(id.rawValue)",
            body: [description.uk, description.en, criteria.map { "\($0.title.uk) \($0.title.en)" }.joined(separator: " "),
                   eligibility.sectors.map(\.description).joined(separator: " ")].joined(separator: "\n"),
            updated: max(publishedAt, decidedAt ?? publishedAt))
    }
}

extension Organisation {
    public var searchDocument: SearchDocument {
        SearchDocument(
            BusinessSearch.organisation, id: id.rawValue, title: LocalizedName(uk: name, en: name(in: .en)), summary: description,
            path: "business/directory/\(id.rawValue)",
            body: [description.uk, description.en, mission, contacts.address ?? "", code ?? ""].joined(separator: "\n"), updated: createdAt)
    }
}

extension BusinessEvent {
    public var searchDocument: SearchDocument? {
        guard cancelledAt == nil else { return nil }
        return SearchDocument(
            BusinessSearch.event, id: id.rawValue, title: title, summary: description, path: "business/events/\(id.rawValue)",
            body: [description.uk, description.en, place].joined(separator: "\n"), updated: startsAt)
    }
}
