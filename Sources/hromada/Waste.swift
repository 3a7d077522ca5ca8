import ArgumentParser
import AsyncHTTPClient
import Foundation
import HromadaDomain
import HromadaWeb
import Logging
import MQTT
import NIOCore
import Waste

struct WasteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "waste", abstract: "Smart waste: the bins' simulator, and planned rounds against fixed schedules.", subcommands: [Simulate.self, Compare.self])

    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Play a month of a city's bins (fill by weekday and place, five planted faults) into Hromada.",
            discussion: """
                Registers the simulated sites, containers and sensors in the city (ids sim-…; running it again adds nothing
                and gives each sensor a new key), then sends the readings: the solar bins' to the device API at --url,
                the DF702s' as ChirpStack uplinks to the broker at --mqtt (on the city's wasteChirpStackApplication topic).
                Without --url and --mqtt the readings go straight into the database. Then it replays the alert rules over
                the month and prints which fired, the forecast's backtest error, and the rates it reached.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The city's slug.") var city: String
        @Option(help: "How many bins, 1 to 5000.") var bins = 300
        @Option(help: "How many days, ending now, 1 to 366.") var days = 30
        @Option(help: "The simulation's seed: the same seed makes the same bins and readings.") var seed: UInt64 = 2_026
        @Option(help: "A running Hromada (e.g. http://127.0.0.1:8080): the solar bins post their readings to its device API.") var url: String?
        @Option(help: "An MQTT broker (mqtt:// or mqtts://user:pass@host:port): the DF702s' uplinks are published there.") var mqtt: String?
        @Option(help: "A CA file for an mqtts:// broker.") var mqttCa: String?

        func validate() throws {
            guard (1...5_000).contains(bins) else { throw ValidationError("--bins must be between 1 and 5000.") }
            guard (1...366).contains(days) else { throw ValidationError("--days must be between 1 and 366.") }
            if (url == nil) != (mqtt == nil) {
                throw ValidationError("Give both --url and --mqtt (the solar bins go by HTTP, the DF702s by MQTT), or neither to write straight into the database.")
            }
        }

        func run() async throws {
            try await Log.bootstrap()
            let report = try await withServices(try database.configuration()) { services in try await simulate(services) }
            print(report)
        }

        func simulate(_ services: AppServices) async throws -> String {
            guard let municipality = try await services.store.read({ try await $0.municipalities.find(slug: city) }) else {
                throw CommandFailure("No municipality with slug '\(city)'. Run `hromada seed --demo` or check the slug.")
            }
            let sites = try await services.store.read { try await $0.wasteRegister.sites(in: municipality.id) }
            let centre = try sites.first.map(\.value.point) ?? GeoPoint(longitude: 28.4682, latitude: 49.2331)
            let simulation = BinSimulation(bins: bins, days: days, endingAt: services.clock.now(), centre: centre, seed: seed)
            let fleet = try await services.wasteSimulator.register(simulation, in: municipality)
            var lines = ["\(municipality.slug): \(simulation.bins.count) simulated bins (\(fleet.made) new), \(days) days from \(simulation.start.ISO8601Format())."]
            let clock = ContinuousClock()
            if let url, let mqtt {
                let application = municipality.settings.waste.chirpStackApplication
                guard !application.isEmpty else {
                    throw CommandFailure("\(city) names no ChirpStack application: set wasteChirpStackApplication in its settings, so its MQTT topics are its own.")
                }
                let started = clock.now
                let http = try await SimulatedHTTPDevices(base: url, city: municipality.slug.rawValue).play(fleet.bins.filter { $0.bin.model == .generic }, simulation)
                lines.append(rate("HTTP (device API)", http, clock.now - started, unit: "readings"))
                let published = clock.now
                let uplinks = try await SimulatedNetworkServer(url: mqtt, ca: mqttCa, application: application)
                    .play(fleet.bins.filter { $0.bin.model == .dingtekDF702 }, simulation, logger: services.logger)
                lines.append(rate("MQTT (ChirpStack uplinks, published)", (uplinks, 0), clock.now - published, unit: "uplinks"))
            } else {
                let started = clock.now
                let stored = try await services.wasteSimulator.storeDirectly(simulation, fleet: fleet, in: municipality)
                lines.append(rate("Straight into the database", (stored, 0), clock.now - started, unit: "readings"))
            }
            lines.append(contentsOf: Self.replay(simulation, rules: municipality.settings.waste.alerts))
            return lines.joined(separator: "\n")
        }

        func rate(_ door: String, _ counts: (new: Int, duplicates: Int), _ elapsed: Duration, unit: String) -> String {
            let seconds = max(0.001, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            let duplicates = counts.duplicates > 0 ? ", \(counts.duplicates) already there" : ""
            return "\(door): \(counts.new) \(unit)\(duplicates) in \(String(format: "%.1f", seconds)) s (\(Int(Double(counts.new + counts.duplicates) / seconds))/s)."
        }

        /// The alert rules and the forecast over the month, as the report's last lines.
        static func replay(_ simulation: BinSimulation, rules: AlertRules) -> [String] {
            let readings = Dictionary(uniqueKeysWithValues: simulation.bins.map { ($0.number, simulation.readings(of: $0)) })
            let replay = SimulationReplay(simulation, readings: readings, rules: rules)
            var lines = ["Planted faults and the fault alerts the rules raised over the month:"]
            let planted = simulation.planted, raised = replay.faults
            for bin in Set(planted.keys).union(raised.keys).sorted() {
                let expected = planted[bin].map(\.rawValue) ?? "none"
                let got = (raised[bin] ?? []).map(\.rawValue).sorted().joined(separator: ", ")
                lines.append("  bin \(bin + 1): planted \(expected), raised \(got.isEmpty ? "none" : got)")
            }
            lines.append(raised == planted.mapValues { [$0] } ? "Each planted fault raised its alert, and nothing else raised a fault alert." : "MISMATCH: see above.")
            let full = Set(replay.raised.filter { $0.kind == .full }.map(\.bin))
            lines.append("Full alerts: \(replay.raised.filter { $0.kind == .full }.count) in \(full.count) bins (the fixed schedule lets them overflow).")
            var errors: [(Double, Double)] = []
            for bin in simulation.bins where bin.fault == nil {
                let hours = HourlyAggregate.hours(of: (readings[bin.number] ?? []).map { $0.filled(by: Self.gauge) })
                if let backtest = FillForecast.make(hours, full: rules.fullPercent).backtest {
                    errors.append((backtest.meanAbsoluteError, backtest.flatRateError))
                }
            }
            if !errors.isEmpty {
                let weekday = errors.map(\.0).reduce(0, +) / Double(errors.count), flat = errors.map(\.1).reduce(0, +) / Double(errors.count)
                lines.append(String(format: "Forecast backtest over %d bins: a day ahead, off by %.1f points on average (one flat rate: %.1f).", errors.count, weekday, flat))
            }
            return lines
        }

        static let gauge = try? BinSimulation.gauge()
    }
}

extension WasteCommand {
    /// Planned rounds against fixed schedules over a simulated month; no database.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Play a month of simulated bins under planned rounds and under fixed schedules, and print the distance each drives.",
            discussion: """
                Each policy's emptyings decide what it finds the next morning; the waste going in is the same for all. The planned
                round empties what the planner chooses from fill and forecast; the fixed schedules empty by the calendar: twice a
                week (as many cities do) and a careful one drawn from each bin's busiest day. All are routed by the same solver.
                """)
        @Option(help: "How many bins, 1 to 1000.") var bins = 120
        @Option(help: "How many days, 1 to 92.") var days = 28
        @Option(help: "Trucks, 1 to 20, each 60 000 litres loose and an eight-hour shift.") var trucks = 3
        @Option(help: "Offspring the solver breeds per day's plan (more is slower and shorter).") var individuals = 200
        @Option(help: "The simulation's seed.") var seed: UInt64 = 2_026

        func validate() throws {
            guard (1...1_000).contains(bins) else { throw ValidationError("--bins must be between 1 and 1000.") }
            guard (1...92).contains(days) else { throw ValidationError("--days must be between 1 and 92.") }
            guard (1...20).contains(trucks) else { throw ValidationError("--trucks must be between 1 and 20.") }
            guard (1...100_000).contains(individuals) else { throw ValidationError("--individuals must be between 1 and 100000.") }
        }

        func run() throws {
            // Жмеринка: the town's centre, a depot on its western edge, the transfer station out east.
            let centre = try GeoPoint(longitude: 28.1100, latitude: 49.0370)
            let simulation = BinSimulation(bins: bins, days: days, endingAt: Date(), centre: centre, seed: seed)
            var setup = ScheduleComparison.Setup(
                depot: try GeoPoint(longitude: 28.085, latitude: 49.030), transfer: try GeoPoint(longitude: 28.160, latitude: 49.035),
                vehicles: (1...trucks).map { CollectionPlanner.Vehicle(truck: TruckID(rawValue: "truck-\($0)"), capacityLitres: 60_000, shiftMinutes: 480) })
            setup.limit = .individuals(individuals)
            let started = ContinuousClock.now
            let result = try ScheduleComparison.run(simulation, setup: setup)
            func line(_ name: String, _ outcome: ScheduleComparison.Outcome) -> String {
                let ratio = result.planned.metres > 0 && outcome.metres > 0 ? String(format: "%.2f", Double(result.planned.metres) / Double(outcome.metres)) : "-"
                return name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(
                    format: "%8.1f km  %5d emptyings  %3d days out  %4d bin-days overflowing  %3d left out  planned/this ",
                    Double(outcome.metres) / 1_000, outcome.emptyings, outcome.daysOut, outcome.overflowDays, outcome.leftOut) + ratio
            }
            print("\(bins) bins, \(days) days, \(trucks) trucks; solved in \((ContinuousClock.now - started).formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))).")
            print(line("planned rounds", result.planned))
            print(line("fixed, by each bin's rate", result.byRate))
            print(line("fixed, twice a week", result.twiceWeekly))
        }
    }
}

/// The solar bins' readings to a running Hromada's device API, eight sensors at a time.
struct SimulatedHTTPDevices {
    let base: String
    let city: String

    func play(_ bins: [WasteSimulator.Registered], _ simulation: BinSimulation) async throws -> (new: Int, duplicates: Int) {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        var totals = (new: 0, duplicates: 0)
        for start in stride(from: 0, to: bins.count, by: 8) {
            let group = bins[start..<min(start + 8, bins.count)]
            let counts = try await withThrowingTaskGroup(of: (Int, Int).self) { tasks in
                for registered in group {
                    tasks.addTask { try await post(simulation.readings(of: registered.bin), key: registered.key, client: client) }
                }
                return try await tasks.reduce(into: (0, 0)) { $0.0 += $1.0; $0.1 += $1.1 }
            }
            totals.new += counts.0
            totals.duplicates += counts.1
        }
        return totals
    }

    /// A sensor's readings in batches of the most one request carries.
    func post(_ readings: [Reading], key: String, client: HTTPClient) async throws -> (Int, Int) {
        var totals = (0, 0)
        for start in stride(from: 0, to: readings.count, by: IngestService.maximumBatch) {
            let batch = readings[start..<min(start + IngestService.maximumBatch, readings.count)].map(WasteSimulator.deviceJSON)
            var request = HTTPClientRequest(url: "\(base)/api/v1/\(city)/waste/readings")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["readings": batch])))
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok,
                  let answer = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
                  let accepted = answer["accepted"] as? Int, let duplicates = answer["duplicates"] as? Int
            else { throw CommandFailure("The device API answered \(response.status.code): \(String(buffer: body).prefix(300))") }
            totals.0 += accepted
            totals.1 += duplicates
        }
        return totals
    }
}

/// The DF702s' uplinks, published as ChirpStack v4 does, at QoS 1.
struct SimulatedNetworkServer {
    let url: String
    let ca: String?
    let application: String

    func play(_ bins: [WasteSimulator.Registered], _ simulation: BinSimulation, logger: Logger) async throws -> Int {
        var configuration: MQTTConfiguration
        do {
            configuration = try MQTTConfiguration(url: url, clientID: "hromada-simulator-\(UInt32.random(in: 0...UInt32.max))")
        } catch {
            throw CommandFailure("--mqtt: \(error)")
        }
        if let ca { configuration.tls = MQTTTLS(caFile: ca, serverName: configuration.tls?.serverName) }
        let publisher = MQTTPublisher(configuration: configuration, logger: logger)
        try await publisher.connect()
        var published = 0
        do {
            for registered in bins {
                let topic = "application/\(application)/device/\(registered.deviceID.lowercased())/event/up"
                let readings = simulation.readings(of: registered.bin)
                // Up to 64 in flight, as a network server flushing its queue would.
                for start in stride(from: 0, to: readings.count, by: 64) {
                    try await withThrowingTaskGroup(of: Void.self) { tasks in
                        for (offset, reading) in readings[start..<min(start + 64, readings.count)].enumerated() {
                            let body = WasteSimulator.chirpStackUp(reading, deviceID: registered.deviceID, application: application, frameCounter: start + offset)
                            let payload = Array(try JSONSerialization.data(withJSONObject: body))
                            tasks.addTask { try await publisher.publish(topic: topic, payload: payload, qos: .atLeastOnce) }
                        }
                        try await tasks.waitForAll()
                    }
                    published += min(64, readings.count - start)
                }
            }
        } catch {
            await publisher.disconnect()
            throw error
        }
        await publisher.disconnect()
        return published
    }
}
