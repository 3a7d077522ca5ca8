import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The strategy's side of links between modules: its tasks point at budget
/// projects, lots, sites and petitions, and those things' pages show the
/// tasks back (`LinkReferrer`), each with its document.
enum StrategyLinks {
    static let referrer = LinkReferrer { kind, id, city, services in
        guard let kind = NodeLink.Kind(rawValue: kind.rawValue), id.utf8.count <= 64 else { return [] }
        let cityID = city.id
        let found = try await services.store.read { try await $0.strategy.referrers(to: kind, id: id, in: cityID) }
        var things: [LinkedThing] = []
        for (documentID, nodes) in Dictionary(grouping: found, by: \.document).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let read = try await services.store.read { tx -> (StrategyRepository.StoredDocument?, [StrategyNode]) in
                (try await tx.strategy.document(documentID, in: cityID), try await tx.strategy.nodes(nodes.map(\.node), of: documentID, in: cityID))
            }
            guard let stored = read.0 else { continue }
            for node in read.1 {
                let label = node.code.isEmpty ? node.title.uk : "\(node.code). \(node.title.uk)"
                things.append(LinkedThing(
                    kind: .strategyNode, id: "\(documentID.rawValue)/\(node.id)", title: "\(label) — \(stored.document.title.uk)",
                    path: "/\(city.slug.rawValue)/strategy/\(documentID.rawValue)/nodes/\(StrategyPages.pathSegment(node.id))",
                    statusKey: "strategy.work_status.\(node.status.rawValue)", isActive: node.status == .inProgress || node.status == .planned))
            }
        }
        return things
    }
}
