import Foundation
import PublicLog
import Testing
@testable import TransparencyGen

/// A page's key changes with every input of the page and only with them; a value the key does
/// not know makes the page one that is always rendered.
@Suite("Page keys")
struct PageKeyTests {
    func key(_ context: [String: Any], template: String = "log-month", templates: String = "set A") -> String? {
        PageKey.of(template: template, templates: templates, context: context)
    }

    func row(plates: Int = 10, label: String = "Squad 1", location: String? = nil, withheld: Bool = false, databasesKey: String = "A",
             zone: String = "America/Chicago") throws -> LogRow {
        let reader = Reader(id: "SQ-1", kind: .mobile, label: label, operator: .agency, installedOn: nil,
                            decommissionedOn: nil, bcaNotifiedOn: nil)
        let start = try #require(Instant(iso: "2024-11-01T18:00:00Z"))
        let entry = LogEntry(periodID: 7, reader: reader, location: location, locationWithheld: withheld, startedAt: start, endedAt: start.adding(seconds: 3600),
                             startOffsetSeconds: -5 * 3600, endOffsetSeconds: -5 * 3600,
                             startDate: try #require(LocalDate(iso: "2024-11-01")), endDate: try #require(LocalDate(iso: "2024-11-01")),
                             figures: PeriodFigures { $0 == .plates ? plates : 1 }, provenance: .operational, databasesCompared: ["BCA"])
        let catalog = try MessageCatalog(language: .english, file: "en.yaml", text: "")
        return LogRow(entry: entry, readerHref: "../readers/sq-1/", databasesKey: databasesKey,
                      timeZone: try #require(AgencyTimeZone(identifier: zone)), format: .english,
                      words: FigureCell.Words(Messages(catalog: catalog)))
    }

    @Test func theSameInputsGiveTheSameKeyWhateverTheFieldsOrder() throws {
        let one = key(["a": "x", "b": [1, 2], "c": true, "d": NSNull(), "rows": [try row()]])
        let two = key(["rows": [try row()], "d": NSNull(), "c": true, "b": [1, 2], "a": "x"])
        #expect(one != nil)
        #expect(one == two)
    }

    @Test func everyInputChangesTheKey() throws {
        let base = try #require(key(["title": "Public log", "rows": [try row()]]))
        let variants: [String?] = [
            key(["title": "Public log", "rows": [try row()]], template: "log-reader-month"),
            key(["title": "Public log", "rows": [try row()]], templates: "set B"),
            key(["title": "Public log.", "rows": [try row()]]),
            key(["title": "Public log", "rows": [try row(plates: 11)]]),
            key(["title": "Public log", "rows": [try row(label: "Squad 2")]]),
            key(["title": "Public log", "rows": [try row(location: "Main St")]]),
            key(["title": "Public log", "rows": [try row(withheld: true)]]),
            key(["title": "Public log", "rows": [try row(databasesKey: "B")]]),
            key(["title": "Public log", "rows": [try row(zone: "America/Denver")]]),
            key(["title": "Public log", "rows": [try row(), try row()]]),
            key(["title": "Public log", "rows": [try row()], "extra": false]),
        ]
        for (index, variant) in variants.enumerated() {
            #expect(variant != nil && variant != base, "variant \(index) has the base's key")
        }
        #expect(Set(variants.compactMap { $0 }).count == variants.count)
    }

    @Test func textsAreToldApartWhereverTheyAreSplit() {
        #expect(key(["a": ["ab", "c"]]) != key(["a": ["a", "bc"]]))
        #expect(key(["a": "1"]) != key(["a": 1]))
        #expect(key(["a": "true"]) != key(["a": true]))
        #expect(key(["a": ["b": "c"]]) != key(["a": [["b", "c"]]]))
    }

    @Test func aValueOfAnUnknownKindMeansThePageIsAlwaysRendered() {
        #expect(key(["ratio": 0.5]) == nil)
        #expect(key(["rows": [["date": Date(timeIntervalSince1970: 0)]]]) == nil)
    }
}
