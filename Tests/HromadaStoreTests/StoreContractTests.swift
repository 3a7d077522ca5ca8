import Foundation
import HromadaDomain
import HromadaTestSupport
import SQLKit
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

let t0 = Date(epochSeconds: 1_800_000_000)
let oblast = Oblast(id: .init(rawValue: "vinnytska"), slug: Slug(rawValue: "vinnytska"), name: .init(uk: "Вінницька область", en: "Vinnytsia Oblast"))

func city(_ slug: String) -> Municipality {
    Municipality(id: .init(rawValue: slug), oblastID: oblast.id, slug: Slug(rawValue: slug), name: .init(uk: slug, en: slug),
                 population: 1000, areaKm2: 12.5)
}

func account(_ email: String) -> Account {
    Account(id: .random(), email: EmailAddress(rawValue: email), fullName: "Тест \(email)", passwordHash: "x",
            emailConfirmedAt: nil, isPlatformAdmin: false, createdAt: t0)
}

/// Stores new accounts for these emails, in order.
func insertAccounts(_ store: Store, _ emails: String...) async throws -> [Account] {
    let accounts = emails.map(account)
    try await store.write { tx in for a in accounts { _ = try await tx.accounts.insert(a) } }
    return accounts
}

/// Two cities and the tenancy they need.
func seedCities(_ store: Store) async throws {
    try await store.write { tx in
        try await tx.municipalities.insert(oblast)
        try await tx.municipalities.insert(city("vinnytsia"), at: t0)
        try await tx.municipalities.insert(city("zhmerynka"), at: t0)
    }
}

@Suite struct MigrationContractTests {
    @Test(arguments: TestDatabase.available)
    func runningMigrationsASecondTimeChangesNothing(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let again = try await Migrator(backend: store.backend, logger: TestDatabase.logger, modules: TestDatabase.migrations).migrate()
            #expect(again.isEmpty)
            let recorded = try await store.read { try await $0.db.raw("SELECT COUNT(*) AS n FROM schema_migrations").first()?.decode(column: "n", as: Int.self) }
            #expect(recorded == (try Migrator.migrations(for: store.dialect, modules: TestDatabase.migrations)).count)
        }
    }

    /// A folder of one toy migration, `0900_toy`, in both dialects.
    private func toyFolder(_ sql: String) throws -> (Migrator.Folder, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hromada-toy-\(UUID().uuidString)")
        for dialect in ["sqlite", "postgres"] {
            let folder = root.appendingPathComponent(dialect)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(sql.utf8).write(to: folder.appendingPathComponent("0900_toy.sql"))
        }
        return (Migrator.Folder(owner: "toy", url: root), root)
    }

    @Test(arguments: TestDatabase.available)
    func anAppliedMigrationWhoseFileChangedStopsTheStart(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let migrate = { (folder: Migrator.Folder) in
                try await Migrator(backend: store.backend, logger: TestDatabase.logger, modules: TestDatabase.migrations + [folder]).migrate()
            }
            let (original, root) = try toyFolder("CREATE TABLE toy_things (id TEXT PRIMARY KEY);\n")
            defer { try? FileManager.default.removeItem(at: root) }
            #expect(try await migrate(original) == ["0900"])
            // A comment is not a change.
            let (commented, commentedRoot) = try toyFolder("-- the toy's things\nCREATE TABLE toy_things (id TEXT PRIMARY KEY);\n")
            defer { try? FileManager.default.removeItem(at: commentedRoot) }
            #expect(try await migrate(commented).isEmpty)
            // A statement is.
            let (changed, changedRoot) = try toyFolder("CREATE TABLE toy_things (id TEXT PRIMARY KEY, name TEXT);\n")
            defer { try? FileManager.default.removeItem(at: changedRoot) }
            await #expect { try await migrate(changed) } throws: { error in
                "\(error)".contains("0900_toy") && "\(error)".contains("has changed since it was applied")
            }
            // A database from before checksums were kept gets them at its next start, and is checked from then on.
            try await store.write { try await $0.db.raw("UPDATE schema_migrations SET checksum = NULL").run() }
            #expect(try await migrate(original).isEmpty)
            let missing = try await store.read {
                try await $0.db.raw("SELECT COUNT(*) AS n FROM schema_migrations WHERE checksum IS NULL").first()?.decode(column: "n", as: Int.self)
            }
            #expect(missing == 0)
            await #expect(throws: StoreError.self) { try await migrate(changed) }
        }
    }

    @Test func bothDialectsHaveTheSameMigrations() throws {
        let sqlite = try Migrator.migrations(for: .sqlite, modules: TestDatabase.migrations).map(\.name)
        let postgres = try Migrator.migrations(for: .postgres, modules: TestDatabase.migrations).map(\.name)
        #expect(sqlite == postgres)
        #expect(!sqlite.isEmpty)
    }

    @Test func aTriggerBodyIsOneStatement() {
        let statements = Migrator.split("""
            -- a comment
            CREATE TABLE t (a TEXT);
            CREATE TRIGGER t_copy AFTER INSERT ON t BEGIN
                INSERT INTO u (a) VALUES (new.a);
                INSERT INTO v (a) VALUES (new.a);
            END;
            CREATE INDEX t_a ON t (a);
            """)
        #expect(statements.count == 3)
        #expect(statements[1].hasPrefix("CREATE TRIGGER") && statements[1].hasSuffix("END;"))
    }

    @Test func databaseURLsAreUnderstoodAndPasswordsRedacted() throws {
        #expect(try DatabaseLocation(url: "sqlite::memory:") == .sqliteMemory)
        #expect(try DatabaseLocation(url: "sqlite:data/h.sqlite") == .sqliteFile(path: "data/h.sqlite"))
        #expect(try DatabaseLocation(url: "postgres://u:p@h:5432/d") == .postgres(url: "postgres://u:p@h:5432/d"))
        #expect(throws: StoreError.self) { try DatabaseLocation(url: "mysql://u:secret@h/d") }
        #expect(DatabaseLocation.redacted("postgres://u:secret@h/d") == "postgres://u:***@h/d")
    }
}

