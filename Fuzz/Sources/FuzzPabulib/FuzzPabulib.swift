import BudgetRules

/// Any bytes as a Pabulib file (`hromada pb tally FILE.pb`). A PabulibError
/// is an answer; a file that is read is written back out as well.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPabulib(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: count)
    guard let election = try? PabulibReader.read(buffer: buffer) else { return 0 }
    _ = PabulibWriter.write(election)
    return 0
}
