import HromadaDomain
import Logging
import NIOCore
import SQLKit
import SQLiteKit
import Synchronization
import VaporCSQLite

/// One libsqlite3 connection, called directly and synchronously on the
/// thread that asks.
///
/// Why not SQLiteNIO's connection: it runs every statement on a thread pool,
/// hands every row back through an event loop and prepares every statement
/// afresh, three thread switches and a parse per statement. For the single
/// writer that was most of a ballot's cost (about 1.4 ms for its four
/// statements, with SQLite itself a small part). Here statements come from a
/// cache of prepared ones and run where they are called; the callers choose
/// the thread: the writer has its own (`SQLiteThread`), reads run where
/// the request runs, as they are short.
///
/// The C library is SQLiteNIO's own copy of SQLite (its `VaporCSQLite`
/// module), so the process holds one SQLite, whose POSIX file locks are only
/// coherent within one copy.
final class SQLiteHandle: Sendable {
    /// The connection is used by one thread at a time (the writer's thread,
    /// or the one reader that took it from the pool); the mutex makes that a
    /// rule the compiler can see and costs an uncontended lock per statement.
    private let connection: Mutex<Connection>

    private struct Connection: ~Copyable {
        package var database: OpaquePointer?
        var statements: [String: PreparedStatement] = [:]

