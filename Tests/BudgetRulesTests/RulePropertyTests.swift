import BigInt
import Foundation
import Testing
@testable import BudgetRules

/// Generated elections: small, with many equal costs and identical ballots,
/// so ties and near-ties (the exact path) happen often.
struct Generated: Sendable, CustomTestStringConvertible {
    let seed: UInt64
    let election: Election
    var testDescription: String { "seed \(seed)" }

    init(seed: UInt64) {
        self.seed = seed
        var random = SplitMix(seed)
        let projectCount = Int(random.next() % 8) + 2
        let voterCount = Int(random.next() % 40) + 1
        let costs = (0..<projectCount).map { _ in Int(random.next() % 6 + 1) * 10 }
        let budget = Int(random.next() % UInt64(costs.reduce(0, +))) + 10
        let projects = (0..<projectCount).map { i in
            Project(id: "p\(i)", cost: Amount(costs[i]), fields: ["project_id": "p\(i)", "cost": "\(costs[i])"])
        }
        var votes: [Vote] = []
        for v in 0..<voterCount {
            let chosen = (0..<projectCount).filter { _ in random.next() % 3 == 0 }.map { "p\($0)" }
            votes.append(Vote(voterID: "v\(v)", projects: chosen, points: nil, row: ["v\(v)", chosen.joined(separator: ",")]))
        }
        election = Election(
            meta: [("budget", "\(budget)"), ("vote_type", "approval")], projectColumns: ["project_id", "cost"],
            projects: projects, voteColumns: ["voter_id", "vote"], votes: votes, budget: Amount(budget), voteType: .approval)
    }

    static let all = (1...300).map { Generated(seed: UInt64($0)) }
}

struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A plain exact MES in rationals, written from the definition, to check the fast one.
func naiveEqualShares(_ election: Election, increment: Int = 0, cardinality: Bool = false) -> [String] {
    let n = election.votes.count
    guard n > 0 else { return [] }
    let budgetUnits = BigInt(election.budget.units)
    var budget = [Rational](repeating: Rational(budgetUnits, BigInt(n)) + Rational(BigInt(increment)), count: n)
    let supporters = election.projects.map { project in election.votes.indices.filter { election.votes[$0].projects.contains(project.id) } }
    var remaining = Set(election.projects.indices.filter { !supporters[$0].isEmpty && election.projects[$0].cost > .zero })
    var selected = election.projects.indices.filter { !supporters[$0].isEmpty && election.projects[$0].cost == .zero }
    while true {
        var best: (project: Int, rho: Rational, price: Rational)?
        for p in remaining.sorted() {
            let cost = Rational(election.projects[p].cost.units)
            let mine = supporters[p].map { budget[$0] }.sorted()
            var total = Rational.zero
            for b in mine { total = total + b }
            if total < cost { remaining.remove(p); continue }
            var paid = Rational.zero
            var count = mine.count
            var price = Rational.zero
            for b in mine {
                price = (cost - paid) / BigInt(count)
                if !(b < price) { break }
                paid = paid + b
                count -= 1
            }
            // Cost utilities: the price per unit of cost; cardinality: the price itself.
            let rho = cardinality ? price : price / cost
            if best == nil || rho < best!.rho || (rho == best!.rho && election.projects[p].id.unicodeScalars.lexicographicallyPrecedes(election.projects[best!.project].id.unicodeScalars)) {
                best = (p, rho, price)
            }
        }
        guard let chosen = best else { break }
        remaining.remove(chosen.project)
        selected.append(chosen.project)
        for voter in supporters[chosen.project] {
            budget[voter] = budget[voter] < chosen.price ? .zero : budget[voter] - chosen.price
        }
    }
    return selected.map { election.projects[$0].id }.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
}

/// MES-Add1 by its definition: one currency unit more per voter at a time.
func naiveAdd1(_ election: Election) -> [String] {
    let costs = Dictionary(uniqueKeysWithValues: election.projects.map { ($0.id, $0.cost) })
    let approved = Set(election.votes.flatMap(\.projects))
    func cost(_ ids: [String]) -> Amount { ids.reduce(Amount.zero) { $0 + (costs[$1] ?? .zero) } }
    var previous: [String] = election.projects.filter { $0.cost == .zero && approved.contains($0.id) }.map(\.id).sorted()
    for increment in 0... {
        let outcome = naiveEqualShares(election, increment: increment)
        if cost(outcome) > election.budget { return previous }
        let spent = cost(outcome)
        let exhaustive = !election.projects.contains {
            approved.contains($0.id) && $0.cost > .zero && !outcome.contains($0.id) && spent + $0.cost <= election.budget
        }
        if exhaustive { return outcome }
        previous = outcome
    }
    return previous
}

