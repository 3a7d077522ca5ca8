import HromadaDomain

/// Any bytes as an uploaded logo. What the allowlist accepts it writes out
/// again; those bytes must be accepted again and written out the same, and
/// hold nothing the allowlist refuses (no DTD, no `<script`, no `on…=`).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzSVGLogo(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let logo = try? SVGLogo(validating: bytes) else { return 0 }
    guard let again = try? SVGLogo(validating: logo.bytes) else { fatalError("the written logo is refused: \(logo.bytes.count) bytes") }
    if again.bytes != logo.bytes { fatalError("the written logo changes when written again") }
    let text = String(decoding: logo.bytes, as: UTF8.self).lowercased()
    for refused in ["<!doctype", "<!entity", "<script", "<style", "<foreignobject", "javascript:", " onload="] where text.contains(refused) {
        fatalError("an accepted logo holds \(refused)")
    }
    return 0
}
