import Crypto
import Foundation
import HromadaDomain
import HromadaStore

/// Pictures of a proposed project's place and of a funded project's work.
/// Every photo is sanitised (type from its bytes, metadata gone) before it
/// is stored; what is stored is exactly what is served.
public struct BudgetPhotos: Sendable {
    let services: AppServices

    /// Adds a picture of the place to a project, by its author (until review) or the city's reviewers.
    public func addToProject(
        _ file: UploadedFile?, caption: String, project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality,
        by principal: Principal?
    ) async throws -> Photo {
        let (principal, _) = try await changeableProject(projectID, edition: id, city: city, by: principal)
        return try await add(file, caption: caption, to: .project(projectID), city: city, by: principal.accountID)
    }

    public func removeFromProject(
        _ photoID: PhotoID, project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality, by principal: Principal?
    ) async throws {
        let (principal, _) = try await changeableProject(projectID, edition: id, city: city, by: principal)
        try await remove(photoID, of: .project(projectID), city: city, by: principal.accountID)
    }

    /// Adds a picture of the work to a funded project's delivery record (staff who run the budget).
    public func addToDelivery(
        _ file: UploadedFile?, caption: String, project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality,
        by principal: Principal?
    ) async throws -> Photo {
        let principal = try await deliveryProject(projectID, edition: id, city: city, by: principal)
        return try await add(file, caption: caption, to: .delivery(projectID), city: city, by: principal.accountID)
    }

    public func removeFromDelivery(
        _ photoID: PhotoID, project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality, by principal: Principal?
    ) async throws {
        let principal = try await deliveryProject(projectID, edition: id, city: city, by: principal)
        try await remove(photoID, of: .delivery(projectID), city: city, by: principal.accountID)
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

    // MARK: Storing

    /// Sanitises and stores a photo of any owner (a project, a delivery update, an object of the property register).
    func add(_ file: UploadedFile?, caption: String, to owner: PhotoOwner, city: Municipality, by account: AccountID) async throws -> Photo {
        guard let file else { throw AppError.invalid(code: "photo_missing", field: "photo") }
        let image: SanitizedImage
        let cleanCaption: String
        do {
            image = try ImageSanitizer.sanitize(file.bytes)
            cleanCaption = try PhotoRules.caption(caption)
        } catch let problem as ImageProblem {
            throw Self.appError(.image(problem))
        } catch let problem as PhotoRules.Problem {
            throw Self.appError(problem)
        }
        let photo = Photo(
            id: .random(), municipalityID: city.id, owner: owner, format: image.format, width: image.width, height: image.height,
            byteCount: image.bytes.count, sha256: Hex.encode(SHA256.hash(data: image.bytes)), caption: cleanCaption, uploadedBy: account,
            uploadedAt: services.clock.now())
        let audit = services.audit
        enum Outcome: Sendable { case stored, full }
        // Counting and inserting in one write: two uploads at once cannot both take the last place.
        let outcome = try await services.store.write { tx -> Outcome in
            do {
                try PhotoRules.checkRoom(existing: try await tx.photos.count(of: owner, in: city.id))
            } catch {
                return .full
            }
            try await tx.photos.insert(photo, bytes: image.bytes)
            try await audit.record(
                tx, action: AuditAction.photoAdded, actor: account, municipality: city.id, subject: photo.id.rawValue,
                details: ["owner": "\(owner.kind.rawValue):\(owner.id)", "sha256": photo.sha256])
            return .stored
        }
        guard outcome == .stored else { throw Self.appError(.tooMany) }
        return photo
    }

    private func remove(_ id: PhotoID, of owner: PhotoOwner, city: Municipality, by account: AccountID) async throws {
        let audit = services.audit
        let removed = try await services.store.write { tx -> Bool in
            guard let photo = try await tx.photos.photo(id, in: city.id), photo.owner == owner else { return false }
            _ = try await tx.photos.delete(id, in: city.id)
            try await audit.record(
                tx, action: AuditAction.photoRemoved, actor: account, municipality: city.id, subject: id.rawValue,
                details: ["owner": "\(owner.kind.rawValue):\(owner.id)", "sha256": photo.sha256])
            return true
        }
        guard removed else { throw AppError.notFound }
    }

    static func appError(_ problem: PhotoRules.Problem) -> AppError {
        switch problem {
        case .image(.empty): .invalid(code: "photo_missing", field: "photo")
        case .image(.tooLarge): .invalid(code: "photo_too_large", field: "photo")
        case .image(.unsupportedType): .invalid(code: "photo_type", field: "photo")
        case .image(.damaged): .invalid(code: "photo_damaged", field: "photo")
        case .image(.tooManyPixels): .invalid(code: "photo_too_many_pixels", field: "photo")
        case .tooMany: .conflict(code: "photo_limit")
        case .captionTooLong: .invalid(code: "caption_too_long", field: "caption")
        }
    }
}
