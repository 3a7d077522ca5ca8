/// Maximum flow (Dinic's algorithm) on a small network with real
/// capacities, and the source side of a minimum cut. Priceability uses it to
/// ask whether what groups of voters spend can be routed to the funded
/// projects they approve, each project receiving exactly its cost.
struct MaxFlow {
    private struct Edge {
        var to: Int
        var capacity: Double
    }

    private var edges: [Edge] = []
    private var outgoing: [[Int]]
    /// Capacities below this count as used up, so rounding cannot make flow circle forever.
    let epsilon: Double

    init(nodes: Int, epsilon: Double) {
        outgoing = [[Int]](repeating: [], count: nodes)
        self.epsilon = epsilon
    }

    mutating func addEdge(from: Int, to: Int, capacity: Double) {
        outgoing[from].append(edges.count)
        edges.append(Edge(to: to, capacity: capacity))
        outgoing[to].append(edges.count)
        edges.append(Edge(to: from, capacity: 0))
    }

    mutating func run(source: Int, sink: Int) -> Double {
        var total = 0.0
        while true {
            let level = levels(from: source)
            guard level[sink] >= 0 else { break }
            var next = [Int](repeating: 0, count: outgoing.count)
            while true {
                let pushed = push(source, sink, .infinity, level, &next)
                if pushed <= epsilon { break }
                total += pushed
            }
        }
        return total
    }

    /// Nodes reachable from the source through edges with capacity left:
    /// after `run`, the source side of a minimum cut.
    func reachable(from source: Int) -> [Bool] {
        levels(from: source).map { $0 >= 0 }
    }

    private func levels(from source: Int) -> [Int] {
        var level = [Int](repeating: -1, count: outgoing.count)
        level[source] = 0
        var queue = [source]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for e in outgoing[node] where edges[e].capacity > epsilon && level[edges[e].to] < 0 {
                level[edges[e].to] = level[node] + 1
                queue.append(edges[e].to)
            }
        }
        return level
    }

    private mutating func push(_ node: Int, _ sink: Int, _ limit: Double, _ level: [Int], _ next: inout [Int]) -> Double {
        if node == sink { return limit }
        while next[node] < outgoing[node].count {
            let e = outgoing[node][next[node]]
            let to = edges[e].to
            if edges[e].capacity > epsilon, level[to] == level[node] + 1 {
                let pushed = push(to, sink, min(limit, edges[e].capacity), level, &next)
                if pushed > epsilon {
                    edges[e].capacity -= pushed
                    edges[e ^ 1].capacity += pushed
                    return pushed
                }
            }
            next[node] += 1
        }
        return 0
    }
}
