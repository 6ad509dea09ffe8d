import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Every word the templates and the generator put on a page comes from the catalog: the site
/// is built with a pseudo-locale, the English catalog with each message wrapped in ⟦ ⟧, and
/// all text a reader sees or hears must then be inside the marks, or be data (names and places
/// from the database and the content, numbers, dates by CLDR's conventions).
@Suite("Every word from a catalog")
struct PseudoLocaleTests {
    static let now = "2024-11-20T18:00:00Z"

    /// A page of every kind.
    static let pages = ["data/index.html", "index.html", "searches/index.html", "locations/index.html", "404.html", "log/index.html",
                        "log/2024-11/index.html", "log/readers/fx-1/index.html", "log/readers/sq-7/index.html",
                        "policy/index.html", "audits/index.html", "audits/2024-audit/index.html", "report/index.html"]

    /// The data of the fixture, as the pages may show it.
    static let data = [
        "Test Police Department", "Camera 1", "Squad 7", "FX-1", "SQ-7", "Main St at 5th Ave", "Northbound traffic",
        "Minnesota License Plate Data File (BCA)",
        // The content of `SiteFixture`: the policy and the audit, as their authors wrote them.
        "ALPR Policy", "Purpose", "Plain policy text.", "Independent Auditor, LLC", "Data destroyed within 60 days",
        "BCA notified within 10 days", "One notice late.", "The audit found the program compliant.", "subd.",
    ] + SearchesAndSharingTests.agencies.map(\.name) 
        // File and column names are a contract, in English; citations of the statute are names too.
        + DataFiles.all.map(\.fileName) + DataFiles.all.flatMap { $0.columns.flatMap { [$0.name, $0.law] } }.filter { !$0.isEmpty }
        // The reason rules' ids and words are the spec's, in English whatever the page's language.
        + ReasonRules.builtIn.flatMap { [$0.id] + $0.words }

    /// en.yaml with every text (and every plural form) wrapped in the marks, placeholders kept.
    static func pseudoCatalog() throws -> String {
        let english = try String(contentsOf: Project.templates.appendingPathComponent("messages/en.yaml"), encoding: .utf8)
        return english.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let match = line.wholeMatch(of: /(\s*[a-z0-9_.]+): "(.*)"/) else { return String(line) }
            return "\(match.output.1): \"⟦\(match.output.2)⟧\""
        }.joined(separator: "\n")
    }

    static func site() throws -> SiteFixture {
        let site = SiteFixture()
        site.write("templates/messages/en.yaml", try pseudoCatalog())
        let db = FixtureDatabase(path: site.databasePath)
        db.source("bca", "Minnesota License Plate Data File (BCA)")
        db.reader("FX-1", kind: "fixed", label: "Camera 1")
        db.location("FX-1", "Main St at 5th Ave", placedOn: "2024-01-01", direction: "Northbound traffic", latitude: 45.1, longitude: -93.5)
        db.reader("SQ-7", kind: "mobile", label: "Squad 7", operator: "partner")
        for day in 10...18 {
            db.period("FX-1", "2024-11-\(day)T06:00:00Z", "2024-11-\(day)T18:00:00Z")
            let read = db.read("FX-1", "2024-11-\(day)T07:00:00Z", plate: "PLATE\(day)")
            db.hit(read, day % 2 == 0 ? "warrant" : "stolen_plate", disposition: day % 3 == 0 ? "misread" : "confirmed")
        }
        db.period("SQ-7", "2024-11-19T14:00:00Z", "2024-11-19T23:00:00Z")
        SearchesAndSharingTests.write(db)
        return site
    }

    /// The text a reader sees or a screen reader says: text between tags, and the values of the
    /// attributes that are read out (`aria-label`, `data-label` shown before a stacked cell, `title`).
    static func visibleText(_ html: String) -> String {
        let body = withoutDataBlocks(html.range(of: "<body>").map { String(html[$0.upperBound...]) } ?? html)
        var parts: [String] = []
        for match in body.matches(of: /(?:aria-label|data-label|title|alt)="([^"]*)"/) { parts.append(String(match.output.1)) }
        parts.append(body.replacing(/<[^>]*>/, with: " "))
        return parts.joined(separator: " ")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#123;", with: "{")
            .replacingOccurrences(of: "&#125;", with: "}")
    }

    /// What is left of `text` once the marked messages, the data, the numbers and the dates are taken out.
    static func leftOver(_ text: String) -> [String] {
        // A message may hold another (a span of dates inside a sentence): innermost marks first.
        var rest = text
        while rest.contains(/⟦[^⟦⟧]*⟧/) { rest = rest.replacing(/⟦[^⟦⟧]*⟧/, with: " ") }
        // Addresses written out for print (the council report's `/locations/`) are data, not words:
        // taken out whole, before a column name could be taken out of the middle of one.
        rest = rest.replacing(/(?:https?:\/\/\S+|\/[a-z0-9._\/-]+\/)/, with: " ")
        for value in data.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: value, with: " ") }
        let months = DateFormatter().monthSymbols + DateFormatter().shortMonthSymbols
        return rest.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation || $0.isSymbol || $0.isNumber })
            // The log's keys to its lists of databases are letters (A, B, … AA): symbols, not words.
            .map(String.init).filter { !months.contains($0) && $0.wholeMatch(of: /[A-Z]{1,2}/) == nil }
    }

    @Test func everyWordOnTheTranslatedPagesIsACatalogMessageOrData() throws {
        let site = try Self.site()
        try site.build(now: Self.now)
        for page in Self.pages {
            let html = try #require(site.outputText(page), "\(page)")
            let left = Self.leftOver(Self.visibleText(html))
            #expect(left.isEmpty, "\(page): words not from a catalog: \(Array(Set(left)).sorted().prefix(40))")
        }
    }

    @Test func theMarksProveSomething() throws {
        // Without the pseudo-locale the same check finds the words: it is not vacuous.
        let site = try Self.site()
        site.write("templates/messages/en.yaml", try String(contentsOf: Project.templates.appendingPathComponent("messages/en.yaml"), encoding: .utf8))
        try site.build(now: Self.now)
        let left = Self.leftOver(Self.visibleText(try #require(site.outputText("searches/index.html"))))
        #expect(left.contains("Searches") && left.contains("agencies"))
    }
}
