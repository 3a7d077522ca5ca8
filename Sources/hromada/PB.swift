import ArgumentParser
import BudgetRules
import Foundation

struct PB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pb", abstract: "Participatory-budget rules on Pabulib files.", subcommands: [Tally.self, Check.self, Analyse.self])

    /// A rule's refusal (wrong vote type, unknown rule) as the command's error message.
    static func ruling<T>(_ body: () throws(RuleError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw CommandFailure(error.description)
        }
    }

    static func load(_ path: String) throws -> Election {
        try loadReport(path).election
    }

    /// The file read as pabutools reads it, with the defects read past.
    static func loadReport(_ path: String) throws -> PabulibReading {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("Cannot read \(path).")
        }
        do {
            return try data.withUnsafeBytes { raw throws(PabulibError) in
                try PabulibReader.readReport(buffer: raw.bindMemory(to: UInt8.self))
            }
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }

    /// How many warnings `pb tally` prints before pointing to `pb check`.
    static let warningsShown = 20

    /// `pb tally`: a file's warnings on standard error (notes are left to
    /// `pb check`), or with `strict` a refusal naming the first ones.
    static func reportWarnings(_ reading: PabulibReading, file: String, strict: Bool) throws {
        let total = reading.warnings
        guard total > 0 else { return }
        let warnings = reading.defects.filter { $0.severity == .warning }
        if strict {
            let first = warnings.prefix(3).map { "line \($0.line): \($0.message)" }.joined(separator: "; ")
            throw CommandFailure(
                "\(file) has \(total) warning\(total == 1 ? "" : "s"), and --strict refuses a file with any: \(first)"
                    + (total > 3 ? "; see `hromada pb check \(file)` for all" : ""))
        }
        var text = ""
        for warning in warnings.prefix(warningsShown) { text += "warning: \(file) line \(warning.line): \(warning.message)\n" }
        if total > warningsShown {
            text += "… and \(total - warningsShown) more warnings; see `hromada pb check \(file)`\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    struct Tally: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compute the outcome of a rule for a Pabulib file.")
        @Argument(help: "A Pabulib .pb file.") var file: String
        @Option(help: "greedy, greedy-no-skip, greedy-threshold, mes, mes-add1, mes-add1u, phragmen or declared.") var rule: String
        @Flag(help: "Print one JSON object.") var json = false
        @Flag(help: "Also print, on standard error, the seconds spent reading the file and applying the rule.") var timing = false
        @Flag(help: "For mes and mes-add1: who paid how much for each funded project, and what each unfunded one lacked.") var explain = false
        @Flag(help: "Refuse a file with any warning (`hromada pb check` lists them) instead of counting it as pabutools would.") var strict = false

        func run() async throws {
            try TallyRun(file: file, rule: rule, json: json, timing: timing, explain: explain, strict: strict).run()
        }
    }

    /// What `pb tally` does, apart from reading its arguments: the command
    /// above and the start-up fast path (`PBFastPath`) both run it.
    struct TallyRun {
        var file: String
        var rule: String
        var json = false
        var timing = false
        var explain = false
        var strict = false

        func run() throws {
            let clock = ContinuousClock()
            let started = clock.now
            let reading = try PB.loadReport(file)
            let election = reading.election
            let parsed = clock.now
            try PB.reportWarnings(reading, file: file, strict: strict)
            let outcome = try PB.ruling { () throws(RuleError) in try BudgetRules.Tally.run(Rule.named(rule, for: election), on: election) }
            if timing {
                FileHandle.standardError.write(Data(String(
                    format: "parse %.4f s, rule %.4f s\n", (parsed - started).seconds, (clock.now - parsed).seconds).utf8))
            }
            if explain {
                try printExplanation(PB.ruling { () throws(RuleError) in try BudgetRules.Tally.explainEqualShares(outcome.rule, on: election) })
                return
            }
            if json {
                let ids = outcome.selected.map(PB.jsonString)
                print("{\"rule\": \"\(outcome.rule.rawValue)\", \"selected\": [\(ids.joined(separator: ", "))], \"cost\": \(outcome.cost), \"budget\": \(outcome.budget)}")
                return
            }
            let scores = try PB.ruling { () throws(RuleError) in try BudgetRules.Tally.scores(of: election) }
            let chosen = Set(outcome.selectedInOrder)
            let order = outcome.selectedInOrder + election.projects.map(\.id).filter { !chosen.contains($0) }
                .sorted { (scores[$0] ?? .zero) > (scores[$1] ?? .zero) }
            let costs = Dictionary(uniqueKeysWithValues: election.projects.map { ($0.id, $0.cost) })
            print("Rule \(outcome.rule.rawValue): \(chosen.count) of \(election.projects.count) projects, cost \(outcome.cost) of budget \(outcome.budget)")
            print(pad("project", 12) + pad("cost", 14, right: true) + pad("score", 10, right: true) + pad("selected", 10, right: true) + pad("running total", 16, right: true))
            var running = Amount.zero
            for id in order {
                let selected = chosen.contains(id)
                if selected { running = running + (costs[id] ?? .zero) }
                print(pad(id, 12) + pad(costs[id]?.description ?? "", 14, right: true) + pad(scores[id]?.description ?? "0", 10, right: true)
                      + pad(selected ? "yes" : "—", 10, right: true) + pad(selected ? running.description : "", 16, right: true))
            }
        }
    }

    static func money(_ value: Double) -> String { String(format: "%.2f", value) }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a Pabulib file, summarise it, and list its defects.",
            discussion: """
                A file with defects is still read, as pabutools reads it; each defect is listed with its line. \
                For a warning about a ballot, the rule is run again without that ballot to say whether the outcome depends on it.
                """)
        @Argument(help: "A Pabulib .pb file.") var file: String
        @Flag(help: "Print one JSON object.") var json = false
        @Option(help: "The rule whose outcome the defective ballots are checked against (default: the declared one; mes or greedy when the file declares none Hromada has).")
        var rule = "declared"
        @Flag(help: "Exit with 1 when the file has any warning.") var strict = false

        func run() async throws {
            let reading = try PB.loadReport(file)
            let check = try CheckedRule(rule, reading: reading)
            if json {
                print(jsonReport(reading, check))
            } else {
                printReport(reading, check)
            }
            if strict, reading.warnings > 0 { throw ExitCode.failure }
        }

        func printReport(_ reading: PabulibReading, _ check: CheckedRule) {
            let election = reading.election
            let total = election.projects.reduce(Amount.zero) { $0 + $1.cost }
            print(reading.warnings == 0 ? "OK: \(file)" : "Read, with warnings: \(file)")
            print("voters:        \(election.votes.count)")
            print("projects:      \(election.projects.count) (total cost \(total))")
            print("budget:        \(election.budget)")
            print("vote type:     \(election.voteType.rawValue)")
            print("declared rule: \(election.declaredRule ?? "none")")
            guard !reading.defects.isEmpty else { return }
            let counts = [(reading.warnings, "warning"), (reading.notes, "note")].filter { $0.0 > 0 }
                .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: ", ")
            print("defects:       \(counts)")
            if !reading.defectiveVotes.isEmpty {
                print(PB.wrap("outcome check: " + (check.error.map { "not possible: \($0)" } ?? check.origin)))
            }
            for defect in reading.defects {
                var text = "line \(defect.line): \(defect.severity.rawValue): \(defect.message)"
                if let dependence = check.dependence, defect.vote != nil {
                    let (changes, how) = dependence.dependence(of: defect)
                    let rule = dependence.rule.rawValue
                    switch (how, changes) {
                    case (.ballot?, true): text += ". Without this ballot, \(rule) funds other projects."
                    case (.ballot?, false): text += ". Without this ballot, \(rule) funds the same projects."
                    case (.joint?, let changes):
                        let count = dependence.remaining?.ballots ?? 0
                        text += ". Without this and the other ballots past the first \(PabulibReading.ballotsCheckedAlone) "
                            + "with warnings (\(count) in all), \(rule) funds \(changes ? "other" : "the same") projects."
                    case (nil, _): break
                    }
                }
                print(PB.wrap(text))
            }
            for (kind, count) in reading.unlisted.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                print(PB.wrap("… and \(count) more \(kind.rawValue) warnings (the first \(PabulibReading.listedPerKind) of a kind are listed)"))
            }
        }

        func jsonReport(_ reading: PabulibReading, _ check: CheckedRule) -> String {
            let election = reading.election
            let defects = reading.defects.map { defect -> String in
                var affects = "null", how = "null"
                if let dependence = check.dependence {
                    let (changes, check) = dependence.dependence(of: defect)
                    affects = changes ? "true" : "false"
                    how = check.map { PB.jsonString($0.rawValue) } ?? "null"
                }
                return "{\"line\": \(defect.line), \"kind\": \(PB.jsonString(defect.kind.rawValue)), \"severity\": \(PB.jsonString(defect.severity.rawValue)), "
                    + "\"message\": \(PB.jsonString(defect.message)), \"affectsOutcome\": \(affects), \"outcomeCheck\": \(how)}"
            }
            let unlisted = reading.unlisted.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\(PB.jsonString($0.key.rawValue)): \($0.value)" }.joined(separator: ", ")
            let joint = check.dependence?.remaining.map { "{\"ballots\": \($0.ballots), \"affectsOutcome\": \($0.changesOutcome)}" } ?? "null"
            let fields = [
                "\"file\": \(PB.jsonString(file))",
                "\"voters\": \(election.votes.count)",
                "\"projects\": \(election.projects.count)",
                "\"budget\": \(PB.jsonString(election.budget.description))",
                "\"voteType\": \(PB.jsonString(election.voteType.rawValue))",
                "\"declaredRule\": \(election.declaredRule.map(PB.jsonString) ?? "null")",
                "\"rule\": \(check.rule.map { PB.jsonString($0.rawValue) } ?? "null")",
                "\"ruleError\": \(check.error.map(PB.jsonString) ?? "null")",
                "\"defects\": [\(defects.joined(separator: ", "))]",
                "\"unlisted\": {\(unlisted)}",
                "\"jointCheck\": \(joint)",
                "\"warnings\": \(reading.warnings)",
                "\"notes\": \(reading.notes)",
            ]
            return "{" + fields.joined(separator: ", ") + "}"
        }
    }

    /// The rule `pb check` tests the defective ballots with, and what it found.
    struct CheckedRule {
        var rule: Rule?
        /// The rule and how it was chosen, for the human report.
        var origin = ""
        var dependence: OutcomeDependence?
        /// Why the outcome could not be checked (the rule does not take these ballots, …).
        var error: String?

        init(_ name: String, reading: PabulibReading) throws {
            let election = reading.election
            do {
                let rule = try Rule.named(name, for: election)
                self.rule = rule
                origin = name == "declared" ? "\(rule.rawValue), the declared rule" : rule.rawValue
            } catch .noDeclaredRule where name == "declared" {
                // A rule Hromada does not implement (or none): the usual one for the ballots.
                let rule: Rule = election.voteType.isApprovalLike ? .mes : .greedy
                self.rule = rule
                origin = "\(rule.rawValue) (the file declares no rule Hromada has; --rule picks another)"
            } catch {
                throw CommandFailure(error.description)
            }
            // Nothing to check on a file without defects.
            guard let rule, !reading.defects.isEmpty else { return }
            do {
                dependence = try reading.outcomeDependence(on: rule)
            } catch {
                self.error = error.description
            }
        }
    }
}

