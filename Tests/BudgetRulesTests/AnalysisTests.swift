import BigInt
import Foundation
import Testing
@testable import BudgetRules

/// pabutools' answers (scripts/pb-reference.py --analyses) in Fixtures/Analysis:
/// `<file>.<rule>.json` for the shared approval files under 300 KB, and
/// `random-NN.json` for small random elections carried as .pb text.
enum AnalysisFixtures {
    struct Real: Decodable, Sendable, CustomTestStringConvertible {
        let file: String
        let rule: String
        let selected: [String]
        let gini: String
        let percentNonEmptyHanded: String
        let averageCostSatisfaction: String
        let priceable: Bool?
        let effectiveSupports: [String: Int?]
        var testDescription: String { "\(rule) \(file)" }
    }

    struct Random: Decodable, Sendable, CustomTestStringConvertible {
        struct Check: Decodable, Sendable {
            let allocation: String
            let selected: [String]
            let ejrUpToOne: Bool
            let priceable: Bool?
            let gini: String
            let percentNonEmptyHanded: String
            let averageCostSatisfaction: String
            let effectiveSupports: [String: Int?]
        }

        let seed: Int
        let pb: String
        let checks: [Check]
        var testDescription: String { "random election \(seed)" }
    }

    static var folder: URL? { Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("Analysis") }

    static func load<T: Decodable>(_ type: T.Type, where include: (String) -> Bool) -> [T] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".json") && include($0) }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
            return try? JSONDecoder().decode(T.self, from: data)
        }
    }

    static let real = load(Real.self) { !$0.hasPrefix("random-") }
    static let random = load(Random.self) { $0.hasPrefix("random-") }

    /// pabutools' exact fractions, "p/q".
    static func value(_ fraction: String) -> Double {
        let parts = fraction.split(separator: "/")
        guard parts.count == 2, let p = BigInt(String(parts[0])), let q = BigInt(String(parts[1])) else { return .nan }
        return SatisfactionMeasures.ratio(p, q)
    }
}

func close(_ value: Double?, _ expected: Double, relative: Double = 1e-9) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= relative * max(abs(expected), 1e-300) || (expected == 0 && abs(value) < 1e-12)
}

@Suite struct AnalysisAgreementTests {
    @Test func fixturesArePresent() {
        #expect(AnalysisFixtures.random.count >= 40)
        #expect(Set(AnalysisFixtures.real.map(\.rule)) == ["mes", "greedy"])
        #expect(AnalysisFixtures.random.flatMap(\.checks).contains { !$0.ejrUpToOne }, "some allocations break EJR up to one")
        #expect(AnalysisFixtures.random.flatMap(\.checks).contains { $0.priceable == true })
    }

    @Test(arguments: AnalysisFixtures.random)
    func smallElectionsAgreeWithPabutoolsBruteForce(_ fixture: AnalysisFixtures.Random) throws {
        let election = try PabulibReader.read(fixture.pb)
        for check in fixture.checks {
            let report = try OutcomeAnalysis.analyse(election, selected: check.selected)
            let label = "\(check.allocation) \(check.selected)"
            #expect(report.ejrUpToOne == check.ejrUpToOne, "\(label)")
            #expect(report.priceable == check.priceable, "\(label): \(String(describing: report.priceability))")
            #expect(close(report.giniCostSatisfaction, AnalysisFixtures.value(check.gini)), "\(label)")
            #expect(close(report.percentNonEmptyHanded, AnalysisFixtures.value(check.percentNonEmptyHanded)), "\(label)")
            #expect(close(report.averageCostSatisfaction, AnalysisFixtures.value(check.averageCostSatisfaction)), "\(label)")
            expectSupports(report, check.effectiveSupports, label)
        }
    }

