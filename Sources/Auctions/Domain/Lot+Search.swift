import Foundation
import HromadaDomain

extension Lot {
    public static let searchKind = SearchKind(module: "auctions", name: "lot")

    /// What the city's search finds of it: every lot is public, from its announcement on.
    public var searchDocument: SearchDocument {
        SearchDocument(Self.searchKind, id: id.rawValue, title: title, summary: "", path: "auctions/\(id.rawValue)", body: "", updated: auctionStart)
    }
}

extension PropertyObject {
    public static let searchKind = SearchKind(module: "auctions", name: "property")

    /// What the city's search finds of it: the register is public.
    public func searchDocument(at instant: Date) -> SearchDocument {
        SearchDocument(
            Self.searchKind, id: id.rawValue, title: title, summary: address, path: "property/\(id.rawValue)",
            body: [address, cadastralNumber ?? "", balanceHolder].joined(separator: "\n"), updated: instant)
    }
}