        deinit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.pointer) }
            if let database { sqlite_nio_sqlite3_close_v2(database) }
        }
    }

    /// A statement prepared once on its connection, and the values its
    /// parameters hold since its last run.
    private final class PreparedStatement {
        let pointer: OpaquePointer
        let columns: SQLiteColumns
        /// Every parameter NULL, as SQLite starts them and as clearing leaves
        /// them; one per parameter.
        let unbound: [SQLiteData]
        /// Nil when not known (a bind failed).
        var bound: [SQLiteData]?

        init(pointer: OpaquePointer, columns: SQLiteColumns, parameterCount: Int) {
            self.pointer = pointer
            self.columns = columns
            self.unbound = Array(repeating: .null, count: parameterCount)
            self.bound = unbound
        }
    }

    /// A value bound longer than this is let go after its statement has run,
    /// so that the statement cache does not hold an upload's bytes.
    private static let largestKeptBinding = 16 << 10

    /// Bounds the statement cache; the application has a few hundred query
    /// shapes, and builders with IN lists of varying length make more.
    private static let cachedStatementLimit = 512

    /// `sqlite3_initialize` once per process before the first open: its
    /// global configuration is not safe to race on.
    private static let libraryReady: Bool = sqlite_nio_sqlite3_initialize() == SQLITE_OK

    private init(database: sending OpaquePointer) {
        connection = Mutex(Connection(database: database))
    }

    /// Opens (creating if need be) the file at `path`, or a private in-memory
    /// database for `":memory:"`.
    package static func open(path: String) throws(SQLiteFailure) -> SQLiteHandle {
        guard libraryReady else { throw SQLiteFailure(code: SQLITE_ERROR, message: "SQLite failed to initialise") }
        var database: OpaquePointer?
        // NOMUTEX: the Mutex above already keeps one thread per connection.
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &database, flags, nil)
        guard status == SQLITE_OK, let database else {
            let message = database.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            if let database { sqlite_nio_sqlite3_close_v2(database) }
            throw SQLiteFailure(code: status, message: "\(message) (\(path))")
        }
        return SQLiteHandle(database: database)
    }

    /// Runs one statement with its parameters, calling `onRow` for each
    /// result row before the next is read.
    package func execute(_ sql: String, _ binds: [SQLiteData], onRow: (SQLiteValues) throws -> Void) throws {
        try connection.withLock { connection in
            guard let database = connection.database else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "connection is closed") }
            let statement = try Self.prepared(sql, in: &connection, database: database)
            // Whatever happens below, the statement goes back to the cache
            // reset, so no read transaction stays open because a statement was
            // left mid-step; large values are unbound (see `bind`).
            defer {
                sqlite_nio_sqlite3_reset(statement.pointer)
                if statement.bound.map(Self.holdsLargeValue) ?? false {
                    sqlite_nio_sqlite3_clear_bindings(statement.pointer)
                    statement.bound = statement.unbound
                }
            }
            try Self.bind(binds, to: statement, database: database)
            while true {
                let status = sqlite_nio_sqlite3_step(statement.pointer)
                if status == SQLITE_DONE { return }
                guard status == SQLITE_ROW else { throw SQLiteFailure(code: status, database: database) }
                try onRow(SQLiteValues(columns: statement.columns, values: Self.values(of: statement)))
            }
        }
    }

    /// How many times SQLite has prepared this cached statement again since
    /// it was first prepared (a plan tied to a bound value, or a changed
    /// schema); nil if it is not in the cache. For tests and diagnosis.
    func repreparations(of sql: String) -> Int? {
        connection.withLock { connection in
            connection.statements[sql].map { Int(sqlite_nio_sqlite3_stmt_status($0.pointer, Int32(SQLITE_STMTSTATUS_REPREPARE), 0)) }
        }
    }

    /// Closes the connection; later statements fail instead of reaching SQLite.
    package func close() {
        connection.withLock { connection in
            for statement in connection.statements.values { sqlite_nio_sqlite3_finalize(statement.pointer) }
            connection.statements.removeAll()
            if let database = connection.database { sqlite_nio_sqlite3_close_v2(database) }
            connection.database = nil
        }
    }

    private static func prepared(_ sql: String, in connection: inout Connection, database: OpaquePointer) throws -> PreparedStatement {
        if let cached = connection.statements[sql] { return cached }
        if connection.statements.count >= cachedStatementLimit {
            for statement in connection.statements.values { sqlite_nio_sqlite3_finalize(statement.pointer) }
            connection.statements.removeAll(keepingCapacity: true)
        }
        var pointer: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard status == SQLITE_OK else { throw SQLiteFailure(code: status, database: database) }
        // An empty statement (only a comment, say) prepares to nothing.
        guard let pointer else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "no SQL statement in: \(sql.prefix(80))") }
        let count = sqlite_nio_sqlite3_column_count(pointer)
        let names = (0..<count).map { index in sqlite_nio_sqlite3_column_name(pointer, index).map { String(cString: $0) } ?? "" }
        let statement = PreparedStatement(
            pointer: pointer, columns: SQLiteColumns(names: names), parameterCount: Int(sqlite_nio_sqlite3_bind_parameter_count(pointer)))
        connection.statements[sql] = statement
        return statement
    }

    /// SQLite copies the bytes before the call returns (`SQLITE_TRANSIENT`).
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    /// Binds a run's values, leaving alone each parameter that already holds
    /// the same value.
    ///
    /// Why not clear and bind everything each time: where a statement's
    /// query plan may depend on a parameter's value, SQLite marks the
    /// statement to be prepared again whenever that parameter is bound, and
    /// whenever bindings are cleared. A budget's projects (`edition_id = ?
    /// AND municipality_id = ? ORDER BY number`) are such a statement; it was
    /// parsed and planned afresh on every ballot, 5 % of a ballot's request
    /// CPU (issue 25). Bound again only when a value changes, it is planned
    /// once per edition, as SQLite intends.
    private static func bind(_ binds: [SQLiteData], to statement: PreparedStatement, database: OpaquePointer) throws {
        let previous: [SQLiteData]
        if let bound = statement.bound {
            previous = bound
        } else {
            sqlite_nio_sqlite3_clear_bindings(statement.pointer)
            previous = statement.unbound
        }
        statement.bound = nil
        // Parameters this run does not give are NULL, never a former run's value.
        let values = binds.count < statement.unbound.count ? binds + statement.unbound[binds.count...] : binds
        for (offset, value) in values.enumerated() {
            if offset < previous.count, sameValue(previous[offset], value) { continue }
            let status = bind(value, at: Int32(offset + 1), to: statement.pointer)
            guard status == SQLITE_OK else { throw SQLiteFailure(code: status, database: database) }
        }
        statement.bound = values
    }

    /// Byte for byte: `String`'s `==` holds two spellings of one Unicode text
    /// equal, and the database must get the bytes it was given.
    private static func sameValue(_ a: SQLiteData, _ b: SQLiteData) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): x == y
        case (.float(let x), .float(let y)): x.bitPattern == y.bitPattern
        case (.text(let x), .text(let y)): x.utf8.elementsEqual(y.utf8)
        case (.blob(let x), .blob(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    private static func holdsLargeValue(_ values: [SQLiteData]) -> Bool {
        values.contains { value in
            switch value {
            case .text(let text): text.utf8.count > largestKeptBinding
            case .blob(let buffer): buffer.readableBytes > largestKeptBinding
            case .integer, .float, .null: false
            }
        }
    }

    private static func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer): return sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double): return sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .null: return sqlite_nio_sqlite3_bind_null(statement, index)
        case .text(let text):
            var text = text
            return text.withUTF8 { bytes in
                sqlite_nio_sqlite3_bind_text64(statement, index, bytes.baseAddress, UInt64(bytes.count), transient, UInt8(SQLITE_UTF8))
            }
        case .blob(let buffer):
            return buffer.withUnsafeReadableBytes { bytes in
                sqlite_nio_sqlite3_bind_blob64(statement, index, bytes.baseAddress, UInt64(bytes.count), transient)
            }
        }
    }

    private static func values(of statement: PreparedStatement) -> [SQLiteData] {
        let pointer = statement.pointer
        return (0..<Int32(statement.columns.names.count)).map { column in
            switch sqlite_nio_sqlite3_column_type(pointer, column) {
            case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(pointer, column)))
            case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(pointer, column))
            case SQLITE_TEXT:
                // column_text before column_bytes, as SQLite's documentation orders them.
                let text = sqlite_nio_sqlite3_column_text(pointer, column)
                let count = Int(sqlite_nio_sqlite3_column_bytes(pointer, column))
                guard let text else { return .text("") }
                return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
            case SQLITE_BLOB:
                let blob = sqlite_nio_sqlite3_column_blob(pointer, column)
                let count = Int(sqlite_nio_sqlite3_column_bytes(pointer, column))
                var buffer = ByteBufferAllocator().buffer(capacity: count)
                if let blob { buffer.writeBytes(UnsafeRawBufferPointer(start: blob, count: count)) }
                return .blob(buffer)
            default: return .null
            }
        }
    }
}

