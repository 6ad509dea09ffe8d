import Foundation
import Testing
@testable import PublicLog

/// The `database:` address of a PostgreSQL server, and where its password comes from.
@Suite("PostgreSQL address and password")
struct PostgreSQLAddressTests {
    let environment = ["USER": "clerk"]

    @Test func anAddressNamesItsUserHostPortDatabaseAndSchema() throws {
        let address = try PostgreSQLAddress(parsing: "postgresql://tg@db.consortium.example:6543/alpr?schema=elm_creek&sslmode=require",
                                            environment: environment)
        #expect(address.user == "tg" && address.host == "db.consortium.example" && address.port == 6543)
        #expect(address.database == "alpr" && address.schema == "elm_creek" && address.tls == .require)
        #expect(address.description == "postgresql://tg@db.consortium.example:6543/alpr?schema=elm_creek")
        // Defaults: the login name, port 5432, sslmode from PGSSLMODE, else prefer.
        let plain = try PostgreSQLAddress(parsing: "postgres://localhost/alpr?schema=a1", environment: environment)
        #expect(plain.user == "clerk" && plain.port == 5432 && plain.tls == .prefer)
        let fromEnvironment = try PostgreSQLAddress(parsing: "postgresql://h/alpr?schema=a1", environment: ["PGSSLMODE": "verify-full", "PGUSER": "u"])
        #expect(fromEnvironment.tls == .verifyFull && fromEnvironment.user == "u")
        // A Unix socket folder, as a setting or as the percent-encoded host.
        let socket = try PostgreSQLAddress(parsing: "postgresql://u@:5433/alpr?schema=a1&host=/var/run/postgresql", environment: environment)
        #expect(socket.isUnixSocket && socket.host == "/var/run/postgresql" && socket.port == 5433)
        let encoded = try PostgreSQLAddress(parsing: "postgresql://u@%2Fvar%2Frun%2Fpostgresql/alpr?schema=a1", environment: environment)
        #expect(encoded.host == "/var/run/postgresql")
    }

    @Test(arguments: [
        ("postgresql://tg:s3cret-Passw0rd@db/alpr?schema=a", "holds a password"),
        ("postgresql://tg@db/alpr", "names no schema"),
        ("postgresql://tg@db/alpr?schema=Elm-Creek", "not a plain name"),
        ("postgresql://tg@db/?schema=a", "names no database"),
        ("postgresql://tg@db/alpr?schema=a&sslmode=always", "sslmode 'always'"),
        ("postgresql://tg@db/alpr?schema=a&password=x", "the setting 'password'"),
    ])
    func aBadAddressSaysWhatIsWrongWithoutItsPassword(address: String, expected: String) {
        #expect {
            _ = try PostgreSQLAddress(parsing: address, environment: environment)
        } throws: { error in
            let message = "\(error)"
            return message.contains(expected) && !message.contains("s3cret") && message.contains("docs/postgresql.md")
        }
    }

    @Test func thePasswordComesFromPGPASSWORDOrThePasswordFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try """
            # comment
            other.example:5432:alpr:tg:wrong
            db.example:5432:alpr:tg:pass\\:with\\\\colon:and more
            *:*:*:tg:fallback
            localhost:5433:alpr:tg:socket
            """.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let tcp = try PostgreSQLAddress(parsing: "postgresql://tg@db.example/alpr?schema=a", environment: [:])
        #expect(try PostgreSQLPassword.lookup(for: tcp, environment: ["PGPASSFILE": file]) == "pass:with\\colon:and more")
        #expect(try PostgreSQLPassword.lookup(for: tcp, environment: ["PGPASSFILE": file, "PGPASSWORD": "env"]) == "env")
        let other = try PostgreSQLAddress(parsing: "postgresql://tg@else.example/alpr?schema=a", environment: [:])
        #expect(try PostgreSQLPassword.lookup(for: other, environment: ["PGPASSFILE": file]) == "fallback")
        let socket = try PostgreSQLAddress(parsing: "postgresql://x@:5433/alpr?schema=a&host=/run/pg", environment: [:])
        #expect(try PostgreSQLPassword.lookup(for: socket, environment: ["PGPASSFILE": file]) == nil)
        #expect(try PostgreSQLPassword.lookup(for: tcp, environment: ["PGPASSFILE": folder.appendingPathComponent("none").path]) == nil)
        // A file others can read is refused, with the fix.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect {
            _ = try PostgreSQLPassword.lookup(for: tcp, environment: ["PGPASSFILE": file])
        } throws: { "\($0)".contains("chmod 600") && !"\($0)".contains("pass:with") }
    }
}