    @Test(.enabled(if: SharedData.isPresent, "../shared/data/pabulib is not here"), arguments: AnalysisFixtures.real)
    func sharedFilesAgreeWithPabutools(_ fixture: AnalysisFixtures.Real) throws {
        let election = try SharedData.election(fixture.file)
        let parts: OutcomeAnalysis.Parts = fixture.effectiveSupports.isEmpty ? [.satisfaction, .priceability] : [.satisfaction, .priceability, .effects]
        let report = try OutcomeAnalysis.analyse(election, selected: fixture.selected, parts: parts)
        #expect(close(report.giniCostSatisfaction, AnalysisFixtures.value(fixture.gini)))
        #expect(close(report.percentNonEmptyHanded, AnalysisFixtures.value(fixture.percentNonEmptyHanded)))
        #expect(close(report.averageCostSatisfaction, AnalysisFixtures.value(fixture.averageCostSatisfaction)))
        if let priceable = fixture.priceable {
            #expect(report.priceable == priceable, "\(String(describing: report.priceability))")
        }
        expectSupports(report, fixture.effectiveSupports, fixture.file)
    }

    /// Where pabutools raises (a project nobody approves, or costing nothing) there is nothing to compare.
    func expectSupports(_ report: OutcomeAnalysis.Report, _ expected: [String: Int?], _ label: String) {
        guard let projects = report.projects else { return }
        for effect in projects {
            guard let wanted = expected[effect.project], let wanted else { continue }
            #expect(effect.effectiveSupport == wanted, "\(label): effective support of \(effect.project)")
        }
    }
}

/// Small elections written out by hand, one per idea.
enum Toy {
    /// Projects "id:cost", ballots as lists of ids.
    static func election(budget: Int, projects: [String], ballots: [[String]], type: VoteType = .approval) -> Election {
        let parsed = projects.map { spec -> Project in
            let parts = spec.split(separator: ":")
            let id = String(parts[0])
            let cost = Int(parts[1]) ?? 0
            return Project(id: id, cost: Amount(cost), fields: ["project_id": id, "cost": "\(cost)"])
        }
        let votes = ballots.enumerated().map { index, ballot in
            Vote(voterID: "v\(index)", projects: ballot, points: type == .cumulative ? ballot.map { _ in Amount(1) } : nil,
                 row: ["v\(index)", ballot.joined(separator: ",")])
        }
        return Election(
            meta: [("budget", "\(budget)"), ("vote_type", type.rawValue)], projectColumns: ["project_id", "cost"], projects: parsed,
            voteColumns: ["voter_id", "vote"], votes: votes, budget: Amount(budget), voteType: type)
    }

    static func repeated(_ ballot: [String], _ times: Int) -> [[String]] { Array(repeating: ballot, count: times) }
}

@Suite struct SatisfactionTests {
    @Test func giniIsZeroWhenEveryoneGetsTheSame() throws {
        let election = Toy.election(budget: 100, projects: ["a:50", "b:50"], ballots: [["a"], ["b"], ["a"], ["b"]])
        let report = try OutcomeAnalysis.analyse(election, selected: ["a", "b"], parts: .satisfaction)
        #expect(report.giniCostSatisfaction == 0)
        #expect(report.averageCostSatisfaction == 50)
        #expect(report.percentNonEmptyHanded == 1)
    }

    @Test func giniFollowsPabutoolsFormulaWithRepeatedBallots() throws {
        // Satisfactions 0, 0, 30, 30, 30, 90: N = 6, sorted, G = (N + 1 − 2·Σ vᵢ(N − i) / S) / N.
        let election = Toy.election(
            budget: 100, projects: ["a:30", "b:60", "c:40"],
            ballots: [["c"], ["c"]] + Toy.repeated(["a"], 3) + [["a", "b"]])
        let report = try OutcomeAnalysis.analyse(election, selected: ["a", "b"], parts: .satisfaction)
        let values = [0.0, 0, 30, 30, 30, 90]
        let n = Double(values.count)
        let weighted = values.enumerated().reduce(0.0) { $0 + $1.element * (n - Double($1.offset)) }
        let expected = (n + 1 - 2 * weighted / values.reduce(0, +)) / n
        #expect(close(report.giniCostSatisfaction, expected, relative: 1e-12))
        #expect(report.percentNonEmptyHanded == 4.0 / 6.0)
        #expect(report.averageCostSatisfaction == 30)
    }

