import Foundation

/// The alert rules replayed over a simulation, hour by hour, as the
/// minute-by-minute rounds would have met it: which rule started to hold
/// for which bin, and when. Used to check that the planted faults, and
/// nothing else, raise the fault alerts.
public struct SimulationReplay: Sendable {
    public struct Raised: Sendable, Equatable, Hashable {
        public let bin: Int
        public let kind: AlertKind
        /// Hours since the simulation's start.
        public let hour: Int
    }

    /// Every time a rule started to hold, in order of hour.
    public let raised: [Raised]

    /// The kinds that mean something is wrong with the bin or its sensor, not that it needs emptying.
    public static let faultKinds: Set<AlertKind> = [.fire, .tilted, .lidOpen, .lowBattery, .solarLow, .silent]

    public init(_ simulation: BinSimulation, readings: [Int: [Reading]], rules: AlertRules) {
        let hours = simulation.days * 24
        var raised: [Raised] = []
        var standing: [Int: Set<AlertKind>] = [:]
        let bins = simulation.bins
        for hour in 0..<hours {
            let now = simulation.start.addingTimeInterval(Double(hour + 1) * 3_600 - 1)
            let from = now.addingTimeInterval(-rules.window), solarFrom = now.addingTimeInterval(-AlertRules.solarWindow)
            var solar: [ContainerID: Int] = [:]
            var seen: [Int: (recent: [Reading], latest: Reading?)] = [:]
            for bin in bins {
                let history = readings[bin.number] ?? []
                let upTo = Self.count(history, before: now)
                let recent = history[Self.count(history, before: from)..<upTo]
                seen[bin.number] = (Array(recent), upTo > 0 ? history[upTo - 1] : nil)
                let best = history[Self.count(history, before: solarFrom)..<upTo].compactMap(\.solarMillivolts).max()
                if let best { solar[Self.id(bin.number)] = best }
            }
            let peers = AlertDetector.solarPeers(solar)
            for bin in bins {
                let id = Self.id(bin.number)
                let watch = ContainerWatch(
                    container: id, recent: seen[bin.number]?.recent ?? [], latest: seen[bin.number]?.latest ?? nil,
                    watchedSince: simulation.start, solarBest: solar[id])
                let found = Set(AlertDetector.conditions(watch, rules: rules, solarPeers: peers[id] ?? [], now: now).keys)
                for kind in found.subtracting(standing[bin.number] ?? []).sorted(by: { $0.rawValue < $1.rawValue }) {
                    raised.append(Raised(bin: bin.number, kind: kind, hour: hour))
                }
                standing[bin.number] = found
            }
        }
        self.raised = raised
    }

    /// Each bin's fault kinds raised: what the planted faults should equal.
    public var faults: [Int: Set<AlertKind>] {
        raised.filter { Self.faultKinds.contains($0.kind) }.reduce(into: [:]) { $0[$1.bin, default: []].insert($1.kind) }
    }

    static func id(_ bin: Int) -> ContainerID { ContainerID(rawValue: "sim-\(bin)") }

    /// How many readings (sorted by time) were measured before `instant`.
    static func count(_ readings: [Reading], before instant: Date) -> Int {
        var low = 0, high = readings.count
        while low < high {
            let middle = (low + high) / 2
            if readings[middle].measuredAt < instant { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
