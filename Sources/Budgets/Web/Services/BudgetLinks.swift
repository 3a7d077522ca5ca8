import Foundation
import HromadaDomain
import HromadaWeb

/// The participatory budget's projects as other modules point at them
/// (`LinkKind.budgetProject`): a strategy's measure names the project it is
/// delivered by, and shows where the project stands without knowing this
/// module. A link goes to the project's own page. An edition is a target
/// too (`LinkKind.budgetEdition`): residents follow it.
enum BudgetLinks {
    static let edition = LinkTarget(
        kind: .budgetEdition,
        resolve: { id, city, services in
            let now = services.clock.now()
            guard let edition = try await services.store.read({ try await $0.budgets.edition(BudgetEditionID(rawValue: id), in: city.id) }),
                  edition.isVisible(to: nil, at: now)
            else { return nil }
            return thing(edition, in: city, at: now)
        },
        choices: { city, limit, services in
            let now = services.clock.now()
            return try await services.store.read { try await $0.budgets.editions(in: city.id) }
                .filter { $0.isVisible(to: nil, at: now) }.prefix(max(0, limit)).map { thing($0, in: city, at: now) }
        })

    static func thing(_ edition: BudgetEdition, in city: Municipality, at now: Date) -> LinkedThing {
        let phase = edition.phase(at: now)
        return LinkedThing(
            kind: .budgetEdition, id: edition.id.rawValue, title: edition.title.uk, path: "/\(city.slug.rawValue)/budgets/\(edition.id.rawValue)",
            statusKey: "budgets.phase.\(phase.rawValue)", isActive: phase < .finished, englishTitle: edition.title.en)
    }

    static let project = LinkTarget(
        kind: .budgetProject,
        resolve: { id, city, services in
            let cityID = city.id, now = services.clock.now()
            let found = try await services.store.read { tx -> (BudgetProject, BudgetEdition, Set<BudgetProjectID>, [DeliveryUpdate])? in
                guard let project = try await tx.budgets.project(BudgetProjectID(rawValue: id), in: cityID),
                      let edition = try await tx.budgets.edition(project.editionID, in: cityID)
                else { return nil }
                let funded = Set(try await tx.budgets.publishedResults(of: edition.id).values.flatMap { $0 })
                return (project, edition, funded, try await tx.budgets.deliveryUpdates(of: edition.id, in: cityID).filter { $0.projectID == project.id })
            }
            // What the edition's page does not show, nobody may be sent to.
            guard let (project, edition, funded, updates) = found, edition.isVisible(to: nil, at: now), project.status != .withdrawn else { return nil }
            return thing(project, edition: edition, funded: funded, record: DeliveryRecord(newestFirst: updates), in: city, at: now)
        },
        choices: { city, limit, services in
            let cityID = city.id, now = services.clock.now()
            return try await services.store.read { tx in
                let editions = try await tx.budgets.editions(in: cityID).filter { $0.isVisible(to: nil, at: now) }
                let projects = try await tx.budgets.newestProjects(in: editions.map(\.id), of: cityID, limit: limit)
                guard !projects.isEmpty else { return [] }
                let (funded, updates) = (try await tx.budgets.fundedProjects(in: cityID), try await tx.budgets.deliveryUpdates(in: cityID))
                let byID = Dictionary(editions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                return projects.compactMap { project in
                    byID[project.editionID].map { edition in
                        thing(
                            project, edition: edition, funded: funded[edition.id] ?? [], record: DeliveryRecord(newestFirst: updates[project.id] ?? []),
                            in: city, at: now)
                    }
                }
            }
        })

    /// Before the results: where the project stands in review; after them,
    /// a winner's delivery (as the edition's page shows it) or that it lost.
    static func thing(
        _ project: BudgetProject, edition: BudgetEdition, funded: Set<BudgetProjectID>, record: DeliveryRecord, in city: Municipality, at now: Date
    ) -> LinkedThing {
        let phase = edition.phase(at: now)
        let statusKey: String, isActive: Bool
        if phase < .results || !project.isOnBallot {
            statusKey = "budgets.status.\(project.status.rawValue)"
            isActive = phase < .results && [.submitted, .feasible].contains(project.status)
        } else if funded.contains(project.id) {
            let status = record.latest?.status ?? .planned
            statusKey = "budget_admin.delivery_status.\(status.rawValue)"
            isActive = phase != .finished && status != .done && status != .cancelled
        } else {
            statusKey = "budgets.link_status.not_funded"
            isActive = false
        }
        // Numbers start again in every edition: the year its voting opens tells two № 9 apart.
        return LinkedThing(
            kind: .budgetProject, id: project.id.rawValue,
            title: "№ \(project.number) · \(project.title) · \(CalendarDate.inKyiv(edition.schedule.votingOpen).year)",
            path: "/\(city.slug.rawValue)/budgets/\(edition.id.rawValue)/projects/\(project.id.rawValue)", statusKey: statusKey, isActive: isActive,
            isDiscussable: true)
    }
}
