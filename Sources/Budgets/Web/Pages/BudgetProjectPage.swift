import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// A budget project's own page, `/{city}/budgets/{edition}/projects/{project}`:
/// the link its authors send round. Everything the city knows of it in one
/// place: the description and photos, the itemised estimate, the place on a
/// map, the review decision, its votes once results are out, how its
/// delivery goes and the strategy measure it serves.
extension BudgetPages {
    @Sendable func project(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(context)
        let id = BudgetProjectID(rawValue: try context.parameters.require("project"))
        guard let project = loaded.projects.first(where: { $0.id == id }),
              project.mayBeRead(by: context.principal, coauthors: loaded.coauthors[id] ?? [], municipality: loaded.city.id)
        else {
            throw AppError.notFound
        }
        let language = context.language.rawValue
        let referrers = try await projectReferrers([project], city: loaded.city, context)[project.id]
        let item = item(project, in: loaded, referrers: referrers, context)
        let photos = loaded.photos[project.id.rawValue] ?? []
        let path = "\(base(loaded))/projects/\(project.id.rawValue)"
        let category = loaded.edition.category(project.categoryID)
        let delivery = try await deliveryTimeline(of: project, in: loaded, context)
        var page = M.ProjectPage(
            preview: SharePreview(
                services: services, title: "№ \(project.number). \(project.title)", description: project.summary, path: path,
                city: loaded.city, language: context.language,
                image: photos.first.map { .init(photo: $0, path: "\(base(loaded))/photos/\($0.id.rawValue)", alt: project.title) }),
            project: item, editionTitle: loaded.edition.title.text(language), editionURL: base(loaded),
            category: category?.name.text(language) ?? "",
            costItems: project.costItems.map { M.CostLine(label: $0.label, amount: money($0.amount, context)) },
            estimate: money(project.estimatedCost, context),
            revisedCost: project.review?.revisedCost.map { money($0, context) },
            mergedInto: project.mergedInto.flatMap { target in
                loaded.projects.first { $0.id == target }.map {
                    M.Link(label: "№ \($0.number). \($0.title)", url: "\(base(loaded))/projects/\($0.id.rawValue)")
                }
            },
            map: pointMap(project, context),
            review: project.review.map {
                M.ReviewNote(
                    decision: html.t($0.feasible ? "budgets.project_page.review_feasible" : "budgets.project_page.review_infeasible", context),
                    feasible: $0.feasible, reason: $0.reason, date: DateText.kyiv($0.decidedAt))
            },
            votes: try await votesIfCountable(for: project, in: loaded, context),
            delivery: delivery, hasDelivery: !delivery.isEmpty,
            submitted: DateText.kyiv(project.submittedAt),
            apiURL: "/api/v1/\(loaded.city.slug.rawValue)/budgets/\(loaded.edition.id.rawValue)/projects/\(project.id.rawValue)")
        if project.status != .withdrawn, loaded.edition.isVisible(to: nil, at: services.clock.now()) {
            page.follow = try await FollowButton.make(.budgetProject, id: project.id.rawValue, in: loaded.city, path: path, context: context, services: services)
        }
        page.discussion = try await Discussion.of(.budgetProject, id: project.id.rawValue, in: loaded.city, context, services: services)
        return try await html.render(
            "budget-project", page: page, titleKey: "budgets.project_page.title",
            titleArguments: ["number": String(project.number), "title": project.title], request: request, context: context,
            city: loaded.city, cities: loaded.cities)
    }

    /// The project's place as a point on the platform's map, when it has one.
    func pointMap(_ project: BudgetProject, _ context: AppRequestContext) -> MapView? {
        guard let latitude = project.latitude, let longitude = project.longitude else { return nil }
        return MapView.point(services: services, label: html.t("budgets.project_page.map_label", context), longitude: longitude, latitude: latitude)
    }

    /// The votes, or none when the count cannot be made now (a sealed ballot the box cannot
    /// open, a rule that does not apply): the results page says why; the project's page still shows the project.
    func votesIfCountable(for project: BudgetProject, in loaded: Loaded, _ context: AppRequestContext) async throws -> M.VotesNote? {
        do {
            return try await votes(for: project, in: loaded, context)
        } catch let refusal as AppError {
            services.logger.notice("a project's page shows no votes", metadata: ["project": "\(project.id.rawValue)", "reason": "\(refusal.code)"])
            return nil
        }
    }

    /// Its score and whether it was funded, computed as the results page does, once the results are out.
    func votes(for project: BudgetProject, in loaded: Loaded, _ context: AppRequestContext) async throws -> M.VotesNote? {
        guard project.isOnBallot, loaded.edition.resultsVisible(to: context.principal, at: services.clock.now()) else { return nil }
        let outcome = try await services.budgetResults.count(edition: loaded.edition, city: loaded.city, projects: loaded.projects)
            .outcomes.first { $0.category.id == project.categoryID }
        guard let outcome, let index = outcome.projects.firstIndex(where: { $0.project.id == project.id }) else { return nil }
        let result = outcome.projects[index]
        return M.VotesNote(
            score: NumberFormat.grouped(result.score),
            place: html.t("budgets.project_page.place", context, [
                "place": String(index + 1), "of": String(outcome.projects.count),
                "category": outcome.category.name.text(context.language.rawValue),
            ]),
            funded: result.funded, resultsURL: base(loaded) + "/results")
    }

    /// Every delivery update of a funded project, oldest first, with the photos of the work.
    func deliveryTimeline(of project: BudgetProject, in loaded: Loaded, _ context: AppRequestContext) async throws -> [M.DeliveryStep] {
        guard loaded.edition.phase(at: services.clock.now()) >= .results else { return [] }
        let city = loaded.city.id, edition = loaded.edition.id
        let (updates, photos) = try await services.store.read { tx in
            (try await tx.budgets.deliveryUpdates(of: edition, in: city), try await tx.photos.photos(of: .budgetDelivery, ids: [project.id.rawValue], in: city))
        }
        let steps = updates.filter { $0.projectID == project.id }.sorted { $0.postedAt < $1.postedAt }
        let pictures = photoItems(photos[project.id.rawValue] ?? [], in: loaded)
        return steps.enumerated().map { index, update in
            M.DeliveryStep(
                date: DateText.kyiv(update.postedAt),
                status: html.t("budget_admin.delivery_status.\(update.status.rawValue)", context),
                spent: money(update.spent, context), note: update.note,
                // The work's photos belong to the project, not to one update: shown with the latest.
                photos: index == steps.count - 1 ? pictures : [], hasPhotos: index == steps.count - 1 && !pictures.isEmpty)
        }
    }
}
