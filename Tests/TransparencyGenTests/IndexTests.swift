import Foundation
import Testing
import TestSupport
import PublicLog
@testable import TransparencyGen

/// The statewide index (spec, "Statewide index"), built only from what agencies published:
/// three portals from three databases (one signed, one unsigned, one changed after it was
/// published). Its two tables are compared with values read here, independently, from each
/// portal's own files; the changed portal is failed and gives no figure.
@Suite("Statewide index")
struct IndexTests {
    static let now = "2024-11-21T12:00:00Z"
    static let canary = "PRIVATEPLATE9"

    /// A published portal of `agency` from a database of its own, with a plate no index may show.
    static func portal(_ agency: String, key: URL?, partner: (id: String, name: String, jurisdiction: String)) throws -> SiteFixture {
        let site = SiteFixture(config: "agency_name: \(agency)\n" + (key.map { "signing_key: \($0.path)\n" } ?? ""))
        PublishingTests.purgeFixture(site.databasePath)
        let db = FixtureDatabase(existing: site.databasePath)
        db.read("SQ-1", "2024-11-19T19:00:00Z", plate: canary)
        db.insert("sharing_agency", ["agency_id": partner.id, "name": partner.name, "jurisdiction": partner.jurisdiction])
        db.close()
        try site.build(now: PublishingTests.t0)
        return site
    }

    static func sources(_ entries: [(id: String, name: String, county: String, fips: String, portal: URL, signers: String?)], in folder: URL) throws -> URL {
        try sources(entries.map { ($0.id, $0.name, $0.county, $0.fips, $0.portal.path, $0.signers) }, in: folder)
    }

    /// `sources.yaml` for `entries`, each portal a folder's path or an address, in an index
    /// folder with the starter's templates (and `settings` before the sources).
    static func sources(_ entries: [(id: String, name: String, county: String, fips: String, portal: String, signers: String?)], in folder: URL,
                        settings: String = "") throws -> URL {
        for file in IndexScaffold(now: Instant(secondsSinceEpoch: 0)).files() where file.path.hasPrefix("templates/") {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
        }
        var text = settings + "sources:\n"
        for entry in entries {
            text += """
                  - id: \(entry.id)
                    name: \(entry.name)
                    county:
                      name: \(entry.county)
                      fips: "\(entry.fips)"
                    portal: \(entry.portal)

                """
            if let signers = entry.signers { text += "    allowed_signers: '\(signers.trimmingCharacters(in: .newlines))'\n" }
        }
        let url = folder.appendingPathComponent("sources.yaml")
        try Data(text.utf8).write(to: url)
        return url
    }

