import HromadaDomain
import HromadaWeb

/// Any bytes as an uploaded photo. A refusal (`ImageProblem`) is an answer;
/// a trap, a sanitizer report, or a stored image that does not read back as
/// the same image is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzImage(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let image = try? ImageSanitizer.sanitize(bytes) else { return 0 }
    // What is stored is served as this format and size, so it must read back as them.
    let again: SanitizedImage
    do {
        again = try ImageSanitizer.sanitize(image.bytes)
    } catch {
        fatalError("a sanitized \(image.format) of \(image.width)×\(image.height) is refused when read back: \(error)")
    }
    guard again == image else {
        fatalError("a sanitized \(image.format) of \(image.width)×\(image.height) reads back as \(again.format) of \(again.width)×\(again.height)")
    }
    // Its smaller copy, made by libjpeg-turbo or libpng through our C shim, when it is a
    // photo a page would show (up to 4 Mpx here, so each run stays quick): either none,
    // or a JPEG that reads back at the width asked for.
    if image.width * image.height <= 4_000_000, let copy = PhotoVariants.make(image.bytes, width: 480) {
        guard let read = try? ImageSanitizer.sanitize(copy.bytes), read.format == .jpeg, read.width == 480, read.height == copy.height else {
            fatalError("the 480 px copy of a \(image.format) of \(image.width)×\(image.height) does not read back as a JPEG 480 px wide")
        }
    }
    return 0
}