/// The utilitarian optimum by trying every set (the generated elections have at most nine projects).
func bruteForceWelfare(_ election: Election) -> Amount {
    let supporters = election.projects.map { project in Int64(election.votes.filter { $0.projects.contains(project.id) }.count) }
    var best = Amount.zero
    for mask in 0..<(1 << election.projects.count) {
        var cost = Amount.zero
        var welfare = Amount.zero
        for (index, project) in election.projects.enumerated() where mask & (1 << index) != 0 {
            cost = cost + project.cost
            welfare = welfare + Amount(units: project.cost.units * BigInt(supporters[index]), scale: project.cost.scale)
        }
        if cost <= election.budget, welfare > best { best = welfare }
    }
    return best
}

@Suite struct RulePropertyTests {
    @Test(arguments: Generated.all)
    func noOutcomeExceedsTheBudget(_ generated: Generated) throws {
        // greedy-reserve-80 may exceed the budget by design: the reserve pays the rest.
        for rule in Rule.allCases where rule != .greedyThreshold && rule != .greedyReserve80 {
            let outcome = try Tally.run(rule, on: generated.election)
            #expect(outcome.cost <= outcome.budget, "\(rule)")
        }
    }

    @Test(arguments: Generated.all)
    func greedyWithSkippingIsExhaustive(_ generated: Generated) throws {
        let outcome = try Tally.run(.greedy, on: generated.election)
        let scores = try Tally.scores(of: generated.election)
        let chosen = Set(outcome.selected)
        for project in generated.election.projects where !chosen.contains(project.id) && (scores[project.id] ?? .zero) > .zero {
            #expect(outcome.cost + project.cost > outcome.budget, "\(project.id) would still fit")
        }
    }

    @Test(arguments: Generated.all)
    func equalSharesMatchesAnExactReferenceImplementation(_ generated: Generated) throws {
        #expect(try Tally.run(.mes, on: generated.election).selected == naiveEqualShares(generated.election))
    }

    /// The defining condition: in every round the supporters who pay less than
    /// the price pay everything they have, the rest pay the same price, and
    /// together they pay exactly the cost.
    @Test(arguments: Generated.all)
    func everyPurchaseIsPaidInEqualSharesExactly(_ generated: Generated) throws {
        let prepared = try PreparedElection(generated.election)
        let engine = EqualShares(prepared)
        let n = BigInt(prepared.voterCount)
        var budget = [Rational](repeating: Rational(BigInt(prepared.budget)), count: prepared.groupCount)
        _ = engine.run(increment: 0) { round, price in
            var paid = Rational.zero
            for group in prepared.supporters[round.project] {
                let g = Int(group)
                let m = BigInt(prepared.multiplicity[g])
                if budget[g] < price {
                    paid = paid + budget[g] * m
                    budget[g] = .zero
                } else {
                    paid = paid + price * m
                    budget[g] = budget[g] - price
                }
                #expect(!(budget[g] < .zero))
            }
            #expect(paid == Rational(BigInt(prepared.costs[round.project]) * n))
        }
    }

    @Test(arguments: Generated.all)
    func add1SkipsOnlyIncrementsWhoseOutcomeCannotChange(_ generated: Generated) throws {
        #expect(try Tally.run(.mesAdd1, on: generated.election).selected == naiveAdd1(generated.election))
    }

    @Test(arguments: Generated.all)
    func cardinalEqualSharesBuysTheLowestPricePerSupporter(_ generated: Generated) throws {
        #expect(try Tally.run(.mesCardinality, on: generated.election).selected == naiveEqualShares(generated.election, cardinality: true))
    }

    @Test(arguments: Generated.all)
    func maxWelfareReachesTheOptimumOfEverySet(_ generated: Generated) throws {
        let outcome = try Tally.run(.maxWelfare, on: generated.election)
        #expect(outcome.cost <= outcome.budget)
        #expect(try ReferenceAgreementTests.welfare(of: outcome.selected, in: generated.election) == bruteForceWelfare(generated.election))
    }

    @Test(arguments: Generated.all)
    func mesThenGreedyKeepsTheEqualSharesOutcomeAndFillsTheRest(_ generated: Generated) throws {
        let mes = Set(try Tally.run(.mes, on: generated.election).selected)
        let outcome = try Tally.run(.mesThenGreedy, on: generated.election)
        #expect(mes.isSubset(of: Set(outcome.selected)))
        #expect(outcome.cost <= outcome.budget)
    }

    @Test(arguments: Generated.all.prefix(100))
    func add1NeverExceedsTheBudgetAndStopsWhenExhaustive(_ generated: Generated) throws {
        let outcome = try Tally.run(.mesAdd1, on: generated.election)
        #expect(outcome.cost <= outcome.budget)
    }
}

