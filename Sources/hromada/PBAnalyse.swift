import ArgumentParser
import BudgetRules
import Foundation

extension PB {
    /// `hromada pb analyse`: pabutools' analyses of a rule's outcome (docs/interfaces.md).
    struct Analyse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Analyse the outcome of a rule: satisfaction, EJR up to one project, priceability, each project's effect on MES.")
        @Argument(help: "A Pabulib .pb file with approval, choose-1 or ranked ballots.") var file: String
        @Option(help: "The rule whose outcome is analysed: greedy, greedy-no-skip, greedy-threshold, mes, mes-add1, mes-add1u, phragmen or declared.")
        var rule: String
        @Flag(help: "Print one JSON object.") var json = false
        @Flag(help: "Leave out each project's effect (one MES run per project MES funds).") var noEffects = false
        @Flag(help: "Also print, on standard error, the seconds each analysis took.") var timing = false

        func run() async throws {
            let election = try PB.load(file)
            let outcome = try PB.ruling { () throws(RuleError) in try BudgetRules.Tally.run(Rule.named(rule, for: election), on: election) }
            let parts: OutcomeAnalysis.Parts = noEffects ? [.satisfaction, .ejr, .priceability] : .all
            let report: OutcomeAnalysis.Report
            do {
                report = try OutcomeAnalysis.analyse(election, selected: outcome.selected, parts: parts)
            } catch {
                throw CommandFailure(error.description)
            }
            if timing {
                let text = report.seconds.sorted { $0.key < $1.key }.map { "\($0.key) " + String(format: "%.4f s", $0.value) }.joined(separator: ", ")
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
            if json {
                print(AnalysisJSON.object(report, rule: outcome.rule, cost: outcome.cost, budget: outcome.budget))
            } else {
                printSummary(report, rule: outcome.rule, outcome: outcome, election: election)
            }
        }

        func printSummary(_ report: OutcomeAnalysis.Report, rule: Rule, outcome: Outcome, election: Election) {
            print("Rule \(rule.rawValue): \(report.selected.count) of \(election.projects.count) projects, cost \(outcome.cost) of budget \(outcome.budget), \(report.voters) voters")
            if let average = report.averageCostSatisfaction, let gini = report.giniCostSatisfaction, let share = report.percentNonEmptyHanded {
                print("Average satisfaction:  \(PB.money(average)) (cost of the funded projects a voter chose)")
                print("Gini of satisfaction:  \(String(format: "%.4f", gini))")
                print("Voters with a project: \(String(format: "%.2f", share * 100)) %")
            }
            if let ejr = report.ejrUpToOne {
                if ejr {
                    print("EJR up to one project: yes")
                } else if let violation = report.ejrViolation {
                    print("EJR up to one project: no — \(violation.voters) voters all chose \(violation.projects.joined(separator: ", ")), "
                        + "could pay for them with their share, and are short even with one more of them")
                }
            }
            if let verdict = report.priceability {
                print("Priceable:             " + Self.describe(verdict))
            }
            guard let projects = report.projects else { return }
            print("Effect of each project (MES with cost satisfaction):")
            print(pad("project", 12) + pad("cost", 14, right: true) + pad("selected", 10, right: true) + pad("MES", 6, right: true)
                + pad("eff. support", 14, right: true) + "  lost to")
            for effect in projects {
                let support = effect.effectiveSupport.map { "\($0) %" } ?? "—"
                let lost = effect.lostTo.filter { $0.amount > 0 }.sorted { $0.amount > $1.amount }.prefix(3)
                    .map { "\($0.project) \(PB.money($0.amount))" }.joined(separator: ", ")
                print(pad(effect.project, 12) + pad(effect.cost.description, 14, right: true) + pad(effect.selected ? "yes" : "—", 10, right: true)
                    + pad(effect.fundedByMES ? "yes" : "—", 6, right: true) + pad(support, 14, right: true) + (lost.isEmpty ? "" : "  " + lost))
            }
        }

        static func describe(_ verdict: OutcomeAnalysis.PriceabilityVerdict) -> String {
            switch verdict {
            case .priceable(let b): "yes, with \(PB.money(b)) per voter"
            case .overBudget: "no, the outcome costs more than the budget"
            case .notExhaustive(let project): "no, not exhaustive: \(project) would still fit"
            case .outsideModel(let project): "no, \(project) lies outside pabutools' model (costs above 10 × budget)"
            case .unpaid(let project): "no, nobody voted for the funded project \(project)"
            case .noPriceSystem: "no, no voter budget and payments explain it"
            case .undecided: "undecided (the linear solver could not finish)"
            }
        }
    }
}

/// The `--json` object; field names are fixed by docs/interfaces.md.
enum AnalysisJSON {
    static func object(_ report: OutcomeAnalysis.Report, rule: Rule, cost: Amount, budget: Amount) -> String {
        var fields: [(String, String)] = [
            ("rule", string(rule.rawValue)),
            ("selected", "[" + report.selected.map(string).joined(separator: ", ") + "]"),
            ("cost", cost.description),
            ("budget", budget.description),
            ("voters", "\(report.voters)"),
            ("giniCostSatisfaction", number(report.giniCostSatisfaction)),
            ("percentNonEmptyHanded", number(report.percentNonEmptyHanded)),
            ("averageCostSatisfaction", number(report.averageCostSatisfaction)),
            ("ejrUpToOne", boolean(report.ejrUpToOne)),
            ("priceable", boolean(report.priceable)),
        ]
        if let violation = report.ejrViolation {
            fields.append(("ejrViolation", "{\"projects\": [" + violation.projects.map(string).joined(separator: ", ") + "], \"voters\": \(violation.voters)}"))
        }
        if let verdict = report.priceability { fields.append(("priceability", priceability(verdict))) }
        if let projects = report.projects {
            fields.append(("projects", "[" + projects.map(effect).joined(separator: ", ") + "]"))
        }
        return "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func priceability(_ verdict: OutcomeAnalysis.PriceabilityVerdict) -> String {
        switch verdict {
        case .priceable(let b): "{\"verdict\": \"priceable\", \"voterBudget\": \(number(b))}"
        case .overBudget: "{\"verdict\": \"over-budget\"}"
        case .notExhaustive(let p): "{\"verdict\": \"not-exhaustive\", \"project\": \(string(p))}"
        case .outsideModel(let p): "{\"verdict\": \"outside-model\", \"project\": \(string(p))}"
        case .unpaid(let p): "{\"verdict\": \"unpaid\", \"project\": \(string(p))}"
        case .noPriceSystem: "{\"verdict\": \"no-price-system\"}"
        case .undecided: "{\"verdict\": \"undecided\"}"
        }
    }

    static func effect(_ effect: OutcomeAnalysis.ProjectEffect) -> String {
        var fields: [(String, String)] = [
            ("project", string(effect.project)),
            ("cost", effect.cost.description),
            ("selected", boolean(effect.selected)),
            ("fundedByMES", boolean(effect.fundedByMES)),
            ("effectiveSupport", effect.effectiveSupport.map { "\($0)" } ?? "null"),
        ]
        if !effect.fundedByMES {
            fields.append(("supportersStarted", number(effect.supportersStarted)))
            fields.append(("supportersLeft", number(effect.supportersLeft)))
            fields.append(("lostTo", "[" + effect.lostTo.map { "{\"project\": \(string($0.project)), \"amount\": \(number($0.amount))}" }
                .joined(separator: ", ") + "]"))
        }
        return "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func string(_ text: String) -> String { PB.jsonString(text) }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return "\(value)"
    }

    static func boolean(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "null" }
}
