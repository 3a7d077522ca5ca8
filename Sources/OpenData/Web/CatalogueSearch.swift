import Foundation
import HromadaDomain
import HromadaWeb

/// `package_search` over the catalogue's entries: the filters of a
/// `PackageSearch`, then its order. In memory: a deployment's catalogue is
/// thousands of datasets, not millions, and every entry is already loaded.
struct CatalogueSearch {
    let search: PackageSearch
    let shapes: CKANShapes

    func run(_ entries: [CatalogueEntry]) -> [CatalogueEntry] {
        let matching = entries.filter(matches)
        return Self.orders.value(String(describing: search.sort), of: matching) { order(matching) }
    }

    /// The last order made for each sort: a harvester's pages, and readers
    /// asking again, sort the same entries the same way, and sorting two
    /// thousand of them by text was a fifth of a search.
    private static let orders = EntriesMemo<[CatalogueEntry]>()

    private func order(_ matching: [CatalogueEntry]) -> [CatalogueEntry] {
        switch search.sort {
        case .default:
            return matching.sorted { ($0.record.modified, $1.name) > ($1.record.modified, $0.name) }
        case .field(let field, let ascending):
            // Each entry's key once, then a sort on it; ties by name, so pages never overlap.
            let keyed: [(key: String, entry: CatalogueEntry)] = matching.map { entry in
                switch field {
                case .id: (entry.id, entry)
                case .name: (entry.name, entry)
                case .title: (shapes.t(entry.dataset.titleKey), entry)
                case .metadataModified: (Self.sortable(entry.record.modified), entry)
                case .metadataCreated: (Self.sortable(entry.record.firstPublished), entry)
                }
            }
            return keyed.sorted { a, b in
                if a.key != b.key { return ascending ? a.key < b.key : a.key > b.key }
                return a.entry.name < b.entry.name
            }.map(\.entry)
        }
    }

    /// A time as text that sorts as the time does (milliseconds, zero-padded).
    static func sortable(_ date: Date) -> String {
        let milliseconds = max(0, min(Double(Int64.max / 2), (date.timeIntervalSince1970 * 1000).rounded(.down)))
        let digits = String(Int64(milliseconds))
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    func matches(_ entry: CatalogueEntry) -> Bool {
        // By slug; by the organization's UUID only when one was given (its hash is worked out then).
        if !search.organizations.isEmpty, !search.organizations.contains(entry.city.slug.rawValue),
           !(search.organizations.contains { $0.count == 36 } && search.organizations.contains(shapes.organizationID(entry.city))) {
            return false
        }
        if !search.groups.isEmpty, !search.groups.contains(entry.module.slug.rawValue) { return false }
        if !search.names.isEmpty, !search.names.contains(entry.name), !search.names.contains(entry.id) { return false }
        if !search.formats.isEmpty, !search.formats.allSatisfy({ ["CSV", "JSON"].contains($0) }) { return false }
        if let from = search.modifiedFrom, entry.record.modified < from { return false }
        if let until = search.modifiedUntil, entry.record.modified > until { return false }
        guard !search.words.isEmpty else { return true }
        let text = searchableText(entry)
        return search.words.allSatisfy { text.contains($0) }
    }

    /// What words are looked for in: the name, titles and descriptions in both languages, keywords, the city.
    func searchableText(_ entry: CatalogueEntry) -> String {
        let dataset = entry.dataset
        return ([entry.name, entry.city.name.uk, entry.city.name.en]
            + [dataset.titleKey, dataset.descriptionKey, dataset.keywordsKey].flatMap { key in Language.allCases.map { shapes.t(key, $0) } })
            .joined(separator: " ").lowercased()
    }
}
