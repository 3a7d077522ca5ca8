import HromadaWeb

/// A multipart form as a browser (or anyone) posts it. The input's first line
/// is the boundary from the Content-Type header, the rest is the body; the
/// whole input is also read as a url-encoded form.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMultipart(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    let boundary = String(decoding: bytes[..<newline], as: UTF8.self)
    let body = newline < bytes.count ? Array(bytes[(newline + 1)...]) : []
    // The upload gate reads only the first part (to check `_csrf` before the
    // rest arrives): it must never trap, on a whole body or any prefix of it.
    let first = FormData.firstPart(of: body, boundary: boundary)
    _ = FormData.firstPart(of: Array(body.prefix(body.count / 2)), boundary: boundary)
    if let form = try? FormData(multipart: body, boundary: boundary) {
        // Every part is a slice of the body: nothing is invented or duplicated.
        let fileBytes = form.files.values.joined().reduce(0) { $0 + $1.bytes.count }
        guard fileBytes <= body.count else { fatalError("\(fileBytes) bytes of files from a body of \(body.count)") }
        // What the gate saw as the first field is a field the whole parser read with that value.
        if case .field(let name, let value) = first, !form.all(name).contains(value) {
            fatalError("the first part's field \(name) is not what the whole form holds")
        }
    }
    _ = FormData(urlEncoded: String(decoding: bytes, as: UTF8.self))
    return 0
}