    @Test func aVoterWithAFundedProjectIsNotEmptyHandedEvenIfItCostsNothing() throws {
        let election = Toy.election(budget: 10, projects: ["free:0", "x:10"], ballots: [["free"], ["x"], []])
        let report = try OutcomeAnalysis.analyse(election, selected: ["free"], parts: .satisfaction)
        #expect(close(report.percentNonEmptyHanded, 1.0 / 3.0))
        #expect(report.giniCostSatisfaction == 0)  // pabutools: all satisfactions 0 gives 0
    }
}

@Suite struct JustifiedRepresentationTests {
    @Test func aGroupThatCouldAffordAProjectAndGetsNothingBreaksEJR() throws {
        // Two of four voters hold half the budget of 100 and both want c and d (50 together), yet get
        // nothing; even given d they would have 25, short of 50.
        let election = Toy.election(
            budget: 100, projects: ["a:50", "b:50", "c:25", "d:25"], ballots: [["a", "b"], ["a", "b"], ["c", "d"], ["c", "d"]])
        let report = try OutcomeAnalysis.analyse(election, selected: ["a", "b"], parts: .ejr)
        #expect(report.ejrUpToOne == false)
        #expect(report.ejrViolation == OutcomeAnalysis.EJRViolation(projects: ["c", "d"], voters: 2))
    }

    @Test func oneProjectAloneIsAlwaysForgiven() throws {
        // Up to one project: a group wanting a single project is satisfied once given it in thought.
        let election = Toy.election(budget: 100, projects: ["a:50", "b:50", "c:50"], ballots: [["a", "b"], ["a", "b"], ["c"], ["c"]])
        #expect(try OutcomeAnalysis.analyse(election, selected: ["a", "b"], parts: .ejr).ejrUpToOne == true)
    }

    @Test func aGroupTooSmallForItsProjectsHasNoClaim() throws {
        // One voter in four holds 25; c and d cost 50 together.
        let election = Toy.election(
            budget: 100, projects: ["a:50", "b:50", "c:25", "d:25"], ballots: [["a", "b"], ["a", "b"], ["a", "b"], ["c", "d"]])
        #expect(try OutcomeAnalysis.analyse(election, selected: ["a", "b"], parts: .ejr).ejrUpToOne == true)
    }

    @Test func oneMoreProjectMakesUpTheShortfall() throws {
        // The group of two could pay for {c, d} (cost 50) and gets c (20); with d (30) added
        // they would reach 50, so EJR up to one holds; EJR itself would not.
        let election = Toy.election(
            budget: 100, projects: ["a:50", "c:20", "d:30"], ballots: [["a"], ["a"], ["c", "d"], ["c", "d"]])
        #expect(try OutcomeAnalysis.analyse(election, selected: ["a", "c"], parts: .ejr).ejrUpToOne == true)
        // Without c they are short of 50 even with d (30): broken.
        #expect(try OutcomeAnalysis.analyse(election, selected: ["a"], parts: .ejr).ejrUpToOne == false)
    }

    @Test func theSearchFindsWhatTryingEverySetFinds() throws {
        // The pruned depth-first search against the plain definition over every project set.
        var disagreements: [UInt64] = []
        var failures = 0
        for generated in Generated.all {
            let election = generated.election
            var random = SplitMix(generated.seed)
            // Outcomes from generous to empty, so that many break EJR up to one.
            for every in [2, 3, 6, Int.max] {
                let selected = election.projects.filter { _ in every < Int.max && random.next() % UInt64(every) == 0 }.map(\.id)
                let report = try OutcomeAnalysis.analyse(election, selected: selected, parts: .ejr)
                if report.ejrUpToOne != everySetSatisfiesEJRUpToOne(election, selected: Set(selected)) { disagreements.append(generated.seed) }
                if report.ejrUpToOne == false { failures += 1 }
            }
        }
        #expect(disagreements.isEmpty)
        #expect(failures >= 100, "enough outcomes break EJR up to one for the comparison to mean something (\(failures))")
    }

