import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// The files a brand is served as: `brand.css` (custom properties that
/// `site.css` reads, with the platform's look as their fallbacks), the
/// logo and the font. Each is cached for a year under its version
/// (`?v=N`), and answers `If-None-Match` with 304.
package enum BrandStyle {
    /// The font stack `site.css` falls back to; a brand's font goes first.
    static let systemFonts = #"system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif"#

    /// Custom properties only: every value is a `#rrggbb` we wrote or a
    /// family name cleaned to letters, digits, spaces and hyphens.
    package static func css(_ summary: BrandSummary, path: String) -> String {
        let colours = summary.colours
        var properties = BrandColours.Name.allCases.map { "\($0.cssProperty):\(colours[$0].hex)" }
        properties.append("--brand-primary-hover:\(BrandColours.hoverShade(of: colours.primary, against: colours.onPrimary).hex)")
        properties.append("--brand-link-hover:\(BrandColours.hoverShade(of: colours.link, against: colours.background).hex)")
        var css = "/* \(path)/brand (docs/brand.md) */\n:root{" + properties.joined(separator: ";") + "}\n"
        if let family = summary.fontFamily {
            css += "@font-face{font-family:\"\(family)\";src:url(\"\(path)/brand/font.woff2?v=\(summary.version)\") format(\"woff2\");font-display:swap}\n"
            css += ":root{--brand-font:\"\(family)\", \(systemFonts)}\n"
        }
        return css
    }

    /// A file of a brand's version. Cached for a year when asked for under
    /// the current version; under any other (or none) it is checked each
    /// time, so an old page never pins an old brand.
    package static func response(
        _ bytes: [UInt8], mediaType: String, version: Int64, kind: String, request: Request, extra: HTTPFields = [:]
    ) -> Response {
        let etag = "\"brand-\(kind)-\(version)\""
        let current = request.uri.queryParameters.get("v") == String(version)
        var headers = extra
        headers[.contentType] = mediaType
        headers[.cacheControl] = current ? "public, max-age=31536000, immutable" : "public, no-cache"
        headers[.eTag] = etag
        headers[.xContentTypeOptions] = "nosniff"
        if let asked = request.headers[.ifNoneMatch], asked.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The logo's own CSP: nothing loads, nothing runs, even opened on its own.
    static let logoPolicy = "default-src 'none'; style-src 'none'; sandbox"
}
