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

    /// Mistyped addresses and connection strings, each holding a password: recognised as meant
    /// for a server (never taken for a file path, whose message would repeat it), refused with
    /// the right form, and the password never in the message.
    @Test(arguments: [
        ("PostgreSQL://tg:Pw-CANARY-1@db/alpr?schema=a", "postgresql://"),
        ("postgresql:/tg:Pw-CANARY-1@db/alpr?schema=a", "two slashes"),
        (" postgresql://tg:Pw-CANARY-1@db/alpr?schema=a", "white space"),
        ("postgresql://tg:Pw-CANARY-1@db/alpr?schema=a ", "white space"),
        ("host=db dbname=alpr user=tg password=Pw-CANARY-1", "libpq's keywords"),
        ("dbname=alpr PASSWORD = Pw-CANARY-1", "holds a password"),
        ("jdbc:postgresql://db/alpr?user=tg&password=Pw-CANARY-1", "postgresql://"),
        ("tg:Pw-CANARY-1@db/alpr", "postgresql://"),
        ("postgresql://tg@db/alpr?schema=a&Pw-CANARY-1=x", "a setting"),
    ])
    func aMistypedAddressIsRecognisedAndNeverRepeated(text: String, expected: String) {
        #expect(PostgreSQLAddress.looksLikeAddress(text), "taken for a file path: \(text)")
        #expect {
            _ = try PostgreSQLAddress(parsing: text, environment: environment)
        } throws: { error in
            let message = "\(error)"
            return message.contains(expected) && !message.contains("CANARY") && message.contains("postgresql://USER@HOST:PORT/DBNAME")
        }
    }

    @Test func filePathsAreStillFilePaths() {
        for path in ["data/operational.sqlite", "/srv/alpr/export 2024.sqlite", "./c:weird.sqlite", "exports/host-db.sqlite"] {
            #expect(!PostgreSQLAddress.looksLikeAddress(path), "\(path)")
        }
    }

    /// libpq reads the file a link points to, and so does the check of who may read it.
    @Test func aPasswordFileThatIsALinkToAPrivateFileIsUsed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-link-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("secrets/pgpass")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "db.example:5432:alpr:tg:linked\n".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        let link = folder.appendingPathComponent("pgpass").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target.path)
        let address = try PostgreSQLAddress(parsing: "postgresql://tg@db.example/alpr?schema=a", environment: [:])
        #expect(try PostgreSQLPassword.lookup(for: address, environment: ["PGPASSFILE": link]) == "linked")
        // The target readable by others: refused, naming the link's target.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target.path)
        #expect {
            _ = try PostgreSQLPassword.lookup(for: address, environment: ["PGPASSFILE": link])
        } throws: { "\($0)".contains("a link to \(target.path)") && !"\($0)".contains("linked") }
    }
}
