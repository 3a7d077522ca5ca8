import ArgumentParser
import Foundation
import HromadaDomain
import HromadaStore

/// `hromada backup FILE`: a consistent copy while the server serves.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database while the server runs, and check the audit chain of the copy.",
        discussion: """
            SQLite: VACUUM INTO FILE (mode 600), then the copy's pages and audit chain are checked. \
            PostgreSQL: pg_dump -Fc into FILE when pg_dump is installed, after checking the chain; otherwise it says how to run it. \
            Keep the secret (hromada.secret or HROMADA_SECRET) and HROMADA_IDENTITY_KEY with your backups, apart from them: \
            without the identity key every resident looks new.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The backup file to write; it must not exist yet.") var file: String

    func run() async throws {
        try await Log.bootstrap()
        let location = try database.location()
        let target = URL(fileURLWithPath: file).path
        guard let keys = try database.existingKeys(for: location) else {
            throw CommandFailure("No secret to check the audit chain with: set HROMADA_SECRET (or keep hromada.secret beside the SQLite file).")
        }
        switch location {
        case .sqliteMemory:
            throw CommandFailure("An in-memory database (sqlite::memory:) lives only inside its server; there is nothing to back up from here.")
        case .sqliteFile(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure("There is no database at \(path). Name the one the server uses with --database or HROMADA_DATABASE_URL.")
            }
            let started = ContinuousClock.now
            do {
                try Store.copySQLite(from: path, to: target)
            } catch let problem as BackupProblem {
                throw CommandFailure(problem.description)
            }
            let report = try await BackupCheck.check(.sqliteFile(path: target), keys: keys)
            let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? NSNumber)?.int64Value ?? 0
            print("Backed up \(location.redactedDescription) to \(target) (\(BackupCheck.bytes(size)), \(BackupCheck.seconds(since: started))).")
            print(report)
            print(BackupCheck.keepReminder)
        case .postgres(let url):
            let report = try await BackupCheck.check(location, keys: keys)
            let connection = PostgresTool.Connection(url: url)
            guard let pgDump = PostgresTool.find("pg_dump") else {
                throw CommandFailure("""
                    pg_dump is not installed here, so nothing was copied. The database's audit chain was checked: \(report)
                    Install the PostgreSQL client of the server's major version (Debian: apt-get install postgresql-client) and run hromada backup again, or run it yourself:
                      PGPASSWORD=… pg_dump -Fc --no-owner\(connection.schemaArguments.map { " " + $0 }.joined()) -f \(target) '\(connection.redactedURI)'
                    """)
            }
            guard !FileManager.default.fileExists(atPath: target) else { throw CommandFailure(BackupProblem.targetExists(target).description) }
            guard FileManager.default.createFile(atPath: target, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CommandFailure(BackupProblem.cannotCreate(target, "permission denied or no such folder").description)
            }
            let started = ContinuousClock.now
            do {
                try PostgresTool.run(pgDump, ["-Fc", "--no-owner"] + connection.schemaArguments + ["-f", target, "-d", connection.uri], password: connection.password)
            } catch {
                try? FileManager.default.removeItem(atPath: target)
                throw error
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? NSNumber)?.int64Value ?? 0
            print("Backed up \(location.redactedDescription) to \(target) with pg_dump -Fc (\(BackupCheck.bytes(size)), \(BackupCheck.seconds(since: started))).")
            print("Before the dump: \(report)")
            print(BackupCheck.keepReminder)
        }
    }
}

/// `hromada restore FILE`: a backup put in place of an empty database.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put a backup in place of an empty database, after checking its pages and audit chain.",
        discussion: """
            The database named by --database or HROMADA_DATABASE_URL must be empty or not exist yet: restore never overwrites data. \
            The deployment's secret must already be in place (HROMADA_SECRET, or the hromada.secret kept with the backup beside the SQLite file), \
            with the same HROMADA_IDENTITY_KEY. An SQLite backup restores into SQLite; a pg_dump archive into PostgreSQL, with pg_restore.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The backup: a file made by hromada backup.") var file: String

    func run() async throws {
        try await Log.bootstrap()
        let location = try database.location()
        let backup = URL(fileURLWithPath: file).path
        let kind = try BackupKind(of: backup)
        switch (location, kind) {
        case (.sqliteFile, .postgresArchive):
            throw CommandFailure("\(backup) is a PostgreSQL archive (pg_dump -Fc); restore it into a PostgreSQL database (--database postgres://…).")
        case (.postgres, .sqlite):
            throw CommandFailure("\(backup) is an SQLite database; restore it into an SQLite file (--database sqlite:PATH).")
        default: break
        }
        guard let keys = try database.existingKeys(for: location) else {
            let place = if case .sqliteFile(let path) = location { DatabaseOptions.secretFile(beside: path) } else { "HROMADA_SECRET" }
            throw CommandFailure("""
                The deployment's secret is not in place. Put the hromada.secret kept with the backup at \(place) (mode 600), \
                or set HROMADA_SECRET to it, before restoring: with a new secret the audit chain cannot be checked and every session is lost.
                """)
        }
        switch (location, kind) {
        case (.sqliteMemory, _):
            throw CommandFailure("A backup cannot be restored into sqlite::memory:; name a file, such as sqlite:/var/lib/hromada/hromada.sqlite.")
        case (.sqliteFile(let path), .sqlite):
            try await Self.refuseNonEmpty(location, exists: FileManager.default.fileExists(atPath: path))
            let staging = path + ".restoring"
            try? FileManager.default.removeItem(atPath: staging)
            try BackupCheck.copyPrivately(from: backup, to: staging)
            let report: String
            do {
                report = try await BackupCheck.check(.sqliteFile(path: staging), keys: keys)
            } catch {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
                throw error
            }
            // The empty database (if any) and its companions go; the checked copy takes its name.
            for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            guard rename(staging, path) == 0 else {
                throw CommandFailure("Could not move the restored copy into place at \(path): \(String(cString: strerror(errno))).")
            }
            print("Restored \(backup) into \(location.redactedDescription).")
            print(report)
            print("Start the server on it (hromada serve); it applies any migration newer than the backup.")
        case (.postgres(let url), .postgresArchive):
            try await Self.refuseNonEmpty(location, exists: true)
            let connection = PostgresTool.Connection(url: url)
            guard let pgRestore = PostgresTool.find("pg_restore") else {
                throw CommandFailure("""
                    pg_restore is not installed here. Install the PostgreSQL client (Debian: apt-get install postgresql-client) and run hromada restore again, or run it yourself, then hromada audit verify:
                      PGPASSWORD=… pg_restore --no-owner --exit-on-error -d '\(connection.redactedURI)' \(backup)
                    """)
            }
            try PostgresTool.run(pgRestore, ["--no-owner", "--exit-on-error", "-d", connection.uri, backup], password: connection.password)
            let report = try await BackupCheck.check(location, keys: keys)
            print("Restored \(backup) into \(location.redactedDescription).")
            print(report)
            print("Start the server on it (hromada serve); it applies any migration newer than the backup.")
        case (.sqliteFile, .postgresArchive), (.postgres, .sqlite):
            break // refused above
        }
    }

    private static func refuseNonEmpty(_ location: DatabaseLocation, exists: Bool) async throws {
        guard exists else { return }
        let store = try await Store.open(location, logger: Log.logger)
        let tables = try await store.withClosing { try await store.tableCount() }
        guard tables == 0 else {
            throw CommandFailure("""
                \(location.redactedDescription) is not empty (\(tables) tables); restore never overwrites a database. \
                Stop the server and move the database away (or name a new one), then restore.
                """)
        }
    }
}

