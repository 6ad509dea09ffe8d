import Foundation
import Testing
import TestSupport
@testable import TransparencyGen

/// Typed page data: a struct's properties are its template's fields, by their snake_case names.
@Suite("Typed page data")
struct PageDataTests {
    struct Cell: PageData { let label: String; let value: Int }
    struct Page: PageData {
        let platesLast30Days: String
        let isFederal: Bool
        let note: String?
        let cells: [Cell]
        let words: [String]
        let inner: Cell?
    }

    @Test func fieldsAreTheNamesInSnakeCaseWithNestedValuesAndEmptyOptionals() throws {
        let page = Page(platesLast30Days: "1,234", isFederal: true, note: nil, cells: [Cell(label: "a", value: 1), Cell(label: "b", value: 2)],
                        words: ["x", "y"], inner: Cell(label: "c", value: 3))
        let fields = PageFields.fields(of: page)
        #expect(Set(fields.keys) == ["plates_last_30_days", "is_federal", "note", "cells", "words", "inner"])
        #expect(fields["plates_last_30_days"] as? String == "1,234")
        #expect(fields["is_federal"] as? Bool == true)
        #expect(fields["note"] is NSNull, "a nil optional is a field, empty")
        let cells = try #require(fields["cells"] as? [[String: Any]])
        #expect(cells.map { $0["label"] as? String } == ["a", "b"] && cells.map { $0["value"] as? Int } == [1, 2])
        #expect(fields["words"] as? [String] == ["x", "y"])
        #expect((fields["inner"] as? [String: Any])?["label"] as? String == "c")
    }

    @Test func aTemplateRendersTypedDataAndRefusesAFieldTheTypeLacks() throws {
        let folder = temporaryFolder("page-data")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{{platesLast30Days}}".utf8).write(to: folder.appendingPathComponent("camel.mustache"))
        try Data("{{plates_last_30_days}} {{#cells}}{{label}}={{value}};{{/cells}}{{^note}}none{{/note}}".utf8)
            .write(to: folder.appendingPathComponent("snake.mustache"))
        let catalog = try MessageCatalog(language: .english, file: "en.yaml", text: "a: \"b\"\n")
        let set = try TemplateSet(directory: folder, catalog: catalog, kind: SiteKind(name: "test site", starterCommand: "none", settingsFile: "none",
                                                                                     pageTemplates: { [] }, messages: { [] }))
        let page = Page(platesLast30Days: "7", isFederal: false, note: nil, cells: [Cell(label: "a", value: 1)], words: [], inner: nil)
        #expect(try set.render("snake", page) == "7 a=1;none")
        #expect(throws: GeneratorError.self) { try set.render("camel", page) }
    }
}
