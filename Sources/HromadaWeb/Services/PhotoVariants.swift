import CImageScale
import Crypto
import Foundation
import HromadaDomain

/// The smaller copies of a photo that pages send instead of the original
/// (up to 8 MB from a phone): one for lists and cards, one for a page's
/// main picture and for sharing previews. Made when the photo is uploaded,
/// and for photos stored before they existed, the first time one is asked
/// for. Always JPEG: the copies are photographs, and every browser and
/// messenger shows JPEG.
package enum PhotoVariants {
    /// The widths made, smallest first: a phone's column (360–480 CSS px),
    /// and a page's main picture on a wide screen or a messenger's preview.
    package static let widths = [480, 1_200]
    /// Enough for a photograph at these sizes; the difference from 90 is invisible and a third of the bytes.
    package static let quality = 80

    package struct Variant: Sendable, Equatable {
        package let width: Int
        package let height: Int
        package let bytes: [UInt8]
        package let sha256: String
    }

    /// The width to serve for a page that asks for `requested`: the smallest
    /// variant at least that wide, or the largest there is; nil for the original.
    package static func width(for requested: Int, photoWidth: Int) -> Int? {
        guard photoWidth > widths[0] else { return nil }
        let made = widths.filter { $0 < photoWidth }
        return made.first { $0 >= requested } ?? made.last
    }

    /// The size of what `?w=requested` sends for a photo of this size, and the query that asks for it
    /// (`?w=1200`, or none for the original).
    package static func served(requested: Int, photoWidth: Int, photoHeight: Int) -> (width: Int, height: Int, query: String) {
        guard let width = width(for: requested, photoWidth: photoWidth), photoWidth > 0 else { return (photoWidth, photoHeight, "") }
        // As the C shim rounds it.
        let height = max(1, (photoHeight * width + photoWidth / 2) / photoWidth)
        return (width, height, "?w=\(width)")
    }

    /// A copy `width` pixels wide, or nil where none is needed (the photo is
    /// no wider) or none can be made (a WebP: Debian's libwebp comes without
    /// its headers here, and WebP photos are small already).
    package static func make(_ bytes: [UInt8], width: Int) -> Variant? {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var height: Int32 = 0
        let status = bytes.withUnsafeBufferPointer { input in
            hromada_image_scale(
                input.baseAddress, input.count, Int32(width), Int32(quality), Int32(ImageSanitizer.maximumPixels), &output, &length, &height)
        }
        guard status == 0, let output else { return nil }
        defer { hromada_image_free(output) }
        let copy = Array(UnsafeBufferPointer(start: output, count: length))
        return Variant(width: width, height: Int(height), bytes: copy, sha256: Hex.encode(SHA256.hash(data: copy)))
    }

    /// Every variant a photo of `photoWidth` pixels gets.
    package static func makeAll(_ bytes: [UInt8], photoWidth: Int) -> [Variant] {
        widths.filter { $0 < photoWidth }.compactMap { make(bytes, width: $0) }
    }
}
