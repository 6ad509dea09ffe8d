import Foundation
import Testing
@testable import PublicLog
import TestSupport

/// Connecting as staff do: over TCP with a password from `PGPASSWORD` or the password file, TLS
/// as `sslmode` asks, one snapshot however the server changes during the build, and clear
/// messages (never the password) when the server refuses, is missing or goes away.
@Suite("PostgreSQL connections", .enabled(if: PostgreSQLServer.isAvailable, "\(PostgreSQLServer.skipMessage)"))
struct PostgreSQLConnectionTests {
    static let tcpHost = ProcessInfo.processInfo.environment["TEST_POSTGRESQL_TCP_HOST"]
    var password: String { PostgreSQLContractTests.password }

    /// A database with the contract, the generator's role with `password`, and the TCP address of it.
    func setUp(sslmode: String = "require") throws -> (server: PostgreSQLServer, address: PostgreSQLAddress) {
        let server = try PostgreSQLContractTests.server()
        let host = try #require(Self.tcpHost, "set TEST_POSTGRESQL_TCP_HOST: the server's loopback address with passwords and TLS, as .ci/run does")
        let address = try PostgreSQLAddress(parsing: """
            postgresql://\(PostgreSQLContractTests.role)@\(host):\(PostgreSQLServer.port)/\(server.database)?schema=\(PostgreSQLContractTests.schema)&sslmode=\(sslmode)
            """, environment: [:])
        return (server, address)
    }

    /// Whether the role's connection to the server uses TLS, as the server sees it.
    func usesTLS(_ server: PostgreSQLServer) throws -> String {
        try server.require("""
            SELECT s.ssl FROM pg_stat_ssl AS s JOIN pg_stat_activity AS a USING (pid)
            WHERE a.usename = '\(PostgreSQLContractTests.role)' AND a.datname = '\(server.database)'
            """).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func thePasswordComesFromPGPASSWORDOrThePasswordFileAndTLSIsUsed() throws {
        let (server, address) = try setUp()
        do {
            let database = try PostgreSQLDatabase(address: address, environment: ["PGPASSWORD": password])
            _ = try database.snapshot()
            #expect(try usesTLS(server) == "t")
        }
        let folder = temporaryFolder("pgpass")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try "\(address.host):\(address.port):\(address.database):\(address.user):\(password)\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        _ = try PostgreSQLDatabase(address: address, environment: ["PGPASSFILE": file]).snapshot()
        // sslmode=disable: no TLS.
        var plain = address
        plain.tls = .disable
        let database = try PostgreSQLDatabase(address: plain, environment: ["PGPASSWORD": password])
        #expect(try usesTLS(server) == "f")
        _ = database
    }

    @Test func aRefusedLoginOrAnUnverifiableCertificateSaysWhatToDoWithoutThePassword() throws {
        let (server, address) = try setUp()
        defer { withExtendedLifetime(server) {} }
        let wrong = "wrong-\(password)"
        #expect {
            _ = try PostgreSQLDatabase(address: address, environment: ["PGPASSWORD": wrong])
        } throws: { error in
            let message = "\(error)"
            return message.contains("refused the login of role \(address.user)") && message.contains("~/.pgpass")
                && !message.contains(wrong) && !message.contains(password)
        }
        // The test server's certificate is self-signed: verify-full cannot trust it.
        var verified = address
        verified.tls = .verifyFull
        #expect {
            _ = try PostgreSQLDatabase(address: verified, environment: ["PGPASSWORD": password])
        } throws: { error in
            let message = "\(error)"
            return message.contains("certificate") && message.contains("sslmode") && !message.contains(password)
        }
        var missing = address
        missing.database = "no_such_database_here"
        #expect {
            _ = try PostgreSQLDatabase(address: missing, environment: ["PGPASSWORD": password])
        } throws: { "\($0)".contains("has no database no_such_database_here") }
    }

    @Test func aServerThatDoesNotAnswerOrASchemaWithoutViewsSaysWhere() throws {
        let (server, address) = try setUp()
        defer { withExtendedLifetime(server) {} }
        var closed = address
        closed.port = 1
        #expect {
            _ = try PostgreSQLDatabase(address: closed, environment: ["PGPASSWORD": password])
        } throws: { "\($0)".contains("Cannot reach the PostgreSQL server at \(address.host):1, database \(address.database)") }
        var elsewhere = address
        elsewhere.schema = "no_such_schema"
        #expect {
            _ = try PostgreSQLDatabase(address: elsewhere, environment: ["PGPASSWORD": password])
        } throws: { error in
            "\(error)".contains("has no view no_such_schema.transparency_contract")
                && "\(error)".contains("transparency-gen schema --postgresql-access --schema no_such_schema")
        }
    }

    @Test func aBuildReadsOneSnapshotWhileTheServerIsWritten() throws {
        let (server, address) = try setUp()
        try server.require("""
            SET search_path = \(PostgreSQLContractTests.schema);
            INSERT INTO data_access (access_id, accessed_at, user_name, purpose) VALUES (1, '2024-11-10T15:00:00Z', 'CANARYUSER', 'audit');
            """)
        let zone = try #require(AgencyTimeZone(identifier: "America/Chicago"))
        let database = try PostgreSQLDatabase(address: address, environment: ["PGPASSWORD": password])
        let before = try database.accountabilityCounts(timeZone: zone)
        // Another writer commits a search in the middle of the build.
        try server.require("""
            INSERT INTO \(PostgreSQLContractTests.schema).data_access (access_id, accessed_at, user_name, purpose)
            VALUES (2, '2024-11-10T16:00:00Z', 'CANARYUSER', 'audit');
            """)
        _ = try database.snapshot()
        #expect(try database.accountabilityCounts(timeZone: zone) == before)
        #expect(before.searchGroups.values.reduce(0, +) == 1)
        // The next build sees it.
        let next = try PostgreSQLDatabase(address: address, environment: ["PGPASSWORD": password])
        #expect(try next.accountabilityCounts(timeZone: zone).searchGroups.values.reduce(0, +) == 2)
    }

    @Test func aServerThatGoesAwayMidBuildStopsItWithAClearMessage() throws {
        let (server, address) = try setUp()
        let database = try PostgreSQLDatabase(address: address, environment: ["PGPASSWORD": password])
        try server.require("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE usename = '\(PostgreSQLContractTests.role)' AND datname = '\(server.database)'
            """)
        #expect {
            _ = try database.snapshot()
        } throws: { error in
            let message = "\(error)"
            return message.contains("ended") && message.contains(address.database) && message.contains("nothing was published")
        }
    }
}
