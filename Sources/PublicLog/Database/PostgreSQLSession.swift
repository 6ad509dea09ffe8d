import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to a PostgreSQL server, used synchronously: a build reads everything in one
/// transaction on one connection, so a thread of its own waiting on postgres-nio's futures is
/// all it needs. Messages name the address (never the password) and what to do.
final class PostgreSQLSession {
    let address: PostgreSQLAddress
    private let group: MultiThreadedEventLoopGroup
    private let connection: PostgresConnection
    private let logger: Logger

    init(address: PostgreSQLAddress, password: String?) throws(PublicLogError) {
        self.address = address
        var logger = Logger(label: "transparency-gen.postgresql")
        logger.logLevel = .critical
        self.logger = logger
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.group = group
        do {
            var configuration: PostgresConnection.Configuration
            if address.isUnixSocket {
                configuration = .init(unixSocketPath: "\(address.host)/.s.PGSQL.\(address.port)", username: address.user,
                                      password: password, database: address.database)
            } else {
                configuration = .init(host: address.host, port: address.port, username: address.user, password: password,
                                      database: address.database, tls: try Self.tls(address.tls))
            }
            configuration.options.connectTimeout = .seconds(20)
            connection = try PostgresConnection.connect(on: group.next(), configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw Self.failure(error, address: address, doing: nil)
        }
    }

    deinit {
        _ = try? connection.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// PostgreSQL's `sslmode` as postgres-nio's TLS: `allow` and `prefer` try TLS and fall back,
    /// `require` insists without checking the certificate, `verify-ca` checks it against the
    /// system's authorities, `verify-full` the host name too.
    private static func tls(_ mode: PostgreSQLAddress.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .allow, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        let context = try NIOSSLContext(configuration: configuration)
        return mode == .allow || mode == .prefer ? .prefer(context) : .require(context)
    }

    /// Runs `sql` (a read of `what`) with `binds` and returns its rows.
    func rows(_ what: String, _ sql: String, _ binds: [String] = []) throws(PublicLogError) -> [PostgresRow] {
        var bindings = PostgresBindings()
        for value in binds { bindings.append(value) }
        // A connection the server closed (an administrator ended it, the server restarted) would
        // leave a new query waiting for ever.
        guard !connection.isClosed else { throw Self.ended(address: address, doing: what) }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).wait().rows
        } catch {
            throw Self.failure(error, address: address, doing: what)
        }
    }

    /// Runs a statement whose rows do not matter.
    func execute(_ what: String, _ sql: String) throws(PublicLogError) {
        _ = try rows(what, sql)
    }

    /// The connection ended before the build had read everything.
    /// `said` adds the SQLSTATE when the server announced the end before closing.
    static func ended(address: PostgreSQLAddress, doing what: String?, said: String = "") -> PublicLogError {
        PublicLogError("""
            The connection to \(address.serverName), \
            database \(address.database), ended\(what.map { " while reading \($0)" } ?? "")\(said). Build again once the server \
            is back; nothing was published.
            """)
    }

