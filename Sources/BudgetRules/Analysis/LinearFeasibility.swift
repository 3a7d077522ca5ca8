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

    /// `startAtUpper`: columns to start at their upper bound instead of 0 (a hint; any start gives the same answer).
    func solve(startAtUpper: Set<Int> = []) -> Answer {
        var solver = PhaseOne(self, startAtUpper: startAtUpper)
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
/// per row (its bounds say the relation), then one artificial per row, used
/// where the slack alone cannot absorb the starting point (its column is ±eᵢ).
/// Nonbasic variables sit at a bound. Reduced costs are kept from one basis
/// change to the next: a variable that only moves to its other bound changes
/// no dual, so a run of such moves costs no new pricing.
private struct PhaseOne {
    let m: Int
    let structural: Int
    let total: Int
    /// Scaled structural columns, compressed: column j's entries are start[j]..<start[j + 1].
    let start: [Int]
    let rowOf: [Int]
    let valueOf: [Double]
    let rhs: [Double]
    /// +1 or −1: the sign of each row's artificial column.
    var artificialSign: [Double]
    var lower: [Double]
    var upper: [Double]
    var x: [Double]
    var basis: [Int]
    /// Where each variable sits in the basis, or -1.
    var position: [Int]
    /// The basis inverse, row-major, m × m.
    var inverse: [Double]
    var reduced: [Double]
    /// After pricing: the variables that may enter, best first, and how many were tried.
    var candidates: [Int] = []
    var tried = 0
    /// Whether more variables could enter than the list holds.
    var shortlisted = false
    let pivotTolerance = 1e-9
    let costTolerance = 1e-11

    init(_ system: LinearFeasibility, startAtUpper: Set<Int>) {
        m = system.rows.count
        structural = system.columns.count
        total = structural + 2 * m
        var scale = system.rows.map { abs($0.rhs) }
        for column in system.columns {
            for (row, value) in column { scale[row] = max(scale[row], abs(value)) }
        }
        let factor = scale.map { $0 > 0 ? 1 / $0 : 1 }
        var start = [0]
        var rowOf: [Int] = []
        var valueOf: [Double] = []
        for column in system.columns {
            for (row, value) in column {
                rowOf.append(row)
                valueOf.append(value * factor[row])
            }
            start.append(rowOf.count)
        }
        self.start = start
        self.rowOf = rowOf
        self.valueOf = valueOf
        rhs = (0..<m).map { system.rows[$0].rhs * factor[$0] }
        lower = [Double](repeating: 0, count: total)
        upper = system.upper + [Double](repeating: 0, count: 2 * m)
        x = [Double](repeating: 0, count: total)
        for j in startAtUpper where j < structural && upper[j].isFinite { x[j] = upper[j] }
        artificialSign = [Double](repeating: 1, count: m)
        basis = []
        position = [Int](repeating: -1, count: total)
        inverse = [Double](repeating: 0, count: m * m)
        reduced = [Double](repeating: 0, count: total)
        var residual = rhs
        for j in 0..<structural where x[j] != 0 {
            for e in start[j]..<start[j + 1] { residual[rowOf[e]] -= valueOf[e] * x[j] }
        }
        for i in 0..<m {
            let slack = structural + i
            let artificial = structural + m + i
            switch system.rows[i].relation {
            case .atMost: (lower[slack], upper[slack]) = (0, .infinity)
            case .atLeast: (lower[slack], upper[slack]) = (-.infinity, 0)
            case .equal: (lower[slack], upper[slack]) = (0, 0)
            }
            let clamped = min(max(residual[i], lower[slack]), upper[slack])
            if clamped == residual[i] {
                basis.append(slack)
                x[slack] = residual[i]
            } else {
                // The slack waits at its nearest bound; the artificial carries the rest.
                x[slack] = clamped
                artificialSign[i] = residual[i] > clamped ? 1 : -1
                basis.append(artificial)
                upper[artificial] = .infinity
                x[artificial] = abs(residual[i] - clamped)
            }
            position[basis[i]] = i
            inverse[i * m + i] = artificialSign[i] == 1 || basis[i] == slack ? 1 : -1
        }
    }

    func isArtificial(_ j: Int) -> Bool { j >= structural + m }

    /// Calls `body` with each nonzero (row, value) of column j.
    func forEachEntry(_ j: Int, _ body: (Int, Double) -> Void) {
        if j < structural {
            for e in start[j]..<start[j + 1] { body(rowOf[e], valueOf[e]) }
        } else if j < structural + m {
            body(j - structural, 1)
        } else {
            body(j - structural - m, artificialSign[j - structural - m])
        }
    }

    mutating func run() -> LinearFeasibility.Answer {
        var iterations = 0
        var pivots = 0
        var degenerateRun = 0
        // Bland's rule ends every exact run; this only stops a run that rounding keeps from ending.
        let limit = 100 * (m + structural) + 10_000
        pricing: while true {
            if pivots % 64 == 63 { refactor() }
            price()
            while true {
                iterations += 1
                if iterations > limit { return .undecided }
                let bland = degenerateRun > 50
                guard let (entering, increase) = choose(bland: bland) else {
                    // The short list is used up: price again (same basis) for the rest.
                    if shortlisted && !bland { continue pricing }
                    break pricing
                }
                let alpha = solveColumn(entering)
                let direction = increase ? 1.0 : -1.0
                let (leaving, step) = ratioTest(entering, alpha: alpha, direction: direction, bland: bland)
                // Phase one is bounded below by 0, so only rounding could get here.
                guard step.isFinite else { return .undecided }
                for i in 0..<m where alpha[i] != 0 { x[basis[i]] -= direction * step * alpha[i] }
                if leaving < 0 {
                    // The entering variable reached its other bound: same basis, same prices.
                    x[entering] = increase ? upper[entering] : lower[entering]
                    continue
                }
                x[entering] += direction * step
                degenerateRun = step <= 1e-12 ? degenerateRun + 1 : 0
                let out = basis[leaving]
                x[out] = -direction * alpha[leaving] < 0 ? lower[out] : upper[out]
                if isArtificial(out) {
                    // An artificial that leaves never comes back.
                    upper[out] = 0
                    x[out] = 0
                }
                position[out] = -1
                basis[leaving] = entering
                position[entering] = leaving
                pivot(row: leaving, alpha: alpha)
                pivots += 1
                continue pricing
            }
        }
        refactor()
        let solution = Array(x[0..<structural])
        let infeasibility = basis.reduce(0.0) { isArtificial($1) ? $0 + abs(x[$1]) : $0 }
        return infeasibility <= LinearFeasibility.tolerance ? .feasible(solution) : .infeasible
    }

    /// Reduced costs of the phase-one objective (1 on each artificial) for every nonbasic variable.
    mutating func price() {
        var y = [Double](repeating: 0, count: m)
        for i in 0..<m where isArtificial(basis[i]) {
            for k in 0..<m { y[k] += inverse[i * m + k] }
        }
        reduced.withUnsafeMutableBufferPointer { reduced in
            start.withUnsafeBufferPointer { start in
                rowOf.withUnsafeBufferPointer { rowOf in
                    valueOf.withUnsafeBufferPointer { valueOf in
                        for j in 0..<structural {
                            var d = 0.0
                            for e in start[j]..<start[j + 1] { d -= y[rowOf[e]] * valueOf[e] }
                            reduced[j] = d
                        }
                    }
                }
            }
            for i in 0..<m {
                reduced[structural + i] = -y[i]
                reduced[structural + m + i] = 1 - artificialSign[i] * y[i]
            }
        }
        // Keep the best few only (a min-heap on |reduced cost|): sorting every
        // eligible column at each pivot would cost more than the pivot.
        var heap: [(score: Double, column: Int)] = []
        var eligible = 0
        for j in 0..<total where enteringDirection(j) != nil {
            eligible += 1
            let score = abs(reduced[j])
            if heap.count < Self.shortlist {
                heap.append((score, j))
                var child = heap.count - 1
                while child > 0, heap[(child - 1) / 2].score > heap[child].score {
                    heap.swapAt(child, (child - 1) / 2)
                    child = (child - 1) / 2
                }
            } else if score > heap[0].score {
                heap[0] = (score, j)
                var parent = 0
                while true {
                    var smallest = parent
                    for child in [2 * parent + 1, 2 * parent + 2] where child < heap.count && heap[child].score < heap[smallest].score {
                        smallest = child
                    }
                    if smallest == parent { break }
                    heap.swapAt(parent, smallest)
                    parent = smallest
                }
            }
        }
        candidates = heap.sorted { $0.score > $1.score }.map(\.column)
        shortlisted = eligible > candidates.count
        tried = 0
    }

    static let shortlist = 256

    /// Whether variable j may enter, and if so whether it rises (true) or falls.
    func enteringDirection(_ j: Int) -> Bool? {
        guard position[j] < 0, lower[j] < upper[j] else { return nil }
        let d = reduced[j]
        if d < -costTolerance, x[j] < upper[j] { return true }
        if d > costTolerance, x[j] > lower[j] { return false }
        return nil
    }

    /// The entering variable and whether it rises from its lower bound
    /// (false: it falls from its upper one), or nil at the optimum: the
    /// largest reduced cost (Dantzig), or while anti-cycling the smallest
    /// index (Bland). Only the variable that just moved to its other bound
    /// changes between pricings, so the list made at pricing stays valid.
    mutating func choose(bland: Bool) -> (Int, Bool)? {
        if bland {
            for j in 0..<total { if let increase = enteringDirection(j) { return (j, increase) } }
            return nil
        }
        while tried < candidates.count {
            let j = candidates[tried]
            tried += 1
            if let increase = enteringDirection(j) { return (j, increase) }
        }
        return nil
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

    func solveColumn(_ j: Int) -> [Double] {
        var alpha = [Double](repeating: 0, count: m)
        inverse.withUnsafeBufferPointer { inverse in
            forEachEntry(j) { row, value in
                for i in 0..<m { alpha[i] += inverse[i * m + row] * value }
            }
        }
        return alpha
    }

    mutating func pivot(row r: Int, alpha: [Double]) {
        let m = self.m
        inverse.withUnsafeMutableBufferPointer { inverse in
            let p = alpha[r]
            for k in 0..<m { inverse[r * m + k] /= p }
            for i in 0..<m where i != r && alpha[i] != 0 {
                let factor = alpha[i]
                for k in 0..<m { inverse[i * m + k] -= factor * inverse[r * m + k] }
            }
        }
    }

    /// Rebuilds the inverse from the basis columns (Gauss–Jordan with partial
    /// pivoting) and the basic values from the nonbasic ones, so rounding
    /// errors do not pile up over many pivots.
    mutating func refactor() {
        var matrix = [Double](repeating: 0, count: m * m)
        for (i, j) in basis.enumerated() {
            forEachEntry(j) { row, value in matrix[row * m + i] = value }
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
        for j in 0..<total where position[j] < 0 && x[j] != 0 {
            let value = x[j]
            forEachEntry(j) { row, coefficient in residual[row] -= coefficient * value }
        }
        for i in 0..<m {
            var value = 0.0
            for k in 0..<m { value += inverse[i * m + k] * residual[k] }
            x[basis[i]] = value
        }
    }
}