/// What a backup file is, from its first bytes.
enum BackupKind {
    case sqlite, postgresArchive

    init(of path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandFailure("Cannot read \(path): no such file, or not readable by this user.")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.starts(with: Data("SQLite format 3\0".utf8)) {
            self = .sqlite
        } else if head.starts(with: Data("PGDMP".utf8)) {
            self = .postgresArchive
        } else {
            throw CommandFailure("\(path) is neither an SQLite database nor a pg_dump -Fc archive; it is not a Hromada backup.")
        }
    }
}

/// The checks a backup and a restore make of what they copied.
enum BackupCheck {
    static let keepReminder = """
        Keep with your backups, but apart from them: the secret (hromada.secret beside the database, or HROMADA_SECRET) \
        and HROMADA_IDENTITY_KEY if set. Without the identity key every resident looks new.
        """

    /// Pages (SQLite) and the audit chain, as a line to print; throws when either is broken.
    static func check(_ location: DatabaseLocation, keys: KeyRing) async throws -> String {
        let store = try await Store.open(location, logger: Log.logger)
        return try await store.withClosing {
            let integrity = try await store.integrityCheck()
            guard integrity == ["ok"] else {
                throw CommandFailure("The copy is damaged (SQLite integrity check: \(integrity.prefix(3).joined(separator: "; "))).")
            }
            switch try await AuditChainCheck(store: store, publicKey: keys.auditSigning.publicKey).run() {
            case .success(let report):
                return "Audit chain OK: \(report.blocks) block(s), \(report.entries) sealed entries, \(report.unsealed) waiting to be sealed"
                    + (report.head.map { "; head \($0)." } ?? ".")
            case .failure(.badSignature(let height)) where height == 1:
                throw CommandFailure("""
                    The audit chain's first block does not verify with this deployment's key: the secret in place is not the one \
                    this database was made with. Use the secret kept with the backup.
                    """)
            case .failure(let failure):
                throw CommandFailure("Audit chain BROKEN in the copy: \(failure).")
            }
        }
    }

