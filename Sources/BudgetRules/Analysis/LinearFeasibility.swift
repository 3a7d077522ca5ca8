/// Whether a system of linear constraints over bounded variables has a
/// solution: Σⱼ aᵢⱼ xⱼ (≤ | ≥ | =) bᵢ for every row i, 0 ≤ xⱼ ≤ uⱼ.
///
/// A bounded-variable primal simplex, phase one only (minimise the sum of
/// artificial variables), with the basis inverse kept dense. It is meant for
/// systems with few rows (hundreds) and many sparse columns (tens of
/// thousands), which is the shape of the priceability system.
///
/// Floating point with fixed tolerances: every row is scaled so that its
/// largest coefficient or right-hand side is 1, and a point counts as a
/// solution when it breaks no scaled row by more than `tolerance` (1e-9).
/// CBC, which pabutools calls, accepts 1e-7 (its default primal tolerance),
/// so nothing this accepts would be refused there for being too far off.
struct LinearFeasibility {
    enum Relation { case atMost, atLeast, equal }

    struct Row {
        var relation: Relation
        var rhs: Double
    }

    static let tolerance = 1e-9

    var rows: [Row] = []
    /// Per column, its nonzero coefficients by row.
    var columns: [[(row: Int, value: Double)]] = []
    /// Per column, its upper bound (the lower bound is 0); `.infinity` for none.
    var upper: [Double] = []

    mutating func addColumn(upper bound: Double, _ entries: [(row: Int, value: Double)] = []) -> Int {
        columns.append(entries)
        upper.append(bound)
        return columns.count - 1
    }

    mutating func addRow(_ relation: Relation, _ rhs: Double, _ entries: [(column: Int, value: Double)]) {
        let row = rows.count
        rows.append(Row(relation: relation, rhs: rhs))
        for (column, value) in entries where value != 0 { columns[column].append((row, value)) }
    }

    enum Answer {
        case feasible([Double])
        case infeasible
        /// Rounding kept the simplex from finishing within its pivot limit; no guess is made.
        case undecided
    }

    func solve() -> Answer {
        var solver = PhaseOne(self)
        return solver.run()
    }

    /// The largest amount by which x breaks a row, each row scaled as in `solve`.
    func worstViolation(_ x: [Double]) -> Double {
        var lhs = [Double](repeating: 0, count: rows.count)
        var scale = rows.map { abs($0.rhs) }
        for (j, column) in columns.enumerated() {
            for (row, value) in column {
                lhs[row] += value * x[j]
                scale[row] = max(scale[row], abs(value))
            }
        }
        var worst = 0.0
        for (i, row) in rows.enumerated() {
            let s = scale[i] > 0 ? scale[i] : 1
            let gap = (lhs[i] - row.rhs) / s
            switch row.relation {
            case .atMost: worst = max(worst, gap)
            case .atLeast: worst = max(worst, -gap)
            case .equal: worst = max(worst, abs(gap))
            }
        }
        for (j, value) in x.enumerated() { worst = max(worst, -value, value - upper[j]) }
        return worst
    }
}

/// The simplex itself. Variables are the structural columns, then one slack
/// per row (its bounds say the relation), then one artificial per row whose
/// slack cannot start feasible. Rows are scaled and signed so that every
/// right-hand side is at least 0.
private struct PhaseOne {
    let m: Int
    let structural: Int
    /// Scaled structural columns.
    let columns: [[(row: Int, value: Double)]]
    let rhs: [Double]
    var lower: [Double]
    var upper: [Double]
    var x: [Double]
    var basis: [Int]
    /// Where each variable sits in the basis, or -1.
    var position: [Int]
    /// The basis inverse, row-major, m × m.
    var inverse: [Double]
    let pivotTolerance = 1e-9
    let costTolerance = 1e-11

