import HromadaDomain

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
    return 0
}
