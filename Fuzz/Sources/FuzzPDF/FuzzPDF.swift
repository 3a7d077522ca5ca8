import HromadaDomain

/// Any bytes as a PDF attached to any module's thing (the register's objects, the investment sites), and any text as its title.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPDF(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let accepted = (try? AttachmentRules.check(bytes)) != nil
    if accepted, !bytes.starts(with: Array("%PDF-".utf8)) {
        fatalError("accepted \(bytes.count) bytes that do not start as a PDF does")
    }
    _ = try? AttachmentRules.title(String(decoding: bytes, as: UTF8.self))
    return 0
}
