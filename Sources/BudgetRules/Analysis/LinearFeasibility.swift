/// Whether a system of linear constraints over bounded variables has a
/// solution: Σⱼ aᵢⱼ xⱼ (≤ | ≥ | =) bᵢ for every row i, 0 ≤ xⱼ ≤ uⱼ.
///
/// A bounded-variable primal simplex, phase one only (minimise the sum of
/// artificial variables), with the basis inverse kept dense. It is meant for
/// systems with few rows (hundreds) and many sparse columns (tens of
/// thousands), which is the shape of the priceability system. `Simplex`
/// also takes rows added after a solve and goes on from the basis it has.
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
        var solver = Simplex(self, startAtUpper: startAtUpper)
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

/// The simplex itself. Variables are the structural columns, then for each
/// row i its slack (index S + 2i; its bounds say the relation) and its
/// artificial (S + 2i + 1, column ±eᵢ), used where the slack alone cannot
/// absorb the starting point. Nonbasic variables sit at a bound. Reduced
/// costs are kept from one basis change to the next: a variable that only
/// moves to its other bound changes no dual, so a run of such moves costs no
/// new pricing.
struct Simplex {
    private(set) var m: Int
    let structural: Int
    private var total: Int { structural + 2 * m }
    /// Scaled structural columns, compressed: column j's entries are start[j]..<start[j + 1].
    private var start: [Int]
    private var rowOf: [Int]
    private var valueOf: [Double]
    private var rhs: [Double]
    /// +1 or −1: the sign of each row's artificial column.
    private var artificialSign: [Double]
    private var lower: [Double]
    private var upper: [Double]
    private var x: [Double]
    private var basis: [Int] = []
    /// Where each variable sits in the basis, or -1.
    private var position: [Int]
    /// The basis inverse, row-major, m × m (rows by basis position, columns by constraint).
    private var inverse: [Double] = []
    private var reduced: [Double]
    /// After pricing: the variables that may enter, best first, and how many were tried.
    private var candidates: [Int] = []
    private var tried = 0
    /// Whether more variables could enter than the list holds.
    private var shortlisted = false
    private var degenerateRun = 0
    private var iterations = 0
    private let pivotTolerance = 1e-9
    private let costTolerance = 1e-11
    static let shortlist = 256

    init(_ system: LinearFeasibility, startAtUpper: Set<Int>) {
        m = 0
        structural = system.columns.count
        start = [Int](repeating: 0, count: structural + 1)
        rowOf = []
        valueOf = []
        rhs = []
        artificialSign = []
        lower = [Double](repeating: 0, count: structural)
        upper = system.upper
        x = [Double](repeating: 0, count: structural)
        for j in startAtUpper where j < structural && upper[j].isFinite { x[j] = upper[j] }
        position = [Int](repeating: -1, count: structural)
        reduced = [Double](repeating: 0, count: structural)
        var rowEntries = [[(column: Int, value: Double)]](repeating: [], count: system.rows.count)
        for (j, column) in system.columns.enumerated() {
            for (row, value) in column { rowEntries[row].append((j, value)) }
        }
        for (i, row) in system.rows.enumerated() { addRow(row.relation, row.rhs, rowEntries[i]) }
    }

    private func slack(_ i: Int) -> Int { structural + 2 * i }
    private func isArtificial(_ j: Int) -> Bool { j >= structural && (j - structural) % 2 == 1 }

    /// Calls `body` with each nonzero (row, value) of column j.
    private func forEachEntry(_ j: Int, _ body: (Int, Double) -> Void) {
        if j < structural {
            for e in start[j]..<start[j + 1] { body(rowOf[e], valueOf[e]) }
        } else {
            let row = (j - structural) / 2
            body(row, isArtificial(j) ? artificialSign[row] : 1)
        }
    }

