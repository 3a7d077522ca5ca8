import Auctions
import HromadaDomain

/// Any bytes as a PDF for the property register, and any text as its title.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPDF(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let accepted = (try? PropertyDocumentRules.check(bytes)) != nil
    if accepted, !bytes.starts(with: Array("%PDF-".utf8)) {
        fatalError("accepted \(bytes.count) bytes that do not start as a PDF does")
    }
    _ = try? PropertyDocumentRules.title(String(decoding: bytes, as: UTF8.self))
    return 0
}
