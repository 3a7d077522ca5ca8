import HromadaDomain
import Visit

/// Any bytes as a route's uploaded GPX file. A `GPXTrack.Problem` is an
/// answer; a trap is a finding. What is read must be points on the globe,
/// and thinning must keep the line's ends and never grow it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzGPX(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let points = try? GPXTrack.points(bytes) else { return 0 }
    if points.isEmpty { fatalError("a file was read as no points") }
    let thinned = GPXTrack.thinned(points, limit: 50)
    if thinned.count > max(2, min(points.count, 50)) { fatalError("thinning grew the line: \(points.count) → \(thinned.count)") }
    if thinned.first != points.first || (points.count > 1 && thinned.last != points.last) { fatalError("thinning lost an end") }
    return 0
}
