#ifndef HROMADA_FUZZ_DRIVER_H
#define HROMADA_FUZZ_DRIVER_H

/// Runs libFuzzer, with the process's arguments, on the target's
/// `LLVMFuzzerTestOneInput` (a Swift function with `@_cdecl`).
///
/// On Linux SwiftPM links a Swift executable with its module's entry point
/// as `main`, which takes the place of libFuzzer's own: so each fuzz target
/// has a main.swift that hands over to libFuzzer's driver here.
int hromada_fuzz_run(int argc, char *_Nullable *_Nonnull argv);

#endif
