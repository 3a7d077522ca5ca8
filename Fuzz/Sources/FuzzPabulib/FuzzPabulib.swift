import BudgetRules

/// Any bytes as a Pabulib file (`hromada pb tally FILE.pb`). A PabulibError
/// is an answer; a file that is read, defects and all, is written back out,
/// its defects described, and counted by the rules that read it (a
/// RuleError is an answer too): the rules compute on the file's numbers,
/// and an overflow there would stop the process.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPabulib(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: count)
    guard let reading = try? PabulibReader.readReport(buffer: buffer) else { return 0 }
    let election = reading.election
    _ = PabulibWriter.write(election)
    _ = reading.defects.map(\.description)
    // Small files only: MES on a large profile is slow, not wrong, and would starve the fuzzer.
    guard election.votes.count <= 50, election.projects.count <= 20 else { return 0 }
    // Not Add1: its increments run as long as the budget takes to cover the costs, by design.
    for rule in [Rule.greedy, .greedyNoSkip, .greedyReserve80, .mes, .phragmen] {
        _ = try? Tally.run(rule, on: election)
    }
    // `pb check`: the outcome without each defective ballot (two alone, the rest together).
    _ = try? reading.outcomeDependence(on: .greedy, checkingAlone: 2)
    return 0
}
