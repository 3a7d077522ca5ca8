import Foundation
import HromadaDomain
import HromadaStore

/// The reference deployment: Вінницька область with four hromadas, staff
/// accounts and a verified resident. Idempotent: running it again adds
/// nothing that exists. Seeding switches demo mode on (docs/interfaces.md).
public struct DemoSeeder: Sendable {
    package let services: AppServices

    public init(services: AppServices) {
        self.services = services
    }

    public struct DemoAccount: Sendable {
        public let email: String
        public let password: String
        public let name: String
        public let city: String?
        public let role: Role?
        public let platformAdmin: Bool
        /// Verified resident of `city` with this birth date.
        public let residentBorn: CalendarDate?
        /// An oblast role, held in `oblast` (the demo's oblast staff).
        public var oblast: String? = nil
        public var oblastRole: OblastRole? = nil
    }

    /// Published in README.md: this is a demo, the passwords are not secrets.
    public static let accounts: [DemoAccount] = [
        .init(email: "admin@demo.hromada.ua", password: "hromada-demo-2026", name: "Олександр Коваль",
              city: nil, role: nil, platformAdmin: true, residentBorn: nil),
        .init(email: "vinnytsia.admin@demo.hromada.ua", password: "vinnytsia-demo-2026", name: "Ірина Мельник",
              city: "vinnytsia", role: .admin, platformAdmin: false, residentBorn: nil),
        .init(email: "vinnytsia.moderator@demo.hromada.ua", password: "moderator-demo-2026", name: "Тарас Бондар",
              city: "vinnytsia", role: .moderator, platformAdmin: false, residentBorn: nil),
        .init(email: "zhmerynka.admin@demo.hromada.ua", password: "zhmerynka-demo-2026", name: "Наталія Ткаченко",
              city: "zhmerynka", role: .admin, platformAdmin: false, residentBorn: nil),
        .init(email: "olena@demo.hromada.ua", password: "resident-demo-2026", name: "Олена Шевчук",
              city: "vinnytsia", role: .citizen, platformAdmin: false, residentBorn: CalendarDate(year: 1988, month: 3, day: 14)),
        .init(email: "andrii@demo.hromada.ua", password: "resident-demo-2026", name: "Андрій Коваленко",
              city: "vinnytsia", role: .citizen, platformAdmin: false, residentBorn: CalendarDate(year: 1991, month: 7, day: 2)),
        // Last, so the residents above keep the made-up РНОКПП their place in the list gives them.
        .init(email: "vinnytska.oblast@demo.hromada.ua", password: "vinnytska-demo-2026", name: "Світлана Кравчук",
              city: nil, role: nil, platformAdmin: false, residentBorn: nil, oblast: "vinnytska", oblastRole: .oblastAdmin),
    ]

    package static let oblast = Oblast(id: OblastID(rawValue: "vinnytska"), slug: Slug(rawValue: "vinnytska"),
                               name: LocalizedName(uk: "Вінницька область", en: "Vinnytsia Oblast"))

    /// Approximate populations (2022 estimates) and city areas.
    package static let municipalities: [(slug: String, uk: String, en: String, population: Int64, area: Double)] = [
        ("vinnytsia", "Вінниця", "Vinnytsia", 369_739, 113.2),
        ("zhmerynka", "Жмеринка", "Zhmerynka", 33_928, 22.4),
        ("khmilnyk", "Хмільник", "Khmilnyk", 26_800, 17.0),
        ("ladyzhyn", "Ладижин", "Ladyzhyn", 22_413, 21.0),
    ]

    /// Each demo hromada's territory: the town and its villages, in a box (west, south, east, north).
    static let territories: [String: (Double, Double, Double, Double)] = [
        "vinnytsia": (28.30, 49.15, 28.62, 49.32),
        "zhmerynka": (27.95, 48.95, 28.25, 49.12),
        "khmilnyk": (27.80, 49.45, 28.15, 49.68),
        "ladyzhyn": (29.15, 48.62, 29.35, 48.74),
    ]

