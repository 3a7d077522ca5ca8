import ArgumentParser

/// The process's entry: `pb tally` with plain arguments runs before
/// ArgumentParser is touched (`PBFastPath`); everything else goes to it.
@main
enum Entry {
    static func main() async {
        if PBFastPath.run(Array(CommandLine.arguments.dropFirst())) { return }
        await Hromada.main()
    }
}

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