@Suite struct ExplanationTests {
    @Test(arguments: Generated.all.prefix(100))
    func explanationAccountsForEveryFundedProjectAndItsCost(_ generated: Generated) throws {
        for rule in [Rule.mes, .mesAdd1] {
            let outcome = try Tally.run(rule, on: generated.election)
            let explanation = try Tally.explainEqualShares(rule, on: generated.election)
            let funded = Set(explanation.funded.map(\.project))
            let free = Set(generated.election.projects.filter { $0.cost == .zero }.map(\.id))
            #expect(funded.union(free.intersection(outcome.selected)) == Set(outcome.selected))
            for item in explanation.funded {
                let paid = item.payments.reduce(0.0) { $0 + $1.amount * Double($1.voters) }
                #expect(abs(paid - item.cost.approximate) < 0.01, "\(item.project)")
                #expect(item.payments.dropFirst().allSatisfy { $0.amount < item.pricePerVoter })
            }
            for item in explanation.unfunded where item.supporters > 0 {
                // Unfunded means its supporters could not cover it at an equal share.
                #expect(item.supportersHadLeft < item.cost.approximate + 1e-6 || funded.isEmpty == false)
            }
        }
    }

    @Test func explanationIsRefusedForRulesWithoutOne() throws {
        let election = Generated(seed: 1).election
        #expect(throws: RuleError.self) { try Tally.explainEqualShares(.greedy, on: election) }
    }
}

@Suite struct MutuallyExclusiveProjectTests {
    static let file = """
        META
        key;value
        budget;100
        vote_type;approval
        PROJECTS
        project_id;cost
        a;50
        b;40
        c;30
        VOTES
        voter_id;vote
        1;a,b
        2;a,b
        3;a,c
        4;b
        """

    @Test func greedyNeverFundsBothProjectsOfAnExclusivePair() throws {
        let election = try PabulibReader.read(Self.file)
        #expect(try Tally.run(.greedy, on: election).selected == ["a", "b"])
        // a and b are two versions of the same park: b is passed over, c fits in its place.
        #expect(try Tally.run(.greedy, on: election, mutuallyExclusive: [("a", "b")]).selected == ["a", "c"])
    }

    @Test func rulesWithoutADefinitionForExclusionRefuseIt() throws {
        let election = try PabulibReader.read(Self.file)
        #expect(throws: RuleError.exclusionUnsupported(rule: "mes")) { try Tally.run(.mes, on: election, mutuallyExclusive: [("a", "b")]) }
    }
}

/// A file whose numbers would overflow the rules' 64-bit arithmetic is
/// refused with `tooLarge`; before, `hromada pb tally` stopped on a trap.
@Suite struct OversizedNumberTests {
    func election(budget: String, costs: [String], voters: Int = 3, voteType: String = "approval", points: [String]? = nil, meta: String = "") -> String {
        let projects = costs.enumerated().map { "p\($0.offset + 1);\($0.element)" }.joined(separator: "\n")
        let ids = costs.indices.map { "p\($0 + 1)" }.joined(separator: ",")
        let votes = (1...voters).map { v in
            points.map { "v\(v);\(ids);\($0.joined(separator: ","))" } ?? "v\(v);\(ids)"
        }.joined(separator: "\n")
        return """
            META
            key;value
            budget;\(budget)
            vote_type;\(voteType)
            \(meta)
            PROJECTS
            project_id;cost
            \(projects)
            VOTES
            voter_id;vote\(points == nil ? "" : ";points")
            \(votes)
            """
    }

    func run(_ text: String, _ rule: Rule) throws {
        _ = try Tally.run(rule, on: try PabulibReader.read(text))
    }

    @Test(arguments: [Rule.greedy, .mes, .mesAdd1, .phragmen, .greedyReserve80])
    func costsThatOverflowTimesTheVotersAreRefused(_ rule: Rule) {
        #expect(throws: RuleError.tooLarge) { try run(election(budget: "9000000000000000000", costs: ["4000000000000000000", "4000000000000000000"]), rule) }
    }

    @Test func moreThanEighteenDecimalsAreRefused() {
        #expect(throws: RuleError.tooLarge) { try run(election(budget: "1", costs: ["0.0000000000000000001"]), .greedy) }
    }

    @Test func pointsWhoseSumOverflowsAreRefused() {
        let text = election(budget: "10", costs: ["1", "2"], voteType: "cumulative", points: ["9223372036854775807", "1"])
        #expect(throws: RuleError.tooLarge) { try run(text, .greedy) }
    }

    @Test func anAbsurdRankLengthIsBoundedNotTrapped() throws {
        let text = election(budget: "10", costs: ["1", "2"], voteType: "ordinal", meta: "max_length;9223372036854775807")
        try run(text, .greedy)
    }
}