    /// The platform's settings of a demo city; each module sets its own section as it seeds.
    package static func settings(slug: String) -> MunicipalitySettings {
        var settings = MunicipalitySettings(contactEmail: "info@\(slug).demo.hromada.ua")
        // The demo verifier (and a test provider) prove identity only; the demo's cities take that as residency.
        settings.acceptsIdentityAsResidency = true
        settings.territory = territory(slug: slug)
        return settings
    }

    static func territory(slug: String) -> GeoBox? {
        territories[slug].flatMap { try? GeoBox(west: $0.0, south: $0.1, east: $0.2, north: $0.3) }
    }

    public func seed() async throws {
        let now = services.clock.now()
        try await services.store.write { tx in
            try await tx.municipalities.insert(Self.oblast)
            for city in Self.municipalities {
                try await tx.municipalities.insert(
                    Municipality(
                        id: MunicipalityID(rawValue: city.slug), oblastID: Self.oblast.id, slug: Slug(rawValue: city.slug),
                        name: LocalizedName(uk: city.uk, en: city.en), population: city.population, areaKm2: city.area,
                        settings: Self.settings(slug: city.slug)),
                    at: now)
                // A demo seeded by an older release lacks these settings: seeding again sets them.
                if let existing = try await tx.municipalities.find(slug: city.slug),
                   !existing.settings.acceptsIdentityAsResidency || existing.settings.territory == nil {
                    var settings = existing.settings
                    settings.acceptsIdentityAsResidency = true
                    settings.territory = settings.territory ?? Self.territory(slug: city.slug)
                    try await tx.municipalities.updateSettings(settings, of: existing.id)
                }
            }
        }
        var serial = 1
        for demo in Self.accounts {
            let existing = try await services.store.read { try await $0.accounts.find(email: EmailAddress(rawValue: demo.email)) }
            let account: Account
            if let existing {
                account = existing
            } else {
                account = try await services.accounts.register(
                    .init(email: demo.email, password: demo.password, fullName: demo.name), language: .uk, confirmed: true,
                    platformAdmin: demo.platformAdmin)
            }
            if let slug = demo.oblast, let role = demo.oblastRole,
               let oblast = try await services.store.read({ try await $0.municipalities.oblast(slug: slug) }) {
                try await services.oblastRoles.grant(.role(role), to: account.id, in: oblast, by: nil)
            }
            if let slug = demo.city, let role = demo.role,
               let city = try await services.store.read({ try await $0.municipalities.find(slug: slug) }) {
                try await services.roles.grant(role, to: account.id, in: city.id, by: nil)
                if let born = demo.residentBorn {
                    let id = NationalID.make(birthDate: born, serial: serial)
                    let already = try await services.store.read { try await $0.residency.find(account: account.id, in: city.id) }
                    if already == nil {
                        _ = try await services.residency.record(
                            account: account.id, municipality: city.id, hash: services.keys.identityHash(of: id.digits),
                            birthDate: born, method: .demo, verifiedBy: nil)
                    }
                }
            }
            serial += 1
        }
        let resident = try await services.store.read { try await $0.accounts.find(email: EmailAddress(rawValue: "olena@demo.hromada.ua")) }
        let world = DemoWorld(services: services, cities: try await services.store.read { try await $0.municipalities.all() }, resident: resident?.id)
        for module in services.modules.modules {
            // Each module's share is timed: the e2e checks give a demo start two minutes, and a slow seeder shows here first.
            let started = ContinuousClock.now
            try await module.seedDemo(world)
            let took = (ContinuousClock.now - started).components
            services.logger.info("demo seeded", metadata: ["module": "\(module.slug.rawValue)", "ms": "\(took.seconds * 1000 + took.attoseconds / 1_000_000_000_000_000)"])
        }
        try await followDemoThings(world)
        try await seedComments(world)
        try await DemoBrands.seed(world, oblast: Self.oblast)
        try await services.store.write { tx in
            try await tx.platformSettings.set(PlatformSettingsRepository.demoMode, "true")
            if try await tx.platformSettings.value(PlatformSettingsRepository.demoSeededAt) == nil {
                try await tx.platformSettings.set(PlatformSettingsRepository.demoSeededAt, String(now.epochSeconds))
            }
        }
    }

