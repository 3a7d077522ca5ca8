import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// A city's and an oblast's brand (docs/brand.md): the staff form that sets
/// it, the public page that shows it, and the files pages wear it by
/// (`brand.css`, the logo, the font). The city's form needs
/// `platform.edit_brand`, the oblast's `oblast.edit_brand`; both go through
/// `BrandForm` and `BrandService`.
struct BrandController {
    package let services: AppServices
    package var html: HTML { HTML(services: services) }

    package func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/admin/brand", use: { try await form($0, $1, try await cityOwner($1, editing: true)) })
        router.post(UploadRoute.cityBrand.routerPath, use: { try await save($0, $1, try await cityOwner($1, editing: true)) })
        router.get("/{city}/brand", use: { try await page($0, $1, try await cityOwner($1)) })
        router.get("/{city}/brand.css", use: { try await stylesheet($0, try await cityOwner($1).owner) })
        router.get("/{city}/brand.json", use: { try await json(try await cityOwner($1).owner) })
        router.get("/{city}/brand/logo.svg", use: { try await logo($0, try await cityOwner($1).owner) })
        router.get("/{city}/brand/font.woff2", use: { try await font($0, try await cityOwner($1).owner) })
        router.get("/oblast/{oblast}/admin/brand", use: { try await form($0, $1, try await oblastOwner($1, editing: true)) })
        router.post(UploadRoute.oblastBrand.routerPath, use: { try await save($0, $1, try await oblastOwner($1, editing: true)) })
        router.get("/oblast/{oblast}/brand", use: { try await page($0, $1, try await oblastOwner($1)) })
        router.get("/oblast/{oblast}/brand.css", use: { try await stylesheet($0, try await oblastOwner($1).owner) })
        router.get("/oblast/{oblast}/brand.json", use: { try await json(try await oblastOwner($1).owner) })
        router.get("/oblast/{oblast}/brand/logo.svg", use: { try await logo($0, try await oblastOwner($1).owner) })
        router.get("/oblast/{oblast}/brand/font.woff2", use: { try await font($0, try await oblastOwner($1).owner) })
    }

    /// Whose brand a page is about, with where its pages render and who may edit it.
    struct Place {
        let owner: BrandService.Owner
        let city: Municipality?
        let cities: [Municipality]?
        let principal: Principal?
        /// The reader may edit this brand.
        let mayEdit: Bool
    }

    /// The city in the path; `editing`: only for those with `platform.edit_brand` there (401 signed out, 404 otherwise).
    private func cityOwner(_ context: AppRequestContext, editing: Bool = false) async throws -> Place {
        let city = try await CityLookup(store: services.store).require(context)
        if editing { try requireStaff(.editBrand, context.principal, in: city.id) }
        return Place(
            owner: .city(city, context.language), city: city, cities: nil, principal: context.principal,
            mayEdit: context.principal?.may(.editBrand, in: city.id) == true)
    }

    /// The oblast in the path; `editing`: only for those with `oblast.edit_brand` there.
    private func oblastOwner(_ context: AppRequestContext, editing: Bool = false) async throws -> Place {
        let (oblast, cities) = try await OblastLookup(store: services.store).require(context)
        let mayEdit = context.principal?.may(.editOblastBrand, inOblast: oblast.id) == true
        if editing {
            guard context.principal != nil else { throw AppError.notSignedIn }
            guard mayEdit else { throw AppError.notFound }
        }
        return Place(owner: .oblast(oblast, context.language), city: nil, cities: cities, principal: context.principal, mayEdit: mayEdit)
    }

    // MARK: The staff form

    struct FormPage {
        package let name: String
        package let action: String
        package let brandURL: String
        package let colourFields: [FormField]
        package let sloganFields: [FormField]
        package let logoFields: [FormField]
        package let fontFields: [FormField]
        package let logoURL: String?
        package let fontFamily: String?
        package let error: String?
        package let saved: Bool
    }

    private func formPage(
        _ request: Request, _ context: AppRequestContext, _ place: Place, stored: Brand?, form: FormData?,
        problems: [String: BrandForm.Problem] = [:], saved: Bool = false, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        func problem(_ field: String) -> String? { problems[field].map { message($0, context) } }
        let colours = stored?.colours ?? .platform
        let hint = html.t("brand.form.colour_hint", context)
        let colourFields = BrandForm.colourFields.map { name in
            FormField(
                name: name.rawValue, label: html.t("brand.colours.\(name.rawValue)", context), value: form?[name.rawValue] ?? colours[name].hex,
                error: problem(name.rawValue), hint: hint, autocomplete: "off", required: true, maxlength: 7,
                pattern: "#([0-9a-fA-F]{3}){1,2}")
        }
        let sloganFields = [("sloganUk", Language.uk, stored?.sloganUK), ("sloganEn", .en, stored?.sloganEN)].map { field, language, value in
            FormField(
                name: field, label: html.t("brand.form.slogan_\(language.rawValue)", context), value: form?[field] ?? value ?? "",
                error: problem(field), maxlength: Brand.maximumSloganLength)
        }
        let logoFields = [
            FormField(
                name: "logo", label: html.t("brand.form.logo", context), value: "", error: problem("logo"),
                hint: html.t("brand.form.logo_hint", context), type: "file", accept: "image/svg+xml,.svg"),
        ] + (stored?.logo == nil ? [] : [
            FormField(name: "removeLogo", label: html.t("brand.form.remove_logo", context), value: "yes", checked: form?["removeLogo"] == "yes"),
        ])
        let fontFields = [
            FormField(
                name: "font", label: html.t("brand.form.font", context), value: "", error: problem("font"),
                hint: html.t("brand.form.font_hint", context), type: "file", accept: "font/woff2,.woff2"),
            FormField(
                name: "fontFamily", label: html.t("brand.form.font_family", context), value: form?["fontFamily"] ?? stored?.font?.family ?? "",
                error: problem("fontFamily"), maxlength: BrandFont.maximumFamilyLength),
        ] + (stored?.font == nil ? [] : [
            FormField(name: "removeFont", label: html.t("brand.form.remove_font", context), value: "yes", checked: form?["removeFont"] == "yes"),
        ])
        let page = FormPage(
            name: place.owner.name, action: "\(place.owner.path)/admin/brand", brandURL: "\(place.owner.path)/brand",
            colourFields: colourFields, sloganFields: sloganFields, logoFields: logoFields, fontFields: fontFields,
            logoURL: stored?.logo == nil ? nil : "\(place.owner.path)/brand/logo.svg", fontFamily: stored?.font?.family,
            error: problems.isEmpty ? nil : html.t("brand.form.not_saved", context), saved: saved)
        return try await html.render(
            "brand-admin", page: page, titleKey: "brand.form.title", titleArguments: ["name": place.owner.name], request: request,
            context: context, city: place.city, cities: place.cities, status: status)
    }

    /// A problem in the reader's language; a contrast pair's name is a locale key of its own.
    private func message(_ problem: BrandForm.Problem, _ context: AppRequestContext) -> String {
        var arguments = problem.arguments
        if let pair = arguments["pair"] { arguments["pair"] = html.t(pair, context) }
        return html.t(problem.key, context, arguments)
    }

    private func form(_ request: Request, _ context: AppRequestContext, _ place: Place) async throws -> Response {
        let stored = try await services.store.read { try await $0.brands.brand(of: place.owner.owner) }
        return try await formPage(
            request, context, place, stored: stored?.brand, form: nil, saved: request.uri.queryParameters.get("saved") != nil)
    }

    private func save(_ request: Request, _ context: AppRequestContext, _ place: Place) async throws -> Response {
        let form = context.form ?? FormData()
        let stored = try await services.store.read { try await $0.brands.brand(of: place.owner.owner) }
        let (brand, problems) = BrandForm.read(form, keeping: stored?.brand)
        guard problems.isEmpty else {
            return try await formPage(
                request, context, place, stored: stored?.brand, form: form, problems: problems, status: .unprocessableContent)
        }
        try await BrandService(services: services).save(brand, of: place.owner, by: place.principal?.accountID)
        return HTML.redirect("\(place.owner.path)/admin/brand?saved=1")
    }

    // MARK: The public page

    struct PublicPage {
        struct Swatch {
            package let name: String
            package let label: String
            package let hex: String
        }
        struct PairRow {
            package let label: String
            package let foreground: String
            package let background: String
            package let ratio: String
            package let passes: Bool
        }
        struct Download {
            package let label: String
            package let url: String
            package let filename: String
        }
        package let name: String
        package let hasBrand: Bool
        package let logoURL: String?
        package let slogans: [String]
        package let swatches: [Swatch]
        package let pairs: [PairRow]
        package let fontFamily: String?
        package let downloads: [Download]
        package let editURL: String?
    }

    private func page(_ request: Request, _ context: AppRequestContext, _ place: Place) async throws -> Response {
        let summary = try await services.store.read { try await $0.brands.summary(of: place.owner.owner) }
        let colours = summary?.colours ?? .platform
        let path = place.owner.path, version = summary?.version ?? 0
        var downloads: [PublicPage.Download] = []
        if summary?.hasLogo == true {
            downloads.append(.init(label: html.t("brand.page.download_logo", context), url: "\(path)/brand/logo.svg?v=\(version)", filename: "\(place.owner.slug)-logo.svg"))
        }
        if summary != nil {
            downloads.append(.init(label: html.t("brand.page.download_css", context), url: "\(path)/brand.css?v=\(version)", filename: "\(place.owner.slug)-brand.css"))
            downloads.append(.init(label: html.t("brand.page.download_json", context), url: "\(path)/brand.json", filename: "\(place.owner.slug)-brand.json"))
        }
        let page = PublicPage(
            name: place.owner.name, hasBrand: summary != nil,
            logoURL: summary?.hasLogo == true ? "\(path)/brand/logo.svg?v=\(version)" : nil,
            slogans: [summary?.sloganUK, summary?.sloganEN].compactMap { $0 },
            swatches: BrandColours.Name.allCases.map { .init(name: $0.rawValue, label: html.t("brand.colours.\($0.rawValue)", context), hex: colours[$0].hex) },
            pairs: colours.pairs.map { pair in
                .init(
                    label: html.t("brand.pairs.\(pair.name)", context), foreground: pair.foreground.hex, background: pair.background.hex,
                    ratio: pair.ratio.text, passes: pair.ratio.passesAA)
            },
            fontFamily: summary?.fontFamily, downloads: downloads, editURL: place.mayEdit ? "\(path)/admin/brand" : nil)
        return try await html.render(
            "brand", page: page, titleKey: "brand.page.title", titleArguments: ["name": place.owner.name], request: request,
            context: context, city: place.city, cities: place.cities)
    }

    // MARK: The files

    private func summary(_ owner: BrandService.Owner) async throws -> BrandSummary {
        guard let summary = try await services.store.read({ try await $0.brands.summary(of: owner.owner) }) else { throw AppError.notFound }
        return summary
    }

    private func stylesheet(_ request: Request, _ owner: BrandService.Owner) async throws -> Response {
        let summary = try await summary(owner)
        return BrandStyle.response(
            Array(BrandStyle.css(summary, path: owner.path).utf8), mediaType: "text/css; charset=utf-8", version: summary.version, kind: "css",
            request: request)
    }

    private func logo(_ request: Request, _ owner: BrandService.Owner) async throws -> Response {
        let summary = try await summary(owner)
        guard summary.hasLogo, let bytes = try await services.store.read({ try await $0.brands.logo(of: owner.owner) }) else { throw AppError.notFound }
        return BrandStyle.response(
            bytes, mediaType: "image/svg+xml", version: summary.version, kind: "logo", request: request,
            extra: [.contentSecurityPolicy: BrandStyle.logoPolicy, .contentDisposition: "inline; filename=\"\(owner.slug)-logo.svg\""])
    }

    private func font(_ request: Request, _ owner: BrandService.Owner) async throws -> Response {
        let summary = try await summary(owner)
        guard let bytes = try await services.store.read({ try await $0.brands.font(of: owner.owner) }) else { throw AppError.notFound }
        return BrandStyle.response(bytes, mediaType: "font/woff2", version: summary.version, kind: "font", request: request)
    }

    /// The brand as data, for a designer's tools: colours, contrast, slogans, files.
    struct BrandJSON: Encodable {
        struct Pair: Encodable {
            let pair: String
            let foreground: String
            let background: String
            let ratio: String
        }
        let name: String
        let version: Int64
        let colours: [String: String]
        let contrast: [Pair]
        let slogan: [String: String]
        let logo: String?
        let font: [String: String]?
        let stylesheet: String
    }

    private func json(_ owner: BrandService.Owner) async throws -> Response {
        let summary = try await summary(owner)
        let path = owner.path, colours = summary.colours
        let body = BrandJSON(
            name: owner.slug, version: summary.version,
            colours: Dictionary(uniqueKeysWithValues: BrandColours.Name.allCases.map { ($0.rawValue, colours[$0].hex) }),
            contrast: colours.pairs.map { .init(pair: $0.name, foreground: $0.foreground.hex, background: $0.background.hex, ratio: $0.ratio.text) },
            slogan: ["uk": summary.sloganUK, "en": summary.sloganEN].compactMapValues { $0 },
            logo: summary.hasLogo ? "\(path)/brand/logo.svg?v=\(summary.version)" : nil,
            font: summary.fontFamily.map { ["family": $0, "url": "\(path)/brand/font.woff2?v=\(summary.version)"] },
            stylesheet: "\(path)/brand.css?v=\(summary.version)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }
}

extension UploadRoute {
    /// The brand forms take a logo and a font at once.
    static let cityBrand = UploadRoute(path: "/{city}/admin/brand", fileLimit: SVGLogo.maximumBytes + BrandFont.maximumBytes)
    static let oblastBrand = UploadRoute(path: "/oblast/{oblast}/admin/brand", fileLimit: SVGLogo.maximumBytes + BrandFont.maximumBytes)
    /// The platform's own upload routes, beside the modules'.
    static let platform: [UploadRoute] = [.cityBrand, .oblastBrand]
}
