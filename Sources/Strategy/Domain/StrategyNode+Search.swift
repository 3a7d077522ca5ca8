import Foundation
import HromadaDomain

extension StrategyNode {
    public static let searchKind = SearchKind(module: "strategy", name: "node")

    /// Its id in the index: node ids are unique only within their document.
    public static func searchID(document: StrategyDocumentID, node: String) -> String { document.rawValue + "/" + node }

    /// What the city's search finds of it: strategies are public from the draft
    /// put to public discussion on, and so is each goal, objective and measure.
    public func searchDocument(in document: StrategyDocumentID, at instant: Date) -> SearchDocument {
        let numbered = { (title: String) in code.isEmpty ? title : "\(code). \(title)" }
        return SearchDocument(
            Self.searchKind, id: Self.searchID(document: document, node: id),
            title: LocalizedName(uk: numbered(title.uk), en: numbered(title.en)), summary: description,
            path: "strategy/\(document.rawValue)/nodes/\(id)",
            body: [description.uk, description.en, responsible].joined(separator: "\n"), updated: instant)
    }
}