    /// Adds a row (scaled so its largest coefficient or right-hand side is 1)
    /// with its slack and artificial. The current point stays; the row's slack
    /// or, if the point breaks the row, its artificial joins the basis, and
    /// the basis inverse grows by one row and column:
    /// [[B, 0], [cᵀ, s]]⁻¹ = [[B⁻¹, 0], [−s·cᵀB⁻¹, s]] for s = ±1.
    mutating func addRow(_ relation: LinearFeasibility.Relation, _ value: Double, _ entries: [(column: Int, value: Double)]) {
        let scale = entries.reduce(abs(value)) { max($0, abs($1.value)) }
        let factor = scale > 0 ? 1 / scale : 1
        let i = m
        // Insert the row's entries into the compressed columns.
        var coefficient = [Double](repeating: 0, count: structural)
        for (column, v) in entries where v != 0 { coefficient[column] += v * factor }
        var newStart = [0]
        var newRows: [Int] = []
        var newValues: [Double] = []
        newRows.reserveCapacity(rowOf.count + entries.count)
        newValues.reserveCapacity(rowOf.count + entries.count)
        for j in 0..<structural {
            for e in start[j]..<start[j + 1] {
                newRows.append(rowOf[e])
                newValues.append(valueOf[e])
            }
            if coefficient[j] != 0 {
                newRows.append(i)
                newValues.append(coefficient[j])
            }
            newStart.append(newRows.count)
        }
        start = newStart
        rowOf = newRows
        valueOf = newValues
        let target = value * factor
        rhs.append(target)
        var residual = target
        for j in 0..<structural where coefficient[j] != 0 { residual -= coefficient[j] * x[j] }
        let (slackLower, slackUpper): (Double, Double) = switch relation {
        case .atMost: (0, .infinity)
        case .atLeast: (-.infinity, 0)
        case .equal: (0, 0)
        }
        let clamped = min(max(residual, slackLower), slackUpper)
        let sign: Double = residual >= clamped ? 1 : -1
        artificialSign.append(sign)
        lower += [slackLower, 0]
        upper += [slackUpper, clamped == residual ? 0 : .infinity]
        x += clamped == residual ? [residual, 0] : [clamped, abs(residual - clamped)]
        position += [-1, -1]
        reduced += [0, 0]
        let entering = clamped == residual ? slack(i) : slack(i) + 1
        let s = clamped == residual ? 1 : sign
        // The grown inverse: old block, zero column, and the row −s·cᵀB⁻¹ then s.
        let old = m
        m += 1
        var grown = [Double](repeating: 0, count: m * m)
        for r in 0..<old {
            for k in 0..<old { grown[r * m + k] = inverse[r * old + k] }
        }
        for (p, variable) in basis.enumerated() where variable < structural && coefficient[variable] != 0 {
            let c = coefficient[variable]
            for k in 0..<old { grown[old * m + k] -= s * c * inverse[p * old + k] }
        }
        grown[old * m + old] = s
        inverse = grown
        basis.append(entering)
        position[entering] = old
    }

    mutating func run() -> LinearFeasibility.Answer {
        var pivots = 0
        // Bland's rule ends every exact run; this only stops a run that rounding keeps from ending.
        let limit = iterations + 100 * (m + structural) + 10_000
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
    private mutating func price() {
        var y = [Double](repeating: 0, count: m)
        for i in 0..<m where isArtificial(basis[i]) {
            for k in 0..<m { y[k] += inverse[i * m + k] }
        }
        let structural = self.structural
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
                reduced[structural + 2 * i] = -y[i]
                reduced[structural + 2 * i + 1] = 1 - artificialSign[i] * y[i]
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
                    let left = 2 * parent + 1
                    let right = left + 1
                    if left < heap.count, heap[left].score < heap[smallest].score { smallest = left }
                    if right < heap.count, heap[right].score < heap[smallest].score { smallest = right }
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

    /// Whether variable j may enter, and if so whether it rises (true) or falls.
    private func enteringDirection(_ j: Int) -> Bool? {
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
    private mutating func choose(bland: Bool) -> (Int, Bool)? {
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
    private func ratioTest(_ entering: Int, alpha: [Double], direction: Double, bland: Bool) -> (Int, Double) {
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

    private func solveColumn(_ j: Int) -> [Double] {
        var alpha = [Double](repeating: 0, count: m)
        inverse.withUnsafeBufferPointer { inverse in
            forEachEntry(j) { row, value in
                for i in 0..<m { alpha[i] += inverse[i * m + row] * value }
            }
        }
        return alpha
    }

    private mutating func pivot(row r: Int, alpha: [Double]) {
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
    private mutating func refactor() {
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