@Suite struct MunicipalityContractTests {
    @Test(arguments: TestDatabase.available)
    func municipalitiesRoundTripWithSettings(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            var settings = MunicipalitySettings()
            settings.petitionSignatureThreshold = 350
            settings.enabledModules = [ModuleSlug(rawValue: "petitions"), ModuleSlug(rawValue: "budgets")]
            let chosen = settings
            try await store.write { try await $0.municipalities.updateSettings(chosen, of: .init(rawValue: "vinnytsia")) }
            let found = try await store.read { try await $0.municipalities.find(slug: "vinnytsia") }
            #expect(found?.settings.petitionSignatureThreshold == 350)
            #expect(found?.settings.enabledModules == [ModuleSlug(rawValue: "petitions"), ModuleSlug(rawValue: "budgets")])
            #expect(found?.areaKm2 == 12.5)
            #expect(try await store.read { try await $0.municipalities.find(slug: "kyiv") } == nil)
            #expect(try await store.read { try await $0.municipalities.all() }.count == 2)
            #expect(try await store.read { try await $0.municipalities.oblasts() } == [oblast])
        }
    }
}

@Suite struct AccountContractTests {
    @Test(arguments: TestDatabase.available)
    func anAccountKeepsTheLanguageItLastUsed(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let english = { var reader = account("reader@example.com"); reader.language = .en; return reader }()
            let other = try await insertAccounts(store, "other@example.com")[0]
            try await store.write { _ = try await $0.accounts.insert(english) }
            #expect(try await store.read { try await $0.accounts.find(id: english.id) }?.language == .en)
            // Accounts from before languages were stored read as Ukrainian.
            #expect(try await store.read { try await $0.accounts.find(id: other.id) }?.language == .uk)
            try await store.write { try await $0.accounts.setLanguage(of: english.id, to: .uk) }
            #expect(try await store.read { try await $0.accounts.find(id: english.id) }?.language == .uk)
        }
    }

    @Test(arguments: TestDatabase.available)
    func duplicateEmailIsRefusedAndNothingChanges(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let first = account("olena@example.com")
            #expect(try await store.write { try await $0.accounts.insert(first) })
            var second = account("olena@example.com")
            second.fullName = "Інша"
            let duplicate = second
            #expect(try await store.write { try await $0.accounts.insert(duplicate) } == false)
            let found = try await store.read { try await $0.accounts.find(email: EmailAddress(rawValue: "olena@example.com")) }
            #expect(found == first)
            #expect(try await store.read { try await $0.accounts.count() } == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func emailConfirmationAndPasswordChangePersist(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let person = account("taras@example.com")
            _ = try await store.write { try await $0.accounts.insert(person) }
            try await store.write { tx in
                try await tx.accounts.confirmEmail(of: person.id, at: t0)
                try await tx.accounts.updatePasswordHash(of: person.id, to: "new-hash")
                try await tx.accounts.setPlatformAdmin(person.id, true)
            }
            let found = try #require(try await store.read { try await $0.accounts.find(id: person.id) })
            #expect(found.emailConfirmedAt == t0)
            #expect(found.passwordHash == "new-hash")
            #expect(found.isPlatformAdmin)
        }
    }

    @Test(arguments: TestDatabase.available)
    func peopleOfAMunicipalityAreOnlyThoseConnectedToIt(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let people = try await insertAccounts(store, "v@example.com", "z@example.com")
            let v = people[0], z = people[1]
            try await store.write { tx in
                _ = try await tx.roles.grant(.role(.moderator), to: v.id, in: .init(rawValue: "vinnytsia"), by: nil, at: t0)
                _ = try await tx.roles.grant(.role(.moderator), to: z.id, in: .init(rawValue: "zhmerynka"), by: nil, at: t0)
            }
            let listed = try await store.read { try await $0.accounts.people(in: .init(rawValue: "vinnytsia"), after: nil, limit: 10) }
            #expect(listed.map(\.id) == [v.id])
        }
    }
}