    /// A failure as a clerk or an administrator can act on it: the address, what failed (the
    /// view, for a read), the SQLSTATE and what to do. Never the server's message text, detail
    /// or hint: a view over a malformed row, a cast or a row-security policy can quote a row of a
    /// private table there (`invalid input syntax for type timestamp with time zone: "<plate>"`).
    static func failure(_ error: any Error, address: PostgreSQLAddress, doing what: String?) -> PublicLogError {
        let place = "\(address.serverName), database \(address.database)"
        let atStart = place.prefix(1).uppercased() + place.dropFirst()
        let reading = what.map { " while reading \($0)" } ?? ""
        guard let error = error as? PSQLError else {
            return PublicLogError("""
                Cannot reach \(place)\(reading) (\(String(describing: error))). Check that the server runs and that \
                the host and port in the database address are right; nothing was published.
                """)
        }
        let state = error.serverInfo?[.sqlState] ?? ""
        let notRepeated = "the server's message is not repeated here, as it can quote a row"
        switch (error.code, state) {
        case (.server, "28P01"), (.server, "28000"), (.authMechanismRequiresPassword, _), (.saslError, _):
            return PublicLogError("""
                \(atStart) refused the login of role \(address.user)\(state.isEmpty ? "" : " (SQLSTATE \(state))"). Put the \
                role's password in ~/.pgpass (host:port:database:user:password, chmod 600) or PGPASSWORD, or ask the \
                database administrator to check the role; nothing was published.
                """)
        case (.server, "3D000"):
            return PublicLogError("""
                \(atStart) has no database \(address.database) (SQLSTATE 3D000). Correct the \
                database name in the address; nothing was published.
                """)
        case (.server, "57014"):
            return PublicLogError("""
                \(atStart) cancelled the query\(reading) (a statement timeout, SQLSTATE 57014). \
                Ask the administrator to raise statement_timeout for role \(address.user); nothing was published.
                """)
        case (.server, "42501"):
            return PublicLogError("""
                Role \(address.user) may not read what the build needs\(reading) from \(place) (SQLSTATE 42501). The \
                database administrator runs `transparency-gen schema --postgresql-access --schema \(address.schema) --role \(address.user)` \
                (docs/postgresql.md); nothing was published.
                """)
        case (.server, "42P01"), (.server, "3F000"):
            return PublicLogError("""
                \(atStart) has no views of transparency-gen in schema \(address.schema)\
                \(reading) (SQLSTATE \(state)). The database administrator creates them with `transparency-gen schema --postgresql-access \
                --schema \(address.schema) --role \(address.user)` (docs/postgresql.md); nothing was published.
                """)
        case (.server, let state) where state.hasPrefix("57P"):
            // Shut down, crashed or starting: whether the server's notice or the closed socket
            // reaches the query first is a race, and both mean the same to the clerk.
            return ended(address: address, doing: what, said: " (SQLSTATE \(state))")
        case (.server, let state) where state.hasPrefix("22") || state.hasPrefix("23"):
            return PublicLogError("""
                \(atStart) refused a value of its tables\(reading) (SQLSTATE \(state), \(SQLState.describe(state))); \
                \(notRepeated). The database administrator finds the row in the server's log at this time and corrects \
                it, or the mapping that feeds the table; nothing was published.
                """)
        case (.server, let state):
            return PublicLogError("""
                \(atStart) failed\(reading) (SQLSTATE \(state), \(SQLState.describe(state))); \(notRepeated). The \
                database administrator finds the error in the server's log at this time; nothing was published.
                """)
        case (.connectionError, _) where error.underlying is NIOSSLError || error.underlying is BoringSSLError:
            return PublicLogError("""
                \(atStart) did not present a certificate this machine trusts \
                (sslmode=\(address.tls.rawValue) checks it). Install the authority that signed the server's certificate in \
                this machine's certificate store, or ask the database administrator; sslmode=require encrypts without \
                checking the certificate. Nothing was published.
                """)
        case (.connectionError, _):
            return PublicLogError("""
                Cannot reach \(place)\(reading): nothing answered there. Check that the server runs and that the host and \
                port in the database address are right (and that a firewall lets this machine in); nothing was published.
                """)
        case (.serverClosedConnection, _), (.clientClosedConnection, _), (.uncleanShutdown, _):
            return ended(address: address, doing: what)
        case (.sslUnsupported, _):
            return PublicLogError("""
                \(atStart) does not offer TLS, which sslmode=\(address.tls.rawValue) \
                requires. Ask the administrator to enable it, or (on a trusted network only) set sslmode=prefer; nothing was published.
                """)
        default:
            return PublicLogError("""
                Cannot use \(place)\(reading) (\(error.code)). Check the address and that the server runs; nothing was published.
                """)
        }
    }
}

/// A row of a PostgreSQL result, read by column index like SQLite's.
struct PostgreSQLRow: TableRow {
    let cells: [PostgresCell]

    init(_ row: PostgresRow) { cells = Array(row) }

    private func cell(_ column: Int32) -> PostgresCell? {
        Int(column) < cells.count ? cells[Int(column)] : nil
    }

    func isNull(_ column: Int32) -> Bool { cell(column)?.bytes == nil }

    func text(_ column: Int32) -> String? {
        guard let cell = cell(column), cell.bytes != nil else { return nil }
        if let text = try? cell.decode(String.self) { return ReservedCharacters.cleaned(text) }
        if let number = integer(column) { return String(number) }
        return real(column).map { String($0) }
    }

    func integer(_ column: Int32) -> Int64? {
        guard let cell = cell(column), cell.bytes != nil else { return nil }
        switch cell.dataType {
        case .int8: return try? cell.decode(Int64.self)
        case .int4: return (try? cell.decode(Int32.self)).map(Int64.init)
        case .int2: return (try? cell.decode(Int16.self)).map(Int64.init)
        case .numeric: return (try? cell.decode(Decimal.self)).flatMap { Int64(exactly: NSDecimalNumber(decimal: $0).doubleValue) }
        default: return nil
        }
    }

    func real(_ column: Int32) -> Double? {
        guard let cell = cell(column), cell.bytes != nil else { return nil }
        switch cell.dataType {
        case .float8: return try? cell.decode(Double.self)
        case .float4: return (try? cell.decode(Float.self)).map(Double.init)
        default: return integer(column).map(Double.init)
        }
    }

    func isInteger(_ column: Int32) -> Bool {
        guard let type = cell(column)?.dataType else { return false }
        return [.int2, .int4, .int8].contains(type)
    }

    func isNumber(_ column: Int32) -> Bool {
        guard let type = cell(column)?.dataType else { return false }
        return isInteger(column) || [.float4, .float8, .numeric].contains(type)
    }
}