    static func json(_ site: SiteFixture, _ path: String) throws -> [String: Any] {
        let text = try #require(site.outputText(path))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// What `agencies.csv` must say of a portal that verifies, read from its own files.
    static func expectedRow(id: String, name: String, county: String, fips: String, status: String, _ site: SiteFixture) throws -> [String] {
        let summary = try json(site, "data/summary.json"), publication = try json(site, "publication.json")
        let recent = try #require(summary["last_30_days"] as? [String: Any])
        func count(_ key: String) -> String { (recent[key] as? Int).map(String.init) ?? "" }
        let due = summary["next_audit_due"] as? String ?? ""
        return [id, name, county, fips, status, publication["published_at"] as? String ?? "", publication["as_of"] as? String ?? "",
                count("plates"), count("searches"), count("searches_for_other_agencies"), due,
                due.isEmpty ? "no" : (due < "2024-11-21" ? "yes" : "no")]
    }

    @Test(.enabled(if: SigningTests.sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func theTablesAreTheVerifiedPortalsOwnFiguresAndAChangedPortalFails() throws {
        let key = try SigningTests.key()
        let signed = try Self.portal("Elm Creek Police Department", key: key, partner: ("fbi-mpls", "FBI Minneapolis", "federal"))
        let unsigned = try Self.portal("Anoka Police Department", key: nil, partner: ("ramsey-so", "Ramsey County Sheriff", "minnesota"))
        let changed = try Self.portal("Blaine Police Department", key: nil, partner: ("wi-sp", "Wisconsin State Patrol", "other_state"))
        try Data("<p>not what was published</p>".utf8).write(to: changed.output.appendingPathComponent("index.html"))

        let folder = temporaryFolder("index")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = try Self.sources([
            ("elm-creek", "Elm Creek Police Department", "Hennepin", "27053", signed.output, signed.outputText("allowed_signers")),
            ("anoka", "Anoka Police Department", "Anoka", "27003", unsigned.output, nil),
            ("blaine", "Blaine Police Department", "Anoka", "27003", changed.output, nil),
        ], in: folder)
        let output = folder.appendingPathComponent("public")
        let report = try IndexBuilder(sourcesFile: sources, output: output, now: Instant(iso: Self.now)!).build()
        #expect(report.sources.map(\.status) == ["unsigned", "failed", "verified"])
        #expect(report.sources[1].reason.contains("index.html: changed"), "\(report.sources[1].reason)")

        let agencies = parseCSV(try String(contentsOf: output.appendingPathComponent("data/agencies.csv"), encoding: .utf8))
        #expect(agencies == [
            ["agency_id", "name", "county", "county_fips", "status", "published_at", "as_of", "plates_last_30_days", "searches_last_30_days",
             "searches_for_other_agencies_last_30_days", "next_audit_due", "audit_overdue"],
            try Self.expectedRow(id: "anoka", name: "Anoka Police Department", county: "Anoka", fips: "27003", status: "unsigned", unsigned),
            ["blaine", "Blaine Police Department", "Anoka", "27003", "failed", "", "", "", "", "", "", ""],
            try Self.expectedRow(id: "elm-creek", name: "Elm Creek Police Department", county: "Hennepin", fips: "27053", status: "verified", signed),
        ])
        // Figures that are there to compare: the fixture's reads fall in the last 30 days.
        #expect(!(agencies[1][7]).isEmpty && agencies[1][7] != "0")

        // sharing.csv: each verified or unsigned portal's own rows, by agency, partner name, partner id.
        var expected: [[String]] = []
        for (id, site) in [("anoka", unsigned), ("elm-creek", signed)] {
            let rows = parseCSV(try #require(site.outputText("data/sharing-agencies.csv")))
            let named = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
            expected += named.sorted { ($0["name"]!, $0["agency_id"]!) < ($1["name"]!, $1["agency_id"]!) }
                .map { [id, $0["agency_id"]!, $0["name"]!, $0["jurisdiction"]!, $0["status"]!, $0["searches"]!] }
        }
        let sharing = parseCSV(try String(contentsOf: output.appendingPathComponent("data/sharing.csv"), encoding: .utf8))
        #expect(sharing.first == ["agency_id", "partner_id", "partner_name", "jurisdiction", "status", "searches"])
        #expect(Array(sharing.dropFirst()) == expected)
        #expect(expected.contains { $0[2] == "FBI Minneapolis" && $0[3] == "federal" })
        #expect(!expected.contains { $0[2] == "Wisconsin State Patrol" }, "a failed portal's partners are not used")

        // Nothing private anywhere, and the index verifies as a whole against its own SHA256SUMS.
        for (path, data) in SiteFixture.files(in: output) {
            #expect(!String(decoding: data, as: UTF8.self).contains(Self.canary), "\(path)")
        }
        let sums = try String(contentsOf: output.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
        #expect(sums.contains("  data/agencies.csv\n") && sums.contains("  data/sharing.csv\n"))
    }

    /// A source's allowed_signers line that names another key fails the portal: its figures are not used.
    @Test(.enabled(if: SigningTests.sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func aPortalSignedByAnotherKeyThanTheSourceGivesFails() throws {
        let key = try SigningTests.key(), other = try SigningTests.key()
        let signed = try Self.portal("Elm Creek Police Department", key: key, partner: ("fbi-mpls", "FBI Minneapolis", "federal"))
        let otherLine = try String(contentsOf: URL(fileURLWithPath: other.path + ".pub"), encoding: .utf8)
        let folder = temporaryFolder("index")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = try Self.sources([("elm-creek", "Elm Creek Police Department", "Hennepin", "27053", signed.output,
                                         "Elm-Creek-Police-Department namespaces=\"alpr-transparency@v1\" \(otherLine)")], in: folder)
        let report = try IndexBuilder(sourcesFile: sources, output: folder.appendingPathComponent("public"), now: Instant(iso: Self.now)!).build()
        #expect(report.sources.map(\.status) == ["failed"])
        #expect(report.sources[0].reason.contains("SHA256SUMS.sig"), "\(report.sources[0].reason)")
    }

    @Test func aSourcesFileWithAMistakeIsRefusedByItsLine() throws {
        let folder = temporaryFolder("index")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sources.yaml")
        let cases: [(String, String)] = [
            ("sources:\n  - id: a\n    name: A\n    county:\n      name: X\n      fips: \"27053\"\n    portal: p\n  - id: a\n    name: B\n    county:\n      name: X\n      fips: \"27053\"\n    portal: q\n",
             "sources.yaml line 8: id 'a' is listed twice"),
            ("sources:\n  - id: a\n    name: A\n    county:\n      name: X\n      fips: 27O53\n    portal: p\n", "sources.yaml line 6: the county FIPS code"),
            ("sources:\n  - id: a\n    name: A\n    county:\n      name: X\n      fips: \"27053\"\n    portal: http://alpr.example.gov/\n", "sources.yaml line 7: the portal of a is an http:// address"),
            ("sources:\n  - id: Elm Creek\n    name: A\n", "sources.yaml line 2: id 'Elm Creek'"),
            ("sources:\n  - id: a\n    name: A\n    county:\n      name: X\n      fips: \"27053\"\n    portal: ftp://example.com/\n", "sources.yaml line 7: the portal of a is an address the index cannot read"),
            ("sources:\n  - id: a\n    name: A\n    county:\n      name: X\n      fips: \"27053\"\n    portal: p\n    allowed_signers: hello world\n",
             "sources.yaml line 8: the allowed_signers of a is not a line"),
        ]
        for (text, expected) in cases {
            try Data(text.utf8).write(to: url)
            do {
                _ = try IndexSources.load(url)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
    }

    /// A loopback HTTPS server of `root` with a throwaway certificate for 127.0.0.1, which
    /// redirects `/elsewhere/…` to `localhost` (another host); its port, its certificate, and the process.
    static func httpsServer(_ root: URL) throws -> (port: Int, certificate: URL, process: Process) {
        let folder = temporaryFolder("https")
        let certificate = folder.appendingPathComponent("cert.pem"), key = folder.appendingPathComponent("key.pem")
        let made = try PackageInstallTests.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path,
                                                                  "-out", certificate.path, "-days", "2", "-subj", "/CN=127.0.0.1",
                                                                  "-addext", "subjectAltName=IP:127.0.0.1"])
        #expect(made.status == 0, "\(made.output)")
        let script = folder.appendingPathComponent("serve.py")
        try Data("""
            import http.server, ssl, sys, functools
            root, cert, key = sys.argv[1], sys.argv[2], sys.argv[3]
            class Handler(http.server.SimpleHTTPRequestHandler):
                def log_message(self, *args): pass
                def do_GET(self):
                    if self.path.startswith("/elsewhere/"):
                        self.send_response(302)
                        self.send_header("Location", "https://localhost:%d/%s" % (self.server.server_address[1], self.path[len("/elsewhere/"):]))
                        self.end_headers()
                        return
                    return super().do_GET()
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            server.socket = context.wrap_socket(server.socket, server_side=True)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """.utf8).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, root.path, certificate.path, key.path]
        let out = Pipe()
        process.standardOutput = out
        // Not this process's own output: the runner waits for every holder of it to close it.
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)), "the HTTPS server did not start: \(line)")
        return (port, certificate, process)
    }

    /// An unsigned portal served over loopback HTTPS is read with --ca-file as from a folder;
    /// without the authority its certificate is not trusted, and a redirect to another host is refused.
    @Test func aPortalServedOverHTTPSIsReadWithItsAuthorityOnly() throws {
        let portal = try Self.portal("Anoka Police Department", key: nil, partner: ("ramsey-so", "Ramsey County Sheriff", "minnesota"))
        let server = try Self.httpsServer(portal.output)
        // SIGKILL: a child may inherit SIGTERM ignored from the test runner.
        defer { kill(server.process.processIdentifier, SIGKILL); server.process.waitUntilExit() }
        let folder = temporaryFolder("index")
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: server.certificate.deletingLastPathComponent()) }
        // The same portal, at its address and at one that sends the index to another host.
        let sources = try Self.sources([
            ("anoka", "Anoka Police Department", "Anoka", "27003", "https://127.0.0.1:\(server.port)/", nil),
            ("redirected", "Redirected Police Department", "Anoka", "27003", "https://127.0.0.1:\(server.port)/elsewhere/", nil),
        ], in: folder)

