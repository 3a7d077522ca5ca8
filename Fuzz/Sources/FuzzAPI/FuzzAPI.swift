import HTTPTypes

/// The JSON bodies of the API, posted to the real application in memory
/// (`sqlite::memory:` with the demo data, no socket), as the person each
/// operation is for. An input is
///
///     OPERATION [VARIANT [WHO]]\n
///     BODY
///
/// OPERATION names a body-taking operation (`ballots`, `auctions.create`, …;
/// an unknown name picks one by its hash), VARIANT picks one of the paths it
/// is tried on (the first is the one where it can succeed), WHO overrides the
/// caller (`admin`, `olena`, `andrii`, `resident`, `anonymous`). In BODY,
/// `$NAME` placeholders become ids of the demo data (Harness.placeholders),
/// so that seeds and their mutations reach past "unknown id".
///
/// A trap is a crash, and so is a 5xx answer: "5xx means a bug" (docs/design.md).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzAPI(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: count))
    let call = harness.call(for: input)
    let status: HTTPResponse.Status
    do {
        status = try waitFor { try await harness.send(call) }
    } catch {
        fatalError("\(call.method) \(call.path) threw past the error middleware: \(String(reflecting: error))")
    }
    if status.code >= 500 {
        fatalError("\(call.method) \(call.path) answered \(status.code) to a body of \(call.body.count) bytes")
    }
    return 0
}
