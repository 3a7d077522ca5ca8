import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// A project's pictures: served to everyone who may see the edition, and
/// managed on one page by the author (until review) and by staff (the
/// project's pictures at any time, the delivery record's once funded).
struct BudgetPhotoPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var pages: BudgetPages { BudgetPages(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/budgets/{edition}/photos/{photo}", use: serve)
        router.get("/{city}/budgets/{edition}/projects/{project}/photos", use: manage)
        router.post(UploadRoute.budgetProjectPhotos.routerPath, use: upload)
        router.post("/{city}/budgets/{edition}/projects/{project}/photos/{photo}/remove", use: remove)
    }

    /// The stored bytes, immutable under their id: cached for a year.
    @Sendable func serve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        let id = PhotoID(rawValue: try context.parameters.require("photo"))
        // A photo belongs to this edition only through one of its projects.
        return try await services.photos.response(id, city: loaded.city.id, request: request) { owner in
            loaded.projects.contains { $0.id.rawValue == owner.id }
        }
    }

    @Sendable func manage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        guard context.isSignedIn else { return HTML.redirect("/login?next=\(request.uri.path)") }
        return try await render(loaded, request, context, error: nil, done: request.uri.queryParameters.get("done") != nil)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        let project = try projectID(loaded, context)
        let form = context.form ?? FormData()
        let photos = services.budgetPhotos
        do {
            if form["kind"] == "delivery" {
                _ = try await photos.addToDelivery(
                    form.file("photo"), caption: form["caption"], project: project, edition: loaded.edition.id, city: loaded.city, by: context.principal)
            } else {
                _ = try await photos.addToProject(
                    form.file("photo"), caption: form["caption"], project: project, edition: loaded.edition.id, city: loaded.city, by: context.principal)
            }
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(loaded, request, context, error: error, done: false, uploaded: form["kind"] == "delivery" ? .delivery : .project)
        }
        return HTML.redirect(request.uri.path + "?done=1")
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await pages.load(context)
        let project = try projectID(loaded, context)
        let photo = PhotoID(rawValue: try context.parameters.require("photo"))
        let form = context.form ?? FormData()
        let photos = services.budgetPhotos
        do {
            if form["kind"] == "delivery" {
                try await photos.removeFromDelivery(photo, project: project, edition: loaded.edition.id, city: loaded.city, by: context.principal)
            } else {
                try await photos.removeFromProject(photo, project: project, edition: loaded.edition.id, city: loaded.city, by: context.principal)
            }
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(loaded, request, context, error: error, done: false)
        }
        return HTML.redirect("\(pages.base(loaded))/projects/\(project.rawValue)/photos?done=1")
    }

    private func projectID(_ loaded: BudgetPages.Loaded, _ context: AppRequestContext) throws -> BudgetProjectID {
        let id = BudgetProjectID(rawValue: try context.parameters.require("project"))
        guard loaded.projects.contains(where: { $0.id == id }) else { throw AppError.notFound }
        return id
    }

    struct Page {
        let title: String
        let projectTitle: String
        let action: String
        let project: [BudgetPageModels.PhotoItem]
        let delivery: [BudgetPageModels.PhotoItem]
        let mayChangeProject: Bool
        let mayChangeDelivery: Bool
        let limit: String
        /// A problem neither upload form shows beside a field (a removal refused, a phase that moved on).
        let error: String?
        let done: Bool
        let backURL: String
        /// The upload forms' file and caption.
        let projectFields: [FormField]
        let deliveryFields: [FormField]
    }

    /// Which upload form was sent: the project's pictures or the delivery record's.
    enum UploadForm {
        case project, delivery
    }

    private func render(
        _ loaded: BudgetPages.Loaded, _ request: Request, _ context: AppRequestContext, error: AppError?, done: Bool, uploaded: UploadForm? = nil
    ) async throws -> Response {
        let id = try projectID(loaded, context)
        guard let project = loaded.projects.first(where: { $0.id == id }), let principal = context.principal else { throw AppError.notFound }
        let now = services.clock.now()
        let mayChangeProject = (try? project.checkPhotosMayChange(
            by: principal, coauthors: loaded.coauthors[id] ?? [], municipality: loaded.city.id, edition: loaded.edition, at: now)) != nil
        let city = loaded.city.id, edition = loaded.edition.id
        let (projectPhotos, deliveryPhotos, results) = try await services.store.read { tx in
            (try await tx.photos.photos(of: .project(id), in: city), try await tx.photos.photos(of: .delivery(id), in: city),
             try await tx.budgets.publishedResults(of: edition))
        }
        let mayChangeDelivery = principal.may(.manageBudget, in: city) && results.values.contains { $0.contains(id) }
        // Someone who may change neither has nothing to do here, unless they
        // just lost the right (review started) and need to read why.
        guard mayChangeProject || mayChangeDelivery || error != nil else { throw AppError.notFound }
        let base = "\(pages.base(loaded))/projects/\(id.rawValue)/photos"
        func items(_ photos: [Photo]) -> [BudgetPageModels.PhotoItem] {
            zip(photos, pages.photoItems(photos, in: loaded)).map { photo, item in
                var item = item
                item.removeURL = "\(base)/\(photo.id.rawValue)/remove"
                return item
            }
        }
        let problem = FormProblem(error, html: html, context: context)
        /// A form's file and caption; the one refused keeps its caption and shows the problem beside its field.
        func fields(_ form: UploadForm, suffix: String) -> [FormField] {
            let sent = uploaded == form
            return [
                FormField(
                    name: "photo", id: "photo-\(suffix)", label: html.t("photos.file", context), value: "",
                    error: sent ? problem.message(for: "photo") : nil, type: "file", required: true, accept: "image/jpeg,image/png,image/webp"),
                FormField(
                    name: "caption", id: "caption-\(suffix)", label: html.t("photos.caption", context),
                    value: sent ? context.form?["caption"] ?? "" : "", error: sent ? problem.message(for: "caption") : nil, maxlength: 200),
            ]
        }
        let projectFields = fields(.project, suffix: "p"), deliveryFields = fields(.delivery, suffix: "d")
        let page = Page(
            title: loaded.edition.title.text(context.language.rawValue), projectTitle: "№ \(project.number). \(project.title)", action: base,
            project: items(projectPhotos), delivery: items(deliveryPhotos), mayChangeProject: mayChangeProject,
            mayChangeDelivery: mayChangeDelivery,
            limit: html.t("photos.limit", context, ["max": String(PhotoRules.maximumPerOwner), "megabytes": String(ImageSanitizer.maximumBytes / 1_048_576)]),
            error: problem.alert(unlessShownBy: projectFields + deliveryFields), done: done, backURL: pages.base(loaded),
            projectFields: projectFields, deliveryFields: deliveryFields)
        return try await html.render(
            "budget-photos", page: page, titleKey: "photos.title", request: request, context: context, city: loaded.city, cities: loaded.cities,
            status: error?.status ?? .ok)
    }
}

extension UploadRoute {
    /// A project's photos, sent by its author.
    static let budgetProjectPhotos = UploadRoute(path: "/{city}/budgets/{edition}/projects/{project}/photos", fileLimit: ImageSanitizer.maximumBytes)
}
