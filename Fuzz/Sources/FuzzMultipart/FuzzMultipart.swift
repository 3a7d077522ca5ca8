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
    if let form = try? FormData(multipart: body, boundary: boundary) {
        // Every part is a slice of the body: nothing is invented or duplicated.
        let fileBytes = form.files.values.joined().reduce(0) { $0 + $1.bytes.count }
        guard fileBytes <= body.count else { fatalError("\(fileBytes) bytes of files from a body of \(body.count)") }
    }
    _ = FormData(urlEncoded: String(decoding: bytes, as: UTF8.self))
    return 0
}
