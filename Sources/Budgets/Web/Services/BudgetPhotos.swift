import Crypto
import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Pictures of a proposed project's place and of a funded project's work:
/// who may add and remove them (the platform's `Photos` stores them).
public struct BudgetPhotos: Sendable {
    let services: AppServices

    /// Adds a picture of the place to a project, by its author (until review) or the city's reviewers.
    public func addToProject(
        _ file: UploadedFile?, caption: String, project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality,
        by principal: Principal?
    ) async throws -> Photo {
        let (principal, _) = try await changeableProject(projectID, edition: id, city: city, by: principal)
        return try await services.photos.add(file, caption: caption, to: .project(projectID), city: city, by: principal.accountID)
    }

    public func removeFromProject(
        _ photoID: PhotoID, project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality, by principal: Principal?
    ) async throws {
        let (principal, _) = try await changeableProject(projectID, edition: id, city: city, by: principal)
        try await services.photos.remove(photoID, of: .project(projectID), city: city, by: principal.accountID)
    }

    /// Adds a picture of the work to a funded project's delivery record (staff who run the budget).
    public func addToDelivery(
        _ file: UploadedFile?, caption: String, project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality,
        by principal: Principal?
    ) async throws -> Photo {
        let principal = try await deliveryProject(projectID, edition: id, city: city, by: principal)
        return try await services.photos.add(file, caption: caption, to: .delivery(projectID), city: city, by: principal.accountID)
    }

    public func removeFromDelivery(
        _ photoID: PhotoID, project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality, by principal: Principal?
    ) async throws {
        let principal = try await deliveryProject(projectID, edition: id, city: city, by: principal)
        try await services.photos.remove(photoID, of: .delivery(projectID), city: city, by: principal.accountID)
    }

    // MARK: Who may

    private func project(_ id: BudgetProjectID, edition: BudgetEditionID, city: MunicipalityID) async throws -> (BudgetEdition, BudgetProject) {
        let (loadedEdition, loadedProject) = try await services.store.read { tx in
            (try await tx.budgets.edition(edition, in: city), try await tx.budgets.project(id, in: city))
        }
        guard let loadedEdition, let loadedProject, loadedProject.editionID == edition else { throw AppError.notFound }
        return (loadedEdition, loadedProject)
    }

    private func changeableProject(
        _ id: BudgetProjectID, edition: BudgetEditionID, city: Municipality, by principal: Principal?
    ) async throws -> (Principal, BudgetProject) {
        guard let principal else { throw AppError.notSignedIn }
        let (edition, project) = try await project(id, edition: edition, city: city.id)
        let coauthors = try await services.store.read { try await $0.budgets.coauthors(of: id, in: city.id) }
        do {
            try project.checkPhotosMayChange(
                by: principal, coauthors: coauthors, municipality: city.id, edition: edition, at: services.clock.now())
        } catch {
            throw BudgetAdmin.appError(error)
        }
        return (principal, project)
    }

    private func deliveryProject(_ id: BudgetProjectID, edition: BudgetEditionID, city: Municipality, by principal: Principal?) async throws -> Principal {
        try requireStaff(.manageBudget, principal, in: city.id)
        guard let principal else { throw AppError.notSignedIn }
        let (loadedEdition, _) = try await project(id, edition: edition, city: city.id)
        let funded = try await services.store.read { try await $0.budgets.publishedResults(of: edition) }.values.contains { $0.contains(id) }
        guard loadedEdition.phase(at: services.clock.now()) >= .results, funded else { throw AppError.conflict(code: "project_not_funded") }
        return principal
    }
}

extension UploadOwner.Kind {
    public static let budgetProject = Self(rawValue: "budget_project")
    public static let budgetDelivery = Self(rawValue: "budget_delivery")
}

extension UploadOwner {
    public static func project(_ id: BudgetProjectID) -> UploadOwner { .init(kind: .budgetProject, id: id.rawValue) }
    public static func delivery(_ id: BudgetProjectID) -> UploadOwner { .init(kind: .budgetDelivery, id: id.rawValue) }
}
