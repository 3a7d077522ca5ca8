import HromadaDomain
import HromadaStore

/// What the shared layout shows around every page.
public struct LayoutModel {
    public struct CityLink {
        package let slug: String
        package let name: String
        package let current: Bool
    }

    public let language: Language
    let lang: String
    package let title: String
    package let csrf: String
    package let signedIn: Bool
    let userName: String
    package let cities: [CityLink]
    package let city: CityLink?
    /// Links that switch language and come back to this page.
    let ukURL: String
    let enURL: String
    let isUK: Bool
    let staffLink: String?
    package let platformAdmin: Bool
    package let demoMode: Bool
    let flash: String?
    /// The brand of the page's city or oblast, if it has one (docs/brand.md).
    package let brand: Brand?

    /// What the layout draws of a brand: its stylesheet after `site.css`,
    /// its logo as an image in the header, its slogan in the reader's language.
    package struct Brand {
        package let cssURL: String
        package let logoURL: String?
        /// The logo's alternative text and the link's target: the city or oblast.
        package let name: String
        package let home: String
        package let slogan: String?

        init(_ owner: BrandService.Owner, _ summary: BrandSummary, _ language: Language) {
            cssURL = "\(owner.path)/brand.css?v=\(summary.version)"
            logoURL = summary.hasLogo ? "\(owner.path)/brand/logo.svg?v=\(summary.version)" : nil
            name = owner.name
            home = owner.path
            slogan = summary.slogan(in: language)
        }
    }
}

/// Builds responses in the reader's language.
package struct HTML: Sendable {
    package let services: AppServices

    func layout(
        title: String, context: AppRequestContext, path: String, city: Municipality?, cities: [Municipality], flash: String? = nil,
        brand: LayoutModel.Brand? = nil
    ) -> LayoutModel {
        let language = context.language
        let next = Self.nextParameter(path)
        let staff: String? = city.flatMap { city in
            context.principal?.may(.viewPeople, in: city.id) == true ? "/\(city.slug.rawValue)/admin" : nil
        }
        return LayoutModel(
            language: language, lang: language.rawValue, title: title,
            csrf: services.keys.csrfToken(for: context.csrfCookie), signedIn: context.isSignedIn,
            userName: context.account?.fullName ?? "",
            cities: cities.map { .init(slug: $0.slug.rawValue, name: $0.name.localized(language), current: $0.id == city?.id) },
            city: city.map { .init(slug: $0.slug.rawValue, name: $0.name.localized(language), current: true) },
            ukURL: "/uk?next=\(next)", enURL: "/en?next=\(next)", isUK: language == .uk, staffLink: staff,
            platformAdmin: context.account?.isPlatformAdmin == true, demoMode: services.demoMode, flash: flash, brand: brand)
    }

    /// A path as the value of a `?next=` parameter (the language switch, a sign-in that comes back).
    package static func nextParameter(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "?", "#", "+"])) ?? "/"
    }

    package func t(_ key: String, _ context: AppRequestContext, _ arguments: [String: String] = [:]) -> String {
        services.localizer.string(key, context.language, arguments)
    }

    /// Renders `template` with `page` as its model inside the layout.
    package func render(
        _ template: String, page: Any, titleKey: String, titleArguments: [String: String] = [:], request: Request,
        context: AppRequestContext, city: Municipality? = nil, cities known: [Municipality]? = nil, status: HTTPResponse.Status = .ok,
        flash: String? = nil
    ) async throws -> Response {
        let language = context.language
        // A page of an oblast (`/oblast/{oblast}…`, a module's too) wears the oblast's brand.
        let oblastSlug = city == nil ? context.parameters.get("oblast") : nil
        let (cities, brand) = try await services.store.read { tx -> ([Municipality], LayoutModel.Brand?) in
            var cities = known ?? []
            if known == nil { cities = try await tx.municipalities.all() }
            var owner = city.map { BrandService.Owner.city($0, language) }
            if owner == nil, let oblastSlug, oblastSlug.utf8.count <= 40, let oblast = try await tx.municipalities.oblast(slug: oblastSlug) {
                owner = .oblast(oblast, language)
            }
            guard let owner, let summary = try await tx.brands.summary(of: owner.owner) else { return (cities, nil) }
            return (cities, LayoutModel.Brand(owner, summary, language))
        }
        let layout = layout(
            title: t(titleKey, context, titleArguments), context: context, path: request.uri.path, city: city, cities: cities,
            flash: flash, brand: brand)
        return Self.response(services.renderer.render(template, page, layout: layout), status: status)
    }

    package static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    package static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
    package init(services: AppServices) {
        self.services = services
    }
}

import Foundation
import Hummingbird
