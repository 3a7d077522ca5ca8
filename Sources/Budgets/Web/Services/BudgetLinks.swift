import Foundation
import HromadaDomain
import HromadaWeb

/// The participatory budget's projects as other modules point at them
/// (`LinkKind.budgetProject`): a strategy's measure names the project it is
/// delivered by, and shows where the project stands without knowing this
/// module. A project is shown on its edition's page, so that is where the
/// link goes, to the project's own card.
enum BudgetLinks {
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
            path: "/\(city.slug.rawValue)/budgets/\(edition.id.rawValue)#project-\(project.id.rawValue)", statusKey: statusKey, isActive: isActive)
    }
}
