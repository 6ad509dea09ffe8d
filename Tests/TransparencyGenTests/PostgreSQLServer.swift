import Foundation
import Testing

/// The PostgreSQL server the tests use, as `.ci/run` starts it: `TEST_POSTGRESQL_HOST` (a host
/// or a socket folder), `TEST_POSTGRESQL_PORT` and `TEST_POSTGRESQL_USER`, a superuser that may
/// create databases and roles. Each test gets a database of its own, dropped when it ends.
/// The tests drive the server through `psql`, the administrator's own tool.
final class PostgreSQLServer {
    static let environment = ProcessInfo.processInfo.environment
    static let host = environment["TEST_POSTGRESQL_HOST"]
    static let port = environment["TEST_POSTGRESQL_PORT"] ?? "5432"
    static let user = environment["TEST_POSTGRESQL_USER"] ?? "postgres"
    static let psql = Tool.find("psql")
    /// Whether the tests that need a server run: one is configured, or CI requires it (and a
    /// missing one fails them there).
    static let isAvailable = (host != nil && psql != nil) || Tool.requiredInCI
    static let skipMessage = "set TEST_POSTGRESQL_HOST (and _PORT, _USER) to a PostgreSQL server, as .ci/run does"

    /// What `psql` did.
    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    let database: String

    /// A new, empty database.
    init() throws {
        _ = try #require(Self.host, "\(Self.skipMessage)")
        database = "tg_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        try Self.require(Self.run(sql: "CREATE DATABASE \(database) ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0", database: "postgres"), "create the test database")
    }

    deinit {
        _ = try? Self.run(sql: "DROP DATABASE IF EXISTS \(database) WITH (FORCE)", database: "postgres")
    }

    /// Runs `sql` in this database as `user` (the superuser by default), stopping at the first error.
    @discardableResult
    func run(_ sql: String, as user: String = PostgreSQLServer.user) throws -> Result {
        try Self.run(sql: sql, database: database, user: user)
    }

    /// Like `run`, and records an issue (with psql's message) when the SQL fails.
    @discardableResult
    func require(_ sql: String, as user: String = PostgreSQLServer.user, _ what: String = "SQL") throws -> String {
        try Self.require(run(sql, as: user), what)
    }

    static func require(_ result: Result, _ what: String) throws -> String {
        #expect(result.status == 0, "psql failed to \(what): \(result.error)")
        return result.output
    }

    static func run(sql: String, database: String, user: String = PostgreSQLServer.user) throws -> Result {
        let psql = try #require(Self.psql, "psql is not installed (apt-get install postgresql-client)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psql)
        process.arguments = ["-X", "-q", "-A", "-t", "-F", ",", "-v", "ON_ERROR_STOP=1",
                             "-h", host ?? "", "-p", port, "-U", user, "-d", database, "-f", "-"]
        var environment = Self.environment
        environment["PGPASSWORD"] = nil
        environment["PGOPTIONS"] = "-c client_min_messages=warning"
        process.environment = environment
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Output is read on its own thread: a large result would otherwise fill the pipe and stall psql.
        nonisolated(unsafe) var outData = Data()
        let reader = Thread { outData = output.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                      error: String(decoding: errData, as: UTF8.self))
    }
}
