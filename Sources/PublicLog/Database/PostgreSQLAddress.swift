import Foundation

/// Where an agency's operational data are on a PostgreSQL server, as `database:` in site.yaml
/// or `--database` write it: `postgresql://[USER@]HOST[:PORT]/DBNAME?schema=NAME`. A host
/// that is a folder (`?host=/var/run/postgresql`, or the percent-encoded path as the host) is
/// the server's Unix socket folder. The password never appears here: it comes from the usual
/// PostgreSQL places (`PostgreSQLPassword`), and the address is shown in messages without one.
public struct PostgreSQLAddress: Sendable, Equatable, CustomStringConvertible {
    /// How TLS is used, as PostgreSQL's `sslmode` (`?sslmode=` or `PGSSLMODE`; default `prefer`).
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    /// A host name or address, or a Unix socket folder (starting with `/`).
    public var host: String
    public var port: Int
    public var database: String
    /// The schema holding the agency's tables and views.
    public var schema: String
    public var tls: TLSMode

    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The server as messages name it: `the PostgreSQL server at db.example:5432`.
    public var serverName: String {
        "the PostgreSQL server at \(isUnixSocket ? "the socket in \(host)" : "\(host):\(port)")"
    }

    /// The address as messages name it: never with a password.
    public var description: String {
        let hostPart = isUnixSocket ? "localhost:\(port)" : "\(host.contains(":") ? "[\(host)]" : host):\(port)"
        let socket = isUnixSocket ? "&host=\(host)" : ""
        return "postgresql://\(user)@\(hostPart)/\(database)?schema=\(schema)\(socket)"
    }

    /// True for text that is meant as a database address or connection string rather than a file
    /// path, however it is mistyped: any `scheme:` start (`PostgreSQL://`, `postgresql:/`,
    /// `jdbc:postgresql://`, `user:password@host`), libpq's `host=… password=…` form, and either
    /// with white space around it. Such text is parsed as an address, whose errors never repeat
    /// it, so that a password in it is never printed as a file name would be.
    public static func looksLikeAddress(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.firstMatch(of: schemeStart) != nil || trimmed.firstMatch(of: keywordValue) != nil
    }

    nonisolated(unsafe) private static let schemeStart = /^[A-Za-z][A-Za-z0-9+.\-]*:/
    /// libpq's connection keywords, as `keyword=value` (any case, spaces allowed around `=`).
    nonisolated(unsafe) private static let keywordValue =
        /(?i)(^|\s)(host|hostaddr|port|dbname|user|password|passfile|sslmode|sslpassword|service|options|connect_timeout|application_name|target_session_attrs)\s*=/

    /// The two forms of the scheme PostgreSQL's own tools accept.
    private static let schemes = ["postgresql://", "postgres://"]

    /// Reads an address; `environment` supplies `PGUSER`, `PGSSLMODE` and the login name's default.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PublicLogError) {
        func bad(_ problem: String) -> PublicLogError {
            PublicLogError("""
                The database address is not a PostgreSQL address transparency-gen can use: \(problem). Write it as \
                postgresql://USER@HOST:PORT/DBNAME?schema=SCHEMA (the password goes in ~/.pgpass or PGPASSWORD, never \
                in the address); docs/postgresql.md explains each part.
                """)
        }
        guard text.trimmingCharacters(in: .whitespacesAndNewlines) == text else {
            throw bad("it has white space before or after it. Remove it (in site.yaml, put the address in double quotes)")
        }
        guard text.firstMatch(of: Self.keywordValue) == nil || Self.schemes.contains(where: text.hasPrefix) else {
            throw bad("""
                it is written as libpq's keywords (host=… dbname=…), which transparency-gen does not read\
                \(text.range(of: "password", options: .caseInsensitive) == nil ? "" : ", and it holds a password: remove it")
                """)
        }
        guard Self.schemes.contains(where: text.hasPrefix), let components = URLComponents(string: text) else {
            throw bad("""
                it does not start with postgresql:// (in lower case, with two slashes). A file whose name starts with a \
                word and a colon is written with ./ before it
                """)
        }
        if components.password != nil {
            throw bad("it holds a password (after the user name and a colon). Remove it: site.yaml is kept with the site, where anyone who can read the folder would read the password")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard ["schema", "sslmode", "host"].contains(item.name) else {
                let name = item.name.wholeMatch(of: /[a-z_]{1,40}/) != nil ? "the setting '\(item.name)'" : "a setting"
                throw bad("it has \(name), which is not schema, sslmode or host")
            }
            query[item.name] = item.value ?? ""
        }
        let path = components.percentEncodedPath.hasPrefix("/") ? String(components.percentEncodedPath.dropFirst()) : ""
        guard let database = path.removingPercentEncoding, !database.isEmpty, !database.contains("/") else {
            throw bad("it names no database after the host (…/DBNAME)")
        }
        guard let schema = query["schema"], PostgreSQLContract.isPlainName(schema) else {
            throw bad(query["schema"] == nil
                ? "it names no schema (?schema=NAME, the schema holding the agency's tables)"
                : "its schema is not a plain name (lower-case letters, digits and underscores)")
        }
        let host = query["host"] ?? components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        guard !host.isEmpty else { throw bad("it names no host") }
        let modeText = query["sslmode"] ?? environment["PGSSLMODE"] ?? TLSMode.prefer.rawValue
        guard let tls = TLSMode(rawValue: modeText) else {
            throw bad("sslmode '\(modeText)' is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.user = components.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        self.host = host
        self.port = components.port ?? Int(environment["PGPORT"] ?? "") ?? 5432
        self.database = database
        self.schema = schema
        self.tls = tls
    }
}
