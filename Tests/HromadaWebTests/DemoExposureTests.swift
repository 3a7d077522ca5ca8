import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Issue 13, finding 5: demo mode (published passwords, every reset link on
/// /dev/mail) listens on loopback only, unless the operator says otherwise.
@Suite struct DemoExposureTests {
    static func configuration(host: String, path: String) -> AppConfiguration {
        var configuration = AppConfiguration(
            host: host, port: 8080, database: .sqliteFile(path: path), secret: testSecret, seedDemoIfEmpty: true,
            runBackgroundServices: false)
        configuration.passwordCost = 4
        return configuration
    }

    @Test(arguments: ["0.0.0.0", "::", "192.0.2.10"])
    func demoModeOnAPublicAddressIsRefusedAndNothingIsSeeded(_ host: String) async throws {
        let (location, cleanup) = try await TestDatabase.sqlite.makeLocation()
        guard case .sqliteFile(let path) = location else { return await cleanup() }
        await #expect(throws: (any Error).self) {
            _ = try await buildApplication(configuration: Self.configuration(host: host, path: path), logger: TestDatabase.logger, modules: .standard)
        }
        // The refusal came before the demo data: the database holds no cities.
        let store = try await Store.open(location, logger: TestDatabase.logger)
        let cities = try await store.withClosing { try await store.read { try await $0.municipalities.count() } }
        #expect(cities == 0)
        await cleanup()
    }

    @Test func demoModeListensOnLoopbackOnlyUnlessThePublicDemoIsAllowed() {
        for host in ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LOCALHOST"] {
            #expect(DemoExposure.decide(demoMode: true, host: host, allowPublicDemo: false) == .loopback, "\(host)")
        }
        for host in ["0.0.0.0", "::", "192.0.2.10", "hromada.example", "10.0.0.5"] {
            #expect(DemoExposure.decide(demoMode: true, host: host, allowPublicDemo: false) == .refused, "\(host)")
            #expect(DemoExposure.decide(demoMode: true, host: host, allowPublicDemo: true) == .publicAllowed, "\(host)")
        }
        #expect(DemoExposure.decide(demoMode: false, host: "0.0.0.0", allowPublicDemo: false) == .notDemo)
    }

    @Test func theRefusalSaysWhatIsWrongAndHowToFixIt() {
        let message = DemoModeRefused(host: "0.0.0.0").description
        for part in ["Demo mode is on", "0.0.0.0", "--host 127.0.0.1", "--no-demo", "--allow-public-demo"] {
            #expect(message.contains(part), "\(part)")
        }
        #expect(DemoExposure.publicAllowed.warning(host: "0.0.0.0").contains("PUBLIC"))
        #expect(DemoExposure.loopback.warning(host: "127.0.0.1").contains("Demo mode"))
    }

    @Test func aPublicDemoStartsWhenAllowedAndARealDatabaseStartsAnywhere() async throws {
        let (location, cleanup) = try await TestDatabase.sqlite.makeLocation()
        guard case .sqliteFile(let path) = location else { return await cleanup() }
        var allowed = Self.configuration(host: "0.0.0.0", path: path)
        allowed.allowPublicDemo = true
        let demo = try await makeServices(configuration: allowed, clock: SystemClock(), logger: TestDatabase.logger, listening: true, modules: .standard)
        #expect(demo.demoMode)
        await demo.store.backend.shutdown()
        // Once demo data is in, only the flag opens it to the network.
        await #expect(throws: DemoModeRefused.self) {
            var again = Self.configuration(host: "0.0.0.0", path: path)
            again.seedDemoIfEmpty = false
            _ = try await makeServices(configuration: again, clock: SystemClock(), logger: TestDatabase.logger, listening: true, modules: .standard)
        }
        // A database without demo data listens wherever it is told.
        let (other, otherCleanup) = try await TestDatabase.sqlite.makeLocation()
        var production = AppConfiguration(host: "0.0.0.0", database: other, secret: testSecret, runBackgroundServices: false)
        production.passwordCost = 4
        let services = try await makeServices(configuration: production, clock: SystemClock(), logger: TestDatabase.logger, listening: true, modules: .standard)
        #expect(!services.demoMode)
        await services.store.backend.shutdown()
        await otherCleanup()
        await cleanup()
    }
}
