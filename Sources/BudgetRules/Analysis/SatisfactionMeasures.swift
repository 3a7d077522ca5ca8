import BigInt

/// How the funded money reaches voters, measured as pabutools measures it
/// with cost satisfaction: a voter's satisfaction is the total cost of the
/// funded projects they voted for.
///
/// Everything is summed exactly over the groups of identical ballots (a
/// group of m voters counts m times) and turned into a Double only at the
/// end, so a file of 500 000 ballots costs one pass over its distinct ballots.
struct SatisfactionMeasures: Sendable, Equatable {
    /// pabutools `avg_satisfaction(…, Cost_Sat)`, in currency units.
    var averageCostSatisfaction: Double
    /// pabutools `gini_coefficient_of_satisfaction(…, Cost_Sat)`: 0 when all
    /// voters get the same, near 1 when a few get everything.
    var giniCostSatisfaction: Double
    /// pabutools `percent_non_empty_handed`: the share (0…1) of voters with
    /// at least one funded project among those they voted for.
    var percentNonEmptyHanded: Double

    init(_ groups: ApprovalGroups) {
        let n = groups.voterCount
        guard n > 0 else {
            self.init(average: 0, gini: 0, nonEmptyHanded: 0)
            return
        }
        let satisfaction = groups.costSatisfaction
        var total = BigInt(0)
        var nonEmpty: Int64 = 0
        for group in 0..<groups.groupCount {
            total += BigInt(satisfaction[group]) * BigInt(groups.multiplicity[group])
            if groups.ballots[group].contains(where: { groups.funded[Int($0)] }) { nonEmpty += groups.multiplicity[group] }
        }
        let average = Self.ratio(total, BigInt(n)) / pow10(groups.scale)
        let gini = Self.gini(satisfaction, multiplicity: groups.multiplicity, voters: n, total: total)
        self.init(average: average, gini: gini, nonEmptyHanded: Double(nonEmpty) / Double(n))
    }

    init(average: Double, gini: Double, nonEmptyHanded: Double) {
        averageCostSatisfaction = average
        giniCostSatisfaction = gini
        percentNonEmptyHanded = nonEmptyHanded
    }

    /// pabutools' `gini_coefficient`: with the N values sorted ascending as
    /// v₀ ≤ … ≤ v_{N−1} and S their sum, G = (N + 1 − 2·Σᵢ vᵢ·(N − i) / S) / N,
    /// and 0 when every value is 0. A group of m equal values at positions
    /// i … i+m−1 contributes v·(m·N − m·i − m(m−1)/2), so the sum is exact
    /// over groups; G = ((N + 1)·S − 2·T) / (N·S) is divided once, at the end.
    static func gini(_ values: [Int64], multiplicity: [Int64], voters n: Int64, total: BigInt) -> Double {
        guard total > 0 else { return 0 }
        let order = values.indices.sorted { values[$0] < values[$1] }
        let count = BigInt(n)
        var weighted = BigInt(0)
        var position = BigInt(0)
        for group in order {
            let m = BigInt(multiplicity[group])
            weighted += BigInt(values[group]) * (m * count - m * position - m * (m - 1) / 2)
            position += m
        }
        return ratio((count + 1) * total - 2 * weighted, count * total)
    }

    /// a / b as the nearest Double, for integers too large to convert first.
    static func ratio(_ a: BigInt, _ b: BigInt) -> Double {
        // Shift both so the quotient keeps 64 significant bits, then convert.
        let shift = max(0, 64 - (significantBits(a) - significantBits(b)))
        let quotient = (a << shift) / b
        return Double(quotient) / pow2(shift)
    }

    /// BigUInt's bitWidth counts significant bits only.
    static func significantBits(_ x: BigInt) -> Int { x.magnitude.bitWidth }

    static func pow2(_ n: Int) -> Double {
        var value = 1.0
        for _ in 0..<n { value *= 2 }
        return value
    }
}