/// A failed SQLite call: its (extended) result code and SQLite's message.
public struct SQLiteFailure: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String

    package init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    package init(code: Int32, database: OpaquePointer) {
        self.init(code: code, message: sqlite_nio_sqlite3_errmsg(database).map { String(cString: $0) } ?? "SQLite error \(code)")
    }

    /// A UNIQUE, PRIMARY KEY, CHECK or FOREIGN KEY constraint refused the write.
    public var isConstraint: Bool { code & 0xff == SQLITE_CONSTRAINT }

    public var description: String { "SQLite error \(code): \(message)" }
}

/// The column names of a prepared statement, shared by all its rows.
final class SQLiteColumns: Sendable {
    package let names: [String]
    private let offsets: [String: Int]

    package init(names: [String]) {
        self.names = names
        // The first of two equal names wins, as in SQLiteNIO's rows.
        offsets = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    package func offset(of name: String) -> Int? { offsets[name] }
}

/// One result row, decoded the way SQLiteKit decodes SQLiteNIO's rows, so
/// the repositories read the same values through either.
struct SQLiteValues: SQLRow {
    package let columns: SQLiteColumns
    package let values: [SQLiteData]

    var allColumns: [String] { columns.names }

    package func contains(column: String) -> Bool { columns.offset(of: column) != nil }

    package func decodeNil(column: String) throws -> Bool {
        guard let offset = columns.offset(of: column) else { return true }
        return values[offset] == .null
    }

    package func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let offset = columns.offset(of: column) else {
            throw DecodingError.keyNotFound(
                NamedCodingKey(stringValue: column), .init(codingPath: [], debugDescription: "no column \(column) in the result"))
        }
        // The plain cases without SQLiteKit's decoder, whose generic path is
        // most of the time of reading a row; anything else goes through it.
        switch values[offset] {
        case .text(let text): if let value = text as? D { return value }
        case .integer(let number):
            if let value = number as? D { return value }
            if let value = Int64(number) as? D { return value }
        case .float(let number): if let value = number as? D { return value }
        default: break
        }
        return try SQLiteDataDecoder().decode(D.self, from: values[offset])
    }
}

/// SQLKit's view of a `SQLiteHandle`: queries are serialised in SQLite's
/// dialect and run synchronously, so awaiting one never switches threads.
struct SQLiteHandleDatabase: SQLDatabase {
    package let handle: SQLiteHandle
    package let logger: Logger
    /// Only for SQLKit's legacy future-returning API; nothing here runs on it.
    package let eventLoop: any EventLoop

    package var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
        let (sql, binds) = serialize(query)
        try handle.execute(sql, try binds.map(Self.data)) { onRow($0) }
    }

    /// The values the repositories bind, without SQLiteKit's encoder where
    /// the type is a plain one: its check for a protocol conformance is a
    /// runtime lookup per value. Same results as the encoder (Bool as 0/1).
    package static func data(_ value: any Encodable & Sendable) throws -> SQLiteData {
        switch value {
        case let text as String: .text(text)
        case let number as Int64: .integer(Int(number))
        case let number as Int: .integer(number)
        case let flag as Bool: .integer(flag ? 1 : 0)
        case let number as Double: .float(number)
        default: try SQLiteDataEncoder().encode(value)
        }
    }
}