    /// For every nonempty project set T, the voters approving all of T whose
    /// satisfaction plus T's dearest unfunded project is below cost(T) must
    /// be too few to pay for T.
    func everySetSatisfiesEJRUpToOne(_ election: Election, selected: Set<String>) -> Bool {
        let projects = election.projects
        let n = election.votes.count
        let budget = election.budget.units
        let satisfaction = election.votes.map { vote in
            projects.filter { selected.contains($0.id) && vote.projects.contains($0.id) }.reduce(BigInt(0)) { $0 + $1.cost.units }
        }
        for mask in 1..<(1 << projects.count) {
            let set = projects.indices.filter { mask & (1 << $0) != 0 }.map { projects[$0] }
            let cost = set.reduce(BigInt(0)) { $0 + $1.cost.units }
            let dearest = set.filter { !selected.contains($0.id) }.map(\.cost.units).max() ?? 0
            let unsatisfied = election.votes.indices.filter { i in
                set.allSatisfy { election.votes[i].projects.contains($0.id) } && satisfaction[i] + dearest < cost
            }
            if !unsatisfied.isEmpty, BigInt(unsatisfied.count) * budget >= BigInt(n) * cost { return false }
        }
        return true
    }
}

@Suite struct PriceabilityTests {
    @Test func anOutcomeThatLeavesRoomForAnotherProjectIsNotPriceable() throws {
        let election = Toy.election(budget: 100, projects: ["a:40", "b:40"], ballots: [["a"], ["b"]])
        let report = try OutcomeAnalysis.analyse(election, selected: ["a"], parts: .priceability)
        #expect(report.priceability == .notExhaustive(project: "b"))
    }

