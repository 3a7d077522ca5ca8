import HromadaDomain

/// Any bytes as an uploaded logo. What the allowlist accepts it writes out
/// again; those bytes must pass the allowlist again and be written out the
/// same, and every tag in them must be an allowed element (text is escaped,
/// so each `<` left is a tag of ours).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzSVGLogo(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let logo = try? SVGLogo(validating: bytes) else { return 0 }
    guard let again = try? SVGLogo(validating: logo.bytes) else { fatalError("the written logo is refused: \(logo.bytes.count) bytes") }
    if again.bytes != logo.bytes { fatalError("the written logo changes when written again") }
    let text = String(decoding: logo.bytes, as: UTF8.self)
    for tag in text.split(separator: "<").dropFirst() {
        let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
        if tag.hasPrefix("?xml ") { continue }
        if !SVGLogo.elements.contains(String(name)) { fatalError("an accepted logo holds the tag <\(name)") }
    }
    return 0
}
