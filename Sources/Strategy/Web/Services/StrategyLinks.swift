import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The strategy's side of links between modules: its tasks point at budget
/// projects, lots, sites and petitions, and those things' pages show the
/// tasks back (`LinkReferrer`), each with its document, in the reader's language.
enum StrategyLinks {
    /// A document, which residents follow (`LinkKind.strategy`).
    static let document = LinkTarget(
        kind: .strategy,
        resolve: { id, city, services in
            guard id.utf8.count <= 64,
                  let stored = try await services.store.read({ try await $0.strategy.document(StrategyDocumentID(rawValue: id), in: city.id) })
            else { return nil }
            return thing(stored, in: city)
        },
        choices: { city, limit, services in
            try await services.store.read { try await $0.strategy.documents(in: city.id) }.prefix(max(0, limit)).map { thing($0, in: city) }
        })

    static func thing(_ stored: StrategyRepository.StoredDocument, in city: Municipality) -> LinkedThing {
        LinkedThing(
            kind: .strategy, id: stored.id.rawValue, title: stored.document.title.uk, path: "/\(city.slug.rawValue)/strategy/\(stored.id.rawValue)",
            statusKey: "strategy.document_status.\(stored.document.status.rawValue)", isActive: [.draft, .inForce].contains(stored.document.status),
            englishTitle: stored.document.title.en)
    }

    /// A node of a document by `document/node`: a measure is where residents
    /// discuss the city's plan (`LinkedThing.isDiscussable`).
    static let node = LinkTarget(
        kind: .strategyNode,
        resolve: { id, city, services in
            let parts = id.split(separator: "/", maxSplits: 1).map(String.init)
            guard id.utf8.count <= 200, parts.count == 2 else { return nil }
            let documentID = StrategyDocumentID(rawValue: parts[0]), cityID = city.id
            let found = try await services.store.read { tx -> (StrategyRepository.StoredDocument, StrategyNode)? in
                guard let stored = try await tx.strategy.document(documentID, in: cityID),
                      let node = try await tx.strategy.nodes([parts[1]], of: documentID, in: cityID).first
                else { return nil }
                return (stored, node)
            }
            guard let (stored, node) = found else { return nil }
            return LinkedThing(
                kind: .strategyNode, id: id, title: StrategyPages.label(node, .uk),
                path: "/\(city.slug.rawValue)/strategy/\(documentID.rawValue)/nodes/\(StrategyPages.pathSegment(node.id))",
                statusKey: "strategy.work_status.\(node.status.rawValue)", isActive: node.status == .inProgress || node.status == .planned,
                isDiscussable: node.level == .measure, englishTitle: StrategyPages.label(node, .en))
        },
        choices: { _, _, _ in [] })

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
