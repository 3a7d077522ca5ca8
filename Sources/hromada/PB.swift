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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("Cannot read \(path).")
        }
        do {
            return try data.withUnsafeBytes { raw throws(PabulibError) in
                try PabulibReader.read(buffer: raw.bindMemory(to: UInt8.self))
            }
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }

    struct Tally: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compute the outcome of a rule for a Pabulib file.")
        @Argument(help: "A Pabulib .pb file.") var file: String
        @Option(help: "greedy, greedy-no-skip, greedy-threshold, mes, mes-add1, mes-add1u, phragmen or declared.") var rule: String
        @Flag(help: "Print one JSON object.") var json = false
        @Flag(help: "Also print, on standard error, the seconds spent reading the file and applying the rule.") var timing = false
        @Flag(help: "For mes and mes-add1: who paid how much for each funded project, and what each unfunded one lacked.") var explain = false

        func run() async throws {
            let clock = ContinuousClock()
            let started = clock.now
            let election = try PB.load(file)
            let parsed = clock.now
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
                let ids = outcome.selected.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
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
        static let configuration = CommandConfiguration(abstract: "Validate a Pabulib file and summarise it.")
        @Argument(help: "A Pabulib .pb file.") var file: String

        func run() async throws {
            let election = try PB.load(file)
            let total = election.projects.reduce(Amount.zero) { $0 + $1.cost }
            print("OK: \(file)")
            print("voters:        \(election.votes.count)")
            print("projects:      \(election.projects.count) (total cost \(total))")
            print("budget:        \(election.budget)")
            print("vote type:     \(election.voteType.rawValue)")
            print("declared rule: \(election.declaredRule ?? "none")")
        }
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
