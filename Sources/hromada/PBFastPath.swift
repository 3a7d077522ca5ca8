import Foundation

/// `hromada pb tally FILE --rule R [--json] [--timing] [--explain] [--strict]`
/// without ArgumentParser.
///
/// Why: researchers and `scripts/bench-pb.py` run the tally once per file, so
/// start-up is part of its time. ArgumentParser's first use makes dozens of
/// dynamic protocol-conformance lookups, and in a binary with the whole
/// platform linked in each lookup scans every conformance record: about
/// 15 ms before the file is opened, more than reading and tallying most
/// Pabulib files takes. Only exactly this argument shape is taken here;
/// anything else (`--help`, a misspelt flag, a missing rule) falls through to
/// ArgumentParser, which answers it as before.
enum PBFastPath {
    /// Whether it handled the arguments (and the process should end).
    static func run(_ arguments: [String]) -> Bool {
        guard let tally = parse(arguments) else { return false }
        do {
            try tally.run()
        } catch {
            // As ArgumentParser reports a command's failure (docs/interfaces.md).
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            exit(1)
        }
        return true
    }

    /// The tally these arguments ask for, or nil when they are not plainly one.
    static func parse(_ arguments: [String]) -> PB.TallyRun? {
        guard arguments.count >= 4, arguments[0] == "pb", arguments[1] == "tally" else { return nil }
        var file: String?
        var rule: String?
        var tally = PB.TallyRun(file: "", rule: "")
        var index = 2
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            switch argument {
            case "--json" where !tally.json: tally.json = true
            case "--timing" where !tally.timing: tally.timing = true
            case "--explain" where !tally.explain: tally.explain = true
            case "--strict" where !tally.strict: tally.strict = true
            case "--rule" where rule == nil && index < arguments.count && !arguments[index].hasPrefix("-"):
                rule = arguments[index]
                index += 1
            case _ where argument.hasPrefix("--rule=") && rule == nil:
                rule = String(argument.dropFirst("--rule=".count))
            case _ where !argument.hasPrefix("-") && file == nil:
                file = argument
            default:
                return nil
            }
        }
        guard let file, let rule, !rule.isEmpty else { return nil }
        tally.file = file
        tally.rule = rule
        return tally
    }
}