        var builder = IndexBuilder(sourcesFile: sources, output: folder.appendingPathComponent("public"), now: Instant(iso: Self.now)!)
        let untrusted = try builder.build()
        #expect(untrusted.sources.map(\.status) == ["failed", "failed"])
        #expect(untrusted.sources[0].reason.contains("certificate"), "\(untrusted.sources[0].reason)")

        builder.caFile = server.certificate
        let trusted = try builder.build()
        #expect(trusted.sources.map(\.status) == ["unsigned", "failed"], "\(trusted.sources.map(\.reason))")
        #expect(trusted.sources[1].reason.contains("redirects to another site (localhost)"), "\(trusted.sources[1].reason)")
        let agencies = parseCSV(try String(contentsOf: folder.appendingPathComponent("public/data/agencies.csv"), encoding: .utf8))
        #expect(agencies[1] == (try Self.expectedRow(id: "anoka", name: "Anoka Police Department", county: "Anoka", fips: "27003", status: "unsigned", portal)))
    }

    /// A portal that verifies but publishes what its own format does not allow (a negative
    /// count, a date that is none, a sharing row of another width) is failed, with the reason;
    /// the index never publishes over an agency's portal.
    @Test func aPortalWithValuesItsFormatDoesNotAllowFails() throws {
        let portal = try Self.portal("Anoka Police Department", key: nil, partner: ("ramsey-so", "Ramsey County Sheriff", "minnesota"))
        func variant(_ edit: (URL) throws -> Void, _ changed: String) throws -> URL {
            let copy = try VerifyTests.snapshot(portal.output)
            try edit(copy)
            try VerifyTests.rehash(copy, changed)
            try FileManager.default.removeItem(at: copy.appendingPathComponent("manifest.csv"))
            #expect(try PublishedCopyVerifier(copy: copy).verify().isValid, "the variant must verify")
            return copy
        }
        func replacing(_ path: String, _ old: String, _ new: String) -> (URL) throws -> Void {
            { copy in
                let url = copy.appendingPathComponent(path)
                let text = try String(contentsOf: url, encoding: .utf8)
                #expect(text.contains(old), "\(path) has no \(old)")
                try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
            }
        }
        let negative = try variant(replacing("data/summary.json", "\"searches_for_other_agencies\": 0}", "\"searches_for_other_agencies\": -5}"), "data/summary.json")
        let notADate = try variant(replacing("data/summary.json", "\"next_audit_due\": \"", "\"next_audit_due\": \"never "), "data/summary.json")
        let wideRow = try variant(replacing("data/sharing-agencies.csv", "Ramsey County Sheriff,", "Ramsey County Sheriff,extra,"), "data/sharing-agencies.csv")
        // After a red team: a count past any real one (which summed by county would overflow), a
        // count that is not whole or not a number, a line that is not CSV (which a reader would
        // stop at, dropping the rows after it), a code not of the format, a control character, a
        // partner listed twice, an audit completed after the figures' day.
        func summary(_ old: String, _ new: String) throws -> URL { try variant(replacing("data/summary.json", old, new), "data/summary.json") }
        func sharing(_ old: String, _ new: String) throws -> URL { try variant(replacing("data/sharing-agencies.csv", old, new), "data/sharing-agencies.csv") }
        let summaryText = try #require(portal.outputText("data/summary.json"))
        let plates = try #require(summaryText.firstMatch(of: /"plates": [0-9]+/).map { String($0.output) })
        let partnerRow = try #require(portal.outputText("data/sharing-agencies.csv")?.split(whereSeparator: \.isNewline).first { $0.contains("Ramsey") }.map(String.init))
        let cases: [(URL, String)] = [
            (negative, "gives last_30_days.searches_for_other_agencies as -5"),
            (notADate, "gives next_audit_due as \"never"),
            (wideRow, "data/sharing-agencies.csv line 2 has 8 fields, not 7"),
            (try summary(plates, "\"plates\": 9223372036854775807"), "last_30_days.plates as 9223372036854775807, which is not a count"),
            (try summary(plates, "\"plates\": 1.5"), "last_30_days.plates as 1.5"),
            (try summary(plates, "\"plates\": \"12\""), "last_30_days.plates as \"12\""),
            (try summary("\"as_of\": \"", "\"as_of\": \"x"), "gives as_of as"),
            (try sharing("Ramsey County Sheriff,", "Ramsey \"County\" Sheriff,"), "data/sharing-agencies.csv line 2 is not CSV"),
            (try sharing("minnesota", "klingon"), "line 2 gives a jurisdiction or a status that is not one"),
            (try sharing("Ramsey County Sheriff,", "Ramsey County\u{1}Sheriff,"), "line 2 holds a control or direction-override character"),
            (try sharing(partnerRow, partnerRow + "\r\n" + partnerRow), "line 3 lists the agency ramsey-so a second time"),
        ]
        let folder = temporaryFolder("index")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = try Self.sources(cases.enumerated().map { index, item in
            (String(format: "case-%02d", index), "Agency \(index)", "Anoka", "27003", item.0, nil)
        }, in: folder)
        let report = try IndexBuilder(sourcesFile: sources, output: folder.appendingPathComponent("public"), now: Instant(iso: Self.now)!).build()
        for ((_, expected), source) in zip(cases, report.sources) {
            #expect(source.status == "failed" && source.reason.contains(expected), "\(source.id): \(source.reason)")
            #expect(!source.reason.contains(folder.path) && !source.reason.contains("/tmp/"), "a reason names a path: \(source.reason)")
        }

        // An agency's published portal is never the index's output, even one published before publication.json existed.
        #expect(throws: GeneratorError.self) {
            _ = try IndexBuilder(sourcesFile: sources, output: portal.output, now: Instant(iso: Self.now)!).build()
        }
        #expect(portal.outputText("publication.json") != nil)
        try FileManager.default.removeItem(at: negative.appendingPathComponent("publication.json"))
        #expect(throws: GeneratorError.self) {
            _ = try IndexBuilder(sourcesFile: sources, output: negative, now: Instant(iso: Self.now)!).build()
        }
        #expect(FileManager.default.fileExists(atPath: negative.appendingPathComponent("data/summary.json").path))
    }
}
