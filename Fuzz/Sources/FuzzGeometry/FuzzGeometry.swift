import Foundation
import Invest

/// Any bytes as a site's boundary in an API body (GeoJSON), as a
/// cadastral number typed in a form, and as a CSV of passport figures: decoded, checked, and what the
/// catalogue works out of an accepted shape (its box, marker, area, its
/// GeoJSON again, which must read back as the same shape).
/// `SiteGeometry.Problem` and a decoding error are answers; a trap is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzGeometry(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: count))
    _ = try? CadastralNumber(String(decoding: bytes, as: UTF8.self))
    _ = try? IndicatorImport(bytes)
    guard let decoded = try? JSONDecoder().decode(SiteGeometry.GeoJSON.self, from: bytes), let shape = try? SiteGeometry(decoded) else { return 0 }
    _ = shape.boundingBox
    _ = shape.marker
    _ = shape.approximateAreaHa
    guard let written = try? JSONEncoder().encode(shape), let again = try? JSONDecoder().decode(SiteGeometry.GeoJSON.self, from: written),
          (try? SiteGeometry(again)) == shape
    else { fatalError("an accepted shape does not read back as itself") }
    return 0
}
