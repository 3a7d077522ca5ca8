import ArgumentParser
import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts.", subcommands: [Create.self, BulkCreate.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account, optionally with a role and verified residency.")
        @OptionGroup var database: DatabaseOptions
        @Option var email: String
        @Option var password: String
        @Option(help: "Full name (ПІБ).") var name: String
        @Option(help: "Municipality slug for --role.") var city: String?
        @Option(help: "citizen, moderator or admin (needs --city).") var role: String?
        @Flag(help: "Make the account a platform administrator.") var platformAdmin = false
        @Option(help: "Verify the account as a resident of this municipality (needs --national-id).") var verifyResident: String?
        @Option(help: "РНОКПП for --verify-resident.") var nationalId: String?
        @Option(help: "YYYY-MM-DD; defaults to the date encoded in the РНОКПП.") var birthDate: String?

        func validate() throws {
            if role != nil, city == nil { throw ValidationError("--role needs --city SLUG.") }
            if let role, Role(rawValue: role) == nil { throw ValidationError("--role must be citizen, moderator or admin.") }
            if verifyResident != nil, nationalId == nil { throw ValidationError("--verify-resident needs --national-id.") }
            if let birthDate, CalendarDate.parse(birthDate) == nil { throw ValidationError("--birth-date must be YYYY-MM-DD.") }
        }

        func run() async throws {
            try await Log.bootstrap()
            let configuration = try database.configuration()
            let message = try await withServices(configuration) { services in
                try await create(services)
            }
            print(message)
        }

        private func create(_ services: AppServices) async throws -> String {
            func city(_ slug: String) async throws -> Municipality {
                guard let found = try await services.store.read({ try await $0.municipalities.find(slug: slug) }) else {
                    throw CommandFailure("No municipality with slug '\(slug)'. Run `hromada seed --demo` or check the slug.")
                }
                return found
            }
            // Look every city up first: a mistyped slug must not leave a half-made account.
            var roleCity: Municipality?
            if let slug = self.city { roleCity = try await city(slug) }
            var residentCity: Municipality?
            if let slug = verifyResident { residentCity = try await city(slug) }
            let account: Account
            do {
                account = try await services.accounts.register(
                    .init(email: email, password: password, fullName: name), language: .uk, confirmed: true, platformAdmin: platformAdmin)
            } catch let errors as AccountService.ValidationErrors {
                let text = errors.fields.sorted { $0.key < $1.key }
                    .map { "--\($0.key == "fullName" ? "name" : $0.key): \(services.localizer.string($0.value, .en))" }
                throw CommandFailure(text.joined(separator: "\n"))
            } catch AppError.conflict {
                throw CommandFailure("An account with \(email) already exists.")
            }
            var lines = ["Created account \(account.email) (\(account.id))."]
            if let municipality = roleCity, let roleName = role, let role = Role(rawValue: roleName) {
                try await services.roles.grant(role, to: account.id, in: municipality.id, by: nil)
                lines.append("Granted \(role.rawValue) in \(municipality.slug).")
            }
            if let municipality = residentCity, let nationalId {
                do {
                    _ = try await services.residency.verify(
                        account: account.id, in: municipality.id, nationalID: nationalId,
                        birthDate: birthDate.flatMap(CalendarDate.parse), method: .staff, verifiedBy: nil)
                } catch let error as AppError {
                    let flag: String = switch error {
                    case .invalid(_, field: "birthDate"): "--birth-date: "
                    case .invalid: "--national-id: "
                    default: ""
                    }
                    throw CommandFailure(flag + services.localizer.string(error.messageKey, .en))
                }
                lines.append("Verified as a resident of \(municipality.slug).")
            }
            return lines.joined(separator: "\n")
        }
    }

    struct BulkCreate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bulk-create",
            abstract: "Create N verified residents with made-up identifiers and write one bearer token per line (demo mode only).")
        @OptionGroup var database: DatabaseOptions
        @Option var count: Int
        @Option var verifyResident: String
        @Option var tokensOut: String

        func validate() throws {
            guard (1...1_000_000).contains(count) else { throw ValidationError("--count must be between 1 and 1,000,000.") }
        }

        func run() async throws {
            try await Log.bootstrap()
            let configuration = try database.configuration()
            let created = try await withServices(configuration) { services in
                guard services.demoMode else {
                    throw CommandFailure("bulk-create makes accounts with made-up identities, so it runs only in demo mode (`hromada seed --demo`).")
                }
                do {
                    return try await BulkResidents(services: services).create(count: count, city: verifyResident, tokensOut: tokensOut)
                } catch AppError.notFound {
                    throw CommandFailure("No municipality with slug '\(verifyResident)'.")
                } catch AppError.invalid(code: "tokens_out_unwritable", _) {
                    throw CommandFailure("Cannot write \(tokensOut): check that the folder exists and is writable.")
                }
            }
            print("Created \(created) verified residents of \(verifyResident); tokens are in \(tokensOut).")
        }
    }
}
