import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The strategy's side of links between modules: its tasks point at budget
/// projects, lots, sites and petitions, and those things' pages show the
/// tasks back (`LinkReferrer`), each with its document, in the reader's language.
enum StrategyLinks {
    static let referrer = LinkReferrer { kind, ids, city, language, services in
        guard let kind = NodeLink.Kind(rawValue: kind.rawValue) else { return [:] }
        let cityID = city.id, wanted = ids.filter { $0.utf8.count <= 64 }
        let found = try await services.store.read { try await $0.strategy.referrers(to: kind, ids: wanted, in: cityID) }
        var things: [String: [LinkedThing]] = [:]
        for (documentID, links) in Dictionary(grouping: found, by: \.document).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let read = try await services.store.read { tx -> (StrategyRepository.StoredDocument?, [StrategyNode]) in
                (try await tx.strategy.document(documentID, in: cityID),
                 try await tx.strategy.nodes(Array(Set(links.map(\.node))), of: documentID, in: cityID))
            }
            guard let stored = read.0 else { continue }
            let nodes = Dictionary(read.1.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for link in links {
                guard let node = nodes[link.node] else { continue }
                things[link.target, default: []].append(LinkedThing(
                    kind: .strategyNode, id: "\(documentID.rawValue)/\(node.id)",
                    title: "\(StrategyPages.label(node, language)) — \(stored.document.title.localized(language))",
                    path: "/\(city.slug.rawValue)/strategy/\(documentID.rawValue)/nodes/\(StrategyPages.pathSegment(node.id))",
                    statusKey: "strategy.work_status.\(node.status.rawValue)", isActive: node.status == .inProgress || node.status == .planned))
            }
        }
        return things
    }
}