extension PB {
    /// A JSON string literal, escaped by Foundation's encoder (the CLI prints
    /// hand-assembled objects so that their keys keep the documented order).
    static func jsonString(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        guard let data = try? encoder.encode(text), let literal = String(data: data, encoding: .utf8) else { return "\"\"" }
        return literal
    }

    /// Wraps a line of text for an 80-column terminal; continuation lines are indented.
    static func wrap(_ text: String, width: Int = 80, indent: String = "    ") -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let prefix = lines.isEmpty ? "" : indent
            if !line.isEmpty, prefix.count + line.count + 1 + word.count > width {
                lines.append(prefix + line)
                line = String(word)
            } else {
                line += line.isEmpty ? String(word) : " " + word
            }
        }
        lines.append((lines.isEmpty ? "" : indent) + line)
        return lines.joined(separator: "\n")
    }
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let gap = max(0, width - text.count)
    return right ? String(repeating: " ", count: gap) + text : text + String(repeating: " ", count: gap)
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

func printExplanation(_ explanation: EqualSharesExplanation) {
    print("Method of Equal Shares (\(explanation.rule.rawValue)): every voter starts with \(PB.money(explanation.budgetPerVoter))")
    print("Funded, in the order bought:")
    for item in explanation.funded {
        let parts = item.payments.map { "\($0.voters) × \(PB.money($0.amount))" }.joined(separator: " + ")
        print("  \(item.round). \(item.project) (cost \(item.cost)): \(parts)")
    }
    print("Not funded:")
    for item in explanation.unfunded {
        print("  \(item.project) (cost \(item.cost)): needed \(PB.money(item.neededPerVoter)) from each of \(item.supporters) supporters; they had \(PB.money(item.supportersHadLeft)) left in all")
    }
}
