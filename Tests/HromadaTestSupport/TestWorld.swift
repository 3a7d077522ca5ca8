import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Makes only what a test names, on a migrated empty database (a harness
/// run with `demo: false`): an oblast and a city, an account, a verified
/// resident, staff with one capability or role. The modules' builders (an
/// edition, a petition, a lot) extend it where their tests live. Every name
/// and number is the test's to choose; the defaults are plausible.
public struct TestWorld: Sendable {
    public let services: AppServices

    public init(services: AppServices) {
        self.services = services
    }

    /// The oblast, made if it is not there yet.
    @discardableResult
    public func oblast(_ slug: String = "testova", name: String = "Тестова область") async throws -> Oblast {
        let oblast = Oblast(id: OblastID(rawValue: slug), slug: Slug(rawValue: slug), name: LocalizedName(uk: name, en: slug.capitalized))
        try await services.store.write { tx in
            if try await tx.municipalities.oblasts().contains(where: { $0.id == oblast.id }) { return }
            try await tx.municipalities.insert(oblast)
        }
        return oblast
    }

    /// A city of the oblast with these settings (every module on, unless the settings say otherwise).
    public func city(
        _ slug: String = "testove", name: String = "Тестове", oblast: String = "testova", settings: MunicipalitySettings = .init()
    ) async throws -> Municipality {
        let oblast = try await self.oblast(oblast)
        let city = Municipality(
            id: MunicipalityID(rawValue: slug), oblastID: oblast.id, slug: Slug(rawValue: slug), name: LocalizedName(uk: name, en: slug.capitalized),
            population: 20_000, areaKm2: 15, settings: settings)
        let now = services.clock.now()
        try await services.store.write { try await $0.municipalities.insert(city, at: now) }
        return city
    }

    /// A confirmed account.
    public func account(
        _ email: String, name: String = "Тест Тестович", password: String = "correct horse battery", platformAdmin: Bool = false
    ) async throws -> Account {
        try await services.accounts.register(
            .init(email: email, password: password, fullName: name), language: .uk, confirmed: true, platformAdmin: platformAdmin)
    }

    /// An account verified as a resident of `city` (in person, by an identity of its own).
    public func resident(
        _ email: String, of city: Municipality, born: CalendarDate = CalendarDate(year: 1985, month: 3, day: 14)
    ) async throws -> Account {
        let account = try await self.account(email)
        _ = try await services.residency.record(
            account: account.id, municipality: city.id, hash: IdentityHash(rawValue: "identity-\(email)"), birthDate: born, method: .demo,
            verifiedBy: nil)
        return account
    }

    /// Staff of `city` holding exactly `grant`, as a session would load them.
    public func staff(_ grant: StaffGrant, in city: Municipality, email: String? = nil) async throws -> Principal {
        let account = try await self.account(email ?? "staff-\(RandomToken.base32(byteCount: 5).lowercased())@example.com")
        try await services.roles.grant(grant, to: account.id, in: city.id, by: nil)
        return try await services.accounts.principal(of: account)
    }
}
