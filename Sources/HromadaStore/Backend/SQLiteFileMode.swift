#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import VaporCSQLite

/// The database holds addresses, session digests and the outbox: like
/// `hromada.secret`, only the server's user may read it (issue 13).
enum SQLiteFileMode {
    /// Creates the database file with mode 600 before SQLite opens it (SQLite
    /// gives the `-wal`, `-shm` and `-journal` files the database file's mode),
    /// and takes group and other access away from an existing database and
    /// its companion files.
    static func makePrivate(_ path: String) throws(SQLiteFailure) {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, mode_t(0o600))
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw SQLiteFailure(code: SQLITE_CANTOPEN, message: "cannot create \(path): \(reason); check that its folder exists and is writable")
        }
        close(descriptor)
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] {
            var status = stat()
            guard stat(file, &status) == 0, status.st_mode & 0o077 != 0 else { continue }
            _ = chmod(file, status.st_mode & 0o700)
        }
    }

    /// Creates `path` empty with mode 600, refusing one that exists (a backup never overwrites).
    static func createNew(_ path: String) throws(BackupProblem) {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode_t(0o600))
        guard descriptor >= 0 else {
            throw errno == EEXIST ? .targetExists(path) : .cannotCreate(path, String(cString: strerror(errno)))
        }
        close(descriptor)
    }
}
