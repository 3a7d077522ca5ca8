import Foundation
import HromadaDomain

extension BudgetProject {
    public static let searchKind = SearchKind(module: "budgets", name: "project")

    /// What the city's search finds of it: every project the edition's list
    /// shows (a withdrawn one is known only to its authors and reviewers).
    /// The summary names its edition: a city runs one a year, and a project
    /// proposed again has the same title in each.
    public func searchDocument(edition: LocalizedText?) -> SearchDocument? {
        guard status != .withdrawn else { return nil }
        let inEdition = { (language: String) in edition.map { "\($0.text(language)). \(summary)" } ?? summary }
        return SearchDocument(
            Self.searchKind, id: id.rawValue, title: LocalizedName(uk: "№ \(number). \(title)", en: "№ \(number). \(title)"),
            summary: LocalizedName(uk: inEdition("uk"), en: inEdition("en")),
            path: "budgets/\(editionID.rawValue)/projects/\(id.rawValue)",
            body: ([summary, district, address] + costItems.map { Optional($0.label) }).compactMap { $0 }.joined(separator: "\n"),
            updated: review?.decidedAt ?? submittedAt)
    }
}
