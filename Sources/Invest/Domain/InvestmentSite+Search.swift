import Foundation
import HromadaDomain

extension InvestmentSite {
    public static let searchKind = SearchKind(module: "invest", name: "site")

    /// What the city's search finds of it: the catalogue is public, whatever the site's status.
    public func searchDocument(id: SiteID, at instant: Date) -> SearchDocument {
        SearchDocument(
            Self.searchKind, id: id.rawValue, title: title, summary: details.description, path: "invest/sites/\(id.rawValue)",
            body: [details.description.uk, details.description.en, cadastralNumber?.rawValue ?? "", details.zoning, purposeCode ?? ""]
                .joined(separator: "\n"),
            updated: instant)
    }
}