    @Test func equalSharesThatPayForEverythingArePriceable() throws {
        // Each of four voters holds 25; a costs 50 (two supporters), b 50 (two others).
        let election = Toy.election(budget: 100, projects: ["a:50", "b:50", "c:60"], ballots: [["a"], ["a"], ["b"], ["b", "c"]])
        let report = try OutcomeAnalysis.analyse(election, selected: ["a", "b"], parts: .priceability)
        #expect(report.priceable == true)
        if case .priceable(let b) = report.priceability { #expect(b >= 25 - 1e-9) }
    }

    @Test func supportersLeftWithMoreThanAProjectCostsMakeItUnpriceable() throws {
        // Three voters want only c (cost 55) and pay nothing: whatever b ≥ 25 is, they keep 3·b ≥ 75 > 55.
        let election = Toy.election(budget: 100, projects: ["a:50", "c:55"], ballots: [["a"], ["c"], ["c"], ["c"]])
        let report = try OutcomeAnalysis.analyse(election, selected: ["a"], parts: .priceability)
        #expect(report.priceability == .noPriceSystem)
    }

    @Test func cutsOnSpendingGiveTheAnswerOfPaymentsProjectByProject() throws {
        // Generated elections, outcomes filled in a random order until nothing fits (so
        // exhaustive): the reduced system with Hall cuts against the plain one with a
        // payment per distinct ballot and funded project.
        var priceable = 0
        var compared = 0
        for generated in Generated.all {
            let election = generated.election
            let prepared = try PreparedElection(election)
            var random = SplitMix(generated.seed ^ 0x5EED)
            var order = Array(prepared.ids.indices)
            for i in order.indices.reversed() { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
            var funded = [Bool](repeating: false, count: order.count)
            var spent: Int64 = 0
            for project in order where spent + prepared.costs[project] <= prepared.budget {
                funded[project] = true
                spent += prepared.costs[project]
            }
            let groups = ApprovalGroups(prepared, funded: funded)
            let verdict = Priceability.check(groups)
            var isPriceable = false
            if case .priceable = verdict { isPriceable = true }
            guard verdict == .noPriceSystem || isPriceable else { continue }
            #expect(isPriceable == paymentsExist(groups), "seed \(generated.seed): \(verdict)")
            compared += 1
            if isPriceable { priceable += 1 }
        }
        #expect(compared >= 100)
        #expect(priceable >= 20 && compared - priceable >= 20, "\(priceable) of \(compared) priceable")
    }

    /// The priceability system with one payment share per distinct ballot and funded project (b = budget / (n·τ)).
    func paymentsExist(_ groups: ApprovalGroups) -> Bool {
        var system = LinearFeasibility()
        let k = Double(groups.voterCount) / Double(groups.budget)
        let tau = system.addColumn(upper: 1)
        var payments: [(group: Int, project: Int, column: Int)] = []
        for (group, ballot) in groups.ballots.enumerated() {
            for project in ballot.map({ Int($0) }) where groups.funded[project] {
                payments.append((group, project, system.addColumn(upper: 1)))
            }
        }
        for group in groups.ballots.indices {
            system.addRow(.atMost, 1, payments.filter { $0.group == group }.map { ($0.column, 1) })
        }
        for project in 0..<groups.projectCount where groups.funded[project] {
            system.addRow(.equal, 0, [(tau, -k * Double(groups.costs[project]))]
                + payments.filter { $0.project == project }.map { ($0.column, Double(groups.multiplicity[$0.group])) })
        }
        for project in 0..<groups.projectCount where groups.approvals[project] > 0 {
            let extra = groups.funded[project] ? 10 * Double(groups.budget) : 0
            let supporters = Set(groups.supporters[project].map { Int($0) })
            system.addRow(.atLeast, Double(groups.approvals[project]), [(tau, k * (Double(groups.costs[project]) + extra))]
                + payments.filter { supporters.contains($0.group) }.map { ($0.column, Double(groups.multiplicity[$0.group])) })
        }
        if case .feasible = system.solve() { return true }
        return false
    }

    @Test func anOutcomeOverTheBudgetIsNotPriceable() throws {
        let election = Toy.election(budget: 100, projects: ["a:60", "b:60"], ballots: [["a"], ["b"]])
        #expect(try OutcomeAnalysis.analyse(election, selected: ["a", "b"], parts: .priceability).priceability == .overBudget)
    }
}

@Suite struct ProjectEffectTests {
    @Test func aFundedProjectHasAnEffectiveSupportOfAtLeast100() throws {
        let election = Toy.election(budget: 100, projects: ["a:50", "b:80"], ballots: [["a"], ["a"], ["b"], ["a", "b"]])
        let report = try OutcomeAnalysis.analyse(election, selected: ["a"], parts: .effects)
        let effects = try #require(report.projects)
        #expect((effects.first { $0.project == "a" }?.effectiveSupport ?? 0) >= 100)
    }

    @Test func effectiveSupportIsWhatTheSupportersCouldCoverAtBest() throws {
        // Each of four voters holds 25. MES buys a (cost 40) from its three supporters at 40/3 each;
        // b (cost 80) has one supporter, who covers 25 of 80 at the end: ⌊100 · 25 / 80⌋ = 31.
        let election = Toy.election(budget: 100, projects: ["a:40", "b:80"], ballots: [["a"], ["a"], ["a"], ["b"]])
        let report = try OutcomeAnalysis.analyse(election, selected: ["a"], parts: .effects)
        let b = try #require(report.projects?.first { $0.project == "b" })
        #expect(b.effectiveSupport == 31)
        #expect(b.fundedByMES == false)
    }

    @Test func anUnfundedProjectLosesWhatItsSupportersPaidForOthers() throws {
        // Four voters hold 25 each. a (cost 60) is bought by all four at 15 each; then c (cost 40),
        // supported by two who have 10 left each, is out of reach: they paid 30 for a.
        let election = Toy.election(budget: 100, projects: ["a:60", "c:40"], ballots: [["a"], ["a"], ["a", "c"], ["a", "c"]])
        let report = try OutcomeAnalysis.analyse(election, selected: ["a"], parts: .effects)
        let c = try #require(report.projects?.first { $0.project == "c" })
        #expect(c.lostTo == [.init(project: "a", amount: 30)])
        #expect(c.supportersStarted == 50)
        #expect(c.supportersLeft == 20)
    }

    @Test func aProjectEveryoneWantsCouldHaveBeenPaidTwice() throws {
        // Four voters hold 25 each; a (cost 50) is wanted by all. Left out, MES buys nothing and
        // its supporters keep 100: 200 % of its cost.
        let election = Toy.election(budget: 100, projects: ["a:50"], ballots: Toy.repeated(["a"], 4))
        let report = try OutcomeAnalysis.analyse(election, selected: ["a"], parts: .effects)
        #expect(report.projects?.first?.effectiveSupport == 200)
    }

    @Test func theFloatingPointShortcutAgreesWithExactArithmetic() throws {
        var compared = 0
        for generated in Generated.all {
            let election = generated.election
            let prepared = try PreparedElection(election)
            let outcome = try Tally.run(.mes, on: election)
            let funded = prepared.ids.map { outcome.selectedInOrder.contains($0) }
            let groups = ApprovalGroups(prepared, funded: funded)
            let fast = try ProjectEffects(election: election, groups: groups).compute()
            var exactEffects = ProjectEffects(election: election, groups: groups)
            exactEffects.exactOnly = true
            let exact = try exactEffects.compute()
            #expect(fast.map(\.effectiveSupport) == exact.map(\.effectiveSupport), "seed \(generated.seed)")
            #expect(fast.map(\.lostTo.count) == exact.map(\.lostTo.count), "seed \(generated.seed)")
            compared += fast.count
        }
        #expect(compared > 500)
    }

    @Test func leavingAProjectOutIsAnElectionWithoutIt() throws {
        let election = Toy.election(budget: 100, projects: ["a:60", "c:40"], ballots: [["a"], ["a", "c"], ["c"]])
        let groups = ApprovalGroups(try PreparedElection(election), funded: [true, false])
        let reduced = ProjectEffects(election: election, groups: groups).without(0)
        #expect(reduced.projects.map(\.id) == ["c"])
        #expect(reduced.votes.map(\.projects) == [[], ["c"], ["c"]])
        #expect(reduced.votes.count == election.votes.count)  // every voter keeps budget / n
    }
}

@Suite struct AnalysisInputTests {
    @Test func pointsBallotsAreRefused() {
        let election = Toy.election(budget: 10, projects: ["a:5"], ballots: [["a"]], type: .cumulative)
        #expect(throws: AnalysisError.unsupportedVoteType(.cumulative)) { try OutcomeAnalysis.analyse(election, selected: []) }
    }

    @Test func anOutcomeNamingAnUnknownProjectIsRefused() {
        let election = Toy.election(budget: 10, projects: ["a:5"], ballots: [["a"]])
        #expect(throws: AnalysisError.unknownProject("zz")) { try OutcomeAnalysis.analyse(election, selected: ["zz"]) }
    }

    @Test func anElectionWithoutVotersOrBudgetStillAnswers() throws {
        let empty = Toy.election(budget: 0, projects: ["a:5"], ballots: [])
        let report = try OutcomeAnalysis.analyse(empty, selected: [])
        #expect(report.ejrUpToOne == true)
        #expect(report.giniCostSatisfaction == 0)
        #expect(report.percentNonEmptyHanded == 0)
    }
}
