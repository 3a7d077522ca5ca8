import Foundation
import HromadaDomain

extension Petition {
    public static let searchKind = SearchKind(module: "petitions", name: "petition")

    /// What the city's search finds of it: nothing while only its author and
    /// the moderators may see it (a draft, in moderation, withdrawn).
    public var searchDocument: SearchDocument? {
        guard PetitionState.publicStates.contains(state) else { return nil }
        return SearchDocument(
            Self.searchKind, id: id.rawValue, title: title, summary: text, path: "petitions/\(id.rawValue)",
            body: [text, category, answer?.text ?? ""].joined(separator: "\n"), updated: timeline.last?.at ?? createdAt)
    }
}