    /// Олена follows the newest budget project, petition and lot of Вінниця
    /// and its strategy, so her account page and their buttons show following.
    func followDemoThings(_ world: DemoWorld) async throws {
        guard let resident = world.resident, let city = world.city("vinnytsia") else { return }
        let now = services.clock.now()
        var targets: [FollowTarget] = []
        for kind in [LinkKind.budgetProject, .petition, .auctionLot, .strategy] {
            if let thing = try await services.modules.linkChoices(kind, in: city, limit: 1, services: services).first {
                targets.append(FollowTarget(kind, id: thing.id))
            }
        }
        let chosen = targets
        try await services.store.write { tx in
            for target in chosen { try await tx.follows.follow(target, in: city.id, by: resident, at: now) }
        }
    }

    /// A short discussion of one of Vinnytsia's budget projects, one comment
    /// of it hidden by the moderator with a reason (issue 21). Once: a city
    /// with comments keeps them.
    func seedComments(_ world: DemoWorld) async throws {
        guard let city = world.city("vinnytsia") else { return }
        let services = world.services, cityID = city.id
        guard try await services.store.read({ try await $0.comments.queue(in: cityID, limit: 1) }).isEmpty else { return }
        var project: LinkedThing?
        for choice in try await services.modules.linkChoices(.budgetProject, in: city, limit: 20, services: services) {
            if let found = try await services.modules.linked(.budgetProject, id: choice.id, in: city, services: services), found.isDiscussable {
                project = found
                break
            }
        }
        func account(_ email: String) async throws -> AccountID? {
            let found = try await services.store.read { try await $0.accounts.find(email: EmailAddress(rawValue: email)) }
            return found?.id
        }
        guard let project, let olena = try await account("olena@demo.hromada.ua"), let andrii = try await account("andrii@demo.hromada.ua"),
              let moderator = try await account("vinnytsia.moderator@demo.hromada.ua")
        else { return }
        let subject = CommentSubject(kind: project.kind.rawValue, id: project.id), now = services.clock.now()
        let first = Comment(
            id: .random(), municipalityID: cityID, subject: subject, parentID: nil, authorID: olena,
            body: "Гарна ідея! Чи передбачено освітлення ввечері?\nСхожий проєкт уже зробили в Луцьку: https://lutsk.rada.gov.ua",
            createdAt: now.addingTimeInterval(-3 * 3_600))
        let reply = Comment(
            id: .random(), municipalityID: cityID, subject: subject, parentID: first.id, authorID: andrii,
            body: "У кошторисі є пункт про ліхтарі, дивіться розділ «Оцінка вартості».", createdAt: now.addingTimeInterval(-2 * 3_600))
        let hidden = Comment(
            id: .random(), municipalityID: cityID, subject: subject, parentID: nil, authorID: andrii,
            body: "Автори проєкту — шахраї, я знаю, де вони живуть.", createdAt: now.addingTimeInterval(-3_600))
        let reason = "Звинувачення й погрози конкретним людям без доказів (правила обговорень, п. 2)."
        let entry = try services.audit.entry(
            action: AuditAction.commentHidden, actor: moderator, municipality: cityID, subject: hidden.id.rawValue,
            details: CommentService.auditDetails(hidden, reason: reason))
        try await services.store.write { tx in
            for comment in [first, reply, hidden] { try await tx.comments.add(comment) }
            _ = try await tx.comments.flag(hidden.id, in: cityID, by: olena, at: now)
            _ = try await tx.comments.hide(hidden.id, in: cityID, reason: reason, by: moderator, at: now)
            try await tx.audit.append(entry)
        }
    }
}
