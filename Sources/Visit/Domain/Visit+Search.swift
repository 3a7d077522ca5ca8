import Foundation
import HromadaDomain

/// What the city's search finds of the guide: published places and routes,
/// each made when it is written (in the same transaction); a draft has none.
public enum VisitSearch {
    public static let place = SearchKind(module: "visit", name: "place")
    public static let route = SearchKind(module: "visit", name: "route")
}

extension Place {
    public var searchDocument: SearchDocument? {
        guard published else { return nil }
        return SearchDocument(
            VisitSearch.place, id: id.rawValue, title: name, summary: summary, path: "visit/places/\(id.rawValue)",
            body: [description.uk, description.en, address.uk, address.en].joined(separator: "\n"), updated: updatedAt)
    }
}

extension VisitRoute {
    public var searchDocument: SearchDocument? {
        guard published else { return nil }
        return SearchDocument(
            VisitSearch.route, id: id.rawValue, title: title, summary: summary, path: "visit/routes/\(id.rawValue)",
            body: [description.uk, description.en].joined(separator: "\n"), updated: updatedAt)
    }
}