    init(_ system: LinearFeasibility) {
        m = system.rows.count
        structural = system.columns.count
        var scale = system.rows.map { abs($0.rhs) }
        for column in system.columns {
            for (row, value) in column { scale[row] = max(scale[row], abs(value)) }
        }
        // Scale each row to at most 1, and flip it when its right-hand side is negative.
        var factor = [Double](repeating: 1, count: m)
        var relation = system.rows.map(\.relation)
        for i in 0..<m {
            let s = scale[i] > 0 ? scale[i] : 1
            factor[i] = system.rows[i].rhs < 0 ? -1 / s : 1 / s
            if system.rows[i].rhs < 0 {
                switch relation[i] {
                case .atMost: relation[i] = .atLeast
                case .atLeast: relation[i] = .atMost
                case .equal: break
                }
            }
        }
        columns = system.columns.map { column in column.map { ($0.row, $0.value * factor[$0.row]) } }
        rhs = (0..<m).map { system.rows[$0].rhs * factor[$0] }
        let total = structural + 2 * m
        lower = [Double](repeating: 0, count: total)
        upper = system.upper + [Double](repeating: 0, count: 2 * m)
        x = [Double](repeating: 0, count: total)
        basis = []
        position = [Int](repeating: -1, count: total)
        inverse = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            let slack = structural + i
            let artificial = structural + m + i
            switch relation[i] {
            case .atMost: (lower[slack], upper[slack]) = (0, .infinity)
            case .atLeast: (lower[slack], upper[slack]) = (-.infinity, 0)
            case .equal: (lower[slack], upper[slack]) = (0, 0)
            }
            if relation[i] == .atMost {
                basis.append(slack)
                x[slack] = rhs[i]
            } else {
                basis.append(artificial)
                upper[artificial] = .infinity
                x[artificial] = rhs[i]
            }
            position[basis[i]] = i
            inverse[i * m + i] = 1
        }
    }

    func isArtificial(_ j: Int) -> Bool { j >= structural + m }

    func column(_ j: Int) -> [(row: Int, value: Double)] {
        j < structural ? columns[j] : [(row: (j - structural) % m, value: 1)]
    }

    mutating func run() -> LinearFeasibility.Answer {
        var iteration = 0
        var degenerateRun = 0
        // Bland's rule ends every exact run; this only stops a run that rounding keeps from ending.
        let limit = 100 * (m + structural) + 10_000
        while true {
            iteration += 1
            if iteration > limit { return .undecided }
            if iteration % 64 == 0 { refactor() }
            // Duals of the phase-one cost (1 on each artificial).
            var y = [Double](repeating: 0, count: m)
            for i in 0..<m where isArtificial(basis[i]) {
                for k in 0..<m { y[k] += inverse[i * m + k] }
            }
            guard let (entering, increase) = choose(y, bland: degenerateRun > 50) else { break }
            let alpha = solveColumn(entering)
            let direction = increase ? 1.0 : -1.0
            let (leaving, bound) = ratioTest(entering, alpha: alpha, direction: direction, bland: degenerateRun > 50)
            // Phase one is bounded below by 0, so only rounding could get here.
            guard bound.isFinite else { return .undecided }
            degenerateRun = bound <= 1e-12 ? degenerateRun + 1 : 0
            for i in 0..<m { x[basis[i]] -= direction * bound * alpha[i] }
            x[entering] += direction * bound
            if leaving < 0 {
                // The entering variable went to its other bound; the basis stays.
                x[entering] = increase ? upper[entering] : lower[entering]
                continue
            }
            let out = basis[leaving]
            let change = -direction * alpha[leaving]
            x[out] = change < 0 ? lower[out] : upper[out]
            if isArtificial(out) {
                // An artificial that leaves never comes back.
                upper[out] = 0
                x[out] = 0
            }
            position[out] = -1
            basis[leaving] = entering
            position[entering] = leaving
            pivot(row: leaving, alpha: alpha)
        }
        refactor()
        let solution = Array(x[0..<structural])
        let infeasibility = basis.reduce(0.0) { isArtificial($1) ? $0 + abs(x[$1]) : $0 }
        return infeasibility <= LinearFeasibility.tolerance ? .feasible(solution) : .infeasible
    }

    /// How far the entering variable can move, and which basic variable
    /// (by basis position) then leaves; -1 when the entering variable
    /// reaches its own other bound first. Harris' two passes normally, so a
    /// tiny pivot is not chosen when a larger one is almost as good; while
    /// anti-cycling, the exact minimum ratio with ties to the smallest index.
    func ratioTest(_ entering: Int, alpha: [Double], direction: Double, bland: Bool) -> (Int, Double) {
        func limit(_ i: Int, slack: Double) -> Double {
            let change = -direction * alpha[i]
            let b = basis[i]
            return change < 0 ? (x[b] - lower[b] + slack) / -change : (upper[b] - x[b] + slack) / change
        }
        var bound = upper[entering] - lower[entering]
        var leaving = -1
        if bland {
            for i in 0..<m where abs(alpha[i]) > pivotTolerance {
                let l = max(0, limit(i, slack: 0))
                if l < bound - 1e-12 || (leaving >= 0 && abs(l - bound) <= 1e-12 && basis[i] < basis[leaving]) {
                    bound = min(bound, l)
                    leaving = i
                }
            }
            return (leaving, bound)
        }
        var relaxed = Double.infinity
        for i in 0..<m where abs(alpha[i]) > pivotTolerance { relaxed = min(relaxed, limit(i, slack: 1e-9)) }
        guard relaxed < bound else { return (-1, bound) }
        var best = 0.0
        for i in 0..<m where abs(alpha[i]) > pivotTolerance && abs(alpha[i]) > best {
            let l = limit(i, slack: 0)
            if l <= relaxed {
                best = abs(alpha[i])
                leaving = i
                bound = max(0, l)
            }
        }
        return (leaving, bound)
    }

    /// The entering variable and whether it rises from its lower bound
    /// (false: it falls from its upper one), or nil at the optimum.
    func choose(_ y: [Double], bland: Bool) -> (Int, Bool)? {
        var best: (Int, Bool)?
        var bestScore = 0.0
        let total = structural + 2 * m
        for j in 0..<total where position[j] < 0 && lower[j] < upper[j] {
            var reduced = isArtificial(j) ? 1.0 : 0.0
            for (row, value) in column(j) { reduced -= y[row] * value }
            let atLower = x[j] <= lower[j]
            let atUpper = x[j] >= upper[j]
            var candidate: Bool?
            if reduced < -costTolerance, !atUpper { candidate = true }
            if reduced > costTolerance, !atLower { candidate = false }
            guard let increase = candidate else { continue }
            if bland { return (j, increase) }
            if abs(reduced) > bestScore {
                bestScore = abs(reduced)
                best = (j, increase)
            }
        }
        return best
    }

    func solveColumn(_ j: Int) -> [Double] {
        var alpha = [Double](repeating: 0, count: m)
        for (row, value) in column(j) {
            for i in 0..<m { alpha[i] += inverse[i * m + row] * value }
        }
        return alpha
    }

    mutating func pivot(row r: Int, alpha: [Double]) {
        let p = alpha[r]
        for k in 0..<m { inverse[r * m + k] /= p }
        for i in 0..<m where i != r && alpha[i] != 0 {
            let factor = alpha[i]
            for k in 0..<m { inverse[i * m + k] -= factor * inverse[r * m + k] }
        }
    }

    /// Rebuilds the inverse from the basis columns (Gauss–Jordan with partial
    /// pivoting) and the basic values from the nonbasic ones, so rounding
    /// errors do not pile up over many pivots.
    mutating func refactor() {
        var matrix = [Double](repeating: 0, count: m * m)
        for (i, j) in basis.enumerated() {
            for (row, value) in column(j) { matrix[row * m + i] = value }
        }
        var result = [Double](repeating: 0, count: m * m)
        for i in 0..<m { result[i * m + i] = 1 }
        for c in 0..<m {
            var pivotRow = c
            for r in c..<m where abs(matrix[r * m + c]) > abs(matrix[pivotRow * m + c]) { pivotRow = r }
            // A singular basis cannot arise from exact pivots; keep the updated inverse if rounding suggests one.
            guard abs(matrix[pivotRow * m + c]) > 1e-14 else { return }
            if pivotRow != c {
                for k in 0..<m {
                    matrix.swapAt(c * m + k, pivotRow * m + k)
                    result.swapAt(c * m + k, pivotRow * m + k)
                }
            }
            let p = matrix[c * m + c]
            for k in 0..<m {
                matrix[c * m + k] /= p
                result[c * m + k] /= p
            }
            for r in 0..<m where r != c && matrix[r * m + c] != 0 {
                let factor = matrix[r * m + c]
                for k in 0..<m {
                    matrix[r * m + k] -= factor * matrix[c * m + k]
                    result[r * m + k] -= factor * result[c * m + k]
                }
            }
        }
        inverse = result
        // x_B = B⁻¹ (rhs − N x_N)
        var residual = rhs
        for j in 0..<(structural + 2 * m) where position[j] < 0 && x[j] != 0 {
            for (row, value) in column(j) { residual[row] -= value * x[j] }
        }
        for i in 0..<m {
            var value = 0.0
            for k in 0..<m { value += inverse[i * m + k] * residual[k] }
            x[basis[i]] = value
        }
    }
}
