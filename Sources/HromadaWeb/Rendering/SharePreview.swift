import Foundation
import HromadaDomain

/// How a page looks when its link is shared: the OpenGraph and Twitter-card
/// tags the layout writes in `<head>` (Telegram, Viber and Facebook read
/// them), the canonical link, and the share box the page shows
/// (`{{#page.preview}}{{> share}}{{/page.preview}}`).
///
/// A page model carries one as `preview`; the layout looks for it there, as
/// it looks for `refreshSeconds`. Links are absolute (`HROMADA_PUBLIC_URL`):
/// a messenger fetching the page has no other base.
package struct SharePreview: Sendable {
    /// A picture of the thing, at the size a messenger shows (about 1,200 px wide).
    package struct Image: Sendable {
        package let path: String
        package let width: Int
        package let height: Int
        package let alt: String

        package init(path: String, width: Int, height: Int, alt: String) {
            self.path = path
            self.width = width
            self.height = height
            self.alt = alt
        }

        /// A stored photo served at `path`, as its large copy (`PhotoVariants`): a messenger never fetches the original.
        package init(photo: Photo, path: String, alt: String) {
            let served = PhotoVariants.served(requested: 1_200, photoWidth: photo.width, photoHeight: photo.height)
            self.init(path: path + served.query, width: served.width, height: served.height, alt: photo.caption.isEmpty ? alt : photo.caption)
        }
    }

    /// Messengers cut descriptions at about 200 characters; cutting here, at a word, reads better.
    package static let descriptionLimit = 200

    package let title: String
    package let description: String
    package let url: String
    /// "Хмільник · Громада": the city the thing belongs to, and the platform.
    package let siteName: String
    package let locale: String
    package let image: String?
    package let imageWidth: Int
    package let imageHeight: Int
    package let imageAlt: String
    /// `summary_large_image` when there is a picture, `summary` otherwise.
    package let card: String

    package init(
        services: AppServices, title: String, description: String, path: String, city: Municipality, language: Language,
        image: Image? = nil
    ) {
        let base = services.configuration.publicBaseURL
        self.title = title
        self.description = Self.shortened(description)
        url = base + path
        siteName = "\(city.name.localized(language)) · \(services.localizer.string("site.name", language, [:]))"
        locale = language == .uk ? "uk_UA" : "en_GB"
        self.image = image.map { base + $0.path }
        imageWidth = image?.width ?? 0
        imageHeight = image?.height ?? 0
        imageAlt = image?.alt ?? ""
        card = image == nil ? "summary" : "summary_large_image"
    }

    /// One line of at most `descriptionLimit` characters, cut at a word with an ellipsis.
    package static func shortened(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard line.count > descriptionLimit else { return line }
        let cut = line.prefix(descriptionLimit - 1)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
    }
}
