import Routing

/// Any bytes as a CVRPLIB file (`hromada routes solve FILE.vrp`). A
/// ReadError is an answer; a small instance that is read is solved briefly,
/// and its routes must be feasible: the solver sums the file's numbers, and
/// an overflow there would stop the process.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzRouting(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    guard let problem = try? CVRPLIB.read(text) else { return 0 }
    // Large instances are read (the reader is what is fuzzed) but not solved: slow, not wrong.
    guard problem.clientCount <= 30 else { return 0 }
    let solution = RoutingSolver.solve(problem, limit: .individuals(3), seed: 1)
    precondition(solution.violations(in: problem).isEmpty, "infeasible routes for a file that was read")
    _ = solution.cost(in: problem)
    return 0
}
