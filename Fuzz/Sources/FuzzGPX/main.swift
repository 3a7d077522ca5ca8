import Foundation
import FuzzDriver

exit(hromada_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv))