@Suite struct RoleContractTests {
    @Test(arguments: TestDatabase.available)
    func rolesAreGrantedOncePerMunicipalityAndRevoked(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let person = account("m@example.com")
            let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
            _ = try await store.write { try await $0.accounts.insert(person) }
            #expect(try await store.write { try await $0.roles.grant(.role(.moderator), to: person.id, in: vinnytsia, by: nil, at: t0) })
            #expect(try await store.write { try await $0.roles.grant(.role(.moderator), to: person.id, in: vinnytsia, by: nil, at: t0) } == false)
            #expect(try await store.read { try await $0.roles.grants(of: person.id) } == [vinnytsia: [.role(.moderator)]])
            #expect(try await store.write { try await $0.roles.revoke(.role(.moderator), from: person.id, in: vinnytsia) })
            #expect(try await store.write { try await $0.roles.revoke(.role(.moderator), from: person.id, in: vinnytsia) } == false)
            #expect(try await store.read { try await $0.roles.grants(of: person.id) }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSingleCapabilityIsGrantedBesideARoleAndUnknownNamesAreIgnored(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let person = account("clerk@example.com")
            let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
            _ = try await store.write { try await $0.accounts.insert(person) }
            let paper = StaffGrant.capability(Capability("budgets.paper_ballots"))
            #expect(try await store.write { try await $0.roles.grant(paper, to: person.id, in: vinnytsia, by: nil, at: t0) })
            #expect(try await store.write { try await $0.roles.grant(.role(.citizen), to: person.id, in: vinnytsia, by: nil, at: t0) })
            // A name this release cannot read (from a newer one, say) is kept and ignored.
            try await store.write { tx in
                try await tx.db.raw("""
                    INSERT INTO role_grants (municipality_id, account_id, role, granted_by, granted_at)
                    VALUES ('vinnytsia', \(bind: person.id.rawValue), 'Not A Grant', NULL, 0)
                    """).run()
            }
            #expect(try await store.read { try await $0.roles.grants(of: person.id) } == [vinnytsia: [paper, .role(.citizen)]])
            #expect(try await store.read { try await $0.roles.holders(of: [paper], in: vinnytsia) } == [person.id])
        }
    }
}
