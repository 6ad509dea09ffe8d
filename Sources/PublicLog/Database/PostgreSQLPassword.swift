import Foundation

/// The password for a PostgreSQL address, from where PostgreSQL's own tools take it: the
/// environment variable `PGPASSWORD`, else the password file (`PGPASSFILE`, else `~/.pgpass`),
/// whose lines are `hostname:port:database:username:password` with `*` matching anything and
/// `\:` and `\\` escaping. The first matching line wins; `localhost` matches a Unix socket. Nil
/// when neither has one (a server that trusts the connection, or one that will refuse it).
public enum PostgreSQLPassword {
    public static func lookup(for address: PostgreSQLAddress,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws(PublicLogError) -> String? {
        if let password = environment["PGPASSWORD"] { return password }
        let path = environment["PGPASSFILE"]
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // As libpq does, a password file others can read is not used; unlike libpq, that stops the
        // build instead of falling through to a refused connection.
        // The mode of the file itself: a link's own mode says nothing (libpq follows the link too).
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if let mode = (try? FileManager.default.attributesOfItem(atPath: target))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw PublicLogError("""
                The PostgreSQL password file \(path)\(target == path ? "" : " (a link to \(target))") can be read by other users of this machine, so it is not used. \
                Run `chmod 600 \(path)`, then build again.
                """)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PublicLogError("The PostgreSQL password file \(path) cannot be read. Check its owner and permissions.")
        }
        let host = address.isUnixSocket ? "localhost" : address.host
        let wanted = [host, String(address.port), address.database, address.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A line's fields, split at unescaped colons.
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
