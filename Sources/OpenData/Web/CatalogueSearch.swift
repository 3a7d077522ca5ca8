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
        switch search.sort {
        case .default:
            return matching.sorted { ($0.record.modified, $1.name) > ($1.record.modified, $0.name) }
        case .field(let field, let ascending):
            return matching.sorted { a, b in
                let order: Bool
                switch field {
                case .id: order = a.id == b.id ? a.name < b.name : a.id < b.id
                case .name: order = a.name < b.name
                case .title:
                    let (x, y) = (shapes.t(a.dataset.titleKey), shapes.t(b.dataset.titleKey))
                    order = x == y ? a.name < b.name : x < y
                case .metadataModified: order = a.record.modified == b.record.modified ? a.name < b.name : a.record.modified < b.record.modified
                case .metadataCreated:
                    order = a.record.firstPublished == b.record.firstPublished ? a.name < b.name : a.record.firstPublished < b.record.firstPublished
                }
                return ascending ? order : !order && a.name != b.name
            }
        }
    }

    func matches(_ entry: CatalogueEntry) -> Bool {
        if !search.organizations.isEmpty, !search.organizations.contains(where: { $0 == entry.city.slug.rawValue || $0 == shapes.organizationID(entry.city) }) {
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
