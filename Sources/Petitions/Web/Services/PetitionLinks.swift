import Foundation
import HromadaDomain
import HromadaWeb

/// The city's petitions as other modules point at them (`LinkKind.petition`):
/// a strategy's measure names the petition it answers, and shows where it
/// stands without knowing this module. Only what anyone may see: a draft or
/// a petition in moderation is its author's and the moderators' business.
enum PetitionLinks {
    static let petition = LinkTarget(
        kind: .petition,
        resolve: { id, city, services in
            guard let stored = try await services.store.read({ tx in try await tx.petitions.petition(PetitionID(rawValue: id), in: city.id) }),
                  stored.petition.isVisible(to: nil)
            else { return nil }
            return thing(stored, in: city)
        },
        choices: { city, limit, services in
            guard limit > 0 else { return [] }
            let stored = try await services.store.read { tx in
                try await tx.petitions.petitions(in: city.id, states: PetitionState.publicStates, order: .newest, limit: limit)
            }
            return stored.map { thing($0, in: city) }
        })

    static func thing(_ stored: PetitionRepository.Stored, in city: Municipality) -> LinkedThing {
        let petition = stored.petition
        return LinkedThing(
            kind: .petition, id: petition.id.rawValue, title: "№ \(stored.number) · \(petition.title)",
            path: "/\(city.slug.rawValue)/petitions/\(petition.id.rawValue)", statusKey: "petitions.state.\(petition.state.rawValue)",
            isActive: petition.state == .open || petition.state == .underConsideration, isDiscussable: true)
    }
}
