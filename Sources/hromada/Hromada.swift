import ArgumentParser

@main
struct Hromada: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hromada",
        abstract: "Hromada: an open governance platform for Ukrainian municipalities.",
        subcommands: [Serve.self, Migrate.self, Seed.self, Users.self, Audit.self, PB.self]
    )
}
