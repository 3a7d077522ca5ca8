import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// A site's photos and PDF documents (a cadastral extract, a detailed plan,
/// the technical conditions of a connection): staff add and remove them at
/// `/{city}/admin/invest/sites/{site}/files`; investors see them on the
/// site's page and download them under the site's address, only while the
/// site itself is shown to them. The platform checks and stores the bytes
/// (`Photos`, `Attachments`), as it does for every module.
struct SiteFilesPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/invest/sites/:site/files", use: files)
        router.post(UploadRoute.investSitePhotos.routerPath, use: uploadPhoto)
        router.post(UploadRoute.investSiteDocuments.routerPath, use: uploadDocument)
        router.post(":city/admin/invest/sites/:site/photos/:photo/remove", use: removePhoto)
        router.post(":city/admin/invest/sites/:site/documents/:document/remove", use: removeDocument)
        router.get(":city/invest/sites/:site/photos/:photo", use: photo)
        router.get(":city/invest/sites/:site/documents/:document", use: document)
    }

    struct Item {
        let url: String
        let title: String
        let detail: String
        let width: Int
        let height: Int
        let removeURL: String
    }

    struct FilesPage {
        let siteTitle: String
        let siteURL: String
        let documentsAction: String
        let photosAction: String
        let documents: [Item]
        let photos: [Item]
        let documentFields: [FormField]
        let photoFields: [FormField]
        /// A problem about none of the inputs (the limit reached).
        let error: String?
        let done: Bool
    }

    func staffSite(_ context: AppRequestContext) async throws -> (Municipality, InvestRepository.StoredSite) {
        let city = try await InvestAdminPages(services: services).staffCity(context)
        let site = try await services.invest.site(SiteID(rawValue: try context.parameters.require("site")), in: city.id, principal: context.principal)
        return (city, site)
    }

    @Sendable func files(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, site) = try await staffSite(context)
        return try await render(request, context, city: city, site: site, done: request.uri.queryParameters.get("done") != nil)
    }

    @Sendable func uploadPhoto(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await upload(request, context, about: "photo") { form, site, city in
            _ = try await services.invest.addPhoto(form.file("photo"), caption: form["caption"], to: site.id, city: city, principal: context.principal)
        }
    }

    @Sendable func uploadDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await upload(request, context, about: "document") { form, site, city in
            _ = try await services.invest.addDocument(form.file("document"), title: form["title"], to: site.id, city: city, principal: context.principal)
        }
    }

    @Sendable func removePhoto(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, site) = try await staffSite(context)
        let photo = PhotoID(rawValue: try context.parameters.require("photo"))
        try await services.invest.removePhoto(photo, of: site.id, city: city, principal: context.principal)
        return HTML.redirect(filesURL(city, site) + "?done=1")
    }

    @Sendable func removeDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, site) = try await staffSite(context)
        let document = AttachmentID(rawValue: try context.parameters.require("document"))
        try await services.invest.removeDocument(document, of: site.id, city: city, principal: context.principal)
        return HTML.redirect(filesURL(city, site) + "?done=1")
    }

    /// A photo of a site the reader may see, immutable under its id.
    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let site = try await services.invest.site(SiteID(rawValue: try context.parameters.require("site")), in: city.id, principal: context.principal)
        let id = PhotoID(rawValue: try context.parameters.require("photo"))
        return try await services.photos.response(id, city: city.id, request: request) { $0 == .investSite(site.id) }
    }

    /// A document of a site the reader may see, always as a download.
    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let site = try await services.invest.site(SiteID(rawValue: try context.parameters.require("site")), in: city.id, principal: context.principal)
        let id = AttachmentID(rawValue: try context.parameters.require("document"))
        return try await services.attachments.response(id, of: .investSite(site.id), city: city.id)
    }

    func filesURL(_ city: Municipality, _ site: InvestRepository.StoredSite) -> String {
        "/\(city.slug.rawValue)/admin/invest/sites/\(site.id.rawValue)/files"
    }

    private func upload(
        _ request: Request, _ context: AppRequestContext, about: String,
        _ store: (FormData, InvestRepository.StoredSite, Municipality) async throws -> Void
    ) async throws -> Response {
        let (city, site) = try await staffSite(context)
        let form = context.form ?? FormData()
        do {
            try await store(form, site, city)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, site: site, form: form, error: error, about: about)
        }
        return HTML.redirect(filesURL(city, site) + "?done=1")
    }

    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, site: InvestRepository.StoredSite, form: FormData = FormData(),
        error: AppError? = nil, about: String? = nil, done: Bool = false
    ) async throws -> Response {
        let (photos, documents) = try await services.invest.files(of: site.id, in: city.id)
        let forms = UploadForms(html: html, context: context)
        let problem = FormProblem(error, html: html, context: context)
        let documentFields = forms.documentFields(form: form, problem: problem, about: about)
        let photoFields = forms.photoFields(form: form, problem: problem, about: about)
        let siteURL = "/\(city.slug.rawValue)/invest/sites/\(site.id.rawValue)", admin = "/\(city.slug.rawValue)/admin/invest/sites/\(site.id.rawValue)"
        let page = FilesPage(
            siteTitle: site.site.title.localized(context.language), siteURL: siteURL, documentsAction: admin + "/documents",
            photosAction: admin + "/photos",
            documents: documents.map {
                Item(url: "\(siteURL)/documents/\($0.id.rawValue)", title: $0.title, detail: forms.size($0.byteCount), width: 0, height: 0,
                     removeURL: "\(admin)/documents/\($0.id.rawValue)/remove")
            },
            photos: photos.map {
                Item(url: "\(siteURL)/photos/\($0.id.rawValue)", title: $0.caption, detail: "", width: $0.width, height: $0.height,
                     removeURL: "\(admin)/photos/\($0.id.rawValue)/remove")
            },
            documentFields: documentFields, photoFields: photoFields,
            error: problem.alert(unlessShownBy: about == "document" ? documentFields : about == "photo" ? photoFields : []), done: done)
        return try await html.render(
            "invest-site-files", page: page, titleKey: "invest.files.title", titleArguments: ["site": page.siteTitle], request: request,
            context: context, city: city, status: error.map { HTTPResponse.Status(code: $0.status.code) } ?? .ok)
    }
}

extension UploadRoute {
    static let investSitePhotos = UploadRoute(path: "/{city}/admin/invest/sites/{site}/photos", fileLimit: ImageSanitizer.maximumBytes)
    static let investSiteDocuments = UploadRoute(path: "/{city}/admin/invest/sites/{site}/documents", fileLimit: AttachmentRules.maximumBytes)
}
