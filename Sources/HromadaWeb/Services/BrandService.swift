import Foundation
import HromadaDomain
import HromadaStore

/// Saves a city's or an oblast's brand, from either staff page: the brand
/// is already whole and checked (`BrandForm`); the write and its audit
/// entry are one transaction, and the version grows by one.
package struct BrandService {
    package let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// The place a brand belongs to, as the pages and the audit name it.
    package struct Owner: Sendable {
        package let owner: BrandOwner
        package let slug: String
        package let name: String
        /// `/vinnytsia` or `/oblast/vinnytska`: where its brand's files are served.
        package let path: String
        /// The city the audit entry belongs to (none for an oblast).
        package let city: MunicipalityID?

        package static func city(_ city: Municipality, _ language: Language) -> Owner {
            Owner(owner: .city(city.id), slug: city.slug.rawValue, name: city.name.localized(language), path: "/\(city.slug.rawValue)", city: city.id)
        }

        package static func oblast(_ oblast: Oblast, _ language: Language) -> Owner {
            Owner(
                owner: .oblast(oblast.id), slug: oblast.slug.rawValue, name: oblast.name.localized(language),
                path: "/oblast/\(oblast.slug.rawValue)", city: nil)
        }
    }

    /// The new version.
    @discardableResult
    package func save(_ brand: Brand, of owner: Owner, by account: AccountID?) async throws -> Int64 {
        let audit = services.audit, now = services.clock.now()
        let kind = owner.city == nil ? "oblast" : "city"
        return try await services.store.write { tx in
            let version = try await tx.brands.save(brand, of: owner.owner, by: account, at: now)
            try await audit.record(
                tx, action: AuditAction.brandChanged, actor: account, municipality: owner.city, subject: "brand",
                details: [kind: owner.slug, "version": String(version), "logo": brand.logo == nil ? "no" : "yes", "font": brand.font == nil ? "no" : "yes"])
            return version
        }
    }
}

/// The brand form read into a whole `Brand`, or every problem beside its
/// field. A logo or font not sent again is kept from the stored brand
/// unless "remove" is ticked; nothing is saved while any problem stands.
package struct BrandForm {
    /// A problem as a locale key with its arguments, for the field `field`.
    package struct Problem: Equatable, Sendable {
        package let key: String
        package let arguments: [String: String]
    }

    package static let colourFields: [BrandColours.Name] = BrandColours.Name.allCases

    /// `current`: the stored brand, whose logo and font are kept when no new file comes.
    package static func read(_ form: FormData, keeping current: Brand?) -> (brand: Brand, problems: [String: Problem]) {
        var problems: [String: Problem] = [:]
        var colours = current?.colours ?? .platform
        for name in colourFields where form.fields[name.rawValue] != nil {
            if let colour = HexColour(form[name.rawValue]) {
                colours[name] = colour
            } else {
                problems[name.rawValue] = Problem(key: "errors.brand_colour_invalid", arguments: [:])
            }
        }
        if problems.isEmpty {
            for pair in colours.failingPairs {
                problems[pair.field.rawValue] = Problem(
                    key: "errors.brand_contrast",
                    arguments: ["pair": "brand.pairs.\(pair.name)", "ratio": pair.ratio.text, "needed": "4.5:1"])
            }
        }
        var brand = Brand(colours: colours, logo: current?.logo, font: current?.font)
        for (field, language) in [("sloganUk", Language.uk), ("sloganEn", .en)] {
            do {
                let slogan = try Brand.slogan(form[field])
                if language == .uk { brand.sloganUK = slogan } else { brand.sloganEN = slogan }
            } catch .tooLong(let limit) {
                problems[field] = Problem(key: "errors.brand_slogan_too_long", arguments: ["limit": String(limit)])
            } catch {
                problems[field] = Problem(key: "errors.brand_slogan_control", arguments: [:])
            }
        }
        if form["removeLogo"] == "yes" { brand.logo = nil }
        if let file = form.file("logo") {
            do {
                brand.logo = try SVGLogo(validating: file.bytes)
            } catch {
                problems["logo"] = Problem(key: "errors.brand_logo.\(error.code)", arguments: ["name": error.name])
            }
        }
        if form["removeFont"] == "yes" { brand.font = nil }
        let family = form["fontFamily"]
        if let file = form.file("font") {
            do {
                brand.font = try BrandFont(family: family, bytes: file.bytes)
            } catch .tooLarge(let limit) {
                problems["font"] = Problem(key: "errors.brand_font_too_large", arguments: ["limit": String(limit / 1024)])
            } catch .notWOFF2 {
                problems["font"] = Problem(key: "errors.brand_font_not_woff2", arguments: [:])
            } catch {
                problems["fontFamily"] = Problem(key: "errors.brand_font_family", arguments: [:])
            }
        } else if let font = brand.font, form.fields["fontFamily"] != nil, BrandFont.cleanFamily(family) != font.family {
            // A new name for the font already stored.
            if let renamed = try? BrandFont(family: family, bytes: font.bytes) {
                brand.font = renamed
            } else {
                problems["fontFamily"] = Problem(key: "errors.brand_font_family", arguments: [:])
            }
        }
        return (brand, problems)
    }
}
