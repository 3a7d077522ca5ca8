import ArgumentParser

@main
struct Hromada: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hromada",
        abstract: "Hromada: an open governance platform for Ukrainian municipalities.",
        subcommands: [Serve.self, Migrate.self, Seed.self, Users.self, Audit.self, Backup.self, Restore.self, PB.self, Routes.self, WasteCommand.self]
    )
}

/// A command that could not do its work: ArgumentParser prints
/// "Error: <description>" and exits with 1 (docs/interfaces.md), without the
/// usage text that belongs to mistyped arguments.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
