import HromadaDomain
import HromadaWeb

/// Any bytes as a geocoder's answer (a Nominatim `search` list). A refusal is
/// an answer; a trap, or a place outside the city's box, is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzGeocoder(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let box = try? GeoBox(west: 28.30, south: 49.15, east: 28.62, north: 49.32),
          let found = try? NominatimAnswer.read(bytes, within: box)
    else { return 0 }
    guard found.count <= Geocoder.maximumResults else { fatalError("\(found.count) places from one answer") }
    for place in found where !box.contains(longitude: place.longitude, latitude: place.latitude) {
        fatalError("a place outside the box: \(place.longitude), \(place.latitude)")
    }
    return 0
}
