import Foundation
import AsyncHTTPClient
import HromadaDomain
import HromadaStore
import Logging
import Prometheus

/// The long-lived dependencies, built once in `buildApplication` and passed
/// down through initialisers.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    public let store: Store
    public let keys: KeyRing
    public let clock: any Clock
    public let localizer: Localizer
    public let renderer: PageRenderer
    public let metrics: PrometheusCollectorRegistry
    public let logger: Logger
    /// Demo mode: the demo data was seeded (docs/interfaces.md).
    public let demoMode: Bool
    public let httpClient: HTTPClient
    public let passwords: Passwords
    /// What the modules keep for the whole process (`Module.makeState`).
    public let moduleStates: ModuleStates
    /// The multipart uploads this process reads at once (issue 13).
    public let uploads: UploadSlots
    /// The deployment's modules.
    public let modules: ModuleRegistry
    /// `/api/openapi.json`: the platform's document with every module's part, merged once.
    public let openAPIDocument: Data

    /// How long delivered mail stays in the outbox.
    public var mailRetention: TimeInterval {
        configuration.mailRetention ?? (demoMode ? AppConfiguration.demoMailRetention : AppConfiguration.defaultMailRetention)
    }

    /// A module's long-lived object of that type, if it made one.
    public func moduleState<State: Sendable>(_ type: State.Type) -> State? { moduleStates.get(type) }

    public var rateLimiter: RateLimiter { RateLimiter(store: store, clock: clock) }
    public var audit: AuditLog { AuditLog(keys: keys, clock: clock) }
    public var accounts: AccountService { AccountService(services: self) }
    public var residency: ResidencyService { ResidencyService(services: self) }
    public var roles: RoleService { RoleService(services: self) }
    public var oblastRoles: OblastRoleService { OblastRoleService(services: self) }
    public var photos: Photos { Photos(services: self) }
    public var attachments: Attachments { Attachments(services: self) }

    /// This process, as a holder of scheduler leases.
    package static let instance = RandomToken.base32(byteCount: 10)
    /// A lease outlives a few one-second rounds: another instance takes over within seconds of the holder stopping.
    static let leaseLifetime: TimeInterval = 5

    /// Claims or renews the named lease for this process (one instance runs each scheduler).
    package func holdsLease(_ name: String, at now: Date) async throws -> Bool {
        let held = try await store.write(seenByReaders: false) {
            try await $0.leases.claim(name, holder: Self.instance, until: now.addingTimeInterval(Self.leaseLifetime), at: now)
        }
        OperationalMetrics.leaseHeld(metrics, lease: name, held: held)
        return held
    }
    public var mail: MailComposer { MailComposer(localizer: localizer, baseURL: configuration.publicBaseURL) }
}

/// Long-lived objects the modules make once per process (the auctions' live
/// feed), one per type.
public struct ModuleStates: Sendable {
    private let states: [ObjectIdentifier: any Sendable]

    public init(_ states: [any Sendable]) {
        var byType: [ObjectIdentifier: any Sendable] = [:]
        for state in states { byType[ObjectIdentifier(type(of: state))] = state }
        self.states = byType
    }

    public func get<State: Sendable>(_ type: State.Type) -> State? {
        states[ObjectIdentifier(type)] as? State
    }
}
