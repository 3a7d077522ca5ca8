import HromadaWeb
import Hummingbird

/// Which objects of the register a reader asked for: one kind, one lease list
/// (`first`, `second`, or `none` for neither), or all. The list and its map
/// (`property.geojson`) read the same query, so the map shows what the list does.
struct PropertyFilter: Equatable, Sendable {
    var kind: PropertyObject.Kind?
    /// A lease list's code, `none`, or blank for all.
    var list: String

    static let lists = PropertyObject.LeaseList.allCases.map(\.rawValue) + ["none"]

    func matches(_ object: PropertyObject) -> Bool {
        (kind == nil || object.kind == kind) && (list.isEmpty || (object.leaseList?.rawValue ?? "none") == list)
    }

    /// The page's filter: an unknown value is ignored, so a stale bookmark still shows the register.
    static func lenient(_ request: Request) -> PropertyFilter {
        let query = request.uri.queryParameters
        let list = query.get("list") ?? ""
        return PropertyFilter(kind: query.get("kind").flatMap(PropertyObject.Kind.init(rawValue:)), list: lists.contains(list) ? list : "")
    }

    /// The API's filter: an unknown value is a 422 naming it.
    static func strict(_ request: Request) throws -> PropertyFilter {
        let query = request.uri.queryParameters
        let kindText = query.get("kind") ?? "", list = query.get("list") ?? ""
        var kind: PropertyObject.Kind?
        if !kindText.isEmpty {
            guard let known = PropertyObject.Kind(rawValue: kindText) else { throw AppError.invalid(code: "property_kind_unknown", field: "kind") }
            kind = known
        }
        guard list.isEmpty || lists.contains(list) else { throw AppError.invalid(code: "lease_list_unknown", field: "list") }
        return PropertyFilter(kind: kind, list: list)
    }

    /// The filter as a query string (`?kind=premises&list=first`), blank for all; its values are codes, safe in a URL.
    var query: String {
        let pairs = [kind.map { "kind=\($0.rawValue)" }, list.isEmpty ? nil : "list=\(list)"].compactMap { $0 }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }
}
