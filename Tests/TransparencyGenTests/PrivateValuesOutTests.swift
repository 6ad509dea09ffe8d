import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Two routes by which a value that is not the portal's own words reached a page's markup or a
/// message: data text holding the private-use characters that mark English fallbacks, and a
/// mistyped database address taken for a file path and repeated with its password.
@Suite("Private values out, by other routes")
struct PrivateValuesOutTests {
    static let now = "2024-11-20T18:00:00Z"
    static let open = "\u{E000}"
    static let close = "\u{E001}"

    /// A reader's label, a sharing agency's name and the agency's own name holding the marks:
    /// on a partly published language's pages they stay text (the replacement character), and
    /// never become a `<span lang="en">`.
    @Test func dataTextNeverBecomesMarkupOnAPartlyPublishedLanguage() throws {
        let site = SiteFixture(config: """
            agency_name: "Test \(Self.open)Police\(Self.close) Department"
            languages: [en, so]
            publish_partly: [so]

            """)
        let db = FixtureDatabase(path: site.databasePath)
        db.reader("FX-1", kind: "fixed", label: "Main \(Self.open)Street\(Self.close) reader")
        db.location("FX-1", "Main St at \(Self.open)Elm\(Self.close)", placedOn: "2024-01-01")
        db.period("FX-1", "2024-11-01T12:00:00Z", "2024-11-01T20:00:00Z")
        db.read("FX-1", "2024-11-01T13:00:00Z", plate: "ABC123")
        db.insert("sharing_agency", ["agency_id": "a1", "name": "\(Self.open)Maple\(Self.close) Grove PD", "jurisdiction": "minnesota"])
        db.close()
        try site.build(now: Self.now)
        let files = site.outputFiles()
        var shown = 0
        for (path, data) in files where path.hasSuffix(".html") || path.hasSuffix(".csv") || path.hasSuffix(".xml") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.unicodeScalars.contains { $0 == ReservedCharacters.open || $0 == ReservedCharacters.close }, "\(path)")
            for word in ["Police", "Street", "Elm", "Maple"] {
                #expect(!text.contains("<span lang=\"en\">\(word)</span>"), "\(path): data became markup around \(word)")
            }
            if path.hasPrefix("so/"), text.contains("Main \u{FFFD}Street\u{FFFD} reader") { shown += 1 }
        }
        #expect(shown > 0, "the label is not on the Somali pages as text")
    }

    /// `database:` in site.yaml written in each mistaken form, with a password: refused as an
    /// address with the right form, never repeated. A path that names no file is not repeated
    /// either when it holds what a password would.
    @Test(arguments: [
        "PostgreSQL://tg:Pw-CANARY-2@db.example/alpr?schema=elm",
        "postgresql:/tg:Pw-CANARY-2@db.example/alpr?schema=elm",
        " postgresql://tg:Pw-CANARY-2@db.example/alpr?schema=elm",
        "host=db.example dbname=alpr user=tg password=Pw-CANARY-2",
        "jdbc:postgresql://db.example/alpr?password=Pw-CANARY-2",
    ])
    func aMistypedAddressInSiteYAMLIsNeverRepeated(address: String) throws {
        let folder = temporaryFolder("address")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("agency_name: X\ndatabase: \"\(address)\"\n".utf8).write(to: folder.appendingPathComponent("site.yaml"))
        let error = try #require(throws: GeneratorError.self) { try SiteConfiguration.load(siteDirectory: folder) }
        #expect(error.description.contains("postgresql://USER@HOST:PORT/DBNAME"), "\(error)")
        #expect(!error.description.contains("CANARY"), "\(error)")
        // The same from the command line.
        let fromCommandLine = try #require(throws: GeneratorError.self) { try DatabaseLocation.parse(address, relativeTo: folder) }
        #expect(!fromCommandLine.description.contains("CANARY"), "\(fromCommandLine)")
    }

    @Test func aMissingFileWhoseNameCouldHoldAPasswordIsNotRepeated() throws {
        let site = SiteFixture()
        let error = try #require(throws: GeneratorError.self) {
            try site.build(now: Self.now, database: site.folder.appendingPathComponent("tg@db:Pw-CANARY-3").path)
        }
        #expect(error.description.contains("does not exist") && !error.description.contains("CANARY"), "\(error)")
        let plain = try #require(throws: GeneratorError.self) {
            try site.build(now: Self.now, database: site.folder.appendingPathComponent("missing.sqlite").path)
        }
        #expect(plain.description.contains("missing.sqlite does not exist"), "\(plain)")
    }
}