    /// Copies a file into a new one only its owner may read.
    static func copyPrivately(from source: String, to target: String) throws {
        guard let input = FileHandle(forReadingAtPath: source) else { throw CommandFailure("Cannot read \(source).") }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: target, contents: nil, attributes: [.posixPermissions: 0o600]),
              let output = FileHandle(forWritingAtPath: target)
        else { throw CommandFailure("Cannot create \(target): check that its folder exists and is writable.") }
        defer { try? output.close() }
        do {
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try output.write(contentsOf: chunk) }
            try output.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: target)
            throw CommandFailure("Copying \(source) to \(target) failed: \(error).")
        }
    }

    static func bytes(_ count: Int64) -> String {
        count < 1 << 20 ? "\(count / 1024) KiB" : String(format: "%.1f MiB", Double(count) / 1_048_576)
    }

    static func seconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        return String(format: "%.2f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

/// `pg_dump` and `pg_restore`, run with the password in their environment
/// rather than on their command line (where `ps` shows it).
enum PostgresTool {
    struct Connection {
        /// libpq's URI without the password, and without Hromada's own `search_path` parameter.
        let uri: String
        let password: String?
        let schema: String?

        init(url: String) {
            var components = URLComponents(string: url)
            password = components?.password
            components?.password = nil
            let items = components?.queryItems ?? []
            schema = items.first { $0.name == "search_path" }?.value
            let kept = items.filter { $0.name != "search_path" }
            components?.queryItems = kept.isEmpty ? nil : kept
            if components?.scheme == "postgres" { components?.scheme = "postgresql" }
            uri = components?.string ?? url
        }

        var redactedURI: String { uri }
        var schemaArguments: [String] { schema.map { ["-n", $0] } ?? [] }
    }

    static func find(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        var folders = path.split(separator: ":").map(String.init)
        // Debian keeps each server version's tools here, off the PATH.
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            folders += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        }
        return folders.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ tool: String, _ arguments: [String], password: String?) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CommandFailure("\(URL(fileURLWithPath: tool).lastPathComponent) failed (exit \(process.terminationStatus)): \(text)")
        }
    }
}
