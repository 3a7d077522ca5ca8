#include <stddef.h>
#include <stdint.h>

#include "FuzzDriver.h"

// libFuzzer's entry point for programs with a main of their own (LLVM 11 and later).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));
// Defined by each fuzz target in Swift.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int hromada_fuzz_run(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
