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
    /// Everyone watching a live auction in this process.
    public let liveFeed: AuctionLiveFeed
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

    public var rateLimiter: RateLimiter { RateLimiter(store: store, clock: clock) }
    public var audit: AuditLog { AuditLog(keys: keys, clock: clock) }
    public var accounts: AccountService { AccountService(services: self) }
    public var residency: ResidencyService { ResidencyService(services: self) }
    public var roles: RoleService { RoleService(services: self) }
    public var budgetVoting: BudgetVoting { BudgetVoting(services: self) }
    public var budgetResults: BudgetResults { BudgetResults(services: self) }
    public var budgetAdmin: BudgetAdmin { BudgetAdmin(services: self) }
    public var budgetPhotos: BudgetPhotos { BudgetPhotos(services: self) }
    public var ballotBox: BallotBox { BallotBox(keys: keys) }
    public var petitions: PetitionService { PetitionService(services: self) }
    public var auctions: AuctionService { AuctionService(services: self) }

    /// This process, as a holder of scheduler leases.
    static let instance = RandomToken.base32(byteCount: 10)
    /// A lease outlives a few one-second rounds: another instance takes over within seconds of the holder stopping.
    static let leaseLifetime: TimeInterval = 5

    /// Claims or renews the named lease for this process (one instance runs each scheduler).
    func holdsLease(_ name: String, at now: Date) async throws -> Bool {
        try await store.write { try await $0.leases.claim(name, holder: Self.instance, until: now.addingTimeInterval(Self.leaseLifetime), at: now) }
    }
    public var mail: MailComposer { MailComposer(localizer: localizer, baseURL: configuration.publicBaseURL) }
}
